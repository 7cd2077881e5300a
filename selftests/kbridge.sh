#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kernel's own bridge selftests (tools/testing/selftests/net/forwarding/:
# bridge_vlan_unaware.sh, bridge_vlan_aware.sh, bridge_port_isolation.sh)
# against a vbr bridge. scripts/fetch-kselftests extracts them from
# Debian's linux-source-6.12 on the host with only the link kinds changed
# (type bridge -> type vbr, bridge_slave -> vbr_slave), and vm/run ships
# them to /vbr/kselftest. Each script runs in a network namespace of its
# own with the veth topology its lib.sh builds (NETIF_CREATE=yes); each
# "TEST: <name> [ OK ]" line it prints becomes one KTAP result here.
#
# usage: kbridge.sh [SCRIPT ...]   (default: every script in the table)
# VBR_KBRIDGE_ALL=1 also runs the cases vbr cannot pass by design: they
# are still reported as skipped, with what they gave.
source "$(dirname "$0")/lib.sh"

KSELFTEST=${VBR_KSELFTEST:-$VBR_TOP/kselftest/net/forwarding}
# One script's run, under TCG; the debug kernel is slower.
KTIMEOUT=${VBR_KBRIDGE_TIMEOUT:-600}

# Every case the scripts report: SCRIPT|FUNCTION|NAME, NAME as log_test
# prints it. A TEST line not listed here is reported too, after these.
# A name a script prints again (bridge_vlan_aware.sh's vlan_deletion
# pings once more) is "NAME (2)" here for its second time, and its KTAP
# result is named after its function instead ("SCRIPT: FUNCTION: NAME").
cases=(
	"bridge_vlan_unaware.sh|ping_ipv4|ping"
	"bridge_vlan_unaware.sh|ping_ipv6|ping6"
	"bridge_vlan_unaware.sh|learning|FDB learning"
	"bridge_vlan_unaware.sh|flooding|Unknown unicast flood"
	"bridge_vlan_unaware.sh|flooding|Unregistered multicast flood"
	"bridge_vlan_aware.sh|ping_ipv4|ping"
	"bridge_vlan_aware.sh|ping_ipv6|ping6"
	"bridge_vlan_aware.sh|learning|FDB learning"
	"bridge_vlan_aware.sh|flooding|Unknown unicast flood"
	"bridge_vlan_aware.sh|flooding|Unregistered multicast flood"
	"bridge_vlan_aware.sh|vlan_deletion|ping (2)"
	"bridge_vlan_aware.sh|vlan_deletion|ping6 (2)"
	"bridge_vlan_aware.sh|extern_learn|Externally learned FDB entry - ageing & roaming"
	"bridge_vlan_aware.sh|other_tpid|FDB entry in PVID for VLAN-tagged with other TPID"
	"bridge_vlan_aware.sh|other_tpid|Reception of VLAN with other TPID as untagged"
	"bridge_vlan_aware.sh|other_tpid|Reception of VLAN with other TPID as untagged (no PVID)"
	"bridge_port_isolation.sh|ping_ipv4|Isolated port ping"
	"bridge_port_isolation.sh|ping_ipv6|Isolated port ping6"
	"bridge_port_isolation.sh|flooding|Isolated port flooding"
)

# Cases vbr cannot pass by design, by name (SCRIPT|NAME), never by what
# a failure looks like; Documentation/testing.md lists each with the vbr
# command that does the same job. A function whose cases are all here is
# not run (unless VBR_KBRIDGE_ALL is set).
declare -A unsupported=(
	["bridge_vlan_unaware.sh|FDB learning"]="reads the FDB with 'bridge fdb show br br0 brport PORT', which the kernel sends only to IFF_EBRIDGE and IFF_BRIDGE_PORT devices (vbr: bridge fdb show dev br0, vbrctl fdb show br0 port PORT)"
	["bridge_vlan_aware.sh|FDB learning"]="reads the FDB with 'bridge fdb show br br0 brport PORT', which the kernel sends only to IFF_EBRIDGE and IFF_BRIDGE_PORT devices (vbr: bridge fdb show dev br0 vlan 1, vbrctl fdb show br0 port PORT vlan 1)"
	["bridge_vlan_aware.sh|Externally learned FDB entry - ageing & roaming"]="adds its entry with 'bridge fdb add MAC dev PORT master extern_learn vlan 1', which the kernel hands only to IFF_BRIDGE_PORT ports, and reads it with 'bridge fdb show brport PORT' (vbr has no externally learned entries; an entry that never ages: bridge fdb add MAC dev br0 self static vlan 1 via PORT, vbrctl fdb add br0 MAC port PORT vlan 1)"
)

# The test VM's settings, read by the kernel's lib.sh. NETIFS keeps its
# defaults (veth0..veth9), created by lib.sh and deleted with the netns.
write_config() {
	cat > "$KSELFTEST/forwarding.config" <<-EOF
	# Written by vbr's selftests/kbridge.sh.
	NETIF_CREATE=yes
	NETIF_TYPE=veth
	# The VM has iputils' ping, which takes IPv6 addresses, and no ping6.
	PING6=ping
	MZ=mausezahn
	# After setup, for IPv6 DAD (at most 2 s from carrier) rather than
	# the default 5 s: every second here is paid on each kernel.
	WAIT_TIME=3
	EOF
}

# case_key SCRIPT FUNCTION NAME: the name of a case's KTAP result,
# "SCRIPT: NAME"; a name printed again, "NAME (2)" of vlan_deletion, is
# "SCRIPT: vlan_deletion: NAME".
case_key() {
	if [[ -n $2 && $3 =~ ^(.*)\ \([0-9]+\)$ ]]; then
		echo "$1: $2: ${BASH_REMATCH[1]}"
	else
		echo "$1: $3"
	fi
}

ktap_line() {
	ktap_n=$((ktap_n + 1))
	echo "$1 $ktap_n $2"
}

# run_script SCRIPT: run it, then one KTAP line per case.
run_script() {
	local s=$1 c f fn name fns='' key line re out rc t0 st
	local -A res=() msg=() want=() fn_sup=() fn_seen=() times=() fn_of=()
	local extra=() last=

	for c in "${cases[@]}"; do
		IFS='|' read -r f fn name <<<"$c"
		[ "$f" = "$s" ] || continue
		want[$name]=1
		fn_of[$name]=$fn
		[ -n "${fn_seen[$fn]:-}" ] || { fn_seen[$fn]=1; fns+=" $fn"; }
		[ -n "${unsupported[$s|$name]:-}" ] || fn_sup[$fn]=1
	done
	# The functions to run, in the script's own order.
	local tests=
	for fn in $fns; do
		if [ -n "${fn_sup[$fn]:-}" ] || [ -n "${VBR_KBRIDGE_ALL:-}" ]; then
			tests+=" $fn"
		fi
	done

	t0=$SECONDS
	$IP netns add kbr
	rc=0
	out=$(cd "$KSELFTEST" && TESTS=${tests# } timeout -k 10 "$KTIMEOUT" \
		$IP netns exec kbr bash "./$s" 2>&1) || rc=$?
	cleanup_all

	# log_test: printf "TEST: %-60s  [%s]\n" "$name $opt" RESULT, then
	# a tab and the failure message, if any.
	re='^TEST: (.*[^ ]) +\[ ?(OK|FAIL|XFAIL|SKIP) ?\]$'
	while IFS= read -r line; do
		if [[ $line =~ $re ]]; then
			last=${BASH_REMATCH[1]}
			# The second time a name is printed: "NAME (2)".
			times[$last]=$(( ${times[$last]:-0} + 1 ))
			[ "${times[$last]}" -eq 1 ] || last+=" (${times[$last]})"
			res[$last]=${BASH_REMATCH[2]}
			[ -n "${want[$last]:-}" ] || extra+=("$last")
		elif [[ -n $last && $line == $'\t'* ]]; then
			msg[$last]=${line#$'\t'}
			last=
		else
			last=
		fi
	done <<<"$out"

	local bad=0 names=()
	for c in "${cases[@]}"; do
		IFS='|' read -r f fn name <<<"$c"
		[ "$f" = "$s" ] && names+=("$name")
	done
	names+=("${extra[@]}")
	for name in "${names[@]}"; do
		key=$(case_key "$s" "${fn_of[$name]:-}" "$name")
		st=${res[$name]:-}
		if [ -n "${unsupported[$s|$name]:-}" ]; then
			ktap_line ok "$key # SKIP unsupported by design: ${unsupported[$s|$name]}${st:+ (ran: $st${msg[$name]:+: ${msg[$name]}})}"
			continue
		fi
		case $st in
		OK)    ktap_line ok "$key" ;;
		XFAIL) ktap_line ok "$key # XFAIL ${msg[$name]:-}" ;;
		SKIP)  ktap_line ok "$key # SKIP ${msg[$name]:-}" ;;
		FAIL)
			ktap_line "not ok" "$key"
			echo "# ${msg[$name]:-failed}"
			ktap_fail=$((ktap_fail + 1))
			bad=1 ;;
		*)
			# The whole script skipped: lib.sh says why last.
			if [ $rc -eq "$ksft_skip" ]; then
				ktap_line ok "$key # SKIP ${out##*$'\n'}"
				continue
			fi
			ktap_line "not ok" "$key"
			echo "# no result: $s exited with $rc"
			ktap_fail=$((ktap_fail + 1))
			bad=1 ;;
		esac
	done
	# Everything the script said, when something went wrong.
	if [ $bad -eq 1 ]; then
		echo "# output of $s (exit $rc):"
		sed 's/^/#   /' <<<"$out"
	fi
	echo "# $s took $((SECONDS - t0)) s"
}

# skip_all REASON: every case of the chosen scripts, skipped.
skip_all() {
	local c f fn name
	for c in "${cases[@]}"; do
		IFS='|' read -r f fn name <<<"$c"
		[[ " ${scripts[*]} " == *" $f "* ]] || continue
		ktap_line ok "$(case_key "$f" "$fn" "$name") # SKIP $1"
	done
}

main() {
	local c f s seen='' n=0

	scripts=("$@")
	if [ ${#scripts[@]} -eq 0 ]; then
		for c in "${cases[@]}"; do
			f=${c%%|*}
			[[ " $seen " == *" $f "* ]] && continue
			seen+=" $f"
			scripts+=("$f")
		done
	fi
	for c in "${cases[@]}"; do
		[[ " ${scripts[*]} " == *" ${c%%|*} "* ]] && n=$((n + 1))
	done
	echo "KTAP version 1"
	echo "1..$n"
	if [ ! -f "$KSELFTEST/lib.sh" ]; then
		skip_all "no kernel selftests in $KSELFTEST (scripts/fetch-kselftests on the host: install linux-source-6.12)"
		return 0
	fi
	# The scripts ping through "ip vrf exec", which attaches a BPF
	# program to a cgroup: a kernel without cgroups or the bpf() system
	# call (the debug kernel) cannot run them.
	if ! matches $'\tcgroup2$' "$(< /proc/filesystems)" ||
	   [ ! -e /proc/sys/kernel/unprivileged_bpf_disabled ]; then
		skip_all "this kernel has no cgroup2 or bpf(), which ip vrf exec needs (CONFIG_CGROUPS, CONFIG_BPF_SYSCALL, CONFIG_CGROUP_BPF)"
		return 0
	fi
	load_vbr
	write_config
	cleanup_all
	for s in "${scripts[@]}"; do
		run_script "$s"
	done
	echo "# $((ktap_n - ktap_fail)) passed, $ktap_fail failed"
	[ "$ktap_fail" -eq 0 ]
}

main "$@"
