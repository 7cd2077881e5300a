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
#include "compat.h"
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

/* ---- what a port's device passes ---------------------------------------
 *
 * With filtering on, the device of each port but an internal one is
 * asked to pass the VLANs of its port (vlan_vid_add), as the Linux
 * bridge does: a NIC with a hardware VLAN filter drops the tags it was
 * not given, even on a trunk. What a device passes follows from the
 * bridge's filtering and protocol and the port's set. A change of any
 * of them goes in two steps: first what the new state adds, which may
 * fail and is then undone whole; then, once the change is made, what
 * only the old state needed is deleted, which cannot fail. A VLAN in
 * both is never deleted, so a NIC never drops it meanwhile.
 */

/* The set p's device passes in a state of the bridge (on: filtering). */
static const struct vbr_vlans *vbr_vids_of(const struct vbr_port *p,
					   bool on,
					   const struct vbr_vlans *v)
{
	return on && p && p->type != VBR_PORT_TYPE_INTERNAL ? v : NULL;
}

/* Deletes from dev the VLANs below end of set (under proto) that keep
 * (under kproto) does not also hold.
 */
static void vbr_vids_del(struct net_device *dev, const struct vbr_vlans *set,
			 __be16 proto, const struct vbr_vlans *keep,
			 __be16 kproto, unsigned int end)
{
	bool same = keep && kproto == proto;
	u16 vid;

	if (!set)
		return;
	for_each_set_bit(vid, set->member, end)
		if (!same || !test_bit(vid, keep->member))
			vlan_vid_del(dev, proto, vid);
}

/* Adds to dev the VLANs of set (under proto) that from (under fproto)
 * does not hold already: all or none.
 */
static int vbr_vids_add(struct net_device *dev, const struct vbr_vlans *set,
			__be16 proto, const struct vbr_vlans *from,
			__be16 fproto, struct netlink_ext_ack *extack)
{
	bool same = from && fproto == proto;
	u16 vid;
	int err;

	if (!set)
		return 0;
	for_each_set_bit(vid, set->member, VLAN_N_VID) {
		if (same && test_bit(vid, from->member))
			continue;
		err = vlan_vid_add(dev, proto, vid);
		if (err) {
			vbr_vids_del(dev, set, proto, from, fproto, vid);
			VBR_SET_ERR_MSG_FMT(extack,
					    "vbr: the port's device refused a VLAN",
					    "vbr: %s refused VLAN %u", dev->name,
					    vid);
			return err;
		}
	}
	return 0;
}

/* Step one for p: the VLANs of set new in state (on, proto) that set old
 * in state (was, oproto) lacks.
 */
static int vbr_vids_prepare(struct vbr_port *p, const struct vbr_vlans *new,
			    bool on, __be16 proto, const struct vbr_vlans *old,
			    bool was, __be16 oproto,
			    struct netlink_ext_ack *extack)
{
	if (!vbr_vids_of(p, true, new))
		return 0;
	return vbr_vids_add(p->dev, vbr_vids_of(p, on, new), proto,
			    vbr_vids_of(p, was, old), oproto, extack);
}

/* Undoes vbr_vids_prepare() with the same arguments. */
static void vbr_vids_unprepare(struct vbr_port *p, const struct vbr_vlans *new,
			       bool on, __be16 proto,
			       const struct vbr_vlans *old, bool was,
			       __be16 oproto)
{
	if (vbr_vids_of(p, true, new))
		vbr_vids_del(p->dev, vbr_vids_of(p, on, new), proto,
			     vbr_vids_of(p, was, old), oproto, VLAN_N_VID);
}

/* Step two for p, in the bridge's state now: what set old needed in state
 * (was, oproto) and set new does not.
 */
static void vbr_vids_retire(struct vbr_port *p, const struct vbr_vlans *old,
			    bool was, __be16 oproto,
			    const struct vbr_vlans *new)
{
	if (vbr_vids_of(p, true, old))
		vbr_vids_del(p->dev, vbr_vids_of(p, was, old), oproto,
			     vbr_vids_of(p, p->br->vlan_enabled, new),
			     p->br->vlan_proto, VLAN_N_VID);
}

int vbr_vlan_port_attach(struct vbr_port *p, struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	return vbr_vids_prepare(p, vbr_vlans_rtnl(p->br, p),
				p->br->vlan_enabled, p->br->vlan_proto, NULL,
				false, 0, extack);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_vlan_port_attach);

void vbr_vlan_port_detach(struct vbr_port *p)
{
	ASSERT_RTNL();
	vbr_vids_retire(p, vbr_vlans_rtnl(p->br, p), p->br->vlan_enabled,
			p->br->vlan_proto, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_vlan_port_detach);

/*
 * Publishes v (an empty set as none) in place of the set of p or of the
 * bridge device, and frees the old one after a grace period. The device
 * of p stops passing the VLANs that only the old set needed in state
 * (was, oproto), and the port's learned entries in the VLANs it left go.
 * Announces the change.
 */
static void vbr_vlans_publish(struct vbr_bridge *br, struct vbr_port *p,
			      struct vbr_vlans *v, bool was, __be16 oproto)
{
	struct vbr_vlans __rcu **slot = vbr_vlans_slot(br, p);
	struct vbr_vlans *old = rtnl_dereference(*slot);

	if (v && !v->count) {
		kfree(v);
		v = NULL;
	}
	rcu_assign_pointer(*slot, v);
	vbr_vids_retire(p, old, was, oproto, v);
	if (p && old)
		vbr_vlans_flush_left(br, p, old, v);
	if (old)
		kfree_rcu(old, rcu);
	vbr_event_vlan(br, p);
}

/* Replaces the set of p (or of the bridge device) by v, whose VLANs p's
 * device is asked to pass first: v is freed on a refusal.
 */
static int vbr_vlans_replace(struct vbr_bridge *br, struct vbr_port *p,
			     struct vbr_vlans *v,
			     struct netlink_ext_ack *extack)
{
	struct vbr_vlans *old = vbr_vlans_rtnl(br, p);
	bool on = br->vlan_enabled;
	__be16 proto = br->vlan_proto;
	int err;

	if (vbr_vlans_equal(old, v)) {
		kfree(v);
		return 0;
	}
	err = vbr_vids_prepare(p, v, on, proto, old, on, proto, extack);
	if (err) {
		kfree(v);
		return err;
	}
	vbr_vlans_publish(br, p, v, on, proto);
	return 0;
}

int vbr_vlan_change(struct vbr_bridge *br, struct vbr_port *p,
		    const struct vbr_vlan_range *r, unsigned int n, bool add,
		    struct netlink_ext_ack *extack)
{
	struct vbr_vlans *v;
	unsigned int i;
	int err;

	ASSERT_RTNL();
	for (i = 0; i < n; i++) {
		err = vbr_vlan_range_check(&r[i], extack);
		if (err)
			return err;
	}
	v = vbr_vlans_dup(vbr_vlans_rtnl(br, p));
	if (!v) {
		NL_SET_ERR_MSG(extack, "vbr: no memory for the VLAN set");
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		vbr_vlans_apply(v, &r[i], add);
	return vbr_vlans_replace(br, p, v, extack);
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
	return vbr_vlans_replace(p->br, p, v, extack);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_vlan_set_access);

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

/* Each member's set after a change of the default PVID, or NULL where it
 * stays: next[0] the bridge device's, then the ports' in list order.
 */
static int vbr_vlans_next(struct vbr_bridge *br, u16 pvid,
			  struct vbr_vlans **next)
{
	u16 old = br->default_pvid;
	struct vbr_port *p;
	unsigned int i = 1;
	int err = 0;

	if (pvid == old)
		return 0;
	next[0] = vbr_vlans_move_default(vbr_vlans_rtnl(br, NULL), old, pvid);
	list_for_each_entry(p, &br->ports, list)
		next[i++] = vbr_vlans_move_default(vbr_vlans_rtnl(br, p), old,
						   pvid);
	while (i--) {
		if (IS_ERR(next[i])) {
			next[i] = NULL;
			err = -ENOMEM;
		}
	}
	return err;
}

static void vbr_vlans_free_all(struct vbr_vlans **next, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		kfree(next[i]);
	kfree(next);
}

/*
 * All or none: the members' new sets are made, then each port's device
 * is asked for what the new state adds (a refusal undoes the ports done
 * and frees the sets); only then does anything change.
 */
int vbr_vlan_configure(struct vbr_bridge *br, bool on, __be16 proto,
		       u16 pvid, struct netlink_ext_ack *extack)
{
	bool was = br->vlan_enabled;
	__be16 oproto = br->vlan_proto;
	struct vbr_vlans **next, *cur;
	struct vbr_port *p, *q;
	unsigned int i, n = 1;
	int err;

	ASSERT_RTNL();
	if (pvid > VBR_VID_MAX) {
		NL_SET_ERR_MSG(extack, "vbr: the default PVID is 0 (none) to 4094");
		return -EINVAL;
	}
	list_for_each_entry(p, &br->ports, list)
		n++;
	next = kcalloc(n, sizeof(*next), GFP_KERNEL);
	if (!next || vbr_vlans_next(br, pvid, next)) {
		if (next)
			vbr_vlans_free_all(next, n);
		NL_SET_ERR_MSG(extack, "vbr: no memory for the VLAN sets");
		return -ENOMEM;
	}
	i = 1;
	list_for_each_entry(p, &br->ports, list) {
		cur = vbr_vlans_rtnl(br, p);
		err = vbr_vids_prepare(p, next[i] ?: cur, on, proto, cur, was,
				       oproto, extack);
		if (err)
			goto undo;
		i++;
	}

	br->default_pvid = pvid;
	WRITE_ONCE(br->vlan_proto, proto);
	WRITE_ONCE(br->vlan_enabled, on);
	/* Learned keys change meaning: with filtering a MAC is learned per
	 * VLAN of the filtering protocol, without it in VLAN 0. Static
	 * entries stay as they were added.
	 */
	if (on != was || (on && proto != oproto))
		vbr_fdb_flush(br, -1, -1, VBR_FLUSH_DYNAMIC);
	if (next[0])
		vbr_vlans_publish(br, NULL, next[0], was, oproto);
	i = 1;
	list_for_each_entry(p, &br->ports, list) {
		if (next[i])
			vbr_vlans_publish(br, p, next[i], was, oproto);
		else
			vbr_vids_retire(p, vbr_vlans_rtnl(br, p), was, oproto,
					vbr_vlans_rtnl(br, p));
		i++;
	}
	kfree(next);
	return 0;

undo:
	i = 1;
	list_for_each_entry(q, &br->ports, list) {
		if (q == p)
			break;
		cur = vbr_vlans_rtnl(br, q);
		vbr_vids_unprepare(q, next[i] ?: cur, on, proto, cur, was,
				   oproto);
		i++;
	}
	vbr_vlans_free_all(next, n);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_vlan_configure);

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
