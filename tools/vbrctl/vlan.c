// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl vlan add|del|show: the 802.1Q VLANs of ports and of the bridge
 * device itself ("self"), through the genl family's VLAN commands; and
 * the summaries that show and monitor print.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nl.h"
#include "print.h"
#include "vbrctl.h"
#include "vlan.h"

#define ETH_P_8021Q_HOST	0x8100
#define ETH_P_8021AD_HOST	0x88a8

const char *vlan_proto_name(uint16_t proto, char *buf, size_t size)
{
	if (proto == ETH_P_8021Q_HOST)
		return "802.1Q";
	if (proto == ETH_P_8021AD_HOST)
		return "802.1ad";
	snprintf(buf, size, "0x%04x", proto);
	return buf;
}

uint16_t vlan_proto_parse(const char *arg)
{
	if (!strcasecmp(arg, "802.1Q"))
		return ETH_P_8021Q_HOST;
	if (!strcasecmp(arg, "802.1ad"))
		return ETH_P_8021AD_HOST;
	usage_error("%s: unknown VLAN protocol '%s' (want 802.1Q or 802.1ad)",
		    cmd_name, arg);
}

uint16_t parse_vid(const char *what, const char *arg)
{
	uint32_t v = parse_u32(what, arg);

	if (v > UINT16_MAX)
		usage_error("%s: %s: invalid VLAN id '%s'", cmd_name, what, arg);
	return v;
}

/* "N" or "N-M" after "vid". */
static void parse_vid_range(const char *arg, uint16_t *vid, uint16_t *end,
			    bool *has_end)
{
	char buf[32], *dash;

	if (snprintf(buf, sizeof(buf), "%s", arg) >= (int)sizeof(buf))
		usage_error("%s: invalid VLAN range '%s'", cmd_name, arg);
	dash = strchr(buf, '-');
	*has_end = !!dash;
	if (dash)
		*dash = '\0';
	*vid = parse_vid("vid", buf);
	if (dash)
		*end = parse_vid("vid", dash + 1);
}

/* ---- member sets ------------------------------------------------------ */

static int range_add(struct vlan_set *set, const struct vlan_range *r)
{
	struct vlan_range *v, *last = set->n ? &set->v[set->n - 1] : NULL;

	/* A list split over two messages goes on where it stopped. */
	if (last && !last->pvid && !r->pvid && last->untagged == r->untagged &&
	    last->vid_end + 1 == r->vid) {
		last->vid_end = r->vid_end;
		return 0;
	}
	v = realloc(set->v, (set->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	set->v = v;
	set->v[set->n++] = *r;
	return 0;
}

int vlan_list_parse(const struct nlattr *list, struct vlan_set *set)
{
	const struct nlattr *a, *tb[VBR_A_MAX + 1];
	struct vlan_range r;

	mnl_attr_for_each_nested(a, list) {
		if (mnl_attr_get_type(a) != VBR_A_VLAN_RANGE)
			continue;
		nest_parse(a, tb, VBR_A_MAX);
		r.vid = attr_u16(tb[VBR_A_VLAN_VID], 0);
		r.vid_end = attr_u16(tb[VBR_A_VLAN_VID_END], r.vid);
		r.pvid = !!tb[VBR_A_VLAN_PVID];
		r.untagged = !!tb[VBR_A_VLAN_UNTAGGED];
		if (!r.vid || r.vid_end < r.vid)
			continue;
		if (range_add(set, &r))
			return -ENOMEM;
	}
	return 0;
}

static int vlan_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VBR_A_MAX + 1];
	struct vlan_sets *s = data;
	struct vlan_set *set;
	int br, port;

	vbr_parse(nlh, tb);
	br = attr_u32(tb[VBR_A_BR_IFINDEX], 0);
	port = attr_u32(tb[VBR_A_PORT_IFINDEX], 0);
	set = s->n ? &s->v[s->n - 1] : NULL;
	/* A long list comes in several messages, one after the other. */
	if (!set || set->br != br || set->port != port) {
		set = realloc(s->v, (s->n + 1) * sizeof(*set));
		if (!set)
			return MNL_CB_ERROR;
		s->v = set;
		set = &set[s->n++];
		memset(set, 0, sizeof(*set));
		set->br = br;
		set->port = port;
		attr_str(tb[VBR_A_PORT_NAME], set->name, sizeof(set->name));
	}
	if (tb[VBR_A_VLAN_LIST] && vlan_list_parse(tb[VBR_A_VLAN_LIST], set)) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

int vlan_sets_dump(struct vlan_sets *s, const char *br, const char *port)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;

	s->v = NULL;
	s->n = 0;
	nlh = vbr_msg(buf, VBR_CMD_VLAN_GET, NLM_F_DUMP);
	if (br)
		mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	if (port)
		mnl_attr_put_strz(nlh, VBR_A_PORT_NAME, port);
	return nl_talk(vbr_genl(), nlh, vlan_cb, s);
}

void vlan_sets_free(struct vlan_sets *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].v);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

const struct vlan_set *vlan_set_find(const struct vlan_sets *s, int br,
				     int port)
{
	int i;

	for (i = 0; s && i < s->n; i++)
		if (s->v[i].br == br && s->v[i].port == port)
			return &s->v[i];
	return NULL;
}

/* ---- printing ---------------------------------------------------------- */

int vlan_access(const struct vlan_set *set)
{
	const struct vlan_range *r;

	if (!set || set->n != 1)
		return 0;
	r = &set->v[0];
	return r->vid == r->vid_end && r->pvid && r->untagged ? r->vid : 0;
}

static void vid_span_print(FILE *f, int a, int b, bool *first)
{
	fprintf(f, "%s%d", *first ? "" : ",", a);
	if (b != a)
		fprintf(f, "-%d", b);
	*first = false;
}

/* The VIDs of SET (the untagged ones only, if UNTAGGED), runs in one. */
static void vids_print(FILE *f, const struct vlan_set *set, bool untagged)
{
	bool first = true;
	int i, a = -1, b = -1;

	for (i = 0; i < set->n; i++) {
		const struct vlan_range *r = &set->v[i];

		if (untagged && !r->untagged)
			continue;
		if (a >= 0 && r->vid == b + 1) {
			b = r->vid_end;
			continue;
		}
		if (a >= 0)
			vid_span_print(f, a, b, &first);
		a = r->vid;
		b = r->vid_end;
	}
	if (a >= 0)
		vid_span_print(f, a, b, &first);
}

void vlan_summary_print(FILE *f, const struct vlan_set *set)
{
	int i, pvid = 0;
	bool untagged = false;

	if (!set || !set->n) {
		fputs("no vlans", f);
		return;
	}
	if (vlan_access(set)) {
		fprintf(f, "access %d", vlan_access(set));
		return;
	}
	for (i = 0; i < set->n; i++) {
		if (set->v[i].pvid)
			pvid = set->v[i].vid;
		untagged |= set->v[i].untagged;
	}
	fputs("trunk ", f);
	vids_print(f, set, false);
	if (pvid)
		fprintf(f, " pvid %d", pvid);
	if (untagged) {
		fputs(" untagged ", f);
		vids_print(f, set, true);
	}
}

void vlan_ranges_print(FILE *f, const struct vlan_set *set)
{
	const struct vlan_range *r;
	int i;

	if (!set || !set->n) {
		fputs("none", f);
		return;
	}
	for (i = 0; i < set->n; i++) {
		r = &set->v[i];
		fprintf(f, "%s%d", i ? "," : "", r->vid);
		if (r->vid_end != r->vid)
			fprintf(f, "-%d", r->vid_end);
		if (r->pvid)
			fputs(" pvid", f);
		if (r->untagged)
			fputs(" untagged", f);
	}
}

/* As JSON only: the text has its own forms of a set. */
void vlan_ranges_json(const char *key, const struct vlan_set *set)
{
	const struct vlan_range *r;
	int i;

	open_json_array(key);
	for (i = 0; set && i < set->n; i++) {
		r = &set->v[i];
		open_json_object(NULL);
		print_uint(PRINT_JSON, "vid", NULL, r->vid);
		if (r->vid_end != r->vid)
			print_uint(PRINT_JSON, "vid_end", NULL, r->vid_end);
		print_bool(PRINT_JSON, "pvid", NULL, r->pvid);
		print_bool(PRINT_JSON, "untagged", NULL, r->untagged);
		close_json_object();
	}
	close_json_array();
}

void vlan_summary_show(const char *key, const struct vlan_set *set,
		       bool text)
{
	vlan_ranges_json(key, set);
	if (text && !is_json()) {
		putchar(' ');
		vlan_summary_print(stdout, set);
	}
}

/* ---- vlan add, del, show ----------------------------------------------- */

/* "self" names the bridge device itself, not a port. */
static bool is_self(const char *arg)
{
	return !strcmp(arg, "self");
}

static int vlan_change(int argc, char **argv, bool add)
{
	bool pvid = false, untagged = false, has_vid = false, has_end = false;
	char buf[MNL_SOCKET_BUFFER_SIZE];
	const char *br, *port = NULL;
	uint16_t vid = 0, end = 0;
	struct nlmsghdr *nlh;
	int i, err;

	if (argc < 2)
		usage_error("%s: want a bridge, a port (or self) and vid N[-M]",
			    cmd_name);
	br = parse_name("bridge", argv[0]);
	if (!is_self(argv[1]))
		port = parse_name("port", argv[1]);
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "vid")) {
			parse_vid_range(next_arg(argc, argv, &i), &vid, &end,
					&has_end);
			has_vid = true;
		} else if (add && !strcmp(argv[i], "pvid")) {
			pvid = true;
		} else if (add && !strcmp(argv[i], "untagged")) {
			untagged = true;
		} else {
			usage_error("%s: unknown argument '%s'", cmd_name,
				    argv[i]);
		}
	}
	if (!has_vid)
		usage_error("%s: which VLAN? (vid N or vid N-M)", cmd_name);
	nlh = vbr_msg(buf, add ? VBR_CMD_VLAN_ADD : VBR_CMD_VLAN_DEL, 0);
	mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	if (port)
		mnl_attr_put_strz(nlh, VBR_A_PORT_NAME, port);
	mnl_attr_put_u16(nlh, VBR_A_VLAN_VID, vid);
	if (has_end)
		mnl_attr_put_u16(nlh, VBR_A_VLAN_VID_END, end);
	if (pvid)
		mnl_attr_put(nlh, VBR_A_VLAN_PVID, 0, NULL);
	if (untagged)
		mnl_attr_put(nlh, VBR_A_VLAN_UNTAGGED, 0, NULL);
	err = nl_talk(vbr_genl(), nlh, NULL, NULL);
	return err ? nl_fail(err, br) : 0;
}

static int vlan_add(int argc, char **argv)
{
	return vlan_change(argc, argv, true);
}

static int vlan_del(int argc, char **argv)
{
	return vlan_change(argc, argv, false);
}

static const char *br_name(int ifindex, char *buf)
{
	if (!if_indextoname(ifindex, buf))
		snprintf(buf, IFNAMSIZ, "if%d", ifindex);
	return buf;
}

/*
 * As "bridge vlan show" prints it: the device, then a line per range.
 * JSON names the bridge and the port, "self" for the bridge device.
 */
static void vlan_set_show(const struct vlan_set *set)
{
	const struct vlan_range *r;
	char b[IFNAMSIZ];
	int i;

	br_name(set->br, b);
	open_json_object(NULL);
	print_string(PRINT_JSON, "bridge", NULL, b);
	print_string(PRINT_JSON, "port", NULL, set->port ? set->name : "self");
	print_string(PRINT_FP, NULL, "%-16s", set->port ? set->name : b);
	if (!set->n)
		print_text("  none\n");
	open_json_array("vlans");
	for (i = 0; i < set->n; i++) {
		r = &set->v[i];
		if (i)
			print_text("%-16s", "");
		open_json_object(NULL);
		print_uint(PRINT_ANY, "vid", "  %u", r->vid);
		if (r->vid_end != r->vid)
			print_uint(PRINT_ANY, "vid_end", "-%u", r->vid_end);
		print_bool(PRINT_JSON, "pvid", NULL, r->pvid);
		print_bool(PRINT_JSON, "untagged", NULL, r->untagged);
		print_text("%s%s", r->pvid ? " PVID" : "",
			   r->untagged ? " Egress Untagged" : "");
		print_nl();
		close_json_object();
	}
	close_json_array();
	print_nl();
	close_json_object();
}

static int vlan_show(int argc, char **argv)
{
	const char *br = NULL, *port = NULL;
	bool self = false;
	struct vlan_sets s;
	int i, err;

	if (argc > 2)
		usage_error("vlan show: unexpected argument '%s'", argv[2]);
	if (argc > 0)
		br = parse_name("bridge", argv[0]);
	if (argc > 1) {
		self = is_self(argv[1]);
		if (!self)
			port = parse_name("port", argv[1]);
	}
	err = vlan_sets_dump(&s, br, port);
	if (err)
		return nl_fail(err, br);
	open_json_array(NULL);
	if (s.n)
		print_text("%-16s  %s\n", "port", "vlan-id");
	for (i = 0; i < s.n; i++)
		if (!self || !s.v[i].port)
			vlan_set_show(&s.v[i]);
	close_json_array();
	print_end();
	vlan_sets_free(&s);
	return 0;
}

int cmd_vlan(int argc, char **argv)
{
	static const struct {
		const char *name, *full;
		int (*fn)(int argc, char **argv);
	} subs[] = {
		{ "show", "vlan show", vlan_show },
		{ "add", "vlan add", vlan_add },
		{ "del", "vlan del", vlan_del },
	};
	int i;

	if (argc < 1) {
		cmd_name = "vlan show";
		return vlan_show(0, argv);
	}
	i = WORD_FIND(argv[0], subs, "vlan");
	if (i >= 0) {
		cmd_name = subs[i].full;
		return subs[i].fn(argc - 1, argv + 1);
	}
	usage_error("vlan: unknown command '%s' (want show, add or del)",
		    argv[0]);
}
