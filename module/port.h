/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ports: an Ethernet netdev enslaved to a vbr bridge through an
 * rx_handler and an upper-device link, or an internal port, a netdev the
 * bridge created whose transmit is the bridge's ingress.
 */
#ifndef _VBR_PORT_H
#define _VBR_PORT_H

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/u64_stats_sync.h>
#include <linux/vbr.h>
#include <linux/workqueue.h>

#include "loop.h"
#include "storm.h"

struct vbr_bridge;
struct vbr_vlans;

/* Port options (options.h applies them), read locklessly per frame. */
#define VBR_PORT_LEARNING	BIT(0)	/* learn source MACs */
#define VBR_PORT_FLOOD		BIT(1)	/* gets unknown unicast */
#define VBR_PORT_MCAST_FLOOD	BIT(2)	/* gets multicast */
#define VBR_PORT_BCAST_FLOOD	BIT(3)	/* gets broadcast */
#define VBR_PORT_HAIRPIN	BIT(4)	/* may send back where it came from */
#define VBR_PORT_ISOLATED	BIT(5)	/* never to another isolated port */
#define VBR_PORT_LOCKED		BIT(6)	/* only sources the FDB admits */
#define VBR_PORT_MAB		BIT(7)	/* locked: unknown sources get locked entries */
#define VBR_PORT_BPDU_GUARD	BIT(8)	/* a BPDU blocks the port */
#define VBR_PORT_STORM_BLOCK	BIT(9)	/* a flood over a limit blocks it */
#define VBR_PORT_LOOP_PROTECT	BIT(11)	/* loop probes go out of it */
/* Not an option of its own: set while any storm limit is, so that a
 * port without one pays nothing for storm control.
 */
#define VBR_PORT_STORM		BIT(10)
#define VBR_PORT_DEFAULT	(VBR_PORT_LEARNING | VBR_PORT_FLOOD | \
				 VBR_PORT_MCAST_FLOOD | VBR_PORT_BCAST_FLOOD | \
				 VBR_PORT_LOOP_PROTECT)

/*
 * The port's state, in the same word as its options so that a frame
 * reads both with one load: the reason it is blocked (enum
 * vbr_block_reason), 0 while it forwards. Written only by
 * vbr_port_block() and vbr_port_unblock().
 */
#define VBR_PORT_BLOCK_SHIFT	28
#define VBR_PORT_BLOCK_MASK	GENMASK(30, VBR_PORT_BLOCK_SHIFT)
static_assert((VBR_PORT_BLOCK_MASK >> VBR_PORT_BLOCK_SHIFT) >= VBR_BLOCK_MAX);

/* Frames the bridge took from the port and sent to it, per CPU, and the
 * CPU's storm control tokens, which the datapath writes beside them.
 */
struct vbr_port_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t tx_dropped;
	u64_stats_t rx_blocked;
	u64_stats_t bpdu_guard;
	u64_stats_t storm[VBR_STORM_NCLASS];
	struct u64_stats_sync syncp;
	struct vbr_storm_cpu storm_cpu[VBR_STORM_NCLASS];
};

struct vbr_port {
	struct list_head list;		/* in br->ports */
	struct vbr_bridge *br;
	struct net_device *dev;
	u32 flags;			/* VBR_PORT_*, read locklessly */
	u16 idx;			/* slot in br->port_tab */
	u8 type;			/* enum vbr_port_type */
	bool owned;			/* the device goes with the port */
	u32 max_learned;		/* 0 = no limit; under fdb lock */
	u32 learned;			/* under fdb lock */
	struct vbr_port_stats __percpu *stats;
	struct vbr_vlans __rcu *vlans;	/* vlan.h */
	netdevice_tracker dev_tracker;
	struct vbr_port_loop loop;	/* loop.h */
	atomic_t state_gen;		/* moves on with every block and unblock */
	int state_seen;			/* state_gen last settled; RTNL */
	struct delayed_work state_work;	/* settles the datapath's changes */
	struct delayed_work recover_work;	/* err_recovery */
	u32 storm_burst;		/* as set, 0: the rate; RTNL */
	struct vbr_storm_bucket storm[VBR_STORM_NCLASS];
};

/* Read totals of a port's per-CPU counters. */
struct vbr_port_totals {
	u64 rx_packets, rx_bytes, tx_packets, tx_bytes, tx_dropped;
	u64 rx_blocked, bpdu_guard, storm[VBR_STORM_NCLASS];
};

struct vbr_port *vbr_port_attach(struct vbr_bridge *br,
				 struct net_device *dev, bool owned,
				 struct netlink_ext_ack *extack);
void vbr_port_detach(struct vbr_port *p);
void vbr_port_remove(struct vbr_port *p, struct list_head *head);
void vbr_port_remove_all(struct vbr_bridge *br, struct list_head *head);
struct vbr_port *vbr_port_get_rtnl(const struct net_device *dev);
struct vbr_port *vbr_port_get_rcu(const struct net_device *dev);
u32 vbr_port_generation(void);
void vbr_port_stats_read(const struct vbr_port *p,
			 struct vbr_port_totals *t);

/*
 * Port state. vbr_port_block() and vbr_port_unblock() may be called from
 * any context, the datapath (softirq, under RCU) included, on a port that
 * is published: they change the state at once (one cmpxchg; nothing at
 * all when it is already so), log one rate-limited line, and leave the
 * rest (the event, the FDB flush, the err_recovery timer) to a work item
 * that runs under RTNL. Both return whether they changed the state.
 * vbr_port_block() keeps the first reason a port was blocked for.
 */
bool vbr_port_block(struct vbr_port *p, enum vbr_block_reason why);
bool vbr_port_unblock(struct vbr_port *p);
/* Blocks with reason admin, replacing any other reason. */
bool vbr_port_block_admin(struct vbr_port *p);
/* RTNL: does what the changes since it last ran call for; returns
 * whether there were any, for the caller to announce.
 */
bool vbr_port_state_settle(struct vbr_port *p);
/* RTNL: the bridge's err_recovery changed; restart the ports' waits. */
void vbr_port_recovery_changed(struct vbr_bridge *br);
/* RTNL: sets the options under mask to val, keeping the state. */
void vbr_port_set_options(struct vbr_port *p, u32 mask, u32 val);
const char *vbr_block_reason_name(enum vbr_block_reason why);

static inline enum vbr_block_reason vbr_port_flags_reason(u32 flags)
{
	return (flags & VBR_PORT_BLOCK_MASK) >> VBR_PORT_BLOCK_SHIFT;
}

static inline enum vbr_port_state vbr_port_flags_state(u32 flags)
{
	return flags & VBR_PORT_BLOCK_MASK ? VBR_PORT_STATE_BLOCKED :
					     VBR_PORT_STATE_FORWARDING;
}

static inline enum vbr_block_reason vbr_port_reason(const struct vbr_port *p)
{
	return vbr_port_flags_reason(READ_ONCE(p->flags));
}

int vbr_port_notifier_init(void);
void vbr_port_notifier_exit(void);

static inline void vbr_port_count_rx(struct vbr_port *p, unsigned int len)
{
	struct vbr_port_stats *s = this_cpu_ptr(p->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->rx_packets);
	u64_stats_add(&s->rx_bytes, len);
	u64_stats_update_end(&s->syncp);
}

static inline void vbr_port_count_tx(struct vbr_port *p, unsigned int len)
{
	struct vbr_port_stats *s = this_cpu_ptr(p->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->tx_packets);
	u64_stats_add(&s->tx_bytes, len);
	u64_stats_update_end(&s->syncp);
}

static inline void vbr_port_count_rx_blocked(struct vbr_port *p)
{
	struct vbr_port_stats *s = this_cpu_ptr(p->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->rx_blocked);
	u64_stats_update_end(&s->syncp);
}

static inline void vbr_port_count_bpdu(struct vbr_port *p)
{
	struct vbr_port_stats *s = this_cpu_ptr(p->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->bpdu_guard);
	u64_stats_update_end(&s->syncp);
}

/*
 * Whether a flood of class k from port p is within p's limit; with none
 * set for k, it is. BH off, as the datapath runs.
 */
static inline bool vbr_port_storm_admit(struct vbr_port *p,
					enum vbr_storm_class k)
{
	struct vbr_port_stats *s;

	if (!READ_ONCE(p->storm[k].rate))
		return true;
	s = this_cpu_ptr(p->stats);
	if (vbr_storm_admit(&p->storm[k], &s->storm_cpu[k], jiffies))
		return true;
	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->storm[k]);
	u64_stats_update_end(&s->syncp);
	return false;
}

static inline void vbr_port_count_tx_drop(struct vbr_port *p)
{
	struct vbr_port_stats *s = this_cpu_ptr(p->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->tx_dropped);
	u64_stats_update_end(&s->syncp);
}

#endif /* _VBR_PORT_H */
