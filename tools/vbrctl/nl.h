/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vbrctl: netlink sockets, requests with extended acks, and the vbr
 * generic netlink family.
 */
#ifndef VBRCTL_NL_H
#define VBRCTL_NL_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "../../uapi/linux/vbr.h"

#define NL_BUFSZ	65536

struct nl {
	struct mnl_socket *sk;
	unsigned int portid;
	unsigned int seq;
	char *buf;		/* receive buffer, NL_BUFSZ bytes */
	int intr;		/* a dump was flagged NLM_F_DUMP_INTR */
};

/* The extack message of the last failed request, or "". */
extern char nl_errmsg[256];

int nl_open(struct nl *nl, int proto);
void nl_close(struct nl *nl);

/*
 * Send NLH and hand every reply message to CB (which may be NULL) until
 * the ack, or the end of a dump. Returns 0 or -errno; nl_errmsg then
 * holds the kernel's message, if it gave one.
 */
int nl_talk(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);

/* Run CB over the messages in BUF; notifications are not acked. */
int nl_run(const char *buf, int len, mnl_cb_t cb, void *data);

/* The rtnetlink socket and the vbr genl socket, opened on first use. */
struct nl *rtnl(void);
struct nl *vbr_genl(void);
/* The vbr genl socket, or NULL when the family is not there. */
struct nl *vbr_genl_try(void);
/* The family's id: the nlmsg_type of its messages. */
unsigned int vbr_family_id(void);
/* The id of the "events" multicast group, once vbr_genl() succeeded. */
unsigned int vbr_events_group(void);

/* A vbr genl request CMD in BUF, flags NLM_F_REQUEST plus FLAGS. */
struct nlmsghdr *vbr_msg(char *buf, uint8_t cmd, uint16_t flags);

/* Index genl attributes of NLH by type into TB[VBR_A_MAX + 1]. */
void vbr_parse(const struct nlmsghdr *nlh, const struct nlattr **tb);
/* Index the attributes nested in NEST into TB[MAX + 1]. */
void nest_parse(const struct nlattr *nest, const struct nlattr **tb,
		unsigned int max);

/* Typed reads that check the length; DEF when A is absent or bad. */
uint32_t attr_u32(const struct nlattr *a, uint32_t def);
uint64_t attr_u64(const struct nlattr *a, uint64_t def);
uint16_t attr_u16(const struct nlattr *a, uint16_t def);
uint8_t attr_u8(const struct nlattr *a, uint8_t def);
/* Copy a string attribute into BUF of SIZE; "" when absent. */
const char *attr_str(const struct nlattr *a, char *buf, size_t size);
/* The 6-byte MAC in A, or NULL. */
const unsigned char *attr_mac(const struct nlattr *a);

#endif /* VBRCTL_NL_H */
