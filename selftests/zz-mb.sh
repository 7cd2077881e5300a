#!/bin/bash
IP=/sbin/ip TC=/sbin/tc
T=/vbr/selftests/tools
t() { local s=${EPOCHREALTIME/./} e; "$@" >/tmp/o 2>&1; e=${EPOCHREALTIME/./}; echo "$(( (e - s) / 1000 )) ms: $*"; }
modprobe veth; modprobe vbr; modprobe sch_ingress; modprobe cls_matchall; modprobe act_gact
t /bin/true
t bash -c true
t $IP -V
t $IP -V
t $TC -V
t jq -n 1
t $T/sendeth -h
t $T/sendeth.static -h
t $IP link add br0 type vbr
t $IP netns add h1
t $IP link add vh1 type veth peer name eth0 address 02:00:00:00:00:01 netns h1
cat /tmp/o
t $IP -n h1 -b - <<B
link set lo up
link set eth0 addrgenmode none
addr add 10.0.0.1/24 dev eth0
link set eth0 up
B
cat /tmp/o
t $TC -n h1 -b - <<B
qdisc add dev eth0 clsact
filter add dev eth0 ingress pref 1 protocol 0x88b5 matchall action pass
B
cat /tmp/o
t $IP link set vh1 master br0 up
$IP -n h1 -d addr show dev eth0
$IP -d link show vh1
t $IP netns exec h1 $T/sendeth eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:00:01 -c 3
t nsenter --net=/run/netns/h1 $T/sendeth eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:00:01 -c 3
t nsenter --net=/run/netns/h1 $T/sendeth.static eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:00:01 -c 3
$TC -n h1 -s -j filter show dev eth0 ingress; echo
$TC -n h1 -s filter show dev eth0 ingress
sleep 3
$IP -s link show vh1
$IP -s -n h1 link show eth0
