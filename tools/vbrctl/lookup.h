/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vbrctl: the lookups behind --may-exist and --if-exists (lookup.c).
 */
#ifndef VBRCTL_LOOKUP_H
#define VBRCTL_LOOKUP_H

/*
 * add-port --may-exist: 1 when DEV is a port of BR of kind TYPE (netdev,
 * internal, tap or veth) already; 0 when DEV is no vbr port (add it);
 * -1, said on stderr, when it is a port of another bridge or kind.
 */
int port_exists(const char *br, const char *dev, const char *type);

/*
 * del-port --if-exists: 1 when BR has no port DEV (no such bridge, no
 * such device, or DEV is no vbr port); 0 when it has; -1, said on
 * stderr, when DEV is a port of another bridge.
 */
int port_absent(const char *br, const char *dev);

#endif /* VBRCTL_LOOKUP_H */
