// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl: configure and look into vbr bridges.
 *
 * This file parses the global options, dispatches the command and holds
 * the argument parsers and error reporting the commands share. See
 * vbrctl.8 for the commands.
 */
#define _GNU_SOURCE	/* setns, unshare */
#include <ctype.h>
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>

#include "link.h"
#include "nl.h"
#include "print.h"
#include "vbrctl.h"

struct opts opt;
const char *cmd_name = "vbrctl";

static const char usage_text[] =
"Usage: vbrctl [OPTIONS] COMMAND [ARGUMENTS]\n"
"\n"
"Options:\n"
"  -j, --json      JSON output (list-br, show, fdb show, fdb lookup,\n"
"                  vlan show, stats, monitor)\n"
"  -d, --details   more detail in the text output of show (every\n"
"                  bridge option, each port's options and VLANs); stats\n"
"                  shows drop counters that are zero too\n"
"  -p, --pretty    indented JSON (implies -j)\n"
"  -s, --stats     show adds each bridge's and port's counters\n"
"  -n, --netns NS  run in network namespace NS (/run/netns/NS), as ip -n\n"
"  -t, --timestamp a time on each monitor event\n"
"  -h, --help      this help (also: vbrctl help [COMMAND],\n"
"                  vbrctl COMMAND help)\n"
"  -V, --version   the version\n"
"\n"
"Bridges:\n"
"  list-br\n"
"  show [BRIDGE]\n"
"  add-br [--may-exist] BRIDGE [BRIDGE-OPTIONS] [mac MAC]\n"
"  del-br [--if-exists] BRIDGE\n"
"  set BRIDGE BRIDGE-OPTIONS\n"
"  BRIDGE-OPTIONS := [ageing-time SECS] [max-learned N]\n"
"                    [vlan-filtering on|off] [vlan-default-pvid N]\n"
"                    [vlan-protocol 802.1Q|802.1ad] [err-recovery SECS]\n"
"                    [loop-protect on|off] [loop-interval MS]\n"
"                    [mac-flap-limit N] [mac-flap-window SECS]\n"
"                    [mac-flap-block on|off]\n"
"\n"
"Ports:\n"
"  list-ports BRIDGE\n"
"  port-to-br PORT\n"
"  add-port [--may-exist] BRIDGE DEV [vlan N] [PORT-OPTIONS]\n"
"  add-port BRIDGE DEV type internal [mac MAC] [mtu N] [PORT-OPTIONS]\n"
"  add-port BRIDGE DEV type tap [user USER] [group GROUP] [PORT-OPTIONS]\n"
"  add-port BRIDGE DEV type veth [peer NAME] [netns NS] [PORT-OPTIONS]\n"
"  del-port [--if-exists] BRIDGE PORT\n"
"  set-port BRIDGE PORT PORT-OPTIONS\n"
"  PORT-OPTIONS := [learning on|off] [flood on|off] [mcast-flood on|off]\n"
"                  [bcast-flood on|off] [hairpin on|off] [isolated on|off]\n"
"                  [locked on|off] [mab on|off] [max-learned N]\n"
"                  [state forwarding|blocked] [bpdu-guard on|off]\n"
"                  [storm-bcast PPS] [storm-mcast PPS] [storm-ucast PPS]\n"
"                  [storm-burst N] [storm-block on|off]\n"
"                  [loop-protect on|off]\n"
"  vlan N (with any type): the port is an access port of VLAN N\n"
"\n"
"VLANs (802.1Q, with vlan-filtering on; self is the bridge device):\n"
"  vlan show [BRIDGE [PORT|self]]\n"
"  vlan add BRIDGE PORT|self vid N[-M] [pvid] [untagged]\n"
"  vlan del BRIDGE PORT|self vid N[-M]\n"
"\n"
"Forwarding database:\n"
"  fdb show [BRIDGE] [port PORT] [vlan N] [dynamic|static|local|locked]\n"
"  fdb add BRIDGE MAC [port PORT] [vlan N] [replace]\n"
"  fdb del BRIDGE MAC [vlan N]\n"
"  fdb flush BRIDGE [port PORT] [vlan N] [dynamic|static|locked]\n"
"  fdb lookup MAC [vlan N]\n"
"\n"
"Counters and events:\n"
"  stats [-i SECS [-c COUNT]] [BRIDGE [PORT]]\n"
"  monitor [-t]\n"
"\n"
"Commands and keywords may be abbreviated to a unique prefix (sh: show).\n"
"Exit status: 0 on success, 1 on a runtime or kernel error (no such\n"
"bridge or port included), 2 on a usage error. See vbrctl(8).\n";

const struct port_flag port_flags[N_PORT_FLAGS] = {
	{ "learning", "learning", VBR_A_PORT_LEARNING,
	  VBR_PORT_IFLA_LEARNING, true },
	{ "flood", "flood", VBR_A_PORT_FLOOD, VBR_PORT_IFLA_FLOOD, true },
	{ "mcast-flood", "mcast_flood", VBR_A_PORT_MCAST_FLOOD,
	  VBR_PORT_IFLA_MCAST_FLOOD, true },
	{ "bcast-flood", "bcast_flood", VBR_A_PORT_BCAST_FLOOD,
	  VBR_PORT_IFLA_BCAST_FLOOD, true },
	{ "hairpin", "hairpin", VBR_A_PORT_HAIRPIN, VBR_PORT_IFLA_HAIRPIN,
	  false },
	{ "isolated", "isolated", VBR_A_PORT_ISOLATED, VBR_PORT_IFLA_ISOLATED,
	  false },
	{ "locked", "locked", VBR_A_PORT_LOCKED, VBR_PORT_IFLA_LOCKED, false },
	{ "mab", "mab", VBR_A_PORT_MAB, VBR_PORT_IFLA_MAB, false },
	{ "bpdu-guard", "bpdu_guard", VBR_A_PORT_BPDU_GUARD,
	  VBR_PORT_IFLA_BPDU_GUARD, false },
	{ "storm-block", "storm_block", VBR_A_PORT_STORM_BLOCK,
	  VBR_PORT_IFLA_STORM_BLOCK, false },
	{ "loop-protect", "loop_protect", VBR_A_PORT_LOOP_PROTECT,
	  VBR_PORT_IFLA_LOOP_PROTECT, true },
};

static const char * const fdb_type_names[] = {
	[VBR_FDB_TYPE_ANY] = "any",
	[VBR_FDB_TYPE_DYNAMIC] = "dynamic",
	[VBR_FDB_TYPE_STATIC] = "static",
	[VBR_FDB_TYPE_LOCAL] = "local",
	[VBR_FDB_TYPE_LOCKED] = "locked",
};

const char *fdb_type_name(uint8_t type)
{
	if (type < ARRAY_SIZE(fdb_type_names) &&
	    fdb_type_names[type])
		return fdb_type_names[type];
	return "unknown";
}

bool opt_is(const char *arg, const char *name)
{
	for (; *arg && *name; arg++, name++) {
		if (*arg == *name)
			continue;
		if ((*arg == '_' || *arg == '-') && (*name == '_' || *name == '-'))
			continue;
		return false;
	}
	return !*arg && !*name;
}

static void vmsg(const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("vbrctl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void error_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void usage_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	fputs("Try 'vbrctl --help' for more information.\n", stderr);
}

bool vbr_bridge_exists(const char *name)
{
	struct links ls;
	struct link *l;
	bool found;

	if (links_dump(&ls))
		return true;	/* cannot tell: say nothing about it */
	l = link_by_name(&ls, name);
	found = l && link_is_vbr(l);
	links_free(&ls);
	return found;
}

int nl_fail(int err, const char *br)
{
	const char *what = strerror(err < 0 ? -err : err);
	char msg[sizeof(nl_errmsg)];

	/* Looking the bridge up below overwrites nl_errmsg. */
	snprintf(msg, sizeof(msg), "%s", nl_errmsg);
	if (br && !vbr_bridge_exists(br)) {
		if (msg[0])
			error_msg("%s: %s: %s (no vbr bridge named %s)",
				  cmd_name, what, msg, br);
		else
			error_msg("%s: %s: no vbr bridge named %s", cmd_name,
				  what, br);
	} else if (msg[0]) {
		error_msg("%s: %s: %s", cmd_name, what, msg);
	} else {
		error_msg("%s: %s", cmd_name, what);
	}
	return EXIT_ERR;
}

/* ---- words: commands, keywords, their prefixes, help ----------------- */

/* ARG abbreviates WORD ('-' and '_' alike), or is it. */
static bool word_prefix(const char *arg, const char *word)
{
	for (; *arg && *word; arg++, word++) {
		if (*arg == *word)
			continue;
		if ((*arg == '_' || *arg == '-') && (*word == '_' || *word == '-'))
			continue;
		return false;
	}
	return !*arg;
}

/* The N words at WORD0, STRIDE bytes apart: "a, b or c" into BUF. */
static void words_join(char *buf, size_t size, const char *const *word0,
		       size_t stride, size_t n, const bool *only)
{
	size_t i, used = 0, left = 0, done = 0;
	const char *w;

	for (i = 0; i < n; i++)
		left += !only || only[i];
	buf[0] = '\0';
	for (i = 0; i < n && used < size; i++) {
		if (only && !only[i])
			continue;
		w = *(const char *const *)((const char *)word0 + i * stride);
		used += snprintf(buf + used, size - used, "%s%s",
				 !done ? "" : done + 1 == left ? " or " : ", ",
				 w);
		done++;
	}
}

int word_find(const char *arg, const char *const *word0, size_t stride,
	      size_t n, const char *what)
{
	bool match[64] = { false };
	int found = -1, hits = 0;
	char list[512];
	const char *w;
	size_t i;

	for (i = 0; i < n && i < ARRAY_SIZE(match); i++) {
		w = *(const char *const *)((const char *)word0 + i * stride);
		if (opt_is(arg, w))
			return i;
		if (arg[0] && word_prefix(arg, w)) {
			match[i] = true;
			found = i;
			hits++;
		}
	}
	if (hits <= 1)
		return found;
	words_join(list, sizeof(list), word0, stride, n, match);
	usage_error("%s%s'%s' is ambiguous: %s", what ? what : "",
		    what ? ": " : "", arg, list);
}

void kw_add(struct kw *kw, const char *word)
{
	if (kw->n < ARRAY_SIZE(kw->w))
		kw->w[kw->n++] = word;
}

const char *kw_find(const struct kw *kw, const char *arg)
{
	char list[1024];
	int i;

	i = word_find(arg, kw->w, sizeof(kw->w[0]), kw->n, cmd_name);
	if (i >= 0)
		return kw->w[i];
	words_join(list, sizeof(list), kw->w, sizeof(kw->w[0]), kw->n, NULL);
	usage_error("%s: unknown argument '%s' (want %s)", cmd_name, arg, list);
}

/*
 * The usage lines of CMD ("fdb", "fdb show", "add-port"), and the
 * option lists they name; every line when CMD is NULL.
 */
static void help_print(const char *cmd)
{
	const char *line, *end, *blocks[2] = { NULL, NULL };
	size_t len = cmd ? strlen(cmd) : 0;
	bool any = false;
	int b;

	if (!cmd) {
		fputs(usage_text, stdout);
		exit(0);
	}
	printf("Usage:\n");
	for (line = usage_text; *line; line = end + 1) {
		end = strchr(line, '\n');
		if (strncmp(line, "  ", 2) || strncmp(line + 2, cmd, len) ||
		    (line[2 + len] != ' ' && line[2 + len] != '\n'))
			continue;
		printf("  vbrctl %.*s\n", (int)(end - line - 2), line + 2);
		any = true;
		if (memmem(line, end - line, "BRIDGE-OPTIONS", 14))
			blocks[0] = "  BRIDGE-OPTIONS :=";
		if (memmem(line, end - line, "PORT-OPTIONS", 12))
			blocks[1] = "  PORT-OPTIONS :=";
	}
	/* An option list: its first line and those indented deeper. */
	for (b = 0; b < 2; b++) {
		if (!blocks[b])
			continue;
		line = strstr(usage_text, blocks[b]);
		do {
			end = strchr(line, '\n');
			printf("%.*s\n", (int)(end - line), line);
			line = end + 1;
		} while (!strncmp(line, "   ", 3));
	}
	if (!any)
		printf("  vbrctl %s ...\n", cmd);
	printf("See vbrctl --help and vbrctl(8).\n");
	exit(0);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Six groups of one or two hex digits separated by colons. */
void parse_mac(const char *arg, unsigned char *mac)
{
	const char *p = arg;
	int i, v, d;

	for (i = 0; i < MAC_LEN; i++) {
		v = hexval(*p);
		if (v < 0)
			goto bad;
		p++;
		d = hexval(*p);
		if (d >= 0) {
			v = v * 16 + d;
			p++;
		}
		mac[i] = v;
		if (i < MAC_LEN - 1 && *p++ != ':')
			goto bad;
	}
	if (*p)
		goto bad;
	return;
bad:
	usage_error("%s: invalid MAC address '%s' (want xx:xx:xx:xx:xx:xx)",
		    cmd_name, arg);
}

/* A decimal number that fits 32 bits; the kernel checks its range. */
uint32_t parse_u32(const char *what, const char *arg)
{
	unsigned long long v;
	char *end;

	if (!isdigit((unsigned char)arg[0]))
		goto bad;
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (*end || errno || v > UINT32_MAX)
		goto bad;
	return v;
bad:
	usage_error("%s: %s: invalid number '%s'", cmd_name, what, arg);
}

bool parse_onoff(const char *what, const char *arg)
{
	if (!strcmp(arg, "on"))
		return true;
	if (!strcmp(arg, "off"))
		return false;
	usage_error("%s: %s: want on or off, not '%s'", cmd_name, what, arg);
}

/* What the kernel takes as a device name (dev_valid_name()). */
const char *parse_name(const char *what, const char *arg)
{
	const char *p;

	/* "vbrctl show help": never a bridge named help. */
	if (!strcmp(arg, "help"))
		help_print(cmd_name);
	if (!arg[0])
		usage_error("%s: empty %s name", cmd_name, what);
	if (strlen(arg) >= IFNAMSIZ)
		usage_error("%s: %s name too long (at most %d characters): %s",
			    cmd_name, what, IFNAMSIZ - 1, arg);
	if (!strcmp(arg, ".") || !strcmp(arg, ".."))
		goto bad;
	for (p = arg; *p; p++)
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p))
			goto bad;
	return arg;
bad:
	usage_error("%s: invalid %s name '%s'", cmd_name, what, arg);
}

const char *next_arg(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc)
		usage_error("%s: '%s' needs a value", cmd_name, argv[*i]);
	return argv[++*i];
}

void format_mac(char *buf, const unsigned char *m)
{
	snprintf(buf, MAC_STRLEN, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1],
		 m[2], m[3], m[4], m[5]);
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "list-br", cmd_list_br },
	{ "list-ports", cmd_list_ports },
	{ "port-to-br", cmd_port_to_br },
	{ "show", cmd_show },
	{ "add-br", cmd_add_br },
	{ "del-br", cmd_del_br },
	{ "set", cmd_set },
	{ "add-port", cmd_add_port },
	{ "del-port", cmd_del_port },
	{ "set-port", cmd_set_port },
	{ "fdb", cmd_fdb },
	{ "vlan", cmd_vlan },
	{ "stats", cmd_stats },
	{ "monitor", cmd_monitor },
};

/*
 * Take the global options out of ARGV. Before the command anything
 * that starts with '-' must be one; after it, what is not one is left
 * to the command (so that "-1" reaches the number parser). "--" ends
 * the options.
 */
/* -n NS: everything after happens in NS, as with "ip -n NS". */
static void netns_enter(const char *name)
{
	int fd = netns_open(name);

	if (fd < 0) {
		error_msg("network namespace \"%s\": %s", name, strerror(-fd));
		exit(EXIT_ERR);
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		error_msg("entering network namespace \"%s\": %s", name,
			  strerror(errno));
		exit(EXIT_ERR);
	}
	close(fd);
	/* sysfs shows the namespace that mounted it: remount it in a
	 * mount namespace of our own, as ip does, so that /sys/class/net
	 * tells NS's devices apart. Best effort: only port types need it.
	 */
	if (!unshare(CLONE_NEWNS) &&
	    !mount("", "/", "none", MS_SLAVE | MS_REC, NULL) &&
	    !umount2("/sys", MNT_DETACH))
		mount(name, "/sys", "sysfs", 0, NULL);
}

/*
 * vbrctl's version (the VERSION file's, given by the Makefile) and the
 * loaded module's, from sysfs (MODULE_VERSION).
 */
static void version_print(void)
{
	char ver[64] = "";
	FILE *f;

	printf("vbrctl %s (vbr genl family version %d)\n", VBR_VERSION,
	       VBR_GENL_VERSION);
	f = fopen("/sys/module/vbr/version", "r");
	if (f) {
		if (!fgets(ver, sizeof(ver), f))
			ver[0] = '\0';
		fclose(f);
		ver[strcspn(ver, "\n")] = '\0';
	}
	if (ver[0])
		printf("vbr module %s\n", ver);
	else if (!access("/sys/module/vbr", F_OK))
		printf("vbr module: loaded, version unknown\n");
	else
		printf("vbr module: not loaded\n");
}

static int options_parse(int argc, char **argv)
{
	bool done = false;
	int i, n = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (done || a[0] != '-' || !a[1]) {
			argv[n++] = argv[i];
		} else if (!strcmp(a, "--")) {
			done = true;
		} else if (!strcmp(a, "-j") || !strcmp(a, "--json")) {
			opt.json = true;
		} else if (!strcmp(a, "-d") || !strcmp(a, "--details")) {
			opt.details = true;
		} else if (!strcmp(a, "-jd") || !strcmp(a, "-dj")) {
			opt.json = true;
			opt.details = true;
		} else if (!strcmp(a, "-p") || !strcmp(a, "--pretty")) {
			opt.json = true;
			opt.pretty = true;
		} else if (!strcmp(a, "-s") || !strcmp(a, "--stats")) {
			opt.stats = true;
		} else if (!strcmp(a, "-n") || !strcmp(a, "--netns")) {
			if (++i >= argc)
				usage_error("%s: which network namespace?", a);
			netns_enter(argv[i]);
		} else if (!strcmp(a, "-t") || !strcmp(a, "--timestamp")) {
			opt.timestamp = true;
		} else if (!strcmp(a, "--may-exist")) {
			opt.may_exist = true;
		} else if (!strcmp(a, "--if-exists")) {
			opt.if_exists = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_text, stdout);
			exit(0);
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			version_print();
			exit(0);
		} else if (n) {
			argv[n++] = argv[i];	/* an argument of the command */
		} else {
			usage_error("unknown option '%s'", a);
		}
	}
	return n;
}

/* An option that only some commands take, given to another. */
static void option_check(bool given, const char *option, const char *a,
			 const char *b)
{
	if (given && strcmp(cmd_name, a) && strcmp(cmd_name, b))
		usage_error("%s: %s goes with %s and %s", cmd_name, option, a,
			    b);
}

int main(int argc, char **argv)
{
	int i;

	argc = options_parse(argc, argv);
	print_init(opt.json, opt.pretty);
	if (argc < 1)
		usage_error("no command given");
	if (!strcmp(argv[0], "help")) {
		if (argc > 2)
			usage_error("help: unexpected argument '%s'", argv[2]);
		i = argc > 1 && strcmp(argv[1], "help") ?
		    WORD_FIND(argv[1], commands, "help") : -1;
		if (argc > 1 && strcmp(argv[1], "help") && i < 0)
			usage_error("help: unknown command '%s'", argv[1]);
		help_print(i < 0 ? NULL : commands[i].name);
	}
	i = WORD_FIND(argv[0], commands, NULL);
	if (i < 0)
		usage_error("unknown command '%s' (try 'vbrctl help')",
			    argv[0]);
	cmd_name = commands[i].name;
	/* "vbrctl fdb help", "vbrctl add-br help". */
	if (argc > 1 && !strcmp(argv[1], "help"))
		help_print(cmd_name);
	option_check(opt.may_exist, "--may-exist", "add-br", "add-port");
	option_check(opt.if_exists, "--if-exists", "del-br", "del-port");
	option_check(opt.timestamp, "-t", "monitor", "monitor");
	return commands[i].fn(argc - 1, argv + 1);
}
