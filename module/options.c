// SPDX-License-Identifier: GPL-2.0
/*
 * vbr options: the rules of bridge and port options live here, whatever
 * the request came through.
 */
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "bridge.h"
#include "compat.h"
#include "event.h"
#include "fdb.h"
#include "options.h"
#include "port.h"
#include "vlan.h"

const struct vbr_port_flag_attr vbr_port_flag_attrs[VBR_PORT_NFLAGS] = {
	{ VBR_PORT_LEARNING, VBR_PORT_IFLA_LEARNING, VBR_A_PORT_LEARNING,
	  IFLA_BRPORT_LEARNING },
	{ VBR_PORT_FLOOD, VBR_PORT_IFLA_FLOOD, VBR_A_PORT_FLOOD,
	  IFLA_BRPORT_UNICAST_FLOOD },
	{ VBR_PORT_MCAST_FLOOD, VBR_PORT_IFLA_MCAST_FLOOD,
	  VBR_A_PORT_MCAST_FLOOD, IFLA_BRPORT_MCAST_FLOOD },
	{ VBR_PORT_BCAST_FLOOD, VBR_PORT_IFLA_BCAST_FLOOD,
	  VBR_A_PORT_BCAST_FLOOD, IFLA_BRPORT_BCAST_FLOOD },
	{ VBR_PORT_HAIRPIN, VBR_PORT_IFLA_HAIRPIN, VBR_A_PORT_HAIRPIN,
	  IFLA_BRPORT_MODE },
	{ VBR_PORT_ISOLATED, VBR_PORT_IFLA_ISOLATED, VBR_A_PORT_ISOLATED,
	  IFLA_BRPORT_ISOLATED },
	{ VBR_PORT_LOCKED, VBR_PORT_IFLA_LOCKED, VBR_A_PORT_LOCKED,
	  IFLA_BRPORT_LOCKED },
	{ VBR_PORT_MAB, VBR_PORT_IFLA_MAB, VBR_A_PORT_MAB, VBR_BRPORT_MAB },
	{ VBR_PORT_BPDU_GUARD, VBR_PORT_IFLA_BPDU_GUARD, VBR_A_PORT_BPDU_GUARD,
	  IFLA_BRPORT_GUARD },
	{ VBR_PORT_STORM_BLOCK, VBR_PORT_IFLA_STORM_BLOCK,
	  VBR_A_PORT_STORM_BLOCK, 0 },
	{ VBR_PORT_LOOP_PROTECT, VBR_PORT_IFLA_LOOP_PROTECT,
	  VBR_A_PORT_LOOP_PROTECT, 0 },
};

/* The port's other attributes in each dialect. */
struct vbr_port_attr_ids {
	u16 max_learned;
	u16 learned;
	u16 state;
	u16 block_reason;
	u16 storm_burst;
	u16 storm[VBR_STORM_NCLASS];	/* in class order */
};

static const struct vbr_port_attr_ids vbr_port_ids[] = {
	[VBR_DIALECT_RTNL] = {
		.max_learned	= VBR_PORT_IFLA_MAX_LEARNED,
		.learned	= VBR_PORT_IFLA_LEARNED,
		.state		= VBR_PORT_IFLA_STATE,
		.block_reason	= VBR_PORT_IFLA_BLOCK_REASON,
		.storm_burst	= VBR_PORT_IFLA_STORM_BURST,
		.storm = {
			[VBR_STORM_BCAST] = VBR_PORT_IFLA_STORM_BCAST,
			[VBR_STORM_MCAST] = VBR_PORT_IFLA_STORM_MCAST,
			[VBR_STORM_UCAST] = VBR_PORT_IFLA_STORM_UCAST,
		},
	},
	[VBR_DIALECT_GENL] = {
		.max_learned	= VBR_A_PORT_MAX_LEARNED,
		.learned	= VBR_A_PORT_LEARNED,
		.state		= VBR_A_PORT_STATE,
		.block_reason	= VBR_A_PORT_BLOCK_REASON,
		.storm_burst	= VBR_A_PORT_STORM_BURST,
		.storm = {
			[VBR_STORM_BCAST] = VBR_A_PORT_STORM_BCAST,
			[VBR_STORM_MCAST] = VBR_A_PORT_STORM_MCAST,
			[VBR_STORM_UCAST] = VBR_A_PORT_STORM_UCAST,
		},
	},
};

static u16 vbr_port_flag_attr(unsigned int i, enum vbr_dialect d)
{
	return d == VBR_DIALECT_GENL ? vbr_port_flag_attrs[i].genl :
				       vbr_port_flag_attrs[i].ifla;
}

void vbr_port_cfg_parse(struct vbr_port_cfg *c, struct nlattr **attrs,
			enum vbr_dialect d)
{
	const struct vbr_port_attr_ids *id = &vbr_port_ids[d];
	unsigned int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < VBR_PORT_NFLAGS; i++)
		vbr_port_cfg_flag(c, vbr_port_flag_attrs[i].flag,
				  attrs[vbr_port_flag_attr(i, d)]);
	if (attrs[id->max_learned]) {
		c->set_max_learned = true;
		c->max_learned = nla_get_u32(attrs[id->max_learned]);
	}
	if (attrs[id->state]) {
		c->set_state = true;
		c->blocked = nla_get_u8(attrs[id->state]) ==
			     VBR_PORT_STATE_BLOCKED;
	}
	for (i = 0; i < VBR_STORM_NCLASS; i++) {
		if (!attrs[id->storm[i]])
			continue;
		c->set_storm |= BIT(i);
		c->storm[i] = nla_get_u32(attrs[id->storm[i]]);
	}
	if (attrs[id->storm_burst]) {
		c->set_storm_burst = true;
		c->storm_burst = nla_get_u32(attrs[id->storm_burst]);
	}
}

int vbr_port_opts_put(struct sk_buff *skb, const struct vbr_port *p,
		      enum vbr_dialect d)
{
	const struct vbr_port_attr_ids *id = &vbr_port_ids[d];
	u32 flags = READ_ONCE(p->flags);
	unsigned int i;

	for (i = 0; i < VBR_PORT_NFLAGS; i++)
		if (nla_put_u8(skb, vbr_port_flag_attr(i, d),
			       !!(flags & vbr_port_flag_attrs[i].flag)))
			return -EMSGSIZE;
	for (i = 0; i < VBR_STORM_NCLASS; i++)
		if (nla_put_u32(skb, id->storm[i], READ_ONCE(p->storm[i].rate)))
			return -EMSGSIZE;
	if (nla_put_u32(skb, id->max_learned, READ_ONCE(p->max_learned)) ||
	    nla_put_u32(skb, id->learned, READ_ONCE(p->learned)) ||
	    nla_put_u8(skb, id->state, vbr_port_flags_state(flags)) ||
	    nla_put_u8(skb, id->block_reason, vbr_port_flags_reason(flags)) ||
	    nla_put_u32(skb, id->storm_burst, READ_ONCE(p->storm_burst)))
		return -EMSGSIZE;
	return 0;
}

size_t vbr_port_opts_size(void)
{
	return nla_total_size(sizeof(u8)) * (VBR_PORT_NFLAGS + 2) +
	       nla_total_size(sizeof(u32)) * (3 + VBR_STORM_NCLASS);
}

/* How a bridge option's number differs between the dialects. */
enum vbr_br_opt_unit {
	VBR_UNIT_SAME,		/* not at all */
	VBR_UNIT_CS,		/* centiseconds in rtnl (as clock_t), seconds in genl */
	VBR_UNIT_BE16,		/* network order in rtnl, host order in genl */
};

/* A bridge option: its attribute in each dialect, its value in
 * struct vbr_br_cfg, and its width on the wire.
 */
struct vbr_br_opt {
	u16 ifla;
	u16 genl;
	u8 offset;		/* of the u32 in struct vbr_br_cfg */
	u8 width;		/* bytes: 1, 2 or 4 */
	u8 unit;		/* enum vbr_br_opt_unit */
};

#define VBR_BR_OPT(opt, field, _ifla, _genl, _width, _unit)		\
	[VBR_BR_OPT_##opt] = {						\
		.ifla = VBR_IFLA_##_ifla,				\
		.genl = VBR_A_BR_##_genl,				\
		.offset = offsetof(struct vbr_br_cfg, field),		\
		.width = _width,					\
		.unit = VBR_UNIT_##_unit,				\
	}

static const struct vbr_br_opt vbr_br_opts[VBR_BR_NOPTS] = {
	VBR_BR_OPT(AGEING, ageing, AGEING_TIME, AGEING_TIME, 4, CS),
	VBR_BR_OPT(MAX_LEARNED, max_learned, MAX_LEARNED, MAX_LEARNED, 4, SAME),
	VBR_BR_OPT(VLAN_FILTERING, vlan_filtering, VLAN_FILTERING,
		   VLAN_FILTERING, 1, SAME),
	VBR_BR_OPT(DEFAULT_PVID, default_pvid, VLAN_DEFAULT_PVID,
		   VLAN_DEFAULT_PVID, 2, SAME),
	VBR_BR_OPT(VLAN_PROTO, vlan_proto, VLAN_PROTOCOL, VLAN_PROTOCOL, 2,
		   BE16),
	VBR_BR_OPT(ERR_RECOVERY, err_recovery, ERR_RECOVERY, ERR_RECOVERY, 4,
		   SAME),
	VBR_BR_OPT(LOOP_PROTECT, loop_protect, LOOP_PROTECT, LOOP_PROTECT, 1,
		   SAME),
	VBR_BR_OPT(LOOP_INTERVAL, loop_interval, LOOP_INTERVAL, LOOP_INTERVAL,
		   4, SAME),
	VBR_BR_OPT(FLAP_LIMIT, flap_limit, MAC_FLAP_LIMIT, MAC_FLAP_LIMIT, 4,
		   SAME),
	VBR_BR_OPT(FLAP_WINDOW, flap_window, MAC_FLAP_WINDOW, MAC_FLAP_WINDOW,
		   4, SAME),
	VBR_BR_OPT(FLAP_BLOCK, flap_block, MAC_FLAP_BLOCK, MAC_FLAP_BLOCK, 1,
		   SAME),
};

struct netlink_range_validation vbr_ageing_cs_range = {
	.max = VBR_AGEING_TIME_MAX * USER_HZ,
};

struct netlink_range_validation vbr_ageing_s_range = {
	.max = VBR_AGEING_TIME_MAX,
};

struct netlink_range_validation vbr_err_recovery_range = {
	.max = VBR_ERR_RECOVERY_MAX,
};

static u32 *vbr_br_cfg_val(struct vbr_br_cfg *c, const struct vbr_br_opt *o)
{
	return (u32 *)((u8 *)c + o->offset);
}

static u32 vbr_br_cfg_get(const struct vbr_br_cfg *c,
			  const struct vbr_br_opt *o)
{
	return *(const u32 *)((const u8 *)c + o->offset);
}

void vbr_br_cfg_parse(struct vbr_br_cfg *c, struct nlattr **attrs,
		      enum vbr_dialect d)
{
	bool genl = d == VBR_DIALECT_GENL;
	const struct vbr_br_opt *o;
	const struct nlattr *a;
	unsigned int i;
	u32 v;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < VBR_BR_NOPTS; i++) {
		o = &vbr_br_opts[i];
		a = attrs[genl ? o->genl : o->ifla];
		if (!a)
			continue;
		if (o->width == 1)
			v = nla_get_u8(a);
		else if (o->unit == VBR_UNIT_BE16 && !genl)
			v = ntohs(nla_get_be16(a));
		else if (o->width == 2)
			v = nla_get_u16(a);
		else
			v = nla_get_u32(a);
		/* At most VBR_AGEING_TIME_MAX s by the policy: no overflow. */
		if (o->unit == VBR_UNIT_CS && genl)
			v *= USER_HZ;
		*vbr_br_cfg_val(c, o) = v;
		c->set |= BIT(i);
	}
}

void vbr_br_cfg_read(const struct vbr_bridge *br, struct vbr_br_cfg *c)
{
	*c = (struct vbr_br_cfg){
		.set = GENMASK(VBR_BR_NOPTS - 1, 0),
		.ageing = jiffies_to_clock_t(READ_ONCE(br->fdb.ageing_time)),
		.max_learned = READ_ONCE(br->fdb.max_learned),
		.vlan_filtering = READ_ONCE(br->vlan_enabled),
		.default_pvid = READ_ONCE(br->default_pvid),
		.vlan_proto = ntohs(READ_ONCE(br->vlan_proto)),
		.err_recovery = READ_ONCE(br->err_recovery),
		.loop_protect = READ_ONCE(br->loop.enabled),
		.loop_interval = jiffies_to_msecs(READ_ONCE(br->loop.interval)),
		.flap_limit = READ_ONCE(br->fdb.flap_limit),
		.flap_window = READ_ONCE(br->fdb.flap_window) / HZ,
		.flap_block = READ_ONCE(br->fdb.flap_block),
	};
}

int vbr_br_cfg_put(struct sk_buff *skb, const struct vbr_br_cfg *c,
		   enum vbr_dialect d)
{
	bool genl = d == VBR_DIALECT_GENL;
	const struct vbr_br_opt *o;
	unsigned int i;
	int type, err;
	u32 v;

	for (i = 0; i < VBR_BR_NOPTS; i++) {
		o = &vbr_br_opts[i];
		type = genl ? o->genl : o->ifla;
		v = vbr_br_cfg_get(c, o);
		if (o->unit == VBR_UNIT_CS && genl)
			v /= USER_HZ;
		if (o->width == 1)
			err = nla_put_u8(skb, type, v);
		else if (o->unit == VBR_UNIT_BE16 && !genl)
			err = nla_put_be16(skb, type, htons(v));
		else if (o->width == 2)
			err = nla_put_u16(skb, type, v);
		else
			err = nla_put_u32(skb, type, v);
		if (err)
			return err;
	}
	return 0;
}

size_t vbr_br_cfg_size(void)
{
	size_t size = 0;
	unsigned int i;

	for (i = 0; i < VBR_BR_NOPTS; i++)
		size += nla_total_size(vbr_br_opts[i].width);
	return size;
}

/* A storm limit changed: every bucket is set again, full. */
static bool vbr_port_storm_configure(struct vbr_port *p,
				     const struct vbr_port_cfg *c)
{
	u32 rate[VBR_STORM_NCLASS], burst = p->storm_burst;
	bool on = false, changed = false;
	int k;

	if (c->set_storm_burst && c->storm_burst != burst) {
		burst = c->storm_burst;
		WRITE_ONCE(p->storm_burst, burst);
		changed = true;
	}
	for (k = 0; k < VBR_STORM_NCLASS; k++) {
		rate[k] = p->storm[k].rate;
		if ((c->set_storm & BIT(k)) && c->storm[k] != rate[k]) {
			rate[k] = c->storm[k];
			changed = true;
		}
		on |= rate[k];
	}
	if (!changed)
		return false;
	for (k = 0; k < VBR_STORM_NCLASS; k++)
		vbr_storm_set(&p->storm[k], rate[k], burst ?: rate[k],
			      jiffies);
	vbr_port_set_options(p, VBR_PORT_STORM, on ? VBR_PORT_STORM : 0);
	return true;
}

int vbr_port_cfg_check(const struct vbr_port_cfg *c, u32 flags,
		       struct netlink_ext_ack *extack)
{
	flags = (flags & ~c->mask) | (c->flags & c->mask);
	/* MAB makes locked entries by learning, as the Linux bridge does. */
	if ((flags & VBR_PORT_MAB) && !(flags & VBR_PORT_LOCKED)) {
		NL_SET_ERR_MSG(extack, "vbr: mab needs the port locked");
		return -EINVAL;
	}
	if ((flags & VBR_PORT_MAB) && !(flags & VBR_PORT_LEARNING)) {
		NL_SET_ERR_MSG(extack, "vbr: mab needs learning on");
		return -EINVAL;
	}
	return 0;
}

int vbr_port_configure(struct vbr_port *p, const struct vbr_port_cfg *c,
		       struct netlink_ext_ack *extack)
{
	u32 old = READ_ONCE(p->flags) & ~VBR_PORT_BLOCK_MASK;
	u32 new = (old & ~c->mask) | (c->flags & c->mask & ~VBR_PORT_STORM);
	bool changed = new != old;
	int err;

	ASSERT_RTNL();
	err = vbr_port_cfg_check(c, old, extack);
	if (err)
		return err;
	if (c->set_max_learned && c->max_learned != p->max_learned) {
		/* Lowering the limit evicts nothing; learning waits until
		 * the count falls below it.
		 */
		WRITE_ONCE(p->max_learned, c->max_learned);
		changed = true;
	}
	/* One word, with the state the datapath may change meanwhile. */
	vbr_port_set_options(p, c->mask & ~VBR_PORT_STORM, c->flags);
	if (vbr_port_storm_configure(p, c))
		changed = true;
	/* Locked entries wait for an authenticator: without MAB, none. */
	if ((old & VBR_PORT_MAB) && !(new & VBR_PORT_MAB))
		vbr_fdb_flush(p->br, p->idx, -1, VBR_FLUSH_LOCKED);
	if (c->set_state) {
		if (c->blocked)
			vbr_port_block_admin(p);
		else
			vbr_port_unblock(p);
	}
	/* A block the datapath made meanwhile is announced here too. */
	if (vbr_port_state_settle(p))
		changed = true;
	if (changed)
		vbr_event_port(p, VBR_PORT_EV_CHANGED);
	return 0;
}

int vbr_br_cfg_check(const struct vbr_br_cfg *c,
		     struct netlink_ext_ack *extack)
{
	if (vbr_br_cfg_has(c, VBR_BR_OPT_LOOP_INTERVAL) &&
	    (c->loop_interval < VBR_LOOP_INTERVAL_MIN ||
	     c->loop_interval > VBR_LOOP_INTERVAL_MAX)) {
		NL_SET_ERR_MSG(extack, "vbr: loop_interval is 100 to 60000 ms");
		return -ERANGE;
	}
	if (vbr_br_cfg_has(c, VBR_BR_OPT_FLAP_WINDOW) &&
	    (!c->flap_window || c->flap_window > VBR_MAC_FLAP_WINDOW_MAX)) {
		NL_SET_ERR_MSG(extack, "vbr: mac_flap_window is 1 to 3600 s");
		return -ERANGE;
	}
	if (vbr_br_cfg_has(c, VBR_BR_OPT_VLAN_PROTO) &&
	    c->vlan_proto != ETH_P_8021Q && c->vlan_proto != ETH_P_8021AD) {
		NL_SET_ERR_MSG(extack, "vbr: the VLAN protocol is 802.1Q or 802.1ad");
		return -EINVAL;
	}
	return 0;
}

int vbr_br_configure(struct vbr_bridge *br, const struct vbr_br_cfg *c,
		     struct netlink_ext_ack *extack)
{
	struct vbr_br_cfg now;
	int err;

	ASSERT_RTNL();
	err = vbr_br_cfg_check(c, extack);
	if (err)
		return err;
	/* The one step that can fail goes first: a refusal changes nothing. */
	err = vbr_vlan_configure(br,
				 vbr_br_cfg_has(c, VBR_BR_OPT_VLAN_FILTERING) ?
				 !!c->vlan_filtering : br->vlan_enabled,
				 vbr_br_cfg_has(c, VBR_BR_OPT_VLAN_PROTO) ?
				 htons(c->vlan_proto) : br->vlan_proto,
				 vbr_br_cfg_has(c, VBR_BR_OPT_DEFAULT_PVID) ?
				 c->default_pvid : br->default_pvid, extack);
	if (err)
		return err;
	if (vbr_br_cfg_has(c, VBR_BR_OPT_AGEING))
		vbr_fdb_set_ageing(br, clock_t_to_jiffies(c->ageing));
	/* As for a port: lowering the limit evicts nothing. */
	if (vbr_br_cfg_has(c, VBR_BR_OPT_MAX_LEARNED))
		WRITE_ONCE(br->fdb.max_learned, c->max_learned);
	if (vbr_br_cfg_has(c, VBR_BR_OPT_ERR_RECOVERY) &&
	    c->err_recovery != READ_ONCE(br->err_recovery)) {
		WRITE_ONCE(br->err_recovery, c->err_recovery);
		vbr_port_recovery_changed(br);
	}
	/* Options set together: what is not given keeps its value. */
	vbr_br_cfg_read(br, &now);
	if (c->set & (BIT(VBR_BR_OPT_LOOP_PROTECT) |
		      BIT(VBR_BR_OPT_LOOP_INTERVAL)))
		vbr_loop_set(br, vbr_br_cfg_has(c, VBR_BR_OPT_LOOP_PROTECT) ?
				 c->loop_protect : now.loop_protect,
			     vbr_br_cfg_has(c, VBR_BR_OPT_LOOP_INTERVAL) ?
				 c->loop_interval : now.loop_interval);
	if (c->set & (BIT(VBR_BR_OPT_FLAP_LIMIT) | BIT(VBR_BR_OPT_FLAP_WINDOW) |
		      BIT(VBR_BR_OPT_FLAP_BLOCK)))
		vbr_fdb_set_flap(br, vbr_br_cfg_has(c, VBR_BR_OPT_FLAP_LIMIT) ?
				     c->flap_limit : now.flap_limit,
				 vbr_br_cfg_has(c, VBR_BR_OPT_FLAP_WINDOW) ?
				     c->flap_window : now.flap_window,
				 vbr_br_cfg_has(c, VBR_BR_OPT_FLAP_BLOCK) ?
				     c->flap_block : now.flap_block);
	return 0;
}
