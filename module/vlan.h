/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 802.1Q VLAN filtering: the VLANs of each port and of the bridge device,
 * and the per-frame rules that use them.
 *
 * A member set is two bitmaps of 4096 bits, replaced whole under RTNL and
 * read under RCU: one test_bit per frame and target, whatever the number
 * of VLANs.
 */
#ifndef _VBR_VLAN_H
#define _VBR_VLAN_H

#include <linux/bitmap.h>
#include <linux/if_vlan.h>
#include <linux/rcupdate.h>
#include <net/netlink.h>

#include "bridge.h"

struct vbr_port;

#define VBR_VID_MAX	(VLAN_N_VID - 2)	/* 4094; 4095 is reserved */

struct vbr_vlans {
	u16 pvid;			/* 0: none */
	u16 count;			/* members */
	struct rcu_head rcu;
	DECLARE_BITMAP(member, VLAN_N_VID);
	DECLARE_BITMAP(untagged, VLAN_N_VID);
};

/* VLANs vid..vid_end with the same flags: a request, or a dump's range. */
struct vbr_vlan_range {
	u16 vid;
	u16 vid_end;
	bool pvid;
	bool untagged;
};

/* Refuses VID 0 or 4095, an upside-down range, a PVID on a range. */
int vbr_vlan_range_check(const struct vbr_vlan_range *r,
			 struct netlink_ext_ack *extack);

/*
 * Adds (add) or removes the VLANs of ranges r[0..n) on port p, or on the
 * bridge device itself when p is NULL, all or none; announces a change.
 * RTNL.
 */
int vbr_vlan_change(struct vbr_bridge *br, struct vbr_port *p,
		    const struct vbr_vlan_range *r, unsigned int n, bool add,
		    struct netlink_ext_ack *extack);
/* Makes p an access port of vid: its only VLAN, PVID and untagged. */
int vbr_vlan_set_access(struct vbr_port *p, u16 vid,
			struct netlink_ext_ack *extack);

/* The member set of p, or of the bridge device when p is NULL. */
struct vbr_vlans *vbr_vlans_rtnl(struct vbr_bridge *br, struct vbr_port *p);
struct vbr_vlans *vbr_vlans_rcu(const struct vbr_bridge *br,
				const struct vbr_port *p);

/*
 * Calls fn for each range of v in VID order, VLANs of the same flags in a
 * row making one range when compress, the PVID always alone. Stops at
 * and returns fn's first error. v may be NULL (no VLANs).
 */
int vbr_vlan_walk_ranges(const struct vbr_vlans *v, bool compress,
			 int (*fn)(const struct vbr_vlan_range *r, void *arg),
			 void *arg);

/* A new port joins the default PVID; a leaving one frees its set. */
int vbr_vlan_port_init(struct vbr_port *p);
void vbr_vlan_port_uninit(struct vbr_port *p);
int vbr_vlan_bridge_init(struct vbr_bridge *br);
void vbr_vlan_bridge_uninit(struct vbr_bridge *br);

/*
 * With filtering on, the device of a port (not an internal one) passes
 * the port's VLANs (vlan_vid_add): asked on attach, after init, where a
 * refusal is the attach's; released on detach, before uninit. RTNL.
 */
int vbr_vlan_port_attach(struct vbr_port *p, struct netlink_ext_ack *extack);
void vbr_vlan_port_detach(struct vbr_port *p);

/*
 * The bridge's VLAN options, all at once: filtering on or off, the
 * filtering protocol, the default PVID (0: none; a member still on the
 * old one moves to the new). All or none: a port's device that refuses
 * a VLAN refuses the change. RTNL.
 */
int vbr_vlan_configure(struct vbr_bridge *br, bool on, __be16 proto,
		       u16 pvid, struct netlink_ext_ack *extack);

/*
 * The VLAN of a frame entering from p (NULL: the host, through the bridge
 * device) with filtering on, its tag then in the skb's accelerated tag;
 * or 0 and why it is dropped. skb->data at the Ethernet header. RCU.
 */
u16 vbr_vlan_ingress(const struct vbr_bridge *br, const struct vbr_port *p,
		     struct sk_buff *skb, enum vbr_drop *why);

#if IS_ENABLED(CONFIG_KUNIT)
void vbr_vlans_apply(struct vbr_vlans *v, const struct vbr_vlan_range *r,
		     bool add);
#endif

static inline bool vbr_vlans_has(const struct vbr_vlans *v, u16 vid)
{
	return v && test_bit(vid, v->member);
}

static inline bool vbr_vlans_untagged(const struct vbr_vlans *v, u16 vid)
{
	return test_bit(vid, v->untagged);
}

#endif /* _VBR_VLAN_H */
