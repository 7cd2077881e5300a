#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Shared helpers for vbr selftests: KTAP output, checks, setup, cleanup.
#
# A test is a shell function; it fails by returning non-zero, usually
# through one of the check helpers below, which say what they expected.

# Always the real iproute2, never a busybox applet of the same name.
IP=/sbin/ip
BRIDGE=/sbin/bridge
TC=/sbin/tc
VBR_TOP=${VBR_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
NLRAW=$VBR_TOP/selftests/tools/nlraw
SENDETH=$VBR_TOP/selftests/tools/sendeth
JGET=$VBR_TOP/selftests/tools/jget
# ip loads link_vbr.so from here to parse and print vbr options.
export IP_LIB_DIR=$VBR_TOP/tools/iproute2

ktap_n=0
ktap_fail=0
ktap_tests=()

ksft_skip=4

# run_strict TEST: TEST with errexit, saying which command failed.
run_strict() {
	set -eEu
	trap 'echo "FAIL: line $LINENO: $BASH_COMMAND (status $?)" >&2' ERR
	"$1"
}

# run_one TEST: TEST in a forked shell with errexit, as its own process
# group, which is killed with everything it started when the test ends
# or after VBR_TEST_TIMEOUT seconds (then status 124). A fork, not a new
# bash: under the debug kernel every exec costs tenths of a second.
run_one() {
	local pid wd rc
	set -m
	( run_strict "$1" ) &
	pid=$!
	: > /tmp/vbr-timeout.$$
	(
		nap "${VBR_TEST_TIMEOUT:-180}"
		echo "timed out" >&2
		kill -TERM -- -"$pid"
		sleep 5
		kill -KILL -- -"$pid"
	) 2>/tmp/vbr-timeout.$$ >/dev/null &
	wd=$!
	set +m
	rc=0
	wait "$pid" || rc=$?
	kill -KILL -- -"$wd" 2>/dev/null
	kill -KILL -- -"$pid" 2>/dev/null
	if [ -s /tmp/vbr-timeout.$$ ]; then
		echo "timed out" >&2
		rc=124
	fi
	return $rc
}

# Run each named test under a time limit, print a KTAP line for it, and
# clean up between tests so that they cannot depend on each other.
# VBR_ONE_TEST=NAME runs just that one, without the cleanup after it.
run_tests() {
	local t out rc t0
	if [ -n "${VBR_ONE_TEST:-}" ]; then
		run_strict "$VBR_ONE_TEST"
		exit 0
	fi
	echo "KTAP version 1"
	echo "1..$#"
	nap_init
	for t in "$@"; do
		ktap_n=$((ktap_n + 1))
		t0=$SECONDS
		# Not "|| rc=$?": errexit would be off inside the test.
		out=$(run_one "$t" 2>&1)
		rc=$?
		cleanup_all
		if [ $rc -eq 0 ]; then
			echo "ok $ktap_n $t"
		elif [ $rc -eq $ksft_skip ]; then
			echo "ok $ktap_n $t # SKIP ${out##*$'\n'}"
		else
			ktap_fail=$((ktap_fail + 1))
			echo "not ok $ktap_n $t"
		fi
		if [ $rc -ne 0 ] && [ -n "$out" ]; then
			sed 's/^/# /' <<<"$out"
		elif [ $rc -eq 0 ]; then
			# What a passing test measured: its own "# " lines.
			grep '^# ' <<<"$out" || true
		fi
		# Where a slow machine spends the time, for the CI log.
		echo "# $t took $((SECONDS - t0)) s"
	done
	echo "# $((ktap_n - ktap_fail)) passed, $ktap_fail failed"
	[ $ktap_fail -eq 0 ]
}

fail() {
	echo "FAIL: $*" >&2
	return 1
}

skip() {
	echo "$*"
	exit $ksft_skip
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# expect_ge WHAT GOT MIN
expect_ge() {
	[ "$2" -ge "$3" ] || fail "$1: got $2, want >= $3"
}

# expect_le WHAT GOT MAX
expect_le() {
	[ "$2" -le "$3" ] || fail "$1: got $2, want <= $3"
}

# expect_fail PATTERN CMD...: CMD must fail and print PATTERN (an ERE).
expect_fail() {
	local pat=$1 out
	shift
	if out=$("$@" 2>&1); then
		fail "'$*' succeeded, expected failure matching /$pat/: $out"
		return 1
	fi
	matches "$pat" "$out" ||
		fail "'$*' failed with '$out', expected /$pat/"
}

# expect_ok CMD...: CMD must succeed; its output is shown if not.
expect_ok() {
	local out
	out=$("$@" 2>&1) || fail "'$*' failed: $out"
}

load_vbr() {
	local l
	while read -r l _; do
		[ "$l" = vbr ] && return 0
	done < /proc/modules
	modprobe vbr
}

# Under the debug kernel every exec costs a few tenths of a second, so
# the checks tests make most often run in bash itself.

# matches ERE TEXT: a line of TEXT matches ERE, as grep -Eq would find.
matches() {
	local l
	while IFS= read -r l; do
		[[ $l =~ $1 ]] && return 0
	done <<<"$2"
	return 1
}

# has_line LINE TEXT: TEXT has exactly LINE as one of its lines.
has_line() {
	local l
	while IFS= read -r l; do
		[ "$l" = "$1" ] && return 0
	done <<<"$2"
	return 1
}

# line_after ERE TEXT: the line after the first line that matches ERE.
line_after() {
	local l found=
	while IFS= read -r l; do
		if [ -n "$found" ]; then
			printf '%s\n' "$l"
			return 0
		fi
		[[ $l =~ $1 ]] && found=1
	done <<<"$2"
	return 1
}

# file_has_line FILE LINE: for wait_for on a log that a tool writes.
file_has_line() {
	has_line "$2" "$(< "$1")"
}

# file_matches FILE ERE: the same for a line that matches ERE.
file_matches() {
	matches "$2" "$(< "$1")"
}

# nap SECS: sleep without an exec: a read that times out on a FIFO
# nobody writes to. run_tests opens it once for all its tests.
nap_init() {
	local f=/tmp/.vbr-nap.$BASHPID
	[ -z "${VBR_NAP_FD:-}" ] || return 0
	mkfifo "$f" 2>/dev/null && exec {VBR_NAP_FD}<>"$f"
	rm -f "$f"
}

nap() {
	nap_init
	if [ -n "${VBR_NAP_FD:-}" ]; then
		read -rt "$1" -u "$VBR_NAP_FD" _ || :
	else
		sleep "$1"
	fi
}

# Every test leaves the VM as it found it: no netns, no vbr bridge, no
# leftover test device. One ip for the lot (see hosts_add).
cleanup_all() {
	local b= ns dev l
	for ns in /run/netns/*; do
		[ -e "$ns" ] && b+="netns del ${ns##*/}"$'\n'
	done
	# By name, or a vbr bridge of any name by its DEVTYPE: no exec.
	for dev in /sys/class/net/*; do
		if [[ ${dev##*/} =~ ^(t|v|br|tap|vx)[a-z0-9]*[0-9] ]]; then
			b+="link del ${dev##*/}"$'\n'
			continue
		fi
		while IFS= read -r l; do
			[ "$l" = DEVTYPE=vbr ] && b+="link del ${dev##*/}"$'\n'
		done 2>/dev/null < "$dev/uevent"
	done
	[ -z "$b" ] || $IP -force -b - <<<"$b" >/dev/null 2>&1
	return 0
}

mac() { printf '02:00:00:00:00:%02x' "$1"; }

# hosts_add [-m BRIDGE | -p BRIDGE] I...: for each I a network namespace
# hI holding eth0 (MAC `mac I`, 10.0.0.I/24, up) whose veth peer vhI
# stays here, down and in no bridge; with -m, vhI joins BRIDGE (ip link
# set master) and is up; with -p, the same through "vbrctl add-port"
# ($VBRCTL). eth0 has no IPv6 address, so it sends nothing on its own,
# unless WANT_IPV6 is set (then fd00::I/64 and a link-local address). A
# tc matchall filter on eth0's ingress counts test frames (EtherType
# 0x88b5, or every frame with RX_ALL set): see rx. Batched, because
# under the debug kernel every exec of ip or tc costs about 0.4 s.
hosts_add() {
	local i b= proto="protocol 0x88b5" br= by=ip
	while [ $# -gt 0 ]; do
		case $1 in
		-m) br=$2 by=ip; shift 2 ;;
		-p) br=$2 by=vbrctl; shift 2 ;;
		*) break ;;
		esac
	done
	[ -z "${RX_ALL:-}" ] || proto=
	for i; do
		b+="netns add h$i"$'\n'
		b+="link add vh$i type veth peer name eth0 address $(mac "$i")"
		b+=" netns h$i"$'\n'
	done
	$IP -b - <<<"$b" || return 1
	for i; do
		b="link set lo up"$'\n'
		if [ -n "${WANT_IPV6:-}" ]; then
			b+="addr add fd00::$i/64 dev eth0 nodad"$'\n'
		else
			b+="link set eth0 addrgenmode none"$'\n'
		fi
		b+="addr add 10.0.0.$i/24 dev eth0"$'\n'"link set eth0 up"
		$IP -n "h$i" -b - <<<"$b" || return 1
		tc_counter_add "h$i" eth0 "$proto" || return 1
	done
	[ -n "$br" ] || return 0
	b=
	for i; do
		if [ $by = vbrctl ]; then
			$VBRCTL add-port "$br" "vh$i" || return 1
		else
			b+="link set vh$i master $br"$'\n'
		fi
		b+="link set vh$i up"$'\n'
	done
	$IP -b - <<<"$b"
}

# mem_kb FIELD: FIELD of /proc/meminfo, in kB.
mem_kb() {
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

# tc_counter_add NS DEV [MATCH]: a tc matchall filter on DEV's ingress
# (in netns NS, "" for this one) that counts frames; MATCH narrows it,
# e.g. "protocol 0x88b5". Read it with tc_count.
tc_counter_add() {
	$TC ${1:+-n "$1"} -b - <<-EOF
	qdisc add dev $2 clsact
	filter add dev $2 ingress pref 1 ${3:-} matchall action pass
	EOF
}

# tc_count NS DEV: packets that DEV's tc ingress filters counted (NS ""
# for this netns). Parsed without jq, which is slow to start.
tc_count() {
	local j n=0
	j=$($TC ${1:+-n "$1"} -s -j filter show dev "$2" ingress) || return 1
	while [[ $j =~ \"packets\":([0-9]+)(.*) ]]; do
		n=$((n + BASH_REMATCH[1]))
		j=${BASH_REMATCH[2]}
	done
	echo "$n"
}

# tc_count_pref NS DEV PREF: packets that DEV's tc ingress filter of
# preference PREF counted (tc_count sums every filter of DEV).
tc_count_pref() {
	local j n=0
	j=$($TC ${1:+-n "$1"} -s -j filter show dev "$2" ingress pref "$3") ||
		return 1
	while [[ $j =~ \"packets\":([0-9]+)(.*) ]]; do
		n=$((n + BASH_REMATCH[1]))
		j=${BASH_REMATCH[2]}
	done
	echo "$n"
}

# count_ge NS DEV N: tc_count NS DEV is at least N (for wait_for, which
# must run the count each time).
count_ge() {
	[ "$(tc_count "$1" "$2")" -ge "$3" ]
}

# rx I: frames that host I's eth0 filter counted.
rx() {
	tc_count "h$1" eth0
}

# send I DST [sendeth options]: frames from host I's eth0 and MAC.
send() {
	local i=$1 dst=$2
	shift 2
	"$SENDETH" -n "h$i" eth0 "$dst" "$(mac "$i")" "$@"
}

# Wait up to $1 tenths of a second for CMD to succeed.
wait_for() {
	local n=$1
	shift
	while [ "$n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		nap 0.1
		n=$((n - 1))
	done
	"$@"
}

# is_up DEV: "true" if DEV is administratively up (IFF_UP), else "false".
is_up() {
	local f
	read -r f < "/sys/class/net/$1/flags" || return 1
	if (( f & 1 )); then echo true; else echo false; fi
}

# link_field DEV JQ-PATH: one field of "ip -j -d link show DEV".
link_field() {
	$IP -j -d link show "$1" | $JGET ".[0]$2"
}

# An interface counter from sysfs.
stat_of() {
	local ns=$1 dev=$2 what=$3
	if [ -n "$ns" ]; then
		$IP netns exec "$ns" cat "/sys/class/net/$dev/statistics/$what"
	else
		echo "$(< "/sys/class/net/$dev/statistics/$what")"
	fi
}

# fdb_check: vbr's own audit, every port's learned count equals the
# entries that name it (debugfs, see module/debugfs.c).
fdb_check() {
	local out
	out=$(< /sys/kernel/debug/vbr/fdb_check)
	[ -n "$out" ] || fail "fdb_check said nothing (no bridge, or busy)"
	matches ' mismatch$' "$out" && fail "FDB counters: $out"
	matches ' ok$' "$out" || fail "fdb_check: $out"
}

# ethtool -S counter of a vbr bridge.
vbr_counter() {
	ethtool -S "$1" | awk -v k="$2:" '$1 == k {print $2}'
}
