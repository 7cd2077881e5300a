/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ports: an Ethernet netdev enslaved to a vbr bridge through an
 * rx_handler and an upper-device link.
 */
#ifndef _VBR_PORT_H
#define _VBR_PORT_H

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

struct vbr_bridge;

#define VBR_PORT_LEARNING	BIT(0)
#define VBR_PORT_FLOOD		BIT(1)

struct vbr_port {
	struct list_head list;		/* in br->ports */
	struct vbr_bridge *br;
	struct net_device *dev;
	u32 flags;			/* VBR_PORT_*, read locklessly */
	u16 idx;			/* slot in br->port_tab */
	u32 max_learned;		/* 0 = no limit; under fdb lock */
	u32 learned;			/* under fdb lock */
	netdevice_tracker dev_tracker;
};

int vbr_port_add(struct vbr_bridge *br, struct net_device *dev,
		 struct netlink_ext_ack *extack);
int vbr_port_del(struct vbr_bridge *br, struct net_device *dev,
		 struct netlink_ext_ack *extack);
void vbr_port_destroy(struct vbr_port *p);
struct vbr_port *vbr_port_get_rtnl(const struct net_device *dev);

int vbr_port_notifier_init(void);
void vbr_port_notifier_exit(void);

#endif /* _VBR_PORT_H */
