// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl: look into vbr bridges.
 *
 *   vbrctl list-br          the vbr bridges of this network namespace
 *   vbrctl show [BRIDGE]    bridges and their ports: type, state, MTU,
 *                           MAC and learned-MAC count
 *
 * This first version reads rtnetlink; the vbr generic netlink family
 * will add configuration and the FDB.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "../../uapi/linux/vbr.h"

#define VBRCTL_VERSION "0.1"
#define VBRCTL_MAX_LINKS 4096

struct link {
	int ifindex;
	int master;
	unsigned int flags;
	unsigned int mtu;
	char name[IFNAMSIZ];
	char kind[32];
	char slave_kind[32];
	unsigned char mac[6];
	unsigned int learned;
	int has_learned;
};

static struct link links[VBRCTL_MAX_LINKS];
static int nlinks;

static int parse_info(const struct nlattr *info, struct link *l)
{
	const struct nlattr *a, *d;

	mnl_attr_for_each_nested(a, info) {
		switch (mnl_attr_get_type(a)) {
		case IFLA_INFO_KIND:
			snprintf(l->kind, sizeof(l->kind), "%s",
				 mnl_attr_get_str(a));
			break;
		case IFLA_INFO_SLAVE_KIND:
			snprintf(l->slave_kind, sizeof(l->slave_kind), "%s",
				 mnl_attr_get_str(a));
			break;
		case IFLA_INFO_DATA:
		case IFLA_INFO_SLAVE_DATA:
			mnl_attr_for_each_nested(d, a) {
				int learned = mnl_attr_get_type(a) == IFLA_INFO_DATA ?
					VBR_IFLA_LEARNED : VBR_PORT_IFLA_LEARNED;

				if (mnl_attr_get_type(d) == learned &&
				    mnl_attr_get_payload_len(d) == 4) {
					l->learned = mnl_attr_get_u32(d);
					l->has_learned = 1;
				}
			}
			break;
		}
	}
	return 0;
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);
	struct link *l;
	struct nlattr *a;

	if (nlinks >= VBRCTL_MAX_LINKS)
		return MNL_CB_STOP;
	l = &links[nlinks++];
	memset(l, 0, sizeof(*l));
	l->ifindex = ifm->ifi_index;
	l->flags = ifm->ifi_flags;
	mnl_attr_for_each(a, nlh, sizeof(*ifm)) {
		switch (mnl_attr_get_type(a)) {
		case IFLA_IFNAME:
			snprintf(l->name, sizeof(l->name), "%s",
				 mnl_attr_get_str(a));
			break;
		case IFLA_MASTER:
			l->master = mnl_attr_get_u32(a);
			break;
		case IFLA_MTU:
			l->mtu = mnl_attr_get_u32(a);
			break;
		case IFLA_ADDRESS:
			if (mnl_attr_get_payload_len(a) == 6)
				memcpy(l->mac, mnl_attr_get_payload(a), 6);
			break;
		case IFLA_LINKINFO:
			parse_info(a, l);
			break;
		}
	}
	return MNL_CB_OK;
}

static int dump_links(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifm;
	unsigned int seq, portid;
	int ret;

	nl = mnl_socket_open(NETLINK_ROUTE);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("vbrctl: netlink");
		return -1;
	}
	portid = mnl_socket_get_portid(nl);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	seq = getpid();
	nlh->nlmsg_seq = seq;
	ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		perror("vbrctl: send");
		return -1;
	}
	while ((ret = mnl_socket_recvfrom(nl, buf, sizeof(buf))) > 0) {
		ret = mnl_cb_run(buf, ret, seq, portid, link_cb, NULL);
		if (ret <= MNL_CB_STOP)
			break;
	}
	mnl_socket_close(nl);
	if (ret < 0) {
		perror("vbrctl: dump");
		return -1;
	}
	return 0;
}

static int is_bridge(const struct link *l)
{
	return !strcmp(l->kind, "vbr");
}

/* What sits behind a port, as far as the kernel tells. */
static const char *port_type(const struct link *l)
{
	char path[128];

	if (!strcmp(l->kind, "tun"))
		return "tap";
	if (!strcmp(l->kind, "veth") || !strcmp(l->kind, "vxlan"))
		return l->kind;
	if (l->kind[0])
		return "other";
	snprintf(path, sizeof(path), "/sys/class/net/%s/device", l->name);
	return access(path, F_OK) == 0 ? "physical" : "other";
}

static void print_mac(const unsigned char *m)
{
	printf("%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3],
	       m[4], m[5]);
}

static int cmd_show(const char *only, int ports)
{
	int i, j, found = 0;

	if (dump_links())
		return 1;
	for (i = 0; i < nlinks; i++) {
		const struct link *b = &links[i];

		if (!is_bridge(b) || (only && strcmp(only, b->name)))
			continue;
		found = 1;
		if (!ports) {
			printf("%s\n", b->name);
			continue;
		}
		printf("%s: %s mtu %u mac ", b->name,
		       (b->flags & IFF_UP) ? "up" : "down", b->mtu);
		print_mac(b->mac);
		printf(" learned %u\n", b->learned);
		for (j = 0; j < nlinks; j++) {
			const struct link *p = &links[j];

			if (p->master != b->ifindex)
				continue;
			printf("  %-15s %-8s %-4s mtu %-5u mac ", p->name,
			       port_type(p),
			       (p->flags & IFF_UP) ? "up" : "down", p->mtu);
			print_mac(p->mac);
			printf(" learned %u\n", p->learned);
		}
	}
	if (only && !found) {
		fprintf(stderr, "vbrctl: no vbr bridge named %s\n", only);
		return 1;
	}
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: vbrctl [--version] [--help] COMMAND\n"
		"  list-br           list vbr bridges\n"
		"  show [BRIDGE]     bridges, ports, port types and learned MACs\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("vbrctl %s\n", VBRCTL_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "list-br") && argc == 2)
		return cmd_show(NULL, 0);
	if (!strcmp(argv[1], "show") && argc <= 3)
		return cmd_show(argc == 3 ? argv[2] : NULL, 1);
	fprintf(stderr, "vbrctl: unknown command or arguments: %s\n", argv[1]);
	usage(stderr);
	return 2;
}
