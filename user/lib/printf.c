// SPDX-License-Identifier: MIT
/*
 * printf.c: vsnprintf and the functions built on it.
 *
 * One formatter writes into a bounded buffer and always counts what the
 * whole output would have been (C99 snprintf semantics), so the output
 * functions are vsnprintf into a PRINTF_BUF stack buffer plus one write(2).
 * Integers are converted as unsigned long long (64-bit division comes from
 * libgcc's __udivdi3/__umoddi3), the sign handled apart.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct out {
	char *buf;
	size_t size;	/* room including the NUL */
	size_t len;	/* what the full output would be */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* One converted field: prefix ("-", "0x") + zeros + digits, padded to width. */
static void field(struct out *o, const char *prefix, const char *digits, int len,
		  int width, int left, int zero)
{
	int plen = strlen(prefix);
	int fill = width - plen - len;

	if (!left && !zero)
		pad(o, ' ', fill);
	while (*prefix)
		put(o, *prefix++);
	if (!left && zero)
		pad(o, '0', fill);
	for (int i = 0; i < len; i++)
		put(o, digits[i]);
	if (left)
		pad(o, ' ', fill);
}

static int utoa(char *end, unsigned long long v, unsigned base, int upper)
{
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	do {
		*--p = dig[v % base];
		v /= base;
	} while (v);
	return end - p;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int left = 0, zero = 0, alt = 0, width = 0, prec = -1, lng = 0;
		char tmp[24];
		unsigned long long v;
		const char *prefix = "";
		int n;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (fmt++; *fmt == '-' || *fmt == '0' || *fmt == '#'; fmt++)
			*fmt == '-' ? (left = 1) : *fmt == '#' ? (alt = 1) : (zero = 1);
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0)
				left = 1, width = -width;
			fmt++;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + *fmt - '0';
		if (*fmt == '.')
			for (prec = 0, fmt++; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + *fmt - '0';
		for (; *fmt == 'l' || *fmt == 'h' || *fmt == 'z'; fmt++)
			lng += *fmt == 'l';
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long s = lng >= 2 ? va_arg(ap, long long) : va_arg(ap, long);

			v = s < 0 ? -(unsigned long long)s : (unsigned long long)s;
			prefix = s < 0 ? "-" : "";
			n = utoa(tmp + sizeof(tmp), v, 10, 0);
			field(&o, prefix, tmp + sizeof(tmp) - n, n, width, left, zero);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			v = lng >= 2 ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned long);
			n = utoa(tmp + sizeof(tmp), v, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
				 *fmt == 'X');
			if (alt && v && *fmt != 'u')	/* %#x: 0x1f, %#o: 017, but 0 stays 0 */
				prefix = *fmt == 'x' ? "0x" : *fmt == 'X' ? "0X" : "0";
			field(&o, prefix, tmp + sizeof(tmp) - n, n, width, left, zero);
			break;
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			n = utoa(tmp + sizeof(tmp), v, 16, 0);
			field(&o, "0x", tmp + sizeof(tmp) - n, n, width, left, zero);
			break;
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			field(&o, "", tmp, 1, width, left, 0);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			n = strlen(s);
			if (prec >= 0 && n > prec)
				n = prec;
			field(&o, "", s, n, width, left, 0);
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:	/* unknown: print it as written */
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	char buf[PRINTF_BUF];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	return write(fd, buf, n);
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(STDOUT_FILENO, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return printf("%s\n", s);
}
