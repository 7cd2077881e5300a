// SPDX-License-Identifier: GPL-2.0
/*
 * The vbr bridge netdev: its setup, netdev ops and ethtool counters.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/rtnetlink.h>
#include <kunit/visibility.h>

#include "bridge.h"
#include "fdb.h"
#include "brport.h"
#include "event.h"
#include "forward.h"
#include "neigh.h"
#include "port.h"
#include "vdev.h"
#include "vlan.h"

const char *const vbr_drop_names[VBR_DROP_MAX] = {
	[VBR_DROP_BRIDGE_DOWN]	= "drop_bridge_down",
	[VBR_DROP_BAD_SRC]	= "drop_bad_src_mac",
	[VBR_DROP_BAD_VLAN]	= "drop_bad_vlan",
	[VBR_DROP_SAME_PORT]	= "drop_same_port",
	[VBR_DROP_PORT_DOWN]	= "drop_port_down",
	[VBR_DROP_MTU]		= "drop_mtu",
	[VBR_DROP_NOMEM]	= "drop_nomem",
	[VBR_DROP_NO_TARGET]	= "drop_no_target",
	[VBR_DROP_LOCKED]	= "drop_locked",
	[VBR_DROP_ISOLATED]	= "drop_isolated",
	[VBR_DROP_VLAN_INGRESS]	= "drop_vlan_ingress",
	[VBR_DROP_NO_PVID]	= "drop_no_pvid",
	[VBR_DROP_VLAN_EGRESS]	= "drop_vlan_egress",
	[VBR_DROP_BLOCKED]	= "drop_blocked",
	[VBR_DROP_BPDU_GUARD]	= "drop_bpdu_guard",
	[VBR_DROP_STORM]	= "drop_storm",
};

const char *const vbr_event_names[VBR_EV_MAX] = {
	[VBR_EV_LEARN_LIMIT]	= "learn_limit",
	[VBR_EV_MOVE]		= "fdb_move",
	[VBR_EV_LOOP_ROUND]	= "loop_rounds",
	[VBR_EV_LOOP_FOUND]	= "loop_found",
	[VBR_EV_MAC_FLAP]	= "mac_flap",
};

void vbr_bridge_stats_read(struct vbr_bridge *br, u64 *drops, u64 *events)
{
	int cpu, i;

	memset(drops, 0, sizeof(u64) * VBR_DROP_MAX);
	memset(events, 0, sizeof(u64) * VBR_EV_MAX);
	for_each_possible_cpu(cpu) {
		const struct vbr_pcpu_stats *s = per_cpu_ptr(br->stats, cpu);
		u64 d[VBR_DROP_MAX], e[VBR_EV_MAX];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (i = 0; i < VBR_DROP_MAX; i++)
				d[i] = u64_stats_read(&s->drops[i]);
			for (i = 0; i < VBR_EV_MAX; i++)
				e[i] = u64_stats_read(&s->events[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (i = 0; i < VBR_DROP_MAX; i++)
			drops[i] += d[i];
		for (i = 0; i < VBR_EV_MAX; i++)
			events[i] += e[i];
	}
}

static int vbr_dev_init(struct net_device *dev)
{
	struct vbr_bridge *br = netdev_priv(dev);
	int err;

	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
	br->stats = netdev_alloc_pcpu_stats(struct vbr_pcpu_stats);
	if (!br->stats) {
		err = -ENOMEM;
		goto err_tstats;
	}
	err = vbr_fdb_init(br);
	if (err)
		goto err_stats;
	err = vbr_vlan_bridge_init(br);
	if (err)
		goto err_fdb;
	vbr_loop_init(br);
	return 0;

err_fdb:
	vbr_fdb_uninit(br);
err_stats:
	free_percpu(br->stats);
err_tstats:
	free_percpu(dev->tstats);
	return err;
}

/* Runs after unregister has waited for readers. */
static void vbr_dev_uninit(struct net_device *dev)
{
	struct vbr_bridge *br = netdev_priv(dev);

	/* Every way a bridge goes ends here, after its ports went. */
	vbr_event_bridge(br, VBR_BR_EV_DELETED);
	vbr_loop_uninit(br);
	vbr_vlan_bridge_uninit(br);
	vbr_fdb_uninit(br);
	free_percpu(br->stats);
	free_percpu(dev->tstats);
}

static void vbr_dev_get_stats64(struct net_device *dev,
				struct rtnl_link_stats64 *s)
{
	struct vbr_bridge *br = netdev_priv(dev);
	u64 drops[VBR_DROP_MAX], events[VBR_EV_MAX];
	int i;

	dev_fetch_sw_netstats(s, dev->tstats);
	vbr_bridge_stats_read(br, drops, events);
	for (i = 0; i < VBR_DROP_MAX; i++)
		s->rx_dropped += drops[i];
}

static int vbr_dev_set_mac_address(struct net_device *dev, void *p)
{
	struct vbr_bridge *br = netdev_priv(dev);
	struct sockaddr *sa = p;
	u8 old[ETH_ALEN];
	int err;

	if (!is_valid_ether_addr(sa->sa_data))
		return -EADDRNOTAVAIL;
	if (ether_addr_equal(dev->dev_addr, sa->sa_data))
		return 0;
	ether_addr_copy(old, dev->dev_addr);
	err = vbr_fdb_set_local(br, old, sa->sa_data);
	if (err) {
		vbr_fdb_set_local(br, NULL, old);
		return err;
	}
	eth_hw_addr_set(dev, sa->sa_data);
	return 0;
}

static int vbr_dev_add_slave(struct net_device *dev, struct net_device *port,
			     struct netlink_ext_ack *extack)
{
	return PTR_ERR_OR_ZERO(vbr_port_attach(netdev_priv(dev), port, false,
					       extack));
}

static int vbr_dev_del_slave(struct net_device *dev, struct net_device *port)
{
	struct vbr_port *p = vbr_port_get_rtnl(port);

	if (!p || p->br != netdev_priv(dev))
		return -ENOENT;
	vbr_port_detach(p);
	return 0;
}

static const struct net_device_ops vbr_netdev_ops = {
	.ndo_init		= vbr_dev_init,
	.ndo_uninit		= vbr_dev_uninit,
	.ndo_open		= vbr_vdev_open,
	.ndo_stop		= vbr_vdev_stop,
	.ndo_start_xmit		= vbr_bridge_xmit,
	.ndo_get_stats64	= vbr_dev_get_stats64,
	.ndo_set_mac_address	= vbr_dev_set_mac_address,
	.ndo_add_slave		= vbr_dev_add_slave,
	.ndo_del_slave		= vbr_dev_del_slave,
	.ndo_fdb_add		= vbr_neigh_fdb_add,
	.ndo_fdb_del		= vbr_neigh_fdb_del,
	.ndo_fdb_dump		= vbr_neigh_fdb_dump,
	.ndo_bridge_setlink	= vbr_brport_setlink,
	.ndo_bridge_getlink	= vbr_brport_getlink,
	.ndo_bridge_dellink	= vbr_brport_dellink,
};

bool vbr_is_bridge(const struct net_device *dev)
{
	return dev->netdev_ops == &vbr_netdev_ops;
}

static void vbr_get_drvinfo(struct net_device *dev,
			    struct ethtool_drvinfo *info)
{
	strscpy(info->driver, "vbr", sizeof(info->driver));
}

static int vbr_get_sset_count(struct net_device *dev, int sset)
{
	return sset == ETH_SS_STATS ? VBR_DROP_MAX + VBR_EV_MAX : -EOPNOTSUPP;
}

static void vbr_get_strings(struct net_device *dev, u32 sset, u8 *buf)
{
	int i;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < VBR_DROP_MAX; i++, buf += ETH_GSTRING_LEN)
		strscpy(buf, vbr_drop_names[i], ETH_GSTRING_LEN);
	for (i = 0; i < VBR_EV_MAX; i++, buf += ETH_GSTRING_LEN)
		strscpy(buf, vbr_event_names[i], ETH_GSTRING_LEN);
}

static void vbr_get_ethtool_stats(struct net_device *dev,
				  struct ethtool_stats *stats, u64 *data)
{
	vbr_bridge_stats_read(netdev_priv(dev), data, data + VBR_DROP_MAX);
}

static const struct ethtool_ops vbr_ethtool_ops = {
	.get_drvinfo		= vbr_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_sset_count		= vbr_get_sset_count,
	.get_strings		= vbr_get_strings,
	.get_ethtool_stats	= vbr_get_ethtool_stats,
};

/* DEVTYPE=vbr in uevents and sysfs, for udev rules and scripts. */
static const struct device_type vbr_bridge_type = {
	.name	= "vbr",
};

void vbr_bridge_setup(struct net_device *dev)
{
	struct vbr_bridge *br = netdev_priv(dev);

	vbr_vdev_setup(dev);
	SET_NETDEV_DEVTYPE(dev, &vbr_bridge_type);
	dev->netdev_ops = &vbr_netdev_ops;
	dev->ethtool_ops = &vbr_ethtool_ops;
	br->dev = dev;
	INIT_LIST_HEAD(&br->ports);
}
EXPORT_SYMBOL_IF_KUNIT(vbr_bridge_setup);

/* dellink: every port goes before the device is queued for unregister;
 * internal and owned ports take their devices with them.
 */
void vbr_bridge_destroy(struct vbr_bridge *br, struct list_head *head)
{
	vbr_port_remove_all(br, head);
	unregister_netdevice_queue(br->dev, head);
}
