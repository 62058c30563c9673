// SPDX-License-Identifier: MIT
/* The few C library string functions the kernel uses. */
#include <kernel/string.h>
#include <kernel/compiler.h>

void *memset(void *s, int c, size_t n)
{
	void *ret = s;
	u32 pattern = (u8)c * 0x01010101u;
	size_t words = n >> 2;

	/* rep stosl for whole words (a 4 KiB page is 1024 stores, not 4096), stosb for the rest */
	__asm__ __volatile__("rep stosl" : "+D"(s), "+c"(words) : "a"(pattern) : "memory");
	n &= 3;
	__asm__ __volatile__("rep stosb" : "+D"(s), "+c"(n) : "a"(pattern) : "memory");
	return ret;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	size_t words = n >> 2;

	__asm__ __volatile__("rep movsl" : "+D"(dst), "+S"(src), "+c"(words) :: "memory");
	n &= 3;
	__asm__ __volatile__("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) :: "memory");
	return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/*
 * The digits of @s in @base (0: from the prefix, as in C), stopping at
 * the first character that is not a digit or whose digit would take the
 * value past 2^64 - 1; *@overflow says which. Linux's simple_strtoull
 * wraps instead; stopping leaves the offending digit at *end, where a
 * caller that wants the whole string to be a number sees it as junk.
 */
static unsigned long long parse_digits(const char *s, char **end, unsigned int base,
				       bool *overflow)
{
	unsigned long long v = 0;
	int d;

	*overflow = false;
	if (!base) {
		base = 10;
		if (s[0] == '0') {
			base = 8;
			if (s[1] == 'x' || s[1] == 'X') {
				base = 16;
				s += 2;
			}
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	while ((d = digit_value(*s)) < (int)base) {
		if (v > (~0ULL - d) / base) {
			*overflow = true;
			break;
		}
		v = v * base + d;
		s++;
	}
	*end = (char *)s;
	return v;
}

unsigned long long simple_strtoull(const char *s, char **end, unsigned int base)
{
	bool overflow;
	char *e;
	unsigned long long v = parse_digits(s, &e, base, &overflow);

	if (end)
		*end = e;
	return v;
}

/*
 * A K, M or G suffix is a shift by 10, 20 or 30; one that would push bits
 * out of the top (17592186044928M is 2^64 + 512 MiB) is not taken, and
 * *end stays on it, as on a digit that overflows.
 */
static unsigned long long parse_size(const char *s, char **end, bool *overflow)
{
	unsigned long long v = parse_digits(s, end, 0, overflow);
	unsigned int shift = 0;

	if (*overflow)
		return v;
	switch (**end) {
	case 'G': case 'g':
		shift = 30;
		break;
	case 'M': case 'm':
		shift = 20;
		break;
	case 'K': case 'k':
		shift = 10;
		break;
	default:
		return v;
	}
	if (v > (~0ULL >> shift)) {
		*overflow = true;
		return v;
	}
	(*end)++;
	return v << shift;
}

unsigned long long memparse(const char *s, char **end)
{
	bool overflow;
	char *e;
	unsigned long long v = parse_size(s, &e, &overflow);

	if (end)
		*end = e;
	return v;
}

bool memparse_overflows(const char *s)
{
	int base = s[0] != '0' ? 10 : (s[1] == 'x' || s[1] == 'X') ? 16 : 8;
	bool overflow;
	char *e;

	parse_size(s, &e, &overflow);
	if (!overflow)
		return false;
	/* the rest must still read as a size: more digits, one suffix, the end */
	while (digit_value(*e) < base)
		e++;
	if (*e && strchr("KkMmGg", *e))
		e++;
	return !*e;
}
