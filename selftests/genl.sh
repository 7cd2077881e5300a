#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The vbr generic netlink family, spoken raw through selftests/tools/nlraw:
# what each command does, the strict policies and their messages, the
# privilege rule and network namespace isolation. vbrctl.sh covers the
# same API through the tool.
source "$(dirname "$0")/lib.sh"

# The numbers of uapi/linux/vbr.h (CMD_*, A_*), made from it by make.
source "$VBR_TOP/selftests/tools/uapi.sh"

genl() { $NLRAW genl "$@"; }

# u32 ATTR: the first value of that attribute in nlraw's output on stdin.
u32() {
	local h
	h=$(awk -v t="$1" '$1 == "attr" && $2 == t {print $4; exit}')
	[ -n "$h" ] || { echo none; return; }
	printf '%d\n' "0x${h:6:2}${h:4:2}${h:2:2}${h:0:2}"
}

# u8 ATTR
u8() {
	local h
	h=$(awk -v t="$1" '$1 == "attr" && $2 == t {print $4; exit}')
	[ -n "$h" ] || { echo none; return; }
	printf '%d\n' "0x$h"
}

replies() { grep -c '^reply' || true; }

# u16 ATTR
u16() {
	local h
	h=$(awk -v t="$1" '$1 == "attr" && $2 == t {print $4; exit}')
	[ -n "$h" ] || { echo none; return; }
	printf '%d\n' "0x${h:2:2}${h:0:2}"
}

# The first VLAN_LIST in nlraw's output on stdin, one word per range:
# VID-END, then ",pvid" and ",untagged" as flagged. nlraw shows 64 bytes
# of an attribute: two ranges.
vlan_list() {
	local h p=0 q end len ilen itype vid vend flags out=()
	h=$(awk -v t="$A_VLAN_LIST" '$1 == "attr" && $2 == t {print $4; exit}')
	while [ $p -lt ${#h} ]; do
		len=$((16#${h:p+2:2}${h:p:2}))
		q=$((p + 8))
		end=$((p + len * 2))
		vid= vend= flags=
		while [ $q -lt $end ]; do
			ilen=$((16#${h:q+2:2}${h:q:2}))
			itype=$((16#${h:q+6:2}${h:q+4:2}))
			case $itype in
			"$A_VLAN_VID") vid=$((16#${h:q+10:2}${h:q+8:2})) ;;
			"$A_VLAN_VID_END") vend=$((16#${h:q+10:2}${h:q+8:2})) ;;
			"$A_VLAN_PVID") flags+=,pvid ;;
			"$A_VLAN_UNTAGGED") flags+=,untagged ;;
			esac
			q=$((q + (ilen + 3) / 4 * 8))
		done
		out+=("$vid-$vend$flags")
		p=$((p + (len + 3) / 4 * 8))
	done
	echo "${out[*]}"
}

add_veth() {
	$IP link add "$1" type veth peer name "$1p"
}

test_bridge_new_get_set_del() {
	load_vbr
	local out
	out=$(genl $CMD_BR_NEW "$A_BR_NAME:str:br0" \
		"$A_BR_ADDR:hex:020000000042" "$A_BR_AGEING_TIME:u32:30" \
		"$A_BR_MAX_LEARNED:u32:7")
	expect_eq "reply ifindex" "$(u32 $A_BR_IFINDEX <<<"$out")" \
		"$(cat /sys/class/net/br0/ifindex)"
	expect_eq "kind" "$(link_field br0 .linkinfo.info_kind)" vbr
	expect_eq "address" "$(link_field br0 .address)" 02:00:00:00:00:42
	# genl speaks seconds, rtnetlink centiseconds (as type bridge).
	expect_eq "ageing through rtnl" \
		"$(link_field br0 .linkinfo.info_data.ageing_time)" 3000
	out=$(genl $CMD_BR_GET "$A_BR_NAME:str:br0")
	expect_eq "max learned" "$(u32 $A_BR_MAX_LEARNED <<<"$out")" 7
	expect_eq "ports" "$(u32 $A_BR_NPORTS <<<"$out")" 0
	expect_ok genl $CMD_BR_SET "$A_BR_NAME:str:br0" \
		"$A_BR_AGEING_TIME:u32:0" "$A_BR_MAX_LEARNED:u32:0"
	expect_eq "ageing set" \
		"$(link_field br0 .linkinfo.info_data.ageing_time)" 0
	# Without a name the kernel picks one; a dump lists vbr bridges only.
	genl $CMD_BR_NEW >/dev/null
	modprobe bridge
	$IP link add kbr0 type bridge
	expect_eq "dump" "$($NLRAW genl-dump $CMD_BR_GET | replies)" 2
	expect_eq "dump of one" "$($NLRAW genl-dump $CMD_BR_GET \
		"$A_BR_NAME:str:br0" | replies)" 1
	expect_fail 'no such device' $NLRAW genl-dump $CMD_BR_GET \
		"$A_BR_NAME:str:nosuch"
	$IP link show vbr0 >/dev/null || fail "no vbr0"
	$IP link del kbr0
	expect_ok genl $CMD_BR_DEL "$A_BR_NAME:str:br0"
	$IP link show br0 >/dev/null 2>&1 && fail "br0 still exists"
	expect_fail 'a device with that name exists' \
		genl $CMD_BR_NEW "$A_BR_NAME:str:vbr0"
}

test_strict_policy() {
	load_vbr
	genl $CMD_BR_NEW "$A_BR_NAME:str:br0" "$A_BR_AGEING_TIME:u32:30" \
		>/dev/null
	# Unknown to the family, not taken by this command, wrong length,
	# out of range, read-only, not NUL-terminated, bad MAC, bad name.
	expect_fail 'Unknown attribute type' \
		genl $CMD_BR_SET "$A_BR_NAME:str:br0" 99:u32:1
	expect_fail 'Unsupported attribute' \
		genl $CMD_BR_SET "$A_BR_NAME:str:br0" "$A_PORT_MTU:u32:1500"
	expect_fail 'Unsupported attribute' \
		genl $CMD_BR_SET "$A_BR_NAME:str:br0" "$A_BR_LEARNED:u32:1"
	expect_fail 'Invalid argument' \
		genl $CMD_BR_SET "$A_BR_NAME:str:br0" "$A_BR_AGEING_TIME:u8:1"
	expect_fail 'out of range' \
		genl $CMD_BR_SET "$A_BR_NAME:str:br0" \
		"$A_BR_AGEING_TIME:u32:1000001"
	expect_fail 'Invalid argument' \
		genl $CMD_BR_GET "$A_BR_NAME:hex:627230"
	expect_fail 'valid unicast MAC' \
		genl $CMD_BR_NEW "$A_BR_NAME:str:br1" \
		"$A_BR_ADDR:hex:ffffffffffff"
	expect_fail 'size out of range' \
		genl $CMD_BR_NEW "$A_BR_NAME:str:br1" "$A_BR_ADDR:hex:0200"
	expect_fail 'invalid device name' genl $CMD_BR_NEW "$A_BR_NAME:str:a/b"
	expect_fail 'Invalid argument|Numerical result' \
		genl $CMD_BR_NEW "$A_BR_NAME:str:abcdefghijklmnopq"
	# A request that was refused changed nothing.
	expect_eq "ageing kept" \
		"$(link_field br0 .linkinfo.info_data.ageing_time)" 3000
	$IP link show br1 >/dev/null 2>&1 && fail "br1 half made"
	# Which bridge, and it must be one.
	expect_fail 'name the bridge' genl $CMD_BR_GET
	expect_fail 'No such device.*no such device' \
		genl $CMD_BR_GET "$A_BR_NAME:str:nosuch"
	expect_fail 'No such device' genl $CMD_BR_GET "$A_BR_IFINDEX:u32:9999"
	expect_fail 'not a vbr bridge' genl $CMD_BR_DEL "$A_BR_NAME:str:lo"
	expect_fail 'out of range' genl $CMD_BR_GET "$A_BR_IFINDEX:u32:0"
	$IP link show lo >/dev/null || fail "lo gone"
}

test_ports() {
	load_vbr
	genl $CMD_BR_NEW "$A_BR_NAME:str:br0" >/dev/null
	genl $CMD_BR_NEW "$A_BR_NAME:str:br1" >/dev/null
	add_veth va1
	add_veth vb1
	local out
	out=$(genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:va1" \
		"$A_PORT_LEARNING:u8:0" "$A_PORT_MAX_LEARNED:u32:9")
	expect_eq "reply type netdev" "$(u8 $A_PORT_TYPE <<<"$out")" 0
	expect_eq "master" "$(link_field va1 .master)" br0
	expect_eq "learning off at creation" \
		"$(link_field va1 .linkinfo.info_slave_data.learning)" false
	expect_eq "limit at creation" \
		"$(link_field va1 .linkinfo.info_slave_data.max_learned)" 9
	genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:vb1" \
		"$A_PORT_OWNED:flag" >/dev/null
	expect_fail 'already has a master' genl $CMD_PORT_ADD \
		"$A_BR_NAME:str:br1" "$A_PORT_NAME:str:va1"
	expect_fail 'no such device' genl $CMD_PORT_ADD \
		"$A_BR_NAME:str:br0" "$A_PORT_NAME:str:nosuch"
	expect_fail 'name the device' genl $CMD_PORT_ADD "$A_BR_NAME:str:br0"
	expect_fail 'only Ethernet|loopback' genl $CMD_PORT_ADD \
		"$A_BR_NAME:str:br0" "$A_PORT_NAME:str:lo"
	expect_fail 'for internal ports only' genl $CMD_PORT_ADD \
		"$A_BR_NAME:str:br0" "$A_PORT_NAME:str:va1p" \
		"$A_PORT_MTU:u32:9000"
	expect_fail 'Numerical result|out of range' genl $CMD_PORT_ADD \
		"$A_BR_NAME:str:br0" "$A_PORT_NAME:str:va1p" \
		"$A_PORT_TYPE:u8:2"
	expect_fail 'not a port of this bridge' genl $CMD_PORT_GET \
		"$A_BR_NAME:str:br1" "$A_PORT_NAME:str:va1"
	expect_eq "va1p untouched" "$(link_field va1p .master)" null
	# Set, get, dump.
	expect_ok genl $CMD_PORT_SET "$A_BR_NAME:str:br0" \
		"$A_PORT_NAME:str:va1" "$A_PORT_LEARNING:u8:1" \
		"$A_PORT_FLOOD:u8:0"
	expect_eq "flood off" \
		"$(link_field va1 .linkinfo.info_slave_data.flood)" false
	out=$(genl $CMD_PORT_GET "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:va1")
	expect_eq "learning" "$(u8 $A_PORT_LEARNING <<<"$out")" 1
	expect_eq "flood" "$(u8 $A_PORT_FLOOD <<<"$out")" 0
	expect_fail 'Numerical result|out of range' genl $CMD_PORT_SET \
		"$A_BR_NAME:str:br0" "$A_PORT_NAME:str:va1" "$A_PORT_FLOOD:u8:2"
	expect_eq "dump br0" "$($NLRAW genl-dump $CMD_PORT_GET \
		"$A_BR_NAME:str:br0" | replies)" 2
	expect_eq "dump all" "$($NLRAW genl-dump $CMD_PORT_GET | replies)" 2
	expect_eq "dump one port" "$($NLRAW genl-dump $CMD_PORT_GET \
		"$A_PORT_NAME:str:vb1" | replies)" 1
	expect_fail 'not a port of this bridge' $NLRAW genl-dump \
		$CMD_PORT_GET "$A_BR_NAME:str:br1" "$A_PORT_NAME:str:vb1"
	# Removal: a netdev port's device stays, an owned one goes.
	expect_ok genl $CMD_PORT_DEL "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:va1"
	expect_eq "va1 released" "$(link_field va1 .master)" null
	expect_ok genl $CMD_PORT_DEL "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:vb1"
	$IP link show vb1 >/dev/null 2>&1 && fail "owned vb1 not deleted"
	$IP link show vb1p >/dev/null 2>&1 && fail "owned vb1's peer left"
	return 0
}

test_owned_ports_go_with_bridge() {
	load_vbr
	genl $CMD_BR_NEW "$A_BR_NAME:str:br0" >/dev/null
	add_veth va1
	add_veth vb1
	genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:va1" \
		>/dev/null
	genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:vb1" \
		"$A_PORT_OWNED:flag" >/dev/null
	expect_ok genl $CMD_BR_DEL "$A_BR_NAME:str:br0"
	$IP link show va1 >/dev/null || fail "a plain port's device deleted"
	$IP link show vb1 >/dev/null 2>&1 && fail "owned vb1 kept"
	return 0
}

test_fdb() {
	load_vbr
	genl $CMD_BR_NEW "$A_BR_NAME:str:br0" >/dev/null
	add_veth va1
	add_veth vb1
	genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:va1" >/dev/null
	genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:vb1" >/dev/null
	local br="$A_BR_NAME:str:br0" m
	for m in 01 02 03; do
		expect_ok genl $CMD_FDB_ADD "$br" "$A_FDB_ADDR:hex:0200000000$m" \
			"$A_PORT_NAME:str:va1"
	done
	expect_ok genl $CMD_FDB_ADD "$br" "$A_FDB_ADDR:hex:020000000004" \
		"$A_PORT_NAME:str:vb1" "$A_FDB_TYPE:u8:2"
	expect_ok genl $CMD_FDB_ADD "$br" "$A_FDB_ADDR:hex:020000000005"
	expect_fail 'the entry exists' genl $CMD_FDB_ADD "$br" \
		"$A_FDB_ADDR:hex:020000000001"
	# Replacing moves it; NLM_F_REPLACE itself is refused by the strict
	# family, which says so.
	expect_ok genl $CMD_FDB_ADD "$br" "$A_FDB_ADDR:hex:020000000001" \
		"$A_PORT_NAME:str:vb1" "$A_FDB_REPLACE:flag"
	expect_eq "replaced" "$(genl $CMD_FDB_GET "$br" \
		"$A_FDB_ADDR:hex:020000000001" | u32 $A_PORT_IFINDEX)" \
		"$(cat /sys/class/net/vb1/ifindex)"
	expect_ok genl $CMD_FDB_ADD "$br" "$A_FDB_ADDR:hex:020000000001" \
		"$A_PORT_NAME:str:va1" "$A_FDB_REPLACE:flag"
	expect_fail 'only static entries' genl $CMD_FDB_ADD "$br" \
		"$A_FDB_ADDR:hex:020000000009" "$A_FDB_TYPE:u8:1"
	expect_fail 'out of range' genl $CMD_FDB_ADD "$br" \
		"$A_FDB_ADDR:hex:020000000009" "$A_FDB_VID:u16:4095"
	expect_fail 'valid unicast MAC' genl $CMD_FDB_ADD "$br" \
		"$A_FDB_ADDR:hex:010000000009"
	expect_fail 'MAC address is missing' genl $CMD_FDB_ADD "$br"
	expect_fail 'not a port of this bridge' genl $CMD_FDB_ADD "$br" \
		"$A_FDB_ADDR:hex:020000000009" "$A_PORT_NAME:str:lo"
	# Get one; dump with filters. The bridge's own entry is local.
	local out
	out=$(genl $CMD_FDB_GET "$br" "$A_FDB_ADDR:hex:020000000004")
	expect_eq "entry port" "$(u32 $A_PORT_IFINDEX <<<"$out")" \
		"$(cat /sys/class/net/vb1/ifindex)"
	expect_eq "entry type" "$(u8 $A_FDB_TYPE <<<"$out")" 2
	expect_fail 'no such FDB entry' genl $CMD_FDB_GET "$br" \
		"$A_FDB_ADDR:hex:020000000077"
	expect_fail 'looked up by its address and VLAN alone' genl $CMD_FDB_GET "$br" \
		"$A_FDB_ADDR:hex:020000000004" "$A_PORT_NAME:str:va1"
	expect_eq "all" "$($NLRAW genl-dump $CMD_FDB_GET "$br" | replies)" 6
	expect_eq "on va1" "$($NLRAW genl-dump $CMD_FDB_GET \
		"$A_PORT_NAME:str:va1" | replies)" 3
	expect_eq "local" "$($NLRAW genl-dump $CMD_FDB_GET "$br" \
		"$A_FDB_TYPE:u8:3" | replies)" 1
	# A dump filters; it looks up no entry, so it takes no key.
	expect_fail 'Invalid argument.*filters by bridge, port, VLAN and type' \
		$NLRAW genl-dump $CMD_FDB_GET "$br" "$A_FDB_ADDR:hex:020000000004"
	expect_fail 'filters by bridge' $NLRAW genl-dump $CMD_FDB_GET "$br" \
		"$A_FDB_REPLACE:flag"
	# Flush: dynamic by default (none here), then static of one port.
	out=$(genl $CMD_FDB_FLUSH "$br")
	expect_eq "nothing dynamic" "$(u32 $A_FDB_FLUSHED <<<"$out")" 0
	out=$(genl $CMD_FDB_FLUSH "$br" "$A_PORT_NAME:str:va1" "$A_FDB_TYPE:u8:2")
	expect_eq "va1 statics flushed" "$(u32 $A_FDB_FLUSHED <<<"$out")" 3
	expect_fail 'never flushed' genl $CMD_FDB_FLUSH "$br" "$A_FDB_TYPE:u8:3"
	expect_fail 'a flush takes only a port, a VLAN and a type' genl $CMD_FDB_FLUSH "$br" \
		"$A_FDB_ADDR:hex:020000000004"
	# Delete one, refuse the bridge's own.
	expect_ok genl $CMD_FDB_DEL "$br" "$A_FDB_ADDR:hex:020000000004"
	expect_fail 'no such FDB entry' genl $CMD_FDB_DEL "$br" \
		"$A_FDB_ADDR:hex:020000000004"
	local own
	own=$(link_field br0 .address | tr -d :)
	expect_fail "own address cannot be deleted" genl $CMD_FDB_DEL "$br" \
		"$A_FDB_ADDR:hex:$own"
	out=$(genl $CMD_FDB_FLUSH "$br" "$A_FDB_TYPE:u8:0")
	expect_eq "the rest" "$(u32 $A_FDB_FLUSHED <<<"$out")" 1
	expect_eq "own entry stays" "$($NLRAW genl-dump $CMD_FDB_GET "$br" |
		replies)" 1
}

test_unprivileged_refused_but_reads() {
	load_vbr
	genl $CMD_BR_NEW "$A_BR_NAME:str:br0" >/dev/null
	local nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	expect_fail 'Operation not permitted' \
		"${nobody[@]}" $NLRAW genl $CMD_BR_NEW "$A_BR_NAME:str:br1"
	expect_fail 'Operation not permitted' \
		"${nobody[@]}" $NLRAW genl $CMD_BR_DEL "$A_BR_NAME:str:br0"
	expect_fail 'Operation not permitted' \
		"${nobody[@]}" $NLRAW genl $CMD_FDB_FLUSH "$A_BR_NAME:str:br0"
	expect_ok "${nobody[@]}" $NLRAW genl $CMD_BR_GET "$A_BR_NAME:str:br0"
	expect_fail 'Operation not permitted' "${nobody[@]}" $NLRAW genl \
		$CMD_VLAN_ADD "$A_BR_NAME:str:br0" "$A_VLAN_VID:u16:10"
	expect_fail 'Operation not permitted' "${nobody[@]}" $NLRAW genl \
		$CMD_VLAN_DEL "$A_BR_NAME:str:br0" "$A_VLAN_VID:u16:1"
	expect_ok "${nobody[@]}" $NLRAW genl $CMD_VLAN_GET "$A_BR_NAME:str:br0"
	expect_eq "nobody's VLAN dump" "$("${nobody[@]}" $NLRAW genl-dump \
		$CMD_VLAN_GET | replies)" 1
	expect_eq "dump" "$("${nobody[@]}" $NLRAW genl-dump $CMD_FDB_GET |
		replies)" 1
	$IP link show br0 >/dev/null || fail "br0 gone"
	$IP link show br1 >/dev/null 2>&1 && fail "br1 made"
	return 0
}

test_other_netns_invisible() {
	load_vbr
	genl $CMD_BR_NEW "$A_BR_NAME:str:br0" >/dev/null
	$IP netns add n1
	local idx
	idx=$(cat /sys/class/net/br0/ifindex)
	expect_fail 'no such device' $IP netns exec n1 \
		$NLRAW genl $CMD_BR_GET "$A_BR_NAME:str:br0"
	expect_fail 'no such device' $IP netns exec n1 \
		$NLRAW genl $CMD_BR_DEL "$A_BR_IFINDEX:u32:$idx"
	expect_eq "dump in n1" "$($IP netns exec n1 $NLRAW genl-dump \
		$CMD_BR_GET | replies)" 0
	expect_eq "fdb dump in n1" "$($IP netns exec n1 $NLRAW genl-dump \
		$CMD_FDB_GET | replies)" 0
	# n1's own bridge, with the same name, is n1's alone.
	expect_ok $IP netns exec n1 $NLRAW genl $CMD_BR_NEW "$A_BR_NAME:str:br0"
	expect_eq "root sees one" "$($NLRAW genl-dump $CMD_BR_GET | replies)" 1
}

# A MAC the user gave is NET_ADDR_SET (3), so that udev's
# MACAddressPolicy leaves it; one vbr picked is random (1).
test_given_mac_is_set_not_random() {
	load_vbr
	genl $CMD_BR_NEW "$A_BR_NAME:str:br0" "$A_BR_ADDR:hex:020000000042" >/dev/null
	genl $CMD_BR_NEW "$A_BR_NAME:str:br1" >/dev/null
	expect_eq "given" "$(< /sys/class/net/br0/addr_assign_type)" 3
	expect_eq "random" "$(< /sys/class/net/br1/addr_assign_type)" 1
	genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:vi0" \
		"$A_PORT_TYPE:u8:1" "13:hex:020000000043" >/dev/null
	genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:vi1" \
		"$A_PORT_TYPE:u8:1" >/dev/null
	expect_eq "internal, given" "$(< /sys/class/net/vi0/addr_assign_type)" 3
	expect_eq "internal, random" "$(< /sys/class/net/vi1/addr_assign_type)" 1
}

# Attributes a command does not take are refused, and nothing changes.
test_refused_combinations() {
	load_vbr
	genl $CMD_BR_NEW "$A_BR_NAME:str:br0" >/dev/null
	add_veth va1
	local idx
	idx=$(< /sys/class/net/va1/ifindex)
	expect_fail 'an internal port is named, not given by ifindex' \
		genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" "$A_PORT_IFINDEX:u32:$idx" \
		"$A_PORT_TYPE:u8:1"
	[ ! -e /sys/class/net/va1/master ] || fail "va1 got a master"
	genl $CMD_FDB_ADD "$A_BR_NAME:str:br0" "$A_FDB_ADDR:hex:020000000061" >/dev/null
	expect_fail 'deleted by its address and VLAN alone' genl $CMD_FDB_DEL \
		"$A_BR_NAME:str:br0" "$A_FDB_ADDR:hex:020000000061" "$A_FDB_TYPE:u8:2"
	genl $CMD_FDB_GET "$A_BR_NAME:str:br0" "$A_FDB_ADDR:hex:020000000061" |
		grep -q '^reply' || fail "the entry went"
}

# Bridge VLAN options: set at creation and later, shown by BR_GET and
# rtnetlink; bad values refused, and nothing changes then.
test_vlan_bridge_options() {
	load_vbr
	local br="$A_BR_NAME:str:br0" out
	out=$(genl $CMD_BR_NEW "$br" "$A_BR_VLAN_FILTERING:u8:1" \
		"$A_BR_VLAN_DEFAULT_PVID:u16:5" "$A_BR_VLAN_PROTOCOL:u16:0x88a8")
	expect_eq "reply filtering" "$(u8 $A_BR_VLAN_FILTERING <<<"$out")" 1
	expect_eq "reply default pvid" "$(u16 $A_BR_VLAN_DEFAULT_PVID <<<"$out")" 5
	expect_eq "reply protocol" "$(u16 $A_BR_VLAN_PROTOCOL <<<"$out")" $((0x88a8))
	expect_eq "rtnl filtering" \
		"$(link_field br0 .linkinfo.info_data.vlan_filtering)" 1
	expect_eq "rtnl protocol" \
		"$(link_field br0 .linkinfo.info_data.vlan_protocol)" 802.1ad
	expect_eq "rtnl default pvid" \
		"$(link_field br0 .linkinfo.info_data.vlan_default_pvid)" 5
	# The bridge device joined the default PVID.
	expect_eq "self in pvid 5" "$(genl $CMD_VLAN_GET "$br" | vlan_list)" \
		"5-5,pvid,untagged"
	expect_ok genl $CMD_BR_SET "$br" "$A_BR_VLAN_FILTERING:u8:0" \
		"$A_BR_VLAN_PROTOCOL:u16:0x8100"
	out=$(genl $CMD_BR_GET "$br")
	expect_eq "filtering off" "$(u8 $A_BR_VLAN_FILTERING <<<"$out")" 0
	expect_eq "802.1Q" "$(u16 $A_BR_VLAN_PROTOCOL <<<"$out")" $((0x8100))
	expect_fail 'Invalid argument.*VLAN protocol is 802.1Q or 802.1ad' \
		genl $CMD_BR_SET "$br" "$A_BR_VLAN_FILTERING:u8:1" \
		"$A_BR_VLAN_PROTOCOL:u16:0x0800"
	expect_fail 'out of range' genl $CMD_BR_SET "$br" \
		"$A_BR_VLAN_DEFAULT_PVID:u16:4095"
	expect_fail 'out of range' genl $CMD_BR_SET "$br" \
		"$A_BR_VLAN_FILTERING:u8:2"
	expect_fail 'Invalid argument' genl $CMD_BR_SET "$br" \
		"$A_BR_VLAN_DEFAULT_PVID:u8:1"
	out=$(genl $CMD_BR_GET "$br")
	expect_eq "still off" "$(u8 $A_BR_VLAN_FILTERING <<<"$out")" 0
	expect_eq "pvid kept" "$(u16 $A_BR_VLAN_DEFAULT_PVID <<<"$out")" 5
	# A refused creation leaves no bridge.
	expect_fail 'VLAN protocol' genl $CMD_BR_NEW "$A_BR_NAME:str:br1" \
		"$A_BR_VLAN_PROTOCOL:u16:0x9100"
	$IP link show br1 >/dev/null 2>&1 && fail "br1 made"
	# Default PVID 0: new ports join nothing.
	expect_ok genl $CMD_BR_SET "$br" "$A_BR_VLAN_DEFAULT_PVID:u16:0"
	add_veth va1
	genl $CMD_PORT_ADD "$br" "$A_PORT_NAME:str:va1" >/dev/null
	expect_eq "no VLANs" "$(genl $CMD_VLAN_GET "$br" "$A_PORT_NAME:str:va1" |
		vlan_list)" ""
}

test_vlan_add_del_get() {
	load_vbr
	local br="$A_BR_NAME:str:br0" va1="$A_PORT_NAME:str:va1"
	genl $CMD_BR_NEW "$br" "$A_BR_VLAN_FILTERING:u8:1" >/dev/null
	genl $CMD_BR_NEW "$A_BR_NAME:str:br1" >/dev/null
	add_veth va1
	add_veth vb1
	genl $CMD_PORT_ADD "$br" "$va1" >/dev/null
	genl $CMD_PORT_ADD "$A_BR_NAME:str:br1" "$A_PORT_NAME:str:vb1" >/dev/null
	# A new port, and the bridge device, join VLAN 1 untagged as PVID.
	local out
	out=$(genl $CMD_VLAN_GET "$br" "$va1")
	expect_eq "reply names the port" "$(u32 $A_PORT_IFINDEX <<<"$out")" \
		"$(< /sys/class/net/va1/ifindex)"
	expect_eq "default" "$(vlan_list <<<"$out")" "1-1,pvid,untagged"
	out=$(genl $CMD_VLAN_GET "$br")
	expect_eq "self: no port" "$(u32 $A_PORT_IFINDEX <<<"$out")" none
	expect_eq "self default" "$(vlan_list <<<"$out")" "1-1,pvid,untagged"
	# A range, then gone again.
	expect_ok genl $CMD_VLAN_ADD "$br" "$va1" "$A_VLAN_VID:u16:10" \
		"$A_VLAN_VID_END:u16:20"
	expect_eq "range" "$(genl $CMD_VLAN_GET "$br" "$va1" | vlan_list)" \
		"1-1,pvid,untagged 10-20"
	expect_ok genl $CMD_VLAN_DEL "$br" "$va1" "$A_VLAN_VID:u16:10" \
		"$A_VLAN_VID_END:u16:20"
	expect_eq "range gone" "$(genl $CMD_VLAN_GET "$br" "$va1" | vlan_list)" \
		"1-1,pvid,untagged"
	# The PVID moves; VLAN 1 stays, untagged.
	expect_ok genl $CMD_VLAN_ADD "$br" "$va1" "$A_VLAN_VID:u16:30" \
		"$A_VLAN_PVID:flag" "$A_VLAN_UNTAGGED:flag"
	expect_eq "pvid moved" "$(genl $CMD_VLAN_GET "$br" "$va1" | vlan_list)" \
		"1-1,untagged 30-30,pvid,untagged"
	# The bridge device itself: no port named.
	expect_ok genl $CMD_VLAN_ADD "$br" "$A_VLAN_VID:u16:30"
	expect_eq "self" "$(genl $CMD_VLAN_GET "$br" | vlan_list)" \
		"1-1,pvid,untagged 30-30"
	expect_ok genl $CMD_VLAN_DEL "$br" "$A_VLAN_VID:u16:1"
	expect_eq "self without 1" "$(genl $CMD_VLAN_GET "$br" | vlan_list)" \
		"30-30"

	# Refusals, each with its errno and message; nothing changes.
	local before
	before=$(genl $CMD_VLAN_GET "$br" "$va1" | vlan_list)
	expect_fail 'out of range' genl $CMD_VLAN_ADD "$br" "$va1" \
		"$A_VLAN_VID:u16:0"
	expect_fail 'out of range' genl $CMD_VLAN_ADD "$br" "$va1" \
		"$A_VLAN_VID:u16:4095"
	expect_fail 'out of range' genl $CMD_VLAN_ADD "$br" "$va1" \
		"$A_VLAN_VID:u16:10" "$A_VLAN_VID_END:u16:4095"
	expect_fail 'Invalid argument.*range ends before it starts' \
		genl $CMD_VLAN_ADD "$br" "$va1" "$A_VLAN_VID:u16:20" \
		"$A_VLAN_VID_END:u16:10"
	expect_fail 'Invalid argument.*PVID is one VLAN' \
		genl $CMD_VLAN_ADD "$br" "$va1" "$A_VLAN_VID:u16:10" \
		"$A_VLAN_VID_END:u16:11" "$A_VLAN_PVID:flag"
	expect_fail 'Invalid argument.*VLAN id is missing' \
		genl $CMD_VLAN_ADD "$br" "$va1" "$A_VLAN_PVID:flag"
	expect_fail 'No such device.*no such device' genl $CMD_VLAN_ADD "$br" \
		"$A_PORT_NAME:str:nosuch" "$A_VLAN_VID:u16:10"
	expect_fail 'No such file.*not a port of this bridge' \
		genl $CMD_VLAN_ADD "$br" "$A_PORT_NAME:str:vb1" "$A_VLAN_VID:u16:10"
	expect_fail 'not a vbr bridge' genl $CMD_VLAN_ADD "$A_BR_NAME:str:lo" \
		"$A_VLAN_VID:u16:10"
	expect_fail 'Invalid argument.*Unsupported attribute' \
		genl $CMD_VLAN_DEL "$br" "$va1" "$A_VLAN_VID:u16:30" "$A_VLAN_PVID:flag"
	expect_fail 'Invalid argument.*Unsupported attribute' \
		genl $CMD_VLAN_GET "$br" "$va1" "$A_VLAN_VID:u16:30"
	expect_eq "unchanged" "$(genl $CMD_VLAN_GET "$br" "$va1" | vlan_list)" \
		"$before"
	expect_fail 'not a port of this bridge' genl $CMD_VLAN_GET "$br" \
		"$A_PORT_NAME:str:vb1"

	# Dumps: each bridge device, then its ports; filtered by bridge and
	# by port.
	expect_eq "dump all" "$($NLRAW genl-dump $CMD_VLAN_GET | replies)" 4
	expect_eq "dump br0" "$($NLRAW genl-dump $CMD_VLAN_GET "$br" | replies)" 2
	out=$($NLRAW genl-dump $CMD_VLAN_GET "$br")
	expect_eq "bridge device first" "$(u32 $A_PORT_IFINDEX <<<"$out")" \
		"$(< /sys/class/net/va1/ifindex)"
	expect_eq "dump va1" "$($NLRAW genl-dump $CMD_VLAN_GET "$va1" |
		replies)" 1
	expect_fail 'not a port of this bridge' $NLRAW genl-dump \
		$CMD_VLAN_GET "$br" "$A_PORT_NAME:str:vb1"
}

# The FDB by VLAN: the same MAC in two VLANs behind two ports.
test_fdb_vid() {
	load_vbr
	local br="$A_BR_NAME:str:br0" m="$A_FDB_ADDR:hex:020000000009" out
	genl $CMD_BR_NEW "$br" "$A_BR_VLAN_FILTERING:u8:1" >/dev/null
	add_veth va1
	add_veth vb1
	genl $CMD_PORT_ADD "$br" "$A_PORT_NAME:str:va1" >/dev/null
	genl $CMD_PORT_ADD "$br" "$A_PORT_NAME:str:vb1" >/dev/null
	genl $CMD_VLAN_ADD "$br" "$A_PORT_NAME:str:va1" "$A_VLAN_VID:u16:10" >/dev/null
	genl $CMD_VLAN_ADD "$br" "$A_PORT_NAME:str:vb1" "$A_VLAN_VID:u16:20" >/dev/null
	expect_ok genl $CMD_FDB_ADD "$br" "$m" "$A_FDB_VID:u16:10" \
		"$A_PORT_NAME:str:va1"
	expect_ok genl $CMD_FDB_ADD "$br" "$m" "$A_FDB_VID:u16:20" \
		"$A_PORT_NAME:str:vb1"
	out=$(genl $CMD_FDB_GET "$br" "$m" "$A_FDB_VID:u16:20")
	expect_eq "VLAN 20's port" "$(u32 $A_PORT_IFINDEX <<<"$out")" \
		"$(< /sys/class/net/vb1/ifindex)"
	expect_eq "its VID" "$(u16 $A_FDB_VID <<<"$out")" 20
	expect_eq "VLAN 10's port" "$(genl $CMD_FDB_GET "$br" "$m" \
		"$A_FDB_VID:u16:10" | u32 $A_PORT_IFINDEX)" \
		"$(< /sys/class/net/va1/ifindex)"
	expect_fail 'no such FDB entry' genl $CMD_FDB_GET "$br" "$m"
	expect_fail 'out of range' genl $CMD_FDB_GET "$br" "$m" \
		"$A_FDB_VID:u16:4095"
	expect_eq "dump of VLAN 10" "$($NLRAW genl-dump $CMD_FDB_GET "$br" \
		"$A_FDB_VID:u16:10" | replies)" 1
	expect_eq "dump of static" "$($NLRAW genl-dump $CMD_FDB_GET "$br" \
		"$A_FDB_TYPE:u8:2" | replies)" 2
	out=$(genl $CMD_FDB_FLUSH "$br" "$A_FDB_VID:u16:10" "$A_FDB_TYPE:u8:2")
	expect_eq "one VLAN flushed" "$(u32 $A_FDB_FLUSHED <<<"$out")" 1
	# With a VID, that VLAN's entry alone; without one, every VLAN's.
	expect_ok genl $CMD_FDB_ADD "$br" "$m" "$A_FDB_VID:u16:10" \
		"$A_PORT_NAME:str:va1"
	expect_ok genl $CMD_FDB_DEL "$br" "$m" "$A_FDB_VID:u16:20"
	expect_eq "VLAN 10's left" "$($NLRAW genl-dump $CMD_FDB_GET "$br" \
		"$A_FDB_TYPE:u8:2" | replies)" 1
	expect_ok genl $CMD_FDB_ADD "$br" "$m" "$A_FDB_VID:u16:20" \
		"$A_PORT_NAME:str:vb1"
	expect_ok genl $CMD_FDB_DEL "$br" "$m"
	expect_eq "none static left" "$($NLRAW genl-dump $CMD_FDB_GET "$br" \
		"$A_FDB_TYPE:u8:2" | replies)" 0
	expect_fail 'no such FDB entry' genl $CMD_FDB_DEL "$br" "$m"
}

# A trunk with every other VLAN: thousands of ranges, over several dump
# messages, each range once.
test_vlan_dump_long_list() {
	load_vbr
	local br="$A_BR_NAME:str:br0" va1="$A_PORT_NAME:str:va1" v
	genl $CMD_BR_NEW "$br" "$A_BR_VLAN_FILTERING:u8:1" >/dev/null
	add_veth va1
	genl $CMD_PORT_ADD "$br" "$va1" >/dev/null
	expect_ok genl $CMD_VLAN_ADD "$br" "$va1" "$A_VLAN_VID:u16:2" \
		"$A_VLAN_VID_END:u16:4094"
	# Untagged every other VLAN: no two neighbours share flags, 2047
	# ranges. One bridge process for all of them.
	for ((v = 2; v <= 4094; v += 2)); do
		echo "vlan add dev va1 vid $v untagged"
	done > /tmp/vlan-batch
	expect_ok $BRIDGE -batch /tmp/vlan-batch
	# nlraw reads 4 KiB at a time: the dump needs many messages.
	local msgs
	msgs=$($NLRAW genl-dump $CMD_VLAN_GET "$va1" | replies)
	[ "$msgs" -ge 2 ] || fail "one message for 4093 ranges: $msgs"
	# vbrctl reads them back whole; its JSON counts each VLAN once.
	local n
	n=$($VBR_TOP/tools/vbrctl/vbrctl -j vlan show br0 va1 |
		jq '[.[0].vlans[] | (.vid_end // .vid) - .vid + 1] | add')
	expect_eq "every VLAN once" "$n" 4094
}

run_tests \
	test_bridge_new_get_set_del \
	test_strict_policy \
	test_ports \
	test_owned_ports_go_with_bridge \
	test_fdb \
	test_unprivileged_refused_but_reads \
	test_other_netns_invisible \
	test_given_mac_is_set_not_random \
	test_refused_combinations \
	test_vlan_bridge_options \
	test_vlan_add_del_get \
	test_fdb_vid \
	test_vlan_dump_long_list
