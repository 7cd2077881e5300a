// SPDX-License-Identifier: GPL-2.0
/*
 * vbr events: each change is announced once here, and this file knows
 * the channels. The FDB and the ports know none of them.
 */
#include <linux/rtnetlink.h>
#include <linux/vbr.h>

#include "bridge.h"
#include "brport.h"
#include "event.h"
#include "neigh.h"
#include "netlink.h"

static const u8 vbr_event_fdb_cmd[] = {
	[VBR_FDB_EV_LEARNED]	= VBR_CMD_FDB_LEARNED_NTF,
	[VBR_FDB_EV_MOVED]	= VBR_CMD_FDB_MOVED_NTF,
	[VBR_FDB_EV_AGED]	= VBR_CMD_FDB_AGED_NTF,
	[VBR_FDB_EV_DELETED]	= VBR_CMD_FDB_DELETED_NTF,
	[VBR_FDB_EV_ADDED]	= VBR_CMD_FDB_ADDED_NTF,
};

bool vbr_event_fdb_listened(struct vbr_bridge *br)
{
	return vbr_nl_fdb_listened(br) || vbr_neigh_listened(br);
}

void vbr_event_fdb(struct vbr_bridge *br, const struct vbr_fdb_entry *e,
		   enum vbr_fdb_ev ev)
{
	if (ev == VBR_FDB_EV_NONE)
		return;
	vbr_nl_fdb_notify(br, e, vbr_event_fdb_cmd[ev]);
	vbr_neigh_notify(br, e, ev == VBR_FDB_EV_AGED ||
			 ev == VBR_FDB_EV_DELETED ? RTM_DELNEIGH :
			 RTM_NEWNEIGH);
}

/* Only genl carries a flush: rtnetlink has no message for many entries
 * and the Linux bridge's one RTM_DELNEIGH per entry would make a flush of
 * a million entries a million messages. A dump gives the state.
 */
void vbr_event_fdb_flush(struct vbr_bridge *br, int port, int vid, u32 what,
			 unsigned int n)
{
	vbr_nl_fdb_flush_notify(br, port, vid, what, n);
}

void vbr_event_vlan(struct vbr_bridge *br, struct vbr_port *p)
{
	vbr_nl_vlan_notify(br, p);
	vbr_brport_notify_vlans(br, p);
}

/* genl only: rtnetlink has no message for it. */
void vbr_event_mac_flap(struct vbr_bridge *br, const struct vbr_fdb_key *key,
			const struct vbr_port *from,
			const struct vbr_port *to)
{
	vbr_nl_mac_flap_notify(br, key, from, to);
}

void vbr_event_port(struct vbr_port *p, enum vbr_port_ev ev)
{
	switch (ev) {
	case VBR_PORT_EV_ADDED:
		vbr_nl_port_notify(p, VBR_CMD_PORT_ADDED_NTF);
		break;
	case VBR_PORT_EV_REMOVED:
		vbr_nl_port_notify(p, VBR_CMD_PORT_REMOVED_NTF);
		break;
	case VBR_PORT_EV_CHANGED:
		vbr_nl_port_notify(p, VBR_CMD_PORT_CHANGED_NTF);
		vbr_brport_notify(p);
		break;
	}
}

void vbr_event_bridge(struct vbr_bridge *br, enum vbr_br_ev ev)
{
	switch (ev) {
	case VBR_BR_EV_CREATED:
		br->announced = true;
		vbr_nl_br_notify(br, VBR_CMD_BR_CREATED_NTF);
		break;
	case VBR_BR_EV_DELETED:
		if (!br->announced)
			return;
		br->announced = false;
		vbr_nl_br_notify(br, VBR_CMD_BR_DELETED_NTF);
		break;
	}
}
