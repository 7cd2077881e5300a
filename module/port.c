// SPDX-License-Identifier: GPL-2.0
/*
 * vbr ports: attach an Ethernet netdev to a bridge and undo exactly that.
 *
 * Attach order: checks, reference, promiscuity, rx_handler, upper link,
 * publish. Detach runs it backwards, with RCU grace periods so that no
 * reader and no FDB entry still points at the port when it is freed.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "bridge.h"
#include "fdb.h"
#include "forward.h"
#include "port.h"

struct vbr_port *vbr_port_get_rtnl(const struct net_device *dev)
{
	if (rcu_access_pointer(dev->rx_handler) != vbr_handle_frame)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

static int vbr_port_check(struct vbr_bridge *br, struct net_device *dev,
			  struct netlink_ext_ack *extack)
{
	if (dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG(extack, "vbr: a loopback device cannot be a port");
		return -EINVAL;
	}
	if (dev == br->dev || vbr_is_bridge(dev)) {
		NL_SET_ERR_MSG(extack, "vbr: a vbr bridge cannot be a port of a vbr bridge");
		return -ELOOP;
	}
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN ||
	    !is_valid_ether_addr(dev->dev_addr)) {
		NL_SET_ERR_MSG(extack, "vbr: only Ethernet devices can be ports");
		return -EINVAL;
	}
	if (!net_eq(dev_net(dev), dev_net(br->dev))) {
		NL_SET_ERR_MSG(extack, "vbr: the port must be in the bridge's network namespace");
		return -EXDEV;
	}
	/* A device stacked on top of the bridge would loop frames. */
	if (netdev_has_upper_dev(dev, br->dev) ||
	    netdev_has_upper_dev(br->dev, dev)) {
		NL_SET_ERR_MSG(extack, "vbr: the device is stacked on this bridge");
		return -ELOOP;
	}
	if (netdev_master_upper_dev_get(dev)) {
		NL_SET_ERR_MSG(extack, "vbr: the device already has a master");
		return -EBUSY;
	}
	if (rtnl_dereference(dev->rx_handler)) {
		NL_SET_ERR_MSG(extack, "vbr: the device already has an rx_handler");
		return -EBUSY;
	}
	if (dev->priv_flags & IFF_DONT_BRIDGE) {
		NL_SET_ERR_MSG(extack, "vbr: the device refuses to be bridged");
		return -EOPNOTSUPP;
	}
	return 0;
}

static int vbr_port_alloc_idx(struct vbr_bridge *br)
{
	int i;

	for (i = 1; i < VBR_MAX_PORTS; i++)
		if (!rtnl_dereference(br->port_tab[i]))
			return i;
	return -1;
}

int vbr_port_add(struct vbr_bridge *br, struct net_device *dev,
		 struct netlink_ext_ack *extack)
{
	struct vbr_port *p;
	int idx, err;

	ASSERT_RTNL();
	err = vbr_port_check(br, dev, extack);
	if (err)
		return err;
	idx = vbr_port_alloc_idx(br);
	if (idx < 0) {
		NL_SET_ERR_MSG(extack, "vbr: the bridge has the most ports it can hold");
		return -ENOSPC;
	}

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->br = br;
	p->dev = dev;
	p->idx = idx;
	p->flags = VBR_PORT_LEARNING | VBR_PORT_FLOOD;
	netdev_hold(dev, &p->dev_tracker, GFP_KERNEL);

	err = dev_set_promiscuity(dev, 1);
	if (err)
		goto err_put;
	err = netdev_rx_handler_register(dev, vbr_handle_frame, p);
	if (err) {
		NL_SET_ERR_MSG(extack, "vbr: the device already has an rx_handler");
		goto err_promisc;
	}
	err = netdev_master_upper_dev_link(dev, br->dev, NULL, NULL, extack);
	if (err)
		goto err_rx;

	rcu_assign_pointer(br->port_tab[idx], p);
	list_add_tail_rcu(&p->list, &br->ports);
	return 0;

err_rx:
	netdev_rx_handler_unregister(dev);
err_promisc:
	dev_set_promiscuity(dev, -1);
err_put:
	netdev_put(dev, &p->dev_tracker);
	kfree(p);
	return err;
}

void vbr_port_destroy(struct vbr_port *p)
{
	struct vbr_bridge *br = p->br;
	struct net_device *dev = p->dev;

	ASSERT_RTNL();
	/* Unpublish: no new frame is sent to the port. */
	list_del_rcu(&p->list);
	RCU_INIT_POINTER(br->port_tab[p->idx], NULL);
	/* Waits for readers; afterwards nothing learns on this port. */
	netdev_rx_handler_unregister(dev);
	vbr_fdb_flush(br, p->idx, VBR_FLUSH_DYNAMIC | VBR_FLUSH_STATIC);
	/* A reader may still hold an entry naming this index: wait for it
	 * before the index can be reused by the next port.
	 */
	synchronize_net();

	netdev_upper_dev_unlink(dev, br->dev);
	dev_set_promiscuity(dev, -1);
	netdev_put(dev, &p->dev_tracker);
	kfree(p);
}

int vbr_port_del(struct vbr_bridge *br, struct net_device *dev,
		 struct netlink_ext_ack *extack)
{
	struct vbr_port *p = vbr_port_get_rtnl(dev);

	if (!p || p->br != br) {
		NL_SET_ERR_MSG(extack, "vbr: the device is not a port of this bridge");
		return -ENOENT;
	}
	vbr_port_destroy(p);
	return 0;
}

static int vbr_port_event(struct notifier_block *nb, unsigned long event,
			  void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vbr_port *p = vbr_port_get_rtnl(dev);

	if (!p)
		return NOTIFY_DONE;

	switch (event) {
	case NETDEV_UNREGISTER:
		/* Deleted, or moving to another network namespace. */
		vbr_port_destroy(p);
		break;
	case NETDEV_PRE_TYPE_CHANGE:
		/* A port must stay Ethernet. */
		return notifier_from_errno(-EBUSY);
	default:
		/* MTU, address and feature changes need nothing: the bridge
		 * keeps its own MTU and MAC and checks the egress MTU per
		 * frame.
		 */
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vbr_port_notifier = {
	.notifier_call = vbr_port_event,
};

int vbr_port_notifier_init(void)
{
	return register_netdevice_notifier(&vbr_port_notifier);
}

void vbr_port_notifier_exit(void)
{
	unregister_netdevice_notifier(&vbr_port_notifier);
}
