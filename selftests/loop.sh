#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Loop protection with real loops and real frames: a veth pair with both
# ends on one bridge, two vbr bridges joined by two veth pairs, each
# started by one broadcast; the storm without protection; err_recovery
# once the loop is gone; probes on the wire, and another bridge's probes
# forwarded; MAC flaps raising their event.
#
# Topology: hosts hI (lib.sh hosts_add) on br0 through vhI. A loop is a
# veth pair vl1/vl2 (or vp1/vq1 and vp2/vq2 between br0 and br1). Probe
# rounds and finds are the bridge counters loop_rounds and loop_found
# (ethtool -S), so the delay is counted in probe intervals, not in TCG
# seconds.
source "$(dirname "$0")/lib.sh"

VBRCTL=$VBR_TOP/tools/vbrctl/vbrctl
BCAST=ff:ff:ff:ff:ff:ff
GROUP=0f:76:62:72:00:01
X=02:00:00:00:01:01

# br_add BR [OPTS]: a vbr bridge, up.
br_add() {
	load_vbr
	$IP link add "$1" type vbr "${@:2}"
	$IP link set "$1" up
}

# join BR DEV...: DEVs become ports of BR, up.
join() {
	local br=$1 d b=
	shift
	for d; do
		b+="link set $d master $br"$'\n'"link set $d up"$'\n'
	done
	$IP -b - <<<"$b"
}

# state DEV: "forwarding", or "blocked/REASON".
state() {
	local s r
	s=$(link_field "$1" .linkinfo.info_slave_data.state)
	r=$(link_field "$1" .linkinfo.info_slave_data.block_reason)
	if [ "$s" = blocked ]; then echo "blocked/$r"; else echo "$s"; fi
}

# blocked DEV...: how many of DEVs are blocked.
blocked() {
	local d n=0
	for d; do
		[ "$(state "$d")" = forwarding ] || n=$((n + 1))
	done
	echo "$n"
}

blocked_ge() { [ "$(blocked "${@:2}")" -ge "$1" ]; }

# cuts: ports blocked for a loop, in one ip (an exec costs tenths of a
# second on the debug kernel, and the delay is counted by it).
cuts() {
	local j n=0
	j=$($IP -j -d link show)
	while [[ $j =~ \"block_reason\":\"loop\"(.*) ]]; do
		n=$((n + 1))
		j=${BASH_REMATCH[1]}
	done
	echo "$n"
}

cuts_ge() { [ "$(cuts)" -ge "$1" ]; }

# rounds BR: probe rounds BR has sent so far.
rounds() { vbr_counter "$1" loop_rounds; }

# still COUNT-CMD...: the count does not grow by more than 5 in 1 s (a
# probe or two may pass; a storm moves thousands).
still() {
	local a b
	a=$("$@")
	nap 1
	b=$("$@")
	expect_le "growth of '$*' in 1 s" $((b - a)) 5
}

# storm_start: one broadcast from h1 into the loop.
storm_start() {
	send 1 "$BCAST"
}

test_veth_loop_cut() {
	# Default options: protection is on, one round a second.
	br_add br0
	hosts_add 1 2
	join br0 vh1 vh2
	$IP link add vl1 type veth peer name vl2
	join br0 vl1
	local r0
	r0=$(rounds br0)
	join br0 vl2
	storm_start
	wait_for 100 cuts_ge 1
	local r1
	r1=$(rounds br0)
	echo "# loop to cut: $((r1 - r0)) probe rounds"
	# Three rounds, and one more that the poll itself may take.
	expect_le "probe rounds from the loop to the cut" $((r1 - r0)) 4
	expect_eq "ports cut" "$(blocked vl1 vl2)" 1
	local cut=vl1
	[ "$(state vl1)" = forwarding ] && cut=vl2
	expect_eq "reason" "$(state $cut)" blocked/loop
	expect_ge "loops found" "$(vbr_counter br0 loop_found)" 1
	# The storm is over, and the hosts still talk.
	still rx 2
	expect_ok $IP netns exec h1 ping -c 1 -W 2 10.0.0.2
	expect_eq "ports cut, a round later" "$(blocked vl1 vl2)" 1
}

test_protect_off_storms() {
	# Shows that the test above can fail: without protection the one
	# broadcast circles for ever.
	br_add br0 loop_protect 0
	hosts_add 1 2
	join br0 vh1 vh2
	$IP link add vl1 type veth peer name vl2
	join br0 vl1 vl2
	storm_start
	nap 1
	local a b c
	a=$(rx 2)
	nap 1
	b=$(rx 2)
	c=$(cuts)
	# Stop it at once: under the debug kernel a storm slows every exec.
	$IP link del vl1
	expect_ge "frames of the storm at h2 in 1 s" $((b - a)) 100
	expect_eq "ports cut" "$c" 0
	expect_eq "probe rounds" "$(rounds br0)" 0
}

test_two_bridges_one_cut() {
	# Probing starts on both in one batch below, so that their rounds
	# coincide: still one cut. (Here the first cut ends the loop before
	# the other bridge's probe is round; the hold-off, for networks with
	# latency, is in KUnit vbr_loop.)
	br_add br0 loop_protect 0
	br_add br1 loop_protect 0
	hosts_add 1 2
	join br0 vh1
	join br1 vh2
	$IP link add vp1 type veth peer name vq1
	$IP link add vp2 type veth peer name vq2
	join br0 vp1 vp2
	join br1 vq1
	local r0
	r0=$(rounds br0)
	join br1 vq2
	$IP -b - <<-EOF
	link set br0 type vbr loop_protect 1
	link set br1 type vbr loop_protect 1
	EOF
	storm_start
	wait_for 100 cuts_ge 1
	local r1
	r1=$(rounds br0)
	echo "# loop to cut: $((r1 - r0)) probe rounds of br0"
	expect_le "probe rounds from the loop to the cut" $((r1 - r0)) 4
	# The bridge of the higher identity held off: one cut, not two.
	nap 3.5
	expect_eq "ports cut" "$(blocked vp1 vq1 vp2 vq2)" 1
	still rx 2
	expect_ok $IP netns exec h1 ping -c 1 -W 2 10.0.0.2
}

test_err_recovery() {
	br_add br0 loop_interval 300 err_recovery 2
	hosts_add 1
	join br0 vh1
	$IP link add vl1 type veth peer name vl2
	join br0 vl1 vl2
	storm_start
	wait_for 100 blocked_ge 1 vl1 vl2
	local cut=vl1 other=vl2
	if [ "$(state vl1)" = forwarding ]; then cut=vl2 other=vl1; fi
	# Unplug the other end: no loop any more, and after err_recovery
	# the cut port forwards again, and stays so.
	$IP link set "$other" nomaster
	wait_for 100 eval '[ "$(state '"$cut"')" = forwarding ]'
	nap 1
	expect_eq "state of $cut, later" "$(state $cut)" forwarding
	# Plugged back in, the loop is cut again.
	join br0 "$other"
	storm_start
	wait_for 100 blocked_ge 1 vl1 vl2
}

test_recover_by_hand() {
	br_add br0 loop_interval 300
	hosts_add 1
	join br0 vh1
	$IP link add vl1 type veth peer name vl2
	join br0 vl1 vl2
	storm_start
	wait_for 100 blocked_ge 1 vl1 vl2
	local cut=vl1 other=vl2
	if [ "$(state vl1)" = forwarding ]; then cut=vl2 other=vl1; fi
	$IP link set "$other" nomaster
	expect_ok $VBRCTL set-port br0 "$cut" state forwarding
	expect_eq "state of $cut" "$(state $cut)" forwarding
}

test_probes_on_the_wire() {
	br_add br0 loop_interval 200
	hosts_add 1 2
	join br0 vh1 vh2
	local brmac
	brmac=$(< /sys/class/net/br0/address)
	$TC -n h1 filter add dev eth0 ingress pref 2 protocol 0x88b6 \
		flower dst_mac $GROUP src_mac "$brmac" action pass
	nap 1.5
	local a b
	a=$(tc_count_pref h1 eth0 2)
	expect_ge "probes at h1 in 1.5 s of 0.2 s rounds" "$a" 3
	# A host sees no probe of a port that opted out ...
	expect_ok $VBRCTL set-port br0 vh1 loop-protect off
	nap 0.5
	a=$(tc_count_pref h1 eth0 2)
	nap 1
	b=$(tc_count_pref h1 eth0 2)
	expect_eq "probes at h1 with its port opted out" "$b" "$a"
	# ... nor of a bridge that probes nowhere.
	expect_ok $VBRCTL set-port br0 vh1 loop-protect on
	$IP link set br0 type vbr loop_protect 0
	nap 0.5
	a=$(tc_count_pref h1 eth0 2)
	nap 1
	b=$(tc_count_pref h1 eth0 2)
	expect_eq "probes at h1 with protection off" "$b" "$a"
}

# probe_counter I: counts at hI's eth0 the probes that host 1 sent (tc
# pref 2); probes_at I reads it. br0's own probes have br0's MAC.
probe_counter() {
	$TC -n "h$1" filter add dev eth0 ingress pref 2 protocol 0x88b6 \
		flower dst_mac $GROUP src_mac "$(mac 1)" action pass
}

probes_at() {
	tc_count_pref "h$1" eth0 2
}

test_foreign_probe_forwarded() {
	br_add br0
	hosts_add 1 2
	join br0 vh1 vh2
	probe_counter 2
	# Another bridge's probe (identity 1, port 1, nonce 5) is a frame
	# like any: forwarded, and nobody is cut.
	send 1 $GROUP -t 0x88b6 -x 7662724c01000001000000000000000100000005
	wait_for 30 eval '[ "$(probes_at 2)" -ge 1 ]'
	expect_eq "foreign probes at h2" "$(probes_at 2)" 1
	expect_eq "ports cut" "$(blocked vh1 vh2)" 0
	expect_eq "loops found" "$(vbr_counter br0 loop_found)" 0
}

test_replayed_probe_cuts_only_sender() {
	# A guest hears this bridge's probes for its own port only; played
	# back into the bridge, one can only cut the guest's own port, the
	# one it came back in by.
	br_add br0 loop_interval 3000
	hosts_add 1 2
	join br0 vh1 vh2
	probe_counter 2
	local hex
	hex=$($IP netns exec h1 timeout 20 tcpdump -i eth0 -c 1 -xx -n \
		ether dst $GROUP 2>/dev/null |
		sed -n 's/^[[:space:]]*0x[0-9a-f]*:[[:space:]]*//p' | tr -d ' \n')
	[ ${#hex} -ge 68 ] || fail "no probe captured at h1: '$hex'"
	# The payload: after the 14-byte header, 20 bytes.
	send 1 $GROUP -t 0x88b6 -x "${hex:28:40}"
	wait_for 30 blocked_ge 1 vh1
	expect_eq "h1's port" "$(state vh1)" blocked/loop
	expect_eq "h2's port" "$(state vh2)" forwarding
	expect_eq "probes of h1 at h2" "$(probes_at 2)" 0
}

test_mac_flap_event() {
	br_add br0 mac_flap_limit 4 mac_flap_window 60
	hosts_add 1 2
	join br0 vh1 vh2
	$VBRCTL monitor >/tmp/mon.$$ 2>&1 &
	local mon=$! i
	nap 0.5
	for i in 1 2 3; do
		"$SENDETH" -n h1 eth0 $BCAST $X
		"$SENDETH" -n h2 eth0 $BCAST $X
	done
	wait_for 30 eval '[ "$(vbr_counter br0 mac_flap)" -ge 1 ]'
	nap 0.3
	kill "$mon"
	wait "$mon" 2>/dev/null || :
	expect_eq "flaps counted" "$(vbr_counter br0 mac_flap)" 1
	file_matches /tmp/mon.$$ "mac flap $X vlan 0 bridge br0 from vh1 to vh2" ||
		fail "no flap event: $(< /tmp/mon.$$)"
	rm -f /tmp/mon.$$
	# Only reported: nobody cut.
	expect_eq "ports cut" "$(blocked vh1 vh2)" 0
	# With mac_flap_block, the port it flapped to is cut.
	$IP link set br0 type vbr mac_flap_block 1
	for i in 1 2 3; do
		"$SENDETH" -n h1 eth0 $BCAST 02:00:00:00:01:02
		"$SENDETH" -n h2 eth0 $BCAST 02:00:00:00:01:02
	done
	wait_for 30 blocked_ge 1 vh2
	expect_eq "reason" "$(state vh2)" blocked/loop
	expect_eq "h1's port" "$(state vh1)" forwarding
}

test_bad_input_refused() {
	br_add br0
	local before
	before=$($IP -d link show br0)
	expect_fail 'loop_interval is 100 to 60000' \
		$IP link set br0 type vbr loop_interval 50
	expect_fail 'mac_flap_window is 1 to 3600' \
		$IP link set br0 type vbr mac_flap_window 0
	expect_fail '.' $VBRCTL set br0 loop-interval 70000
	expect_eq "unchanged" "$($IP -d link show br0)" "$before"
}

run_tests \
	test_veth_loop_cut \
	test_protect_off_storms \
	test_two_bridges_one_cut \
	test_err_recovery \
	test_recover_by_hand \
	test_probes_on_the_wire \
	test_foreign_probe_forwarded \
	test_replayed_probe_cuts_only_sender \
	test_mac_flap_event \
	test_bad_input_refused
