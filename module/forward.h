/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The datapath: frames in from a port's rx_handler or from the host
 * transmitting on the bridge device or an internal port, out to ports or
 * up the bridge.
 */
#ifndef _VBR_FORWARD_H
#define _VBR_FORWARD_H

#include <linux/netdevice.h>

rx_handler_result_t vbr_handle_frame(struct sk_buff **pskb);
#include "bridge.h"

struct vbr_port;

enum vbr_fwd_action {
	VBR_FWD_FLOOD,		/* every flood target */
	VBR_FWD_PORT,		/* out */
	VBR_FWD_LOCAL,		/* up the bridge device */
	VBR_FWD_DROP,		/* counted as why */
};

struct vbr_fwd {
	enum vbr_fwd_action action;
	struct vbr_port *out;
	enum vbr_drop why;
};

/* Flood targets: skip is the ingress unless it is in hairpin mode; a
 * target's options under mask must equal want.
 */
struct vbr_flood_sel {
	const struct vbr_port *skip;
	u32 mask;
	u32 want;
	u16 vid;	/* targets must be members; 0: no filtering */
};

#if IS_ENABLED(CONFIG_KUNIT)
struct vbr_flood_sel vbr_flood_select(const struct vbr_port *in,
				      u32 in_flags, const u8 *dest);
bool vbr_floods_to(const struct vbr_port *p, const struct vbr_flood_sel *s);
struct vbr_fwd vbr_fwd_decide(struct vbr_bridge *br,
			      const struct vbr_port *in, u32 in_flags,
			      const u8 *dest, u16 vid, bool local);
#endif

void vbr_port_ingress(struct vbr_port *p, struct sk_buff *skb);
netdev_tx_t vbr_bridge_xmit(struct sk_buff *skb, struct net_device *dev);

#endif /* _VBR_FORWARD_H */
