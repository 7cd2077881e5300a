# SPDX-License-Identifier: GPL-2.0
#
# make                 build module/vbr.ko against KDIR, and the tools
# make KDIR=<headers>  the same against another kernel's headers
# make check           every test: builds on 6.1, 6.12 and 6.12-rt, lint, VM selftests
# make demo            boot a VM and show vbr at work
# make vm-shell        boot a VM with vbr ready to insmod (KERNEL=6.1|6.12|6.12-rt)
# make lint            checkpatch --strict, the YNL spec against the uapi header
#                      and the genl policies, sparse
# make coverage        line and branch coverage of module/ (gcov, debug kernel)
# make bench           vbr against bridge, Open vSwitch and tc mirred in a VM
#                      (not part of make check; see Documentation/bench.md)
# make kernels         fetch the Debian kernels into the cache
# make install         vbr.ko, vbrctl, ip's vbr plugin, man pages, bash
#                      completion, the ifupdown hook (install-module,
#                      install-tools); make uninstall removes them
# make dkms-install    the module's source into /usr/src/vbr-VERSION/ and
#                      DKMS (dkms add, build, install); make dkms-uninstall
# make deb             Debian packages vbr-dkms and vbrctl in build/deb/
#
# Install variables: DESTDIR, PREFIX (/usr/local; Debian's packages use
# /usr), KVER (the kernel release; uname -r), KDIR (its headers,
# /lib/modules/KVER/build), IPLIBDIR (where ip looks for plugins,
# /usr/lib/<multiarch>/ip), MODULE_SIGN_KEY and MODULE_SIGN_CERT (sign
# vbr.ko with KDIR's scripts/sign-file as it is installed).
# Documentation/admin-guide.md, "Install", says more.

# depmod, modinfo and modprobe (kmod) live in /usr/sbin, which is not in
# a Debian user's PATH: the VM scripts need them.
export PATH := $(PATH):/usr/sbin:/sbin

# Run as root in a clone that another user owns (sudo make demo, sudo
# make install): at the end, even after a failure or ^C, every file root
# owns in the clone goes back to the clone's owner, so that the next run
# as that user can overwrite it; the same in the cache (VBR_CACHE,
# default ~/.cache/vbr) when $HOME belongs to that user (sudo -E). Not
# under DESTDIR nor fakeroot, where root must own what is installed, nor
# with make -n.
ifeq ($(VBR_AS_OWNER)$(FAKEROOTKEY)$(findstring n,$(firstword -$(MAKEFLAGS))),)
VBR_OWNER := $(shell [ "$$(id -u)" = 0 ] && stat -c %u:%g $(CURDIR) | grep -v '^0:')
endif

ifneq ($(VBR_OWNER),)
goals := $(or $(MAKECMDGOALS),all)
chown_cmd := chown -h $(VBR_OWNER) {} +
chown_cache := $${VBR_CACHE:-$$HOME/.cache/vbr}
.PHONY: $(goals) vbr-as-owner
$(goals): vbr-as-owner
	@:
vbr-as-owner:
	@trap 'find $(CURDIR) -xdev $(if $(DESTDIR),-path $(abspath $(DESTDIR)) -prune -o) \
		-uid 0 -exec $(chown_cmd); \
		[ ! -d "$(chown_cache)" ] || [ "$$(stat -c %u "$$HOME")" != $(firstword $(subst :, ,$(VBR_OWNER))) ] || \
		find "$(chown_cache)" -xdev -uid 0 -exec $(chown_cmd)' EXIT; \
	trap 'exit 130' INT; trap 'exit 143' TERM HUP; \
	$(MAKE) --no-print-directory VBR_AS_OWNER=1 $(MAKECMDGOALS)
else

ifndef KVER
KVER := $(shell uname -r)
endif
KDIR ?= /lib/modules/$(KVER)/build
KERNEL ?= 6.12
KERNELS := 6.1 6.12 6.12-rt
VBR_VERSION := $(shell cat $(CURDIR)/VERSION)

PREFIX ?= /usr/local
MODDIR ?= /lib/modules/$(KVER)/updates
MANDIR ?= $(PREFIX)/share/man
DKMS_DIR := /usr/src/vbr-$(VBR_VERSION)

all: module tools

module:
	@test -d $(KDIR) || { echo "vbr: no kernel headers in $(KDIR):" \
		"apt install linux-headers-$(KVER), or give KDIR (and KVER)" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

tools:
	$(MAKE) -C tools/iproute2
	$(MAKE) -C tools/vbrctl
	$(MAKE) -C selftests/tools

kernels:
	scripts/fetch-kernels $(KERNELS)

# vbr.ko for each cached Debian kernel, in build/<abi>/.
modules-all:
	@for k in $(KERNELS); do scripts/build-module $$k || exit 1; done

lint:
	scripts/lint

# Both install what they need first (scripts/install-deps; skipped with
# VBR_NO_INSTALL_DEPS=1).
check:
	scripts/install-deps check
	scripts/check

demo:
	scripts/install-deps demo
	$(MAKE) tools
	scripts/build-module $(KERNEL)
	selftests/vm/run --kernel $(KERNEL) -- /vbr/selftests/demo.sh

vm-shell: tools
	scripts/build-module $(KERNEL)
	selftests/vm/run --kernel $(KERNEL) --shell

bench:
	scripts/bench

coverage:
	scripts/coverage

# ---- install -------------------------------------------------------------

install: install-module install-tools

uninstall: uninstall-module uninstall-tools

# vbr.ko into MODDIR, without its debug information (as the kernel's
# INSTALL_MOD_STRIP=1), then signed if asked, then depmod. With DESTDIR
# there is no depmod: the system that gets the files runs it.
install-module: module
ifneq ($(MODULE_SIGN_KEY)$(MODULE_SIGN_CERT),)
	@test -n "$(MODULE_SIGN_KEY)" -a -n "$(MODULE_SIGN_CERT)" || \
		{ echo "vbr: signing needs both MODULE_SIGN_KEY and MODULE_SIGN_CERT" >&2; exit 1; }
endif
	install -D -m 0644 module/vbr.ko $(DESTDIR)$(MODDIR)/vbr.ko
	strip --strip-debug $(DESTDIR)$(MODDIR)/vbr.ko
ifneq ($(MODULE_SIGN_KEY)$(MODULE_SIGN_CERT),)
	$(KDIR)/scripts/sign-file sha256 $(MODULE_SIGN_KEY) $(MODULE_SIGN_CERT) \
		$(DESTDIR)$(MODDIR)/vbr.ko
endif
	$(depmod)

uninstall-module:
	rm -f $(DESTDIR)$(MODDIR)/vbr.ko
	$(depmod)

ifeq ($(DESTDIR),)
depmod = depmod -a $(KVER)
else
depmod = @echo "vbr: DESTDIR is set, so no depmod: run depmod -a $(KVER) where the files go"
endif

# vbrctl, its man page and bash completion; ip's plugin; the ifupdown
# hook and its man page when they are there (tools/ifupdown).
install-tools:
	$(MAKE) -C tools/vbrctl install PREFIX=$(PREFIX) MANDIR=$(MANDIR)
	$(MAKE) -C tools/iproute2 install
ifneq ($(wildcard tools/ifupdown/vbr),)
	install -D -m 0755 tools/ifupdown/vbr $(DESTDIR)/etc/network/if-pre-up.d/vbr
	install -D -m 0755 tools/ifupdown/vbr $(DESTDIR)/etc/network/if-post-down.d/vbr
endif
ifneq ($(wildcard tools/ifupdown/vbr-interfaces.5),)
	install -D -m 0644 tools/ifupdown/vbr-interfaces.5 \
		$(DESTDIR)$(MANDIR)/man5/vbr-interfaces.5
endif

uninstall-tools:
	$(MAKE) -C tools/vbrctl uninstall PREFIX=$(PREFIX) MANDIR=$(MANDIR)
	$(MAKE) -C tools/iproute2 uninstall
	rm -f $(DESTDIR)/etc/network/if-pre-up.d/vbr \
		$(DESTDIR)/etc/network/if-post-down.d/vbr \
		$(DESTDIR)$(MANDIR)/man5/vbr-interfaces.5

# ---- Debian packages and DKMS --------------------------------------------

deb:
	scripts/mkdeb

# The tree DKMS builds vbr.ko from, DKMS_DIR: Kbuild, VERSION, module/
# (not its KUnit tests), uapi/ and dkms.conf with the version filled in.
dkms-tree:
	rm -rf $(DESTDIR)$(DKMS_DIR)
	install -d $(DESTDIR)$(DKMS_DIR)/module $(DESTDIR)$(DKMS_DIR)/uapi/linux
	install -m 0644 Kbuild VERSION $(DESTDIR)$(DKMS_DIR)/
	install -m 0644 module/Kbuild $(filter-out %.mod.c,$(wildcard module/*.[ch])) \
		$(DESTDIR)$(DKMS_DIR)/module/
	install -m 0644 $(wildcard uapi/linux/*.h) $(DESTDIR)$(DKMS_DIR)/uapi/linux/
	sed 's/@VERSION@/$(VBR_VERSION)/g' dkms.conf > $(DESTDIR)$(DKMS_DIR)/dkms.conf

# dkms add, build and install for KVER (KDIR, when given, is passed as
# the kernel's source); a vbr of the same version that DKMS already has
# is removed first.
dkms_k := -k $(KVER) $(if $(filter command line,$(origin KDIR)),--kernelsourcedir $(KDIR))
dkms-install:
	@command -v dkms >/dev/null || { echo "vbr: dkms is not installed (apt install dkms)" >&2; exit 1; }
	if [ -n "$$(dkms status -m vbr -v $(VBR_VERSION))" ]; then \
		dkms remove -m vbr -v $(VBR_VERSION) --all; fi
	$(MAKE) --no-print-directory dkms-tree DESTDIR=
	dkms add -m vbr -v $(VBR_VERSION)
	dkms build -m vbr -v $(VBR_VERSION) $(dkms_k)
	dkms install -m vbr -v $(VBR_VERSION) $(dkms_k)

dkms-uninstall:
	if [ -n "$$(dkms status -m vbr -v $(VBR_VERSION))" ]; then \
		dkms remove -m vbr -v $(VBR_VERSION) --all; fi
	rm -rf $(DKMS_DIR)

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	$(MAKE) -C tools/iproute2 clean
	$(MAKE) -C tools/vbrctl clean
	$(MAKE) -C selftests/tools clean
	rm -rf build

.PHONY: all module tools kernels modules-all lint check demo vm-shell clean
.PHONY: bench coverage
.PHONY: install uninstall install-module uninstall-module install-tools uninstall-tools
.PHONY: deb dkms-tree dkms-install dkms-uninstall

endif # VBR_OWNER
