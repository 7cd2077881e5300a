/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vbr: an Ethernet bridge with virtual ports.
 *
 * rtnetlink attributes of the "vbr" link kind.
 *
 * IFLA_INFO_DATA of a vbr bridge (VBR_IFLA_*):
 *
 *   VBR_IFLA_AGEING_TIME  u32, seconds a learned entry lives without
 *                         traffic from its MAC. 0 disables ageing.
 *                         Range 0..VBR_AGEING_TIME_MAX, default 300.
 *   VBR_IFLA_MAX_LEARNED  u32, most learned (dynamic) entries the bridge
 *                         holds; 0 means no limit. Default
 *                         VBR_MAX_LEARNED_DEFAULT.
 *   VBR_IFLA_LEARNED      u32, read-only: learned entries now held.
 *
 * IFLA_INFO_SLAVE_DATA of a vbr port (VBR_PORT_IFLA_*):
 *
 *   VBR_PORT_IFLA_LEARNING     u8, 0 or 1: learn source MACs (default 1).
 *   VBR_PORT_IFLA_FLOOD        u8, 0 or 1: receive flooded unknown
 *                              unicast, broadcast and multicast (default 1).
 *   VBR_PORT_IFLA_MAX_LEARNED  u32, most learned entries behind this port;
 *                              0 means no per-port limit (default 0).
 *   VBR_PORT_IFLA_LEARNED      u32, read-only: learned entries now behind
 *                              this port.
 *
 * Read-only attributes are refused with EINVAL when sent. Unknown
 * attributes are refused with EINVAL.
 */
#ifndef _UAPI_LINUX_VBR_H
#define _UAPI_LINUX_VBR_H

#define VBR_AGEING_TIME_DEFAULT	300
#define VBR_AGEING_TIME_MAX	1000000
#define VBR_MAX_LEARNED_DEFAULT	65536

enum {
	VBR_IFLA_UNSPEC,
	VBR_IFLA_AGEING_TIME,
	VBR_IFLA_MAX_LEARNED,
	VBR_IFLA_LEARNED,
	__VBR_IFLA_MAX
};

#define VBR_IFLA_MAX (__VBR_IFLA_MAX - 1)

enum {
	VBR_PORT_IFLA_UNSPEC,
	VBR_PORT_IFLA_LEARNING,
	VBR_PORT_IFLA_FLOOD,
	VBR_PORT_IFLA_MAX_LEARNED,
	VBR_PORT_IFLA_LEARNED,
	__VBR_PORT_IFLA_MAX
};

#define VBR_PORT_IFLA_MAX (__VBR_PORT_IFLA_MAX - 1)

#endif /* _UAPI_LINUX_VBR_H */
