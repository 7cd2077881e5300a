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
struct vbr_port;

void vbr_port_ingress(struct vbr_port *p, struct sk_buff *skb);
netdev_tx_t vbr_bridge_xmit(struct sk_buff *skb, struct net_device *dev);

#endif /* _VBR_FORWARD_H */
