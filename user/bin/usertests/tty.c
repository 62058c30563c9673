// SPDX-License-Identifier: MIT
/*
 * tty.c: the user_tty suite: ioctl(2), the console terminal's modes, and
 * process groups and sessions.
 *
 * Anything that needs a terminal on stdin (on Fenestra, /dev/console)
 * first checks isatty(0) and says # SKIP without one: the host run
 * (stdin /dev/null) skips those and still checks the rest against Linux.
 * Typing is done with TIOCSTI, a byte inserted as if received, which
 * goes through the receive path, ^C's signal included. Modern Linux
 * refuses TIOCSTI (dev.tty.legacy_tiocsti), so those cases are
 * Fenestra's only. Every case that changes the terminal's modes or its
 * foreground group puts them back.
 */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ut.h"

#define NEED_TTY() do { \
	if (!isatty(0)) \
		SKIP("stdin is not a terminal"); \
} while (0)

#define NEED_FENESTRA_TTY() do { \
	NEED_TTY(); \
	if (ut_is_linux()) \
		SKIP("needs TIOCSTI, which modern Linux refuses"); \
} while (0)

static void sti(const char *s)
{
	for (; *s; s++)
		ioctl(0, TIOCSTI, s);
}

static void sleep_forever(void)
{
	struct timespec ts = { 100000, 0 };

	for (;;)
		nanosleep(&ts, NULL);
}

static void tcgets_defaults(void)
{
	struct termios t;

	NEED_TTY();
	if (ut_is_linux())
		SKIP("the host terminal's modes are its own");
	CHECK(ioctl(0, TCGETS, &t) == 0, "TCGETS: %s", errno_name(errno));
	CHECK(t.c_iflag == (ICRNL | IXON), "c_iflag %#o", t.c_iflag);
	CHECK(t.c_oflag == (OPOST | ONLCR), "c_oflag %#o", t.c_oflag);
	CHECK(t.c_cflag == (B38400 | CS8 | CREAD | HUPCL), "c_cflag %#o", t.c_cflag);
	CHECK(t.c_lflag == (ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN),
	      "c_lflag %#o", t.c_lflag);
	CHECK(t.c_cc[VINTR] == 3 && t.c_cc[VQUIT] == 034 && t.c_cc[VERASE] == 0177 &&
	      t.c_cc[VKILL] == 025 && t.c_cc[VEOF] == 4, "c_cc %d %d %d %d %d", t.c_cc[VINTR],
	      t.c_cc[VQUIT], t.c_cc[VERASE], t.c_cc[VKILL], t.c_cc[VEOF]);
	CHECK(t.c_cc[VTIME] == 0 && t.c_cc[VMIN] == 1, "VTIME %d VMIN %d", t.c_cc[VTIME],
	      t.c_cc[VMIN]);
}

static void tcsets_round_trip(void)
{
	struct termios old, t, back;

	NEED_TTY();
	CHECK(tcgetattr(0, &old) == 0, "tcgetattr: %s", errno_name(errno));
	t = old;
	t.c_lflag &= ~ECHOCTL;
	t.c_cc[VMIN] = 5;
	t.c_cc[VTIME] = 3;
	t.c_cc[VWERASE] = 0;
	CHECK(tcsetattr(0, TCSANOW, &t) == 0, "TCSETS: %s", errno_name(errno));
	CHECK(tcgetattr(0, &back) == 0, "tcgetattr: %s", errno_name(errno));
	tcsetattr(0, TCSANOW, &old);
	CHECK(back.c_lflag == t.c_lflag && back.c_iflag == t.c_iflag && back.c_oflag == t.c_oflag,
	      "flags did not round-trip");
	CHECK(back.c_cc[VMIN] == 5 && back.c_cc[VTIME] == 3 && back.c_cc[VWERASE] == 0,
	      "c_cc did not round-trip");
	CHECK(tcgetattr(0, &back) == 0 && back.c_lflag == old.c_lflag, "modes not restored");
}

static void ioctl_devnull_enotty(void)
{
	struct termios t;
	int fd = open("/dev/null", O_RDWR);

	CHECK(fd >= 0, "open /dev/null: %s", errno_name(errno));
	errno = 0;
	CHECK(ioctl(fd, TCGETS, &t) == -1 && errno == ENOTTY, "TCGETS on /dev/null: errno %s",
	      errno_name(errno));
	CHECK(!isatty(fd), "isatty(/dev/null)");
	close(fd);
}

static void ioctl_bad_fd_ebadf(void)
{
	struct termios t;

	errno = 0;
	CHECK(ioctl(1000, TCGETS, &t) == -1 && errno == EBADF, "fd 1000: errno %s",
	      errno_name(errno));
	errno = 0;
	CHECK(ioctl(-1, TCGETS, &t) == -1 && errno == EBADF, "fd -1: errno %s", errno_name(errno));
}

static void ioctl_bad_pointer_efault(void)
{
	NEED_TTY();
	errno = 0;
	CHECK(ioctl(0, TCGETS, (void *)16) == -1 && errno == EFAULT, "TCGETS to 16: errno %s",
	      errno_name(errno));
	errno = 0;
	CHECK(ioctl(0, TCSETS, (void *)0xc0000000) == -1 && errno == EFAULT,
	      "TCSETS from the kernel half: errno %s", errno_name(errno));
	errno = 0;
	CHECK(ioctl(0, TIOCGWINSZ, (void *)16) == -1 && errno == EFAULT,
	      "TIOCGWINSZ to 16: errno %s", errno_name(errno));
	errno = 0;
	CHECK(ioctl(0, TIOCGPGRP, (void *)16) == -1 && errno == EFAULT,
	      "TIOCGPGRP to 16: errno %s", errno_name(errno));
}

static void ioctl_unknown_enotty(void)
{
	NEED_TTY();
	errno = 0;
	CHECK(ioctl(0, 0x54ff, 0) == -1 && errno == ENOTTY, "request 0x54ff: errno %s",
	      errno_name(errno));
}

static void winsize_default_and_set(void)
{
	struct winsize ws, old, back;

	NEED_TTY();
	CHECK(ioctl(0, TIOCGWINSZ, &old) == 0, "TIOCGWINSZ: %s", errno_name(errno));
	if (!ut_is_linux())
		CHECK(old.ws_row == 24 && old.ws_col == 80, "%ux%u, not 24x80", old.ws_row,
		      old.ws_col);
	ws = old;
	ws.ws_row = 50;
	ws.ws_col = 132;
	CHECK(ioctl(0, TIOCSWINSZ, &ws) == 0, "TIOCSWINSZ: %s", errno_name(errno));
	CHECK(ioctl(0, TIOCGWINSZ, &back) == 0, "TIOCGWINSZ: %s", errno_name(errno));
	ioctl(0, TIOCSWINSZ, &old);
	CHECK(back.ws_row == 50 && back.ws_col == 132, "got %ux%u", back.ws_row, back.ws_col);
}

/* In a child: Linux's rules for setpgid/getpgid/getpgrp/setsid/getsid. Exit code: the failed step. */
static int pgrp_rules_child(void *arg)
{
	pid_t me = getpid(), sid = getsid(0), kid;
	int status;

	(void)arg;
	if (getpgrp() != getpgid(0) || getpgid(me) != getpgrp())
		return 1;
	if (getpgrp() == me)
		return 2;			/* a fresh child is not a group leader */
	if (setpgid(0, -1) != -1 || errno != EINVAL)
		return 3;
	if (getpgid(0x7ffffff0) != -1 || errno != ESRCH)
		return 4;
	if (setpgid(0x7ffffff0, 0) != -1 || errno != ESRCH)
		return 5;			/* not us, not our child */
	if (setpgid(getppid(), 0) != -1 || errno != ESRCH)
		return 6;			/* our parent is not our child */
	if (setpgid(0, 0x7ffffff0) != -1 || errno != EPERM)
		return 7;			/* no such group in our session */
	if (setpgid(0, 0) != 0 || getpgrp() != me || getpgid(0) != me)
		return 8;
	if (getsid(0) != sid || getsid(me) != sid)
		return 9;			/* still the same session */
	if (setsid() != -1 || errno != EPERM)
		return 10;			/* a group leader cannot start a session */
	kid = fork();
	if (kid == 0) {
		pid_t self = getpid();

		if (setsid() != self || getsid(0) != self || getpgrp() != self)
			_exit(20);
		if (setpgid(0, me) != -1 || errno != EPERM)
			_exit(21);		/* a session leader stays in its group */
		_exit(0);
	}
	if (kid < 0 || waitpid(kid, &status, 0) != kid)
		return 11;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return WIFEXITED(status) ? WEXITSTATUS(status) : 12;
	kid = fork();
	if (kid == 0) {
		setsid();
		sleep_forever();
	}
	for (int i = 0; getsid(kid) != kid && ut_poll_wait(i); i++)
		;
	if (getsid(kid) != kid) {
		kill(kid, SIGKILL);
		return 13;
	}
	if (setpgid(kid, me) != -1 || errno != EPERM) {
		kill(kid, SIGKILL);
		return 14;			/* a child in another session */
	}
	kill(kid, SIGKILL);
	waitpid(kid, &status, 0);
	return 0;
}

static void pgrp_rules(void)
{
	int status = ut_run_child(pgrp_rules_child, NULL);

	CHECK(status >= 0, "fork/wait: %s", errno_name(errno));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "child: %s (the step that failed, see pgrp_rules_child)", ut_status_str(status));
}

static void fork_inherits_pgrp(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(getpgrp() == getpgid(getppid()) && getsid(0) == getsid(getppid()) ? 0 : 1);
	CHECK(pid > 0, "fork: %s", errno_name(errno));
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid: %s", errno_name(errno));
	CHECK(status == 0, "child not in its parent's group and session: %s",
	      ut_status_str(status));
}

/* kill(-pgid) ends the whole group, and nobody else; kill(0) the caller's own group. */
static void kill_process_group(void)
{
	pid_t a, b, c;
	int status;

	a = fork();
	if (a == 0) {
		setpgid(0, 0);
		sleep_forever();
	}
	CHECK(a > 0, "fork: %s", errno_name(errno));
	setpgid(a, a);				/* both sides: whoever runs first */
	b = fork();
	if (b == 0) {
		setpgid(0, a);
		sleep_forever();
	}
	CHECK(b > 0, "fork: %s", errno_name(errno));
	setpgid(b, a);
	CHECK(getpgid(a) == a && getpgid(b) == a, "groups %d %d, want %d", getpgid(a), getpgid(b), a);
	CHECK(kill(-a, 0) == 0, "kill(-%d, 0): %s", a, errno_name(errno));
	CHECK(kill(-a, SIGTERM) == 0, "kill(-%d, SIGTERM): %s", a, errno_name(errno));
	CHECK(waitpid(a, &status, 0) == a && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "first member: %s", ut_status_str(status));
	CHECK(waitpid(b, &status, 0) == b && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "second member: %s", ut_status_str(status));
	errno = 0;
	CHECK(kill(-a, SIGTERM) == -1 && errno == ESRCH, "empty group: errno %s", errno_name(errno));
	CHECK(kill(-2147483647 - 1, SIGTERM) == -1 && errno == ESRCH, "kill(INT_MIN): errno %s",
	      errno_name(errno));

	c = fork();
	if (c == 0) {
		setpgid(0, 0);
		kill(0, SIGTERM);		/* our own group: ourselves */
		_exit(7);
	}
	CHECK(c > 0, "fork: %s", errno_name(errno));
	CHECK(waitpid(c, &status, 0) == c && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "kill(0) in its own group: %s", ut_status_str(status));
}

/*
 * The job-control picture a shell relies on: a child in its own group,
 * made the terminal's foreground group, dies of SIGINT when ^C is typed;
 * the parent, in another group, is not touched.
 */
static void ctrl_c_kills_foreground_group(void)
{
	pid_t saved, pid, other;
	struct termios old, t;
	int status, r;

	NEED_FENESTRA_TTY();
	CHECK(tcgetattr(0, &old) == 0, "tcgetattr: %s", errno_name(errno));
	saved = tcgetpgrp(0);
	CHECK(saved >= 0, "TIOCGPGRP: %s", errno_name(errno));
	errno = 0;
	CHECK(tcsetpgrp(0, 0x7ffffff0) == -1 && errno == ESRCH, "no such group: errno %s",
	      errno_name(errno));
	errno = 0;
	CHECK(tcsetpgrp(0, -1) == -1 && errno == EINVAL, "group -1: errno %s", errno_name(errno));
	other = fork();
	if (other == 0) {
		setsid();
		sleep_forever();
	}
	for (int i = 0; getsid(other) != other && ut_poll_wait(i); i++)
		;
	errno = 0;
	r = tcsetpgrp(0, other);
	kill(other, SIGKILL);
	waitpid(other, &status, 0);
	CHECK(r == -1 && errno == EPERM, "a group of another session: errno %s", errno_name(errno));
	other = fork();
	if (other == 0) {			/* another session: not its terminal */
		int sid;

		setsid();
		errno = 0;
		if (tcgetpgrp(0) != -1 || errno != ENOTTY)
			_exit(1);
		errno = 0;
		_exit(ioctl(0, TIOCGSID, &sid) == -1 && errno == ENOTTY ? 0 : 2);
	}
	CHECK(other > 0 && waitpid(other, &status, 0) == other && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0,
	      "TIOCGPGRP (1) / TIOCGSID (2) from another session not ENOTTY: %s",
	      ut_status_str(status));

	t = old;
	t.c_lflag |= ISIG | ICANON;
	t.c_lflag &= ~ECHO;			/* no "^C" in the middle of the KTAP output */
	tcsetattr(0, TCSANOW, &t);
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		sleep_forever();
	}
	CHECK(pid > 0, "fork: %s", errno_name(errno));
	setpgid(pid, pid);
	r = tcsetpgrp(0, pid);
	if (r == 0 && tcgetpgrp(0) == pid)
		sti("\x03");			/* ^C, as if typed */
	else
		kill(pid, SIGKILL);
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid: %s", errno_name(errno));
	if (saved > 0)
		tcsetpgrp(0, saved);
	tcsetattr(0, TCSANOW, &old);
	CHECK(r == 0, "TIOCSPGRP %d: %s", pid, errno_name(errno));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT, "foreground child: %s",
	      ut_status_str(status));
}

/* Canonical mode through the system calls: editing, a line at a time, ^D. */
static void canonical_line_editing(void)
{
	struct termios old, t;
	char buf[32];
	int n1, n2, n3, avail = -1;

	NEED_FENESTRA_TTY();
	CHECK(tcgetattr(0, &old) == 0, "tcgetattr: %s", errno_name(errno));
	t = old;
	t.c_lflag |= ICANON;
	tcsetattr(0, TCSAFLUSH, &t);
	sti("ab\x7f" "c\rnext\n\x04");
	ioctl(0, FIONREAD, &avail);
	n1 = (int)read(0, buf, sizeof(buf));
	n2 = (int)read(0, buf + 8, 8);
	n3 = (int)read(0, buf + 16, 8);
	tcsetattr(0, TCSANOW, &old);
	CHECK(avail == 11, "FIONREAD %d, want 11: every byte typed (none edited or read yet)", avail);
	CHECK(n1 == 3 && !memcmp(buf, "ac\n", 3), "first line: %d bytes", n1);
	CHECK(n2 == 5 && !memcmp(buf + 8, "next\n", 5), "second line: %d bytes", n2);
	CHECK(n3 == 0, "^D on an empty line: read returned %d, not 0", n3);
}

/* Raw mode: bytes come back one at a time, as typed, unechoed; VMIN=0 polls. */
static void raw_mode_bytes(void)
{
	struct termios old, t;
	char c[4] = { 0 };
	int r[4];

	NEED_FENESTRA_TTY();
	CHECK(tcgetattr(0, &old) == 0, "tcgetattr: %s", errno_name(errno));
	t = old;
	cfmakeraw(&t);
	CHECK(tcsetattr(0, TCSAFLUSH, &t) == 0, "tcsetattr: %s", errno_name(errno));
	sti("x\r\x03");				/* ^C is data without ISIG */
	r[0] = (int)read(0, &c[0], 1);
	r[1] = (int)read(0, &c[1], 1);
	r[2] = (int)read(0, &c[2], 1);
	t.c_cc[VMIN] = 0;
	tcsetattr(0, TCSANOW, &t);
	r[3] = (int)read(0, &c[3], 1);
	tcsetattr(0, TCSANOW, &old);
	CHECK(r[0] == 1 && r[1] == 1 && r[2] == 1, "reads returned %d %d %d", r[0], r[1], r[2]);
	CHECK(c[0] == 'x' && c[1] == '\r' && c[2] == 3, "got %#x %#x %#x", c[0], c[1], c[2]);
	CHECK(r[3] == 0, "VMIN=0 on an empty queue returned %d", r[3]);
}

/* @pid's state letter from /proc/PID/stat (after the last ')'), or 0. */
static char proc_state(pid_t pid)
{
	char path[32], buf[256], *p;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/* A reader asleep on the terminal is woken by a signal, and dies of it. */
static void kill_wakes_tty_reader(void)
{
	pid_t pid;
	int status, i;
	char state = 0;

	NEED_TTY();
	pid = fork();
	if (pid == 0) {
		char c;

		read(0, &c, 1);
		_exit(3);
	}
	CHECK(pid > 0, "fork: %s", errno_name(errno));
	/* until it sleeps in read(): 'S' on Linux, 'D' here (TASK_KILLABLE) */
	for (i = 0; (state = proc_state(pid)) != 'S' && state != 'D' && ut_poll_wait(i); i++)
		;
	CHECK(kill(pid, SIGKILL) == 0, "kill: %s", errno_name(errno));
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid: %s", errno_name(errno));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "reader: %s",
	      ut_status_str(status));
	CHECK(state == 'S' || state == 'D', "the reader never slept (state '%c' after %d polls)",
	      state ? state : '?', i);
}

static const struct ut_case tty_cases[] = {
	{ "tcgets_defaults", tcgets_defaults },
	{ "tcsets_round_trip", tcsets_round_trip },
	{ "ioctl_devnull_enotty", ioctl_devnull_enotty },
	{ "ioctl_bad_fd_ebadf", ioctl_bad_fd_ebadf },
	{ "ioctl_bad_pointer_efault", ioctl_bad_pointer_efault },
	{ "ioctl_unknown_enotty", ioctl_unknown_enotty },
	{ "winsize_default_and_set", winsize_default_and_set },
	{ "pgrp_rules", pgrp_rules },
	{ "fork_inherits_pgrp", fork_inherits_pgrp },
	{ "kill_process_group", kill_process_group },
	{ "ctrl_c_kills_foreground_group", ctrl_c_kills_foreground_group },
	{ "canonical_line_editing", canonical_line_editing },
	{ "raw_mode_bytes", raw_mode_bytes },
	{ "kill_wakes_tty_reader", kill_wakes_tty_reader },
};

UT_SUITE(suite_tty, "user_tty", tty_cases);
