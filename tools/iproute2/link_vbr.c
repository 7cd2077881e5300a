// SPDX-License-Identifier: GPL-2.0
/*
 * link_vbr.so: an iproute2 link plugin so that the distribution's own
 * "ip" understands vbr options:
 *
 *   ip link add br0 type vbr [ageing_time CENTISECONDS] [fdb_max_learned N]
 *       [vlan_filtering 0|1] [vlan_default_pvid N]
 *       [vlan_protocol 802.1Q|802.1ad] [err_recovery SECONDS]
 *       [loop_protect 0|1] [loop_interval MS] [mac_flap_limit N]
 *       [mac_flap_window SECONDS] [mac_flap_block 0|1]
 *   ip link set dev eth0 type vbr_slave [learning|flood|mcast_flood|
 *       bcast_flood|hairpin|isolated|locked|mab on|off] [max_learned N]
 *       [state forwarding|blocked] [bpdu_guard on|off] [storm_bcast PPS]
 *       [storm_mcast PPS] [storm_ucast PPS] [storm_burst N]
 *       [storm_block on|off] [loop_protect on|off]
 *   ip -d link show      prints every vbr attribute
 *
 * The names and units are the Linux bridge's ("type bridge",
 * "bridge_slave"), so that scripts switch by changing the kind. Bridge
 * options naming a feature vbr lacks are accepted at their "off" value
 * and refused otherwise, saying what vbr offers.
 *
 * ip loads $IP_LIB_DIR/link_<kind>.so and looks up <kind>_link_util
 * (link_vbr_slave.so is a symlink to this file). The structure and the
 * helpers below are iproute2's, declared here from its layout, stable
 * from iproute2 4.16 through 6.x (6.12 passes an extra argument to
 * parse_opt, which this code does not use); print_color_on_off needs
 * 5.14 or newer.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "../../uapi/linux/vbr.h"

#define VBR_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#include "ip_abi.h"

/* ip builds link requests in a 1024-byte attribute buffer. */
#define VBR_REQ_MAX 1024

static const char *const vbr_needed[] = {
	"get_u32", "addattr8", "addattr16", "addattr32",
	"print_color_uint", "print_color_string", "print_color_on_off",
};

/* Version-skew guard: refuse to run inside a program that lacks the
 * helpers, rather than crash on the first call.
 */
static int vbr_host_ok(void)
{
	static int ok = -1;
	size_t i;

	if (ok >= 0)
		return ok;
	ok = 1;
	for (i = 0; i < VBR_ARRAY_SIZE(vbr_needed); i++) {
		if (!dlsym(RTLD_DEFAULT, vbr_needed[i])) {
			fprintf(stderr,
				"link_vbr.so: this ip does not export %s; iproute2 5.14 or newer is needed\n",
				vbr_needed[i]);
			ok = 0;
		}
	}
	return ok;
}

static void vbr_usage(FILE *f)
{
	fprintf(f,
		"Usage: ... vbr [ ageing_time CENTISECONDS ] [ fdb_max_learned N ]\n"
		"               [ vlan_filtering 0|1 ] [ vlan_default_pvid N ]\n"
		"               [ vlan_protocol 802.1Q|802.1ad ]\n"
		"               [ err_recovery SECONDS ]\n"
		"               [ loop_protect 0|1 ] [ loop_interval MS ]\n"
		"               [ mac_flap_limit N ] [ mac_flap_window SECONDS ]\n"
		"               [ mac_flap_block 0|1 ]\n"
		"\n"
		"ageing_time:     centiseconds a learned MAC lives without traffic,\n"
		"                 0 to never age (0..%u, default %u), as type bridge\n"
		"fdb_max_learned: most learned MACs in the bridge, 0 for no limit\n"
		"                 (default %u; also spelt max_learned)\n"
		"vlan_filtering:  1 to filter 802.1Q VLANs (default 0); a change\n"
		"                 flushes the learned entries\n"
		"vlan_default_pvid: the VLAN new ports join, untagged, as PVID;\n"
		"                 0 for none (0..4094, default 1)\n"
		"vlan_protocol:   the tag that filters (default 802.1Q)\n"
		"err_recovery:    seconds before a port that a protection blocked\n"
		"                 forwards again; 0: never (0..%u, default 0)\n"
		"loop_protect:    1 to send loop probes and block the port one\n"
		"                 comes back in by (default 1)\n"
		"loop_interval:   ms between rounds of probes (%u..%u, default 1000)\n"
		"mac_flap_limit:  a MAC moving more often than this within\n"
		"                 mac_flap_window seconds flaps: logged and\n"
		"                 announced; 0 to watch nothing (default 10, 10 s)\n"
		"mac_flap_block:  1: a flap also blocks the port it moved to\n"
		"\n"
		"Linux bridge options vbr does not have are accepted at their off\n"
		"value (stp_state 0, mcast_snooping 0, vlan_stats_enabled 0, ...).\n",
		VBR_AGEING_TIME_MAX * 100, VBR_AGEING_TIME_DEFAULT * 100,
		VBR_MAX_LEARNED_DEFAULT, VBR_ERR_RECOVERY_MAX,
		VBR_LOOP_INTERVAL_MIN, VBR_LOOP_INTERVAL_MAX);
}

static void vbr_slave_usage(FILE *f)
{
	fprintf(f,
		"Usage: ... vbr_slave [ learning on|off ] [ flood on|off ]\n"
		"                     [ mcast_flood on|off ] [ bcast_flood on|off ]\n"
		"                     [ hairpin on|off ] [ isolated on|off ]\n"
		"                     [ locked on|off ] [ mab on|off ]\n"
		"                     [ max_learned N ]\n"
		"                     [ state forwarding|blocked ]\n"
		"                     [ bpdu_guard on|off ]\n"
		"                     [ storm_bcast PPS ] [ storm_mcast PPS ]\n"
		"                     [ storm_ucast PPS ] [ storm_burst N ]\n"
		"                     [ storm_block on|off ]\n"
		"                     [ loop_protect on|off ]\n"
		"\n"
		"learning:    learn source MACs of frames from this port\n"
		"flood:       send unknown unicast here\n"
		"mcast_flood: send multicast here\n"
		"bcast_flood: send broadcast here\n"
		"hairpin:     a frame may go back out of the port it came in on\n"
		"isolated:    never send to another isolated port\n"
		"locked:      take frames only from MACs the FDB puts behind this port\n"
		"mab:         on a locked port, unknown MACs get locked FDB entries\n"
		"max_learned: most learned MACs behind this port, 0 for no limit\n"
		"state:       blocked: the port takes and gets nothing (reason\n"
		"             admin); forwarding: unblock it, whatever the reason\n"
		"bpdu_guard:  an STP BPDU received blocks the port\n"
		"storm_bcast, storm_mcast, storm_ucast: most broadcast, multicast\n"
		"             and unknown unicast frames a second the port floods,\n"
		"             0 for no limit; storm_burst: how many may pass at\n"
		"             once (0: the rate); storm_block: a frame over a\n"
		"             limit blocks the port\n"
		"loop_protect: loop probes go out of this port (default on)\n");
}

static int vbr_bad(const char *what, const char *arg)
{
	fprintf(stderr, "vbr: invalid %s \"%s\"\n", what, arg);
	return -1;
}

static int vbr_u32_arg(struct nlmsghdr *n, int type, const char *what,
		       const char *arg)
{
	__u32 v;

	if (get_u32(&v, arg, 0))
		return vbr_bad(what, arg);
	return addattr32(n, VBR_REQ_MAX, type, v);
}

/* 0..MAX as a u8 or u16 attribute; the kernel checks narrower ranges. */
static int vbr_small_arg(struct nlmsghdr *n, int type, const char *what,
			 const char *arg, __u32 max)
{
	__u32 v;

	if (get_u32(&v, arg, 0) || v > max)
		return vbr_bad(what, arg);
	if (max <= 0xff)
		return addattr8(n, VBR_REQ_MAX, type, v);
	return addattr16(n, VBR_REQ_MAX, type, v);
}

/* The Linux bridge's names for the two tags, in network order. */
static int vbr_proto_arg(struct nlmsghdr *n, const char *arg)
{
	__u16 proto;

	if (!strcasecmp(arg, "802.1Q"))
		proto = 0x8100;
	else if (!strcasecmp(arg, "802.1ad"))
		proto = 0x88a8;
	else
		return vbr_bad("vlan_protocol (want 802.1Q or 802.1ad)", arg);
	return addattr16(n, VBR_REQ_MAX, VBR_IFLA_VLAN_PROTOCOL, htons(proto));
}

/* A Linux bridge option vbr lacks: its value when off, and what to say. */
struct vbr_absent {
	const char *name;
	const char *off;	/* NULL: no value is accepted */
	const char *why;
};

static const struct vbr_absent vbr_absent_opts[] = {
	{ "stp_state", "0", "vbr has no STP; loop and storm protection come with vbrctl" },
	{ "forward_delay", "0", "vbr has no STP, so no forward delay" },
	{ "hello_time", NULL, "vbr has no STP, so no hello time" },
	{ "max_age", NULL, "vbr has no STP, so no max age" },
	{ "priority", NULL, "vbr has no STP, so no bridge priority" },
	{ "mst_enabled", "0", "vbr has no MSTP" },
	{ "vlan_stats_enabled", "0", "vbr has no per-VLAN counters" },
	{ "mcast_snooping", "0", "vbr has no multicast snooping: multicast floods" },
	{ "mcast_vlan_snooping", "0", "vbr has no multicast snooping" },
	{ "mcast_querier", "0", "vbr has no multicast querier" },
	{ "mcast_stats_enabled", "0", "vbr has no multicast counters" },
	{ "nf_call_iptables", "0", "vbr frames skip iptables; use tc or nftables netdev hooks" },
	{ "nf_call_ip6tables", "0", "vbr frames skip ip6tables; use tc or nftables netdev hooks" },
	{ "nf_call_arptables", "0", "vbr frames do not pass arptables" },
	{ "group_fwd_mask", "0", "vbr never forwards link-local frames" },
	{ "fdb_flush", NULL, "flush with \"vbrctl fdb flush BRIDGE\"" },
};

/* 1: was such an option (argv[1] consumed or refused), 0: not one. */
static int vbr_absent(char **argv, int *err)
{
	size_t i;

	for (i = 0; i < VBR_ARRAY_SIZE(vbr_absent_opts); i++) {
		const struct vbr_absent *o = &vbr_absent_opts[i];

		if (strcmp(argv[0], o->name))
			continue;
		*err = 0;
		if (!o->off || !argv[1] || strcmp(argv[1], o->off)) {
			fprintf(stderr, "vbr: \"%s\" is not supported: %s\n",
				o->name, o->why);
			*err = -1;
		}
		return 1;
	}
	return 0;
}

static int vbr_parse_opt(struct link_util *lu, int argc, char **argv,
			 struct nlmsghdr *n)
{
	int err;

	if (!vbr_host_ok())
		return -1;
	for (; argc > 0; argc--, argv++) {
		if (!strcmp(*argv, "help")) {
			vbr_usage(stdout);
			return -1;
		}
		if (vbr_absent(argv, &err)) {
			if (err)
				return -1;
		} else if (argc < 2) {
			fprintf(stderr, "vbr: \"%s\" needs a value\n", *argv);
			return -1;
		} else if (!strcmp(*argv, "ageing_time")) {
			if (vbr_u32_arg(n, VBR_IFLA_AGEING_TIME,
					"ageing_time", argv[1]))
				return -1;
		} else if (!strcmp(*argv, "fdb_max_learned") ||
			   !strcmp(*argv, "max_learned")) {
			if (vbr_u32_arg(n, VBR_IFLA_MAX_LEARNED, *argv,
					argv[1]))
				return -1;
		} else if (!strcmp(*argv, "vlan_filtering")) {
			if (vbr_small_arg(n, VBR_IFLA_VLAN_FILTERING, *argv,
					  argv[1], 0xff))
				return -1;
		} else if (!strcmp(*argv, "vlan_default_pvid")) {
			if (vbr_small_arg(n, VBR_IFLA_VLAN_DEFAULT_PVID, *argv,
					  argv[1], 0xffff))
				return -1;
		} else if (!strcmp(*argv, "vlan_protocol")) {
			if (vbr_proto_arg(n, argv[1]))
				return -1;
		} else if (!strcmp(*argv, "err_recovery")) {
			if (vbr_u32_arg(n, VBR_IFLA_ERR_RECOVERY,
					"err_recovery", argv[1]))
				return -1;
		} else if (!strcmp(*argv, "loop_protect")) {
			if (vbr_small_arg(n, VBR_IFLA_LOOP_PROTECT, *argv,
					  argv[1], 0xff))
				return -1;
		} else if (!strcmp(*argv, "loop_interval")) {
			if (vbr_u32_arg(n, VBR_IFLA_LOOP_INTERVAL, *argv,
					argv[1]))
				return -1;
		} else if (!strcmp(*argv, "mac_flap_limit")) {
			if (vbr_u32_arg(n, VBR_IFLA_MAC_FLAP_LIMIT, *argv,
					argv[1]))
				return -1;
		} else if (!strcmp(*argv, "mac_flap_window")) {
			if (vbr_u32_arg(n, VBR_IFLA_MAC_FLAP_WINDOW, *argv,
					argv[1]))
				return -1;
		} else if (!strcmp(*argv, "mac_flap_block")) {
			if (vbr_small_arg(n, VBR_IFLA_MAC_FLAP_BLOCK, *argv,
					  argv[1], 0xff))
				return -1;
		} else {
			fprintf(stderr, "vbr: unknown option \"%s\"\n", *argv);
			vbr_usage(stderr);
			return -1;
		}
		argc--;
		argv++;
	}
	return 0;
}

static int vbr_on_off(struct nlmsghdr *n, int type, const char *what,
		      const char *arg)
{
	if (!strcmp(arg, "on"))
		return addattr8(n, VBR_REQ_MAX, type, 1);
	if (!strcmp(arg, "off"))
		return addattr8(n, VBR_REQ_MAX, type, 0);
	return vbr_bad(what, arg);
}

/* Port flags, as bridge_slave names them. */
static const struct {
	const char *name;
	int type;
} vbr_port_flags[] = {
	{ "learning",		VBR_PORT_IFLA_LEARNING },
	{ "flood",		VBR_PORT_IFLA_FLOOD },
	{ "mcast_flood",	VBR_PORT_IFLA_MCAST_FLOOD },
	{ "bcast_flood",	VBR_PORT_IFLA_BCAST_FLOOD },
	{ "hairpin",		VBR_PORT_IFLA_HAIRPIN },
	{ "isolated",		VBR_PORT_IFLA_ISOLATED },
	{ "locked",		VBR_PORT_IFLA_LOCKED },
	{ "mab",		VBR_PORT_IFLA_MAB },
	{ "bpdu_guard",		VBR_PORT_IFLA_BPDU_GUARD },
	{ "storm_block",	VBR_PORT_IFLA_STORM_BLOCK },
	{ "loop_protect",	VBR_PORT_IFLA_LOOP_PROTECT },
};

/* Port options that are a u32 each. */
static const struct {
	const char *name;
	int type;
} vbr_port_u32s[] = {
	{ "max_learned",	VBR_PORT_IFLA_MAX_LEARNED },
	{ "storm_bcast",	VBR_PORT_IFLA_STORM_BCAST },
	{ "storm_mcast",	VBR_PORT_IFLA_STORM_MCAST },
	{ "storm_ucast",	VBR_PORT_IFLA_STORM_UCAST },
	{ "storm_burst",	VBR_PORT_IFLA_STORM_BURST },
};

static int vbr_port_u32(const char *name)
{
	size_t i;

	for (i = 0; i < VBR_ARRAY_SIZE(vbr_port_u32s); i++)
		if (!strcmp(name, vbr_port_u32s[i].name))
			return vbr_port_u32s[i].type;
	return -1;
}

/* Port states by name, as vbrctl and "ip -d link show" print them; the
 * Linux bridge's "blocking" is taken too.
 */
static const char *const vbr_states[] = {
	[VBR_PORT_STATE_FORWARDING]	= "forwarding",
	[VBR_PORT_STATE_BLOCKED]	= "blocked",
};

static const char *const vbr_block_reasons[] = {
	[VBR_BLOCK_NONE]	= "none",
	[VBR_BLOCK_ADMIN]	= "admin",
	[VBR_BLOCK_BPDU_GUARD]	= "bpdu_guard",
	[VBR_BLOCK_LOOP]	= "loop",
	[VBR_BLOCK_STORM]	= "storm",
};

static int vbr_state_arg(struct nlmsghdr *n, const char *arg)
{
	__u8 state;

	if (!strcmp(arg, "forwarding"))
		state = VBR_PORT_STATE_FORWARDING;
	else if (!strcmp(arg, "blocked") || !strcmp(arg, "blocking"))
		state = VBR_PORT_STATE_BLOCKED;
	else
		return vbr_bad("state (want forwarding or blocked)", arg);
	return addattr8(n, VBR_REQ_MAX, VBR_PORT_IFLA_STATE, state);
}

static int vbr_port_flag(const char *name)
{
	size_t i;

	for (i = 0; i < VBR_ARRAY_SIZE(vbr_port_flags); i++)
		if (!strcmp(name, vbr_port_flags[i].name))
			return vbr_port_flags[i].type;
	return -1;
}

static int vbr_slave_parse_opt(struct link_util *lu, int argc, char **argv,
			       struct nlmsghdr *n)
{
	int type, u32_type;

	if (!vbr_host_ok())
		return -1;
	for (; argc > 0; argc--, argv++) {
		if (!strcmp(*argv, "help")) {
			vbr_slave_usage(stdout);
			return -1;
		}
		if (argc < 2) {
			fprintf(stderr, "vbr: \"%s\" needs a value\n", *argv);
			return -1;
		}
		type = vbr_port_flag(*argv);
		u32_type = vbr_port_u32(*argv);
		if (type >= 0) {
			if (vbr_on_off(n, type, *argv, argv[1]))
				return -1;
		} else if (u32_type >= 0) {
			if (vbr_u32_arg(n, u32_type, *argv, argv[1]))
				return -1;
		} else if (!strcmp(*argv, "state")) {
			if (vbr_state_arg(n, argv[1]))
				return -1;
		} else {
			fprintf(stderr, "vbr: unknown option \"%s\"\n", *argv);
			vbr_slave_usage(stderr);
			return -1;
		}
		argc--;
		argv++;
	}
	return 0;
}

static __u32 vbr_u32(const struct rtattr *a)
{
	__u32 v;

	memcpy(&v, RTA_DATA(a), sizeof(v));
	return v;
}

static void vbr_print_u8(struct rtattr *tb[], int type, const char *key,
			 const char *fmt)
{
	if (tb[type] && RTA_PAYLOAD(tb[type]) >= sizeof(__u8))
		print_color_uint(IP_PRINT_ANY, IP_COLOR_NONE, key, fmt,
				 *(__u8 *)RTA_DATA(tb[type]));
}

static void vbr_print_u32(struct rtattr *tb[], int type, const char *key,
			  const char *fmt)
{
	if (tb[type] && RTA_PAYLOAD(tb[type]) >= sizeof(__u32))
		print_color_uint(IP_PRINT_ANY, IP_COLOR_NONE, key, fmt,
				 vbr_u32(tb[type]));
}

/* As the Linux bridge's plugin prints them: numbers, and the protocol
 * by name.
 */
static void vbr_print_vlan(struct rtattr *tb[])
{
	struct rtattr *a = tb[VBR_IFLA_VLAN_FILTERING];
	char buf[8];
	__u16 v;

	if (a && RTA_PAYLOAD(a) >= 1)
		print_color_uint(IP_PRINT_ANY, IP_COLOR_NONE, "vlan_filtering",
				 "vlan_filtering %u ", *(__u8 *)RTA_DATA(a));
	a = tb[VBR_IFLA_VLAN_PROTOCOL];
	if (a && RTA_PAYLOAD(a) >= sizeof(v)) {
		memcpy(&v, RTA_DATA(a), sizeof(v));
		v = ntohs(v);
		if (v == 0x8100)
			snprintf(buf, sizeof(buf), "802.1Q");
		else if (v == 0x88a8)
			snprintf(buf, sizeof(buf), "802.1ad");
		else
			snprintf(buf, sizeof(buf), "0x%04x", v);
		print_color_string(IP_PRINT_ANY, IP_COLOR_NONE, "vlan_protocol",
				   "vlan_protocol %s ", buf);
	}
	a = tb[VBR_IFLA_VLAN_DEFAULT_PVID];
	if (a && RTA_PAYLOAD(a) >= sizeof(v)) {
		memcpy(&v, RTA_DATA(a), sizeof(v));
		print_color_uint(IP_PRINT_ANY, IP_COLOR_NONE,
				 "vlan_default_pvid", "vlan_default_pvid %u ",
				 v);
	}
}

static void vbr_print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	if (!tb || !vbr_host_ok())
		return;
	vbr_print_u32(tb, VBR_IFLA_AGEING_TIME, "ageing_time",
		      "ageing_time %u ");
	vbr_print_vlan(tb);
	vbr_print_u32(tb, VBR_IFLA_MAX_LEARNED, "fdb_max_learned",
		      "fdb_max_learned %u ");
	vbr_print_u32(tb, VBR_IFLA_LEARNED, "fdb_n_learned",
		      "fdb_n_learned %u ");
	vbr_print_u32(tb, VBR_IFLA_ERR_RECOVERY, "err_recovery",
		      "err_recovery %u ");
	vbr_print_u8(tb, VBR_IFLA_LOOP_PROTECT, "loop_protect",
		     "loop_protect %u ");
	vbr_print_u32(tb, VBR_IFLA_LOOP_INTERVAL, "loop_interval",
		      "loop_interval %u ");
	vbr_print_u32(tb, VBR_IFLA_MAC_FLAP_LIMIT, "mac_flap_limit",
		      "mac_flap_limit %u ");
	vbr_print_u32(tb, VBR_IFLA_MAC_FLAP_WINDOW, "mac_flap_window",
		      "mac_flap_window %u ");
	vbr_print_u8(tb, VBR_IFLA_MAC_FLAP_BLOCK, "mac_flap_block",
		     "mac_flap_block %u ");
}

/* A name from TABLE for the u8 attribute TYPE, or its number. */
static void vbr_print_name(struct rtattr *tb[], int type, const char *key,
			   const char *const *table, size_t n)
{
	char num[8], fmt[32];
	const char *name;
	__u8 v;

	if (!tb[type] || RTA_PAYLOAD(tb[type]) < 1)
		return;
	v = *(__u8 *)RTA_DATA(tb[type]);
	if (v < n && table[v]) {
		name = table[v];
	} else {
		snprintf(num, sizeof(num), "%u", v);
		name = num;
	}
	snprintf(fmt, sizeof(fmt), "%s %%s ", key);
	print_color_string(IP_PRINT_ANY, IP_COLOR_NONE, key, fmt, name);
}

static void vbr_slave_print_opt(struct link_util *lu, FILE *f,
				struct rtattr *tb[])
{
	char fmt[32];
	size_t i;
	int type;

	if (!tb || !vbr_host_ok())
		return;
	for (i = 0; i < VBR_ARRAY_SIZE(vbr_port_flags); i++) {
		type = vbr_port_flags[i].type;
		if (!tb[type] || RTA_PAYLOAD(tb[type]) < 1)
			continue;
		snprintf(fmt, sizeof(fmt), "%s %%s ", vbr_port_flags[i].name);
		print_color_on_off(IP_PRINT_ANY, IP_COLOR_NONE,
				   vbr_port_flags[i].name, fmt,
				   *(__u8 *)RTA_DATA(tb[type]));
	}
	for (i = 0; i < VBR_ARRAY_SIZE(vbr_port_u32s); i++) {
		snprintf(fmt, sizeof(fmt), "%s %%u ", vbr_port_u32s[i].name);
		vbr_print_u32(tb, vbr_port_u32s[i].type, vbr_port_u32s[i].name,
			      fmt);
	}
	vbr_print_u32(tb, VBR_PORT_IFLA_LEARNED, "learned", "learned %u ");
	vbr_print_name(tb, VBR_PORT_IFLA_STATE, "state", vbr_states,
		       VBR_ARRAY_SIZE(vbr_states));
	vbr_print_name(tb, VBR_PORT_IFLA_BLOCK_REASON, "block_reason",
		       vbr_block_reasons, VBR_ARRAY_SIZE(vbr_block_reasons));
}

static void vbr_print_help(struct link_util *lu, int argc, char **argv,
			   FILE *f)
{
	vbr_usage(f);
}

static void vbr_slave_print_help(struct link_util *lu, int argc, char **argv,
				 FILE *f)
{
	vbr_slave_usage(f);
}

struct link_util vbr_link_util = {
	.id		= "vbr",
	.maxattr	= VBR_IFLA_MAX,
	.parse_opt	= vbr_parse_opt,
	.print_opt	= vbr_print_opt,
	.print_help	= vbr_print_help,
};

struct link_util vbr_slave_link_util = {
	.id		= "vbr_slave",
	.maxattr	= VBR_PORT_IFLA_MAX,
	.parse_opt	= vbr_slave_parse_opt,
	.print_opt	= vbr_slave_print_opt,
	.print_help	= vbr_slave_print_help,
};
