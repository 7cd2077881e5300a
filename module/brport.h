/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vbr ports in the Linux bridge's dialect: "bridge link set|show"
 * (ndo_bridge_setlink/getlink with IFLA_BRPORT_* in IFLA_PROTINFO), and
 * the AF_BRIDGE RTM_NEWLINK that "bridge monitor link" prints.
 */
#ifndef _VBR_BRPORT_H
#define _VBR_BRPORT_H

#include <linux/netdevice.h>

struct vbr_bridge;
struct vbr_port;

int vbr_brport_setlink(struct net_device *dev, struct nlmsghdr *nlh,
		       u16 flags, struct netlink_ext_ack *extack);
int vbr_brport_getlink(struct sk_buff *skb, u32 pid, u32 seq,
		       struct net_device *dev, u32 filter_mask, int nlflags);
int vbr_brport_dellink(struct net_device *dev, struct nlmsghdr *nlh,
		       u16 flags);
/* Room the VLANs of p (NULL: the bridge device) take in a getlink
 * message, uncompressed. RCU or RTNL.
 */
size_t vbr_brport_vlans_size(const struct vbr_bridge *br,
			     const struct vbr_port *p);
/* RTNL. */
void vbr_brport_notify(struct vbr_port *p);
/* The VLANs of p, or of the bridge device when p is NULL. RTNL. */
void vbr_brport_notify_vlans(struct vbr_bridge *br, struct vbr_port *p);

#endif /* _VBR_BRPORT_H */
