// SPDX-License-Identifier: GPL-2.0
/*
 * vbr FDB: an rhashtable of {MAC, VLAN} -> port index.
 *
 * Readers never lock. fdb->lock serialises the writers (learning a new
 * MAC, a move, a delete) and guards the learned counters. Entries are
 * freed after an RCU grace period.
 */
#include <linux/jhash.h>
#include <linux/rhashtable.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "bridge.h"
#include "compat.h"
#include "fdb.h"
#include "event.h"
#include "loop.h"
#include "port.h"
#include "vlan.h"

/* One cache line per entry, whatever VLANs a MAC is learned in. */
static_assert(sizeof(struct vbr_fdb_entry) <= 64);

#define VBR_FDB_GC_MIN	(HZ / 10)
/* Buckets a dump walks between chances to yield the CPU. */
#define VBR_FDB_WALK_BATCH	1024

static struct kmem_cache *vbr_fdb_cache __read_mostly;
/* Frees what sweeps deleted, off the CPU that swept. */
static struct workqueue_struct *vbr_fdb_wq __read_mostly;

/*
 * The key is 8 bytes: hashed as two 32-bit words and compared as one
 * 64-bit word, inline in every lookup. rhashtable's defaults would call
 * out for the hash, and call memcmp() with the table's key length.
 */
static_assert(sizeof(struct vbr_fdb_key) == sizeof(u64) &&
	      __alignof__(struct vbr_fdb_key) == sizeof(u64));

static __always_inline u32 vbr_fdb_hash(const void *key, u32 len, u32 seed)
{
	return jhash2(key, sizeof(u64) / sizeof(u32), seed);
}

static __always_inline int vbr_fdb_cmp(struct rhashtable_compare_arg *arg,
				       const void *obj)
{
	const struct vbr_fdb_entry *e = obj;

	return *(const u64 *)&e->key != *(const u64 *)arg->key;
}

static const struct rhashtable_params vbr_fdb_params = {
	.head_offset = offsetof(struct vbr_fdb_entry, node),
	.key_offset = offsetof(struct vbr_fdb_entry, key),
	.key_len = sizeof(struct vbr_fdb_key),
	.hashfn = vbr_fdb_hash,
	.obj_cmpfn = vbr_fdb_cmp,
	.automatic_shrinking = true,
	/* Keeps bucket numbers within a dump position (8M entries). */
	.max_size = 1U << VBR_FDB_POS_BUCKET_BITS,
};

int vbr_fdb_global_init(void)
{
	vbr_fdb_cache = kmem_cache_create("vbr_fdb_entry",
					  sizeof(struct vbr_fdb_entry),
					  0, 0, NULL);
	if (!vbr_fdb_cache)
		return -ENOMEM;
	vbr_fdb_wq = alloc_workqueue("vbr_fdb", WQ_UNBOUND, 0);
	if (!vbr_fdb_wq) {
		kmem_cache_destroy(vbr_fdb_cache);
		return -ENOMEM;
	}
	return 0;
}

void vbr_fdb_global_exit(void)
{
	/* Entries still waiting in call_rcu, or in a batch whose grace
	 * period ended, must be freed first.
	 */
	rcu_barrier();
	destroy_workqueue(vbr_fdb_wq);
	kmem_cache_destroy(vbr_fdb_cache);
}

static void vbr_fdb_free_rcu(struct rcu_head *head)
{
	kmem_cache_free(vbr_fdb_cache,
			container_of(head, struct vbr_fdb_entry, rcu));
}

static bool vbr_fdb_is_dynamic(const struct vbr_fdb_entry *e)
{
	return !(READ_ONCE(e->flags) & (VBR_FDB_STATIC | VBR_FDB_LOCAL));
}

/* Caller holds fdb->lock and is inside an RCU read-side section. */
static struct vbr_port *vbr_fdb_port(struct vbr_bridge *br, u16 idx)
{
	return idx ? rcu_dereference(br->port_tab[idx]) : NULL;
}

/*
 * The current table: under RCU for a lookup, under fdb->lock to change
 * it, under sweep_lock to walk it with no swap meanwhile.
 */
static struct rhashtable *vbr_fdb_ht(struct vbr_bridge *br)
{
	return &rcu_dereference_check(br->fdb.tbl,
				      lockdep_is_held(&br->fdb.lock) ||
				      lockdep_is_held(&br->fdb.sweep_lock))->ht;
}

static void vbr_fdb_account(struct vbr_bridge *br, u16 idx, int delta)
{
	struct vbr_port *p = vbr_fdb_port(br, idx);

	WRITE_ONCE(br->fdb.learned, br->fdb.learned + delta);
	if (p)
		WRITE_ONCE(p->learned, p->learned + delta);
}

/* Out of the counters, and dead, once out of the table. */
static void vbr_fdb_uncount(struct vbr_bridge *br, struct vbr_fdb_entry *e)
{
	if (vbr_fdb_is_dynamic(e))
		vbr_fdb_account(br, e->port, -1);
	else if (!(e->flags & VBR_FDB_LOCAL))
		br->fdb.statics--;
	WRITE_ONCE(e->flags, e->flags | VBR_FDB_DEAD);
}

/* Out of the table and the counters; the caller frees it after RCU. */
static void vbr_fdb_unhash(struct vbr_bridge *br, struct vbr_fdb_entry *e)
{
	lockdep_assert_held(&br->fdb.lock);

	rhashtable_remove_fast(vbr_fdb_ht(br), &e->node, vbr_fdb_params);
	vbr_fdb_uncount(br, e);
}

static void vbr_fdb_unlink(struct vbr_bridge *br, struct vbr_fdb_entry *e)
{
	vbr_fdb_unhash(br, e);
	call_rcu(&e->rcu, vbr_fdb_free_rcu);
}

struct vbr_fdb_entry *vbr_fdb_find(struct vbr_bridge *br, const u8 *addr,
				   u16 vid)
{
	struct vbr_fdb_key key;

	ether_addr_copy(key.addr, addr);
	key.vid = vid;
	return rhashtable_lookup(vbr_fdb_ht(br), &key, vbr_fdb_params);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_fdb_find);

static struct vbr_fdb_entry *vbr_fdb_alloc(const u8 *addr, u16 vid,
					   u16 port, u16 flags, gfp_t gfp)
{
	struct vbr_fdb_entry *e = kmem_cache_alloc(vbr_fdb_cache, gfp);

	if (!e)
		return NULL;
	ether_addr_copy(e->key.addr, addr);
	e->key.vid = vid;
	e->updated = (u32)jiffies;
	e->port = port;
	e->flags = flags;
	return e;
}

static bool vbr_fdb_full(struct vbr_bridge *br, struct vbr_port *p)
{
	u32 bmax = READ_ONCE(br->fdb.max_learned);
	u32 pmax = READ_ONCE(p->max_learned);

	return (bmax && READ_ONCE(br->fdb.learned) >= bmax) ||
	       (pmax && READ_ONCE(p->learned) >= pmax);
}

static void vbr_fdb_create(struct vbr_bridge *br, struct vbr_port *p,
			   const u8 *addr, u16 vid, u16 flags)
{
	struct vbr_fdb_entry *e;
	int err;

	/* Checked before locking so that a flood of random source MACs
	 * past the limit costs no lock and no allocation.
	 */
	if (vbr_fdb_full(br, p))
		goto limit;
	e = vbr_fdb_alloc(addr, vid, p->idx, flags, GFP_ATOMIC);
	if (!e)
		return;

	spin_lock(&br->fdb.lock);
	if (vbr_fdb_full(br, p)) {
		spin_unlock(&br->fdb.lock);
		kmem_cache_free(vbr_fdb_cache, e);
		goto limit;
	}
	err = rhashtable_lookup_insert_fast(vbr_fdb_ht(br), &e->node,
					    vbr_fdb_params);
	if (!err)
		vbr_fdb_account(br, p->idx, 1);
	spin_unlock(&br->fdb.lock);
	/* -EEXIST: another CPU learned it first; -E2BIG: the table is at
	 * its maximum size.
	 */
	if (err)
		kmem_cache_free(vbr_fdb_cache, e);
	if (err == -E2BIG)
		vbr_count_event(br, VBR_EV_LEARN_LIMIT);
	else if (!err)
		vbr_event_fdb(br, e, VBR_FDB_EV_LEARNED);
	return;
limit:
	vbr_count_event(br, VBR_EV_LEARN_LIMIT);
}

/*
 * Counts a move of e; true once per window, on the move that takes it
 * past limit. Windows are fixed, from the first move: a MAC that keeps
 * flapping is reported once per window. Under the fdb lock.
 */
VISIBLE_IF_KUNIT bool vbr_fdb_flap_count(struct vbr_fdb_entry *e, u32 now,
					 u32 limit, u32 window)
{
	if (!limit)
		return false;
	if (!e->flap_moves || now - e->flap_start > window) {
		e->flap_start = now;
		e->flap_moves = 0;
	}
	if (e->flap_moves < U16_MAX)
		e->flap_moves++;
	return e->flap_moves == limit + 1;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_fdb_flap_count);

static void vbr_fdb_move(struct vbr_bridge *br, struct vbr_fdb_entry *e,
			 struct vbr_port *to)
{
	enum vbr_fdb_ev ev = VBR_FDB_EV_NONE;
	struct vbr_fdb_key key;
	bool flap = false;
	u16 from = 0;

	spin_lock(&br->fdb.lock);
	if ((e->flags & VBR_FDB_DEAD) || !vbr_fdb_is_dynamic(e))
		goto out;
	/* Found in a table a flush has just replaced: gone already. */
	if (unlikely(vbr_fdb_find(br, e->key.addr, e->key.vid) != e))
		goto out;
	/* Still behind its port: only a locked one changes, admitted. */
	if (e->port == to->idx) {
		if (e->flags & VBR_FDB_LOCKED) {
			WRITE_ONCE(e->flags, e->flags & ~VBR_FDB_LOCKED);
			WRITE_ONCE(e->updated, (u32)jiffies);
			ev = VBR_FDB_EV_LEARNED;
		}
		goto out;
	}
	/* The destination port is full: forget the MAC rather than let
	 * moves get past the per-port limit.
	 */
	if (to->max_learned && to->learned >= to->max_learned) {
		vbr_fdb_unlink(br, e);
		vbr_count_event(br, VBR_EV_LEARN_LIMIT);
		ev = VBR_FDB_EV_DELETED;
		goto out;
	}
	vbr_fdb_account(br, e->port, -1);
	/* Seen on an unlocked port now: no longer waiting for admission. */
	if (e->flags & VBR_FDB_LOCKED)
		WRITE_ONCE(e->flags, e->flags & ~VBR_FDB_LOCKED);
	from = e->port;
	WRITE_ONCE(e->port, to->idx);
	vbr_fdb_account(br, e->port, 1);
	WRITE_ONCE(e->updated, (u32)jiffies);
	vbr_count_event(br, VBR_EV_MOVE);
	ev = VBR_FDB_EV_MOVED;
	flap = vbr_fdb_flap_count(e, (u32)jiffies,
				  READ_ONCE(br->fdb.flap_limit),
				  READ_ONCE(br->fdb.flap_window));
	if (flap)
		key = e->key;
out:
	spin_unlock(&br->fdb.lock);
	vbr_event_fdb(br, e, ev);
	if (flap)
		vbr_loop_mac_flap(br, &key, from, to);
}

void vbr_fdb_learn(struct vbr_bridge *br, struct vbr_port *p,
		   const u8 *addr, u16 vid)
{
	struct vbr_fdb_entry *e = vbr_fdb_find(br, addr, vid);
	u16 flags;
	u32 now;

	if (unlikely(!e)) {
		vbr_fdb_create(br, p, addr, vid, 0);
		return;
	}
	flags = READ_ONCE(e->flags);
	if (unlikely(flags & (VBR_FDB_STATIC | VBR_FDB_LOCAL)))
		return;
	/* A locked entry seen through an unlocked port is admitted, even
	 * one made by a frame in flight while the port was unlocked.
	 */
	if (unlikely(READ_ONCE(e->port) != p->idx ||
		     (flags & VBR_FDB_LOCKED))) {
		vbr_fdb_move(br, e, p);
		return;
	}
	/* Keep the cache line clean unless time actually moved. */
	now = (u32)jiffies;
	if (READ_ONCE(e->updated) != now)
		WRITE_ONCE(e->updated, now);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_fdb_learn);

/*
 * Whether locked port p admits frames from addr: only through an entry
 * that puts addr behind p and is neither the bridge's nor locked. An
 * unknown addr gets a locked entry when the port does MAB, a locked one
 * is refreshed; neither admits. Under RCU.
 */
bool vbr_fdb_admits(struct vbr_bridge *br, struct vbr_port *p,
		    const u8 *addr, u16 vid, bool mab)
{
	struct vbr_fdb_entry *e = vbr_fdb_find(br, addr, vid);
	u16 flags;
	u32 now;

	if (!e) {
		if (mab)
			vbr_fdb_create(br, p, addr, vid, VBR_FDB_LOCKED);
		return false;
	}
	flags = READ_ONCE(e->flags);
	if (READ_ONCE(e->port) != p->idx || (flags & VBR_FDB_LOCAL))
		return false;
	now = (u32)jiffies;
	if (!(flags & VBR_FDB_STATIC) && READ_ONCE(e->updated) != now)
		WRITE_ONCE(e->updated, now);
	return !(flags & VBR_FDB_LOCKED);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_fdb_admits);

/* Entries a sweep unlinked, freed together after one grace period. */
#define VBR_FDB_REAP_MAX	240
struct vbr_fdb_reap {
	struct rcu_work rwork;
	unsigned int n;
	void *e[VBR_FDB_REAP_MAX];
};

struct vbr_fdb_sweep {
	struct vbr_bridge *br;
	int (*fn)(const struct vbr_fdb_entry *e, void *arg);
	void *arg;
	enum vbr_fdb_ev ev;
	unsigned int removed;
	struct vbr_fdb_reap *reap;
};

/* kmem_cache_free_bulk() would search the batch for objects sharing a
 * slab, which costs more than it saves: hashing scattered them.
 */
static void vbr_fdb_reap_free(struct work_struct *work)
{
	struct vbr_fdb_reap *r = container_of(to_rcu_work(work),
					      struct vbr_fdb_reap, rwork);
	unsigned int i;

	for (i = 0; i < r->n; i++)
		kmem_cache_free(vbr_fdb_cache, r->e[i]);
	kfree(r);
}

/* A new batch; without one, entries are freed one by one. */
static void vbr_fdb_reap_start(struct vbr_fdb_sweep *s)
{
	s->reap = kmalloc(sizeof(*s->reap), GFP_KERNEL);
	if (s->reap)
		s->reap->n = 0;
}

/* Notify what the batch holds, then free it after a grace period. */
static void vbr_fdb_reap_end(struct vbr_fdb_sweep *s)
{
	struct vbr_fdb_reap *r = s->reap;
	unsigned int i;

	s->reap = NULL;
	if (!r)
		return;
	if (!r->n) {
		kfree(r);
		return;
	}
	if (s->ev && vbr_event_fdb_listened(s->br)) {
		rcu_read_lock();
		for (i = 0; i < r->n; i++)
			vbr_event_fdb(s->br, r->e[i], s->ev);
		rcu_read_unlock();
	}
	INIT_RCU_WORK(&r->rwork, vbr_fdb_reap_free);
	queue_rcu_work(vbr_fdb_wq, &r->rwork);
}

/* Caller holds fdb->lock. */
static void vbr_fdb_sweep_unlink(struct vbr_fdb_sweep *s,
				 struct vbr_fdb_entry *e)
{
	struct vbr_fdb_reap *r = s->reap;
	struct vbr_bridge *br = s->br;

	s->removed++;
	if (r && r->n < VBR_FDB_REAP_MAX) {
		vbr_fdb_unhash(br, e);
		r->e[r->n++] = e;
		return;
	}
	/* No batch to put it in: free it on its own. */
	vbr_fdb_unlink(br, e);
	vbr_event_fdb(br, e, s->ev);
}

/* The table was replaced, or is being, since tbl was read: entries may
 * have moved to buckets a walk of tbl does not reach. Under RCU.
 */
static bool vbr_fdb_tbl_changed(struct rhashtable *ht,
				struct bucket_table *tbl)
{
	return rht_dereference_rcu(ht->tbl, ht) != tbl ||
	       rcu_access_pointer(tbl->future_tbl);
}

/* Buckets visited under one hold of fdb->lock. */
#define VBR_FDB_SWEEP_BUCKETS	128
/* Passes after which a sweep gives up chasing a table being resized. */
#define VBR_FDB_SWEEP_PASSES	8

/*
 * One pass over the buckets of the current table. Returns 1 when the
 * table was resized meanwhile (another pass is needed), 0, or fn's
 * negative error.
 */
static __always_inline int vbr_fdb_sweep_pass(struct vbr_fdb_sweep *s)
{
	struct rhashtable *ht = vbr_fdb_ht(s->br);
	struct bucket_table *tbl;
	struct vbr_fdb_entry *e;
	struct rhash_head *pos;
	unsigned int b = 0, end;
	int ret = 0;

	rcu_read_lock();
	tbl = rht_dereference_rcu(ht->tbl, ht);
	while (b < tbl->size) {
		end = min(b + VBR_FDB_SWEEP_BUCKETS, tbl->size);
		spin_lock_bh(&s->br->fdb.lock);
		for (; b < end && ret >= 0; b++) {
			rht_for_each_entry_rcu(e, pos, tbl, b, node) {
				if (e->flags & VBR_FDB_DEAD)
					continue;
				ret = s->fn(e, s->arg);
				if (ret < 0)
					break;
				if (ret > 0)
					vbr_fdb_sweep_unlink(s, e);
			}
		}
		spin_unlock_bh(&s->br->fdb.lock);
		if (ret < 0)
			break;
		ret = 0;
		if (!s->reap ||
		    s->reap->n > VBR_FDB_REAP_MAX / 2 ||
		    need_resched()) {
			rcu_read_unlock();
			vbr_fdb_reap_end(s);
			cond_resched();
			vbr_fdb_reap_start(s);
			rcu_read_lock();
			/* tbl may be gone; a new pass starts on its successor. */
			if (rht_dereference_rcu(ht->tbl, ht) != tbl) {
				ret = 1;
				break;
			}
		}
	}
	if (!ret && vbr_fdb_tbl_changed(ht, tbl))
		ret = 1;
	rcu_read_unlock();
	return ret;
}

/*
 * Each shrink of the table rehashes every entry left, so a sweep that
 * deletes most of them would pay for several rehashes of what it is
 * about to delete anyway. Shrinking waits while the sweep runs; at its
 * end, rhashtable's worker is asked for a single shrink, to size.
 */
static void vbr_fdb_hold_shrink(struct vbr_bridge *br, bool hold)
{
	struct rhashtable *ht = vbr_fdb_ht(br);

	lockdep_assert_held(&br->fdb.sweep_lock);
	WRITE_ONCE(ht->p.automatic_shrinking, !hold);
	if (!hold)
		schedule_work(&ht->run_work);
}

/*
 * Visit every entry under fdb->lock, a group of buckets at a time. fn
 * returns 0 to keep the entry, 1 to delete it, or a negative error to
 * stop. A deletion is announced as ev (VBR_FDB_EV_NONE: not at all).
 * Returns how many were deleted, or fn's error. Process context. Inlined
 * in each caller, so that fn is a direct call on the hot loop.
 */
static __always_inline int
vbr_fdb_sweep(struct vbr_bridge *br,
	      int (*fn)(const struct vbr_fdb_entry *e, void *arg),
	      void *arg, enum vbr_fdb_ev ev)
{
	struct vbr_fdb_sweep s = { .br = br, .fn = fn, .arg = arg, .ev = ev };
	unsigned int pass = 0;
	int ret;

	BUILD_BUG_ON(sizeof(struct vbr_fdb_reap) > 2048);
	mutex_lock(&br->fdb.sweep_lock);
	vbr_fdb_hold_shrink(br, true);
	do {
		/* A resize under way moves entries to a table this pass
		 * cannot see until it ends: let rhashtable's worker finish.
		 */
		if (pass)
			flush_work(&vbr_fdb_ht(br)->run_work);
		cond_resched();
		vbr_fdb_reap_start(&s);
		ret = vbr_fdb_sweep_pass(&s);
		vbr_fdb_reap_end(&s);
	} while (ret > 0 && ++pass < VBR_FDB_SWEEP_PASSES);
	vbr_fdb_hold_shrink(br, false);
	mutex_unlock(&br->fdb.sweep_lock);
	return ret < 0 ? ret : s.removed;
}

/*
 * A dump's walk, resumable without holding anything between calls: the
 * position is a bucket. fn fills skb; when it stops (non-zero) inside a
 * bucket, skb is cut back to where the bucket began and the next call
 * sends the bucket whole, so that an insert or delete in it between two
 * calls neither repeats nor skips an entry. Only a bucket that does not
 * fit in an empty message resumes inside it, by a count of its entries,
 * and flags *changed. *changed is also set when the table was resized
 * since pos was taken or during the walk. Returns 0 at the end, or what
 * fn returned. Buckets fit in VBR_FDB_POS_BUCKET_BITS (the table's
 * max_size).
 */
int vbr_fdb_dump_walk(struct vbr_bridge *br, struct vbr_fdb_pos *pos,
		      bool *changed, struct sk_buff *skb,
		      int (*fn)(const struct vbr_fdb_entry *e, void *arg),
		      void *arg)
{
	u32 b = pos->cursor >> VBR_FDB_POS_SKIP_BITS;
	u32 skip = pos->cursor & VBR_FDB_POS_SKIP_MAX;
	struct bucket_table *tbl;
	struct rhashtable *ht;
	struct vbr_fdb_entry *e;
	struct rhash_head *node;
	unsigned int n = 0, mark;
	int ret = 0;
	u32 i;

	rcu_read_lock();
	ht = vbr_fdb_ht(br);
	tbl = rht_dereference_rcu(ht->tbl, ht);
	if (pos->cursor && pos->gen != tbl->hash_rnd)
		*changed = true;
	pos->gen = tbl->hash_rnd;
	for (; b < tbl->size; b++, skip = 0) {
		mark = skb->len;
		i = 0;
		rht_for_each_entry_rcu(e, node, tbl, b, node) {
			if (i++ < skip || (READ_ONCE(e->flags) & VBR_FDB_DEAD))
				continue;
			ret = fn(e, arg);
			if (!ret)
				continue;
			if (mark || skb->len == mark) {
				skb_trim(skb, mark);
				pos->cursor = b << VBR_FDB_POS_SKIP_BITS | skip;
			} else {
				/* Alone in the message and still too big. */
				pos->cursor = b << VBR_FDB_POS_SKIP_BITS |
					      min(i - 1, VBR_FDB_POS_SKIP_MAX);
				*changed = true;
			}
			goto out;
		}
		/* A filtered dump may cross the whole table in one call. */
		if (++n % VBR_FDB_WALK_BATCH == 0 && need_resched()) {
			rcu_read_unlock();
			cond_resched();
			rcu_read_lock();
			if (vbr_fdb_ht(br) != ht ||
			    rht_dereference_rcu(ht->tbl, ht) != tbl) {
				/* Carry on in the new table, from the same
				 * bucket number: the dump is flagged.
				 */
				*changed = true;
				ht = vbr_fdb_ht(br);
				tbl = rht_dereference_rcu(ht->tbl, ht);
				pos->gen = tbl->hash_rnd;
			}
		}
	}
	pos->cursor = 0;
out:
	if (vbr_fdb_ht(br) != ht || vbr_fdb_tbl_changed(ht, tbl))
		*changed = true;
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_fdb_dump_walk);

/*
 * A consistency check for tests: under the locks, the dynamic entries
 * naming each port index, and each published port's learned count.
 * Returns -EAGAIN if the table was being resized.
 */
int vbr_fdb_audit(struct vbr_bridge *br, struct vbr_fdb_audit *a)
{
	struct rhashtable *ht;
	struct bucket_table *tbl;
	struct vbr_fdb_entry *e;
	struct rhash_head *node;
	struct vbr_port *p;
	int ret = 0;
	u32 b, i;

	memset(a, 0, sizeof(*a));
	mutex_lock(&br->fdb.sweep_lock);
	rcu_read_lock();
	spin_lock_bh(&br->fdb.lock);
	ht = vbr_fdb_ht(br);
	tbl = rht_dereference_rcu(ht->tbl, ht);
	for (b = 0; b < tbl->size; b++) {
		rht_for_each_entry_rcu(e, node, tbl, b, node) {
			if (!vbr_fdb_is_dynamic(e))
				continue;
			a->entries[e->port]++;
			a->total++;
		}
	}
	for (i = 1; i < VBR_MAX_PORTS; i++) {
		p = rcu_dereference(br->port_tab[i]);
		if (p) {
			a->published[i] = true;
			a->learned[i] = p->learned;
		}
	}
	a->bridge_learned = br->fdb.learned;
	if (vbr_fdb_tbl_changed(ht, tbl))
		ret = -EAGAIN;
	spin_unlock_bh(&br->fdb.lock);
	rcu_read_unlock();
	mutex_unlock(&br->fdb.sweep_lock);
	return ret;
}

struct vbr_fdb_gc_ctx {
	u32 now;
	unsigned long ageing;
	unsigned long next;
};

static int vbr_fdb_gc_one(const struct vbr_fdb_entry *e, void *arg)
{
	struct vbr_fdb_gc_ctx *ctx = arg;
	s32 delta;
	u32 age;

	if (!vbr_fdb_is_dynamic(e))
		return 0;
	/* Refreshed after this sweep read the clock: it is fresh. */
	delta = (s32)(ctx->now - READ_ONCE(e->updated));
	age = delta > 0 ? delta : 0;
	if (age >= ctx->ageing)
		return 1;
	ctx->next = min(ctx->next, ctx->ageing - age);
	return 0;
}

/* One ageing sweep as of now; returns the delay until the next one. */
unsigned long vbr_fdb_age(struct vbr_bridge *br, u32 now)
{
	struct vbr_fdb_gc_ctx ctx = {
		.now = now,
		.ageing = READ_ONCE(br->fdb.ageing_time),
	};

	if (!ctx.ageing)
		return 0;
	ctx.next = ctx.ageing;
	vbr_fdb_sweep(br, vbr_fdb_gc_one, &ctx, VBR_FDB_EV_AGED);
	return max_t(unsigned long, ctx.next, VBR_FDB_GC_MIN);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_fdb_age);

static void vbr_fdb_gc(struct work_struct *work)
{
	struct vbr_fdb *fdb = container_of(to_delayed_work(work),
					   struct vbr_fdb, gc);
	struct vbr_bridge *br = container_of(fdb, struct vbr_bridge, fdb);
	unsigned long next = vbr_fdb_age(br, (u32)jiffies);

	if (next)
		queue_delayed_work(system_power_efficient_wq, &fdb->gc, next);
}

void vbr_fdb_set_ageing(struct vbr_bridge *br, unsigned long ageing)
{
	WRITE_ONCE(br->fdb.ageing_time, ageing);
	/* Re-evaluate at once: a shorter time may expire entries now. */
	if (ageing)
		mod_delayed_work(system_power_efficient_wq, &br->fdb.gc, 0);
	else
		cancel_delayed_work(&br->fdb.gc);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_fdb_set_ageing);

/* MAC-flap watch: limit 0 turns it off. Under RTNL. */
void vbr_fdb_set_flap(struct vbr_bridge *br, u32 limit, u32 window_s,
		      bool block)
{
	WRITE_ONCE(br->fdb.flap_limit, limit);
	WRITE_ONCE(br->fdb.flap_window, window_s * HZ);
	WRITE_ONCE(br->fdb.flap_block, block);
}

/*
 * Adds a static entry (or, with VBR_FDB_LOCAL, the bridge's own); every
 * path that adds one comes here for its checks and messages.
 */
/* One key of a static add: its new entry, and the entry it replaces. */
struct vbr_fdb_put {
	struct vbr_fdb_entry *e;
	struct vbr_fdb_entry *old;
};

/* An entry per key of put[0..n), all or none; events after the lock. */
static int vbr_fdb_put_all(struct vbr_bridge *br, struct vbr_fdb_put *put,
			   unsigned int n, bool replace,
			   struct netlink_ext_ack *extack)
{
	struct vbr_fdb_entry *old = NULL;
	struct rhashtable *ht;
	unsigned int i;
	bool own;
	int err = 0;

	rcu_read_lock();
	spin_lock_bh(&br->fdb.lock);
	ht = vbr_fdb_ht(br);
	for (i = 0; i < n; i++) {
		old = vbr_fdb_find(br, put[i].e->key.addr, put[i].e->key.vid);
		if (old && (!replace || (old->flags & VBR_FDB_LOCAL))) {
			err = -EEXIST;
			goto unlock;
		}
		put[i].old = old;
	}
	/* New keys first: only their insertion can fail, and then they go
	 * again before anything was announced.
	 */
	for (i = 0; i < n && !err; i++) {
		if (put[i].old)
			continue;
		err = rhashtable_lookup_insert_fast(ht, &put[i].e->node,
						    vbr_fdb_params);
		if (!err && !(put[i].e->flags & VBR_FDB_LOCAL))
			br->fdb.statics++;
	}
	if (err) {
		/* i - 1 failed; the new keys before it are in. */
		for (i--; i--;) {
			if (put[i].old)
				continue;
			vbr_fdb_unlink(br, put[i].e);
			put[i].e = NULL;
		}
		goto unlock;
	}
	for (i = 0; i < n; i++) {
		if (!put[i].old)
			continue;
		rhashtable_replace_fast(ht, &put[i].old->node, &put[i].e->node,
					vbr_fdb_params);
		vbr_fdb_uncount(br, put[i].old);
		if (!(put[i].e->flags & VBR_FDB_LOCAL))
			br->fdb.statics++;
	}
unlock:
	spin_unlock_bh(&br->fdb.lock);
	for (i = 0; i < n && !err; i++) {
		/* A listener mirroring the FDB sees the replaced entry go
		 * first.
		 */
		if (put[i].old) {
			vbr_event_fdb(br, put[i].old, VBR_FDB_EV_DELETED);
			call_rcu(&put[i].old->rcu, vbr_fdb_free_rcu);
		}
		vbr_event_fdb(br, put[i].e, VBR_FDB_EV_ADDED);
	}
	own = err == -EEXIST && old && (old->flags & VBR_FDB_LOCAL);
	rcu_read_unlock();
	if (own)
		NL_SET_ERR_MSG(extack, "vbr: the address is the bridge's own");
	else if (err == -EEXIST)
		NL_SET_ERR_MSG(extack, "vbr: the entry exists (replace overwrites it)");
	else if (err == -E2BIG)
		NL_SET_ERR_MSG(extack, "vbr: the FDB is at its largest size");
	else if (err)
		NL_SET_ERR_MSG(extack, "vbr: the FDB entry could not be inserted");
	return err;
}

/*
 * The VLANs of a static entry, as the Linux bridge has them once
 * filtering is on: a VLAN given must be one of the port's (the bridge
 * device's, for an entry of the bridge); none given is VLAN 0 and each
 * of them. Sets *v to the set to expand, or NULL for vid alone. RTNL.
 */
static int vbr_fdb_static_vlans(struct vbr_bridge *br, u16 vid, u16 port,
				const struct vbr_vlans **v,
				struct netlink_ext_ack *extack)
{
	struct vbr_port *p = NULL;
	struct vbr_vlans *set;

	*v = NULL;
	if (!READ_ONCE(br->vlan_enabled))
		return 0;
	if (port)
		p = rtnl_dereference(br->port_tab[port]);
	set = vbr_vlans_rtnl(br, p);
	if (!vid) {
		*v = set;
		return 0;
	}
	if (vbr_vlans_has(set, vid))
		return 0;
	VBR_SET_ERR_MSG_FMT(extack, "vbr: the VLAN is not one of the port's",
			    "vbr: VLAN %u is not one of %s's", vid,
			    p ? p->dev->name : br->dev->name);
	return -EINVAL;
}

int vbr_fdb_add_static(struct vbr_bridge *br, const u8 *addr, u16 vid,
		       u16 port, u16 flags, bool replace,
		       struct netlink_ext_ack *extack)
{
	const struct vbr_vlans *v = NULL;
	struct vbr_fdb_put *put;
	unsigned int i, n = 1;
	int err;
	u16 bit;

	if (!is_valid_ether_addr(addr)) {
		NL_SET_ERR_MSG(extack, "vbr: the address must be a valid unicast MAC");
		return -EADDRNOTAVAIL;
	}
	/* The bridge's own address lives in VLAN 0 alone. */
	if (!(flags & VBR_FDB_LOCAL)) {
		err = vbr_fdb_static_vlans(br, vid, port, &v, extack);
		if (err)
			return err;
	}
	if (v)
		n += v->count;
	put = kvcalloc(n, sizeof(*put), GFP_KERNEL);
	if (!put)
		goto nomem;
	put[0].e = vbr_fdb_alloc(addr, vid, port, flags | VBR_FDB_STATIC,
				 GFP_KERNEL);
	i = 1;
	if (v)
		for_each_set_bit(bit, v->member, VLAN_N_VID)
			put[i++].e = vbr_fdb_alloc(addr, bit, port,
						   flags | VBR_FDB_STATIC,
						   GFP_KERNEL);
	for (i = 0; i < n; i++)
		if (!put[i].e)
			break;
	err = i < n ? -ENOMEM : vbr_fdb_put_all(br, put, n, replace, extack);
	if (err)
		for (i = 0; i < n; i++)
			if (put[i].e)
				kmem_cache_free(vbr_fdb_cache, put[i].e);
	kvfree(put);
	if (err != -ENOMEM)
		return err;
nomem:
	NL_SET_ERR_MSG(extack, "vbr: no memory for the FDB entry");
	return -ENOMEM;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_fdb_add_static);

/* The entry of addr in vid deleted: 0, or why not. Under RCU. */
static int vbr_fdb_delete_one(struct vbr_bridge *br, const u8 *addr, u16 vid,
			      bool only_static)
{
	struct vbr_fdb_entry *e;
	int err = 0;

	spin_lock_bh(&br->fdb.lock);
	e = vbr_fdb_find(br, addr, vid);
	if (!e)
		err = -ENOENT;
	else if (e->flags & VBR_FDB_LOCAL)
		err = -EPERM;
	else if (only_static && !(e->flags & VBR_FDB_STATIC))
		err = -ENOENT;
	else
		vbr_fdb_unlink(br, e);
	spin_unlock_bh(&br->fdb.lock);
	if (!err)
		vbr_event_fdb(br, e, VBR_FDB_EV_DELETED);
	return err;
}

int vbr_fdb_delete(struct vbr_bridge *br, const u8 *addr, u16 vid,
		   bool only_static, struct netlink_ext_ack *extack)
{
	int err;
	u16 v;

	rcu_read_lock();
	err = vbr_fdb_delete_one(br, addr, vid, only_static);
	/*
	 * Without a VLAN, as an add without one, and as the Linux bridge
	 * deletes: the entry in every VLAN too. Done if any went.
	 */
	if (!vid && err != -EPERM && READ_ONCE(br->vlan_enabled))
		for (v = 1; v <= VBR_VID_MAX; v++)
			if (vbr_fdb_find(br, addr, v) &&
			    !vbr_fdb_delete_one(br, addr, v, only_static))
				err = 0;
	rcu_read_unlock();
	if (err == -ENOENT)
		NL_SET_ERR_MSG(extack, "vbr: no such FDB entry");
	else if (err == -EPERM)
		NL_SET_ERR_MSG(extack, "vbr: the bridge's own address cannot be deleted");
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_fdb_delete);

int vbr_fdb_set_local(struct vbr_bridge *br, const u8 *old, const u8 *addr)
{
	struct vbr_fdb_entry *e;

	if (old) {
		rcu_read_lock();
		spin_lock_bh(&br->fdb.lock);
		e = vbr_fdb_find(br, old, 0);
		if (e && (e->flags & VBR_FDB_LOCAL))
			vbr_fdb_unlink(br, e);
		else
			e = NULL;
		spin_unlock_bh(&br->fdb.lock);
		if (e)
			vbr_event_fdb(br, e, VBR_FDB_EV_DELETED);
		rcu_read_unlock();
	}
	/* The bridge's own address wins over whatever was learned for it. */
	return vbr_fdb_add_static(br, addr, 0, 0, VBR_FDB_LOCAL, true, NULL);
}

struct vbr_fdb_flush_ctx {
	int port;
	int vid;
	const unsigned long *vids;	/* or these VLANs */
	u32 what;
};

static int vbr_fdb_flush_one(const struct vbr_fdb_entry *e, void *arg)
{
	struct vbr_fdb_flush_ctx *ctx = arg;
	u16 flags = READ_ONCE(e->flags);

	if (flags & VBR_FDB_LOCAL)
		return 0;
	if (ctx->port >= 0 && READ_ONCE(e->port) != ctx->port)
		return 0;
	if (ctx->vid >= 0 && e->key.vid != ctx->vid)
		return 0;
	if (ctx->vids && !test_bit(e->key.vid, ctx->vids))
		return 0;
	if (flags & VBR_FDB_STATIC)
		return !!(ctx->what & VBR_FLUSH_STATIC);
	if (flags & VBR_FDB_LOCKED)
		return !!(ctx->what & (VBR_FLUSH_DYNAMIC | VBR_FLUSH_LOCKED));
	return !!(ctx->what & VBR_FLUSH_DYNAMIC);
}

static struct vbr_fdb_tbl *vbr_fdb_tbl_new(void)
{
	struct vbr_fdb_tbl *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (t && rhashtable_init(&t->ht, &vbr_fdb_params)) {
		kfree(t);
		t = NULL;
	}
	return t;
}

static void vbr_fdb_free_now(void *ptr, void *arg)
{
	kmem_cache_free(vbr_fdb_cache, ptr);
}

static void vbr_fdb_tbl_free(struct work_struct *work)
{
	struct vbr_fdb_tbl *t = container_of(to_rcu_work(work),
					     struct vbr_fdb_tbl, free_work);

	rhashtable_free_and_destroy(&t->ht, vbr_fdb_free_now, NULL);
	kfree(t);
}

/*
 * Flush everything but the bridge's own entry by replacing the table
 * with one holding only that: the cost does not grow with the entries,
 * which are freed with the old table after a grace period. Returns how
 * many went, or -EAGAIN when a sweep must do it (the local entry is not
 * where it should be), or -ENOMEM.
 */
static int vbr_fdb_swap(struct vbr_bridge *br)
{
	struct vbr_fdb *fdb = &br->fdb;
	struct vbr_fdb_entry *local, *cur;
	struct vbr_fdb_tbl *new, *old;
	struct vbr_port *p;
	int i, n;

	new = vbr_fdb_tbl_new();
	if (!new)
		return -ENOMEM;
	local = vbr_fdb_alloc(br->dev->dev_addr, 0, 0,
			      VBR_FDB_STATIC | VBR_FDB_LOCAL, GFP_KERNEL);
	if (!local || rhashtable_insert_fast(&new->ht, &local->node,
					     vbr_fdb_params)) {
		if (local)
			kmem_cache_free(vbr_fdb_cache, local);
		rhashtable_destroy(&new->ht);
		kfree(new);
		return -ENOMEM;
	}

	rcu_read_lock();
	spin_lock_bh(&fdb->lock);
	old = rcu_dereference_protected(fdb->tbl, lockdep_is_held(&fdb->lock));
	cur = rhashtable_lookup(&old->ht, &local->key, vbr_fdb_params);
	if (!cur || !(cur->flags & VBR_FDB_LOCAL)) {
		spin_unlock_bh(&fdb->lock);
		rcu_read_unlock();
		rhashtable_free_and_destroy(&new->ht, vbr_fdb_free_now, NULL);
		kfree(new);
		return -EAGAIN;
	}
	n = atomic_read(&old->ht.nelems) - 1;
	rcu_assign_pointer(fdb->tbl, new);
	WRITE_ONCE(fdb->learned, 0);
	fdb->statics = 0;
	for (i = 1; i < VBR_MAX_PORTS; i++) {
		p = rcu_dereference(br->port_tab[i]);
		if (p)
			WRITE_ONCE(p->learned, 0);
	}
	spin_unlock_bh(&fdb->lock);
	rcu_read_unlock();

	INIT_RCU_WORK(&old->free_work, vbr_fdb_tbl_free);
	queue_rcu_work(vbr_fdb_wq, &old->free_work);
	return n;
}

/*
 * port < 0 flushes every port, vid < 0 every VLAN. Local entries are
 * never flushed. One event says what went, however many entries that was.
 */
unsigned int vbr_fdb_flush(struct vbr_bridge *br, int port, int vid, u32 what)
{
	struct vbr_fdb_flush_ctx ctx = { .port = port, .vid = vid, .what = what };
	int n = -EAGAIN;

	/* Everything but the local entry goes: swap the table. */
	if (port < 0 && vid < 0 && (what & VBR_FLUSH_DYNAMIC)) {
		mutex_lock(&br->fdb.sweep_lock);
		if ((what & VBR_FLUSH_STATIC) || !READ_ONCE(br->fdb.statics))
			n = vbr_fdb_swap(br);
		mutex_unlock(&br->fdb.sweep_lock);
	}
	/* flush_one never fails: the count of what it deleted comes back. */
	if (n < 0)
		n = vbr_fdb_sweep(br, vbr_fdb_flush_one, &ctx, VBR_FDB_EV_NONE);
	if (n)
		vbr_event_fdb_flush(br, port, vid, what, n);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(vbr_fdb_flush);

/* The entries of a port in the VLANs set in vids, in one sweep. */
unsigned int vbr_fdb_flush_vlans(struct vbr_bridge *br, int port,
				 const unsigned long *vids, u32 what)
{
	struct vbr_fdb_flush_ctx ctx = {
		.port = port, .vid = -1, .vids = vids, .what = what,
	};
	unsigned int n;

	n = vbr_fdb_sweep(br, vbr_fdb_flush_one, &ctx, VBR_FDB_EV_NONE);
	if (n)
		vbr_event_fdb_flush(br, port, -1, what, n);
	return n;
}

int vbr_fdb_init(struct vbr_bridge *br)
{
	struct vbr_fdb *fdb = &br->fdb;
	struct vbr_fdb_tbl *t;
	int err;

	spin_lock_init(&fdb->lock);
	mutex_init(&fdb->sweep_lock);
	INIT_DELAYED_WORK(&fdb->gc, vbr_fdb_gc);
	fdb->ageing_time = VBR_AGEING_TIME_DEFAULT * HZ;
	fdb->max_learned = VBR_MAX_LEARNED_DEFAULT;
	fdb->flap_limit = VBR_FLAP_LIMIT_DEFAULT;
	fdb->flap_window = VBR_FLAP_WINDOW_DEFAULT * HZ;
	t = vbr_fdb_tbl_new();
	if (!t)
		return -ENOMEM;
	RCU_INIT_POINTER(fdb->tbl, t);
	err = vbr_fdb_set_local(br, NULL, br->dev->dev_addr);
	if (err) {
		rhashtable_destroy(&t->ht);
		kfree(t);
		return err;
	}
	queue_delayed_work(system_power_efficient_wq, &fdb->gc,
			   fdb->ageing_time);
	return 0;
}

/* After unregister: no reader and no writer can reach the table. */
void vbr_fdb_uninit(struct vbr_bridge *br)
{
	struct vbr_fdb_tbl *t;

	cancel_delayed_work_sync(&br->fdb.gc);
	t = rcu_dereference_protected(br->fdb.tbl, true);
	rhashtable_free_and_destroy(&t->ht, vbr_fdb_free_now, NULL);
	kfree(t);
	mutex_destroy(&br->fdb.sweep_lock);
}
