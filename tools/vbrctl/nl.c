// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl: netlink plumbing. Every request asks for an ack, and every
 * socket asks for extended acks, so that a refusal comes back with the
 * kernel's own words, which the caller prints.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "nl.h"
#include "vbrctl.h"

char nl_errmsg[256];

int nl_open(struct nl *nl, int proto)
{
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	nl->buf = malloc(NL_BUFSZ);
	nl->sk = mnl_socket_open(proto);
	if (!nl->buf || !nl->sk)
		goto fail;
	/* Both only make the kernel say more; old kernels lack them. */
	mnl_socket_setsockopt(nl->sk, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sk, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sk, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	nl->portid = mnl_socket_get_portid(nl->sk);
	nl->seq = time(NULL);
	return 0;
fail:
	one = -errno;
	nl_close(nl);
	return one;
}

void nl_close(struct nl *nl)
{
	if (nl->sk)
		mnl_socket_close(nl->sk);
	free(nl->buf);
	memset(nl, 0, sizeof(*nl));
}

/* Keep the NLMSGERR_ATTR_MSG of the TLVs that follow OFF in NLH. */
static void extack_parse(const struct nlmsghdr *nlh, unsigned int off)
{
	const struct nlattr *a;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    off > nlh->nlmsg_len - sizeof(*nlh))
		return;
	mnl_attr_for_each(a, nlh, off) {
		if (mnl_attr_get_type(a) != NLMSGERR_ATTR_MSG)
			continue;
		attr_str(a, nl_errmsg, sizeof(nl_errmsg));
		/* Messages may end in a newline; the caller adds its own. */
		nl_errmsg[strcspn(nl_errmsg, "\n")] = '\0';
		/* The module names itself ("vbr: ..."); vbrctl's line has
		 * its own prefix already.
		 */
		if (!strncmp(nl_errmsg, "vbr: ", 5))
			memmove(nl_errmsg, nl_errmsg + 5,
				strlen(nl_errmsg + 5) + 1);
	}
}

/* An NLMSG_ERROR: 0 for an ack, else -errno. */
static int error_msg_parse(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	unsigned int off;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*e))
		return -EBADMSG;
	if (!e->error)
		return 0;
	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += MNL_ALIGN(e->msg.nlmsg_len) - sizeof(e->msg);
	extack_parse(nlh, off);
	return e->error > 0 ? -e->error : e->error;
}

/* The NLMSG_DONE of a dump: it may carry the dump's error. */
static int done_msg_parse(const struct nlmsghdr *nlh)
{
	int err;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(int))
		return 0;
	memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	if (err >= 0)
		return 0;
	extack_parse(nlh, sizeof(int));
	return err;
}

/*
 * Walk the messages of one read. Returns 1 to read more, 0 when the
 * request is complete, -errno on failure.
 */
static int nl_walk(struct nl *nl, const char *buf, int len, unsigned int seq,
		   mnl_cb_t cb, void *data)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
	int ret;

	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		if (seq && nlh->nlmsg_seq != seq)
			continue;	/* a late answer to an earlier request */
		if (nl && nlh->nlmsg_pid && nlh->nlmsg_pid != nl->portid)
			continue;
		/* The kernel saw the table change under the dump: what
		 * follows may repeat or miss an entry.
		 */
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR && nl)
			nl->intr = 1;
		switch (nlh->nlmsg_type) {
		case NLMSG_NOOP:
			continue;
		case NLMSG_ERROR:
			return error_msg_parse(nlh);
		case NLMSG_DONE:
			return done_msg_parse(nlh);
		case NLMSG_OVERRUN:
			return -ENOBUFS;
		}
		if (!cb)
			continue;
		errno = 0;
		ret = cb(nlh, data);
		if (ret == MNL_CB_ERROR)
			return errno ? -errno : -EPROTO;
		if (ret == MNL_CB_STOP)
			return 0;
	}
	return 1;
}

/* Send NLH with a new sequence number; returns it, or 0 with errno. */
static unsigned int nl_send(struct nl *nl, struct nlmsghdr *nlh)
{
	nl_errmsg[0] = '\0';
	nlh->nlmsg_seq = ++nl->seq ?: ++nl->seq;
	if (mnl_socket_sendto(nl->sk, nlh, nlh->nlmsg_len) < 0)
		return 0;
	return nlh->nlmsg_seq;
}

/* One read into BUF at OFF; returns its length or -errno. */
static ssize_t nl_recv(struct nl *nl, char *buf, size_t size)
{
	ssize_t len;

	do {
		len = mnl_socket_recvfrom(nl->sk, buf, size);
	} while (len < 0 && errno == EINTR);
	return len < 0 ? -errno : len;
}

/*
 * A dump whose kernel side saw its table change (NLM_F_DUMP_INTR) may
 * repeat or miss entries: it is read whole before anything is shown,
 * and asked for once more if it was interrupted.
 */
static int nl_dump(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		   void *data)
{
	size_t cap = 0, used, n;
	unsigned int seq;
	char *all = NULL, *p;
	int ret, try;
	ssize_t len;

	for (try = 0; try < 2; try++) {
		seq = nl_send(nl, nlh);
		if (!seq) {
			ret = -errno;
			goto out;
		}
		nl->intr = 0;
		used = 0;
		do {
			if (cap - used < NL_BUFSZ) {
				n = cap ? cap * 2 : 4 * NL_BUFSZ;
				p = realloc(all, n);
				if (!p) {
					ret = -ENOMEM;
					goto out;
				}
				all = p;
				cap = n;
			}
			len = nl_recv(nl, all + used, NL_BUFSZ);
			if (len < 0) {
				ret = len;
				goto out;
			}
			/* Only looks for the end, an error and the flag. */
			ret = nl_walk(nl, all + used, len, seq, NULL, NULL);
			used += len;
		} while (ret > 0);
		if (ret < 0 || !nl->intr)
			break;
		fprintf(stderr, "%s: warning: the table changed during the dump; %s\n",
			cmd_name, try ? "entries may be repeated or missing" :
					"dumping it again");
	}
	if (ret == 0)
		ret = nl_walk(nl, all, used, seq, cb, data);
	if (ret > 0)
		ret = 0;
out:
	free(all);
	return ret;
}

int nl_talk(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	unsigned int seq;
	ssize_t len;
	int ret;

	/* NLM_F_DUMP is two bits, one of which is NLM_F_EXCL. */
	if ((nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP)
		return nl_dump(nl, nlh, cb, data);
	nlh->nlmsg_flags |= NLM_F_ACK;
	seq = nl_send(nl, nlh);
	if (!seq)
		return -errno;
	do {
		len = nl_recv(nl, nl->buf, NL_BUFSZ);
		if (len < 0)
			return len;
		ret = nl_walk(nl, nl->buf, len, seq, cb, data);
	} while (ret > 0);
	return ret;
}

int nl_run(const char *buf, int len, mnl_cb_t cb, void *data)
{
	int ret = nl_walk(NULL, buf, len, 0, cb, data);

	return ret > 0 ? 0 : ret;
}

/* ---- the sockets ------------------------------------------------------ */

static struct nl rt_sock;
static struct nl genl_sock;
static int vbr_family = -1;
static unsigned int vbr_events_id;

struct nl *rtnl(void)
{
	int err;

	if (rt_sock.sk)
		return &rt_sock;
	err = nl_open(&rt_sock, NETLINK_ROUTE);
	if (err) {
		error_msg("%s: rtnetlink: %s", cmd_name, strerror(-err));
		exit(EXIT_ERR);
	}
	return &rt_sock;
}

static void mcast_groups_parse(const struct nlattr *groups)
{
	const struct nlattr *g, *tb[CTRL_ATTR_MCAST_GRP_MAX + 1];
	char name[GENL_NAMSIZ];

	mnl_attr_for_each_nested(g, groups) {
		nest_parse(g, tb, CTRL_ATTR_MCAST_GRP_MAX);
		attr_str(tb[CTRL_ATTR_MCAST_GRP_NAME], name, sizeof(name));
		if (!strcmp(name, VBR_GENL_MCGRP_EVENTS))
			vbr_events_id = attr_u32(tb[CTRL_ATTR_MCAST_GRP_ID], 0);
	}
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case CTRL_ATTR_FAMILY_ID:
			if (mnl_attr_get_payload_len(a) >= 2)
				vbr_family = mnl_attr_get_u16(a);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			mcast_groups_parse(a);
			break;
		}
	}
	return MNL_CB_OK;
}

/* Open the genl socket and resolve the vbr family: 0 or -errno. */
static int vbr_genl_open(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct genlmsghdr *g;
	struct nlmsghdr *nlh;
	int err;

	if (genl_sock.sk)
		return vbr_family >= 0 ? 0 : -ENOENT;
	err = nl_open(&genl_sock, NETLINK_GENERIC);
	if (err)
		return err;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, VBR_GENL_NAME);
	err = nl_talk(&genl_sock, nlh, family_cb, NULL);
	if (!err && vbr_family < 0)
		err = -ENOENT;
	return err;
}

struct nl *vbr_genl_try(void)
{
	return vbr_genl_open() ? NULL : &genl_sock;
}

struct nl *vbr_genl(void)
{
	int err = vbr_genl_open();

	if (err == -ENOENT) {
		error_msg("%s: no \"%s\" generic netlink family: is the vbr module loaded?",
			  cmd_name, VBR_GENL_NAME);
		exit(EXIT_ERR);
	}
	if (err) {
		error_msg("%s: generic netlink: %s", cmd_name, strerror(-err));
		exit(EXIT_ERR);
	}
	return &genl_sock;
}

unsigned int vbr_family_id(void)
{
	vbr_genl();
	return vbr_family;
}

unsigned int vbr_events_group(void)
{
	return vbr_events_id;
}

struct nlmsghdr *vbr_msg(char *buf, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	vbr_genl();	/* the family id, or exit */
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = vbr_family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = VBR_GENL_VERSION;
	return nlh;
}

/* ---- attributes ------------------------------------------------------- */

void vbr_parse(const struct nlmsghdr *nlh, const struct nlattr **tb)
{
	const struct nlattr *a;

	memset(tb, 0, sizeof(*tb) * (VBR_A_MAX + 1));
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) <= VBR_A_MAX)
			tb[mnl_attr_get_type(a)] = a;
	}
}

void nest_parse(const struct nlattr *nest, const struct nlattr **tb,
		unsigned int max)
{
	const struct nlattr *a;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) <= max)
			tb[mnl_attr_get_type(a)] = a;
	}
}

uint32_t attr_u32(const struct nlattr *a, uint32_t def)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(uint32_t))
		return def;
	return mnl_attr_get_u32(a);
}

uint64_t attr_u64(const struct nlattr *a, uint64_t def)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(uint64_t))
		return def;
	return mnl_attr_get_u64(a);
}

uint16_t attr_u16(const struct nlattr *a, uint16_t def)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(uint16_t))
		return def;
	return mnl_attr_get_u16(a);
}

uint8_t attr_u8(const struct nlattr *a, uint8_t def)
{
	if (!a || mnl_attr_get_payload_len(a) < sizeof(uint8_t))
		return def;
	return mnl_attr_get_u8(a);
}

const char *attr_str(const struct nlattr *a, char *buf, size_t size)
{
	size_t len;

	buf[0] = '\0';
	if (!a)
		return buf;
	len = strnlen(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a));
	if (len >= size)
		len = size - 1;
	memcpy(buf, mnl_attr_get_payload(a), len);
	buf[len] = '\0';
	return buf;
}

const unsigned char *attr_mac(const struct nlattr *a)
{
	if (!a || mnl_attr_get_payload_len(a) != MAC_LEN)
		return NULL;
	return mnl_attr_get_payload(a);
}
