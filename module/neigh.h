/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The FDB in the neighbour dialect the Linux bridge speaks: "bridge fdb
 * ... dev BR self" (ndo_fdb_*) and RTM_NEWNEIGH/RTM_DELNEIGH events that
 * "bridge monitor fdb" and "ip monitor neigh" print.
 */
#ifndef _VBR_NEIGH_H
#define _VBR_NEIGH_H

#include <linux/netdevice.h>

struct vbr_bridge;
struct vbr_fdb_entry;

int vbr_neigh_fdb_add(struct ndmsg *ndm, struct nlattr *tb[],
		      struct net_device *dev, const unsigned char *addr,
		      u16 vid, u16 flags, struct netlink_ext_ack *extack);
int vbr_neigh_fdb_del(struct ndmsg *ndm, struct nlattr *tb[],
		      struct net_device *dev, const unsigned char *addr,
		      u16 vid, struct netlink_ext_ack *extack);
int vbr_neigh_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb,
		       struct net_device *dev, struct net_device *filter_dev,
		       int *idx);

bool vbr_neigh_listened(struct vbr_bridge *br);
/* type: RTM_NEWNEIGH or RTM_DELNEIGH. Any context, under RCU. */
void vbr_neigh_notify(struct vbr_bridge *br, const struct vbr_fdb_entry *e,
		      int type);

#endif /* _VBR_NEIGH_H */
