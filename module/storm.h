/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Storm control: per-port limits, in frames per second with a burst, on
 * the floods a port sends into the bridge (broadcast, multicast, unknown
 * unicast). A token bucket per port and class holds the limit; each CPU
 * takes tokens from it a batch at a time and spends them without a lock
 * or an atomic (see Documentation/design.md, "Storm control").
 */
#ifndef _VBR_STORM_H
#define _VBR_STORM_H

#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include <linux/types.h>

enum vbr_storm_class {
	VBR_STORM_BCAST,
	VBR_STORM_MCAST,	/* multicast: vbr knows no group, all unknown */
	VBR_STORM_UCAST,	/* unknown unicast */
	VBR_STORM_NCLASS
};

/* Most tokens a CPU takes at a time; fewer for small bursts. */
#define VBR_STORM_BATCH_MAX	64

/* The port's bucket of one class. */
struct vbr_storm_bucket {
	spinlock_t lock;	/* the fields below but rate */
	u32 rate;		/* frames per second, 0: no limit; RTNL */
	u32 burst;		/* most tokens it holds */
	u32 batch;		/* tokens a CPU takes at a time */
	u64 credit;		/* tokens, in 1/HZ of a token */
	unsigned long stamp;	/* jiffies credit was last brought up to */
};

/* A CPU's tokens of one bucket, spent by that CPU alone (BH off). */
struct vbr_storm_cpu {
	u32 tokens;		/* taken from the bucket, not spent yet */
	unsigned long retry;	/* found empty at jiffy retry - 1 */
};

void vbr_storm_init(struct vbr_storm_bucket *b);
/* A new limit (rate 0: none), with the bucket full. RTNL. */
void vbr_storm_set(struct vbr_storm_bucket *b, u32 rate, u32 burst,
		   unsigned long now);
/* Whether a frame may pass at time now, when the CPU has no token. */
bool vbr_storm_admit_slow(struct vbr_storm_bucket *b, struct vbr_storm_cpu *c,
			  unsigned long now);

#if IS_ENABLED(CONFIG_KUNIT)
void vbr_storm_refill(struct vbr_storm_bucket *b, unsigned long now);
u32 vbr_storm_take(struct vbr_storm_bucket *b, unsigned long now);
#endif

/* Whether a frame of the bucket's class may pass: one CPU's token. */
static inline bool vbr_storm_admit(struct vbr_storm_bucket *b,
				   struct vbr_storm_cpu *c, unsigned long now)
{
	if (likely(c->tokens)) {
		c->tokens--;
		return true;
	}
	return vbr_storm_admit_slow(b, c, now);
}

#endif /* _VBR_STORM_H */
