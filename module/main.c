// SPDX-License-Identifier: GPL-2.0
/*
 * vbr: an Ethernet bridge with virtual ports.
 *
 * This file only wires the pieces together, in order, and unwinds them
 * in reverse.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <linux/vbr.h>

#include "debugfs.h"
#include "fdb.h"
#include "internal_port.h"
#include "link.h"
#include "netlink.h"
#include "port.h"

static int __init vbr_init(void)
{
	int err;

	err = vbr_fdb_global_init();
	if (err)
		return err;
	err = vbr_port_notifier_init();
	if (err)
		goto err_fdb;
	err = vbr_internal_init();
	if (err)
		goto err_notifier;
	err = vbr_link_init();
	if (err)
		goto err_internal;
	err = vbr_nl_init();
	if (err)
		goto err_link;
	vbr_debugfs_init();
	return 0;

err_link:
	vbr_link_exit();
err_internal:
	vbr_internal_exit();
err_notifier:
	vbr_port_notifier_exit();
err_fdb:
	vbr_fdb_global_exit();
	return err;
}

/* The genl family goes first: nothing may create a bridge once the link
 * ops start deleting them.
 */
static void __exit vbr_exit(void)
{
	vbr_debugfs_exit();
	vbr_nl_exit();
	vbr_link_exit();
	vbr_internal_exit();
	vbr_port_notifier_exit();
	vbr_fdb_global_exit();
}

module_init(vbr_init);
module_exit(vbr_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vbr: Ethernet bridge with virtual ports");
MODULE_AUTHOR("The vbr developers");
MODULE_VERSION(VBR_VERSION);
MODULE_ALIAS_GENL_FAMILY(VBR_GENL_NAME);
