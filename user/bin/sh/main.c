// SPDX-License-Identifier: MIT
/*
 * How this works: /bin/sh, the shell on the console.
 *
 *   sh              read commands from standard input: with a prompt
 *                   "$ " and line editing on a terminal, plainly from a
 *                   pipe or a file
 *   sh -c "CMD"     run CMD (its lines, and ';'-separated commands)
 *   sh FILE         run each line of FILE (a "#!" first line is a comment)
 *
 * Each of them ends with exit status $? of the last command (or the N of
 * `exit N`); end of input -- ^D on an empty line at the terminal -- is an
 * `exit`. As pid 1's only program, its end is the end of the run: /init
 * exits with it and the kernel powers off (user/README.md).
 *
 * A line goes through three files. edit.c reads it: in raw mode the shell
 * itself echoes and edits (arrows, backspace, history; ^C drops the line),
 * with term.c switching the terminal's modes. parse.c splits it into
 * words (quotes, backslash, $?, $$, # comments, ';'). run.c runs each
 * command: a builtin in the shell (builtins.c, builtins_fs.c), anything
 * else as a program in its own process group that owns the terminal
 * while it runs, so ^C reaches the program and not the shell (term.c).
 *
 * Where it differs from Linux's sh (dash, bash): a teaching subset --
 * no variables or environment changes, no cd, pipes, redirections,
 * globbing, background jobs or control structures; the builtins have
 * no options. It needs nothing but the system calls of user/README.md
 * plus the terminal ioctls and process groups, and it works (without
 * editing) when those answer ENOSYS.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

int sh_status;
int sh_interactive;

void sh_exit(int status)
{
	term_restore();
	_exit(status);
}

void sh_run_line(const char *line)
{
	static struct words w;
	const char *p = line;

	while (*p) {
		if (parse_command(&p, &w) < 0) {
			sh_status = 2;
			return;
		}
		if (w.argc)
			sh_status = run_command(w.argc, w.argv);
	}
}

static void too_long(void)
{
	sh_error("sh: line too long (more than %d bytes): ignored\n", SH_LINE_MAX - 1);
	sh_status = 2;
}

/* Commands from a file descriptor, with no editing (a pipe, a script, a dumb console). */
static void run_plain(int fd, int prompt)
{
	static char line[SH_LINE_MAX];

	for (;;) {
		int n;

		if (prompt)
			sh_puts(STDOUT_FILENO, "$ ");
		n = read_plain_line(fd, line, sizeof(line));
		if (n == EDIT_EOF)
			return;
		if (n == EDIT_TOOLONG)
			too_long();
		else
			sh_run_line(line);
	}
}

static void run_interactive(void)
{
	static char line[SH_LINE_MAX];

	term_init();
	if (term_kind != TERM_RAW) {
		run_plain(STDIN_FILENO, term_kind == TERM_DUMB);
		return;
	}
	for (;;) {
		int n;

		term_raw();
		n = edit_line("$ ", line, sizeof(line));
		if (n == EDIT_EOF) {
			sh_puts(STDOUT_FILENO, "exit\n");
			return;
		}
		if (n == EDIT_CANCEL)
			sh_status = 130;	/* 128 + SIGINT, as bash says */
		else if (n == EDIT_TOOLONG)
			too_long();
		else
			sh_run_line(line);
	}
}

static void run_string(const char *cmd)
{
	static char line[SH_LINE_MAX];

	while (*cmd) {
		const char *nl = strchr(cmd, '\n');
		size_t len = nl ? (size_t)(nl - cmd) : strlen(cmd);

		if (len >= sizeof(line)) {
			too_long();
		} else {
			memcpy(line, cmd, len);
			line[len] = '\0';
			sh_run_line(line);
		}
		cmd += len + (nl ? 1 : 0);
	}
}

int main(int argc, char **argv, char **envp)
{
	if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		if (strcmp(argv[1], "-c")) {
			sh_error("sh: %s: unknown option (sh [-c COMMAND | FILE])\n", argv[1]);
			return 2;
		}
		if (argc < 3) {
			sh_error("sh: -c: a command is needed (sh -c \"echo hi\")\n");
			return 2;
		}
		run_string(argv[2]);
	} else if (argc > 1) {
		int fd = open(argv[1], O_RDONLY);

		if (fd < 0) {
			sh_error("sh: %s: %s\n", argv[1], errno == ENOENT ? "not found"
				 : errno_name(errno));
			return 127;
		}
		run_plain(fd, 0);
		close(fd);
	} else {
		sh_interactive = 1;
		run_interactive();
	}
	sh_exit(sh_status);
}
