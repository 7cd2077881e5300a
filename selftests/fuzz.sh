#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Netlink fuzzing: selftests/tools/nlfuzz sends random and mutated
# requests to the vbr genl family and to rtnetlink (vbr link data and
# port data), against a pool of real bridges and ports that this script
# sets up and restores every 5000 messages. Every message must be
# answered; the VM harness fails the run on any splat or leak. The
# counts of messages and accepted ones are printed.
#
#   fuzz.sh              run it (VBR_FUZZ_COUNT messages, default 100000
#                        on the debug kernel, 10000 on the others)
#   fuzz.sh restore      put the pool back (nlfuzz calls this)
source "$(dirname "$0")/lib.sh"

NLFUZZ=$VBR_TOP/selftests/tools/nlfuzz
# The full run on the debug kernel (the one with KUnit), where KASAN and
# lockdep watch; a shorter one on the others.
if [ -d /sys/kernel/debug/kunit ]; then
	COUNT=${VBR_FUZZ_COUNT:-100000}
else
	COUNT=${VBR_FUZZ_COUNT:-10000}
fi

# The pool: bridges fz0 and fz1, veth ports vfz0 and vfz1 (peers vfz0p
# and vfz1p), internal port vfzi0 on fz0. Whatever exists is kept.
restore() {
	local b v
	for b in fz0 fz1; do
		$IP link show "$b" >/dev/null 2>&1 || $IP link add "$b" type vbr
		$IP link set "$b" up
	done
	for v in vfz0 vfz1; do
		$IP link show "$v" >/dev/null 2>&1 ||
			$IP link add "$v" type veth peer name "${v}p"
		$IP link set "$v" up
		$IP link set "${v}p" up
	done
	$IP link show vfz0 | grep -q master || $IP link set vfz0 master fz0
	$IP link show vfz1 | grep -q master || $IP link set vfz1 master fz1
	$IP link show vfzi0 >/dev/null 2>&1 ||
		$NLRAW genl 5 3:str:fz0 11:str:vfzi0 12:u8:1 >/dev/null
	# Some traffic, so that FDB commands find entries.
	"$VBR_TOP/selftests/tools/sendeth" vfz0p ff:ff:ff:ff:ff:ff \
		02:00:00:00:00:01 -r -c 20 2>/dev/null
	return 0
} 2>/dev/null

test_netlink_fuzz() {
	load_vbr
	restore
	local out
	out=$($NLFUZZ -n "$COUNT" -s "${VBR_FUZZ_SEED:-$RANDOM}" \
		-r "$0 restore")
	echo "$out"
	# Shown in the log even when the test passes.
	echo "# $out" >&3
	[[ $out =~ ^nlfuzz:\ ([0-9]+)\ messages\ answered ]] ||
		fail "nlfuzz did not finish"
	expect_eq "messages answered" "${BASH_REMATCH[1]}" "$COUNT"
	# Still a working bridge afterwards, and it unloads with whatever
	# the fuzzer left.
	expect_ok $IP link add br0 type vbr
	expect_ok rmmod vbr
}

if [ "${1:-}" = restore ]; then
	restore
	exit 0
fi
[ -n "${VBR_ONE_TEST:-}" ] || exec 3>&1
VBR_TEST_TIMEOUT=${VBR_FUZZ_TIMEOUT:-1800} run_tests test_netlink_fuzz
