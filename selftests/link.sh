#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The vbr link type: create, show, up/down, address, delete, module
# autoload and unload, network namespaces, and refusals of bad input.
source "$(dirname "$0")/lib.sh"

mac_of() {
	cat "/sys/class/net/$1/address"
}

test_autoload_on_create() {
	if grep -q '^vbr ' /proc/modules; then
		rmmod vbr
	fi
	expect_ok $IP link add br0 type vbr
	grep -q '^vbr ' /proc/modules || fail "vbr.ko was not autoloaded"
}

test_kind_shown() {
	load_vbr
	$IP link add br0 type vbr
	expect_eq "kind" "$(link_field br0 .linkinfo.info_kind)" "vbr"
	$IP -d link show br0 | grep -q 'vbr' || fail "ip -d link show lacks vbr"
	# What udev sees, and cleanup_all looks for.
	grep -qx DEVTYPE=vbr /sys/class/net/br0/uevent || fail "no DEVTYPE=vbr"
}

test_up_down() {
	load_vbr
	$IP link add br0 type vbr
	$IP link set br0 up
	link_field br0 .flags | grep -q '"UP"' || fail "br0 not UP"
	expect_eq "carrier when up" "$(< /sys/class/net/br0/carrier)" 1
	$IP link set br0 down
	if link_field br0 .flags | grep -q '"UP"'; then
		fail "br0 still UP after down"
	fi
}

test_random_mac_per_bridge() {
	load_vbr
	$IP link add br0 type vbr
	$IP link add br1 type vbr
	local a b
	a=$(mac_of br0)
	b=$(mac_of br1)
	[ "$a" != "$b" ] || fail "two bridges share MAC $a"
	# Locally administered unicast: second hex digit has bit 1, not bit 0.
	case ${a:1:1} in
	2|6|a|e) ;;
	*) fail "MAC $a is not a locally administered unicast address" ;;
	esac
	expect_eq "addr_assign_type random" \
		"$(< /sys/class/net/br0/addr_assign_type)" 1
	$IP link set br0 up
	$IP link set br0 down
	expect_eq "MAC stable across up/down" "$(mac_of br0)" "$a"
}

test_set_address() {
	load_vbr
	$IP link add br0 type vbr
	expect_ok $IP link set br0 address 02:11:22:33:44:55
	expect_eq "new MAC" "$(mac_of br0)" "02:11:22:33:44:55"
	$IP link set br0 up
	expect_ok $IP link set br0 address 02:11:22:33:44:66
	expect_eq "MAC changed while up" "$(mac_of br0)" "02:11:22:33:44:66"
}

test_refuse_multicast_address() {
	load_vbr
	$IP link add br0 type vbr
	local before
	before=$(mac_of br0)
	expect_fail "Cannot assign requested address" \
		$IP link set br0 address 01:00:5e:00:00:01
	expect_eq "MAC unchanged after refusal" "$(mac_of br0)" "$before"
	expect_fail "valid unicast MAC" \
		$IP link add br1 address 03:00:00:00:00:01 type vbr
	[ ! -e /sys/class/net/br1 ] || fail "br1 exists after refusal"
}

test_create_with_address() {
	load_vbr
	expect_ok $IP link add br0 address 02:aa:bb:cc:dd:ee type vbr
	expect_eq "MAC given at creation" "$(mac_of br0)" "02:aa:bb:cc:dd:ee"
}

test_delete() {
	load_vbr
	$IP link add br0 type vbr
	expect_ok $IP link del br0
	[ ! -e /sys/class/net/br0 ] || fail "br0 still exists"
}

test_refuse_duplicate_name() {
	load_vbr
	$IP link add br0 type vbr
	expect_fail "File exists" $IP link add br0 type vbr
	expect_eq "still one br0" "$($IP -o link show type vbr | wc -l)" 1
}

test_refuse_delete_missing() {
	load_vbr
	expect_fail 'Cannot find device "nosuch"' $IP link del nosuch
	expect_fail 'No such device' $NLRAW setlink nosuch 1:u32:10
}

test_refuse_unknown_attribute() {
	load_vbr
	expect_fail 'Invalid argument \(22\): Unknown attribute type' \
		$NLRAW newlink br0 99:u32:1
	[ ! -e /sys/class/net/br0 ] || fail "br0 created despite refusal"
	$IP link add br0 type vbr
	expect_fail 'Invalid argument \(22\): Unknown attribute type' \
		$NLRAW setlink br0 1:u32:30 99:u32:1
	expect_eq "ageing untouched by refused change" \
		"$(link_field br0 .linkinfo.info_data.ageing_time)" "30000"
}

test_refuse_bad_attribute_values() {
	load_vbr
	# Wrong length: ageing time is a u32.
	expect_fail 'Numerical result out of range \(34\): .*[a-z]' \
		$NLRAW newlink br0 1:u8:5
	# Out of range: more than VBR_AGEING_TIME_MAX seconds.
	expect_fail 'Numerical result out of range \(34\): .*[a-z]' \
		$NLRAW newlink br0 1:u32:100000001
	# Read-only attribute.
	expect_fail 'learned is read-only' $NLRAW newlink br0 3:u32:1
	[ ! -e /sys/class/net/br0 ] || fail "br0 created despite refusals"
	expect_ok $NLRAW newlink br0 1:u32:1000000 2:u32:7
}

test_noqueue_lltx() {
	load_vbr
	$IP link add br0 type vbr
	$IP link set br0 up
	$IP link show br0 | grep -q 'qdisc noqueue' || fail "br0 has a qdisc"
	# 6.1 reports lockless transmit as a fixed feature; 6.12 made it a
	# device field that ethtool no longer sees.
	if ethtool -k br0 | grep -q '^tx-lockless'; then
		ethtool -k br0 | grep -q 'tx-lockless: on \[fixed\]' ||
			fail "br0 is not lockless"
	fi
}

test_tx_counted_per_cpu() {
	load_vbr
	$IP link add br0 type vbr
	$IP link set br0 up
	$IP addr add 192.0.2.1/24 dev br0
	local before after
	before=$(stat_of "" br0 tx_packets)
	# No port: ARP requests go into the bridge and are counted as sent.
	ping -c 3 -W 1 -i 0.2 192.0.2.2 >/dev/null 2>&1 || true
	after=$(stat_of "" br0 tx_packets)
	expect_ge "tx_packets grew" "$((after - before))" 3
	expect_ge "flood with no port counted" \
		"$(vbr_counter br0 drop_no_target)" 3
}

test_rmmod_with_bridges() {
	load_vbr
	$IP link add br0 type vbr
	$IP link add br1 type vbr
	$IP link set br1 up
	$IP netns add vbrns
	$IP -n vbrns link add br2 type vbr
	$IP -n vbrns link set br2 up
	expect_ok rmmod vbr
	[ ! -e /sys/class/net/br0 ] || fail "br0 survived rmmod"
	[ ! -e /sys/class/net/br1 ] || fail "br1 survived rmmod"
	expect_eq "bridges in netns after rmmod" \
		"$($IP -n vbrns -o link show type vbr | wc -l)" 0
}

test_netns_exit_destroys_bridge() {
	load_vbr
	$IP netns add vbrns
	$IP -n vbrns link add br0 type vbr
	$IP -n vbrns link set br0 up
	expect_eq "bridge in netns" \
		"$($IP -n vbrns -o link show type vbr | wc -l)" 1
	$IP netns del vbrns
	# The namespace dies asynchronously; once it has, the module has
	# no bridge left and unloads.
	wait_for 50 rmmod vbr || fail "rmmod failed after netns exit"
}

# netconsole runs a device's transmit with IRQs off, where vbr's switch
# must not run: bridges and internal ports refuse netpoll.
test_netpoll_refused() {
	load_vbr
	modprobe -n netconsole 2>/dev/null || skip "no netconsole module"
	$IP link add br0 type vbr
	$IP addr add 10.9.9.1/24 dev br0
	$IP link set br0 up
	# 6.1 fails the module's load, 6.12 only skips the target.
	modprobe netconsole \
		netconsole=6665@10.9.9.1/br0,6666@10.9.9.2/02:00:00:00:00:99 \
		2>/dev/null && rmmod netconsole
	matches "br0 doesn't support polling" "$(dmesg | tail -n 20)" ||
		fail "netpoll not refused: $(dmesg | tail -n 5)"
}

run_tests \
	test_autoload_on_create \
	test_kind_shown \
	test_up_down \
	test_random_mac_per_bridge \
	test_set_address \
	test_refuse_multicast_address \
	test_create_with_address \
	test_delete \
	test_refuse_duplicate_name \
	test_refuse_delete_missing \
	test_refuse_unknown_attribute \
	test_refuse_bad_attribute_values \
	test_noqueue_lltx \
	test_tx_counted_per_cpu \
	test_rmmod_with_bridges \
	test_netns_exit_destroys_bridge \
	test_netpoll_refused
