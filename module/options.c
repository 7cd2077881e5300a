// SPDX-License-Identifier: GPL-2.0
/*
 * vbr options: the rules of bridge and port options live here, whatever
 * the request came through.
 */
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "bridge.h"
#include "compat.h"
#include "event.h"
#include "fdb.h"
#include "options.h"
#include "port.h"
#include "vlan.h"

const struct vbr_port_flag_attr vbr_port_flag_attrs[VBR_PORT_NFLAGS] = {
	{ VBR_PORT_LEARNING, VBR_PORT_IFLA_LEARNING, VBR_A_PORT_LEARNING,
	  IFLA_BRPORT_LEARNING },
	{ VBR_PORT_FLOOD, VBR_PORT_IFLA_FLOOD, VBR_A_PORT_FLOOD,
	  IFLA_BRPORT_UNICAST_FLOOD },
	{ VBR_PORT_MCAST_FLOOD, VBR_PORT_IFLA_MCAST_FLOOD,
	  VBR_A_PORT_MCAST_FLOOD, IFLA_BRPORT_MCAST_FLOOD },
	{ VBR_PORT_BCAST_FLOOD, VBR_PORT_IFLA_BCAST_FLOOD,
	  VBR_A_PORT_BCAST_FLOOD, IFLA_BRPORT_BCAST_FLOOD },
	{ VBR_PORT_HAIRPIN, VBR_PORT_IFLA_HAIRPIN, VBR_A_PORT_HAIRPIN,
	  IFLA_BRPORT_MODE },
	{ VBR_PORT_ISOLATED, VBR_PORT_IFLA_ISOLATED, VBR_A_PORT_ISOLATED,
	  IFLA_BRPORT_ISOLATED },
	{ VBR_PORT_LOCKED, VBR_PORT_IFLA_LOCKED, VBR_A_PORT_LOCKED,
	  IFLA_BRPORT_LOCKED },
	{ VBR_PORT_MAB, VBR_PORT_IFLA_MAB, VBR_A_PORT_MAB, VBR_BRPORT_MAB },
	{ VBR_PORT_BPDU_GUARD, VBR_PORT_IFLA_BPDU_GUARD, VBR_A_PORT_BPDU_GUARD,
	  IFLA_BRPORT_GUARD },
	{ VBR_PORT_STORM_BLOCK, VBR_PORT_IFLA_STORM_BLOCK,
	  VBR_A_PORT_STORM_BLOCK, 0 },
	{ VBR_PORT_LOOP_PROTECT, VBR_PORT_IFLA_LOOP_PROTECT,
	  VBR_A_PORT_LOOP_PROTECT, 0 },
};

/* A storm limit changed: every bucket is set again, full. */
static bool vbr_port_storm_configure(struct vbr_port *p,
				     const struct vbr_port_cfg *c)
{
	u32 rate[VBR_STORM_NCLASS], burst = p->storm_burst;
	bool on = false, changed = false;
	int k;

	if (c->set_storm_burst && c->storm_burst != burst) {
		burst = c->storm_burst;
		WRITE_ONCE(p->storm_burst, burst);
		changed = true;
	}
	for (k = 0; k < VBR_STORM_NCLASS; k++) {
		rate[k] = p->storm[k].rate;
		if ((c->set_storm & BIT(k)) && c->storm[k] != rate[k]) {
			rate[k] = c->storm[k];
			changed = true;
		}
		on |= rate[k];
	}
	if (!changed)
		return false;
	for (k = 0; k < VBR_STORM_NCLASS; k++)
		vbr_storm_set(&p->storm[k], rate[k], burst ?: rate[k],
			      jiffies);
	vbr_port_set_options(p, VBR_PORT_STORM, on ? VBR_PORT_STORM : 0);
	return true;
}

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
	u32 old = READ_ONCE(p->flags) & ~VBR_PORT_BLOCK_MASK;
	u32 new = (old & ~c->mask) | (c->flags & c->mask & ~VBR_PORT_STORM);
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
	/* One word, with the state the datapath may change meanwhile. */
	vbr_port_set_options(p, c->mask & ~VBR_PORT_STORM, c->flags);
	if (vbr_port_storm_configure(p, c))
		changed = true;
	/* Locked entries wait for an authenticator: without MAB, none. */
	if ((old & VBR_PORT_MAB) && !(new & VBR_PORT_MAB))
		vbr_fdb_flush(p->br, p->idx, -1, VBR_FLUSH_LOCKED);
	if (c->set_state) {
		if (c->blocked)
			vbr_port_block_admin(p);
		else
			vbr_port_unblock(p);
	}
	/* A block the datapath made meanwhile is announced here too. */
	if (vbr_port_state_settle(p))
		changed = true;
	if (changed)
		vbr_event_port(p, VBR_PORT_EV_CHANGED);
	return 0;
}

int vbr_br_configure(struct vbr_bridge *br, const struct vbr_br_cfg *c,
		     struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	if (c->set_loop_interval &&
	    (c->loop_interval < VBR_LOOP_INTERVAL_MIN ||
	     c->loop_interval > VBR_LOOP_INTERVAL_MAX)) {
		NL_SET_ERR_MSG(extack, "vbr: loop_interval is 100 to 60000 ms");
		return -ERANGE;
	}
	if (c->set_flap_window &&
	    (!c->flap_window || c->flap_window > VBR_MAC_FLAP_WINDOW_MAX)) {
		NL_SET_ERR_MSG(extack, "vbr: mac_flap_window is 1 to 3600 s");
		return -ERANGE;
	}
	if (c->set_vlan_proto && c->vlan_proto != htons(ETH_P_8021Q) &&
	    c->vlan_proto != htons(ETH_P_8021AD)) {
		NL_SET_ERR_MSG(extack, "vbr: the VLAN protocol is 802.1Q or 802.1ad");
		return -EPROTONOSUPPORT;
	}
	/* The one step that can fail goes first: a refusal changes nothing. */
	if (c->set_default_pvid) {
		err = vbr_vlan_set_default_pvid(br, c->default_pvid, extack);
		if (err)
			return err;
	}
	if (c->set_vlan_proto)
		vbr_vlan_set_protocol(br, c->vlan_proto);
	if (c->set_vlan_filtering)
		vbr_vlan_set_filtering(br, c->vlan_filtering);
	if (c->set_ageing)
		vbr_fdb_set_ageing(br, c->ageing);
	/* As for a port: lowering the limit evicts nothing. */
	if (c->set_max_learned)
		WRITE_ONCE(br->fdb.max_learned, c->max_learned);
	if (c->set_err_recovery &&
	    c->err_recovery != READ_ONCE(br->err_recovery)) {
		WRITE_ONCE(br->err_recovery, c->err_recovery);
		vbr_port_recovery_changed(br);
	}
	if (c->set_loop_protect || c->set_loop_interval)
		vbr_loop_set(br, c->set_loop_protect ? c->loop_protect :
						       br->loop.enabled,
			     c->set_loop_interval ? c->loop_interval :
			     jiffies_to_msecs(br->loop.interval));
	if (c->set_flap_limit || c->set_flap_window || c->set_flap_block)
		vbr_fdb_set_flap(br, c->set_flap_limit ? c->flap_limit :
					br->fdb.flap_limit,
				 c->set_flap_window ? c->flap_window :
					br->fdb.flap_window / HZ,
				 c->set_flap_block ? c->flap_block :
					br->fdb.flap_block);
	return 0;
}
