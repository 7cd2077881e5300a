// SPDX-License-Identifier: GPL-2.0
/*
 * tapvm: a stand-in for a VM on a tap device. It opens (or creates) a
 * tap, then answers ARP and ICMP echo for its IPv4 address, as a guest
 * would, until killed or until it has run SECONDS.
 *
 *   tapvm TAP MAC IPV4 [SECONDS]
 *
 * On start it sends one gratuitous ARP so that the bridge learns it.
 * It prints how many frames it received and answered when it exits.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define ETH_HDR 14

static uint16_t csum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;

	for (; len > 1; len -= 2, p += 2)
		sum += (p[0] << 8) | p[1];
	if (len)
		sum += p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum);
}

static int tap_open(const char *name)
{
	struct ifreq ifr = { 0 };
	int fd = open("/dev/net/tun", O_RDWR);

	if (fd < 0)
		return -1;
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* An ARP packet from us: op 1 request (gratuitous) or 2 reply. */
static int arp_build(uint8_t *f, const uint8_t *mac, const uint8_t *ip,
		     const uint8_t *tmac, const uint8_t *tip, int op)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	memcpy(f, op == 1 ? bcast : tmac, 6);
	memcpy(f + 6, mac, 6);
	f[12] = 0x08;
	f[13] = 0x06;
	f[14] = 0; f[15] = 1;		/* Ethernet */
	f[16] = 0x08; f[17] = 0;	/* IPv4 */
	f[18] = 6; f[19] = 4;
	f[20] = 0; f[21] = op;
	memcpy(f + 22, mac, 6);
	memcpy(f + 28, ip, 4);
	memcpy(f + 32, op == 1 ? bcast : tmac, 6);
	memcpy(f + 38, tip, 4);
	memset(f + 42, 0, 18);
	return 60;
}

int main(int argc, char **argv)
{
	uint8_t mac[6], ip[4], f[65536];
	long rx = 0, answered = 0;
	struct pollfd pfd[2];
	time_t end = 0;
	int fd, n, stop = 0;
	sigset_t sigs;

	if (argc < 4 ||
	    sscanf(argv[2], "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1],
		   &mac[2], &mac[3], &mac[4], &mac[5]) != 6 ||
	    inet_pton(AF_INET, argv[3], ip) != 1) {
		fprintf(stderr, "Usage: tapvm TAP MAC IPV4 [SECONDS]\n");
		return 2;
	}
	if (argc > 4)
		end = time(NULL) + atoi(argv[4]);
	fd = tap_open(argv[1]);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	/* SIGTERM and SIGINT end the loop, read through a signalfd. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	pfd[0].fd = fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = signalfd(-1, &sigs, 0);
	pfd[1].events = POLLIN;

	/* Announce ourselves once the tap is up (writes fail until then). */
	n = arp_build(f, mac, ip, mac, ip, 1);
	while (write(fd, f, n) != n) {
		if (poll(&pfd[1], 1, 100) > 0)
			return 0;
	}

	while (!stop && (!end || time(NULL) < end)) {
		if (poll(pfd, 2, 200) <= 0)
			continue;
		if (pfd[1].revents) {
			stop = 1;
			continue;
		}
		n = read(fd, f, sizeof(f));
		if (n < ETH_HDR)
			continue;
		rx++;
		if (f[12] == 0x08 && f[13] == 0x06 && n >= 42 && f[21] == 1 &&
		    !memcmp(f + 38, ip, 4)) {
			uint8_t smac[6], sip[4];

			memcpy(smac, f + 22, 6);
			memcpy(sip, f + 28, 4);
			n = arp_build(f, mac, ip, smac, sip, 2);
		} else if (f[12] == 0x08 && f[13] == 0x00 && n >= 42 &&
			   !memcmp(f, mac, 6) && f[23] == 1 &&
			   !memcmp(f + 30, ip, 4) && f[34] == 8) {
			int ihl = (f[14] & 0xf) * 4;
			uint8_t t[6];

			/* Echo request to us: swap addresses, make a reply. */
			memcpy(t, f, 6);
			memcpy(f, f + 6, 6);
			memcpy(f + 6, t, 6);
			memcpy(t, f + 26, 4);
			memcpy(f + 26, f + 30, 4);
			memcpy(f + 30, t, 4);
			f[ETH_HDR + ihl] = 0;
			f[ETH_HDR + ihl + 2] = 0;
			f[ETH_HDR + ihl + 3] = 0;
			memcpy(f + ETH_HDR + ihl + 2,
			       (uint16_t[]){ csum(f + ETH_HDR + ihl,
						  n - ETH_HDR - ihl) }, 2);
		} else {
			continue;
		}
		if (write(fd, f, n) == n)
			answered++;
	}
	printf("tapvm %s: received %ld, answered %ld\n", argv[1], rx,
	       answered);
	close(fd);
	return 0;
}
