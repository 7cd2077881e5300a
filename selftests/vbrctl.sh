#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vbrctl: what it shows about bridges and their ports.
source "$(dirname "$0")/lib.sh"

VBRCTL=$VBR_TOP/tools/vbrctl/vbrctl
SENDETH=$VBR_TOP/selftests/tools/sendeth

test_list_br() {
	load_vbr
	$IP link add br0 type vbr
	$IP link add br1 type vbr
	modprobe bridge
	$IP link add kbr0 type bridge
	expect_eq "vbr bridges only" "$($VBRCTL list-br | sort | tr '\n' ' ')" "br0 br1 "
	$IP link del kbr0
}

test_show_port_types() {
	load_vbr
	modprobe tun
	modprobe vxlan
	modprobe dummy
	$IP link add br0 type vbr
	$IP link set br0 up
	$IP netns add c1
	$IP link add vc1 type veth peer name eth0 netns c1
	$IP tuntap add tap0 mode tap
	$IP link add vx1 type vxlan id 7 remote 192.0.2.9 dstport 4789
	$IP link add td0 type dummy
	local p
	for p in vc1 tap0 vx1 td0; do $IP link set $p master br0 up; done
	# No IPv6 chatter: only the test frames teach the bridge MACs.
	$IP netns exec c1 sh -c 'echo 1 > /proc/sys/net/ipv6/conf/eth0/disable_ipv6'
	$IP -n c1 link set eth0 up
	$IP netns exec c1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:00:11 -r -c 5
	local out
	out=$($VBRCTL show br0)
	echo "$out"
	grep -Eq '^br0: up mtu 1500 mac [0-9a-f:]{17} learned 5$' <<<"$out" ||
		fail "bridge line"
	grep -Eq '^  vc1 +veth +up +mtu 1500 +mac [0-9a-f:]{17} learned 5$' <<<"$out" ||
		fail "veth port line"
	grep -Eq '^  tap0 +tap ' <<<"$out" || fail "tap port type"
	grep -Eq '^  vx1 +vxlan ' <<<"$out" || fail "vxlan port type"
	grep -Eq '^  td0 +other ' <<<"$out" || fail "dummy port type"
	$IP link del tap0
}

test_show_missing_bridge() {
	load_vbr
	expect_fail 'no vbr bridge named nosuch' $VBRCTL show nosuch
	expect_fail 'unknown command' $VBRCTL frobnicate
}

run_tests \
	test_list_br \
	test_show_port_types \
	test_show_missing_bridge
