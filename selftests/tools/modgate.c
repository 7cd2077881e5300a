// SPDX-License-Identifier: GPL-2.0
/*
 * modgate: the test VM's kernel.modprobe, in front of /sbin/modprobe.
 *
 * A device ioctl that names a device which does not exist makes the
 * kernel ask for module "netdev-NAME" and, when that fails, for "NAME"
 * (dev_load()). iproute2 falls back to such an ioctl for every name it
 * cannot find, so the selftests trigger it hundreds of times, and each
 * modprobe run costs about half a second under the debug kernel. No
 * module ever answers to a device name: refuse both requests at once.
 * Every other request goes to modprobe unchanged.
 *
 * The kernel runs it as "modgate -q -- MODULE".
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MODPROBE	"/sbin/modprobe"
#define PREFIX		"netdev-"
/* The device name last refused as netdev-NAME, to refuse NAME too. */
#define LAST		"/run/modgate.last"

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[argc - 1] : "";
	char last[64] = "";
	ssize_t n;
	int fd;

	if (!strncmp(name, PREFIX, strlen(PREFIX))) {
		fd = open(LAST, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0) {
			n = write(fd, name + strlen(PREFIX),
				  strlen(name + strlen(PREFIX)));
			close(fd);
			(void)n;
		}
		return 1;
	}
	fd = open(LAST, O_RDONLY);
	if (fd >= 0) {
		n = read(fd, last, sizeof(last) - 1);
		close(fd);
		if (n > 0) {
			last[n] = '\0';
			if (!strcmp(name, last)) {
				unlink(LAST);
				return 1;
			}
		}
	}
	argv[0] = MODPROBE;
	execv(MODPROBE, argv);
	perror("modgate: " MODPROBE);
	return 1;
}
