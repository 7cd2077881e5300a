// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl list-ports, port-to-br: one name a line, for scripts and the
 * bash completion (as ovs-vsctl has them), and the lookups behind
 * --may-exist and --if-exists.
 */
#include <stdio.h>
#include <string.h>

#include "link.h"
#include "lookup.h"
#include "nl.h"
#include "print.h"
#include "vbrctl.h"

/* The vbr bridge LS calls NAME, or NULL. */
static const struct link *bridge_by_name(const struct links *ls,
					 const char *name)
{
	const struct link *l = link_by_name(ls, name);

	return l && link_is_vbr(l) ? l : NULL;
}

/* The vbr bridge that P is a port of, or NULL. */
static const struct link *bridge_of(const struct links *ls,
				    const struct link *p)
{
	const struct link *b = p->master ? link_by_index(ls, p->master) : NULL;

	return b && link_is_vbr(b) ? b : NULL;
}

int cmd_list_ports(int argc, char **argv)
{
	const struct link *b;
	const char *br;
	struct links ls;
	int i, err;

	if (argc != 1)
		usage_error("list-ports: want one bridge name");
	br = parse_name("bridge", argv[0]);
	err = links_dump(&ls);
	if (err)
		return nl_fail(err, NULL);
	b = bridge_by_name(&ls, br);
	if (!b) {
		error_msg("list-ports: no vbr bridge named %s", br);
		links_free(&ls);
		return EXIT_ERR;
	}
	open_json_array(NULL);
	for (i = 0; i < ls.n; i++)
		if (ls.v[i].master == b->ifindex)
			print_string(PRINT_ANY, NULL, "%s\n", ls.v[i].name);
	close_json_array();
	print_end();
	links_free(&ls);
	return 0;
}

int cmd_port_to_br(int argc, char **argv)
{
	const struct link *p, *b;
	const char *port;
	struct links ls;
	int err, rc = 0;

	if (argc != 1)
		usage_error("port-to-br: want one port name");
	port = parse_name("port", argv[0]);
	err = links_dump(&ls);
	if (err)
		return nl_fail(err, NULL);
	p = link_by_name(&ls, port);
	b = p ? bridge_of(&ls, p) : NULL;
	if (!p) {
		error_msg("port-to-br: no device named %s", port);
		rc = EXIT_ERR;
	} else if (!b) {
		error_msg("port-to-br: %s is not a port of a vbr bridge", port);
		rc = EXIT_ERR;
	} else {
		open_json_array(NULL);
		print_string(PRINT_ANY, NULL, "%s\n", b->name);
		close_json_array();
		print_end();
	}
	links_free(&ls);
	return rc;
}

/* Whether a port of kind TYPE (add-port's word) is what P is. */
static bool port_kind_is(const struct link *p, const char *type)
{
	const char *is = link_port_type(p);

	/* netdev: any device that was there; internal ones are made. */
	if (!strcmp(type, "netdev"))
		return strcmp(is, "internal");
	return !strcmp(is, type);
}

int port_exists(const char *br, const char *dev, const char *type)
{
	const struct link *p, *b;
	struct links ls;
	int ret = 0;

	if (links_dump(&ls))
		return 0;	/* cannot tell: let the add say why */
	p = link_by_name(&ls, dev);
	b = p ? bridge_of(&ls, p) : NULL;
	if (!b)
		goto out;
	ret = -1;
	if (strcmp(b->name, br))
		error_msg("%s: %s is a port of %s, not of %s", cmd_name, dev,
			  b->name, br);
	else if (!port_kind_is(p, type))
		error_msg("%s: %s is a port of %s already, of type %s, not %s",
			  cmd_name, dev, br, link_port_type(p), type);
	else
		ret = 1;
out:
	links_free(&ls);
	return ret;
}

int port_absent(const char *br, const char *dev)
{
	const struct link *p, *b;
	struct links ls;
	int ret = 0;

	if (links_dump(&ls))
		return 0;
	p = link_by_name(&ls, dev);
	b = p ? bridge_of(&ls, p) : NULL;
	if (!bridge_by_name(&ls, br) || !b) {
		ret = 1;
	} else if (strcmp(b->name, br)) {
		error_msg("%s: %s is a port of %s, not of %s", cmd_name, dev,
			  b->name, br);
		ret = -1;
	}
	links_free(&ls);
	return ret;
}
