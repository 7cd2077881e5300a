/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bridge and port options, one applier each: rtnetlink (link.c), the
 * Linux bridge's "bridge link" (brport.c) and genl (netlink.c) parse
 * their attributes into a change and hand it here.
 */
#ifndef _VBR_OPTIONS_H
#define _VBR_OPTIONS_H

#include <net/netlink.h>

#include "storm.h"

struct vbr_bridge;
struct vbr_port;

/* A change to a port's options. */
struct vbr_port_cfg {
	u32 mask;		/* VBR_PORT_* options given */
	u32 flags;		/* their new values */
	bool set_max_learned;
	u32 max_learned;
	bool set_state;
	bool blocked;		/* blocked (reason admin), or forwarding */
	u8 set_storm;		/* bit k: storm[k] given */
	u32 storm[VBR_STORM_NCLASS];	/* frames/s, 0: no limit */
	bool set_storm_burst;
	u32 storm_burst;	/* 0: the rate */
};

/* Each on/off port option, and its attribute in each dialect: rtnl's
 * IFLA_INFO_SLAVE_DATA, genl, and the Linux bridge's IFLA_BRPORT_* (0:
 * the Linux bridge has no such option).
 */
struct vbr_port_flag_attr {
	u32 flag;
	u16 ifla;
	u16 genl;
	u16 brport;
};

#define VBR_PORT_NFLAGS	11
extern const struct vbr_port_flag_attr vbr_port_flag_attrs[VBR_PORT_NFLAGS];

/* Records option flag as given by a u8 0/1 attribute, if present. */
static inline void vbr_port_cfg_flag(struct vbr_port_cfg *c, u32 flag,
				     const struct nlattr *a)
{
	if (!a)
		return;
	c->mask |= flag;
	if (nla_get_u8(a))
		c->flags |= flag;
	else
		c->flags &= ~flag;
}

/* Refuses a change that would leave options flags inconsistent. */
int vbr_port_cfg_check(const struct vbr_port_cfg *c, u32 flags,
		       struct netlink_ext_ack *extack);
/* Checks, then applies and announces a change. RTNL. */
int vbr_port_configure(struct vbr_port *p, const struct vbr_port_cfg *c,
		       struct netlink_ext_ack *extack);

/* A change to a bridge's options. */
struct vbr_br_cfg {
	bool set_ageing;
	unsigned long ageing;	/* jiffies; 0 = never */
	bool set_max_learned;
	u32 max_learned;
	bool set_vlan_filtering;
	bool vlan_filtering;
	bool set_default_pvid;
	u16 default_pvid;	/* 0..4094, checked here */
	bool set_vlan_proto;
	__be16 vlan_proto;	/* ETH_P_8021Q or ETH_P_8021AD, checked here */
	bool set_err_recovery;
	u32 err_recovery;	/* seconds, checked by the parsers' policies */
	bool set_loop_protect;
	bool loop_protect;
	bool set_loop_interval;
	u32 loop_interval;	/* ms, checked here */
	bool set_flap_limit;
	u32 flap_limit;
	bool set_flap_window;
	u32 flap_window;	/* seconds, checked here */
	bool set_flap_block;
	bool flap_block;
};

/* Checks, then applies a change; a refusal changes nothing. RTNL. */
int vbr_br_configure(struct vbr_bridge *br, const struct vbr_br_cfg *c,
		     struct netlink_ext_ack *extack);

#endif /* _VBR_OPTIONS_H */
