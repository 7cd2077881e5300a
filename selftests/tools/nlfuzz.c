// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: send random and mutated netlink messages to vbr and check that
 * each one is answered.
 *
 *   nlfuzz [-n COUNT] [-s SEED] [-r RESTORE-COMMAND]
 *
 * Targets: the "vbr" generic netlink family (every command, do and dump)
 * and rtnetlink RTM_NEWLINK with IFLA_INFO_DATA of kind vbr or
 * IFLA_INFO_SLAVE_DATA of slave kind vbr. Attributes are drawn mostly
 * from the real ones with wrong types, extreme values, oversized and
 * truncated payloads, unterminated strings, nested garbage, bad lengths
 * and missing pieces. Device names come from a small pool that
 * selftests/fuzz.sh sets up (bridges fz0 fz1, veths vfz0 vfz1, dummy
 * vfzd0, internal vfzi0), so accepted requests act on real objects. The
 * veths' peers are left out: enslaving both ends of a veth makes a loop,
 * and a loop without STP is a broadcast storm. Every 5000 messages
 * RESTORE-COMMAND (run by the shell) puts the pool back.
 *
 * Prints one summary line; exits 1 if a message went unanswered within
 * 10 s or an answer was malformed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#define BUF_SIZE	8192
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define RX_SIZE		(64 * 1024)

static uint64_t rng_state;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 11);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static const char *const names[] = {
	"fz0", "fz1", "vfz0", "vfz1", "vfzd0", "vfzi0", "vfzi1", "fzn0",
	"fzn1", "lo", "nosuch", "",
};

struct msg {
	unsigned char buf[BUF_SIZE];
	size_t len;
};

static void *put(struct msg *m, const void *data, size_t n)
{
	void *p = m->buf + m->len;

	if (m->len + NLA_ALIGN(n) > BUF_SIZE)
		return NULL;
	memset(p, 0, NLA_ALIGN(n));
	if (data)
		memcpy(p, data, n);
	m->len += NLA_ALIGN(n);
	return p;
}

static struct nlattr *attr_start(struct msg *m, uint16_t type)
{
	struct nlattr *a = put(m, NULL, sizeof(*a));

	if (a)
		a->nla_type = type;
	return a;
}

static void attr_end(struct msg *m, struct nlattr *a)
{
	if (a)
		a->nla_len = (unsigned char *)m->buf + m->len -
			     (unsigned char *)a;
}

static void put_attr(struct msg *m, uint16_t type, const void *d, size_t n)
{
	struct nlattr *a = attr_start(m, type);

	if (!a)
		return;
	if (!put(m, d, n) && n) {
		m->len -= sizeof(*a);
		return;
	}
	a->nla_len = sizeof(*a) + n;
}

static uint64_t extreme(void)
{
	static const uint64_t v[] = {
		0, 1, 2, 0x7f, 0xff, 0x100, 0xffff, 0x10000, 1000000, 1000001,
		65535, 65536, 67, 68, 0x7fffffff, 0xffffffff, ~0ULL,
	};

	return below(4) ? v[below(ARRAY_SIZE(v))] : rnd();
}

static void random_payload(struct msg *m, uint16_t type, int depth);

static void random_nest(struct msg *m, uint16_t type, int depth)
{
	struct nlattr *a = attr_start(m, type | (below(2) ? NLA_F_NESTED : 0));
	int i, n = below(4);

	for (i = 0; i < n; i++)
		random_payload(m, below(32), depth + 1);
	attr_end(m, a);
}

/* One attribute of a random shape. */
static void random_payload(struct msg *m, uint16_t type, int depth)
{
	unsigned char raw[256];
	uint64_t v = extreme();
	const char *s;
	size_t n;

	switch (below(depth > 2 ? 8 : 10)) {
	case 0:
		put_attr(m, type, &v, 1);
		break;
	case 1:
		put_attr(m, type, &v, 2);
		break;
	case 2:
	case 3:
		put_attr(m, type, &v, 4);
		break;
	case 4:
		put_attr(m, type, &v, 8);
		break;
	case 5:
		/* A pool name, NUL-terminated or not, or too long. */
		s = names[below(ARRAY_SIZE(names))];
		if (below(8) == 0)
			s = "abcdefghijklmnopqrstuvwxyz";
		put_attr(m, type, s, strlen(s) + (below(6) ? 1 : 0));
		break;
	case 6:
		/* A MAC: unicast, multicast, zero or random. */
		raw[0] = below(3) ? 0x02 : (below(2) ? 0x01 : 0);
		for (n = 1; n < 6; n++)
			raw[n] = below(2) ? 0 : rnd();
		put_attr(m, type, raw, below(5) ? 6 : below(12));
		break;
	case 7:
		n = below(sizeof(raw));
		for (size_t i = 0; i < n; i++)
			raw[i] = rnd();
		put_attr(m, type, raw, n);
		break;
	default:
		random_nest(m, type, depth);
		break;
	}
}

/* Attributes of the vbr family: mostly valid types, with their usual
 * shapes most of the time.
 */
static void genl_attrs(struct msg *m)
{
	int i, n = below(6);
	uint32_t v;

	/* Most requests name a real bridge, so they get past the lookup. */
	if (below(10) < 7)
		put_attr(m, 3, below(2) ? "fz0" : "fz1", 4);
	for (i = 0; i < n; i++) {
		uint16_t type = below(8) ? 1 + below(25) : below(64);
		const char *s;

		if (below(4) == 0) {
			random_payload(m, type, 0);
			continue;
		}
		switch (type) {
		case 3:		/* names */
		case 11:
			s = names[below(ARRAY_SIZE(names))];
			put_attr(m, type, s, strlen(s) + 1);
			break;
		case 12:	/* u8 enums and bools */
		case 15:
		case 16:
		case 23:
			v = below(4);
			put_attr(m, type, &v, 1);
			break;
		case 22:
			v = below(3) ? 0 : extreme();
			put_attr(m, type, &v, 2);
			break;
		case 19:
			put_attr(m, type, NULL, 0);
			break;
		default:
			v = extreme();
			put_attr(m, type, &v, 4);
			break;
		}
	}
}

/* Corrupt one attribute length somewhere after the headers. */
static void mutate(struct msg *m, size_t hdrlen)
{
	struct nlattr *a;

	if (m->len <= hdrlen + sizeof(*a) || below(20))
		return;
	a = (struct nlattr *)(m->buf + hdrlen);
	switch (below(3)) {
	case 0:
		a->nla_len = below(4);
		break;
	case 1:
		a->nla_len = m->len - hdrlen + 1 + below(64);
		break;
	default:
		/* Cut the message short inside the attribute. */
		m->len -= below(a->nla_len < m->len - hdrlen ? 4 : 1);
		break;
	}
}

static int genl_family_id(int fd, uint32_t *seq);
static int talk(int fd, struct msg *m, uint32_t seq, int *accepted);

static void build_genl(struct msg *m, int family, uint32_t seq)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;
	struct genlmsghdr *g;

	m->len = 0;
	put(m, NULL, sizeof(*nlh));
	g = put(m, NULL, sizeof(*g));
	g->cmd = below(10) ? 1 + below(12) : below(40);
	/* Deleting the pool's bridges and ports ends most later requests
	 * early: do it rarely.
	 */
	if ((g->cmd == 2 || g->cmd == 6) && below(20))
		g->cmd = 3;
	g->version = below(10) ? 1 : below(256);
	if (below(20) == 0)
		g->reserved = rnd();
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (below(4) == 0)
		nlh->nlmsg_flags |= NLM_F_DUMP;
	if (below(8) == 0)
		nlh->nlmsg_flags |= NLM_F_REPLACE;
	nlh->nlmsg_seq = seq;
	genl_attrs(m);
	mutate(m, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh->nlmsg_len = m->len;
}

static void build_rtnl(struct msg *m, uint32_t seq)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;
	struct nlattr *info, *data;
	bool slave = below(2);
	struct ifinfomsg *ifm;
	const char *name;
	int i, n;

	m->len = 0;
	put(m, NULL, sizeof(*nlh));
	ifm = put(m, NULL, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	if (!slave && below(3) == 0)
		nlh->nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
	name = slave ? (below(2) ? "vfz0" : "vfzi0") :
		       (below(2) ? "fz0" : (below(2) ? "fzn0" : "fzn1"));
	put_attr(m, IFLA_IFNAME, name, strlen(name) + 1);
	info = attr_start(m, IFLA_LINKINFO);
	if (slave)
		put_attr(m, IFLA_INFO_SLAVE_KIND, "vbr", 4);
	else
		put_attr(m, IFLA_INFO_KIND, below(8) ? "vbr" : "vbr_internal",
			 below(8) ? 4 : 13);
	data = attr_start(m, slave ? IFLA_INFO_SLAVE_DATA : IFLA_INFO_DATA);
	n = below(5);
	for (i = 0; i < n; i++) {
		uint16_t type = below(8) ? 1 + below(4) : below(64);
		uint32_t v = extreme();

		if (below(2))
			put_attr(m, type, &v, type == 1 && slave ? 1 :
					      (type == 2 && slave ? 1 : 4));
		else
			random_payload(m, type, 0);
	}
	attr_end(m, data);
	attr_end(m, info);
	mutate(m, NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(*ifm)));
	nlh->nlmsg_len = m->len;
}

static int open_nl(int proto)
{
	struct timeval tv = { .tv_sec = 10 };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1, size = 1 << 20;

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("netlink");
		exit(2);
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return fd;
}

/*
 * Sends m and reads until its ack, error or end of dump. Returns 0 when
 * answered (accepted set to 1 on success), -1 on timeout or a bad reply.
 */
static int talk(int fd, struct msg *m, uint32_t seq, int *accepted)
{
	static unsigned char rx[RX_SIZE];
	struct nlmsghdr *nlh;
	ssize_t n;

	*accepted = 0;
	if (send(fd, m->buf, m->len, 0) < 0) {
		perror("send");
		return -1;
	}
	for (;;) {
		n = recv(fd, rx, sizeof(rx), 0);
		if (n < 0) {
			fprintf(stderr, "nlfuzz: no answer to seq %u: %s\n",
				seq, strerror(errno));
			return -1;
		}
		for (nlh = (struct nlmsghdr *)rx; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);

				*accepted = !e->error;
				return 0;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				*accepted = !*(int *)NLMSG_DATA(nlh);
				return 0;
			}
		}
	}
}

static int genl_family_id(int fd, uint32_t *seq)
{
	static unsigned char rx[RX_SIZE];
	struct msg m = { .len = 0 };
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	struct nlattr *a;
	ssize_t n;
	int len;

	nlh = put(&m, NULL, sizeof(*nlh));
	g = put(&m, NULL, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	put_attr(&m, CTRL_ATTR_FAMILY_NAME, "vbr", 4);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = ++*seq;
	nlh->nlmsg_len = m.len;
	if (send(fd, m.buf, m.len, 0) < 0)
		return -1;
	n = recv(fd, rx, sizeof(rx), 0);
	nlh = (struct nlmsghdr *)rx;
	if (n <= 0 || !NLMSG_OK(nlh, n) || nlh->nlmsg_type != GENL_ID_CTRL)
		return -1;
	len = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	a = (struct nlattr *)((unsigned char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	while (len >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) &&
	       a->nla_len <= len) {
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			return *(uint16_t *)(a + 1);
		len -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((unsigned char *)a + NLA_ALIGN(a->nla_len));
	}
	return -1;
}

int main(int argc, char **argv)
{
	long count = 100000, i, sent_genl = 0, sent_rtnl = 0;
	const char *restore = NULL;
	long ok_genl = 0, ok_rtnl = 0;
	int opt, family, gfd, rfd, accepted;
	uint32_t seq = 0;
	uint64_t seed = 1;
	struct msg m;

	while ((opt = getopt(argc, argv, "n:s:r:")) != -1) {
		switch (opt) {
		case 'n':
			count = strtol(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'r':
			restore = optarg;
			break;
		default:
			fprintf(stderr, "usage: nlfuzz [-n COUNT] [-s SEED] [-r CMD]\n");
			return 2;
		}
	}
	rng_state = seed ? seed : 1;
	gfd = open_nl(NETLINK_GENERIC);
	rfd = open_nl(NETLINK_ROUTE);
	family = genl_family_id(gfd, &seq);
	if (family < 0) {
		fprintf(stderr, "nlfuzz: no vbr genl family\n");
		return 2;
	}
	for (i = 0; i < count; i++) {
		if (restore && i % 5000 == 0 && system(restore))
			fprintf(stderr, "nlfuzz: restore failed\n");
		seq++;
		if (below(5) < 3) {
			build_genl(&m, family, seq);
			if (talk(gfd, &m, seq, &accepted))
				goto hang;
			sent_genl++;
			ok_genl += accepted;
		} else {
			build_rtnl(&m, seq);
			if (talk(rfd, &m, seq, &accepted))
				goto hang;
			sent_rtnl++;
			ok_rtnl += accepted;
		}
	}
	printf("nlfuzz: %ld messages answered (genl %ld, %ld accepted; ",
	       sent_genl + sent_rtnl, sent_genl, ok_genl);
	printf("rtnl %ld, %ld accepted), seed %llu\n", sent_rtnl, ok_rtnl,
	       (unsigned long long)seed);
	return 0;
hang:
	printf("nlfuzz: message %ld unanswered after %ld answered, seed %llu\n",
	       i, sent_genl + sent_rtnl, (unsigned long long)seed);
	return 1;
}
