// SPDX-License-Identifier: MIT
/*
 * libc.c: the user_libc suite: the project's own libc (user/lib/) checked
 * against what C specifies, so a failure elsewhere is the kernel's, not
 * printf's. No system calls beyond those the allocator makes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ut.h"

static void snprintf_formats(void)
{
	char b[64];
	int n;

#define FMT(want, ...) do { \
	n = snprintf(b, sizeof(b), __VA_ARGS__); \
	CHECK(!strcmp(b, want) && n == (int)strlen(want), "snprintf(%s) gave \"%s\" (%d), " \
	      "expected \"%s\"", #__VA_ARGS__, b, n, want); \
} while (0)
	FMT("42 -7 0", "%d %i %u", 42, -7, 0u);
	FMT("-2147483648", "%d", (int)0x80000000);
	FMT("4294967295 ffffffff FFFFFFFF 37777777777", "%u %x %X %o", -1u, -1u, -1u, -1u);
	FMT("deadbeef 0xdeadbeef 0", "%lx %#lx %#x", 0xdeadbeefUL, 0xdeadbeefUL, 0u);
	FMT("123456789abcdef0 -9223372036854775808 18446744073709551615",
	    "%llx %lld %llu", 0x123456789abcdef0ULL, (long long)(-9223372036854775807LL - 1),
	    ~0ULL);
	FMT("[   42] [42   ] [00042] [-0042]", "[%5d] [%-5d] [%05d] [%05d]", 42, 42, 42, -42);
	FMT("[0000beef] [  ab]", "[%08x] [%*x]", 0xbeef, 4, 0xab);
	FMT("[  abc] [abc  ] [ab]", "[%5s] [%-5s] [%.2s]", "abc", "abc", "abc");
	FMT("x 100% 0x1000", "%c %d%% %p", 'x', 100, (void *)0x1000);
	{
		const char *volatile null = NULL;	/* hidden from gcc's format check */

		FMT("(null)", "%s", null);
	}
	n = snprintf(b, 4, "%s", "abcdef");
	CHECK(n == 6 && !strcmp(b, "abc"), "truncation: \"%s\" %d", b, n);
	n = snprintf(NULL, 0, "%d", 12345);
	CHECK(n == 5, "snprintf(NULL, 0) returned %d", n);
#undef FMT
}

static void string_functions(void)
{
	char b[32] = "hello, world";

	CHECK(strlen(b) == 12 && strlen("") == 0, "strlen");
	CHECK(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 && !strcmp("x", "x"), "strcmp");
	CHECK(strcmp("\xff", "a") > 0, "strcmp must compare unsigned chars");
	CHECK(!strncmp("abcx", "abcy", 3) && strncmp("abcx", "abcy", 4) < 0, "strncmp");
	CHECK(strchr(b, 'o') == b + 4 && strrchr(b, 'o') == b + 8 && !strchr(b, 'z'), "strchr");
	CHECK(strchr(b, '\0') == b + 12, "strchr of NUL");
	CHECK(strstr(b, "world") == b + 7 && !strstr(b, "worlds") && strstr(b, "") == b,
	      "strstr");
	memmove(b + 1, b, 5);
	CHECK(!memcmp(b, "hhello world", 12), "memmove forward overlap: \"%s\"", b);
	memmove(b, b + 1, 5);
	CHECK(!memcmp(b, "helloo", 6), "memmove backward overlap: \"%s\"", b);
	memset(b, 'z', 3);
	CHECK(!memcmp(b, "zzzloo", 6), "memset");
	CHECK(strlcpy(b, "truncated", 5) == 9 && !strcmp(b, "trun"), "strlcpy");
}

static void number_parsing(void)
{
	char *end;

	CHECK(strtoul("0x1fZ", &end, 0) == 0x1f && *end == 'Z', "strtoul hex");
	CHECK(strtoul("0755", NULL, 0) == 0755, "strtoul octal");
	CHECK(strtoul("  123abc", &end, 10) == 123 && *end == 'a', "strtoul decimal");
	CHECK(strtoull("18446744073709551615", NULL, 10) == ~0ULL, "strtoull max");
	CHECK(atoi("-42") == -42 && atoi("7") == 7, "atoi");
	CHECK(strtoul("ffffffff", NULL, 16) == 0xffffffffUL, "strtoul 32-bit max");
}

static const struct ut_case cases[] = {
	{ "snprintf_formats", snprintf_formats },
	{ "string_functions", string_functions },
	{ "number_parsing", number_parsing },
};
UT_SUITE(suite_libc, "user_libc", cases);
