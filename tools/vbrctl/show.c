// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl list-br, show: the bridges and their ports, from the rtnetlink
 * link table, plus what only vbr's genl family knows (owned ports, the
 * VLANs of each port), and what sits behind each port: the processes
 * holding a tap, the peer of a veth; with -s, the counters of each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "nl.h"
#include "print.h"
#include "stats.h"
#include "vbrctl.h"
#include "vlan.h"

int cmd_list_br(int argc, char **argv)
{
	struct links ls;
	int i, err;

	if (argc)
		usage_error("list-br: unexpected argument '%s'", argv[0]);
	err = links_dump(&ls);
	if (err)
		return nl_fail(err, NULL);
	open_json_array(NULL);
	for (i = 0; i < ls.n; i++) {
		if (!link_is_vbr(&ls.v[i]))
			continue;
		open_json_object(NULL);
		print_string(PRINT_ANY, "bridge", "%s\n", ls.v[i].name);
		print_int(PRINT_JSON, "ifindex", NULL, ls.v[i].ifindex);
		close_json_object();
	}
	close_json_array();
	print_end();
	links_free(&ls);
	return 0;
}

static int owned_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VBR_A_MAX + 1];
	struct link *l;

	vbr_parse(nlh, tb);
	l = link_by_index(data, attr_u32(tb[VBR_A_PORT_IFINDEX], 0));
	if (l)
		l->owned = !!tb[VBR_A_PORT_OWNED];
	return MNL_CB_OK;
}

/* Which ports are owned: only the genl family says. Best effort. */
static void owned_fill(struct links *ls)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nl *nl = vbr_genl_try();

	if (nl)
		nl_talk(nl, vbr_msg(buf, VBR_CMD_PORT_GET, NLM_F_DUMP),
			owned_cb, ls);
}

struct show_ctx {
	struct links ls;
	struct vlan_sets vlans;
	bool have_vlans;	/* the kernel gave the VLANs */
	struct tap_holder *holders;
	int nholders;
	bool holders_read;
	struct stats_sample stats;	/* -s */
};

static void holders_read(struct show_ctx *c)
{
	if (c->holders_read)
		return;
	c->nholders = tap_holders(&c->holders);
	c->holders_read = true;
}

static void show_tap(struct show_ctx *c, const struct link *p)
{
	int i, n = 0;

	holders_read(c);
	open_json_array("tap_owners");
	print_text("    held by");
	for (i = 0; i < c->nholders; i++) {
		const struct tap_holder *h = &c->holders[i];

		if (strcmp(h->ifname, p->name))
			continue;
		open_json_object(NULL);
		print_text("%s", n ? "," : "");
		print_int(PRINT_ANY, "pid", " %lld", h->pid);
		print_string(PRINT_ANY, "comm", " (%s)", h->comm);
		close_json_object();
		n++;
	}
	close_json_array();
	if (!n)
		print_text(" no process");
	print_nl();
}

static void show_veth(struct show_ctx *c, const struct link *p)
{
	struct veth_peer peer;

	veth_peer_find(&c->ls, p, &peer);
	open_json_object("veth_peer");
	print_text("    peer");
	if (peer.name_known) {
		print_string(PRINT_ANY, "name", " %s", peer.name);
	} else {
		print_null(PRINT_JSON, "name", NULL, NULL);
		print_int(PRINT_FP, NULL, " ifindex %lld", p->iflink);
	}
	print_string(PRINT_ANY, "netns", " netns %s",
		     peer.netns[0] ? peer.netns : NULL);
	close_json_object();
	print_nl();
}

static const char *updown(const struct link *l)
{
	return (l->flags & IFF_UP) ? "up" : "down";
}

/* The VLANs matter to the text only where they filter, or with -d. */
static bool vlans_shown(const struct show_ctx *c, const struct link *b)
{
	return c->have_vlans && (opt.details || b->vlan_filtering);
}

/* What -d adds to the text; JSON has it all the time. */
static enum output_type detail(void)
{
	return opt.details ? PRINT_ANY : PRINT_JSON;
}

/* " NAME %s" or " NAME %u": a format naming an option in the text. */
static const char *opt_fmt(char *buf, size_t size, const char *name,
			   const char *conv)
{
	snprintf(buf, size, " %s %s", name, conv);
	return buf;
}

static void show_port(struct show_ctx *c, const struct link *b,
		      const struct link *p)
{
	const struct vlan_set *vs = vlan_set_find(&c->vlans, b->ifindex,
						  p->ifindex);
	const char *type = link_port_type(p);
	char mac[MAC_STRLEN], fmt[40];
	int f;

	format_mac(mac, p->mac);
	open_json_object(NULL);
	print_string(PRINT_ANY, "port", "  %-15s", p->name);
	print_int(PRINT_JSON, "ifindex", NULL, p->ifindex);
	print_string(PRINT_ANY, "type", " %-8s", type);
	print_string(PRINT_ANY, "state", " %-4s", updown(p));
	print_uint(PRINT_ANY, "mtu", " mtu %-5u", p->mtu);
	print_string(PRINT_ANY, "mac", " mac %s", mac);
	print_uint(PRINT_ANY, "learned", " learned %u", p->learned);
	if (p->block_reason)
		print_string(PRINT_ANY, "block_reason", " blocked %s",
			     block_reason_name(p->block_reason));
	else
		print_null(PRINT_JSON, "block_reason", NULL, NULL);
	if (c->have_vlans) {
		vlan_summary_show("vlans", vs, vlans_shown(c, b));
		if (vlan_access(vs))
			print_uint(PRINT_JSON, "access_vlan", NULL,
				   vlan_access(vs));
		else
			print_null(PRINT_JSON, "access_vlan", NULL, NULL);
	}
	print_nl();

	if (opt.details)
		print_text("   ");
	for (f = 0; f < N_PORT_FLAGS; f++)
		print_on_off(detail(), port_flags[f].key,
			     opt_fmt(fmt, sizeof(fmt), port_flags[f].name, "%s"),
			     p->pflags & (1U << f));
	print_uint(detail(), "max_learned", " max-learned %u", p->max_learned);
	for (f = 0; f < (int)ARRAY_SIZE(storm_opts); f++)
		print_uint(detail(), storm_opts[f].key,
			   opt_fmt(fmt, sizeof(fmt), storm_opts[f].name, "%u"),
			   p->storm[f]);
	print_uint(detail(), "storm_burst", " storm-burst %u", p->storm_burst);
	/* "state" is the link's up or down, as for the bridge. */
	print_string(detail(), "port_state", " state %s",
		     port_state_name(p->port_state));
	print_bool(PRINT_JSON, "owned", NULL, p->owned);
	if (opt.details && p->owned)
		print_text(" owned");
	if (opt.details)
		print_nl();

	if (opt.stats)
		stats_counters_show(stats_find(&c->stats.ports, p->ifindex),
				    false);
	if (!strcmp(type, "tap"))
		show_tap(c, p);
	else if (!strcmp(type, "veth"))
		show_veth(c, p);
	close_json_object();
}

static void show_bridge(struct show_ctx *c, const struct link *b)
{
	const struct vlan_set *self = vlan_set_find(&c->vlans, b->ifindex, 0);
	/* The second line: with -d, or to say how VLANs filter. */
	bool line2 = opt.details || b->vlan_filtering;
	enum output_type vt = line2 ? PRINT_ANY : PRINT_JSON;
	char mac[MAC_STRLEN], proto[8];
	int i;

	format_mac(mac, b->mac);
	open_json_object(NULL);
	print_string(PRINT_ANY, "bridge", "%s:", b->name);
	print_int(PRINT_JSON, "ifindex", NULL, b->ifindex);
	print_string(PRINT_ANY, "state", " %s", updown(b));
	print_uint(PRINT_ANY, "mtu", " mtu %u", b->mtu);
	print_string(PRINT_ANY, "mac", " mac %s", mac);
	print_uint(PRINT_ANY, "learned", " learned %u", b->learned);
	print_nl();

	if (line2)
		print_text("   ");
	/* vbrctl speaks seconds; 0.5 must not read as 0, never. */
	print_hundredths(detail(), "ageing_time", " ageing-time %s",
			 b->ageing_cs);
	print_uint(detail(), "max_learned", " max-learned %u", b->max_learned);
	if (b->has_vlan) {
		print_on_off(vt, "vlan_filtering", " vlan-filtering %s",
			     b->vlan_filtering);
		print_string(vt, "vlan_protocol", " vlan-protocol %s",
			     vlan_proto_name(b->vlan_proto, proto,
					     sizeof(proto)));
		print_uint(vt, "vlan_default_pvid", " vlan-default-pvid %u",
			   b->vlan_default_pvid);
	}
	if (b->has_err_recovery)
		print_uint(detail(), "err_recovery", " err-recovery %u",
			   b->err_recovery);
	if (b->has_loop) {
		print_on_off(detail(), "loop_protect", " loop-protect %s",
			     b->loop_protect);
		print_uint(detail(), "loop_interval", " loop-interval %u",
			   b->loop_interval);
		print_uint(detail(), "mac_flap_limit", " mac-flap-limit %u",
			   b->flap_limit);
		print_uint(detail(), "mac_flap_window", " mac-flap-window %u",
			   b->flap_window);
		print_on_off(detail(), "mac_flap_block", " mac-flap-block %s",
			     b->flap_block);
	}
	if (line2)
		print_nl();
	/* The bridge device's own VLANs: the host's membership. */
	if (c->have_vlans) {
		if (vlans_shown(c, b))
			print_text("    self");
		vlan_summary_show("vlans", self, vlans_shown(c, b));
		if (vlans_shown(c, b))
			print_nl();
	}
	if (opt.stats)
		stats_counters_show(stats_find(&c->stats.brs, b->ifindex),
				    true);
	open_json_array("ports");
	for (i = 0; i < c->ls.n; i++)
		if (c->ls.v[i].master == b->ifindex)
			show_port(c, b, &c->ls.v[i]);
	close_json_array();
	close_json_object();
}

int cmd_show(int argc, char **argv)
{
	struct show_ctx c = { 0 };
	const char *only = NULL;
	struct link *b;
	int i, err;

	if (argc > 1)
		usage_error("show: unexpected argument '%s'", argv[1]);
	if (argc == 1)
		only = parse_name("bridge", argv[0]);
	err = links_dump(&c.ls);
	if (err)
		return nl_fail(err, NULL);
	if (only) {
		b = link_by_name(&c.ls, only);
		if (!b || !link_is_vbr(b)) {
			error_msg("show: no vbr bridge named %s", only);
			return EXIT_ERR;
		}
	}
	owned_fill(&c.ls);
	/* Best effort, as owned_fill: a module without VLANs has none. */
	if (vbr_genl_try())
		c.have_vlans = !vlan_sets_dump(&c.vlans, NULL, NULL);
	if (opt.stats) {
		err = stats_read(&c.stats, only, NULL);
		if (err)
			return nl_fail(err, only);
	}
	open_json_array(NULL);
	for (i = 0; i < c.ls.n; i++) {
		b = &c.ls.v[i];
		if (link_is_vbr(b) && (!only || !strcmp(only, b->name)))
			show_bridge(&c, b);
	}
	close_json_array();
	print_end();
	stats_free(&c.stats);
	free(c.holders);
	vlan_sets_free(&c.vlans);
	links_free(&c.ls);
	return 0;
}
