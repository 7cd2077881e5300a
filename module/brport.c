// SPDX-License-Identifier: GPL-2.0
/*
 * "bridge link" on vbr ports. The kernel hands a port's RTM_SETLINK and
 * RTM_GETLINK of family AF_BRIDGE to its master, whatever the master is;
 * vbr answers in the Linux bridge's IFLA_BRPORT_* encoding, and applies
 * options through the one port applier (options.c).
 */
#include <linux/if_bridge.h>
#include <linux/rtnetlink.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "bridge.h"
#include "brport.h"
#include "compat.h"
#include "options.h"
#include "port.h"
#include "vlan.h"

#define VBR_BRPORT_NOPE(name) "vbr: bridge port option \"" name "\" is not supported"

/* Why an IFLA_BRPORT_* vbr does not implement is refused. */
static const char *const vbr_brport_refusals[] = {
	[IFLA_BRPORT_PRIORITY]		= "vbr: no STP, so no port priority",
	[IFLA_BRPORT_COST]		= "vbr: no STP, so no port cost",
	[IFLA_BRPORT_PROTECT]		= VBR_BRPORT_NOPE("root_block"),
	[IFLA_BRPORT_FAST_LEAVE]	= "vbr: no multicast snooping, so no fastleave",
	[IFLA_BRPORT_PROXYARP]		= VBR_BRPORT_NOPE("proxy_arp"),
	[IFLA_BRPORT_LEARNING_SYNC]	= VBR_BRPORT_NOPE("learning_sync"),
	[IFLA_BRPORT_PROXYARP_WIFI]	= VBR_BRPORT_NOPE("proxy_arp_wifi"),
	[IFLA_BRPORT_FLUSH]		= "vbr: flush with \"vbrctl fdb flush BRIDGE port PORT\"",
	[IFLA_BRPORT_MULTICAST_ROUTER]	= "vbr: no multicast snooping, so no mcast_router",
	[IFLA_BRPORT_MCAST_TO_UCAST]	= VBR_BRPORT_NOPE("mcast_to_unicast"),
	[IFLA_BRPORT_VLAN_TUNNEL]	= VBR_BRPORT_NOPE("vlan_tunnel"),
	[IFLA_BRPORT_GROUP_FWD_MASK]	= VBR_BRPORT_NOPE("group_fwd_mask"),
	[IFLA_BRPORT_NEIGH_SUPPRESS]	= VBR_BRPORT_NOPE("neigh_suppress"),
	[IFLA_BRPORT_BACKUP_PORT]	= VBR_BRPORT_NOPE("backup_port"),
	[IFLA_BRPORT_MRP_RING_OPEN]	= VBR_BRPORT_NOPE("MRP"),
	[IFLA_BRPORT_MRP_IN_OPEN]	= VBR_BRPORT_NOPE("MRP"),
	[IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT] = VBR_BRPORT_NOPE("mcast_eht_hosts_limit"),
};

/* The table's messages are not literals, which NL_SET_ERR_MSG wants. */
static void vbr_brport_refuse(struct netlink_ext_ack *extack,
			      const struct nlattr *a, u16 type)
{
	const char *msg = NULL;

	if (!extack)
		return;
	if (type < ARRAY_SIZE(vbr_brport_refusals))
		msg = vbr_brport_refusals[type];
	extack->_msg = msg ?: "vbr: this bridge port option is not supported";
	extack->bad_attr = a;
}

static int vbr_brport_flag(u16 type)
{
	unsigned int i;

	for (i = 0; i < VBR_PORT_NFLAGS; i++)
		if (type && vbr_port_flag_attrs[i].brport == type)
			return i;
	return -1;
}

/*
 * A vbr port forwards or is blocked, the Linux bridge's forwarding (3)
 * and blocking (4): blocking blocks it with reason admin, forwarding
 * unblocks it. Disabled, listening and learning are STP's.
 */
static int vbr_brport_state(const struct nlattr *a, struct vbr_port_cfg *c,
			    struct netlink_ext_ack *extack)
{
	u8 state;

	if (nla_len(a) < sizeof(u8)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "vbr: the port state is a u8");
		return -EINVAL;
	}
	state = nla_get_u8(a);
	if (state > BR_STATE_BLOCKING) {
		NL_SET_ERR_MSG_ATTR(extack, a, "vbr: no such port state");
		return -EINVAL;
	}
	if (state != BR_STATE_FORWARDING && state != BR_STATE_BLOCKING) {
		NL_SET_ERR_MSG_ATTR(extack, a, "vbr: no STP: forwarding (3) or blocking (4)");
		return -EOPNOTSUPP;
	}
	c->set_state = true;
	c->blocked = state == BR_STATE_BLOCKING;
	return 0;
}

/* IFLA_PROTINFO into a change; nothing is applied here. */
static int vbr_brport_parse(const struct nlattr *protinfo,
			    struct vbr_port_cfg *c,
			    struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int rem, i, err;

	/* Old RSTP daemons send the bare state. */
	if (!(protinfo->nla_type & NLA_F_NESTED))
		return vbr_brport_state(protinfo, c, extack);
	nla_for_each_nested(a, protinfo, rem) {
		u16 type = nla_type(a);

		if (type == IFLA_BRPORT_STATE) {
			err = vbr_brport_state(a, c, extack);
			if (err)
				return err;
			continue;
		}
		i = vbr_brport_flag(type);
		if (i < 0) {
			vbr_brport_refuse(extack, a, type);
			return -EOPNOTSUPP;
		}
		if (nla_len(a) != sizeof(u8) || nla_get_u8(a) > 1) {
			NL_SET_ERR_MSG_ATTR(extack, a, "vbr: a bridge port flag is a u8, 0 or 1");
			return -EINVAL;
		}
		vbr_port_cfg_flag(c, vbr_port_flag_attrs[i].flag, a);
	}
	return 0;
}

/* IFLA_AF_SPEC's VLAN entries as ranges; r has room for one per entry. */
static int vbr_brport_vlans(const struct nlattr *afspec,
			    struct vbr_vlan_range *r, unsigned int *n,
			    struct netlink_ext_ack *extack)
{
	const struct bridge_vlan_info *begin = NULL, *vi;
	const u16 same = BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED;
	const struct nlattr *a;
	int rem, err;

	*n = 0;
	nla_for_each_nested(a, afspec, rem) {
		switch (nla_type(a)) {
		case IFLA_BRIDGE_FLAGS:
			continue;
		case IFLA_BRIDGE_VLAN_INFO:
			break;
		case IFLA_BRIDGE_MODE:
			NL_SET_ERR_MSG_ATTR(extack, a, "vbr: no hwmode (see hairpin)");
			return -EOPNOTSUPP;
		case IFLA_BRIDGE_VLAN_TUNNEL_INFO:
			NL_SET_ERR_MSG_ATTR(extack, a, "vbr: no VLAN tunnel mapping");
			return -EOPNOTSUPP;
		default:
			NL_SET_ERR_MSG_ATTR(extack, a, "vbr: bridge attribute not supported");
			return -EOPNOTSUPP;
		}
		if (nla_len(a) != sizeof(*vi)) {
			NL_SET_ERR_MSG_ATTR(extack, a, "vbr: bad VLAN entry size");
			return -EINVAL;
		}
		vi = nla_data(a);
		if (vi->flags & BRIDGE_VLAN_INFO_ONLY_OPTS) {
			NL_SET_ERR_MSG_ATTR(extack, a, "vbr: VLANs have no options");
			return -EOPNOTSUPP;
		}
		if (vi->flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) {
			if (begin || (vi->flags & BRIDGE_VLAN_INFO_RANGE_END)) {
				NL_SET_ERR_MSG_ATTR(extack, a, "vbr: VLAN range inside a range");
				return -EINVAL;
			}
			begin = vi;
			continue;
		}
		r[*n] = (struct vbr_vlan_range){
			.vid = begin ? begin->vid : vi->vid,
			.vid_end = vi->vid,
			.pvid = vi->flags & BRIDGE_VLAN_INFO_PVID,
			.untagged = vi->flags & BRIDGE_VLAN_INFO_UNTAGGED,
		};
		if (begin && ((begin->flags ^ vi->flags) & same)) {
			NL_SET_ERR_MSG_ATTR(extack, a, "vbr: VLAN range ends differ");
			return -EINVAL;
		}
		if (!begin && (vi->flags & BRIDGE_VLAN_INFO_RANGE_END)) {
			NL_SET_ERR_MSG_ATTR(extack, a, "vbr: VLAN range end alone");
			return -EINVAL;
		}
		if (begin && !(vi->flags & BRIDGE_VLAN_INFO_RANGE_END)) {
			NL_SET_ERR_MSG_ATTR(extack, a, "vbr: a VLAN range has no end");
			return -EINVAL;
		}
		err = vbr_vlan_range_check(&r[*n], extack);
		if (err) {
			NL_SET_BAD_ATTR(extack, a);
			return err;
		}
		begin = NULL;
		(*n)++;
	}
	if (begin) {
		NL_SET_ERR_MSG(extack, "vbr: a VLAN range has no end");
		return -EINVAL;
	}
	return 0;
}

/* "bridge vlan add|del": the VLAN entries of IFLA_AF_SPEC, all or none. */
static int vbr_brport_vlan_change(struct vbr_bridge *br, struct vbr_port *p,
				  const struct nlattr *afspec, bool add,
				  struct netlink_ext_ack *extack)
{
	struct vbr_vlan_range *r;
	const struct nlattr *a;
	unsigned int n = 0;
	int rem, err;

	nla_for_each_nested(a, afspec, rem)
		n++;
	r = kmalloc_array(n ?: 1, sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	err = vbr_brport_vlans(afspec, r, &n, extack);
	if (!err && n)
		err = vbr_vlan_change(br, p, r, n, add, extack);
	kfree(r);
	return err;
}

/* Either a port's master (vbr) is asked, or the bridge itself ("self"). */
static int vbr_brport_target(struct net_device *dev, struct vbr_bridge **br,
			     struct vbr_port **p)
{
	*p = vbr_port_get_rtnl(dev);
	if (*p) {
		*br = (*p)->br;
		return 0;
	}
	if (!vbr_is_bridge(dev))
		return -EOPNOTSUPP;
	*br = netdev_priv(dev);
	return 0;
}

int vbr_brport_setlink(struct net_device *dev, struct nlmsghdr *nlh,
		       u16 flags, struct netlink_ext_ack *extack)
{
	struct nlattr *protinfo, *afspec;
	struct vbr_port_cfg c = {};
	struct vbr_bridge *br;
	struct vbr_port *p;
	int err;

	if (vbr_brport_target(dev, &br, &p))
		return -EOPNOTSUPP;
	protinfo = nlmsg_find_attr(nlh, sizeof(struct ifinfomsg),
				   IFLA_PROTINFO);
	afspec = nlmsg_find_attr(nlh, sizeof(struct ifinfomsg), IFLA_AF_SPEC);
	if (protinfo && !p) {
		NL_SET_ERR_MSG(extack, "vbr: \"bridge link set\" takes a vbr port, not the bridge");
		return -EOPNOTSUPP;
	}
	if (protinfo) {
		err = vbr_brport_parse(protinfo, &c, extack);
		if (err)
			return err;
		err = vbr_port_cfg_check(&c, p->flags, extack);
		if (err)
			return err;
	}
	if (afspec) {
		err = vbr_brport_vlan_change(br, p, afspec, true, extack);
		if (err)
			return err;
	}
	return protinfo ? vbr_port_configure(p, &c, extack) : 0;
}

/* "bridge vlan del"; rtnetlink gives this op no extack. */
int vbr_brport_dellink(struct net_device *dev, struct nlmsghdr *nlh,
		       u16 flags)
{
	struct vbr_bridge *br;
	struct vbr_port *p;
	struct nlattr *afspec;

	if (vbr_brport_target(dev, &br, &p))
		return -EOPNOTSUPP;
	afspec = nlmsg_find_attr(nlh, sizeof(struct ifinfomsg), IFLA_AF_SPEC);
	if (!afspec)
		return 0;
	return vbr_brport_vlan_change(br, p, afspec, false, NULL);
}

/* A block outlives the link: a blocked port that is down is blocking,
 * one that forwards is disabled while down, as the Linux bridge shows it.
 */
static u8 vbr_brport_stp_state(const struct net_device *dev, u32 flags)
{
	if (flags & VBR_PORT_BLOCK_MASK)
		return BR_STATE_BLOCKING;
	return netif_running(dev) && netif_oper_up(dev) ?
	       BR_STATE_FORWARDING : BR_STATE_DISABLED;
}

struct vbr_brport_vlan_ctx {
	struct sk_buff *skb;
	bool compress;
};

static int vbr_brport_put_vlan(const struct vbr_vlan_range *r, void *arg)
{
	struct vbr_brport_vlan_ctx *ctx = arg;
	struct bridge_vlan_info vi = {};

	if (r->pvid)
		vi.flags |= BRIDGE_VLAN_INFO_PVID;
	if (r->untagged)
		vi.flags |= BRIDGE_VLAN_INFO_UNTAGGED;
	if (r->vid_end == r->vid) {
		vi.vid = r->vid;
		return nla_put(ctx->skb, IFLA_BRIDGE_VLAN_INFO, sizeof(vi), &vi);
	}
	vi.vid = r->vid;
	vi.flags |= BRIDGE_VLAN_INFO_RANGE_BEGIN;
	if (nla_put(ctx->skb, IFLA_BRIDGE_VLAN_INFO, sizeof(vi), &vi))
		return -EMSGSIZE;
	vi.vid = r->vid_end;
	vi.flags ^= BRIDGE_VLAN_INFO_RANGE_BEGIN | BRIDGE_VLAN_INFO_RANGE_END;
	return nla_put(ctx->skb, IFLA_BRIDGE_VLAN_INFO, sizeof(vi), &vi);
}

#define VBR_BRPORT_VLANS (RTEXT_FILTER_BRVLAN | RTEXT_FILTER_BRVLAN_COMPRESSED)

/*
 * A port (or, p NULL, the bridge device) as the Linux bridge's br_getlink
 * shows one: its options for a port, its VLANs when filter_mask asks.
 * RTNL or RCU.
 */
static int vbr_brport_fill(struct sk_buff *skb, struct vbr_bridge *br,
			   struct vbr_port *p, u32 portid, u32 seq, int type,
			   int nlflags, u32 filter_mask)
{
	struct net_device *dev = p ? p->dev : br->dev;
	struct vbr_brport_vlan_ctx ctx = { skb };
	const struct vbr_vlans *v;
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	unsigned int i;
	u32 flags;

	nlh = nlmsg_put(skb, portid, seq, type, sizeof(*ifm), nlflags);
	if (!nlh)
		return -EMSGSIZE;
	ifm = nlmsg_data(nlh);
	memset(ifm, 0, sizeof(*ifm));
	ifm->ifi_family = AF_BRIDGE;
	ifm->ifi_type = dev->type;
	ifm->ifi_index = dev->ifindex;
	ifm->ifi_flags = dev_get_flags(dev);

	if (nla_put_string(skb, IFLA_IFNAME, dev->name) ||
	    (p && nla_put_u32(skb, IFLA_MASTER, br->dev->ifindex)) ||
	    nla_put_u32(skb, IFLA_MTU, dev->mtu) ||
	    nla_put_u8(skb, IFLA_OPERSTATE, READ_ONCE(dev->operstate)) ||
	    (dev->addr_len &&
	     nla_put(skb, IFLA_ADDRESS, dev->addr_len, dev->dev_addr)) ||
	    (dev->ifindex != dev_get_iflink(dev) &&
	     nla_put_u32(skb, IFLA_LINK, dev_get_iflink(dev))))
		goto err;
	if (p) {
		flags = READ_ONCE(p->flags);
		nest = nla_nest_start(skb, IFLA_PROTINFO);
		if (!nest ||
		    nla_put_u8(skb, IFLA_BRPORT_STATE,
			       vbr_brport_stp_state(dev, flags)))
			goto err;
		for (i = 0; i < VBR_PORT_NFLAGS; i++)
			if (vbr_port_flag_attrs[i].brport &&
			    nla_put_u8(skb, vbr_port_flag_attrs[i].brport,
				       !!(flags & vbr_port_flag_attrs[i].flag)))
				goto err;
		nla_nest_end(skb, nest);
	}
	v = vbr_vlans_rcu(br, p);
	/* A device in no VLAN has no list, as on the Linux bridge. */
	if ((filter_mask & VBR_BRPORT_VLANS) && v) {
		ctx.compress = filter_mask & RTEXT_FILTER_BRVLAN_COMPRESSED;
		/* Without NLA_F_NESTED: iproute2 parses it as the Linux
		 * bridge sends it.
		 */
		nest = nla_nest_start_noflag(skb, IFLA_AF_SPEC);
		if (!nest ||
		    vbr_vlan_walk_ranges(v, ctx.compress, vbr_brport_put_vlan,
					 &ctx))
			goto err;
		nla_nest_end(skb, nest);
	}
	nlmsg_end(skb, nlh);
	return 0;
err:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

/* Called for each port of a vbr bridge (as their master), and for the
 * bridge itself, under RCU. The bridge shows only its VLANs.
 */
int vbr_brport_getlink(struct sk_buff *skb, u32 pid, u32 seq,
		       struct net_device *dev, u32 filter_mask, int nlflags)
{
	struct vbr_bridge *br;
	struct vbr_port *p = vbr_port_get_rcu(dev);

	if (p)
		br = p->br;
	else if (vbr_is_bridge(dev) && (filter_mask & VBR_BRPORT_VLANS))
		br = netdev_priv(dev);
	else
		return 0;
	return vbr_brport_fill(skb, br, p, pid, seq, RTM_NEWLINK, nlflags,
			       filter_mask);
}

static void vbr_brport_send(struct vbr_bridge *br, struct vbr_port *p,
			    u32 filter_mask)
{
	struct net *net = dev_net(br->dev);
	const struct vbr_vlans *v;
	struct sk_buff *skb;
	size_t size = NLMSG_GOODSIZE;
	int err;

	if (br->dev->reg_state != NETREG_REGISTERED ||
	    !rtnl_has_listeners(net, RTNLGRP_LINK))
		return;
	/* Compressed, at worst two entries per VLAN. */
	v = vbr_vlans_rtnl(br, p);
	if ((filter_mask & VBR_BRPORT_VLANS) && v)
		size += v->count * 2 *
			nla_total_size(sizeof(struct bridge_vlan_info));
	skb = nlmsg_new(size, GFP_KERNEL);
	if (!skb)
		goto err;
	rcu_read_lock();
	err = vbr_brport_fill(skb, br, p, 0, 0, RTM_NEWLINK, 0, filter_mask);
	rcu_read_unlock();
	if (err) {
		kfree_skb(skb);
		goto err;
	}
	rtnl_notify(skb, net, 0, RTNLGRP_LINK, NULL, GFP_KERNEL);
	return;
err:
	rtnl_set_sk_err(net, RTNLGRP_LINK, -ENOBUFS);
}

size_t vbr_brport_vlans_size(const struct vbr_bridge *br,
			     const struct vbr_port *p)
{
	const struct vbr_vlans *v = vbr_vlans_rcu(br, p);

	return v ? nla_total_size(0) + v->count *
		   nla_total_size(sizeof(struct bridge_vlan_info)) : 0;
}

void vbr_brport_notify(struct vbr_port *p)
{
	vbr_brport_send(p->br, p, 0);
}

void vbr_brport_notify_vlans(struct vbr_bridge *br, struct vbr_port *p)
{
	vbr_brport_send(br, p, RTEXT_FILTER_BRVLAN_COMPRESSED);
}
