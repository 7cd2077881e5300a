// SPDX-License-Identifier: GPL-2.0
/*
 * vbr's debugfs files, for tests and for a person chasing a bug.
 *
 * fdb_check: one line per vbr bridge of the reader's network namespace,
 * "NAME ok" when every port's learned count equals the dynamic entries
 * that name it and the bridge's count equals them all; otherwise a line
 * per difference, then "NAME mismatch".
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/netdevice.h>
#include <linux/nsproxy.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "bridge.h"
#include "debugfs.h"
#include "fdb.h"

static struct dentry *vbr_debugfs_dir;

/* Prints what differs; returns how many things did. */
static int vbr_debugfs_check_one(struct seq_file *m, struct vbr_bridge *br,
				 struct vbr_fdb_audit *a)
{
	const char *name = br->dev->name;
	int i, bad = 0;

	for (i = 1; i < VBR_MAX_PORTS; i++) {
		if (a->published[i] && a->learned[i] != a->entries[i]) {
			seq_printf(m, "%s port %d learned %u entries %u\n",
				   name, i, a->learned[i], a->entries[i]);
			bad++;
		} else if (!a->published[i] && a->entries[i]) {
			seq_printf(m, "%s port %d gone, entries %u\n",
				   name, i, a->entries[i]);
			bad++;
		}
	}
	if (a->entries[0]) {
		seq_printf(m, "%s learned entries %u on the bridge itself\n",
			   name, a->entries[0]);
		bad++;
	}
	if (a->bridge_learned != a->total) {
		seq_printf(m, "%s learned %u entries %u\n", name,
			   a->bridge_learned, a->total);
		bad++;
	}
	return bad;
}

static int vbr_debugfs_check_show(struct seq_file *m, void *unused)
{
	struct net *net = current->nsproxy->net_ns;
	struct vbr_fdb_audit *a;
	struct net_device *dev;
	int err = 0, tries;

	a = kvmalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	rtnl_lock();
	for_each_netdev(net, dev) {
		if (!vbr_is_bridge(dev))
			continue;
		/* A resize moves entries between tables: wait it out. */
		tries = 0;
		while ((err = vbr_fdb_audit(netdev_priv(dev), a)) == -EAGAIN &&
		       ++tries < 200)
			msleep(20);
		if (err)
			break;
		seq_printf(m, "%s %s\n", dev->name,
			   vbr_debugfs_check_one(m, netdev_priv(dev), a) ?
			   "mismatch" : "ok");
	}
	rtnl_unlock();
	kvfree(a);
	return err;
}
DEFINE_SHOW_ATTRIBUTE(vbr_debugfs_check);

void vbr_debugfs_init(void)
{
	/* Errors are not fatal: debugfs is a debugging aid. */
	vbr_debugfs_dir = debugfs_create_dir("vbr", NULL);
	debugfs_create_file("fdb_check", 0400, vbr_debugfs_dir, NULL,
			    &vbr_debugfs_check_fops);
}

void vbr_debugfs_exit(void)
{
	debugfs_remove_recursive(vbr_debugfs_dir);
}
