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

#define VBR_BRPORT_NOPE(name) "vbr: bridge port option \"" name "\" is not supported"

/* Why an IFLA_BRPORT_* vbr does not implement is refused. */
static const char *const vbr_brport_refusals[] = {
	[IFLA_BRPORT_PRIORITY]		= "vbr: no STP, so no port priority",
	[IFLA_BRPORT_COST]		= "vbr: no STP, so no port cost",
	[IFLA_BRPORT_GUARD]		= VBR_BRPORT_NOPE("guard"),
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
		if (vbr_port_flag_attrs[i].brport == type)
			return i;
	return -1;
}

/* vbr ports forward whenever they are up: only that state is taken. */
static int vbr_brport_state(const struct nlattr *a,
			    struct netlink_ext_ack *extack)
{
	if (nla_len(a) < sizeof(u8)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "vbr: the port state is a u8");
		return -EINVAL;
	}
	if (nla_get_u8(a) != BR_STATE_FORWARDING) {
		NL_SET_ERR_MSG_ATTR(extack, a, "vbr: no STP: a port's only state is forwarding");
		return -EOPNOTSUPP;
	}
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
		return vbr_brport_state(protinfo, extack);
	nla_for_each_nested(a, protinfo, rem) {
		u16 type = nla_type(a);

		if (type == IFLA_BRPORT_STATE) {
			err = vbr_brport_state(a, extack);
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

/* IFLA_AF_SPEC: the flags that routed the request are all vbr takes. */
static int vbr_brport_afspec(const struct nlattr *afspec,
			     struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int rem;

	nla_for_each_nested(a, afspec, rem) {
		switch (nla_type(a)) {
		case IFLA_BRIDGE_FLAGS:
			break;
		case IFLA_BRIDGE_VLAN_INFO:
			NL_SET_ERR_MSG_ATTR(extack, a, "vbr: VLANs are not supported yet");
			return -EOPNOTSUPP;
		case IFLA_BRIDGE_MODE:
			NL_SET_ERR_MSG_ATTR(extack, a, "vbr: no hwmode (see hairpin)");
			return -EOPNOTSUPP;
		default:
			NL_SET_ERR_MSG_ATTR(extack, a, "vbr: bridge attribute not supported");
			return -EOPNOTSUPP;
		}
	}
	return 0;
}

int vbr_brport_setlink(struct net_device *dev, struct nlmsghdr *nlh,
		       u16 flags, struct netlink_ext_ack *extack)
{
	struct vbr_port *p = vbr_port_get_rtnl(dev);
	struct nlattr *protinfo, *afspec;
	struct vbr_port_cfg c = {};
	int err;

	if (!p) {
		NL_SET_ERR_MSG(extack, "vbr: \"bridge link set\" takes a vbr port, not the bridge");
		return -EOPNOTSUPP;
	}
	protinfo = nlmsg_find_attr(nlh, sizeof(struct ifinfomsg),
				   IFLA_PROTINFO);
	afspec = nlmsg_find_attr(nlh, sizeof(struct ifinfomsg), IFLA_AF_SPEC);
	if (afspec) {
		err = vbr_brport_afspec(afspec, extack);
		if (err)
			return err;
	}
	if (!protinfo)
		return 0;
	err = vbr_brport_parse(protinfo, &c, extack);
	if (err)
		return err;
	return vbr_port_configure(p, &c, extack);
}

static u8 vbr_brport_stp_state(const struct net_device *dev)
{
	return netif_running(dev) && netif_oper_up(dev) ?
	       BR_STATE_FORWARDING : BR_STATE_DISABLED;
}

/* A port as the Linux bridge's br_getlink shows one. Under RCU. */
static int vbr_brport_fill(struct sk_buff *skb, struct vbr_port *p,
			   u32 portid, u32 seq, int type, int nlflags)
{
	struct net_device *dev = p->dev;
	u32 flags = READ_ONCE(p->flags);
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	unsigned int i;

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
	    nla_put_u32(skb, IFLA_MASTER, p->br->dev->ifindex) ||
	    nla_put_u32(skb, IFLA_MTU, dev->mtu) ||
	    nla_put_u8(skb, IFLA_OPERSTATE, READ_ONCE(dev->operstate)) ||
	    (dev->addr_len &&
	     nla_put(skb, IFLA_ADDRESS, dev->addr_len, dev->dev_addr)) ||
	    (dev->ifindex != dev_get_iflink(dev) &&
	     nla_put_u32(skb, IFLA_LINK, dev_get_iflink(dev))))
		goto err;
	nest = nla_nest_start(skb, IFLA_PROTINFO);
	if (!nest ||
	    nla_put_u8(skb, IFLA_BRPORT_STATE, vbr_brport_stp_state(dev)))
		goto err;
	for (i = 0; i < VBR_PORT_NFLAGS; i++)
		if (nla_put_u8(skb, vbr_port_flag_attrs[i].brport,
			       !!(flags & vbr_port_flag_attrs[i].flag)))
			goto err;
	nla_nest_end(skb, nest);
	nlmsg_end(skb, nlh);
	return 0;
err:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

/* Called for each port of a vbr bridge, and for the bridge itself,
 * under RCU.
 */
int vbr_brport_getlink(struct sk_buff *skb, u32 pid, u32 seq,
		       struct net_device *dev, u32 filter_mask, int nlflags)
{
	struct vbr_port *p = vbr_port_get_rcu(dev);

	if (!p)
		return 0;
	return vbr_brport_fill(skb, p, pid, seq, RTM_NEWLINK, nlflags);
}

void vbr_brport_notify(struct vbr_port *p)
{
	struct net *net = dev_net(p->dev);
	struct sk_buff *skb;
	int err;

	if (!rtnl_has_listeners(net, RTNLGRP_LINK))
		return;
	skb = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		goto err;
	rcu_read_lock();
	err = vbr_brport_fill(skb, p, 0, 0, RTM_NEWLINK, 0);
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
