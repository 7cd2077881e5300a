/* SPDX-License-Identifier: GPL-2.0 */
/*
 * debugfs: checks that tests read. /sys/kernel/debug/vbr/fdb_check
 * audits the FDB counters of every bridge in the reader's namespace.
 */
#ifndef _VBR_DEBUGFS_H
#define _VBR_DEBUGFS_H

void vbr_debugfs_init(void);
void vbr_debugfs_exit(void);

#endif /* _VBR_DEBUGFS_H */
