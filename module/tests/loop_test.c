// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of vbr's loop protection: the probe's format, when a cut
 * is held off for a bridge of a lower identity, and when a MAC's moves
 * count as a flap. Time is passed in, so every case is exact.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>

#include "../fdb.h"
#include "../loop.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static const u8 src[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x01 };

static void vbr_loop_test_probe_format(struct kunit *test)
{
	u8 frame[VBR_LOOP_FRAME_LEN];
	const struct ethhdr *eth = (const struct ethhdr *)frame;
	const struct vbr_loop_probe *h = (const void *)(eth + 1);
	u64 id;
	u16 port;
	u32 nonce;

	vbr_loop_fill(frame, src, 0x0123456789abcdefULL, 7, 0xdeadbeef);
	/* Flooded by bridges and switches, never kept as link-local. */
	KUNIT_EXPECT_TRUE(test, is_multicast_ether_addr(eth->h_dest));
	KUNIT_EXPECT_FALSE(test, is_broadcast_ether_addr(eth->h_dest));
	KUNIT_EXPECT_FALSE(test, is_link_local_ether_addr(eth->h_dest));
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(eth->h_source, src));
	KUNIT_EXPECT_EQ(test, ntohs(eth->h_proto), VBR_LOOP_ETHERTYPE);

	KUNIT_ASSERT_EQ(test, vbr_loop_parse(h, &id, &port, &nonce), 0);
	KUNIT_EXPECT_EQ(test, id, 0x0123456789abcdefULL);
	KUNIT_EXPECT_EQ(test, port, 7);
	KUNIT_EXPECT_EQ(test, nonce, 0xdeadbeef);
	/* The padding is zero: nothing of the kernel's memory leaves. */
	KUNIT_EXPECT_EQ(test, frame[VBR_LOOP_FRAME_LEN - 1], 0);
}

static void vbr_loop_test_probe_foreign(struct kunit *test)
{
	u8 frame[VBR_LOOP_FRAME_LEN];
	struct vbr_loop_probe *h = (void *)(frame + ETH_HLEN);
	u64 id;
	u16 port;
	u32 nonce;

	vbr_loop_fill(frame, src, 1, 1, 1);
	h->version = 2;
	KUNIT_EXPECT_EQ(test, vbr_loop_parse(h, &id, &port, &nonce), -EINVAL);
	vbr_loop_fill(frame, src, 1, 1, 1);
	h->magic ^= htonl(1);
	KUNIT_EXPECT_EQ(test, vbr_loop_parse(h, &id, &port, &nonce), -EINVAL);
}

#define IV	100UL	/* the probe interval, in jiffies */

static void vbr_loop_test_hold_off(struct kunit *test)
{
	unsigned long since = 0, t0 = 5000;

	/* No other vbr probes here: cut at once. */
	KUNIT_EXPECT_FALSE(test, vbr_loop_hold_off(t0, 0, &since, IV));
	KUNIT_EXPECT_EQ(test, since, 0);
	/* A lower identity probed here just now: hold off ... */
	KUNIT_EXPECT_TRUE(test, vbr_loop_hold_off(t0, t0 - 1, &since, IV));
	KUNIT_EXPECT_EQ(test, since, t0);
	KUNIT_EXPECT_TRUE(test,
			  vbr_loop_hold_off(t0 + 2 * IV, t0 + IV, &since, IV));
	/* ... for three intervals, then cut even so. */
	KUNIT_EXPECT_FALSE(test,
			   vbr_loop_hold_off(t0 + 3 * IV, t0 + 3 * IV, &since,
					     IV));
	/* Its probes stopped more than two intervals ago: cut at once. */
	since = 0;
	KUNIT_EXPECT_FALSE(test,
			   vbr_loop_hold_off(t0 + 2 * IV + 1, t0, &since, IV));
	/* A hold-off long past starts again. */
	since = t0;
	KUNIT_EXPECT_TRUE(test, vbr_loop_hold_off(t0 + 10 * IV,
						  t0 + 10 * IV, &since, IV));
	KUNIT_EXPECT_EQ(test, since, t0 + 10 * IV);
	/* Across the wrap of jiffies. */
	since = 0;
	KUNIT_EXPECT_TRUE(test, vbr_loop_hold_off(5, -5UL, &since, IV));
	KUNIT_EXPECT_FALSE(test, vbr_loop_hold_off(5 + 3 * IV, 5 + 3 * IV,
						   &since, IV));
}

static void vbr_loop_test_flap_count(struct kunit *test)
{
	struct vbr_fdb_entry e = {};
	u32 now = 1000;
	int i;

	/* Three moves are allowed in a window of 100; the fourth flaps. */
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_FALSE(test, vbr_fdb_flap_count(&e, now + i, 3, 100));
	KUNIT_EXPECT_TRUE(test, vbr_fdb_flap_count(&e, now + 3, 3, 100));
	/* Once per window, however long it keeps moving. */
	KUNIT_EXPECT_FALSE(test, vbr_fdb_flap_count(&e, now + 4, 3, 100));
	KUNIT_EXPECT_FALSE(test, vbr_fdb_flap_count(&e, now + 100, 3, 100));
	/* A new window counts from zero. */
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_FALSE(test,
				   vbr_fdb_flap_count(&e, now + 101 + i, 3, 100));
	KUNIT_EXPECT_TRUE(test, vbr_fdb_flap_count(&e, now + 104, 3, 100));
	/* Moves spread wider than the window never flap. */
	e = (struct vbr_fdb_entry){};
	for (i = 0; i < 20; i++)
		KUNIT_EXPECT_FALSE(test,
				   vbr_fdb_flap_count(&e, now + i * 60, 3, 100));
	/* A limit of 0 watches nothing. */
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_FALSE(test, vbr_fdb_flap_count(&e, now, 0, 100));
}

static struct kunit_case vbr_loop_test_cases[] = {
	KUNIT_CASE(vbr_loop_test_probe_format),
	KUNIT_CASE(vbr_loop_test_probe_foreign),
	KUNIT_CASE(vbr_loop_test_hold_off),
	KUNIT_CASE(vbr_loop_test_flap_count),
	{}
};

static struct kunit_suite vbr_loop_test_suite = {
	.name = "vbr_loop",
	.test_cases = vbr_loop_test_cases,
};

kunit_test_suite(vbr_loop_test_suite);
