/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What link_vbr.so needs from the ip binary that loads it, declared from
 * iproute2's own layout (ip/ip_common.h, include/json_print.h,
 * include/color.h, include/libnetlink.h).
 */
#ifndef VBR_IP_ABI_H
#define VBR_IP_ABI_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

/* iproute2's struct link_util, as ip/ip_common.h lays it out. */
struct link_util {
	struct link_util *next;
	const char *id;
	int maxattr;
	int (*parse_opt)(struct link_util *lu, int argc, char **argv,
			 struct nlmsghdr *n);
	void (*print_opt)(struct link_util *lu, FILE *f, struct rtattr *tb[]);
	void (*print_xstats)(struct link_util *lu, FILE *f,
			     struct rtattr *xstats);
	void (*print_help)(struct link_util *lu, int argc, char **argv,
			   FILE *f);
	int (*parse_ifla_xstats)(struct link_util *lu, int argc, char **argv);
	int (*print_ifla_xstats)(struct nlmsghdr *n, void *arg);
};

/* From iproute2's json_print.h and color.h. */
enum ip_output_type { IP_PRINT_FP = 1, IP_PRINT_JSON = 2, IP_PRINT_ANY = 4 };
#define IP_COLOR_NONE 6

/* Helpers the ip binary exports (nm -D /sbin/ip). */
int get_u32(__u32 *val, const char *arg, int base);
int addattr8(struct nlmsghdr *n, int maxlen, int type, __u8 data);
int addattr16(struct nlmsghdr *n, int maxlen, int type, __u16 data);
int addattr32(struct nlmsghdr *n, int maxlen, int type, __u32 data);
int print_color_uint(int type, int color, const char *key, const char *fmt,
		     unsigned int value);
int print_color_string(int type, int color, const char *key,
		       const char *fmt, const char *value);
/* JSON: a boolean; text: fmt with "on" or "off" (iproute2 5.14+). */
int print_color_on_off(int type, int color, const char *key,
		       const char *fmt, bool value);

#endif /* VBR_IP_ABI_H */
