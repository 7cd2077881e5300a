#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fault injection: every allocation that vbr's control paths make fails,
# in turn. Each operation is one netlink request sent by nlraw, which
# arms /proc/thread-self/fail-nth around it; failslab's stacktrace filter
# (require-start/end: vbr's module) makes only allocations with vbr on
# the stack count, so the N-th of them fails. For N = 1, 2, ... until the
# request runs with no fault left to inject, every injected failure must
# leave either the state before (a refusal: an errno, counted with or
# without an extack message) or the state after a clean run, never
# something between; the run ends with no splat, no leak (kmemleak) and
# no reference left (the refcount trackers, at unregister). Needs the
# debug kernel (FAILSLAB, FAULT_INJECTION_STACKTRACE_FILTER).
source "$(dirname "$0")/lib.sh"

FS=/sys/kernel/debug/failslab
# The numbers of uapi/linux/vbr.h (CMD_*, A_*, IFLA_*), made from it.
source "$VBR_TOP/selftests/tools/uapi.sh"

# Each test runs through many requests, each a few execs.
VBR_TEST_TIMEOUT=900
# Each test appends its counts here; printed after the tests.
SUMMARY=/tmp/vbr-faults.txt

# Only allocations made with vbr.ko on the stack can fail.
fi_setup() {
	local name size refs deps state addr _
	[ -d $FS ] && [ -e /proc/thread-self/fail-nth ] ||
		skip "no failslab or fail-nth (not the debug kernel)"
	[ -e $FS/require-start ] || skip "no stacktrace filter in this kernel"
	load_vbr
	while read -r name size refs deps state addr _; do
		[ "$name" = vbr ] || continue
		echo "$addr" > $FS/require-start
		printf '0x%x\n' $((addr + size)) > $FS/require-end
	done < /proc/modules
	echo 0 > $FS/probability
	echo 0 > $FS/verbose
	echo N > $FS/ignore-gfp-wait
	# vbr's own allocations and those of what it calls directly, not
	# everything deep inside register_netdevice().
	echo "${VBR_FAULT_DEPTH:-8}" > $FS/stacktrace-depth
}

# The state a failure must leave as it was: every device with its
# master and type, and the FDB of br0 but the bridge's own (random) MAC.
state() {
	local d m t l
	for d in /sys/class/net/*; do
		m=- t=-
		[ -e "$d/master" ] && m=$(readlink "$d/master") && m=${m##*/}
		while IFS= read -r l; do
			[[ $l == DEVTYPE=* ]] && t=${l#DEVTYPE=}
		done < "$d/uevent"
		echo "${d##*/} $m $t"
	done
	[ -e /sys/class/net/br0 ] || return 0
	while IFS= read -r l; do
		[[ $l == *" permanent" ]] || echo "$l"
	done < <($BRIDGE fdb show dev br0) | sort
}

# Back to nothing: the cleanup between tests (a veth's peer goes with
# it, so some deletions in its batch fail).
reset() {
	cleanup_all || true
}

# fault_op NAME PREPARE NLRAW-ARGS...: inject at every point of the
# request; PREPARE sets up what it acts on (a shell function).
fault_op() {
	local name=$1 prep=$2 n=1 out rc before after want msgs=0 bare=0
	shift 2
	# The state a clean run leaves.
	$prep
	before=$(state)
	out=$($NLRAW "$@" 2>&1) || fail "$name: fails with no fault: $out"
	want=$(state)
	reset
	$prep
	while :; do
		rc=0
		out=$(NLRAW_FAIL_NTH=$n $NLRAW "$@" 2>&1) || rc=$?
		if matches '^fault not reached' "$out"; then
			[ $rc = 0 ] || fail "$name: fails with no fault: $out"
			break
		fi
		matches '^fault injected' "$out" || fail "$name: nlraw: $out"
		after=$(state)
		if [ $rc = 0 ]; then
			# Carried on without what failed (an event, say).
			[ "$after" = "$want" ] ||
				fail "$name: fault $n: succeeded, but the state is not a clean run's: $(diff <(echo "$want") <(echo "$after"))"
			reset
			$prep
		else
			[ "$after" = "$before" ] ||
				fail "$name: fault $n: refused, but something changed: $(diff <(echo "$before") <(echo "$after"))"
			if matches 'no extack message|^send:' "$out"; then
				bare=$((bare + 1))
				echo "$name: fault $n: $(grep -v '^fault' <<<"$out")" >&2
			else
				msgs=$((msgs + 1))
			fi
		fi
		n=$((n + 1))
	done
	echo "$name: $((n - 1)) failure points, $msgs refused with a message, $bare without" >> $SUMMARY
	reset
}

br0() { $IP link add br0 type vbr; }
br0_veth() {
	$IP -b - <<-EOF
	link add br0 type vbr
	link add va1 type veth peer name va1p
	EOF
}
br0_port() {
	br0_veth
	$IP link set va1 master br0
}
br0_tap() {
	modprobe tun
	$IP -b - <<-EOF
	link add br0 type vbr
	tuntap add tap0 mode tap
	EOF
}
br0_vxlan() {
	$IP -b - <<-EOF
	link add br0 type vbr
	link add vx0 type vxlan id 42 dstport 4789 local 127.0.0.1
	EOF
}
br0_internal() {
	br0
	$NLRAW genl $CMD_PORT_ADD "$A_BR_NAME:str:br0" "$A_PORT_NAME:str:vi0" \
		"$A_PORT_TYPE:u8:1" >/dev/null
}
br0_statics() {
	br0_port
	local m
	for m in 31 32 33; do
		$BRIDGE fdb add 02:00:00:00:00:$m dev br0 self static via va1
	done
}
none() { load_vbr; }

BR="$A_BR_NAME:str:br0"

test_faults_bridges() {
	fi_setup
	fault_op "create (rtnl)" none newlink br0 "$IFLA_AGEING_TIME:u32:30"
	fault_op "create (genl)" none genl $CMD_BR_NEW "$BR"
	fault_op "change (rtnl)" br0 setlink br0 "$IFLA_AGEING_TIME:u32:60"
	fault_op "change (genl)" br0 genl $CMD_BR_SET "$BR" "$A_BR_AGEING_TIME:u32:60"
	fault_op "get (genl)" br0 genl $CMD_BR_GET "$BR"
	fault_op "dump (genl)" br0 genl-dump $CMD_BR_GET
	fault_op "delete (genl)" br0_port genl $CMD_BR_DEL "$BR"
}

test_faults_ports() {
	fi_setup
	fault_op "veth port (rtnl)" br0_veth master va1 br0
	fault_op "veth port (genl)" br0_veth genl $CMD_PORT_ADD "$BR" "$A_PORT_NAME:str:va1"
	fault_op "owned tap port" br0_tap genl $CMD_PORT_ADD "$BR" \
		"$A_PORT_NAME:str:tap0" "$A_PORT_OWNED:flag"
	fault_op "vxlan port" br0_vxlan master vx0 br0
	fault_op "internal port" br0 genl $CMD_PORT_ADD "$BR" \
		"$A_PORT_NAME:str:vi0" "$A_PORT_TYPE:u8:1"
	fault_op "port options (rtnl)" br0_port setport va1 "$PORT_IFLA_LEARNING:u8:0"
	fault_op "port options (genl)" br0_port genl $CMD_PORT_SET "$BR" \
		"$A_PORT_NAME:str:va1" "$A_PORT_LEARNING:u8:0"
	fault_op "port get" br0_port genl $CMD_PORT_GET "$BR" "$A_PORT_NAME:str:va1"
	fault_op "port dump" br0_port genl-dump $CMD_PORT_GET
	fault_op "port removal (genl)" br0_port genl $CMD_PORT_DEL "$BR" "$A_PORT_NAME:str:va1"
	fault_op "internal port removal" br0_internal genl $CMD_PORT_DEL "$BR" \
		"$A_PORT_NAME:str:vi0"
	fault_op "release (rtnl)" br0_port master va1 nomaster
}

test_faults_fdb() {
	fi_setup
	fault_op "static entry (genl)" br0_port genl $CMD_FDB_ADD "$BR" \
		"$A_FDB_ADDR:hex:020000000041" "$A_PORT_NAME:str:va1"
	fault_op "static entry (bridge fdb)" br0_port fdbadd br0 02:00:00:00:00:42
	fault_op "entry deletion" br0_statics genl $CMD_FDB_DEL "$BR" \
		"$A_FDB_ADDR:hex:020000000031"
	fault_op "flush" br0_statics genl $CMD_FDB_FLUSH "$BR" "$A_FDB_TYPE:u8:2"
	fault_op "flush of a port" br0_statics genl $CMD_FDB_FLUSH "$BR" \
		"$A_PORT_NAME:str:va1" "$A_FDB_TYPE:u8:0"
	fault_op "entry lookup" br0_statics genl $CMD_FDB_GET "$BR" \
		"$A_FDB_ADDR:hex:020000000031"
	fault_op "FDB dump" br0_statics genl-dump $CMD_FDB_GET "$BR"
}

: > $SUMMARY
run_tests \
	test_faults_bridges \
	test_faults_ports \
	test_faults_fdb
rc=$?
sed 's/^/# /' $SUMMARY
awk -F'[:,] ' '{ n += $2 + 0; b += $4 + 0 } END {
	printf "# %d failure points reached in all, %d refused without a message\n", n, b }' $SUMMARY
exit $rc
