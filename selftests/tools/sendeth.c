// SPDX-License-Identifier: GPL-2.0
/*
 * sendeth: write raw Ethernet frames to an interface through AF_PACKET.
 *
 *   sendeth DEV DST SRC [-c COUNT] [-s SIZE] [-t ETHERTYPE] [-r] [-n NETNS]
 *           [-q VID] [-Q VID] [-p PCP] [-x HEX]
 *
 * -n sends from the named network namespace (/run/netns/NETNS): cheaper
 * than "ip netns exec", which matters under the debug kernel.
 * SIZE is the whole frame without FCS (default 60, at least 14; smaller
 * sizes write runts). -r gives each frame a random locally administered
 * source MAC, for learning-limit tests. ETHERTYPE defaults to 0x88b5
 * (IEEE local experimental), which the tests count with tc.
 * -q VID adds an 802.1Q tag (TPID 0x8100), -Q VID an 802.1ad one (0x88a8),
 * in the frame itself, outermost first (-Q 10 -q 20 is QinQ); -q 0 makes
 * a priority tag. -p PCP sets the priority of the tags given after it.
 * -x HEX puts those bytes (two hex digits each) right after the
 * EtherType, e.g. a forged loop probe.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <sched.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void parse_mac(const char *s, unsigned char *mac)
{
	if (sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1],
		   &mac[2], &mac[3], &mac[4], &mac[5]) != 6) {
		fprintf(stderr, "bad MAC %s\n", s);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	unsigned char frame[65536] = { 0 };
	long count = 1, size = 60, type = 0x88b5, i;
	struct sockaddr_ll sll = { 0 };
	int opt, fd, random_src = 0;
	const char *netns = NULL;
	unsigned short tags[8][2], etype;
	int ntags = 0, pcp = 0, t, off;
	const char *hex = NULL;
	unsigned int byte;
	char path[256];

	while ((opt = getopt(argc, argv, "c:s:t:rn:q:Q:p:x:")) != -1) {
		switch (opt) {
		case 'q':
		case 'Q':
			if (ntags == 8)
				return 2;
			tags[ntags][0] = opt == 'q' ? 0x8100 : 0x88a8;
			tags[ntags][1] = (pcp << 13) |
					 (strtol(optarg, NULL, 0) & 0xfff);
			ntags++;
			break;
		case 'p':
			pcp = strtol(optarg, NULL, 0) & 7;
			break;
		case 'n':
			netns = optarg;
			break;
		case 'c':
			count = strtol(optarg, NULL, 0);
			break;
		case 's':
			size = strtol(optarg, NULL, 0);
			break;
		case 't':
			type = strtol(optarg, NULL, 0);
			break;
		case 'r':
			random_src = 1;
			break;
		case 'x':
			hex = optarg;
			break;
		default:
			return 2;
		}
	}
	if (argc - optind != 3 || size < 1 || size > (long)sizeof(frame)) {
		fprintf(stderr, "Usage: sendeth DEV DST SRC [-c N] [-s SIZE] [-t TYPE] [-r]");
		fprintf(stderr, " [-n NETNS] [-q VID] [-Q VID] [-p PCP] [-x HEX]\n");
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
	parse_mac(argv[optind + 1], frame);
	parse_mac(argv[optind + 2], frame + 6);
	off = 12;
	for (t = 0; t < ntags; t++) {
		etype = htons(tags[t][0]);
		memcpy(frame + off, &etype, 2);
		etype = htons(tags[t][1]);
		memcpy(frame + off + 2, &etype, 2);
		off += 4;
	}
	etype = htons(type);
	memcpy(frame + off, &etype, 2);
	if (ntags && size < off + 2)
		size = off + 2;
	if (hex && strlen(hex) % 2) {
		fprintf(stderr, "bad -x payload: odd length\n");
		return 2;
	}
	for (t = off + 2; hex && *hex; t++, hex += 2) {
		if (t >= (int)sizeof(frame) || sscanf(hex, "%2x", &byte) != 1) {
			fprintf(stderr, "bad -x payload\n");
			return 2;
		}
		frame[t] = byte;
	}
	if (size < t)
		size = t;

	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = if_nametoindex(argv[optind]);
	sll.sll_halen = 6;
	if (!sll.sll_ifindex) {
		perror(argv[optind]);
		return 1;
	}
	srandom(getpid());
	for (i = 0; i < count; i++) {
		if (random_src) {
			long r = random();

			frame[6] = 0x02;
			frame[7] = 0x5a;
			memcpy(frame + 8, &r, 4);
		}
		if (sendto(fd, frame, size, 0, (struct sockaddr *)&sll,
			   sizeof(sll)) != size) {
			perror("sendto");
			return 1;
		}
	}
	close(fd);
	return 0;
}
