#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of `make bench` (scripts/bench boots the VM and runs this):
# the same workloads through four switches, interleaved, in rounds.
#
#   vbr     ip link add br0 type vbr; ports with ip link set X master br0
#   bridge  the in-kernel bridge: STP off, learning on, no br_netfilter
#   ovs     the Open vSwitch kernel datapath with static flows (ovs-dpctl)
#   mirred  the floor: tc clsact + matchall + mirred redirect, no switch
#
#   W1      64-byte frames, known unicast, one source and one destination MAC
#   W2      the same with N distinct source and destination MACs (pktgen
#           src_mac_count/dst_mac_count), every destination learned first
#   W3      64-byte broadcast frames flooded to 8 ports
#   W3H     W3 with the host's copy (up the bridge device, for vbr and the
#           bridge) dropped by tc at the bridge device's ingress, before
#           IPv4: what flooding to the 8 ports costs (not run by default)
#   W3i     W3 with port isolation (vbr and bridge only): p0 and a ninth
#           port p9 isolated, p1..p8 not; the 8 receive, p9 must not
#   W1l     W1 with the ingress port p0 locked and the source MAC a static
#           entry on p0 (vbr and bridge only)
#   W3s     W3 with storm control on p0 (vbr only): a broadcast limit of
#           1,000,000,000 frames/s, which passes everything; a run that
#           dropped any frame fails
#   W6      VLAN filtering on: 64-byte frames tagged VID 10 into the trunk
#           port p0, out of the access port p1 (PVID 10) untagged; one
#           source and one destination MAC. Open vSwitch: a flow that pops
#           the tag; mirred: tc's vlan pop before the redirect
#   W2v     VLAN filtering on (vbr and bridge only): 100,000 MAC pairs over
#           100 VLANs (10-109, 1,000 pairs each), p0 and p1 trunks of all
#           of them; 100 pktgen devices, one per VLAN, take turns
#   W4      TCP (iperf3) between two network namespaces, GSO on
#   W5      FDB at scale (vbr and bridge only): learn N MACs, memory per
#           entry, time to dump and to flush them
#
# Frames for W1-W3 and W5 are injected by pktgen into the ingress port's
# receive path (xmit_mode netif_receive, unshared skbs) on kpktgend_0;
# every switch then runs on that CPU, and what it hands to each egress
# veth is counted at the veth's peer (rx_packets) over a timed window.
# The peers drop the frames at once with tc (matchall action drop).
#
# W3i and W1l need port flags (`bridge link set dev PORT isolated|locked
# on`); where a system refuses them the variant is skipped for that
# system, said once, and the rest runs.
#
# --part pps runs the throughput workloads (W1, W2, W3, W3H, W3i, W3s,
# W1l, W6, W2v, the sinks and W4), for the instruction clock; --part host
# only W5, for the host's clock; --part all (the default) both. --clock
# only names the clock in the meta line.
#
# Output: one JSON object per line between VBR-BENCH-BEGIN and
# VBR-BENCH-END; progress goes to stderr lines starting with "# ".
#
# usage: bench.sh [--quick] [--rounds N] [--secs S] [--iperf-secs S]
#                 [--w2 "N1 N2"] [--w5 N] [--no-w5] [--dump-cap S]
#                 [--workloads "W1 W3"] [--systems "vbr bridge"]
#                 [--part pps|host|all] [--clock NAME]
set -u
source "$(dirname "$0")/lib.sh"

OVS_DPCTL=/usr/bin/ovs-dpctl
IPERF3=/usr/bin/iperf3
VBRCTL=$VBR_TOP/tools/vbrctl/vbrctl
PG=/proc/net/pktgen

rounds=7 secs=3 warm=0.5 iperf_secs=4 w2_counts="1000 100000" w5_n=1000000
dump_cap=120 part=all clock=unknown
workloads="W1 W2 W3 W3i W3s W1l W6 W2v W4" systems="vbr bridge ovs mirred" w5=1
while [ $# -gt 0 ]; do
	case $1 in
	--quick) rounds=1 secs=1 iperf_secs=2 w5_n=10000; shift ;;
	--rounds) rounds=$2; shift 2 ;;
	--secs) secs=$2; shift 2 ;;
	--iperf-secs) iperf_secs=$2; shift 2 ;;
	--w2) w2_counts=${2//,/ }; shift 2 ;;
	--w5) w5_n=$2; shift 2 ;;
	--no-w5) w5=0; shift ;;
	--dump-cap) dump_cap=$2; shift 2 ;;
	--workloads) workloads=${2//,/ }; shift 2 ;;
	--systems) systems=${2//,/ }; shift 2 ;;
	--part) part=$2; shift 2 ;;
	--clock) clock=$2; shift 2 ;;
	*) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done

log() { echo "# $*" >&2; }
now() { echo "$EPOCHREALTIME"; }
# elapsed T0 T1: seconds between two EPOCHREALTIME stamps.
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", b - a }'; }
# rate COUNT T0 T1: COUNT per second.
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", n / (b - a) }'; }

# result WORKLOAD SYSTEM ROUND METRIC VALUE [EXTRA-JSON-MEMBERS]
result() {
	printf '{"w":"%s","sys":"%s","round":%s,"metric":"%s","value":%s%s}\n' \
		"$1" "$2" "$3" "$4" "$5" "${6:+,$6}"
}
# failed WORKLOAD SYSTEM ROUND WHAT
failed() {
	log "FAILED: $1 $2 round $3: $4"
	printf '{"w":"%s","sys":"%s","round":%s,"error":"%s"}\n' \
		"$1" "$2" "$3" "${4//\"/\'}"
}
# skip WORKLOAD SYSTEM ROUND WHY: SYSTEM cannot run the variant WORKLOAD
# (a port flag refused); said once, and not tried again.
declare -A skipped=()
skip() {
	log "SKIP: $1 $2: $4"
	printf '{"w":"%s","sys":"%s","round":%s,"skip":"%s"}\n' \
		"$1" "$2" "$3" "${4//\"/\'}"
	skipped[$1.$2]=1
}

# ---- topology ------------------------------------------------------------
# p0..p8: switch ports, veths whose peers r0..r8 count and drop what
# arrives; p9 (r9) is W3i's isolated port that must receive nothing. t1, t2: switch ports whose peers are eth0 in netns h1, h2
# (10.9.0.1, 10.9.0.2) for iperf3.
PORTS=(p0 p1 p2 p3 p4 p5 p6 p7 p8)

topology() {
	local i
	sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	modprobe -a veth pktgen sch_ingress cls_matchall cls_flower act_mirred \
		act_gact || return 1
	# W6's mirred pops the tag with act_vlan, which the VM may lack.
	modprobe act_vlan 2>/dev/null || echo "act_vlan" > /tmp/bench.no-act-vlan
	for i in 0 1 2 3 4 5 6 7 8 9; do
		$IP link add "p$i" type veth peer name "r$i" || return 1
		$IP link set "r$i" up
		$TC qdisc add dev "r$i" clsact
		$TC filter add dev "r$i" ingress pref 2 matchall action drop
		$IP link set "p$i" up
	done
	# What of W3i's broadcast from SRC reaches the isolated p9.
	$TC filter add dev r9 ingress pref 1 protocol all flower src_mac "$SRC" \
		action drop || return 1
	for i in 1 2; do
		$IP netns add "h$i"
		$IP link add "t$i" type veth peer name eth0 netns "h$i"
		$IP -n "h$i" link set lo up
		$IP -n "h$i" addr add "10.9.0.$i/24" dev eth0
		$IP -n "h$i" link set eth0 up
		$IP link set "t$i" up
	done
}

# from_src: frames from SRC that r9 received (its pref 1 filter).
from_src() {
	local j
	j=$($TC -s -j filter show dev r9 ingress pref 1) || { echo -1; return; }
	[[ $j =~ \"packets\":([0-9]+) ]] || { echo -1; return; }
	echo "${BASH_REMATCH[1]}"
}

rx_sum() {
	local s=0 d v
	for d in "$@"; do
		v=$(< "/sys/class/net/$d/statistics/rx_packets")
		s=$((s + v))
	done
	echo "$s"
}

# ---- the four systems ----------------------------------------------------
# sys_up SYSTEM SHAPE: SHAPE is uni (p0 -> p1), flood (p0 -> p1..p8),
# iso (flood with p9 too, vbr and bridge only), bidir (t1 <-> t2), trunk
# (W6: p0 -> p1, VLAN filtering on, p0 a trunk of VLAN 10 and p1 its
# access port) or trunks (W2v, vbr and bridge only: p0 -> p1, both trunks
# of VLANs 10-109). For vbr and bridge the shape picks the ports and, for
# the last two, their VLANs.

# The VLANs of W6 and of W2v.
W6_VID=10
W2V_VID0=10 W2V_NVLANS=100

shape_ports() {
	case $1 in
	uni|trunk|trunks) echo p0 p1 ;;
	flood) echo "${PORTS[@]}" ;;
	iso) echo "${PORTS[@]}" p9 ;;
	bidir) echo t1 t2 ;;
	esac
}

wait_forwarding() {
	local p
	for p in "$@"; do
		wait_for 100 grep -qx 3 "/sys/class/net/$p/brport/state" ||
			{ echo "bridge port $p not forwarding"; return 1; }
	done
}

ovs_port() {
	$OVS_DPCTL show ovs-bench | awk -v d="$1" \
		'$1 == "port" && ($3 == d || $3 ~ "^" d "[ (]") { sub(":", "", $2); print $2 }'
}

# The kernel wants an exact EtherType and, for IPv4 and ARP, their key
# attribute present; everything else is wildcarded.
ovs_flow() {
	local in=$1 type=$2 out=$3 key
	case $type in
	ip) key="eth(),eth_type(0x0800),ipv4()" ;;
	arp) key="eth(),eth_type(0x0806),arp()" ;;
	esac
	$OVS_DPCTL add-flow ovs-bench "in_port($in),$key" "$out"
}

# vlans_up SHAPE: the ports' VLANs on br0 (vbr or bridge), the same
# commands for both; each port is also in VLAN 1 (vlan_default_pvid).
vlans_up() {
	local last=$((W2V_VID0 + W2V_NVLANS - 1))
	case $1 in
	trunk)
		$BRIDGE vlan add dev p0 vid $W6_VID || return 1
		$BRIDGE vlan add dev p1 vid $W6_VID pvid untagged ;;
	trunks)
		$BRIDGE vlan add dev p0 vid $W2V_VID0-$last || return 1
		$BRIDGE vlan add dev p1 vid $W2V_VID0-$last ;;
	esac
}

sys_up() {
	local sys=$1 shape=$2 p ports i outs vf=()
	read -r -a ports <<< "$(shape_ports "$shape")"
	case $shape in trunk|trunks) vf=(vlan_filtering 1) ;; esac
	case $sys in
	vbr)
		# ageing_time 360000: an hour in centiseconds (vbr since
		# issue 13, as the bridge), 100 hours in seconds (before).
		$IP link add br0 type vbr ageing_time 360000 max_learned 0 \
			"${vf[@]}" || return 1
		$IP link set br0 up
		for p in "${ports[@]}"; do
			$IP link set "$p" master br0 || return 1
		done
		vlans_up "$shape" || return 1
		;;
	bridge)
		if grep -q '^br_netfilter ' /proc/modules; then
			echo "br_netfilter is loaded"
			return 1
		fi
		$IP link add br0 type bridge stp_state 0 ageing_time 360000 \
			"${vf[@]}" || return 1
		$IP link set br0 up
		for p in "${ports[@]}"; do
			$IP link set "$p" master br0 || return 1
			$BRIDGE link set dev "$p" learning on || return 1
		done
		vlans_up "$shape" || return 1
		wait_forwarding "${ports[@]}"
		;;
	ovs)
		mkdir -p /run/openvswitch
		$OVS_DPCTL add-dp ovs-bench || return 1
		for p in "${ports[@]}"; do
			$OVS_DPCTL add-if ovs-bench "$p" || return 1
		done
		declare -A no=()
		for p in "${ports[@]}"; do
			no[$p]=$(ovs_port "$p")
			[ -n "${no[$p]}" ] || { echo "no datapath port for $p"; return 1; }
		done
		case $shape in
		uni)
			ovs_flow "${no[p0]}" ip "${no[p1]}" || return 1 ;;
		trunk)
			# IPv4 tagged VID 10 from p0: the tag popped, out of p1.
			$OVS_DPCTL add-flow ovs-bench \
				"in_port(${no[p0]}),eth(),eth_type(0x8100),vlan(vid=$W6_VID),encap(eth_type(0x0800),ipv4())" \
				"pop_vlan,${no[p1]}" || return 1 ;;
		flood)
			outs=
			for i in 1 2 3 4 5 6 7 8; do outs+=${outs:+,}${no[p$i]}; done
			ovs_flow "${no[p0]}" ip "$outs" || return 1 ;;
		bidir)
			for p in ip arp; do
				ovs_flow "${no[t1]}" $p "${no[t2]}" || return 1
				ovs_flow "${no[t2]}" $p "${no[t1]}" || return 1
			done ;;
		esac
		;;
	mirred)
		local acts=()
		case $shape in
		uni)
			$TC qdisc add dev p0 clsact || return 1
			$TC filter add dev p0 ingress pref 1 matchall \
				action mirred egress redirect dev p1 || return 1 ;;
		trunk)
			# The tag (in the skb since the receive) popped first.
			$TC qdisc add dev p0 clsact || return 1
			$TC filter add dev p0 ingress pref 1 matchall \
				action vlan pop \
				action mirred egress redirect dev p1 || return 1 ;;
		flood)
			for i in 1 2 3 4 5 6 7; do
				acts+=(action mirred egress mirror dev "p$i")
			done
			acts+=(action mirred egress redirect dev p8)
			$TC qdisc add dev p0 clsact || return 1
			$TC filter add dev p0 ingress pref 1 matchall "${acts[@]}" ||
				return 1 ;;
		bidir)
			$TC qdisc add dev t1 clsact || return 1
			$TC qdisc add dev t2 clsact || return 1
			$TC filter add dev t1 ingress pref 1 matchall \
				action mirred egress redirect dev t2 || return 1
			$TC filter add dev t2 ingress pref 1 matchall \
				action mirred egress redirect dev t1 || return 1 ;;
		esac
		;;
	*) echo "unknown system $sys"; return 1 ;;
	esac
}

sys_down() {
	local p
	case $1 in
	vbr|bridge) $IP link del br0 2>/dev/null ;;
	ovs) $OVS_DPCTL del-dp ovs-bench 2>/dev/null ;;
	mirred)
		for p in p0 t1 t2; do
			$TC qdisc del dev "$p" clsact 2>/dev/null
		done ;;
	esac
	return 0
}

# ---- pktgen --------------------------------------------------------------

# pgset FILE CMD: one pktgen command; a device's own file reports its
# result in its "Result:" line (read by bash itself: W2v sets up 100
# devices, and a fork per command costs seconds under TCG).
pgset() {
	local line=
	if ! echo "$2" > "$PG/$1" 2>/dev/null; then
		echo "pktgen $1: '$2' refused"
		return 1
	fi
	case $1 in kpktgend_*|pgctrl) return 0 ;; esac
	while IFS= read -r line; do
		[[ $line != Result:* ]] || break
	done < "$PG/$1"
	[[ $line == 'Result: OK'* ]] ||
		{ echo "pktgen $1: '$2': $line"; return 1; }
}

# pg_dev DEV COUNT SRC-MAC SRC-N DST-MAC DST-N [VID]: pktgen on thread 0
# injects COUNT 64-byte UDP frames (0 = until stopped) into DEV's receive
# path; with VID, 802.1Q-tagged (the 4 bytes of the tag within the 64).
pg_dev() {
	pg_clear || return 1
	pg_add "$@"
}

# pg_clear: thread 0 without devices. rem_device_all waits 125 ms; the
# thread, idle, notices it within 100 ms, and then removes its devices
# one by one: wait for the last (W2v's 100 take longer than the 25 ms
# left), or a device added again under its old name is refused.
pg_clear() {
	local i f left
	pgset kpktgend_0 rem_device_all || return 1
	for ((i = 0; i < 200; i++)); do
		left=
		for f in "$PG"/*; do
			case ${f##*/} in
			kpktgend_*|pgctrl) ;;
			*) left=${f##*/}; break ;;
			esac
		done
		[ -n "$left" ] || return 0
		sleep 0.05
	done
	echo "pktgen: $left still there 10 s after rem_device_all"
	return 1
}

# pg_add DEV COUNT SRC-MAC SRC-N DST-MAC DST-N [VID]: pg_dev without
# removing the thread's other devices; DEV may be NAME@N, the N-th
# pktgen device on the netdev NAME.
pg_add() {
	local dev=$1 count=$2 smac=$3 sn=$4 dmac=$5 dn=$6 vid=${7:-}
	pgset kpktgend_0 "add_device $dev" || return 1
	pgset "$dev" "xmit_mode netif_receive" || return 1
	# Unshared skbs, as from a NIC: no clone in any rx_handler (6.12).
	pgset "$dev" "flag !SHARED" >/dev/null 2>&1
	pgset "$dev" "count $count" || return 1
	pgset "$dev" "pkt_size 60" || return 1
	pgset "$dev" "delay 0" || return 1
	pgset "$dev" "src_mac $smac" || return 1
	pgset "$dev" "dst_mac $dmac" || return 1
	pgset "$dev" "src_mac_count $sn" || return 1
	pgset "$dev" "dst_mac_count $dn" || return 1
	pgset "$dev" "src_min 198.18.0.1" || return 1
	pgset "$dev" "src_max 198.18.0.1" || return 1
	pgset "$dev" "dst 198.18.0.2" || return 1
	[ -z "$vid" ] || pgset "$dev" "vlan_id $vid" || return 1
}

# mac_plus VAR MAC N: VAR set to MAC with N added to its last three bytes.
mac_plus() {
	local m=${2//:/} v
	v=$(( 16#${m:6:6} + $3 ))
	printf -v "$1" '%s:%s:%s:%02x:%02x:%02x' "${2:0:2}" "${2:3:2}" "${2:6:2}" \
		$(( (v >> 16) & 255 )) $(( (v >> 8) & 255 )) $(( v & 255 ))
}

# pg_vlans DEV COUNT SRC-MAC SRC-N DST-MAC DST-N [untagged]: one pktgen
# device per VLAN of W2v (DEV@0.. for VLANs 10..109), each COUNT frames
# (0 = until stopped) tagged with its VLAN (not with "untagged"), from
# SRC-N sources starting at SRC-MAC + N * SRC-N to DST-N destinations
# starting at DST-MAC + N * DST-N: distinct MACs in every VLAN. The
# devices take turns, one frame each (delay below).
pg_vlans() {
	local dev=$1 count=$2 smac=$3 sn=$4 dmac=$5 dn=$6 i s d vid
	pg_clear || return 1
	for ((i = 0; i < W2V_NVLANS; i++)); do
		mac_plus s "$smac" $((i * sn))
		mac_plus d "$dmac" $((i * dn))
		vid=$((W2V_VID0 + i))
		[ "${7:-}" != untagged ] || vid=
		pg_add "$dev@$i" "$count" "$s" "$sn" "$d" "$dn" $vid || return 1
		# With delay 0 pktgen keeps sending from the device that
		# started first (its next_tx never moves); with a delay each
		# device's next_tx moves on by that much per frame, and the
		# one furthest behind sends next. 10 us x 100 devices is far
		# below what 100 frames take, so none ever waits.
		[ "$count" != 0 ] || pgset "$dev@$i" "delay 10000" || return 1
	done
}

# pg_run: send COUNT frames and wait for the end.
pg_run() {
	timeout -k 5 600 sh -c "echo start > $PG/pgctrl" ||
		{ echo "pktgen run failed or timed out"; return 1; }
}

# pg_sofar DEV: frames DEV has sent in this run; with DEV@, what every
# pktgen device of W2v on DEV has. One awk either way: W0v reads this
# inside its window, on the vCPU pktgen runs on, and bash's read, a
# system call per byte, would take half a second of it from pktgen.
pg_sofar() {
	case $1 in
	*@) set -- "$PG/$1"* ;;
	*) set -- "$PG/$1" ;;
	esac
	awk '/pkts-sofar:/ { n += $2 } END { print n + 0 }' "$@"
}

# pg_window DEV RX-DEVICES...: run pktgen until stopped; prints the frames
# the RX devices received per second over $secs seconds after $warm,
# and the frames sent and delivered in the whole run.
pg_window() {
	local dev=$1 c0 c1 c2 t1 t2 pid
	shift
	c0=$(rx_sum "$@")
	(echo start > "$PG/pgctrl") &
	pid=$!
	sleep "$warm"
	c1=$(rx_sum "$@") t1=$(now)
	sleep "$secs"
	c2=$(rx_sum "$@") t2=$(now)
	echo stop > "$PG/pgctrl"
	wait "$pid"
	WIN_RATE=$(rate $((c2 - c1)) "$t1" "$t2")
	WIN_SENT=$(pg_sofar "$dev")
	WIN_RX=$(( $(rx_sum "$@") - c0 ))
	[ $((c2 - c1)) -gt 0 ] || { echo "nothing arrived"; return 1; }
}

SRC=02:00:00:10:00:00	# sources behind p0
DST=02:00:00:20:00:00	# destinations behind p1

# Learn N destinations behind p1 (their frames go to SRC, flooded at
# first), then N sources behind p0 (frames to the destinations).
prelearn() {
	local n=$1
	pg_dev p1 "$n" "$DST" "$n" "$SRC" 1 || return 1
	pg_run || return 1
	[ "$n" -gt 1 ] || return 0
	pg_dev p0 "$n" "$SRC" "$n" "$DST" "$n" || return 1
	pg_run
}

# prelearn_vlans N: prelearn in each VLAN of W2v, N destinations and N
# sources per VLAN.
prelearn_vlans() {
	local n=$1
	pg_vlans p1 "$n" "$DST" "$n" "$SRC" 1 || return 1
	pg_run || return 1
	pg_vlans p0 "$n" "$SRC" "$n" "$DST" "$n" || return 1
	pg_run
}

learned_of() {
	case $1 in
	vbr)
		# fdb_n_learned since issue 13, learned before.
		local j n
		j=$($IP -j -d link show br0)
		n=$($JGET .[0].linkinfo.info_data.fdb_n_learned <<< "$j")
		[ -n "$n" ] && [ "$n" != null ] ||
			n=$($JGET .[0].linkinfo.info_data.learned <<< "$j")
		echo "${n:-null}" ;;
	*) echo null ;;
	esac
}

vbr_drops() {
	[ "$1" = vbr ] || { echo null; return; }
	ethtool -S br0 2>/dev/null | awk '$1 ~ /^drop_/ { s += $2 } END { print s + 0 }'
}

# ---- workloads -----------------------------------------------------------

# q CMD...: run CMD in this shell with its output kept aside; on failure
# that output, on one line, is in $err.
ERRF=/tmp/bench.err
q() {
	"$@" > "$ERRF" 2>&1 && return 0
	err=$(tr '\n' ' ' < "$ERRF")
	return 1
}

# variant_up WORKLOAD SYSTEM ROUND: after sys_up, the port flags of W1l
# (p0 locked, SRC a static entry on p0) and W3i (p0 and p9 isolated).
# A refused flag skips the variant on SYSTEM; any other failure fails the
# run. Returns non-zero, with SYSTEM torn down, when the run cannot go on.
variant_up() {
	local w=$1 sys=$2 r=$3 p cmd=()
	case $w in
	W1l) set -- p0:locked ;;
	W3i) set -- p0:isolated p9:isolated ;;
	W3s)
		# vbr's own option: through ip's vbr_slave, the limit at a
		# rate no VM reaches, its burst the same.
		if ! q "$IP" link set dev p0 type vbr_slave storm_bcast 1000000000; then
			skip "$w" "$sys" "$r" "storm control refused (${err% }): $w skipped"
			sys_down "$sys"
			return 1
		fi
		return 0 ;;
	*) return 0 ;;
	esac
	for p in "$@"; do
		cmd=("$BRIDGE" link set dev "${p%:*}" "${p#*:}" on)
		if ! q "${cmd[@]}"; then
			skip "$w" "$sys" "$r" "'bridge ${cmd[*]:1}' refused (${err% }): this $sys has no such port flag, $w skipped"
			sys_down "$sys"
			return 1
		fi
	done
	[ "$w" = W1l ] || return 0
	case $sys in
	vbr) cmd=("$BRIDGE" fdb add "$SRC" dev br0 self static via p0) ;;
	*) cmd=("$BRIDGE" fdb add "$SRC" dev p0 master static) ;;
	esac
	if ! q "${cmd[@]}"; then
		failed "$w" "$sys" "$r" "setup: bridge ${cmd[*]:1}: $err"
		sys_down "$sys"
		return 1
	fi
}

# locked_leak: frames from a source without an entry, sent into the
# locked p0 towards the known DST, that reached r1 (W1l: must be 0).
locked_leak() {
	local c0
	c0=$(rx_sum r1)
	pg_dev p0 1000 02:00:00:30:00:00 1 "$DST" 1 >/dev/null || { echo -1; return; }
	pg_run >/dev/null || { echo -1; return; }
	echo $(( $(rx_sum r1) - c0 ))
}

# W1 and W2: N sources and N destinations (W1: N = 1); W1l is W1 through
# a locked port; W6 is W1 tagged VID 10 from a trunk to an access port;
# W2v is W2 with N pairs in each of 100 VLANs.
w_unicast() {
	local w=$1 sys=$2 r=$3 n=$4 learned extra leak shape=uni vid="" pl=prelearn
	local macs=$n
	case $w in
	W6) shape=trunk vid=$W6_VID ;;
	W2v) shape=trunks pl=prelearn_vlans macs=$((n * W2V_NVLANS)) ;;
	esac
	if ! q sys_up "$sys" $shape; then
		failed "$w" "$sys" "$r" "setup: $err"
		sys_down "$sys"
		return
	fi
	variant_up "$w" "$sys" "$r" || return
	if [ "$sys" = vbr ] || [ "$sys" = bridge ]; then
		if ! q $pl "$n"; then
			failed "$w" "$sys" "$r" "prelearn: $err"
			sys_down "$sys"
			return
		fi
	fi
	learned=$(learned_of "$sys")
	if if [ "$w" = W2v ]; then
		q pg_vlans p0 0 "$SRC" "$n" "$DST" "$n" && q pg_window p0@ r1
	   else
		q pg_dev p0 0 "$SRC" "$n" "$DST" "$n" $vid && q pg_window p0 r1
	   fi; then
		extra="\"macs\":$macs,\"sent\":$WIN_SENT,\"delivered\":$WIN_RX"
		[ -z "$vid" ] || extra+=",\"vid\":$vid"
		[ "$w" != W2v ] || extra+=",\"vlans\":$W2V_NVLANS"
		extra+=",\"learned_before\":$learned,\"drops\":$(vbr_drops "$sys")"
		if [ "$w" = W1l ]; then
			leak=$(locked_leak)
			if [ "$leak" != 0 ]; then
				failed "$w" "$sys" "$r" "the locked port forwarded $leak of 1000 frames from an unknown source"
				sys_down "$sys"
				return
			fi
			extra+=",\"unknown_source_forwarded\":0"
		fi
		result "$w" "$sys" "$r" pps "$WIN_RATE" "$extra"
	else
		failed "$w" "$sys" "$r" "$err"
	fi
	sys_down "$sys"
}

# W3, W3H and W3i (p9 on the switch too, isolated like p0: the 8 ports
# in between receive, r9 must count nothing).
w_flood() {
	local w=${3:-W3} sys=$1 r=$2 rx shape=flood leak=0 c9 o9 extra
	rx=(r1 r2 r3 r4 r5 r6 r7 r8)
	[ "$w" = W3i ] && shape=iso
	if ! q sys_up "$sys" $shape; then
		failed "$w" "$sys" "$r" "setup: $err"
		sys_down "$sys"
		return
	fi
	variant_up "$w" "$sys" "$r" || return
	c9=$(from_src) o9=$(rx_sum r9)
	if [ "$w" = W3H ] && { [ "$sys" = vbr ] || [ "$sys" = bridge ]; } &&
	   ! q eval "$TC qdisc add dev br0 clsact &&
		     $TC filter add dev br0 ingress matchall action drop"; then
		failed "$w" "$sys" "$r" "setup: $err"
		sys_down "$sys"
		return
	fi
	if q pg_dev p0 0 "$SRC" 1 ff:ff:ff:ff:ff:ff 1 &&
	   q pg_window p0 "${rx[@]}"; then
		extra="\"ports\":8,\"sent\":$WIN_SENT,\"delivered\":$WIN_RX"
		extra+=",\"drops\":$(vbr_drops "$sys")"
		if [ "$w" = W3s ] && [ "$(vbr_counter br0 drop_storm)" != 0 ]; then
			failed "$w" "$sys" "$r" "storm control dropped $(vbr_counter br0 drop_storm) frames under a limit meant to pass them all"
			sys_down "$sys"
			return
		fi
		if [ "$w" = W3i ]; then
			leak=$(( $(from_src) - c9 ))
			if [ "$c9" -lt 0 ] || [ "$leak" != 0 ]; then
				failed "$w" "$sys" "$r" "the isolated port p9 received $leak frames from the isolated p0"
				sys_down "$sys"
				return
			fi
			# Anything else p9 sent (none expected).
			extra+=",\"isolated_rx_from_src\":0,\"isolated_rx_other\":$(( $(rx_sum r9) - o9 ))"
		fi
		# Ingress frames per second, each delivered to 8 ports.
		result "$w" "$sys" "$r" pps \
			"$(awk -v x="$WIN_RATE" 'BEGIN { printf "%.1f", x / 8 }')" "$extra"
	else
		failed "$w" "$sys" "$r" "$err"
	fi
	sys_down "$sys"
}

w_tcp() {
	local w=W4 sys=$1 r=$2 err out bps spid retr
	if ! q sys_up "$sys" bidir; then
		failed "$w" "$sys" "$r" "setup: $err"
		sys_down "$sys"
		return
	fi
	if ! q $IP netns exec h1 ping -c 1 -W 5 10.9.0.2; then
		failed "$w" "$sys" "$r" "no ping: $err"
		sys_down "$sys"
		return
	fi
	# Server on CPU 1 and client on CPU 0, when there are two.
	local a0=() a1=()
	[ "$(nproc)" -lt 2 ] || a0=(-A 0) a1=(-A 1)
	$IP netns exec h2 "$IPERF3" -s -1 "${a1[@]}" >/dev/null 2>&1 &
	spid=$!
	wait_for 50 sh -c "$IP netns exec h2 ss -Hltn | grep -q ':5201 '"
	out=$($IP netns exec h1 timeout 60 "$IPERF3" -c 10.9.0.2 "${a0[@]}" -O 1 \
		-t "$iperf_secs" -J 2>&1)
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	bps=$(jq -r '.end.sum_received.bits_per_second // empty' <<< "$out" 2>/dev/null)
	retr=$(jq -r '.end.sum_sent.retransmits // "null"' <<< "$out" 2>/dev/null)
	if [ -n "$bps" ]; then
		result "$w" "$sys" "$r" bps "$bps" "\"retransmits\":$retr,\"drops\":$(vbr_drops "$sys")"
	else
		failed "$w" "$sys" "$r" "iperf3: $(tail -n 3 <<< "$out" | tr '\n' ' ')"
	fi
	sys_down "$sys"
}

# The sink alone: pktgen injects straight into r1, whose tc filter drops
# what arrives. What a W1 frame costs beyond this is the ingress port's
# receive, the switching and the egress veth's transmit. The rate is
# pktgen's own count: frames it injected, each received to the drop.
# W0v is the same with W2v's 100 pktgen devices and MACs: what those
# devices taking turns cost pktgen, beyond W0. Its frames are untagged,
# as W0's: what a tag costs the receive (moving it out of the payload
# into the skb) stays in W2v's figure less W0v - W0, as it is in W6's.
w_sink() {
	local r=$1 w=${2:-W0} c1 c2 t1 t2 pid dev=r1 macs=1 n=1000
	if [ "$w" = W0v ]; then
		dev=r1@ macs=$((n * W2V_NVLANS))
		q pg_vlans r1 0 "$SRC" "$n" "$DST" "$n" untagged
	else
		q pg_dev r1 0 "$SRC" 1 "$DST" 1
	fi || { failed "$w" sink "$r" "$err"; return; }
	(echo start > "$PG/pgctrl") &
	pid=$!
	sleep "$warm"
	c1=$(pg_sofar $dev) t1=$(now)
	sleep "$secs"
	c2=$(pg_sofar $dev) t2=$(now)
	echo stop > "$PG/pgctrl"
	wait "$pid"
	result "$w" sink "$r" pps "$(rate $((c2 - c1)) "$t1" "$t2")" "\"macs\":$macs"
}

# ---- W5: the FDB at scale ------------------------------------------------

# The bridge's cache is bridge_fdb_cache on 6.1, net_bridge_fdb_entry
# (KMEM_CACHE) on 6.12.
slab_cache() {
	local c
	case $1 in
	vbr) echo vbr_fdb_entry ;;
	bridge)
		for c in net_bridge_fdb_entry bridge_fdb_cache; do
			grep -q "^$c " /proc/slabinfo && { echo $c; return; }
		done
		echo net_bridge_fdb_entry ;;
	esac
}
slab_bytes() {
	awk -v c="$1" '$1 == c { print $15 * $6 * 4096; f = 1 } END { if (!f) print 0 }' /proc/slabinfo
}
slab_objs() {
	awk -v c="$1" '$1 == c { print $2; f = 1 } END { if (!f) print 0 }' /proc/slabinfo
}
slab_objsize() {
	awk -v c="$1" '$1 == c { print $4; f = 1 } END { if (!f) print 0 }' /proc/slabinfo
}

# timed CMD...: seconds CMD took, its output to /dev/null.
timed() {
	local t0 t1
	t0=$(now)
	"$@" > /dev/null 2>&1
	t1=$(now)
	elapsed "$t0" "$t1"
}

# dump_result SYSTEM METRIC CMD...: the time of a dump, to /dev/null, cut
# off after $dump_cap seconds and then reported as "capped". The bridge's
# dump restarts its walk from the first entry for every message, so its
# time grows with the square of the entries.
dump_result() {
	local sys=$1 metric=$2 t0 t1 rc
	shift 2
	t0=$(now)
	timeout -k 5 "$dump_cap" "$@" > /dev/null 2>&1
	rc=$?
	t1=$(now)
	if [ $rc = 124 ] || [ $rc = 137 ]; then
		result W5 "$sys" 1 "$metric" "$(elapsed "$t0" "$t1")" "\"capped\":true"
	else
		result W5 "$sys" 1 "$metric" "$(elapsed "$t0" "$t1")" "\"capped\":false,\"status\":$rc"
	fi
}

# freed_result SYSTEM CACHE OBJS T0: when, after T0, the FDB cache was
# back within 1% of the entries to OBJS objects: both free after an RCU
# grace period, vbr from a workqueue. SLUB counts the free objects of
# per-CPU slabs as active, so a few slabs per CPU are allowed too.
freed_result() {
	local sys=$1 cache=$2 o0=$3 t0=$4 i slack
	slack=$(awk -v c="$cache" -v n="$(grep -c ^processor /proc/cpuinfo)" \
		'$1 == c { print $5 * 4 * n; f = 1 } END { if (!f) print 0 }' /proc/slabinfo)
	[ "$slack" -ge $((w5_n / 100)) ] || slack=$((w5_n / 100))
	for ((i = 0; i < 600; i++)); do
		[ $(( $(slab_objs "$cache") - o0 )) -le "$slack" ] && break
		sleep 0.05
	done
	result W5 "$sys" 1 freed_secs "$(elapsed "$t0" "$(now)")" \
		"\"done\":$([ $i -lt 600 ] && echo true || echo false)"
}

w_fdb() {
	local sys=$1 n=$w5_n w=W5 r=1 err cache s0 v0 k0 o0 s1 v1 k1 o1 t0 t1
	local learned secs lines
	cache=$(slab_cache "$sys")
	if ! q sys_up "$sys" uni || ! q prelearn 1; then
		failed "$w" "$sys" "$r" "setup: $err"
		sys_down "$sys"
		return
	fi
	sync
	echo 3 > /proc/sys/vm/drop_caches
	sleep 1
	s0=$(slab_bytes "$cache") o0=$(slab_objs "$cache")
	v0=$(mem_kb VmallocUsed) k0=$(mem_kb SUnreclaim)
	if ! q pg_dev p0 "$n" 02:00:01:00:00:00 "$n" "$DST" 1; then
		failed "$w" "$sys" "$r" "$err"
		sys_down "$sys"
		return
	fi
	t0=$(now)
	if ! q pg_run; then
		failed "$w" "$sys" "$r" "$err"
		sys_down "$sys"
		return
	fi
	t1=$(now)
	secs=$(elapsed "$t0" "$t1")
	# Let RCU free the tables the hash outgrew, and the frames.
	sleep 3
	s1=$(slab_bytes "$cache") o1=$(slab_objs "$cache")
	v1=$(mem_kb VmallocUsed) k1=$(mem_kb SUnreclaim)
	# vbr counts what it learned; for the bridge (whose count 6.1's ip
	# cannot show) the cache's objects do: a dump would take minutes.
	if [ "$sys" = vbr ]; then
		learned=$(( $(learned_of vbr) - 1 ))
	else
		learned=$((o1 - o0))
	fi
	if [ "$learned" -le 0 ]; then
		failed "$w" "$sys" "$r" "nothing learned"
		sys_down "$sys"
		return
	fi
	log "W5 $sys: $learned of $n learned in ${secs}s"
	result "$w" "$sys" "$r" learned "$learned" "\"macs\":$n"
	result "$w" "$sys" "$r" learn_secs "$secs"
	result "$w" "$sys" "$r" learn_rate "$(rate "$learned" "$t0" "$t1")"
	result "$w" "$sys" "$r" objsize "$(slab_objsize "$cache")" "\"cache\":\"$cache\""
	result "$w" "$sys" "$r" slab_objs "$((o1 - o0))"
	result "$w" "$sys" "$r" slab_bytes_per_entry \
		"$(awk -v a="$((s1 - s0))" -v n="$learned" 'BEGIN { printf "%.1f", a / n }')"
	# The rest of the unreclaimable kernel memory that grew is the hash
	# table's bucket array: vmalloc, or kmalloc while it is small enough.
	result "$w" "$sys" "$r" vmalloc_bytes_per_entry \
		"$(awk -v a="$((v1 - v0))" -v n="$learned" 'BEGIN { printf "%.1f", a * 1024 / n }')"
	result "$w" "$sys" "$r" table_bytes_per_entry \
		"$(awk -v a="$(((k1 - k0 + v1 - v0) * 1024 - (s1 - s0)))" -v n="$learned" \
			'BEGIN { printf "%.1f", a / n }')"
	result "$w" "$sys" "$r" kmem_bytes_per_entry \
		"$(awk -v a="$((k1 - k0 + v1 - v0))" -v n="$learned" 'BEGIN { printf "%.1f", a * 1024 / n }')"
	if [ "$sys" = vbr ]; then
		dump_result vbr dump_vbrctl_secs "$VBRCTL" fdb show br0
		dump_result vbr dump_bridge_self_secs $BRIDGE fdb show dev br0
		# What `bridge fdb show br br0` finds on a vbr bridge.
		lines=$($BRIDGE fdb show br br0 | head -n 10 | wc -l)
		result "$w" "$sys" "$r" br_br0_first_lines "$lines"
		dump_result vbr dump_bridge_br_secs $BRIDGE fdb show br br0
		t0=$(now)
		"$VBRCTL" fdb flush br0 > /dev/null
		t1=$(now)
		result "$w" "$sys" "$r" flush_secs "$(elapsed "$t0" "$t1")" \
			"\"left\":$(learned_of vbr)"
		freed_result "$sys" "$cache" "$o0" "$t0"
	else
		dump_result bridge dump_bridge_br_secs $BRIDGE fdb show br br0
		t0=$(now)
		$IP link set br0 type bridge fdb_flush
		t1=$(now)
		result "$w" "$sys" "$r" flush_secs "$(elapsed "$t0" "$t1")"
		freed_result "$sys" "$cache" "$o0" "$t0"
		result "$w" "$sys" "$r" slab_objs_after_flush \
			"$(( $(slab_objs "$cache") - o0 ))"
	fi
	sys_down "$sys"
	# Entries are freed after a grace period: wait for them before the
	# next measurement.
	sleep 2
}

# ---- main ----------------------------------------------------------------

# The shell stays off CPU 0, where kpktgend_0 and the datapath run.
taskset -pc 1 $$ >/dev/null 2>&1

meta() {
	local gso tso
	gso=$($IP netns exec h1 ethtool -k eth0 2>/dev/null |
		awk '$1 == "generic-segmentation-offload:" { print $2 }')
	tso=$($IP netns exec h1 ethtool -k eth0 2>/dev/null |
		awk '$1 == "tcp-segmentation-offload:" { print $2 }')
	printf '{"meta":{"kernel":"%s","vcpus":%s,"guest_cpu":"%s","mem_kb":%s,' \
		"$(uname -r)" "$(grep -c '^processor' /proc/cpuinfo)" \
		"$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
		"$(mem_kb MemTotal)"
	printf '"rounds":%s,"secs":%s,"warm":%s,"iperf_secs":%s,"w2":[%s],"w5":%s,"dump_cap":%s,' \
		"$rounds" "$secs" "$warm" "$iperf_secs" "${w2_counts// /,}" "$w5_n" "$dump_cap"
	printf '"part":"%s","clock":"%s","workloads":"%s",' "$part" "$clock" "$workloads"
	printf '"veth_gso":"%s","veth_tso":"%s","cmdline":"%s"}}\n' \
		"$gso" "$tso" "$(cat /proc/cmdline)"
}

# The workloads of this part, in the order given.
part_workloads() {
	local w keep=
	for w in $workloads; do
		case $part:$w in
		all:*|pps:W[12346]*) keep+=${keep:+ }$w ;;
		esac
	done
	workloads=$keep
	[ "$part" != pps ] || w5=0
}
part_workloads

load_vbr || { echo "vbr.ko does not load"; exit 1; }
modprobe bridge || exit 1
modprobe openvswitch || exit 1
if ! err=$(topology 2>&1); then
	echo "topology: $err"
	exit 1
fi

echo VBR-BENCH-BEGIN
meta
# A run of each kind, not counted: the first runs in a fresh VM are slow
# (page faults, first-time allocations), and would favour no system.
log "warm-up"
[[ " $workloads " != *" W"[1236]* ]] ||
	secs=1 iperf_secs=1 w_unicast W1 mirred 0 1 > /dev/null
[[ " $workloads " != *" W4 "* ]] ||
	secs=1 iperf_secs=1 w_tcp mirred 0 > /dev/null
read -r -a sys_list <<< "$systems"
ns=${#sys_list[@]}
for ((r = 1; r <= rounds; r++)); do
	for w in $workloads; do
		for ((i = 0; i < ns; i++)); do
			s=${sys_list[(i + r - 1) % ns]}
			# The variants need port flags: vbr and the bridge only,
			# and not again on a system that refused them.
			case $w in
			W1l|W3i)
				case $s in vbr|bridge) ;; *) continue ;; esac
				[ -z "${skipped[$w.$s]:-}" ] || continue ;;
			W3s)
				[ "$s" = vbr ] || continue
				[ -z "${skipped[$w.$s]:-}" ] || continue ;;
			W2v)
				case $s in vbr|bridge) ;; *) continue ;; esac ;;
			W6)
				[ -z "${skipped[$w.$s]:-}" ] || continue
				if [ "$s" = mirred ] && [ -e /tmp/bench.no-act-vlan ]; then
					skip W6 mirred "$r" "no act_vlan module in this kernel's modules: tc cannot pop the tag, W6 skipped"
					continue
				fi ;;
			esac
			case $w in
			W1|W1l|W6)
				log "round $r $w $s"
				w_unicast "$w" "$s" "$r" 1 ;;
			W2v)
				log "round $r W2v (1,000 MACs in each of 100 VLANs) $s"
				w_unicast W2v "$s" "$r" 1000 ;;
			W2)
				for n in $w2_counts; do
					log "round $r W2 ($n MACs) $s"
					w_unicast "W2_$n" "$s" "$r" "$n"
				done ;;
			W3|W3H|W3i|W3s)
				log "round $r $w $s"
				w_flood "$s" "$r" "$w" ;;
			W4)
				log "round $r W4 $s"
				w_tcp "$s" "$r" ;;
			esac
		done
	done
done
if [[ " $workloads " == *" W1 "* ]]; then
	log "W0 sink"
	w_sink 1
fi
if [[ " $workloads " == *" W2v "* ]]; then
	log "W0v sink (W2v's 100 pktgen devices)"
	w_sink 1 W0v
fi
if [ "$w5" = 1 ]; then
	for s in vbr bridge; do
		[[ " $systems " == *" $s "* ]] || continue
		log "W5 $s ($w5_n MACs)"
		w_fdb "$s"
	done
fi
echo VBR-BENCH-END
