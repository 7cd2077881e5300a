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

/* Where an option's attribute comes from: rtnl's IFLA_INFO_DATA and
 * IFLA_INFO_SLAVE_DATA, or the genl family.
 */
enum vbr_dialect {
	VBR_DIALECT_RTNL,
	VBR_DIALECT_GENL,
};

/* Records the port options attrs gives, in dialect d. */
void vbr_port_cfg_parse(struct vbr_port_cfg *c, struct nlattr **attrs,
			enum vbr_dialect d);
/* Puts every port option, read-only ones included, in dialect d. */
int vbr_port_opts_put(struct sk_buff *skb, const struct vbr_port *p,
		      enum vbr_dialect d);
/* What vbr_port_opts_put() puts, at most. */
size_t vbr_port_opts_size(void);

/* Each bridge option: bit n of vbr_br_cfg.set is option n. */
enum {
	VBR_BR_OPT_AGEING,
	VBR_BR_OPT_MAX_LEARNED,
	VBR_BR_OPT_VLAN_FILTERING,
	VBR_BR_OPT_DEFAULT_PVID,
	VBR_BR_OPT_VLAN_PROTO,
	VBR_BR_OPT_ERR_RECOVERY,
	VBR_BR_OPT_LOOP_PROTECT,
	VBR_BR_OPT_LOOP_INTERVAL,
	VBR_BR_OPT_FLAP_LIMIT,
	VBR_BR_OPT_FLAP_WINDOW,
	VBR_BR_OPT_FLAP_BLOCK,
	VBR_BR_NOPTS
};

/*
 * A bridge's options: a change (the options in set), or their values
 * now (vbr_br_cfg_read()). Every value is a u32, in one unit whatever
 * the dialect; vbr_br_opts in options.c converts.
 */
struct vbr_br_cfg {
	u32 set;		/* BIT(VBR_BR_OPT_*) given */
	u32 ageing;		/* centiseconds; 0 = never */
	u32 max_learned;
	u32 vlan_filtering;
	u32 default_pvid;	/* 0..4094, checked here */
	u32 vlan_proto;		/* host order: 802.1Q or 802.1ad, checked here */
	u32 err_recovery;	/* seconds, checked by the parsers' policies */
	u32 loop_protect;
	u32 loop_interval;	/* ms, checked here */
	u32 flap_limit;
	u32 flap_window;	/* seconds, checked here */
	u32 flap_block;
};

static inline bool vbr_br_cfg_has(const struct vbr_br_cfg *c, int opt)
{
	return c->set & BIT(opt);
}

/* The ranges the parsers' policies check, in each dialect's unit. Not
 * const: 6.1's nla_policy takes a mutable range pointer.
 */
extern struct netlink_range_validation vbr_ageing_cs_range;
extern struct netlink_range_validation vbr_ageing_s_range;
extern struct netlink_range_validation vbr_err_recovery_range;

/* Records the bridge options attrs gives, in dialect d. */
void vbr_br_cfg_parse(struct vbr_br_cfg *c, struct nlattr **attrs,
		      enum vbr_dialect d);
/* Every option of br as it is now. */
void vbr_br_cfg_read(const struct vbr_bridge *br, struct vbr_br_cfg *c);
/* Puts every option of c in dialect d. */
int vbr_br_cfg_put(struct sk_buff *skb, const struct vbr_br_cfg *c,
		   enum vbr_dialect d);
/* What vbr_br_cfg_put() puts. */
size_t vbr_br_cfg_size(void);

/* Refuses a change out of its options' ranges, before any bridge. */
int vbr_br_cfg_check(const struct vbr_br_cfg *c,
		     struct netlink_ext_ack *extack);
/* Checks, then applies a change; a refusal changes nothing. RTNL. */
int vbr_br_configure(struct vbr_bridge *br, const struct vbr_br_cfg *c,
		     struct netlink_ext_ack *extack);

#endif /* _VBR_OPTIONS_H */
