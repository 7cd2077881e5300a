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
#include "compat.h"
#include "event.h"
#include "fdb.h"
#include "forward.h"
#include "internal_port.h"
#include "port.h"
#include "vlan.h"

/* Moves on whenever a port comes or goes, so that dumps notice. */
static u32 vbr_port_gen;

u32 vbr_port_generation(void)
{
	ASSERT_RTNL();
	return vbr_port_gen;
}

struct vbr_port *vbr_port_get_rtnl(const struct net_device *dev)
{
	if (vbr_is_internal(dev))
		return rtnl_dereference(vbr_internal_priv(dev)->port);
	if (rcu_access_pointer(dev->rx_handler) != vbr_handle_frame)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

/* The same, for readers that hold only RCU. */
struct vbr_port *vbr_port_get_rcu(const struct net_device *dev)
{
	if (vbr_is_internal(dev))
		return rcu_dereference(vbr_internal_priv(dev)->port);
	if (rcu_access_pointer(dev->rx_handler) != vbr_handle_frame)
		return NULL;
	return rcu_dereference(dev->rx_handler_data);
}

void vbr_port_stats_read(const struct vbr_port *p, struct vbr_port_totals *t)
{
	int cpu;

	memset(t, 0, sizeof(*t));
	for_each_possible_cpu(cpu) {
		const struct vbr_port_stats *s = per_cpu_ptr(p->stats, cpu);
		u64 rxp, rxb, txp, txb, txd, rxk, bpdu, storm[VBR_STORM_NCLASS];
		unsigned int start;
		int k;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			rxp = u64_stats_read(&s->rx_packets);
			rxb = u64_stats_read(&s->rx_bytes);
			txp = u64_stats_read(&s->tx_packets);
			txb = u64_stats_read(&s->tx_bytes);
			txd = u64_stats_read(&s->tx_dropped);
			rxk = u64_stats_read(&s->rx_blocked);
			bpdu = u64_stats_read(&s->bpdu_guard);
			for (k = 0; k < VBR_STORM_NCLASS; k++)
				storm[k] = u64_stats_read(&s->storm[k]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		t->rx_packets += rxp;
		t->rx_bytes += rxb;
		t->tx_packets += txp;
		t->tx_bytes += txb;
		t->tx_dropped += txd;
		t->rx_blocked += rxk;
		t->bpdu_guard += bpdu;
		for (k = 0; k < VBR_STORM_NCLASS; k++)
			t->storm[k] += storm[k];
	}
}

/* Port state */

static const char *const vbr_block_reason_names[] = {
	[VBR_BLOCK_NONE]	= "none",
	[VBR_BLOCK_ADMIN]	= "admin",
	[VBR_BLOCK_BPDU_GUARD]	= "bpdu_guard",
	[VBR_BLOCK_LOOP]	= "loop",
	[VBR_BLOCK_STORM]	= "storm",
};

static_assert(ARRAY_SIZE(vbr_block_reason_names) == __VBR_BLOCK_MAX);

const char *vbr_block_reason_name(enum vbr_block_reason why)
{
	return why < ARRAY_SIZE(vbr_block_reason_names) ?
	       vbr_block_reason_names[why] : "unknown";
}

/*
 * Moves the state from what the caller saw to why (0: forwarding). The
 * options in the same word may change under it (options.c, RTNL): the
 * swap retries then, keeping them.
 */
static bool vbr_port_state_swap(struct vbr_port *p, u32 old,
				enum vbr_block_reason why)
{
	u32 new;

	do {
		new = (old & ~VBR_PORT_BLOCK_MASK) |
		      ((u32)why << VBR_PORT_BLOCK_SHIFT);
		if (new == old)
			return false;
	} while (!try_cmpxchg(&p->flags, &old, new));

	atomic_inc(&p->state_gen);
	if (why)
		net_info_ratelimited("vbr: %s: port %s blocked: %s\n",
				     p->br->dev->name, p->dev->name,
				     vbr_block_reason_name(why));
	else
		net_info_ratelimited("vbr: %s: port %s forwarding (was blocked: %s)\n",
				     p->br->dev->name, p->dev->name,
				     vbr_block_reason_name(vbr_port_flags_reason(old)));
	/* The event and the rest need RTNL, which softirq cannot take. */
	mod_delayed_work(system_wq, &p->state_work, 0);
	return true;
}

bool vbr_port_block(struct vbr_port *p, enum vbr_block_reason why)
{
	u32 old = READ_ONCE(p->flags);

	/* The common case in a storm: blocked already, nothing written. */
	if (old & VBR_PORT_BLOCK_MASK)
		return false;
	return vbr_port_state_swap(p, old, why);
}

bool vbr_port_block_admin(struct vbr_port *p)
{
	return vbr_port_state_swap(p, READ_ONCE(p->flags), VBR_BLOCK_ADMIN);
}

bool vbr_port_unblock(struct vbr_port *p)
{
	u32 old = READ_ONCE(p->flags);

	if (!(old & VBR_PORT_BLOCK_MASK))
		return false;
	return vbr_port_state_swap(p, old, VBR_BLOCK_NONE);
}

void vbr_port_set_options(struct vbr_port *p, u32 mask, u32 val)
{
	u32 old = READ_ONCE(p->flags), new;

	ASSERT_RTNL();
	mask &= ~VBR_PORT_BLOCK_MASK;
	do {
		new = (old & ~mask) | (val & mask);
		if (new == old)
			return;
	} while (!try_cmpxchg(&p->flags, &old, new));
}

/* The wait before a port blocked by a protection forwards again. */
static void vbr_port_arm_recovery(struct vbr_port *p)
{
	enum vbr_block_reason why = vbr_port_reason(p);
	u32 secs = READ_ONCE(p->br->err_recovery);

	if (why && why != VBR_BLOCK_ADMIN && secs)
		mod_delayed_work(system_wq, &p->recover_work,
				 (unsigned long)secs * HZ);
	else
		cancel_delayed_work(&p->recover_work);
}

bool vbr_port_state_settle(struct vbr_port *p)
{
	int gen = atomic_read(&p->state_gen);

	ASSERT_RTNL();
	if (gen == p->state_seen)
		return false;
	p->state_seen = gen;
	/* What was learned through the port may be wrong (a loop teaches
	 * the bridge that every MAC sits behind it): relearned elsewhere
	 * or after it forwards again.
	 */
	if (vbr_port_reason(p))
		vbr_fdb_flush(p->br, p->idx, -1, VBR_FLUSH_DYNAMIC);
	vbr_port_arm_recovery(p);
	return true;
}

void vbr_port_recovery_changed(struct vbr_bridge *br)
{
	struct vbr_port *p;

	ASSERT_RTNL();
	list_for_each_entry(p, &br->ports, list)
		vbr_port_arm_recovery(p);
}

/* RTNL may be held by the very thread waiting for this work to finish
 * (detach cancels it): never wait for RTNL here, come back later.
 */
static void vbr_port_state_work(struct work_struct *work)
{
	struct vbr_port *p = container_of(to_delayed_work(work),
					  struct vbr_port, state_work);

	if (!rtnl_trylock()) {
		mod_delayed_work(system_wq, &p->state_work, 1);
		return;
	}
	if (vbr_port_state_settle(p))
		vbr_event_port(p, VBR_PORT_EV_CHANGED);
	rtnl_unlock();
}

static void vbr_port_recover_work(struct work_struct *work)
{
	struct vbr_port *p = container_of(to_delayed_work(work),
					  struct vbr_port, recover_work);
	enum vbr_block_reason why;

	if (!rtnl_trylock()) {
		mod_delayed_work(system_wq, &p->recover_work, 1);
		return;
	}
	why = vbr_port_reason(p);
	if (why && why != VBR_BLOCK_ADMIN)
		vbr_port_unblock(p);
	if (vbr_port_state_settle(p))
		vbr_event_port(p, VBR_PORT_EV_CHANGED);
	rtnl_unlock();
}

/* Whether a lower device of dev is an internal port of br: its transmit
 * enters br, so dev as a port of br would loop.
 */
static int vbr_port_lower_is_internal(struct net_device *lower,
				      struct netdev_nested_priv *priv)
{
	struct vbr_port *p;

	if (!vbr_is_internal(lower))
		return 0;
	p = rtnl_dereference(vbr_internal_priv(lower)->port);
	return p && p->br == priv->data;
}

static int vbr_port_check(struct vbr_bridge *br, struct net_device *dev,
			  bool owned, struct netlink_ext_ack *extack)
{
	struct netdev_nested_priv priv = { .data = br };

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
	if (netdev_walk_all_lower_dev(dev, vbr_port_lower_is_internal,
				      &priv)) {
		NL_SET_ERR_MSG(extack, "vbr: the device is on an internal port of this bridge");
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
	/* Deleting the port deletes the device, as "ip link del" would; a
	 * device rtnetlink cannot delete belongs to its driver.
	 */
	if (owned && (!dev->rtnl_link_ops || !dev->rtnl_link_ops->dellink)) {
		NL_SET_ERR_MSG(extack, "vbr: a port cannot own a device rtnetlink cannot delete");
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

/* Frames from the port start entering the bridge. */
static int vbr_port_start(struct vbr_port *p)
{
	if (p->type == VBR_PORT_TYPE_INTERNAL) {
		rcu_assign_pointer(vbr_internal_priv(p->dev)->port, p);
		return 0;
	}
	return netdev_rx_handler_register(p->dev, vbr_handle_frame, p);
}

/* No frame from the port enters the bridge once RCU readers are done;
 * for an internal port the caller waits for them.
 */
static void vbr_port_stop(struct vbr_port *p)
{
	if (p->type == VBR_PORT_TYPE_INTERNAL)
		RCU_INIT_POINTER(vbr_internal_priv(p->dev)->port, NULL);
	else
		netdev_rx_handler_unregister(p->dev);
}

/* Sending to the port and FDB entries naming it become possible. */
static void vbr_port_publish(struct vbr_port *p)
{
	rcu_assign_pointer(p->br->port_tab[p->idx], p);
	list_add_tail_rcu(&p->list, &p->br->ports);
}

/* The caller waits for RCU readers before freeing the port. */
static void vbr_port_unpublish(struct vbr_port *p)
{
	list_del_rcu(&p->list);
	RCU_INIT_POINTER(p->br->port_tab[p->idx], NULL);
}

/* After unpublish and a grace period: nothing can block or unblock the
 * port any more, so the work items cannot be queued again.
 */
static void vbr_port_free(struct vbr_port *p)
{
	cancel_delayed_work_sync(&p->state_work);
	cancel_delayed_work_sync(&p->recover_work);
	if (p->type != VBR_PORT_TYPE_INTERNAL)
		dev_set_promiscuity(p->dev, -1);
	vbr_vlan_port_detach(p);
	netdev_put(p->dev, &p->dev_tracker);
	vbr_vlan_port_uninit(p);
	free_percpu(p->stats);
	kfree(p);
}

/*
 * Attaches dev as a port, internal if the bridge created it; owned: the
 * port deletes the device when it goes. Every refusal is decided before
 * anything changes. The port is published before its first frame can
 * arrive, so that every FDB entry naming its index is counted on it.
 */
struct vbr_port *vbr_port_attach(struct vbr_bridge *br,
				 struct net_device *dev, bool owned,
				 struct netlink_ext_ack *extack)
{
	bool internal = vbr_is_internal(dev);
	struct vbr_port *p;
	int idx, err, i;

	ASSERT_RTNL();
	err = vbr_port_check(br, dev, owned, extack);
	if (err)
		return ERR_PTR(err);
	idx = vbr_port_alloc_idx(br);
	if (idx < 0) {
		NL_SET_ERR_MSG(extack, "vbr: the bridge has the most ports it can hold");
		return ERR_PTR(-ENOSPC);
	}

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (p)
		p->stats = netdev_alloc_pcpu_stats(struct vbr_port_stats);
	if (!p || !p->stats) {
		kfree(p);
		NL_SET_ERR_MSG(extack, "vbr: no memory for the port");
		return ERR_PTR(-ENOMEM);
	}
	p->br = br;
	INIT_DELAYED_WORK(&p->state_work, vbr_port_state_work);
	INIT_DELAYED_WORK(&p->recover_work, vbr_port_recover_work);
	for (i = 0; i < VBR_STORM_NCLASS; i++)
		vbr_storm_init(&p->storm[i]);
	if (vbr_vlan_port_init(p)) {
		free_percpu(p->stats);
		kfree(p);
		NL_SET_ERR_MSG(extack, "vbr: no memory for the port");
		return ERR_PTR(-ENOMEM);
	}
	p->dev = dev;
	p->idx = idx;
	p->type = internal ? VBR_PORT_TYPE_INTERNAL : VBR_PORT_TYPE_NETDEV;
	p->owned = owned;
	p->flags = VBR_PORT_DEFAULT;
	/* With filtering on, the device passes the port's VLANs. */
	err = vbr_vlan_port_attach(p, extack);
	if (err) {
		vbr_vlan_port_uninit(p);
		free_percpu(p->stats);
		kfree(p);
		return ERR_PTR(err);
	}
	netdev_hold(dev, &p->dev_tracker, GFP_KERNEL);

	if (!internal) {
		err = dev_set_promiscuity(dev, 1);
		if (err) {
			NL_SET_ERR_MSG_WEAK(extack, "vbr: the device cannot be made promiscuous");
			vbr_vlan_port_detach(p);
			netdev_put(dev, &p->dev_tracker);
			vbr_vlan_port_uninit(p);
			free_percpu(p->stats);
			kfree(p);
			return ERR_PTR(err);
		}
	}
	vbr_port_publish(p);
	err = vbr_port_start(p);
	if (err) {
		NL_SET_ERR_MSG_WEAK(extack, "vbr: the device already has an rx_handler");
		goto err_unpublish;
	}
	err = netdev_master_upper_dev_link(dev, br->dev, NULL, NULL, extack);
	if (err) {
		NL_SET_ERR_MSG_WEAK(extack, "vbr: the device cannot be linked to the bridge");
		goto err_stop;
	}
	vbr_port_gen++;
	vbr_event_port(p, VBR_PORT_EV_ADDED);
	return p;

err_stop:
	vbr_port_stop(p);
	synchronize_net();
	/* What was learned meanwhile goes while it still names the port. */
	vbr_fdb_flush(br, idx, -1, VBR_FLUSH_DYNAMIC | VBR_FLUSH_STATIC);
err_unpublish:
	vbr_port_unpublish(p);
	synchronize_net();
	vbr_port_free(p);
	return ERR_PTR(err);
}

/* Deletes the device of an internal or owned port, queued on head. */
static void vbr_port_delete_dev(struct net_device *dev, struct list_head *head)
{
	/* Ownership was refused where there is no dellink. */
	dev->rtnl_link_ops->dellink(dev, head);
}

/* Detaches a port; its device stays. */
void vbr_port_detach(struct vbr_port *p)
{
	struct vbr_bridge *br = p->br;

	ASSERT_RTNL();
	vbr_port_gen++;
	vbr_event_port(p, VBR_PORT_EV_REMOVED);
	vbr_port_stop(p);
	synchronize_net();
	/* Nothing learns on the port now. Flushed while still published,
	 * so that the counts and the deletion events name it.
	 */
	vbr_fdb_flush(br, p->idx, -1, VBR_FLUSH_DYNAMIC | VBR_FLUSH_STATIC);
	vbr_port_unpublish(p);
	/* A reader may still hold the port or an entry naming its index:
	 * wait before the index can be reused by the next port.
	 */
	synchronize_net();
	netdev_upper_dev_unlink(p->dev, br->dev);
	vbr_port_free(p);
}

/* Removes a port and, for an internal or owned port, its device. */
void vbr_port_remove(struct vbr_port *p, struct list_head *head)
{
	struct net_device *dev = p->dev;
	bool delete = p->owned || p->type == VBR_PORT_TYPE_INTERNAL;

	vbr_port_detach(p);
	if (delete)
		vbr_port_delete_dev(dev, head);
}

/*
 * Removes every port of a bridge that is going away: one grace period
 * for all the ports, not two per port, and one swap of the FDB instead
 * of a sweep per port.
 */
void vbr_port_remove_all(struct vbr_bridge *br, struct list_head *head)
{
	struct vbr_port *p, *tmp;
	struct net_device *dev;
	LIST_HEAD(gone);
	bool delete;

	ASSERT_RTNL();
	vbr_port_gen++;
	list_for_each_entry(p, &br->ports, list) {
		vbr_event_port(p, VBR_PORT_EV_REMOVED);
		vbr_port_stop(p);
	}
	synchronize_net();
	vbr_fdb_flush(br, -1, -1, VBR_FLUSH_DYNAMIC | VBR_FLUSH_STATIC);
	list_for_each_entry(p, &br->ports, list)
		RCU_INIT_POINTER(br->port_tab[p->idx], NULL);
	/* Waits for readers of the list and of port_tab alike. */
	list_splice_init_rcu(&br->ports, &gone, synchronize_net);
	list_for_each_entry_safe(p, tmp, &gone, list) {
		dev = p->dev;
		delete = p->owned || p->type == VBR_PORT_TYPE_INTERNAL;
		netdev_upper_dev_unlink(dev, br->dev);
		vbr_port_free(p);
		if (delete)
			vbr_port_delete_dev(dev, head);
	}
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
		vbr_port_detach(p);
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
