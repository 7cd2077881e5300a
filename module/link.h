/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtnetlink link ops of the "vbr" kind: "ip link add br0 type vbr",
 * bridge options in IFLA_INFO_DATA, port options in IFLA_INFO_SLAVE_DATA.
 */
#ifndef _VBR_LINK_H
#define _VBR_LINK_H

#include <linux/netdevice.h>

struct net_device *vbr_link_create(struct net *net, const char *name,
				   const u8 *addr,
				   struct netlink_ext_ack *extack);

int vbr_link_init(void);
void vbr_link_exit(void);

#endif /* _VBR_LINK_H */
