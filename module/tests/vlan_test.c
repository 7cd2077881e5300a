// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of vbr's VLAN sets and VLAN rules: the Linux bridge's rules
 * for PVID and untagged flags, ranges in dumps, the default PVID, how a
 * frame entering with or without a tag is classified, and which ports a
 * VLAN's frames reach, and which VLANs the ports' devices are asked to
 * pass.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "../bridge.h"
#include "../fdb.h"
#include "../forward.h"
#include "../port.h"
#include "../vlan.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define NPORTS 3

struct vbr_vlan_test {
	struct net_device *dev;
	struct vbr_bridge *br;
	struct vbr_port port[NPORTS];	/* index 1..2 are used */
};

/* A port's device with a hardware VLAN filter: the VLANs it passes,
 * per protocol, and one VLAN it refuses.
 */
struct vbr_vlan_test_nic {
	DECLARE_BITMAP(ctag, VLAN_N_VID);
	DECLARE_BITMAP(stag, VLAN_N_VID);
	u16 refuse;
};

static unsigned long *nic_set(struct net_device *dev, __be16 proto)
{
	struct vbr_vlan_test_nic *n = netdev_priv(dev);

	return proto == htons(ETH_P_8021AD) ? n->stag : n->ctag;
}

static int nic_add_vid(struct net_device *dev, __be16 proto, u16 vid)
{
	struct vbr_vlan_test_nic *n = netdev_priv(dev);

	if (vid == n->refuse)
		return -ENOSPC;
	set_bit(vid, nic_set(dev, proto));
	return 0;
}

static int nic_kill_vid(struct net_device *dev, __be16 proto, u16 vid)
{
	clear_bit(vid, nic_set(dev, proto));
	return 0;
}

static const struct net_device_ops nic_ops = {
	.ndo_vlan_rx_add_vid = nic_add_vid,
	.ndo_vlan_rx_kill_vid = nic_kill_vid,
};

static const u8 mac_a[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0b };

static int vbr_vlan_test_init(struct kunit *test)
{
	struct vbr_vlan_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->dev = alloc_netdev(sizeof(struct vbr_bridge), "vbrvt%d",
			      NET_NAME_UNKNOWN, vbr_bridge_setup);
	KUNIT_ASSERT_NOT_NULL(test, t->dev);
	KUNIT_ASSERT_EQ(test, t->dev->netdev_ops->ndo_init(t->dev), 0);
	t->br = netdev_priv(t->dev);
	for (i = 1; i < NPORTS; i++) {
		struct vbr_port *p = &t->port[i];

		p->dev = alloc_netdev(sizeof(struct vbr_vlan_test_nic),
				      "vbrvtp%d", NET_NAME_UNKNOWN, ether_setup);
		KUNIT_ASSERT_NOT_NULL(test, p->dev);
		p->dev->netdev_ops = &nic_ops;
		p->dev->features |= NETIF_F_HW_VLAN_CTAG_FILTER |
				    NETIF_F_HW_VLAN_STAG_FILTER;
		set_bit(__LINK_STATE_PRESENT, &p->dev->state);
		p->br = t->br;
		p->idx = i;
		p->flags = VBR_PORT_DEFAULT;
		set_bit(__LINK_STATE_START, &p->dev->state);
		KUNIT_ASSERT_EQ(test, vbr_vlan_port_init(p), 0);
		rcu_assign_pointer(t->br->port_tab[i], p);
		list_add_tail_rcu(&p->list, &t->br->ports);
	}
	test->priv = t;
	return 0;
}

static void vbr_vlan_test_exit(struct kunit *test)
{
	struct vbr_vlan_test *t = test->priv;
	int i;

	rtnl_lock();
	for (i = 1; i < NPORTS; i++)
		vbr_vlan_port_detach(&t->port[i]);
	rtnl_unlock();
	/* vlan_vid_del() frees the device's VLAN list after RCU. */
	rcu_barrier();
	for (i = 1; i < NPORTS; i++) {
		vbr_vlan_port_uninit(&t->port[i]);
		free_netdev(t->port[i].dev);
	}
	t->dev->netdev_ops->ndo_uninit(t->dev);
	free_netdev(t->dev);
}

static int change(struct vbr_vlan_test *t, int port, u16 vid, u16 end,
		  bool pvid, bool untagged, bool add)
{
	struct vbr_vlan_range r = { vid, end, pvid, untagged };
	int err;

	rtnl_lock();
	err = vbr_vlan_change(t->br, port ? &t->port[port] : NULL, &r, 1, add,
			      NULL);
	rtnl_unlock();
	return err;
}

static struct vbr_vlans *set_of(struct vbr_vlan_test *t, int port)
{
	return rcu_dereference_protected(port ? t->port[port].vlans :
					 t->br->vlans, true);
}

static void vbr_vlan_test_range_check(struct kunit *test)
{
	struct vbr_vlan_range r = { 1, 4094 };

	KUNIT_EXPECT_EQ(test, vbr_vlan_range_check(&r, NULL), 0);
	r = (struct vbr_vlan_range){ 0, 0 };
	KUNIT_EXPECT_EQ(test, vbr_vlan_range_check(&r, NULL), -EINVAL);
	r = (struct vbr_vlan_range){ 4095, 4095 };
	KUNIT_EXPECT_EQ(test, vbr_vlan_range_check(&r, NULL), -EINVAL);
	r = (struct vbr_vlan_range){ 20, 10 };
	KUNIT_EXPECT_EQ(test, vbr_vlan_range_check(&r, NULL), -EINVAL);
	r = (struct vbr_vlan_range){ 10, 20, true };
	KUNIT_EXPECT_EQ(test, vbr_vlan_range_check(&r, NULL), -EINVAL);
	r = (struct vbr_vlan_range){ 10, 10, true, true };
	KUNIT_EXPECT_EQ(test, vbr_vlan_range_check(&r, NULL), 0);
}

/* New members join the default PVID, untagged; so does the bridge. */
static void vbr_vlan_test_defaults(struct kunit *test)
{
	struct vbr_vlan_test *t = test->priv;
	struct vbr_vlans *v = set_of(t, 1);

	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_EXPECT_EQ(test, v->pvid, 1);
	KUNIT_EXPECT_EQ(test, v->count, 1);
	KUNIT_EXPECT_TRUE(test, vbr_vlans_untagged(v, 1));
	KUNIT_EXPECT_EQ(test, set_of(t, 0)->pvid, 1);
	KUNIT_EXPECT_FALSE(test, t->br->vlan_enabled);
}

static void vbr_vlan_test_flags(struct kunit *test)
{
	struct vbr_vlan_test *t = test->priv;
	struct vbr_vlans *v;

	KUNIT_ASSERT_EQ(test, change(t, 1, 10, 10, true, true, true), 0);
	v = set_of(t, 1);
	KUNIT_EXPECT_EQ(test, v->pvid, 10);
	KUNIT_EXPECT_EQ(test, v->count, 2);
	/* VLAN 1 stays, no longer the PVID, still untagged. */
	KUNIT_EXPECT_TRUE(test, vbr_vlans_has(v, 1));
	KUNIT_EXPECT_TRUE(test, vbr_vlans_untagged(v, 1));
	/* Added again without flags: tagged, and not the PVID. */
	KUNIT_ASSERT_EQ(test, change(t, 1, 10, 10, false, false, true), 0);
	v = set_of(t, 1);
	KUNIT_EXPECT_EQ(test, v->pvid, 0);
	KUNIT_EXPECT_FALSE(test, vbr_vlans_untagged(v, 10));
	/* A trunk: 4094 VLANs in one set. */
	KUNIT_ASSERT_EQ(test, change(t, 1, 1, 4094, false, false, true), 0);
	KUNIT_EXPECT_EQ(test, set_of(t, 1)->count, 4094);
	KUNIT_ASSERT_EQ(test, change(t, 1, 100, 199, false, false, false), 0);
	v = set_of(t, 1);
	KUNIT_EXPECT_EQ(test, v->count, 3994);
	KUNIT_EXPECT_FALSE(test, vbr_vlans_has(v, 150));
	KUNIT_EXPECT_TRUE(test, vbr_vlans_has(v, 200));
	/* Removing the PVID leaves none. */
	KUNIT_ASSERT_EQ(test, change(t, 2, 1, 1, false, false, false), 0);
	KUNIT_EXPECT_NULL(test, set_of(t, 2));
	/* A refused range changes nothing. */
	KUNIT_EXPECT_EQ(test, change(t, 1, 5, 6, true, false, true), -EINVAL);
	KUNIT_EXPECT_EQ(test, set_of(t, 1)->count, 3994);
}

struct ranges {
	struct vbr_vlan_range r[8];
	int n;
};

static int collect(const struct vbr_vlan_range *r, void *arg)
{
	struct ranges *c = arg;

	if (c->n == ARRAY_SIZE(c->r))
		return -EMSGSIZE;
	c->r[c->n++] = *r;
	return 0;
}

static void vbr_vlan_test_ranges(struct kunit *test)
{
	struct vbr_vlan_test *t = test->priv;
	struct ranges c = {};

	/* 1 (PVID, untagged), 2-5, 6 untagged, 7-9. */
	KUNIT_ASSERT_EQ(test, change(t, 1, 2, 9, false, false, true), 0);
	KUNIT_ASSERT_EQ(test, change(t, 1, 6, 6, false, true, true), 0);
	KUNIT_ASSERT_EQ(test, vbr_vlan_walk_ranges(set_of(t, 1), true, collect,
						   &c), 0);
	KUNIT_ASSERT_EQ(test, c.n, 4);
	KUNIT_EXPECT_TRUE(test, c.r[0].vid == 1 && c.r[0].vid_end == 1 &&
			  c.r[0].pvid && c.r[0].untagged);
	KUNIT_EXPECT_TRUE(test, c.r[1].vid == 2 && c.r[1].vid_end == 5 &&
			  !c.r[1].pvid && !c.r[1].untagged);
	KUNIT_EXPECT_TRUE(test, c.r[2].vid == 6 && c.r[2].vid_end == 6 &&
			  c.r[2].untagged);
	KUNIT_EXPECT_TRUE(test, c.r[3].vid == 7 && c.r[3].vid_end == 9);
	/* Uncompressed: one per VLAN; an error stops the walk. */
	c.n = 0;
	KUNIT_EXPECT_EQ(test, vbr_vlan_walk_ranges(set_of(t, 1), false,
						   collect, &c), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, c.n, 8);
	KUNIT_EXPECT_EQ(test, c.r[7].vid_end, 8);
}

/* The bridge's VLAN options: filtering, protocol, default PVID. */
static int configure(struct vbr_vlan_test *t, bool on, u16 proto, u16 pvid)
{
	int err;

	rtnl_lock();
	err = vbr_vlan_configure(t->br, on, htons(proto), pvid, NULL);
	rtnl_unlock();
	return err;
}

static void vbr_vlan_test_default_pvid(struct kunit *test)
{
	struct vbr_vlan_test *t = test->priv;

	/* Port 2 chose its own PVID: it keeps it. */
	KUNIT_ASSERT_EQ(test, change(t, 2, 30, 30, true, true, true), 0);
	KUNIT_EXPECT_EQ(test, configure(t, false, ETH_P_8021Q, 5), 0);
	KUNIT_EXPECT_EQ(test, set_of(t, 0)->pvid, 5);
	KUNIT_EXPECT_EQ(test, set_of(t, 1)->pvid, 5);
	KUNIT_EXPECT_FALSE(test, vbr_vlans_has(set_of(t, 1), 1));
	KUNIT_EXPECT_EQ(test, set_of(t, 2)->pvid, 30);
	KUNIT_EXPECT_TRUE(test, vbr_vlans_has(set_of(t, 2), 1));
	/* 0: the default goes from those that still have it. */
	KUNIT_EXPECT_EQ(test, configure(t, false, ETH_P_8021Q, 0), 0);
	KUNIT_EXPECT_NULL(test, set_of(t, 1));
	KUNIT_EXPECT_EQ(test, set_of(t, 2)->pvid, 30);
}

/* The VLANs port's device passes under proto, as "1,10-12". */
static const char *passes(struct kunit *test, struct vbr_vlan_test *t,
			  int port, u16 proto)
{
	char *buf = kunit_kzalloc(test, 64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	scnprintf(buf, 64, "%*pbl", VLAN_N_VID,
		  nic_set(t->port[port].dev, htons(proto)));
	return buf;
}

/*
 * With filtering on, each port's device passes exactly the port's VLANs
 * under the filtering protocol, whatever changed them; a device that
 * refuses one refuses the whole change, and nothing is left half made.
 */
static void vbr_vlan_test_device_vids(struct kunit *test)
{
	struct vbr_vlan_test *t = test->priv;
	struct vbr_vlan_test_nic *nic1 = netdev_priv(t->port[1].dev);
	struct vbr_vlan_test_nic *nic2 = netdev_priv(t->port[2].dev);

	/* Without filtering the devices are asked for nothing. */
	KUNIT_ASSERT_EQ(test, change(t, 1, 10, 12, false, false, true), 0);
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021Q), "");
	/* Filtering on: every member VLAN. */
	KUNIT_ASSERT_EQ(test, configure(t, true, ETH_P_8021Q, 1), 0);
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021Q), "1,10-12");
	KUNIT_EXPECT_STREQ(test, passes(test, t, 2, ETH_P_8021Q), "1");
	/* Membership changes follow. */
	KUNIT_ASSERT_EQ(test, change(t, 1, 20, 20, false, false, true), 0);
	KUNIT_ASSERT_EQ(test, change(t, 1, 11, 11, false, false, false), 0);
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021Q), "1,10,12,20");
	/* A refused VLAN refuses the request: set and device as they were. */
	nic1->refuse = 30;
	KUNIT_EXPECT_EQ(test, change(t, 1, 29, 31, false, false, true),
			-ENOSPC);
	KUNIT_EXPECT_FALSE(test, vbr_vlans_has(set_of(t, 1), 29));
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021Q), "1,10,12,20");
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, vbr_vlan_set_access(&t->port[1], 30, NULL),
			-ENOSPC);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, set_of(t, 1)->count, 4);
	nic1->refuse = 0;
	/* Filtering off: all go; on again with port 2 refusing: no change,
	 * and port 1, asked first, is undone.
	 */
	KUNIT_ASSERT_EQ(test, configure(t, false, ETH_P_8021Q, 1), 0);
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021Q), "");
	nic2->refuse = 1;
	KUNIT_EXPECT_EQ(test, configure(t, true, ETH_P_8021Q, 1), -ENOSPC);
	KUNIT_EXPECT_FALSE(test, t->br->vlan_enabled);
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021Q), "");
	nic2->refuse = 0;
	/* The protocol: the other table. */
	KUNIT_ASSERT_EQ(test, configure(t, true, ETH_P_8021AD, 1), 0);
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021AD), "1,10,12,20");
	KUNIT_ASSERT_EQ(test, configure(t, true, ETH_P_8021Q, 1), 0);
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021AD), "");
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021Q), "1,10,12,20");
	/* The default PVID moves with filtering on, as on the Linux bridge's
	 * netlink; a refusal keeps the old one everywhere.
	 */
	nic2->refuse = 5;
	KUNIT_EXPECT_EQ(test, configure(t, true, ETH_P_8021Q, 5), -ENOSPC);
	KUNIT_EXPECT_EQ(test, t->br->default_pvid, 1);
	KUNIT_EXPECT_EQ(test, set_of(t, 1)->pvid, 1);
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021Q), "1,10,12,20");
	nic2->refuse = 0;
	KUNIT_ASSERT_EQ(test, configure(t, true, ETH_P_8021Q, 5), 0);
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021Q), "5,10,12,20");
	KUNIT_EXPECT_STREQ(test, passes(test, t, 2, ETH_P_8021Q), "5");
	/* A port that leaves takes its VLANs from the device. */
	rtnl_lock();
	vbr_vlan_port_detach(&t->port[1]);
	rtnl_unlock();
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021Q), "");
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, vbr_vlan_port_attach(&t->port[1], NULL), 0);
	rtnl_unlock();
	KUNIT_EXPECT_STREQ(test, passes(test, t, 1, ETH_P_8021Q), "5,10,12,20");
}

/* A 60-byte frame from mac_a to mac_b; tag: in the payload. */
static struct sk_buff *frame(struct kunit *test, __be16 tag_proto, u16 tci)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	struct ethhdr *eth;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 32);
	eth = skb_put_zero(skb, 60);
	ether_addr_copy(eth->h_dest, mac_b);
	ether_addr_copy(eth->h_source, mac_a);
	eth->h_proto = htons(ETH_P_IP);
	skb_reset_mac_header(skb);
	skb->protocol = eth->h_proto;
	if (tag_proto) {
		KUNIT_ASSERT_EQ(test, __vlan_insert_tag(skb, tag_proto, tci), 0);
		skb_reset_mac_header(skb);
		skb->protocol = tag_proto;
	}
	return skb;
}

static u16 classify(struct vbr_vlan_test *t, int port, struct sk_buff *skb,
		    enum vbr_drop *why)
{
	u16 vid;

	rcu_read_lock();
	vid = vbr_vlan_ingress(t->br, port ? &t->port[port] : NULL, skb, why);
	rcu_read_unlock();
	return vid;
}

static void vbr_vlan_test_ingress(struct kunit *test)
{
	struct vbr_vlan_test *t = test->priv;
	enum vbr_drop why = VBR_DROP_MAX;
	struct sk_buff *skb;

	KUNIT_ASSERT_EQ(test, change(t, 1, 10, 10, true, true, true), 0);
	KUNIT_ASSERT_EQ(test, change(t, 1, 20, 20, false, false, true), 0);

	/* Untagged: the PVID, as the skb's tag. */
	skb = frame(test, 0, 0);
	KUNIT_EXPECT_EQ(test, classify(t, 1, skb, &why), 10);
	KUNIT_EXPECT_TRUE(test, skb_vlan_tag_present(skb));
	KUNIT_EXPECT_EQ(test, skb_vlan_tag_get_id(skb), 10);
	kfree_skb(skb);

	/* Priority-tagged: the PVID, the priority kept. */
	skb = frame(test, 0, 0);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 5 << VLAN_PRIO_SHIFT);
	KUNIT_EXPECT_EQ(test, classify(t, 1, skb, &why), 10);
	KUNIT_EXPECT_EQ(test, skb_vlan_tag_get_prio(skb), 5);
	kfree_skb(skb);

	/* A tag in the payload moves to the skb; the MACs follow. */
	skb = frame(test, htons(ETH_P_8021Q), 20);
	KUNIT_EXPECT_EQ(test, skb->len, 64U);
	KUNIT_EXPECT_EQ(test, classify(t, 1, skb, &why), 20);
	KUNIT_EXPECT_EQ(test, skb->len, 60U);
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(eth_hdr(skb)->h_source, mac_a));
	KUNIT_EXPECT_EQ(test, eth_hdr(skb)->h_proto, htons(ETH_P_IP));
	kfree_skb(skb);

	/* A VLAN the port lacks. */
	skb = frame(test, 0, 0);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 30);
	KUNIT_EXPECT_EQ(test, classify(t, 1, skb, &why), 0);
	KUNIT_EXPECT_EQ(test, why, VBR_DROP_VLAN_INGRESS);
	kfree_skb(skb);

	/* An 802.1ad tag on an 802.1Q bridge is payload: untagged. */
	skb = frame(test, 0, 0);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021AD), 20);
	KUNIT_EXPECT_EQ(test, classify(t, 1, skb, &why), 10);
	KUNIT_EXPECT_EQ(test, skb->len, 64U);
	KUNIT_EXPECT_EQ(test, eth_hdr(skb)->h_proto, htons(ETH_P_8021AD));
	kfree_skb(skb);

	/* Untagged on a port without a PVID. */
	KUNIT_ASSERT_EQ(test, change(t, 1, 10, 10, false, false, false), 0);
	skb = frame(test, 0, 0);
	KUNIT_EXPECT_EQ(test, classify(t, 1, skb, &why), 0);
	KUNIT_EXPECT_EQ(test, why, VBR_DROP_NO_PVID);
	kfree_skb(skb);
}

static bool floods(struct vbr_vlan_test *t, int to, int in, u16 vid)
{
	struct vbr_port *pin = in ? &t->port[in] : NULL;
	struct vbr_flood_sel s = vbr_flood_select(pin, pin ? pin->flags : 0,
						  mac_b);
	bool ret;

	s.vid = vid;
	rcu_read_lock();
	ret = vbr_floods_to(&t->port[to], &s);
	rcu_read_unlock();
	return ret;
}

static struct vbr_fwd decide(struct vbr_vlan_test *t, int in, const u8 *dest,
			     u16 vid)
{
	struct vbr_fwd f;

	rcu_read_lock();
	f = vbr_fwd_decide(t->br, &t->port[in], t->port[in].flags, dest, vid,
			   true);
	rcu_read_unlock();
	return f;
}

static void vbr_vlan_test_forward(struct kunit *test)
{
	struct vbr_vlan_test *t = test->priv;
	struct vbr_fwd f;

	KUNIT_ASSERT_EQ(test, change(t, 1, 10, 10, false, false, true), 0);
	KUNIT_ASSERT_EQ(test, change(t, 2, 20, 20, false, false, true), 0);
	/* Floods reach members only; VLAN 0 is no filtering. */
	KUNIT_EXPECT_TRUE(test, floods(t, 2, 1, 1));
	KUNIT_EXPECT_FALSE(test, floods(t, 2, 1, 10));
	KUNIT_EXPECT_TRUE(test, floods(t, 2, 1, 20));
	KUNIT_EXPECT_TRUE(test, floods(t, 2, 1, 0));

	/* One MAC behind port 1 in VLAN 10 and port 2 in VLAN 20. */
	/* As the datapath does: softirq context, under RCU. */
	local_bh_disable();
	rcu_read_lock();
	vbr_fdb_learn(t->br, &t->port[1], mac_b, 10);
	vbr_fdb_learn(t->br, &t->port[2], mac_b, 20);
	rcu_read_unlock();
	local_bh_enable();
	f = decide(t, 2, mac_b, 10);
	KUNIT_EXPECT_EQ(test, f.action, VBR_FWD_PORT);
	KUNIT_EXPECT_PTR_EQ(test, f.out, &t->port[1]);
	f = decide(t, 1, mac_b, 20);
	KUNIT_EXPECT_EQ(test, f.action, VBR_FWD_PORT);
	KUNIT_EXPECT_PTR_EQ(test, f.out, &t->port[2]);
	/* Unknown in VLAN 30: flood. */
	KUNIT_EXPECT_EQ(test, decide(t, 1, mac_b, 30).action, VBR_FWD_FLOOD);
	/* The bridge's own address, in any VLAN. */
	KUNIT_EXPECT_EQ(test, decide(t, 1, t->dev->dev_addr, 10).action,
			VBR_FWD_LOCAL);
}

static struct kunit_case vbr_vlan_test_cases[] = {
	KUNIT_CASE(vbr_vlan_test_range_check),
	KUNIT_CASE(vbr_vlan_test_defaults),
	KUNIT_CASE(vbr_vlan_test_flags),
	KUNIT_CASE(vbr_vlan_test_ranges),
	KUNIT_CASE(vbr_vlan_test_default_pvid),
	KUNIT_CASE(vbr_vlan_test_device_vids),
	KUNIT_CASE(vbr_vlan_test_ingress),
	KUNIT_CASE(vbr_vlan_test_forward),
	{}
};

static struct kunit_suite vbr_vlan_test_suite = {
	.name = "vbr_vlan",
	.init = vbr_vlan_test_init,
	.exit = vbr_vlan_test_exit,
	.test_cases = vbr_vlan_test_cases,
};

kunit_test_suite(vbr_vlan_test_suite);
