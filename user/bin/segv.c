// SPDX-License-Identifier: MIT
/*
 * segv: die of a segmentation fault, on purpose. `segv null` (the default)
 * writes to address 0, `segv exec` calls address 0x1000, `segv rdonly`
 * writes to a PROT_READ mapping. Reaching the end is a failure: exit 1.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

int main(int argc, char **argv, char **envp)
{
	const char *how = argc > 1 ? argv[1] : "null";

	if (!strcmp(how, "exec")) {
		((void (*)(void))(uintptr_t)0x1000)();
	} else if (!strcmp(how, "rdonly")) {
		volatile char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p != MAP_FAILED)
			p[0] = 1;
	} else {
		*(volatile int *)0 = 1;
	}
	printf("segv: %s: still alive\n", how);
	return 1;
}
