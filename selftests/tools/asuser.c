// SPDX-License-Identifier: GPL-2.0
/*
 * asuser: run a command as the unprivileged user nobody (uid and gid
 * 65534, no supplementary groups), for tests of what such a user may
 * and may not do.
 *
 *   asuser COMMAND [ARGS...]
 */
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

#define NOBODY	65534

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "Usage: asuser COMMAND [ARGS...]\n");
		return 2;
	}
	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY)) {
		perror("asuser");
		return 1;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
