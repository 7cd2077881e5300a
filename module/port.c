// SPDX-License-Identifier: GPL-2.0
/*
 * vbr ports: attach an Ethernet netdev to a bridge and undo exactly that.
 *
 * Attach order: checks, reference, promiscuity, rx_handler, upper link,
 * publish. Detach runs it backwards, with RCU grace periods so that no
 * reader and no FDB entry still points at the port when it is freed.
 * An internal port takes no rx_handler and no promiscuity: its transmit
 * is the bridge's ingress.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/rtnetlink.h>

#include "bridge.h"
#include "fdb.h"
#include "forward.h"
#include "internal.h"
#include "netlink.h"
#include "port.h"

struct vbr_port *vbr_port_get_rtnl(const struct net_device *dev)
{
	if (vbr_is_internal(dev))
		return rtnl_dereference(vbr_internal_priv(dev)->port);
	if (rcu_access_pointer(dev->rx_handler) != vbr_handle_frame)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

void vbr_port_set_flag(struct vbr_port *p, u32 flag, bool on)
{
	WRITE_ONCE(p->flags, on ? p->flags | flag : p->flags & ~flag);
}

void vbr_port_stats_read(const struct vbr_port *p, struct vbr_port_totals *t)
{
	int cpu;

	memset(t, 0, sizeof(*t));
	for_each_possible_cpu(cpu) {
		const struct vbr_port_stats *s = per_cpu_ptr(p->stats, cpu);
		u64 rxp, rxb, txp, txb, txd;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			rxp = u64_stats_read(&s->rx_packets);
			rxb = u64_stats_read(&s->rx_bytes);
			txp = u64_stats_read(&s->tx_packets);
			txb = u64_stats_read(&s->tx_bytes);
			txd = u64_stats_read(&s->tx_dropped);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		t->rx_packets += rxp;
		t->rx_bytes += rxb;
		t->tx_packets += txp;
		t->tx_bytes += txb;
		t->tx_dropped += txd;
	}
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
	/* First: a port of this bridge has it as its upper device too. */
	if (netdev_master_upper_dev_get(dev)) {
		NL_SET_ERR_MSG(extack, "vbr: the device already has a master");
		return -EBUSY;
	}
	/* A device stacked on top of the bridge would loop frames. */
	if (netdev_has_upper_dev(dev, br->dev) ||
	    netdev_has_upper_dev(br->dev, dev)) {
		NL_SET_ERR_MSG(extack, "vbr: the device is stacked on this bridge");
		return -ELOOP;
	}
	if (vbr_is_internal(dev) &&
	    rtnl_dereference(vbr_internal_priv(dev)->port)) {
		NL_SET_ERR_MSG(extack, "vbr: the internal port is in use");
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

/* Attaches dev as a port, internal if the bridge created it. */
struct vbr_port *vbr_port_attach(struct vbr_bridge *br,
				 struct net_device *dev,
				 struct netlink_ext_ack *extack)
{
	bool internal = vbr_is_internal(dev);
	struct vbr_port *p;
	int idx, err;

	ASSERT_RTNL();
	err = vbr_port_check(br, dev, extack);
	if (err)
		return ERR_PTR(err);
	idx = vbr_port_alloc_idx(br);
	if (idx < 0) {
		NL_SET_ERR_MSG(extack, "vbr: the bridge has the most ports it can hold");
		return ERR_PTR(-ENOSPC);
	}

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	p->stats = netdev_alloc_pcpu_stats(struct vbr_port_stats);
	if (!p->stats) {
		kfree(p);
		return ERR_PTR(-ENOMEM);
	}
	p->br = br;
	p->dev = dev;
	p->idx = idx;
	p->type = internal ? VBR_PORT_TYPE_INTERNAL : VBR_PORT_TYPE_NETDEV;
	p->flags = VBR_PORT_LEARNING | VBR_PORT_FLOOD;
	netdev_hold(dev, &p->dev_tracker, GFP_KERNEL);

	if (!internal) {
		err = dev_set_promiscuity(dev, 1);
		if (err)
			goto err_put;
		err = netdev_rx_handler_register(dev, vbr_handle_frame, p);
		if (err) {
			NL_SET_ERR_MSG(extack, "vbr: the device already has an rx_handler");
			goto err_promisc;
		}
	}
	err = netdev_master_upper_dev_link(dev, br->dev, NULL, NULL, extack);
	if (err)
		goto err_rx;

	if (internal)
		rcu_assign_pointer(vbr_internal_priv(dev)->port, p);
	rcu_assign_pointer(br->port_tab[idx], p);
	list_add_tail_rcu(&p->list, &br->ports);
	vbr_nl_port_notify(p, VBR_CMD_PORT_ADDED_NTF);
	return p;

err_rx:
	if (!internal)
		netdev_rx_handler_unregister(dev);
err_promisc:
	if (!internal)
		dev_set_promiscuity(dev, -1);
err_put:
	netdev_put(dev, &p->dev_tracker);
	free_percpu(p->stats);
	kfree(p);
	return ERR_PTR(err);
}

int vbr_port_add(struct vbr_bridge *br, struct net_device *dev,
		 struct netlink_ext_ack *extack)
{
	return PTR_ERR_OR_ZERO(vbr_port_attach(br, dev, extack));
}

void vbr_port_destroy(struct vbr_port *p)
{
	struct vbr_bridge *br = p->br;
	struct net_device *dev = p->dev;
	bool internal = p->type == VBR_PORT_TYPE_INTERNAL;

	ASSERT_RTNL();
	vbr_nl_port_notify(p, VBR_CMD_PORT_REMOVED_NTF);
	/* While the port is still published, so that the deletion events
	 * name it; the second flush below catches what learned meanwhile.
	 */
	vbr_fdb_flush(br, p->idx, VBR_FLUSH_DYNAMIC | VBR_FLUSH_STATIC);
	/* Unpublish: no new frame is sent to the port. */
	list_del_rcu(&p->list);
	RCU_INIT_POINTER(br->port_tab[p->idx], NULL);
	/* Waits for readers; afterwards nothing learns on this port. */
	if (internal) {
		RCU_INIT_POINTER(vbr_internal_priv(dev)->port, NULL);
		synchronize_net();
	} else {
		netdev_rx_handler_unregister(dev);
	}
	vbr_fdb_flush(br, p->idx, VBR_FLUSH_DYNAMIC | VBR_FLUSH_STATIC);
	/* A reader may still hold an entry naming this index: wait for it
	 * before the index can be reused by the next port.
	 */
	synchronize_net();

	netdev_upper_dev_unlink(dev, br->dev);
	if (!internal)
		dev_set_promiscuity(dev, -1);
	netdev_put(dev, &p->dev_tracker);
	free_percpu(p->stats);
	kfree(p);
}

/* Removes a port and, for an internal or owned port, its device. */
void vbr_port_remove(struct vbr_port *p, struct list_head *head)
{
	struct net_device *dev = p->dev;
	bool delete = p->owned || p->type == VBR_PORT_TYPE_INTERNAL;

	vbr_port_destroy(p);
	if (!delete)
		return;
	if (dev->rtnl_link_ops && dev->rtnl_link_ops->dellink)
		dev->rtnl_link_ops->dellink(dev, head);
	else
		unregister_netdevice_queue(dev, head);
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
