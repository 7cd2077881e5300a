// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl list-br, show: the bridges and their ports, from the rtnetlink
 * link table, plus what only vbr's genl family knows (owned ports, the
 * VLANs of each port), and what sits behind each port: the processes
 * holding a tap, the peer of a veth.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "link.h"
#include "nl.h"
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
	if (opt.json)
		json_arr_begin(NULL);
	for (i = 0; i < ls.n; i++) {
		if (!link_is_vbr(&ls.v[i]))
			continue;
		if (opt.json) {
			json_obj_begin(NULL);
			json_str("name", ls.v[i].name);
			json_int("ifindex", ls.v[i].ifindex);
			json_obj_end();
		} else {
			printf("%s\n", ls.v[i].name);
		}
	}
	if (opt.json) {
		json_arr_end();
		json_line_end();
	}
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
	if (opt.json)
		json_arr_begin("tap_owners");
	else
		printf("    held by");
	for (i = 0; i < c->nholders; i++) {
		const struct tap_holder *h = &c->holders[i];

		if (strcmp(h->ifname, p->name))
			continue;
		if (opt.json) {
			json_obj_begin(NULL);
			json_int("pid", h->pid);
			json_str("comm", h->comm);
			json_obj_end();
		} else {
			printf("%s %d (%s)", n ? "," : "", h->pid, h->comm);
		}
		n++;
	}
	if (opt.json)
		json_arr_end();
	else
		printf("%s\n", n ? "" : " no process");
}

static void show_veth(struct show_ctx *c, const struct link *p)
{
	struct veth_peer peer;

	veth_peer_find(&c->ls, p, &peer);
	if (opt.json) {
		json_obj_begin("veth_peer");
		json_str("name", peer.name_known ? peer.name : NULL);
		json_str("netns", peer.netns[0] ? peer.netns : NULL);
		json_obj_end();
		return;
	}
	if (peer.name_known)
		printf("    peer %s", peer.name);
	else
		printf("    peer ifindex %d", p->iflink);
	if (peer.netns[0])
		printf(" netns %s", peer.netns);
	printf("\n");
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

static void show_port(struct show_ctx *c, const struct link *b,
		      const struct link *p)
{
	const struct vlan_set *vs = vlan_set_find(&c->vlans, b->ifindex,
						  p->ifindex);
	const char *type = link_port_type(p);
	char mac[MAC_STRLEN];
	int f;

	format_mac(mac, p->mac);
	if (opt.json) {
		json_obj_begin(NULL);
		json_str("name", p->name);
		json_int("ifindex", p->ifindex);
		json_str("type", type);
		json_str("state", updown(p));
		json_u64("mtu", p->mtu);
		json_str("mac", mac);
		json_u64("learned", p->learned);
		for (f = 0; f < N_PORT_FLAGS; f++)
			json_bool(port_flags[f].key, p->pflags & (1U << f));
		json_u64("max_learned", p->max_learned);
		for (f = 0; f < (int)ARRAY_SIZE(storm_opts); f++)
			json_u64(storm_opts[f].key, p->storm[f]);
		json_u64("storm_burst", p->storm_burst);
		/* "state" is the link's up or down, as for the bridge. */
		json_str("port_state", port_state_name(p->port_state));
		if (p->block_reason)
			json_str("block_reason",
				 block_reason_name(p->block_reason));
		else
			json_null("block_reason");
		json_bool("owned", p->owned);
		if (c->have_vlans) {
			vlan_ranges_json("vlans", vs);
			if (vlan_access(vs))
				json_u64("access_vlan", vlan_access(vs));
			else
				json_null("access_vlan");
		}
	} else {
		printf("  %-15s %-8s %-4s mtu %-5u mac %s learned %u",
		       p->name, type, updown(p), p->mtu, mac, p->learned);
		if (p->block_reason)
			printf(" blocked %s", block_reason_name(p->block_reason));
		if (vlans_shown(c, b)) {
			putchar(' ');
			vlan_summary_print(stdout, vs);
		}
		putchar('\n');
		if (opt.details) {
			printf("   ");
			for (f = 0; f < N_PORT_FLAGS; f++)
				printf(" %s %s", port_flags[f].name,
				       p->pflags & (1U << f) ? "on" : "off");
			printf(" max-learned %u", p->max_learned);
			for (f = 0; f < (int)ARRAY_SIZE(storm_opts); f++)
				printf(" %s %u", storm_opts[f].name,
				       p->storm[f]);
			printf(" storm-burst %u state %s%s\n", p->storm_burst,
			       port_state_name(p->port_state),
			       p->owned ? " owned" : "");
		}
	}
	if (!strcmp(type, "tap"))
		show_tap(c, p);
	else if (!strcmp(type, "veth"))
		show_veth(c, p);
	if (opt.json)
		json_obj_end();
}

/* "    vlan-filtering on vlan-protocol 802.1Q vlan-default-pvid 1" */
static void show_bridge_vlan(const struct link *b)
{
	char proto[8];

	printf(" vlan-filtering %s vlan-protocol %s vlan-default-pvid %u",
	       b->vlan_filtering ? "on" : "off",
	       vlan_proto_name(b->vlan_proto, proto, sizeof(proto)),
	       b->vlan_default_pvid);
}

static void show_bridge(struct show_ctx *c, const struct link *b)
{
	const struct vlan_set *self = vlan_set_find(&c->vlans, b->ifindex, 0);
	char mac[MAC_STRLEN], proto[8];
	int i;

	format_mac(mac, b->mac);
	if (opt.json) {
		json_obj_begin(NULL);
		json_str("name", b->name);
		json_int("ifindex", b->ifindex);
		json_str("state", updown(b));
		json_u64("mtu", b->mtu);
		json_str("mac", mac);
		json_u64("learned", b->learned);
		/* vbrctl speaks seconds; 0.5 must not read as 0, never. */
		json_hundredths("ageing_time", b->ageing_cs);
		json_u64("max_learned", b->max_learned);
		if (b->has_vlan) {
			json_bool("vlan_filtering", b->vlan_filtering);
			json_u64("vlan_default_pvid", b->vlan_default_pvid);
			json_str("vlan_protocol",
				 vlan_proto_name(b->vlan_proto, proto,
						 sizeof(proto)));
		}
		if (b->has_err_recovery)
			json_u64("err_recovery", b->err_recovery);
		if (b->has_loop) {
			json_bool("loop_protect", b->loop_protect);
			json_u64("loop_interval", b->loop_interval);
			json_u64("mac_flap_limit", b->flap_limit);
			json_u64("mac_flap_window", b->flap_window);
			json_bool("mac_flap_block", b->flap_block);
		}
		if (c->have_vlans)
			vlan_ranges_json("vlans", self);
		json_arr_begin("ports");
	} else {
		printf("%s: %s mtu %u mac %s learned %u\n", b->name, updown(b),
		       b->mtu, mac, b->learned);
		if (opt.details && b->ageing_cs % 100)
			printf("    ageing-time %u.%02u max-learned %u",
			       b->ageing_cs / 100, b->ageing_cs % 100,
			       b->max_learned);
		else if (opt.details)
			printf("    ageing-time %u max-learned %u",
			       b->ageing_cs / 100, b->max_learned);
		else if (b->vlan_filtering)
			printf("   ");
		if ((opt.details || b->vlan_filtering) && b->has_vlan)
			show_bridge_vlan(b);
		if (opt.details && b->has_err_recovery)
			printf(" err-recovery %u", b->err_recovery);
		if (opt.details && b->has_loop) {
			printf(" loop-protect %s loop-interval %u",
			       b->loop_protect ? "on" : "off", b->loop_interval);
			printf(" mac-flap-limit %u mac-flap-window %u",
			       b->flap_limit, b->flap_window);
			printf(" mac-flap-block %s", b->flap_block ? "on" : "off");
		}
		if (opt.details || b->vlan_filtering)
			putchar('\n');
		/* The bridge device's own VLANs: the host's membership. */
		if (vlans_shown(c, b)) {
			printf("    self ");
			vlan_summary_print(stdout, self);
			putchar('\n');
		}
	}
	for (i = 0; i < c->ls.n; i++)
		if (c->ls.v[i].master == b->ifindex)
			show_port(c, b, &c->ls.v[i]);
	if (opt.json) {
		json_arr_end();
		json_obj_end();
	}
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
	if (opt.json)
		json_arr_begin(NULL);
	for (i = 0; i < c.ls.n; i++) {
		b = &c.ls.v[i];
		if (link_is_vbr(b) && (!only || !strcmp(only, b->name)))
			show_bridge(&c, b);
	}
	if (opt.json) {
		json_arr_end();
		json_line_end();
	}
	free(c.holders);
	vlan_sets_free(&c.vlans);
	links_free(&c.ls);
	return 0;
}
