#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run vbr's KUnit suites (vbr_test.ko, built only for a KUnit kernel) and
# print their results as flat KTAP, one line per test case. The raw
# nested KTAP of each suite follows as comments for kunit.py.
source "$(dirname "$0")/lib.sh"

ko=$VBR_TOP/build/vbr_test.ko
echo "KTAP version 1"
if [ ! -d /sys/kernel/debug/kunit ]; then
	echo "1..0 # SKIP this kernel has no KUnit"
	exit 0
fi
if [ ! -e "$ko" ]; then
	echo "not ok 1 vbr_test.ko was not built for this KUnit kernel"
	exit 1
fi
load_vbr
insmod "$ko" || { echo "not ok 1 insmod vbr_test.ko"; exit 1; }
rc=0
n=0
for r in /sys/kernel/debug/kunit/vbr_*/results; do
	suite=$(basename "$(dirname "$r")")
	# Test cases are the indented result lines of the suite.
	while read -r status _ name rest; do
		n=$((n + 1))
		if [ "$status" = ok ]; then
			echo "ok $n $suite.$name $rest"
		else
			echo "not ok $n $suite.$name $rest"
			rc=1
		fi
	done < <(sed -n 's/^    ok /ok /p; s/^    not ok /not-ok /p' "$r")
	sed 's/^/# /' "$r"
done
echo "1..$n"
[ "$n" -gt 0 ] || { echo "not ok 1 no KUnit results"; rc=1; }
rmmod vbr_test
exit $rc
