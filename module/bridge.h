/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vbr bridge device: the netdev a user creates with
 * "ip link add br0 type vbr", its per-CPU counters and its ports.
 */
#ifndef _VBR_BRIDGE_H
#define _VBR_BRIDGE_H

#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>
#include <linux/vbr.h>

#include "fdb.h"
#include "loop.h"

/* Port indices are what FDB entries store; 0 means the bridge itself. */
#define VBR_MAX_PORTS		1024
static_assert(VBR_MAX_PORTS == VBR_FDB_AUDIT_PORTS);

/* Why the bridge dropped a frame; one per-CPU counter each. */
enum vbr_drop {
	VBR_DROP_BRIDGE_DOWN,	/* ingress while the bridge is down */
	VBR_DROP_BAD_SRC,	/* multicast or zero source MAC */
	VBR_DROP_BAD_VLAN,	/* VLAN ethertype, truncated tag */
	VBR_DROP_SAME_PORT,	/* destination sits behind the ingress port */
	VBR_DROP_PORT_DOWN,	/* egress port down or going away */
	VBR_DROP_MTU,		/* larger than the egress port's MTU */
	VBR_DROP_NOMEM,		/* clone or unshare failed */
	VBR_DROP_NO_TARGET,	/* flood had no port to go to */
	VBR_DROP_LOCKED,	/* locked port, source not admitted */
	VBR_DROP_ISOLATED,	/* isolated port to isolated port */
	VBR_DROP_VLAN_INGRESS,	/* tagged for a VLAN the ingress lacks */
	VBR_DROP_NO_PVID,	/* untagged, and the ingress has no PVID */
	VBR_DROP_VLAN_EGRESS,	/* the destination is not in the VLAN */
	VBR_DROP_BLOCKED,	/* from or to a blocked port */
	VBR_DROP_BPDU_GUARD,	/* a BPDU on a port with bpdu_guard */
	VBR_DROP_STORM,		/* a flood over the ingress port's limit */
	VBR_DROP_MAX
};

/* Events that are not drops: the frame still went on. */
enum vbr_event {
	VBR_EV_LEARN_LIMIT,	/* a new MAC not learned: limit reached */
	VBR_EV_MOVE,		/* a learned MAC moved to another port */
	VBR_EV_LOOP_ROUND,	/* a round of loop probes went out */
	VBR_EV_LOOP_FOUND,	/* a probe of this bridge came back */
	VBR_EV_MAC_FLAP,	/* a MAC moved too often (fdb.h) */
	VBR_EV_MAX
};

struct vbr_pcpu_stats {
	u64_stats_t drops[VBR_DROP_MAX];
	u64_stats_t events[VBR_EV_MAX];
	struct u64_stats_sync syncp;
};

struct vbr_port;
struct vbr_vlans;

struct vbr_bridge {
	struct net_device *dev;
	struct vbr_fdb fdb;
	struct list_head ports;		/* RCU readers; writers hold RTNL */
	struct vbr_pcpu_stats __percpu *stats;
	bool vlan_enabled;		/* 802.1Q filtering; read per frame */
	__be16 vlan_proto;		/* the tag that filters */
	u16 default_pvid;		/* RTNL */
	u32 err_recovery;		/* seconds; 0: blocks stay */
	struct vbr_vlans __rcu *vlans;	/* the bridge device's own */
	struct vbr_loop loop;		/* loop.h */
	bool announced;			/* event.c: creation sent; RTNL */
	struct vbr_port __rcu *port_tab[VBR_MAX_PORTS];
};

extern const char *const vbr_drop_names[VBR_DROP_MAX];
extern const char *const vbr_event_names[VBR_EV_MAX];

void vbr_bridge_setup(struct net_device *dev);
bool vbr_is_bridge(const struct net_device *dev);
void vbr_bridge_destroy(struct vbr_bridge *br, struct list_head *head);
void vbr_bridge_stats_read(struct vbr_bridge *br, u64 *drops, u64 *events);

static inline void vbr_count_drop(struct vbr_bridge *br, enum vbr_drop why)
{
	struct vbr_pcpu_stats *s = this_cpu_ptr(br->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->drops[why]);
	u64_stats_update_end(&s->syncp);
}

static inline void vbr_count_event(struct vbr_bridge *br, enum vbr_event ev)
{
	struct vbr_pcpu_stats *s = this_cpu_ptr(br->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->events[ev]);
	u64_stats_update_end(&s->syncp);
}

#endif /* _VBR_BRIDGE_H */
