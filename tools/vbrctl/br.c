// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl add-br, del-br, set, add-port, del-port, set-port.
 *
 * add-port makes the device it is asked for (a tap, a veth pair) and
 * then enslaves it as an owned port, so that del-port and del-br delete
 * it again. When a step fails, what the earlier steps made is undone:
 * no half-made port is left behind.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "link.h"
#include "lookup.h"
#include "nl.h"
#include "vbrctl.h"
#include "vlan.h"

/* The options port commands share; given and has_* say which were. */
struct port_opts {
	unsigned int given, on;		/* bit i: port_flags[i] */
	bool has_max_learned;
	uint32_t max_learned;
	int state;			/* enum vbr_port_state; -1: not given */
	unsigned int storm_given;	/* bit i: storm[i] */
	uint32_t storm[3];		/* as storm_opts */
	bool has_storm_burst;
	uint32_t storm_burst;
};

/* The keywords of the port options, into KW. */
static void port_kw(struct kw *kw)
{
	int f;

	for (f = 0; f < N_PORT_FLAGS; f++)
		kw_add(kw, port_flags[f].name);
	for (f = 0; f < (int)ARRAY_SIZE(storm_opts); f++)
		kw_add(kw, storm_opts[f].name);
	kw_add(kw, "max-learned");
	kw_add(kw, "storm-burst");
	kw_add(kw, "state");
}

/* Parse a port option at argv[*i]: true if it was one. */
static bool port_opt_parse(int argc, char **argv, int *i,
			   struct port_opts *po)
{
	const char *k = argv[*i];
	int f;

	for (f = 0; f < N_PORT_FLAGS; f++) {
		if (!opt_is(k, port_flags[f].name))
			continue;
		po->given |= 1U << f;
		if (parse_onoff(port_flags[f].name, next_arg(argc, argv, i)))
			po->on |= 1U << f;
		else
			po->on &= ~(1U << f);
		return true;
	}
	if (opt_is(k, "max-learned")) {
		po->max_learned = parse_u32(k, next_arg(argc, argv, i));
		po->has_max_learned = true;
		return true;
	}
	for (f = 0; f < (int)ARRAY_SIZE(storm_opts); f++) {
		if (!opt_is(k, storm_opts[f].name))
			continue;
		po->storm[f] = parse_u32(k, next_arg(argc, argv, i));
		po->storm_given |= 1U << f;
		return true;
	}
	if (opt_is(k, "storm-burst")) {
		po->storm_burst = parse_u32(k, next_arg(argc, argv, i));
		po->has_storm_burst = true;
		return true;
	}
	if (!strcmp(k, "state")) {
		k = next_arg(argc, argv, i);
		po->state = port_state_parse(k);
		if (po->state < 0)
			usage_error("%s: state '%s': want forwarding or blocked",
				    cmd_name, k);
		return true;
	}
	return false;
}

static void port_opts_put(struct nlmsghdr *nlh, const struct port_opts *po)
{
	int f;

	for (f = 0; f < N_PORT_FLAGS; f++)
		if (po->given & (1U << f))
			mnl_attr_put_u8(nlh, port_flags[f].genl,
					!!(po->on & (1U << f)));
	if (po->has_max_learned)
		mnl_attr_put_u32(nlh, VBR_A_PORT_MAX_LEARNED, po->max_learned);
	if (po->state >= 0)
		mnl_attr_put_u8(nlh, VBR_A_PORT_STATE, po->state);
	for (f = 0; f < (int)ARRAY_SIZE(storm_opts); f++)
		if (po->storm_given & (1U << f))
			mnl_attr_put_u32(nlh, storm_opts[f].genl, po->storm[f]);
	if (po->has_storm_burst)
		mnl_attr_put_u32(nlh, VBR_A_PORT_STORM_BURST, po->storm_burst);
}

/* The u32 attribute TYPE of a genl reply, into *data. */
struct u32_want {
	int type;
	uint32_t val;
};

static int u32_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VBR_A_MAX + 1];
	struct u32_want *w = data;

	vbr_parse(nlh, tb);
	w->val = attr_u32(tb[w->type], w->val);
	return MNL_CB_OK;
}

static int br_del(const char *br)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = vbr_msg(buf, VBR_CMD_BR_DEL, 0);

	mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	return nl_talk(vbr_genl(), nlh, NULL, NULL);
}

static int port_del(const char *br, const char *port)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = vbr_msg(buf, VBR_CMD_PORT_DEL, 0);

	mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	mnl_attr_put_strz(nlh, VBR_A_PORT_NAME, port);
	return nl_talk(vbr_genl(), nlh, NULL, NULL);
}

/* The options of add-br and set; has_* says which were given. */
struct br_opts {
	bool has_ageing, has_max_learned, has_mac;
	uint32_t ageing_time, max_learned;
	unsigned char mac[MAC_LEN];
	bool has_filtering, filtering, has_pvid, has_proto;
	uint16_t default_pvid, proto;
	bool has_err_recovery;
	uint32_t err_recovery;
	bool has_loop, loop_protect, has_loop_interval;
	uint32_t loop_interval;
	bool has_flap_limit, has_flap_window, has_flap_block, flap_block;
	uint32_t flap_limit, flap_window;
};

static const char *const br_opt_names[] = {
	"ageing-time", "max-learned", "vlan-filtering", "vlan-default-pvid",
	"vlan-protocol", "err-recovery", "loop-protect", "loop-interval",
	"mac-flap-limit", "mac-flap-window", "mac-flap-block",
};

static void br_opts_parse(int argc, char **argv, struct br_opts *bo,
			  bool with_mac)
{
	struct kw kw = { .n = 0 };
	const char *k;
	unsigned int j;
	int i;

	for (j = 0; j < ARRAY_SIZE(br_opt_names); j++)
		kw_add(&kw, br_opt_names[j]);
	if (with_mac)
		kw_add(&kw, "mac");
	for (i = 0; i < argc; i++) {
		k = kw_find(&kw, argv[i]);
		if (opt_is(k, "ageing-time")) {
			bo->ageing_time = parse_u32(k, next_arg(argc, argv, &i));
			bo->has_ageing = true;
		} else if (opt_is(k, "max-learned")) {
			bo->max_learned = parse_u32(k, next_arg(argc, argv, &i));
			bo->has_max_learned = true;
		} else if (opt_is(k, "vlan-filtering")) {
			bo->filtering = parse_onoff(k, next_arg(argc, argv, &i));
			bo->has_filtering = true;
		} else if (opt_is(k, "vlan-default-pvid")) {
			bo->default_pvid = parse_vid(k, next_arg(argc, argv, &i));
			bo->has_pvid = true;
		} else if (opt_is(k, "vlan-protocol")) {
			bo->proto = vlan_proto_parse(next_arg(argc, argv, &i));
			bo->has_proto = true;
		} else if (opt_is(k, "err-recovery")) {
			bo->err_recovery = parse_u32(k, next_arg(argc, argv, &i));
			bo->has_err_recovery = true;
		} else if (opt_is(k, "loop-protect")) {
			bo->loop_protect = parse_onoff(k, next_arg(argc, argv, &i));
			bo->has_loop = true;
		} else if (opt_is(k, "loop-interval")) {
			bo->loop_interval = parse_u32(k, next_arg(argc, argv, &i));
			bo->has_loop_interval = true;
		} else if (opt_is(k, "mac-flap-limit")) {
			bo->flap_limit = parse_u32(k, next_arg(argc, argv, &i));
			bo->has_flap_limit = true;
		} else if (opt_is(k, "mac-flap-window")) {
			bo->flap_window = parse_u32(k, next_arg(argc, argv, &i));
			bo->has_flap_window = true;
		} else if (opt_is(k, "mac-flap-block")) {
			bo->flap_block = parse_onoff(k, next_arg(argc, argv, &i));
			bo->has_flap_block = true;
		} else if (!strcmp(k, "mac") && with_mac) {
			parse_mac(next_arg(argc, argv, &i), bo->mac);
			bo->has_mac = true;
		} else {
			usage_error("%s: unknown argument '%s'", cmd_name, k);
		}
	}
}

static void br_opts_put(struct nlmsghdr *nlh, const struct br_opts *bo)
{
	if (bo->has_ageing)
		mnl_attr_put_u32(nlh, VBR_A_BR_AGEING_TIME, bo->ageing_time);
	if (bo->has_max_learned)
		mnl_attr_put_u32(nlh, VBR_A_BR_MAX_LEARNED, bo->max_learned);
	if (bo->has_mac)
		mnl_attr_put(nlh, VBR_A_BR_ADDR, MAC_LEN, bo->mac);
	if (bo->has_filtering)
		mnl_attr_put_u8(nlh, VBR_A_BR_VLAN_FILTERING, bo->filtering);
	if (bo->has_pvid)
		mnl_attr_put_u16(nlh, VBR_A_BR_VLAN_DEFAULT_PVID,
				 bo->default_pvid);
	if (bo->has_proto)
		mnl_attr_put_u16(nlh, VBR_A_BR_VLAN_PROTOCOL, bo->proto);
	if (bo->has_err_recovery)
		mnl_attr_put_u32(nlh, VBR_A_BR_ERR_RECOVERY, bo->err_recovery);
	if (bo->has_loop)
		mnl_attr_put_u8(nlh, VBR_A_BR_LOOP_PROTECT, bo->loop_protect);
	if (bo->has_loop_interval)
		mnl_attr_put_u32(nlh, VBR_A_BR_LOOP_INTERVAL, bo->loop_interval);
	if (bo->has_flap_limit)
		mnl_attr_put_u32(nlh, VBR_A_BR_MAC_FLAP_LIMIT, bo->flap_limit);
	if (bo->has_flap_window)
		mnl_attr_put_u32(nlh, VBR_A_BR_MAC_FLAP_WINDOW, bo->flap_window);
	if (bo->has_flap_block)
		mnl_attr_put_u8(nlh, VBR_A_BR_MAC_FLAP_BLOCK, bo->flap_block);
}

int cmd_add_br(int argc, char **argv)
{
	struct u32_want w = { VBR_A_BR_IFINDEX, 0 };
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct br_opts bo = { 0 };
	struct nlmsghdr *nlh;
	const char *br;
	int err;

	if (argc < 1)
		usage_error("add-br: which bridge?");
	br = parse_name("bridge", argv[0]);
	br_opts_parse(argc - 1, argv + 1, &bo, true);
	nlh = vbr_msg(buf, VBR_CMD_BR_NEW, 0);
	mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	br_opts_put(nlh, &bo);
	err = nl_talk(vbr_genl(), nlh, u32_cb, &w);
	/* --may-exist: a vbr bridge of that name is what was asked for. */
	if (err == -EEXIST && opt.may_exist && vbr_bridge_exists(br))
		return 0;
	if (err)
		return nl_fail(err, NULL);
	if (!w.val)
		w.val = if_nametoindex(br);
	err = link_set_up(w.val);
	if (err) {
		nl_fail(err, NULL);
		br_del(br);
		return EXIT_ERR;
	}
	return 0;
}

int cmd_del_br(int argc, char **argv)
{
	const char *br;
	int err;

	if (argc != 1)
		usage_error("del-br: want exactly one bridge name");
	br = parse_name("bridge", argv[0]);
	err = br_del(br);
	if (err && opt.if_exists && !vbr_bridge_exists(br))
		return 0;
	return err ? nl_fail(err, br) : 0;
}

int cmd_set(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct br_opts bo = { 0 };
	struct nlmsghdr *nlh;
	const char *br;
	int err;

	if (argc < 2)
		usage_error("set: want a bridge and options (ageing-time, ..., err-recovery)");
	br = parse_name("bridge", argv[0]);
	br_opts_parse(argc - 1, argv + 1, &bo, false);
	nlh = vbr_msg(buf, VBR_CMD_BR_SET, 0);
	mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	br_opts_put(nlh, &bo);
	err = nl_talk(vbr_genl(), nlh, NULL, NULL);
	return err ? nl_fail(err, br) : 0;
}

enum port_kind { PK_NETDEV, PK_INTERNAL, PK_TAP, PK_VETH };

struct add_port {
	const char *br, *dev;
	enum port_kind kind;
	struct port_opts po;
	bool has_mac, has_mtu, has_vlan;
	uint16_t vlan;		/* access port of this VLAN */
	unsigned char mac[MAC_LEN];
	uint32_t mtu;
	const char *user, *group;	/* tap */
	const char *peer, *netns;	/* veth */
	char peer_buf[IFNAMSIZ];
};

static enum port_kind port_kind_parse(const char *arg)
{
	if (!strcmp(arg, "netdev"))
		return PK_NETDEV;
	if (!strcmp(arg, "internal"))
		return PK_INTERNAL;
	if (!strcmp(arg, "tap"))
		return PK_TAP;
	if (!strcmp(arg, "veth"))
		return PK_VETH;
	usage_error("add-port: unknown port type '%s' (want netdev, internal, tap or veth)",
		    arg);
}

static void add_port_parse(int argc, char **argv, struct add_port *ap)
{
	static const char *const words[] = {
		"type", "mac", "vlan", "mtu", "user", "group", "peer", "netns",
	};
	struct kw kw = { .n = 0 };
	const char *k;
	unsigned int j;
	int i;

	port_kw(&kw);
	for (j = 0; j < ARRAY_SIZE(words); j++)
		kw_add(&kw, words[j]);

	if (argc < 2)
		usage_error("add-port: want a bridge and a device");
	ap->br = parse_name("bridge", argv[0]);
	ap->dev = parse_name("device", argv[1]);
	for (i = 2; i < argc; i++) {
		argv[i] = (char *)kw_find(&kw, argv[i]);
		k = argv[i];
		if (port_opt_parse(argc, argv, &i, &ap->po))
			continue;
		if (!strcmp(k, "type")) {
			ap->kind = port_kind_parse(next_arg(argc, argv, &i));
		} else if (!strcmp(k, "mac")) {
			parse_mac(next_arg(argc, argv, &i), ap->mac);
			ap->has_mac = true;
		} else if (!strcmp(k, "vlan")) {
			ap->vlan = parse_vid(k, next_arg(argc, argv, &i));
			ap->has_vlan = true;
		} else if (!strcmp(k, "mtu")) {
			ap->mtu = parse_u32(k, next_arg(argc, argv, &i));
			ap->has_mtu = true;
		} else if (!strcmp(k, "user")) {
			ap->user = next_arg(argc, argv, &i);
		} else if (!strcmp(k, "group")) {
			ap->group = next_arg(argc, argv, &i);
		} else if (!strcmp(k, "peer")) {
			ap->peer = parse_name("peer", next_arg(argc, argv, &i));
		} else if (!strcmp(k, "netns")) {
			ap->netns = next_arg(argc, argv, &i);
		} else {
			usage_error("add-port: unknown argument '%s'", k);
		}
	}
	if ((ap->has_mac || ap->has_mtu) && ap->kind != PK_INTERNAL)
		usage_error("add-port: mac and mtu go with type internal");
	if ((ap->user || ap->group) && ap->kind != PK_TAP)
		usage_error("add-port: user and group go with type tap");
	if ((ap->peer || ap->netns) && ap->kind != PK_VETH)
		usage_error("add-port: peer and netns go with type veth");
}

/* A user or group by name or number. */
static long id_parse(const char *what, const char *arg)
{
	struct passwd *pw;
	struct group *gr;

	if (arg[0] >= '0' && arg[0] <= '9')
		return parse_u32(what, arg);
	if (!strcmp(what, "user")) {
		pw = getpwnam(arg);
		if (pw)
			return pw->pw_uid;
	} else {
		gr = getgrnam(arg);
		if (gr)
			return gr->gr_gid;
	}
	usage_error("add-port: no %s named '%s'", what, arg);
}

static int port_add(const struct add_port *ap, bool owned, uint32_t *ifindex)
{
	struct u32_want w = { VBR_A_PORT_IFINDEX, 0 };
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	int err;

	nlh = vbr_msg(buf, VBR_CMD_PORT_ADD, 0);
	mnl_attr_put_strz(nlh, VBR_A_BR_NAME, ap->br);
	mnl_attr_put_strz(nlh, VBR_A_PORT_NAME, ap->dev);
	mnl_attr_put_u8(nlh, VBR_A_PORT_TYPE, ap->kind == PK_INTERNAL ?
			VBR_PORT_TYPE_INTERNAL : VBR_PORT_TYPE_NETDEV);
	if (ap->has_mac)
		mnl_attr_put(nlh, VBR_A_PORT_ADDR, MAC_LEN, ap->mac);
	if (ap->has_mtu)
		mnl_attr_put_u32(nlh, VBR_A_PORT_MTU, ap->mtu);
	if (owned)
		mnl_attr_put(nlh, VBR_A_PORT_OWNED, 0, NULL);
	if (ap->has_vlan)
		mnl_attr_put_u16(nlh, VBR_A_PORT_VLAN, ap->vlan);
	port_opts_put(nlh, &ap->po);
	err = nl_talk(vbr_genl(), nlh, u32_cb, &w);
	*ifindex = w.val ? w.val : if_nametoindex(ap->dev);
	return err;
}

/* Bring a port we created up; if that fails, take the port away again. */
static int port_up(const struct add_port *ap, uint32_t ifindex)
{
	int err = link_set_up(ifindex);

	if (!err)
		return 0;
	nl_fail(err, NULL);
	port_del(ap->br, ap->dev);
	return EXIT_ERR;
}

/* Undo a device made for a port that the bridge refused. */
static void dev_undo(const char *dev)
{
	unsigned int ifindex = if_nametoindex(dev);

	if (ifindex)
		link_del(ifindex);
}

static int add_tap(struct add_port *ap)
{
	long uid = -1, gid = -1;
	uint32_t ifindex;
	int err;

	if (ap->user)
		uid = id_parse("user", ap->user);
	if (ap->group)
		gid = id_parse("group", ap->group);
	if (if_nametoindex(ap->dev)) {
		error_msg("add-port: %s: a device named %s exists already",
			  strerror(EEXIST), ap->dev);
		return EXIT_ERR;
	}
	err = tap_create(ap->dev, uid, gid);
	if (err) {
		error_msg("add-port: creating tap %s: %s", ap->dev,
			  strerror(-err));
		return EXIT_ERR;
	}
	err = port_add(ap, true, &ifindex);
	if (err) {
		nl_fail(err, ap->br);
		dev_undo(ap->dev);
		return EXIT_ERR;
	}
	return port_up(ap, ifindex);
}

static int add_veth(struct add_port *ap)
{
	int err, fd = -1;
	uint32_t ifindex;

	if (!ap->peer && ap->netns) {
		ap->peer = "eth0";
	} else if (!ap->peer) {
		if (strlen(ap->dev) + 1 >= IFNAMSIZ)
			usage_error("add-port: name the peer of %s with 'peer NAME'",
				    ap->dev);
		snprintf(ap->peer_buf, sizeof(ap->peer_buf), "%sp", ap->dev);
		ap->peer = ap->peer_buf;
	}
	if (ap->netns) {
		fd = netns_open(ap->netns);
		if (fd < 0) {
			error_msg("add-port: no network namespace named %s: %s",
				  ap->netns, strerror(-fd));
			return EXIT_ERR;
		}
	}
	err = veth_create(ap->dev, ap->peer, fd);
	if (fd >= 0)
		close(fd);
	if (err)
		return nl_fail(err, NULL);
	err = port_add(ap, true, &ifindex);
	if (err) {
		nl_fail(err, ap->br);
		dev_undo(ap->dev);	/* the peer goes with it */
		return EXIT_ERR;
	}
	return port_up(ap, ifindex);
}

int cmd_add_port(int argc, char **argv)
{
	static const char *const kinds[] = {
		[PK_NETDEV] = "netdev", [PK_INTERNAL] = "internal",
		[PK_TAP] = "tap", [PK_VETH] = "veth",
	};
	struct add_port ap = { .po.state = -1 };
	uint32_t ifindex;
	int err;

	add_port_parse(argc, argv, &ap);
	/* --may-exist: the same port on the same bridge is no error. */
	if (opt.may_exist) {
		err = port_exists(ap.br, ap.dev, kinds[ap.kind]);
		if (err)
			return err > 0 ? 0 : EXIT_ERR;
	}
	/* Fail on a missing family before anything is made. */
	vbr_genl();
	switch (ap.kind) {
	case PK_TAP:
		return add_tap(&ap);
	case PK_VETH:
		return add_veth(&ap);
	case PK_INTERNAL:
		err = port_add(&ap, false, &ifindex);
		if (err)
			return nl_fail(err, ap.br);
		return port_up(&ap, ifindex);
	case PK_NETDEV:
		break;
	}
	if (!if_nametoindex(ap.dev)) {
		error_msg("add-port: %s: no device named %s", strerror(ENODEV),
			  ap.dev);
		return EXIT_ERR;
	}
	err = port_add(&ap, false, &ifindex);
	return err ? nl_fail(err, ap.br) : 0;
}

int cmd_del_port(int argc, char **argv)
{
	const char *br, *port;
	int err;

	if (argc != 2)
		usage_error("del-port: want a bridge and a port");
	br = parse_name("bridge", argv[0]);
	port = parse_name("port", argv[1]);
	/* --if-exists: no such port on the bridge is no error. */
	if (opt.if_exists) {
		err = port_absent(br, port);
		if (err)
			return err > 0 ? 0 : EXIT_ERR;
	}
	err = port_del(br, port);
	return err ? nl_fail(err, br) : 0;
}

int cmd_set_port(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct port_opts po = { .state = -1 };
	struct kw kw = { .n = 0 };
	const char *br, *port;
	struct nlmsghdr *nlh;
	int i, err;

	if (argc < 3)
		usage_error("set-port: want a bridge, a port and options");
	br = parse_name("bridge", argv[0]);
	port = parse_name("port", argv[1]);
	port_kw(&kw);
	for (i = 2; i < argc; i++) {
		argv[i] = (char *)kw_find(&kw, argv[i]);
		if (!port_opt_parse(argc, argv, &i, &po))
			usage_error("set-port: unknown argument '%s'", argv[i]);
	}
	nlh = vbr_msg(buf, VBR_CMD_PORT_SET, 0);
	mnl_attr_put_strz(nlh, VBR_A_BR_NAME, br);
	mnl_attr_put_strz(nlh, VBR_A_PORT_NAME, port);
	port_opts_put(nlh, &po);
	err = nl_talk(vbr_genl(), nlh, NULL, NULL);
	return err ? nl_fail(err, br) : 0;
}
