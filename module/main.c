// SPDX-License-Identifier: GPL-2.0
/*
 * vbr: an Ethernet bridge with virtual ports.
 *
 * This file only wires the pieces together, in order, and unwinds them
 * in reverse.
 */
#include <linux/module.h>

#include "fdb.h"
#include "link.h"
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
	err = vbr_link_init();
	if (err)
		goto err_notifier;
	return 0;

err_notifier:
	vbr_port_notifier_exit();
err_fdb:
	vbr_fdb_global_exit();
	return err;
}

static void __exit vbr_exit(void)
{
	vbr_link_exit();
	vbr_port_notifier_exit();
	vbr_fdb_global_exit();
}

module_init(vbr_init);
module_exit(vbr_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vbr: Ethernet bridge with virtual ports");
MODULE_AUTHOR("The vbr developers");
