// SPDX-License-Identifier: MIT
/*
 * tty.c: terminals and process groups. ioctl() is the raw call with -1 and
 * errno; the termios functions are the TCGETS/TCSETS* requests, as a
 * Linux libc makes them (tcsetattr's action picks TCSETS, TCSETSW or
 * TCSETSF); isatty() is "TCGETS works".
 */
#include <errno.h>
#include <stdarg.h>
#include <syscall.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static long ret(long r)
{
	if (SYSCALL_IS_ERR(r)) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return ret(syscall3(__NR_ioctl, fd, request, arg));
}

int tcgetattr(int fd, struct termios *t)	{ return ioctl(fd, TCGETS, t); }
int tcflush(int fd, int queue)			{ return ioctl(fd, TCFLSH, queue); }

int tcsetattr(int fd, int action, const struct termios *t)
{
	switch (action) {
	case TCSANOW:	return ioctl(fd, TCSETS, t);
	case TCSADRAIN:	return ioctl(fd, TCSETSW, t);
	case TCSAFLUSH:	return ioctl(fd, TCSETSF, t);
	}
	errno = EINVAL;
	return -1;
}

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~OPOST;
	t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

pid_t tcgetpgrp(int fd)
{
	pid_t pgrp;

	return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)		{ return ioctl(fd, TIOCSPGRP, &pgrp); }

int isatty(int fd)
{
	struct termios t;

	return tcgetattr(fd, &t) == 0;
}

pid_t setsid(void)			{ return ret(syscall0(__NR_setsid)); }
pid_t getsid(pid_t pid)			{ return ret(syscall1(__NR_getsid, pid)); }
int setpgid(pid_t pid, pid_t pgid)	{ return ret(syscall2(__NR_setpgid, pid, pgid)); }
pid_t getpgid(pid_t pid)		{ return ret(syscall1(__NR_getpgid, pid)); }
pid_t getpgrp(void)			{ return ret(syscall0(__NR_getpgrp)); }
