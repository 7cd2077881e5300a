/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vbrctl: what the command files share: global options, argument
 * parsing, error reporting and the command entry points.
 */
#ifndef VBRCTL_H
#define VBRCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <net/if.h>

/* Exit status: runtime or kernel error, and usage error. */
#define EXIT_ERR	1
#define EXIT_USAGE	2

#define MAC_LEN		6
#define MAC_STRLEN	18

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct opts {
	bool json;	/* -j: JSON output */
	bool details;	/* -d: more detail in text output */
	bool pretty;	/* -p: indented JSON */
	bool stats;	/* -s: show adds the counters */
	bool timestamp;	/* -t: monitor times each event */
	bool may_exist;	/* --may-exist: add-br, add-port */
	bool if_exists;	/* --if-exists: del-br, del-port */
};

extern struct opts opt;

/* The command being run, as error messages name it ("fdb add"). */
extern const char *cmd_name;

/* Print "vbrctl: MESSAGE" and a hint, and exit with EXIT_USAGE. */
#define usage_error(...)						\
	do {								\
		usage_msg(__VA_ARGS__);					\
		exit(EXIT_USAGE);					\
	} while (0)
void usage_msg(const char *fmt, ...);
/* Print "vbrctl: MESSAGE" to stderr. */
void error_msg(const char *fmt, ...);

/*
 * Report a failed kernel request: "vbrctl: CMD: strerror: extack". When
 * BR is given and there is no vbr bridge of that name, the message says
 * so too. Returns EXIT_ERR.
 */
int nl_fail(int err, const char *br);

/* Argument parsing; each exits with a usage error when ARG is bad. */
void parse_mac(const char *arg, unsigned char *mac);
uint32_t parse_u32(const char *what, const char *arg);
bool parse_onoff(const char *what, const char *arg);
const char *parse_name(const char *what, const char *arg);
/* The value after keyword argv[*i]; a usage error if there is none. */
const char *next_arg(int argc, char **argv, int *i);

void format_mac(char *buf, const unsigned char *mac);

/* Whether ARG names option NAME; '_' and '-' are the same letter, so that
 * the Linux bridge's spelling (ageing_time) works as well as vbrctl's.
 */
bool opt_is(const char *arg, const char *name);

/*
 * The word ARG names among the N words at WORD0, STRIDE bytes apart (a
 * table of structs whose member is the name): its index, the word
 * itself first, else the one word ARG is a prefix of ("sh": show); -1
 * when none. A prefix of several words is a usage error naming them,
 * said of WHAT ("fdb"; NULL: of vbrctl's commands).
 */
int word_find(const char *arg, const char *const *word0, size_t stride,
	      size_t n, const char *what);
#define WORD_FIND(arg, tab, what)					\
	word_find(arg, &(tab)[0].name, sizeof((tab)[0]),		\
		  sizeof(tab) / sizeof((tab)[0]), what)

/* The keywords a command takes; a keyword may be abbreviated. */
struct kw {
	const char *w[48];
	unsigned int n;
};

void kw_add(struct kw *kw, const char *word);
/* The keyword ARG names or abbreviates; else a usage error that lists
 * the keywords there are.
 */
const char *kw_find(const struct kw *kw, const char *arg);

/* Whether a vbr bridge named NAME is in this network namespace (true
 * when that cannot be told).
 */
bool vbr_bridge_exists(const char *name);

/* A port's on/off options: vbrctl's name, the JSON key (the Linux
 * bridge's name), the genl and rtnetlink attributes, the default.
 */
struct port_flag {
	const char *name;
	const char *key;
	int genl;
	int ifla;
	bool def;
};

#define N_PORT_FLAGS	11
extern const struct port_flag port_flags[N_PORT_FLAGS];

/* An FDB entry type's name (enum vbr_fdb_type), or "unknown". */
const char *fdb_type_name(uint8_t type);

int cmd_list_br(int argc, char **argv);
int cmd_list_ports(int argc, char **argv);
int cmd_port_to_br(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_add_br(int argc, char **argv);
int cmd_del_br(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_add_port(int argc, char **argv);
int cmd_del_port(int argc, char **argv);
int cmd_set_port(int argc, char **argv);
int cmd_fdb(int argc, char **argv);
int cmd_vlan(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_monitor(int argc, char **argv);

#endif /* VBRCTL_H */
