// SPDX-License-Identifier: MIT
/*
 * init: pid 1 of the initramfs. The kernel runs /init (or rdinit=PROGRAM)
 * as Linux does, with the words after `--` on its command line as init's
 * arguments. init prints a banner, runs the programs those words name
 * one after the other with fork + execve + wait4, prints how each ended,
 * and exits 0 iff every one exited 0 (the kernel then powers off, with its
 * leak check).
 *
 * A word containing a '/' starts a program; the words after it without
 * one are that program's arguments:
 *
 *   -- /bin/memhog 64 /bin/forkcow      runs "/bin/memhog 64", then "/bin/forkcow"
 *   -- tour /bin/usertests user_proc    "tour" is ignored (said so): words
 *                                       before the first program are not
 *                                       init's (Linux hands init the
 *                                       command-line words it does not know)
 *
 * With no program named, init runs /bin/sh, the shell on the console.
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

#define DEFAULT_PROGRAM	"/bin/sh"

static int run(char **argv, char **envp)
{
	const char *path = argv[0];
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
	char *shell[] = { DEFAULT_PROGRAM, NULL };
	int n = 0, ok = 0, i = 1;

	printf("init: Fenestra user space, pid %d\n", getpid());
	for (; i < argc && !strchr(argv[i], '/'); i++)
		printf("init: ignoring argument \"%s\" (not a program path)\n", argv[i]);
	while (i < argc) {
		char *prog[argc + 1];
		int k = 0;

		prog[k++] = argv[i++];
		while (i < argc && !strchr(argv[i], '/'))
			prog[k++] = argv[i++];
		prog[k] = NULL;
		n++;
		ok += run(prog, envp);
	}
	if (n == 0) {
		printf("init: no program named after --: running %s\n", DEFAULT_PROGRAM);
		n++;
		ok += run(shell, envp);
	}
	if (ok == n)
		printf("init: all %d programs exited with status 0\n", n);
	else
		printf("init: %d of %d programs failed\n", n - ok, n);
	return ok == n ? 0 : 1;
}
