/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vbrctl: network devices through rtnetlink and procfs: the link table,
 * port types, creating and deleting taps and veths, who holds a tap,
 * where a veth's peer is.
 */
#ifndef VBRCTL_LINK_H
#define VBRCTL_LINK_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>

#include "vbrctl.h"

struct link {
	int ifindex;
	int master;		/* IFLA_MASTER, 0 if none */
	int iflink;		/* IFLA_LINK: a veth's peer, 0 if none */
	int link_nsid;		/* IFLA_LINK_NETNSID, or -1 */
	unsigned int flags;
	unsigned int mtu;
	char name[IFNAMSIZ];
	char kind[32];
	char slave_kind[32];
	unsigned char mac[MAC_LEN];
	/* A vbr bridge's IFLA_INFO_DATA or a vbr port's SLAVE_DATA. */
	uint32_t learned;
	uint32_t ageing_cs;	/* centiseconds, as rtnetlink has it */
	uint32_t max_learned;
	/* A vbr bridge's VLAN options (has_vlan: the kernel gave them). */
	bool has_vlan, vlan_filtering;
	uint16_t vlan_default_pvid;
	uint16_t vlan_proto;	/* host order */
	unsigned int pflags;	/* bit i: port_flags[i] is on */
	uint8_t port_state;	/* enum vbr_port_state */
	uint8_t block_reason;	/* enum vbr_block_reason */
	uint32_t storm[3];	/* frames/s: bcast, mcast, ucast; 0: none */
	uint32_t storm_burst;	/* 0: the rate */
	bool has_err_recovery;	/* a bridge's, when the kernel gave it */
	uint32_t err_recovery;	/* seconds */
	/* A bridge's loop protection (has_loop: the kernel gave it). */
	bool has_loop, loop_protect, flap_block;
	uint32_t loop_interval;	/* ms */
	uint32_t flap_limit, flap_window;	/* moves, seconds */
	/* From the genl port dump: the device goes with the port. */
	bool owned;
};

struct links {
	struct link *v;
	int n;
};

/* Every link of this network namespace: 0 or -errno. */
int links_dump(struct links *ls);
void links_free(struct links *ls);
struct link *link_by_index(const struct links *ls, int ifindex);
struct link *link_by_name(const struct links *ls, const char *name);
bool link_is_vbr(const struct link *l);
/* A port's storm limits: option names, JSON keys (storm_bcast, ...),
 * genl and rtnetlink attributes, in the order of struct link's storm[].
 */
struct storm_opt {
	const char *name;
	const char *key;
	int genl;
	int ifla;
};

extern const struct storm_opt storm_opts[3];

/* Names of enum vbr_port_state and enum vbr_block_reason values. */
const char *port_state_name(uint8_t state);
const char *block_reason_name(uint8_t why);
/* enum vbr_port_state by name (blocking too); -1 if none. */
int port_state_parse(const char *arg);

/* physical, tap, veth, vxlan, internal or other. */
const char *link_port_type(const struct link *l);

/* Set IFF_UP, delete a link: 0 or -errno (nl_errmsg has the why). */
int link_set_up(int ifindex);
int link_del(int ifindex);

/* A persistent tap NAME owned by UID and GID (-1: unchanged). */
int tap_create(const char *name, long uid, long gid);
/* A veth pair NAME, PEER with the peer in NETNS_FD (-1: here). */
int veth_create(const char *name, const char *peer, int netns_fd);
/* An fd of /run/netns/NAME, or -errno. */
int netns_open(const char *name);

struct tap_holder {
	char ifname[IFNAMSIZ];
	int pid;
	char comm[32];
};

/* The processes that hold a tap open, from /proc/PID/fdinfo. */
int tap_holders(struct tap_holder **v);

struct veth_peer {
	bool name_known;
	char name[IFNAMSIZ];
	/* The peer's netns: "" here, the /run/netns name, or "nsid:N". */
	char netns[256];
};

void veth_peer_find(const struct links *ls, const struct link *l,
		    struct veth_peer *p);

#endif /* VBRCTL_LINK_H */
