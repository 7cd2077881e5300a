// SPDX-License-Identifier: GPL-2.0
/*
 * The "vbr" generic netlink family. Each command has its own strict
 * policy, so an attribute it does not take is refused; every refusal
 * says why in the extended ack, and is decided before anything changes.
 * Commands run under RTNL, in the caller's network namespace only.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>
#include <kunit/visibility.h>

#include "bridge.h"
#include "compat.h"
#include "event.h"
#include "fdb.h"
#include "internal_port.h"
#include "link.h"
#include "netlink.h"
#include "options.h"
#include "port.h"
#include "vlan.h"

static struct genl_family vbr_genl_family;

enum { VBR_NL_MCGRP_EVENTS };

/* Not const: 6.1's nla_policy takes a mutable range pointer. */
static struct netlink_range_validation vbr_nl_mtu_range = {
	.min = ETH_MIN_MTU,
	.max = ETH_MAX_MTU,
};

#define VBR_NL_NAME_POLICY	{ .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 }

#define VBR_NL_BR_ID						\
	[VBR_A_BR_IFINDEX]	= NLA_POLICY_MIN(NLA_U32, 1),	\
	[VBR_A_BR_NAME]		= VBR_NL_NAME_POLICY

#define VBR_NL_PORT_ID						\
	[VBR_A_PORT_IFINDEX]	= NLA_POLICY_MIN(NLA_U32, 1),	\
	[VBR_A_PORT_NAME]	= VBR_NL_NAME_POLICY

#define VBR_NL_BR_OPTS							\
	[VBR_A_BR_AGEING_TIME]	= NLA_POLICY_FULL_RANGE(NLA_U32,	\
						&vbr_ageing_s_range),	\
	[VBR_A_BR_MAX_LEARNED]	= { .type = NLA_U32 },			\
	[VBR_A_BR_VLAN_FILTERING] = NLA_POLICY_MAX(NLA_U8, 1),		\
	[VBR_A_BR_VLAN_DEFAULT_PVID] = NLA_POLICY_MAX(NLA_U16, VBR_VID_MAX), \
	[VBR_A_BR_VLAN_PROTOCOL] = { .type = NLA_U16 },			\
	[VBR_A_BR_ERR_RECOVERY]	= NLA_POLICY_FULL_RANGE(NLA_U32,	\
					&vbr_err_recovery_range),	\
	[VBR_A_BR_LOOP_PROTECT]	= NLA_POLICY_MAX(NLA_U8, 1),		\
	[VBR_A_BR_LOOP_INTERVAL] = { .type = NLA_U32 },			\
	[VBR_A_BR_MAC_FLAP_LIMIT] = { .type = NLA_U32 },		\
	[VBR_A_BR_MAC_FLAP_WINDOW] = { .type = NLA_U32 },		\
	[VBR_A_BR_MAC_FLAP_BLOCK] = NLA_POLICY_MAX(NLA_U8, 1)

/* A VLAN id of a member set: 0 and 4095 are not VLANs. */
#define VBR_NL_VID_POLICY	NLA_POLICY_RANGE(NLA_U16, 1, VBR_VID_MAX)

#define VBR_NL_PORT_OPTS					\
	[VBR_A_PORT_LEARNING]	= NLA_POLICY_MAX(NLA_U8, 1),	\
	[VBR_A_PORT_FLOOD]	= NLA_POLICY_MAX(NLA_U8, 1),	\
	[VBR_A_PORT_MCAST_FLOOD] = NLA_POLICY_MAX(NLA_U8, 1),	\
	[VBR_A_PORT_BCAST_FLOOD] = NLA_POLICY_MAX(NLA_U8, 1),	\
	[VBR_A_PORT_HAIRPIN]	= NLA_POLICY_MAX(NLA_U8, 1),	\
	[VBR_A_PORT_ISOLATED]	= NLA_POLICY_MAX(NLA_U8, 1),	\
	[VBR_A_PORT_LOCKED]	= NLA_POLICY_MAX(NLA_U8, 1),	\
	[VBR_A_PORT_MAB]	= NLA_POLICY_MAX(NLA_U8, 1),	\
	[VBR_A_PORT_MAX_LEARNED] = { .type = NLA_U32 },		\
	[VBR_A_PORT_STATE]	= NLA_POLICY_MAX(NLA_U8, VBR_PORT_STATE_MAX), \
	[VBR_A_PORT_BPDU_GUARD]	= NLA_POLICY_MAX(NLA_U8, 1),	\
	[VBR_A_PORT_STORM_BCAST] = { .type = NLA_U32 },		\
	[VBR_A_PORT_STORM_MCAST] = { .type = NLA_U32 },		\
	[VBR_A_PORT_STORM_UCAST] = { .type = NLA_U32 },		\
	[VBR_A_PORT_STORM_BURST] = { .type = NLA_U32 },		\
	[VBR_A_PORT_STORM_BLOCK] = NLA_POLICY_MAX(NLA_U8, 1),	\
	[VBR_A_PORT_LOOP_PROTECT] = NLA_POLICY_MAX(NLA_U8, 1)

static const struct nla_policy vbr_nl_br_new_policy[VBR_A_MAX + 1] = {
	[VBR_A_BR_NAME]		= VBR_NL_NAME_POLICY,
	[VBR_A_BR_ADDR]		= NLA_POLICY_ETH_ADDR,
	VBR_NL_BR_OPTS,
};

static const struct nla_policy vbr_nl_br_policy[VBR_A_MAX + 1] = {
	VBR_NL_BR_ID,
};

static const struct nla_policy vbr_nl_br_set_policy[VBR_A_MAX + 1] = {
	VBR_NL_BR_ID,
	VBR_NL_BR_OPTS,
};

static const struct nla_policy vbr_nl_port_add_policy[VBR_A_MAX + 1] = {
	VBR_NL_BR_ID,
	VBR_NL_PORT_ID,
	[VBR_A_PORT_TYPE]	= NLA_POLICY_MAX(NLA_U8, VBR_PORT_TYPE_MAX),
	[VBR_A_PORT_ADDR]	= NLA_POLICY_ETH_ADDR,
	[VBR_A_PORT_MTU]	= NLA_POLICY_FULL_RANGE(NLA_U32,
							&vbr_nl_mtu_range),
	[VBR_A_PORT_OWNED]	= { .type = NLA_FLAG },
	[VBR_A_PORT_VLAN]	= VBR_NL_VID_POLICY,
	VBR_NL_PORT_OPTS,
};

static const struct nla_policy vbr_nl_port_policy[VBR_A_MAX + 1] = {
	VBR_NL_BR_ID,
	VBR_NL_PORT_ID,
};

static const struct nla_policy vbr_nl_port_set_policy[VBR_A_MAX + 1] = {
	VBR_NL_BR_ID,
	VBR_NL_PORT_ID,
	VBR_NL_PORT_OPTS,
};

static const struct nla_policy vbr_nl_fdb_policy[VBR_A_MAX + 1] = {
	VBR_NL_BR_ID,
	VBR_NL_PORT_ID,
	[VBR_A_FDB_ADDR]	= NLA_POLICY_ETH_ADDR,
	[VBR_A_FDB_VID]		= NLA_POLICY_MAX(NLA_U16, VBR_VID_MAX),
	[VBR_A_FDB_TYPE]	= NLA_POLICY_MAX(NLA_U8, VBR_FDB_TYPE_MAX),
	[VBR_A_FDB_REPLACE]	= { .type = NLA_FLAG },
};

static const struct nla_policy vbr_nl_vlan_add_policy[VBR_A_MAX + 1] = {
	VBR_NL_BR_ID,
	VBR_NL_PORT_ID,
	[VBR_A_VLAN_VID]	= VBR_NL_VID_POLICY,
	[VBR_A_VLAN_VID_END]	= VBR_NL_VID_POLICY,
	[VBR_A_VLAN_PVID]	= { .type = NLA_FLAG },
	[VBR_A_VLAN_UNTAGGED]	= { .type = NLA_FLAG },
};

/* A removal takes no flags: they say how a VLAN is kept. */
static const struct nla_policy vbr_nl_vlan_del_policy[VBR_A_MAX + 1] = {
	VBR_NL_BR_ID,
	VBR_NL_PORT_ID,
	[VBR_A_VLAN_VID]	= VBR_NL_VID_POLICY,
	[VBR_A_VLAN_VID_END]	= VBR_NL_VID_POLICY,
};

/* Finding things */

static struct net_device *vbr_nl_dev(struct net *net, struct nlattr **attrs,
				     int ifindex_attr, int name_attr,
				     struct netlink_ext_ack *extack)
{
	struct nlattr *a = attrs[ifindex_attr] ?: attrs[name_attr];
	struct net_device *dev;

	if (!a)
		return NULL;
	if (attrs[ifindex_attr])
		dev = __dev_get_by_index(net, nla_get_u32(a));
	else
		dev = __dev_get_by_name(net, nla_data(a));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, a, "vbr: no such device");
		return ERR_PTR(-ENODEV);
	}
	return dev;
}

static struct vbr_bridge *vbr_nl_bridge(struct net *net, struct nlattr **attrs,
					struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	dev = vbr_nl_dev(net, attrs, VBR_A_BR_IFINDEX, VBR_A_BR_NAME, extack);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "vbr: name the bridge (ifindex or name)");
		return ERR_PTR(-EINVAL);
	}
	if (IS_ERR(dev))
		return ERR_CAST(dev);
	if (!vbr_is_bridge(dev)) {
		NL_SET_ERR_MSG(extack, "vbr: the device is not a vbr bridge");
		return ERR_PTR(-EINVAL);
	}
	return netdev_priv(dev);
}

/* The port named in attrs; it must belong to br. */
static struct vbr_port *vbr_nl_port(struct vbr_bridge *br,
				    struct nlattr **attrs,
				    struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct vbr_port *p;

	dev = vbr_nl_dev(dev_net(br->dev), attrs, VBR_A_PORT_IFINDEX,
			 VBR_A_PORT_NAME, extack);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "vbr: name the port (ifindex or name)");
		return ERR_PTR(-EINVAL);
	}
	if (IS_ERR(dev))
		return ERR_CAST(dev);
	p = vbr_port_get_rtnl(dev);
	if (!p || p->br != br) {
		NL_SET_ERR_MSG(extack, "vbr: the device is not a port of this bridge");
		return ERR_PTR(-ENOENT);
	}
	return p;
}

/* The port a request names, within the bridge it names. RTNL. */
static struct vbr_port *vbr_nl_req_port(struct genl_info *info)
{
	struct vbr_bridge *br = vbr_nl_bridge(genl_info_net(info), info->attrs,
					      info->extack);

	if (IS_ERR(br))
		return ERR_CAST(br);
	return vbr_nl_port(br, info->attrs, info->extack);
}

static bool vbr_nl_has_port(struct nlattr **attrs)
{
	return attrs[VBR_A_PORT_IFINDEX] || attrs[VBR_A_PORT_NAME];
}

static int vbr_nl_check_name(struct nlattr *a, struct netlink_ext_ack *extack)
{
	if (a && !dev_valid_name(nla_data(a))) {
		NL_SET_ERR_MSG_ATTR(extack, a, "vbr: invalid device name");
		return -EINVAL;
	}
	return 0;
}

static int vbr_nl_check_addr(struct nlattr *a, struct netlink_ext_ack *extack)
{
	if (a && !is_valid_ether_addr(nla_data(a))) {
		NL_SET_ERR_MSG_ATTR(extack, a, "vbr: the address must be a valid unicast MAC");
		return -EADDRNOTAVAIL;
	}
	return 0;
}

/* Messages */

/* Where each drop counter goes; later ones were added after the events. */
static const u16 vbr_nl_drop_attr[VBR_DROP_MAX] = {
	[VBR_DROP_BRIDGE_DOWN]	= VBR_STATS_A_DROP_BRIDGE_DOWN,
	[VBR_DROP_BAD_SRC]	= VBR_STATS_A_DROP_BAD_SRC_MAC,
	[VBR_DROP_BAD_VLAN]	= VBR_STATS_A_DROP_BAD_VLAN,
	[VBR_DROP_SAME_PORT]	= VBR_STATS_A_DROP_SAME_PORT,
	[VBR_DROP_PORT_DOWN]	= VBR_STATS_A_DROP_PORT_DOWN,
	[VBR_DROP_MTU]		= VBR_STATS_A_DROP_MTU,
	[VBR_DROP_NOMEM]	= VBR_STATS_A_DROP_NOMEM,
	[VBR_DROP_NO_TARGET]	= VBR_STATS_A_DROP_NO_TARGET,
	[VBR_DROP_LOCKED]	= VBR_STATS_A_DROP_LOCKED,
	[VBR_DROP_ISOLATED]	= VBR_STATS_A_DROP_ISOLATED,
	[VBR_DROP_VLAN_INGRESS]	= VBR_STATS_A_DROP_VLAN_INGRESS,
	[VBR_DROP_NO_PVID]	= VBR_STATS_A_DROP_NO_PVID,
	[VBR_DROP_VLAN_EGRESS]	= VBR_STATS_A_DROP_VLAN_EGRESS,
	[VBR_DROP_BLOCKED]	= VBR_STATS_A_DROP_BLOCKED,
	[VBR_DROP_BPDU_GUARD]	= VBR_STATS_A_DROP_BPDU_GUARD,
	[VBR_DROP_STORM]	= VBR_STATS_A_DROP_STORM,
};

/* Each storm class's counter, in class order. */
static const u16 vbr_nl_storm_stat[VBR_STORM_NCLASS] = {
	[VBR_STORM_BCAST]	= VBR_STATS_A_STORM_BCAST,
	[VBR_STORM_MCAST]	= VBR_STATS_A_STORM_MCAST,
	[VBR_STORM_UCAST]	= VBR_STATS_A_STORM_UCAST,
};

/* Each bridge event's counter attribute. */
static const u16 vbr_nl_event_attr[VBR_EV_MAX] = {
	[VBR_EV_LEARN_LIMIT]	= VBR_STATS_A_LEARN_LIMIT,
	[VBR_EV_MOVE]		= VBR_STATS_A_FDB_MOVE,
	[VBR_EV_LOOP_ROUND]	= VBR_STATS_A_LOOP_ROUNDS,
	[VBR_EV_LOOP_FOUND]	= VBR_STATS_A_LOOP_FOUND,
	[VBR_EV_MAC_FLAP]	= VBR_STATS_A_MAC_FLAP,
};

static int vbr_nl_put_bridge_stats(struct sk_buff *skb, struct vbr_bridge *br)
{
	u64 drops[VBR_DROP_MAX], events[VBR_EV_MAX];
	struct nlattr *nest;
	int i;

	vbr_bridge_stats_read(br, drops, events);
	nest = nla_nest_start(skb, VBR_A_BR_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < VBR_DROP_MAX; i++)
		if (nla_put_u64_64bit(skb, vbr_nl_drop_attr[i], drops[i],
				      VBR_STATS_A_PAD))
			return -EMSGSIZE;
	for (i = 0; i < VBR_EV_MAX; i++)
		if (nla_put_u64_64bit(skb, vbr_nl_event_attr[i],
				      events[i], VBR_STATS_A_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int vbr_nl_fill_bridge(struct sk_buff *skb, void *obj, u32 portid,
			      u32 seq, int flags, u8 cmd)
{
	struct vbr_bridge *br = obj;
	struct net_device *dev = br->dev;
	struct vbr_br_cfg c;
	struct vbr_port *p;
	u32 nports = 0;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vbr_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	list_for_each_entry(p, &br->ports, list)
		nports++;
	vbr_br_cfg_read(br, &c);
	if (nla_put_u32(skb, VBR_A_BR_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, VBR_A_BR_NAME, dev->name) ||
	    nla_put(skb, VBR_A_BR_ADDR, ETH_ALEN, dev->dev_addr) ||
	    vbr_br_cfg_put(skb, &c, VBR_DIALECT_GENL) ||
	    nla_put_u32(skb, VBR_A_BR_LEARNED, vbr_fdb_learned(&br->fdb)) ||
	    nla_put_u32(skb, VBR_A_BR_NPORTS, nports) ||
	    vbr_nl_put_bridge_stats(skb, br)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int vbr_nl_put_port_stats(struct sk_buff *skb, struct vbr_port *p)
{
	struct vbr_port_totals t;
	struct nlattr *nest;
	int k;

	vbr_port_stats_read(p, &t);
	nest = nla_nest_start(skb, VBR_A_PORT_STATS);
	if (!nest ||
	    nla_put_u64_64bit(skb, VBR_STATS_A_RX_PACKETS, t.rx_packets,
			      VBR_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VBR_STATS_A_RX_BYTES, t.rx_bytes,
			      VBR_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VBR_STATS_A_TX_PACKETS, t.tx_packets,
			      VBR_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VBR_STATS_A_TX_BYTES, t.tx_bytes,
			      VBR_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VBR_STATS_A_TX_DROPPED, t.tx_dropped,
			      VBR_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VBR_STATS_A_RX_BLOCKED, t.rx_blocked,
			      VBR_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VBR_STATS_A_BPDU_GUARD, t.bpdu_guard,
			      VBR_STATS_A_PAD))
		return -EMSGSIZE;
	for (k = 0; k < VBR_STORM_NCLASS; k++)
		if (nla_put_u64_64bit(skb, vbr_nl_storm_stat[k], t.storm[k],
				      VBR_STATS_A_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int vbr_nl_put_port_id(struct sk_buff *skb, struct vbr_port *p)
{
	if (nla_put_u32(skb, VBR_A_BR_IFINDEX, p->br->dev->ifindex) ||
	    nla_put_string(skb, VBR_A_BR_NAME, p->br->dev->name) ||
	    nla_put_u32(skb, VBR_A_PORT_IFINDEX, p->dev->ifindex) ||
	    nla_put_string(skb, VBR_A_PORT_NAME, p->dev->name) ||
	    nla_put_u8(skb, VBR_A_PORT_TYPE, p->type))
		return -EMSGSIZE;
	return 0;
}

static int vbr_nl_fill_port(struct sk_buff *skb, void *obj, u32 portid,
			    u32 seq, int flags, u8 cmd)
{
	struct vbr_port *p = obj;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vbr_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (vbr_nl_put_port_id(skb, p) ||
	    nla_put(skb, VBR_A_PORT_ADDR, ETH_ALEN, p->dev->dev_addr) ||
	    nla_put_u32(skb, VBR_A_PORT_MTU, p->dev->mtu) ||
	    vbr_port_opts_put(skb, p, VBR_DIALECT_GENL) ||
	    (p->owned && nla_put_flag(skb, VBR_A_PORT_OWNED)) ||
	    vbr_nl_put_port_stats(skb, p)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static u8 vbr_nl_fdb_type(u16 flags)
{
	if (flags & VBR_FDB_LOCAL)
		return VBR_FDB_TYPE_LOCAL;
	if (flags & VBR_FDB_STATIC)
		return VBR_FDB_TYPE_STATIC;
	if (flags & VBR_FDB_LOCKED)
		return VBR_FDB_TYPE_LOCKED;
	return VBR_FDB_TYPE_DYNAMIC;
}

/* A type filter: locked entries are dynamic ones, as a flush has them. */
static bool vbr_nl_fdb_type_matches(u8 filter, u16 flags)
{
	u8 t = vbr_nl_fdb_type(flags);

	return filter == VBR_FDB_TYPE_ANY || filter == t ||
	       (filter == VBR_FDB_TYPE_DYNAMIC && t == VBR_FDB_TYPE_LOCKED);
}

/* Under RCU. */
static int vbr_nl_fill_fdb(struct sk_buff *skb, struct vbr_bridge *br,
			   const struct vbr_fdb_entry *e, u16 idx, u32 portid,
			   u32 seq, int flags, u8 cmd)
{
	struct vbr_port *p = idx ? rcu_dereference(br->port_tab[idx]) : NULL;
	u64 age = jiffies64_to_msecs(vbr_fdb_idle(e));
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vbr_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VBR_A_BR_IFINDEX, br->dev->ifindex) ||
	    nla_put(skb, VBR_A_FDB_ADDR, ETH_ALEN, e->key.addr) ||
	    nla_put_u16(skb, VBR_A_FDB_VID, e->key.vid) ||
	    nla_put_u8(skb, VBR_A_FDB_TYPE,
		       vbr_nl_fdb_type(READ_ONCE(e->flags))) ||
	    (p && nla_put_u32(skb, VBR_A_PORT_IFINDEX, p->dev->ifindex)) ||
	    nla_put_u32(skb, VBR_A_FDB_AGE, min_t(u64, age, U32_MAX))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* Dumps */

/* A dump's state, kept in cb->ctx from one call to the next. */
struct vbr_nl_dump_ctx {
	long br_done;		/* bridges finished */
	long port_done;		/* ports sent of the current bridge */
	struct vbr_fdb_pos pos;	/* where the FDB walk stopped */
	int br_ifindex;		/* filters, 0 for any */
	int port_ifindex;
	u8 fdb_type;
	bool resolved;		/* the filters were looked up */
	u32 fdb_changed;	/* FDB walks that saw the table change */
	int fdb_vid;		/* filter, -1 for any */
	u16 vlan_next;		/* the VID a port's VLAN list resumes at */
};

static struct vbr_nl_dump_ctx *vbr_nl_dump_ctx(struct netlink_callback *cb)
{
	BUILD_BUG_ON(sizeof(struct vbr_nl_dump_ctx) > sizeof(cb->ctx));
	return (struct vbr_nl_dump_ctx *)cb->ctx;
}

/*
 * What each message of a dump is checked against: a bridge or a port
 * that came or went, or an FDB walk that saw its table change, between
 * two calls of the dump flags it NLM_F_DUMP_INTR. Under RTNL.
 */
static void vbr_nl_dump_seq(struct netlink_callback *cb, struct net *net)
{
	cb->seq = net->dev_base_seq + vbr_port_generation() +
		  vbr_nl_dump_ctx(cb)->fdb_changed;
}

/*
 * The filters are resolved on a dump's first call, under RTNL, so that a
 * bad one is refused with its message (6.1 gives no extack to a dump's
 * start()).
 */
static int vbr_nl_dump_filters(struct netlink_callback *cb)
{
	struct vbr_nl_dump_ctx *ctx = vbr_nl_dump_ctx(cb);
	struct nlattr **attrs = vbr_compat_dump_attrs(cb);
	struct net *net = sock_net(cb->skb->sk);
	struct vbr_bridge *br = NULL;
	struct vbr_port *p = NULL;

	ASSERT_RTNL();
	ctx->resolved = true;
	ctx->fdb_vid = -1;
	if (!attrs)
		return 0;
	if (attrs[VBR_A_BR_IFINDEX] || attrs[VBR_A_BR_NAME]) {
		br = vbr_nl_bridge(net, attrs, cb->extack);
		if (IS_ERR(br))
			return PTR_ERR(br);
	}
	if (vbr_nl_has_port(attrs)) {
		struct net_device *dev;

		dev = vbr_nl_dev(net, attrs, VBR_A_PORT_IFINDEX,
				 VBR_A_PORT_NAME, cb->extack);
		if (IS_ERR(dev))
			return PTR_ERR(dev);
		p = vbr_port_get_rtnl(dev);
		if (!p || (br && p->br != br)) {
			NL_SET_ERR_MSG(cb->extack, "vbr: the device is not a port of this bridge");
			return -ENOENT;
		}
		br = p->br;
	}
	/* Only FDB_GET's policy has them: its dump takes no entry's key. */
	if (attrs[VBR_A_FDB_ADDR] || attrs[VBR_A_FDB_REPLACE]) {
		NL_SET_ERR_MSG(cb->extack,
			       "vbr: an FDB dump filters by bridge, port, VLAN and type only");
		return -EINVAL;
	}
	ctx->br_ifindex = br ? br->dev->ifindex : 0;
	ctx->port_ifindex = p ? p->dev->ifindex : 0;
	if (attrs[VBR_A_FDB_TYPE])
		ctx->fdb_type = nla_get_u8(attrs[VBR_A_FDB_TYPE]);
	if (attrs[VBR_A_FDB_VID])
		ctx->fdb_vid = nla_get_u16(attrs[VBR_A_FDB_VID]);
	return 0;
}

/* The next bridge of the dump, honouring the bridge filter. */
static struct vbr_bridge *vbr_nl_dump_bridge(struct net *net,
					     struct netlink_callback *cb)
{
	struct vbr_nl_dump_ctx *ctx = vbr_nl_dump_ctx(cb);
	struct net_device *dev;
	long i = 0;

	for_each_netdev(net, dev) {
		if (!vbr_is_bridge(dev))
			continue;
		if (ctx->br_ifindex && dev->ifindex != ctx->br_ifindex)
			continue;
		if (i++ == ctx->br_done)
			return netdev_priv(dev);
	}
	return NULL;
}

static void vbr_nl_dump_next_bridge(struct netlink_callback *cb)
{
	struct vbr_nl_dump_ctx *ctx = vbr_nl_dump_ctx(cb);

	ctx->br_done++;
	ctx->port_done = 0;
	ctx->pos = (struct vbr_fdb_pos){};
	ctx->vlan_next = 0;
}

/*
 * Opens each call of a dump: RTNL, the filters resolved on the first
 * call, and the sequence its messages are checked against. On an error,
 * RTNL is released again.
 */
static int vbr_nl_dump_lock(struct netlink_callback *cb)
{
	int err;

	rtnl_lock();
	if (!vbr_nl_dump_ctx(cb)->resolved) {
		err = vbr_nl_dump_filters(cb);
		if (err) {
			rtnl_unlock();
			return err;
		}
	}
	vbr_nl_dump_seq(cb, sock_net(cb->skb->sk));
	return 0;
}

/* Closes each call of a dump: what it filled, or why it filled nothing. */
static int vbr_nl_dump_unlock(struct sk_buff *skb, int err)
{
	rtnl_unlock();
	return err && !skb->len ? err : skb->len;
}

/* One object of a dump, as fill writes it under cmd. */
static int vbr_nl_dump_obj(struct sk_buff *skb, struct netlink_callback *cb,
			   int (*fill)(struct sk_buff *skb, void *obj,
				       u32 portid, u32 seq, int flags, u8 cmd),
			   void *obj, u8 cmd)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)skb_tail_pointer(skb);
	int err;

	err = fill(skb, obj, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
		   NLM_F_MULTI, cmd);
	if (!err)
		nl_dump_check_consistent(cb, nlh);
	return err;
}

/*
 * A dump of ports: one() for each port of each bridge the filters take
 * (with a port filter, that port alone), resuming where the last call
 * stopped; with self, for each bridge's own device (p NULL) first, unless
 * a port is named.
 */
static int vbr_nl_dump_ports(struct sk_buff *skb, struct netlink_callback *cb,
			     bool self,
			     int (*one)(struct sk_buff *skb,
					struct netlink_callback *cb,
					struct vbr_bridge *br,
					struct vbr_port *p))
{
	struct vbr_nl_dump_ctx *ctx = vbr_nl_dump_ctx(cb);
	struct net *net = sock_net(skb->sk);
	struct vbr_bridge *br;
	struct vbr_port *p;
	long i;
	int err;

	err = vbr_nl_dump_lock(cb);
	if (err)
		return err;
	while ((br = vbr_nl_dump_bridge(net, cb))) {
		i = 0;
		if (self && !ctx->port_ifindex && i++ >= ctx->port_done) {
			err = one(skb, cb, br, NULL);
			if (err)
				goto out;
			ctx->port_done = i;
		}
		list_for_each_entry(p, &br->ports, list) {
			if (ctx->port_ifindex &&
			    p->dev->ifindex != ctx->port_ifindex)
				continue;
			if (i++ < ctx->port_done)
				continue;
			err = one(skb, cb, br, p);
			if (err)
				goto out;
			ctx->port_done = i;
		}
		vbr_nl_dump_next_bridge(cb);
	}
out:
	return vbr_nl_dump_unlock(skb, err);
}

/* Bridges */

/* The reply's buffer, taken before a command changes anything: a change
 * is never made that could not be answered.
 */
static struct sk_buff *vbr_nl_reply_new(struct genl_info *info)
{
	struct sk_buff *msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);

	if (!msg)
		NL_SET_ERR_MSG(info->extack, "vbr: no memory for the reply");
	return msg;
}

/* Answers info with one object, as fill writes it under cmd, in msg
 * (from vbr_nl_reply_new(), consumed).
 */
static int vbr_nl_reply(struct genl_info *info, struct sk_buff *msg,
			int (*fill)(struct sk_buff *skb, void *obj, u32 portid,
				    u32 seq, int flags, u8 cmd),
			void *obj, u8 cmd)
{
	int err;

	err = fill(msg, obj, info->snd_portid, info->snd_seq, 0, cmd);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

static int vbr_nl_reply_bridge(struct genl_info *info, struct sk_buff *msg,
			       struct vbr_bridge *br)
{
	return vbr_nl_reply(info, msg, vbr_nl_fill_bridge, br,
			    VBR_CMD_BR_GET);
}

static int vbr_nl_br_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct nlattr *name = attrs[VBR_A_BR_NAME];
	struct net *net = genl_info_net(info);
	struct net_device *dev;
	struct vbr_br_cfg cfg;
	struct sk_buff *msg;
	LIST_HEAD(kill);
	int err;

	vbr_br_cfg_parse(&cfg, attrs, VBR_DIALECT_GENL);
	err = vbr_nl_check_name(name, info->extack) ?:
	      vbr_nl_check_addr(attrs[VBR_A_BR_ADDR], info->extack) ?:
	      vbr_br_cfg_check(&cfg, info->extack);
	if (err)
		return err;
	msg = vbr_nl_reply_new(info);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	dev = vbr_link_create(net, name ? nla_data(name) : NULL,
			      attrs[VBR_A_BR_ADDR] ?
			      nla_data(attrs[VBR_A_BR_ADDR]) : NULL,
			      info->extack);
	if (IS_ERR(dev)) {
		nlmsg_free(msg);
		err = PTR_ERR(dev);
		goto out;
	}
	err = vbr_br_configure(netdev_priv(dev), &cfg, info->extack);
	if (err) {
		/* Refused options leave no bridge behind. */
		nlmsg_free(msg);
		vbr_bridge_destroy(netdev_priv(dev), &kill);
		unregister_netdevice_many(&kill);
		goto out;
	}
	vbr_event_bridge(netdev_priv(dev), VBR_BR_EV_CREATED);
	err = vbr_nl_reply_bridge(info, msg, netdev_priv(dev));
out:
	rtnl_unlock();
	return err;
}

static int vbr_nl_br_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vbr_bridge *br;
	LIST_HEAD(kill);
	int err = 0;

	rtnl_lock();
	br = vbr_nl_bridge(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(br)) {
		err = PTR_ERR(br);
		goto out;
	}
	vbr_bridge_destroy(br, &kill);
	unregister_netdevice_many(&kill);
out:
	rtnl_unlock();
	return err;
}

static int vbr_nl_br_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = vbr_nl_reply_new(info);
	struct vbr_bridge *br;
	int err;

	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	br = vbr_nl_bridge(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(br)) {
		nlmsg_free(msg);
		err = PTR_ERR(br);
	} else {
		err = vbr_nl_reply_bridge(info, msg, br);
	}
	rtnl_unlock();
	return err;
}

static int vbr_nl_br_set(struct sk_buff *skb, struct genl_info *info)
{
	struct vbr_br_cfg cfg;
	struct vbr_bridge *br;
	int err;

	vbr_br_cfg_parse(&cfg, info->attrs, VBR_DIALECT_GENL);
	rtnl_lock();
	br = vbr_nl_bridge(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(br))
		err = PTR_ERR(br);
	else
		err = vbr_br_configure(br, &cfg, info->extack);
	rtnl_unlock();
	return err;
}

static int vbr_nl_br_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct vbr_bridge *br;
	int err;

	err = vbr_nl_dump_lock(cb);
	if (err)
		return err;
	while ((br = vbr_nl_dump_bridge(net, cb))) {
		err = vbr_nl_dump_obj(skb, cb, vbr_nl_fill_bridge, br,
				      VBR_CMD_BR_GET);
		if (err)
			break;
		vbr_nl_dump_next_bridge(cb);
	}
	return vbr_nl_dump_unlock(skb, err);
}

/* Ports */

static int vbr_nl_reply_port(struct genl_info *info, struct sk_buff *msg,
			     struct vbr_port *p)
{
	return vbr_nl_reply(info, msg, vbr_nl_fill_port, p, VBR_CMD_PORT_GET);
}

/* Creates the internal port's device, then the port. */
static struct vbr_port *vbr_nl_add_internal(struct vbr_bridge *br,
					    struct nlattr **attrs,
					    struct netlink_ext_ack *extack)
{
	struct nlattr *name = attrs[VBR_A_PORT_NAME];
	struct net_device *dev;
	struct vbr_port *p;

	if (attrs[VBR_A_PORT_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[VBR_A_PORT_IFINDEX],
				    "vbr: an internal port is named, not given by ifindex");
		return ERR_PTR(-EINVAL);
	}
	if (attrs[VBR_A_PORT_OWNED]) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[VBR_A_PORT_OWNED],
				    "vbr: an internal port always goes with its device");
		return ERR_PTR(-EINVAL);
	}
	dev = vbr_internal_create(dev_net(br->dev),
				  name ? nla_data(name) : NULL,
				  attrs[VBR_A_PORT_ADDR] ?
				  nla_data(attrs[VBR_A_PORT_ADDR]) : NULL,
				  attrs[VBR_A_PORT_MTU] ?
				  nla_get_u32(attrs[VBR_A_PORT_MTU]) : 0,
				  extack);
	if (IS_ERR(dev))
		return ERR_CAST(dev);
	p = vbr_port_attach(br, dev, false, extack);
	if (IS_ERR(p))
		unregister_netdevice(dev);
	return p;
}

static struct vbr_port *vbr_nl_add_netdev(struct vbr_bridge *br,
					  struct nlattr **attrs,
					  struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	if (attrs[VBR_A_PORT_ADDR] || attrs[VBR_A_PORT_MTU]) {
		NL_SET_ERR_MSG(extack, "vbr: address and MTU are for internal ports only");
		return ERR_PTR(-EINVAL);
	}
	dev = vbr_nl_dev(dev_net(br->dev), attrs, VBR_A_PORT_IFINDEX,
			 VBR_A_PORT_NAME, extack);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "vbr: name the device to add (ifindex or name)");
		return ERR_PTR(-EINVAL);
	}
	if (IS_ERR(dev))
		return ERR_CAST(dev);
	if (vbr_is_internal(dev)) {
		NL_SET_ERR_MSG(extack, "vbr: an internal port cannot be added as type netdev");
		return ERR_PTR(-EINVAL);
	}
	return vbr_port_attach(br, dev, !!attrs[VBR_A_PORT_OWNED], extack);
}

static int vbr_nl_port_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vbr_port_cfg cfg;
	struct vbr_bridge *br;
	struct sk_buff *msg;
	struct vbr_port *p;
	LIST_HEAD(kill);
	int err;

	vbr_port_cfg_parse(&cfg, attrs, VBR_DIALECT_GENL);
	err = vbr_nl_check_name(attrs[VBR_A_PORT_NAME], info->extack) ?:
	      vbr_nl_check_addr(attrs[VBR_A_PORT_ADDR], info->extack) ?:
	      vbr_port_cfg_check(&cfg, VBR_PORT_DEFAULT, info->extack);
	if (err)
		return err;
	msg = vbr_nl_reply_new(info);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	br = vbr_nl_bridge(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(br)) {
		p = ERR_CAST(br);
	} else if (attrs[VBR_A_PORT_TYPE] &&
		   nla_get_u8(attrs[VBR_A_PORT_TYPE]) == VBR_PORT_TYPE_INTERNAL) {
		p = vbr_nl_add_internal(br, attrs, info->extack);
	} else {
		p = vbr_nl_add_netdev(br, attrs, info->extack);
	}
	if (IS_ERR(p)) {
		nlmsg_free(msg);
		err = PTR_ERR(p);
		goto out;
	}
	if (attrs[VBR_A_PORT_VLAN]) {
		err = vbr_vlan_set_access(p, nla_get_u16(attrs[VBR_A_PORT_VLAN]),
					  info->extack);
		if (err) {
			/* Nothing half made: the port goes again. */
			nlmsg_free(msg);
			vbr_port_remove(p, &kill);
			unregister_netdevice_many(&kill);
			goto out;
		}
	}
	/* Checked above: cannot fail. */
	vbr_port_configure(p, &cfg, NULL);
	err = vbr_nl_reply_port(info, msg, p);
out:
	rtnl_unlock();
	return err;
}

static int vbr_nl_port_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vbr_port *p;
	LIST_HEAD(kill);
	int err = 0;

	rtnl_lock();
	p = vbr_nl_req_port(info);
	if (IS_ERR(p)) {
		err = PTR_ERR(p);
		goto out;
	}
	vbr_port_remove(p, &kill);
	unregister_netdevice_many(&kill);
out:
	rtnl_unlock();
	return err;
}

static int vbr_nl_port_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = vbr_nl_reply_new(info);
	struct vbr_port *p;
	int err;

	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	p = vbr_nl_req_port(info);
	if (IS_ERR(p)) {
		nlmsg_free(msg);
		err = PTR_ERR(p);
	} else {
		err = vbr_nl_reply_port(info, msg, p);
	}
	rtnl_unlock();
	return err;
}

static int vbr_nl_port_set(struct sk_buff *skb, struct genl_info *info)
{
	struct vbr_port_cfg cfg;
	struct vbr_port *p;
	int err;

	vbr_port_cfg_parse(&cfg, info->attrs, VBR_DIALECT_GENL);
	rtnl_lock();
	p = vbr_nl_req_port(info);
	if (IS_ERR(p))
		err = PTR_ERR(p);
	else
		err = vbr_port_configure(p, &cfg, info->extack);
	rtnl_unlock();
	return err;
}

static int vbr_nl_port_dump_one(struct sk_buff *skb,
				struct netlink_callback *cb,
				struct vbr_bridge *br, struct vbr_port *p)
{
	return vbr_nl_dump_obj(skb, cb, vbr_nl_fill_port, p, VBR_CMD_PORT_GET);
}

static int vbr_nl_port_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return vbr_nl_dump_ports(skb, cb, false, vbr_nl_port_dump_one);
}

/* FDB */

static int vbr_nl_fdb_port_idx(struct vbr_bridge *br, struct nlattr **attrs,
			       u16 *idx, struct netlink_ext_ack *extack)
{
	struct vbr_port *p;

	*idx = 0;
	if (!vbr_nl_has_port(attrs))
		return 0;
	p = vbr_nl_port(br, attrs, extack);
	if (IS_ERR(p))
		return PTR_ERR(p);
	*idx = p->idx;
	return 0;
}

/* An entry's VLAN: 0 (untagged, as without filtering) when not given. */
static u16 vbr_nl_fdb_vid(struct nlattr **attrs)
{
	return attrs[VBR_A_FDB_VID] ? nla_get_u16(attrs[VBR_A_FDB_VID]) : 0;
}

static int vbr_nl_fdb_need_addr(struct nlattr **attrs,
				struct netlink_ext_ack *extack)
{
	if (!attrs[VBR_A_FDB_ADDR]) {
		NL_SET_ERR_MSG(extack, "vbr: the MAC address is missing");
		return -EINVAL;
	}
	return 0;
}

static int vbr_nl_fdb_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vbr_bridge *br;
	u16 idx;
	int err;

	err = vbr_nl_fdb_need_addr(attrs, info->extack);
	if (err)
		return err;
	if (attrs[VBR_A_FDB_TYPE] &&
	    nla_get_u8(attrs[VBR_A_FDB_TYPE]) != VBR_FDB_TYPE_STATIC) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VBR_A_FDB_TYPE],
				    "vbr: only static entries can be added");
		return -EINVAL;
	}
	rtnl_lock();
	br = vbr_nl_bridge(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(br)) {
		err = PTR_ERR(br);
		goto out;
	}
	err = vbr_nl_fdb_port_idx(br, attrs, &idx, info->extack);
	if (err)
		goto out;
	err = vbr_fdb_add_static(br, nla_data(attrs[VBR_A_FDB_ADDR]),
				 vbr_nl_fdb_vid(attrs), idx, 0,
				 nla_get_flag(attrs[VBR_A_FDB_REPLACE]),
				 info->extack);
out:
	rtnl_unlock();
	return err;
}

static int vbr_nl_fdb_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vbr_bridge *br;
	int err;

	err = vbr_nl_fdb_need_addr(attrs, info->extack);
	if (err)
		return err;
	if (vbr_nl_has_port(attrs) || attrs[VBR_A_FDB_TYPE] ||
	    attrs[VBR_A_FDB_REPLACE]) {
		NL_SET_ERR_MSG(info->extack,
			       "vbr: an entry is deleted by its address and VLAN alone");
		return -EINVAL;
	}
	rtnl_lock();
	br = vbr_nl_bridge(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(br)) {
		err = PTR_ERR(br);
		goto out;
	}
	err = vbr_fdb_delete(br, nla_data(attrs[VBR_A_FDB_ADDR]),
			     vbr_nl_fdb_vid(attrs), false, info->extack);
out:
	rtnl_unlock();
	return err;
}

static int vbr_nl_fdb_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vbr_fdb_entry *e;
	struct vbr_bridge *br;
	struct sk_buff *msg;
	int err;

	err = vbr_nl_fdb_need_addr(attrs, info->extack);
	if (err)
		return err;
	if (vbr_nl_has_port(attrs) || attrs[VBR_A_FDB_TYPE] ||
	    attrs[VBR_A_FDB_REPLACE]) {
		NL_SET_ERR_MSG(info->extack,
			       "vbr: an entry is looked up by its address and VLAN alone");
		return -EINVAL;
	}
	msg = vbr_nl_reply_new(info);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	br = vbr_nl_bridge(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(br)) {
		err = PTR_ERR(br);
		goto out;
	}
	rcu_read_lock();
	e = vbr_fdb_find(br, nla_data(attrs[VBR_A_FDB_ADDR]),
			 vbr_nl_fdb_vid(attrs));
	if (e)
		err = vbr_nl_fill_fdb(msg, br, e, READ_ONCE(e->port),
				      info->snd_portid,
				      info->snd_seq, 0, VBR_CMD_FDB_GET);
	rcu_read_unlock();
	if (!e) {
		NL_SET_ERR_MSG(info->extack, "vbr: no such FDB entry");
		err = -ENOENT;
	}
out:
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

struct vbr_nl_fdb_dump_arg {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	struct vbr_bridge *br;
	int port;		/* index, -1 for any */
	int vid;		/* -1 for any */
	u8 type;
};

static int vbr_nl_fdb_dump_one(const struct vbr_fdb_entry *e, void *arg)
{
	struct vbr_nl_fdb_dump_arg *a = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)skb_tail_pointer(a->skb);
	struct netlink_callback *cb = a->cb;
	u16 idx = READ_ONCE(e->port);
	int err;

	if (a->port >= 0 && idx != a->port)
		return 0;
	if (a->vid >= 0 && e->key.vid != a->vid)
		return 0;
	if (!vbr_nl_fdb_type_matches(a->type, READ_ONCE(e->flags)))
		return 0;
	err = vbr_nl_fill_fdb(a->skb, a->br, e, idx,
			      NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			      NLM_F_MULTI, VBR_CMD_FDB_GET);
	if (!err)
		nl_dump_check_consistent(cb, nlh);
	return err;
}

/*
 * The walk resumes at the bucket where the last message filled up. A
 * resize of the table, or a bridge or port that came or went meanwhile,
 * may repeat or miss entries: the dump is then flagged NLM_F_DUMP_INTR,
 * on the next message or on its end.
 */
static int vbr_nl_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vbr_nl_dump_ctx *ctx = vbr_nl_dump_ctx(cb);
	struct vbr_nl_fdb_dump_arg a = { .skb = skb, .cb = cb };
	struct net *net = sock_net(skb->sk);
	bool changed = false;
	int err;

	err = vbr_nl_dump_lock(cb);
	if (err)
		return err;
	a.type = ctx->fdb_type;
	a.vid = ctx->fdb_vid;
	while ((a.br = vbr_nl_dump_bridge(net, cb))) {
		a.port = -1;
		if (ctx->port_ifindex) {
			struct net_device *dev;
			struct vbr_port *p;

			dev = __dev_get_by_index(net, ctx->port_ifindex);
			p = dev ? vbr_port_get_rtnl(dev) : NULL;
			/* The port left during the dump: nothing more. */
			if (!p || p->br != a.br)
				break;
			a.port = p->idx;
		}
		err = vbr_fdb_dump_walk(a.br, &ctx->pos, &changed, skb,
					vbr_nl_fdb_dump_one, &a);
		if (err)
			break;
		vbr_nl_dump_next_bridge(cb);
	}
	/* Flags the next message, or the end of the dump. */
	if (changed) {
		ctx->fdb_changed++;
		vbr_nl_dump_seq(cb, net);
	}
	return vbr_nl_dump_unlock(skb, err);
}

static int vbr_nl_fdb_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	u32 what = VBR_FLUSH_DYNAMIC;
	struct vbr_bridge *br;
	struct sk_buff *msg;
	unsigned int n;
	int port = -1;
	void *hdr;
	u16 idx;
	int err;

	if (attrs[VBR_A_FDB_ADDR] || attrs[VBR_A_FDB_REPLACE]) {
		NL_SET_ERR_MSG(info->extack, "vbr: a flush takes only a port, a VLAN and a type");
		return -EINVAL;
	}
	if (attrs[VBR_A_FDB_TYPE]) {
		switch (nla_get_u8(attrs[VBR_A_FDB_TYPE])) {
		case VBR_FDB_TYPE_ANY:
			what = VBR_FLUSH_DYNAMIC | VBR_FLUSH_STATIC;
			break;
		case VBR_FDB_TYPE_DYNAMIC:
			break;
		case VBR_FDB_TYPE_STATIC:
			what = VBR_FLUSH_STATIC;
			break;
		case VBR_FDB_TYPE_LOCKED:
			what = VBR_FLUSH_LOCKED;
			break;
		default:
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[VBR_A_FDB_TYPE],
					    "vbr: the bridge's own entries are never flushed");
			return -EINVAL;
		}
	}
	msg = vbr_nl_reply_new(info);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	br = vbr_nl_bridge(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(br)) {
		err = PTR_ERR(br);
		goto err_unlock;
	}
	err = vbr_nl_fdb_port_idx(br, attrs, &idx, info->extack);
	if (err)
		goto err_unlock;
	if (vbr_nl_has_port(attrs))
		port = idx;
	n = vbr_fdb_flush(br, port,
			  attrs[VBR_A_FDB_VID] ? vbr_nl_fdb_vid(attrs) : -1,
			  what);
	rtnl_unlock();

	hdr = genlmsg_put_reply(msg, info, &vbr_genl_family, 0,
				VBR_CMD_FDB_FLUSH);
	if (!hdr || nla_put_u32(msg, VBR_A_FDB_FLUSHED, n)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_unlock:
	rtnl_unlock();
	nlmsg_free(msg);
	return err;
}

/* VLANs */

/* A VLAN list being written, and where it stopped when the message
 * filled up.
 */
struct vbr_nl_vlan_fill {
	struct sk_buff *skb;
	u16 from;		/* the first VID to put */
	u16 next;		/* the VID the next message resumes at */
	unsigned int n;		/* ranges put */
};

static int vbr_nl_put_vlan_range(const struct vbr_vlan_range *r, void *arg)
{
	struct vbr_nl_vlan_fill *f = arg;
	u16 vid = max(r->vid, f->from);
	struct nlattr *nest;

	if (r->vid_end < f->from)
		return 0;
	nest = nla_nest_start(f->skb, VBR_A_VLAN_RANGE);
	if (!nest)
		goto full;
	if (nla_put_u16(f->skb, VBR_A_VLAN_VID, vid) ||
	    nla_put_u16(f->skb, VBR_A_VLAN_VID_END, r->vid_end) ||
	    (r->pvid && nla_put_flag(f->skb, VBR_A_VLAN_PVID)) ||
	    (r->untagged && nla_put_flag(f->skb, VBR_A_VLAN_UNTAGGED))) {
		nla_nest_cancel(f->skb, nest);
		goto full;
	}
	nla_nest_end(f->skb, nest);
	f->n++;
	return 0;
full:
	f->next = vid;
	return -EMSGSIZE;
}

/*
 * The VLANs of port p, or of the bridge device when p is NULL, from VID
 * *from on (0: all). A message that fills up ends with the ranges that
 * fitted, and *from is set to where the next one resumes; it is 0 once
 * the list is whole. RTNL.
 */
static int vbr_nl_fill_vlan(struct sk_buff *skb, struct vbr_bridge *br,
			    struct vbr_port *p, u16 *from, u32 portid,
			    u32 seq, int flags, u8 cmd)
{
	struct vbr_nl_vlan_fill f = { .skb = skb, .from = *from };
	struct nlattr *list;
	void *hdr;
	int err;

	hdr = genlmsg_put(skb, portid, seq, &vbr_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VBR_A_BR_IFINDEX, br->dev->ifindex) ||
	    (p && (nla_put_u32(skb, VBR_A_PORT_IFINDEX, p->dev->ifindex) ||
		   nla_put_string(skb, VBR_A_PORT_NAME, p->dev->name))))
		goto err;
	list = nla_nest_start(skb, VBR_A_VLAN_LIST);
	if (!list)
		goto err;
	err = vbr_vlan_walk_ranges(vbr_vlans_rtnl(br, p), true,
				   vbr_nl_put_vlan_range, &f);
	/* Not one range fitted: the message would say nothing. */
	if (err && !f.n)
		goto err;
	nla_nest_end(skb, list);
	genlmsg_end(skb, hdr);
	*from = err ? f.next : 0;
	return 0;
err:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int vbr_nl_count_range(const struct vbr_vlan_range *r, void *arg)
{
	(*(unsigned int *)arg)++;
	return 0;
}

/* A message big enough for every VLAN of p (or of the bridge device),
 * however scattered: a trunk port may have thousands of ranges. RTNL.
 */
static struct sk_buff *vbr_nl_vlan_msg_new(struct vbr_bridge *br,
					   struct vbr_port *p)
{
	unsigned int n = 0;
	size_t size;

	vbr_vlan_walk_ranges(vbr_vlans_rtnl(br, p), true,
			     vbr_nl_count_range, &n);
	size = 2 * nla_total_size(sizeof(u32)) + nla_total_size(IFNAMSIZ) +
	       nla_total_size(0) +
	       n * nla_total_size(2 * nla_total_size(sizeof(u16)) +
				  2 * nla_total_size(0));
	return genlmsg_new(size, GFP_KERNEL);
}

/* The range a VLAN_ADD or VLAN_DEL request gives, checked. */
static int vbr_nl_vlan_range(struct nlattr **attrs, struct vbr_vlan_range *r,
			     struct netlink_ext_ack *extack)
{
	if (!attrs[VBR_A_VLAN_VID]) {
		NL_SET_ERR_MSG(extack, "vbr: the VLAN id is missing");
		return -EINVAL;
	}
	r->vid = nla_get_u16(attrs[VBR_A_VLAN_VID]);
	r->vid_end = attrs[VBR_A_VLAN_VID_END] ?
		     nla_get_u16(attrs[VBR_A_VLAN_VID_END]) : r->vid;
	r->pvid = nla_get_flag(attrs[VBR_A_VLAN_PVID]);
	r->untagged = nla_get_flag(attrs[VBR_A_VLAN_UNTAGGED]);
	return vbr_vlan_range_check(r, extack);
}

/* The bridge a VLAN request names, and the port, or NULL for the bridge
 * device itself when none is named. RTNL.
 */
static int vbr_nl_vlan_target(struct genl_info *info, struct vbr_bridge **br,
			      struct vbr_port **p)
{
	*p = NULL;
	*br = vbr_nl_bridge(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(*br))
		return PTR_ERR(*br);
	if (!vbr_nl_has_port(info->attrs))
		return 0;
	*p = vbr_nl_port(*br, info->attrs, info->extack);
	return PTR_ERR_OR_ZERO(*p);
}

static int vbr_nl_vlan_change(struct genl_info *info, bool add)
{
	struct vbr_vlan_range r;
	struct vbr_bridge *br;
	struct vbr_port *p;
	int err;

	err = vbr_nl_vlan_range(info->attrs, &r, info->extack);
	if (err)
		return err;
	rtnl_lock();
	err = vbr_nl_vlan_target(info, &br, &p);
	if (!err)
		err = vbr_vlan_change(br, p, &r, 1, add, info->extack);
	rtnl_unlock();
	return err;
}

static int vbr_nl_vlan_add(struct sk_buff *skb, struct genl_info *info)
{
	return vbr_nl_vlan_change(info, true);
}

static int vbr_nl_vlan_del(struct sk_buff *skb, struct genl_info *info)
{
	return vbr_nl_vlan_change(info, false);
}

static int vbr_nl_vlan_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vbr_bridge *br;
	struct vbr_port *p;
	struct sk_buff *msg;
	u16 from = 0;
	int err;

	rtnl_lock();
	err = vbr_nl_vlan_target(info, &br, &p);
	if (err)
		goto out;
	msg = vbr_nl_vlan_msg_new(br, p);
	if (!msg) {
		NL_SET_ERR_MSG(info->extack, "vbr: no memory for the reply");
		err = -ENOMEM;
		goto out;
	}
	err = vbr_nl_fill_vlan(msg, br, p, &from, info->snd_portid,
			       info->snd_seq, 0, VBR_CMD_VLAN_GET);
	if (!err && from)
		err = -EMSGSIZE;
	if (err) {
		nlmsg_free(msg);
		goto out;
	}
	err = genlmsg_reply(msg, info);
out:
	rtnl_unlock();
	return err;
}

/* One device's VLANs into a dump; -EMSGSIZE once the message is full. */
static int vbr_nl_vlan_dump_one(struct sk_buff *skb,
				struct netlink_callback *cb,
				struct vbr_bridge *br, struct vbr_port *p)
{
	struct vbr_nl_dump_ctx *ctx = vbr_nl_dump_ctx(cb);
	struct nlmsghdr *nlh = (struct nlmsghdr *)skb_tail_pointer(skb);
	int err;

	err = vbr_nl_fill_vlan(skb, br, p, &ctx->vlan_next,
			       NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			       NLM_F_MULTI, VBR_CMD_VLAN_GET);
	if (err)
		return err;
	nl_dump_check_consistent(cb, nlh);
	/* The rest of the list goes in the next message. */
	return ctx->vlan_next ? -EMSGSIZE : 0;
}

/*
 * Each bridge's device first, then its ports; with a port filter, that
 * port alone. A device whose list does not fit in what is left of a
 * message carries on in the next one, from the VID where it stopped.
 */
static int vbr_nl_vlan_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return vbr_nl_dump_ports(skb, cb, true, vbr_nl_vlan_dump_one);
}

/* Events */

/* A message for the events group, or NULL when nobody listens. */
static struct sk_buff *vbr_nl_event_new(struct net *net, size_t size,
					gfp_t gfp)
{
	if (!genl_has_listeners(&vbr_genl_family, net, VBR_NL_MCGRP_EVENTS))
		return NULL;
	return genlmsg_new(size, gfp);
}

/* Sends what the fill made of msg; a failed fill sends nothing. */
static void vbr_nl_event_send(struct net *net, struct sk_buff *msg, int err,
			      gfp_t gfp)
{
	if (err) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast_netns(&vbr_genl_family, net, msg, 0,
				VBR_NL_MCGRP_EVENTS, gfp);
}

/* An event that only names its bridge, or its port when p is given. */
static int vbr_nl_fill_named(struct sk_buff *msg, u8 cmd,
			     struct vbr_bridge *br, struct vbr_port *p)
{
	void *hdr = genlmsg_put(msg, 0, 0, &vbr_genl_family, 0, cmd);

	if (!hdr)
		return -EMSGSIZE;
	if (p ? vbr_nl_put_port_id(msg, p) :
	    nla_put_u32(msg, VBR_A_BR_IFINDEX, br->dev->ifindex) ||
	    nla_put_string(msg, VBR_A_BR_NAME, br->dev->name)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

void vbr_nl_port_notify(struct vbr_port *p, u8 cmd)
{
	struct net *net = dev_net(p->br->dev);
	struct sk_buff *msg;
	int err;

	msg = vbr_nl_event_new(net, NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	/* A change shows the port whole; an arrival or departure names it. */
	if (cmd == VBR_CMD_PORT_CHANGED_NTF)
		err = vbr_nl_fill_port(msg, p, 0, 0, 0, cmd);
	else
		err = vbr_nl_fill_named(msg, cmd, p->br, p);
	vbr_nl_event_send(net, msg, err, GFP_KERNEL);
}

void vbr_nl_br_notify(struct vbr_bridge *br, u8 cmd)
{
	struct net *net = dev_net(br->dev);
	struct sk_buff *msg;
	int err;

	msg = vbr_nl_event_new(net, NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	/* A new bridge is shown whole; a deleted one is named. */
	if (cmd == VBR_CMD_BR_CREATED_NTF)
		err = vbr_nl_fill_bridge(msg, br, 0, 0, 0, cmd);
	else
		err = vbr_nl_fill_named(msg, cmd, br, NULL);
	vbr_nl_event_send(net, msg, err, GFP_KERNEL);
}

bool vbr_nl_fdb_listened(struct vbr_bridge *br)
{
	/* Not yet registered (the bridge's own entry at creation, or a
	 * KUnit bridge): nobody can know of it.
	 */
	return br->dev->reg_state == NETREG_REGISTERED &&
	       genl_has_listeners(&vbr_genl_family, dev_net(br->dev),
				  VBR_NL_MCGRP_EVENTS);
}

void vbr_nl_fdb_notify(struct vbr_bridge *br, const struct vbr_fdb_entry *e,
		       u8 cmd)
{
	struct sk_buff *msg;

	if (!vbr_nl_fdb_listened(br))
		return;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!msg)
		return;
	vbr_nl_event_send(dev_net(br->dev), msg,
			  vbr_nl_fill_fdb(msg, br, e, READ_ONCE(e->port),
					  0, 0, 0, cmd),
			  GFP_ATOMIC);
}

void vbr_nl_mac_flap_notify(struct vbr_bridge *br,
			    const struct vbr_fdb_key *key,
			    const struct vbr_port *from,
			    const struct vbr_port *to)
{
	struct net_device *dev = br->dev;
	struct sk_buff *msg;
	void *hdr;
	int err = -EMSGSIZE;

	msg = vbr_nl_event_new(dev_net(dev), NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &vbr_genl_family, 0,
			  VBR_CMD_MAC_FLAP_NTF);
	if (!hdr ||
	    nla_put_u32(msg, VBR_A_BR_IFINDEX, dev->ifindex) ||
	    nla_put_string(msg, VBR_A_BR_NAME, dev->name) ||
	    nla_put(msg, VBR_A_FDB_ADDR, ETH_ALEN, key->addr) ||
	    nla_put_u16(msg, VBR_A_FDB_VID, key->vid) ||
	    nla_put_u32(msg, VBR_A_PORT_IFINDEX, to->dev->ifindex) ||
	    nla_put_string(msg, VBR_A_PORT_NAME, to->dev->name) ||
	    (from && (nla_put_u32(msg, VBR_A_FLAP_FROM_IFINDEX,
				  from->dev->ifindex) ||
		      nla_put_string(msg, VBR_A_FLAP_FROM_NAME,
				     from->dev->name))))
		goto out;
	genlmsg_end(msg, hdr);
	err = 0;
out:
	vbr_nl_event_send(dev_net(dev), msg, err, GFP_ATOMIC);
}

void vbr_nl_fdb_flush_notify(struct vbr_bridge *br, int port, int vid,
			     u32 what, unsigned int n)
{
	u8 type = VBR_FDB_TYPE_ANY;
	struct vbr_port *p = NULL;
	struct sk_buff *msg;
	void *hdr;
	int err = -EMSGSIZE;

	if (!vbr_nl_fdb_listened(br))
		return;
	if (port > 0)
		p = rtnl_dereference(br->port_tab[port]);
	if (what == VBR_FLUSH_LOCKED)
		type = VBR_FDB_TYPE_LOCKED;
	else if (!(what & VBR_FLUSH_STATIC))
		type = VBR_FDB_TYPE_DYNAMIC;
	else if (!(what & VBR_FLUSH_DYNAMIC))
		type = VBR_FDB_TYPE_STATIC;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &vbr_genl_family, 0,
			  VBR_CMD_FDB_FLUSHED_NTF);
	if (!hdr ||
	    nla_put_u32(msg, VBR_A_BR_IFINDEX, br->dev->ifindex) ||
	    (p && (nla_put_u32(msg, VBR_A_PORT_IFINDEX, p->dev->ifindex) ||
		   nla_put_string(msg, VBR_A_PORT_NAME, p->dev->name))) ||
	    (vid >= 0 && nla_put_u16(msg, VBR_A_FDB_VID, vid)) ||
	    nla_put_u8(msg, VBR_A_FDB_TYPE, type) ||
	    nla_put_u32(msg, VBR_A_FDB_FLUSHED, n))
		goto out;
	genlmsg_end(msg, hdr);
	err = 0;
out:
	vbr_nl_event_send(dev_net(br->dev), msg, err, GFP_KERNEL);
}

void vbr_nl_vlan_notify(struct vbr_bridge *br, struct vbr_port *p)
{
	struct net *net = dev_net(br->dev);
	struct sk_buff *msg;
	u16 from = 0;
	int err;

	ASSERT_RTNL();
	/* A bridge or port being made: nobody can know of it yet. */
	if (br->dev->reg_state != NETREG_REGISTERED ||
	    !genl_has_listeners(&vbr_genl_family, net, VBR_NL_MCGRP_EVENTS))
		return;
	msg = vbr_nl_vlan_msg_new(br, p);
	if (!msg)
		return;
	/* The whole list fits in one message (from stays 0), or none is sent. */
	err = vbr_nl_fill_vlan(msg, br, p, &from, 0, 0, 0,
			       VBR_CMD_VLAN_CHANGED_NTF);
	vbr_nl_event_send(net, msg, err ?: (from ? -EMSGSIZE : 0), GFP_KERNEL);
}

#define VBR_NL_OP(_cmd, _doit, _dumpit, _policy, _flags) {	\
	.cmd = _cmd,						\
	.doit = _doit,						\
	.dumpit = _dumpit,					\
	.policy = _policy,					\
	.maxattr = VBR_A_MAX,					\
	.flags = _flags,					\
}

static const struct genl_ops vbr_nl_ops[] = {
	VBR_NL_OP(VBR_CMD_BR_NEW, vbr_nl_br_new, NULL,
		  vbr_nl_br_new_policy, GENL_UNS_ADMIN_PERM),
	VBR_NL_OP(VBR_CMD_BR_DEL, vbr_nl_br_del, NULL,
		  vbr_nl_br_policy, GENL_UNS_ADMIN_PERM),
	VBR_NL_OP(VBR_CMD_BR_GET, vbr_nl_br_get, vbr_nl_br_dump,
		  vbr_nl_br_policy, 0),
	VBR_NL_OP(VBR_CMD_BR_SET, vbr_nl_br_set, NULL,
		  vbr_nl_br_set_policy, GENL_UNS_ADMIN_PERM),
	VBR_NL_OP(VBR_CMD_PORT_ADD, vbr_nl_port_add, NULL,
		  vbr_nl_port_add_policy, GENL_UNS_ADMIN_PERM),
	VBR_NL_OP(VBR_CMD_PORT_DEL, vbr_nl_port_del, NULL,
		  vbr_nl_port_policy, GENL_UNS_ADMIN_PERM),
	VBR_NL_OP(VBR_CMD_PORT_GET, vbr_nl_port_get, vbr_nl_port_dump,
		  vbr_nl_port_policy, 0),
	VBR_NL_OP(VBR_CMD_PORT_SET, vbr_nl_port_set, NULL,
		  vbr_nl_port_set_policy, GENL_UNS_ADMIN_PERM),
	VBR_NL_OP(VBR_CMD_FDB_ADD, vbr_nl_fdb_add, NULL,
		  vbr_nl_fdb_policy, GENL_UNS_ADMIN_PERM),
	VBR_NL_OP(VBR_CMD_FDB_DEL, vbr_nl_fdb_del, NULL,
		  vbr_nl_fdb_policy, GENL_UNS_ADMIN_PERM),
	VBR_NL_OP(VBR_CMD_FDB_GET, vbr_nl_fdb_get, vbr_nl_fdb_dump,
		  vbr_nl_fdb_policy, 0),
	VBR_NL_OP(VBR_CMD_FDB_FLUSH, vbr_nl_fdb_flush, NULL,
		  vbr_nl_fdb_policy, GENL_UNS_ADMIN_PERM),
	VBR_NL_OP(VBR_CMD_VLAN_ADD, vbr_nl_vlan_add, NULL,
		  vbr_nl_vlan_add_policy, GENL_UNS_ADMIN_PERM),
	VBR_NL_OP(VBR_CMD_VLAN_DEL, vbr_nl_vlan_del, NULL,
		  vbr_nl_vlan_del_policy, GENL_UNS_ADMIN_PERM),
	VBR_NL_OP(VBR_CMD_VLAN_GET, vbr_nl_vlan_get, vbr_nl_vlan_dump,
		  vbr_nl_port_policy, 0),
};

/* No capability: events are readable by anyone, as GET is. */
static const struct genl_multicast_group vbr_nl_mcgrps[] = {
	[VBR_NL_MCGRP_EVENTS] = { .name = VBR_GENL_MCGRP_EVENTS },
};

static struct genl_family vbr_genl_family __ro_after_init = {
	.name		= VBR_GENL_NAME,
	.version	= VBR_GENL_VERSION,
	.maxattr	= VBR_A_MAX,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.ops		= vbr_nl_ops,
	.n_ops		= ARRAY_SIZE(vbr_nl_ops),
	.resv_start_op	= VBR_CMD_BR_NEW,
	.mcgrps		= vbr_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(vbr_nl_mcgrps),
};

#if IS_ENABLED(CONFIG_KUNIT)
/* The policy a command's attributes are validated with, for KUnit. */
const struct nla_policy *vbr_nl_policy(u8 cmd)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(vbr_nl_ops); i++)
		if (vbr_nl_ops[i].cmd == cmd)
			return vbr_nl_ops[i].policy;
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_nl_policy);
#endif

int vbr_nl_init(void)
{
	return genl_register_family(&vbr_genl_family);
}

void vbr_nl_exit(void)
{
	genl_unregister_family(&vbr_genl_family);
}
