/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What vbr's own netdevs, bridges and internal ports, have in common:
 * they are virtual Ethernet devices with no queue and lockless transmit,
 * and the genl family creates them as "ip link add" would.
 */
#ifndef _VBR_VDEV_H
#define _VBR_VDEV_H

#include <linux/netdevice.h>

struct rtnl_link_ops;

void vbr_vdev_setup(struct net_device *dev);
int vbr_vdev_open(struct net_device *dev);
int vbr_vdev_stop(struct net_device *dev);

struct net_device *vbr_vdev_create(struct net *net,
				   struct rtnl_link_ops *ops,
				   void (*setup)(struct net_device *dev),
				   const char *name, const char *pattern,
				   const u8 *addr,
				   struct netlink_ext_ack *extack);

#endif /* _VBR_VDEV_H */
