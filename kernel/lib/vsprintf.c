// SPDX-License-Identifier: MIT
/*
 * vsnprintf: the formatter behind printk.
 *
 * 64-bit numbers are divided with do_div(), which divides a u64 by a u32
 * with two 32-bit `divl` instructions, so printk needs no libgcc helper
 * and runs on a 486.
 */
#include <kernel/printk.h>
#include <kernel/string.h>

/* n = n / base; returns n % base. */
static u32 do_div(u64 *n, u32 base)
{
	u32 hi = (u32)(*n >> 32), lo = (u32)*n, rem, qhi = 0;

	if (hi >= base) {
		qhi = hi / base;
		hi %= base;
	}
	/* hi < base, so the quotient of hi:lo / base fits in 32 bits */
	__asm__("divl %4" : "=a"(lo), "=d"(rem) : "a"(lo), "d"(hi), "rm"(base));
	*n = ((u64)qhi << 32) | lo;
	return rem;
}

struct out {
	char *buf;
	size_t size, pos;
};

static void put(struct out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

enum { F_ZERO = 1, F_LEFT = 2, F_SIGN = 4, F_UPPER = 8, F_PLUS = 16, F_SPACE = 32, F_ALT = 64 };

/*
 * @prec: at least this many digits (C's %.5d), or -1. As in C, a
 * precision makes the 0 flag pad with spaces instead.
 */
static void put_number(struct out *o, u64 v, unsigned base, int width, int prec,
		       int flags, bool neg)
{
	const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len;
	char sign = neg ? '-' : (flags & F_PLUS) ? '+' : (flags & F_SPACE) ? ' ' : 0;
	bool nonzero = v != 0;
	const char *prefix;

	do {
		tmp[n++] = digits[do_div(&v, base)];
	} while (v);
	if (prec >= 0) {
		flags &= ~F_ZERO;
		if (prec > (int)sizeof(tmp))
			prec = sizeof(tmp);
		while (n < prec)
			tmp[n++] = '0';
	}
	/* %#x: "0x" before a nonzero hex number, as in C */
	prefix = (flags & F_ALT) && base == 16 && nonzero ? ((flags & F_UPPER) ? "0X" : "0x") : "";
	len = n + (sign ? 1 : 0) + (int)strlen(prefix);
	if (!(flags & F_LEFT) && !(flags & F_ZERO))
		while (width-- > len)
			put(o, ' ');
	if (sign)
		put(o, sign);
	for (; *prefix; prefix++)
		put(o, *prefix);
	if (!(flags & F_LEFT) && (flags & F_ZERO))
		while (width-- > len)
			put(o, '0');
	while (n)
		put(o, tmp[--n]);
	if (flags & F_LEFT)
		while (width-- > len)
			put(o, ' ');
}

static void put_string(struct out *o, const char *s, int width, int prec, int flags)
{
	int len;

	if (!s)
		s = "(null)";
	len = prec >= 0 ? (int)strnlen(s, prec) : (int)strlen(s);
	if (!(flags & F_LEFT))
		while (width-- > len)
			put(o, ' ');
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (flags & F_LEFT)
		while (width-- > len)
			put(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int flags = 0, width = 0, prec = -1, lng = 0, shrt = 0;
		unsigned base = 10;
		u64 v;
		bool neg = false;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (;;) {
			fmt++;
			if (*fmt == '0')
				flags |= F_ZERO;
			else if (*fmt == '-')
				flags |= F_LEFT;
			else if (*fmt == '+')
				flags |= F_PLUS;
			else if (*fmt == ' ')
				flags |= F_SPACE;
			else if (*fmt == '#')
				flags |= F_ALT;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {	/* C: a negative width means '-' */
				flags |= F_LEFT;
				width = -width;
			}
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			prec = 0;
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				prec = prec * 10 + (*fmt++ - '0');
		}
		while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h' || *fmt == 't') {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'h')
				shrt++;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			put(&o, (char)va_arg(ap, int));
			continue;
		case 's':
			put_string(&o, va_arg(ap, const char *), width, prec, flags);
			continue;
		case '%':
			put(&o, '%');
			continue;
		case 'p':
			put_number(&o, (unsigned long)va_arg(ap, void *), 16, 8, -1, F_ZERO, false);
			continue;
		case 'd':
		case 'i':
			if (lng >= 2) {
				s64 s = va_arg(ap, s64);
				neg = s < 0;
				v = neg ? -(u64)s : (u64)s;
			} else {
				long s = va_arg(ap, long);

				if (shrt == 1)		/* %hd: the value was promoted */
					s = (short)s;
				else if (shrt >= 2)	/* %hhd */
					s = (signed char)s;
				neg = s < 0;
				v = neg ? -(u64)(s64)s : (u64)s;
			}
			put_number(&o, v, 10, width, prec, flags, neg);
			continue;
		case 'X':
			flags |= F_UPPER;
			/* fall through */
		case 'x':
			base = 16;
			break;
		case 'o':
			base = 8;
			break;
		case 'u':
			break;
		case '\0':
			fmt--;
			continue;
		default:
			put(&o, '%');
			put(&o, *fmt);
			continue;
		}
		v = lng >= 2 ? va_arg(ap, u64) : (u64)va_arg(ap, unsigned long);
		if (shrt == 1)
			v = (unsigned short)v;
		else if (shrt >= 2)
			v = (unsigned char)v;
		put_number(&o, v, base, width, prec, flags, false);
	}
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return o.pos;
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
