/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The forwarding database: which port each MAC sits behind.
 *
 * Lookups are lockless under RCU. The lock is taken only to create,
 * move or delete an entry; a refresh writes the timestamp only when
 * jiffies moved on. Ageing runs in deferred work.
 */
#ifndef _VBR_FDB_H
#define _VBR_FDB_H

#include <linux/etherdevice.h>
#include <linux/rhashtable-types.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

struct vbr_bridge;
struct vbr_port;

/* VBR_MAX_PORTS of bridge.h, which includes this header. */
#define VBR_FDB_AUDIT_PORTS	1024

/*
 * Keyed by MAC and VLAN id; the VLAN id is 0 without VLAN filtering.
 * Aligned so that a lookup compares it as one word.
 */
struct vbr_fdb_key {
	u8 addr[ETH_ALEN];
	u16 vid;
} __aligned(8);

#define VBR_FDB_STATIC	BIT(0)	/* never ages, never moves */
#define VBR_FDB_LOCAL	BIT(1)	/* the bridge's own address */
#define VBR_FDB_DEAD	BIT(2)	/* unhashed, waiting for RCU */
#define VBR_FDB_LOCKED	BIT(3)	/* MAB: dynamic, but admits no frame */

/* Kept small on purpose: the port is an index, not a pointer. */
struct vbr_fdb_entry {
	struct rhash_head node;
	struct vbr_fdb_key key;
	u32 updated;		/* low 32 bits of jiffies */
	u16 port;		/* index in port_tab; 0 is the bridge */
	u16 flags;
	u32 flap_start;		/* jiffies: this window of moves began */
	u16 flap_moves;		/* moves in it; under the fdb lock */
	struct rcu_head rcu;
};

/* A flush of everything but the bridge's own entry swaps it whole. */
struct vbr_fdb_tbl {
	struct rhashtable ht;
	struct rcu_work free_work;
};

struct vbr_fdb {
	struct vbr_fdb_tbl __rcu *tbl;
	spinlock_t lock;	/* create, move, delete, swap */
	struct mutex sweep_lock;	/* sweeps and swaps, one at a time */
	struct delayed_work gc;
	unsigned long ageing_time;	/* jiffies; 0 = never */
	u32 max_learned;	/* 0 = no limit */
	u32 learned;		/* dynamic entries, under lock */
	u32 statics;		/* static entries but local, under lock */
	u32 flap_limit;		/* more moves than this in a window flap */
	u32 flap_window;	/* jiffies; flap_limit 0: not watched */
	bool flap_block;	/* a flap blocks the port it moved to */
};

/* What a flush removes; locked entries are dynamic ones too. */
#define VBR_FLUSH_DYNAMIC	BIT(0)
#define VBR_FLUSH_STATIC	BIT(1)
#define VBR_FLUSH_LOCKED	BIT(2)

int vbr_fdb_global_init(void);
void vbr_fdb_global_exit(void);

int vbr_fdb_init(struct vbr_bridge *br);
void vbr_fdb_uninit(struct vbr_bridge *br);

struct vbr_fdb_entry *vbr_fdb_find(struct vbr_bridge *br, const u8 *addr,
				   u16 vid);
void vbr_fdb_learn(struct vbr_bridge *br, struct vbr_port *p,
		   const u8 *addr, u16 vid);
bool vbr_fdb_admits(struct vbr_bridge *br, struct vbr_port *p,
		    const u8 *addr, u16 vid, bool mab);

int vbr_fdb_add_static(struct vbr_bridge *br, const u8 *addr, u16 vid,
		       u16 port, u16 flags, bool replace,
		       struct netlink_ext_ack *extack);
int vbr_fdb_delete(struct vbr_bridge *br, const u8 *addr, u16 vid,
		   bool only_static, struct netlink_ext_ack *extack);
unsigned int vbr_fdb_flush(struct vbr_bridge *br, int port, int vid,
			   u32 what);
unsigned int vbr_fdb_flush_vlans(struct vbr_bridge *br, int port,
				 const unsigned long *vids, u32 what);
int vbr_fdb_set_local(struct vbr_bridge *br, const u8 *old, const u8 *addr);
void vbr_fdb_set_ageing(struct vbr_bridge *br, unsigned long ageing);
unsigned long vbr_fdb_age(struct vbr_bridge *br, u32 now);
void vbr_fdb_set_flap(struct vbr_bridge *br, u32 limit, u32 window_s,
		      bool block);

#define VBR_FLAP_LIMIT_DEFAULT	10	/* moves */
#define VBR_FLAP_WINDOW_DEFAULT	10	/* seconds */

#if IS_ENABLED(CONFIG_KUNIT)
bool vbr_fdb_flap_count(struct vbr_fdb_entry *e, u32 now, u32 limit,
			u32 window);
#endif

/* Where a dump stopped: bucket << SKIP_BITS, and entries of it visited
 * only when one bucket filled a message.
 */
#define VBR_FDB_POS_BUCKET_BITS	22
#define VBR_FDB_POS_SKIP_BITS	8
#define VBR_FDB_POS_SKIP_MAX	((1U << VBR_FDB_POS_SKIP_BITS) - 1)

struct vbr_fdb_pos {
	u32 cursor;	/* 0: from the start */
	u32 gen;	/* the hash seed of the table cursor is in */
};

int vbr_fdb_dump_walk(struct vbr_bridge *br, struct vbr_fdb_pos *pos,
		      bool *changed, struct sk_buff *skb,
		      int (*fn)(const struct vbr_fdb_entry *e, void *arg),
		      void *arg);

/*
 * Jiffies since the entry was last seen, up to 2^32 - HZ (the timestamp
 * is 32 bits). Refreshed after this CPU read jiffies: just now.
 */
static inline u32 vbr_fdb_idle(const struct vbr_fdb_entry *e)
{
	u32 d = (u32)jiffies - READ_ONCE(e->updated);

	return d > (u32)-HZ ? 0 : d;
}

/* What vbr_fdb_audit() found; indices are port indices. */
struct vbr_fdb_audit {
	u32 entries[VBR_FDB_AUDIT_PORTS];	/* dynamic entries naming it */
	u32 learned[VBR_FDB_AUDIT_PORTS];	/* the port's count */
	bool published[VBR_FDB_AUDIT_PORTS];
	u32 total;				/* dynamic entries */
	u32 bridge_learned;			/* the bridge's count */
};

int vbr_fdb_audit(struct vbr_bridge *br, struct vbr_fdb_audit *a);

static inline u32 vbr_fdb_learned(const struct vbr_fdb *fdb)
{
	return READ_ONCE(fdb->learned);
}

#endif /* _VBR_FDB_H */
