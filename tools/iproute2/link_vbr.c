// SPDX-License-Identifier: GPL-2.0
/*
 * link_vbr.so: an iproute2 link plugin so that the distribution's own
 * "ip" understands vbr options:
 *
 *   ip link add br0 type vbr [ageing_time SECONDS] [max_learned N]
 *   ip link set br0 type vbr [ageing_time SECONDS] [max_learned N]
 *   ip link set dev eth0 type vbr_slave [learning on|off] [flood on|off]
 *                                       [max_learned N]
 *   ip -d link show      prints every vbr attribute
 *
 * ip loads $IP_LIB_DIR/link_<kind>.so and looks up <kind>_link_util
 * (link_vbr_slave.so is a symlink to this file). The structure and the
 * helpers below are iproute2's, declared here from its layout: the
 * layout has been stable from iproute2 4.16 through 6.x (6.12 passes an
 * extra argument to parse_opt, which this code does not use).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "../../uapi/linux/vbr.h"

#define VBR_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#include "ip_abi.h"

/* ip builds link requests in a 1024-byte attribute buffer. */
#define VBR_REQ_MAX 1024

static const char *const vbr_needed[] = {
	"get_u32", "addattr8", "addattr32",
	"print_color_uint", "print_color_string",
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
				"link_vbr.so: this ip does not export %s; iproute2 4.16 or newer is needed\n",
				vbr_needed[i]);
			ok = 0;
		}
	}
	return ok;
}

static void vbr_usage(FILE *f)
{
	fprintf(f,
		"Usage: ... vbr [ ageing_time SECONDS ] [ max_learned N ]\n"
		"\n"
		"ageing_time: seconds a learned MAC lives without traffic,\n"
		"             0 to never age (0..%u, default %u)\n"
		"max_learned: most learned MACs in the bridge, 0 for no limit\n"
		"             (default %u)\n",
		VBR_AGEING_TIME_MAX, VBR_AGEING_TIME_DEFAULT,
		VBR_MAX_LEARNED_DEFAULT);
}

static void vbr_slave_usage(FILE *f)
{
	fprintf(f,
		"Usage: ... vbr_slave [ learning on|off ] [ flood on|off ]\n"
		"                     [ max_learned N ]\n"
		"\n"
		"learning:    learn source MACs of frames from this port\n"
		"flood:       send unknown unicast, broadcast and multicast here\n"
		"max_learned: most learned MACs behind this port, 0 for no limit\n");
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

static int vbr_parse_opt(struct link_util *lu, int argc, char **argv,
			 struct nlmsghdr *n)
{
	if (!vbr_host_ok())
		return -1;
	for (; argc > 0; argc--, argv++) {
		if (!strcmp(*argv, "help")) {
			vbr_usage(stdout);
			return -1;
		}
		if (argc < 2) {
			fprintf(stderr, "vbr: \"%s\" needs a value\n", *argv);
			return -1;
		}
		if (!strcmp(*argv, "ageing_time")) {
			if (vbr_u32_arg(n, VBR_IFLA_AGEING_TIME,
					"ageing_time", argv[1]))
				return -1;
		} else if (!strcmp(*argv, "max_learned")) {
			if (vbr_u32_arg(n, VBR_IFLA_MAX_LEARNED,
					"max_learned", argv[1]))
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

static int vbr_slave_parse_opt(struct link_util *lu, int argc, char **argv,
			       struct nlmsghdr *n)
{
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
		if (!strcmp(*argv, "learning")) {
			if (vbr_on_off(n, VBR_PORT_IFLA_LEARNING, "learning",
				       argv[1]))
				return -1;
		} else if (!strcmp(*argv, "flood")) {
			if (vbr_on_off(n, VBR_PORT_IFLA_FLOOD, "flood",
				       argv[1]))
				return -1;
		} else if (!strcmp(*argv, "max_learned")) {
			if (vbr_u32_arg(n, VBR_PORT_IFLA_MAX_LEARNED,
					"max_learned", argv[1]))
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

static void vbr_print_u32(struct rtattr *tb[], int type, const char *key,
			  const char *fmt)
{
	if (tb[type] && RTA_PAYLOAD(tb[type]) >= sizeof(__u32))
		print_color_uint(IP_PRINT_ANY, IP_COLOR_NONE, key, fmt,
				 vbr_u32(tb[type]));
}

static void vbr_print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	if (!tb || !vbr_host_ok())
		return;
	vbr_print_u32(tb, VBR_IFLA_AGEING_TIME, "ageing_time",
		      "ageing_time %u ");
	vbr_print_u32(tb, VBR_IFLA_MAX_LEARNED, "max_learned",
		      "max_learned %u ");
	vbr_print_u32(tb, VBR_IFLA_LEARNED, "learned", "learned %u ");
}

static void vbr_print_on_off(struct rtattr *tb[], int type, const char *key,
			     const char *fmt)
{
	if (tb[type] && RTA_PAYLOAD(tb[type]) >= 1)
		print_color_string(IP_PRINT_ANY, IP_COLOR_NONE, key, fmt,
				   *(__u8 *)RTA_DATA(tb[type]) ? "on" : "off");
}

static void vbr_slave_print_opt(struct link_util *lu, FILE *f,
				struct rtattr *tb[])
{
	if (!tb || !vbr_host_ok())
		return;
	vbr_print_on_off(tb, VBR_PORT_IFLA_LEARNING, "learning",
			 "learning %s ");
	vbr_print_on_off(tb, VBR_PORT_IFLA_FLOOD, "flood", "flood %s ");
	vbr_print_u32(tb, VBR_PORT_IFLA_MAX_LEARNED, "max_learned",
		      "max_learned %u ");
	vbr_print_u32(tb, VBR_PORT_IFLA_LEARNED, "learned", "learned %u ");
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
