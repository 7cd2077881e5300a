/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vbr: an Ethernet bridge with virtual ports.
 *
 * rtnetlink attributes of the "vbr" link kind, and the "vbr" generic
 * netlink family.
 *
 * IFLA_INFO_DATA of a vbr bridge (VBR_IFLA_*):
 *
 *   VBR_IFLA_AGEING_TIME  u32, centiseconds (1/100 s, the unit of the
 *                         Linux bridge's IFLA_BR_AGEING_TIME) a learned
 *                         entry lives without traffic from its MAC; 0
 *                         disables ageing. Range 0..100 *
 *                         VBR_AGEING_TIME_MAX, default 30000. Earlier
 *                         releases of vbr took seconds here; the genl
 *                         VBR_A_BR_AGEING_TIME still does.
 *   VBR_IFLA_MAX_LEARNED  u32, most learned (dynamic) entries the bridge
 *                         holds; 0 means no limit. Default
 *                         VBR_MAX_LEARNED_DEFAULT.
 *   VBR_IFLA_LEARNED      u32, read-only: learned entries now held.
 *   VBR_IFLA_VLAN_FILTERING
 *                         u8, 0 or 1: 802.1Q VLAN filtering (default 0).
 *                         Turning it on or off flushes the learned and
 *                         locked entries; static entries stay.
 *   VBR_IFLA_VLAN_DEFAULT_PVID
 *                         u16, 0..4094: the VLAN a new port (and the
 *                         bridge device) joins as PVID, untagged; 0: none
 *                         (default 1). A change moves each port whose
 *                         PVID was the old default, untagged, to the new
 *                         one.
 *   VBR_IFLA_VLAN_PROTOCOL
 *                         u16, network byte order: ETH_P_8021Q (default)
 *                         or ETH_P_8021AD, the tag that filters. A change
 *                         flushes the learned and locked entries.
 *   VBR_IFLA_ERR_RECOVERY u32, seconds, 0..VBR_ERR_RECOVERY_MAX: how long a
 *                         port blocked by a protection (any reason but
 *                         admin) stays blocked before it forwards again
 *                         by itself; 0 (the default): until unblocked by
 *                         hand. A change restarts the wait of every port
 *                         blocked then.
 *   VBR_IFLA_LOOP_PROTECT u8, 0 or 1: loop protection by probes (default
 *                         1): a probe sent out of each forwarding port
 *                         every LOOP_INTERVAL that comes back in blocks
 *                         the port it came in by (reason loop).
 *   VBR_IFLA_LOOP_INTERVAL
 *                         u32, ms, VBR_LOOP_INTERVAL_MIN..MAX (default
 *                         1000): the time between two rounds of probes.
 *   VBR_IFLA_MAC_FLAP_LIMIT
 *                         u32: a learned MAC that moves more than this
 *                         many times within MAC_FLAP_WINDOW flaps: it is
 *                         counted (mac_flap), logged and announced
 *                         (VBR_CMD_MAC_FLAP_NTF); 0: not watched
 *                         (default 10).
 *   VBR_IFLA_MAC_FLAP_WINDOW
 *                         u32, seconds, 1..VBR_MAC_FLAP_WINDOW_MAX
 *                         (default 10).
 *   VBR_IFLA_MAC_FLAP_BLOCK
 *                         u8, 0 or 1: a flap also blocks the port the MAC
 *                         moved to (reason loop; default 0).
 *
 * IFLA_INFO_SLAVE_DATA of a vbr port (VBR_PORT_IFLA_*):
 *
 *   VBR_PORT_IFLA_LEARNING     u8, 0 or 1: learn source MACs (default 1).
 *   VBR_PORT_IFLA_FLOOD        u8, 0 or 1: receive flooded unknown
 *                              unicast (default 1). In earlier releases
 *                              it covered broadcast and multicast too.
 *   VBR_PORT_IFLA_MAX_LEARNED  u32, most learned entries behind this port;
 *                              0 means no per-port limit (default 0).
 *   VBR_PORT_IFLA_LEARNED      u32, read-only: learned entries now behind
 *                              this port.
 *   VBR_PORT_IFLA_MCAST_FLOOD  u8, 0 or 1: receive flooded multicast
 *                              (default 1).
 *   VBR_PORT_IFLA_BCAST_FLOOD  u8, 0 or 1: receive broadcast (default 1).
 *   VBR_PORT_IFLA_HAIRPIN      u8, 0 or 1: a frame may leave through the
 *                              port it came in on (default 0).
 *   VBR_PORT_IFLA_ISOLATED     u8, 0 or 1: frames from this port never
 *                              leave through another isolated port
 *                              (default 0).
 *   VBR_PORT_IFLA_LOCKED       u8, 0 or 1: take frames only from source
 *                              MACs that an FDB entry, neither locked
 *                              nor the bridge's own, puts behind this
 *                              port; learn none (default 0).
 *   VBR_PORT_IFLA_MAB          u8, 0 or 1: MAC authentication bypass: an
 *                              unknown source on a locked port makes a
 *                              locked FDB entry (default 0). Needs
 *                              locked and learning.
 *   VBR_PORT_IFLA_STATE        u8, enum vbr_port_state: forwarding, or
 *                              blocked: the port neither sends nor
 *                              receives through the bridge (link-local
 *                              frames still reach its own stack). Setting
 *                              blocked blocks it with reason admin;
 *                              setting forwarding unblocks it, whatever
 *                              the reason.
 *   VBR_PORT_IFLA_BLOCK_REASON u8, read-only, enum vbr_block_reason: why
 *                              the port is blocked (none when forwarding).
 *   VBR_PORT_IFLA_BPDU_GUARD   u8, 0 or 1: a frame to the STP group
 *                              address 01:80:C2:00:00:00 (an STP, RSTP
 *                              or MSTP BPDU) received on the port blocks
 *                              it (reason bpdu_guard) and is dropped
 *                              (default 0). Off, such frames go to the
 *                              port's own stack, never through the
 *                              bridge.
 *   VBR_PORT_IFLA_STORM_BCAST  u32, frames per second: most broadcast
 *                              frames the port sends into the bridge; 0
 *                              (the default): no limit.
 *   VBR_PORT_IFLA_STORM_MCAST  u32, the same for multicast (vbr has no
 *                              multicast snooping: every multicast frame
 *                              is an unknown one, flooded).
 *   VBR_PORT_IFLA_STORM_UCAST  u32, the same for unicast frames to a MAC
 *                              the FDB does not know (floods).
 *   VBR_PORT_IFLA_STORM_BURST  u32, frames: how many above the rate may
 *                              pass at once after a quiet time, for each
 *                              of the three; 0 (the default): one
 *                              second's worth, the rate. Frames over a
 *                              limit are dropped and counted per port.
 *   VBR_PORT_IFLA_STORM_BLOCK  u8, 0 or 1: a frame over a limit also
 *                              blocks the port (reason storm; default 0).
 *   VBR_PORT_IFLA_LOOP_PROTECT u8, 0 or 1: loop probes go out of this port
 *                              (default 1). Off, a loop through it is still
 *                              caught by the probes of the other ports.
 *
 * The same port options are the Linux bridge's IFLA_BRPORT_* attributes
 * in "bridge link set" (ndo_bridge_setlink; FLOOD is
 * IFLA_BRPORT_UNICAST_FLOOD and HAIRPIN is IFLA_BRPORT_MODE there), and
 * VBR_A_PORT_* in genl.
 *
 * Read-only attributes are refused with EINVAL when sent. Unknown
 * attributes are refused with EINVAL.
 */
#ifndef _UAPI_LINUX_VBR_H
#define _UAPI_LINUX_VBR_H

/* In seconds, the unit of genl; rtnetlink's centiseconds are 100 times. */
#define VBR_AGEING_TIME_DEFAULT	300
#define VBR_AGEING_TIME_MAX	1000000
#define VBR_MAX_LEARNED_DEFAULT	65536
/* Seconds, in rtnetlink and genl alike. */
#define VBR_ERR_RECOVERY_MAX	86400
/* Loop probes, ms; MAC-flap window, seconds. */
#define VBR_LOOP_INTERVAL_MIN	100
#define VBR_LOOP_INTERVAL_MAX	60000
#define VBR_MAC_FLAP_WINDOW_MAX	3600

/* VBR_PORT_IFLA_STATE, VBR_A_PORT_STATE */
enum vbr_port_state {
	VBR_PORT_STATE_FORWARDING,
	VBR_PORT_STATE_BLOCKED,
	__VBR_PORT_STATE_MAX
};

#define VBR_PORT_STATE_MAX (__VBR_PORT_STATE_MAX - 1)

/* VBR_PORT_IFLA_BLOCK_REASON, VBR_A_PORT_BLOCK_REASON: why a port is
 * blocked. Only admin survives err_recovery.
 */
enum vbr_block_reason {
	VBR_BLOCK_NONE,		/* forwarding */
	VBR_BLOCK_ADMIN,	/* set blocked by hand */
	VBR_BLOCK_BPDU_GUARD,	/* an STP BPDU arrived with bpdu_guard on */
	VBR_BLOCK_LOOP,		/* a loop through the port */
	VBR_BLOCK_STORM,	/* a flood over a storm limit, storm_block on */
	__VBR_BLOCK_MAX
};

#define VBR_BLOCK_MAX (__VBR_BLOCK_MAX - 1)

enum {
	VBR_IFLA_UNSPEC,
	VBR_IFLA_AGEING_TIME,
	VBR_IFLA_MAX_LEARNED,
	VBR_IFLA_LEARNED,
	VBR_IFLA_VLAN_FILTERING,
	VBR_IFLA_VLAN_DEFAULT_PVID,
	VBR_IFLA_VLAN_PROTOCOL,
	VBR_IFLA_ERR_RECOVERY,
	VBR_IFLA_LOOP_PROTECT,
	VBR_IFLA_LOOP_INTERVAL,
	VBR_IFLA_MAC_FLAP_LIMIT,
	VBR_IFLA_MAC_FLAP_WINDOW,
	VBR_IFLA_MAC_FLAP_BLOCK,
	__VBR_IFLA_MAX
};

#define VBR_IFLA_MAX (__VBR_IFLA_MAX - 1)

enum {
	VBR_PORT_IFLA_UNSPEC,
	VBR_PORT_IFLA_LEARNING,
	VBR_PORT_IFLA_FLOOD,
	VBR_PORT_IFLA_MAX_LEARNED,
	VBR_PORT_IFLA_LEARNED,
	VBR_PORT_IFLA_MCAST_FLOOD,
	VBR_PORT_IFLA_BCAST_FLOOD,
	VBR_PORT_IFLA_HAIRPIN,
	VBR_PORT_IFLA_ISOLATED,
	VBR_PORT_IFLA_LOCKED,
	VBR_PORT_IFLA_MAB,
	VBR_PORT_IFLA_STATE,
	VBR_PORT_IFLA_BLOCK_REASON,
	VBR_PORT_IFLA_BPDU_GUARD,
	VBR_PORT_IFLA_STORM_BCAST,
	VBR_PORT_IFLA_STORM_MCAST,
	VBR_PORT_IFLA_STORM_UCAST,
	VBR_PORT_IFLA_STORM_BURST,
	VBR_PORT_IFLA_STORM_BLOCK,
	VBR_PORT_IFLA_LOOP_PROTECT,
	__VBR_PORT_IFLA_MAX
};

#define VBR_PORT_IFLA_MAX (__VBR_PORT_IFLA_MAX - 1)

/*
 * The "vbr" generic netlink family, version VBR_GENL_VERSION.
 *
 * Every command names its bridge by VBR_A_BR_IFINDEX or VBR_A_BR_NAME
 * (the index wins when both are given), except a dump without either,
 * which covers every bridge of the caller's network namespace. A port is
 * named the same way by VBR_A_PORT_IFINDEX or VBR_A_PORT_NAME. Nothing
 * outside the caller's network namespace is visible.
 *
 * Commands (doit unless noted; "dump" means NLM_F_DUMP is accepted):
 *
 *   VBR_CMD_BR_NEW     create a bridge: BR_NAME (optional, default
 *                      "vbr%d"), BR_ADDR, BR_AGEING_TIME, BR_MAX_LEARNED,
 *                      BR_VLAN_FILTERING, BR_VLAN_DEFAULT_PVID,
 *                      BR_VLAN_PROTOCOL, BR_ERR_RECOVERY, the BR_LOOP_*
 *                      and BR_MAC_FLAP_* options.
 *                      The reply is the bridge, as BR_GET shows it (with
 *                      command VBR_CMD_BR_GET).
 *   VBR_CMD_BR_DEL     delete a bridge, its internal ports and the
 *                      devices its owned ports were created with.
 *   VBR_CMD_BR_GET     one bridge, or dump (all, or the one named):
 *                      BR_IFINDEX, BR_NAME, BR_ADDR,
 *                      BR_AGEING_TIME, BR_MAX_LEARNED, BR_LEARNED,
 *                      BR_NPORTS, BR_STATS, BR_VLAN_FILTERING,
 *                      BR_VLAN_DEFAULT_PVID, BR_VLAN_PROTOCOL,
 *                      BR_ERR_RECOVERY, BR_LOOP_PROTECT,
 *                      BR_LOOP_INTERVAL, BR_MAC_FLAP_LIMIT,
 *                      BR_MAC_FLAP_WINDOW, BR_MAC_FLAP_BLOCK.
 *   VBR_CMD_BR_SET     change BR_AGEING_TIME, BR_MAX_LEARNED, the
 *                      BR_VLAN_* options (as VBR_IFLA_VLAN_* say),
 *                      BR_ERR_RECOVERY (as VBR_IFLA_ERR_RECOVERY), and
 *                      the BR_LOOP_* and BR_MAC_FLAP_* options (as their
 *                      VBR_IFLA_* namesakes).
 *   VBR_CMD_PORT_ADD   add a port. PORT_TYPE netdev (default) enslaves
 *                      the existing device PORT_IFINDEX or PORT_NAME;
 *                      PORT_TYPE internal creates the netdev PORT_NAME
 *                      (optional, default "vbri%d") with PORT_ADDR
 *                      (default random) and PORT_MTU (default 1500).
 *                      PORT_VLAN makes the port an access port of that
 *                      VLAN (its only one, PVID and untagged) instead
 *                      of a member of the default PVID.
 *                      PORT_OWNED on a netdev port makes BR_DEL and
 *                      PORT_DEL delete the device too (vbrctl sets it on
 *                      the taps and veths it creates). The port options
 *                      (those PORT_SET takes) may be given; when they
 *                      change a default, PORT_CHANGED_NTF follows
 *                      PORT_ADDED_NTF. The
 *                      reply is the port, as PORT_GET shows it (command
 *                      VBR_CMD_PORT_GET). An internal port refuses
 *                      PORT_IFINDEX and PORT_OWNED; a netdev port
 *                      refuses PORT_ADDR and PORT_MTU, which change later
 *                      through rtnetlink ("ip link set").
 *   VBR_CMD_PORT_DEL   remove a port; an internal or owned port's device
 *                      is deleted.
 *   VBR_CMD_PORT_GET   one port, or dump the ports of one bridge (or of
 *                      all): BR_IFINDEX, BR_NAME, PORT_IFINDEX, PORT_NAME,
 *                      PORT_TYPE, PORT_ADDR, PORT_MTU, the port options,
 *                      PORT_LEARNED, PORT_OWNED, PORT_STATS, PORT_STATE,
 *                      PORT_BLOCK_REASON.
 *   VBR_CMD_PORT_SET   change port options: PORT_LEARNING, PORT_FLOOD
 *                      (unknown unicast), PORT_MCAST_FLOOD,
 *                      PORT_BCAST_FLOOD, PORT_HAIRPIN, PORT_ISOLATED,
 *                      PORT_LOCKED, PORT_MAB, PORT_MAX_LEARNED,
 *                      PORT_STATE, PORT_BPDU_GUARD, PORT_STORM_BCAST,
 *                      PORT_STORM_MCAST, PORT_STORM_UCAST,
 *                      PORT_STORM_BURST, PORT_STORM_BLOCK,
 *                      PORT_LOOP_PROTECT (as the VBR_PORT_IFLA_* of the
 *                      same names). PORT_MAB
 *                      needs PORT_LOCKED and PORT_LEARNING on (EINVAL);
 *                      turning PORT_MAB off (which turning PORT_LOCKED
 *                      or PORT_LEARNING off then needs too) flushes the
 *                      port's locked entries. PORT_STATE blocked blocks
 *                      the port with reason admin, forwarding unblocks
 *                      it whatever the reason (as VBR_PORT_IFLA_STATE).
 *                      A port blocked for any reason loses its learned
 *                      entries.
 *   VBR_CMD_VLAN_ADD   add the VLANs VLAN_VID..VLAN_VID_END (END absent:
 *                      VLAN_VID alone; 1..4094) to a port, or to the
 *                      bridge device itself when no port is named.
 *                      VLAN_PVID (flag, one VLAN only) makes it the PVID;
 *                      VLAN_UNTAGGED (flag) sends it untagged. A VLAN
 *                      already there takes the new flags (it stops
 *                      being the PVID or untagged when they are absent).
 *   VBR_CMD_VLAN_DEL   remove VLAN_VID..VLAN_VID_END; removing the PVID
 *                      leaves the port without one. The learned entries
 *                      of the port in those VLANs go.
 *   VBR_CMD_VLAN_GET   the VLANs of one port (or of the bridge device when
 *                      no port is named), or dump the bridge device's and
 *                      every port's (of one bridge or of all): BR_IFINDEX,
 *                      PORT_IFINDEX and PORT_NAME (absent for the bridge
 *                      device), VLAN_LIST.
 *   VBR_CMD_FDB_ADD    add a static entry FDB_ADDR behind PORT_IFINDEX or
 *                      PORT_NAME (no port: the bridge itself); FDB_TYPE,
 *                      if given, must be static. With
 *                      FDB_REPLACE an existing entry is overwritten (the
 *                      family is strict: NLM_F_REPLACE is refused).
 *                      FDB_VID (0..4094, default 0) is its VLAN.
 *   VBR_CMD_FDB_DEL    delete entry FDB_ADDR in VLAN FDB_VID (default 0;
 *                      not the bridge's own).
 *   VBR_CMD_FDB_GET    one entry by FDB_ADDR and FDB_VID, or dump (FDB_ADDR
 *                      is then ignored), filtered by bridge, port
 *                      (PORT_IFINDEX/PORT_NAME), FDB_VID and FDB_TYPE (dynamic
 *                      matches locked entries too, as a flush does).
 *                      Entries
 *                      carry BR_IFINDEX, FDB_ADDR, FDB_VID, FDB_TYPE,
 *                      PORT_IFINDEX (absent for the bridge itself) and
 *                      FDB_AGE.
 *   VBR_CMD_FDB_FLUSH  delete entries, filtered by port, FDB_VID and FDB_TYPE:
 *                      dynamic (the default; locked entries are dynamic
 *                      ones and go too), static, any for both, or locked
 *                      for the locked entries alone. The bridge's own
 *                      entry is never flushed (local: EINVAL). The reply
 *                      carries FDB_FLUSHED.
 *
 * A refused request changes nothing. Should the reply to BR_NEW, PORT_ADD
 * or FDB_FLUSH fail to be built (no memory), the change has been made
 * and the error says only that the answer was lost.
 *
 * Notifications, multicast to the VBR_GENL_MCGRP_EVENTS group, in the
 * namespace of the bridge:
 *
 *   VBR_CMD_PORT_ADDED_NTF, VBR_CMD_PORT_REMOVED_NTF: BR_IFINDEX,
 *       BR_NAME, PORT_IFINDEX, PORT_NAME, PORT_TYPE.
 *   VBR_CMD_PORT_CHANGED_NTF: a port's options or its state changed (by
 *       any path: genl, "ip link set ... type vbr_slave", "bridge link
 *       set", or the port blocked by a protection or unblocked by
 *       err_recovery); the port as PORT_GET shows it. Blocks that the
 *       datapath makes are announced from process context, soon after:
 *       several changes in a row may come as one event.
 *   VBR_CMD_FDB_LEARNED_NTF, VBR_CMD_FDB_MOVED_NTF, VBR_CMD_FDB_AGED_NTF,
 *   VBR_CMD_FDB_DELETED_NTF, VBR_CMD_FDB_ADDED_NTF: an FDB entry as
 *       FDB_GET shows it (MOVED names the new port). A replaced entry
 *       (FDB_REPLACE, or the bridge's own after an address change) is
 *       DELETED, then the new one ADDED. A locked entry that MAB made
 *       is LEARNED with FDB_TYPE locked.
 *   VBR_CMD_VLAN_CHANGED_NTF: the VLANs of a port, or of the bridge
 *       device, changed (by any path: genl, "bridge vlan"); as VLAN_GET
 *       shows them.
 *   VBR_CMD_MAC_FLAP_NTF: a learned MAC moved more than BR_MAC_FLAP_LIMIT
 *       times within BR_MAC_FLAP_WINDOW; sent once per window. BR_IFINDEX,
 *       BR_NAME, FDB_ADDR, FDB_VID, PORT_IFINDEX and PORT_NAME (the port
 *       it moved to), FLAP_FROM_IFINDEX and FLAP_FROM_NAME (the port it
 *       moved from; absent when that port is gone).
 *   VBR_CMD_FDB_FLUSHED_NTF: entries went in one go, with no event per
 *       entry: by FDB_FLUSH, with a port that left, with the bridge, or
 *       with PORT_MAB turned off, with a VLAN or with a change of VLAN
 *       filtering. BR_IFINDEX, PORT_IFINDEX and PORT_NAME
 *       (when one port's entries went), FDB_VID (when one VLAN's), FDB_TYPE (what went: dynamic,
 *       locked entries included; static; any for both; locked for the
 *       locked entries alone) and FDB_FLUSHED (how many). Not sent when
 *       nothing went.
 *   VBR_CMD_BR_CREATED_NTF: a bridge was created (by BR_NEW or "ip link
 *       add ... type vbr"), once its options took: the bridge as BR_GET
 *       shows it. A refused creation sends neither event.
 *   VBR_CMD_BR_DELETED_NTF: a bridge was deleted (by BR_DEL, "ip link
 *       del" or its namespace going), after its ports' PORT_REMOVED_NTF:
 *       BR_IFINDEX, BR_NAME. On module unload the family goes first.
 *
 * rtnetlink listeners hear of the same changes in the Linux bridge's
 * format: RTM_NEWNEIGH and RTM_DELNEIGH (AF_BRIDGE) for each FDB event
 * above but a flush, which has none, and an AF_BRIDGE RTM_NEWLINK of
 * the port for PORT_CHANGED_NTF and VLAN_CHANGED_NTF.
 *
 * A listener that cannot keep up loses events; its socket then reports
 * ENOBUFS once, and a dump gives the state again.
 *
 * Mutating commands need CAP_NET_ADMIN in the user namespace that owns
 * the bridge's network namespace; GET, dumps and events need nothing.
 * Every attribute is validated strictly and every refusal carries an
 * extended ack message; nothing changes. An attribute a command does not
 * take, an unknown one or a wrong length: EINVAL. An out-of-range value:
 * ERANGE. A multicast or zero MAC: EADDRNOTAVAIL. A missing device:
 * ENODEV; a device that is not a port of the bridge: ENOENT.
 */
#define VBR_GENL_NAME		"vbr"
#define VBR_GENL_VERSION	1
#define VBR_GENL_MCGRP_EVENTS	"events"

enum vbr_cmd {
	VBR_CMD_UNSPEC,
	VBR_CMD_BR_NEW,
	VBR_CMD_BR_DEL,
	VBR_CMD_BR_GET,
	VBR_CMD_BR_SET,
	VBR_CMD_PORT_ADD,
	VBR_CMD_PORT_DEL,
	VBR_CMD_PORT_GET,
	VBR_CMD_PORT_SET,
	VBR_CMD_FDB_ADD,
	VBR_CMD_FDB_DEL,
	VBR_CMD_FDB_GET,
	VBR_CMD_FDB_FLUSH,
	VBR_CMD_PORT_ADDED_NTF,
	VBR_CMD_PORT_REMOVED_NTF,
	VBR_CMD_FDB_LEARNED_NTF,
	VBR_CMD_FDB_MOVED_NTF,
	VBR_CMD_FDB_AGED_NTF,
	VBR_CMD_FDB_DELETED_NTF,
	VBR_CMD_FDB_ADDED_NTF,
	VBR_CMD_FDB_FLUSHED_NTF,
	VBR_CMD_PORT_CHANGED_NTF,
	VBR_CMD_VLAN_ADD,
	VBR_CMD_VLAN_DEL,
	VBR_CMD_VLAN_GET,
	VBR_CMD_VLAN_CHANGED_NTF,
	VBR_CMD_MAC_FLAP_NTF,
	VBR_CMD_BR_CREATED_NTF,
	VBR_CMD_BR_DELETED_NTF,
	__VBR_CMD_MAX
};

#define VBR_CMD_MAX (__VBR_CMD_MAX - 1)

/* VBR_A_PORT_TYPE */
enum vbr_port_type {
	VBR_PORT_TYPE_NETDEV,	/* an existing Ethernet device */
	VBR_PORT_TYPE_INTERNAL,	/* a netdev the bridge created */
	__VBR_PORT_TYPE_MAX
};

#define VBR_PORT_TYPE_MAX (__VBR_PORT_TYPE_MAX - 1)

/* VBR_A_FDB_TYPE */
enum vbr_fdb_type {
	VBR_FDB_TYPE_ANY,	/* as a filter: no filter */
	VBR_FDB_TYPE_DYNAMIC,	/* learned; ages */
	VBR_FDB_TYPE_STATIC,	/* added; never ages nor moves */
	VBR_FDB_TYPE_LOCAL,	/* the bridge's own address */
	VBR_FDB_TYPE_LOCKED,	/* MAB: seen on a locked port, not admitted */
	__VBR_FDB_TYPE_MAX
};

#define VBR_FDB_TYPE_MAX (__VBR_FDB_TYPE_MAX - 1)

enum vbr_attr {
	VBR_A_UNSPEC,
	VBR_A_PAD,
	VBR_A_BR_IFINDEX,	/* u32 */
	VBR_A_BR_NAME,		/* string, < IFNAMSIZ */
	VBR_A_BR_ADDR,		/* 6 bytes, a unicast MAC */
	VBR_A_BR_AGEING_TIME,	/* u32 seconds (not centiseconds), 0..VBR_AGEING_TIME_MAX */
	VBR_A_BR_MAX_LEARNED,	/* u32, 0 = no limit */
	VBR_A_BR_LEARNED,	/* u32, read-only */
	VBR_A_BR_NPORTS,	/* u32, read-only */
	VBR_A_BR_STATS,		/* nest of VBR_STATS_A_*, read-only */
	VBR_A_PORT_IFINDEX,	/* u32 */
	VBR_A_PORT_NAME,	/* string, < IFNAMSIZ */
	VBR_A_PORT_TYPE,	/* u8, enum vbr_port_type */
	VBR_A_PORT_ADDR,	/* 6 bytes; given when an internal port is made */
	VBR_A_PORT_MTU,		/* u32 68..65535; the same */
	VBR_A_PORT_LEARNING,	/* u8, 0 or 1 */
	VBR_A_PORT_FLOOD,	/* u8, 0 or 1: unknown unicast */
	VBR_A_PORT_MAX_LEARNED,	/* u32, 0 = no limit */
	VBR_A_PORT_LEARNED,	/* u32, read-only */
	VBR_A_PORT_OWNED,	/* flag: the device goes with the port */
	VBR_A_PORT_STATS,	/* nest of VBR_STATS_A_*, read-only */
	VBR_A_FDB_ADDR,		/* 6 bytes, a unicast MAC */
	VBR_A_FDB_VID,		/* u16, 0..4094; 0: untagged, as without filtering */
	VBR_A_FDB_TYPE,		/* u8, enum vbr_fdb_type */
	VBR_A_FDB_AGE,		/* u32 ms since last seen, read-only */
	VBR_A_FDB_FLUSHED,	/* u32 entries flushed, read-only */
	VBR_A_FDB_REPLACE,	/* flag: FDB_ADD overwrites an entry */
	VBR_A_PORT_MCAST_FLOOD,	/* u8, 0 or 1 */
	VBR_A_PORT_BCAST_FLOOD,	/* u8, 0 or 1 */
	VBR_A_PORT_HAIRPIN,	/* u8, 0 or 1 */
	VBR_A_PORT_ISOLATED,	/* u8, 0 or 1 */
	VBR_A_PORT_LOCKED,	/* u8, 0 or 1 */
	VBR_A_PORT_MAB,		/* u8, 0 or 1 */
	VBR_A_BR_VLAN_FILTERING,	/* u8, 0 or 1 */
	VBR_A_BR_VLAN_DEFAULT_PVID,	/* u16, 0..4094; 0 = none */
	VBR_A_BR_VLAN_PROTOCOL,	/* u16, host order: 0x8100 or 0x88a8 */
	VBR_A_PORT_VLAN,	/* u16, 1..4094: PORT_ADD makes an access port */
	VBR_A_VLAN_VID,		/* u16, 1..4094 */
	VBR_A_VLAN_VID_END,	/* u16, VLAN_VID..4094: last of a range */
	VBR_A_VLAN_PVID,	/* flag */
	VBR_A_VLAN_UNTAGGED,	/* flag */
	VBR_A_VLAN_LIST,	/* nest of VBR_A_VLAN_RANGE, read-only */
	VBR_A_VLAN_RANGE,	/* nest: VLAN_VID, VLAN_VID_END, VLAN_PVID,
				 * VLAN_UNTAGGED; VLANs of the same flags in a
				 * row are one range, the PVID one alone
				 */
	VBR_A_BR_ERR_RECOVERY,	/* u32 seconds, 0..VBR_ERR_RECOVERY_MAX; 0 = never */
	VBR_A_PORT_STATE,	/* u8, enum vbr_port_state */
	VBR_A_PORT_BLOCK_REASON,	/* u8, enum vbr_block_reason, read-only */
	VBR_A_PORT_BPDU_GUARD,	/* u8, 0 or 1 */
	VBR_A_PORT_STORM_BCAST,	/* u32 frames/s, 0 = no limit */
	VBR_A_PORT_STORM_MCAST,	/* u32 frames/s, 0 = no limit */
	VBR_A_PORT_STORM_UCAST,	/* u32 frames/s, 0 = no limit */
	VBR_A_PORT_STORM_BURST,	/* u32 frames, 0 = the rate */
	VBR_A_PORT_STORM_BLOCK,	/* u8, 0 or 1 */
	VBR_A_BR_LOOP_PROTECT,	/* u8, 0 or 1 */
	VBR_A_BR_LOOP_INTERVAL,	/* u32 ms, VBR_LOOP_INTERVAL_MIN..MAX */
	VBR_A_BR_MAC_FLAP_LIMIT,	/* u32 moves, 0 = not watched */
	VBR_A_BR_MAC_FLAP_WINDOW,	/* u32 seconds, 1..VBR_MAC_FLAP_WINDOW_MAX */
	VBR_A_BR_MAC_FLAP_BLOCK,	/* u8, 0 or 1 */
	VBR_A_PORT_LOOP_PROTECT,	/* u8, 0 or 1 */
	VBR_A_FLAP_FROM_IFINDEX,	/* u32, read-only: MAC_FLAP_NTF */
	VBR_A_FLAP_FROM_NAME,	/* string, read-only: MAC_FLAP_NTF */
	__VBR_A_MAX
};

#define VBR_A_MAX (__VBR_A_MAX - 1)

/*
 * Counters, all u64. A port carries the RX/TX ones: frames the bridge
 * took from the port and frames it sent to it, TX_DROPPED for frames
 * meant for the port that it could not take (down, too big),
 * RX_BLOCKED for frames it received while blocked (dropped), BPDU_GUARD
 * for the BPDUs bpdu_guard dropped, and STORM_* for the frames over each
 * storm limit (dropped). A bridge
 * carries the DROP_* and the event ones, which "ethtool -S" also shows.
 */
enum vbr_stats_attr {
	VBR_STATS_A_UNSPEC,
	VBR_STATS_A_PAD,
	VBR_STATS_A_RX_PACKETS,
	VBR_STATS_A_RX_BYTES,
	VBR_STATS_A_TX_PACKETS,
	VBR_STATS_A_TX_BYTES,
	VBR_STATS_A_TX_DROPPED,
	VBR_STATS_A_DROP_BRIDGE_DOWN,
	VBR_STATS_A_DROP_BAD_SRC_MAC,
	VBR_STATS_A_DROP_BAD_VLAN,
	VBR_STATS_A_DROP_SAME_PORT,
	VBR_STATS_A_DROP_PORT_DOWN,
	VBR_STATS_A_DROP_MTU,
	VBR_STATS_A_DROP_NOMEM,
	VBR_STATS_A_DROP_NO_TARGET,
	VBR_STATS_A_LEARN_LIMIT,
	VBR_STATS_A_FDB_MOVE,
	VBR_STATS_A_DROP_LOCKED,
	VBR_STATS_A_DROP_ISOLATED,
	VBR_STATS_A_DROP_VLAN_INGRESS,	/* tagged for a VLAN the port lacks */
	VBR_STATS_A_DROP_NO_PVID,	/* untagged, and the port has no PVID */
	VBR_STATS_A_DROP_VLAN_EGRESS,	/* destination not in the VLAN */
	VBR_STATS_A_DROP_BLOCKED,	/* to or from a blocked port */
	VBR_STATS_A_RX_BLOCKED,		/* port: received while blocked */
	VBR_STATS_A_DROP_BPDU_GUARD,	/* a BPDU on a port with bpdu_guard */
	VBR_STATS_A_DROP_STORM,		/* a flood over a storm limit */
	VBR_STATS_A_BPDU_GUARD,		/* port: BPDUs that bpdu_guard took */
	VBR_STATS_A_STORM_BCAST,	/* port: broadcasts over the limit */
	VBR_STATS_A_STORM_MCAST,	/* port: multicasts over the limit */
	VBR_STATS_A_STORM_UCAST,	/* port: unknown unicast over the limit */
	VBR_STATS_A_LOOP_ROUNDS,	/* rounds of loop probes sent */
	VBR_STATS_A_LOOP_FOUND,		/* probes of this bridge heard back */
	VBR_STATS_A_MAC_FLAP,		/* MACs that flapped */
	__VBR_STATS_A_MAX
};

#define VBR_STATS_A_MAX (__VBR_STATS_A_MAX - 1)

#endif /* _UAPI_LINUX_VBR_H */
