// SPDX-License-Identifier: GPL-2.0
/*
 * vbr options: the rules of bridge and port options live here, whatever
 * the request came through.
 */
#include <linux/rtnetlink.h>

#include "bridge.h"
#include "event.h"
#include "fdb.h"
#include "options.h"
#include "port.h"

int vbr_port_cfg_check(const struct vbr_port_cfg *c, u32 flags,
		       struct netlink_ext_ack *extack)
{
	flags = (flags & ~c->mask) | (c->flags & c->mask);
	/* MAB makes locked entries by learning, as the Linux bridge does. */
	if ((flags & VBR_PORT_MAB) && !(flags & VBR_PORT_LOCKED)) {
		NL_SET_ERR_MSG(extack, "vbr: mab needs the port locked");
		return -EINVAL;
	}
	if ((flags & VBR_PORT_MAB) && !(flags & VBR_PORT_LEARNING)) {
		NL_SET_ERR_MSG(extack, "vbr: mab needs learning on");
		return -EINVAL;
	}
	return 0;
}

int vbr_port_configure(struct vbr_port *p, const struct vbr_port_cfg *c,
		       struct netlink_ext_ack *extack)
{
	u32 old = p->flags;
	u32 new = (old & ~c->mask) | (c->flags & c->mask);
	bool changed = new != old;
	int err;

	ASSERT_RTNL();
	err = vbr_port_cfg_check(c, old, extack);
	if (err)
		return err;
	if (c->set_max_learned && c->max_learned != p->max_learned) {
		/* Lowering the limit evicts nothing; learning waits until
		 * the count falls below it.
		 */
		WRITE_ONCE(p->max_learned, c->max_learned);
		changed = true;
	}
	if (new != old)
		WRITE_ONCE(p->flags, new);
	/* Locked entries wait for an authenticator: without MAB, none. */
	if ((old & VBR_PORT_MAB) && !(new & VBR_PORT_MAB))
		vbr_fdb_flush(p->br, p->idx, VBR_FLUSH_LOCKED);
	if (changed)
		vbr_event_port(p, VBR_PORT_EV_CHANGED);
	return 0;
}

void vbr_br_configure(struct vbr_bridge *br, const struct vbr_br_cfg *c)
{
	ASSERT_RTNL();
	if (c->set_ageing)
		vbr_fdb_set_ageing(br, c->ageing);
	/* As for a port: lowering the limit evicts nothing. */
	if (c->set_max_learned)
		WRITE_ONCE(br->fdb.max_learned, c->max_learned);
}
