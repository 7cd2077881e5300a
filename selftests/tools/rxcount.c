// SPDX-License-Identifier: GPL-2.0
/*
 * rxcount: count the frames of one EtherType that a device's own stack
 * receives, until SIGTERM or SIGINT, then print the count.
 *
 *   rxcount [-n NETNS] DEV ETHERTYPE READY
 *
 * The socket is an AF_PACKET socket bound to ETHERTYPE (0x0004 for
 * 802.2 LLC frames such as BPDUs, 0x88cc for LLDP), not to ETH_P_ALL: the
 * kernel gives it a frame only after the device's rx_handler passed the
 * frame on, so it sees what a bridge port's own stack gets, not what
 * arrived on the wire. Frames the device sent are not counted. READY is
 * a file created once the socket is bound.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <sys/time.h>

static sig_atomic_t done;

static void on_signal(int sig)
{
	(void)sig;
	done = 1;
}

int main(int argc, char **argv)
{
	struct timeval tick = { .tv_usec = 100000 };
	struct sockaddr_ll sll = { 0 }, from;
	struct sigaction sa = { 0 };
	const char *netns = NULL;
	unsigned char buf[65536];
	socklen_t fromlen;
	long count = 0, proto;
	char path[256];
	int opt, fd;
	ssize_t n;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt != 'n')
			return 2;
		netns = optarg;
	}
	if (argc - optind != 3) {
		fprintf(stderr, "Usage: rxcount [-n NETNS] DEV ETHERTYPE READY\n");
		return 2;
	}
	if (netns) {
		snprintf(path, sizeof(path), "/run/netns/%s", netns);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || setns(fd, CLONE_NEWNET) < 0) {
			perror(path);
			return 1;
		}
		close(fd);
	}
	proto = strtol(argv[optind + 1], NULL, 0);
	sa.sa_handler = on_signal;
	/* No SA_RESTART: the signal ends a blocked recvfrom(). */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	fd = socket(AF_PACKET, SOCK_RAW, htons(proto));
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(proto);
	sll.sll_ifindex = if_nametoindex(argv[optind]);
	if (!sll.sll_ifindex) {
		perror(argv[optind]);
		return 1;
	}
	/* A signal between the test of done and recvfrom() would be missed:
	 * wake up now and then to look.
	 */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof(tick));
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		perror("bind");
		return 1;
	}
	n = open(argv[optind + 2], O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (n < 0) {
		perror(argv[optind + 2]);
		return 1;
	}
	close(n);
	while (!done) {
		fromlen = sizeof(from);
		n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			     &fromlen);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			perror("recvfrom");
			return 1;
		}
		if (from.sll_pkttype != PACKET_OUTGOING)
			count++;
	}
	printf("%ld\n", count);
	return 0;
}
