// SPDX-License-Identifier: GPL-2.0
/*
 * vbr rtnl link ops. Attributes are validated strictly (rtnetlink itself
 * parses link data leniently and would skip unknown attributes), and
 * every check runs before anything changes.
 */
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "bridge.h"
#include "brport.h"
#include "compat.h"
#include "event.h"
#include "fdb.h"
#include "link.h"
#include "options.h"
#include "port.h"
#include "vdev.h"
#include "vlan.h"

/* Not const: 6.1's nla_policy takes a mutable range pointer. */
static struct netlink_range_validation vbr_ageing_range = {
	.max = VBR_AGEING_TIME_MAX * 100,	/* centiseconds */
};

static struct netlink_range_validation vbr_err_recovery_range = {
	.max = VBR_ERR_RECOVERY_MAX,
};

static const struct nla_policy vbr_policy[VBR_IFLA_MAX + 1] = {
	[VBR_IFLA_AGEING_TIME]	= NLA_POLICY_FULL_RANGE(NLA_U32,
							&vbr_ageing_range),
	[VBR_IFLA_MAX_LEARNED]	= { .type = NLA_U32 },
	[VBR_IFLA_LEARNED]	= { .type = NLA_REJECT,
				    .reject_message = "vbr: learned is read-only" },
	[VBR_IFLA_VLAN_FILTERING]	= NLA_POLICY_MAX(NLA_U8, 1),
	[VBR_IFLA_VLAN_DEFAULT_PVID]	= NLA_POLICY_MAX(NLA_U16, VBR_VID_MAX),
	[VBR_IFLA_VLAN_PROTOCOL]	= { .type = NLA_U16 },
	[VBR_IFLA_ERR_RECOVERY]		= NLA_POLICY_FULL_RANGE(NLA_U32,
							&vbr_err_recovery_range),
	[VBR_IFLA_LOOP_PROTECT]		= NLA_POLICY_MAX(NLA_U8, 1),
	[VBR_IFLA_LOOP_INTERVAL]	= { .type = NLA_U32 },
	[VBR_IFLA_MAC_FLAP_LIMIT]	= { .type = NLA_U32 },
	[VBR_IFLA_MAC_FLAP_WINDOW]	= { .type = NLA_U32 },
	[VBR_IFLA_MAC_FLAP_BLOCK]	= NLA_POLICY_MAX(NLA_U8, 1),
};

static const struct nla_policy vbr_port_policy[VBR_PORT_IFLA_MAX + 1] = {
	[VBR_PORT_IFLA_LEARNING]	= NLA_POLICY_MAX(NLA_U8, 1),
	[VBR_PORT_IFLA_FLOOD]		= NLA_POLICY_MAX(NLA_U8, 1),
	[VBR_PORT_IFLA_MAX_LEARNED]	= { .type = NLA_U32 },
	[VBR_PORT_IFLA_LEARNED]		= { .type = NLA_REJECT,
					    .reject_message = "vbr: learned is read-only" },
	[VBR_PORT_IFLA_MCAST_FLOOD]	= NLA_POLICY_MAX(NLA_U8, 1),
	[VBR_PORT_IFLA_BCAST_FLOOD]	= NLA_POLICY_MAX(NLA_U8, 1),
	[VBR_PORT_IFLA_HAIRPIN]		= NLA_POLICY_MAX(NLA_U8, 1),
	[VBR_PORT_IFLA_ISOLATED]	= NLA_POLICY_MAX(NLA_U8, 1),
	[VBR_PORT_IFLA_LOCKED]		= NLA_POLICY_MAX(NLA_U8, 1),
	[VBR_PORT_IFLA_MAB]		= NLA_POLICY_MAX(NLA_U8, 1),
	[VBR_PORT_IFLA_STATE]		= NLA_POLICY_MAX(NLA_U8, VBR_PORT_STATE_MAX),
	[VBR_PORT_IFLA_BLOCK_REASON]	= { .type = NLA_REJECT,
					    .reject_message = "vbr: block_reason is read-only" },
	[VBR_PORT_IFLA_BPDU_GUARD]	= NLA_POLICY_MAX(NLA_U8, 1),
	[VBR_PORT_IFLA_STORM_BCAST]	= { .type = NLA_U32 },
	[VBR_PORT_IFLA_STORM_MCAST]	= { .type = NLA_U32 },
	[VBR_PORT_IFLA_STORM_UCAST]	= { .type = NLA_U32 },
	[VBR_PORT_IFLA_STORM_BURST]	= { .type = NLA_U32 },
	[VBR_PORT_IFLA_STORM_BLOCK]	= NLA_POLICY_MAX(NLA_U8, 1),
	[VBR_PORT_IFLA_LOOP_PROTECT]	= NLA_POLICY_MAX(NLA_U8, 1),
};

/* Each storm class's limit attribute, in class order. */
static const u16 vbr_port_storm_ifla[VBR_STORM_NCLASS] = {
	[VBR_STORM_BCAST]	= VBR_PORT_IFLA_STORM_BCAST,
	[VBR_STORM_MCAST]	= VBR_PORT_IFLA_STORM_MCAST,
	[VBR_STORM_UCAST]	= VBR_PORT_IFLA_STORM_UCAST,
};

/* rtnetlink parses IFLA_INFO_DATA leniently; refuse what it skipped. */
static int vbr_validate_strict(struct nlattr *tb[], int type, int maxtype,
			       const struct nla_policy *policy,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *data;

	if (!tb || !tb[IFLA_LINKINFO])
		return 0;
	data = nla_find_nested(tb[IFLA_LINKINFO], type);
	if (!data)
		return 0;
	return nla_validate_nested(data, maxtype, policy, extack);
}

static int vbr_validate(struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN ||
		    !is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "vbr: the address must be a valid unicast MAC");
			return -EADDRNOTAVAIL;
		}
	}
	return vbr_validate_strict(tb, IFLA_INFO_DATA, VBR_IFLA_MAX,
				   vbr_policy, extack);
}

static int vbr_apply(struct vbr_bridge *br, struct nlattr *data[],
		     struct netlink_ext_ack *extack)
{
	struct vbr_br_cfg c = {};

	if (!data)
		return 0;
	if (data[VBR_IFLA_AGEING_TIME]) {
		c.set_ageing = true;
		c.ageing = clock_t_to_jiffies(nla_get_u32(data[VBR_IFLA_AGEING_TIME]));
	}
	if (data[VBR_IFLA_MAX_LEARNED]) {
		c.set_max_learned = true;
		c.max_learned = nla_get_u32(data[VBR_IFLA_MAX_LEARNED]);
	}
	if (data[VBR_IFLA_VLAN_FILTERING]) {
		c.set_vlan_filtering = true;
		c.vlan_filtering = nla_get_u8(data[VBR_IFLA_VLAN_FILTERING]);
	}
	if (data[VBR_IFLA_VLAN_DEFAULT_PVID]) {
		c.set_default_pvid = true;
		c.default_pvid = nla_get_u16(data[VBR_IFLA_VLAN_DEFAULT_PVID]);
	}
	if (data[VBR_IFLA_VLAN_PROTOCOL]) {
		c.set_vlan_proto = true;
		c.vlan_proto = nla_get_be16(data[VBR_IFLA_VLAN_PROTOCOL]);
	}
	if (data[VBR_IFLA_ERR_RECOVERY]) {
		c.set_err_recovery = true;
		c.err_recovery = nla_get_u32(data[VBR_IFLA_ERR_RECOVERY]);
	}
	if (data[VBR_IFLA_LOOP_PROTECT]) {
		c.set_loop_protect = true;
		c.loop_protect = nla_get_u8(data[VBR_IFLA_LOOP_PROTECT]);
	}
	if (data[VBR_IFLA_LOOP_INTERVAL]) {
		c.set_loop_interval = true;
		c.loop_interval = nla_get_u32(data[VBR_IFLA_LOOP_INTERVAL]);
	}
	if (data[VBR_IFLA_MAC_FLAP_LIMIT]) {
		c.set_flap_limit = true;
		c.flap_limit = nla_get_u32(data[VBR_IFLA_MAC_FLAP_LIMIT]);
	}
	if (data[VBR_IFLA_MAC_FLAP_WINDOW]) {
		c.set_flap_window = true;
		c.flap_window = nla_get_u32(data[VBR_IFLA_MAC_FLAP_WINDOW]);
	}
	if (data[VBR_IFLA_MAC_FLAP_BLOCK]) {
		c.set_flap_block = true;
		c.flap_block = nla_get_u8(data[VBR_IFLA_MAC_FLAP_BLOCK]);
	}
	return vbr_br_configure(br, &c, extack);
}

static int vbr_newlink(struct net *src_net, struct net_device *dev,
		       struct nlattr *tb[], struct nlattr *data[],
		       struct netlink_ext_ack *extack)
{
	int err;

	err = register_netdevice(dev);
	if (err) {
		NL_SET_ERR_MSG_WEAK(extack, "vbr: the bridge could not be registered");
		return err;
	}
	err = vbr_apply(netdev_priv(dev), data, extack);
	/* Nothing half made: the bridge goes again (it has no port yet). */
	if (err)
		unregister_netdevice(dev);
	else
		vbr_event_bridge(netdev_priv(dev), VBR_BR_EV_CREATED);
	return err;
}

static int vbr_changelink(struct net_device *dev, struct nlattr *tb[],
			  struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	int err = vbr_validate_strict(tb, IFLA_INFO_DATA, VBR_IFLA_MAX,
				      vbr_policy, extack);

	if (err)
		return err;
	return vbr_apply(netdev_priv(dev), data, extack);
}

static void vbr_dellink(struct net_device *dev, struct list_head *head)
{
	vbr_bridge_destroy(netdev_priv(dev), head);
}

/*
 * rtnetlink sizes dump buffers by the largest of these, the AF_BRIDGE
 * dump of "bridge vlan show" included: the VLAN lists count here.
 */
static size_t vbr_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u32)) * 7 + nla_total_size(sizeof(u8)) * 3 +
	       nla_total_size(sizeof(u16)) * 2 +
	       vbr_brport_vlans_size(netdev_priv(dev), NULL);
}

static int vbr_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct vbr_bridge *br = netdev_priv(dev);
	unsigned long ageing = READ_ONCE(br->fdb.ageing_time);

	if (nla_put_u32(skb, VBR_IFLA_AGEING_TIME, jiffies_to_clock_t(ageing)) ||
	    nla_put_u32(skb, VBR_IFLA_MAX_LEARNED,
			READ_ONCE(br->fdb.max_learned)) ||
	    nla_put_u32(skb, VBR_IFLA_LEARNED, vbr_fdb_learned(&br->fdb)) ||
	    nla_put_u8(skb, VBR_IFLA_VLAN_FILTERING,
		       READ_ONCE(br->vlan_enabled)) ||
	    nla_put_u16(skb, VBR_IFLA_VLAN_DEFAULT_PVID, br->default_pvid) ||
	    nla_put_be16(skb, VBR_IFLA_VLAN_PROTOCOL,
			 READ_ONCE(br->vlan_proto)) ||
	    nla_put_u32(skb, VBR_IFLA_ERR_RECOVERY,
			READ_ONCE(br->err_recovery)) ||
	    nla_put_u8(skb, VBR_IFLA_LOOP_PROTECT,
		       READ_ONCE(br->loop.enabled)) ||
	    nla_put_u32(skb, VBR_IFLA_LOOP_INTERVAL,
			jiffies_to_msecs(READ_ONCE(br->loop.interval))) ||
	    nla_put_u32(skb, VBR_IFLA_MAC_FLAP_LIMIT,
			READ_ONCE(br->fdb.flap_limit)) ||
	    nla_put_u32(skb, VBR_IFLA_MAC_FLAP_WINDOW,
			READ_ONCE(br->fdb.flap_window) / HZ) ||
	    nla_put_u8(skb, VBR_IFLA_MAC_FLAP_BLOCK,
		       READ_ONCE(br->fdb.flap_block)))
		return -EMSGSIZE;
	return 0;
}

static int vbr_slave_changelink(struct net_device *dev,
				struct net_device *port_dev,
				struct nlattr *tb[], struct nlattr *data[],
				struct netlink_ext_ack *extack)
{
	struct vbr_port *p = vbr_port_get_rtnl(port_dev);
	struct vbr_port_cfg c = {};
	unsigned int i;
	int err;

	err = vbr_validate_strict(tb, IFLA_INFO_SLAVE_DATA, VBR_PORT_IFLA_MAX,
				  vbr_port_policy, extack);
	if (err)
		return err;
	if (!p) {
		NL_SET_ERR_MSG(extack, "vbr: the device is not a vbr port");
		return -ENOENT;
	}
	if (!data)
		return 0;
	for (i = 0; i < VBR_PORT_NFLAGS; i++)
		vbr_port_cfg_flag(&c, vbr_port_flag_attrs[i].flag,
				  data[vbr_port_flag_attrs[i].ifla]);
	if (data[VBR_PORT_IFLA_MAX_LEARNED]) {
		c.set_max_learned = true;
		c.max_learned = nla_get_u32(data[VBR_PORT_IFLA_MAX_LEARNED]);
	}
	if (data[VBR_PORT_IFLA_STATE]) {
		c.set_state = true;
		c.blocked = nla_get_u8(data[VBR_PORT_IFLA_STATE]) ==
			    VBR_PORT_STATE_BLOCKED;
	}
	for (i = 0; i < VBR_STORM_NCLASS; i++) {
		if (!data[vbr_port_storm_ifla[i]])
			continue;
		c.set_storm |= BIT(i);
		c.storm[i] = nla_get_u32(data[vbr_port_storm_ifla[i]]);
	}
	if (data[VBR_PORT_IFLA_STORM_BURST]) {
		c.set_storm_burst = true;
		c.storm_burst = nla_get_u32(data[VBR_PORT_IFLA_STORM_BURST]);
	}
	return vbr_port_configure(p, &c, extack);
}

static size_t vbr_get_slave_size(const struct net_device *dev,
				 const struct net_device *port_dev)
{
	const struct vbr_port *p;
	size_t size = nla_total_size(sizeof(u8)) * (VBR_PORT_NFLAGS + 2) +
		      nla_total_size(sizeof(u32)) * (3 + VBR_STORM_NCLASS);

	rcu_read_lock();
	p = vbr_port_get_rcu(port_dev);
	if (p)
		size += vbr_brport_vlans_size(p->br, p);
	rcu_read_unlock();
	return size;
}

static int vbr_fill_slave_info(struct sk_buff *skb,
			       const struct net_device *dev,
			       const struct net_device *port_dev)
{
	struct vbr_port *p = vbr_port_get_rtnl(port_dev);
	unsigned int i;
	u32 flags;

	if (!p)
		return 0;
	flags = READ_ONCE(p->flags);
	for (i = 0; i < VBR_PORT_NFLAGS; i++)
		if (nla_put_u8(skb, vbr_port_flag_attrs[i].ifla,
			       !!(flags & vbr_port_flag_attrs[i].flag)))
			return -EMSGSIZE;
	if (nla_put_u32(skb, VBR_PORT_IFLA_MAX_LEARNED,
			READ_ONCE(p->max_learned)) ||
	    nla_put_u32(skb, VBR_PORT_IFLA_LEARNED, READ_ONCE(p->learned)) ||
	    nla_put_u8(skb, VBR_PORT_IFLA_STATE, vbr_port_flags_state(flags)) ||
	    nla_put_u8(skb, VBR_PORT_IFLA_BLOCK_REASON,
		       vbr_port_flags_reason(flags)) ||
	    nla_put_u32(skb, VBR_PORT_IFLA_STORM_BURST,
			READ_ONCE(p->storm_burst)))
		return -EMSGSIZE;
	for (i = 0; i < VBR_STORM_NCLASS; i++)
		if (nla_put_u32(skb, vbr_port_storm_ifla[i],
				READ_ONCE(p->storm[i].rate)))
			return -EMSGSIZE;
	return 0;
}

static struct rtnl_link_ops vbr_link_ops __read_mostly = {
	.kind			= "vbr",
	.priv_size		= sizeof(struct vbr_bridge),
	.setup			= vbr_bridge_setup,
	.maxtype		= VBR_IFLA_MAX,
	.policy			= vbr_policy,
	.validate		= vbr_validate,
	.newlink		= vbr_newlink,
	.changelink		= vbr_changelink,
	.dellink		= vbr_dellink,
	.get_size		= vbr_get_size,
	.fill_info		= vbr_fill_info,
	.slave_maxtype		= VBR_PORT_IFLA_MAX,
	.slave_policy		= vbr_port_policy,
	.slave_changelink	= vbr_slave_changelink,
	.get_slave_size		= vbr_get_slave_size,
	.fill_slave_info	= vbr_fill_slave_info,
};

/* A bridge made through the vbr genl family, as "ip link add" would. */
struct net_device *vbr_link_create(struct net *net, const char *name,
				   const u8 *addr,
				   struct netlink_ext_ack *extack)
{
	return vbr_vdev_create(net, &vbr_link_ops, vbr_bridge_setup, name,
			       "vbr%d", addr, extack);
}

int vbr_link_init(void)
{
	return rtnl_link_register(&vbr_link_ops);
}

/* Deletes every vbr bridge in every network namespace. */
void vbr_link_exit(void)
{
	rtnl_link_unregister(&vbr_link_ops);
}

MODULE_ALIAS_RTNL_LINK("vbr");
