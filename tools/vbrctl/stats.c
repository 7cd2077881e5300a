// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl stats: a bridge's drop and event counters (the ones ethtool -S
 * shows) and each port's traffic counters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "nl.h"
#include "vbrctl.h"

static const char * const port_counters[] = {
	[VBR_STATS_A_RX_PACKETS] = "rx_packets",
	[VBR_STATS_A_RX_BYTES] = "rx_bytes",
	[VBR_STATS_A_TX_PACKETS] = "tx_packets",
	[VBR_STATS_A_TX_BYTES] = "tx_bytes",
	[VBR_STATS_A_TX_DROPPED] = "tx_dropped",
	[VBR_STATS_A_RX_BLOCKED] = "rx_blocked",
	[VBR_STATS_A_BPDU_GUARD] = "bpdu_guard",
	[VBR_STATS_A_STORM_BCAST] = "storm_bcast",
	[VBR_STATS_A_STORM_MCAST] = "storm_mcast",
	[VBR_STATS_A_STORM_UCAST] = "storm_ucast",
};

static const char * const br_counters[] = {
	[VBR_STATS_A_DROP_BRIDGE_DOWN] = "drop_bridge_down",
	[VBR_STATS_A_DROP_BAD_SRC_MAC] = "drop_bad_src_mac",
	[VBR_STATS_A_DROP_BAD_VLAN] = "drop_bad_vlan",
	[VBR_STATS_A_DROP_SAME_PORT] = "drop_same_port",
	[VBR_STATS_A_DROP_PORT_DOWN] = "drop_port_down",
	[VBR_STATS_A_DROP_MTU] = "drop_mtu",
	[VBR_STATS_A_DROP_NOMEM] = "drop_nomem",
	[VBR_STATS_A_DROP_NO_TARGET] = "drop_no_target",
	[VBR_STATS_A_LEARN_LIMIT] = "learn_limit",
	[VBR_STATS_A_FDB_MOVE] = "fdb_move",
	[VBR_STATS_A_DROP_LOCKED] = "drop_locked",
	[VBR_STATS_A_DROP_ISOLATED] = "drop_isolated",
	[VBR_STATS_A_DROP_VLAN_INGRESS] = "drop_vlan_ingress",
	[VBR_STATS_A_DROP_NO_PVID] = "drop_no_pvid",
	[VBR_STATS_A_DROP_VLAN_EGRESS] = "drop_vlan_egress",
	[VBR_STATS_A_DROP_BLOCKED] = "drop_blocked",
	[VBR_STATS_A_DROP_BPDU_GUARD] = "drop_bpdu_guard",
	[VBR_STATS_A_DROP_STORM] = "drop_storm",
	[VBR_STATS_A_LOOP_ROUNDS] = "loop_rounds",
	[VBR_STATS_A_LOOP_FOUND] = "loop_found",
	[VBR_STATS_A_MAC_FLAP] = "mac_flap",
};

#define NPORT_CTRS	ARRAY_SIZE(port_counters)
#define NBR_CTRS	ARRAY_SIZE(br_counters)

struct stats_obj {
	int br;			/* bridge ifindex */
	char name[IFNAMSIZ];
	uint64_t c[VBR_STATS_A_MAX + 1];
};

struct stats_list {
	struct stats_obj *v;
	int n;
	int name_attr, stats_attr;
};

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VBR_A_MAX + 1], *st[VBR_STATS_A_MAX + 1];
	struct stats_list *l = data;
	struct stats_obj *o;
	int i;

	vbr_parse(nlh, tb);
	o = realloc(l->v, (l->n + 1) * sizeof(*o));
	if (!o)
		return MNL_CB_ERROR;
	l->v = o;
	o = &o[l->n++];
	memset(o, 0, sizeof(*o));
	o->br = attr_u32(tb[VBR_A_BR_IFINDEX], 0);
	attr_str(tb[l->name_attr], o->name, sizeof(o->name));
	if (!tb[l->stats_attr])
		return MNL_CB_OK;
	nest_parse(tb[l->stats_attr], st, VBR_STATS_A_MAX);
	for (i = 0; i <= VBR_STATS_A_MAX; i++)
		o->c[i] = attr_u64(st[i], 0);
	return MNL_CB_OK;
}

static void print_port(const struct stats_obj *p)
{
	unsigned int i;

	if (opt.json)
		json_obj_begin(NULL);
	else
		printf("  port %s:", p->name);
	if (opt.json)
		json_str("name", p->name);
	for (i = 0; i < NPORT_CTRS; i++) {
		if (!port_counters[i])
			continue;
		if (opt.json)
			json_u64(port_counters[i], p->c[i]);
		else
			printf(" %s %llu", port_counters[i],
			       (unsigned long long)p->c[i]);
	}
	if (opt.json)
		json_obj_end();
	else
		printf("\n");
}

static void print_bridge(const struct stats_obj *b,
			 const struct stats_list *ports, bool one_port)
{
	unsigned int i;
	int j;

	if (opt.json) {
		json_obj_begin(NULL);
		json_str("bridge", b->name);
		json_obj_begin("counters");
	} else {
		printf("%s:\n", b->name);
	}
	for (i = 0; i < NBR_CTRS; i++) {
		if (!br_counters[i])
			continue;
		if (opt.json)
			json_u64(br_counters[i], b->c[i]);
		else if (!one_port)
			printf("  %s %llu\n", br_counters[i],
			       (unsigned long long)b->c[i]);
	}
	if (opt.json) {
		json_obj_end();
		json_arr_begin("ports");
	}
	for (j = 0; j < ports->n; j++)
		if (ports->v[j].br == b->br)
			print_port(&ports->v[j]);
	if (opt.json) {
		json_arr_end();
		json_obj_end();
	}
}

int cmd_stats(int argc, char **argv)
{
	struct stats_list brs = { .name_attr = VBR_A_BR_NAME,
				  .stats_attr = VBR_A_BR_STATS };
	struct stats_list ports = { .name_attr = VBR_A_PORT_NAME,
				    .stats_attr = VBR_A_PORT_STATS };
	char buf[MNL_SOCKET_BUFFER_SIZE];
	const char *br = NULL, *port = NULL;
	struct nlmsghdr *nlh;
	int i, err;

	if (argc > 2)
		usage_error("stats: unexpected argument '%s'", argv[2]);
	if (argc > 0)
		br = parse_name("bridge", argv[0]);
	if (argc > 1)
		port = parse_name("port", argv[1]);

	nlh = vbr_msg(buf, VBR_CMD_BR_GET, br ? 0 : NLM_F_DUMP);
	if (br)
		mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	err = nl_talk(vbr_genl(), nlh, stats_cb, &brs);
	if (err)
		return nl_fail(err, br);

	nlh = vbr_msg(buf, VBR_CMD_PORT_GET, port ? 0 : NLM_F_DUMP);
	if (br)
		mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	if (port)
		mnl_attr_put_strz(nlh, VBR_A_PORT_NAME, port);
	err = nl_talk(vbr_genl(), nlh, stats_cb, &ports);
	if (err)
		return nl_fail(err, br);

	if (opt.json)
		json_arr_begin(NULL);
	for (i = 0; i < brs.n; i++)
		print_bridge(&brs.v[i], &ports, port);
	if (opt.json) {
		json_arr_end();
		json_line_end();
	}
	free(brs.v);
	free(ports.v);
	return 0;
}
