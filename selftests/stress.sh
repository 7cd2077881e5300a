#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Stress: while frames from many source MACs flood through the bridge,
# concurrently add and delete ports, create and delete internal ports
# (with traffic through them), change the ageing time (which also
# re-runs ageing), flush the FDB through the genl family and through
# limit changes, delete and recreate a bridge, delete the network
# namespaces of ports, and make loops (a veth pair with both ends on
# br0) that loop protection cuts, unblock them by hand while the loop is
# there, and break them. Ends with rmmod. The VM harness fails the run on any splat,
# leak (kmemleak on the debug kernel) or refcount warning.
source "$(dirname "$0")/lib.sh"

# The issue's 60 s on the debug kernel (the one with KUnit); 30 s where
# no sanitizer watches, as a smoke test of the same churn.
if [ -d /sys/kernel/debug/kunit ]; then
	SECS=${VBR_STRESS_SECS:-60}
else
	SECS=${VBR_STRESS_SECS:-30}
fi

# Loops run until the deadline; failures of single commands are expected
# (a device vanishing under another loop) and ignored: the kernel must
# simply survive them.
until_deadline() {
	local end=$1 n=0
	shift
	while [ "$EPOCHSECONDS" -lt "$end" ]; do
		"$@" >/dev/null 2>&1 || true
		n=$((n + 1))
	done
	echo "$1 ${2:-}: $n rounds"
}

churn_ports() {
	$IP link add vs1 type veth peer name vs2
	$IP link set vs1 master br0
	$IP link set vs1 up
	$IP link set vs2 up
	$IP link set vs1 nomaster
	$IP link set vs1 master br0
	$IP link del vs1
}

churn_ageing() {
	$IP link set br0 type vbr ageing_time $((RANDOM % 3))
	$IP link set br0 type vbr max_learned $((RANDOM % 500))
	$IP link set dev vh1 type vbr_slave max_learned $((RANDOM % 100)) \
		learning $([ $((RANDOM % 2)) = 0 ] && echo on || echo off)
	$IP link set br0 type vbr ageing_time 0
}

# Protections switched under the flood: storm limits low enough to drop
# (and with storm_block to block), BPDUs against BPDU guard, ports
# blocked and unblocked by hand, err_recovery lifting blocks.
onoff() { [ $((RANDOM % $1)) = 0 ] && echo on || echo off; }

churn_protect() {
	$IP link set dev vh1 type vbr_slave storm_bcast $((RANDOM % 50)) \
		storm_ucast $((RANDOM % 50)) storm_burst $((RANDOM % 20)) \
		storm_block "$(onoff 4)"
	$IP link set br0 type vbr err_recovery $((RANDOM % 2))
	$IP link set dev vh2 type vbr_slave bpdu_guard "$(onoff 2)"
	"$SENDETH" -n h2 eth0 01:80:c2:00:00:00 02:00:00:00:00:02 -t 0x26 -c 3
	$IP link set dev vh1 type vbr_slave state forwarding
	$IP link set dev vh2 type vbr_slave state "$([ $((RANDOM % 2)) = 0 ] &&
		echo blocked || echo forwarding)"
	$IP link set dev vh1 type vbr_slave storm_bcast 0 storm_ucast 0
}

churn_bridge() {
	$IP link add br1 type vbr
	$IP link set br1 up
	$IP link add vt1 type veth peer name vt2
	$IP link set vt1 master br1
	$IP link set vt1 up
	$IP link set vt2 up
	$SENDETH vt2 ff:ff:ff:ff:ff:ff 02:00:00:00:00:33 -r -c 50
	$IP link del br1
	$IP link del vt1
}

churn_netns() {
	hosts_add -m br0 9
	"$SENDETH" -n h9 eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:00:44 -r -c 20
	$IP netns del h9
}

churn_internal() {
	$NLRAW genl 5 3:str:br0 11:str:vsi1 12:u8:1
	$IP addr add 10.0.0.50/24 dev vsi1
	$IP link set vsi1 up
	ping -c 2 -i 0.2 -W 1 10.0.0.1
	$NLRAW genl 5 3:str:br0 11:str:vsi2 12:u8:1
	$IP link set vsi2 up
	$SENDETH vsi2 ff:ff:ff:ff:ff:ff 02:00:00:00:00:55 -r -c 50
	$NLRAW genl 6 3:str:br0 11:str:vsi1
	$IP link del vsi2
}

churn_flush() {
	$NLRAW genl 12 3:str:br0
	$NLRAW genl 12 3:str:br0 11:str:vh1 23:u8:0
	$NLRAW genl 9 3:str:br0 21:hex:020000000077 11:str:vh2
	$NLRAW genl-dump 11 3:str:br0
	$NLRAW genl 12 3:str:br0 23:u8:2
}

VBRCTL=$VBR_TOP/tools/vbrctl/vbrctl

# A loop under the flood: cut by loop protection within a probe round;
# unblocked by hand while it is still there, cut again; then broken.
churn_loops() {
	$IP link add vl1 type veth peer name vl2
	$IP link set vl1 master br0
	$IP link set vl2 master br0
	$IP link set vl1 up
	$IP link set vl2 up
	sleep 1.5
	$VBRCTL set-port br0 vl1 state forwarding
	$VBRCTL set-port br0 vl2 state forwarding
	sleep 1.5
	$IP link del vl1
}

flood() {
	"$SENDETH" -n h1 eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:00:01 -r -c 2000
	"$SENDETH" -n h2 eth0 02:00:00:00:00:01 02:00:00:00:00:02 -c 2000 -s 1400
}

test_stress() {
	load_vbr
	$IP link add br0 type vbr
	$IP link set br0 up
	hosts_add -m br0 1 2
	local end=$((EPOCHSECONDS + SECS))
	until_deadline $end flood &
	until_deadline $end $IP netns exec h1 ping -f -w 5 10.0.0.2 &
	until_deadline $end churn_ports &
	until_deadline $end churn_ageing &
	until_deadline $end churn_protect &
	until_deadline $end churn_bridge &
	until_deadline $end churn_netns &
	until_deadline $end churn_internal &
	until_deadline $end churn_flush &
	until_deadline $end churn_loops &
	wait
	echo "stress ran ${SECS}s" >&2
	# Every entry that names a port is counted on it.
	fdb_check
	# Still forwarding after all that.
	$IP link set br0 type vbr max_learned 0
	$IP link set dev vh1 type vbr_slave learning on max_learned 0
	$IP link set dev vh1 type vbr_slave state forwarding storm_bcast 0 \
		storm_mcast 0 storm_ucast 0 storm_block off
	$IP link set dev vh2 type vbr_slave state forwarding bpdu_guard off
	expect_ok $IP netns exec h1 ping -c 2 -W 2 10.0.0.2
	# And it unloads with a bridge, ports and traffic present.
	$IP netns exec h1 ping -f -w 3 10.0.0.2 >/dev/null 2>&1 &
	sleep 1
	expect_ok rmmod vbr
	wait
}

VBR_TEST_TIMEOUT=$((SECS + 120)) run_tests test_stress
