#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Measure the kernel memory one learned FDB entry costs: slab pages of the
# vbr_fdb_entry cache plus the hash table's bucket array (vmalloc or
# kmalloc). Boot with slab_nomerge so the cache has its own slabs:
#   VBR_QEMU_APPEND=slab_nomerge selftests/vm/run --kernel 6.12 -- \
#	/vbr/selftests/fdb-mem.sh [N]
set -eu
source "$(dirname "$0")/lib.sh"
n=${1:-100000}

slab_bytes() {
	awk '$1 == "vbr_fdb_entry" { print $15 * $6 * 4096 }' /proc/slabinfo
}

load_vbr
$IP link add br0 type vbr max_learned 0
$IP link set br0 up
$IP netns add h1
$IP link add vh1 type veth peer name eth0 netns h1
$IP -n h1 link set eth0 up
$IP link set vh1 master br0 up
sync
echo 3 > /proc/sys/vm/drop_caches
s0=$(slab_bytes); v0=$(mem_kb VmallocUsed); k0=$(mem_kb SUnreclaim)
"$SENDETH" -n h1 eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:00:01 -r -c "$n"
learned=$(link_field br0 .linkinfo.info_data.fdb_n_learned)
# Let RCU free the tables the hash outgrew, and the frames' skbs.
sleep 3
s1=$(slab_bytes); v1=$(mem_kb VmallocUsed); k1=$(mem_kb SUnreclaim)
slab=$((s1 - s0))
vmal=$(((v1 - v0) * 1024))
unrec=$(((k1 - k0) * 1024))
echo "entries learned:            $learned"
echo "vbr_fdb_entry object size:  $(awk '$1 == "vbr_fdb_entry" {print $4}' /proc/slabinfo) bytes"
echo "slab pages, per entry:      $((slab / learned)) bytes"
# The bucket array is one pointer per bucket; rhashtable keeps between
# 4/3 and 8/3 buckets per entry, so 10.7 to 21.3 bytes of it.
echo "bucket array (vmalloc):     $((vmal / learned)) bytes per entry"
echo "unreclaimable kernel memory (slab + large kmalloc) grew by"
echo "                            $(((unrec + vmal) / learned)) bytes per entry"
