// SPDX-License-Identifier: MIT
/*
 * out.c: the shell's own output. While the terminal is in raw mode its
 * output processing (OPOST, ONLCR) is off too, so a bare "\n" would move
 * down without returning to the left margin; everything the shell writes
 * therefore goes through sh_write(), which writes "\n" as "\r\n" while
 * raw_output is set (term.c keeps it in step with the terminal's mode).
 * Builtins run in the shell itself, in raw mode, and print through here;
 * programs get the normal modes and the kernel's ONLCR.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

int raw_output;

void sh_write_raw(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t r = write(fd, s, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return;		/* nowhere to say it */
		s += r;
		n -= r;
	}
}

void sh_write(int fd, const char *s, size_t n)
{
	char buf[512];
	size_t k = 0;

	if (!raw_output) {
		sh_write_raw(fd, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (k + 2 > sizeof(buf)) {
			sh_write_raw(fd, buf, k);
			k = 0;
		}
		if (s[i] == '\n')
			buf[k++] = '\r';
		buf[k++] = s[i];
	}
	sh_write_raw(fd, buf, k);
}

void sh_puts(int fd, const char *s)
{
	sh_write(fd, s, strlen(s));
}

static int vout(int fd, const char *fmt, va_list ap)
{
	char buf[1024];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;	/* cut, as printf() cuts */
	sh_write(fd, buf, n);
	return n;
}

int sh_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vout(STDOUT_FILENO, fmt, ap);
	va_end(ap);
	return n;
}

int sh_error(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vout(STDERR_FILENO, fmt, ap);
	va_end(ap);
	return n;
}
