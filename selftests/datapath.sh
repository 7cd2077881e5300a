#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The vbr datapath with real frames: ports, learning, ageing, moves,
# static entries, limits, flooding rules, local delivery, refusals,
# teardown under traffic, tap and VXLAN ports.
#
# Topology: hosts h1..h3 are network namespaces, each with eth0 whose
# veth peer vh1..vh3 is a port of br0. Host i has MAC 02:00:00:00:00:0i,
# 10.0.0.i/24 and fd00::i/64. Test frames use EtherType 0x88b5 and are
# counted by a tc matchall filter on each host's eth0 ingress.
source "$(dirname "$0")/lib.sh"

TAPVM=$VBR_TOP/selftests/tools/tapvm
VBRCTL=$VBR_TOP/tools/vbrctl/vbrctl

setup() {
	local n=${1:-3}
	load_vbr
	$IP link add br0 type vbr
	$IP link set br0 up
	# shellcheck disable=SC2046
	hosts_add -m br0 $(seq 1 "$n")
}

fdb_has() {
	matches "^${1,,} " "$($BRIDGE fdb show dev br0)"
}

fdb_lacks() {
	! fdb_has "$1"
}

fdb_port() {
	$BRIDGE -j fdb show dev br0 |
		jq -r --arg m "$1" '.[] | select(.mac == $m) | .viaIf // "br0"'
}

port_field() {
	$IP -j -d link show "$1" | $JGET ".[0].linkinfo.info_slave_data$2"
}

test_enslave_and_release() {
	load_vbr
	$IP link add br0 type vbr
	local brmac
	brmac=$(< /sys/class/net/br0/address)
	hosts_add -m br0 1
	matches 'master br0' "$($IP link show vh1)" || fail "no master br0"
	expect_eq "bridge MAC does not follow a port" \
		"$(< /sys/class/net/br0/address)" "$brmac"
	$IP link set vh1 address 02:00:00:00:01:01
	expect_eq "nor a port's address change" \
		"$(< /sys/class/net/br0/address)" "$brmac"
	expect_eq "promiscuity while a port" \
		"$(link_field vh1 .promiscuity)" 1
	expect_eq "slave kind" "$(link_field vh1 .linkinfo.info_slave_kind)" vbr
	expect_ok $IP link set vh1 nomaster
	if matches master "$($IP link show vh1)"; then fail "still has master"; fi
	expect_eq "promiscuity after release" \
		"$(link_field vh1 .promiscuity)" 0
	# The rx_handler is gone too: the in-kernel bridge can take it.
	modprobe bridge
	$IP link add kbr0 type bridge
	expect_ok $IP link set vh1 master kbr0
	$IP link del kbr0
}

test_ping_ipv4() {
	setup 2
	expect_ok $IP netns exec h1 ping -c 3 -i 0.2 -W 2 10.0.0.2
}

test_ping_ipv6() {
	WANT_IPV6=1 setup 2
	expect_ok $IP netns exec h1 ping -6 -c 3 -i 0.2 -W 2 fd00::2
}

test_unknown_unicast_floods() {
	setup 3
	send 1 02:00:00:00:00:77 -c 5
	expect_eq "h2 got flood" "$(rx 2)" 5
	expect_eq "h3 got flood" "$(rx 3)" 5
	expect_eq "never back out of the ingress port" "$(rx 1)" 0
}

test_learning_stops_flood() {
	setup 3
	send 2 ff:ff:ff:ff:ff:ff -c 1
	fdb_has "$(mac 2)" || fail "h2's MAC not learned"
	expect_eq "learned behind" "$(fdb_port "$(mac 2)")" vh2
	send 1 "$(mac 2)" -c 10
	expect_eq "h2 got known unicast" "$(rx 2)" 10
	expect_eq "h3 got only the broadcast" "$(rx 3)" 1
}

test_broadcast_multicast_flood() {
	setup 3
	send 1 ff:ff:ff:ff:ff:ff -c 4
	send 1 01:00:5e:01:02:03 -c 3
	expect_eq "h2" "$(rx 2)" 7
	expect_eq "h3" "$(rx 3)" 7
	expect_eq "h1 (ingress)" "$(rx 1)" 0
}

test_flood_skips_down_port() {
	setup 3
	$IP link set vh3 down
	local before
	before=$(vbr_counter br0 drop_port_down)
	send 1 ff:ff:ff:ff:ff:ff -c 4
	expect_eq "h2 still gets the flood" "$(rx 2)" 4
	expect_eq "a down port is skipped, not counted as a drop" \
		"$(vbr_counter br0 drop_port_down)" "$before"
	# Known unicast to a down port is a drop, and counted.
	$IP link set vh3 up
	send 3 ff:ff:ff:ff:ff:ff
	$IP link set vh3 down
	send 1 "$(mac 3)" -c 2
	expect_eq "unicast to a down port counted" \
		"$(( $(vbr_counter br0 drop_port_down) - before ))" 2
}

test_link_local_not_forwarded() {
	setup 2
	send 1 01:80:c2:00:00:00 -c 3
	send 1 01:80:c2:00:00:0e -c 3
	expect_eq "link-local frames at h2" "$(rx 2)" 0
	# Just outside the reserved range is ordinary multicast.
	send 1 01:80:c2:00:00:10 -c 2
	expect_eq "01:80:c2:00:00:10 flooded" "$(rx 2)" 2
}

test_ageing() {
	setup 3
	# Centiseconds, as type bridge takes them.
	expect_ok $IP link set br0 type vbr ageing_time 200
	expect_eq "ageing_time shown" "$(link_field br0 .linkinfo.info_data.ageing_time)" 200
	send 2 ff:ff:ff:ff:ff:ff
	fdb_has "$(mac 2)" || fail "not learned"
	send 1 "$(mac 2)" -c 3
	expect_eq "h3 before ageing" "$(rx 3)" 1
	wait_for 60 fdb_lacks "$(mac 2)" ||
		fail "entry did not age out"
	send 1 "$(mac 2)" -c 3
	expect_eq "h3 gets flood after ageing" "$(rx 3)" 4
}

test_mac_move() {
	setup 3
	local m=02:00:00:00:00:50
	"$SENDETH" -n h2 eth0 ff:ff:ff:ff:ff:ff $m
	expect_eq "first seen behind" "$(fdb_port $m)" vh2
	# The same source MAC now appears behind vh3, as a migrated VM would.
	"$SENDETH" -n h3 eth0 ff:ff:ff:ff:ff:ff $m
	expect_eq "moved to" "$(fdb_port $m)" vh3
	send 1 $m -c 5
	expect_eq "h3 gets the moved MAC's frames" "$(rx 3)" 6
	expect_eq "h2 no longer" "$(rx 2)" 1
	expect_ge "fdb_move counted" "$(vbr_counter br0 fdb_move)" 1
}

test_static_entries() {
	setup 3
	local m=02:00:00:00:00:99
	expect_ok $BRIDGE fdb add $m dev br0 self static via vh3
	expect_eq "static entry port" "$(fdb_port $m)" vh3
	$BRIDGE fdb show dev br0 | grep -i "^$m " | grep -q static ||
		fail "entry not shown static"
	send 1 $m -c 4
	expect_eq "h3 gets static MAC" "$(rx 3)" 4
	expect_eq "h2 does not" "$(rx 2)" 0
	# Static entries never move.
	"$SENDETH" -n h2 eth0 ff:ff:ff:ff:ff:ff $m
	expect_eq "static did not move" "$(fdb_port $m)" vh3
	# And never age.
	$IP link set br0 type vbr ageing_time 100
	sleep 2.5
	fdb_has $m || fail "static entry aged out"
	expect_fail "exists" $BRIDGE fdb add $m dev br0 self static via vh2
	expect_ok $BRIDGE fdb replace $m dev br0 self static via vh2
	expect_eq "replaced" "$(fdb_port $m)" vh2
	expect_fail 'only static' $BRIDGE fdb add 02:00:00:00:00:98 dev br0 self dynamic
	expect_fail 'must name a port' $BRIDGE fdb add 02:00:00:00:00:98 dev br0 self static via lo
	expect_ok $BRIDGE fdb del $m dev br0 self
	if fdb_has $m; then fail "entry still there after delete"; fi
	expect_fail 'no such FDB entry' $BRIDGE fdb del $m dev br0 self
	local own
	own=$(< /sys/class/net/br0/address)
	expect_fail "own address cannot be deleted" $BRIDGE fdb del "$own" dev br0 self
}

test_learned_limits() {
	setup 3
	expect_ok $IP link set dev vh1 type vbr_slave max_learned 16
	expect_eq "port limit shown" "$(port_field vh1 .max_learned)" 16
	send 1 ff:ff:ff:ff:ff:ff -r -c 200
	expect_eq "port learned count" "$(port_field vh1 .learned)" 16
	expect_ok $IP link set br0 type vbr max_learned 40
	send 2 ff:ff:ff:ff:ff:ff -r -c 200
	expect_eq "bridge learned count" \
		"$(link_field br0 .linkinfo.info_data.fdb_n_learned)" 40
	expect_eq "vh2 got the rest" "$(port_field vh2 .learned)" 24
	expect_ge "learn_limit counted" "$(vbr_counter br0 learn_limit)" 300
	local n
	n=$($BRIDGE fdb show dev br0 | grep -vc permanent)
	expect_eq "entries in the table" "$n" 40
}

# More entries than a netlink message holds: both dumps resume where the
# last message stopped and give each entry once; a flush removes them
# all and says how many.
test_large_fdb_dump() {
	setup 2
	expect_ok $IP link set br0 type vbr max_learned 0
	send 1 ff:ff:ff:ff:ff:ff -r -c 5000
	local n
	n=$(link_field br0 .linkinfo.info_data.fdb_n_learned)
	expect_ge "random sources learned" "$n" 4990
	expect_eq "bridge fdb show, entries" \
		"$($BRIDGE fdb show dev br0 | grep -vc permanent)" "$n"
	expect_eq "bridge fdb show, distinct" \
		"$($BRIDGE fdb show dev br0 | grep -v permanent | sort -u | wc -l)" "$n"
	expect_eq "vbrctl fdb show, entries" \
		"$($VBRCTL -j fdb show br0 dynamic | jq length)" "$n"
	expect_eq "vbrctl fdb show, distinct" \
		"$($VBRCTL -j fdb show br0 port vh1 | jq 'map(.mac) | unique | length')" "$n"
	expect_eq "nothing behind vh2" "$($VBRCTL -j fdb show br0 port vh2 | jq length)" 0
	expect_eq "flush says how many" "$($VBRCTL -j fdb flush br0)" "{\"flushed\":$n}"
	expect_eq "nothing learned left" "$(link_field br0 .linkinfo.info_data.fdb_n_learned)" 0
	expect_eq "dump empty" "$($VBRCTL -j fdb show br0 dynamic | jq length)" 0
	expect_eq "own address kept" "$($VBRCTL -j fdb show br0 local | jq length)" 1
}

test_learning_off_flood_off() {
	setup 3
	expect_ok $IP link set dev vh2 type vbr_slave learning off
	expect_eq "learning shown off" "$(port_field vh2 .learning)" false
	send 2 ff:ff:ff:ff:ff:ff
	if fdb_has "$(mac 2)"; then fail "learned with learning off"; fi
	expect_ok $IP link set dev vh3 type vbr_slave flood off
	expect_eq "flood shown off" "$(port_field vh3 .flood)" false
	local before
	before=$(rx 3)
	send 1 02:00:00:00:00:77 -c 3
	expect_eq "flood off port gets no flood" "$(rx 3)" "$before"
	expect_eq "flood on port does" "$(rx 2)" 3
	expect_fail 'invalid learning' $IP link set dev vh3 type vbr_slave learning maybe
}

test_br0_ip_reachable() {
	WANT_IPV6=1 setup 1
	$IP addr add 10.0.0.254/24 dev br0
	$IP addr add fd00::fe/64 dev br0 nodad
	expect_ok $IP netns exec h1 ping -c 3 -i 0.2 -W 2 10.0.0.254
	expect_ok $IP netns exec h1 ping -6 -c 3 -i 0.2 -W 2 fd00::fe
	expect_ok ping -c 2 -i 0.2 -W 2 10.0.0.1
	expect_ge "br0 rx counted" "$(stat_of "" br0 rx_packets)" 3
}

test_port_removed_with_veth() {
	setup 3
	send 1 ff:ff:ff:ff:ff:ff
	fdb_has "$(mac 1)" || fail "not learned"
	$IP -n h1 link del eth0
	wait_for 20 sh -c "! $IP link show vh1" || fail "vh1 still exists"
	if fdb_has "$(mac 1)"; then fail "FDB entry of the removed port remains"; fi
	expect_ok $IP netns exec h2 ping -c 2 -i 0.2 -W 2 10.0.0.3
}

test_port_leaves_with_netns_move() {
	setup 2
	$IP netns add other
	expect_ok $IP link set vh2 netns other
	if $IP -n other link show vh2 | grep -q master; then
		fail "moved device still has a master"
	fi
	$IP netns del other
}

test_refusals() {
	setup 1
	modprobe tun
	modprobe bridge
	expect_fail 'loopback device cannot be a port' $IP link set lo master br0
	$IP tuntap add tun0 mode tun
	expect_fail 'only Ethernet devices' $IP link set tun0 master br0
	$IP link add br1 type vbr
	expect_fail 'cannot be a port of a vbr bridge' $IP link set br1 master br0
	expect_fail 'Too many levels of symbolic links|cannot be a port' \
		$IP link set br0 master br0
	# A device with another rx_handler and no master: macvlan's lower.
	modprobe macvlan
	$IP link add vx0 type veth peer name vx1
	$IP link add vxm0 link vx0 type macvlan
	expect_fail 'already has an rx_handler' $IP link set vx0 master br0
	expect_eq "nothing half-attached: promiscuity" \
		"$(link_field vx0 .promiscuity)" 0
	if $IP link show vx0 | grep -q master; then fail "vx0 got a master"; fi
	$IP link del vxm0
	expect_ok $IP link set vx0 master br0
	# "master" on a port of another master moves it: rtnetlink releases
	# it from the old master first, the in-kernel bridge included.
	$IP link add kbr0 type bridge
	$IP link set vx1 master kbr0
	expect_ok $IP link set vx1 master br0
	$IP link show vx1 | grep -q 'master br0' || fail "vx1 not moved"
	$IP link del tun0
	$IP link del kbr0
}

# More refusals, each leaving the device as it was.
test_refusals_stacked_and_vlan() {
	setup 1
	$IP link add link br0 name br0.5 type vlan id 5
	expect_fail 'stacked on this bridge' $IP link set br0.5 master br0
	[ ! -e /sys/class/net/br0.5/master ] || fail "br0.5 got a master"
	# A VLAN rtnetlink itself refuses never reaches vbr's FDB.
	expect_fail 'Invalid VLAN|invalid vlan' \
		$BRIDGE fdb add 02:00:00:00:00:55 dev br0 self static vlan 4095
	fdb_lacks 02:00:00:00:00:55 || fail "an entry was added"
	expect_eq "driver" "$(ethtool -i br0 | awk '$1 == "driver:" {print $2}')" vbr
}

# A frame that reaches a port while the bridge is down is dropped and
# counted, not switched.
test_bridge_down_drops() {
	setup 2
	$IP link set br0 down
	local before
	before=$(vbr_counter br0 drop_bridge_down)
	send 1 ff:ff:ff:ff:ff:ff -c 3
	expect_eq "drop_bridge_down" \
		"$(( $(vbr_counter br0 drop_bridge_down) - before ))" 3
	expect_eq "nothing reached h2" "$(rx 2)" 0
}

test_mtu_rule() {
	setup 3
	$IP link set vh3 mtu 1280
	$IP -n h3 link set eth0 mtu 1280
	expect_eq "bridge MTU unchanged by small port" \
		"$(< /sys/class/net/br0/mtu)" 1500
	local before
	before=$(vbr_counter br0 drop_mtu)
	send 1 ff:ff:ff:ff:ff:ff -c 3 -s 1400
	expect_eq "big frames reach 1500-MTU port" "$(rx 2)" 3
	expect_eq "not the 1280-MTU port" "$(rx 3)" 0
	expect_eq "drop_mtu counted" "$(( $(vbr_counter br0 drop_mtu) - before ))" 3
	send 1 ff:ff:ff:ff:ff:ff -c 2 -s 1200
	expect_eq "small frames reach it" "$(rx 3)" 2
}

test_gso_forwarded_whole() {
	setup 2
	$IP netns exec h2 nc -l -p 5001 > /tmp/gso.out &
	local srv=$!
	# A frame longer than the 1500 MTU leaving vh2 can only be a GSO
	# skb that the bridge forwarded whole.
	timeout 30 tcpdump -i vh2 -c 1 -w /tmp/gso.pcap 'greater 3000' \
		>/dev/null 2>&1 &
	local cap=$!
	sleep 1
	$IP netns exec h1 bash -c 'exec 3<>/dev/tcp/10.0.0.2/5001
		head -c 4000000 /dev/zero >&3; exec 3>&-'
	wait $srv || true
	# TCP checks every byte: checksum offload state survived the bridge.
	expect_eq "bytes received intact" "$(stat -c %s /tmp/gso.out)" 4000000
	wait $cap || fail "no frame over the MTU on vh2: GSO segmented early"
}

test_delete_bridge_under_traffic() {
	local spid
	setup 3
	$IP netns exec h1 ping -f -w 3 10.0.0.2 >/dev/null 2>&1 &
	"$SENDETH" -n h3 eth0 ff:ff:ff:ff:ff:ff "$(mac 3)" -c 20000 &
	spid=$!
	sleep 1
	expect_ok $IP link del br0
	# A second more of frames into the released ports, then enough.
	nap 1
	kill "$spid" 2>/dev/null || :
	wait
	for p in vh1 vh2 vh3; do
		if matches master "$($IP link show $p)"; then fail "$p kept master"; fi
		expect_eq "$p promiscuity" \
			"$(link_field $p .promiscuity)" 0
	done
}

test_rmmod_under_traffic() {
	local spid
	setup 3
	$IP netns exec h1 ping -f -w 3 10.0.0.2 >/dev/null 2>&1 &
	"$SENDETH" -n h3 eth0 ff:ff:ff:ff:ff:ff "$(mac 3)" -c 20000 &
	spid=$!
	sleep 1
	expect_ok rmmod vbr
	# A second more of frames into the released ports, then enough.
	nap 1
	kill "$spid" 2>/dev/null || :
	wait
	for p in vh1 vh2 vh3; do
		if matches master "$($IP link show $p)"; then fail "$p kept master"; fi
	done
}

test_netns_delete_under_traffic() {
	load_vbr
	$IP netns add sw
	$IP netns add h1
	$IP netns add h2
	$IP -n sw link add br0 type vbr
	$IP -n sw link set br0 up
	for i in 1 2; do
		$IP -n sw link add "vh$i" type veth peer name eth0 netns "h$i"
		$IP -n sw link set "vh$i" master br0 up
		$IP -n "h$i" link set eth0 up
		$IP -n "h$i" addr add "10.0.0.$i/24" dev eth0
	done
	expect_ok $IP netns exec h1 ping -c 1 -W 2 10.0.0.2
	$IP netns exec h1 ping -f -w 3 10.0.0.2 >/dev/null 2>&1 &
	sleep 1
	$IP netns del sw
	# The namespace dies in the background; its veths take the peers.
	wait_for 100 sh -c "! $IP -n h1 link show eth0" ||
		fail "switch namespace not destroyed"
	wait
}

test_tap_port() {
	setup 1
	modprobe tun
	"$TAPVM" tap0 02:00:00:00:00:42 10.0.0.42 30 > /tmp/tapvm.out &
	local pid=$!
	wait_for 50 $IP link show tap0 || fail "tap0 not created"
	$IP link set tap0 master br0
	$IP link set tap0 up
	expect_ok $IP netns exec h1 ping -c 3 -i 0.2 -W 2 10.0.0.42
	expect_eq "tap VM learned behind" "$(fdb_port 02:00:00:00:00:42)" tap0
	kill $pid
	wait $pid || true
	grep -q 'answered [1-9]' /tmp/tapvm.out || fail "tapvm answered nothing"
	# Closing the tap removes the device and so the port.
	wait_for 20 sh -c "! $IP link show tap0" || fail "tap0 remains"
	if fdb_has 02:00:00:00:00:42; then fail "tap VM's FDB entry remains"; fi
}

test_vxlan_port() {
	load_vbr
	modprobe vxlan
	# Two "hosts" A and B joined by an underlay link; each has a vbr
	# bridge with a VXLAN port and a client namespace behind a veth.
	local s
	for s in A B; do
		$IP netns add "host$s"
		$IP netns add "client$s"
	done
	$IP -n hostA link add ul type veth peer name ul netns hostB
	$IP -n hostA addr add 192.168.100.1/24 dev ul
	$IP -n hostB addr add 192.168.100.2/24 dev ul
	$IP -n hostA link set ul up
	$IP -n hostB link set ul up
	for s in A B; do
		local me peer n
		[ $s = A ] && { me=1; peer=2; n=1; } || { me=2; peer=1; n=2; }
		$IP -n "host$s" link set lo up
		$IP -n "host$s" link add br0 type vbr
		$IP -n "host$s" link set br0 up
		$IP -n "host$s" link add vx42 type vxlan id 42 \
			local "192.168.100.$me" remote "192.168.100.$peer" \
			dstport 4789
		$IP -n "host$s" link set vx42 master br0
		$IP -n "host$s" link set vx42 up
		$IP -n "host$s" link add vc$n type veth peer name eth0 netns "client$s"
		$IP -n "host$s" link set vc$n master br0
		$IP -n "host$s" link set vc$n up
		$IP -n "client$s" link set eth0 up
		$IP -n "client$s" addr add "10.1.0.$me/24" dev eth0
	done
	expect_ok $IP netns exec clientA ping -c 3 -i 0.2 -W 2 10.1.0.2
	local rx
	rx=$($IP netns exec hostB cat /sys/class/net/vx42/statistics/rx_packets)
	expect_ge "frames came through the tunnel" "$rx" 3
}

# A VLAN device on br0 sends full-size frames plus their tag; ports
# with the 1500 MTU take them, as the kernel's is_skb_forwardable() and
# the Linux bridge do.
test_vlan_tag_fits_the_mtu() {
	setup 1
	$IP -b - <<-EOF
	link add link br0 name br0.10 type vlan id 10
	addr add 10.0.10.100/24 dev br0.10
	link set br0.10 up
	EOF
	$IP -n h1 -b - <<-EOF
	link add link eth0 name eth0.10 type vlan id 10
	addr add 10.0.10.1/24 dev eth0.10
	link set eth0.10 up
	EOF
	expect_ok ping -c 2 -W 3 -s 1472 -M do 10.0.10.1
	expect_eq "drop_mtu" "$(vbr_counter br0 drop_mtu)" 0
}

# rtnetlink hands "bridge fdb" attributes over without a policy: a short
# NDA_IFINDEX is refused, not read past its end.
test_fdb_add_short_ifindex() {
	setup 2
	local idx hex m=02:00:00:00:00:77
	idx=$(< /sys/class/net/vh2/ifindex)
	hex=$(printf '%02x%02x' $((idx & 255)) $((idx >> 8)))
	expect_fail 'NDA_IFINDEX must be a u32' $NLRAW fdbadd br0 $m "8:hex:$hex"
	fdb_lacks $m || fail "an entry was added from a 2-byte ifindex"
	expect_ok $NLRAW fdbadd br0 $m "8:u32:$idx"
	expect_eq "via" "$(fdb_port $m)" vh2
}

# A port attached and detached while frames from new MACs pour in: every
# entry that names it is counted on it, from the first frame.
test_attach_under_traffic_counts_learned() {
	setup 1
	expect_ok $IP link set br0 type vbr max_learned 0
	hosts_add 2
	$IP link set vh2 up
	"$SENDETH" -n h2 eth0 ff:ff:ff:ff:ff:ff "$(mac 2)" -r -c 400000 &
	local snd=$! i
	for i in $(seq 1 15); do
		$IP link set vh2 master br0
		fdb_check
		$IP link set vh2 nomaster
		fdb_check
	done
	kill $snd 2>/dev/null || true
	wait $snd 2>/dev/null || true
}

# A dump the kernel flags as interrupted (here: devices come and go in
# the namespace meanwhile) is said, and asked for once more.
test_interrupted_dump_said_and_retried() {
	setup 2
	expect_ok $IP link set br0 type vbr max_learned 0
	send 1 ff:ff:ff:ff:ff:ff -r -c 20000
	# One ip for thousands of changes: the namespace changes between
	# any two of the dump's ~50 messages, once ip is under way and gets
	# the CPU. A dump the scheduler let run whole in between is quiet:
	# up to five are tried.
	local i churn out=
	for i in $(seq 1 5000); do
		echo "link add vtmp0 type dummy"
		echo "link del vtmp0"
	done > /tmp/churn.batch
	$IP -force -b /tmp/churn.batch >/dev/null 2>&1 &
	churn=$!
	wait_for 100 $IP link show vtmp0
	for i in 1 2 3 4 5; do
		out=$($VBRCTL fdb show br0 2>&1 >/dev/null)
		matches 'changed during the dump; dumping it again' "$out" && break
	done
	kill $churn 2>/dev/null || true
	wait $churn 2>/dev/null || true
	matches 'changed during the dump; dumping it again' "$out" ||
		fail "no retry said in $i dumps: $out"
	# Undisturbed, a dump says nothing.
	$IP link del vtmp0 2>/dev/null || true
	expect_eq "quiet dump" "$($VBRCTL fdb show br0 2>&1 >/dev/null)" ""
}

run_tests \
	test_enslave_and_release \
	test_ping_ipv4 \
	test_ping_ipv6 \
	test_unknown_unicast_floods \
	test_learning_stops_flood \
	test_broadcast_multicast_flood \
	test_flood_skips_down_port \
	test_link_local_not_forwarded \
	test_ageing \
	test_mac_move \
	test_static_entries \
	test_learned_limits \
	test_large_fdb_dump \
	test_learning_off_flood_off \
	test_br0_ip_reachable \
	test_port_removed_with_veth \
	test_port_leaves_with_netns_move \
	test_refusals \
	test_mtu_rule \
	test_gso_forwarded_whole \
	test_delete_bridge_under_traffic \
	test_rmmod_under_traffic \
	test_netns_delete_under_traffic \
	test_tap_port \
	test_vxlan_port \
	test_vlan_tag_fits_the_mtu \
	test_fdb_add_short_ifindex \
	test_attach_under_traffic_counts_learned \
	test_interrupted_dump_said_and_retried \
	test_refusals_stacked_and_vlan \
	test_bridge_down_drops
