// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the vbr FDB: learning, refresh, moves, ageing with a
 * clock the test drives, static entries, limits, flush and growth.
 *
 * Each test builds an unregistered bridge device through vbr's own setup
 * and ndo_init, with fake ports that only carry an index and counters.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>

#include "../bridge.h"
#include "../fdb.h"
#include "../port.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

struct vbr_fdb_test {
	struct net_device *dev;
	struct vbr_bridge *br;
	struct vbr_port port[3];	/* index 1 and 2 are used */
};

static const u8 mac_a[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0b };
static const u8 mac_c[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0c };

static int vbr_fdb_test_init(struct kunit *test)
{
	struct vbr_fdb_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->dev = alloc_netdev(sizeof(struct vbr_bridge), "vbrtest%d",
			      NET_NAME_UNKNOWN, vbr_bridge_setup);
	KUNIT_ASSERT_NOT_NULL(test, t->dev);
	KUNIT_ASSERT_EQ(test, t->dev->netdev_ops->ndo_init(t->dev), 0);
	t->br = netdev_priv(t->dev);
	for (i = 1; i < 3; i++) {
		t->port[i].br = t->br;
		t->port[i].idx = i;
		rcu_assign_pointer(t->br->port_tab[i], &t->port[i]);
	}
	test->priv = t;
	return 0;
}

static void vbr_fdb_test_exit(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;

	synchronize_rcu();
	t->dev->netdev_ops->ndo_uninit(t->dev);
	free_netdev(t->dev);
}

/* The datapath learns in softirq context under RCU. */
static void learn(struct vbr_fdb_test *t, int port, const u8 *mac)
{
	rcu_read_lock();
	local_bh_disable();
	vbr_fdb_learn(t->br, &t->port[port], mac, 0);
	local_bh_enable();
	rcu_read_unlock();
}

/* Learn n MACs, the last byte of mac counting from 0, behind ports 1 and
 * 2 in turn.
 */
static void learn_spread(struct vbr_fdb_test *t, u8 *mac, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		mac[5] = i;
		learn(t, 1 + i % 2, mac);
	}
}

/* Port index of mac, or -1 if absent. */
static int where(struct vbr_fdb_test *t, const u8 *mac)
{
	struct vbr_fdb_entry *e;
	int port;

	rcu_read_lock();
	e = vbr_fdb_find(t->br, mac, 0);
	port = e ? e->port : -1;
	rcu_read_unlock();
	return port;
}

static u32 updated(struct vbr_fdb_test *t, const u8 *mac)
{
	struct vbr_fdb_entry *e;
	u32 v;

	rcu_read_lock();
	e = vbr_fdb_find(t->br, mac, 0);
	v = e ? READ_ONCE(e->updated) : 0;
	rcu_read_unlock();
	return v;
}

static void set_updated(struct vbr_fdb_test *t, const u8 *mac, u32 v)
{
	struct vbr_fdb_entry *e;

	rcu_read_lock();
	e = vbr_fdb_find(t->br, mac, 0);
	if (e)
		WRITE_ONCE(e->updated, v);
	rcu_read_unlock();
}

static void vbr_fdb_test_learn_lookup(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;

	KUNIT_EXPECT_EQ(test, where(t, mac_a), -1);
	learn(t, 1, mac_a);
	KUNIT_EXPECT_EQ(test, where(t, mac_a), 1);
	KUNIT_EXPECT_EQ(test, t->br->fdb.learned, 1U);
	KUNIT_EXPECT_EQ(test, t->port[1].learned, 1U);
	/* Learning it again creates nothing new. */
	learn(t, 1, mac_a);
	KUNIT_EXPECT_EQ(test, t->br->fdb.learned, 1U);
}

static void vbr_fdb_test_local_entry(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;
	const u8 *own = t->dev->dev_addr;

	KUNIT_EXPECT_EQ(test, where(t, own), 0);
	/* A frame claiming the bridge's address does not steal it. */
	learn(t, 2, own);
	KUNIT_EXPECT_EQ(test, where(t, own), 0);
	KUNIT_EXPECT_EQ(test, vbr_fdb_delete(t->br, own, 0, false, NULL), -EPERM);
	KUNIT_EXPECT_EQ(test, t->br->fdb.learned, 0U);
}

static void vbr_fdb_test_refresh(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;

	learn(t, 1, mac_a);
	set_updated(t, mac_a, (u32)jiffies - 1000);
	learn(t, 1, mac_a);
	KUNIT_EXPECT_EQ(test, updated(t, mac_a), (u32)jiffies);
}

static void vbr_fdb_test_move(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;

	learn(t, 1, mac_a);
	learn(t, 2, mac_a);
	KUNIT_EXPECT_EQ(test, where(t, mac_a), 2);
	KUNIT_EXPECT_EQ(test, t->port[1].learned, 0U);
	KUNIT_EXPECT_EQ(test, t->port[2].learned, 1U);
	KUNIT_EXPECT_EQ(test, t->br->fdb.learned, 1U);
}

static bool admits(struct vbr_fdb_test *t, int port, const u8 *mac, bool mab)
{
	bool ok;

	rcu_read_lock();
	local_bh_disable();
	ok = vbr_fdb_admits(t->br, &t->port[port], mac, 0, mab);
	local_bh_enable();
	rcu_read_unlock();
	return ok;
}

static u16 entry_flags(struct vbr_fdb_test *t, const u8 *mac)
{
	struct vbr_fdb_entry *e;
	u16 flags;

	rcu_read_lock();
	e = vbr_fdb_find(t->br, mac, 0);
	flags = e ? READ_ONCE(e->flags) : 0xffff;
	rcu_read_unlock();
	return flags;
}

/* Locked entries: made by MAB, admit nothing, count as learned, and
 * become ordinary once their MAC is heard through an unlocked port.
 */
static void vbr_fdb_test_locked(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;

	KUNIT_EXPECT_FALSE(test, admits(t, 1, mac_a, false));
	KUNIT_EXPECT_EQ(test, where(t, mac_a), -1);
	KUNIT_EXPECT_FALSE(test, admits(t, 1, mac_a, true));
	KUNIT_EXPECT_EQ(test, where(t, mac_a), 1);
	KUNIT_EXPECT_TRUE(test, entry_flags(t, mac_a) & VBR_FDB_LOCKED);
	KUNIT_EXPECT_EQ(test, t->port[1].learned, 1U);
	KUNIT_EXPECT_FALSE(test, admits(t, 1, mac_a, true));
	KUNIT_EXPECT_FALSE(test, admits(t, 2, mac_a, true));
	/* Learning on the same port (unlocked meanwhile) admits it. */
	learn(t, 1, mac_a);
	KUNIT_EXPECT_FALSE(test, entry_flags(t, mac_a) & VBR_FDB_LOCKED);
	KUNIT_EXPECT_TRUE(test, admits(t, 1, mac_a, false));
	KUNIT_EXPECT_EQ(test, t->port[1].learned, 1U);
	/* Moving clears it too. */
	KUNIT_EXPECT_FALSE(test, admits(t, 1, mac_b, true));
	learn(t, 2, mac_b);
	KUNIT_EXPECT_EQ(test, where(t, mac_b), 2);
	KUNIT_EXPECT_FALSE(test, entry_flags(t, mac_b) & VBR_FDB_LOCKED);
	/* A flush of locked entries takes only those. */
	KUNIT_EXPECT_FALSE(test, admits(t, 1, mac_c, true));
	KUNIT_EXPECT_EQ(test, vbr_fdb_flush(t->br, 1, -1, VBR_FLUSH_LOCKED), 1U);
	KUNIT_EXPECT_EQ(test, where(t, mac_a), 1);
	KUNIT_EXPECT_EQ(test, where(t, mac_c), -1);
}

static void vbr_fdb_test_age_out(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;
	u32 ageing = 30 * HZ, born;

	vbr_fdb_set_ageing(t->br, ageing);
	learn(t, 1, mac_a);
	learn(t, 2, mac_b);
	born = updated(t, mac_a);
	set_updated(t, mac_b, born);
	/* One tick before expiry both stay, and the next sweep is due in
	 * the tick that remains (never sooner than the minimum).
	 */
	KUNIT_EXPECT_EQ(test, vbr_fdb_age(t->br, born + ageing - 1),
			(unsigned long)HZ / 10);
	KUNIT_EXPECT_EQ(test, where(t, mac_a), 1);
	/* mac_b was heard from again: only mac_a expires. */
	set_updated(t, mac_b, born + ageing - 1);
	vbr_fdb_age(t->br, born + ageing);
	KUNIT_EXPECT_EQ(test, where(t, mac_a), -1);
	KUNIT_EXPECT_EQ(test, where(t, mac_b), 2);
	KUNIT_EXPECT_EQ(test, t->port[1].learned, 0U);
	KUNIT_EXPECT_EQ(test, t->br->fdb.learned, 1U);
	/* An entry refreshed after the sweep read its clock is fresh. */
	set_updated(t, mac_b, born + 2 * ageing + 5);
	vbr_fdb_age(t->br, born + 2 * ageing);
	KUNIT_EXPECT_EQ(test, where(t, mac_b), 2);
}

static void vbr_fdb_test_static(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;

	KUNIT_EXPECT_EQ(test, vbr_fdb_add_static(t->br, mac_a, 0, 1, 0, false, NULL), 0);
	KUNIT_EXPECT_EQ(test, vbr_fdb_add_static(t->br, mac_a, 0, 2, 0, false, NULL),
			-EEXIST);
	learn(t, 2, mac_a);
	KUNIT_EXPECT_EQ(test, where(t, mac_a), 1);
	vbr_fdb_set_ageing(t->br, HZ);
	vbr_fdb_age(t->br, updated(t, mac_a) + 100 * HZ);
	KUNIT_EXPECT_EQ(test, where(t, mac_a), 1);
	KUNIT_EXPECT_EQ(test, t->br->fdb.learned, 0U);
	KUNIT_EXPECT_EQ(test, vbr_fdb_add_static(t->br, mac_a, 0, 2, 0, true, NULL), 0);
	KUNIT_EXPECT_EQ(test, where(t, mac_a), 2);
	KUNIT_EXPECT_EQ(test, vbr_fdb_delete(t->br, mac_a, 0, true, NULL), 0);
	KUNIT_EXPECT_EQ(test, vbr_fdb_delete(t->br, mac_a, 0, true, NULL), -ENOENT);
}

static void vbr_fdb_test_limits(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;
	u8 mac[ETH_ALEN] = { 0x02, 0x11, 0, 0, 0, 0 };
	int i;

	t->br->fdb.max_learned = 5;
	t->port[1].max_learned = 3;
	for (i = 0; i < 10; i++) {
		mac[5] = i;
		learn(t, 1, mac);
	}
	KUNIT_EXPECT_EQ(test, t->port[1].learned, 3U);
	for (i = 10; i < 20; i++) {
		mac[5] = i;
		learn(t, 2, mac);
	}
	KUNIT_EXPECT_EQ(test, t->port[2].learned, 2U);
	KUNIT_EXPECT_EQ(test, t->br->fdb.learned, 5U);
	/* A move onto a full port forgets the MAC rather than exceed it. */
	mac[5] = 10;
	learn(t, 1, mac);
	KUNIT_EXPECT_EQ(test, where(t, mac), -1);
	KUNIT_EXPECT_EQ(test, t->port[1].learned, 3U);
	KUNIT_EXPECT_EQ(test, t->br->fdb.learned, 4U);
}

static void vbr_fdb_test_flush(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;
	u8 mac[ETH_ALEN] = { 0x02, 0x22, 0, 0, 0, 0 };

	learn_spread(t, mac, 8);
	KUNIT_EXPECT_EQ(test, vbr_fdb_add_static(t->br, mac_a, 0, 1, 0, false, NULL), 0);
	KUNIT_EXPECT_EQ(test, vbr_fdb_flush(t->br, 2, -1, VBR_FLUSH_DYNAMIC), 4U);
	KUNIT_EXPECT_EQ(test, t->port[2].learned, 0U);
	KUNIT_EXPECT_EQ(test, vbr_fdb_flush(t->br, -1, -1, VBR_FLUSH_DYNAMIC), 4U);
	KUNIT_EXPECT_EQ(test, where(t, mac_a), 1);
	KUNIT_EXPECT_EQ(test, vbr_fdb_flush(t->br, -1, -1, VBR_FLUSH_STATIC), 1U);
	KUNIT_EXPECT_EQ(test, where(t, mac_a), -1);
	/* The bridge's own address survives every flush. */
	KUNIT_EXPECT_EQ(test, where(t, t->dev->dev_addr), 0);
	KUNIT_EXPECT_EQ(test, t->br->fdb.learned, 0U);
}

/* A flush of all but the local entry swaps the table: counts, lookups
 * and later learning must not tell the difference.
 */
static void vbr_fdb_test_flush_all(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;
	u8 mac[ETH_ALEN] = { 0x02, 0x44, 0, 0, 0, 0 };

	learn_spread(t, mac, 10);
	KUNIT_EXPECT_EQ(test, vbr_fdb_flush(t->br, -1, -1, VBR_FLUSH_DYNAMIC), 10U);
	KUNIT_EXPECT_EQ(test, t->port[1].learned, 0U);
	KUNIT_EXPECT_EQ(test, t->port[2].learned, 0U);
	KUNIT_EXPECT_EQ(test, t->br->fdb.learned, 0U);
	KUNIT_EXPECT_EQ(test, where(t, mac), -1);
	KUNIT_EXPECT_EQ(test, where(t, t->dev->dev_addr), 0);
	/* Learning, moves and static entries go on in the new table. */
	learn(t, 1, mac);
	KUNIT_EXPECT_EQ(test, where(t, mac), 1);
	learn(t, 2, mac);
	KUNIT_EXPECT_EQ(test, where(t, mac), 2);
	KUNIT_EXPECT_EQ(test, t->port[1].learned, 0U);
	KUNIT_EXPECT_EQ(test, t->port[2].learned, 1U);
	KUNIT_EXPECT_EQ(test, vbr_fdb_add_static(t->br, mac_a, 0, 1, 0, false, NULL), 0);
	/* A static entry kept: the flush must sweep instead. */
	KUNIT_EXPECT_EQ(test, vbr_fdb_flush(t->br, -1, -1, VBR_FLUSH_DYNAMIC), 1U);
	KUNIT_EXPECT_EQ(test, where(t, mac_a), 1);
	learn(t, 2, mac);
	KUNIT_EXPECT_EQ(test, vbr_fdb_flush(t->br, -1, -1,
					    VBR_FLUSH_DYNAMIC | VBR_FLUSH_STATIC), 2U);
	KUNIT_EXPECT_EQ(test, where(t, mac_a), -1);
	KUNIT_EXPECT_EQ(test, where(t, t->dev->dev_addr), 0);
	KUNIT_EXPECT_EQ(test, vbr_fdb_add_static(t->br, mac_a, 0, 2, 0, false, NULL), 0);
	KUNIT_EXPECT_EQ(test, vbr_fdb_delete(t->br, mac_a, 0, true, NULL), 0);
	KUNIT_EXPECT_EQ(test, t->br->fdb.learned, 0U);
}

static void vbr_fdb_test_growth(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;
	u8 mac[ETH_ALEN] = { 0x02, 0x33, 0, 0, 0, 0 };
	unsigned int i, found = 0;
	struct vbr_fdb_tbl *tbl;

	t->br->fdb.max_learned = 0;
	for (i = 0; i < 20000; i++) {
		mac[3] = i >> 16;
		mac[4] = i >> 8;
		mac[5] = i;
		learn(t, 1, mac);
	}
	KUNIT_EXPECT_EQ(test, t->br->fdb.learned, 20000U);
	tbl = rcu_dereference_protected(t->br->fdb.tbl, true);
	KUNIT_EXPECT_EQ(test, atomic_read(&tbl->ht.nelems), 20001);
	for (i = 0; i < 20000; i++) {
		mac[3] = i >> 16;
		mac[4] = i >> 8;
		mac[5] = i;
		found += where(t, mac) == 1;
	}
	KUNIT_EXPECT_EQ(test, found, 20000U);
	KUNIT_EXPECT_EQ(test, vbr_fdb_flush(t->br, -1, -1, VBR_FLUSH_DYNAMIC), 20000U);
}

/* An entry's idle time does not flip sign past 2^31 jiffies (49.7 days
 * of milliseconds went by long before), and one refreshed on another CPU
 * after this one read jiffies is idle 0, not 2^32.
 */
static void vbr_fdb_test_idle_no_wrap(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;
	u32 old = (1U << 31) + 12345;
	struct vbr_fdb_entry *e;

	learn(t, 1, mac_a);
	set_updated(t, mac_a, (u32)jiffies - old);
	rcu_read_lock();
	e = vbr_fdb_find(t->br, mac_a, 0);
	KUNIT_ASSERT_NOT_NULL(test, e);
	/* jiffies may tick meanwhile. */
	KUNIT_EXPECT_GE(test, vbr_fdb_idle(e), old);
	KUNIT_EXPECT_LT(test, vbr_fdb_idle(e), old + HZ);
	WRITE_ONCE(e->updated, (u32)jiffies + 2);
	KUNIT_EXPECT_EQ(test, vbr_fdb_idle(e), 0U);
	rcu_read_unlock();
}

/* A dump's callback: one MAC per entry into skb, at most room of them. */
struct dump_ctx {
	struct sk_buff *skb;
	unsigned int room;
};

static int dump_put(const struct vbr_fdb_entry *e, void *arg)
{
	struct dump_ctx *c = arg;

	if (c->skb->len >= c->room * ETH_ALEN)
		return -EMSGSIZE;
	skb_put_data(c->skb, e->key.addr, ETH_ALEN);
	return 0;
}

#define DUMP_N 600U
#define DUMP_POOL (4 * DUMP_N)

static void dump_mac(u8 *mac, unsigned int i)
{
	eth_zero_addr(mac);
	mac[0] = 0x02;
	mac[3] = 0x77;
	mac[4] = i >> 8;
	mac[5] = i & 0xff;
}

/*
 * A dump resumed between messages while entries of the bucket it
 * stopped in are deleted and others inserted: every entry present from
 * start to end is sent exactly once, and the dump is not flagged (the
 * table kept its size).
 */
static void vbr_fdb_test_dump_resume(struct kunit *test)
{
	struct vbr_fdb_test *t = test->priv;
	struct vbr_fdb_pos pos = {};
	unsigned int i, k, calls = 0, next = DUMP_N;
	struct dump_ctx c = { .room = 7 };
	struct bucket_table *tbl;
	struct rhashtable *ht;
	bool changed = false;
	u8 mac[ETH_ALEN];
	int ret;
	u8 *seen;

	seen = kunit_kzalloc(test, DUMP_POOL, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seen);
	for (i = 0; i < DUMP_N; i++) {
		dump_mac(mac, i);
		learn(t, 1 + i % 2, mac);
	}
	KUNIT_ASSERT_EQ(test, t->br->fdb.learned, DUMP_N);
	/* Growing to fit them happens in a worker: let it finish. */
	ht = &rcu_dereference_protected(t->br->fdb.tbl, true)->ht;
	do {
		flush_work(&ht->run_work);
		tbl = rcu_dereference_protected(ht->tbl, true);
	} while (rcu_access_pointer(tbl->future_tbl) ||
		 rht_grow_above_75(ht, tbl));
	do {
		c.skb = alloc_skb(c.room * ETH_ALEN, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, c.skb);
		ret = vbr_fdb_dump_walk(t->br, &pos, &changed, c.skb,
					dump_put, &c);

		for (k = 0; k < c.skb->len; k += ETH_ALEN) {
			const u8 *m = c.skb->data + k;

			dump_mac(mac, 0);
			if (memcmp(m, mac, 4))
				continue;	/* the bridge's own */
			i = m[4] << 8 | m[5];
			KUNIT_EXPECT_LT(test, i, DUMP_POOL);
			if (i >= DUMP_POOL)
				continue;
			KUNIT_EXPECT_EQ_MSG(test, seen[i], 0, "entry %u sent twice", i);
			seen[i] = 1;
			/* Gone between two messages, and one new instead,
			 * so that the table keeps its size.
			 */
			if (next == DUMP_POOL)
				continue;
			KUNIT_EXPECT_EQ(test, vbr_fdb_delete(t->br, m, 0, false,
							     NULL), 0);
			dump_mac(mac, next++);
			learn(t, 1, mac);
		}
		kfree_skb(c.skb);
		calls++;
	} while (ret && calls < 2 * DUMP_N);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_FALSE(test, changed);
	for (i = 0; i < DUMP_N; i++)
		KUNIT_EXPECT_EQ_MSG(test, seen[i], 1, "entry %u never sent", i);
}

static struct kunit_case vbr_fdb_test_cases[] = {
	KUNIT_CASE(vbr_fdb_test_learn_lookup),
	KUNIT_CASE(vbr_fdb_test_locked),
	KUNIT_CASE(vbr_fdb_test_local_entry),
	KUNIT_CASE(vbr_fdb_test_refresh),
	KUNIT_CASE(vbr_fdb_test_move),
	KUNIT_CASE(vbr_fdb_test_age_out),
	KUNIT_CASE(vbr_fdb_test_static),
	KUNIT_CASE(vbr_fdb_test_limits),
	KUNIT_CASE(vbr_fdb_test_flush),
	KUNIT_CASE(vbr_fdb_test_flush_all),
	KUNIT_CASE(vbr_fdb_test_idle_no_wrap),
	KUNIT_CASE(vbr_fdb_test_dump_resume),
	KUNIT_CASE_SLOW(vbr_fdb_test_growth),
	{}
};

static struct kunit_suite vbr_fdb_test_suite = {
	.name = "vbr_fdb",
	.init = vbr_fdb_test_init,
	.exit = vbr_fdb_test_exit,
	.test_cases = vbr_fdb_test_cases,
};

kunit_test_suite(vbr_fdb_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for the vbr FDB");
