#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: vbr's main job in a VM. A bridge, two containers (network
# namespaces on veth ports) and a tap "VM" ping each other through it;
# then the learned FDB, the options and the counters; then teardown.
set -eu
IP=/sbin/ip
BRIDGE=/sbin/bridge
top=$(cd "$(dirname "$0")/.." && pwd)
export IP_LIB_DIR=$top/tools/iproute2
TAPVM=$top/selftests/tools/tapvm

say() { printf '\n\033[1m### %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

say "Create a vbr bridge (the module autoloads)"
run $IP link add br0 type vbr ageing_time 120
run $IP link set br0 up
run $IP -d link show br0

say "Two containers on veth ports"
for i in 1 2; do
	$IP netns add "c$i"
	$IP link add "veth$i" type veth peer name eth0 netns "c$i"
	$IP -n "c$i" link set eth0 address "02:00:00:00:00:0$i"
	$IP -n "c$i" addr add "10.0.0.$i/24" dev eth0
	$IP -n "c$i" link set eth0 up
	run $IP link set "veth$i" master br0
	$IP link set "veth$i" up
done

say "A tap \"VM\" (a process answering ARP and ping on tap0)"
modprobe tun
"$TAPVM" tap0 02:00:00:00:00:42 10.0.0.42 60 >/tmp/tapvm.log &
vm=$!
for _ in $(seq 50); do $IP link show tap0 >/dev/null 2>&1 && break; sleep 0.1; done
run $IP link set tap0 master br0
$IP link set tap0 up
run $IP link show master br0

say "Traffic through the bridge"
run $IP netns exec c1 ping -c 2 -W 2 10.0.0.2
run $IP netns exec c1 ping -c 2 -W 2 10.0.0.42
run $IP netns exec c2 ping -c 2 -W 2 10.0.0.42

say "What the bridge learned: which port each MAC sits behind"
run $BRIDGE fdb show dev br0
run $IP -d link show veth1

say "Counters"
run $IP -s link show br0
run ethtool -S br0

say "Teardown"
kill $vm
wait $vm || true
cat /tmp/tapvm.log
run $IP link del br0
run $IP link show veth1
for i in 1 2; do $IP netns del "c$i"; done
run rmmod vbr
echo
echo "demo: done"
