/* SPDX-License-Identifier: MIT */
/*
 * ht: the host unit-test harness. Shared by the test files (which are
 * kernel translation units: they include kernel headers, never the C
 * library's) and lib/hostlib.c (which is the C library side), so this
 * header uses only plain C types.
 *
 * A test:
 *
 *   HT_TEST(memblock_add_merges_neighbours)
 *   {
 *           // before: memory [0x1000-0x1fff]
 *           memblock_add(0x2000, 0x1000);
 *           // after:  memory [0x1000-0x2fff]
 *           EXPECT_EQ(memblock.memory.cnt, 1);
 *   }
 *
 * Every test runs in its own forked process, so it starts from the
 * program's initial state: the kernel's globals and statics as the
 * compiler laid them out, and an all-zero arena of "physical memory"
 * at PAGE_OFFSET (lib/hostlib.c). A failing EXPECT records and goes on;
 * ASSERT ends the test. A kernel panic, BUG_ON or machine_exit() ends
 * the test as failed, unless it happens inside ht_catch_exit(). A
 * report_misuse() that the test did not expect (report_expect()) fails it.
 */
#ifndef _TESTS_HOST_HT_H
#define _TESTS_HOST_HT_H

struct ht_case {
	const char *name;
	void (*fn)(void);
	struct ht_case *next;
	const void *data;	/* for @fn, through ht_current (lib/ktest_host.c) */
	/*
	 * Optional: the names of the results @fn reports with ht_result()
	 * (a KTAP suite's cases), NULL-terminated; a filter that matches
	 * one of them selects this case.
	 */
	const char *const *results;
};
void ht_register(struct ht_case *c);
/* The case running in this (forked) process. */
extern const struct ht_case *ht_current;

#define HT_TEST(name)							\
	static void name(void);						\
	static struct ht_case ht_case_##name = { #name, name, 0, 0, 0 };	\
	__attribute__((constructor)) static void ht_reg_##name(void)	\
	{ ht_register(&ht_case_##name); }				\
	static void name(void)

void ht_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ht_abort(void) __attribute__((noreturn));
/*
 * Run @fn(@arg); an ht_abort() inside (an ASSERT) comes back here instead
 * of ending the test. Return: 0 when @fn returned, 1 when it aborted.
 */
int ht_try(void (*fn)(void *), void *arg);
/*
 * One result of several that a case reports (a KTAP suite's cases, each
 * counted as one test by the runner): @name passed, failed or was
 * skipped (@reason). A case that reports results is counted by them,
 * plus one failure if it ends failed with no result failed (a crash, a
 * failure between results).
 */
enum ht_result { HT_PASS, HT_FAIL, HT_SKIP };
void ht_result(const char *name, enum ht_result r, const char *reason);
/* Failures (ht_fail()) recorded in this test so far. */
int ht_failures(void);
/* Like printf, to stdout (not the captured console); for diagnostics. */
int ht_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define EXPECT(c) do {							\
	if (!(c))							\
		ht_fail(__FILE__, __LINE__, "expected %s", #c);		\
} while (0)
#define ASSERT(c) do {							\
	if (!(c)) {							\
		ht_fail(__FILE__, __LINE__, "assertion %s", #c);	\
		ht_abort();						\
	}								\
} while (0)
#define EXPECT_EQ(a, b) do {						\
	unsigned long long __a = (unsigned long long)(a);		\
	unsigned long long __b = (unsigned long long)(b);		\
	if (__a != __b)							\
		ht_fail(__FILE__, __LINE__, "%s == %s: got 0x%llx (%llu), want 0x%llx (%llu)", \
			#a, #b, __a, __a, __b, __b);			\
} while (0)
#define ASSERT_EQ(a, b) do {						\
	unsigned long long __a = (unsigned long long)(a);		\
	unsigned long long __b = (unsigned long long)(b);		\
	if (__a != __b) {						\
		ht_fail(__FILE__, __LINE__, "%s == %s: got 0x%llx (%llu), want 0x%llx (%llu)", \
			#a, #b, __a, __a, __b, __b);			\
		ht_abort();						\
	}								\
} while (0)
#define EXPECT_STREQ(a, b) do {						\
	const char *__a = (a), *__b = (b);				\
	if (!ht_streq(__a, __b))					\
		ht_fail(__FILE__, __LINE__, "%s == %s: got \"%s\", want \"%s\"", \
			#a, #b, __a ? __a : "(null)", __b ? __b : "(null)"); \
} while (0)

int ht_streq(const char *a, const char *b);

/*
 * The console: everything printk() wrote since the test started (or
 * since ht_log_clear()), timestamps included.
 */
const char *ht_log(void);
void ht_log_clear(void);
/* How many console lines contain @s (timestamps stripped). */
int ht_log_count(const char *s);
/* Is there a console line equal to @line (timestamp stripped)? */
int ht_log_has_line(const char *line);
#define EXPECT_LOG_LINE(line) do {					\
	if (!ht_log_has_line(line))					\
		ht_fail(__FILE__, __LINE__, "no console line \"%s\"", line); \
} while (0)
#define EXPECT_LOG_COUNT(s, n) do {					\
	int __n = ht_log_count(s);					\
	if (__n != (n))							\
		ht_fail(__FILE__, __LINE__, "console lines containing \"%s\": %d, want %d", \
			s, __n, (int)(n));				\
} while (0)

/* Run @stmt expecting exactly one report (kernel/report.h) of @kind_ / @reason_. */
#define EXPECT_REPORT(stmt, kind_, reason_) do {			\
	const char *__k, *__r;						\
	unsigned long __n;						\
	report_expect();						\
	stmt;								\
	__n = report_take(&__k, &__r);					\
	EXPECT_EQ(__n, 1);						\
	EXPECT_STREQ(__k, kind_);					\
	EXPECT_STREQ(__r, reason_);					\
} while (0)

/*
 * Run @fn(@arg); if it ends in machine_exit() (panic, BUG_ON, "too
 * little RAM") come back here instead. Return: -1 when @fn returned,
 * else the exit status it passed (KERNEL_EXIT_*).
 */
int ht_catch_exit(void (*fn)(void *), void *arg);

/* Bytes of "physical memory" the arena backs at PAGE_OFFSET. */
extern unsigned long ht_arena_size;

/* Hooks the kernel side (lib/kglue.c) gives the runner. */
unsigned long ht_unexpected_reports(void);

#endif
