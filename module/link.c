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

static const struct nla_policy vbr_policy[VBR_IFLA_MAX + 1] = {
	[VBR_IFLA_AGEING_TIME]	= NLA_POLICY_FULL_RANGE(NLA_U32,
							&vbr_ageing_cs_range),
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
	struct vbr_br_cfg c;

	if (!data)
		return 0;
	vbr_br_cfg_parse(&c, data, VBR_DIALECT_RTNL);
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
	return vbr_br_cfg_size() + nla_total_size(sizeof(u32)) +
	       vbr_brport_vlans_size(netdev_priv(dev), NULL);
}

static int vbr_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct vbr_bridge *br = netdev_priv(dev);
	struct vbr_br_cfg c;

	vbr_br_cfg_read(br, &c);
	if (vbr_br_cfg_put(skb, &c, VBR_DIALECT_RTNL) ||
	    nla_put_u32(skb, VBR_IFLA_LEARNED, vbr_fdb_learned(&br->fdb)))
		return -EMSGSIZE;
	return 0;
}

static int vbr_slave_changelink(struct net_device *dev,
				struct net_device *port_dev,
				struct nlattr *tb[], struct nlattr *data[],
				struct netlink_ext_ack *extack)
{
	struct vbr_port *p = vbr_port_get_rtnl(port_dev);
	struct vbr_port_cfg c;
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
	vbr_port_cfg_parse(&c, data, VBR_DIALECT_RTNL);
	return vbr_port_configure(p, &c, extack);
}

static size_t vbr_get_slave_size(const struct net_device *dev,
				 const struct net_device *port_dev)
{
	size_t size = vbr_port_opts_size();
	const struct vbr_port *p;

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

	return p ? vbr_port_opts_put(skb, p, VBR_DIALECT_RTNL) : 0;
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
