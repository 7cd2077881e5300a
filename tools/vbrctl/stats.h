/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vbrctl: the counters of bridges and ports, as the genl family's
 * BR_GET and PORT_GET give them; stats prints them as a table, show -s
 * under each bridge and port.
 */
#ifndef VBRCTL_STATS_H
#define VBRCTL_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>

#include "nl.h"

/* The counters of one bridge or one port. */
struct stats_obj {
	int br;			/* the bridge's ifindex */
	int ifindex;		/* the bridge's, or the port's */
	char name[IFNAMSIZ];
	uint64_t c[VBR_STATS_A_MAX + 1];	/* by VBR_STATS_A_* */
};

struct stats_list {
	struct stats_obj *v;
	int n;
};

struct stats_sample {
	struct stats_list brs, ports;
};

/*
 * The counters of bridge BR (NULL: every bridge) and of its ports (of
 * PORT only, if given). 0 or -errno (nl_errmsg says why).
 */
int stats_read(struct stats_sample *s, const char *br, const char *port);
void stats_free(struct stats_sample *s);
const struct stats_obj *stats_find(const struct stats_list *l, int ifindex);

/*
 * show -s: a "counters" object as JSON; as text, an indented line of
 * the counters (those that count drops only when not zero, or with -d).
 */
void stats_counters_show(const struct stats_obj *o, bool bridge);

#endif /* VBRCTL_STATS_H */
