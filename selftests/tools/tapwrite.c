// SPDX-License-Identifier: GPL-2.0
/*
 * tapwrite: write frames into a tap device, as a guest would, including
 * malformed ones.
 *
 *   tapwrite TAP HEX [COUNT]
 *
 * HEX is the whole frame in hex digits (at most 64 KiB), or
 * "zeros:N:HEADER" for a frame of N bytes starting with the HEADER bytes
 * and padded with zeros. It prints how many writes the kernel accepted.
 */
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static unsigned char frame[65536];

static size_t parse_hex(const char *s, unsigned char *out, size_t max)
{
	size_t n = 0;

	while (s[0] && s[1] && n < max) {
		if (sscanf(s, "%2hhx", &out[n]) != 1)
			break;
		n++;
		s += 2;
	}
	return n;
}

int main(int argc, char **argv)
{
	struct ifreq ifr = { 0 };
	long count = 1, ok = 0, i;
	size_t len;
	int fd;

	if (argc < 3) {
		fprintf(stderr, "Usage: tapwrite TAP HEX|zeros:N:HEADER [COUNT]\n");
		return 2;
	}
	if (argc > 3)
		count = strtol(argv[3], NULL, 0);
	if (!strncmp(argv[2], "zeros:", 6)) {
		char *hdr = strchr(argv[2] + 6, ':');

		len = strtoul(argv[2] + 6, NULL, 0);
		if (!hdr || len > sizeof(frame))
			return 2;
		parse_hex(hdr + 1, frame, len);
	} else {
		len = parse_hex(argv[2], frame, sizeof(frame));
	}

	fd = open("/dev/net/tun", O_RDWR);
	if (fd < 0) {
		perror("/dev/net/tun");
		return 1;
	}
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", argv[1]);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		perror(argv[1]);
		return 1;
	}
	for (i = 0; i < count; i++)
		if (write(fd, frame, len) == (ssize_t)len)
			ok++;
	printf("%ld\n", ok);
	close(fd);
	return 0;
}
