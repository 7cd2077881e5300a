#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: vbr's main job in a VM, set up with vbrctl. A bridge whose
# internal port holds the host's IP, a tap "VM" and a veth "container"
# talk through it; then vbrctl shows who sits behind each port, the FDB
# and the counters; then everything goes with the bridge.
set -eu
IP=/sbin/ip
top=$(cd "$(dirname "$0")/.." && pwd)
export IP_LIB_DIR=$top/tools/iproute2
VBRCTL=$top/tools/vbrctl/vbrctl
TAPVM=$top/selftests/tools/tapvm

say() { printf '\n\033[1m### %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

say "A vbr bridge (the module autoloads)"
run $VBRCTL add-br br0 ageing-time 120

say "The host's IP on an internal port, as Open vSwitch does it"
run $VBRCTL add-port br0 host0 type internal
run $IP addr add 10.0.0.254/24 dev host0
run $IP -d link show host0

say "A \"VM\": a persistent tap that a process (here tapvm, in real life QEMU) opens"
modprobe tun
run $VBRCTL add-port br0 vm0 type tap
"$TAPVM" vm0 02:00:00:00:00:42 10.0.0.42 60 >/tmp/tapvm.log &
vm=$!
sleep 1

say "A \"container\": a veth pair with its far end in a network namespace"
run $IP netns add c1
run $VBRCTL add-port br0 veth1 type veth peer eth0 netns c1
$IP -n c1 link set eth0 address 02:00:00:00:00:01
$IP -n c1 addr add 10.0.0.1/24 dev eth0
$IP -n c1 link set eth0 up

say "Traffic through the bridge"
run ping -c 2 -W 2 10.0.0.1
run ping -c 2 -W 2 10.0.0.42
run $IP netns exec c1 ping -c 2 -W 2 10.0.0.42

say "Who sits behind each port: the tap's process, the veth's namespace"
run $VBRCTL show

say "Which port each MAC sits behind"
run $VBRCTL fdb show br0
run $VBRCTL fdb lookup 02:00:00:00:00:42

say "Counters, per bridge and per port"
run $VBRCTL stats br0

say "Teardown: the bridge takes its internal port, tap and veth with it"
kill $vm
wait $vm || true
cat /tmp/tapvm.log
run $VBRCTL del-br br0
run $IP -br link show
$IP netns del c1
run rmmod vbr
echo
echo "demo: done"
