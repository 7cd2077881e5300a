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
	expect_fail 'VLANs are not supported' genl $CMD_FDB_ADD "$br" \
		"$A_FDB_ADDR:hex:020000000009" "$A_FDB_VID:u16:5"
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
	expect_fail 'looked up by its address alone' genl $CMD_FDB_GET "$br" \
		"$A_FDB_ADDR:hex:020000000004" "$A_PORT_NAME:str:va1"
	expect_eq "all" "$($NLRAW genl-dump $CMD_FDB_GET "$br" | replies)" 6
	expect_eq "on va1" "$($NLRAW genl-dump $CMD_FDB_GET \
		"$A_PORT_NAME:str:va1" | replies)" 3
	expect_eq "local" "$($NLRAW genl-dump $CMD_FDB_GET "$br" \
		"$A_FDB_TYPE:u8:3" | replies)" 1
	# Flush: dynamic by default (none here), then static of one port.
	out=$(genl $CMD_FDB_FLUSH "$br")
	expect_eq "nothing dynamic" "$(u32 $A_FDB_FLUSHED <<<"$out")" 0
	out=$(genl $CMD_FDB_FLUSH "$br" "$A_PORT_NAME:str:va1" "$A_FDB_TYPE:u8:2")
	expect_eq "va1 statics flushed" "$(u32 $A_FDB_FLUSHED <<<"$out")" 3
	expect_fail 'never flushed' genl $CMD_FDB_FLUSH "$br" "$A_FDB_TYPE:u8:3"
	expect_fail 'a flush takes only a port and a type' genl $CMD_FDB_FLUSH "$br" \
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
	expect_fail 'deleted by its address alone' genl $CMD_FDB_DEL \
		"$A_BR_NAME:str:br0" "$A_FDB_ADDR:hex:020000000061" "$A_FDB_TYPE:u8:2"
	genl $CMD_FDB_GET "$A_BR_NAME:str:br0" "$A_FDB_ADDR:hex:020000000061" |
		grep -q '^reply' || fail "the entry went"
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
	test_refused_combinations
