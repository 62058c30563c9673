// SPDX-License-Identifier: MIT
/*
 * builtins.c: the commands the shell runs itself, and their table. Each
 * is a main(): it gets the command's words and returns its status, and
 * writes through out.c (the terminal is in raw mode while a builtin
 * runs, but for cat: run.c). Bad input gets one line and a status of 2 (usage) or 1 (the
 * operation failed), as Linux's tools and bash's builtins answer.
 * ls, ps and free read the file system and /proc: builtins_fs.c.
 *
 * Where they differ from Linux's: no options but those in the usage
 * lines of help; cat without a file reads standard input until ^D. kill
 * in the interactive shell refuses to signal the shell itself (0, its pid,
 * its group): this kernel has no signal handlers, so the shell could not
 * ignore the signal as bash does, and the machine would power off.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

const struct builtin builtins[] = {
	{ "help", builtin_help, 0, "help                  this list, and the programs in /bin" },
	{ "echo", builtin_echo, 0, "echo [-n] WORD...     print the words (-n: no newline)" },
	{ "exit", builtin_exit, 0, "exit [N]              leave the shell with status N (default $?)" },
	{ "cat", builtin_cat, 1, "cat [FILE...]         print files (none: standard input, until ^D)" },
	{ "ls", builtin_ls, 0, "ls [DIR...]           list directories (default /); '/' marks one" },
	{ "ps", builtin_ps, 0, "ps                    the processes, from /proc/PID/status" },
	{ "free", builtin_free, 0, "free                  memory in kB, from /proc/meminfo" },
	{ "kill", builtin_kill, 0, "kill [-SIG|-N] PID... send a signal (default TERM); kill -l lists" },
	{ NULL, NULL, 0, NULL },
};

const struct builtin *builtin_find(const char *name)
{
	for (const struct builtin *b = builtins; b->name; b++)
		if (!strcmp(b->name, name))
			return b;
	return NULL;
}

int sort_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in columns across an 80-column line, column by column as ls does. */
void print_columns(char **names, int n)
{
	int width = 0, cols, rows;

	for (int i = 0; i < n; i++)
		if ((int)strlen(names[i]) > width)
			width = strlen(names[i]);
	width += 2;
	cols = width < 80 ? 80 / width : 1;
	rows = (n + cols - 1) / cols;
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			int i = c * rows + r;

			if (i >= n)
				break;
			if (c + 1 < cols && i + rows < n)
				sh_printf("%-*s", width, names[i]);
			else
				sh_printf("%s", names[i]);
		}
		sh_printf("\n");
	}
}

int builtin_help(int argc, char **argv)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	int n = 0, cap = 0;

	sh_printf("Builtins:\n");
	for (const struct builtin *b = builtins; b->name; b++)
		sh_printf("  %s\n", b->usage);
	sh_printf("Other words run a program: /bin/NAME, or the path given. $? is the last status.\n"
		  "Keys: left/right and backspace edit, up/down recall the last %d lines,\n"
		  "^C drops the line (or interrupts the program running), ^D on an empty line exits.\n",
		  SH_HISTORY);
	d = opendir("/bin");
	if (!d) {
		sh_printf("Programs: cannot list /bin: %s\n", errno_name(errno));
		return 0;
	}
	errno = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **more = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof(*names));

			if (!more)
				break;
			names = more;
		}
		names[n] = malloc(strlen(e->d_name) + 1);
		if (!names[n])
			break;
		strcpy(names[n++], e->d_name);
		errno = 0;
	}
	if (!e && errno)
		sh_printf("Programs: cannot list /bin: %s\n", errno_name(errno));
	closedir(d);
	qsort(names, n, sizeof(*names), sort_strings);
	if (n) {
		sh_printf("Programs in /bin:\n");
		print_columns(names, n);
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return 0;
}

int builtin_echo(int argc, char **argv)
{
	char buf[SH_WORD_BYTES + 2];
	size_t n = 0;
	int i = 1, newline = 1;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newline = 0;
		i++;
	}
	for (; i < argc; i++) {
		size_t len = strlen(argv[i]);

		if (n + len + 2 > sizeof(buf))
			len = sizeof(buf) - 2 - n;	/* cannot happen: the words fit SH_WORD_BYTES */
		memcpy(buf + n, argv[i], len);
		n += len;
		if (i + 1 < argc)
			buf[n++] = ' ';
	}
	if (newline)
		buf[n++] = '\n';
	sh_write(STDOUT_FILENO, buf, n);
	return 0;
}

int builtin_exit(int argc, char **argv)
{
	char *end;
	long n;

	if (argc == 1)
		sh_exit(sh_status);
	if (argc > 2) {
		sh_error("sh: exit: too many arguments\n");
		return 2;
	}
	n = strtol(argv[1], &end, 10);
	if (!*argv[1] || *end) {
		sh_error("sh: exit: bad number \"%s\"\n", argv[1]);
		return 2;
	}
	sh_exit((int)(n & 0xff));
}

static int cat_fd(int fd, const char *name)
{
	char buf[512];

	for (;;) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			sh_error("cat: %s: %s\n", name, errno_name(errno));
			return 1;
		}
		if (r == 0)
			return 0;
		sh_write(STDOUT_FILENO, buf, r);
	}
}

int builtin_cat(int argc, char **argv)
{
	int status = 0;

	if (argc == 1) {
		int was_raw = raw_output;	/* not in a child of its own (run.c) */

		if (was_raw)
			term_lines();		/* lines, echo, ^D */
		status = cat_fd(STDIN_FILENO, "standard input");
		if (was_raw)
			term_raw();
		return status;
	}
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);

		if (fd < 0) {
			sh_error("cat: %s: %s\n", argv[i], errno_name(errno));
			status = 1;
			continue;
		}
		status |= cat_fd(fd, argv[i]);
		close(fd);
	}
	return status;
}

static void kill_list(void)
{
	int col = 0;

	for (int s = 1; signal_name(s); s++) {
		if (++col % 5 && signal_name(s + 1))
			sh_printf("%2d) SIG%-8s", s, signal_name(s));
		else
			sh_printf("%2d) SIG%s\n", s, signal_name(s));
	}
}

int builtin_kill(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (argc > 1 && !strcmp(argv[1], "-l")) {
		kill_list();
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "-s")) {
		sig = signal_number(argv[2]);
		if (sig < 0) {
			sh_error("sh: kill: bad signal %s (kill -l lists them)\n", argv[2]);
			return 2;
		}
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "--")) {
		sig = signal_number(argv[1] + 1);
		if (sig < 0) {
			sh_error("sh: kill: bad signal %s (kill -l lists them)\n", argv[1] + 1);
			return 2;
		}
		i = 2;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc) {
		sh_error("sh: kill: no process named (kill [-SIGNAL|-N] PID...)\n");
		return 2;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);

		if (!*argv[i] || *end) {
			sh_error("sh: kill: bad pid %s\n", argv[i]);
			status = 2;
			continue;
		}
		/* every signal is fatal here: the shell on the console would die with it */
		if (sh_interactive && sig &&
		    (pid == 0 || pid == getpid() || pid == -(long)getpgrp())) {
			sh_error("sh: kill: would kill this shell (every signal is fatal here)\n");
			status = 1;
			continue;
		}
		if (kill((pid_t)pid, sig) < 0) {
			sh_error("sh: kill: %ld: %s\n", pid, errno_name(errno));
			status = 1;
		}
	}
	return status;
}
