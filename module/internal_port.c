// SPDX-License-Identifier: GPL-2.0
/*
 * vbr internal ports. The device's transmit is the bridge's ingress from
 * the port; frames the bridge switches to it are received through
 * dev_forward_skb(), as from a veth peer. It is a virtual device (see
 * vdev.c) with per-CPU stats and the offloads that let TCP leave the
 * host unsegmented.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <net/rtnetlink.h>

#include "forward.h"
#include "internal_port.h"
#include "port.h"
#include "vdev.h"

static netdev_tx_t vbr_internal_xmit(struct sk_buff *skb,
				     struct net_device *dev)
{
	struct vbr_port *p;

	rcu_read_lock();
	p = rcu_dereference(vbr_internal_priv(dev)->port);
	if (likely(p)) {
		dev_sw_netstats_tx_add(dev, 1, skb->len);
		vbr_port_ingress(p, skb);
	} else {
		/* Detached with "nomaster": nowhere to go. */
		dev_core_stats_tx_dropped_inc(dev);
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
	}
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

/* A frame the bridge switched to this port: the host receives it. */
void vbr_internal_rx(struct net_device *dev, struct sk_buff *skb)
{
	unsigned int len = skb->len;

	/* Scrubs what the sending side left, checks the MTU, sets the
	 * protocol and queues to the backlog; it counts its own drops.
	 */
	if (dev_forward_skb(dev, skb) == NET_RX_SUCCESS)
		dev_sw_netstats_rx_add(dev, len);
}

static int vbr_internal_init_dev(struct net_device *dev)
{
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	return dev->tstats ? 0 : -ENOMEM;
}

static void vbr_internal_uninit(struct net_device *dev)
{
	free_percpu(dev->tstats);
}

static const struct net_device_ops vbr_internal_netdev_ops = {
	.ndo_init		= vbr_internal_init_dev,
	.ndo_uninit		= vbr_internal_uninit,
	.ndo_open		= vbr_vdev_open,
	.ndo_stop		= vbr_vdev_stop,
	.ndo_start_xmit		= vbr_internal_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

bool vbr_is_internal(const struct net_device *dev)
{
	return dev->netdev_ops == &vbr_internal_netdev_ops;
}

static void vbr_internal_get_drvinfo(struct net_device *dev,
				     struct ethtool_drvinfo *info)
{
	strscpy(info->driver, "vbr_internal", sizeof(info->driver));
}

static const struct ethtool_ops vbr_internal_ethtool_ops = {
	.get_drvinfo	= vbr_internal_get_drvinfo,
	.get_link	= ethtool_op_get_link,
};

static const struct device_type vbr_internal_type = {
	.name	= "vbr_internal",
};

static void vbr_internal_setup(struct net_device *dev)
{
	vbr_vdev_setup(dev);
	SET_NETDEV_DEVTYPE(dev, &vbr_internal_type);
	dev->netdev_ops = &vbr_internal_netdev_ops;
	dev->ethtool_ops = &vbr_internal_ethtool_ops;
}

/* Creation goes through the vbr family, which makes the port too. */
static int vbr_internal_validate(struct nlattr *tb[], struct nlattr *data[],
				 struct netlink_ext_ack *extack)
{
	NL_SET_ERR_MSG(extack, "vbr: use \"vbrctl add-port BR NAME type internal\"");
	return -EOPNOTSUPP;
}

static void vbr_internal_dellink(struct net_device *dev,
				 struct list_head *head)
{
	unregister_netdevice_queue(dev, head);
}

static struct rtnl_link_ops vbr_internal_link_ops __read_mostly = {
	.kind		= "vbr_internal",
	.priv_size	= sizeof(struct vbr_internal),
	.validate	= vbr_internal_validate,
	.dellink	= vbr_internal_dellink,
};

struct net_device *vbr_internal_create(struct net *net, const char *name,
				       const u8 *addr, u32 mtu,
				       struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	dev = vbr_vdev_create(net, &vbr_internal_link_ops, vbr_internal_setup,
			      name, "vbri%d", addr, extack);
	/* Within the range the policy checked; it may still be changed. */
	if (!IS_ERR(dev) && mtu && dev_set_mtu(dev, mtu))
		netdev_warn(dev, "vbr: MTU %u not set\n", mtu);
	return dev;
}

int vbr_internal_init(void)
{
	return rtnl_link_register(&vbr_internal_link_ops);
}

/* Deletes every internal device left, in every network namespace. */
void vbr_internal_exit(void)
{
	rtnl_link_unregister(&vbr_internal_link_ops);
}
