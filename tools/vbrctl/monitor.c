// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl monitor: print vbr's notifications as they come, one line each,
 * until SIGINT or SIGTERM.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include "json.h"
#include "link.h"
#include "nl.h"
#include "vbrctl.h"
#include "vlan.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

static const char * const fdb_events[] = {
	[VBR_CMD_FDB_LEARNED_NTF] = "learned",
	[VBR_CMD_FDB_MOVED_NTF] = "moved",
	[VBR_CMD_FDB_AGED_NTF] = "aged",
	[VBR_CMD_FDB_DELETED_NTF] = "deleted",
	[VBR_CMD_FDB_ADDED_NTF] = "added",
};

/* A name from attribute NAME, or else the current name of INDEX. */
static const char *name_of(const struct nlattr *name,
			   const struct nlattr *index, char *buf)
{
	unsigned int ifindex = attr_u32(index, 0);

	if (name && attr_str(name, buf, IFNAMSIZ)[0])
		return buf;
	if (!ifindex)
		return NULL;
	if (!if_indextoname(ifindex, buf))
		snprintf(buf, IFNAMSIZ, "if%u", ifindex);
	return buf;
}

static void port_event(const struct nlattr **tb, bool added)
{
	char br[IFNAMSIZ], port[IFNAMSIZ];
	const char *b, *p, *type;

	b = name_of(tb[VBR_A_BR_NAME], tb[VBR_A_BR_IFINDEX], br);
	p = name_of(tb[VBR_A_PORT_NAME], tb[VBR_A_PORT_IFINDEX], port);
	type = attr_u8(tb[VBR_A_PORT_TYPE], 0) == VBR_PORT_TYPE_INTERNAL ?
		"internal" : "netdev";
	if (opt.json) {
		json_obj_begin(NULL);
		json_str("event", added ? "port-added" : "port-removed");
		json_str("bridge", b);
		json_str("port", p);
		json_str("type", type);
		json_obj_end();
		json_line_end();
		return;
	}
	printf("port %s %s %s", added ? "added" : "removed", b ? b : "?",
	       p ? p : "?");
	if (added)
		printf(" type %s", type);
	printf("\n");
}

static void fdb_event(const struct nlattr **tb, const char *what)
{
	char br[IFNAMSIZ], port[IFNAMSIZ], mac[MAC_STRLEN], ev[32];
	const unsigned char *m = attr_mac(tb[VBR_A_FDB_ADDR]);
	uint16_t vid = attr_u16(tb[VBR_A_FDB_VID], 0);
	const char *b, *p;

	b = name_of(tb[VBR_A_BR_NAME], tb[VBR_A_BR_IFINDEX], br);
	p = name_of(tb[VBR_A_PORT_NAME], tb[VBR_A_PORT_IFINDEX], port);
	if (m)
		format_mac(mac, m);
	else
		snprintf(mac, sizeof(mac), "?");
	if (opt.json) {
		snprintf(ev, sizeof(ev), "fdb-%s", what);
		json_obj_begin(NULL);
		json_str("event", ev);
		json_str("bridge", b);
		json_str("mac", mac);
		json_str("port", p);
		json_u64("vlan", vid);
		json_str("type", tb[VBR_A_FDB_TYPE] ?
			 fdb_type_name(attr_u8(tb[VBR_A_FDB_TYPE], 0)) : NULL);
		json_obj_end();
		json_line_end();
		return;
	}
	printf("fdb %s %s %s", what, b ? b : "?", mac);
	if (p)
		printf(" port %s", p);
	if (vid)
		printf(" vlan %u", vid);
	/* Only a locked entry says its type: it admits nothing. */
	if (attr_u8(tb[VBR_A_FDB_TYPE], 0) == VBR_FDB_TYPE_LOCKED)
		printf(" locked");
	printf("\n");
}

/* One event for a whole flush: what went, and how many. */
static void fdb_flush_event(const struct nlattr **tb)
{
	char br[IFNAMSIZ], port[IFNAMSIZ];
	uint8_t t = attr_u8(tb[VBR_A_FDB_TYPE], VBR_FDB_TYPE_ANY);
	uint32_t n = attr_u32(tb[VBR_A_FDB_FLUSHED], 0);
	const char *b, *p, *type;

	b = name_of(NULL, tb[VBR_A_BR_IFINDEX], br);
	p = name_of(tb[VBR_A_PORT_NAME], tb[VBR_A_PORT_IFINDEX], port);
	type = t == VBR_FDB_TYPE_ANY ? "all" : fdb_type_name(t);
	if (opt.json) {
		json_obj_begin(NULL);
		json_str("event", "fdb-flushed");
		json_str("bridge", b);
		json_str("port", p);
		if (tb[VBR_A_FDB_VID])
			json_u64("vlan", attr_u16(tb[VBR_A_FDB_VID], 0));
		else
			json_null("vlan");
		json_str("type", type);
		json_u64("entries", n);
		json_obj_end();
		json_line_end();
		return;
	}
	printf("fdb flushed %s", b ? b : "?");
	if (p)
		printf(" port %s", p);
	if (tb[VBR_A_FDB_VID])
		printf(" vlan %u", attr_u16(tb[VBR_A_FDB_VID], 0));
	printf(" %s entries %u\n", type ? type : "?", n);
}

/* A port's options changed: the port with every option, as it is now. */
static void port_changed_event(const struct nlattr **tb)
{
	char br[IFNAMSIZ], port[IFNAMSIZ];
	uint32_t max = attr_u32(tb[VBR_A_PORT_MAX_LEARNED], 0);
	uint8_t state = attr_u8(tb[VBR_A_PORT_STATE], 0);
	uint8_t why = attr_u8(tb[VBR_A_PORT_BLOCK_REASON], 0);
	const char *b, *p;
	int f;

	b = name_of(tb[VBR_A_BR_NAME], tb[VBR_A_BR_IFINDEX], br);
	p = name_of(tb[VBR_A_PORT_NAME], tb[VBR_A_PORT_IFINDEX], port);
	if (opt.json) {
		json_obj_begin(NULL);
		json_str("event", "port-changed");
		json_str("bridge", b);
		json_str("port", p);
		for (f = 0; f < N_PORT_FLAGS; f++)
			json_bool(port_flags[f].key,
				  attr_u8(tb[port_flags[f].genl],
					  port_flags[f].def));
		json_u64("max_learned", max);
		json_str("port_state", port_state_name(state));
		if (why)
			json_str("block_reason", block_reason_name(why));
		else
			json_null("block_reason");
		json_obj_end();
		json_line_end();
		return;
	}
	printf("port changed %s %s", b ? b : "?", p ? p : "?");
	for (f = 0; f < N_PORT_FLAGS; f++)
		printf(" %s %s", port_flags[f].name,
		       attr_u8(tb[port_flags[f].genl], port_flags[f].def) ?
		       "on" : "off");
	printf(" max-learned %u state %s", max, port_state_name(state));
	if (why)
		printf(" reason %s", block_reason_name(why));
	putchar('\n');
}

/* A port's VLANs, or the bridge device's own ("self"), as they are now. */
static void vlan_event(const struct nlattr **tb)
{
	struct vlan_set set = { 0 };
	char br[IFNAMSIZ], port[IFNAMSIZ];
	const char *b, *p;

	b = name_of(NULL, tb[VBR_A_BR_IFINDEX], br);
	p = name_of(tb[VBR_A_PORT_NAME], tb[VBR_A_PORT_IFINDEX], port);
	if (tb[VBR_A_VLAN_LIST] && vlan_list_parse(tb[VBR_A_VLAN_LIST], &set))
		error_msg("monitor: no memory for a VLAN event");
	if (opt.json) {
		json_obj_begin(NULL);
		json_str("event", "vlan-changed");
		json_str("bridge", b);
		json_str("port", p ? p : "self");
		vlan_ranges_json("vlans", &set);
		json_obj_end();
		json_line_end();
	} else {
		printf("vlan changed %s %s%s vlans ", b ? b : "?",
		       p ? "port " : "self", p ? p : "");
		vlan_ranges_print(stdout, &set);
		printf("\n");
	}
	free(set.v);
}

/* A MAC that moved too often: the symptom of a loop. */
static void mac_flap_event(const struct nlattr **tb)
{
	char br[IFNAMSIZ], to[IFNAMSIZ], from[IFNAMSIZ], mac[18] = "?";
	uint16_t vid = attr_u16(tb[VBR_A_FDB_VID], 0);
	const char *b, *t, *f;

	b = name_of(tb[VBR_A_BR_NAME], tb[VBR_A_BR_IFINDEX], br);
	t = name_of(tb[VBR_A_PORT_NAME], tb[VBR_A_PORT_IFINDEX], to);
	f = name_of(tb[VBR_A_FLAP_FROM_NAME], tb[VBR_A_FLAP_FROM_IFINDEX],
		    from);
	if (tb[VBR_A_FDB_ADDR] &&
	    mnl_attr_get_payload_len(tb[VBR_A_FDB_ADDR]) == MAC_LEN)
		format_mac(mac, mnl_attr_get_payload(tb[VBR_A_FDB_ADDR]));
	if (opt.json) {
		json_obj_begin(NULL);
		json_str("event", "mac-flap");
		json_str("bridge", b);
		json_str("mac", mac);
		json_u64("vlan", vid);
		json_str("from", f);
		json_str("to", t);
		json_obj_end();
		json_line_end();
		return;
	}
	printf("mac flap %s vlan %u bridge %s from %s to %s\n", mac, vid,
	       b ? b : "?", f ? f : "?", t ? t : "?");
}

/* Said on stderr, and as an event in JSON for programs that resync. */
static void events_lost(void)
{
	error_msg("monitor: events lost (the receive buffer overran); %s",
		  "dump again to resync: vbrctl show, vbrctl fdb show");
	if (opt.json) {
		json_obj_begin(NULL);
		json_str("event", "events-lost");
		json_obj_end();
		json_line_end();
		fflush(stdout);
	}
}

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[VBR_A_MAX + 1];
	unsigned int family = *(unsigned int *)data;

	if (nlh->nlmsg_type != family ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*g))
		return MNL_CB_OK;
	vbr_parse(nlh, tb);
	switch (g->cmd) {
	case VBR_CMD_PORT_ADDED_NTF:
	case VBR_CMD_PORT_REMOVED_NTF:
		port_event(tb, g->cmd == VBR_CMD_PORT_ADDED_NTF);
		break;
	case VBR_CMD_PORT_CHANGED_NTF:
		port_changed_event(tb);
		break;
	case VBR_CMD_FDB_LEARNED_NTF:
	case VBR_CMD_FDB_MOVED_NTF:
	case VBR_CMD_FDB_AGED_NTF:
	case VBR_CMD_FDB_DELETED_NTF:
	case VBR_CMD_FDB_ADDED_NTF:
		fdb_event(tb, fdb_events[g->cmd]);
		break;
	case VBR_CMD_FDB_FLUSHED_NTF:
		fdb_flush_event(tb);
		break;
	case VBR_CMD_VLAN_CHANGED_NTF:
		vlan_event(tb);
		break;
	case VBR_CMD_MAC_FLAP_NTF:
		mac_flap_event(tb);
		break;
	default:
		return MNL_CB_OK;
	}
	fflush(stdout);
	return MNL_CB_OK;
}

int cmd_monitor(int argc, char **argv)
{
	unsigned int grp, family;
	struct pollfd pfd[2];
	int rcvbuf = 1 << 20;
	struct nl *nl;
	sigset_t sigs;
	ssize_t len;

	if (argc)
		usage_error("monitor: unexpected argument '%s'", argv[0]);
	nl = vbr_genl();
	grp = vbr_events_group();
	family = vbr_family_id();
	if (!grp) {
		error_msg("monitor: the vbr family has no \"%s\" group",
			  VBR_GENL_MCGRP_EVENTS);
		return EXIT_ERR;
	}
	if (setsockopt(mnl_socket_get_fd(nl->sk), SOL_NETLINK,
		       NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp)) < 0) {
		error_msg("monitor: joining the events group: %s",
			  strerror(errno));
		return EXIT_ERR;
	}
	/* A burst of learning must not overrun us; best effort. */
	setsockopt(mnl_socket_get_fd(nl->sk), SOL_SOCKET, SO_RCVBUF, &rcvbuf,
		   sizeof(rcvbuf));

	/* SIGINT and SIGTERM end the loop, read through a signalfd. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	pfd[0].fd = mnl_socket_get_fd(nl->sk);
	pfd[0].events = POLLIN;
	pfd[1].fd = signalfd(-1, &sigs, SFD_CLOEXEC);
	pfd[1].events = POLLIN;
	if (pfd[1].fd < 0) {
		error_msg("monitor: signalfd: %s", strerror(errno));
		return EXIT_ERR;
	}
	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			error_msg("monitor: poll: %s", strerror(errno));
			return EXIT_ERR;
		}
		if (pfd[1].revents)
			break;
		if (!pfd[0].revents)
			continue;
		len = recv(pfd[0].fd, nl->buf, NL_BUFSZ, 0);
		if (len < 0 && errno == ENOBUFS) {
			events_lost();
			continue;
		}
		if (len < 0) {
			if (errno == EINTR)
				continue;
			error_msg("monitor: %s", strerror(errno));
			return EXIT_ERR;
		}
		nl_run(nl->buf, len, event_cb, &family);
	}
	close(pfd[1].fd);
	return 0;
}
