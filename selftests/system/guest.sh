#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The system test inside the booted image (see run): "guest.sh STAGE",
# run by the image's vbr-system-test unit from the payload disk
# (/payload: env, debs/, src.tar). Prints TAP lines without numbers
# ("ok - ...", "not ok - ...") and "# " notes; run numbers them.
#
#   stage 1  the packages: apt install of vbr-dkms and vbrctl with no
#            network (DKMS builds vbr.ko for the running kernel), module
#            autoload by ip, vbrctl --version, and a vbr bridge in
#            /etc/network/interfaces for the next boot.
#   stage 2  that bridge came up at boot with its ports and address and
#            carries pings (from a second NIC through qemu's hub, and from
#            a veth in a netns); ifdown and ifup; apt remove, then purge,
#            leave nothing behind; make install and make uninstall from
#            the source tree, the same.
set -uo pipefail
stage=$1
# shellcheck source=/dev/null
. /payload/env	# ABI, DEBS, VERSION
state=/var/lib/vbr-systest
# Logs of the stage's steps, for the host to read back (run copies them
# to build/system/logs/).
logs=/payload/logs/stage$stage
mkdir -p "$state" "$logs"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }
note() { echo "# $*"; }
# quote FILE [N]: a file's last N lines as notes.
quote() { tail -n "${2:-25}" "$1" 2>/dev/null | sed 's/^/#   /'; }

# check DESC CMD...: one result; CMD's output is shown only if it fails.
check() {
	local desc=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	if [ $rc = 0 ]; then
		ok "$desc"
	else
		notok "$desc"
		[ -z "$out" ] || printf '%s\n' "$out" | tail -n 25 | sed 's/^/#   /'
	fi
	return $rc
}

# timed NAME CMD...: CMD with its output in $logs/NAME.log, and its time.
timed() {
	local name=$1 s=$SECONDS rc
	shift
	"$@" > "$logs/$name.log" 2>&1
	rc=$?
	note "time: $name $((SECONDS - s)) s"
	return $rc
}

# Files (not directories) of the root file system but the places that
# change by themselves; for what an install leaves behind.
snapshot() {
	find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run \
		-o -path /tmp -o -path /root -o -path /payload -o -path /var/log \
		-o -path /var/cache -o -path /var/lib/apt -o -path /var/lib/dpkg \
		-o -path /var/lib/systemd -o -path /var/tmp -o -path "$state" \) \
		-prune -o ! -type d -print | LC_ALL=C sort
}

loaded() { [ -e /sys/module/vbr ]; }

# has TEXT CMD...: CMD's output contains TEXT.
has() {
	local text=$1 out
	shift
	out=$("$@" 2>&1) || { printf '%s\n' "$out"; return 1; }
	grep -qF -- "$text" <<< "$out" && return 0
	printf 'no "%s" in:\n%s\n' "$text" "$out"
	return 1
}

# lacks PATH...: none of the paths exists.
lacks() {
	local p bad=0
	for p; do
		if [ -e "$p" ] || [ -L "$p" ]; then
			echo "still there: $p"
			bad=1
		fi
	done
	return $bad
}

note "stage $stage: up $(cut -d' ' -f1 /proc/uptime) s (the unit started)"
udevadm settle -t 60

common() {
	check "systemd is PID 1" test "$(cat /proc/1/comm)" = systemd
	check "the kernel is Debian's $ABI" test "$(uname -r)" = "$ABI"
	check "eth0 is :01 and eth1 is :02 (qemu's NIC order)" \
		test "$(cat /sys/class/net/eth0/address /sys/class/net/eth1/address 2>&1 | tr '\n' ' ')" \
		= "52:54:00:12:00:01 52:54:00:12:00:02 "
}

stage1() {
	common
	check "no vbr module before the install" bash -c '! modinfo vbr'
	check "headers of the running kernel, no others" \
		test "$(ls -d /usr/src/linux-headers-*-amd64)" = "/usr/src/linux-headers-$ABI"
	snapshot > "$state/before-apt"

	if [ "$DEBS" != 1 ]; then
		notok "apt install ./vbr-dkms_*.deb ./vbrctl_*.deb # SKIP no packages (make deb failed)"
		return
	fi
	# No network: apt resolves the dependencies from what is installed.
	if timed apt-install apt-get install -y --no-install-recommends \
		/payload/debs/vbr-dkms_*.deb /payload/debs/vbrctl_*.deb; then
		ok "apt install ./vbr-dkms_*.deb ./vbrctl_*.deb (offline)"
	else
		notok "apt install ./vbr-dkms_*.deb ./vbrctl_*.deb (offline)"
		quote "$logs/apt-install.log" 40
		find /var/lib/dkms/vbr -name make.log -exec tail -n 25 {} \; | sed 's/^/#   /'
		return
	fi
	grep -E '^(Building|Installing|Setting up|Preparing|Running|Sign|depmod)' \
		"$logs/apt-install.log" | sed 's/^/#   /'
	find /var/lib/dkms/vbr -name make.log -exec cp {} "$logs/dkms-make.log" \;
	check "dkms status: vbr $VERSION installed for $ABI" \
		has "vbr/$VERSION, $ABI, x86_64: installed" dkms status vbr
	local ko
	ko=$(modinfo -n vbr 2>&1)
	check "modinfo: vbr.ko from DKMS in /lib/modules/$ABI/updates/dkms/ ($ko)" \
		bash -c "[[ '$ko' == /lib/modules/$ABI/updates/dkms/vbr.ko* ]]"
	check "vbr.ko's vermagic is $ABI's" has "$ABI SMP" modinfo -F vermagic vbr
	check "vbr.ko's version is $VERSION" test "$(modinfo -F version vbr)" = "$VERSION"
	check "vbrctl --version says $VERSION" has "$VERSION" vbrctl --version

	# Nothing loaded vbr yet: ip's request for a link of kind vbr makes
	# the kernel load it (its rtnl-link-vbr alias).
	check "vbr is not loaded before ip asks for it" bash -c '! test -e /sys/module/vbr'
	check "ip link add br1 type vbr (the module loads on demand)" \
		ip link add br1 type vbr ageing_time 1000
	check "vbr is loaded" loaded
	check "ip -d link show br1: a vbr bridge, through ip's plugin" \
		has "ageing_time 1000" ip -d link show br1
	check "ip link del br1" ip link del br1

	# The bridge of the next boot: the example of vbr-interfaces(5),
	# with the tap made by its own stanza first, and an ageing time
	# that is not the default (300 s) so that it shows it was applied.
	cat >> /etc/network/interfaces <<'EOF'

auto tap0
iface tap0 inet manual
    pre-up ip tuntap add dev tap0 mode tap
    post-down ip tuntap del dev tap0 mode tap

auto br0
iface br0 inet static
    address 192.0.2.1/24
    vbr_ports eth1 tap0
    vbr_ageing_time 120
EOF
	check "ifquery br0 reads the stanza" has "vbr_ports: eth1 tap0" ifquery br0
	dpkg -L vbr-dkms vbrctl > "$state/dpkg-files"
	cat /var/lib/dpkg/info/vbr-dkms.conffiles /var/lib/dpkg/info/vbrctl.conffiles \
		> "$state/conffiles" 2>/dev/null
	touch "$state/installed"
}

# The bridge br0 as the boot left it.
bridge_checks() {
	local when=$1
	check "$when: br0 is a vbr bridge" has "vbr ageing_time" ip -d link show br0
	check "$when: br0 is up, with carrier" has ",UP,LOWER_UP>" ip link show br0
	check "$when: br0 has 192.0.2.1/24" has "inet 192.0.2.1/24" ip -4 addr show dev br0
	check "$when: eth1 is a port of br0" has "master br0" ip link show eth1
	check "$when: tap0 is a port of br0" has "master br0" ip link show tap0
	check "$when: vbr_ageing_time 120 is 12000 centiseconds" \
		has "ageing_time 12000" ip -d link show br0
}

stage2() {
	common
	if [ -e "$state/installed" ]; then
		packages
	else
		notok "stage 1 installed the packages (their checks are skipped)"
	fi
	make_install
}

# The bridge of the stanza at boot, then the packages' removal.
packages() {
	check "networking.service (ifup -a) succeeded" systemctl is-active networking.service
	systemctl status --no-pager -n 20 networking.service 2>&1 | sed 's/^/#   /' |
		grep -i -E 'vbr|fail|error' || true
	check "vbr was loaded at boot" loaded
	bridge_checks boot

	# A ping from eth0 through qemu's hub into eth1, a port of br0.
	ip netns add ns0 && ip link set eth0 netns ns0 &&
		ip -n ns0 addr add 192.0.2.2/24 dev eth0 && ip -n ns0 link set eth0 up &&
		ip -n ns0 link set lo up
	check "a second NIC (eth0, in a netns) pings 192.0.2.1 through port eth1" \
		ip netns exec ns0 ping -c 3 -i 0.5 -w 30 192.0.2.1
	check "br0 learned eth0's MAC on port eth1" \
		has "52:54:00:12:00:01" bash -c "vbrctl fdb show br0 port eth1"
	# A veth in another netns, a port added by hand.
	ip netns add ns1 && ip link add v1 type veth peer name v1p &&
		ip link set v1p netns ns1 && ip link set v1 master br0 &&
		ip link set v1 up && ip -n ns1 addr add 192.0.2.3/24 dev v1p &&
		ip -n ns1 link set v1p up
	check "a veth in a netns pings 192.0.2.1" ip netns exec ns1 ping -c 3 -i 0.5 -w 30 192.0.2.1
	check "the veth pings eth0 across br0 (port to port)" \
		ip netns exec ns1 ping -c 3 -i 0.5 -w 30 192.0.2.2
	ip link del v1
	ip netns del ns1
	ip -n ns0 link set eth0 netns 1
	ip netns del ns0

	check "ifdown br0" ifdown br0
	check "ifdown br0: br0 is gone" bash -c '! ip link show br0'
	check "ifdown br0: eth1 has no master" bash -c '! ip link show eth1 | grep -q master'
	check "ifup br0" ifup br0
	bridge_checks "ifup again"
	check "ifdown br0 tap0" ifdown br0 tap0
	check "modprobe -r vbr (nothing holds it)" modprobe -r vbr

	# apt remove: what the packages installed is gone but their
	# conffiles (the ifupdown hook); purge takes those too.
	if timed apt-remove apt-get remove -y vbr-dkms vbrctl; then
		ok "apt remove vbr-dkms vbrctl"
	else
		notok "apt remove vbr-dkms vbrctl"
		quote "$logs/apt-remove.log"
	fi
	local f files=() conf=()
	while read -r f; do
		[ -d "$f" ] && [ ! -L "$f" ] && continue
		grep -qxF -- "$f" "$state/conffiles" && conf+=("$f") || files+=("$f")
	done < "$state/dpkg-files"
	note "apt remove: ${#files[@]} files, ${#conf[@]} conffiles (${conf[*]})"
	check "apt remove: every file of the packages but conffiles is gone" lacks "${files[@]}"
	check "apt remove: DKMS has no vbr, vbr.ko and its DKMS tree are gone" \
		bash -c "[ -z \"\$(dkms status vbr)\" ] && ! modinfo vbr &&
			! ls -d /var/lib/dkms/vbr /usr/src/vbr-* /lib/modules/$ABI/updates/dkms/vbr.ko*"
	check "apt remove: ip link add type vbr now fails" \
		bash -c '! ip link add br1 type vbr || { ip link del br1; false; }'
	if timed apt-purge apt-get purge -y vbr-dkms vbrctl; then
		ok "apt purge vbr-dkms vbrctl"
	else
		notok "apt purge vbr-dkms vbrctl"
		quote "$logs/apt-purge.log"
	fi
	check "apt purge: the conffiles are gone too" lacks "${conf[@]}"
	check "dpkg knows neither package any more" \
		bash -c '! dpkg -s vbr-dkms && ! dpkg -s vbrctl'
	snapshot > "$state/after-apt"
	check "apt install then purge left no file behind" \
		bash -c "comm -13 '$state/before-apt' '$state/after-apt' | grep . && exit 1; exit 0"
}

# make install and make uninstall from the source tree, as root, for
# the running kernel (the default KVER).
make_install() {
	local src=/root/src
	rm -rf "$src"
	mkdir -p "$src"
	if ! tar -C "$src" -xf /payload/src.tar; then
		notok "unpack the source tree"
		return
	fi
	snapshot > "$state/before-install"
	if timed make-install make -C "$src" -j2 install; then
		ok "make install"
	else
		notok "make install"
		quote "$logs/make-install.log"
		return
	fi
	snapshot > "$state/after-install"
	comm -13 "$state/before-install" "$state/after-install" > "$state/installed-files"
	note "make install: $(tr '\n' ' ' < "$state/installed-files")"
	check "make install: vbr.ko in /lib/modules/$ABI/updates/" \
		test -e "/lib/modules/$ABI/updates/vbr.ko"
	check "modinfo finds it (depmod ran)" \
		test "$(modinfo -n vbr 2>&1)" = "/lib/modules/$ABI/updates/vbr.ko"
	check "make install: vbrctl, ip's plugin and the ifupdown hook are there" \
		bash -c 'command -v vbrctl && ls /usr/lib/x86_64-linux-gnu/ip/link_vbr.so \
			/etc/network/if-pre-up.d/vbr /etc/network/if-post-down.d/vbr'
	check "make install: vbrctl --version says $VERSION" has "$VERSION" vbrctl --version
	check "modprobe vbr" modprobe vbr
	check "ip link add br1 type vbr ageing_time 2000" ip link add br1 type vbr ageing_time 2000
	check "ip -d link show br1 through the installed plugin" \
		has "ageing_time 2000" ip -d link show br1
	check "vbrctl show br1" has br1 vbrctl show br1
	ip link del br1
	check "modprobe -r vbr" modprobe -r vbr
	if timed make-uninstall make -C "$src" uninstall; then
		ok "make uninstall"
	else
		notok "make uninstall"
		quote "$logs/make-uninstall.log"
	fi
	snapshot > "$state/after-uninstall"
	check "make uninstall removed every file make install added" \
		bash -c "comm -13 '$state/before-install' '$state/after-uninstall' | grep . && exit 1; exit 0"
	check "make uninstall: modinfo vbr finds nothing" bash -c '! modinfo vbr'
}

case $stage in
1) stage1 ;;
2) stage2 ;;
*) notok "unknown stage $stage" ;;
esac
note "stage $stage: done, up $(cut -d' ' -f1 /proc/uptime) s"
journalctl -b --no-pager > "$logs/journal.log" 2>&1
systemd-analyze blame > "$logs/systemd-blame.log" 2>&1
