// SPDX-License-Identifier: GPL-2.0
/*
 * vbr storm control: token buckets that a port's floods draw from.
 *
 * The bucket holds the port's limit: credit grows by rate tokens a
 * second, from jiffies, up to burst tokens. A CPU does not take one
 * token per frame: it takes a batch under the bucket's lock and spends
 * it alone, so a frame costs a decrement of a per-CPU count and the lock
 * is taken once per batch. When the bucket is empty the CPU drops
 * frames without asking again until the next jiffy, when the credit can
 * have grown: a storm takes the lock at most HZ times a second per CPU.
 *
 * The clock is a parameter, so that KUnit can drive the arithmetic.
 */
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <kunit/visibility.h>

#include "storm.h"

void vbr_storm_init(struct vbr_storm_bucket *b)
{
	spin_lock_init(&b->lock);
	b->rate = 0;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_storm_init);

/* Small bursts take small batches: a CPU should not sit on the tokens
 * another one needs.
 */
static u32 vbr_storm_batch(u32 burst)
{
	return clamp_t(u32, burst / 8, 1, VBR_STORM_BATCH_MAX);
}

void vbr_storm_set(struct vbr_storm_bucket *b, u32 rate, u32 burst,
		   unsigned long now)
{
	spin_lock_bh(&b->lock);
	b->burst = burst;
	b->batch = vbr_storm_batch(burst);
	b->credit = (u64)burst * HZ;
	b->stamp = now;
	WRITE_ONCE(b->rate, rate);
	spin_unlock_bh(&b->lock);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_storm_set);

/* Credit for the jiffies since the last refill, up to the burst. */
VISIBLE_IF_KUNIT void vbr_storm_refill(struct vbr_storm_bucket *b,
				       unsigned long now)
{
	unsigned long elapsed = now - b->stamp;
	u64 cap = (u64)b->burst * HZ, add;

	b->stamp = now;
	if (b->credit >= cap)
		return;
	/* u32 by u32 fits in u64; anything longer fills the bucket. */
	add = (u64)min_t(unsigned long, elapsed, U32_MAX) * b->rate;
	if (add >= cap - b->credit)
		b->credit = cap;
	else
		b->credit += add;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_storm_refill);

/* Up to a batch of whole tokens out of the bucket. Under b->lock. */
VISIBLE_IF_KUNIT u32 vbr_storm_take(struct vbr_storm_bucket *b,
				    unsigned long now)
{
	u64 have;
	u32 n;

	vbr_storm_refill(b, now);
	have = div_u64(b->credit, HZ);
	n = min_t(u64, have, b->batch);
	b->credit -= (u64)n * HZ;
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_storm_take);

bool vbr_storm_admit_slow(struct vbr_storm_bucket *b, struct vbr_storm_cpu *c,
			  unsigned long now)
{
	u32 n;

	/* Empty at this very jiffy: nothing can have come in since. (An
	 * equality, so that neither wrapping nor a zeroed start matters.)
	 */
	if (c->retry == now + 1)
		return false;
	spin_lock(&b->lock);
	n = vbr_storm_take(b, now);
	spin_unlock(&b->lock);
	if (!n) {
		c->retry = now + 1;
		return false;
	}
	c->tokens = n - 1;
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_storm_admit_slow);
