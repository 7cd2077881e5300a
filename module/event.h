/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One place that announces what changed, on every channel that carries
 * it: the vbr genl events group, and rtnetlink as the Linux bridge does.
 * Nothing is built when nobody listens.
 */
#ifndef _VBR_EVENT_H
#define _VBR_EVENT_H

#include <linux/types.h>

struct vbr_bridge;
struct vbr_fdb_entry;
struct vbr_fdb_key;
struct vbr_port;

enum vbr_fdb_ev {
	VBR_FDB_EV_NONE,
	VBR_FDB_EV_LEARNED,	/* learned, or a locked entry made */
	VBR_FDB_EV_MOVED,	/* now behind another port */
	VBR_FDB_EV_AGED,
	VBR_FDB_EV_DELETED,
	VBR_FDB_EV_ADDED,	/* a static entry */
};

enum vbr_port_ev {
	VBR_PORT_EV_ADDED,
	VBR_PORT_EV_REMOVED,
	VBR_PORT_EV_CHANGED,	/* its options */
};

enum vbr_br_ev {
	VBR_BR_EV_CREATED,	/* registered, and its options took */
	VBR_BR_EV_DELETED,
};

/* Whether an FDB event of br would reach anyone now. */
bool vbr_event_fdb_listened(struct vbr_bridge *br);
/* Any context, under RCU. */
void vbr_event_fdb(struct vbr_bridge *br, const struct vbr_fdb_entry *e,
		   enum vbr_fdb_ev ev);
/* Entries a flush removed, in one event; port (vid) < 0: every port
 * (VLAN). RTNL.
 */
void vbr_event_fdb_flush(struct vbr_bridge *br, int port, int vid, u32 what,
			 unsigned int n);
/* A bridge's deletion is announced only if its creation was: a refused
 * creation says nothing. RTNL.
 */
void vbr_event_bridge(struct vbr_bridge *br, enum vbr_br_ev ev);
/* RTNL. */
void vbr_event_port(struct vbr_port *p, enum vbr_port_ev ev);
/* The VLANs of port p, or of the bridge device when p is NULL. RTNL. */
void vbr_event_vlan(struct vbr_bridge *br, struct vbr_port *p);
/* A MAC flapped between two ports (from NULL: gone). Any context, RCU. */
void vbr_event_mac_flap(struct vbr_bridge *br, const struct vbr_fdb_key *key,
			const struct vbr_port *from,
			const struct vbr_port *to);

#endif /* _VBR_EVENT_H */
