// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl fdb show|add|del|flush|lookup: the forwarding database of vbr
 * bridges, through the genl family's FDB commands.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "nl.h"
#include "print.h"
#include "vbrctl.h"
#include "vlan.h"

struct fdb_entry {
	int br;			/* ifindex of the bridge */
	int port;		/* ifindex of the port, 0: the bridge itself */
	unsigned char mac[MAC_LEN];
	uint16_t vid;		/* 0: untagged, as without VLAN filtering */
	uint8_t type;
	bool has_age;
	uint32_t age_ms;
};

struct fdb_list {
	struct fdb_entry *v;
	int n;
};

/* dynamic, static, local or locked (the filters fdb show takes). */
static bool fdb_type_parse(const char *arg, uint8_t *type)
{
	uint8_t t;

	for (t = VBR_FDB_TYPE_DYNAMIC; t <= VBR_FDB_TYPE_MAX; t++) {
		if (!strcmp(arg, fdb_type_name(t))) {
			*type = t;
			return true;
		}
	}
	return false;
}

/* The VLAN after "vlan" at argv[*i]. */
static uint16_t vlan_arg(int argc, char **argv, int *i, bool *given)
{
	*given = true;
	return parse_vid("vlan", next_arg(argc, argv, i));
}

static int fdb_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VBR_A_MAX + 1];
	struct fdb_list *l = data;
	struct fdb_entry *e;

	vbr_parse(nlh, tb);
	if (!attr_mac(tb[VBR_A_FDB_ADDR]))
		return MNL_CB_OK;
	e = realloc(l->v, (l->n + 1) * sizeof(*e));
	if (!e)
		return MNL_CB_ERROR;
	l->v = e;
	e = &e[l->n++];
	memset(e, 0, sizeof(*e));
	e->br = attr_u32(tb[VBR_A_BR_IFINDEX], 0);
	e->port = attr_u32(tb[VBR_A_PORT_IFINDEX], 0);
	memcpy(e->mac, attr_mac(tb[VBR_A_FDB_ADDR]), MAC_LEN);
	e->vid = attr_u16(tb[VBR_A_FDB_VID], 0);
	e->type = attr_u8(tb[VBR_A_FDB_TYPE], VBR_FDB_TYPE_ANY);
	e->has_age = !!tb[VBR_A_FDB_AGE];
	e->age_ms = attr_u32(tb[VBR_A_FDB_AGE], 0);
	return MNL_CB_OK;
}

static int fdb_cmp(const void *a, const void *b)
{
	const struct fdb_entry *x = a, *y = b;

	int c;

	if (x->br != y->br)
		return x->br < y->br ? -1 : 1;
	c = memcmp(x->mac, y->mac, MAC_LEN);
	if (c)
		return c;
	return x->vid - y->vid;
}

/* The name of IFINDEX, from the link table or the kernel. */
static const char *ifname(const struct links *ls, int ifindex, char *buf)
{
	const struct link *l = link_by_index(ls, ifindex);

	if (l)
		return l->name;
	if (!if_indextoname(ifindex, buf))
		snprintf(buf, IFNAMSIZ, "if%d", ifindex);
	return buf;
}

static void fdb_print(const struct links *ls, const struct fdb_list *l)
{
	char mac[MAC_STRLEN], b1[IFNAMSIZ], b2[IFNAMSIZ];
	const struct fdb_entry *e;
	int i;

	open_json_array(NULL);
	for (i = 0; i < l->n; i++) {
		e = &l->v[i];
		format_mac(mac, e->mac);
		open_json_object(NULL);
		print_string(PRINT_ANY, "mac", "%s", mac);
		print_string(PRINT_ANY, "bridge", " bridge %s",
			     ifname(ls, e->br, b1));
		/* An entry of the bridge itself: no port. */
		if (e->port)
			print_string(PRINT_ANY, "port", " port %s",
				     ifname(ls, e->port, b2));
		else
			print_null(PRINT_ANY, "port", " %s", "self");
		print_uint(e->vid ? PRINT_ANY : PRINT_JSON, "vlan", " vlan %u",
			   e->vid);
		print_string(PRINT_ANY, "kind", " %s", fdb_type_name(e->type));
		if (e->has_age)
			print_uint(PRINT_JSON, "age_ms", NULL, e->age_ms);
		else
			print_null(PRINT_JSON, "age_ms", NULL, NULL);
		/* Locked entries age as dynamic ones do. */
		if (e->has_age && (e->type == VBR_FDB_TYPE_DYNAMIC ||
				   e->type == VBR_FDB_TYPE_LOCKED))
			print_text(" age %u.%03us", e->age_ms / 1000,
				   e->age_ms % 1000);
		print_nl();
		close_json_object();
	}
	close_json_array();
	print_end();
}

static int fdb_show(int argc, char **argv)
{
	const char *br = NULL, *port = NULL;
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct fdb_list l = { 0 };
	bool has_vid = false;
	uint16_t vid = 0;
	uint8_t type = 0;
	struct nlmsghdr *nlh;
	struct links ls;
	int i, err;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "port")) {
			port = parse_name("port", next_arg(argc, argv, &i));
		} else if (!strcmp(argv[i], "vlan")) {
			vid = parse_vid("vlan", next_arg(argc, argv, &i));
			has_vid = true;
		} else if (fdb_type_parse(argv[i], &type)) {
			continue;
		} else if (!br) {
			br = parse_name("bridge", argv[i]);
		} else {
			usage_error("fdb show: unknown argument '%s'", argv[i]);
		}
	}
	nlh = vbr_msg(buf, VBR_CMD_FDB_GET, NLM_F_DUMP);
	if (br)
		mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	if (port)
		mnl_attr_put_strz(nlh, VBR_A_PORT_NAME, port);
	if (type)
		mnl_attr_put_u8(nlh, VBR_A_FDB_TYPE, type);
	if (has_vid)
		mnl_attr_put_u16(nlh, VBR_A_FDB_VID, vid);
	err = nl_talk(vbr_genl(), nlh, fdb_cb, &l);
	if (err)
		return nl_fail(err, br);
	err = links_dump(&ls);
	if (err)
		return nl_fail(err, NULL);
	qsort(l.v, l.n, sizeof(*l.v), fdb_cmp);
	fdb_print(&ls, &l);
	free(l.v);
	links_free(&ls);
	return 0;
}

static int fdb_add(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	const char *br, *port = NULL;
	unsigned char mac[MAC_LEN];
	bool replace = false, has_vid = false;
	struct nlmsghdr *nlh;
	uint16_t vid = 0;
	int i, err;

	if (argc < 2)
		usage_error("fdb add: want a bridge and a MAC address");
	br = parse_name("bridge", argv[0]);
	parse_mac(argv[1], mac);
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "port"))
			port = parse_name("port", next_arg(argc, argv, &i));
		else if (!strcmp(argv[i], "replace"))
			replace = true;
		else if (!strcmp(argv[i], "vlan"))
			vid = vlan_arg(argc, argv, &i, &has_vid);
		else
			usage_error("fdb add: unknown argument '%s'", argv[i]);
	}
	nlh = vbr_msg(buf, VBR_CMD_FDB_ADD, 0);
	mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	mnl_attr_put(nlh, VBR_A_FDB_ADDR, MAC_LEN, mac);
	if (port)
		mnl_attr_put_strz(nlh, VBR_A_PORT_NAME, port);
	if (has_vid)
		mnl_attr_put_u16(nlh, VBR_A_FDB_VID, vid);
	/* The family is strict: NLM_F_REPLACE would be refused. */
	if (replace)
		mnl_attr_put(nlh, VBR_A_FDB_REPLACE, 0, NULL);
	err = nl_talk(vbr_genl(), nlh, NULL, NULL);
	return err ? nl_fail(err, br) : 0;
}

static int fdb_del(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned char mac[MAC_LEN];
	bool has_vid = false;
	struct nlmsghdr *nlh;
	uint16_t vid = 0;
	const char *br;
	int i, err;

	if (argc < 2)
		usage_error("fdb del: want a bridge and a MAC address");
	br = parse_name("bridge", argv[0]);
	parse_mac(argv[1], mac);
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "vlan"))
			usage_error("fdb del: unknown argument '%s'", argv[i]);
		vid = parse_vid("vlan", next_arg(argc, argv, &i));
		has_vid = true;
	}
	nlh = vbr_msg(buf, VBR_CMD_FDB_DEL, 0);
	mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	mnl_attr_put(nlh, VBR_A_FDB_ADDR, MAC_LEN, mac);
	if (has_vid)
		mnl_attr_put_u16(nlh, VBR_A_FDB_VID, vid);
	err = nl_talk(vbr_genl(), nlh, NULL, NULL);
	return err ? nl_fail(err, br) : 0;
}

static int flushed_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VBR_A_MAX + 1];

	vbr_parse(nlh, tb);
	if (tb[VBR_A_FDB_FLUSHED])
		*(long long *)data = attr_u32(tb[VBR_A_FDB_FLUSHED], 0);
	return MNL_CB_OK;
}

static int fdb_flush(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	const char *br, *port = NULL;
	long long flushed = -1;
	bool has_vid = false;
	struct nlmsghdr *nlh;
	uint16_t vid = 0;
	uint8_t type = 0;
	int i, err;

	if (argc < 1)
		usage_error("fdb flush: which bridge?");
	br = parse_name("bridge", argv[0]);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "port"))
			port = parse_name("port", next_arg(argc, argv, &i));
		else if (!strcmp(argv[i], "dynamic"))
			type = VBR_FDB_TYPE_DYNAMIC;
		else if (!strcmp(argv[i], "static"))
			type = VBR_FDB_TYPE_STATIC;
		else if (!strcmp(argv[i], "locked"))
			type = VBR_FDB_TYPE_LOCKED;
		else if (!strcmp(argv[i], "vlan"))
			vid = vlan_arg(argc, argv, &i, &has_vid);
		else
			usage_error("fdb flush: unknown argument '%s'", argv[i]);
	}
	nlh = vbr_msg(buf, VBR_CMD_FDB_FLUSH, 0);
	mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	if (port)
		mnl_attr_put_strz(nlh, VBR_A_PORT_NAME, port);
	if (type)
		mnl_attr_put_u8(nlh, VBR_A_FDB_TYPE, type);
	if (has_vid)
		mnl_attr_put_u16(nlh, VBR_A_FDB_VID, vid);
	err = nl_talk(vbr_genl(), nlh, flushed_cb, &flushed);
	if (err)
		return nl_fail(err, br);
	open_json_object(NULL);
	if (flushed >= 0) {
		print_int(PRINT_ANY, "flushed", "flushed %lld", flushed);
		print_text(" %s\n", flushed == 1 ? "entry" : "entries");
	} else {
		/* An older module does not say. */
		print_null(PRINT_JSON, "flushed", NULL, NULL);
	}
	close_json_object();
	print_end();
	return 0;
}

static int fdb_lookup(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE], mac_s[MAC_STRLEN];
	struct fdb_list l = { 0 };
	unsigned char mac[MAC_LEN];
	bool has_vid = false;
	int i, err, rc = 0;
	struct nlmsghdr *nlh;
	uint16_t vid = 0;
	struct links ls;

	if (argc != 1 && (argc != 3 || strcmp(argv[1], "vlan")))
		usage_error("fdb lookup: want one MAC address [vlan N]");
	parse_mac(argv[0], mac);
	if (argc == 3) {
		i = 1;
		vid = vlan_arg(argc, argv, &i, &has_vid);
	}
	vbr_genl();
	err = links_dump(&ls);
	if (err)
		return nl_fail(err, NULL);
	for (i = 0; i < ls.n; i++) {
		if (!link_is_vbr(&ls.v[i]))
			continue;
		nlh = vbr_msg(buf, VBR_CMD_FDB_GET, 0);
		mnl_attr_put_u32(nlh, VBR_A_BR_IFINDEX, ls.v[i].ifindex);
		mnl_attr_put(nlh, VBR_A_FDB_ADDR, MAC_LEN, mac);
		if (has_vid)
			mnl_attr_put_u16(nlh, VBR_A_FDB_VID, vid);
		err = nl_talk(vbr_genl(), nlh, fdb_cb, &l);
		if (err && err != -ENOENT)
			rc = nl_fail(err, ls.v[i].name);
	}
	qsort(l.v, l.n, sizeof(*l.v), fdb_cmp);
	fdb_print(&ls, &l);
	if (!l.n && !rc) {
		format_mac(mac_s, mac);
		if (vid)
			error_msg("fdb lookup: %s is in the FDB of no bridge in VLAN %u",
				  mac_s, vid);
		else
			error_msg("fdb lookup: %s is in the FDB of no bridge", mac_s);
		rc = EXIT_ERR;
	}
	free(l.v);
	links_free(&ls);
	return rc;
}

int cmd_fdb(int argc, char **argv)
{
	static const struct {
		const char *name, *full;
		int (*fn)(int argc, char **argv);
	} subs[] = {
		{ "show", "fdb show", fdb_show },
		{ "add", "fdb add", fdb_add },
		{ "del", "fdb del", fdb_del },
		{ "flush", "fdb flush", fdb_flush },
		{ "lookup", "fdb lookup", fdb_lookup },
	};
	int i;

	if (argc < 1) {
		cmd_name = "fdb show";
		return fdb_show(0, argv);
	}
	i = WORD_FIND(argv[0], subs, "fdb");
	if (i >= 0) {
		cmd_name = subs[i].full;
		return subs[i].fn(argc - 1, argv + 1);
	}
	usage_error("fdb: unknown command '%s' (want show, add, del, flush or lookup)",
		    argv[0]);
}
