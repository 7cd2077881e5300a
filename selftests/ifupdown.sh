#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The ifupdown hook tools/ifupdown/vbr (vbr-interfaces(5)), run as
# ifupdown runs it: a clean environment holding IFACE, MODE, PHASE and
# the stanza's options as IF_VBR_*, from if-pre-up.d and if-post-down.d.
# The VM has no ifupdown; a stand-in ifquery prints the stanzas of other
# interfaces from files. Checked: the bridge and its options, ports
# enslaved and up, VLANs and port options from the bridge's and the
# ports' stanzas, the protections (err_recovery, loop probes, MAC flaps,
# BPDU guard, storm control), frames across, internal ports,
# BRIDGE.VID, post-down, and refusals that name their keyword and leave
# nothing behind.
source "$(dirname "$0")/lib.sh"

HOOK=$VBR_TOP/tools/ifupdown/vbr
VBRCTL_DIR=$VBR_TOP/tools/vbrctl
IFQ=/tmp/vbr-ifquery
# The shell ifupdown's run-parts would run it with on Debian: dash if
# the VM has it, else sh (bash here); VBR_HOOK_SH names another.
HOOK_SH=${VBR_HOOK_SH:-$(command -v dash || echo sh)}

# stanza IFACE [LINE...]: IFACE's stanza for the stand-in ifquery, as
# "key: value" lines (no LINE: a stanza without options).
stanza() {
	local f=$IFQ/stanzas/$1
	shift
	mkdir -p "$IFQ/stanzas"
	printf '%s\n' "$@" > "$f"
}

ifquery_init() {
	rm -rf "$IFQ"
	mkdir -p "$IFQ/bin" "$IFQ/stanzas"
	cat > "$IFQ/bin/ifquery" <<-EOF
	#!/bin/sh
	[ -f "$IFQ/stanzas/\$1" ] || { echo "ifquery: unknown interface \$1" >&2; exit 1; }
	cat "$IFQ/stanzas/\$1"
	EOF
	chmod +x "$IFQ/bin/ifquery"
}

# hook PHASE IFACE [IF_VBR_X=VALUE...]: run the hook for PHASE (pre-up
# or post-down) of IFACE's stanza, as ifupdown does. Its output is left
# in $hook_out; the status is the hook's. PATH is ifupdown's, plus the
# stand-in ifquery and vbrctl (NO_VBRCTL=1: without vbrctl).
hook() {
	local phase=$1 iface=$2 mode=start rc=0 path
	shift 2
	[ "$phase" != post-down ] || mode=stop
	path=$IFQ/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
	[ -n "${NO_VBRCTL:-}" ] || path+=:$VBRCTL_DIR
	hook_out=$(env -i PATH="$path" IP_LIB_DIR="$IP_LIB_DIR" \
		IFACE="$iface" LOGICAL="$iface" ADDRFAM=inet METHOD=manual \
		CLASS=auto MODE="$mode" PHASE="$phase" VERBOSITY=0 "$@" \
		"$HOOK_SH" "$HOOK" 2>&1) || rc=$?
	return $rc
}

# hook_ok / hook_fails ERE: the same, which must succeed, or fail with a
# message matching ERE.
hook_ok() {
	hook "$@" || fail "hook $* failed: $hook_out"
}

hook_fails() {
	local pat=$1
	shift
	if hook "$@"; then
		fail "hook $* succeeded, expected /$pat/: $hook_out"
		return 1
	fi
	matches "$pat" "$hook_out" ||
		fail "hook $* failed with '$hook_out', expected /$pat/"
}

# vlans_of DEV: DEV's VLANs as "bridge vlan show" prints them, one entry
# per line joined by "; ", e.g. "1 PVID Egress Untagged; 10".
vlans_of() {
	local l w n=0 out=''
	while IFS= read -r l; do
		n=$((n + 1))
		[ $n -gt 1 ] || continue
		read -ra w <<<"${l#"$1"}"
		[ ${#w[@]} -gt 0 ] || continue
		out+="${out:+; }${w[*]}"
	done < <($BRIDGE vlan show dev "$1")
	echo "$out"
}

master() {
	local m
	m=$(readlink "/sys/class/net/$1/master" 2>/dev/null) || return 0
	echo "${m##*/}"
}

no_dev() {
	[ ! -e "/sys/class/net/$1" ] || fail "$1 exists: $($IP -d link show "$1")"
}

ping_ok() {
	local i=$1
	shift
	expect_ok $IP netns exec "h$i" ping -c 2 -i 0.2 -W 2 "$@"
}

ping_fails() {
	local i=$1
	shift
	expect_fail '100% packet loss' $IP netns exec "h$i" ping -c 1 -W 1 "$@"
}

# ---- bridges ---------------------------------------------------------

# The stanza of vbr-interfaces(5)'s first example: the bridge with its
# options, the ports enslaved and up, a missing port skipped with a
# message; ifupdown brings br0 up and frames cross; post-down deletes it
# and takes the ports down.
test_bridge_ports_options() {
	load_vbr
	ifquery_init
	hosts_add 1 2
	hook_ok pre-up br0 IF_VBR_PORTS="vh1 vh2 vh9" IF_VBR_AGEING_TIME=45 \
		IF_VBR_FDB_MAX_LEARNED=1000 IF_VBR_HW_ADDRESS=02:00:00:00:01:00 \
		IF_ADDRESS=192.0.2.1/24
	matches '^vbr: br0: vbr_ports: vh9 does not exist, skipped$' "$hook_out" ||
		fail "no word on the missing port: $hook_out"
	grep -qx DEVTYPE=vbr /sys/class/net/br0/uevent || fail "br0 is not a vbr bridge"
	expect_eq "ageing_time (centiseconds)" \
		"$(link_field br0 .linkinfo.info_data.ageing_time)" 4500
	expect_eq fdb_max_learned \
		"$(link_field br0 .linkinfo.info_data.fdb_max_learned)" 1000
	expect_eq "br0's MAC" "$(< /sys/class/net/br0/address)" 02:00:00:00:01:00
	expect_eq "vh1's master" "$(master vh1)" br0
	expect_eq "vh2's master" "$(master vh2)" br0
	expect_eq "vh1 up" "$(is_up vh1)" true
	expect_eq "vh2 up" "$(is_up vh2)" true
	expect_eq "br0 left for ifupdown to bring up" "$(is_up br0)" false
	# What ifupdown does next for "inet static".
	$IP addr add 192.0.2.1/24 dev br0
	$IP link set br0 up
	ping_ok 1 10.0.0.2
	$IP -n h1 addr add 192.0.2.11/24 dev eth0
	ping_ok 1 192.0.2.1

	$IP link set br0 down
	hook_ok post-down br0 IF_VBR_PORTS="vh1 vh2 vh9" IF_VBR_AGEING_TIME=45
	no_dev br0
	expect_eq "vh1 released" "$(master vh1)" ""
	expect_eq "vh1 down" "$(is_up vh1)" false
	expect_eq "vh2 down" "$(is_up vh2)" false
	# Again, as for the stanza of another address family: nothing to do.
	hook_ok post-down br0 IF_VBR_PORTS="vh1 vh2 vh9"
}

# "vbr_ports none", and a second run for the same bridge (a second
# stanza, inet6) reuses it and adds what is missing.
test_no_ports_and_rerun() {
	load_vbr
	ifquery_init
	hosts_add 1
	hook_ok pre-up br0 IF_VBR_PORTS=none
	grep -qx DEVTYPE=vbr /sys/class/net/br0/uevent || fail "no br0"
	[ ! -e /sys/class/net/br0/lower_vh1 ] || fail "vh1 in br0 already"
	hook_ok pre-up br0 IF_VBR_PORTS=vh1 IF_VBR_AGEING_TIME=60
	expect_eq "vh1 added on the second run" "$(master vh1)" br0
	expect_eq "ageing_time" "$(link_field br0 .linkinfo.info_data.ageing_time)" 6000
	hook_ok pre-up br0 IF_VBR_PORTS=vh1
	expect_eq "vh1 still there" "$(master vh1)" br0
	# "vbr-ports" in the file is IF_VBR_PORTS too; any vbr_* keyword
	# but the port keywords needs it.
	hook_fails 'vbr_ageing_time needs vbr_ports' pre-up br1 IF_VBR_AGEING_TIME=60
	no_dev br1
}

# The bridge's VLAN options, and ports joining vlan_default_pvid.
test_bridge_vlan_options() {
	load_vbr
	ifquery_init
	hosts_add 1
	hook_ok pre-up br0 IF_VBR_PORTS=vh1 IF_VBR_VLAN_FILTERING=yes \
		IF_VBR_VLAN_DEFAULT_PVID=5 IF_VBR_VLAN_PROTOCOL=802.1ad
	expect_eq vlan_filtering "$(link_field br0 .linkinfo.info_data.vlan_filtering)" 1
	expect_eq vlan_default_pvid "$(link_field br0 .linkinfo.info_data.vlan_default_pvid)" 5
	expect_eq vlan_protocol "$(link_field br0 .linkinfo.info_data.vlan_protocol)" 802.1ad
	expect_eq "vh1 joined VLAN 5" "$(vlans_of vh1)" "5 PVID Egress Untagged"
	hook_ok pre-up br1 IF_VBR_PORTS=none IF_VBR_VLAN_DEFAULT_PVID=none \
		IF_VBR_VLAN_FILTERING=off
	expect_eq "vlan_default_pvid none" \
		"$(link_field br1 .linkinfo.info_data.vlan_default_pvid)" 0
	expect_eq "vlan_filtering off" "$(link_field br1 .linkinfo.info_data.vlan_filtering)" 0
}

# The protections of the bridge, as the kernel reads them back; a
# second run (another stanza of the bridge) changes them again, and
# keeps what it does not name. vbr_loop_protect in the bridge's stanza
# is the bridge's option, not a default of its ports.
test_bridge_protections() {
	load_vbr
	ifquery_init
	hosts_add 1
	hook_ok pre-up br0 IF_VBR_PORTS=vh1 IF_VBR_ERR_RECOVERY=30 \
		IF_VBR_LOOP_PROTECT=off IF_VBR_LOOP_INTERVAL=200 \
		IF_VBR_MAC_FLAP_LIMIT=3 IF_VBR_MAC_FLAP_WINDOW=020 \
		IF_VBR_MAC_FLAP_BLOCK=yes
	local j
	j=$($IP -j -d link show br0)
	d() { $JGET ".[0].linkinfo.info_data.$1" <<<"$j"; }
	expect_eq err_recovery "$(d err_recovery)" 30
	expect_eq loop_protect "$(d loop_protect)" 0
	# In whole ticks of the kernel: 200 ms is one with HZ 100, 250, 300
	# or 1000 (250 ms would read back as 252 with HZ 250).
	expect_eq loop_interval "$(d loop_interval)" 200
	expect_eq mac_flap_limit "$(d mac_flap_limit)" 3
	expect_eq "mac_flap_window (020 is decimal)" "$(d mac_flap_window)" 20
	expect_eq mac_flap_block "$(d mac_flap_block)" 1
	expect_eq "vh1's loop_protect (the bridge's is not the ports')" \
		"$(link_field vh1 .linkinfo.info_slave_data.loop_protect)" true
	hook_ok pre-up br0 IF_VBR_PORTS=vh1 IF_VBR_LOOP_PROTECT=on \
		IF_VBR_MAC_FLAP_LIMIT=0 IF_VBR_MAC_FLAP_BLOCK=off \
		IF_VBR_ERR_RECOVERY=0
	j=$($IP -j -d link show br0)
	expect_eq "err_recovery, second run" "$(d err_recovery)" 0
	expect_eq "loop_protect, second run" "$(d loop_protect)" 1
	expect_eq "loop_interval kept" "$(d loop_interval)" 200
	expect_eq "mac_flap_limit, second run" "$(d mac_flap_limit)" 0
	expect_eq "mac_flap_window kept" "$(d mac_flap_window)" 20
	expect_eq "mac_flap_block, second run" "$(d mac_flap_block)" 0
}

# ---- VLANs of ports ----------------------------------------------------

# vbr_vids and vbr_pvid on the bridge's stanza are every port's; a
# port's own stanza overrides them. h1 sits on an access port of VLAN
# 10, h2 on a trunk (10, 20-30 tagged, PVID 1 kept), h3 on a port of
# VLAN 20 only, tagged, without a PVID. h1 reaches h2 in VLAN 10 and
# nothing untagged.
test_port_vlans() {
	load_vbr
	ifquery_init
	hosts_add 1 2 3
	stanza vh1 "vbr_pvid: 10" "vbr-vids: none"
	stanza vh2 "address: 192.0.2.2"
	stanza vh3 "VBR-VIDS: 20" "vbr_pvid: none"
	hook_ok pre-up br0 IF_VBR_PORTS="vh1 vh2 vh3" IF_VBR_VLAN_FILTERING=1 \
		IF_VBR_VIDS="10 20-30"
	expect_eq "vh1: access port of VLAN 10" "$(vlans_of vh1)" "10 PVID Egress Untagged"
	local want="1 PVID Egress Untagged"
	local v
	for v in 10 {20..30}; do want+="; $v"; done
	expect_eq "vh2: the bridge's VLANs, its PVID kept" "$(vlans_of vh2)" "$want"
	expect_eq "vh3: VLAN 20, no PVID" "$(vlans_of vh3)" "20"
	$IP link set br0 up
	$IP -n h2 link add link eth0 name eth0.10 type vlan id 10
	$IP -n h2 addr add 10.0.10.2/24 dev eth0.10
	$IP -n h2 link set eth0.10 up
	$IP -n h1 addr add 10.0.10.1/24 dev eth0
	ping_ok 1 10.0.10.2
	ping_fails 1 10.0.0.2
	# The same again (a second stanza): the same VLANs.
	hook_ok pre-up br0 IF_VBR_PORTS="vh1 vh2 vh3" IF_VBR_VLAN_FILTERING=1 \
		IF_VBR_VIDS="10 20-30"
	expect_eq "vh1 unchanged" "$(vlans_of vh1)" "10 PVID Egress Untagged"
	expect_eq "vh2 unchanged" "$(vlans_of vh2)" "$want"
	ping_ok 1 10.0.10.2
}

# A port's own stanza, run when the port is brought up itself: nothing
# (but checks) before it is in a bridge, its settings over the bridge's
# once it is.
test_port_own_stanza() {
	load_vbr
	ifquery_init
	hosts_add 1 2
	hook_ok pre-up vh1 IF_VBR_PVID=10 IF_VBR_ISOLATED=on
	expect_eq "no bridge yet: nothing done" "$(master vh1)" ""
	hook_fails '^vbr: vh1: vbr_pvid: .4095. is not a VLAN' pre-up vh1 \
		IF_VBR_PVID=4095
	hook_fails '^vbr: vh1: unknown keyword vbr_pvdi' pre-up vh1 IF_VBR_PVDI=10
	stanza br0 "vbr_ports: vh1 vh2" "vbr_vids: 30" "vbr_vlan_filtering: 1"
	hook_ok pre-up br0 IF_VBR_PORTS="vh1 vh2" IF_VBR_VIDS=30 \
		IF_VBR_VLAN_FILTERING=1
	expect_eq "vh1 from the bridge's stanza" "$(vlans_of vh1)" "1 PVID Egress Untagged; 30"
	hook_ok pre-up vh1 IF_VBR_PVID=10 IF_VBR_ISOLATED=on
	expect_eq "vh1: its PVID over the bridge's VLANs" "$(vlans_of vh1)" \
		"10 PVID Egress Untagged; 30"
	expect_eq "vh1 isolated" \
		"$(link_field vh1 .linkinfo.info_slave_data.isolated)" true
	expect_eq "vh2 untouched" "$(vlans_of vh2)" "1 PVID Egress Untagged; 30"
}

# ---- port options ------------------------------------------------------

test_port_options() {
	load_vbr
	ifquery_init
	hosts_add 1 2
	stanza vh2 "vbr_isolated: off" "vbr-learning: yes" "vbr_max_learned: 5" \
		"vbr_locked: on" "vbr_mab: on" "vbr_hairpin: 1" "vbr_flood: off" \
		"vbr_mcast_flood: off" "vbr_bcast_flood: off"
	hook_ok pre-up br0 IF_VBR_PORTS="vh1 vh2" IF_VBR_ISOLATED=on \
		IF_VBR_MAX_LEARNED=100 IF_VBR_LEARNING=off
	f() { link_field "$1" ".linkinfo.info_slave_data.$2"; }
	expect_eq "vh1 isolated (the bridge's)" "$(f vh1 isolated)" true
	expect_eq "vh1 max_learned (the bridge's)" "$(f vh1 max_learned)" 100
	expect_eq "vh1 learning (the bridge's)" "$(f vh1 learning)" false
	expect_eq "vh1 locked (the default)" "$(f vh1 locked)" false
	expect_eq "vh2 isolated (its own)" "$(f vh2 isolated)" false
	expect_eq "vh2 learning (its own)" "$(f vh2 learning)" true
	expect_eq "vh2 max_learned" "$(f vh2 max_learned)" 5
	expect_eq "vh2 locked" "$(f vh2 locked)" true
	expect_eq "vh2 mab" "$(f vh2 mab)" true
	expect_eq "vh2 hairpin" "$(f vh2 hairpin)" true
	expect_eq "vh2 flood" "$(f vh2 flood)" false
	expect_eq "vh2 mcast_flood" "$(f vh2 mcast_flood)" false
	expect_eq "vh2 bcast_flood" "$(f vh2 bcast_flood)" false
}

# BPDU guard, storm control and loop probes of ports: from the bridge's
# stanza for every port (but vbr_loop_protect, the bridge's there), from
# a port's own over them, and from the port's stanza brought up later.
test_port_protections() {
	load_vbr
	ifquery_init
	hosts_add 1 2
	stanza vh2 "vbr_bpdu_guard: off" "vbr_storm_bcast: 100" \
		"vbr-storm-mcast: 200" "vbr_storm_ucast: 300" \
		"vbr_storm_burst: 50" "vbr_storm_block: yes" \
		"VBR_LOOP_PROTECT: off"
	hook_ok pre-up br0 IF_VBR_PORTS="vh1 vh2" IF_VBR_BPDU_GUARD=on \
		IF_VBR_STORM_BCAST=1000 IF_VBR_LOOP_PROTECT=off
	local j
	f() { $JGET ".[0].linkinfo.info_slave_data.$1" <<<"$j"; }
	expect_eq "br0's loop_protect" \
		"$(link_field br0 .linkinfo.info_data.loop_protect)" 0
	j=$($IP -j -d link show vh1)
	expect_eq "vh1 bpdu_guard (the bridge's)" "$(f bpdu_guard)" true
	expect_eq "vh1 storm_bcast (the bridge's)" "$(f storm_bcast)" 1000
	expect_eq "vh1 storm_mcast (the default)" "$(f storm_mcast)" 0
	expect_eq "vh1 storm_block (the default)" "$(f storm_block)" false
	expect_eq "vh1 loop_protect (not the bridge's)" "$(f loop_protect)" true
	j=$($IP -j -d link show vh2)
	expect_eq "vh2 bpdu_guard (its own)" "$(f bpdu_guard)" false
	expect_eq "vh2 storm_bcast (its own)" "$(f storm_bcast)" 100
	expect_eq "vh2 storm_mcast" "$(f storm_mcast)" 200
	expect_eq "vh2 storm_ucast" "$(f storm_ucast)" 300
	expect_eq "vh2 storm_burst" "$(f storm_burst)" 50
	expect_eq "vh2 storm_block" "$(f storm_block)" true
	expect_eq "vh2 loop_protect" "$(f loop_protect)" false
	expect_eq "vh2 forwarding" "$(f state)" forwarding
	# vh1's own stanza, brought up once vh1 is in br0.
	hook_ok pre-up vh1 IF_VBR_LOOP_PROTECT=no IF_VBR_STORM_UCAST=10
	j=$($IP -j -d link show vh1)
	expect_eq "vh1 loop_protect (its stanza)" "$(f loop_protect)" false
	expect_eq "vh1 storm_ucast (its stanza)" "$(f storm_ucast)" 10
	expect_eq "vh1 bpdu_guard kept" "$(f bpdu_guard)" true
}

# ---- internal ports ------------------------------------------------------

# vbr_internal: ports vbrctl creates, with their own stanza's VLANs;
# they go with the bridge. Without vbrctl, a clear refusal.
test_internal_ports() {
	load_vbr
	ifquery_init
	stanza vi10 "vbr_pvid: 10"
	hook_ok pre-up br0 IF_VBR_PORTS=none IF_VBR_INTERNAL="vi0 vi10" \
		IF_VBR_VLAN_FILTERING=1
	local d
	for d in vi0 vi10; do
		grep -qx DEVTYPE=vbr_internal "/sys/class/net/$d/uevent" ||
			fail "$d is not an internal port"
		expect_eq "$d's master" "$(master "$d")" br0
	done
	expect_eq "vi0: the default" "$(vlans_of vi0)" "1 PVID Egress Untagged"
	expect_eq "vi10: access port of VLAN 10" "$(vlans_of vi10)" "10 PVID Egress Untagged"
	hook_ok pre-up br0 IF_VBR_PORTS=none IF_VBR_INTERNAL="vi0 vi10"
	expect_eq "vi0 kept on a second run" "$(master vi0)" br0
	hook_ok post-down br0 IF_VBR_PORTS=none IF_VBR_INTERNAL="vi0 vi10"
	no_dev br0
	no_dev vi0
	no_dev vi10
	NO_VBRCTL=1 hook_fails '^vbr: br0: vbr_internal: needs vbrctl' \
		pre-up br0 IF_VBR_PORTS=none IF_VBR_INTERNAL=vi0
	no_dev br0
}

# ---- BRIDGE.VID ----------------------------------------------------------

# A VLAN device br0.10 brought up by ifupdown: br0 becomes a member of
# VLAN 10 (tagged), and a VLAN that is already br0's is left as it is.
test_vlan_device() {
	load_vbr
	ifquery_init
	hosts_add 1
	hook_ok pre-up br0 IF_VBR_PORTS=vh1 IF_VBR_VLAN_FILTERING=1 \
		IF_VBR_VIDS=10
	hook_ok pre-up br0.10 IF_ADDRESS=10.0.10.1/24
	expect_eq "br0 in VLAN 10" "$(vlans_of br0)" "1 PVID Egress Untagged; 10"
	hook_ok pre-up br0.1
	expect_eq "br0's PVID left alone" "$(vlans_of br0)" "1 PVID Egress Untagged; 10"
	# And frames: h1 tags VLAN 10, br0.10 answers.
	$IP link set br0 up
	$IP link add link br0 name br0.10 type vlan id 10
	$IP addr add 10.0.10.1/24 dev br0.10
	$IP link set br0.10 up
	$IP -n h1 link add link eth0 name eth0.10 type vlan id 10
	$IP -n h1 addr add 10.0.10.2/24 dev eth0.10
	$IP -n h1 link set eth0.10 up
	ping_ok 1 10.0.10.1
	# Not a vbr bridge, not a VLAN: nothing to do.
	hook_ok pre-up vh1.10
	hook_ok pre-up br0.x
}

# ---- refusals ------------------------------------------------------------

# A bad value or keyword: refused, naming it, before anything is made.
test_bad_values() {
	load_vbr
	ifquery_init
	hosts_add 1
	# shellcheck disable=SC2054 # a comma in a value
	local bad=(
		'vbr_ageing_time: .abc. is not a number'	IF_VBR_AGEING_TIME=abc
		'vbr_ageing_time: 1000001 is too large'	IF_VBR_AGEING_TIME=1000001
		'vbr_fdb_max_learned: .-1. is not a number'	IF_VBR_FDB_MAX_LEARNED=-1
		'vbr_vlan_filtering: .2. is not on or off'	IF_VBR_VLAN_FILTERING=2
		'vbr_vlan_default_pvid: .4095. is not a VLAN'	IF_VBR_VLAN_DEFAULT_PVID=4095
		'vbr_vlan_protocol: .802.1x. is not'	IF_VBR_VLAN_PROTOCOL=802.1x
		'vbr_hw_address: .01:02. is neither'	IF_VBR_HW_ADDRESS=01:02
		'vbr_vids: .0. is not a VLAN'	IF_VBR_VIDS=0
		'vbr_vids: the range .30-20. ends before'	IF_VBR_VIDS=10,30-20
		'vbr_pvid: .x. is not a VLAN'	IF_VBR_PVID=x
		'vbr_isolated: .maybe. is not on or off'	IF_VBR_ISOLATED=maybe
		'vbr_err_recovery: 86401 is too large'	IF_VBR_ERR_RECOVERY=86401
		'vbr_loop_protect: .auto. is not on or off'	IF_VBR_LOOP_PROTECT=auto
		'vbr_loop_interval: 50 is too small .100 to 60000.$'	IF_VBR_LOOP_INTERVAL=50
		'vbr_loop_interval: 60001 is too large'	IF_VBR_LOOP_INTERVAL=60001
		'vbr_mac_flap_limit: .-1. is not a number'	IF_VBR_MAC_FLAP_LIMIT=-1
		'vbr_mac_flap_window: 0 is too small .1 to 3600.$'	IF_VBR_MAC_FLAP_WINDOW=0
		'vbr_mac_flap_block: .2. is not on or off'	IF_VBR_MAC_FLAP_BLOCK=2
		'vbr_bpdu_guard: .x. is not on or off'	IF_VBR_BPDU_GUARD=x
		'vbr_storm_bcast: .1k. is not a number'	IF_VBR_STORM_BCAST=1k
		'vbr_storm_burst: 4294967296 is too large'	IF_VBR_STORM_BURST=4294967296
		'vbr_storm_block: .maybe. is not on or off'	IF_VBR_STORM_BLOCK=maybe
		'unknown keyword vbr_ageing '	IF_VBR_AGEING=30
		'vbr_internal: .vi0/x. is not an interface'	IF_VBR_INTERNAL=vi0/x
		'vbr_ports: br0 is the bridge itself'	IF_VBR_PORTS="vh1 br0"
	)
	local i
	for ((i = 0; i < ${#bad[@]}; i += 2)); do
		hook_fails "^vbr: br0: ${bad[i]}" pre-up br0 IF_VBR_PORTS=vh1 \
			"${bad[i + 1]}"
		no_dev br0
		expect_eq "vh1 untouched (${bad[i + 1]})" "$(master vh1)" ""
	done
	hook_fails '^vbr: br0: vbr_ports: no port given' pre-up br0 IF_VBR_PORTS=
	no_dev br0
	# A port's stanza read through ifquery.
	stanza vh1 "vbr_vids: 5000"
	hook_fails '^vbr: br0: port vh1: vbr_vids: .5000. is not a VLAN' \
		pre-up br0 IF_VBR_PORTS=vh1
	no_dev br0
	stanza vh1 "vbr_ageing_time: 30"
	hook_fails '^vbr: br0: port vh1: vbr_ageing_time needs vbr_ports' \
		pre-up br0 IF_VBR_PORTS=vh1
	no_dev br0
	stanza vh1 "vbr_storm_mcast: lots"
	hook_fails '^vbr: br0: port vh1: vbr_storm_mcast: .lots. is not a number' \
		pre-up br0 IF_VBR_PORTS=vh1
	no_dev br0
	stanza vh1 "vbr_mac_flap_limit: 5"
	hook_fails '^vbr: br0: port vh1: vbr_mac_flap_limit needs vbr_ports' \
		pre-up br0 IF_VBR_PORTS=vh1
	no_dev br0
	expect_eq "vh1 untouched" "$(master vh1)" ""
}

# A refusal by the kernel, or a port taken, once the bridge is made: the
# message names the keyword and the port, the bridge is deleted again,
# and the ports are as they were (no master, down).
test_refused_undone() {
	load_vbr
	ifquery_init
	hosts_add 1 2
	stanza vh2 "vbr_mab: on"
	hook_fails '^vbr: br0: port vh2: vbr_mab: .ip link set dev vh2 type vbr_slave mab on. failed: Error: vbr: mab needs the port locked' \
		pre-up br0 IF_VBR_PORTS="vh1 vh2" IF_VBR_AGEING_TIME=60
	matches '^vbr: br0: deleted br0 again$' "$hook_out" ||
		fail "no word of the undo: $hook_out"
	no_dev br0
	expect_eq "vh1 released" "$(master vh1)" ""
	expect_eq "vh2 released" "$(master vh2)" ""
	expect_eq "vh1 still down" "$(is_up vh1)" false
	expect_eq "vh2 still down" "$(is_up vh2)" false

	# A port of another bridge is not taken from it.
	stanza vh2
	$IP link add br1 type vbr
	$IP link set vh2 master br1
	hook_fails '^vbr: br0: vbr_ports: vh2 is already a port of br1$' \
		pre-up br0 IF_VBR_PORTS="vh1 vh2"
	no_dev br0
	expect_eq "vh1 released" "$(master vh1)" ""
	expect_eq "vh2 still br1's" "$(master vh2)" br1

	# On a second run (the bridge was there), only what the run added
	# goes: vh1 leaves again, br0 and its internal port stay.
	$IP link set vh2 nomaster
	hook_ok pre-up br0 IF_VBR_PORTS=none IF_VBR_INTERNAL=vi0
	stanza vh2 "vbr_mab: on"
	hook_fails 'port vh2: vbr_mab' pre-up br0 IF_VBR_PORTS="vh1 vh2" \
		IF_VBR_INTERNAL=vi0
	expect_eq "br0 kept" "$(grep -c DEVTYPE=vbr /sys/class/net/br0/uevent)" 1
	expect_eq "vi0 kept" "$(master vi0)" br0
	expect_eq "vh1 released" "$(master vh1)" ""
	expect_eq "vh2 released" "$(master vh2)" ""

	# A device of that name that is not a vbr bridge.
	$IP link add br2 type dummy
	hook_fails '^vbr: br2: br2 exists and is not a vbr bridge$' \
		pre-up br2 IF_VBR_PORTS=vh1
	expect_eq "vh1 untouched" "$(master vh1)" ""
	hook_ok post-down br2 IF_VBR_PORTS=vh1
	[ -e /sys/class/net/br2 ] || fail "post-down deleted a dummy br2"
}

# Not a stanza of ours, or ifupdown's --all call: nothing done.
test_not_ours() {
	load_vbr
	ifquery_init
	hook_ok pre-up eth9 IF_ADDRESS=192.0.2.9
	expect_eq "no output" "$hook_out" ""
	hook_ok pre-up --all IF_VBR_PORTS=none
	no_dev br0
	hook_ok post-down br7 IF_VBR_PORTS=none
}

# ---- the real ifupdown -----------------------------------------------------

# ifup and ifdown themselves, where the VM has them: on PATH, or in the
# directory VBR_IFUPDOWN (ifup, ifquery and ifdown, which are one
# program, and run-parts, from Debian's ifupdown and debianutils). The
# hook and ip's plugin are installed where the vbrctl package puts them,
# /etc/network/interfaces is written, and ifup runs the hook from
# if-pre-up.d for two stanzas of br0 (inet, inet6), reading vh1's stanza
# with ifquery; ifdown runs it from if-post-down.d. A bad value makes
# ifup fail.
test_real_ifup() {
	local d=${VBR_IFUPDOWN:-} f ml=/usr/lib/x86_64-linux-gnu/ip
	made=()		# global: the EXIT trap removes them
	if [ -n "$d" ]; then
		[ -x "$d/ifup" ] || skip "VBR_IFUPDOWN=$d has no ifup"
		mkdir -p /usr/local/sbin
		for f in "$d"/*; do
			ln -s "$f" "/usr/local/sbin/${f##*/}"
			made+=("/usr/local/sbin/${f##*/}")
		done
	fi
	# ifupdown's PATH: /usr/local/sbin first.
	local path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
	if ! PATH=$path command -v ifup >/dev/null ||
	   ! PATH=$path command -v run-parts >/dev/null; then
		skip "no ifupdown in the VM (VBR_IFUPDOWN=DIR: ifup, ifquery, ifdown, run-parts)"
	fi
	[ ! -e /etc/network ] || skip "/etc/network exists already"
	made+=(/etc/network /run/network)
	mkdir -p /etc/network/if-{pre-up,up,down,post-down}.d /run/network
	ln -s "$HOOK" /etc/network/if-pre-up.d/vbr
	ln -s "$HOOK" /etc/network/if-post-down.d/vbr
	if [ ! -e "$ml/link_vbr.so" ]; then
		mkdir -p "$ml"
		ln -s "$IP_LIB_DIR/link_vbr.so" "$ml/link_vbr.so"
		ln -s link_vbr.so "$ml/link_vbr_slave.so"
		made+=("$ml/link_vbr.so" "$ml/link_vbr_slave.so")
	fi
	trap 'rm -rf "${made[@]}"' EXIT
	cat > /etc/network/interfaces <<-EOF
	auto br0
	iface br0 inet static
	    address 192.0.2.1/24
	    vbr_ports vh1 vh2 vh9
	    vbr-ageing-time 300
	    vbr_vlan_filtering on

	iface br0 inet6 static
	    address 2001:db8::1/64
	    dad-attempts 0

	iface vh1 inet manual
	    vbr_pvid 10

	iface br1 inet manual
	    vbr_ports none
	    vbr_ageing_time soon
	EOF
	load_vbr
	hosts_add 1 2
	# ifupdown's own environment, and nothing of the test's (IP_LIB_DIR).
	local out rc=0
	out=$(env -i PATH=$path ifup br0 2>&1) || rc=$?
	expect_eq "ifup br0 status ($out)" "$rc" 0
	matches 'vbr: br0: vbr_ports: vh9 does not exist, skipped' "$out" ||
		fail "no word of vh9: $out"
	grep -qx DEVTYPE=vbr /sys/class/net/br0/uevent || fail "no vbr br0"
	expect_eq "ageing_time" "$(link_field br0 .linkinfo.info_data.ageing_time)" 30000
	expect_eq "vlan_filtering" "$(link_field br0 .linkinfo.info_data.vlan_filtering)" 1
	expect_eq "vh1's own stanza, through ifquery" "$(vlans_of vh1)" "10 PVID Egress Untagged"
	expect_eq "vh2" "$(vlans_of vh2)" "1 PVID Egress Untagged"
	expect_eq "br0 up" "$(is_up br0)" true
	matches 'inet 192\.0\.2\.1/24' "$($IP addr show dev br0)" || fail "no IPv4 address"
	matches 'inet6 2001:db8::1/64' "$($IP addr show dev br0)" || fail "no IPv6 address"
	$IP -n h2 addr add 192.0.2.12/24 dev eth0
	$IP -n h1 addr add 192.0.2.11/24 dev eth0
	ping_ok 2 192.0.2.1
	ping_fails 1 192.0.2.1
	expect_ok env -i PATH=$path ifquery --state br0

	rc=0
	out=$(env -i PATH=$path ifdown br0 2>&1) || rc=$?
	expect_eq "ifdown br0 status ($out)" "$rc" 0
	no_dev br0
	expect_eq "vh1 released" "$(master vh1)" ""
	expect_eq "vh1 down" "$(is_up vh1)" false

	rc=0
	out=$(env -i PATH=$path ifup br1 2>&1) || rc=$?
	[ "$rc" != 0 ] || fail "ifup br1 succeeded: $out"
	matches "^vbr: br1: vbr_ageing_time: 'soon' is not a number" "$out" ||
		fail "ifup br1: $out"
	no_dev br1
}

run_tests \
	test_bridge_ports_options \
	test_no_ports_and_rerun \
	test_bridge_vlan_options \
	test_bridge_protections \
	test_port_vlans \
	test_port_own_stanza \
	test_port_options \
	test_port_protections \
	test_internal_ports \
	test_vlan_device \
	test_bad_values \
	test_refused_undone \
	test_not_ours \
	test_real_ifup
