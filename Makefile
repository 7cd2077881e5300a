# SPDX-License-Identifier: GPL-2.0
#
# make                 build module/vbr.ko against KDIR, and the tools
# make KDIR=<headers>  the same against another kernel's headers
# make check           every test: builds on 6.1, 6.12 and 6.12-rt, lint, VM selftests
# make demo            boot a VM and show vbr at work
# make vm-shell        boot a VM with vbr ready to insmod (KERNEL=6.1|6.12|6.12-rt)
# make lint            checkpatch --strict and sparse
# make coverage        line and branch coverage of module/ (gcov, debug kernel)
# make bench           vbr against bridge, Open vSwitch and tc mirred in a VM
#                      (not part of make check; see Documentation/bench.md)
# make kernels         fetch the Debian kernels into the cache

KDIR ?= /lib/modules/$(shell uname -r)/build
KERNEL ?= 6.12
KERNELS := 6.1 6.12 6.12-rt

all: module tools

module:
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

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	$(MAKE) -C tools/iproute2 clean
	$(MAKE) -C tools/vbrctl clean
	$(MAKE) -C selftests/tools clean
	rm -rf build

.PHONY: all module tools kernels modules-all lint check demo vm-shell clean
.PHONY: bench coverage
