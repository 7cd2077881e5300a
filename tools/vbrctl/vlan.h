/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vbrctl: 802.1Q VLANs. The member sets of ports and of bridge devices
 * as the genl family's VLAN_GET gives them, how show and monitor print
 * them, and the VLAN arguments commands take.
 */
#ifndef VBRCTL_VLAN_H
#define VBRCTL_VLAN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <net/if.h>
#include <libmnl/libmnl.h>

/* VLANs vid..vid_end with the same flags. */
struct vlan_range {
	uint16_t vid, vid_end;
	bool pvid, untagged;
};

/* The VLANs of one port, or of a bridge device itself (port 0). */
struct vlan_set {
	int br;			/* bridge ifindex */
	int port;		/* port ifindex, 0: the bridge device */
	char name[IFNAMSIZ];	/* the port's name, "" for the bridge */
	struct vlan_range *v;
	int n;
};

struct vlan_sets {
	struct vlan_set *v;
	int n;
};

/*
 * Every member set, of bridge BR (NULL: all), of port PORT (NULL: the
 * bridge devices and every port). 0 or -errno (nl_errmsg says why).
 */
int vlan_sets_dump(struct vlan_sets *s, const char *br, const char *port);
void vlan_sets_free(struct vlan_sets *s);
const struct vlan_set *vlan_set_find(const struct vlan_sets *s, int br,
				     int port);

/* Append the ranges of a VLAN_LIST nest to SET: 0 or -ENOMEM. */
int vlan_list_parse(const struct nlattr *list, struct vlan_set *set);

/* The VLAN of an access port (its one VLAN, PVID and untagged), or 0. */
int vlan_access(const struct vlan_set *set);
/* "access 10", "trunk 1,10,20-30 pvid 1 untagged 1" or "no vlans". */
void vlan_summary_print(FILE *f, const struct vlan_set *set);
/* "1 pvid untagged,10-20": each range with its flags. */
void vlan_ranges_print(FILE *f, const struct vlan_set *set);
/* An array KEY of {"vid", "vid_end" (ranges only), "pvid", "untagged"};
 * JSON only (print.h).
 */
void vlan_ranges_json(const char *key, const struct vlan_set *set);
/* show: the array KEY as JSON; with TEXT, " " and the summary as text. */
void vlan_summary_show(const char *key, const struct vlan_set *set,
		       bool text);

/* "802.1Q", "802.1ad" or "0x%04x" for a host-order EtherType. */
const char *vlan_proto_name(uint16_t proto, char *buf, size_t size);
/* 802.1Q or 802.1ad (any case), or a usage error. */
uint16_t vlan_proto_parse(const char *arg);
/* A VLAN id as the wire carries it (0..65535); the kernel checks the
 * range, so that its own message explains a refusal.
 */
uint16_t parse_vid(const char *what, const char *arg);

#endif /* VBRCTL_VLAN_H */
