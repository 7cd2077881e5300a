// SPDX-License-Identifier: GPL-2.0
/*
 * The FDB as the Linux bridge shows it to rtnetlink: "bridge fdb add|del
 * ... dev BR self" and "bridge fdb show", and the RTM_NEWNEIGH and
 * RTM_DELNEIGH events of "bridge monitor fdb".
 */
#include <linux/etherdevice.h>
#include <linux/neighbour.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "bridge.h"
#include "compat.h"
#include "fdb.h"
#include "neigh.h"
#include "port.h"

/* "bridge fdb add MAC dev br0 self [via PORT]": static entries only. */
static int vbr_neigh_port_arg(struct vbr_bridge *br, struct nlattr *tb[],
			      u16 *idx, struct netlink_ext_ack *extack)
{
	struct net_device *pdev;
	struct vbr_port *p;

	*idx = 0;
	if (!tb[NDA_IFINDEX])
		return 0;
	/* rtnetlink parsed these attributes without a policy. */
	if (nla_len(tb[NDA_IFINDEX]) != sizeof(u32)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_IFINDEX], "vbr: NDA_IFINDEX must be a u32");
		return -EINVAL;
	}
	pdev = __dev_get_by_index(dev_net(br->dev),
				  nla_get_u32(tb[NDA_IFINDEX]));
	p = pdev ? vbr_port_get_rtnl(pdev) : NULL;
	if (!p || p->br != br) {
		NL_SET_ERR_MSG(extack, "vbr: \"via\" must name a port of this bridge");
		return -EINVAL;
	}
	*idx = p->idx;
	return 0;
}

int vbr_neigh_fdb_add(struct ndmsg *ndm, struct nlattr *tb[],
		      struct net_device *dev, const unsigned char *addr,
		      u16 vid, u16 flags, struct netlink_ext_ack *extack)
{
	struct vbr_bridge *br = netdev_priv(dev);
	u16 idx;
	int err;

	if (!(ndm->ndm_state & (NUD_NOARP | NUD_PERMANENT))) {
		NL_SET_ERR_MSG(extack, "vbr: only static entries can be added (use \"static\")");
		return -EINVAL;
	}
	err = vbr_neigh_port_arg(br, tb, &idx, extack);
	if (err)
		return err;
	/* rtnetlink checked vid: 0 (none) or 1..4094. */
	return vbr_fdb_add_static(br, addr, vid, idx, 0, flags & NLM_F_REPLACE,
				  extack);
}

int vbr_neigh_fdb_del(struct ndmsg *ndm, struct nlattr *tb[],
		      struct net_device *dev, const unsigned char *addr,
		      u16 vid, struct netlink_ext_ack *extack)
{
	return vbr_fdb_delete(netdev_priv(dev), addr, vid, false, extack);
}

struct vbr_neigh_dump_ctx {
	struct vbr_bridge *br;
	struct sk_buff *skb;
	struct netlink_callback *cb;
};

/*
 * One entry as an ndmsg. A dump answers "dev BR self": the bridge is
 * ndm_ifindex and the port NDA_IFINDEX. An event is the Linux bridge's:
 * the port (or the bridge, for its own entries) is ndm_ifindex and the
 * bridge NDA_MASTER. Under RCU.
 */
static int vbr_neigh_fill(struct sk_buff *skb, struct vbr_bridge *br,
			  const struct vbr_fdb_entry *e, u32 portid, u32 seq,
			  int type, int nlflags, bool event)
{
	u16 flags = READ_ONCE(e->flags);
	u16 idx = READ_ONCE(e->port);
	struct vbr_port *p = NULL;
	struct nda_cacheinfo ci;
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;

	nlh = nlmsg_put(skb, portid, seq, type, sizeof(*ndm), nlflags);
	if (!nlh)
		return -EMSGSIZE;
	if (idx)
		p = rcu_dereference(br->port_tab[idx]);
	ndm = nlmsg_data(nlh);
	memset(ndm, 0, sizeof(*ndm));
	ndm->ndm_family = AF_BRIDGE;
	ndm->ndm_flags = event ? 0 : NTF_SELF;
	ndm->ndm_ifindex = event && p ? p->dev->ifindex : br->dev->ifindex;
	ndm->ndm_state = (flags & VBR_FDB_LOCAL) ? NUD_PERMANENT :
			 (flags & VBR_FDB_STATIC) ? NUD_NOARP : NUD_REACHABLE;

	ci.ndm_used = jiffies_to_clock_t(vbr_fdb_idle(e));
	ci.ndm_updated = ci.ndm_used;
	ci.ndm_confirmed = 0;
	ci.ndm_refcnt = 0;

	if (nla_put(skb, NDA_LLADDR, ETH_ALEN, e->key.addr) ||
	    (e->key.vid && nla_put_u16(skb, NDA_VLAN, e->key.vid)) ||
	    (!event && p && nla_put_u32(skb, NDA_IFINDEX, p->dev->ifindex)) ||
	    (event && nla_put_u32(skb, NDA_MASTER, br->dev->ifindex)) ||
	    ((flags & VBR_FDB_LOCKED) &&
	     nla_put_u32(skb, NDA_FLAGS_EXT, NTF_EXT_LOCKED)) ||
	    nla_put(skb, NDA_CACHEINFO, sizeof(ci), &ci)) {
		nlmsg_cancel(skb, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(skb, nlh);
	return 0;
}

static int vbr_neigh_dump_one(const struct vbr_fdb_entry *e, void *arg)
{
	struct vbr_neigh_dump_ctx *ctx = arg;

	struct nlmsghdr *nlh = (struct nlmsghdr *)skb_tail_pointer(ctx->skb);
	int err;

	err = vbr_neigh_fill(ctx->skb, ctx->br, e,
			     NETLINK_CB(ctx->cb->skb).portid,
			     ctx->cb->nlh->nlmsg_seq, RTM_NEWNEIGH, NLM_F_MULTI,
			     false);
	if (!err)
		nl_dump_check_consistent(ctx->cb, nlh);
	return err;
}

/*
 * rtnetlink keeps *idx in cb->args[2] when a message fills up and hands
 * it back on the next call: here it is vbr's walk position, not a count,
 * so that a resumed dump does not walk again what it sent. The table's
 * seed goes in cb->args[3], which rtnl_fdb_dump() does not use.
 */
int vbr_neigh_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb,
		       struct net_device *dev, struct net_device *filter_dev,
		       int *idx)
{
	struct vbr_neigh_dump_ctx ctx = {
		.br = netdev_priv(dev),
		.skb = skb,
		.cb = cb,
	};
	struct vbr_fdb_pos pos = {
		.cursor = cb->args[2],
		.gen = cb->args[3],
	};
	bool changed = false;
	int err;

	/* Non-zero, so that a change of it flags a message. */
	if (!cb->seq)
		cb->seq = 1;
	err = vbr_fdb_dump_walk(ctx.br, &pos, &changed, skb, vbr_neigh_dump_one,
				&ctx);
	/* Flags the next message, or the end of the dump. */
	if (changed)
		cb->seq++;
	*idx = pos.cursor;
	cb->args[3] = pos.gen;
	return err;
}

bool vbr_neigh_listened(struct vbr_bridge *br)
{
	return br->dev->reg_state == NETREG_REGISTERED &&
	       rtnl_has_listeners(dev_net(br->dev), RTNLGRP_NEIGH);
}

void vbr_neigh_notify(struct vbr_bridge *br, const struct vbr_fdb_entry *e,
		      int type)
{
	struct net *net = dev_net(br->dev);
	struct sk_buff *skb;

	if (!vbr_neigh_listened(br))
		return;
	skb = nlmsg_new(NLMSG_ALIGN(sizeof(struct ndmsg)) +
			nla_total_size(ETH_ALEN) +
			nla_total_size(sizeof(u32)) * 2 +
			nla_total_size(sizeof(u16)) +
			nla_total_size(sizeof(struct nda_cacheinfo)),
			GFP_ATOMIC);
	if (!skb)
		goto err;
	if (vbr_neigh_fill(skb, br, e, 0, 0, type, 0, true)) {
		kfree_skb(skb);
		goto err;
	}
	rtnl_notify(skb, net, 0, RTNLGRP_NEIGH, NULL, GFP_ATOMIC);
	return;
err:
	/* Listeners learn that they missed an event, as with ENOBUFS. */
	rtnl_set_sk_err(net, RTNLGRP_NEIGH, -ENOBUFS);
}
