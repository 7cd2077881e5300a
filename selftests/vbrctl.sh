#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vbrctl: every command, its JSON output and its error paths, checked
# against the kernel's own view (ip, sysfs) and with real frames.
#
# Hosts hN are network namespaces with eth0 (MAC 02:00:00:00:00:0N,
# 10.0.0.N/24, no IPv6) whose veth peer vhN is a port of a bridge. Test
# frames use EtherType 0x88b5 and are counted by a tc matchall filter on
# each host's eth0 ingress.
source "$(dirname "$0")/lib.sh"

VBRCTL=$VBR_TOP/tools/vbrctl/vbrctl
TAPVM=$VBR_TOP/selftests/tools/tapvm
ASUSER=$VBR_TOP/selftests/tools/asuser

# host I [BRIDGE]: host I (hosts_add in lib.sh) behind port vhI of BRIDGE
# (default br0), enslaved by vbrctl.
host() { hosts_add -p "${2:-br0}" "$1"; }

# expect_rc RC PATTERN CMD...: CMD must exit with RC and print PATTERN.
expect_rc() {
	local want=$1 pat=$2 out rc=0
	shift 2
	out=$("$@" 2>&1) || rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "'$*' exited $rc, want $want: $out"
		return 1
	fi
	matches "$pat" "$out" ||
		fail "'$*' printed '$out', expected /$pat/"
}

# jqv WHAT JSON FILTER WANT: jq -r FILTER over JSON must print WANT.
jqv() {
	jqvs "$2" "$1" "$3" "$4"
}

# jqvs JSON WHAT FILTER WANT [WHAT FILTER WANT]...: jqv for each triple,
# with one jq for all of them: jq takes about 0.5 s to start under TCG.
# The filters' values must be scalars, as jq -r prints others pretty.
jqvs() {
	local json=$1 prog= i w
	local -a got
	shift
	for ((i = 2; i <= $#; i += 3)); do
		prog+="${prog:+, }([${!i}] | map(if type == \"string\" then ."
		prog+=" else tojson end) | join(\"\\n\"))"
	done
	mapfile -t -d '' got < <(jq -j "($prog) | . + \"\\u0000\"" <<<"$json")
	for ((i = 1; i <= $#; i += 3)); do
		w=$((i + 2))
		expect_eq "${!i}" "${got[i / 3]-(no value: jq failed)}" "${!w}"
	done
}

# A field of one port in "vbrctl -j show".
port_json() {
	$VBRCTL -j show "$1" |
		jq -r --arg p "$2" ".[0].ports[] | select(.port == \$p) | $3"
}

no_link() {
	[ ! -e "/sys/class/net/$1" ]
}

# ---- show and list-br ----------------------------------------------------

test_list_br() {
	load_vbr
	$IP link add br0 type vbr
	$IP link add br1 type vbr
	modprobe bridge
	$IP link add kbr0 type bridge
	expect_eq "vbr bridges only" "$($VBRCTL list-br | sort | tr '\n' ' ')" "br0 br1 "
	local j
	j=$($VBRCTL -j list-br)
	jqv "JSON names" "$j" '[.[].bridge] | sort | join(" ")' "br0 br1"
	jqv "JSON ifindex" "$j" '.[] | select(.bridge == "br1") | .ifindex' \
		"$(< /sys/class/net/br1/ifindex)"
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
	"$SENDETH" -n c1 eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:00:11 -r -c 5
	local out
	out=$($VBRCTL show br0)
	echo "$out"
	matches '^br0: up mtu 1500 mac [0-9a-f:]{17} learned 5$' "$out" ||
		fail "bridge line"
	matches '^  vc1 +veth +up +mtu 1500 +mac [0-9a-f:]{17} learned 5$' "$out" ||
		fail "veth port line"
	matches '^  tap0 +tap ' "$out" || fail "tap port type"
	matches '^  vx1 +vxlan ' "$out" || fail "vxlan port type"
	matches '^  td0 +other ' "$out" || fail "dummy port type"

	# The same in JSON, with what the text leaves out.
	local j brmac
	brmac=$(< /sys/class/net/br0/address)
	j=$($VBRCTL -j show br0)
	jqvs "$j" \
		"one bridge" 'length' 1 \
		"bridge name" '.[0].bridge' br0 \
		"bridge ifindex" '.[0].ifindex' "$(< /sys/class/net/br0/ifindex)" \
		"bridge state" '.[0].state' up \
		"bridge mtu" '.[0].mtu' 1500 \
		"bridge mac" '.[0].mac' "$brmac" \
		"bridge learned" '.[0].learned' 5 \
		"ageing_time default" '.[0].ageing_time' 300 \
		"max_learned default" '.[0].max_learned' 65536 \
		"port types" '[.[0].ports[] | "\(.port)=\(.type)"] | sort | join(" ")' \
		"tap0=tap td0=other vc1=veth vx1=vxlan" \
		"vc1 learned" '.[0].ports[] | select(.port == "vc1") | .learned' 5 \
		"vc1 options" \
		'.[0].ports[] | select(.port == "vc1") | [.learning, .flood, .max_learned, .owned, .state, .mtu] | map(tostring) | join(" ")' \
		"true true 0 false up 1500" \
		"vc1 mac" '.[0].ports[] | select(.port == "vc1") | .mac' \
		"$(< /sys/class/net/vc1/address)" \
		"veth peer" '.[0].ports[] | select(.port == "vc1") | .veth_peer | "\(.name)@\(.netns)"' \
		"eth0@c1" \
		"tap not held" '.[0].ports[] | select(.port == "tap0") | .tap_owners | length' 0 \
		"only taps have tap_owners" '[.[0].ports[] | select(has("tap_owners")) | .port] | join(" ")' tap0 \
		"only veths have veth_peer" '[.[0].ports[] | select(has("veth_peer")) | .port] | join(" ")' vc1 \
		"no \"name\" (now bridge, port)" '[.[0], .[0].ports[]] | map(has("name")) | any' false
	$IP link del tap0
}

test_show_missing_bridge() {
	load_vbr
	expect_fail 'no vbr bridge named nosuch' $VBRCTL show nosuch
	expect_fail 'unknown command' $VBRCTL frobnicate
	# A device that is not a vbr bridge is not one to show either.
	expect_rc 1 'no vbr bridge named lo' $VBRCTL show lo
	expect_rc 2 'name too long' $VBRCTL show abcdefghijklmnopqrst
	expect_eq "no bridges, empty JSON list" "$($VBRCTL -j show)" "[]"
	expect_eq "no bridges, no text" "$($VBRCTL show)" ""
}

test_help_version() {
	local out c
	out=$($VBRCTL --help)
	for c in list-br show add-br del-br set add-port del-port set-port \
		 'fdb show' 'fdb add' 'fdb del' 'fdb flush' 'fdb lookup' stats \
		 'vlan show' 'vlan add' 'vlan del' vlan-filtering \
		 monitor --json; do
		[[ $out == *"$c"* ]] || fail "--help does not mention $c"
	done
	expect_eq "help is --help" "$($VBRCTL help)" "$out"
	expect_eq "-h is --help" "$($VBRCTL -h)" "$out"
	expect_rc 0 '^vbrctl [0-9]' $VBRCTL --version
	expect_rc 2 'no command' $VBRCTL
	expect_rc 2 "unknown option '-x'" $VBRCTL -x show
	expect_rc 2 'unknown command' $VBRCTL fdb frobnicate
	expect_rc 2 'unexpected argument' $VBRCTL monitor now
	expect_rc 2 'unexpected argument' $VBRCTL list-br br0
	expect_rc 2 'unexpected argument' $VBRCTL show br0 br1
	expect_rc 2 'unexpected argument' $VBRCTL stats br0 vh1 more
}

# help as a command and in every argument place, never a bridge named
# help; commands and keywords by unique prefix, as ip takes them; an
# ambiguous prefix names the words it could be.
test_help_and_prefixes() {
	load_vbr
	local out
	out=$($VBRCTL fdb help) || fail "fdb help: exit status $?"
	matches '^  vbrctl fdb lookup MAC' "$out" || fail "fdb help: $out"
	matches 'add-br' "$out" && fail "fdb help shows more than fdb: $out"
	out=$($VBRCTL vlan help) || fail "vlan help: exit status $?"
	matches '^  vbrctl vlan add BRIDGE' "$out" || fail "vlan help: $out"
	out=$($VBRCTL help add-port) || fail "help add-port: exit status $?"
	matches '^  vbrctl add-port \[--may-exist\] BRIDGE DEV' "$out" &&
		matches '^  PORT-OPTIONS := ' "$out" || fail "help add-port: $out"
	expect_rc 2 "help: unknown command 'frob'" $VBRCTL help frob
	# A bridge named help exists: "show help" is still help.
	$IP link add name help type vbr
	out=$($VBRCTL show help) || fail "show help: exit status $?"
	matches '^  vbrctl show \[BRIDGE\]$' "$out" || fail "show help: $out"
	matches '^help:' "$out" && fail "show help showed the bridge: $out"
	out=$($VBRCTL fdb show help) || fail "fdb show help: exit status $?"
	matches '^  vbrctl fdb show ' "$out" || fail "fdb show help: $out"
	$IP link del dev help
	expect_rc 0 'vbrctl add-br ' $VBRCTL add-br help
	no_link help || fail "add-br help made a bridge named help"
	expect_rc 0 'vbrctl del-port ' $VBRCTL del-port br0 help

	# Prefixes: a command, a subcommand, keywords, each really applied.
	expect_ok $VBRCTL add-b br0 age 100 max-l 50
	expect_eq "add-b: kind" "$(link_field br0 .linkinfo.info_kind)" vbr
	expect_eq "age 100" "$(link_field br0 .linkinfo.info_data.ageing_time)" 10000
	expect_eq "max-l 50" "$(link_field br0 .linkinfo.info_data.fdb_max_learned)" 50
	expect_eq "sh is show" "$($VBRCTL sh br0)" "$($VBRCTL show br0)"
	expect_ok $VBRCTL fdb a br0 02:00:00:00:00:42
	expect_eq "fdb sh is fdb show" "$($VBRCTL -j fdb sh br0 | jq -r '.[] | select(.mac == "02:00:00:00:00:42") | .mac')" \
		02:00:00:00:00:42
	expect_rc 2 "^vbrctl: 's' is ambiguous: show, set, set-port or stats$" \
		$VBRCTL s br0
	expect_rc 2 "'del' is ambiguous: del-br or del-port" $VBRCTL del br0
	[ -e /sys/class/net/br0 ] || fail "an ambiguous del deleted br0"
	expect_rc 2 "set: 'mac-flap' is ambiguous: mac-flap-limit, mac-flap-window or mac-flap-block" \
		$VBRCTL set br0 mac-flap 3
	expect_ok $VBRCTL fdb d br0 02:00:00:00:00:42
	expect_eq "fdb d is fdb del" "$($VBRCTL -j fdb show br0 | jq 'map(select(.mac == "02:00:00:00:00:42")) | length')" 0
	expect_ok $VBRCTL set br0 vlan_f on
	expect_eq "vlan_f on" "$(link_field br0 .linkinfo.info_data.vlan_filtering)" 1
	# An unknown keyword: the ones that exist.
	expect_rc 2 "set: unknown argument 'frob' \(want ageing-time, max-learned, .* or mac-flap-block\)" \
		$VBRCTL set br0 frob 1
	expect_rc 2 "set-port: unknown argument 'frob' \(want learning, .* or state\)" \
		$VBRCTL set-port br0 vh1 frob 1
	expect_eq "unchanged after usage errors" \
		"$(link_field br0 .linkinfo.info_data.ageing_time)" 10000
}

# Exit status 0, 1 (kernel or runtime error), 2 (usage), as vbrctl.8
# says; one "vbrctl:" prefix, then the kernel's words without "vbr:".
test_exit_status_and_errors() {
	load_vbr
	local out rc
	expect_rc 0 '' $VBRCTL add-br br0
	expect_rc 1 '' $VBRCTL add-br br0
	expect_rc 1 '' $VBRCTL del-br br7
	expect_rc 2 '' $VBRCTL add-br
	expect_rc 2 '' $VBRCTL frobnicate
	expect_rc 0 '' $VBRCTL help
	rc=0
	# A refusal in the module's own words (its policy's are the core's).
	out=$($VBRCTL set br0 loop-interval 50 2>&1) || rc=$?
	expect_eq "kernel refusal: exit status" "$rc" 1
	expect_eq "one line" "$(wc -l <<<"$out")" 1
	matches '^vbrctl: set: [A-Z][a-z ]+: loop_interval is [0-9]' "$out" ||
		fail "error line: $out"
	matches 'vbr: ' "$out" && fail "the module's prefix repeated: $out"
	matches 'vbrctl: .*vbrctl: ' "$out" && fail "two vbrctl: prefixes: $out"
	return 0
}

# ---- bridges ---------------------------------------------------------------

test_add_del_br() {
	load_vbr
	expect_ok $VBRCTL add-br br0 ageing-time 100 max-learned 50 \
		mac 02:00:00:00:aa:01
	expect_eq "kind" "$(link_field br0 .linkinfo.info_kind)" vbr
	expect_eq "brought up" "$(is_up br0)" true
	expect_eq "mac" "$(< /sys/class/net/br0/address)" 02:00:00:00:aa:01
	expect_eq "ageing_time" "$(link_field br0 .linkinfo.info_data.ageing_time)" 10000
	expect_eq "max_learned" "$(link_field br0 .linkinfo.info_data.fdb_max_learned)" 50
	local j
	j=$($VBRCTL -j show br0)
	jqv "show: options" "$j" '.[0] | "\(.ageing_time) \(.max_learned) \(.mac) \(.state)"' \
		"100 50 02:00:00:00:aa:01 up"
	jqv "show: no ports" "$j" '.[0].ports | length' 0
	# Defaults.
	expect_ok $VBRCTL add-br br1
	expect_eq "default ageing_time" "$(link_field br1 .linkinfo.info_data.ageing_time)" 30000
	expect_eq "list-br" "$($VBRCTL list-br | sort | tr '\n' ' ')" "br0 br1 "
	expect_ok $VBRCTL del-br br0
	no_link br0 || fail "br0 remains"
	expect_eq "list-br after del-br" "$($VBRCTL list-br)" br1
	expect_rc 1 'del-br: .*no vbr bridge named br0' $VBRCTL del-br br0
	expect_ok $VBRCTL del-br br1
}

test_br_errors() {
	load_vbr
	expect_rc 2 'name too long' $VBRCTL add-br abcdefghijklmnopqrst
	no_link abcdefghijklmno || fail "a truncated bridge was made"
	expect_rc 2 "invalid bridge name" $VBRCTL add-br br/0
	# Range checks are the kernel's, and its extack is shown.
	expect_rc 1 '^vbrctl: add-br: Numerical result out of range: .+' \
		$VBRCTL add-br br0 ageing-time 2000000
	no_link br0 || fail "br0 made despite the error"
	expect_rc 1 '^vbrctl: add-br: Cannot assign requested address: .+' \
		$VBRCTL add-br br0 mac 01:00:5e:00:00:01
	no_link br0 || fail "br0 made with a multicast MAC"
	expect_rc 2 'invalid number' $VBRCTL add-br br0 ageing-time 10s
	expect_rc 2 'invalid number' $VBRCTL add-br br0 max-learned 4294967296
	expect_rc 2 'invalid MAC' $VBRCTL add-br br0 mac 02:00:00:00:00
	expect_rc 2 'invalid MAC' $VBRCTL add-br br0 mac 02:00:00:00:00:001
	expect_rc 2 "needs a value" $VBRCTL add-br br0 ageing-time
	expect_rc 2 "unknown argument 'frob'" $VBRCTL add-br br0 frob
	no_link br0 || fail "br0 made despite usage errors"
	expect_ok $VBRCTL add-br br0
	expect_rc 1 '^vbrctl: add-br: File exists' $VBRCTL add-br br0
	expect_rc 1 'no vbr bridge named br7' $VBRCTL del-br br7
	expect_rc 1 'no vbr bridge named lo' $VBRCTL del-br lo
	$IP link show lo >/dev/null || fail "lo gone"
	expect_rc 1 'no vbr bridge named br7' $VBRCTL set br7 ageing-time 5
	expect_rc 2 'want exactly one' $VBRCTL del-br
	expect_rc 2 'want a bridge' $VBRCTL set br0
}

test_set() {
	load_vbr
	expect_ok $VBRCTL add-br br0
	host 1
	host 2
	expect_ok $VBRCTL set br0 ageing-time 10 max-learned 4
	expect_eq "ageing_time set" "$(link_field br0 .linkinfo.info_data.ageing_time)" 1000
	expect_eq "max_learned set" "$(link_field br0 .linkinfo.info_data.fdb_max_learned)" 4
	expect_eq "show -j" "$($VBRCTL -j show br0 | jq -r '.[0] | "\(.ageing_time) \(.max_learned)"')" "10 4"
	expect_rc 1 '^vbrctl: set: Numerical result out of range: .+' \
		$VBRCTL set br0 ageing-time 2000000
	expect_eq "unchanged after a refusal" "$(link_field br0 .linkinfo.info_data.ageing_time)" 1000
	# mac is no option of set; it abbreviates three that are.
	expect_rc 2 "set: 'mac' is ambiguous: mac-flap-limit, mac-flap-window or mac-flap-block" \
		$VBRCTL set br0 mac 02:00:00:00:00:01

	# max-learned takes effect: ten random sources, four learned.
	send 1 ff:ff:ff:ff:ff:ff -r -c 10
	expect_eq "bridge limit holds" "$($VBRCTL -j show br0 | jq '.[0].learned')" 4

	# ageing-time takes effect.
	expect_ok $VBRCTL set br0 ageing-time 1 max-learned 0
	send 2 ff:ff:ff:ff:ff:ff
	wait_for 150 sh -c "[ \"\$($VBRCTL -j fdb show br0 dynamic | jq length)\" = 0 ]" ||
		fail "entries did not age out with ageing-time 1"
}

test_set_port() {
	load_vbr
	expect_ok $VBRCTL add-br br0
	host 1
	host 2
	expect_ok $VBRCTL set-port br0 vh1 learning off flood off max-learned 3
	expect_eq "ip: learning" "$(link_field vh1 .linkinfo.info_slave_data.learning)" false
	expect_eq "ip: flood" "$(link_field vh1 .linkinfo.info_slave_data.flood)" false
	expect_eq "ip: max_learned" "$(link_field vh1 .linkinfo.info_slave_data.max_learned)" 3
	expect_eq "show -j" "$(port_json br0 vh1 '"\(.learning) \(.flood) \(.max_learned)"')" \
		"false false 3"
	local out
	out=$($VBRCTL -d show br0)
	[ "$(line_after '^  vh1 ' "$out")" = '    learning off flood off mcast-flood on bcast-flood on hairpin off isolated off locked off mab off bpdu-guard off storm-block off loop-protect on max-learned 3 storm-bcast 0 storm-mcast 0 storm-ucast 0 storm-burst 0 state forwarding' ] ||
		fail "show -d: port options: $out"

	# learning off: h1's frames teach nothing.
	send 1 ff:ff:ff:ff:ff:ff -c 3
	expect_eq "nothing learned behind vh1" "$($VBRCTL -j fdb show br0 port vh1 | jq length)" 0
	# flood off: h2's unknown unicast does not reach h1.
	send 2 02:00:00:00:00:99 -c 4
	expect_eq "no flood to vh1" "$(rx 1)" 0
	expect_eq "h2 learned" "$($VBRCTL -j fdb show br0 port vh2 | jq -r '.[].mac')" "$(mac 2)"

	expect_ok $VBRCTL set-port br0 vh1 learning on flood on
	expect_eq "max_learned kept" "$(link_field vh1 .linkinfo.info_slave_data.max_learned)" 3
	send 2 02:00:00:00:00:99 -c 2
	expect_eq "flood to vh1 again" "$(rx 1)" 2
	# The port limit: ten random sources, three learned.
	send 1 ff:ff:ff:ff:ff:ff -r -c 10
	expect_eq "port limit holds" "$(port_json br0 vh1 .learned)" 3
	expect_eq "fdb agrees" "$($VBRCTL -j fdb show br0 port vh1 | jq length)" 3

	expect_rc 2 'want on or off' $VBRCTL set-port br0 vh1 learning maybe
	expect_rc 2 'invalid number' $VBRCTL set-port br0 vh1 max-learned -1
	expect_rc 2 "unknown argument 'mtu'" $VBRCTL set-port br0 vh1 mtu 1400
	expect_rc 2 'want a bridge, a port and options' $VBRCTL set-port br0 vh1
	expect_rc 1 '^vbrctl: set-port: ' $VBRCTL set-port br0 vnosuch1 learning off
	expect_rc 1 'no vbr bridge named br7' $VBRCTL set-port br7 vh1 learning off
}

# ---- ports ---------------------------------------------------------------

test_port_netdev() {
	load_vbr
	modprobe dummy
	expect_ok $VBRCTL add-br br0
	expect_ok $VBRCTL add-br br1
	$IP link add td1 type dummy
	$IP link add td2 type dummy
	$IP link set td2 up
	expect_ok $VBRCTL add-port br0 td1
	expect_ok $VBRCTL add-port br0 td2
	expect_eq "td1 master" "$(link_field td1 .master)" br0
	expect_eq "td1 slave kind" "$(link_field td1 .linkinfo.info_slave_kind)" vbr
	expect_eq "td1 left down" "$(link_field td1 .operstate)" DOWN
	expect_eq "td2 left up" "$(is_up td2)" true
	expect_eq "not owned" "$(port_json br0 td1 .owned)" false
	# A duplicate port: the kernel's reason is shown.
	expect_rc 1 '^vbrctl: add-port: Device or resource busy: .+' \
		$VBRCTL add-port br0 td1
	expect_rc 1 '^vbrctl: add-port: Device or resource busy: .+' \
		$VBRCTL add-port br1 td1
	expect_eq "still br0's" "$(link_field td1 .master)" br0
	expect_rc 1 '^vbrctl: add-port: .+: .+' $VBRCTL add-port br0 lo
	expect_rc 1 '^vbrctl: add-port: .+: .+' $VBRCTL add-port br0 br1
	expect_rc 1 'no device named vnosuch1' $VBRCTL add-port br0 vnosuch1
	expect_rc 1 'no vbr bridge named br7' $VBRCTL add-port br7 td1
	expect_rc 2 'name too long' $VBRCTL add-port br0 abcdefghijklmnopqrst
	expect_rc 2 'want a bridge and a device' $VBRCTL add-port br0
	expect_rc 2 "unknown port type 'bond'" $VBRCTL add-port br0 td1 type bond
	expect_rc 2 'mac and mtu go with type internal' $VBRCTL add-port br0 td1 mtu 1400
	expect_rc 2 'user and group go with type tap' $VBRCTL add-port br0 td1 user nobody
	expect_rc 2 'peer and netns go with type veth' $VBRCTL add-port br0 td1 peer x1

	# Port options at add time.
	$IP link add td3 type dummy
	expect_ok $VBRCTL add-port br1 td3 learning off max-learned 9
	expect_eq "learning at add" "$(link_field td3 .linkinfo.info_slave_data.learning)" false
	expect_eq "max_learned at add" "$(link_field td3 .linkinfo.info_slave_data.max_learned)" 9

	# del-port releases an existing device, never deletes it.
	expect_ok $VBRCTL del-port br0 td1
	expect_eq "td1 released" "$(link_field td1 .master)" null
	$IP link show td1 >/dev/null || fail "td1 deleted by del-port"
	expect_rc 1 '^vbrctl: del-port: .+' $VBRCTL del-port br0 td1
	expect_rc 1 'no vbr bridge named br7' $VBRCTL del-port br7 td2
	expect_rc 2 'want a bridge and a port' $VBRCTL del-port br0
	# So does del-br.
	expect_ok $VBRCTL del-br br0
	expect_eq "td2 released" "$(link_field td2 .master)" null
}

test_port_internal() {
	load_vbr
	expect_ok $VBRCTL add-br br0
	expect_ok $VBRCTL add-port br0 vi1 type internal mac 02:00:00:00:00:42 mtu 9000
	expect_eq "kind" "$(link_field vi1 .linkinfo.info_kind)" vbr_internal
	expect_eq "master" "$(link_field vi1 .master)" br0
	expect_eq "mac" "$(< /sys/class/net/vi1/address)" 02:00:00:00:00:42
	expect_eq "mtu" "$(< /sys/class/net/vi1/mtu)" 9000
	expect_eq "brought up" "$(is_up vi1)" true
	local out
	out=$($VBRCTL show br0)
	matches '^  vi1 +internal +up +mtu 9000 +mac 02:00:00:00:00:42 learned [0-9]+$' "$out" ||
		fail "internal port line: $out"
	expect_eq "JSON type" "$(port_json br0 vi1 .type)" internal
	# Defaults: a random unicast MAC, MTU 1500.
	expect_ok $VBRCTL add-port br0 vi2 type internal
	expect_eq "default mtu" "$(< /sys/class/net/vi2/mtu)" 1500
	[ "$(< /sys/class/net/vi2/address)" != 00:00:00:00:00:00 ] || fail "no MAC"

	expect_ok $VBRCTL del-port br0 vi1
	no_link vi1 || fail "vi1 not deleted by del-port"
	# Refusals leave nothing behind.
	expect_rc 1 '^vbrctl: add-port: Numerical result out of range: .+' \
		$VBRCTL add-port br0 vi3 type internal mtu 70000
	no_link vi3 || fail "vi3 made despite the error"
	expect_rc 1 '^vbrctl: add-port: Cannot assign requested address: .+' \
		$VBRCTL add-port br0 vi3 type internal mac 01:00:00:00:00:01
	no_link vi3 || fail "vi3 made with a multicast MAC"
	expect_rc 1 '^vbrctl: add-port: .+' $VBRCTL add-port br0 vi2 type internal
	expect_rc 1 'no vbr bridge named br7' $VBRCTL add-port br7 vi3 type internal
	no_link vi3 || fail "vi3 made without a bridge"
	expect_ok $VBRCTL del-br br0
	no_link vi2 || fail "vi2 not deleted with its bridge"
}

test_port_tap() {
	load_vbr
	modprobe tun
	expect_ok $VBRCTL add-br br0
	host 1
	expect_ok $VBRCTL add-port br0 tap1 type tap user nobody group 65534
	expect_eq "kind" "$(link_field tap1 .linkinfo.info_kind)" tun
	expect_eq "owner" "$(< /sys/class/net/tap1/owner)" 65534
	expect_eq "group" "$(< /sys/class/net/tap1/group)" 65534
	local flags
	flags=$(< /sys/class/net/tap1/tun_flags)
	expect_eq "IFF_TAP|IFF_NO_PI|IFF_PERSIST" $((flags & 0x1803)) $((0x1802))
	expect_eq "master" "$(link_field tap1 .master)" br0
	expect_eq "brought up" "$(is_up tap1)" true
	expect_eq "owned" "$(port_json br0 tap1 .owned)" true
	expect_eq "type" "$(port_json br0 tap1 .type)" tap
	[ "$(line_after '^  tap1 ' "$($VBRCTL show br0)")" = '    held by no process' ] ||
		fail "tap1 should be held by nobody yet"

	# A VM opens it: show names the process, and traffic flows.
	"$TAPVM" tap1 02:00:00:00:00:51 10.0.0.51 60 > /tmp/tapvm.out &
	local vm=$!
	wait_for 50 sh -c "grep -q 'iff:' /proc/$vm/fdinfo/*" ||
		fail "tapvm has not opened tap1"
	local out
	out=$($VBRCTL show br0)
	echo "$out"
	[ "$(line_after '^  tap1 ' "$out")" = "    held by $vm (tapvm)" ] ||
		fail "show does not name tapvm: $out"
	expect_eq "JSON tap_owners" "$(port_json br0 tap1 '.tap_owners | map("\(.pid) \(.comm)") | join(",")')" \
		"$vm tapvm"
	expect_ok $IP netns exec h1 ping -c 3 -i 0.2 -W 2 10.0.0.51
	expect_eq "the VM's MAC is behind tap1" \
		"$($VBRCTL -j fdb show br0 | jq -r '.[] | select(.mac == "02:00:00:00:00:51") | .port')" tap1
	kill "$vm"
	wait "$vm" || true
	grep -q 'answered [1-9]' /tmp/tapvm.out || fail "tapvm answered nothing"
	# The tap is persistent: it outlives its process.
	$IP link show tap1 >/dev/null || fail "tap1 went with its process"
	[ "$(line_after '^  tap1 ' "$($VBRCTL show br0)")" = '    held by no process' ] ||
		fail "tap1 still held after tapvm exited"

	expect_ok $VBRCTL del-port br0 tap1
	no_link tap1 || fail "del-port did not delete tap1"

	# No half-made state: a refused port takes its tap along.
	expect_rc 1 'no vbr bridge named br7' $VBRCTL add-port br7 tap2 type tap
	no_link tap2 || fail "tap2 left behind"
	# An existing device is not taken over.
	$IP tuntap add tap3 mode tap
	expect_rc 1 'add-port: File exists: a device named tap3 exists' \
		$VBRCTL add-port br0 tap3 type tap
	expect_eq "tap3 not enslaved" "$(link_field tap3 .master)" null
	$IP link del tap3
	expect_rc 2 "no user named 'nosuchuser'" $VBRCTL add-port br0 tap4 type tap user nosuchuser
	expect_rc 2 "no group named 'nosuchgroup'" $VBRCTL add-port br0 tap4 type tap group nosuchgroup
	no_link tap4 || fail "tap4 made despite usage errors"
	# del-br deletes the taps it owns.
	expect_ok $VBRCTL add-port br0 tap5 type tap
	expect_ok $VBRCTL del-br br0
	no_link tap5 || fail "del-br did not delete tap5"
}

test_port_veth() {
	load_vbr
	expect_ok $VBRCTL add-br br0
	$IP netns add c1
	$IP netns add c2
	expect_ok $VBRCTL add-port br0 vp1 type veth peer eth0 netns c1
	expect_ok $VBRCTL add-port br0 vp2 type veth netns c2
	$IP -n c1 link show eth0 >/dev/null || fail "peer not in c1"
	$IP -n c2 link show eth0 >/dev/null || fail "default peer name not eth0"
	expect_eq "master" "$(link_field vp1 .master)" br0
	expect_eq "brought up" "$(is_up vp1)" true
	expect_eq "owned" "$(port_json br0 vp1 .owned)" true
	local out
	out=$($VBRCTL show br0)
	echo "$out"
	[ "$(line_after '^  vp1 +veth ' "$out")" = '    peer eth0 netns c1' ] ||
		fail "show: peer of vp1"
	[ "$(line_after '^  vp2 +veth ' "$out")" = '    peer eth0 netns c2' ] ||
		fail "show: peer of vp2"
	expect_eq "JSON peer" "$(port_json br0 vp1 '.veth_peer | "\(.name) \(.netns)"')" "eth0 c1"

	# Frames cross it.
	local i
	for i in 1 2; do
		$IP -n c$i addr add 10.0.0.$i/24 dev eth0
		$IP -n c$i link set eth0 up
	done
	expect_ok $IP netns exec c1 ping -c 3 -i 0.2 -W 2 10.0.0.2
	expect_eq "c2 learned behind vp2" \
		"$($VBRCTL -j fdb lookup "$($IP -n c2 -j link show eth0 | jq -r '.[0].address')" | jq -r '.[0].port')" vp2

	# A peer in this namespace: default name DEV + "p", netns null.
	expect_ok $VBRCTL add-port br0 vp3 type veth
	[ "$(line_after '^  vp3 +veth ' "$($VBRCTL show br0)")" = '    peer vp3p' ] ||
		fail "show: peer of vp3"
	expect_eq "JSON peer here" "$(port_json br0 vp3 '.veth_peer | "\(.name) \(.netns)"')" "vp3p null"
	expect_ok $VBRCTL add-port br0 vp4 type veth peer vq4
	$IP link show vq4 >/dev/null || fail "peer vq4 not made"

	expect_ok $VBRCTL del-port br0 vp1
	no_link vp1 || fail "del-port did not delete vp1"
	if $IP -n c1 link show eth0 >/dev/null 2>&1; then
		fail "the peer in c1 remains"
	fi
	expect_ok $VBRCTL del-port br0 vp3
	no_link vp3p || fail "vp3p remains"

	# No half-made state.
	$IP netns add c3
	expect_rc 1 'no vbr bridge named br7' $VBRCTL add-port br7 vp5 type veth netns c3
	no_link vp5 || fail "vp5 left behind"
	if $IP -n c3 link show eth0 >/dev/null 2>&1; then
		fail "the peer in c3 left behind"
	fi
	expect_rc 1 'no network namespace named nosuch' \
		$VBRCTL add-port br0 vp5 type veth netns nosuch
	no_link vp5 || fail "vp5 made without its namespace"
	expect_rc 1 '^vbrctl: add-port: File exists' $VBRCTL add-port br0 vp5 type veth peer vq4
	no_link vp5 || fail "vp5 made though its peer name was taken"
	expect_rc 2 'name the peer' $VBRCTL add-port br0 vabcdefghijklm1 type veth
	# del-br deletes the pairs it owns.
	expect_ok $VBRCTL del-br br0
	no_link vp2 || fail "del-br did not delete vp2"
	no_link vq4 || fail "del-br did not delete vp4's peer"
}

# list-ports and port-to-br: what the kernel says is enslaved, one name a
# line or a JSON array; a missing bridge or port is exit status 1.
test_list_ports_port_to_br() {
	load_vbr
	modprobe dummy
	expect_ok $VBRCTL add-br br0
	expect_ok $VBRCTL add-br br1
	expect_ok $VBRCTL add-br br2
	host 1
	expect_ok $VBRCTL add-port br0 vi1 type internal
	$IP link add td1 type dummy
	expect_ok $VBRCTL add-port br1 td1
	local want
	want=$($IP -j link show master br0 | jq -r '[.[].ifname] | sort | join(" ")')
	expect_eq "the kernel's br0 ports" "$want" "vh1 vi1"
	expect_eq "list-ports br0" "$($VBRCTL list-ports br0 | sort | tr '\n' ' ')" "vh1 vi1 "
	expect_eq "list-ports -j br0" "$($VBRCTL -j list-ports br0 | jq -r 'sort | join(" ")')" "$want"
	expect_eq "list-ports br1" "$($VBRCTL list-ports br1)" td1
	expect_eq "list-ports, no port" "$($VBRCTL list-ports br2)" ""
	expect_eq "list-ports -j, no port" "$($VBRCTL -j list-ports br2)" "[]"
	expect_rc 1 '^vbrctl: list-ports: no vbr bridge named br7$' $VBRCTL list-ports br7
	expect_rc 1 'no vbr bridge named lo' $VBRCTL list-ports lo
	expect_rc 2 'want one bridge' $VBRCTL list-ports
	expect_eq "port-to-br vh1" "$($VBRCTL port-to-br vh1)" br0
	expect_eq "port-to-br vi1" "$($VBRCTL port-to-br vi1)" br0
	expect_eq "port-to-br td1" "$($VBRCTL port-to-br td1)" br1
	expect_eq "port-to-br -j td1" "$($VBRCTL -j port-to-br td1)" '["br1"]'
	expect_ok $VBRCTL del-port br1 td1
	expect_rc 1 '^vbrctl: port-to-br: td1 is not a port of a vbr bridge$' \
		$VBRCTL port-to-br td1
	expect_eq "list-ports br1 after del-port" "$($VBRCTL list-ports br1)" ""
	expect_rc 1 '^vbrctl: port-to-br: no device named vnosuch1$' \
		$VBRCTL port-to-br vnosuch1
	expect_rc 1 'lo is not a port' $VBRCTL port-to-br lo
	expect_rc 2 'want one port' $VBRCTL port-to-br vh1 vi1

	# The bash completion asks list-br and list-ports.
	expect_eq "completion: del-port br0" \
		"$(complete_words vbrctl del-port br0 '')" "vh1 vi1"
	expect_eq "completion: port-to-br" \
		"$(complete_words vbrctl port-to-br v)" "vh1 vi1"
	expect_eq "completion: list-ports" \
		"$(complete_words vbrctl list-ports '')" "br0 br1 br2"
	$IP netns add c1
	$IP netns exec c1 $VBRCTL add-br brn
	expect_eq "completion: -n c1 show" \
		"$(complete_words vbrctl -n c1 show '')" brn
}

# complete_words WORD...: what vbrctl's bash completion offers for the
# last WORD, sorted, on one line.
complete_words() {
	(
		PATH=$(dirname "$VBRCTL"):$PATH
		# shellcheck disable=SC1091
		source "$VBR_TOP/tools/vbrctl/vbrctl.bash-completion"
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMPREPLY=()
		_vbrctl
		printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
	)
}

# --may-exist and --if-exists: what is there already (or gone already)
# is success without change; a port of another bridge is still an error.
test_may_exist_if_exists() {
	load_vbr
	modprobe dummy
	modprobe tun
	expect_ok $VBRCTL add-br br0 ageing-time 100
	expect_ok $VBRCTL --may-exist add-br br0 ageing-time 200
	expect_ok $VBRCTL add-br --may-exist br0 max-learned 5
	expect_eq "--may-exist add-br: unchanged" \
		"$(link_field br0 .linkinfo.info_data.ageing_time) $(link_field br0 .linkinfo.info_data.fdb_max_learned)" \
		"10000 65536"
	expect_rc 1 'add-br: File exists' $VBRCTL add-br br0
	$IP link add td0 type dummy
	expect_rc 1 'add-br: File exists' $VBRCTL --may-exist add-br td0
	expect_eq "td0 still a dummy" "$(link_field td0 .linkinfo.info_kind)" dummy
	expect_ok $VBRCTL --may-exist add-br br1
	expect_eq "--may-exist add-br: a new bridge" "$(link_field br1 .linkinfo.info_kind)" vbr

	$IP link add td1 type dummy
	expect_ok $VBRCTL add-port br0 td1
	expect_ok $VBRCTL --may-exist add-port br0 td1
	expect_rc 1 '^vbrctl: add-port: td1 is a port of br0, not of br1$' \
		$VBRCTL --may-exist add-port br1 td1
	expect_eq "td1 still br0's" "$(link_field td1 .master)" br0
	expect_rc 1 'td1 is a port of br0 already, of type other, not internal' \
		$VBRCTL --may-exist add-port br0 td1 type internal
	expect_ok $VBRCTL add-port br0 vi1 type internal
	local ifi tfi
	ifi=$(< /sys/class/net/vi1/ifindex)
	expect_ok $VBRCTL --may-exist add-port br0 vi1 type internal mtu 1400
	expect_eq "internal port kept" "$(< /sys/class/net/vi1/ifindex) $(< /sys/class/net/vi1/mtu)" "$ifi 1500"
	expect_ok $VBRCTL add-port br0 tp1 type tap
	tfi=$(< /sys/class/net/tp1/ifindex)
	expect_ok $VBRCTL --may-exist add-port br0 tp1 type tap
	expect_eq "tap kept" "$(< /sys/class/net/tp1/ifindex)" "$tfi"
	expect_rc 1 'add-port: .*exists' $VBRCTL add-port br0 tp1 type tap
	$IP link add td2 type dummy
	expect_ok $VBRCTL --may-exist add-port br0 td2
	expect_eq "--may-exist add-port: a new port" "$(link_field td2 .master)" br0
	expect_rc 2 '--may-exist goes with add-br and add-port' \
		$VBRCTL --may-exist del-br br0
	expect_rc 2 '--if-exists goes with del-br and del-port' \
		$VBRCTL --if-exists add-br br9
	no_link br9 || fail "add-br ran despite the usage error"

	expect_ok $VBRCTL --if-exists del-port br0 td2
	expect_eq "td2 released" "$(link_field td2 .master)" null
	expect_ok $VBRCTL --if-exists del-port br0 td2
	expect_ok $VBRCTL del-port --if-exists br0 vnosuch1
	expect_ok $VBRCTL --if-exists del-port br7 td1
	expect_rc 1 '' $VBRCTL del-port br0 td2
	expect_rc 1 '^vbrctl: del-port: td1 is a port of br0, not of br1$' \
		$VBRCTL --if-exists del-port br1 td1
	expect_eq "td1 still br0's after" "$(link_field td1 .master)" br0
	expect_ok $VBRCTL --if-exists del-br br1
	no_link br1 || fail "--if-exists del-br left br1"
	expect_ok $VBRCTL --if-exists del-br br1
	expect_ok $VBRCTL --if-exists del-br lo
	[ -e /sys/class/net/lo ] || fail "lo gone"
	expect_rc 1 'no vbr bridge named br1' $VBRCTL del-br br1
	$IP link del td0
	$IP link del td1
	$IP link del td2
}

test_json_escaping() {
	load_vbr
	modprobe dummy
	local name='v1"q\z'
	expect_ok $VBRCTL add-br br0
	$IP link add "$name" type dummy
	expect_ok $VBRCTL add-port br0 "$name"
	local j
	j=$($VBRCTL -j show br0)
	jq -e . >/dev/null <<<"$j" || fail "invalid JSON: $j"
	jqv "escaped name" "$j" '.[0].ports[0].port' "$name"
	$IP link del "$name"
}

# ---- who may do what, and where ------------------------------------------

test_unprivileged() {
	load_vbr
	expect_ok $VBRCTL add-br br0
	host 1
	send 1 ff:ff:ff:ff:ff:ff
	expect_rc 1 '^vbrctl: add-br: Operation not permitted' $ASUSER $VBRCTL add-br br9
	no_link br9 || fail "nobody made br9"
	expect_rc 1 'Operation not permitted' $ASUSER $VBRCTL del-br br0
	expect_rc 1 'Operation not permitted' $ASUSER $VBRCTL set br0 ageing-time 5
	expect_rc 1 'Operation not permitted' $ASUSER $VBRCTL set-port br0 vh1 flood off
	expect_rc 1 'Operation not permitted' $ASUSER $VBRCTL add-port br0 vi1 type internal
	expect_rc 1 'Operation not permitted' $ASUSER $VBRCTL del-port br0 vh1
	expect_rc 1 'Operation not permitted' $ASUSER $VBRCTL fdb add br0 02:00:00:00:00:99
	expect_rc 1 'Operation not permitted' $ASUSER $VBRCTL fdb flush br0
	expect_eq "br0 untouched" "$($VBRCTL -j show br0 | jq -r '.[0] | "\(.ageing_time) \(.ports | length)"')" "300 1"
	# Reading needs nothing.
	local out
	out=$($ASUSER $VBRCTL show) || fail "nobody cannot show"
	matches '^br0: up ' "$out" || fail "nobody's show: $out"
	matches '^  vh1 +veth ' "$out" || fail "nobody's show lacks vh1: $out"
	expect_eq "nobody's list-br" "$($ASUSER $VBRCTL list-br)" br0
	expect_eq "nobody's fdb show" \
		"$($ASUSER $VBRCTL -j fdb show br0 port vh1 | jq -r '.[].mac')" "$(mac 1)"
	expect_eq "nobody's fdb lookup" \
		"$($ASUSER $VBRCTL -j fdb lookup "$(mac 1)" | jq -r '.[0].port')" vh1
	$ASUSER $VBRCTL -j stats br0 | jq -e '.[0].ports[0].counters.rx_packets >= 1' >/dev/null ||
		fail "nobody's stats"
	# Events too.
	$ASUSER $VBRCTL monitor > /tmp/mon-nobody.out &
	local mon=$!
	wait_for 100 sh -c "$VBRCTL fdb add br0 02:00:00:00:00:98;
		$VBRCTL fdb del br0 02:00:00:00:00:98;
		grep -Eq 'fdb (added|deleted) br0 02:00:00:00:00:98' /tmp/mon-nobody.out" ||
		fail "nobody's monitor got no event"
	kill "$mon"
	wait "$mon" || fail "monitor did not exit cleanly on SIGTERM"
}

test_netns_isolation() {
	load_vbr
	expect_ok $VBRCTL add-br br0
	host 1
	send 1 ff:ff:ff:ff:ff:ff
	$IP netns add n1
	expect_eq "n1 sees no bridge" "$($IP netns exec n1 $VBRCTL show)" ""
	expect_eq "n1 lists no bridge" "$($IP netns exec n1 $VBRCTL -j list-br)" "[]"
	expect_rc 1 'no vbr bridge named br0' $IP netns exec n1 $VBRCTL show br0
	expect_rc 1 'no vbr bridge named br0' $IP netns exec n1 $VBRCTL del-br br0
	expect_rc 1 'no vbr bridge named br0' $IP netns exec n1 $VBRCTL set br0 ageing-time 5
	expect_rc 1 'no vbr bridge named br0' $IP netns exec n1 $VBRCTL fdb show br0
	expect_eq "n1: no FDB" "$($IP netns exec n1 $VBRCTL -j fdb show)" "[]"
	expect_rc 1 'in the FDB of no bridge' $IP netns exec n1 $VBRCTL fdb lookup "$(mac 1)"
	expect_eq "n1: no stats" "$($IP netns exec n1 $VBRCTL -j stats)" "[]"
	$IP link show br0 >/dev/null || fail "br0 deleted from n1"
	expect_eq "br0 untouched" "$(link_field br0 .linkinfo.info_data.ageing_time)" 30000
	# n1 has a br0 of its own, which the root namespace does not see.
	expect_ok $IP netns exec n1 $VBRCTL add-br br0 ageing-time 77
	expect_eq "n1's br0" "$($IP netns exec n1 $VBRCTL -j show | jq -r '.[] | "\(.bridge) \(.ageing_time)"')" "br0 77"
	expect_eq "root's br0" "$($VBRCTL -j show | jq -r '.[] | "\(.bridge) \(.ageing_time)"')" "br0 300"
	expect_ok $IP netns exec n1 $VBRCTL del-br br0
	$IP link show br0 >/dev/null || fail "n1's del-br took root's br0"
	# -n NS does the same as "ip netns exec NS", as ip -n does.
	expect_ok $VBRCTL -n n1 add-br br1 ageing-time 44
	expect_ok $VBRCTL --netns n1 add-port br1 vn1 type veth
	expect_eq "-n: n1's bridge" "$($VBRCTL -n n1 -j show | jq -r '.[] | "\(.bridge) \(.ageing_time) \(.ports[0].type)"')" "br1 44 veth"
	expect_eq "seen by ip in n1" "$($IP -n n1 -o link show type vbr | wc -l)" 1
	expect_eq "root has no br1" "$($VBRCTL -j show | jq -r '.[].bridge')" br0
	expect_rc 1 'network namespace "nosuch"' $VBRCTL -n nosuch show
	expect_rc 2 'which network namespace' $VBRCTL show -n
}

# ---- the FDB ---------------------------------------------------------------

test_fdb() {
	load_vbr
	expect_ok $VBRCTL add-br br0
	host 1
	host 2
	send 1 ff:ff:ff:ff:ff:ff
	send 2 ff:ff:ff:ff:ff:ff
	local brmac j
	brmac=$(< /sys/class/net/br0/address)
	j=$($VBRCTL -j fdb show br0)
	jqvs "$j" \
		"all entries" 'map("\(.mac) \(.port) \(.kind)") | sort | join(",")' \
		"$(printf '%s\n' "$(mac 1) vh1 dynamic" "$(mac 2) vh2 dynamic" \
			"$brmac null local" | sort | paste -sd,)" \
		"bridge named" '[.[].bridge] | unique | join(" ")' br0 \
		"dynamic entries have an age" \
		'[.[] | select(.kind == "dynamic") | .age_ms | type] | unique | join(" ")' number \
		"no entry has a type (renamed kind)" 'map(has("type")) | any' false
	local out
	out=$($VBRCTL fdb show br0)
	echo "$out"
	matches "^($(mac 1) bridge br0 port vh1 dynamic age [0-9]+\.[0-9]{3}s)$" "$out" ||
		fail "text line of a dynamic entry"
	has_line "$brmac bridge br0 self local" "$out" || fail "text line of the local entry"

	# Filters.
	expect_eq "port filter" "$($VBRCTL -j fdb show br0 port vh1 | jq -r 'map(.mac) | join(" ")')" "$(mac 1)"
	expect_eq "dynamic filter" "$($VBRCTL -j fdb show br0 dynamic | jq length)" 2
	expect_eq "local filter" "$($VBRCTL -j fdb show br0 local | jq -r 'map(.mac) | join(" ")')" "$brmac"
	expect_eq "static filter" "$($VBRCTL -j fdb show br0 static | jq length)" 0
	expect_eq "no bridge: all bridges" "$($VBRCTL -j fdb show | jq length)" 3
	expect_eq "type filter, all bridges" "$($VBRCTL -j fdb show dynamic | jq length)" 2

	# Static entries: add, replace, delete; frames follow them.
	expect_ok $VBRCTL fdb add br0 02:00:00:00:00:99 port vh2
	expect_eq "static added" "$($VBRCTL -j fdb show br0 static | jq -r '.[] | "\(.mac) \(.port)"')" \
		"02:00:00:00:00:99 vh2"
	expect_rc 1 '^vbrctl: fdb add: File exists' $VBRCTL fdb add br0 02:00:00:00:00:99 port vh1
	expect_ok $VBRCTL fdb add br0 02:00:00:00:00:99 port vh1 replace
	expect_eq "static replaced" "$($VBRCTL -j fdb show br0 static | jq -r '.[] | "\(.mac) \(.port)"')" \
		"02:00:00:00:00:99 vh1"
	local before
	before=$(rx 1)
	send 2 02:00:00:00:00:99 -c 3
	expect_eq "frames to the static MAC reach h1" $(($(rx 1) - before)) 3
	expect_ok $VBRCTL fdb add br0 02:00:00:00:00:aa
	expect_eq "static for the bridge itself" \
		"$($VBRCTL -j fdb show br0 static | jq -r '.[] | select(.mac == "02:00:00:00:00:aa") | .port')" null
	expect_ok $VBRCTL fdb del br0 02:00:00:00:00:99
	expect_eq "static deleted" "$($VBRCTL -j fdb show br0 static | jq -r 'map(.mac) | join(" ")')" \
		"02:00:00:00:00:aa"
	expect_rc 1 '^vbrctl: fdb del: .+' $VBRCTL fdb del br0 02:00:00:00:00:99
	expect_rc 1 '^vbrctl: fdb del: .+' $VBRCTL fdb del br0 "$brmac"
	expect_eq "local entry kept" "$($VBRCTL -j fdb show br0 local | jq length)" 1
	expect_rc 1 '^vbrctl: fdb add: Cannot assign requested address: .+' \
		$VBRCTL fdb add br0 01:00:5e:00:00:01
	expect_rc 1 '^vbrctl: fdb add: .+' $VBRCTL fdb add br0 02:00:00:00:00:77 port vnosuch1

	# Flush: by port, by type; the local entry stays.
	expect_ok $VBRCTL fdb add br0 02:00:00:00:00:bb port vh1
	expect_eq "flush port vh1 (dynamic)" "$($VBRCTL fdb flush br0 port vh1)" "flushed 1 entry"
	expect_eq "vh1's static entry kept" "$($VBRCTL -j fdb show br0 port vh1 | jq -r 'map("\(.mac) \(.kind)") | join(",")')" \
		"02:00:00:00:00:bb static"
	expect_eq "flush static" "$($VBRCTL fdb flush br0 static)" "flushed 2 entries"
	expect_eq "flush (dynamic), JSON" "$($VBRCTL -j fdb flush br0)" '{"flushed":1}'
	expect_eq "flush again" "$($VBRCTL fdb flush br0)" "flushed 0 entries"
	expect_eq "only the local entry left" "$($VBRCTL -j fdb show br0 | jq -r 'map(.kind) | join(" ")')" local

	# Usage errors.
	expect_rc 2 'invalid MAC' $VBRCTL fdb add br0 02:00:00:00:00:zz
	expect_rc 2 'invalid MAC' $VBRCTL fdb del br0 02-00-00-00-00-01
	expect_rc 2 "unknown argument 'local'" $VBRCTL fdb flush br0 local
	expect_rc 2 "unknown argument 'sticky'" $VBRCTL fdb add br0 02:00:00:00:00:01 sticky
	expect_rc 2 "unknown argument 'extra'" $VBRCTL fdb show br0 extra
	expect_rc 2 'want a bridge and a MAC' $VBRCTL fdb add br0
	expect_rc 1 'no vbr bridge named br7' $VBRCTL fdb show br7
	expect_rc 1 'no vbr bridge named br7' $VBRCTL fdb add br7 02:00:00:00:00:01
	expect_rc 1 'no vbr bridge named br7' $VBRCTL fdb flush br7
}

test_fdb_lookup() {
	load_vbr
	expect_ok $VBRCTL add-br br0
	expect_ok $VBRCTL add-br br1
	host 1 br0
	host 2 br1
	send 1 ff:ff:ff:ff:ff:ff
	send 2 ff:ff:ff:ff:ff:ff
	local out
	out=$($VBRCTL fdb lookup "$(mac 1)")
	matches "^($(mac 1) bridge br0 port vh1 dynamic age [0-9.]+s)$" "$out" ||
		fail "lookup of h1: $out"
	expect_eq "h2 behind br1" "$($VBRCTL -j fdb lookup "$(mac 2)" | jq -r '.[] | "\(.bridge) \(.port) \(.kind)"')" \
		"br1 vh2 dynamic"
	# A MAC in both bridges is found in both.
	expect_ok $VBRCTL fdb add br0 02:00:00:00:00:33 port vh1
	expect_ok $VBRCTL fdb add br1 02:00:00:00:00:33
	expect_eq "in both" "$($VBRCTL -j fdb lookup 02:00:00:00:00:33 | jq -r 'map("\(.bridge) \(.port)") | join(",")')" \
		"br0 vh1,br1 null"
	# A bridge's own address, given in upper case.
	expect_eq "local" "$($VBRCTL -j fdb lookup "$(tr a-f A-F < /sys/class/net/br1/address)" |
		jq -r '.[] | "\(.bridge) \(.kind)"')" "br1 local"
	expect_rc 1 '02:00:00:00:00:44 is in the FDB of no bridge' $VBRCTL fdb lookup 02:00:00:00:00:44
	expect_eq "not found, JSON" "$($VBRCTL -j fdb lookup 02:00:00:00:00:44 2>/dev/null || true)" "[]"
	expect_rc 2 'invalid MAC' $VBRCTL fdb lookup 02:00:00:00:00
	expect_rc 2 'want one MAC' $VBRCTL fdb lookup
}

# ---- counters and events ---------------------------------------------------

# stat_json BRIDGE JQ: one value of "vbrctl -j stats BRIDGE".
stat_json() {
	$VBRCTL -j stats "$1" | jq -r ".[0]$2"
}

test_stats() {
	load_vbr
	# No probe rounds: ethtool -S and vbrctl are compared a moment apart.
	expect_ok $VBRCTL add-br br0 loop-protect off
	# The bridge's own IPv6 frames would be flooded to the ports.
	echo 1 > /proc/sys/net/ipv6/conf/br0/disable_ipv6
	host 1
	host 2
	local j names pnames
	j=$($VBRCTL -j stats br0)
	names="drop_bridge_down drop_bad_src_mac drop_bad_vlan drop_same_port drop_port_down drop_mtu drop_nomem drop_no_target learn_limit fdb_move drop_locked drop_isolated drop_vlan_ingress drop_no_pvid drop_vlan_egress drop_blocked drop_bpdu_guard drop_storm loop_rounds loop_found mac_flap"
	pnames="rx_packets rx_bytes tx_packets tx_bytes tx_dropped rx_blocked bpdu_guard storm_bcast storm_mcast storm_ucast"
	# Bridge and ports alike: a name, an ifindex, "counters".
	jqvs "$j" \
		"bridge" '.[0].bridge' br0 \
		"bridge ifindex" '.[0].ifindex' "$(< /sys/class/net/br0/ifindex)" \
		"bridge keys" '.[0] | keys | join(" ")' "bridge counters ifindex ports" \
		"bridge counters" '.[0].counters | keys_unsorted | join(" ")' "$names" \
		"port keys" '.[0].ports[0] | keys | join(" ")' "counters ifindex port" \
		"port counters" '.[0].ports[0].counters | keys_unsorted | join(" ")' "$pnames" \
		"ports" '.[0].ports | map(.port) | sort | join(" ")' "vh1 vh2" \
		"port ifindex" '.[0].ports[] | select(.port == "vh1") | .ifindex' \
		"$(< /sys/class/net/vh1/ifindex)"

	# Five 60-byte frames from h1, flooded to h2.
	send 1 ff:ff:ff:ff:ff:ff -c 5
	jqvs "$($VBRCTL -j stats br0)" \
		"vh1 rx_packets" '.[0].ports[] | select(.port == "vh1") | .counters.rx_packets' 5 \
		"vh1 rx_bytes" '.[0].ports[] | select(.port == "vh1") | .counters.rx_bytes' 300 \
		"vh2 tx_packets" '.[0].ports[] | select(.port == "vh2") | .counters.tx_packets' 5 \
		"vh2 tx_bytes" '.[0].ports[] | select(.port == "vh2") | .counters.tx_bytes' 300
	expect_eq "h2 got them" "$(rx 2)" 5
	# Frames from h1 to its own MAC: dropped, same port.
	send 1 "$(mac 1)" -c 3
	expect_eq "drop_same_port" "$(stat_json br0 .counters.drop_same_port)" 3
	# h1's MAC shows up behind vh2: a move.
	"$SENDETH" -n h2 eth0 ff:ff:ff:ff:ff:ff "$(mac 1)"
	expect_eq "fdb_move" "$(stat_json br0 .counters.fdb_move)" 1
	# A full bridge refuses to learn more.
	expect_ok $VBRCTL set br0 max-learned 1
	send 2 ff:ff:ff:ff:ff:ff -r -c 4
	expect_eq "learn_limit" "$(stat_json br0 .counters.learn_limit)" 4
	# One port of one bridge.
	j=$($VBRCTL -j stats br0 vh2)
	jqvs "$j" \
		"one port" '.[0].ports | map(.port) | join(" ")' vh2 \
		"its rx_packets" '.[0].ports[0].counters.rx_packets' 5

	# The text: a table of the ports and their total, then the bridge's
	# counters that are not zero; with -d, every one.
	local out n
	out=$($VBRCTL stats br0)
	echo "$out"
	has_line 'br0:' "$out" || fail "text: bridge line"
	matches '^  port +rx_packets +rx_bytes +tx_packets +tx_bytes$' "$out" ||
		fail "text: header without drop columns"
	matches '^  vh1 +8 +480 +5 +300$' "$out" || fail "text: vh1 row"
	matches '^  vh2 +5 +300 +5 +300$' "$out" || fail "text: vh2 row"
	matches '^  total +13 +780 +10 +600$' "$out" || fail "text: total row"
	has_line '  drop_same_port 3' "$out" || fail "text: drop_same_port"
	has_line '  learn_limit 4' "$out" || fail "text: learn_limit"
	[[ $out == *drop_mtu* ]] && fail "text: a zero drop counter without -d"
	out=$($VBRCTL -d stats br0)
	matches '^  port +rx_packets +rx_bytes +tx_packets +tx_bytes +tx_dropped +rx_blocked +bpdu_guard +storm_bcast +storm_mcast +storm_ucast$' "$out" ||
		fail "-d: every column"
	matches '^  vh1 +8 +480 +5 +300 +0 +0 +0 +0 +0 +0$' "$out" || fail "-d: vh1 row"
	has_line '  drop_mtu 0' "$out" || fail "-d: zero drop counters"
	out=$($VBRCTL stats br0 vh1)
	[[ $out == *drop_same_port* ]] && fail "stats BR PORT shows bridge counters"
	[[ $out == *total* ]] && fail "stats BR PORT shows a total"
	matches '^  vh1 +8 +480 ' "$out" || fail "stats BR PORT lacks the port"
	if command -v ethtool >/dev/null; then
		local -A eth js
		local k v
		while read -r k v; do
			eth[${k%:}]=$v
		done < <(ethtool -S br0)
		while read -r k v; do
			js[$k]=$v
		done < <($VBRCTL -j stats br0 |
			 jq -r '.[0].counters | to_entries[] | "\(.key) \(.value)"')
		for n in $names; do
			expect_eq "ethtool -S $n" "${eth[$n]-(not in ethtool -S)}" \
				"${js[$n]-(not in vbrctl)}"
		done
	fi

	# show -s: the same counters under each bridge and port.
	j=$($VBRCTL -s -j show br0)
	jqvs "$j" \
		"show -s: bridge counters" '.[0].counters.drop_same_port' 3 \
		"show -s: port counters" '.[0].ports[] | select(.port == "vh1") | .counters | "\(.rx_packets) \(.tx_bytes)"' "8 300" \
		"show -s: the keys of stats" '.[0].ports[0].counters | keys_unsorted | join(" ")' "$pnames"
	expect_eq "show without -s: no counters" \
		"$($VBRCTL -j show br0 | jq '[.[0], .[0].ports[]] | map(has("counters")) | any')" false
	out=$($VBRCTL --stats show br0)
	has_line '    rx_packets 8 rx_bytes 480 tx_packets 5 tx_bytes 300' "$out" ||
		fail "show -s: vh1's counters line: $out"
	# (A slow kernel may count a frame with nowhere to go as well.)
	matches '^    drop_same_port 3( [a-z_]+ [0-9]+)* learn_limit 4 fdb_move 1$' "$out" ||
		fail "show -s: br0's counters line: $out"

	# -p: the same JSON, indented.
	j=$($VBRCTL -j show br0)
	out=$($VBRCTL -p show br0)
	expect_eq "-p is -j indented" "$out" "$(jq --indent 4 . <<<"$j")"
	expect_eq "--pretty on many lines" "$($VBRCTL --pretty stats br0 | wc -l)" \
		"$($VBRCTL -j stats br0 | jq --indent 4 . | wc -l)"

	# A drop column shows once a port counts drops: a blocked port.
	expect_ok $VBRCTL set-port br0 vh2 state blocked
	send 2 ff:ff:ff:ff:ff:ff -c 2
	out=$($VBRCTL stats br0)
	matches '^  port +rx_packets +rx_bytes +tx_packets +tx_bytes +rx_blocked$' "$out" ||
		fail "text: the rx_blocked column: $out"
	matches '^  vh2 +[0-9]+ +[0-9]+ +5 +300 +2$' "$out" || fail "text: vh2 blocked row"
	expect_ok $VBRCTL set-port br0 vh2 state forwarding

	# -i: the counters, then every SECS the rates per second.
	local f=/tmp/vbrctl-stats.json pid
	$VBRCTL -j stats -i 2 -c 2 br0 > "$f" &
	pid=$!
	wait_for 100 test -s "$f"
	send 1 ff:ff:ff:ff:ff:ff -c 10
	wait "$pid" || fail "stats -i 2 -c 2 failed"
	jqvs "$(jq -s -c . "$f")" \
		"two reports" 'length' 2 \
		"the first has no rates" '.[0][0] | has("rates")' false \
		"the second has them" '.[1][0] | [has("rates"), (.ports[] | has("rates"))] | all' true \
		"h1's frames counted" '[.[] | .[0].ports[] | select(.port == "vh1") | .counters.rx_packets] | .[1] - .[0]' 10 \
		"a rate per second, over 2 s or more" '.[1][0].ports[] | select(.port == "vh1") | .rates.rx_packets | . > 0 and . <= 5' true \
		"an idle port's rate" '.[1][0].ports[] | select(.port == "vh2") | .rates.rx_packets' 0
	out=$($VBRCTL stats --interval 1 --count 2 br0)
	echo "$out"
	matches '^  port +rx_packets/s +rx_bytes/s +tx_packets/s +tx_bytes/s$' "$out" ||
		fail "-i: rates header"
	matches '^  vh1 +0 +0 +0 +0$' "$out" || fail "-i: an idle port's rates"
	expect_rc 2 '-c COUNT goes with -i' $VBRCTL stats -c 2 br0
	expect_rc 2 'want 1 second or more' $VBRCTL stats -i 0 br0

	# All bridges.
	expect_ok $VBRCTL add-br br1
	expect_eq "all bridges" "$($VBRCTL -j stats | jq -r 'map(.bridge) | sort | join(" ")')" "br0 br1"
	expect_rc 1 'no vbr bridge named br7' $VBRCTL stats br7
	expect_rc 1 '^vbrctl: stats: .+' $VBRCTL stats br0 vnosuch1
}

# ---- the JSON schemas of vbrctl.8 ------------------------------------------

JOUT=/tmp/vbrctl-json.out

# json_out WHAT SCHEMA CMD...: what CMD prints, one JSON value a line,
# appended to $JOUT for vbrctl-json.jq to check against SCHEMA.
json_out() {
	local what=$1 schema=$2 line
	shift 2
	"$@" > /tmp/vbrctl-one.json || fail "$what failed"
	[ -s /tmp/vbrctl-one.json ] || fail "$what printed nothing"
	while IFS= read -r line; do
		printf '{"what":"%s","schema":"%s","value":%s}\n' \
			"$what" "$schema" "$line"
	done < /tmp/vbrctl-one.json >> "$JOUT"
}

# Every command's JSON, with every optional member at least once, holds
# to the schema vbrctl.8 gives: a member renamed, missing or of another
# type fails.
test_json_schema() {
	load_vbr
	local s errs mlog=/tmp/vbrctl-json-mon.json mon
	# vbrctl.8's schemas, read out of it when selftests/tools is built.
	s=$(jq -c . "$VBR_TOP/selftests/tools/vbrctl-json.schema") ||
		{ fail "no schemas: make -C selftests/tools"; return 1; }
	expect_eq "vbrctl.8's schemas" "$(jq -r 'keys | join(" ")' <<<"$s")" \
		"bridge_counters event-bridge-created event-bridge-deleted event-events-lost event-fdb-added event-fdb-aged event-fdb-deleted event-fdb-flushed event-fdb-learned event-fdb-moved event-mac-flap event-port-added event-port-changed event-port-removed event-vlan-changed fdb-flush fdb-show list-br port port_counters show stats vlan-show vlans"
	$VBRCTL -j -t monitor > "$mlog" &
	mon=$!
	expect_ok $VBRCTL add-br br0 vlan-filtering on
	# Until the monitor listens: a probe entry added and deleted.
	wait_for 100 sh -c "$VBRCTL fdb add br0 02:00:00:00:00:fe;
		$VBRCTL fdb del br0 02:00:00:00:00:fe;
		grep -q 02:00:00:00:00:fe $mlog" || fail "the monitor hears nothing"
	expect_ok $VBRCTL add-br br1
	host 1
	host 2
	expect_ok $VBRCTL add-port br0 tap0 type tap
	expect_ok $VBRCTL set-port br0 tap0 hairpin on
	expect_ok $VBRCTL vlan add br0 vh2 vid 10-20
	expect_ok $VBRCTL fdb add br0 02:00:00:00:00:99 port vh2
	send 1 ff:ff:ff:ff:ff:ff
	send 2 ff:ff:ff:ff:ff:ff
	# h1's MAC from h2: a move.
	"$SENDETH" -n h2 eth0 ff:ff:ff:ff:ff:ff "$(mac 1)"
	: > "$JOUT"
	json_out "list-br" list-br $VBRCTL -j list-br
	json_out "show" show $VBRCTL -j show
	json_out "show -s" show $VBRCTL -j -s show br0
	json_out "stats" stats $VBRCTL -j stats
	json_out "stats PORT" stats $VBRCTL -j stats br0 vh1
	json_out "stats -i" stats $VBRCTL -j stats -i 1 -c 2 br0
	json_out "vlan show" vlan-show $VBRCTL -j vlan show
	json_out "fdb show" fdb-show $VBRCTL -j fdb show
	json_out "fdb lookup" fdb-show $VBRCTL -j fdb lookup "$(mac 1)" vlan 1
	json_out "fdb flush" fdb-flush $VBRCTL -j fdb flush br0
	expect_ok $VBRCTL del-port br0 tap0
	expect_ok $VBRCTL del-br br1
	wait_for 100 grep -q '"bridge-deleted"' "$mlog" || fail "no bridge-deleted"
	kill -INT "$mon"
	wait "$mon" || fail "monitor exited $?"
	# Each event against the schema of its kind.
	jq -c '{what: "monitor \(.event)", schema: "event-\(.event)", value: .}' \
		"$mlog" >> "$JOUT" || fail "monitor: not JSON"
	expect_eq "events checked" \
		"$(jq -r 'select(.what | startswith("monitor")) | .value.event' "$JOUT" | sort -u | tr '\n' ' ')" \
		"bridge-created bridge-deleted fdb-added fdb-deleted fdb-flushed fdb-learned fdb-moved port-added port-changed port-removed vlan-changed "
	errs=$(jq -n -r --argjson schemas "$s" \
		-f "$VBR_TOP/selftests/tools/vbrctl-json.jq" < "$JOUT") ||
		fail "vbrctl-json.jq failed"
	[ -z "$errs" ] || fail "JSON unlike vbrctl.8's schemas: $errs"
}

test_monitor() {
	load_vbr
	local log=/tmp/vbrctl-mon.txt jlog=/tmp/vbrctl-mon.json
	$VBRCTL monitor > "$log" &
	local mon=$!
	$VBRCTL -j monitor > "$jlog" &
	local jmon=$!
	expect_ok $VBRCTL add-br br0
	# Wait until both listen: add and delete a probe entry until both
	# have seen it, then mark where both start to hear everything.
	wait_for 100 sh -c "$VBRCTL fdb add br0 02:00:00:00:00:fe;
		$VBRCTL fdb del br0 02:00:00:00:00:fe;
		grep -q 02:00:00:00:00:fe $log && grep -q 02:00:00:00:00:fe $jlog" ||
		fail "monitors hear nothing"
	expect_ok $VBRCTL fdb add br0 02:00:00:00:00:fd
	wait_for 50 sh -c "grep -q 'fdb added br0 02:00:00:00:00:fd' $log &&
		grep -q 02:00:00:00:00:fd $jlog" || fail "no marker"
	expect_ok $VBRCTL fdb del br0 02:00:00:00:00:fd
	expect_ok $VBRCTL set br0 ageing-time 1
	host 1
	host 2
	wait_for 50 file_has_line "$log" 'port added br0 vh1 type veth' || fail "no port added"
	send 1 ff:ff:ff:ff:ff:ff
	wait_for 50 file_has_line "$log" "fdb learned br0 $(mac 1) port vh1" || fail "no learned"
	wait_for 150 file_has_line "$log" "fdb aged br0 $(mac 1) port vh1" || fail "no aged"
	local l1 l2
	l1=$(grep -nx "fdb learned br0 $(mac 1) port vh1" "$log" | head -n 1 | cut -d: -f1)
	l2=$(grep -nx "fdb aged br0 $(mac 1) port vh1" "$log" | head -n 1 | cut -d: -f1)
	[ "$l1" -lt "$l2" ] || fail "aged before learned"

	expect_ok $VBRCTL set br0 ageing-time 300
	send 1 ff:ff:ff:ff:ff:ff
	"$SENDETH" -n h2 eth0 ff:ff:ff:ff:ff:ff "$(mac 1)"
	wait_for 50 file_has_line "$log" "fdb moved br0 $(mac 1) port vh2" || fail "no moved"
	expect_ok $VBRCTL fdb add br0 02:00:00:00:00:77 port vh1
	wait_for 50 file_has_line "$log" 'fdb added br0 02:00:00:00:00:77 port vh1' || fail "no added"
	expect_ok $VBRCTL fdb del br0 02:00:00:00:00:77
	wait_for 50 file_has_line "$log" 'fdb deleted br0 02:00:00:00:00:77 port vh1' || fail "no deleted"
	expect_ok $VBRCTL del-port br0 vh2
	wait_for 50 file_has_line "$log" 'port removed br0 vh2' || fail "no port removed"
	# One event for the port's entries, not one per entry.
	wait_for 50 file_has_line "$log" "fdb flushed br0 port vh2 all entries 1" ||
		fail "no flush of the entries behind the removed port"
	grep -q "fdb deleted br0 $(mac 1) port vh2" "$log" &&
		fail "an event per entry of the removed port"
	expect_ok $VBRCTL add-port br0 vi1 type internal
	wait_for 50 file_has_line "$log" 'port added br0 vi1 type internal' || fail "no internal port added"

	kill -TERM "$mon"
	wait "$mon" || fail "monitor: exit status $? on SIGTERM"
	kill -INT "$jmon"
	wait "$jmon" || fail "monitor -j: exit status $? on SIGINT"
	cat "$log"
	grep -v -E '^(bridge created br0$|(port (added|removed)|fdb (learned|moved|aged|deleted|added|flushed)) br0 )' "$log" &&
		fail "unexpected lines"
	# JSON: one valid object per line, the same events.
	jq -e . "$jlog" >/dev/null || fail "invalid JSON lines"
	# From the marker to the last event the test made: vi1 may send
	# (IPv6) and be learned at any time after, so not to the end.
	local m1 m2 e1 e2
	m1=$(grep -n 'fdb added br0 02:00:00:00:00:fd' "$log" | cut -d: -f1)
	m2=$(grep -n '"fdb-added".*02:00:00:00:00:fd' "$jlog" | cut -d: -f1)
	e1=$(grep -n 'port added br0 vi1' "$log" | cut -d: -f1)
	e2=$(grep -n '"port-added".*"vi1"' "$jlog" | cut -d: -f1)
	expect_eq "as many JSON lines as text lines from the marker on" \
		$((e2 - m2)) $((e1 - m1)) || { sed -n "$m2,${e2}p" "$jlog"; return 1; }
	local sel
	sel=$(jq -c "select(.event == \"fdb-learned\" and .mac == \"$(mac 1)\" and .port == \"vh1\")" "$jlog" | head -n 1)
	expect_eq "JSON learned" "$sel" "{\"event\":\"fdb-learned\",\"bridge\":\"br0\",\"mac\":\"$(mac 1)\",\"port\":\"vh1\",\"vlan\":0,\"kind\":\"dynamic\"}"
	sel=$(jq -c 'select(.event == "port-added" and .port == "vh1")' "$jlog")
	expect_eq "JSON port-added" "$sel" '{"event":"port-added","bridge":"br0","port":"vh1","type":"veth"}'
	jq -s -e "any(.[]; .event == \"fdb-aged\" and .mac == \"$(mac 1)\" and .port == \"vh1\")" \
		"$jlog" >/dev/null || fail "JSON aged"
	jq -s -e "any(.[]; .event == \"fdb-moved\" and .mac == \"$(mac 1)\" and .port == \"vh2\")" \
		"$jlog" >/dev/null || fail "JSON moved"
	jq -s -e 'any(.[]; .event == "port-removed" and .bridge == "br0" and .port == "vh2")' \
		"$jlog" >/dev/null || fail "JSON port-removed"
}

# Bridges created and deleted, by every path that can be heard, with -t
# a time on each event; a refused creation is not announced.
test_monitor_bridges() {
	load_vbr
	local log=/tmp/vbrctl-monb.txt jlog=/tmp/vbrctl-monb.json t0 t1 mon jmon
	$VBRCTL -t monitor > "$log" &
	mon=$!
	$VBRCTL monitor --timestamp -j > "$jlog" &
	jmon=$!
	wait_for 100 sh -c "$VBRCTL add-br brp; $VBRCTL del-br brp;
		grep -q 'bridge deleted brp' $log &&
		grep -q '\"bridge-deleted\".*brp' $jlog" ||
		fail "monitors hear no bridge"
	t0=$(date +%s)
	expect_ok $IP link add br1 type vbr
	local ifi1
	ifi1=$(< /sys/class/net/br1/ifindex)
	expect_ok $VBRCTL add-br br2
	# Refused once registered (loop-interval is checked then), by each path.
	expect_rc 1 'add-br: Numerical result out of range' \
		$VBRCTL add-br br3 loop-interval 50
	expect_fail 'Error: ' $IP link add br4 type vbr loop_interval 50
	no_link br3 || fail "br3 made"
	no_link br4 || fail "br4 made"
	host 1 br2
	expect_ok $IP link del br2
	expect_ok $VBRCTL del-br br1
	expect_ok $VBRCTL add-br br5
	# A port's type in show's words, not only netdev.
	modprobe tun
	expect_ok $VBRCTL add-port br5 tp5 type tap
	wait_for 50 grep -q 'port added br5 tp5' "$log" || fail "no tp5: $(cat $log)"
	wait_for 50 grep -q '"port-added".*tp5' "$jlog" || fail "JSON: no tp5"
	t1=$(date +%s)
	kill -TERM $mon $jmon
	wait $mon || fail "monitor -t: exit status $?"
	wait $jmon || fail "monitor -j -t: exit status $?"
	cat "$log"
	local ts='^\[[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}[+-][0-9]{4}\] '
	grep -v -E "$ts" "$log" && fail "a line without a timestamp"
	# From br1 on, without the times: what happened, in order.
	local got
	got=$(sed -E "s/$ts//" "$log" | sed -n '/^bridge created br1$/,$p' |
		grep -E '^(bridge|port (added|removed)) ')
	expect_eq "events" "$got" "bridge created br1
bridge created br2
port added br2 vh1 type veth
port removed br2 vh1
bridge deleted br2
bridge deleted br1
bridge created br5
port added br5 tp5 type tap"
	jq -e . "$jlog" >/dev/null || fail "invalid JSON lines"
	jqvs "$(jq -s -c . "$jlog")" \
		"JSON br1 created" 'map(select(.bridge == "br1")) | map("\(.event) \(.ifindex)") | join(",")' \
		"bridge-created $ifi1,bridge-deleted $ifi1" \
		"JSON no br3 or br4" 'map(select(.bridge == "br3" or .bridge == "br4")) | length' 0 \
		"JSON: every event timed" 'map(has("timestamp")) | all' true \
		"JSON: keys" 'map(select(.event == "bridge-deleted" and .bridge == "br2")) | .[0] | keys_unsorted | join(" ")' \
		"event timestamp bridge ifindex" \
		"JSON: times within the test" \
		"map(select(.bridge == \"br1\") | .timestamp | sub(\"\\\\.[0-9]+\\\\+0000\$\"; \"Z\") | fromdate | . >= $t0 - 1 and . <= $t1 + 1) | all" \
		true
}

# A monitor that falls behind a 100,000-MAC learn is told that events
# were lost and how to resync; a flush of them all is one event.
test_monitor_overrun_and_flush() {
	load_vbr
	local log=/tmp/vbrctl-mon2.txt err=/tmp/vbrctl-mon2.err n l0=-1 l1
	expect_ok $VBRCTL add-br br0 max-learned 0
	host 1
	$VBRCTL monitor > "$log" 2> "$err" &
	local mon=$!
	wait_for 100 sh -c "$VBRCTL fdb add br0 02:00:00:00:00:fe;
		$VBRCTL fdb del br0 02:00:00:00:00:fe;
		grep -q 02:00:00:00:00:fe $log" || fail "monitor hears nothing"
	# Stopped, it cannot read: its socket overruns.
	kill -STOP $mon
	send 1 ff:ff:ff:ff:ff:ff -r -c 100000
	kill -CONT $mon
	wait_for 100 file_matches "$err" 'events lost .*dump again to resync' ||
		fail "no word of lost events: $(< "$err")"
	n=$(link_field br0 .linkinfo.info_data.fdb_n_learned)
	expect_ge "learned" "$n" 99000
	# What was queued before the overrun drains first.
	while l1=$(wc -l < "$log"); [ "$l1" != "$l0" ]; do
		l0=$l1
		nap 1
	done
	expect_ok $VBRCTL fdb flush br0
	wait_for 100 file_has_line "$log" "fdb flushed br0 dynamic entries $n" ||
		fail "no flush event: $(tail -n 3 "$log")"
	expect_eq "events after the flush" "$(tail -n +$((l0 + 1)) "$log")" \
		"fdb flushed br0 dynamic entries $n"
	kill -TERM $mon
	wait $mon || fail "monitor: exit status $?"
}

# ---- VLANs -------------------------------------------------------------

# The bridge's VLAN options through vbrctl and ip (link_vbr.so), as both
# show them; refusals change nothing.
test_vlan_br_options() {
	load_vbr
	expect_ok $VBRCTL add-br br0 vlan-filtering on vlan-default-pvid 5 \
		vlan-protocol 802.1ad
	expect_eq "ip: filtering" \
		"$(link_field br0 .linkinfo.info_data.vlan_filtering)" 1
	expect_eq "ip: protocol" \
		"$(link_field br0 .linkinfo.info_data.vlan_protocol)" 802.1ad
	expect_eq "ip: default pvid" \
		"$(link_field br0 .linkinfo.info_data.vlan_default_pvid)" 5
	jqvs "$($VBRCTL -j show br0)" \
		"filtering" '.[0].vlan_filtering' true \
		"default pvid" '.[0].vlan_default_pvid' 5 \
		"protocol" '.[0].vlan_protocol' 802.1ad \
		"self" '.[0].vlans | map("\(.vid) \(.pvid) \(.untagged)") | join(",")' \
		"5 true true"
	local out
	out=$($VBRCTL show br0)
	has_line '    vlan-filtering on vlan-protocol 802.1ad vlan-default-pvid 5' "$out" ||
		fail "text: options: $out"
	has_line '    self access 5' "$out" || fail "text: self: $out"
	expect_ok $VBRCTL set br0 vlan-filtering off vlan-protocol 802.1Q \
		vlan-default-pvid 1
	jqvs "$($VBRCTL -j show br0)" \
		"off" '.[0].vlan_filtering' false \
		"802.1Q" '.[0].vlan_protocol' 802.1Q \
		"pvid 1" '.[0].vlan_default_pvid' 1
	# Without filtering the text says nothing of VLANs, but with -d.
	out=$($VBRCTL show br0)
	matches 'vlan' "$out" && fail "VLANs shown with filtering off: $out"
	has_line '    ageing-time 300 max-learned 65536 vlan-filtering off vlan-protocol 802.1Q vlan-default-pvid 1 err-recovery 0 loop-protect on loop-interval 1000 mac-flap-limit 10 mac-flap-window 10 mac-flap-block off' \
		"$($VBRCTL -d show br0)" || fail "show -d: $($VBRCTL -d show br0)"
	# ip link set, through the plugin, as for type bridge.
	expect_ok $IP link set br0 type vbr vlan_filtering 1 vlan_protocol 802.1ad
	jqvs "$($VBRCTL -j show br0)" \
		"ip set filtering" '.[0].vlan_filtering' true \
		"ip set protocol" '.[0].vlan_protocol' 802.1ad
	matches ' vlan_filtering 1 vlan_protocol 802.1ad vlan_default_pvid 1 ' \
		"$($IP -d link show br0)" || fail "ip -d link show: $($IP -d link show br0)"
	# Refusals.
	expect_rc 2 'unknown VLAN protocol' $VBRCTL set br0 vlan-protocol 802.1x
	expect_rc 2 'want on or off' $VBRCTL set br0 vlan-filtering 1
	expect_rc 1 '^vbrctl: set: Numerical result out of range: .+' \
		$VBRCTL set br0 vlan-default-pvid 4095
	expect_rc 1 '^vbrctl: add-br: Numerical result out of range: .+' \
		$VBRCTL add-br br1 vlan-default-pvid 5000
	no_link br1 || fail "br1 made despite the error"
	expect_fail 'vlan_protocol' $IP link set br0 type vbr vlan_protocol 0x8100
	jqvs "$($VBRCTL -j show br0)" \
		"unchanged protocol" '.[0].vlan_protocol' 802.1ad \
		"unchanged pvid" '.[0].vlan_default_pvid' 1
}

test_vlan_add_del_show() {
	load_vbr
	expect_ok $VBRCTL add-br br0 vlan-filtering on
	host 1
	host 2
	expect_ok $VBRCTL vlan add br0 vh1 vid 10-20
	expect_ok $VBRCTL vlan add br0 vh1 vid 30 pvid untagged
	expect_ok $VBRCTL vlan add br0 self vid 10
	local j out
	j=$($VBRCTL -j vlan show br0)
	jqvs "$j" \
		"devices" 'map(.port) | join(" ")' "self vh1 vh2" \
		"bridge" '.[0].bridge' br0 \
		"vh1" '.[] | select(.port == "vh1") | .vlans | map("\(.vid)-\(.vid_end // .vid) \(.pvid) \(.untagged)") | join(",")' \
		"1-1 false true,10-20 false false,30-30 true true" \
		"self" '.[] | select(.port == "self") | .vlans | map("\(.vid)-\(.vid_end // .vid)") | join(",")' \
		"1-1,10-10" \
		"vh2" '.[] | select(.port == "vh2") | .vlans | map("\(.vid) \(.pvid) \(.untagged)") | join(",")' \
		"1 true true"
	# As "bridge vlan show" prints it.
	expect_eq "text" "$($VBRCTL vlan show br0 vh1)" \
		"$(printf '%-16s  %s\n' port vlan-id vh1 '1 Egress Untagged' \
			'' 10-20 '' '30 PVID Egress Untagged')"
	expect_eq "self only" "$($VBRCTL -j vlan show br0 self | jq -r 'map(.port) | join(" ")')" self
	# show: an access port, a trunk, the bridge device.
	out=$($VBRCTL show br0)
	matches '^  vh1 .* learned [0-9]+ trunk 1,10-20,30 pvid 30 untagged 1,30$' "$out" ||
		fail "show: trunk: $out"
	matches '^  vh2 .* learned [0-9]+ access 1$' "$out" || fail "show: access: $out"
	has_line '    self trunk 1,10 pvid 1 untagged 1' "$out" || fail "show: self: $out"
	expect_eq "JSON access" "$(port_json br0 vh2 .access_vlan)" 1
	expect_eq "JSON trunk" "$(port_json br0 vh1 .access_vlan)" null
	# Removal.
	expect_ok $VBRCTL vlan del br0 vh1 vid 10-20
	expect_ok $VBRCTL vlan del br0 self vid 10
	local vh1='.[] | select(.port == "vh1") | .vlans | map("\(.vid)-\(.vid_end // .vid) \(.pvid) \(.untagged)") | join(",")'
	jqvs "$($VBRCTL -j vlan show br0)" \
		"vh1 after del" "$vh1" "1-1 false true,30-30 true true" \
		"self after del" '.[] | select(.port == "self") | .vlans | length' 1
	# Refusals: the kernel's errno and message; nothing changes.
	expect_rc 1 '^vbrctl: vlan add: Numerical result out of range: .+' \
		$VBRCTL vlan add br0 vh1 vid 0
	expect_rc 1 'Numerical result out of range' $VBRCTL vlan add br0 vh1 vid 4095
	expect_rc 1 'Invalid argument: the VLAN range ends before it starts' \
		$VBRCTL vlan add br0 vh1 vid 20-10
	expect_rc 1 'Invalid argument: the PVID is one VLAN, not a range' \
		$VBRCTL vlan add br0 vh1 vid 10-11 pvid
	expect_rc 1 'No such device: no such device' \
		$VBRCTL vlan add br0 vnosuch1 vid 10
	expect_rc 1 'not a port of this bridge' $VBRCTL vlan add br0 lo vid 10
	expect_rc 1 'no vbr bridge named br7' $VBRCTL vlan add br7 vh1 vid 10
	expect_rc 1 'not a port of this bridge' $VBRCTL vlan show br0 lo
	expect_rc 2 "unknown argument 'pvid'" $VBRCTL vlan del br0 vh1 vid 30 pvid
	expect_rc 2 'which VLAN' $VBRCTL vlan add br0 vh1
	expect_rc 2 'want a bridge' $VBRCTL vlan add br0
	expect_rc 2 'invalid number' $VBRCTL vlan add br0 vh1 vid ten
	expect_rc 2 'invalid VLAN id' $VBRCTL vlan add br0 vh1 vid 70000
	expect_rc 2 "unknown command 'frob'" $VBRCTL vlan frob
	expect_rc 1 'Operation not permitted' $ASUSER $VBRCTL vlan add br0 vh1 vid 40
	jqvs "$($ASUSER $VBRCTL -j vlan show br0)" \
		"unchanged, and nobody reads it" "$vh1" "1-1 false true,30-30 true true"
}

# add-port ... vlan N: an access port, of any type; a refused VLAN leaves
# no port and no device behind.
test_vlan_access_ports() {
	load_vbr
	expect_ok $VBRCTL add-br br0 vlan-filtering on
	expect_ok $VBRCTL add-port br0 vi10 type internal vlan 10
	expect_eq "internal" "$(port_json br0 vi10 .access_vlan)" 10
	expect_eq "its only VLAN" "$(port_json br0 vi10 '.vlans | map("\(.vid) \(.pvid) \(.untagged)") | join(",")')" \
		"10 true true"
	matches '^  vi10 +internal .* access 10$' "$($VBRCTL show br0)" ||
		fail "show: $($VBRCTL show br0)"
	expect_ok $VBRCTL add-port br0 va1 type veth vlan 20
	expect_eq "veth" "$(port_json br0 va1 .access_vlan)" 20
	hosts_add 1 2
	expect_ok $VBRCTL add-port br0 vh1 vlan 30
	expect_eq "netdev" "$(port_json br0 vh1 .access_vlan)" 30
	expect_rc 1 '^vbrctl: add-port: Numerical result out of range: .+' \
		$VBRCTL add-port br0 vi0 type internal vlan 0
	no_link vi0 || fail "vi0 made with VLAN 0"
	expect_rc 1 'Numerical result out of range' \
		$VBRCTL add-port br0 vb1 type veth vlan 4095
	no_link vb1 || fail "vb1 made with VLAN 4095"
	expect_rc 1 'Numerical result out of range' $VBRCTL add-port br0 vh2 vlan 4095
	expect_eq "vh2 not enslaved" "$(link_field vh2 .master)" null
	expect_eq "three ports" "$($VBRCTL -j show br0 | jq '.[0].ports | length')" 3
}

test_fdb_vlan() {
	load_vbr
	expect_ok $VBRCTL add-br br0 vlan-filtering on
	echo 1 > /proc/sys/net/ipv6/conf/br0/disable_ipv6
	host 1
	expect_ok $VBRCTL vlan add br0 vh1 vid 10
	local m=02:00:00:00:00:aa
	expect_ok $VBRCTL fdb add br0 $m port vh1 vlan 10
	expect_ok $VBRCTL fdb add br0 $m port vh1 vlan 1
	jqvs "$($VBRCTL -j fdb show br0 vlan 10)" \
		"one in VLAN 10" 'length' 1 \
		"its VLAN" '.[0].vlan' 10 \
		"its port" '.[0].port' vh1
	expect_eq "both VLANs" "$($VBRCTL -j fdb show br0 static | jq -r 'map(.vlan) | join(" ")')" "1 10"
	has_line "$m bridge br0 port vh1 vlan 10 static" "$($VBRCTL fdb show br0)" ||
		fail "text: $($VBRCTL fdb show br0)"
	expect_eq "lookup in VLAN 10" "$($VBRCTL -j fdb lookup $m vlan 10 | jq '.[0].vlan')" 10
	expect_rc 1 'in the FDB of no bridge in VLAN 20' $VBRCTL fdb lookup $m vlan 20
	expect_ok $VBRCTL fdb del br0 $m vlan 1
	expect_eq "VLAN 10's left" \
		"$($VBRCTL -j fdb show br0 static | jq -r 'map(.vlan) | join(" ")')" 10
	# Without a VLAN: the entry in every VLAN.
	expect_ok $VBRCTL fdb add br0 $m port vh1 vlan 1
	expect_ok $VBRCTL fdb del br0 $m
	expect_eq "both deleted" "$($VBRCTL -j fdb show br0 static | jq length)" 0
	expect_rc 1 'no such FDB entry' $VBRCTL fdb del br0 $m
	expect_rc 1 'Numerical result out of range' $VBRCTL fdb add br0 $m vlan 4095
	expect_ok $VBRCTL fdb add br0 $m port vh1 vlan 10
	expect_eq "flush VLAN 10" "$($VBRCTL fdb flush br0 vlan 10 static)" "flushed 1 entry"
	expect_eq "none left" "$($VBRCTL -j fdb show br0 static | jq length)" 0
	# Learned in the port's PVID.
	send 1 ff:ff:ff:ff:ff:ff
	expect_eq "learned in VLAN 1" \
		"$($VBRCTL -j fdb show br0 port vh1 dynamic | jq -r 'map(.vlan) | join(" ")')" 1
	expect_eq "flush another VLAN" "$($VBRCTL fdb flush br0 vlan 10)" "flushed 0 entries"
	expect_eq "flush its VLAN" "$($VBRCTL fdb flush br0 vlan 1)" "flushed 1 entry"
}

test_monitor_vlan() {
	load_vbr
	local log=/tmp/vbrctl-monv.txt jlog=/tmp/vbrctl-monv.json
	expect_ok $VBRCTL add-br br0 vlan-filtering on
	host 1
	$VBRCTL monitor > "$log" &
	local mon=$!
	$VBRCTL -j monitor > "$jlog" &
	local jmon=$!
	wait_for 100 sh -c "$VBRCTL fdb add br0 02:00:00:00:00:fe;
		$VBRCTL fdb del br0 02:00:00:00:00:fe;
		grep -q 02:00:00:00:00:fe $log && grep -q 02:00:00:00:00:fe $jlog" ||
		fail "monitors hear nothing"
	expect_ok $VBRCTL vlan add br0 vh1 vid 10-20 untagged
	wait_for 50 file_has_line "$log" \
		'vlan changed br0 port vh1 vlans 1 pvid untagged,10-20 untagged' ||
		fail "no vlan event: $(< "$log")"
	expect_ok $VBRCTL vlan add br0 self vid 5
	wait_for 50 file_has_line "$log" 'vlan changed br0 self vlans 1 pvid untagged,5' ||
		fail "no self event: $(< "$log")"
	expect_ok $VBRCTL fdb add br0 02:00:00:00:00:aa port vh1 vlan 10
	wait_for 50 file_has_line "$log" 'fdb added br0 02:00:00:00:00:aa port vh1 vlan 10' ||
		fail "no fdb event with its VLAN: $(< "$log")"
	# The same change again changes nothing and says nothing.
	expect_ok $VBRCTL vlan add br0 self vid 5
	expect_ok $VBRCTL vlan del br0 self vid 5
	wait_for 50 file_has_line "$log" 'vlan changed br0 self vlans 1 pvid untagged' ||
		fail "no event for the removal"
	expect_eq "one event per change" \
		"$(grep -c '^vlan changed br0 self' "$log")" 2
	wait_for 50 sh -c "grep -q '\"vlan-changed\".*\"self\".*\"vid\":1,' $jlog" ||
		fail "no JSON events"
	kill -TERM "$mon" "$jmon"
	wait "$mon" "$jmon"
	local sel
	sel=$(jq -c 'select(.event == "vlan-changed" and .port == "vh1")' "$jlog" | head -n 1)
	expect_eq "JSON vlan-changed" "$sel" \
		'{"event":"vlan-changed","bridge":"br0","port":"vh1","vlans":[{"vid":1,"pvid":true,"untagged":true},{"vid":10,"vid_end":20,"pvid":false,"untagged":true}]}'
	sel=$(jq -c 'select(.event == "fdb-added" and .mac == "02:00:00:00:00:aa")' "$jlog")
	expect_eq "JSON fdb with VLAN" "$sel" \
		'{"event":"fdb-added","bridge":"br0","mac":"02:00:00:00:00:aa","port":"vh1","vlan":10,"kind":"static"}'
}

# vbrctl --version: vbrctl's version and the loaded module's, which is
# what modinfo and /sys/module/vbr/version say; "not loaded" without it.
test_version() {
	local want out
	want=$(modinfo -F version vbr)
	[ -n "$want" ] || fail "modinfo shows no version for vbr"
	if [ -d /sys/module/vbr ]; then
		rmmod vbr
	fi
	out=$($VBRCTL --version)
	expect_eq "vbrctl --version" "${out%% (*}" "vbrctl $want"
	expect_eq "vbrctl --version, vbr not loaded" "${out#*$'\n'}" \
		"vbr module: not loaded"
	load_vbr
	expect_eq "/sys/module/vbr/version" "$(< /sys/module/vbr/version)" "$want"
	out=$($VBRCTL -V)
	expect_eq "vbrctl -V" "${out%% (*}" "vbrctl $want"
	expect_eq "vbrctl -V, vbr loaded" "${out#*$'\n'}" "vbr module $want"
}

run_tests \
	test_list_br \
	test_show_port_types \
	test_show_missing_bridge \
	test_help_version \
	test_help_and_prefixes \
	test_exit_status_and_errors \
	test_add_del_br \
	test_br_errors \
	test_set \
	test_set_port \
	test_port_netdev \
	test_port_internal \
	test_port_tap \
	test_port_veth \
	test_list_ports_port_to_br \
	test_may_exist_if_exists \
	test_json_escaping \
	test_unprivileged \
	test_netns_isolation \
	test_fdb \
	test_fdb_lookup \
	test_stats \
	test_json_schema \
	test_monitor \
	test_monitor_bridges \
	test_monitor_overrun_and_flush \
	test_vlan_br_options \
	test_vlan_add_del_show \
	test_vlan_access_ports \
	test_fdb_vlan \
	test_monitor_vlan \
	test_version
