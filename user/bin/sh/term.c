// SPDX-License-Identifier: MIT
/*
 * term.c: the terminal's modes and who owns it.
 *
 * At the prompt the shell wants every key as it is typed: raw mode
 * (cfmakeraw: no canonical line, no echo, no ^C signal, no output
 * processing), with the editing done in edit.c. A command wants the
 * opposite, the modes the terminal had when the shell started (canonical,
 * echo, ISIG), so that ^C reaches it. term_raw() and term_cooked() switch
 * between the two; term_restore() puts the original back on the way out.
 *
 * Who gets ^C is the terminal's foreground process group: the kernel
 * sends SIGINT to every process of that group. With job control the
 * shell puts itself in its own group and claims the terminal at start;
 * each command then gets a group of its own (the child's pid) and the
 * terminal, and the shell takes the terminal back when the command has
 * ended -- raw mode first, then the foreground, so that the command's
 * ISIG is never on while the shell's group owns the terminal. So ^C
 * kills the command and never the shell. Both parent and
 * child call setpgid(child, child), so the group exists whichever runs
 * first; only the parent (still in the foreground) calls tcsetpgrp, and
 * the child waits until it sees its group in the foreground before it
 * sets the normal modes and execs -- a ^C typed in between therefore
 * cannot reach the shell, whose raw mode has no ISIG until then. Should
 * its group never come to the foreground (the parent's tcsetpgrp failed),
 * the child gives up after a bounded wait and gets the normal modes
 * without ISIG.
 *
 * What the terminal is decides the rest (term_kind): tcgetattr() works on
 * a terminal (TERM_RAW); a pipe or a file answers ENOTTY (TERM_NONE:
 * plain lines, no prompt, no process groups, as sh under a pipe on
 * Linux); a kernel without terminal ioctls answers ENOSYS (TERM_DUMB: its
 * console still edits and echoes lines itself, so plain lines with a
 * prompt). If the terminal cannot be claimed (tcsetpgrp fails), editing
 * stays but job control is off: commands then run without ISIG, so that
 * a ^C cannot kill the shell along with them.
 *
 * Where it differs from Linux shells: no job control beyond this (no ^Z,
 * bg, fg, &); a command that stops anyway (^Z on a Linux host) is killed.
 * Linux stops a background process that sets the terminal's modes or its
 * foreground group with SIGTTOU unless it ignores the signal, so on a
 * Linux host the shell ignores SIGTTOU (and its children get the default
 * back); Fenestra has no SIGTTOU and no rt_sigaction, so it is not asked.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/utsname.h>
#include <termios.h>
#include <unistd.h>
#include "sh.h"

enum term_kind term_kind = TERM_NONE;
int job_control;

static struct termios saved;	/* as we found it */
static struct termios cooked;	/* what a command gets */
static struct termios raw;	/* the editor's */
static struct termios lines;	/* for the shell itself reading lines: cooked without ISIG */
static int raw_now;
static int ttou_ignored;

static int on_linux(void)
{
	struct utsname u;

	return uname(&u) == 0 && !strcmp(u.sysname, "Linux");
}

void term_init(void)
{
	pid_t me = getpid();

	if (tcgetattr(STDIN_FILENO, &saved) < 0) {
		term_kind = errno == ENOSYS ? TERM_DUMB : TERM_NONE;
		return;
	}
	term_kind = TERM_RAW;
	raw = saved;
	cfmakeraw(&raw);
	cooked = saved;

	if (on_linux() && signal(SIGTTOU, SIG_IGN) != SIG_ERR)
		ttou_ignored = 1;
	/* A session leader (a Linux pty's first process) already leads its group. */
	if (setpgid(0, 0) < 0 && getpgrp() != me)
		sh_error("sh: no job control (setpgid: %s): ^C cannot stop a program\n",
			 errno_name(errno));
	else if (tcsetpgrp(STDIN_FILENO, me) < 0)
		sh_error("sh: no job control (tcsetpgrp: %s): ^C cannot stop a program\n",
			 errno_name(errno));
	else
		job_control = 1;
	if (!job_control)
		cooked.c_lflag &= ~ISIG;	/* ^C would reach the shell too */
	lines = cooked;
	lines.c_lflag &= ~ISIG;
}

static void set_modes(const struct termios *t, int is_raw)
{
	if (term_kind != TERM_RAW)
		return;
	tcsetattr(STDIN_FILENO, TCSANOW, t);
	raw_now = is_raw;
	raw_output = is_raw;
}

void term_raw(void)
{
	if (!raw_now)
		set_modes(&raw, 1);
}

void term_cooked(void)
{
	if (raw_now)
		set_modes(&cooked, 0);
}

/* Canonical lines for the shell itself (cat reading the terminal): ^C must not kill it. */
void term_lines(void)
{
	if (term_kind == TERM_RAW && raw_now)
		set_modes(&lines, 0);
}

void term_restore(void)
{
	if (term_kind == TERM_RAW)
		set_modes(&saved, 0);
}

/* The child of fork(), before execve: its own group, the terminal, the normal modes. */
void term_child_setup(void)
{
	if (ttou_ignored)
		signal(SIGTTOU, SIG_DFL);
	if (term_kind != TERM_RAW)
		return;
	if (job_control) {
		pid_t me = getpid();

		setpgid(0, 0);
		/* the parent's tcsetpgrp() comes at once; bounded in case it failed */
		for (int i = 0; i < 10000 && tcgetpgrp(STDIN_FILENO) != me; i++)
			sched_yield();
		/* ISIG only while we are the foreground: else a ^C would go to the shell's group */
		set_modes(tcgetpgrp(STDIN_FILENO) == me ? &cooked : &lines, 0);
	}
	raw_output = 0;		/* the parent set the modes when there is no job control */
}

/* Without job control the parent sets the normal modes (the child cannot wait for its turn). */
void term_before_fork(void)
{
	if (!job_control)
		term_cooked();
}

void term_parent_fork(pid_t child)
{
	if (term_kind != TERM_RAW || !job_control)
		return;
	setpgid(child, child);		/* EACCES once it has exec'd: it did it itself */
	tcsetpgrp(STDIN_FILENO, child);
	raw_now = 0;			/* the child sets the normal modes */
	raw_output = 0;
}

void term_take_back(void)
{
	if (term_kind != TERM_RAW)
		return;
	/* raw (no ISIG) first: the command's modes must not outlive its turn in the foreground */
	raw_now = 0;
	term_raw();
	if (job_control && tcsetpgrp(STDIN_FILENO, getpid()) < 0)
		sh_error("sh: cannot take the terminal back (tcsetpgrp: %s)\n", errno_name(errno));
}
