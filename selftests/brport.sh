#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The Linux bridge's dialect on vbr, with real frames: "bridge link" port
# flags and what each does (flood kinds, hairpin, isolation, locked ports
# and MAB), the same flags through "ip link ... type vbr_slave" and
# vbrctl, refusals that change nothing, the bridge's option names and
# units, and FDB and port events in the bridge's rtnetlink format.
#
# Topology as datapath.sh: hosts h1..hN are network namespaces whose eth0
# has MAC 02:00:00:00:00:0i and a veth peer vhI, a port of br0. Test
# frames use EtherType 0x88b5 and are counted on each host's eth0.
source "$(dirname "$0")/lib.sh"

VBRCTL=$VBR_TOP/tools/vbrctl/vbrctl

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

# blink DEV KEY: one field of "bridge -j -d link show dev DEV".
blink() {
	$BRIDGE -j -d link show dev "$1" | jq -r ".[0].$2"
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

# flags_are DEV VALUE KEY...: each KEY reads VALUE through all three.
flags_are() {
	local dev=$1 want=$2 k
	shift 2
	for k; do
		expect_eq "bridge link: $dev $k" "$(blink "$dev" "$k")" "$want"
		expect_eq "ip: $dev $k" "$(slave "$dev" "$k")" "$want"
		expect_eq "vbrctl: $dev $k" "$(vport "$dev" "$k")" "$want"
	done
}

# sendfrom I SRC DST [opts]: frames out of host I with source SRC.
sendfrom() {
	local i=$1 src=$2 dst=$3
	shift 3
	"$SENDETH" -n "h$i" eth0 "$dst" "$src" "$@"
}

fdb_has() {
	matches "^${1,,} " "$($BRIDGE fdb show dev br0)"
}

test_bridge_link_show_lists_ports() {
	setup 2
	local j
	j=$($BRIDGE -j link show)
	expect_eq "both ports listed" \
		"$(jq -r '[.[] | select(.master == "br0") | .ifname] | sort | join(" ")' <<<"$j")" \
		"vh1 vh2"
	expect_eq "state" "$(blink vh1 state)" forwarding
	# A port that is down is disabled, as in the Linux bridge.
	$IP link set vh2 down
	expect_eq "down port" "$(blink vh2 state)" disabled
	# The text form names the master, as for the Linux bridge.
	matches 'vh1.* master br0 state forwarding' "$($BRIDGE link show dev vh1)" ||
		fail "bridge link show: $($BRIDGE link show dev vh1)"
}

# Set by each of the three paths, read back by all three.
test_flags_three_paths() {
	setup 1
	flags_are vh1 true learning flood mcast_flood bcast_flood
	flags_are vh1 false hairpin isolated locked
	expect_ok $BRIDGE link set dev vh1 learning off flood off mcast_flood off \
		bcast_flood off hairpin on isolated on locked on
	flags_are vh1 false learning flood mcast_flood bcast_flood
	flags_are vh1 true hairpin isolated locked
	expect_ok $IP link set dev vh1 type vbr_slave learning on flood on \
		mcast_flood on bcast_flood on hairpin off isolated off locked off
	flags_are vh1 true learning flood mcast_flood bcast_flood
	flags_are vh1 false hairpin isolated locked
	expect_ok $VBRCTL set-port br0 vh1 hairpin on isolated on locked on \
		learning off mcast-flood off
	flags_are vh1 true hairpin isolated locked flood bcast_flood
	flags_are vh1 false learning mcast_flood
	# MAB: newer bridge tools send IFLA_BRPORT_MAB (40); with LOCKED (39).
	expect_ok $NLRAW brport vh1 8:u8:1 39:u8:1 40:u8:1
	expect_eq "IFLA_BRPORT_MAB" "$(vport vh1 mab)" true
	expect_eq "bridge link: locked" "$(blink vh1 locked)" true
	expect_ok $NLRAW brport vh1 40:u8:0 39:u8:0
	expect_eq "mab off again" "$(slave vh1 mab)" false
	expect_ok $IP link set dev vh1 type vbr_slave locked on
	# MAB: ip and vbrctl (Debian 12's bridge has no "mab" keyword).
	expect_ok $IP link set dev vh1 type vbr_slave learning on mab on
	expect_eq "ip: mab" "$(slave vh1 mab)" true
	expect_eq "vbrctl: mab" "$(vport vh1 mab)" true
	expect_ok $VBRCTL set-port br0 vh1 mab off
	expect_eq "ip: mab off" "$(slave vh1 mab)" false
	# vbrctl takes the Linux bridge's spelling too.
	expect_ok $VBRCTL set-port br0 vh1 mcast_flood on
	expect_eq "mcast_flood with _" "$(slave vh1 mcast_flood)" true
}

test_refusals_change_nothing() {
	setup 1
	# Not implemented: named, and learning stays on. (bridge prints the
	# extack message alone; nlraw shows the errno, EOPNOTSUPP.)
	expect_fail 'Error: vbr: bridge port option "root_block" is not supported' \
		$BRIDGE link set dev vh1 learning off root_block on
	expect_eq "learning kept" "$(slave vh1 learning)" true
	expect_fail 'no STP, so no port cost' \
		$BRIDGE link set dev vh1 cost 5 learning off
	expect_fail 'no STP: forwarding \(3\) or blocking \(4\)' $BRIDGE link set dev vh1 state 1
	expect_fail 'a VLAN id is 1 to 4094' $NLRAW vlan add vh1 4095
	expect_eq "VLANs kept" "$($BRIDGE -j vlan show dev vh1 | jq -c '[.[].vlans[].vlan]')" '[1]'
	expect_fail 'takes a vbr port, not the bridge' \
		$BRIDGE link set dev br0 self learning off
	expect_fail 'Operation not supported \(95\): .*"root_block"' \
		$NLRAW brport vh1 6:u8:1
	expect_ok $BRIDGE link set dev vh1 state 3
	# MAB needs a locked port with learning: refused whole, by each path.
	expect_fail 'Error: vbr: mab needs the port locked' \
		$IP link set dev vh1 type vbr_slave mab on isolated on
	expect_fail 'Invalid argument \(22\): vbr: mab needs the port locked' \
		$NLRAW setport vh1 10:u8:1 8:u8:1
	expect_fail 'mab needs the port locked' \
		$VBRCTL set-port br0 vh1 mab on isolated on
	expect_fail 'mab needs learning on' \
		$IP link set dev vh1 type vbr_slave locked on learning off mab on
	expect_eq "isolated not applied" "$(slave vh1 isolated)" false
	expect_eq "locked not applied" "$(slave vh1 locked)" false
	expect_eq "learning not applied" "$(slave vh1 learning)" true
	expect_fail 'mab needs' $VBRCTL add-port br0 vh9 type internal mab on
	[ ! -e /sys/class/net/vh9 ] || fail "refused add left vh9"
	expect_eq "nothing learned by the attempts" \
		"$($VBRCTL -j fdb show br0 dynamic | jq length)" 0
}

# Each kind of flooded frame follows its own flag.
test_flood_kinds() {
	setup 3
	expect_ok $BRIDGE link set dev vh3 flood off
	send 1 02:00:00:00:00:77 -c 3
	send 1 ff:ff:ff:ff:ff:ff -c 2
	send 1 01:00:5e:01:02:03 -c 1
	expect_eq "flood off: no unknown unicast" "$(rx 3)" 3
	expect_eq "h2 got all" "$(rx 2)" 6
	expect_ok $BRIDGE link set dev vh3 flood on mcast_flood off
	send 1 02:00:00:00:00:77 -c 3
	send 1 01:00:5e:01:02:03 -c 2
	send 1 ff:ff:ff:ff:ff:ff -c 1
	expect_eq "mcast_flood off: no multicast" "$(rx 3)" 7
	expect_ok $BRIDGE link set dev vh3 mcast_flood on bcast_flood off
	send 1 ff:ff:ff:ff:ff:ff -c 4
	send 1 01:00:5e:01:02:03 -c 1
	expect_eq "bcast_flood off: no broadcast" "$(rx 3)" 8
	expect_eq "h2 got everything" "$(rx 2)" 17
	expect_eq "ingress got nothing" "$(rx 1)" 0
}

test_hairpin() {
	setup 2
	local x=02:00:00:00:01:01
	# x sits behind vh1 too (a VM behind h1, say).
	sendfrom 1 $x ff:ff:ff:ff:ff:ff
	expect_eq "x behind vh1" "$($VBRCTL -j fdb show br0 port vh1 | jq -r '.[].mac' | sort | tr '\n' ' ')" "$x "
	local before
	before=$(rx 1)
	send 1 $x -c 3
	expect_eq "hairpin off: not sent back" "$(rx 1)" "$before"
	expect_ge "counted as same port" "$($VBRCTL -j stats br0 | jq '.[0].counters.drop_same_port')" 3
	send 1 02:00:00:00:00:77 -c 2
	expect_eq "hairpin off: no flood back" "$(rx 1)" "$before"
	expect_ok $BRIDGE link set dev vh1 hairpin on
	send 1 $x -c 3
	expect_eq "hairpin on: known unicast back" "$(rx 1)" $((before + 3))
	send 1 02:00:00:00:00:77 -c 2
	expect_eq "hairpin on: flood back" "$(rx 1)" $((before + 5))
	send 1 ff:ff:ff:ff:ff:ff -c 1
	expect_eq "and broadcast back" "$(rx 1)" $((before + 6))
	expect_eq "h2 got the floods" "$(rx 2)" 6
}

test_isolated() {
	setup 3
	$IP addr add 10.0.0.254/24 dev br0
	expect_ok $BRIDGE link set dev vh1 isolated on
	expect_ok $IP link set dev vh2 type vbr_slave isolated on
	# Teach the FDB where everyone is.
	send 1 ff:ff:ff:ff:ff:ff
	send 2 ff:ff:ff:ff:ff:ff
	send 3 ff:ff:ff:ff:ff:ff
	local r1 r2 r3
	r1=$(rx 1) r2=$(rx 2) r3=$(rx 3)
	send 1 "$(mac 2)" -c 3
	expect_eq "isolated to isolated: dropped" "$(rx 2)" "$r2"
	expect_ge "counted" "$($VBRCTL -j stats br0 | jq '.[0].counters.drop_isolated')" 3
	send 2 "$(mac 1)" -c 2
	expect_eq "and back: dropped" "$(rx 1)" "$r1"
	send 1 "$(mac 3)" -c 2
	expect_eq "isolated to open: passes" "$(rx 3)" $((r3 + 2))
	send 3 "$(mac 1)" -c 2
	send 3 "$(mac 2)" -c 2
	expect_eq "open to isolated h1" "$(rx 1)" $((r1 + 2))
	expect_eq "open to isolated h2" "$(rx 2)" $((r2 + 2))
	# Floods from an isolated port skip the other isolated one.
	send 1 ff:ff:ff:ff:ff:ff -c 3
	expect_eq "flood skips isolated h2" "$(rx 2)" $((r2 + 2))
	expect_eq "flood reaches h3" "$(rx 3)" $((r3 + 5))
	send 3 ff:ff:ff:ff:ff:ff -c 1
	expect_eq "open flood reaches h1" "$(rx 1)" $((r1 + 3))
	expect_eq "open flood reaches h2" "$(rx 2)" $((r2 + 3))
	# The bridge device itself stays reachable.
	expect_ok $IP netns exec h1 ping -c 2 -i 0.2 -W 2 10.0.0.254
	expect_fail '100% packet loss' $IP netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.0.2
	expect_ok $IP netns exec h1 ping -c 2 -i 0.2 -W 2 10.0.0.3
}

test_locked_port() {
	setup 2
	expect_ok $BRIDGE link set dev vh1 locked on
	send 1 ff:ff:ff:ff:ff:ff -c 3
	expect_eq "locked: nothing passes" "$(rx 2)" 0
	expect_ge "counted" "$($VBRCTL -j stats br0 | jq '.[0].counters.drop_locked')" 3
	fdb_has "$(mac 1)" && fail "learned on a locked port"
	# A static entry elsewhere does not admit h1 here.
	expect_ok $BRIDGE fdb add "$(mac 1)" dev br0 self static via vh2
	send 1 ff:ff:ff:ff:ff:ff -c 2
	expect_eq "entry on another port: still dropped" "$(rx 2)" 0
	expect_ok $BRIDGE fdb replace "$(mac 1)" dev br0 self static via vh1
	send 1 ff:ff:ff:ff:ff:ff -c 2
	expect_eq "admitted by a static entry" "$(rx 2)" 2
	send 1 "$(mac 2)" -c 1
	expect_eq "unicast too" "$(rx 2)" 3
	# Another MAC behind the same port is not admitted.
	sendfrom 1 02:00:00:00:01:01 ff:ff:ff:ff:ff:ff -c 2
	expect_eq "other source dropped" "$(rx 2)" 3
	# Unlocked, it learns again.
	expect_ok $IP link set dev vh1 type vbr_slave locked off
	sendfrom 1 02:00:00:00:01:01 ff:ff:ff:ff:ff:ff -c 1
	expect_eq "unlocked: passes" "$(rx 2)" 4
	fdb_has 02:00:00:00:01:01 || fail "not learned once unlocked"
}

test_mab() {
	setup 2
	local log=/tmp/brport-mon.json tlog=/tmp/brport-mon.txt x=02:00:00:00:01:01
	$VBRCTL -j monitor > "$log" &
	$VBRCTL monitor > "$tlog" &
	expect_ok $IP link set dev vh1 type vbr_slave locked on mab on
	wait_for 50 grep -q '"port-changed"' "$log" || fail "monitor hears nothing"
	wait_for 50 grep -q 'port changed' "$tlog" || fail "text monitor hears nothing"
	send 1 ff:ff:ff:ff:ff:ff -c 2
	expect_eq "MAB: still nothing passes" "$(rx 2)" 0
	expect_eq "a locked entry" \
		"$($VBRCTL -j fdb show br0 locked | jq -r '.[] | "\(.mac) \(.port)"')" \
		"$(mac 1) vh1"
	wait_for 50 grep -q "\"fdb-learned\".*$(mac 1).*\"locked\"" "$log" ||
		fail "no locked-entry event: $(cat $log)"
	wait_for 50 file_has_line "$tlog" "fdb learned br0 $(mac 1) port vh1 locked" ||
		fail "text monitor: $(cat $tlog)"
	# Locked entries are dynamic ones: the dynamic filter lists them,
	# text output says "locked" and shows their age.
	expect_eq "dynamic filter" "$($VBRCTL -j fdb show br0 dynamic | jq -r '.[].mac')" "$(mac 1)"
	matches "^$(mac 1) bridge br0 port vh1 locked age " "$($VBRCTL fdb show br0)" ||
		fail "fdb show: $($VBRCTL fdb show br0)"
	# It counts as learned, and the limit holds for locked entries too.
	expect_eq "counted as learned" "$(slave vh1 learned)" 1
	expect_ok $VBRCTL set-port br0 vh1 max-learned 2
	sendfrom 1 $x ff:ff:ff:ff:ff:ff
	sendfrom 1 02:00:00:00:01:02 ff:ff:ff:ff:ff:ff
	expect_eq "limited" "$($VBRCTL -j fdb show br0 locked | jq length)" 2
	# The authenticator admits h1: a static entry replaces the locked one.
	expect_ok $BRIDGE fdb replace "$(mac 1)" dev br0 self static via vh1
	send 1 ff:ff:ff:ff:ff:ff -c 3
	expect_eq "admitted" "$(rx 2)" 3
	sendfrom 1 $x ff:ff:ff:ff:ff:ff
	expect_eq "x still waits" "$(rx 2)" 3
	# Frames to a locked MAC go to its port, as in the Linux bridge.
	send 2 $x -c 2
	expect_eq "to a locked MAC" "$(rx 1)" 2
	# MAB off: the locked entries go, the static one stays.
	expect_ok $VBRCTL set-port br0 vh1 mab off
	expect_eq "locked entries flushed" "$($VBRCTL -j fdb show br0 locked | jq length)" 0
	expect_eq "static kept" "$($VBRCTL -j fdb show br0 static | jq -r '.[].mac')" "$(mac 1)"
	# Seen on an unlocked port, a locked entry becomes an ordinary one.
	expect_ok $VBRCTL set-port br0 vh1 mab on
	sendfrom 1 $x ff:ff:ff:ff:ff:ff
	expect_eq "locked again" "$($VBRCTL -j fdb show br0 locked | jq -r '.[].mac')" $x
	sendfrom 2 $x ff:ff:ff:ff:ff:ff
	expect_eq "moved and unlocked" \
		"$($VBRCTL -j fdb show br0 dynamic | jq -r --arg m $x '.[] | select(.mac == $m) | .port')" vh2
	fdb_check
}

# Learn, move and delete in the Linux bridge's format.
test_fdb_events_rtnl() {
	setup 2
	local log=/tmp/brport-fdb.txt
	$BRIDGE monitor fdb > "$log" &
	local mon=$!
	wait_for 50 sh -c "$VBRCTL fdb add br0 02:00:00:00:00:fe; $VBRCTL fdb del br0 02:00:00:00:00:fe;
		grep -q 02:00:00:00:00:fe $log" || fail "bridge monitor hears nothing"
	send 1 ff:ff:ff:ff:ff:ff
	wait_for 50 file_matches "$log" "^$(mac 1) dev vh1 master br0" ||
		fail "no learn event: $(cat $log)"
	sendfrom 2 "$(mac 1)" ff:ff:ff:ff:ff:ff
	wait_for 50 file_matches "$log" "^$(mac 1) dev vh2 master br0" ||
		fail "no move event: $(cat $log)"
	expect_ok $VBRCTL fdb del br0 "$(mac 1)"
	wait_for 50 file_matches "$log" "^Deleted $(mac 1) dev vh2 master br0" ||
		fail "no delete event: $(cat $log)"
	expect_ok $VBRCTL fdb add br0 02:00:00:00:00:aa port vh1
	wait_for 50 file_matches "$log" "^02:00:00:00:00:aa dev vh1 master br0 static" ||
		fail "no static add event: $(cat $log)"
	# A flush is one genl event, and no storm of RTM_DELNEIGH.
	send 1 ff:ff:ff:ff:ff:ff -r -c 50
	wait_for 50 sh -c "[ \$(grep -v '^Deleted' $log | grep -c ' dev vh1 master br0') -ge 51 ]" ||
		fail "51 learn events expected: $(cat $log)"
	local d0
	d0=$(grep -c '^Deleted' "$log")
	expect_ok $VBRCTL fdb flush br0
	expect_eq "flushed" "$($VBRCTL -j fdb show br0 dynamic | jq length)" 0
	# Ageing out is a deletion too.
	expect_ok $IP link set br0 type vbr ageing_time 100
	send 2 ff:ff:ff:ff:ff:ff
	wait_for 100 file_matches "$log" "^Deleted $(mac 2) dev vh2 master br0" ||
		fail "no age-out event: $(cat $log)"
	expect_eq "one deletion since the flush" "$(grep -c '^Deleted' "$log")" $((d0 + 1))
	kill $mon
}

# Port option changes reach "bridge monitor link" and "vbrctl monitor".
test_port_events() {
	setup 1
	local blog=/tmp/brport-link.txt vlog=/tmp/brport-vbr.txt
	$BRIDGE monitor link > "$blog" &
	$VBRCTL monitor > "$vlog" &
	wait_for 50 sh -c "$BRIDGE link set dev vh1 isolated on; $BRIDGE link set dev vh1 isolated off;
		grep -q vh1 $blog && grep -q 'port changed' $vlog" || fail "monitors hear nothing"
	expect_ok $IP link set dev vh1 type vbr_slave hairpin on
	wait_for 50 file_matches "$vlog" '^port changed br0 vh1 .* hairpin on ' ||
		fail "vbrctl monitor: $(cat $vlog)"
	wait_for 50 file_matches "$blog" 'vh1.*master br0' || fail "bridge monitor: $(cat $blog)"
	# Setting a flag to what it is announces nothing.
	local n
	n=$(grep -c 'port changed' "$vlog")
	expect_ok $VBRCTL set-port br0 vh1 hairpin on
	expect_ok $VBRCTL set-port br0 vh1 isolated on
	wait_for 50 file_matches "$vlog" 'isolated on' || fail "no isolated event"
	expect_eq "one event, not two" "$(grep -c 'port changed' "$vlog")" $((n + 1))
}

# The Linux bridge's option names and units on "type vbr".
test_bridge_options() {
	load_vbr
	expect_ok $IP link add br0 type vbr ageing_time 1500 fdb_max_learned 10 \
		stp_state 0 forward_delay 0 mcast_snooping 0 vlan_filtering 0 \
		nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0
	expect_eq "ageing_time in centiseconds" \
		"$(link_field br0 .linkinfo.info_data.ageing_time)" 1500
	expect_eq "fdb_max_learned" "$(link_field br0 .linkinfo.info_data.fdb_max_learned)" 10
	expect_eq "fdb_n_learned" "$(link_field br0 .linkinfo.info_data.fdb_n_learned)" 0
	expect_eq "vbrctl speaks seconds" "$($VBRCTL -j show br0 | jq '.[0].ageing_time')" 15
	expect_fail 'stp_state.*not supported.*STP' $IP link add br1 type vbr stp_state 1
	expect_fail 'mcast_snooping.*not supported' $IP link set br0 type vbr mcast_snooping 1
	expect_fail 'vlan_stats_enabled.*not supported' \
		$IP link set br0 type vbr vlan_stats_enabled 1
	expect_fail 'hello_time.*not supported' $IP link set br0 type vbr hello_time 200
	[ ! -e /sys/class/net/br1 ] || fail "br1 made despite refusal"
	expect_eq "unchanged" "$(link_field br0 .linkinfo.info_data.ageing_time)" 1500
	expect_ok $IP link set br0 type vbr ageing_time 2000 max_learned 12
	expect_eq "set" "$(link_field br0 .linkinfo.info_data.ageing_time)" 2000
	expect_eq "old name" "$(link_field br0 .linkinfo.info_data.fdb_max_learned)" 12
	expect_ok $VBRCTL set br0 ageing_time 30
	expect_eq "vbrctl with _" "$(link_field br0 .linkinfo.info_data.ageing_time)" 3000
	# Entries age on the centisecond value.
	$IP link set br0 up
	hosts_add 1
	$IP link set vh1 master br0 up
	expect_ok $IP link set br0 type vbr ageing_time 50
	# Half a second is not "0" (never) in vbrctl's seconds.
	expect_eq "vbrctl: 0.5 s" "$($VBRCTL -j show br0 | jq '.[0].ageing_time')" 0.5
	matches '^    ageing-time 0.50 ' "$($VBRCTL -d show br0)" ||
		fail "show -d: $($VBRCTL -d show br0)"
	send 1 ff:ff:ff:ff:ff:ff
	fdb_has "$(mac 1)" || fail "not learned"
	wait_for 30 sh -c "! $BRIDGE fdb show dev br0 | grep -q $(mac 1)" ||
		fail "did not age within 3 s at ageing_time 50"
}

run_tests \
	test_bridge_link_show_lists_ports \
	test_flags_three_paths \
	test_refusals_change_nothing \
	test_flood_kinds \
	test_hairpin \
	test_isolated \
	test_locked_port \
	test_mab \
	test_fdb_events_rtnl \
	test_port_events \
	test_bridge_options
