// SPDX-License-Identifier: MIT
/*
 * run.c: running one command. A builtin (builtins.c) is called in the
 * shell itself (cat, which may never end, in a child of its own, as a
 * program, so that ^C stops it). Anything else is a program: the word itself if it holds
 * a '/', else /bin/WORD. The shell forks; the child takes its own process
 * group and the terminal (term.c) and execs the program with the shell's
 * environment; the parent waits for it, takes the terminal back and turns
 * the wait status into $?:
 *
 *   exited with code c        $? = c
 *   killed by signal s        $? = 128 + s, and one line naming the
 *                             signal ("Segmentation fault", "Killed")
 *   execve failed: ENOENT     "sh: NAME: not found", $? = 127
 *                  other      "sh: NAME: EACCES" (the errno), $? = 126
 *
 * The program writes straight to the terminal (the same fds 0, 1, 2 as
 * the shell): nothing passes through the shell.
 *
 * Where it differs from Linux shells: no PATH (only /bin), no background
 * jobs; a program stopped by a signal (^Z on a Linux host) is killed,
 * since there is no fg to continue it.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

static int status_of(int st)
{
	int sig;
	const char *what;

	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	sig = WTERMSIG(st);
	what = signal_description(sig);
	/* after a ^C the terminal has echoed "^C": end that line first */
	if (sig == SIGINT)
		sh_printf("\n");
	if (what)
		sh_printf("%s%s\n", what, WCOREDUMP(st) ? " (core dumped)" : "");
	else
		sh_printf("Killed by signal %d\n", sig);
	return 128 + sig;
}

/*
 * Fork; the child runs @b (a builtin that may run long, such as cat) or
 * execs the program argv[0] names, in its own group with the terminal.
 */
static int run_child(int argc, char **argv, const struct builtin *b)
{
	char path[SH_LINE_MAX + 8];
	pid_t pid;
	int st;

	if (strchr(argv[0], '/'))
		strlcpy(path, argv[0], sizeof(path));
	else
		snprintf(path, sizeof(path), "/bin/%s", argv[0]);

	term_before_fork();
	pid = fork();
	if (pid < 0) {
		sh_error("sh: fork: %s\n", errno_name(errno));
		term_take_back();
		return 126;
	}
	if (pid == 0) {
		int e;

		term_child_setup();
		if (b)
			_exit(b->fn(argc, argv));
		execve(path, argv, environ);
		e = errno;
		if (e == ENOENT)
			sh_error("sh: %s: not found\n", argv[0]);
		else
			sh_error("sh: %s: %s\n", argv[0], errno_name(e));
		_exit(e == ENOENT ? 127 : 126);
	}
	term_parent_fork(pid);
	for (;;) {
		if (waitpid(pid, &st, WUNTRACED) < 0) {
			if (errno == EINTR)
				continue;
			sh_error("sh: waitpid: %s\n", errno_name(errno));
			st = 1 << 8;
			break;
		}
		if (!WIFSTOPPED(st))
			break;
		sh_error("\nsh: %s stopped, and this shell has no job control to continue it: "
			 "killed\n", argv[0]);
		kill(pid, SIGKILL);
		kill(pid, SIGCONT);
	}
	term_take_back();
	return status_of(st);
}

/*
 * A builtin that may not end by itself (cat of /dev/zero, or of the
 * terminal) runs in a child when ^C can stop it, i.e. with job control:
 * in the shell itself, in raw mode, ^C would be a byte nobody reads.
 */
int run_command(int argc, char **argv)
{
	const struct builtin *b = builtin_find(argv[0]);

	if (!b)
		return run_child(argc, argv, NULL);
	if (b->in_child && job_control)
		return run_child(argc, argv, b);
	return b->fn(argc, argv);
}
