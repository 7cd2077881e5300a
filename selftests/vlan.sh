#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 802.1Q VLAN filtering with real tagged frames: access and trunk ports,
# the tag added and removed, ingress filtering and the PVID, the FDB per
# VLAN, floods confined to a VLAN, the host on a VLAN (br0.10 and an
# internal access port), full-size tagged frames, a VLAN over VXLAN,
# 802.1ad, filtering flipped under traffic, and bad input refused.
#
# Topology: hosts h1..hN are network namespaces whose eth0 (MAC
# 02:00:00:00:00:0i, 10.0.0.i/24) has its veth peer vhI on br0, a vbr
# bridge with vlan_filtering 1. A host on a trunk port talks VLAN V
# through eth0.V; hosts use 10.0.V.i/24 and fd00:V::i/64 in VLAN V.
# Test frames (EtherType 0x88b5, sendeth -q/-Q for tags) are counted on
# each host's eth0 ingress by tc filters (see counters_add): untagged,
# any 802.1Q tag, any 802.1ad tag, and one filter per VID asked for.
source "$(dirname "$0")/lib.sh"

VBRCTL=$VBR_TOP/tools/vbrctl/vbrctl
BCAST=ff:ff:ff:ff:ff:ff
X=02:00:00:00:01:01

# br_add [OPTS]: br0 with vlan_filtering on and the vbr OPTS, up.
br_add() {
	load_vbr
	$IP link add br0 type vbr vlan_filtering 1 "$@"
	$IP link set br0 up
}

# ports I...: hosts hI (hosts_add in lib.sh) whose vhI are ports of br0,
# up, and their frame counters.
ports() {
	local i b=
	hosts_add "$@" || return 1
	for i; do
		b+="link set vh$i master br0"$'\n'"link set vh$i up"$'\n'
	done
	$IP -b - <<<"$b" || return 1
	for i; do
		counters_add "$i" || return 1
	done
}

# setup N [OPTS]: br_add OPTS and ports 1..N.
setup() {
	local n=$1
	shift
	br_add "$@"
	# shellcheck disable=SC2046
	ports $(seq 1 "$n")
}

# counters_add I: on host I's eth0, after the untagged counter of
# hosts_add (pref 1): every 802.1Q-tagged frame (pref 2) and every
# 802.1ad-tagged one (pref 3). "continue", so that the per-VID counters
# of qcount_add see the frame too.
counters_add() {
	$TC -n "h$1" -b - <<-EOF
	filter add dev eth0 ingress pref 2 protocol 802.1Q matchall action continue
	filter add dev eth0 ingress pref 3 protocol 802.1ad matchall action continue
	EOF
}

# qcount_add I VID...: count test frames tagged 802.1Q VID on host I.
qcount_add() {
	local i=$1 v b=
	shift
	for v; do
		b+="filter add dev eth0 ingress pref $((1000 + v)) protocol 802.1Q"
		b+=" flower vlan_id $v vlan_ethtype 0x88b5 action continue"$'\n'
	done
	$TC -n "h$i" -b - <<<"$b"
}

# settled CMD...: CMD's count once it stops moving. A frame may still sit
# in a backlog when its sender returns (ksoftirqd, under TCG's load).
settled() {
	local a b n=20
	b=$("$@") || return 1
	while [ "$n" -gt 0 ]; do
		nap 0.05
		a=$b
		b=$("$@") || return 1
		[ "$a" = "$b" ] && break
		n=$((n - 1))
	done
	echo "$b"
}

rx0() { settled tc_count_pref "h$1" eth0 1; }	# untagged test frames
rxq_any() { settled tc_count_pref "h$1" eth0 2; }	# anything 802.1Q-tagged
rxad_any() { settled tc_count_pref "h$1" eth0 3; }	# anything 802.1ad-tagged
rxq() { settled tc_count_pref "h$1" eth0 $((1000 + $2)); }	# tagged VID $2

# vlan_cmds LINE...: one "bridge -b" for the lot, e.g.
# vlan_cmds "add dev vh1 vid 10" "del dev vh1 vid 1".
vlan_cmds() {
	printf 'vlan %s\n' "$@" | $BRIDGE -b -
}

# access PORT VID: PORT's only VLAN is VID, PVID and untagged.
access() {
	vlan_cmds "add dev $1 vid $2 pvid untagged" "del dev $1 vid 1"
}

# trunk PORT VID...: PORT carries the VIDs tagged, and has no PVID.
trunk() {
	local p=$1 v l=("del dev $1 vid 1")
	shift
	for v; do
		l+=("add dev $p vid $v")
	done
	vlan_cmds "${l[@]}"
}

# vaddr I DEV VID: 10.0.VID.I/24 and fd00:VID::I/64 on DEV of host I.
vaddr() {
	$IP -n "h$1" -b - <<-EOF
	addr add 10.0.$3.$1/24 dev $2
	addr add fd00:$3::$1/64 dev $2 nodad
	EOF
}

# vlandev I VID [PROTO]: eth0.VID on host I (PROTO 802.1Q or 802.1ad),
# up, with vaddr's addresses.
vlandev() {
	$IP -n "h$1" link add link eth0 name "eth0.$2" type vlan \
		protocol "${3:-802.1Q}" id "$2" || return 1
	vaddr "$1" "eth0.$2" "$2" || return 1
	$IP -n "h$1" link set "eth0.$2" up
}

# vlans_of [-c] DEV: DEV's VLANs as "bridge vlan show" prints them
# (-c: ranges compressed), one entry per line joined by "; ", e.g.
# "1 PVID Egress Untagged; 10".
vlans_of() {
	local l w n=0 out='' opt=()
	[ "$1" != -c ] || { opt=(-compressvlans); shift; }
	while IFS= read -r l; do
		n=$((n + 1))
		[ $n -gt 1 ] || continue	# the header
		read -ra w <<<"${l#"$1"}"
		[ ${#w[@]} -gt 0 ] || continue
		out+="${out:+; }${w[*]}"
	done < <($BRIDGE "${opt[@]}" vlan show dev "$1")
	echo "$out"
}

# fdb_port MAC VID: the port "bridge fdb show dev br0" puts MAC behind in
# VLAN VID (0: no VLAN), "br0" for the bridge, nothing if absent.
fdb_port() {
	local l via vid
	while IFS= read -r l; do
		[[ $l == "${1,,} "* ]] || continue
		vid=0 via=br0
		[[ $l =~ \ vlan\ ([0-9]+) ]] && vid=${BASH_REMATCH[1]}
		[[ $l =~ \ via\ ([^ ]+) ]] && via=${BASH_REMATCH[1]}
		[ "$vid" = "$2" ] && echo "$via"
	done < <($BRIDGE fdb show dev br0)
	return 0
}

# sendfrom I SRC DST [sendeth options]: frames out of host I from SRC.
sendfrom() {
	local i=$1 src=$2 dst=$3
	shift 3
	"$SENDETH" -n "h$i" eth0 "$dst" "$src" "$@"
}

# ping_ok I ADDR [ping options]: host I reaches ADDR.
ping_ok() {
	local i=$1
	shift
	expect_ok $IP netns exec "h$i" ping -c 2 -i 0.2 -W 2 "$@"
}

# ping_fails I ADDR: host I does not reach ADDR (one try, one second).
ping_fails() {
	local i=$1
	shift
	expect_fail '100% packet loss' $IP netns exec "h$i" ping -c 1 -W 1 "$@"
}

# delta COUNTER BEFORE: how much the br0 counter grew since BEFORE.
delta() {
	echo $(( $(vbr_counter br0 "$1") - $2 ))
}

# ---- membership and options ----------------------------------------------

# New ports and the bridge device join vlan_default_pvid, PVID and
# untagged; "vlan_default_pvid 0" makes them join nothing.
test_ports_join_default_pvid() {
	setup 1
	expect_eq "vlan_filtering shown" \
		"$(link_field br0 .linkinfo.info_data.vlan_filtering)" 1
	expect_eq "vh1 joined VLAN 1" "$(vlans_of vh1)" "1 PVID Egress Untagged"
	expect_eq "br0 joined VLAN 1" "$(vlans_of br0)" "1 PVID Egress Untagged"
	expect_ok $IP link set br0 type vbr vlan_default_pvid 5
	expect_eq "default pvid shown" \
		"$(link_field br0 .linkinfo.info_data.vlan_default_pvid)" 5
	expect_eq "vh1 moved to the new default" "$(vlans_of vh1)" "5 PVID Egress Untagged"
	$IP link add br1 type vbr vlan_filtering 1 vlan_default_pvid 0
	hosts_add 2
	$IP link set vh2 master br1
	expect_eq "vlan_default_pvid 0: no VLAN" "$(vlans_of vh2)" ""
	expect_ok $BRIDGE vlan add dev vh2 vid 10-12 untagged
	expect_ok $BRIDGE vlan add dev vh2 vid 20 pvid
	expect_eq "a range and a PVID" "$(vlans_of vh2)" \
		"10 Egress Untagged; 11 Egress Untagged; 12 Egress Untagged; 20 PVID"
	expect_eq "compressed" "$(vlans_of -c vh2)" "10-12 Egress Untagged; 20 PVID"
	expect_ok $BRIDGE vlan del dev vh2 vid 11
	expect_eq "one out of the range" "$(vlans_of -c vh2)" \
		"10 Egress Untagged; 12 Egress Untagged; 20 PVID"
	# A new PVID takes the flag from the old one.
	expect_ok $BRIDGE vlan add dev vh2 vid 12 pvid untagged
	expect_eq "PVID moved" "$(vlans_of -c vh2)" \
		"10 Egress Untagged; 12 PVID Egress Untagged; 20"
	# The JSON form says the same.
	expect_eq "bridge -j vlan show" \
		"$($BRIDGE -j vlan show dev vh2 | jq -c '.[0].vlans')" \
		'[{"vlan":10,"flags":["Egress Untagged"]},{"vlan":12,"flags":["PVID","Egress Untagged"]},{"vlan":20}]'
}

# ---- access and trunk ports ----------------------------------------------

test_access_to_access_same_vlan() {
	setup 2
	access vh1 10
	access vh2 10
	expect_eq "vh1 an access port" "$(vlans_of vh1)" "10 PVID Egress Untagged"
	ping_ok 1 10.0.0.2
	send 1 "$(mac 2)" -c 3
	expect_eq "untagged at h2" "$(rx0 2)" 3
	expect_eq "nothing tagged" "$(rxq_any 2)" 0
}

test_access_to_other_vlan_blocked() {
	setup 3
	access vh1 10
	access vh2 20
	access vh3 10
	ping_fails 1 10.0.0.2
	# Unicast to a MAC known in VLAN 20 only is unknown in VLAN 10: it
	# floods VLAN 10, never to h2.
	send 2 $BCAST
	expect_eq "h2 learned in VLAN 20" "$(fdb_port "$(mac 2)" 20)" vh2
	send 1 "$(mac 2)" -c 3
	send 1 $BCAST -c 2
	expect_eq "h2 got nothing of VLAN 10" "$(rx0 2)" 0
	expect_eq "h3 got VLAN 10's frames" "$(rx0 3)" 5
	expect_eq "and not h2's broadcast" "$(rx0 1)" 0
}

test_access_to_trunk_adds_tag() {
	setup 2
	access vh1 10
	trunk vh2 10 20
	qcount_add 2 10 20
	send 1 $BCAST -c 3
	send 1 02:00:00:00:00:77 -c 2
	expect_eq "tagged VID 10 at the trunk" "$(rxq 2 10)" 5
	expect_eq "nothing untagged" "$(rx0 2)" 0
	expect_eq "nothing in VLAN 20" "$(rxq 2 20)" 0
	# An IP host on the trunk's VLAN device, and the tag on the wire:
	# 802.1Q, VID 10, around IPv4 (counted by tc, not by a capture whose
	# start and end race with the ping).
	vaddr 1 eth0 10
	vlandev 2 10
	$TC -n h2 filter add dev eth0 ingress pref 1110 protocol 802.1Q \
		flower vlan_id 10 vlan_ethtype ipv4 action continue
	ping_ok 1 10.0.10.2
	local n
	n=$(settled tc_count_pref h2 eth0 1110)
	[ "$n" -ge 2 ] || fail "IPv4 tagged 802.1Q VID 10 at the trunk: $n, want >= 2"
}

test_trunk_to_access_removes_tag() {
	setup 2
	access vh1 10
	trunk vh2 10 20
	qcount_add 1 10
	send 2 $BCAST -q 10 -c 3
	expect_eq "untagged at the access port" "$(rx0 1)" 3
	expect_eq "no tag left" "$(rxq_any 1)" 0
	send 2 $BCAST -q 20 -c 2
	expect_eq "VLAN 20 not at h1" "$(rx0 1)" 3
	vaddr 1 eth0 10
	vlandev 2 10
	ping_ok 2 10.0.10.1
	ping_ok 2 fd00:10::1
}

test_trunk_to_trunk_keeps_tag() {
	setup 3
	trunk vh1 10 20
	trunk vh2 10 20
	trunk vh3 20
	qcount_add 2 10 20
	qcount_add 3 10 20
	send 1 $BCAST -q 10 -c 3
	expect_eq "VID 10 kept" "$(rxq 2 10)" 3
	expect_eq "h3 is not in VLAN 10" "$(rxq_any 3)" 0
	send 1 $BCAST -q 20 -c 2
	expect_eq "VID 20 to h2" "$(rxq 2 20)" 2
	expect_eq "VID 20 to h3" "$(rxq 3 20)" 2
	expect_eq "nothing untagged anywhere" "$(( $(rx0 2) + $(rx0 3) ))" 0
	# Learned per VLAN, known unicast stays tagged.
	send 2 $BCAST -q 20
	send 1 "$(mac 2)" -q 20 -c 4
	expect_eq "known unicast, tagged" "$(rxq 2 20)" 6
	expect_eq "and only there" "$(rxq 3 20)" 3
}

# ---- ingress filtering and the PVID ---------------------------------------

test_ingress_unknown_vid_dropped() {
	setup 2
	trunk vh1 10
	trunk vh2 10 30
	qcount_add 2 10 30
	local before
	before=$(vbr_counter br0 drop_vlan_ingress)
	send 1 $BCAST -q 30 -c 4
	expect_eq "nothing in VLAN 30 at h2" "$(rxq 2 30)" 0
	expect_eq "drop_vlan_ingress" "$(delta drop_vlan_ingress "$before")" 4
	expect_eq "vbrctl stats agrees" \
		"$($VBRCTL -j stats br0 | jq '.[0].counters.drop_vlan_ingress')" \
		"$(vbr_counter br0 drop_vlan_ingress)"
	expect_eq "not learned in VLAN 30" "$(fdb_port "$(mac 1)" 30)" ""
	send 1 $BCAST -q 10 -c 2
	expect_eq "VLAN 10 passes" "$(rxq 2 10)" 2
	expect_eq "no more drops" "$(delta drop_vlan_ingress "$before")" 4
}

# Untagged and priority-tagged frames take the PVID; without one they go.
test_no_pvid_drops_untagged() {
	setup 2
	trunk vh1 10
	local before
	before=$(vbr_counter br0 drop_no_pvid)
	send 1 $BCAST -c 3
	send 1 $BCAST -q 0 -p 5 -c 2
	expect_eq "nothing at h2" "$(( $(rx0 2) + $(rxq_any 2) ))" 0
	expect_eq "drop_no_pvid" "$(delta drop_no_pvid "$before")" 5
	expect_ok $BRIDGE vlan add dev vh1 vid 1 pvid untagged
	send 1 $BCAST -c 1
	send 1 $BCAST -q 0 -p 5 -c 2
	expect_eq "both kinds in the PVID, untagged out" "$(rx0 2)" 3
	expect_eq "no tag out of an untagged member" "$(rxq_any 2)" 0
	expect_eq "no more drops" "$(delta drop_no_pvid "$before")" 5
}

# ---- the FDB per VLAN ---------------------------------------------------

test_same_mac_in_two_vlans() {
	setup 3
	trunk vh1 10 20
	trunk vh2 10 20
	trunk vh3 10 20
	qcount_add 1 10 20
	qcount_add 2 10 20
	# X is behind vh1 in VLAN 10, behind vh2 in VLAN 20.
	sendfrom 1 $X $BCAST -q 10
	sendfrom 2 $X $BCAST -q 20
	expect_eq "X in VLAN 10" "$(fdb_port $X 10)" vh1
	expect_eq "X in VLAN 20" "$(fdb_port $X 20)" vh2
	expect_eq "vbrctl, VLAN 10" \
		"$($VBRCTL -j fdb show br0 vlan 10 | jq -r --arg m $X '.[] | select(.mac == $m) | .port')" \
		vh1
	local a10 a20 b10 b20
	a10=$(rxq 1 10) a20=$(rxq 1 20) b10=$(rxq 2 10) b20=$(rxq 2 20)
	send 3 $X -q 10 -c 3
	send 3 $X -q 20 -c 2
	expect_eq "VLAN 10 to h1" "$(rxq 1 10)" $((a10 + 3))
	expect_eq "VLAN 20 to h2" "$(rxq 2 20)" $((b20 + 2))
	expect_eq "not VLAN 20 to h1" "$(rxq 1 20)" "$a20"
	expect_eq "not VLAN 10 to h2" "$(rxq 2 10)" "$b10"
	# A move in one VLAN leaves the other alone.
	sendfrom 3 $X $BCAST -q 20
	expect_eq "moved in VLAN 20" "$(fdb_port $X 20)" vh3
	expect_eq "VLAN 10 kept" "$(fdb_port $X 10)" vh1
	fdb_check
}

test_static_entry_per_vlan() {
	setup 3
	trunk vh1 10 20
	trunk vh2 10 20
	trunk vh3 10 20
	qcount_add 1 10 20
	qcount_add 2 10 20
	expect_ok $BRIDGE fdb add $X dev br0 self static vlan 10 via vh1
	expect_ok $BRIDGE fdb add $X dev br0 self static vlan 20 via vh2
	expect_eq "static in VLAN 10" "$(fdb_port $X 10)" vh1
	expect_eq "static in VLAN 20" "$(fdb_port $X 20)" vh2
	send 3 $X -q 10 -c 3
	send 3 $X -q 20 -c 2
	expect_eq "VLAN 10 to h1 only" "$(rxq 1 10) $(rxq 2 10)" "3 0"
	expect_eq "VLAN 20 to h2 only" "$(rxq 2 20) $(rxq 1 20)" "2 0"
	expect_ok $BRIDGE fdb del $X dev br0 self vlan 10
	expect_eq "VLAN 10's gone" "$(fdb_port $X 10)" ""
	expect_eq "VLAN 20's stays" "$(fdb_port $X 20)" vh2
}

# Without "vlan", a static entry goes in VLAN 0 and in each VLAN of its
# port (of br0, for the bridge's own), as the Linux bridge adds them:
# frames in those VLANs go to the port alone. All or none. A delete
# without "vlan" deletes them all.
test_static_entry_in_each_vlan() {
	setup 3
	trunk vh1 10 20
	trunk vh2 10 20
	trunk vh3 10 20
	qcount_add 1 20
	qcount_add 2 20
	expect_ok $BRIDGE fdb add $X dev br0 self static via vh1
	expect_eq "VLANs of the entry" \
		"$(fdb_port $X 0) $(fdb_port $X 10) $(fdb_port $X 20) $(fdb_port $X 1)" \
		"vh1 vh1 vh1 "
	send 3 $X -q 20 -c 3
	expect_eq "VLAN 20 to h1, not flooded" "$(rxq 1 20) $(rxq 2 20)" "3 0"
	# The bridge's: br0's VLAN 1.
	local y=02:00:00:00:01:02 z=02:00:00:00:01:03
	expect_ok $BRIDGE fdb add $y dev br0 self static
	expect_eq "br0's VLANs" "$(fdb_port $y 0) $(fdb_port $y 1)" "br0 br0"
	# Replace moves every VLAN's entry.
	expect_ok $BRIDGE fdb replace $X dev br0 self static via vh2
	expect_eq "replaced" \
		"$(fdb_port $X 0) $(fdb_port $X 10) $(fdb_port $X 20)" "vh2 vh2 vh2"
	# Delete without "vlan": every VLAN's entry, as the add made them, by
	# rtnetlink and genl alike; VLAN 20's alone with "vlan 20".
	expect_ok $BRIDGE fdb del $X dev br0 self vlan 20
	expect_eq "VLAN 20's deleted" \
		"$(fdb_port $X 0) $(fdb_port $X 10) $(fdb_port $X 20)" "vh2 vh2 "
	expect_ok $BRIDGE fdb del $X dev br0 self
	expect_eq "all deleted" \
		"$(fdb_port $X 0)$(fdb_port $X 10)$(fdb_port $X 20)" ""
	expect_fail 'no such FDB entry' $BRIDGE fdb del $X dev br0 self
	expect_ok $VBRCTL fdb del br0 $y
	expect_eq "br0's deleted" "$(fdb_port $y 0)$(fdb_port $y 1)" ""
	# One VLAN taken: the others are not added either.
	expect_ok $BRIDGE fdb add $z dev br0 self static vlan 20 via vh3
	expect_fail 'the entry exists' $BRIDGE fdb add $z dev br0 self static via vh1
	expect_eq "none added" "$(fdb_port $z 0)$(fdb_port $z 10) $(fdb_port $z 20)" " vh3"
	# Without filtering, VLAN 0 alone.
	expect_ok $IP link set br0 type vbr vlan_filtering 0
	expect_ok $BRIDGE fdb add $z dev br0 self static via vh1
	expect_eq "VLAN 0 only" "$(fdb_port $z 0) $(fdb_port $z 10)" "vh1 "
}

# A static entry in a VLAN its port (or br0) is not a member of is refused,
# through rtnetlink and genl alike, with filtering on; accepted without.
test_static_entry_needs_member_vlan() {
	setup 1
	trunk vh1 10
	local vh1 msg="(VLAN 30 is not one of vh1's|the VLAN is not one of the port's)"
	vh1=$(cat /sys/class/net/vh1/ifindex)
	# NDA_VLAN 5, NDA_IFINDEX 8.
	expect_fail "Invalid argument \(22\): vbr: $msg" \
		$NLRAW fdbadd br0 $X 5:u16:30 8:u32:"$vh1"
	expect_fail "Error: vbr: $msg" \
		$BRIDGE fdb add $X dev br0 self static vlan 30 via vh1
	# vbrctl prints the message without "vbr: ".
	expect_fail "Invalid argument: $msg" $VBRCTL fdb add br0 $X port vh1 vlan 30
	expect_fail "vbr: (VLAN 10 is not one of br0's|the VLAN is not one of the port's)" \
		$BRIDGE fdb add $X dev br0 self static vlan 10
	expect_eq "none added" "$($BRIDGE fdb show dev br0 | grep -ci "$X")" 0
	expect_ok $BRIDGE fdb add $X dev br0 self static vlan 10 via vh1
	expect_ok $IP link set br0 type vbr vlan_filtering 0
	expect_ok $BRIDGE fdb add $X dev br0 self static vlan 30 via vh1
}

# vlan_default_pvid changes with filtering on, as through the Linux
# bridge's netlink (only its sysfs file says EPERM): members still on the
# old default move, and untagged frames follow.
test_default_pvid_change_filtering_on() {
	setup 2
	access vh2 5
	send 1 $BCAST -c 2
	expect_eq "h2 in VLAN 5 apart" "$(rx0 2)" 0
	expect_ok $IP link set br0 type vbr vlan_default_pvid 5
	expect_eq "vh1 moved" "$(vlans_of vh1)" "5 PVID Egress Untagged"
	expect_eq "br0 moved" "$(vlans_of br0)" "5 PVID Egress Untagged"
	send 1 $BCAST -c 3
	expect_eq "h1 and h2 both in VLAN 5" "$(rx0 2)" 3
}

# ---- floods --------------------------------------------------------------

test_flood_confined_to_vlan() {
	setup 5
	access vh1 10
	access vh2 10
	access vh3 20
	trunk vh4 20
	trunk vh5 10 30
	qcount_add 5 10 30
	send 1 $BCAST -c 2
	send 1 02:00:00:00:00:77 -c 2
	send 1 01:00:5e:01:02:03 -c 2
	expect_eq "access member, untagged" "$(rx0 2)" 6
	expect_eq "trunk member, tagged 10" "$(rxq 5 10)" 6
	expect_eq "trunk member, nothing else" "$(( $(rx0 5) + $(rxq 5 30) ))" 0
	expect_eq "VLAN 20 access port" "$(( $(rx0 3) + $(rxq_any 3) ))" 0
	expect_eq "VLAN 20 trunk port" "$(( $(rx0 4) + $(rxq_any 4) ))" 0
	expect_eq "not back to the sender" "$(rx0 1)" 0
}

# ---- the host on a VLAN --------------------------------------------------

# br0.10, with br0 a tagged member of VLAN 10, reaches VLAN 10.
test_br0_vlan_device() {
	setup 1
	access vh1 10
	vaddr 1 eth0 10
	$IP -b - <<-EOF
	link add link br0 name br0.10 type vlan id 10
	addr add 10.0.10.254/24 dev br0.10
	addr add fd00:10::fe/64 dev br0.10 nodad
	link set br0.10 up
	EOF
	# Not a member of VLAN 10 yet: nothing of it reaches br0.10.
	local rx
	rx=$(stat_of "" br0.10 rx_packets)
	send 1 $BCAST -c 3
	expect_eq "br0.10 got nothing" "$(stat_of "" br0.10 rx_packets)" "$rx"
	ping_fails 1 10.0.10.254
	expect_ok $BRIDGE vlan add dev br0 vid 10 self
	expect_eq "br0's VLANs" "$(vlans_of br0)" "1 PVID Egress Untagged; 10"
	rx=$(stat_of "" br0.10 rx_packets)
	send 1 $BCAST -c 3
	expect_eq "br0.10 gets VLAN 10" "$(stat_of "" br0.10 rx_packets)" $((rx + 3))
	ping_ok 1 10.0.10.254
	ping_ok 1 fd00:10::fe
	expect_ok ping -c 2 -i 0.2 -W 2 10.0.10.1
	expect_ok ping -c 2 -i 0.2 -W 2 fd00:10::1
}

test_internal_access_port() {
	setup 2
	access vh1 10
	access vh2 20
	vaddr 1 eth0 10
	vaddr 2 eth0 10
	expect_ok $VBRCTL add-port br0 vi10 type internal vlan 10
	expect_eq "vi10 an access port" "$(vlans_of vi10)" "10 PVID Egress Untagged"
	$IP -b - <<-EOF
	addr add 10.0.10.254/24 dev vi10
	addr add fd00:10::fe/64 dev vi10 nodad
	link set vi10 up
	EOF
	ping_ok 1 10.0.10.254
	ping_ok 1 fd00:10::fe
	expect_ok ping -c 2 -i 0.2 -W 2 10.0.10.1
	expect_ok ping -6 -c 2 -i 0.2 -W 2 fd00:10::1
	# The same subnet in VLAN 20 is out of reach.
	ping_fails 2 10.0.10.254
}

# ---- sizes, tunnels, QinQ ------------------------------------------------

# A 1500-byte IP packet plus its tag, both ways across the VLAN.
test_full_size_frame() {
	setup 2
	access vh1 10
	trunk vh2 10
	vaddr 1 eth0 10
	vlandev 2 10
	local before
	before=$(vbr_counter br0 drop_mtu)
	ping_ok 1 10.0.10.2 -s 1472 -M 'do'
	ping_ok 2 10.0.10.1 -s 1472 -M 'do'
	expect_eq "drop_mtu" "$(delta drop_mtu "$before")" 0
}

# Two hosts, each a vbr bridge whose VXLAN port is a trunk: A's carries
# VLANs 10 and 20, B's only 10. VLAN 10 crosses tagged; B refuses 20.
test_vxlan_carries_vlan() {
	load_vbr
	modprobe vxlan
	local s me peer v
	$IP netns add hostA
	$IP netns add hostB
	$IP -n hostA link add ul type veth peer name ul netns hostB
	for s in A B; do
		me=1 peer=2
		[ $s = A ] || { me=2; peer=1; }
		$IP -n "host$s" -b - <<-EOF
		link set lo up
		addr add 192.168.100.$me/24 dev ul
		link set ul up
		link add br0 type vbr vlan_filtering 1
		link set br0 up
		link add vx42 type vxlan id 42 local 192.168.100.$me remote 192.168.100.$peer dstport 4789
		link set vx42 master br0
		link set vx42 up
		EOF
		for v in 10 20; do
			$IP netns add "c$v$s"
			$IP -n "host$s" link add "vc$v" type veth peer name eth0 netns "c$v$s"
			$IP -n "host$s" link set "vc$v" master br0 up
			$IP -n "c$v$s" addr add "10.0.$v.$me/24" dev eth0
			$IP -n "c$v$s" link set eth0 up
			$BRIDGE -n "host$s" -b - <<-EOF
			vlan add dev vc$v vid $v pvid untagged
			vlan del dev vc$v vid 1
			EOF
		done
	done
	$BRIDGE -n hostA -b - <<-EOF
	vlan del dev vx42 vid 1
	vlan add dev vx42 vid 10
	vlan add dev vx42 vid 20
	EOF
	$BRIDGE -n hostB -b - <<-EOF
	vlan del dev vx42 vid 1
	vlan add dev vx42 vid 10
	EOF
	expect_ok $IP netns exec c10A ping -c 3 -i 0.2 -W 2 10.0.10.2
	expect_ge "VLAN 10 came through the tunnel" \
		"$($IP netns exec hostB cat /sys/class/net/vx42/statistics/rx_packets)" 3
	expect_fail '100% packet loss' $IP netns exec c20A ping -c 1 -W 1 10.0.20.2
	expect_ge "B dropped VLAN 20 at its VXLAN port" \
		"$($IP netns exec hostB ethtool -S br0 | awk '$1 == "drop_vlan_ingress:" {print $2}')" 1
}

# vlan_protocol 802.1ad: the S-tag filters; a C-tag is payload.
test_8021ad_stag_filters() {
	setup 3 vlan_protocol 802.1ad
	expect_eq "vlan_protocol shown" \
		"$(link_field br0 .linkinfo.info_data.vlan_protocol)" 802.1ad
	access vh1 10
	trunk vh2 10
	trunk vh3 20
	$TC -n h2 filter add dev eth0 ingress pref 100 protocol 802.1ad flower \
		vlan_id 10 vlan_ethtype 802.1Q cvlan_id 100 cvlan_ethtype 0x88b5 \
		action continue
	# A customer's C-tagged frame enters VLAN 10 and leaves in S-tag 10
	# with its C-tag.
	send 1 $BCAST -q 100 -c 3
	expect_eq "S 10 over C 100 at the trunk" "$(tc_count_pref h2 eth0 100)" 3
	expect_eq "nothing at h3" "$(( $(rxad_any 3) + $(rxq_any 3) + $(rx0 3) ))" 0
	# The C-tag does not filter: on a port without PVID it is untagged.
	local ing nopvid
	ing=$(vbr_counter br0 drop_vlan_ingress)
	nopvid=$(vbr_counter br0 drop_no_pvid)
	send 2 $BCAST -q 10 -c 2
	expect_eq "C-tagged on a port without PVID" "$(delta drop_no_pvid "$nopvid")" 2
	send 2 $BCAST -Q 20 -c 3
	expect_eq "S-tag 20 not on vh2" "$(delta drop_vlan_ingress "$ing")" 3
	expect_eq "nothing reached h1 or h3" \
		"$(( $(rx0 1) + $(rxq_any 1) + $(rxad_any 3) ))" 0
	# IP through an 802.1ad VLAN device.
	vaddr 1 eth0 10
	vlandev 2 10 802.1ad
	ping_ok 2 10.0.10.1
}

# ---- control under traffic, and bad input --------------------------------

test_flip_filtering_under_traffic() {
	setup 3
	local i ppid spid
	$IP netns exec h1 ping -f -w 8 10.0.0.2 >/dev/null 2>&1 &
	ppid=$!
	send 3 $BCAST -q 10 -c 200000 &
	spid=$!
	# Membership changes in between, each mode with traffic for a while.
	for i in 1 2 3 4; do
		expect_ok $IP link set br0 type vbr vlan_filtering 0
		expect_ok $BRIDGE vlan add dev vh1 vid 10 pvid untagged
		nap 0.2
		expect_ok $IP link set br0 type vbr vlan_filtering 1
		nap 0.2
		vlan_cmds "add dev vh1 vid 1 pvid untagged" "del dev vh1 vid 10"
	done
	expect_eq "filtering on again" \
		"$(link_field br0 .linkinfo.info_data.vlan_filtering)" 1
	ping_ok 1 10.0.0.2
	expect_ok $IP link del br0
	nap 0.5
	kill "$ppid" "$spid" 2>/dev/null || :
	wait
	for i in 1 2 3; do
		if matches master "$($IP link show vh$i)"; then fail "vh$i kept master"; fi
	done
}

test_bad_input_refused() {
	setup 1
	trunk vh1 10
	local before id='Error: vbr: a VLAN id is 1 to 4094'
	before=$($BRIDGE vlan show)
	expect_fail "$id" $BRIDGE vlan add dev vh1 vid 0
	expect_fail "$id" $BRIDGE vlan add dev vh1 vid 4095
	expect_fail "$id" $BRIDGE vlan add dev vh1 vid 4090-4095
	expect_fail "$id" $BRIDGE vlan add dev br0 vid 0 self
	# The bridge tool refuses these itself; the kernel does too.
	expect_fail 'Invalid VLAN range' $BRIDGE vlan add dev vh1 vid 20-10
	expect_fail 'pvid cannot be configured for a vlan range' \
		$BRIDGE vlan add dev vh1 vid 10-20 pvid
	local einval='Invalid argument \(22\): vbr:'
	expect_fail "$einval a VLAN id is 1 to 4094" $NLRAW vlan add vh1 0
	expect_fail "$einval a VLAN id is 1 to 4094" $NLRAW vlan add br0 self 4095:u
	expect_fail "$einval the VLAN range ends before it starts" \
		$NLRAW vlan add vh1 20:b 10:e
	expect_fail "$einval the PVID is one VLAN, not a range" \
		$NLRAW vlan add vh1 10:bp 20:ep
	expect_fail "$einval" $NLRAW vlan add vh1 10:b
	expect_fail "$einval" $NLRAW vlan add vh1 20:e
	# All or nothing: a good VLAN before a bad one is not added.
	expect_fail "$einval a VLAN id is 1 to 4094" $NLRAW vlan add vh1 30 4095
	# "bridge vlan del" has no extended ack in the kernel: errno only.
	expect_fail 'Invalid argument' $BRIDGE vlan del dev vh1 vid 0
	expect_fail 'Invalid argument' $BRIDGE vlan del dev vh1 vid 4095
	expect_fail 'Invalid argument \(22\)' $NLRAW vlan del vh1 10 0
	expect_fail '.' $VBRCTL vlan add br0 nosuch vid 10
	expect_eq "bridge vlan show unchanged" "$($BRIDGE vlan show)" "$before"
}

run_tests \
	test_ports_join_default_pvid \
	test_access_to_access_same_vlan \
	test_access_to_other_vlan_blocked \
	test_access_to_trunk_adds_tag \
	test_trunk_to_access_removes_tag \
	test_trunk_to_trunk_keeps_tag \
	test_ingress_unknown_vid_dropped \
	test_no_pvid_drops_untagged \
	test_same_mac_in_two_vlans \
	test_static_entry_per_vlan \
	test_static_entry_in_each_vlan \
	test_static_entry_needs_member_vlan \
	test_default_pvid_change_filtering_on \
	test_flood_confined_to_vlan \
	test_br0_vlan_device \
	test_internal_access_port \
	test_full_size_frame \
	test_vxlan_carries_vlan \
	test_8021ad_stag_filters \
	test_flip_filtering_under_traffic \
	test_bad_input_refused
