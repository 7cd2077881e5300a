// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl monitor: print vbr's notifications as they come, one line each
 * (with -t, each after the time it was read), until SIGINT or SIGTERM.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include "link.h"
#include "nl.h"
#include "print.h"
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

/*
 * -t: when the event was read, as ip -ts has it: a text prefix, and a
 * "timestamp" member in JSON.
 */
static void timestamp_print(void)
{
	char when[32], tz[8], buf[64];
	struct timespec ts;
	struct tm tm;

	if (!opt.timestamp)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(tz, sizeof(tz), "%z", &tm);
	snprintf(buf, sizeof(buf), "%s.%06ld%s", when, ts.tv_nsec / 1000, tz);
	print_string(PRINT_JSON, "timestamp", NULL, buf);
	print_string(PRINT_FP, NULL, "[%s] ", buf);
}

/* Each event is an object of its own in JSON, one line. */
static void event_begin(const char *event)
{
	open_json_object(NULL);
	print_string(PRINT_JSON, "event", NULL, event);
	timestamp_print();
}

static void event_end(void)
{
	print_nl();
	close_json_object();
	print_end();
}

/* A bridge created (the reply of BR_GET) or deleted (its name). */
static void bridge_event(const struct nlattr **tb, bool created)
{
	char br[IFNAMSIZ];
	const char *b = name_of(tb[VBR_A_BR_NAME], tb[VBR_A_BR_IFINDEX], br);

	event_begin(created ? "bridge-created" : "bridge-deleted");
	print_text("bridge %s", created ? "created" : "deleted");
	print_string(PRINT_ANY, "bridge", " %s", b ? b : "?");
	print_uint(PRINT_JSON, "ifindex", NULL,
		   attr_u32(tb[VBR_A_BR_IFINDEX], 0));
	event_end();
}

/*
 * A port's type in show's words (tap, veth, physical, ...). The kernel
 * only tells an internal port from another device: the device says the
 * rest, and a device gone already leaves "netdev".
 */
static const char *port_type(const struct nlattr **tb, char *buf,
			     size_t size)
{
	const struct link *l;
	struct links ls;

	if (attr_u8(tb[VBR_A_PORT_TYPE], 0) == VBR_PORT_TYPE_INTERNAL)
		return "internal";
	snprintf(buf, size, "netdev");
	if (links_dump(&ls))
		return buf;
	l = link_by_index(&ls, attr_u32(tb[VBR_A_PORT_IFINDEX], 0));
	if (l)
		snprintf(buf, size, "%s", link_port_type(l));
	links_free(&ls);
	return buf;
}

static void port_event(const struct nlattr **tb, bool added)
{
	char br[IFNAMSIZ], port[IFNAMSIZ], tbuf[32];
	const char *b, *p, *type;

	b = name_of(tb[VBR_A_BR_NAME], tb[VBR_A_BR_IFINDEX], br);
	p = name_of(tb[VBR_A_PORT_NAME], tb[VBR_A_PORT_IFINDEX], port);
	type = port_type(tb, tbuf, sizeof(tbuf));
	event_begin(added ? "port-added" : "port-removed");
	print_text("port %s", added ? "added" : "removed");
	print_string(PRINT_ANY, "bridge", " %s", b ? b : "?");
	print_string(PRINT_ANY, "port", " %s", p ? p : "?");
	print_string(added ? PRINT_ANY : PRINT_JSON, "type", " type %s",
		     type);
	event_end();
}

static void fdb_event(const struct nlattr **tb, const char *what)
{
	char br[IFNAMSIZ], port[IFNAMSIZ], mac[MAC_STRLEN], ev[32];
	const unsigned char *m = attr_mac(tb[VBR_A_FDB_ADDR]);
	uint16_t vid = attr_u16(tb[VBR_A_FDB_VID], 0);
	uint8_t type = attr_u8(tb[VBR_A_FDB_TYPE], 0);
	const char *b, *p;

	b = name_of(tb[VBR_A_BR_NAME], tb[VBR_A_BR_IFINDEX], br);
	p = name_of(tb[VBR_A_PORT_NAME], tb[VBR_A_PORT_IFINDEX], port);
	if (m)
		format_mac(mac, m);
	else
		snprintf(mac, sizeof(mac), "?");
	snprintf(ev, sizeof(ev), "fdb-%s", what);
	event_begin(ev);
	print_text("fdb %s %s", what, b ? b : "?");
	print_string(PRINT_JSON, "bridge", NULL, b);
	print_string(PRINT_ANY, "mac", " %s", mac);
	print_string(PRINT_ANY, "port", " port %s", p);
	print_uint(vid ? PRINT_ANY : PRINT_JSON, "vlan", " vlan %u", vid);
	print_string(PRINT_JSON, "kind", NULL, tb[VBR_A_FDB_TYPE] ?
		     fdb_type_name(type) : NULL);
	/* Only a locked entry says its kind as text: it admits nothing. */
	if (type == VBR_FDB_TYPE_LOCKED)
		print_text(" locked");
	event_end();
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
	event_begin("fdb-flushed");
	print_text("fdb flushed %s", b ? b : "?");
	print_string(PRINT_JSON, "bridge", NULL, b);
	print_string(PRINT_ANY, "port", " port %s", p);
	if (tb[VBR_A_FDB_VID])
		print_uint(PRINT_ANY, "vlan", " vlan %u",
			   attr_u16(tb[VBR_A_FDB_VID], 0));
	else
		print_null(PRINT_JSON, "vlan", NULL, NULL);
	print_string(PRINT_ANY, "kind", " %s", type);
	print_uint(PRINT_ANY, "entries", " entries %u", n);
	event_end();
}

/* A port's options changed: the port with every option, as it is now. */
static void port_changed_event(const struct nlattr **tb)
{
	char br[IFNAMSIZ], port[IFNAMSIZ], fmt[48];
	uint32_t max = attr_u32(tb[VBR_A_PORT_MAX_LEARNED], 0);
	uint8_t state = attr_u8(tb[VBR_A_PORT_STATE], 0);
	uint8_t why = attr_u8(tb[VBR_A_PORT_BLOCK_REASON], 0);
	const char *b, *p;
	int f;

	b = name_of(tb[VBR_A_BR_NAME], tb[VBR_A_BR_IFINDEX], br);
	p = name_of(tb[VBR_A_PORT_NAME], tb[VBR_A_PORT_IFINDEX], port);
	event_begin("port-changed");
	print_text("port changed");
	print_string(PRINT_ANY, "bridge", " %s", b ? b : "?");
	print_string(PRINT_ANY, "port", " %s", p ? p : "?");
	for (f = 0; f < N_PORT_FLAGS; f++) {
		snprintf(fmt, sizeof(fmt), " %s %%s", port_flags[f].name);
		print_on_off(PRINT_ANY, port_flags[f].key, fmt,
			     attr_u8(tb[port_flags[f].genl],
				     port_flags[f].def));
	}
	print_uint(PRINT_ANY, "max_learned", " max-learned %u", max);
	print_string(PRINT_ANY, "port_state", " state %s",
		     port_state_name(state));
	if (why)
		print_string(PRINT_ANY, "block_reason", " reason %s",
			     block_reason_name(why));
	else
		print_null(PRINT_JSON, "block_reason", NULL, NULL);
	event_end();
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
	event_begin("vlan-changed");
	print_text("vlan changed %s", b ? b : "?");
	print_string(PRINT_JSON, "bridge", NULL, b);
	if (p)
		print_text(" port %s", p);
	else
		print_text(" self");
	print_string(PRINT_JSON, "port", NULL, p ? p : "self");
	if (is_json()) {
		vlan_ranges_json("vlans", &set);
	} else {
		print_text(" vlans ");
		vlan_ranges_print(stdout, &set);
	}
	event_end();
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
	if (attr_mac(tb[VBR_A_FDB_ADDR]))
		format_mac(mac, attr_mac(tb[VBR_A_FDB_ADDR]));
	event_begin("mac-flap");
	print_text("mac flap");
	print_string(PRINT_JSON, "bridge", NULL, b);
	print_string(PRINT_ANY, "mac", " %s", mac);
	print_uint(PRINT_ANY, "vlan", " vlan %u", vid);
	print_text(" bridge %s from %s to %s", b ? b : "?", f ? f : "?",
		   t ? t : "?");
	print_string(PRINT_JSON, "from", NULL, f);
	print_string(PRINT_JSON, "to", NULL, t);
	event_end();
}

/* Said on stderr, and as an event in JSON for programs that resync. */
static void events_lost(void)
{
	error_msg("monitor: events lost (the receive buffer overran); %s",
		  "dump again to resync: vbrctl show, vbrctl fdb show");
	if (is_json()) {
		event_begin("events-lost");
		close_json_object();
		print_end();
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
	case VBR_CMD_BR_CREATED_NTF:
	case VBR_CMD_BR_DELETED_NTF:
		bridge_event(tb, g->cmd == VBR_CMD_BR_CREATED_NTF);
		break;
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
	}
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
