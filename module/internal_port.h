/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal ports: netdevs a bridge creates for the host's IP stack, as
 * Open vSwitch's internal ports are. What the host transmits on one
 * enters the bridge; what the bridge sends to one is received by it.
 */
#ifndef _VBR_INTERNAL_PORT_H
#define _VBR_INTERNAL_PORT_H

#include <linux/netdevice.h>

struct vbr_port;

struct vbr_internal {
	struct vbr_port __rcu *port;	/* NULL while not a port */
};

bool vbr_is_internal(const struct net_device *dev);

static inline struct vbr_internal *vbr_internal_priv(const struct net_device *dev)
{
	return netdev_priv(dev);
}

struct net_device *vbr_internal_create(struct net *net, const char *name,
				       const u8 *addr, u32 mtu,
				       struct netlink_ext_ack *extack);
void vbr_internal_rx(struct net_device *dev, struct sk_buff *skb);

int vbr_internal_init(void);
void vbr_internal_exit(void);

#endif /* _VBR_INTERNAL_PORT_H */
