#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Internal ports: netdevs a vbr bridge creates for the host's IP stack.
# They are made through the vbr genl family (selftests/tools/nlraw speaks
# it raw here; vbrctl.sh covers the tool).
#
# Topology: host h1 is a network namespace whose eth0 (02:00:00:00:00:01,
# 10.0.0.1/24) has its veth peer vh1 on br0. The root namespace holds the
# internal ports, at 10.0.0.100 and up.
source "$(dirname "$0")/lib.sh"

# Attribute and command numbers of uapi/linux/vbr.h.
A_BR_NAME=3
A_PORT_NAME=11
A_PORT_TYPE=12
A_PORT_ADDR=13
A_PORT_MTU=14
CMD_PORT_ADD=5
CMD_PORT_DEL=6

# add_internal BRIDGE NAME [ATTR ...]
add_internal() {
	local br=$1 name=$2
	shift 2
	local out
	out=$($NLRAW genl $CMD_PORT_ADD "$A_BR_NAME:str:$br" \
		"$A_PORT_NAME:str:$name" "$A_PORT_TYPE:u8:1" "$@") ||
		{ echo "$out"; return 1; }
}

del_port() {
	$NLRAW genl $CMD_PORT_DEL "$A_BR_NAME:str:$1" "$A_PORT_NAME:str:$2" \
		>/dev/null
}

setup() {
	load_vbr
	$IP link add br0 type vbr
	$IP link set br0 up
	hosts_add 1
	$IP link set vh1 master br0 up
}

# Count frames of EtherType 0x88b5 arriving on DEV (in NS, or "").
count_setup() {
	tc_counter_add "$1" "$2" "protocol 0x88b5"
}

test_internal_port_shows_what_it_is() {
	setup
	add_internal br0 vi0 "$A_PORT_ADDR:hex:020000000064"
	expect_eq "kind" "$(link_field vi0 .linkinfo.info_kind)" vbr_internal
	expect_eq "master" "$(link_field vi0 .master)" br0
	expect_eq "port kind" "$(link_field vi0 .linkinfo.info_slave_kind)" vbr
	grep -qx DEVTYPE=vbr_internal /sys/class/net/vi0/uevent ||
		fail "no DEVTYPE=vbr_internal"
	expect_eq "address given at creation" \
		"$(link_field vi0 .address)" 02:00:00:00:00:64
	$IP link set vi0 up
	expect_eq "no qdisc" "$(link_field vi0 .qdisc)" noqueue
	expect_eq "driver" "$(ethtool -i vi0 | awk '/^driver:/ {print $2}')" \
		vbr_internal
	local k
	k=$(ethtool -k vi0)
	grep -q '^scatter-gather: on' <<<"$k" || fail "SG off"
	grep -Eq '^\s*tx-checksum-ip-generic: on' <<<"$k" || fail "HW_CSUM off"
	grep -q '^tcp-segmentation-offload: on' <<<"$k" || fail "TSO off"
	# 6.12 made lockless transmit a device field ethtool cannot see.
	if grep -q '^tx-lockless' <<<"$k"; then
		grep -q '^tx-lockless: on \[fixed\]' <<<"$k" || fail "not lltx"
	fi
	# A random address when none is given, and a settable one.
	add_internal br0 vi1
	[[ $(link_field vi1 .address) =~ ^[0-9a-f]{2}(:[0-9a-f]{2}){5}$ ]] ||
		fail "no address"
	[ "$(link_field vi1 .address)" != "$(link_field vi0 .address)" ] ||
		fail "two internal ports share an address"
	expect_ok $IP link set vi1 address 02:00:00:00:00:65
	expect_eq "MTU default" "$(link_field vi1 .mtu)" 1500
	expect_ok $IP link set vi1 mtu 65535
	expect_fail 'mtu greater than device maximum' \
		$IP link set vi1 mtu 65536
}

test_internal_port_refusals() {
	setup
	expect_fail 'use "vbrctl add-port BR NAME type internal"' \
		$IP link add vi9 type vbr_internal
	add_internal br0 vi0
	# The MTU range, the name and the address are checked up front.
	expect_fail 'integer out of range' $NLRAW genl $CMD_PORT_ADD \
		"$A_BR_NAME:str:br0" "$A_PORT_NAME:str:vi1" \
		"$A_PORT_TYPE:u8:1" "$A_PORT_MTU:u32:65536"
	expect_fail 'a device with that name exists' add_internal br0 vi0
	expect_fail 'invalid device name' add_internal br0 'v/1'
	expect_fail 'valid unicast MAC' add_internal br0 vi2 \
		"$A_PORT_ADDR:hex:010000000001"
	# Nothing half-made is left behind.
	$IP link show vi1 >/dev/null 2>&1 && fail "vi1 exists"
	$IP link show vi2 >/dev/null 2>&1 && fail "vi2 exists"
	# It stays in the bridge's namespace.
	$IP netns add n1
	expect_fail 'Invalid argument|netns is immutable' \
		$IP link set vi0 netns n1
	expect_eq "still here" "$(link_field vi0 .master)" br0
}

test_internal_port_ip_reachable() {
	setup
	add_internal br0 vi0
	$IP addr add 10.0.0.100/24 dev vi0
	$IP link set vi0 up
	expect_ok ping -c 3 -W 2 10.0.0.1
	expect_ok $IP netns exec h1 ping -c 3 -W 2 10.0.0.100
	# The bridge learned the internal port's MAC behind it.
	local mac
	mac=$(link_field vi0 .address)
	$BRIDGE -j fdb show dev br0 | jq -e --arg m "$mac" \
		'.[] | select(.mac == $m and .viaIf == "vi0")' >/dev/null ||
		fail "vi0's MAC not learned behind vi0"
	# Host stats count both ways.
	expect_ge "vi0 tx" "$(stat_of '' vi0 tx_packets)" 3
	expect_ge "vi0 rx" "$(stat_of '' vi0 rx_packets)" 3
}

test_two_internal_ports_talk() {
	setup
	add_internal br0 vi0 "$A_PORT_ADDR:hex:020000000064"
	add_internal br0 vi1 "$A_PORT_ADDR:hex:020000000065"
	$IP link set vi0 up
	$IP link set vi1 up
	count_setup '' vi1
	count_setup '' vi0
	# Teach the bridge where vi1 is, then send vi0 -> vi1 unicast.
	$SENDETH vi1 ff:ff:ff:ff:ff:ff 02:00:00:00:00:65 -c 1
	$SENDETH vi0 02:00:00:00:00:65 02:00:00:00:00:64 -c 10
	wait_for 20 count_ge '' vi1 10
	expect_eq "vi0 -> vi1 frames" "$(tc_count '' vi1)" 10
	# Unicast to a known port goes nowhere else: h1 saw only the
	# broadcast.
	expect_eq "h1 frames" "$(tc_count h1 eth0)" 1
	# And back; vi0 already had vi1's broadcast.
	expect_eq "broadcast reached vi0" "$(tc_count '' vi0)" 1
	$SENDETH vi1 02:00:00:00:00:64 02:00:00:00:00:65 -c 5
	wait_for 20 count_ge '' vi0 6
	expect_eq "vi1 -> vi0 frames" "$(tc_count '' vi0)" 6
	expect_eq "h1 frames" "$(tc_count h1 eth0)" 1
}

test_internal_tcp_keeps_gso() {
	setup
	add_internal br0 vi0
	$IP addr add 10.0.0.100/24 dev vi0
	$IP link set vi0 up
	$IP netns exec h1 nc -l -p 5001 > /tmp/gso.out &
	local srv=$!
	# The host's TCP hands vi0 GSO skbs; if the bridge forwards them
	# whole, vh1 transmits frames longer than the 1500 MTU.
	timeout 30 tcpdump -i vh1 -c 1 -w /tmp/gso.pcap 'greater 3000' \
		>/dev/null 2>&1 &
	local cap=$!
	sleep 1
	bash -c 'exec 3<>/dev/tcp/10.0.0.1/5001
		head -c 4000000 /dev/zero >&3; exec 3>&-'
	wait $srv || true
	expect_eq "bytes received intact" "$(stat -c %s /tmp/gso.out)" 4000000
	wait $cap || fail "no frame over the MTU on vh1: GSO segmented early"
	local pkts bytes
	pkts=$(stat_of '' vi0 tx_packets)
	bytes=$(stat_of '' vi0 tx_bytes)
	expect_ge "average size of what vi0 sent" $((bytes / pkts)) 1600
}

test_internal_port_removal() {
	setup
	add_internal br0 vi0
	add_internal br0 vi1
	add_internal br0 vi2
	# By the genl family, by "ip link del", and with the bridge.
	del_port br0 vi0
	$IP link show vi0 >/dev/null 2>&1 && fail "vi0 still exists"
	$IP link del vi1
	expect_eq "ports left" "$($IP -o link show master br0 | wc -l)" 2
	$IP link del br0
	$IP link show vi2 >/dev/null 2>&1 && fail "vi2 outlived its bridge"
	return 0
}

test_internal_port_nomaster() {
	setup
	add_internal br0 vi0
	$IP link add br1 type vbr
	# Released, it is a plain device that drops what it sends; it can
	# join another bridge.
	$IP link set vi0 nomaster
	$IP link set vi0 up
	expect_eq "no master" "$(link_field vi0 .master)" null
	$SENDETH vi0 ff:ff:ff:ff:ff:ff 02:00:00:00:00:64 -c 3 || true
	expect_ok $IP link set vi0 master br1
	expect_eq "new master" "$(link_field vi0 .master)" br1
	$IP link del br1
	$IP link show vi0 >/dev/null 2>&1 && fail "vi0 outlived br1"
	return 0
}

test_internal_rmmod_and_netns_exit() {
	setup
	add_internal br0 vi0
	$IP addr add 10.0.0.100/24 dev vi0
	$IP link set vi0 up
	$IP netns exec h1 ping -f -w 3 10.0.0.100 >/dev/null 2>&1 &
	# A bridge with an internal port in another namespace.
	$IP netns add n2
	$IP netns exec n2 $NLRAW genl 1 "$A_BR_NAME:str:br2" >/dev/null
	$IP netns exec n2 $NLRAW genl $CMD_PORT_ADD "$A_BR_NAME:str:br2" \
		"$A_PORT_NAME:str:vi5" "$A_PORT_TYPE:u8:1" >/dev/null
	sleep 1
	$IP netns del n2
	wait
	expect_ok modprobe -r vbr
	$IP link show vi0 >/dev/null 2>&1 && fail "vi0 survived rmmod"
	return 0
}

# A device stacked on an internal port sends into the bridge through it:
# as a port of the same bridge it would loop.
test_stacked_on_internal_port_refused() {
	setup
	add_internal br0 vi0
	$IP link add link vi0 name vi0.5 type vlan id 5
	expect_fail 'on an internal port of this bridge' \
		$IP link set vi0.5 master br0
	[ ! -e /sys/class/net/vi0.5/master ] || fail "vi0.5 has a master"
	# Another bridge may take it.
	$IP link add br1 type vbr
	expect_ok $IP link set vi0.5 master br1
}

run_tests \
	test_internal_port_shows_what_it_is \
	test_internal_port_refusals \
	test_internal_port_ip_reachable \
	test_two_internal_ports_talk \
	test_internal_tcp_keeps_gso \
	test_internal_port_removal \
	test_internal_port_nomaster \
	test_internal_rmmod_and_netns_exit \
	test_stacked_on_internal_port_refused
