// SPDX-License-Identifier: GPL-2.0
/*
 * nlraw: send one hand-built rtnetlink request for a vbr link and print
 * the kernel's answer, errno and extack message included. The selftests
 * use it for input that iproute2 would refuse to build.
 *
 *   nlraw newlink NAME [ATTR ...]   create a vbr bridge, ATTRs in INFO_DATA
 *   nlraw setlink NAME [ATTR ...]   change a vbr bridge
 *   nlraw setport NAME [ATTR ...]   change a port, ATTRs in INFO_SLAVE_DATA
 *   nlraw genl CMD [ATTR ...]       one command of the "vbr" genl family;
 *                                   each reply message is printed as
 *                                   "reply CMD" and "attr TYPE LEN HEX"
 *   nlraw genl-dump CMD [ATTR ...]  the same as a dump
 *   nlraw fdbadd DEV MAC [ATTR ...] RTM_NEWNEIGH (AF_BRIDGE, NTF_SELF,
 *                                   static) on DEV, ATTRs after NDA_LLADDR
 *
 *   nlraw master DEV MASTER|nomaster  RTM_NEWLINK with IFLA_MASTER
 *   nlraw brport DEV [ATTR ...]     RTM_SETLINK (AF_BRIDGE) on port DEV,
 *                                   ATTRs (IFLA_BRPORT_*) in IFLA_PROTINFO,
 *                                   as "bridge link set" sends them
 *   nlraw vlan add|del DEV [self] VID[:FLAGS] ...
 *                                   RTM_SETLINK or RTM_DELLINK (AF_BRIDGE)
 *                                   on DEV, one IFLA_BRIDGE_VLAN_INFO per
 *                                   VID in IFLA_AF_SPEC, as "bridge vlan
 *                                   add|del" sends them, but unchecked;
 *                                   FLAGS letters: p pvid, u untagged,
 *                                   b range begin, e range end; "self"
 *                                   adds IFLA_BRIDGE_FLAGS = SELF
 *
 * ATTR is TYPE:FORMAT:VALUE with FORMAT one of u8, u16, u32, u64, str or
 * hex (raw bytes), for example 1:u32:30 or 99:hex:0102, or TYPE:flag.
 *
 * With NLRAW_FAIL_NTH=N in the environment, the N-th fault point (a
 * failslab or fail_page_alloc site that the kernel reaches while it
 * handles the request, in this task) fails, through
 * /proc/thread-self/fail-nth; stderr then says "fault injected" or
 * "fault not reached".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

static int fail_nth_fd = -1;

/* Armed just before the request is sent: the kernel handles it in this
 * task, within sendmsg.
 */
static void fail_nth_arm(void)
{
	const char *n = getenv("NLRAW_FAIL_NTH");

	if (!n || !*n)
		return;
	fail_nth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (fail_nth_fd < 0 || write(fail_nth_fd, n, strlen(n)) < 0) {
		perror("fail-nth");
		exit(2);
	}
}

static void fail_nth_disarm(void)
{
	char buf[16] = "";
	ssize_t n;

	if (fail_nth_fd < 0)
		return;
	n = pread(fail_nth_fd, buf, sizeof(buf) - 1, 0);
	if (n < 0 || pwrite(fail_nth_fd, "0", 1, 0) < 0) {
		perror("fail-nth");
		exit(2);
	}
	fprintf(stderr, "fault %s\n", atoi(buf) ? "not reached" : "injected");
	close(fail_nth_fd);
	fail_nth_fd = -1;
}

static int inject;	/* the next request is the one to fail in */

static int send_req(struct mnl_socket *nl, struct nlmsghdr *nlh)
{
	ssize_t ret;

	if (inject)
		fail_nth_arm();
	ret = mnl_socket_sendto(nl, nlh, nlh->nlmsg_len);
	if (inject)
		fail_nth_disarm();
	return ret < 0 ? -1 : 0;
}

static void usage(void)
{
	fprintf(stderr,
		"Usage: %s newlink|setlink|setport NAME [TYPE:FMT:VALUE ...]\n"
		"       %s genl|genl-dump CMD [TYPE:FMT:VALUE ...]\n"
		"       %s fdbadd DEV MAC [TYPE:FMT:VALUE ...]\n"
		"       %s vlan add|del DEV [self] VID[:pube] ...\n",
		program_invocation_short_name,
		program_invocation_short_name,
		program_invocation_short_name,
		program_invocation_short_name);
	exit(2);
}

static void put_attr(struct nlmsghdr *nlh, const char *spec)
{
	char fmt[8], val[512];
	unsigned int type;
	unsigned char buf[256];
	size_t i, n;

	val[0] = '\0';
	n = sscanf(spec, "%u:%7[^:]:%511s", &type, fmt, val);
	if (n == 2 && !strcmp(fmt, "flag")) {
		mnl_attr_put(nlh, type, 0, NULL);
		return;
	}
	if (n != 3) {
		fprintf(stderr, "bad attribute '%s'\n", spec);
		exit(2);
	}
	if (!strcmp(fmt, "u8")) {
		mnl_attr_put_u8(nlh, type, strtoul(val, NULL, 0));
	} else if (!strcmp(fmt, "u16")) {
		mnl_attr_put_u16(nlh, type, strtoul(val, NULL, 0));
	} else if (!strcmp(fmt, "u32")) {
		mnl_attr_put_u32(nlh, type, strtoul(val, NULL, 0));
	} else if (!strcmp(fmt, "u64")) {
		mnl_attr_put_u64(nlh, type, strtoull(val, NULL, 0));
	} else if (!strcmp(fmt, "str")) {
		mnl_attr_put_strz(nlh, type, val);
	} else if (!strcmp(fmt, "hex")) {
		n = strlen(val) / 2;
		if (n > sizeof(buf))
			usage();
		for (i = 0; i < n; i++)
			if (sscanf(val + 2 * i, "%2hhx", &buf[i]) != 1)
				usage();
		mnl_attr_put(nlh, type, n, buf);
	} else {
		usage();
	}
}

static int print_ack(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	const char *msg = NULL;
	struct nlattr *attr;

	if (nlh->nlmsg_type != NLMSG_ERROR) {
		fprintf(stderr, "unexpected reply type %u\n", nlh->nlmsg_type);
		return 1;
	}
	if (!err->error) {
		printf("ok\n");
		return 0;
	}
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		unsigned int off = sizeof(*err);

		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += mnl_nlmsg_get_payload_len(&err->msg);
		mnl_attr_for_each_payload((void *)((char *)err + off),
					  mnl_nlmsg_get_payload_len(nlh) - off) {
			if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG)
				msg = mnl_attr_get_str(attr);
		}
	}
	printf("error: %s (%d): %s\n", strerror(-err->error), -err->error,
	       msg ? msg : "(no extack message)");
	return 1;
}

static void print_reply(const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr;
	const unsigned char *d;
	int i, n;

	printf("reply %u\n", g->cmd);
	mnl_attr_for_each(attr, nlh, sizeof(*g)) {
		n = mnl_attr_get_payload_len(attr);
		d = mnl_attr_get_payload(attr);
		printf("attr %u %d ", mnl_attr_get_type(attr), n);
		for (i = 0; i < n && i < 64; i++)
			printf("%02x", d[i]);
		printf("\n");
	}
}

/* A dump's error: NLMSG_DONE with the errno, then extack attributes. */
static void print_done_error(const struct nlmsghdr *nlh, int err)
{
	const char *msg = "(no extack message)";
	const struct nlattr *attr;

	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		mnl_attr_for_each(attr, nlh, sizeof(int))
			if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG)
				msg = mnl_attr_get_str(attr);
	printf("error: %s (%d): %s\n", strerror(-err), -err, msg);
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID)
			*(int *)data = mnl_attr_get_u16(attr);
	return MNL_CB_OK;
}

/* Sends nlh and prints replies until the ack or the end of a dump. */
static int talk(struct mnl_socket *nl, struct nlmsghdr *nlh, int print,
		mnl_cb_t cb, void *data)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *m;
	ssize_t len;
	int left;

	if (send_req(nl, nlh) < 0) {
		perror("send");
		exit(2);
	}
	for (;;) {
		len = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (len < 0) {
			perror("recv");
			exit(2);
		}
		left = len;
		for (m = (struct nlmsghdr *)buf; mnl_nlmsg_ok(m, left);
		     m = mnl_nlmsg_next(m, &left)) {
			if (m->nlmsg_type == NLMSG_ERROR)
				return print ? print_ack(m) :
				       !!((struct nlmsgerr *)
					  mnl_nlmsg_get_payload(m))->error;
			if (m->nlmsg_type == NLMSG_DONE) {
				int err = *(int *)mnl_nlmsg_get_payload(m);

				if (!err) {
					if (print)
						printf("ok\n");
					return 0;
				}
				if (print)
					print_done_error(m, err);
				return 1;
			}
			if (cb)
				cb(m, data);
			if (print)
				print_reply(m);
		}
	}
}

static int genl_main(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	int one = 1, family = -1, i;
	struct mnl_socket *nl;
	struct genlmsghdr *g;
	struct nlmsghdr *nlh;

	nl = mnl_socket_open(NETLINK_GENERIC);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("netlink");
		return 2;
	}
	mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "vbr");
	if (talk(nl, nlh, 0, family_cb, &family) || family < 0) {
		fprintf(stderr, "no vbr genl family\n");
		return 2;
	}

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (!strcmp(argv[1], "genl-dump"))
		nlh->nlmsg_flags |= NLM_F_DUMP;
	nlh->nlmsg_seq = time(NULL);
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = strtoul(argv[2], NULL, 0);
	g->version = 1;
	for (i = 3; i < argc; i++)
		put_attr(nlh, argv[i]);
	inject = 1;
	return talk(nl, nlh, 1, NULL, NULL);
}

int main(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlattr *info, *data;
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifm;
	int i, one = 1, port = 0;
	ssize_t len;

	if (argc < 3)
		usage();
	if (!strcmp(argv[1], "genl") || !strcmp(argv[1], "genl-dump"))
		return genl_main(argc, argv);

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = time(NULL);
	if (!strcmp(argv[1], "fdbadd")) {
		struct ndmsg *ndm;
		unsigned char mac[6];

		if (argc < 4 || sscanf(argv[3], "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx",
				       &mac[0], &mac[1], &mac[2], &mac[3],
				       &mac[4], &mac[5]) != 6)
			usage();
		nlh->nlmsg_type = RTM_NEWNEIGH;
		nlh->nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
		ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
		ndm->ndm_family = AF_BRIDGE;
		ndm->ndm_ifindex = if_nametoindex(argv[2]);
		ndm->ndm_state = NUD_NOARP;
		ndm->ndm_flags = NTF_SELF;
		mnl_attr_put(nlh, NDA_LLADDR, 6, mac);
		for (i = 4; i < argc; i++)
			put_attr(nlh, argv[i]);
		goto send;
	}
	if (!strcmp(argv[1], "master")) {
		unsigned int m = 0;

		if (argc < 4)
			usage();
		if (strcmp(argv[3], "nomaster")) {
			m = if_nametoindex(argv[3]);
			if (!m) {
				fprintf(stderr, "no device %s\n", argv[3]);
				return 2;
			}
		}
		nlh->nlmsg_type = RTM_NEWLINK;
		ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
		ifm->ifi_family = AF_UNSPEC;
		mnl_attr_put_strz(nlh, IFLA_IFNAME, argv[2]);
		mnl_attr_put_u32(nlh, IFLA_MASTER, m);
		goto send;
	}
	if (!strcmp(argv[1], "brport")) {
		nlh->nlmsg_type = RTM_SETLINK;
		ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
		ifm->ifi_family = AF_BRIDGE;
		ifm->ifi_index = if_nametoindex(argv[2]);
		data = mnl_attr_nest_start(nlh, IFLA_PROTINFO);
		for (i = 3; i < argc; i++)
			put_attr(nlh, argv[i]);
		mnl_attr_nest_end(nlh, data);
		goto send;
	}
	if (!strcmp(argv[1], "vlan")) {
		struct bridge_vlan_info vi;
		const char *f;

		if (argc < 5 || (strcmp(argv[2], "add") && strcmp(argv[2], "del")))
			usage();
		nlh->nlmsg_type = strcmp(argv[2], "add") ? RTM_DELLINK :
							   RTM_SETLINK;
		ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
		ifm->ifi_family = AF_BRIDGE;
		ifm->ifi_index = if_nametoindex(argv[3]);
		data = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);
		for (i = 4; i < argc; i++) {
			if (!strcmp(argv[i], "self")) {
				mnl_attr_put_u16(nlh, IFLA_BRIDGE_FLAGS,
						 BRIDGE_FLAGS_SELF);
				continue;
			}
			memset(&vi, 0, sizeof(vi));
			vi.vid = strtoul(argv[i], NULL, 0);
			f = strchr(argv[i], ':');
			for (f = f ? f + 1 : ""; *f; f++) {
				switch (*f) {
				case 'p':
					vi.flags |= BRIDGE_VLAN_INFO_PVID;
					break;
				case 'u':
					vi.flags |= BRIDGE_VLAN_INFO_UNTAGGED;
					break;
				case 'b':
					vi.flags |= BRIDGE_VLAN_INFO_RANGE_BEGIN;
					break;
				case 'e':
					vi.flags |= BRIDGE_VLAN_INFO_RANGE_END;
					break;
				default:
					usage();
				}
			}
			mnl_attr_put(nlh, IFLA_BRIDGE_VLAN_INFO, sizeof(vi), &vi);
		}
		mnl_attr_nest_end(nlh, data);
		goto send;
	}
	if (!strcmp(argv[1], "newlink")) {
		nlh->nlmsg_type = RTM_NEWLINK;
		nlh->nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
	} else if (!strcmp(argv[1], "setlink")) {
		nlh->nlmsg_type = RTM_NEWLINK;
	} else if (!strcmp(argv[1], "setport")) {
		nlh->nlmsg_type = RTM_NEWLINK;
		port = 1;
	} else {
		usage();
	}
	ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, argv[2]);

	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, port ? IFLA_INFO_SLAVE_KIND : IFLA_INFO_KIND,
			  "vbr");
	data = mnl_attr_nest_start(nlh, port ? IFLA_INFO_SLAVE_DATA :
					       IFLA_INFO_DATA);
	for (i = 3; i < argc; i++)
		put_attr(nlh, argv[i]);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);

send:
	inject = 1;
	nl = mnl_socket_open(NETLINK_ROUTE);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("netlink");
		return 2;
	}
	mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));
	if (send_req(nl, nlh) < 0) {
		perror("send");
		return 2;
	}
	len = mnl_socket_recvfrom(nl, buf, sizeof(buf));
	if (len < 0) {
		perror("recv");
		return 2;
	}
	mnl_socket_close(nl);
	return print_ack((struct nlmsghdr *)buf);
}
