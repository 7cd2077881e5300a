// SPDX-License-Identifier: GPL-2.0
/*
 * vbr loop protection by probes. No protocol and no peer: a bridge that
 * hears itself has a loop. Design notes: Documentation/design.md.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/pkt_sched.h>
#include <linux/random.h>
#include <linux/skbuff.h>
#include <kunit/visibility.h>

#include "bridge.h"
#include "event.h"
#include "loop.h"
#include "port.h"

/* Locally administered group address: guests' NICs filter it out, and
 * bridges and switches flood it, unlike the 802.1D link-local range.
 */
static const u8 vbr_loop_group[ETH_ALEN] __aligned(2) = {
	0x0f, 0x76, 0x62, 0x72, 0x00, 0x01
};

VISIBLE_IF_KUNIT void vbr_loop_fill(u8 *frame, const u8 *src, u64 id,
				    u16 port, u32 nonce)
{
	struct ethhdr *eth = (struct ethhdr *)frame;
	struct vbr_loop_probe *h = (struct vbr_loop_probe *)(eth + 1);

	memset(frame, 0, VBR_LOOP_FRAME_LEN);
	ether_addr_copy(eth->h_dest, vbr_loop_group);
	ether_addr_copy(eth->h_source, src);
	eth->h_proto = htons(VBR_LOOP_ETHERTYPE);
	h->magic = htonl(VBR_LOOP_MAGIC);
	h->version = 1;
	h->port = htons(port);
	h->id = cpu_to_be64(id);
	h->nonce = htonl(nonce);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_loop_fill);

/* 0 for a vbr probe of this version, whoever sent it. */
VISIBLE_IF_KUNIT int vbr_loop_parse(const struct vbr_loop_probe *h, u64 *id,
				    u16 *port, u32 *nonce)
{
	if (h->magic != htonl(VBR_LOOP_MAGIC) || h->version != 1)
		return -EINVAL;
	*id = be64_to_cpu(h->id);
	*port = ntohs(h->port);
	*nonce = ntohl(h->nonce);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_loop_parse);

/*
 * Whether to hold off cutting a loop found at a port where a vbr bridge
 * of a lower identity probes too: that bridge sees the same loop and
 * cuts it first, so that a loop through two vbr bridges loses one port,
 * not one on each. Held off three intervals at most: if the other does
 * not cut, this one does.
 */
VISIBLE_IF_KUNIT bool vbr_loop_hold_off(unsigned long now,
					unsigned long lower_seen,
					unsigned long *held_since,
					unsigned long interval)
{
	if (!lower_seen || time_after(now, lower_seen + 2 * interval))
		return false;
	if (!*held_since || time_after(now, *held_since + 4 * interval))
		*held_since = now ?: 1;
	return time_before(now, *held_since + 3 * interval);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_loop_hold_off);

/*
 * One of our probes, sent out of port from, came back in at r. Both ends
 * of a loop hear the other's probe in the same round: the first cut ends
 * the loop, and a probe that left by a port cut since is stale.
 */
static void vbr_loop_found(struct vbr_bridge *br, struct vbr_port *r,
			   u16 from)
{
	struct vbr_loop *l = &br->loop;
	struct vbr_port *s = NULL;

	if (!READ_ONCE(l->enabled) || vbr_port_reason(r))
		return;
	spin_lock_bh(&l->lock);
	if (from && from < VBR_MAX_PORTS)
		s = rcu_dereference(br->port_tab[from]);
	if (vbr_port_reason(r) || (s && s != r && vbr_port_reason(s)))
		goto out;
	if (vbr_loop_hold_off(jiffies, READ_ONCE(r->loop.lower_seen),
			      &r->loop.held_since, READ_ONCE(l->interval)))
		goto out;
	r->loop.held_since = 0;
	vbr_port_block(r, VBR_BLOCK_LOOP);
out:
	spin_unlock_bh(&l->lock);
}

/*
 * A frame of the probe ethertype arrived at p, its payload at offset.
 * Returns true when it was one of this bridge's probes, consumed: they
 * are never forwarded. Probes of other bridges go on like any frame.
 */
bool vbr_loop_rx(struct vbr_port *p, struct sk_buff *skb,
		 unsigned int offset)
{
	struct vbr_loop *l = &p->br->loop;
	const struct vbr_loop_probe *h;
	struct vbr_loop_probe buf;
	unsigned long now;
	u16 from;
	u32 nonce;
	u64 id;

	h = skb_header_pointer(skb, offset, sizeof(buf), &buf);
	if (!h || vbr_loop_parse(h, &id, &from, &nonce))
		return false;
	if (id != l->id) {
		now = jiffies ?: 1;
		if (id < l->id && READ_ONCE(p->loop.lower_seen) != now)
			WRITE_ONCE(p->loop.lower_seen, now);
		return false;
	}
	/* Only the last two rounds count: an older probe may have waited
	 * in a queue since before a cut.
	 */
	if (nonce == READ_ONCE(l->nonce[0]) ||
	    nonce == READ_ONCE(l->nonce[1])) {
		vbr_count_event(p->br, VBR_EV_LOOP_FOUND);
		vbr_loop_found(p->br, p, from);
	}
	consume_skb(skb);
	return true;
}

/* Internal ports lead to the host's stack, whose loops the other ports'
 * probes catch; a blocked port is probed again once it forwards.
 */
static bool vbr_loop_probes(const struct vbr_port *p)
{
	u32 flags = READ_ONCE(p->flags);

	return (flags & VBR_PORT_LOOP_PROTECT) &&
	       !vbr_port_flags_reason(flags) &&
	       p->type != VBR_PORT_TYPE_INTERNAL && netif_running(p->dev) &&
	       netif_carrier_ok(p->dev);
}

static void vbr_loop_send(struct vbr_bridge *br, struct vbr_port *p,
			  u32 nonce)
{
	struct net_device *dev = p->dev;
	struct sk_buff *skb;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + VBR_LOOP_FRAME_LEN,
			GFP_ATOMIC);
	if (!skb)
		return;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	vbr_loop_fill(skb_put(skb, VBR_LOOP_FRAME_LEN), br->dev->dev_addr,
		      br->loop.id, p->idx, nonce);
	skb_reset_mac_header(skb);
	skb->protocol = htons(VBR_LOOP_ETHERTYPE);
	skb->priority = TC_PRIO_CONTROL;
	skb->dev = dev;
	dev_queue_xmit(skb);
}

static void vbr_loop_round(struct work_struct *work)
{
	struct vbr_loop *l = container_of(to_delayed_work(work),
					  struct vbr_loop, probe);
	struct vbr_bridge *br = container_of(l, struct vbr_bridge, loop);
	struct vbr_port *p;
	u32 nonce;

	if (!READ_ONCE(l->enabled))
		return;
	if (netif_running(br->dev)) {
		nonce = get_random_u32();
		WRITE_ONCE(l->nonce[1], l->nonce[0]);
		WRITE_ONCE(l->nonce[0], nonce);
		rcu_read_lock();
		list_for_each_entry_rcu(p, &br->ports, list)
			if (vbr_loop_probes(p))
				vbr_loop_send(br, p, nonce);
		rcu_read_unlock();
		/* Per-CPU counters want BH off, as in the datapath. */
		local_bh_disable();
		vbr_count_event(br, VBR_EV_LOOP_ROUND);
		local_bh_enable();
	}
	queue_delayed_work(system_power_efficient_wq, &l->probe,
			   READ_ONCE(l->interval));
}

/* Loop protection is on from the start: a loop made on a bridge with
 * default options is caught.
 */
void vbr_loop_init(struct vbr_bridge *br)
{
	struct vbr_loop *l = &br->loop;

	INIT_DELAYED_WORK(&l->probe, vbr_loop_round);
	spin_lock_init(&l->lock);
	l->id = get_random_u64();
	l->nonce[0] = get_random_u32();
	l->nonce[1] = l->nonce[0];
	l->interval = msecs_to_jiffies(VBR_LOOP_INTERVAL_MS);
	l->enabled = true;
	queue_delayed_work(system_power_efficient_wq, &l->probe, l->interval);
}

/* The round takes no lock the caller may hold: safe under RTNL. */
void vbr_loop_uninit(struct vbr_bridge *br)
{
	WRITE_ONCE(br->loop.enabled, false);
	cancel_delayed_work_sync(&br->loop.probe);
}

/* Under RTNL. A round goes out at once when probing (re)starts. */
void vbr_loop_set(struct vbr_bridge *br, bool enabled,
		  unsigned int interval_ms)
{
	struct vbr_loop *l = &br->loop;
	unsigned long interval = msecs_to_jiffies(interval_ms);

	if (l->enabled == enabled && l->interval == interval)
		return;
	WRITE_ONCE(l->interval, interval);
	WRITE_ONCE(l->enabled, enabled);
	if (enabled)
		mod_delayed_work(system_power_efficient_wq, &l->probe, 0);
}

/*
 * A learned MAC moved more often than the bridge allows within its
 * window: the symptom of a loop that probes cannot see (one only inside
 * a tagged VLAN, or through a device that drops them). Logged, and with
 * flap_block on, the port it moved to is blocked. Any context.
 */
void vbr_loop_mac_flap(struct vbr_bridge *br, const struct vbr_fdb_key *key,
		       u16 from, struct vbr_port *to)
{
	struct vbr_port *f;

	vbr_count_event(br, VBR_EV_MAC_FLAP);
	rcu_read_lock();
	f = from && from < VBR_MAX_PORTS ? rcu_dereference(br->port_tab[from]) :
					   NULL;
	net_info_ratelimited("vbr: %s: %pM vlan %u flaps between %s and %s\n",
			     br->dev->name, key->addr, key->vid,
			     f ? f->dev->name : "a removed port", to->dev->name);
	vbr_event_mac_flap(br, key, f, to);
	rcu_read_unlock();
	if (READ_ONCE(br->fdb.flap_block))
		vbr_port_block(to, VBR_BLOCK_LOOP);
}
