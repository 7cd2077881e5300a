/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vbr loop protection: each bridge sends a probe out of each forwarding
 * port every interval; one of its own probes coming back in proves a
 * loop through the port it came in by, which is then blocked.
 */
#ifndef _VBR_LOOP_H
#define _VBR_LOOP_H

#include <linux/if_ether.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

struct sk_buff;
struct vbr_bridge;
struct vbr_fdb_key;
struct vbr_port;

/* IEEE 802 Local Experimental Ethertype 2 (the tests' frames use 1). */
#define VBR_LOOP_ETHERTYPE		0x88b6
#define VBR_LOOP_INTERVAL_MS		1000

/* The payload after the Ethernet header, in network order. */
struct vbr_loop_probe {
	__be32 magic;		/* VBR_LOOP_MAGIC */
	u8 version;		/* 1 */
	u8 reserved;
	__be16 port;		/* index of the port it left by */
	__be64 id;		/* the sending bridge */
	__be32 nonce;		/* of the round that sent it */
} __packed;

#define VBR_LOOP_MAGIC		0x7662724cU	/* "vbrL" */
#define VBR_LOOP_FRAME_LEN	ETH_ZLEN

struct vbr_loop {
	struct delayed_work probe;	/* one round per interval */
	spinlock_t lock;		/* one cut decided at a time */
	u64 id;				/* random, this bridge's identity */
	u32 nonce[2];			/* this round's and the last one's */
	unsigned long interval;		/* jiffies */
	bool enabled;
};

struct vbr_port_loop {
	unsigned long lower_seen;	/* a lower-id vbr probed here, jiffies */
	unsigned long held_since;	/* a cut held off since; 0: none */
};

void vbr_loop_init(struct vbr_bridge *br);
void vbr_loop_uninit(struct vbr_bridge *br);
void vbr_loop_set(struct vbr_bridge *br, bool enabled,
		  unsigned int interval_ms);
bool vbr_loop_rx(struct vbr_port *p, struct sk_buff *skb,
		 unsigned int offset);
void vbr_loop_mac_flap(struct vbr_bridge *br, const struct vbr_fdb_key *key,
		       u16 from, struct vbr_port *to);

#if IS_ENABLED(CONFIG_KUNIT)
void vbr_loop_fill(u8 *frame, const u8 *src, u64 id, u16 port, u32 nonce);
int vbr_loop_parse(const struct vbr_loop_probe *h, u64 *id, u16 *port,
		   u32 *nonce);
bool vbr_loop_hold_off(unsigned long now, unsigned long lower_seen,
		       unsigned long *held_since, unsigned long interval);
#endif

#endif /* _VBR_LOOP_H */
