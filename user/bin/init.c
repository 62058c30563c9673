// SPDX-License-Identifier: MIT
/*
 * init: pid 1 of the initramfs. The kernel runs /init (or rdinit=PROGRAM)
 * as Linux does. It prints a banner, runs each program named in its
 * arguments one after the other with fork + execve + wait4, prints how
 * each ended, and exits 0 iff every one exited 0. An argument names a
 * program when it contains a '/' (Linux hands init the command-line words
 * it does not know, such as "tour": those are ignored, said so); with no
 * program named, init runs /bin/usertests.
 * The final line names the outcome:
 *
 *   init: all 1 programs exited with status 0
 *   init: 1 of 2 programs failed
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int run(const char *path, char **envp)
{
	char *argv[] = { (char *)path, NULL };
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		printf("init: fork for %s failed: %s\n", path, errno_name(errno));
		return 0;
	}
	if (pid == 0) {
		execve(path, argv, envp);
		printf("init: execve %s failed: %s\n", path, errno_name(errno));
		_exit(127);
	}
	if (wait4(pid, &status, 0, NULL) != pid) {
		printf("init: wait4 for %s failed: %s\n", path, errno_name(errno));
		return 0;
	}
	if (WIFEXITED(status))
		printf("init: %s (pid %d) exited with status %d\n", path, pid, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("init: %s (pid %d) killed by signal %d\n", path, pid, WTERMSIG(status));
	else
		printf("init: %s (pid %d) ended with wait status %#x\n", path, pid, status);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(int argc, char **argv, char **envp)
{
	int n = 0, ok = 0;

	printf("init: Fenestra user space, pid %d\n", getpid());
	for (int i = 1; i < argc; i++) {
		if (!strchr(argv[i], '/')) {
			printf("init: ignoring argument \"%s\" (not a program path)\n", argv[i]);
			continue;
		}
		n++;
		ok += run(argv[i], envp);
	}
	if (n == 0) {
		n++;
		ok += run("/bin/usertests", envp);
	}
	if (ok == n)
		printf("init: all %d programs exited with status 0\n", n);
	else
		printf("init: %d of %d programs failed\n", n - ok, n);
	return ok == n ? 0 : 1;
}
