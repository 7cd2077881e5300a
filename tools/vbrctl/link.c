// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl: devices. What a port is comes from its rtnetlink link kind;
 * who holds a tap from /proc; where a veth peer lives from its
 * IFLA_LINK_NETNSID, named through the namespaces under /run/netns.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/if_tun.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include "link.h"
#include "nl.h"

/* Room for /proc/PID/fdinfo/NAME and /run/netns/NAME. */
#define PATHLEN	320

/* ---- the link table ---------------------------------------------------- */

static void vbr_data_parse(const struct nlattr *data, struct link *l)
{
	const struct nlattr *tb[VBR_IFLA_MAX + 1];

	nest_parse(data, tb, VBR_IFLA_MAX);
	l->learned = attr_u32(tb[VBR_IFLA_LEARNED], 0);
	l->ageing_cs = attr_u32(tb[VBR_IFLA_AGEING_TIME], 0);
	l->max_learned = attr_u32(tb[VBR_IFLA_MAX_LEARNED], 0);
	l->has_vlan = tb[VBR_IFLA_VLAN_FILTERING] &&
		      tb[VBR_IFLA_VLAN_DEFAULT_PVID] && tb[VBR_IFLA_VLAN_PROTOCOL];
	l->vlan_filtering = attr_u8(tb[VBR_IFLA_VLAN_FILTERING], 0);
	l->vlan_default_pvid = attr_u16(tb[VBR_IFLA_VLAN_DEFAULT_PVID], 0);
	/* rtnetlink carries the protocol in network order. */
	l->vlan_proto = ntohs(attr_u16(tb[VBR_IFLA_VLAN_PROTOCOL], 0));
	l->has_err_recovery = tb[VBR_IFLA_ERR_RECOVERY];
	l->err_recovery = attr_u32(tb[VBR_IFLA_ERR_RECOVERY], 0);
	l->has_loop = tb[VBR_IFLA_LOOP_PROTECT] && tb[VBR_IFLA_LOOP_INTERVAL] &&
		      tb[VBR_IFLA_MAC_FLAP_LIMIT] &&
		      tb[VBR_IFLA_MAC_FLAP_WINDOW] && tb[VBR_IFLA_MAC_FLAP_BLOCK];
	l->loop_protect = attr_u8(tb[VBR_IFLA_LOOP_PROTECT], 0);
	l->loop_interval = attr_u32(tb[VBR_IFLA_LOOP_INTERVAL], 0);
	l->flap_limit = attr_u32(tb[VBR_IFLA_MAC_FLAP_LIMIT], 0);
	l->flap_window = attr_u32(tb[VBR_IFLA_MAC_FLAP_WINDOW], 0);
	l->flap_block = attr_u8(tb[VBR_IFLA_MAC_FLAP_BLOCK], 0);
}

const struct storm_opt storm_opts[3] = {
	{ "storm-bcast", "storm_bcast", VBR_A_PORT_STORM_BCAST,
	  VBR_PORT_IFLA_STORM_BCAST },
	{ "storm-mcast", "storm_mcast", VBR_A_PORT_STORM_MCAST,
	  VBR_PORT_IFLA_STORM_MCAST },
	{ "storm-ucast", "storm_ucast", VBR_A_PORT_STORM_UCAST,
	  VBR_PORT_IFLA_STORM_UCAST },
};

static const char *const port_state_names[] = {
	[VBR_PORT_STATE_FORWARDING] = "forwarding",
	[VBR_PORT_STATE_BLOCKED] = "blocked",
};

static const char *const block_reason_names[] = {
	[VBR_BLOCK_NONE] = "none",
	[VBR_BLOCK_ADMIN] = "admin",
	[VBR_BLOCK_BPDU_GUARD] = "bpdu_guard",
	[VBR_BLOCK_LOOP] = "loop",
	[VBR_BLOCK_STORM] = "storm",
};

const char *port_state_name(uint8_t state)
{
	return state < ARRAY_SIZE(port_state_names) ?
	       port_state_names[state] : "unknown";
}

const char *block_reason_name(uint8_t why)
{
	return why < ARRAY_SIZE(block_reason_names) ?
	       block_reason_names[why] : "unknown";
}

int port_state_parse(const char *arg)
{
	if (!strcmp(arg, "forwarding"))
		return VBR_PORT_STATE_FORWARDING;
	if (!strcmp(arg, "blocked") || !strcmp(arg, "blocking"))
		return VBR_PORT_STATE_BLOCKED;
	return -1;
}

static void vbr_port_data_parse(const struct nlattr *data, struct link *l)
{
	const struct nlattr *tb[VBR_PORT_IFLA_MAX + 1];
	int f;

	nest_parse(data, tb, VBR_PORT_IFLA_MAX);
	l->learned = attr_u32(tb[VBR_PORT_IFLA_LEARNED], 0);
	l->max_learned = attr_u32(tb[VBR_PORT_IFLA_MAX_LEARNED], 0);
	l->port_state = attr_u8(tb[VBR_PORT_IFLA_STATE], 0);
	l->block_reason = attr_u8(tb[VBR_PORT_IFLA_BLOCK_REASON], 0);
	for (f = 0; f < (int)ARRAY_SIZE(storm_opts); f++)
		l->storm[f] = attr_u32(tb[storm_opts[f].ifla], 0);
	l->storm_burst = attr_u32(tb[VBR_PORT_IFLA_STORM_BURST], 0);
	l->pflags = 0;
	for (f = 0; f < N_PORT_FLAGS; f++)
		if (attr_u8(tb[port_flags[f].ifla], port_flags[f].def))
			l->pflags |= 1U << f;
}

/* The kind tells what IFLA_INFO_DATA means, so look at it first. */
static void linkinfo_parse(const struct nlattr *info, struct link *l)
{
	const struct nlattr *tb[IFLA_INFO_MAX + 1];

	nest_parse(info, tb, IFLA_INFO_MAX);
	attr_str(tb[IFLA_INFO_KIND], l->kind, sizeof(l->kind));
	attr_str(tb[IFLA_INFO_SLAVE_KIND], l->slave_kind,
		 sizeof(l->slave_kind));
	if (tb[IFLA_INFO_DATA] && link_is_vbr(l))
		vbr_data_parse(tb[IFLA_INFO_DATA], l);
	if (tb[IFLA_INFO_SLAVE_DATA] && !strcmp(l->slave_kind, "vbr"))
		vbr_port_data_parse(tb[IFLA_INFO_SLAVE_DATA], l);
}

static void link_parse(const struct nlmsghdr *nlh, struct link *l)
{
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;

	memset(l, 0, sizeof(*l));
	l->ifindex = ifm->ifi_index;
	l->flags = ifm->ifi_flags;
	l->link_nsid = -1;
	mnl_attr_for_each(a, nlh, sizeof(*ifm)) {
		switch (mnl_attr_get_type(a)) {
		case IFLA_IFNAME:
			attr_str(a, l->name, sizeof(l->name));
			break;
		case IFLA_MASTER:
			l->master = attr_u32(a, 0);
			break;
		case IFLA_LINK:
			l->iflink = attr_u32(a, 0);
			break;
		case IFLA_LINK_NETNSID:
			l->link_nsid = (int32_t)attr_u32(a, -1);
			break;
		case IFLA_MTU:
			l->mtu = attr_u32(a, 0);
			break;
		case IFLA_ADDRESS:
			if (attr_mac(a))
				memcpy(l->mac, attr_mac(a), MAC_LEN);
			break;
		case IFLA_LINKINFO:
			linkinfo_parse(a, l);
			break;
		}
	}
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct links *ls = data;
	struct link *v;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(struct ifinfomsg))
		return MNL_CB_OK;
	v = realloc(ls->v, (ls->n + 1) * sizeof(*v));
	if (!v)
		return MNL_CB_ERROR;
	ls->v = v;
	link_parse(nlh, &ls->v[ls->n++]);
	return MNL_CB_OK;
}

int links_dump(struct links *ls)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifm;

	ls->v = NULL;
	ls->n = 0;
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	return nl_talk(rtnl(), nlh, link_cb, ls);
}

void links_free(struct links *ls)
{
	free(ls->v);
	ls->v = NULL;
	ls->n = 0;
}

struct link *link_by_index(const struct links *ls, int ifindex)
{
	int i;

	for (i = 0; i < ls->n; i++)
		if (ls->v[i].ifindex == ifindex)
			return &ls->v[i];
	return NULL;
}

struct link *link_by_name(const struct links *ls, const char *name)
{
	int i;

	for (i = 0; i < ls->n; i++)
		if (!strcmp(ls->v[i].name, name))
			return &ls->v[i];
	return NULL;
}

bool link_is_vbr(const struct link *l)
{
	return !strcmp(l->kind, "vbr");
}

const char *link_port_type(const struct link *l)
{
	char path[64];

	/* tun and tap devices both say "tun"; only a tap can be a port. */
	if (!strcmp(l->kind, "tun"))
		return "tap";
	if (!strcmp(l->kind, "veth") || !strcmp(l->kind, "vxlan"))
		return l->kind;
	if (!strcmp(l->kind, "vbr_internal"))
		return "internal";
	if (l->kind[0])
		return "other";
	snprintf(path, sizeof(path), "/sys/class/net/%s/device", l->name);
	return access(path, F_OK) == 0 ? "physical" : "other";
}

/* ---- changing links ---------------------------------------------------- */

static struct nlmsghdr *link_msg(char *buf, uint16_t type, uint16_t flags,
				 int ifindex)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifm;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_index = ifindex;
	return nlh;
}

int link_set_up(int ifindex)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = link_msg(buf, RTM_NEWLINK, 0, ifindex);
	struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);

	ifm->ifi_flags = IFF_UP;
	ifm->ifi_change = IFF_UP;
	return nl_talk(rtnl(), nlh, NULL, NULL);
}

int link_del(int ifindex)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];

	return nl_talk(rtnl(), link_msg(buf, RTM_DELLINK, 0, ifindex),
		       NULL, NULL);
}

int tap_create(const char *name, long uid, long gid)
{
	struct ifreq ifr;
	int fd, err = 0;

	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0 ||
	    (uid >= 0 && ioctl(fd, TUNSETOWNER, (unsigned long)uid) < 0) ||
	    (gid >= 0 && ioctl(fd, TUNSETGROUP, (unsigned long)gid) < 0) ||
	    ioctl(fd, TUNSETPERSIST, 1UL) < 0)
		err = -errno;
	/* Unless it was made persistent, the tap goes with this close. */
	close(fd);
	return err;
}

int veth_create(const char *name, const char *peer, int netns_fd)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlattr *info, *data, *pinfo;
	struct nlmsghdr *nlh;
	struct ifinfomsg *pifm;

	nlh = link_msg(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	pinfo = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
	/* The peer's part starts with an ifinfomsg of its own. */
	pifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*pifm));
	pifm->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, peer);
	if (netns_fd >= 0)
		mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, netns_fd);
	mnl_attr_nest_end(nlh, pinfo);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return nl_talk(rtnl(), nlh, NULL, NULL);
}

int netns_open(const char *name)
{
	char path[PATHLEN];
	int fd;

	if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* ---- who holds a tap --------------------------------------------------- */

static void read_comm(int pid, char *comm, size_t size)
{
	char path[64];
	FILE *f;

	snprintf(comm, size, "?");
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(comm, size, f))
		comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
}

static int holder_add(struct tap_holder **v, int *n, const char *ifname,
		      int pid)
{
	struct tap_holder *h;
	int i;

	if (strlen(ifname) >= IFNAMSIZ)
		return 0;
	/* A multiqueue tap has one fd per queue: name each process once. */
	for (i = 0; i < *n; i++)
		if ((*v)[i].pid == pid && !strcmp((*v)[i].ifname, ifname))
			return 0;
	h = realloc(*v, (*n + 1) * sizeof(*h));
	if (!h)
		return -ENOMEM;
	*v = h;
	h = &h[(*n)++];
	memcpy(h->ifname, ifname, strlen(ifname) + 1);
	h->pid = pid;
	read_comm(pid, h->comm, sizeof(h->comm));
	return 0;
}

/* The "iff:" lines of a process's fdinfo files. */
static void scan_process(int pid, struct tap_holder **v, int *n)
{
	char path[PATHLEN], line[128];
	struct dirent *de;
	DIR *d;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo", pid);
	d = opendir(path);
	if (!d)
		return;		/* gone, or not ours to look at */
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", pid,
			 de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			if (strncmp(line, "iff:\t", 5))
				continue;
			line[strcspn(line, "\n")] = '\0';
			holder_add(v, n, line + 5, pid);
		}
		fclose(f);
	}
	closedir(d);
}

int tap_holders(struct tap_holder **v)
{
	struct dirent *de;
	int n = 0, pid;
	char *end;
	DIR *d;

	*v = NULL;
	d = opendir("/proc");
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		pid = strtol(de->d_name, &end, 10);
		if (*end || pid <= 0)
			continue;
		scan_process(pid, v, &n);
	}
	closedir(d);
	return n;
}

/* ---- where a veth peer is ---------------------------------------------- */

static int nsid_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct rtgenmsg)) {
		if (mnl_attr_get_type(a) == NETNSA_NSID)
			*(int *)data = (int32_t)attr_u32(a, -1);
	}
	return MNL_CB_OK;
}

/* Our id for the namespace of FD, or -1 if it has none. */
static int nsid_of_fd(int fd)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct rtgenmsg *g;
	int nsid = -1;

	nlh->nlmsg_type = RTM_GETNSID;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, NETNSA_FD, fd);
	if (nl_talk(rtnl(), nlh, nsid_cb, &nsid))
		return -1;
	return nsid;
}

/* The /run/netns name of namespace id NSID, into NAME. */
static bool netns_name_of(int nsid, char *name, size_t size)
{
	struct dirent *de;
	bool found = false;
	DIR *d;
	int fd;

	d = opendir("/run/netns");
	if (!d)
		return false;
	while (!found && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		fd = netns_open(de->d_name);
		if (fd < 0)
			continue;
		if (nsid_of_fd(fd) == nsid) {
			snprintf(name, size, "%s", de->d_name);
			found = true;
		}
		close(fd);
	}
	closedir(d);
	return found;
}

static int peer_name_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct ifinfomsg)) {
		if (mnl_attr_get_type(a) == IFLA_IFNAME)
			attr_str(a, data, IFNAMSIZ);
	}
	return MNL_CB_OK;
}

/* The name of IFINDEX in namespace NSID; needs CAP_NET_ADMIN there. */
static bool link_name_in(int nsid, int ifindex, char *name)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = link_msg(buf, RTM_GETLINK, 0, ifindex);

	name[0] = '\0';
	mnl_attr_put_u32(nlh, IFLA_TARGET_NETNSID, nsid);
	return !nl_talk(rtnl(), nlh, peer_name_cb, name) && name[0];
}

void veth_peer_find(const struct links *ls, const struct link *l,
		    struct veth_peer *p)
{
	const struct link *peer;

	memset(p, 0, sizeof(*p));
	if (l->link_nsid < 0) {
		peer = link_by_index(ls, l->iflink);
		if (peer) {
			snprintf(p->name, sizeof(p->name), "%s", peer->name);
			p->name_known = true;
		}
		return;
	}
	if (!netns_name_of(l->link_nsid, p->netns, sizeof(p->netns)))
		snprintf(p->netns, sizeof(p->netns), "nsid:%d", l->link_nsid);
	p->name_known = link_name_in(l->link_nsid, l->iflink, p->name);
}
