/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only place where vbr looks at the kernel version: everything that
 * differs between the kernels vbr supports (Debian's 6.1 and 6.12) is
 * wrapped here.
 */
#ifndef _VBR_COMPAT_H
#define _VBR_COMPAT_H

#include <linux/version.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>

/* 6.12 moved LLTX and NETNS_LOCAL from feature bits to device fields
 * (lltx and netns_immutable).
 */
static inline void vbr_compat_set_lltx(struct net_device *dev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

static inline void vbr_compat_set_netns_local(struct net_device *dev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	dev->netns_immutable = true;
#else
	dev->features |= NETIF_F_NETNS_LOCAL;
#endif
}

/* The attributes a dump request carried, parsed by the genl core. */
static inline struct nlattr **vbr_compat_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/* A message for an error a lower layer may have explained already (6.3
 * added it).
 */
#ifndef NL_SET_ERR_MSG_WEAK
#define NL_SET_ERR_MSG_WEAK(extack, msg) do {			\
	struct netlink_ext_ack *__ea = (extack);		\
								\
	if (__ea && !__ea->_msg)				\
		NL_SET_ERR_MSG(__ea, msg);			\
} while (0)
#endif

/* A message with values (6.2 added them); before, the fixed text. */
#ifdef NL_SET_ERR_MSG_FMT
#define VBR_SET_ERR_MSG_FMT(extack, fixed, fmt, args...) do {	\
	(void)(fixed);						\
	NL_SET_ERR_MSG_FMT(extack, fmt, ##args);		\
} while (0)
#else
#define VBR_SET_ERR_MSG_FMT(extack, fixed, fmt, args...) do {	\
	(void)(fmt);						\
	NL_SET_ERR_MSG(extack, fixed);				\
} while (0)
#endif

/* Drop reasons that tracing (kfree_skb) reports; 6.12 has finer ones. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#define VBR_REASON_BAD_SRC	SKB_DROP_REASON_MAC_INVALID_SOURCE
#define VBR_REASON_NO_TARGET	SKB_DROP_REASON_NO_TX_TARGET
#else
#define VBR_REASON_BAD_SRC	SKB_DROP_REASON_NOT_SPECIFIED
#define VBR_REASON_NO_TARGET	SKB_DROP_REASON_NOT_SPECIFIED
#endif

/* uapi names 6.1's headers lack; the numbers are ABI and do not move. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define VBR_BRPORT_MAB		IFLA_BRPORT_MAB
#else
#define VBR_BRPORT_MAB		(IFLA_BRPORT_LOCKED + 1)
#endif
#ifndef NTF_EXT_LOCKED
#define NTF_EXT_LOCKED		BIT(1)
#endif

#endif /* _VBR_COMPAT_H */
