// SPDX-License-Identifier: MIT
/* hello: the smallest program: one line on stdout, exit 0. */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp)
{
	printf("hello from pid %d\n", getpid());
	return 0;
}
