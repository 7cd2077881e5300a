/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "vbr" generic netlink family (uapi/linux/vbr.h): configuration,
 * inspection and the "events" multicast group.
 */
#ifndef _VBR_NETLINK_H
#define _VBR_NETLINK_H

#include <linux/types.h>

struct vbr_bridge;
struct vbr_fdb_entry;
struct vbr_fdb_key;
struct vbr_port;

int vbr_nl_init(void);
void vbr_nl_exit(void);

/* Both are cheap when nobody listens. fdb: any context, under RCU. */
void vbr_nl_port_notify(struct vbr_port *p, u8 cmd);
void vbr_nl_fdb_notify(struct vbr_bridge *br, const struct vbr_fdb_entry *e,
		       u8 cmd);
/* One event for what a flush removed; port (vid) < 0: every port
 * (VLAN). RTNL.
 */
void vbr_nl_fdb_flush_notify(struct vbr_bridge *br, int port, int vid,
			     u32 what, unsigned int n);
/* The VLANs of p, or of the bridge device when p is NULL. RTNL. */
void vbr_nl_vlan_notify(struct vbr_bridge *br, struct vbr_port *p);
void vbr_nl_mac_flap_notify(struct vbr_bridge *br,
			    const struct vbr_fdb_key *key,
			    const struct vbr_port *from,
			    const struct vbr_port *to);
/* A bridge created (whole) or deleted (named). RTNL. */
void vbr_nl_br_notify(struct vbr_bridge *br, u8 cmd);
/* Whether FDB notifications of br would reach anyone now. */
bool vbr_nl_fdb_listened(struct vbr_bridge *br);

#if IS_ENABLED(CONFIG_KUNIT)
struct nla_policy;
const struct nla_policy *vbr_nl_policy(u8 cmd);
#endif

#endif /* _VBR_NETLINK_H */
