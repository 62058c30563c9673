/* SPDX-License-Identifier: MIT */
/*
 * sh.h: what the files of /bin/sh share. main.c tells how they fit
 * together; each file opens with its own part of the story.
 */
#ifndef SH_H
#define SH_H

#include <stddef.h>
#include <sys/types.h>

#define SH_LINE_MAX	1024	/* one command line, its NUL included */
#define SH_WORD_BYTES	4096	/* the words of one command after $? and $$ */
#define SH_MAX_WORDS	128	/* words of one command */
#define SH_HISTORY	16	/* lines the up arrow recalls */

/* main.c */
extern int sh_status;				/* $?: the last command's status */
extern int sh_interactive;			/* reading commands from the console, not -c or FILE */
void sh_run_line(const char *line);		/* parse and run one line */
__attribute__((noreturn)) void sh_exit(int status);	/* terminal restored first */

/* term.c: the terminal, its modes and its foreground process group */
enum term_kind {
	TERM_NONE,	/* not a terminal (ENOTTY: a pipe, a file): plain lines */
	TERM_DUMB,	/* the kernel cannot say (ENOSYS): plain lines, with prompts */
	TERM_RAW,	/* a terminal: raw mode, our own editing and echo */
};
extern enum term_kind term_kind;
extern int job_control;				/* each command in its own group, given the terminal */
void term_init(void);
void term_raw(void);				/* the editor's mode */
void term_cooked(void);				/* the mode a command gets */
void term_lines(void);				/* canonical, without ISIG: the shell reading lines */
void term_restore(void);			/* the modes we started with */
void term_before_fork(void);			/* in the parent, before fork */
void term_child_setup(void);			/* in the child, between fork and execve */
void term_parent_fork(pid_t child);		/* in the parent, right after fork */
void term_take_back(void);			/* in the parent, once the command ended */

/* out.c: output, "\n" written as "\r\n" while the terminal is raw */
void sh_write(int fd, const char *s, size_t n);
void sh_write_raw(int fd, const char *s, size_t n);	/* as is, retrying partial writes */
void sh_puts(int fd, const char *s);
int sh_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern int raw_output;				/* set by term.c */

/* edit.c: the line editor and its history */
enum {
	EDIT_EOF = -1,		/* ^D on an empty line, or the terminal went away */
	EDIT_CANCEL = -2,	/* ^C: "^C" was printed, the line dropped */
	EDIT_TOOLONG = -3,	/* the line did not fit in SH_LINE_MAX */
};
int edit_line(const char *prompt, char *buf, size_t size);
int read_plain_line(int fd, char *buf, size_t size);	/* same codes, no editing */

/* parse.c: one command's words */
struct words {
	int argc;
	char *argv[SH_MAX_WORDS + 1];
	char buf[SH_WORD_BYTES];
};
int parse_command(const char **pos, struct words *w);	/* 0, or -1 (said why) */

/* run.c: builtins and programs */
int run_command(int argc, char **argv);			/* the status for $? */

/* builtins.c, builtins_fs.c */
typedef int builtin_fn(int argc, char **argv);
struct builtin {
	const char *name;
	builtin_fn *fn;
	int in_child;		/* may run forever: a child of its own, so that ^C stops it */
	const char *usage;
};
extern const struct builtin builtins[];
const struct builtin *builtin_find(const char *name);
builtin_fn builtin_help, builtin_echo, builtin_exit, builtin_cat, builtin_kill;
builtin_fn builtin_ls, builtin_ps, builtin_free;
int sort_strings(const void *a, const void *b);		/* qsort() of char * */
void print_columns(char **names, int n);

/* signames.c */
int signal_number(const char *name);	/* "KILL", "SIGKILL", "9"; -1 if none */
const char *signal_name(int sig);	/* "KILL"; NULL if unknown */
const char *signal_description(int sig);	/* "Killed", as bash says it */

#endif
