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
# and vfz1p, which nlfuzz never names: a veth with both ends in bridges
# is a loop), a free dummy vfzd0, internal port vfzi0 on fz0. Whatever
# exists is kept; a port the fuzzer moved goes back.
restore() {
	# One ip for all of it; -force goes on past what already exists.
	$IP -force -b - <<-EOF
	link add fz0 type vbr
	link add fz1 type vbr
	link set fz0 up
	link set fz1 up
	link add vfz0 type veth peer name vfz0p
	link add vfz1 type veth peer name vfz1p
	link add vfzd0 type dummy
	link set vfzd0 up
	link set vfz0 master fz0
	link set vfz1 master fz1
	link set vfz0 up
	link set vfz0p up
	link set vfz1 up
	link set vfz1p up
	EOF
	[ -e /sys/class/net/vfzi0 ] ||
		$NLRAW genl 5 3:str:fz0 11:str:vfzi0 12:u8:1 >/dev/null
	# Some traffic, so that FDB commands find entries.
	"$SENDETH" vfz0p ff:ff:ff:ff:ff:ff 02:00:00:00:00:01 -r -c 20
	return 0
} >/dev/null 2>&1

test_netlink_fuzz() {
	load_vbr
	restore
	local out seed=${VBR_FUZZ_SEED:-$RANDOM}
	# Known before the end, should the kernel not survive it.
	echo "# nlfuzz seed $seed" >&3
	echo "vbr selftest: nlfuzz seed $seed" > /dev/kmsg
	out=$($NLFUZZ -n "$COUNT" -s "$seed" -r "$0 restore")
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
