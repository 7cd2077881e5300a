// SPDX-License-Identifier: GPL-2.0
/*
 * vbr VLANs: the member sets of ports and of the bridge device, and the
 * bridge's VLAN options. A set is never changed in place: a change builds
 * a new one, publishes it and frees the old after a grace period, so a
 * frame sees one set, whole.
 */
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "bridge.h"
#include "event.h"
#include "fdb.h"
#include "port.h"
#include "vlan.h"

int vbr_vlan_range_check(const struct vbr_vlan_range *r,
			 struct netlink_ext_ack *extack)
{
	if (r->vid < 1 || r->vid > VBR_VID_MAX ||
	    r->vid_end < 1 || r->vid_end > VBR_VID_MAX) {
		NL_SET_ERR_MSG(extack, "vbr: a VLAN id is 1 to 4094");
		return -EINVAL;
	}
	if (r->vid_end < r->vid) {
		NL_SET_ERR_MSG(extack, "vbr: the VLAN range ends before it starts");
		return -EINVAL;
	}
	if (r->pvid && r->vid_end != r->vid) {
		NL_SET_ERR_MSG(extack, "vbr: the PVID is one VLAN, not a range");
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_vlan_range_check);

static struct vbr_vlans __rcu **vbr_vlans_slot(struct vbr_bridge *br,
					       struct vbr_port *p)
{
	return p ? &p->vlans : &br->vlans;
}

struct vbr_vlans *vbr_vlans_rtnl(struct vbr_bridge *br, struct vbr_port *p)
{
	return rtnl_dereference(*vbr_vlans_slot(br, p));
}

struct vbr_vlans *vbr_vlans_rcu(const struct vbr_bridge *br,
				const struct vbr_port *p)
{
	return p ? rcu_dereference_rtnl(p->vlans) :
		   rcu_dereference_rtnl(br->vlans);
}

/* A copy of old (NULL: an empty set) to change. */
static struct vbr_vlans *vbr_vlans_dup(const struct vbr_vlans *old)
{
	struct vbr_vlans *v;

	if (old)
		v = kmemdup(old, sizeof(*v), GFP_KERNEL);
	else
		v = kzalloc(sizeof(*v), GFP_KERNEL);
	return v;
}

/* Applies one range to v; the Linux bridge's rules for flags. */
VISIBLE_IF_KUNIT void vbr_vlans_apply(struct vbr_vlans *v,
				      const struct vbr_vlan_range *r, bool add)
{
	unsigned int n = r->vid_end - r->vid + 1;

	if (add) {
		bitmap_set(v->member, r->vid, n);
		if (r->untagged)
			bitmap_set(v->untagged, r->vid, n);
		else
			bitmap_clear(v->untagged, r->vid, n);
		if (r->pvid)
			v->pvid = r->vid;
		else if (v->pvid >= r->vid && v->pvid <= r->vid_end)
			v->pvid = 0;
	} else {
		bitmap_clear(v->member, r->vid, n);
		bitmap_clear(v->untagged, r->vid, n);
		if (v->pvid >= r->vid && v->pvid <= r->vid_end)
			v->pvid = 0;
	}
	v->count = bitmap_weight(v->member, VLAN_N_VID);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_vlans_apply);

static bool vbr_vlans_equal(const struct vbr_vlans *a,
			    const struct vbr_vlans *b)
{
	if (!a || !b)
		return (a ? a->count : 0) == (b ? b->count : 0);
	return a->pvid == b->pvid &&
	       bitmap_equal(a->member, b->member, VLAN_N_VID) &&
	       bitmap_equal(a->untagged, b->untagged, VLAN_N_VID);
}

/* The learned entries of p in the VLANs it left (in old, not in new) go,
 * in one sweep; without memory for the list, all of p's learned entries.
 */
static void vbr_vlans_flush_left(struct vbr_bridge *br, struct vbr_port *p,
				 const struct vbr_vlans *old,
				 const struct vbr_vlans *new)
{
	unsigned long *left = bitmap_zalloc(VLAN_N_VID, GFP_KERNEL);

	if (!left) {
		vbr_fdb_flush(br, p->idx, -1, VBR_FLUSH_DYNAMIC);
		return;
	}
	if (new)
		bitmap_andnot(left, old->member, new->member, VLAN_N_VID);
	else
		bitmap_copy(left, old->member, VLAN_N_VID);
	if (!bitmap_empty(left, VLAN_N_VID))
		vbr_fdb_flush_vlans(br, p->idx, left, VBR_FLUSH_DYNAMIC);
	bitmap_free(left);
}

/*
 * Publishes v (an empty set as none) in place of the set of p or of the
 * bridge device, frees the old one after a grace period, and drops the
 * port's learned entries in the VLANs it left. Announces the change.
 */
static void vbr_vlans_publish(struct vbr_bridge *br, struct vbr_port *p,
			      struct vbr_vlans *v)
{
	struct vbr_vlans __rcu **slot = vbr_vlans_slot(br, p);
	struct vbr_vlans *old = rtnl_dereference(*slot);

	if (v && !v->count) {
		kfree(v);
		v = NULL;
	}
	rcu_assign_pointer(*slot, v);
	if (p && old)
		vbr_vlans_flush_left(br, p, old, v);
	if (old)
		kfree_rcu(old, rcu);
	vbr_event_vlan(br, p);
}

int vbr_vlan_change(struct vbr_bridge *br, struct vbr_port *p,
		    const struct vbr_vlan_range *r, unsigned int n, bool add,
		    struct netlink_ext_ack *extack)
{
	struct vbr_vlans *old, *v;
	unsigned int i;
	int err;

	ASSERT_RTNL();
	for (i = 0; i < n; i++) {
		err = vbr_vlan_range_check(&r[i], extack);
		if (err)
			return err;
	}
	old = vbr_vlans_rtnl(br, p);
	v = vbr_vlans_dup(old);
	if (!v) {
		NL_SET_ERR_MSG(extack, "vbr: no memory for the VLAN set");
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		vbr_vlans_apply(v, &r[i], add);
	if (vbr_vlans_equal(old, v)) {
		kfree(v);
		return 0;
	}
	vbr_vlans_publish(br, p, v);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_vlan_change);

int vbr_vlan_set_access(struct vbr_port *p, u16 vid,
			struct netlink_ext_ack *extack)
{
	struct vbr_vlan_range r = { vid, vid, true, true };
	struct vbr_vlans *v;
	int err;

	ASSERT_RTNL();
	err = vbr_vlan_range_check(&r, extack);
	if (err)
		return err;
	v = vbr_vlans_dup(NULL);
	if (!v) {
		NL_SET_ERR_MSG(extack, "vbr: no memory for the VLAN set");
		return -ENOMEM;
	}
	vbr_vlans_apply(v, &r, true);
	if (vbr_vlans_equal(vbr_vlans_rtnl(p->br, p), v)) {
		kfree(v);
		return 0;
	}
	vbr_vlans_publish(p->br, p, v);
	return 0;
}

int vbr_vlan_walk_ranges(const struct vbr_vlans *v, bool compress,
			 int (*fn)(const struct vbr_vlan_range *r, void *arg),
			 void *arg)
{
	struct vbr_vlan_range r = {};
	bool open = false;
	u16 vid;
	int err;

	if (!v)
		return 0;
	for_each_set_bit(vid, v->member, VLAN_N_VID) {
		bool pvid = vid == v->pvid;
		bool untagged = test_bit(vid, v->untagged);

		if (open && compress && !pvid && !r.pvid &&
		    vid == r.vid_end + 1 && untagged == r.untagged) {
			r.vid_end = vid;
			continue;
		}
		if (open) {
			err = fn(&r, arg);
			if (err)
				return err;
		}
		r = (struct vbr_vlan_range){ vid, vid, pvid, untagged };
		open = true;
	}
	return open ? fn(&r, arg) : 0;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_vlan_walk_ranges);

/* The default PVID, untagged, alone: what a new member starts with. */
static struct vbr_vlans *vbr_vlans_default(u16 pvid)
{
	struct vbr_vlan_range r = { pvid, pvid, true, true };
	struct vbr_vlans *v;

	if (!pvid)
		return NULL;
	v = vbr_vlans_dup(NULL);
	if (v)
		vbr_vlans_apply(v, &r, true);
	return v;
}

int vbr_vlan_port_init(struct vbr_port *p)
{
	u16 pvid = p->br->default_pvid;

	RCU_INIT_POINTER(p->vlans, vbr_vlans_default(pvid));
	return pvid && !rcu_access_pointer(p->vlans) ? -ENOMEM : 0;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_vlan_port_init);

/* After the port is unpublished and a grace period. */
void vbr_vlan_port_uninit(struct vbr_port *p)
{
	kfree(rcu_dereference_protected(p->vlans, true));
	RCU_INIT_POINTER(p->vlans, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_vlan_port_uninit);

int vbr_vlan_bridge_init(struct vbr_bridge *br)
{
	br->vlan_proto = htons(ETH_P_8021Q);
	br->default_pvid = 1;
	RCU_INIT_POINTER(br->vlans, vbr_vlans_default(1));
	return rcu_access_pointer(br->vlans) ? 0 : -ENOMEM;
}

/* After unregister, with no reader left. */
void vbr_vlan_bridge_uninit(struct vbr_bridge *br)
{
	kfree(rcu_dereference_protected(br->vlans, true));
	RCU_INIT_POINTER(br->vlans, NULL);
}

void vbr_vlan_set_filtering(struct vbr_bridge *br, bool on)
{
	ASSERT_RTNL();
	if (br->vlan_enabled == on)
		return;
	WRITE_ONCE(br->vlan_enabled, on);
	/* Learned keys change meaning: with filtering a MAC is learned per
	 * VLAN, without it in VLAN 0. Static entries stay as they were
	 * added.
	 */
	vbr_fdb_flush(br, -1, -1, VBR_FLUSH_DYNAMIC);
}

void vbr_vlan_set_protocol(struct vbr_bridge *br, __be16 proto)
{
	ASSERT_RTNL();
	if (br->vlan_proto == proto)
		return;
	WRITE_ONCE(br->vlan_proto, proto);
	if (br->vlan_enabled)
		vbr_fdb_flush(br, -1, -1, VBR_FLUSH_DYNAMIC);
}

/*
 * The set v with the default PVID moved from old to new, as the Linux
 * bridge does: only where old is still the PVID and untagged (or there
 * was no default), and new is not a member already; otherwise NULL, as
 * the user chose. ERR_PTR on no memory.
 */
static struct vbr_vlans *vbr_vlans_move_default(const struct vbr_vlans *v,
						u16 old, u16 new)
{
	struct vbr_vlan_range del = { old, old }, add = { new, new, true, true };
	bool was = old && v && v->pvid == old && test_bit(old, v->untagged);
	struct vbr_vlans *n;

	if (new ? (old && !was) || vbr_vlans_has(v, new) : !was)
		return NULL;
	n = vbr_vlans_dup(v);
	if (!n)
		return ERR_PTR(-ENOMEM);
	if (was)
		vbr_vlans_apply(n, &del, false);
	if (new)
		vbr_vlans_apply(n, &add, true);
	return n;
}

int vbr_vlan_set_default_pvid(struct vbr_bridge *br, u16 pvid,
			      struct netlink_ext_ack *extack)
{
	u16 old = br->default_pvid;
	struct vbr_vlans **next;
	struct vbr_port *p;
	unsigned int i, n = 1;
	int err = 0;

	ASSERT_RTNL();
	if (pvid > VBR_VID_MAX) {
		NL_SET_ERR_MSG(extack, "vbr: the default PVID is 0 (none) to 4094");
		return -EINVAL;
	}
	if (pvid == old)
		return 0;
	list_for_each_entry(p, &br->ports, list)
		n++;
	/* Every new set is made before any is published: all or none. */
	next = kcalloc(n, sizeof(*next), GFP_KERNEL);
	if (!next)
		goto nomem;
	next[0] = vbr_vlans_move_default(vbr_vlans_rtnl(br, NULL), old, pvid);
	i = 1;
	list_for_each_entry(p, &br->ports, list)
		next[i++] = vbr_vlans_move_default(vbr_vlans_rtnl(br, p), old,
						   pvid);
	for (i = 0; i < n; i++)
		if (IS_ERR(next[i]))
			err = -ENOMEM;
	if (err) {
		for (i = 0; i < n; i++)
			if (!IS_ERR(next[i]))
				kfree(next[i]);
		kfree(next);
		goto nomem;
	}
	br->default_pvid = pvid;
	if (next[0])
		vbr_vlans_publish(br, NULL, next[0]);
	i = 1;
	list_for_each_entry(p, &br->ports, list) {
		if (next[i])
			vbr_vlans_publish(br, p, next[i]);
		i++;
	}
	kfree(next);
	return 0;
nomem:
	NL_SET_ERR_MSG(extack, "vbr: no memory for the VLAN sets");
	return -ENOMEM;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_vlan_set_default_pvid);

/* A tag of the protocol that does not filter is payload: put it back. */
static int vbr_vlan_push_inside(struct sk_buff *skb)
{
	__be16 proto = skb->vlan_proto;
	int err;

	err = __vlan_insert_tag(skb, proto, skb_vlan_tag_get(skb));
	if (unlikely(err))
		return err;
	skb_postpush_rcsum(skb, skb->data + 2 * ETH_ALEN, VLAN_HLEN);
	__vlan_hwaccel_clear_tag(skb);
	skb->protocol = proto;
	skb_reset_mac_len(skb);
	return 0;
}

/* A tag in the payload (the host sent it without offload) into the skb's
 * accelerated tag: only the MACs move, so offsets past them stay valid.
 */
static int vbr_vlan_pull_tag(struct sk_buff *skb)
{
	struct vlan_ethhdr *vh;
	int err;

	err = skb_ensure_writable(skb, VLAN_ETH_HLEN);
	if (unlikely(err))
		return err;
	vh = (struct vlan_ethhdr *)skb->data;
	__vlan_hwaccel_put_tag(skb, vh->h_vlan_proto, ntohs(vh->h_vlan_TCI));
	skb->protocol = eth_proto_is_802_3(vh->h_vlan_encapsulated_proto) ?
			vh->h_vlan_encapsulated_proto : htons(ETH_P_802_2);
	skb_postpull_rcsum(skb, skb->data + 2 * ETH_ALEN, VLAN_HLEN);
	memmove(skb->data + VLAN_HLEN, skb->data, 2 * ETH_ALEN);
	__skb_pull(skb, VLAN_HLEN);
	skb_reset_mac_header(skb);
	/* A raw socket may have left the network header at the tag. */
	if (skb_network_offset(skb) < ETH_HLEN)
		skb_set_network_header(skb, ETH_HLEN);
	skb_reset_mac_len(skb);
	return 0;
}

u16 vbr_vlan_ingress(const struct vbr_bridge *br, const struct vbr_port *p,
		     struct sk_buff *skb, enum vbr_drop *why)
{
	__be16 proto = READ_ONCE(br->vlan_proto);
	const struct vbr_vlans *v;
	u16 vid = 0, prio = 0;

	if (skb_vlan_tag_present(skb)) {
		if (unlikely(skb->vlan_proto != proto)) {
			if (vbr_vlan_push_inside(skb)) {
				*why = VBR_DROP_NOMEM;
				return 0;
			}
		} else {
			vid = skb_vlan_tag_get_id(skb);
			prio = skb_vlan_tag_get(skb) & ~VLAN_VID_MASK;
		}
	} else if (unlikely(eth_hdr(skb)->h_proto == proto)) {
		if (vbr_vlan_pull_tag(skb)) {
			*why = VBR_DROP_BAD_VLAN;
			return 0;
		}
		vid = skb_vlan_tag_get_id(skb);
		prio = skb_vlan_tag_get(skb) & ~VLAN_VID_MASK;
	}
	v = vbr_vlans_rcu(br, p);
	if (vid) {
		if (unlikely(!vbr_vlans_has(v, vid))) {
			*why = VBR_DROP_VLAN_INGRESS;
			return 0;
		}
		return vid;
	}
	/* Untagged or priority-tagged: the PVID, keeping priority and DEI. */
	vid = v ? v->pvid : 0;
	if (unlikely(!vid)) {
		*why = VBR_DROP_NO_PVID;
		return 0;
	}
	__vlan_hwaccel_put_tag(skb, proto, prio | vid);
	return vid;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_vlan_ingress);
