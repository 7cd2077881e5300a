// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of storm control's token buckets, on a clock the test
 * drives: the burst, the rate in whole and fractional tokens, the cap,
 * long idle times, batches taken by CPUs that share a bucket, and a CPU
 * that found the bucket empty not asking again within the same jiffy.
 */
#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/jiffies.h>

#include "../storm.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

/* Any start will do; one far from 0 shows that nothing assumes 0. */
#define T0	((unsigned long)-5000)

static struct vbr_storm_bucket *bucket(struct kunit *test, u32 rate,
				       u32 burst)
{
	struct vbr_storm_bucket *b = kunit_kzalloc(test, sizeof(*b),
						   GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	vbr_storm_init(b);
	vbr_storm_set(b, rate, burst, T0);
	return b;
}

/* Frames one CPU lets through out of n at time now, BH off as in the
 * datapath (the bucket lock is taken in softirq there).
 */
static u32 pass(struct vbr_storm_bucket *b, struct vbr_storm_cpu *c,
		u32 n, unsigned long now)
{
	u32 ok = 0;

	local_bh_disable();
	while (n--)
		ok += vbr_storm_admit(b, c, now);
	local_bh_enable();
	return ok;
}

/* Whole tokens left in the bucket, taken out at now. */
static u32 drain(struct vbr_storm_bucket *b, unsigned long now)
{
	u32 n, total = 0;

	do {
		n = vbr_storm_take(b, now);
		total += n;
	} while (n);
	return total;
}

static void vbr_storm_test_burst(struct kunit *test)
{
	struct vbr_storm_bucket *b = bucket(test, 1, 50);
	struct vbr_storm_cpu c = {};

	/* 10,000 frames at one instant: the burst and nothing more. */
	KUNIT_EXPECT_EQ(test, pass(b, &c, 10000, T0), 50);
	KUNIT_EXPECT_EQ(test, c.tokens, 0);
	KUNIT_EXPECT_EQ(test, b->credit, 0);
}

static void vbr_storm_test_batches(struct kunit *test)
{
	struct vbr_storm_bucket *b = bucket(test, 1000, 1000);

	/* A CPU takes a batch, never more than the bucket holds. */
	KUNIT_EXPECT_EQ(test, b->batch, VBR_STORM_BATCH_MAX);
	KUNIT_EXPECT_EQ(test, vbr_storm_take(b, T0), VBR_STORM_BATCH_MAX);
	KUNIT_EXPECT_EQ(test, drain(b, T0), 1000 - VBR_STORM_BATCH_MAX);
	/* Small bursts, small batches. */
	b = bucket(test, 10, 50);
	KUNIT_EXPECT_EQ(test, b->batch, 6);
	b = bucket(test, 10, 3);
	KUNIT_EXPECT_EQ(test, b->batch, 1);
	KUNIT_EXPECT_EQ(test, drain(b, T0), 3);
}

static void vbr_storm_test_rate(struct kunit *test)
{
	struct vbr_storm_bucket *b = bucket(test, 100, 1000);

	KUNIT_EXPECT_EQ(test, drain(b, T0), 1000);
	/* One second: the rate. */
	KUNIT_EXPECT_EQ(test, drain(b, T0 + HZ), 100);
	/* Half a second, then the rest of the second: exact over the
	 * second, since the credit keeps fractions of a token.
	 */
	KUNIT_EXPECT_EQ(test, drain(b, T0 + HZ + HZ / 2), 100 * (HZ / 2) / HZ);
	KUNIT_EXPECT_EQ(test, drain(b, T0 + 2 * HZ),
			100 - 100 * (HZ / 2) / HZ);
	/* Nothing more within the same jiffy. */
	KUNIT_EXPECT_EQ(test, drain(b, T0 + 2 * HZ), 0);
}

static void vbr_storm_test_fractions(struct kunit *test)
{
	struct vbr_storm_bucket *b = bucket(test, 1, 1);
	unsigned long t;
	u32 got = 0;

	KUNIT_EXPECT_EQ(test, drain(b, T0), 1);
	/* One token a second, though each jiffy brings 1/HZ of one. */
	for (t = T0 + 1; t < T0 + HZ; t++)
		got += drain(b, t);
	KUNIT_EXPECT_EQ(test, got, 0);
	KUNIT_EXPECT_EQ(test, drain(b, T0 + HZ), 1);
	/* Three seconds in jiffy steps: three tokens, none lost. */
	for (t = T0 + HZ + 1; t <= T0 + 4 * HZ; t++)
		got += drain(b, t);
	KUNIT_EXPECT_EQ(test, got, 3);
}

static void vbr_storm_test_cap(struct kunit *test)
{
	struct vbr_storm_bucket *b = bucket(test, 10, 20);

	KUNIT_EXPECT_EQ(test, drain(b, T0), 20);
	/* Ten seconds of quiet fill the bucket, and no more. */
	KUNIT_EXPECT_EQ(test, drain(b, T0 + 10 * HZ), 20);
	/* Longer than a u32 of jiffies: full, no overflow. */
	KUNIT_EXPECT_EQ(test, drain(b, T0 + 10 * HZ + (1UL << 33)), 20);
	/* The largest limits: the arithmetic stays within u64. */
	b = bucket(test, U32_MAX, U32_MAX);
	KUNIT_EXPECT_EQ(test, vbr_storm_take(b, T0), VBR_STORM_BATCH_MAX);
	vbr_storm_refill(b, T0 + (1UL << 40));
	KUNIT_EXPECT_EQ(test, b->credit, (u64)U32_MAX * HZ);
}

static void vbr_storm_test_two_cpus(struct kunit *test)
{
	struct vbr_storm_bucket *b = bucket(test, 10, 50);
	struct vbr_storm_cpu c0 = {}, c1 = {};
	u32 ok = 0;
	int i;

	/* Frames alternate between two CPUs: together, the burst. */
	for (i = 0; i < 1000; i++)
		ok += pass(b, i & 1 ? &c1 : &c0, 1, T0);
	KUNIT_EXPECT_EQ(test, ok, 50);
	/* A second later each may have a part of the rate, 10 in all. */
	ok = 0;
	for (i = 0; i < 1000; i++)
		ok += pass(b, i & 1 ? &c1 : &c0, 1, T0 + HZ);
	KUNIT_EXPECT_EQ(test, ok, 10);
	/* Tokens a CPU took and did not spend are not lost: it spends
	 * them later, and the bucket never gives more than it had.
	 */
	KUNIT_EXPECT_EQ(test, pass(b, &c0, 3, T0 + 2 * HZ), 3);
	KUNIT_EXPECT_EQ(test, c0.tokens + c1.tokens + drain(b, T0 + 2 * HZ),
			7);
}

static void vbr_storm_test_empty_waits(struct kunit *test)
{
	struct vbr_storm_bucket *b = bucket(test, 1000, 10);
	struct vbr_storm_cpu c = {};

	KUNIT_EXPECT_EQ(test, pass(b, &c, 100, T0), 10);
	/* The limit set again refills the bucket, but a CPU that found it
	 * empty at this jiffy does not look again before the next one.
	 */
	vbr_storm_set(b, 1000, 10, T0);
	KUNIT_EXPECT_EQ(test, pass(b, &c, 1, T0), 0);
	KUNIT_EXPECT_EQ(test, pass(b, &c, 100, T0 + 1), 10);
	/* Another CPU was not waiting. */
	vbr_storm_set(b, 1000, 10, T0 + 1);
	KUNIT_EXPECT_EQ(test, pass(b, &c, 1, T0 + 1), 0);
	{
		struct vbr_storm_cpu other = {};

		KUNIT_EXPECT_EQ(test, pass(b, &other, 100, T0 + 1), 10);
	}
}

static struct kunit_case vbr_storm_test_cases[] = {
	KUNIT_CASE(vbr_storm_test_burst),
	KUNIT_CASE(vbr_storm_test_batches),
	KUNIT_CASE(vbr_storm_test_rate),
	KUNIT_CASE(vbr_storm_test_fractions),
	KUNIT_CASE(vbr_storm_test_cap),
	KUNIT_CASE(vbr_storm_test_two_cpus),
	KUNIT_CASE(vbr_storm_test_empty_waits),
	{}
};

static struct kunit_suite vbr_storm_test_suite = {
	.name = "vbr_storm",
	.test_cases = vbr_storm_test_cases,
};

kunit_test_suite(vbr_storm_test_suite);
