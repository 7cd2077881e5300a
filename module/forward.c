// SPDX-License-Identifier: GPL-2.0
/*
 * vbr forwarding: learn, look up, then send to one port, flood, or
 * deliver up the bridge device.
 *
 * Every path below runs under RCU with BH disabled and takes no lock on
 * a hit; counters are per-CPU. The switch core sees skb->data at the
 * Ethernet header.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <kunit/visibility.h>

#include "bridge.h"
#include "compat.h"
#include "fdb.h"
#include "forward.h"
#include "internal_port.h"
#include "port.h"
#include "vlan.h"

/* What kfree_skb tracing reports for each of vbr's drop counters. */
static const enum skb_drop_reason vbr_drop_reason[VBR_DROP_MAX] = {
	[VBR_DROP_BRIDGE_DOWN]	= SKB_DROP_REASON_DEV_READY,
	[VBR_DROP_BAD_SRC]	= VBR_REASON_BAD_SRC,
	[VBR_DROP_BAD_VLAN]	= SKB_DROP_REASON_HDR_TRUNC,
	[VBR_DROP_SAME_PORT]	= SKB_DROP_REASON_NOT_SPECIFIED,
	[VBR_DROP_PORT_DOWN]	= SKB_DROP_REASON_DEV_READY,
	[VBR_DROP_MTU]		= SKB_DROP_REASON_PKT_TOO_BIG,
	[VBR_DROP_NOMEM]	= SKB_DROP_REASON_NOMEM,
	[VBR_DROP_NO_TARGET]	= VBR_REASON_NO_TARGET,
	[VBR_DROP_LOCKED]	= SKB_DROP_REASON_NOT_SPECIFIED,
	[VBR_DROP_ISOLATED]	= SKB_DROP_REASON_NOT_SPECIFIED,
	[VBR_DROP_VLAN_INGRESS]	= SKB_DROP_REASON_NOT_SPECIFIED,
	[VBR_DROP_NO_PVID]	= SKB_DROP_REASON_NOT_SPECIFIED,
	[VBR_DROP_VLAN_EGRESS]	= SKB_DROP_REASON_NOT_SPECIFIED,
	[VBR_DROP_BLOCKED]	= SKB_DROP_REASON_NOT_SPECIFIED,
	[VBR_DROP_BPDU_GUARD]	= SKB_DROP_REASON_NOT_SPECIFIED,
	[VBR_DROP_STORM]	= SKB_DROP_REASON_NOT_SPECIFIED,
};

static void vbr_drop(struct vbr_bridge *br, struct sk_buff *skb,
		     enum vbr_drop why)
{
	vbr_count_drop(br, why);
	kfree_skb_reason(skb, vbr_drop_reason[why]);
}

/* Whether the bridge device takes frames of VLAN vid (0: no filtering). */
static bool vbr_local_in_vlan(const struct vbr_bridge *br, u16 vid)
{
	return !vid || vbr_vlans_has(rcu_dereference(br->vlans), vid) ||
	       (br->dev->flags & IFF_PROMISC);
}

/* Up the bridge device, as if it had received the frame itself. */
static void vbr_deliver_local(struct vbr_bridge *br, struct sk_buff *skb,
			      bool in_rx, u16 vid)
{
	struct net_device *dev = br->dev;

	if (vid) {
		const struct vbr_vlans *v = rcu_dereference(br->vlans);

		/* A promiscuous bridge device sees every VLAN, tagged. */
		if (unlikely(!vbr_vlans_has(v, vid))) {
			if (!(dev->flags & IFF_PROMISC)) {
				vbr_drop(br, skb, VBR_DROP_VLAN_EGRESS);
				return;
			}
		} else if (vbr_vlans_untagged(v, vid)) {
			__vlan_hwaccel_clear_tag(skb);
		}
	}

	dev_sw_netstats_rx_add(dev, skb->len);
	/* eth_type_trans() only downgrades pkt_type; the port may have set
	 * OTHERHOST for a frame that is ours.
	 */
	skb->pkt_type = PACKET_HOST;
	skb->protocol = eth_type_trans(skb, dev);
	skb_postpull_rcsum(skb, eth_hdr(skb), ETH_HLEN);
	/* From a port's rx_handler receive directly; from a transmit
	 * path go through the backlog instead of nesting receive there.
	 */
	if (in_rx)
		netif_receive_skb(skb);
	else
		netif_rx(skb);
}

static void vbr_port_drop(struct vbr_bridge *br, struct vbr_port *p,
			  struct sk_buff *skb, enum vbr_drop why)
{
	vbr_port_count_tx_drop(p);
	vbr_drop(br, skb, why);
}

/* vid: the frame's VLAN, tagged in the skb; 0 without filtering. */
static void vbr_port_xmit(struct vbr_bridge *br, struct vbr_port *p,
			  struct sk_buff *skb, u16 vid)
{
	struct net_device *dev = p->dev;

	if (unlikely(!netif_running(dev))) {
		vbr_port_drop(br, p, skb, VBR_DROP_PORT_DOWN);
		return;
	}
	if (vid) {
		const struct vbr_vlans *v = rcu_dereference(p->vlans);

		if (unlikely(!vbr_vlans_has(v, vid))) {
			vbr_port_drop(br, p, skb, VBR_DROP_VLAN_EGRESS);
			return;
		}
		/* The tag stays in skb->vlan_tci: the device inserts it,
		 * or the core does where the device cannot.
		 */
		if (vbr_vlans_untagged(v, vid))
			__vlan_hwaccel_clear_tag(skb);
	}
	/* The bridge MTU never follows its ports: oversize frames are
	 * dropped per egress port and counted. A VLAN tag may come on top
	 * of the MTU, as is_skb_forwardable() allows.
	 */
	if (unlikely(!skb_is_gso(skb) &&
		     skb->len > dev->mtu + dev->hard_header_len + VLAN_HLEN)) {
		vbr_port_drop(br, p, skb, VBR_DROP_MTU);
		return;
	}
	vbr_port_count_tx(p, skb->len);
	if (p->type == VBR_PORT_TYPE_INTERNAL) {
		vbr_internal_rx(dev, skb);
		return;
	}
	skb->dev = dev;
	skb_clear_tstamp(skb);
	dev_queue_xmit(skb);
}

/*
 * Which ports a flood goes to, worked out once per frame: the option
 * that lets a port take this kind of frame must be on, the target must
 * not be blocked, and when the ingress is isolated the target must not
 * be either. The ingress itself is a target only in hairpin mode.
 */
VISIBLE_IF_KUNIT struct vbr_flood_sel vbr_flood_select(const struct vbr_port *in,
						       u32 in_flags,
						       const u8 *dest)
{
	struct vbr_flood_sel s = {
		.skip = (in_flags & VBR_PORT_HAIRPIN) ? NULL : in,
		.want = VBR_PORT_FLOOD,
	};

	if (unlikely(is_multicast_ether_addr(dest)))
		s.want = is_broadcast_ether_addr(dest) ? VBR_PORT_BCAST_FLOOD :
							 VBR_PORT_MCAST_FLOOD;
	s.mask = s.want | (in_flags & VBR_PORT_ISOLATED) | VBR_PORT_BLOCK_MASK;
	return s;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_flood_select);

/* A port that is down is no flood target, and no drop either; nor is
 * one outside the frame's VLAN.
 */
VISIBLE_IF_KUNIT bool vbr_floods_to(const struct vbr_port *p,
				    const struct vbr_flood_sel *s)
{
	return p != s->skip && (READ_ONCE(p->flags) & s->mask) == s->want &&
	       netif_running(p->dev) &&
	       (!s->vid || vbr_vlans_has(rcu_dereference(p->vlans), s->vid));
}
EXPORT_SYMBOL_IF_KUNIT(vbr_floods_to);

/* Up the bridge device if it takes frames, else nowhere. */
static struct vbr_fwd vbr_fwd_to_bridge(bool local)
{
	if (local)
		return (struct vbr_fwd){ .action = VBR_FWD_LOCAL };
	return (struct vbr_fwd){ VBR_FWD_DROP, NULL, VBR_DROP_SAME_PORT };
}

/*
 * Where a frame for dest goes, decided apart from sending it: flood, one
 * port, up the bridge device (local is whether the bridge takes frames),
 * or a drop and its reason. in is NULL for the bridge's own transmit,
 * in_flags its options (0 for the bridge); vid the frame's VLAN (0
 * without filtering). Under RCU.
 */
VISIBLE_IF_KUNIT struct vbr_fwd vbr_fwd_decide(struct vbr_bridge *br,
					       const struct vbr_port *in,
					       u32 in_flags, const u8 *dest,
					       u16 vid, bool local)
{
	struct vbr_fwd f = { .action = VBR_FWD_FLOOD };
	struct vbr_fdb_entry *e;
	u32 out_flags;
	u16 idx;

	if (unlikely(!is_unicast_ether_addr(dest)))
		return f;
	/* The bridge's own entry is in VLAN 0 only: with filtering, its
	 * address is checked first, so that nothing learned can shadow it.
	 */
	if (unlikely(vid) && ether_addr_equal(dest, br->dev->dev_addr))
		return vbr_fwd_to_bridge(local);
	e = vbr_fdb_find(br, dest, vid);
	if (e)
		idx = READ_ONCE(e->port);
	else
		return f;
	if (!idx)
		return vbr_fwd_to_bridge(local);
	f.out = rcu_dereference(br->port_tab[idx]);
	if (unlikely(!f.out))
		return (struct vbr_fwd){ VBR_FWD_DROP, NULL, VBR_DROP_PORT_DOWN };
	/* In the line of the port that sending to it reads anyway. */
	out_flags = READ_ONCE(f.out->flags);
	if (unlikely(out_flags & VBR_PORT_BLOCK_MASK))
		f = (struct vbr_fwd){ VBR_FWD_DROP, NULL, VBR_DROP_BLOCKED };
	else if (unlikely(f.out == in) && !(in_flags & VBR_PORT_HAIRPIN))
		f = (struct vbr_fwd){ VBR_FWD_DROP, NULL, VBR_DROP_SAME_PORT };
	else if (unlikely(in_flags & VBR_PORT_ISOLATED) &&
		 (out_flags & VBR_PORT_ISOLATED))
		f = (struct vbr_fwd){ VBR_FWD_DROP, NULL, VBR_DROP_ISOLATED };
	else
		f.action = VBR_FWD_PORT;
	return f;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_fwd_decide);

/* Every flood target gets a clone; the last target, or the bridge
 * device when it takes a copy, gets the original.
 */
static void vbr_flood(struct vbr_bridge *br, struct vbr_port *in,
		      u32 in_flags, struct sk_buff *skb, u16 vid, bool local,
		      bool in_rx)
{
	struct vbr_flood_sel sel = vbr_flood_select(in, in_flags,
						    eth_hdr(skb)->h_dest);
	struct vbr_port *p, *prev = NULL;
	struct sk_buff *c;

	sel.vid = vid;
	if (unlikely(vid) && local)
		local = vbr_local_in_vlan(br, vid);

	list_for_each_entry_rcu(p, &br->ports, list) {
		if (!vbr_floods_to(p, &sel))
			continue;
		if (prev) {
			c = skb_clone(skb, GFP_ATOMIC);
			if (c)
				vbr_port_xmit(br, prev, c, vid);
			else
				vbr_count_drop(br, VBR_DROP_NOMEM);
		}
		prev = p;
	}

	if (local) {
		if (prev) {
			c = skb_clone(skb, GFP_ATOMIC);
			if (c)
				vbr_port_xmit(br, prev, c, vid);
			else
				vbr_count_drop(br, VBR_DROP_NOMEM);
		}
		vbr_deliver_local(br, skb, in_rx, vid);
	} else if (prev) {
		vbr_port_xmit(br, prev, skb, vid);
	} else {
		vbr_drop(br, skb, VBR_DROP_NO_TARGET);
	}
}

/* Whether a flood from in is over in's storm limit for its kind; if so,
 * it is counted on in, which storm_block also blocks.
 */
static bool vbr_storm_over(struct vbr_port *in, u32 in_flags,
			   const u8 *dest)
{
	enum vbr_storm_class k = VBR_STORM_UCAST;

	if (is_multicast_ether_addr(dest))
		k = is_broadcast_ether_addr(dest) ? VBR_STORM_BCAST :
						    VBR_STORM_MCAST;
	if (vbr_port_storm_admit(in, k))
		return false;
	if (in_flags & VBR_PORT_STORM_BLOCK)
		vbr_port_block(in, VBR_BLOCK_STORM);
	return true;
}

/* in is NULL when the host transmitted on the bridge device. */
static void vbr_switch(struct vbr_bridge *br, struct vbr_port *in,
		       struct sk_buff *skb, bool in_rx)
{
	bool local = in && (br->dev->flags & IFF_UP);
	u32 in_flags = in ? READ_ONCE(in->flags) : 0;
	const struct ethhdr *eth;
	enum vbr_drop why;
	struct vbr_fwd f;
	u16 vid = 0;

	/* A blocked port takes nothing into the bridge. */
	if (unlikely(in_flags & VBR_PORT_BLOCK_MASK)) {
		vbr_port_count_rx_blocked(in);
		vbr_drop(br, skb, VBR_DROP_BLOCKED);
		return;
	}
	if (unlikely(READ_ONCE(br->vlan_enabled))) {
		vid = vbr_vlan_ingress(br, in, skb, &why);
		if (!vid) {
			vbr_drop(br, skb, why);
			return;
		}
	}
	eth = eth_hdr(skb);
	/* Nor is the bridge's address learned on a port in any VLAN. */
	if (unlikely(vid) && ether_addr_equal(eth->h_source, br->dev->dev_addr))
		in_flags &= ~(VBR_PORT_LEARNING | VBR_PORT_MAB);
	/* A locked port learns nothing: the FDB admits or refuses. */
	if (unlikely(in_flags & VBR_PORT_LOCKED)) {
		if (!vbr_fdb_admits(br, in, eth->h_source, vid,
				    in_flags & VBR_PORT_MAB)) {
			vbr_drop(br, skb, VBR_DROP_LOCKED);
			return;
		}
	} else if (in_flags & VBR_PORT_LEARNING) {
		vbr_fdb_learn(br, in, eth->h_source, vid);
	}

	f = vbr_fwd_decide(br, in, in_flags, eth->h_dest, vid, local);
	switch (f.action) {
	case VBR_FWD_PORT:
		vbr_port_xmit(br, f.out, skb, vid);
		break;
	case VBR_FWD_LOCAL:
		vbr_deliver_local(br, skb, in_rx, vid);
		break;
	case VBR_FWD_DROP:
		vbr_drop(br, skb, f.why);
		break;
	default:
		/* Only a port with a storm limit pays for it. */
		if (unlikely(in_flags & VBR_PORT_STORM) &&
		    vbr_storm_over(in, in_flags, eth->h_dest)) {
			vbr_drop(br, skb, VBR_DROP_STORM);
			break;
		}
		vbr_flood(br, in, in_flags, skb, vid, local, in_rx);
		break;
	}
}

rx_handler_result_t vbr_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct vbr_port *p = rcu_dereference(skb->dev->rx_handler_data);
	struct vbr_bridge *br = p->br;
	const u8 *src = eth_hdr(skb)->h_source;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	/* 802.1D link-local frames belong to the port itself (LLDP, LACP,
	 * STP): a bridge must not forward them. A BPDU (to STP's group
	 * address, ...:00) says a switch is behind the port, which BPDU
	 * guard forbids.
	 */
	if (unlikely(is_link_local_ether_addr(eth_hdr(skb)->h_dest))) {
		if (!eth_hdr(skb)->h_dest[5] &&
		    (READ_ONCE(p->flags) & VBR_PORT_BPDU_GUARD)) {
			vbr_port_count_bpdu(p);
			vbr_port_block(p, VBR_BLOCK_BPDU_GUARD);
			vbr_drop(br, skb, VBR_DROP_BPDU_GUARD);
			return RX_HANDLER_CONSUMED;
		}
		return RX_HANDLER_PASS;
	}

	/* The one test loop protection costs other frames. */
	if (unlikely(skb->protocol == htons(VBR_LOOP_ETHERTYPE)) &&
	    vbr_loop_rx(p, skb, 0))
		return RX_HANDLER_CONSUMED;

	if (unlikely(!(br->dev->flags & IFF_UP))) {
		vbr_drop(br, skb, VBR_DROP_BRIDGE_DOWN);
		return RX_HANDLER_CONSUMED;
	}
	if (unlikely(!is_valid_ether_addr(src))) {
		vbr_drop(br, skb, VBR_DROP_BAD_SRC);
		return RX_HANDLER_CONSUMED;
	}
	/* Ours to change from here on (a pull of a shared skb would change
	 * it under its other holder).
	 */
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb)) {
		vbr_count_drop(br, VBR_DROP_NOMEM);
		return RX_HANDLER_CONSUMED;
	}
	/* The core took the outer tag out already; a VLAN ethertype left
	 * in the frame promises another 4-byte tag.
	 */
	if (unlikely(eth_type_vlan(skb->protocol) &&
		     !pskb_may_pull(skb, VLAN_HLEN))) {
		vbr_drop(br, skb, VBR_DROP_BAD_VLAN);
		return RX_HANDLER_CONSUMED;
	}
	/* Back to the Ethernet header, keeping CHECKSUM_COMPLETE valid. */
	skb_push_rcsum(skb, ETH_HLEN);
	vbr_port_count_rx(p, skb->len);
	vbr_switch(br, p, skb, true);
	return RX_HANDLER_CONSUMED;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_handle_frame);

/* The host transmitted on internal port p: the frame enters the bridge. */
void vbr_port_ingress(struct vbr_port *p, struct sk_buff *skb)
{
	struct vbr_bridge *br = p->br;

	skb_reset_mac_header(skb);
	if (unlikely(eth_hdr(skb)->h_proto == htons(VBR_LOOP_ETHERTYPE)) &&
	    vbr_loop_rx(p, skb, ETH_HLEN))
		return;
	if (unlikely(!(br->dev->flags & IFF_UP))) {
		vbr_drop(br, skb, VBR_DROP_BRIDGE_DOWN);
		return;
	}
	if (unlikely(!is_valid_ether_addr(eth_hdr(skb)->h_source))) {
		vbr_drop(br, skb, VBR_DROP_BAD_SRC);
		return;
	}
	vbr_port_count_rx(p, skb->len);
	vbr_switch(br, p, skb, false);
}

netdev_tx_t vbr_bridge_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vbr_bridge *br = netdev_priv(dev);

	dev_sw_netstats_tx_add(dev, 1, skb->len);
	skb_reset_mac_header(skb);
	/* Transmit holds only rcu_read_lock_bh; RCU lookups want this. */
	rcu_read_lock();
	vbr_switch(br, NULL, skb, false);
	rcu_read_unlock();
	return NETDEV_TX_OK;
}
