// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl stats: a table of each bridge's ports and their traffic, with a
 * total, and the bridge's drop and event counters (the ones ethtool -S
 * shows); with -i SECS, again every SECS seconds as rates per second.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "print.h"
#include "stats.h"
#include "vbrctl.h"

/* A counter: its attribute, its JSON key and table heading, and whether
 * it counts what goes wrong (drops, refusals), hidden when zero.
 */
struct counter {
	int attr;
	const char *key;
	bool drop;
};

static const struct counter port_ctrs[] = {
	{ VBR_STATS_A_RX_PACKETS, "rx_packets", false },
	{ VBR_STATS_A_RX_BYTES, "rx_bytes", false },
	{ VBR_STATS_A_TX_PACKETS, "tx_packets", false },
	{ VBR_STATS_A_TX_BYTES, "tx_bytes", false },
	{ VBR_STATS_A_TX_DROPPED, "tx_dropped", true },
	{ VBR_STATS_A_RX_BLOCKED, "rx_blocked", true },
	{ VBR_STATS_A_BPDU_GUARD, "bpdu_guard", true },
	{ VBR_STATS_A_STORM_BCAST, "storm_bcast", true },
	{ VBR_STATS_A_STORM_MCAST, "storm_mcast", true },
	{ VBR_STATS_A_STORM_UCAST, "storm_ucast", true },
};

/* The bridge's: each counts a drop or a rare event. */
static const struct counter br_ctrs[] = {
	{ VBR_STATS_A_DROP_BRIDGE_DOWN, "drop_bridge_down", true },
	{ VBR_STATS_A_DROP_BAD_SRC_MAC, "drop_bad_src_mac", true },
	{ VBR_STATS_A_DROP_BAD_VLAN, "drop_bad_vlan", true },
	{ VBR_STATS_A_DROP_SAME_PORT, "drop_same_port", true },
	{ VBR_STATS_A_DROP_PORT_DOWN, "drop_port_down", true },
	{ VBR_STATS_A_DROP_MTU, "drop_mtu", true },
	{ VBR_STATS_A_DROP_NOMEM, "drop_nomem", true },
	{ VBR_STATS_A_DROP_NO_TARGET, "drop_no_target", true },
	{ VBR_STATS_A_LEARN_LIMIT, "learn_limit", true },
	{ VBR_STATS_A_FDB_MOVE, "fdb_move", true },
	{ VBR_STATS_A_DROP_LOCKED, "drop_locked", true },
	{ VBR_STATS_A_DROP_ISOLATED, "drop_isolated", true },
	{ VBR_STATS_A_DROP_VLAN_INGRESS, "drop_vlan_ingress", true },
	{ VBR_STATS_A_DROP_NO_PVID, "drop_no_pvid", true },
	{ VBR_STATS_A_DROP_VLAN_EGRESS, "drop_vlan_egress", true },
	{ VBR_STATS_A_DROP_BLOCKED, "drop_blocked", true },
	{ VBR_STATS_A_DROP_BPDU_GUARD, "drop_bpdu_guard", true },
	{ VBR_STATS_A_DROP_STORM, "drop_storm", true },
	{ VBR_STATS_A_LOOP_ROUNDS, "loop_rounds", true },
	{ VBR_STATS_A_LOOP_FOUND, "loop_found", true },
	{ VBR_STATS_A_MAC_FLAP, "mac_flap", true },
};

#define N_PORT_CTRS	ARRAY_SIZE(port_ctrs)
#define COL_WIDTH	13	/* "storm_bcast/s" */

/* ---- reading ----------------------------------------------------------- */

/* Which attributes of a BR_GET or PORT_GET reply a list takes. */
struct stats_parse {
	struct stats_list *l;
	int name_attr, index_attr, stats_attr;
};

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VBR_A_MAX + 1], *st[VBR_STATS_A_MAX + 1];
	struct stats_parse *sp = data;
	struct stats_list *l = sp->l;
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
	o->ifindex = attr_u32(tb[sp->index_attr], 0);
	attr_str(tb[sp->name_attr], o->name, sizeof(o->name));
	if (!tb[sp->stats_attr])
		return MNL_CB_OK;
	nest_parse(tb[sp->stats_attr], st, VBR_STATS_A_MAX);
	for (i = 0; i <= VBR_STATS_A_MAX; i++)
		o->c[i] = attr_u64(st[i], 0);
	return MNL_CB_OK;
}

int stats_read(struct stats_sample *s, const char *br, const char *port)
{
	struct stats_parse bp = { &s->brs, VBR_A_BR_NAME, VBR_A_BR_IFINDEX,
				  VBR_A_BR_STATS };
	struct stats_parse pp = { &s->ports, VBR_A_PORT_NAME,
				  VBR_A_PORT_IFINDEX, VBR_A_PORT_STATS };
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	int err;

	memset(s, 0, sizeof(*s));
	nlh = vbr_msg(buf, VBR_CMD_BR_GET, br ? 0 : NLM_F_DUMP);
	if (br)
		mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	err = nl_talk(vbr_genl(), nlh, stats_cb, &bp);
	if (err)
		return err;
	nlh = vbr_msg(buf, VBR_CMD_PORT_GET, port ? 0 : NLM_F_DUMP);
	if (br)
		mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	if (port)
		mnl_attr_put_strz(nlh, VBR_A_PORT_NAME, port);
	return nl_talk(vbr_genl(), nlh, stats_cb, &pp);
}

void stats_free(struct stats_sample *s)
{
	free(s->brs.v);
	free(s->ports.v);
	memset(s, 0, sizeof(*s));
}

const struct stats_obj *stats_find(const struct stats_list *l, int ifindex)
{
	int i;

	for (i = 0; l && i < l->n; i++)
		if (l->v[i].ifindex == ifindex)
			return &l->v[i];
	return NULL;
}

/* ---- show -s ----------------------------------------------------------- */

void stats_counters_show(const struct stats_obj *o, bool bridge)
{
	const struct counter *t = bridge ? br_ctrs : port_ctrs;
	size_t i, n = bridge ? ARRAY_SIZE(br_ctrs) : N_PORT_CTRS;
	enum output_type pt;
	bool any = false;
	char fmt[40];

	open_json_object("counters");
	for (i = 0; i < n; i++) {
		uint64_t v = o ? o->c[t[i].attr] : 0;

		pt = v || opt.details || !t[i].drop ? PRINT_ANY : PRINT_JSON;
		if (pt == PRINT_ANY && !any)
			print_text("   ");
		any |= pt == PRINT_ANY;
		snprintf(fmt, sizeof(fmt), " %s %%llu", t[i].key);
		print_u64(pt, t[i].key, fmt, v);
	}
	close_json_object();
	if (any)
		print_nl();
}

/* ---- the table --------------------------------------------------------- */

/*
 * What a report shows of counter ATTR of O: the counter, or with PREV,
 * its rate per second over SECS in hundredths. A counter that went back
 * (a port deleted and made again) has rate 0.
 */
static uint64_t value(const struct stats_obj *o, int attr,
		      const struct stats_list *prev, double secs)
{
	const struct stats_obj *p;
	uint64_t d;

	if (!prev)
		return o->c[attr];
	p = stats_find(prev, o->ifindex);
	if (!p || p->c[attr] > o->c[attr] || secs <= 0)
		return 0;
	d = o->c[attr] - p->c[attr];
	return d * 100.0 / secs + 0.5;
}

/* A cell of the table: a counter, or a rate in hundredths. */
static void cell_print(enum output_type pt, const char *key, uint64_t v,
		       bool rate)
{
	if (rate)
		print_hundredths(pt, key, " %13s", v);
	else
		print_u64(pt, key, " %13llu", v);
}

struct report {
	const struct stats_sample *s;
	const struct stats_sample *prev;	/* NULL: no rates */
	double secs;
	bool one_port;
	bool cols[N_PORT_CTRS];		/* which columns the text shows */
};

/* A port's counters, and with -i its rates: one row of the table. */
static void port_row(const struct report *r, const struct stats_obj *p)
{
	bool rate = r->prev;
	enum output_type pt;
	size_t i;

	open_json_object(NULL);
	print_string(PRINT_ANY, "port", "  %-15s", p->name);
	print_int(PRINT_JSON, "ifindex", NULL, p->ifindex);
	open_json_object("counters");
	for (i = 0; i < N_PORT_CTRS; i++) {
		pt = r->cols[i] && !rate ? PRINT_ANY : PRINT_JSON;
		cell_print(pt, port_ctrs[i].key, p->c[port_ctrs[i].attr],
			   false);
	}
	close_json_object();
	if (rate) {
		open_json_object("rates");
		for (i = 0; i < N_PORT_CTRS; i++) {
			pt = r->cols[i] ? PRINT_ANY : PRINT_JSON;
			cell_print(pt, port_ctrs[i].key,
				   value(p, port_ctrs[i].attr,
					 &r->prev->ports, r->secs), true);
		}
		close_json_object();
	}
	print_nl();
	close_json_object();
}

/* The columns of BR's table: traffic always, drops when not all zero. */
static void columns(struct report *r, const struct stats_obj *br)
{
	const struct stats_list *prev = r->prev ? &r->prev->ports : NULL;
	const struct stats_list *ports = &r->s->ports;
	size_t i;
	int j;

	for (i = 0; i < N_PORT_CTRS; i++) {
		r->cols[i] = !port_ctrs[i].drop || opt.details;
		for (j = 0; j < ports->n && !r->cols[i]; j++)
			if (ports->v[j].br == br->ifindex)
				r->cols[i] = value(&ports->v[j],
						   port_ctrs[i].attr, prev,
						   r->secs);
	}
}

static void total_row(const struct report *r, const struct stats_obj *br)
{
	const struct stats_list *prev = r->prev ? &r->prev->ports : NULL;
	const struct stats_list *ports = &r->s->ports;
	uint64_t sum;
	size_t i;
	int j;

	print_text("  %-15s", "total");
	for (i = 0; i < N_PORT_CTRS; i++) {
		if (!r->cols[i])
			continue;
		sum = 0;
		for (j = 0; j < ports->n; j++)
			if (ports->v[j].br == br->ifindex)
				sum += value(&ports->v[j], port_ctrs[i].attr,
					     prev, r->secs);
		cell_print(PRINT_FP, NULL, sum, r->prev);
	}
	print_nl();
}

static void bridge_report(struct report *r, const struct stats_obj *br)
{
	const struct stats_list *prev = r->prev ? &r->prev->brs : NULL;
	const struct stats_list *ports = &r->s->ports;
	enum output_type pt;
	char fmt[48];
	uint64_t v;
	size_t i;
	int j;

	columns(r, br);
	open_json_object(NULL);
	print_string(PRINT_ANY, "bridge", "%s:\n", br->name);
	print_int(PRINT_JSON, "ifindex", NULL, br->ifindex);
	print_text("  %-15s", "port");
	for (i = 0; i < N_PORT_CTRS; i++)
		if (r->cols[i])
			print_text(" %*s%s", COL_WIDTH - (r->prev ? 2 : 0),
				   port_ctrs[i].key, r->prev ? "/s" : "");
	print_nl();
	open_json_array("ports");
	for (j = 0; j < ports->n; j++)
		if (ports->v[j].br == br->ifindex)
			port_row(r, &ports->v[j]);
	close_json_array();
	if (!r->one_port)
		total_row(r, br);
	/* The bridge's counters, a line each; with one port, JSON only. */
	open_json_object("counters");
	for (i = 0; i < ARRAY_SIZE(br_ctrs); i++) {
		v = value(br, br_ctrs[i].attr, prev, r->secs);
		pt = (v || opt.details) && !r->one_port && !r->prev ?
			PRINT_ANY : PRINT_JSON;
		snprintf(fmt, sizeof(fmt), "  %s %%llu\n", br_ctrs[i].key);
		print_u64(pt, br_ctrs[i].key, fmt, br->c[br_ctrs[i].attr]);
	}
	close_json_object();
	if (r->prev) {
		open_json_object("rates");
		for (i = 0; i < ARRAY_SIZE(br_ctrs); i++) {
			v = value(br, br_ctrs[i].attr, prev, r->secs);
			pt = (v || opt.details) && !r->one_port ?
				PRINT_ANY : PRINT_JSON;
			snprintf(fmt, sizeof(fmt), "  %s %%s/s\n",
				 br_ctrs[i].key);
			print_hundredths(pt, br_ctrs[i].key, fmt, v);
		}
		close_json_object();
	}
	close_json_object();
}

/* One report: a table for each bridge; as JSON, one array. */
static void report_print(struct report *r)
{
	int i;

	open_json_array(NULL);
	for (i = 0; i < r->s->brs.n; i++) {
		if (i)
			print_nl();
		bridge_report(r, &r->s->brs.v[i]);
	}
	close_json_array();
	print_end();
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Sleep until T on the monotonic clock. */
static void sleep_until(double t)
{
	struct timespec ts = { .tv_sec = (time_t)t,
			       .tv_nsec = (long)((t - (time_t)t) * 1e9) };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	       EINTR)
		;
}

int cmd_stats(int argc, char **argv)
{
	struct stats_sample cur, prev;
	const char *br = NULL, *port = NULL;
	uint32_t interval = 0, count = 0;
	bool has_count = false;
	struct report r = { 0 };
	double t, next;
	int i, err;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-i") || !strcmp(argv[i], "--interval")) {
			interval = parse_u32(argv[i], next_arg(argc, argv, &i));
			if (!interval)
				usage_error("stats: %s: want 1 second or more",
					    argv[i - 1]);
		} else if (!strcmp(argv[i], "-c") ||
			   !strcmp(argv[i], "--count")) {
			count = parse_u32(argv[i], next_arg(argc, argv, &i));
			has_count = true;
		} else if (!br) {
			br = parse_name("bridge", argv[i]);
		} else if (!port) {
			port = parse_name("port", argv[i]);
		} else {
			usage_error("stats: unexpected argument '%s'", argv[i]);
		}
	}
	if (has_count && !interval)
		usage_error("stats: -c COUNT goes with -i SECS");
	if (!interval)
		count = 1;
	else if (!has_count)
		count = 0;	/* until interrupted */
	else if (!count)
		return 0;

	r.one_port = port;
	err = stats_read(&cur, br, port);
	if (err)
		return nl_fail(err, br);
	t = now();
	next = t;
	r.s = &cur;
	report_print(&r);
	for (i = 1; !count || (uint32_t)i < count; i++) {
		next += interval;
		sleep_until(next);
		prev = cur;
		err = stats_read(&cur, br, port);
		if (err) {
			stats_free(&prev);
			return nl_fail(err, br);
		}
		r.secs = now() - t;
		t += r.secs;
		r.prev = &prev;
		print_nl();
		report_print(&r);
		stats_free(&prev);
	}
	stats_free(&cur);
	return 0;
}
