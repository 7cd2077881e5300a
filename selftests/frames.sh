#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Malformed frames written into a tap port, as a misbehaving guest would:
# each is dropped, counted by reason, and (where the kernel has skb
# tracepoints) reported to tracing with a drop reason.
source "$(dirname "$0")/lib.sh"

TAPWRITE=$VBR_TOP/selftests/tools/tapwrite
TR=/sys/kernel/tracing

setup() {
	load_vbr
	modprobe tun
	# Count every frame at h1: so nothing else may send any, loop
	# probes included.
	$IP link add br0 type vbr loop_protect 0
	echo 1 > /proc/sys/net/ipv6/conf/br0/disable_ipv6
	$IP link set br0 up
	$IP tuntap add tap0 mode tap
	echo 1 > /proc/sys/net/ipv6/conf/tap0/disable_ipv6
	$IP link set tap0 master br0 up
	RX_ALL=1 hosts_add 1
	echo 1 > /proc/sys/net/ipv6/conf/vh1/disable_ipv6
	$IP link set vh1 master br0 up
}

# Start recording kfree_skb events, if this kernel has them.
trace_on() {
	[ -d $TR/events ] || mount -t tracefs nodev $TR 2>/dev/null || true
	[ -e $TR/events/skb/kfree_skb/enable ] || return 1
	echo > $TR/trace
	echo 1 > $TR/events/skb/kfree_skb/enable
}

trace_off() {
	echo 0 > $TR/events/skb/kfree_skb/enable
}

BCAST_SRC=ffffffffffff020000000077

test_good_frame_forwarded() {
	setup
	expect_eq "writes" "$($TAPWRITE tap0 zeros:60:${BCAST_SRC}88b5 5)" 5
	expect_eq "a well-formed frame crosses the bridge" "$(rx 1)" 5
}

test_bad_source_mac() {
	setup
	local tracing=0
	trace_on && tracing=1
	$TAPWRITE tap0 zeros:60:ffffffffffff01005e00000188b5 4 >/dev/null
	$TAPWRITE tap0 zeros:60:ffffffffffff00000000000088b5 3 >/dev/null
	expect_eq "nothing forwarded" "$(rx 1)" 0
	expect_eq "drop_bad_src_mac" "$(vbr_counter br0 drop_bad_src_mac)" 7
	if [ $tracing = 1 ]; then
		trace_off
		# 6.1 has no reason for a bad source MAC.
		local want=MAC_INVALID_SOURCE
		case $(uname -r) in 6.1.*) want=NOT_SPECIFIED ;; esac
		expect_ge "kfree_skb reason $want traced" \
			"$(grep -c "reason: $want" $TR/trace)" 7
	fi
}

test_oversized_frame() {
	setup
	local tracing=0
	trace_on && tracing=1
	$TAPWRITE tap0 zeros:4000:${BCAST_SRC}88b5 3 >/dev/null
	expect_eq "nothing forwarded" "$(rx 1)" 0
	expect_eq "drop_mtu" "$(vbr_counter br0 drop_mtu)" 3
	if [ $tracing = 1 ]; then
		trace_off
		expect_ge "kfree_skb reason PKT_TOO_BIG traced" \
			"$(grep -c 'reason: PKT_TOO_BIG' $TR/trace)" 3
	fi
}

test_truncated_vlan() {
	setup
	# Outer 802.1ad tag whole, inner 802.1Q tag cut short: vbr drops it.
	$TAPWRITE tap0 ${BCAST_SRC}88a8000181000002 3 >/dev/null
	expect_eq "drop_bad_vlan" "$(vbr_counter br0 drop_bad_vlan)" 3
	# A single tag cut short: the core drops it before the bridge.
	$TAPWRITE tap0 ${BCAST_SRC}810000 3 >/dev/null
	expect_eq "nothing forwarded" "$(rx 1)" 0
}

test_runt() {
	setup
	# Shorter than an Ethernet header: tun refuses the write itself.
	expect_eq "runt writes accepted" "$($TAPWRITE tap0 ffffffffffff02000000 3)" 0
	expect_eq "nothing forwarded" "$(rx 1)" 0
}

run_tests \
	test_good_frame_forwarded \
	test_bad_source_mac \
	test_oversized_frame \
	test_truncated_vlan \
	test_runt
