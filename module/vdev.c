// SPDX-License-Identifier: GPL-2.0
/*
 * Setup and creation shared by vbr bridges and internal ports.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <net/rtnetlink.h>

#include "compat.h"
#include "vdev.h"

/* SG, any checksum and software GSO: TCP is segmented, if ever, only
 * where a frame finally leaves for a device that needs it.
 */
#define VBR_VDEV_FEATURES	(NETIF_F_SG | NETIF_F_HW_CSUM | \
				 NETIF_F_HIGHDMA | NETIF_F_FRAGLIST | \
				 NETIF_F_GSO_SOFTWARE)

void vbr_vdev_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->needs_free_netdev = true;
	/* A virtual device: no queue, lockless transmit. No netpoll:
	 * netconsole would run the switch with IRQs off, where
	 * dev_queue_xmit() and the FDB's BH lock must not run.
	 */
	dev->priv_flags |= IFF_NO_QUEUE | IFF_LIVE_ADDR_CHANGE |
			   IFF_DISABLE_NETPOLL;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->tx_queue_len = 0;
	vbr_compat_set_lltx(dev);
	/* Bridges and their ports live in one namespace. */
	vbr_compat_set_netns_local(dev);
	dev->features |= VBR_VDEV_FEATURES;
	dev->hw_features |= VBR_VDEV_FEATURES;
	/* A VLAN device on top hands its tag in skb->vlan_tci, which the
	 * switch reads and a port's device inserts, or the core for it.
	 */
	dev->features |= NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_STAG_TX;
	dev->vlan_features |= VBR_VDEV_FEATURES;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	/* Random at creation and then stable: it never follows a port. */
	eth_hw_addr_random(dev);
}

int vbr_vdev_open(struct net_device *dev)
{
	netif_carrier_on(dev);
	return 0;
}

int vbr_vdev_stop(struct net_device *dev)
{
	netif_carrier_off(dev);
	return 0;
}

/* Named name, or pattern ("vbr%d") when name is NULL. */
struct net_device *vbr_vdev_create(struct net *net,
				   struct rtnl_link_ops *ops,
				   void (*setup)(struct net_device *dev),
				   const char *name, const char *pattern,
				   const u8 *addr,
				   struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int err;

	ASSERT_RTNL();
	dev = alloc_netdev(ops->priv_size, name ?: pattern,
			   name ? NET_NAME_USER : NET_NAME_ENUM, setup);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "vbr: no memory for the device");
		return ERR_PTR(-ENOMEM);
	}
	dev_net_set(dev, net);
	dev->rtnl_link_ops = ops;
	/* A MAC the user gave: udev's MACAddressPolicy leaves it alone. */
	if (addr) {
		eth_hw_addr_set(dev, addr);
		dev->addr_assign_type = NET_ADDR_SET;
	}
	err = register_netdevice(dev);
	if (err) {
		if (err == -EEXIST)
			NL_SET_ERR_MSG(extack, "vbr: a device with that name exists");
		NL_SET_ERR_MSG_WEAK(extack, "vbr: the device could not be registered");
		free_netdev(dev);
		return ERR_PTR(err);
	}
	return dev;
}
