#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Protections that need no protocol, with real frames: port state
# (forwarding or blocked, and why), BPDU guard, err_recovery, and storm
# control (per-port limits on broadcast, multicast and unknown unicast
# floods); shown and set through vbrctl, ip and bridge; events; and a
# blocked port, with its timers, going away every way a port can.
#
# Topology as datapath.sh: hosts h1..hN are network namespaces whose
# eth0 has MAC 02:00:00:00:00:0i and a veth peer vhI, a port of br0.
# Test frames use EtherType 0x88b5 and are counted on each host's eth0.
# Frames a guest sends are written into tap0, a port too.
source "$(dirname "$0")/lib.sh"

VBRCTL=$VBR_TOP/tools/vbrctl/vbrctl
TAPWRITE=$VBR_TOP/selftests/tools/tapwrite
RXCOUNT=$VBR_TOP/selftests/tools/rxcount

# A configuration BPDU (802.3 length, LLC 42 42 03, 35 bytes of STP)
# from 02:00:00:00:aa:01, to the STP group address.
BPDU="0180c2000000 02000000aa01 0026 424203 0000 00 00 00"
BPDU+=" 8000020000000001 00000000 8000020000000001 8001 0000 1400 0200 0f00"
BPDU=${BPDU// /}
# An LLDP frame (link-local, not STP's address) from 02:00:00:00:aa:01.
LLDP=0180c200000e02000000aa0188cc$(printf '%0100d' 0)
# A broadcast of EtherType 0x88b5 from 02:00:00:00:aa:01.
BCAST=ffffffffffff02000000aa0188b5$(printf '%092d' 0)

setup() {
	local n=${1:-3} i b=
	load_vbr
	$IP link add br0 type vbr
	$IP link set br0 up
	hosts_add $(seq 1 "$n")
	for i in $(seq 1 "$n"); do
		b+="link set vh$i master br0"$'\n'"link set vh$i up"$'\n'
	done
	$IP -b - <<<"$b"
}

# tap0, a port of br0 that frames are written into.
tap_add() {
	modprobe tun
	$IP -b - <<-EOF
	tuntap add tap0 mode tap
	link set tap0 master br0
	link set tap0 up
	EOF
}

fdb_has() {
	matches "^${1,,} " "$($BRIDGE fdb show dev br0)"
}

# nlines FILE ERE: how many lines of FILE match ERE.
nlines() {
	local l n=0
	while IFS= read -r l; do
		[[ $l =~ $2 ]] && n=$((n + 1))
	done < "$1"
	echo $n
}

# nlines_are FILE ERE N: for wait_for, which must count each time.
nlines_are() {
	[ "$(nlines "$1" "$2")" = "$3" ]
}

# port_state_is DEV STATE: vbrctl says so (for wait_for).
port_state_is() {
	[ "$(vport "$1" port_state)" = "$2" ]
}

# Each host sends one frame, so that br0 learns where it is.
learn() {
	local i
	for i; do
		send "$i" ff:ff:ff:ff:ff:ff
	done
}

# slave DEV KEY: one field of DEV's vbr_slave data in "ip -j -d link".
slave() {
	link_field "$1" ".linkinfo.info_slave_data.$2"
}

# vport DEV KEY: one field of the port in "vbrctl -j show br0".
vport() {
	$VBRCTL -j show br0 | jq -r --arg p "$1" \
		".[0].ports[] | select(.port == \$p) | .$2"
}

# pstat DEV KEY: one counter of the port in "vbrctl -j stats br0".
pstat() {
	$VBRCTL -j stats br0 | jq -r --arg p "$1" \
		".[0].ports[] | select(.port == \$p) | .counters.$2"
}

# bstat KEY: one counter of br0 in "vbrctl -j stats br0".
bstat() {
	$VBRCTL -j stats br0 | jq -r ".[0].counters.$1"
}

# blink DEV KEY: one field of "bridge -j -d link show dev DEV".
blink() {
	$BRIDGE -j -d link show dev "$1" | jq -r ".[0].$2"
}

# state_is DEV STATE REASON: the port's state through vbrctl (JSON and
# text), ip and bridge; REASON "null" when forwarding. bridge shows a
# forwarding port without a carrier (a tap nobody holds) as disabled.
state_is() {
	local dev=$1 st=$2 why=$3 bst=forwarding got oper
	[ "$st" = forwarding ] || bst=blocking
	expect_eq "vbrctl: $dev port_state" "$(vport "$dev" port_state)" "$st"
	expect_eq "vbrctl: $dev block_reason" "$(vport "$dev" block_reason)" "$why"
	expect_eq "ip: $dev state" "$(slave "$dev" state)" "$st"
	[ "$why" = null ] && why=none
	expect_eq "ip: $dev block_reason" "$(slave "$dev" block_reason)" "$why"
	got=$(blink "$dev" state)
	# The carrier of a tap goes when its writer does, and linkwatch
	# tells the port a moment later: read it after bridge did.
	read -r oper < "/sys/class/net/$dev/operstate"
	[ "$got" != disabled ] || [ "$bst" != forwarding ] || [ "$oper" = up ] ||
		bst=disabled
	expect_eq "bridge: $dev state" "$got" "$bst"
	if [ "$st" = blocked ]; then
		matches "^  $dev .* blocked $why\$" "$($VBRCTL show br0)" ||
			fail "vbrctl show: $($VBRCTL show br0)"
	fi
}

# Frames counted on each host's eth0, settled: a frame may still sit in
# a backlog when its sender returns.
counts() {
	local a b i
	b=$(for i; do rx "$i"; done)
	while :; do
		nap 0.2
		a=$b
		b=$(for i; do rx "$i"; done)
		[ "$a" != "$b" ] || break
	done
	echo $b	# one line
}

# rx_start NS DEV PROTO: counts PROTO frames that DEV's own stack gets
# (NS "" for this namespace), until rx_stop prints the count.
rx_start() {
	rm -f /tmp/storm-rx.ready
	$RXCOUNT ${1:+-n "$1"} "$2" "$3" /tmp/storm-rx.ready > /tmp/storm-rx.out &
	rx_pid=$!
	wait_for 50 test -e /tmp/storm-rx.ready || fail "rxcount did not start"
}

# rx_stop: the count, in $rx_got. Not in a $(...): only this shell can
# wait for rxcount.
rx_stop() {
	nap 0.5
	kill -TERM "$rx_pid"
	wait "$rx_pid" || fail "rxcount failed"
	read -r rx_got < /tmp/storm-rx.out
}

# ---- port state -----------------------------------------------------

test_blocked_port_neither_sends_nor_receives() {
	setup 3
	learn 1 2 3
	expect_eq "all forward" "$(counts 1 2 3)" "2 2 2"
	fdb_has 02:00:00:00:00:02 || fail "h2 not learned"
	expect_ok $VBRCTL set-port br0 vh2 state blocked
	# What it had learned went with the block.
	fdb_has 02:00:00:00:00:02 && fail "h2's entry kept"
	# To it: neither a flood nor unicast (to a static entry too).
	expect_ok $BRIDGE fdb add 02:00:00:00:00:02 dev br0 self static via vh2
	send 1 ff:ff:ff:ff:ff:ff -c 3
	send 1 "$(mac 2)" -c 4
	send 1 "$(mac 9)" -c 5
	expect_eq "h2 gets nothing" "$(counts 1 2 3)" "2 2 10"
	# From it: nothing either, flood or unicast.
	send 2 ff:ff:ff:ff:ff:ff -c 6
	send 2 "$(mac 1)" -c 7
	expect_eq "h2 sends nothing" "$(counts 1 2 3)" "2 2 10"
	expect_eq "rx_blocked" "$(pstat vh2 rx_blocked)" 13
	expect_eq "drop_blocked" "$(vbr_counter br0 drop_blocked)" $((4 + 13))
	# Nothing it sent was learned.
	fdb_has 02:00:00:00:00:02 || fail "static entry gone"
	[ "$($VBRCTL -j fdb show br0 port vh2 dynamic | jq length)" = 0 ] ||
		fail "learned on a blocked port"
	# Unblocked, it forwards again, both ways.
	expect_ok $VBRCTL set-port br0 vh2 state forwarding
	send 2 ff:ff:ff:ff:ff:ff -c 1
	send 1 "$(mac 2)" -c 1
	expect_eq "forwarding again" "$(counts 1 2 3)" "3 3 11"
	fdb_check
}

test_state_shown_and_set_three_ways() {
	setup 2
	state_is vh1 forwarding null
	expect_ok $BRIDGE link set dev vh1 state 4
	state_is vh1 blocked admin
	expect_ok $BRIDGE link set dev vh1 state 3
	state_is vh1 forwarding null
	expect_ok $IP link set dev vh1 type vbr_slave state blocked
	state_is vh1 blocked admin
	matches 'vh1.* state blocking ' "$($BRIDGE link show dev vh1)" ||
		fail "bridge link show: $($BRIDGE link show dev vh1)"
	matches ' state blocked block_reason admin ' "$($IP -d link show vh1)" ||
		fail "ip -d link show: $($IP -d link show vh1)"
	expect_ok $IP link set dev vh1 type vbr_slave state forwarding
	state_is vh1 forwarding null
	expect_ok $VBRCTL set-port br0 vh1 state blocked
	state_is vh1 blocked admin
	matches ' state blocked$' "$($VBRCTL -d show br0)" ||
		fail "vbrctl -d show: $($VBRCTL -d show br0)"
	# A blocked port that goes down stays blocked, and shows it.
	$IP link set vh1 down
	expect_eq "down and blocked" "$(blink vh1 state)" blocking
	expect_eq "down and forwarding" "$(blink vh2 state)" forwarding
	$IP link set vh2 down
	expect_eq "down and forwarding" "$(blink vh2 state)" disabled
	# The same through genl, raw: PORT_STATE and PORT_BLOCK_REASON.
	expect_ok $VBRCTL set-port br0 vh1 state forwarding
	state_is vh1 forwarding null
}

test_state_refusals_change_nothing() {
	setup 1
	expect_ok $VBRCTL set-port br0 vh1 learning on
	expect_fail 'Error: vbr: no STP: forwarding \(3\) or blocking \(4\)' \
		$BRIDGE link set dev vh1 learning off state 1
	expect_fail 'no STP: forwarding' $BRIDGE link set dev vh1 state 0
	expect_fail 'Invalid argument \(22\): vbr: no such port state' \
		$NLRAW brport vh1 1:u8:5
	expect_eq "learning kept" "$(slave vh1 learning)" true
	state_is vh1 forwarding null
	# The reason is the kernel's to say.
	expect_fail 'block_reason is read-only' \
		$NLRAW setport vh1 12:u8:1
	expect_fail 'Numerical result out of range \(34\): integer out of range' \
		$NLRAW setport vh1 11:u8:2
	expect_fail "state 'stp': want forwarding or blocked" \
		$VBRCTL set-port br0 vh1 state stp
	expect_fail 'invalid state' \
		$IP link set dev vh1 type vbr_slave state listening
	state_is vh1 forwarding null
	# Nothing half applied: a refused err_recovery changes nothing.
	expect_fail 'Numerical result out of range|out of range' \
		$VBRCTL set br0 err-recovery 86401 max-learned 7
	expect_eq "max_learned kept" "$($VBRCTL -j show br0 | jq '.[0].max_learned')" 65536
	expect_eq "err_recovery kept" "$($VBRCTL -j show br0 | jq '.[0].err_recovery')" 0
}

# Link-local frames still reach a blocked port's own stack.
test_blocked_port_stack_gets_link_local() {
	setup 2
	tap_add
	expect_ok $VBRCTL set-port br0 tap0 state blocked
	rx_start "" tap0 0x88cc
	expect_eq "written" "$($TAPWRITE tap0 "$LLDP" 3)" 3
	rx_stop
	expect_eq "LLDP to tap0's stack" "$rx_got" 3
	expect_eq "nothing counted blocked" "$(pstat tap0 rx_blocked)" 0
	# Anything else is dropped.
	rx_start "" tap0 0x88b5
	expect_eq "written" "$($TAPWRITE tap0 "$BCAST" 2)" 2
	rx_stop
	expect_eq "broadcast not to the stack" "$rx_got" 0
	expect_eq "counted" "$(pstat tap0 rx_blocked)" 2
	expect_eq "not through the bridge" "$(counts 1 2)" "0 0"
}

test_state_events_and_log() {
	setup 1
	local vlog=/tmp/storm-vbr.txt jlog=/tmp/storm-vbr.json blog=/tmp/storm-br.txt
	$VBRCTL monitor > "$vlog" &
	$VBRCTL -j monitor > "$jlog" &
	$BRIDGE monitor link > "$blog" &
	wait_for 50 sh -c "$VBRCTL set-port br0 vh1 hairpin on; $VBRCTL set-port br0 vh1 hairpin off;
		grep -q vh1 $blog && grep -q 'port changed' $vlog && grep -q port-changed $jlog" ||
		fail "monitors hear nothing"
	dmesg -c > /dev/null
	expect_ok $VBRCTL set-port br0 vh1 state blocked
	wait_for 50 file_matches "$vlog" '^port changed br0 vh1 .* state blocked reason admin$' ||
		fail "vbrctl monitor: $(cat $vlog)"
	wait_for 50 file_matches "$jlog" '"port_state":"blocked","block_reason":"admin"' ||
		fail "vbrctl -j monitor: $(cat $jlog)"
	wait_for 50 file_matches "$blog" 'vh1.* state blocking' ||
		fail "bridge monitor: $(cat $blog)"
	expect_ok $BRIDGE link set dev vh1 state 3
	wait_for 50 file_matches "$vlog" '^port changed br0 vh1 .* state forwarding$' ||
		fail "vbrctl monitor: $(cat $vlog)"
	wait_for 50 file_matches "$blog" 'vh1.* state forwarding' ||
		fail "bridge monitor: $(cat $blog)"
	# Setting the state it has says nothing.
	local n
	n=$(grep -c 'port changed' "$vlog")
	expect_ok $VBRCTL set-port br0 vh1 state forwarding
	expect_ok $VBRCTL set-port br0 vh1 isolated on
	wait_for 50 file_matches "$vlog" 'isolated on' || fail "no isolated event"
	expect_eq "one event, not two" "$(grep -c 'port changed' "$vlog")" $((n + 1))
	# One log line per change, naming bridge, port and reason.
	local log
	log=$(dmesg)
	matches 'vbr: br0: port vh1 blocked: admin$' "$log" || fail "dmesg: $log"
	matches 'vbr: br0: port vh1 forwarding \(was blocked: admin\)$' "$log" ||
		fail "dmesg: $log"
}

test_err_recovery() {
	setup 1
	tap_add
	local vlog=/tmp/storm-vbr.txt t0 blk fwd nfwd
	blk='^port changed br0 tap0 .* state blocked reason bpdu_guard$'
	fwd='^port changed br0 tap0 .* bpdu-guard on .* state forwarding$'
	$VBRCTL monitor > "$vlog" &
	wait_for 50 sh -c "$VBRCTL set-port br0 vh1 hairpin on; $VBRCTL set-port br0 vh1 hairpin off;
		grep -q 'port changed' $vlog" || fail "monitor hears nothing"
	expect_ok $VBRCTL set-port br0 tap0 bpdu-guard on
	wait_for 50 nlines_are "$vlog" "$fwd" 1 || fail "no event: $(cat $vlog)"
	# The default, 0: a block stays.
	expect_eq "written" "$($TAPWRITE tap0 "$BPDU")" 1
	wait_for 50 file_matches "$vlog" "$blk" || fail "no block event: $(cat $vlog)"
	nap 2
	state_is tap0 blocked bpdu_guard
	# Set now, it applies to the port blocked already.
	t0=$SECONDS
	expect_ok $IP link set br0 type vbr err_recovery 1
	expect_eq "ip shows it" "$(link_field br0 .linkinfo.info_data.err_recovery)" 1
	expect_eq "vbrctl shows it" "$($VBRCTL -j show br0 | jq '.[0].err_recovery')" 1
	wait_for 100 nlines_are "$vlog" "$fwd" 2 || fail "not unblocked: $(cat $vlog)"
	state_is tap0 forwarding null
	expect_ge "waited" $((SECONDS - t0)) 1
	# Again, by itself this time.
	expect_eq "written" "$($TAPWRITE tap0 "$BPDU")" 1
	wait_for 50 nlines_are "$vlog" "$blk" 2 || fail "not blocked again"
	wait_for 100 nlines_are "$vlog" "$fwd" 3 ||
		fail "not unblocked again: $(cat $vlog)"
	# An admin block is never lifted by err_recovery.
	expect_ok $VBRCTL set br0 err-recovery 1
	expect_ok $VBRCTL set-port br0 vh1 state blocked
	nap 3
	state_is vh1 blocked admin
	expect_ok $VBRCTL set-port br0 vh1 state forwarding
	# 0 again: a block stays, and a pending recovery is called off.
	expect_ok $VBRCTL set br0 err-recovery 4
	expect_eq "written" "$($TAPWRITE tap0 "$BPDU")" 1
	expect_ok $VBRCTL set br0 err-recovery 0
	wait_for 50 nlines_are "$vlog" "$blk" 3 || fail "not blocked"
	nap 5
	state_is tap0 blocked bpdu_guard
	matches 'vbr: br0: port tap0 forwarding \(was blocked: bpdu_guard\)$' "$(dmesg)" ||
		fail "no log line: $(dmesg | tail)"
}

# A blocked port with a recovery pending goes every way a port goes:
# nothing may be left behind (the debug kernel checks references,
# leaks and timers), and the module unloads.
test_blocked_port_goes_away() {
	local i
	setup 3
	tap_add
	expect_ok $VBRCTL set br0 err-recovery 30
	expect_ok $VBRCTL set-port br0 tap0 bpdu-guard on
	for i in 1 2 3; do
		expect_ok $VBRCTL set-port br0 vh$i state blocked
	done
	expect_eq "written" "$($TAPWRITE tap0 "$BPDU")" 1
	wait_for 20 port_state_is tap0 blocked || fail "not blocked"
	$IP link set vh1 nomaster
	$IP link del vh2
	$VBRCTL del-port br0 vh3
	$IP link del tap0
	# A bridge in a namespace that goes, and one that is deleted.
	$IP netns add stormns
	$IP -n stormns link add br1 type vbr err_recovery 30
	$IP -n stormns link add v0 type veth peer name v1
	$IP -n stormns link set v0 master br1
	$IP -n stormns link set v0 type vbr_slave state blocked
	$IP -n stormns link set v1 master br1
	$IP -n stormns link set v1 type vbr_slave storm_bcast 5
	$IP netns del stormns
	tap_add
	expect_ok $VBRCTL set-port br0 tap0 bpdu-guard on
	expect_eq "written" "$($TAPWRITE tap0 "$BPDU")" 1
	wait_for 20 port_state_is tap0 blocked || fail "not blocked"
	$IP link del br0
	$IP link add br0 type vbr err_recovery 30
	$IP link set tap0 master br0
	$IP link set dev tap0 type vbr_slave state blocked storm_ucast 1
	cleanup_all || :
	modprobe -r vbr || fail "vbr did not unload"
}

# ---- BPDU guard -----------------------------------------------------

test_bpdu_guard_blocks_the_port() {
	setup 2
	tap_add
	learn 1 2
	expect_ok $VBRCTL set-port br0 tap0 bpdu-guard on
	expect_eq "vbrctl" "$(vport tap0 bpdu_guard)" true
	expect_eq "ip" "$(slave tap0 bpdu_guard)" true
	expect_eq "bridge" "$(blink tap0 guard)" true
	# A real BPDU, as a guest running STP would send it.
	rx_start "" tap0 0x0004
	expect_eq "written" "$($TAPWRITE tap0 "$BPDU")" 1
	rx_stop
	expect_eq "not to the port's stack" "$rx_got" 0
	state_is tap0 blocked bpdu_guard
	expect_eq "counted on the port" "$(pstat tap0 bpdu_guard)" 1
	expect_eq "counted on the bridge" "$(vbr_counter br0 drop_bpdu_guard)" 1
	# Blocked: nothing from the guest passes, nothing reaches it.
	expect_eq "written" "$($TAPWRITE tap0 "$BCAST" 5)" 5
	expect_eq "nothing through" "$(counts 1 2)" "1 1"
	expect_eq "rx_blocked" "$(pstat tap0 rx_blocked)" 5
	# More BPDUs: counted, still blocked for the same reason.
	expect_eq "written" "$($TAPWRITE tap0 "$BPDU" 2)" 2
	expect_eq "counted" "$(pstat tap0 bpdu_guard)" 3
	state_is tap0 blocked bpdu_guard
	# Recovered by hand.
	expect_ok $VBRCTL set-port br0 tap0 state forwarding
	expect_eq "written" "$($TAPWRITE tap0 "$BCAST" 5)" 5
	expect_eq "through again" "$(counts 1 2)" "6 6"
	matches 'vbr: br0: port tap0 blocked: bpdu_guard$' "$(dmesg)" ||
		fail "no log line"
}

test_bpdu_without_guard_goes_to_the_port_stack() {
	setup 2
	tap_add
	local i
	for i in 1 2; do
		$TC -n h$i filter add dev eth0 ingress pref 2 protocol all \
			flower dst_mac 01:80:c2:00:00:00 action pass
	done
	expect_eq "off by default" "$(vport tap0 bpdu_guard)" false
	rx_start "" tap0 0x0004
	expect_eq "written" "$($TAPWRITE tap0 "$BPDU" 3)" 3
	rx_stop
	expect_eq "to the port's stack" "$rx_got" 3
	nap 0.5
	expect_eq "not forwarded" "$(tc_count_pref h1 eth0 2) $(tc_count_pref h2 eth0 2)" "0 0"
	state_is tap0 forwarding null
	expect_eq "not counted" "$(pstat tap0 bpdu_guard)" 0
	# Other link-local frames are no BPDU, even with the guard on.
	expect_ok $BRIDGE link set dev tap0 guard on
	expect_eq "ip" "$(slave tap0 bpdu_guard)" true
	rx_start "" tap0 0x88cc
	expect_eq "written" "$($TAPWRITE tap0 "$LLDP" 2)" 2
	rx_stop
	expect_eq "LLDP to the stack" "$rx_got" 2
	state_is tap0 forwarding null
	expect_ok $IP link set dev tap0 type vbr_slave bpdu_guard off
	expect_eq "bridge" "$(blink tap0 guard)" false
}

# ---- storm control --------------------------------------------------

# storm_bcast_burst: 10,000 broadcasts written by a guest against a limit
# of 1 frame/s with a burst of 50. The burst passes; beyond it only what
# the rate adds while the frames are written (the guest's clock measures
# it: TCG makes wall-clock time unreliable, but jiffies follow the same
# clock); the rest is dropped and counted, on the port and the bridge.
test_storm_bcast_burst() {
	setup 2
	tap_add
	local t0 t1 got max drops
	expect_ok $VBRCTL set-port br0 tap0 storm-bcast 1 storm-burst 50
	t0=${EPOCHREALTIME/./}
	# One CPU: no tokens left behind on another CPU's share.
	expect_eq "written" "$(taskset -c 0 $TAPWRITE tap0 "$BCAST" 10000)" 10000
	t1=${EPOCHREALTIME/./}
	read -r got _ <<<"$(counts 1 2)"
	expect_eq "both hosts alike" "$(counts 1 2)" "$got $got"
	max=$((50 + (t1 - t0) / 1000000 + 2))
	expect_ge "the burst passed" "$got" 50
	expect_le "and little more" "$got" "$max"
	drops=$((10000 - got))
	expect_eq "counted on the port" "$(pstat tap0 storm_bcast)" "$drops"
	expect_eq "counted on the bridge" "$(vbr_counter br0 drop_storm)" "$drops"
	expect_eq "other classes" "$(pstat tap0 storm_mcast) $(pstat tap0 storm_ucast)" "0 0"
	expect_eq "rx counts every frame" "$(pstat tap0 rx_packets)" 10000
	# A second later, the rate lets one more through.
	nap 1.2
	expect_eq "written" "$($TAPWRITE tap0 "$BCAST" 10)" 10
	read -r t0 _ <<<"$(counts 1 2)"
	expect_ge "refilled" "$t0" $((got + 1))
	# Not blocked: storm_block is off.
	state_is tap0 forwarding null
}

test_storm_classes_apart() {
	setup 3
	learn 1 2 3
	local base
	expect_ok $IP link set dev vh1 type vbr_slave storm_mcast 1 storm_ucast 1 storm_burst 5
	expect_eq "ip" "$(slave vh1 storm_mcast) $(slave vh1 storm_ucast) $(slave vh1 storm_bcast) $(slave vh1 storm_burst)" \
		"1 1 0 5"
	expect_eq "vbrctl" "$(vport vh1 storm_mcast) $(vport vh1 storm_ucast) $(vport vh1 storm_bcast) $(vport vh1 storm_burst)" \
		"1 1 0 5"
	read -r base _ <<<"$(counts 2)"
	# Broadcast has no limit here.
	send 1 ff:ff:ff:ff:ff:ff -c 100
	# Multicast: the burst of 5 (and what the rate adds meanwhile).
	send 1 01:00:5e:00:00:01 -c 100
	# Known unicast is no flood: never limited.
	send 1 "$(mac 2)" -c 100
	# Unknown unicast: 5 again.
	send 1 02:00:00:00:00:99 -c 100
	local got
	read -r got _ <<<"$(counts 2)"
	got=$((got - base))
	expect_ge "h2" "$got" $((100 + 5 + 100 + 5))
	expect_le "h2" "$got" $((100 + 5 + 100 + 5 + 4))
	expect_eq "storm_bcast" "$(pstat vh1 storm_bcast)" 0
	expect_ge "storm_mcast" "$(pstat vh1 storm_mcast)" 93
	expect_ge "storm_ucast" "$(pstat vh1 storm_ucast)" 93
	expect_eq "drop_storm" "$(vbr_counter br0 drop_storm)" \
		$(($(pstat vh1 storm_mcast) + $(pstat vh1 storm_ucast)))
	# Other ports have no limit.
	send 2 01:00:5e:00:00:01 -c 50
	expect_eq "h2's multicast" "$(pstat vh2 storm_mcast)" 0
	# 0 turns a limit off.
	expect_ok $VBRCTL set-port br0 vh1 storm-mcast 0 storm-ucast 0
	local d
	d=$(vbr_counter br0 drop_storm)
	send 1 01:00:5e:00:00:01 -c 50
	expect_eq "off: no drop" "$(vbr_counter br0 drop_storm)" "$d"
}

test_storm_block() {
	setup 2
	tap_add
	expect_ok $VBRCTL set-port br0 tap0 storm-ucast 1 storm-burst 3 storm-block on
	expect_eq "ip" "$(slave tap0 storm_block)" true
	local uc
	uc=02000000000902000000aa0188b5$(printf '%092d' 0)
	# The burst of 3 passes, the 4th blocks the port, the rest find it
	# blocked.
	expect_eq "written" "$($TAPWRITE tap0 "$uc" 23)" 23
	state_is tap0 blocked storm
	expect_eq "passed" "$(counts 1 2)" "3 3"
	expect_eq "one over the limit" "$(pstat tap0 storm_ucast)" 1
	expect_eq "the rest blocked" "$(pstat tap0 rx_blocked)" 19
	matches 'vbr: br0: port tap0 blocked: storm$' "$(dmesg)" || fail "no log line"
}

test_storm_options_and_refusals() {
	setup 1
	expect_eq "off by default" "$(vport vh1 storm_bcast) $(vport vh1 storm_burst) $(vport vh1 storm_block)" \
		"0 0 false"
	expect_ok $VBRCTL set-port br0 vh1 storm-bcast 1000
	expect_eq "genl to ip" "$(slave vh1 storm_bcast)" 1000
	matches 'storm-bcast 1000 storm-mcast 0 storm-ucast 0 storm-burst 0 ' \
		"$($VBRCTL -d show br0)" || fail "vbrctl -d show: $($VBRCTL -d show br0)"
	matches ' storm_bcast 1000 ' "$($IP -d link show vh1)" ||
		fail "ip -d link show: $($IP -d link show vh1)"
	# Strict: a limit is a u32, not a u8 (VBR_PORT_IFLA_STORM_BCAST 14).
	expect_fail '\((22|34)\): Attribute failed policy validation' \
		$NLRAW setport vh1 14:u8:1
	expect_fail 'invalid storm_bcast' \
		$IP link set dev vh1 type vbr_slave storm_bcast lots
	expect_fail "storm-bcast" $VBRCTL set-port br0 vh1 storm-bcast -1
	expect_eq "kept" "$(slave vh1 storm_bcast)" 1000
	# Refused whole: a bad option next to a good one changes neither.
	expect_fail 'mab needs the port locked' \
		$VBRCTL set-port br0 vh1 storm-bcast 5 mab on
	expect_eq "kept" "$(slave vh1 storm_bcast)" 1000
}

# With storm control off, and with a limit nothing reaches, every frame
# passes and nothing is counted.
test_storm_limit_not_reached() {
	setup 2
	tap_add
	expect_eq "written" "$($TAPWRITE tap0 "$BCAST" 1000)" 1000
	expect_eq "all through" "$(counts 1 2)" "1000 1000"
	expect_ok $VBRCTL set-port br0 tap0 storm-bcast 100000000
	expect_eq "written" "$($TAPWRITE tap0 "$BCAST" 1000)" 1000
	expect_eq "all through" "$(counts 1 2)" "2000 2000"
	expect_eq "no drop" "$(pstat tap0 storm_bcast) $(vbr_counter br0 drop_storm)" "0 0"
}

run_tests \
	test_blocked_port_neither_sends_nor_receives \
	test_state_shown_and_set_three_ways \
	test_state_refusals_change_nothing \
	test_blocked_port_stack_gets_link_local \
	test_state_events_and_log \
	test_err_recovery \
	test_bpdu_guard_blocks_the_port \
	test_bpdu_without_guard_goes_to_the_port_stack \
	test_storm_bcast_burst \
	test_storm_classes_apart \
	test_storm_block \
	test_storm_options_and_refusals \
	test_storm_limit_not_reached \
	test_blocked_port_goes_away
