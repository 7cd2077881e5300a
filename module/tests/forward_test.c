// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the vbr forwarding decision: given the ingress port,
 * what the FDB holds for the destination and the ports' flags and
 * states, where a frame goes.
 *
 * Ports are fake: each has an unregistered netdev whose running state
 * the test sets, an index in the bridge's table and flags.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/netdevice.h>

#include "../bridge.h"
#include "../fdb.h"
#include "../forward.h"
#include "../port.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define NPORTS 4

struct vbr_fwd_test {
	struct net_device *dev;
	struct vbr_bridge *br;
	struct vbr_port port[NPORTS];	/* index 1..3 are used */
};

static const u8 mac_a[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0b };
static const u8 mac_c[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0c };
static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 mcast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0, 0, 0x01 };

static void set_running(struct vbr_port *p, bool up)
{
	if (up)
		set_bit(__LINK_STATE_START, &p->dev->state);
	else
		clear_bit(__LINK_STATE_START, &p->dev->state);
}

static int vbr_fwd_test_init(struct kunit *test)
{
	struct vbr_fwd_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->dev = alloc_netdev(sizeof(struct vbr_bridge), "vbrtest%d",
			      NET_NAME_UNKNOWN, vbr_bridge_setup);
	KUNIT_ASSERT_NOT_NULL(test, t->dev);
	KUNIT_ASSERT_EQ(test, t->dev->netdev_ops->ndo_init(t->dev), 0);
	t->br = netdev_priv(t->dev);
	for (i = 1; i < NPORTS; i++) {
		struct vbr_port *p = &t->port[i];

		p->dev = alloc_netdev(0, "vbrtp%d", NET_NAME_UNKNOWN,
				      ether_setup);
		KUNIT_ASSERT_NOT_NULL(test, p->dev);
		p->br = t->br;
		p->idx = i;
		p->flags = VBR_PORT_DEFAULT;
		set_running(p, true);
		rcu_assign_pointer(t->br->port_tab[i], p);
	}
	test->priv = t;
	return 0;
}

static void vbr_fwd_test_exit(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;
	int i;

	synchronize_rcu();
	t->dev->netdev_ops->ndo_uninit(t->dev);
	free_netdev(t->dev);
	for (i = 1; i < NPORTS; i++)
		free_netdev(t->port[i].dev);
}

static struct vbr_fwd decide(struct vbr_fwd_test *t, int in, const u8 *dest,
			     bool local)
{
	struct vbr_fwd f;

	rcu_read_lock();
	f = vbr_fwd_decide(t->br, in ? &t->port[in] : NULL,
			   in ? t->port[in].flags : 0, dest, 0, local);
	rcu_read_unlock();
	return f;
}

static void learn(struct vbr_fwd_test *t, int port, const u8 *mac)
{
	rcu_read_lock();
	local_bh_disable();
	vbr_fdb_learn(t->br, &t->port[port], mac, 0);
	local_bh_enable();
	rcu_read_unlock();
}

static void vbr_fwd_test_unknown_floods(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;

	KUNIT_EXPECT_EQ(test, decide(t, 1, mac_a, true).action, VBR_FWD_FLOOD);
	KUNIT_EXPECT_EQ(test, decide(t, 0, mac_a, false).action, VBR_FWD_FLOOD);
}

static void vbr_fwd_test_group_floods(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;

	/* Even when an entry exists for the address: group frames flood. */
	KUNIT_EXPECT_EQ(test, decide(t, 1, bcast, true).action, VBR_FWD_FLOOD);
	KUNIT_EXPECT_EQ(test, decide(t, 1, mcast, true).action, VBR_FWD_FLOOD);
}

static void vbr_fwd_test_known_goes_to_port(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;
	struct vbr_fwd f;

	learn(t, 2, mac_a);
	f = decide(t, 1, mac_a, true);
	KUNIT_EXPECT_EQ(test, f.action, VBR_FWD_PORT);
	KUNIT_EXPECT_PTR_EQ(test, f.out, &t->port[2]);
	/* The host's transmit on the bridge device too. */
	f = decide(t, 0, mac_a, false);
	KUNIT_EXPECT_EQ(test, f.action, VBR_FWD_PORT);
	KUNIT_EXPECT_PTR_EQ(test, f.out, &t->port[2]);
}

static void vbr_fwd_test_same_port_dropped(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;
	struct vbr_fwd f;

	learn(t, 2, mac_a);
	f = decide(t, 2, mac_a, true);
	KUNIT_EXPECT_EQ(test, f.action, VBR_FWD_DROP);
	KUNIT_EXPECT_EQ(test, f.why, VBR_DROP_SAME_PORT);
}

static void vbr_fwd_test_gone_port_dropped(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;
	struct vbr_fwd f;

	learn(t, 3, mac_a);
	RCU_INIT_POINTER(t->br->port_tab[3], NULL);
	synchronize_rcu();
	f = decide(t, 1, mac_a, true);
	KUNIT_EXPECT_EQ(test, f.action, VBR_FWD_DROP);
	KUNIT_EXPECT_EQ(test, f.why, VBR_DROP_PORT_DOWN);
}

static void vbr_fwd_test_local(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;
	struct vbr_fwd f;

	/* The bridge's own address: up the bridge when it takes frames. */
	KUNIT_EXPECT_EQ(test, decide(t, 1, t->dev->dev_addr, true).action,
			VBR_FWD_LOCAL);
	f = decide(t, 1, t->dev->dev_addr, false);
	KUNIT_EXPECT_EQ(test, f.action, VBR_FWD_DROP);
	KUNIT_EXPECT_EQ(test, f.why, VBR_DROP_SAME_PORT);
	/* A static entry for the bridge itself behaves the same. */
	KUNIT_EXPECT_EQ(test, vbr_fdb_add_static(t->br, mac_b, 0, 0, 0, false, NULL),
			0);
	KUNIT_EXPECT_EQ(test, decide(t, 2, mac_b, true).action,
			VBR_FWD_LOCAL);
}

static void vbr_fwd_test_static_entry_wins(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;
	struct vbr_fwd f;

	KUNIT_EXPECT_EQ(test, vbr_fdb_add_static(t->br, mac_a, 0, 3, 0, false, NULL),
			0);
	/* Learning the MAC elsewhere does not move a static entry. */
	learn(t, 1, mac_a);
	f = decide(t, 2, mac_a, true);
	KUNIT_EXPECT_EQ(test, f.action, VBR_FWD_PORT);
	KUNIT_EXPECT_PTR_EQ(test, f.out, &t->port[3]);
}

static bool floods(struct vbr_fwd_test *t, int to, int in, const u8 *dest)
{
	struct vbr_port *pin = in ? &t->port[in] : NULL;
	struct vbr_flood_sel s = vbr_flood_select(pin, pin ? pin->flags : 0,
						  dest);

	return vbr_floods_to(&t->port[to], &s);
}

static void vbr_fwd_test_flood_targets(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;

	/* Every port but the ingress. */
	KUNIT_EXPECT_FALSE(test, floods(t, 1, 1, mac_a));
	KUNIT_EXPECT_TRUE(test, floods(t, 2, 1, mac_a));
	KUNIT_EXPECT_TRUE(test, floods(t, 3, 1, mac_a));
	/* From the host, every port. */
	KUNIT_EXPECT_TRUE(test, floods(t, 1, 0, mac_a));
	/* Not a port with flooding off, nor one that is down. */
	t->port[2].flags &= ~VBR_PORT_FLOOD;
	KUNIT_EXPECT_FALSE(test, floods(t, 2, 1, mac_a));
	set_running(&t->port[3], false);
	KUNIT_EXPECT_FALSE(test, floods(t, 3, 1, mac_a));
	/* Flooding off still lets known unicast through. */
	learn(t, 2, mac_a);
	KUNIT_EXPECT_EQ(test, decide(t, 1, mac_a, true).action, VBR_FWD_PORT);
}

/* Each kind of flooded frame has its own option, as in the Linux bridge. */
static void vbr_fwd_test_flood_kinds(struct kunit *test)
{
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const u8 mcast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	struct vbr_fwd_test *t = test->priv;
	struct vbr_port *p2 = &t->port[2];

	p2->flags &= ~VBR_PORT_FLOOD;
	KUNIT_EXPECT_FALSE(test, floods(t, 2, 1, mac_a));
	KUNIT_EXPECT_TRUE(test, floods(t, 2, 1, mcast));
	KUNIT_EXPECT_TRUE(test, floods(t, 2, 1, bcast));
	p2->flags = VBR_PORT_DEFAULT & ~VBR_PORT_MCAST_FLOOD;
	KUNIT_EXPECT_TRUE(test, floods(t, 2, 1, mac_a));
	KUNIT_EXPECT_FALSE(test, floods(t, 2, 1, mcast));
	KUNIT_EXPECT_TRUE(test, floods(t, 2, 1, bcast));
	p2->flags = VBR_PORT_DEFAULT & ~VBR_PORT_BCAST_FLOOD;
	KUNIT_EXPECT_TRUE(test, floods(t, 2, 1, mac_a));
	KUNIT_EXPECT_TRUE(test, floods(t, 2, 1, mcast));
	KUNIT_EXPECT_FALSE(test, floods(t, 2, 1, bcast));
}

/* Hairpin: the ingress is a flood target, and a MAC behind it is reached. */
static void vbr_fwd_test_hairpin(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;
	struct vbr_fwd f;

	learn(t, 1, mac_a);
	f = decide(t, 1, mac_a, true);
	KUNIT_EXPECT_EQ(test, f.action, VBR_FWD_DROP);
	KUNIT_EXPECT_EQ(test, f.why, VBR_DROP_SAME_PORT);
	KUNIT_EXPECT_FALSE(test, floods(t, 1, 1, mac_b));
	t->port[1].flags |= VBR_PORT_HAIRPIN;
	f = decide(t, 1, mac_a, true);
	KUNIT_EXPECT_EQ(test, f.action, VBR_FWD_PORT);
	KUNIT_EXPECT_PTR_EQ(test, f.out, &t->port[1]);
	KUNIT_EXPECT_TRUE(test, floods(t, 1, 1, mac_b));
}

/* Isolated ports reach non-isolated ones and the host, never each other. */
static void vbr_fwd_test_isolated(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;
	struct vbr_fwd f;

	t->port[1].flags |= VBR_PORT_ISOLATED;
	t->port[2].flags |= VBR_PORT_ISOLATED;
	learn(t, 2, mac_a);
	learn(t, 3, mac_b);
	f = decide(t, 1, mac_a, true);
	KUNIT_EXPECT_EQ(test, f.action, VBR_FWD_DROP);
	KUNIT_EXPECT_EQ(test, f.why, VBR_DROP_ISOLATED);
	KUNIT_EXPECT_EQ(test, decide(t, 1, mac_b, true).action, VBR_FWD_PORT);
	KUNIT_EXPECT_EQ(test, decide(t, 3, mac_a, true).action, VBR_FWD_PORT);
	KUNIT_EXPECT_EQ(test, decide(t, 0, mac_a, false).action, VBR_FWD_PORT);
	KUNIT_EXPECT_FALSE(test, floods(t, 2, 1, mac_c));
	KUNIT_EXPECT_TRUE(test, floods(t, 3, 1, mac_c));
	KUNIT_EXPECT_TRUE(test, floods(t, 1, 3, mac_c));
	KUNIT_EXPECT_TRUE(test, floods(t, 2, 0, mac_c));
}

/*
 * A packet tap on the port shares the skb the rx_handler gets. Pulling
 * a second VLAN tag into its head must happen on vbr's own copy, never
 * on the skb the tap still holds.
 */
static void vbr_fwd_test_shared_skb_untouched(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;
	struct vbr_port *in = &t->port[1];
	struct sk_buff *skb, *orig;
	unsigned int headlen;
	struct ethhdr *eth;
	struct page *page;

	in->stats = netdev_alloc_pcpu_stats(struct vbr_port_stats);
	KUNIT_ASSERT_NOT_NULL(test, in->stats);
	in->flags = 0;
	t->dev->flags |= IFF_UP;
	/* Past the VLAN check, the frame is dropped as "same port". */
	KUNIT_ASSERT_EQ(test, vbr_fdb_add_static(t->br, mac_b, 0, 1, 0, false,
						 NULL), 0);
	rcu_assign_pointer(in->dev->rx_handler_data, in);

	/* The Ethernet header in the head, the inner tag in a page. */
	skb = alloc_skb(ETH_HLEN + 64, GFP_KERNEL);
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, page);
	eth = skb_put(skb, ETH_HLEN);
	ether_addr_copy(eth->h_dest, mac_b);
	ether_addr_copy(eth->h_source, mac_a);
	eth->h_proto = htons(ETH_P_8021Q);
	skb_add_rx_frag(skb, 0, page, 0, 50, PAGE_SIZE);
	skb_reset_mac_header(skb);
	__skb_pull(skb, ETH_HLEN);
	skb->dev = in->dev;
	skb->protocol = htons(ETH_P_8021Q);
	headlen = skb_headlen(skb);
	orig = skb_get(skb);

	rcu_read_lock();
	local_bh_disable();
	KUNIT_EXPECT_EQ(test, vbr_handle_frame(&skb), RX_HANDLER_CONSUMED);
	local_bh_enable();
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, skb_headlen(orig), headlen);
	KUNIT_EXPECT_EQ(test, orig->data_len, 50U);
	kfree_skb(orig);
	RCU_INIT_POINTER(in->dev->rx_handler_data, NULL);
	synchronize_rcu();
	free_percpu(in->stats);
	in->stats = NULL;
}

/* A blocked port is no flood target, and unicast to it is dropped, for
 * every reason it may be blocked for; unblocked, it is both again.
 */
static void vbr_fwd_test_blocked(struct kunit *test)
{
	struct vbr_fwd_test *t = test->priv;
	struct vbr_port *p2 = &t->port[2];
	enum vbr_block_reason why;
	struct vbr_fwd f;

	learn(t, 2, mac_a);
	for (why = VBR_BLOCK_ADMIN; why <= VBR_BLOCK_MAX; why++) {
		p2->flags = VBR_PORT_DEFAULT | (why << VBR_PORT_BLOCK_SHIFT);
		KUNIT_EXPECT_EQ(test, vbr_port_reason(p2), why);
		KUNIT_EXPECT_FALSE(test, floods(t, 2, 1, mac_b));
		KUNIT_EXPECT_FALSE(test, floods(t, 2, 0, mac_b));
		KUNIT_EXPECT_TRUE(test, floods(t, 3, 1, mac_b));
		f = decide(t, 1, mac_a, true);
		KUNIT_EXPECT_EQ(test, f.action, VBR_FWD_DROP);
		KUNIT_EXPECT_EQ(test, f.why, VBR_DROP_BLOCKED);
		f = decide(t, 0, mac_a, false);
		KUNIT_EXPECT_EQ(test, f.why, VBR_DROP_BLOCKED);
	}
	/* Hairpin does not reach a blocked port either. */
	p2->flags |= VBR_PORT_HAIRPIN;
	KUNIT_EXPECT_FALSE(test, floods(t, 2, 2, mac_b));
	p2->flags = VBR_PORT_DEFAULT;
	KUNIT_EXPECT_TRUE(test, floods(t, 2, 1, mac_b));
	KUNIT_EXPECT_EQ(test, decide(t, 1, mac_a, true).action, VBR_FWD_PORT);
}

static struct kunit_case vbr_fwd_test_cases[] = {
	KUNIT_CASE(vbr_fwd_test_unknown_floods),
	KUNIT_CASE(vbr_fwd_test_group_floods),
	KUNIT_CASE(vbr_fwd_test_known_goes_to_port),
	KUNIT_CASE(vbr_fwd_test_same_port_dropped),
	KUNIT_CASE(vbr_fwd_test_gone_port_dropped),
	KUNIT_CASE(vbr_fwd_test_local),
	KUNIT_CASE(vbr_fwd_test_static_entry_wins),
	KUNIT_CASE(vbr_fwd_test_flood_targets),
	KUNIT_CASE(vbr_fwd_test_flood_kinds),
	KUNIT_CASE(vbr_fwd_test_hairpin),
	KUNIT_CASE(vbr_fwd_test_isolated),
	KUNIT_CASE(vbr_fwd_test_blocked),
	KUNIT_CASE(vbr_fwd_test_shared_skb_untouched),
	{}
};

static struct kunit_suite vbr_fwd_test_suite = {
	.name = "vbr_forward",
	.init = vbr_fwd_test_init,
	.exit = vbr_fwd_test_exit,
	.test_cases = vbr_fwd_test_cases,
};

kunit_test_suite(vbr_fwd_test_suite);
