// SPDX-License-Identifier: MIT
/*
 * hog: allocate and touch anonymous memory 1 MiB at a time, forever, until
 * the kernel's OOM killer ends it with SIGKILL. Prints its total every
 * 64 MiB. If mmap fails first it says so and exits 2. Do not run it on
 * the host.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#define CHUNK	(1u << 20)

int main(int argc, char **argv, char **envp)
{
	for (unsigned mib = 1;; mib++) {
		char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			printf("hog: mmap failed after %u MiB: %s\n", mib - 1, errno_name(errno));
			return 2;
		}
		for (unsigned i = 0; i < CHUNK; i += 4096)
			p[i] = 1;
		if (mib % 64 == 0)
			printf("hog: %u MiB touched\n", mib);
	}
}
