#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Real NIC drivers under vbr: the VM has two virtio-net NICs cabled to
# each other through a qemu hub, and two e1000 NICs cabled the same way
# (see selftests/vm/run). One NIC of a pair is vbr's uplink, up0; its
# partner, wire0, sits in network namespace "phys" and stands for the
# physical network. Hosts h1.. are veth namespaces on br0, as elsewhere.
# The virtio-net NICs have a hardware VLAN filter (ctrl_vlan).
source "$(dirname "$0")/lib.sh"

VBRCTL=$VBR_TOP/tools/vbrctl/vbrctl
# uapi/linux/vbr.h
CMD_PORT_ADD=5 A_BR_NAME=3 A_PORT_NAME=11 A_PORT_OWNED=19

# nic_by_mac MAC: the interface of the root namespace that has it.
nic_by_mac() {
	local d a
	for d in /sys/class/net/*; do
		read -r a < "$d/address" || continue
		[ "$a" = "$1" ] && { echo "${d##*/}"; return 0; }
	done
	return 1
}

# nics virtio|e1000: load the driver, name the pair up0 (here) and wire0
# (in netns phys, 10.0.0.200/24), both up.
nics() {
	local up wire
	case $1 in
	virtio)
		modprobe virtio_pci 2>/dev/null || true
		modprobe virtio_net
		up=52:54:00:12:00:01 wire=52:54:00:12:00:02 ;;
	e1000)
		modprobe e1000
		up=52:54:00:12:00:03 wire=52:54:00:12:00:04 ;;
	esac
	wait_for 50 nic_by_mac "$up" || fail "no $1 NIC with MAC $up"
	wait_for 50 nic_by_mac "$wire" || fail "no $1 NIC with MAC $wire"
	up=$(nic_by_mac "$up") wire=$(nic_by_mac "$wire")
	$IP -b - <<-EOF
	netns add phys
	link set $up name up0
	link set $wire name wire0 netns phys
	EOF
	$IP -n phys -b - <<-EOF
	link set lo up
	link set wire0 up
	addr add 10.0.0.200/24 dev wire0
	EOF
}

# setup DRIVER: br0 with the uplink and host h1 (10.0.0.1).
setup() {
	load_vbr
	nics "$1"
	$IP link add br0 type vbr
	$IP link set br0 up
	hosts_add 1
	$IP -b - <<-EOF
	link set vh1 master br0
	link set vh1 up
	link set up0 master br0
	link set up0 up
	EOF
}

# Drivers are unloaded after each test, so that the next one starts
# from the same names; a driver's own unregister must find vbr clean.
unload_nics() {
	$IP netns del phys 2>/dev/null || true
	rmmod virtio_net 2>/dev/null || true
	rmmod e1000 2>/dev/null || true
}

ping_phys() {
	$IP netns exec h1 ping -c 2 -W 3 "$@"
}

test_virtio_uplink_ping() {
	setup virtio
	expect_ok ping_phys 10.0.0.200
	# The frames crossed the real driver both ways.
	expect_ge "virtio rx" "$(stat_of '' up0 rx_packets)" 2
	expect_ge "virtio tx" "$(stat_of '' up0 tx_packets)" 2
	unload_nics
}

test_e1000_uplink_ping() {
	setup e1000
	expect_ok ping_phys 10.0.0.200
	unload_nics
}

# The host's TCP hands an internal port GSO skbs: vbr gives them to the
# NIC whole (its port counters see frames over the MTU), and the driver
# or the core segments them as the NIC's features say.
test_virtio_tcp_gso() {
	local A_PORT_TYPE=12
	setup virtio
	$NLRAW genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:vi0" \
		"$A_PORT_TYPE:u8:1" >/dev/null
	$IP addr add 10.0.0.100/24 dev vi0
	$IP link set vi0 up
	ethtool -k up0 | grep -E '^(tcp-segmentation-offload|tx-checksumming):' >&2 || true
	$IP netns exec phys nc -l -p 5001 > /tmp/nic-gso.out &
	local srv=$!
	nap 1
	bash -c 'exec 3<>/dev/tcp/10.0.0.200/5001
		head -c 2000000 /dev/zero >&3; exec 3>&-'
	wait $srv || true
	expect_eq "bytes received intact" "$(stat -c %s /tmp/nic-gso.out)" 2000000
	local j pkts bytes
	j=$($VBRCTL -j stats br0 up0)
	pkts=$($JGET '.[0].ports[0].counters.tx_packets' <<<"$j")
	bytes=$($JGET '.[0].ports[0].counters.tx_bytes' <<<"$j")
	expect_ge "average size vbr handed the NIC" $((bytes / pkts)) 1600
	unload_nics
}

# VLAN 10 between br0.10 (10.0.10.1) and wire0.10 (10.0.10.200).
vlan10() {
	$IP -b - <<-EOF
	link add link br0 name br0.10 type vlan id 10
	addr add 10.0.10.1/24 dev br0.10
	link set br0.10 up
	EOF
	$IP -n phys -b - <<-EOF
	link add link wire0 name wire0.10 type vlan id 10
	addr add 10.0.10.200/24 dev wire0.10
	link set wire0.10 up
	EOF
}

# A VLAN device on br0 and one on the far end: the e1000 inserts and
# strips the tag in "hardware" on the far side, and the frames vbr
# carries are full size plus the tag (1.3 of the review).
test_e1000_vlan_full_size() {
	setup e1000
	vlan10
	ethtool -k wire0 2>/dev/null | grep -i vlan >&2 || true
	expect_ok ping -c 2 -W 3 10.0.10.200
	expect_ok ping -c 2 -W 3 -s 1472 -M do 10.0.10.200
	unload_nics
}

test_virtio_vlan_full_size() {
	setup virtio
	vlan10
	expect_ok ping -c 2 -W 3 -s 1472 -M do 10.0.10.200
	unload_nics
}

# A kprobe on virtio-net's ndo_vlan_rx_add_vid and _kill_vid: what the
# driver is told to put in (or take out of) the NIC's VLAN filter, the
# device's ctrl_vlan table. Needs kprobe events (not in the debug kernel).
TR=/sys/kernel/tracing
vid_trace_start() {
	cat >> $TR/kprobe_events <<-'EOF'
	p:vbr/nic_add_vid virtio_net:virtnet_vlan_rx_add_vid vid=$arg3:u16
	p:vbr/nic_kill_vid virtio_net:virtnet_vlan_rx_kill_vid vid=$arg3:u16
	EOF
	echo > $TR/trace
	echo 1 > $TR/events/vbr/enable
}

vid_trace_stop() {
	[ -e $TR/events/vbr ] || return 0
	echo 0 > $TR/events/vbr/enable
	printf '%s\n' -:vbr/nic_add_vid -:vbr/nic_kill_vid >> $TR/kprobe_events
}

# vid_told add|kill VID: how often the driver was told so.
vid_told() {
	local l n=0
	while IFS= read -r l; do
		[[ $l == *" nic_$1_vid: "*" vid=$2" ]] && n=$((n + 1))
	done < $TR/trace
	echo $n
}

# A trunk to a NIC with a hardware VLAN filter (virtio-net's ctrl_vlan):
# with filtering on, VLAN 10 of the uplink is put in the NIC's filter and
# taken out when filtering goes off; frames cross tagged on the wire and
# untagged at an access port. qemu's virtio-net applies its VLAN table
# only while not promiscuous (wire0 below drops VID 10 until it is), and
# every vbr port is promiscuous, so the frames alone cannot tell whether
# up0's filter was set: the kprobe does.
test_virtio_trunk_vlan_filter() {
	local traced=1
	setup virtio
	matches 'rx-vlan-filter: on' "$(ethtool -k up0)" ||
		fail "up0 has no hardware VLAN filter"
	if [ -w $TR/kprobe_events ]; then
		vid_trace_start
	else
		traced=
		echo "# no kprobe events: the NIC's filter is not traced"
	fi
	$IP link set br0 type vbr vlan_filtering 1
	$BRIDGE -b - <<-EOF
	vlan add dev up0 vid 10
	vlan del dev up0 vid 1
	vlan add dev vh1 vid 10 pvid untagged
	vlan del dev vh1 vid 1
	EOF
	[ -z "$traced" ] || expect_eq "VLAN 10 put in up0's filter" "$(vid_told add 10)" 1
	# wire0, not promiscuous, would drop VID 10 itself: its own filter
	# (qemu's) lacks it.
	$IP -n phys link set wire0 promisc on
	$TC -n phys -b - <<-EOF
	qdisc add dev wire0 clsact
	filter add dev wire0 ingress pref 10 protocol 802.1Q flower vlan_id 10 vlan_ethtype 0x88b5 action pass
	EOF
	# From the wire, tagged: at h1 untagged.
	"$SENDETH" -n phys wire0 ff:ff:ff:ff:ff:ff 02:00:00:00:02:00 -q 10 -c 3
	wait_for 30 count_ge h1 eth0 3
	expect_eq "untagged at h1" "$(rx 1)" 3
	# From h1, untagged: on the wire tagged VID 10.
	send 1 ff:ff:ff:ff:ff:ff -c 4
	wait_for 30 count_ge phys wire0 4
	expect_eq "tagged VID 10 on the wire" "$(tc_count_pref phys wire0 10)" 4
	$IP link set br0 type vbr vlan_filtering 0
	[ -z "$traced" ] || expect_eq "VLAN 10 out of up0's filter" "$(vid_told kill 10)" 1
	vid_trace_stop
	unload_nics
}

# 9000-byte frames through the driver on both sides.
test_virtio_jumbo() {
	setup virtio
	$IP -b - <<-EOF
	link set up0 mtu 9000
	link set vh1 mtu 9000
	EOF
	$IP -n h1 link set eth0 mtu 9000
	$IP -n phys link set wire0 mtu 9000
	expect_ok ping_phys -s 8972 -M do 10.0.0.200
	# And the bridge drops what exceeds the egress MTU, counted.
	$IP link set up0 mtu 1500
	local before
	before=$(vbr_counter br0 drop_mtu)
	$IP netns exec h1 ping -c 2 -W 1 -s 8972 -M do 10.0.0.200 >/dev/null 2>&1 &&
		fail "a 9000-byte frame passed a 1500-byte port"
	expect_ge "drop_mtu" "$(vbr_counter br0 drop_mtu)" $((before + 1))
	unload_nics
}

# The uplink goes down and up: nothing is sent to it while down, and
# traffic resumes after.
test_virtio_link_down_up() {
	setup virtio
	expect_ok ping_phys 10.0.0.200
	$IP link set up0 down
	$IP netns exec h1 ping -c 1 -W 1 10.0.0.200 >/dev/null 2>&1 &&
		fail "ping passed a NIC that is down"
	$IP link set up0 up
	wait_for 50 ping_phys 10.0.0.200 || fail "no traffic after link up"
	unload_nics
}

# 1.1 of the review: a NIC's device belongs to its driver; a port may
# not own it (deleting the port would unregister it behind the driver's
# back, and the driver's own unregister then crashes the kernel).
test_owned_nic_refused() {
	load_vbr
	nics virtio
	$IP link add br0 type vbr
	expect_fail 'cannot own a device rtnetlink cannot delete' \
		$NLRAW genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" \
		"$A_PORT_NAME:str:up0" "$A_PORT_OWNED:flag"
	# Refused before anything changed: the NIC is in no bridge.
	[ ! -e /sys/class/net/up0/master ] || fail "up0 has a master"
	# As a plain port, the bridge's deletion leaves the NIC, and the
	# driver then unregisters it cleanly.
	$IP link set up0 master br0
	$IP link del br0
	[ -e /sys/class/net/up0 ] || fail "up0 went with the bridge"
	$IP netns del phys
	expect_ok rmmod virtio_net
	# And an owned port whose device can be deleted still goes with it.
	$IP link add br0 type vbr
	$IP link add tv0 type veth peer name tv0p
	expect_ok $NLRAW genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" \
		"$A_PORT_NAME:str:tv0" "$A_PORT_OWNED:flag"
	$IP link del br0
	[ ! -e /sys/class/net/tv0 ] || fail "owned tv0 outlived its bridge"
}

# The driver unregisters a NIC that is a port, under traffic.
test_virtio_rmmod_under_traffic() {
	setup virtio
	"$SENDETH" -n h1 eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:00:01 -c 20000 &
	local snd=$!
	nap 1
	expect_ok rmmod virtio_net
	kill $snd 2>/dev/null || true
	wait $snd 2>/dev/null || true
	expect_eq "ports left" "$($IP -o link show master br0 | wc -l)" 1
	$IP netns del phys
}

run_tests \
	test_virtio_uplink_ping \
	test_e1000_uplink_ping \
	test_virtio_tcp_gso \
	test_e1000_vlan_full_size \
	test_virtio_vlan_full_size \
	test_virtio_trunk_vlan_filter \
	test_virtio_jumbo \
	test_virtio_link_down_up \
	test_owned_nic_refused \
	test_virtio_rmmod_under_traffic
rc=$?
vid_trace_stop
unload_nics
exit $rc
