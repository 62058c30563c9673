/* SPDX-License-Identifier: MIT */
/*
 * In-kernel self-tests that report in KTAP v1 (the Linux KUnit format).
 *
 * A suite is a table of cases, registered from the file that tests a
 * subsystem; no central list needs editing:
 *
 *   static void buddy_split_restores(struct ktest *t)
 *   {
 *           KTEST_EXPECT_EQ(t, zone->free_pages, before);
 *   }
 *   static const struct ktest_case buddy_cases[] = {
 *           KTEST_CASE(buddy_split_restores),
 *           {}
 *   };
 *   KTEST_SUITE(buddy) = { .name = "buddy", .cases = buddy_cases };
 *
 * `ktest=all` or `ktest=buddy,slab` on the command line selects suites.
 * EXPECT records a failure and goes on; ASSERT also ends the case.
 */
#ifndef _KERNEL_KTEST_H
#define _KERNEL_KTEST_H

#include <kernel/types.h>
#include <kernel/compiler.h>
#include <kernel/setjmp.h>
#include <kernel/printk.h>
#include <kernel/report_expect.h>

struct ktest {
	const char *name;
	bool failed;
	const char *skip_reason;
	jmp_buf abort;			/* ASSERT and SKIP jump here */
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;	/* ends with an empty entry */
	/* optional: run before and after each case */
	void (*init)(struct ktest *t);
	void (*exit)(struct ktest *t);
};

#define KTEST_CASE(fn)	{ #fn, fn }
#define KTEST_SUITE(id)							\
	static const struct ktest_suite id##_ktest_suite		\
	__used __section(".ktest_suites") __aligned(4)

void ktest_check(struct ktest *t, bool ok, bool fatal, const char *file,
		 int line, const char *fmt, ...) __printf(6, 7);
__noreturn void ktest_skip(struct ktest *t, const char *reason);
__printf(2, 3) void ktest_log(struct ktest *t, const char *fmt, ...);

/*
 * A suite runs in QEMU and, unmodified, on the host under ASan/UBSan
 * (tests/host/lib/ktest_host.c, built with CONFIG_KTEST_HOST). The host
 * models the allocators and the page tables in memory, not the CPU: a
 * case that dereferences a fixmap or kmap address, or provokes a CPU
 * exception (catch_fault()), starts with ktest_needs_mmu(t); one that
 * needs something else only the kernel image has says what with
 * ktest_host_skip(t, why). Either skips there, the reason in its
 * "# SKIP" line, and runs in QEMU.
 */
#define ktest_on_host()		IS_ENABLED(CONFIG_KTEST_HOST)
#define ktest_host_skip(t, why) do {					\
	if (ktest_on_host())						\
		ktest_skip(t, why);					\
} while (0)
#define ktest_needs_mmu(t)						\
	ktest_host_skip(t, "needs the real MMU (the host cannot map a "	\
			"fixmap or kmap address, or take a CPU exception)")

/*
 * The `ktest=` option (kernel/demos.c registers it): remember the
 * selection; -1 if @val is empty. Then run the selected suites; returns
 * the failed count. Built only with CONFIG_KTEST (kernel/tests/ktest.c).
 */
int ktest_setup(const char *val);
int ktest_run_selected(void);

#define __KTEST_BINOP(t, fatal, a, op, b) do {				\
	long long __a = (long long)(a), __b = (long long)(b);		\
	ktest_check(t, __a op __b, fatal, __FILE__, __LINE__,		\
		    "%s %s %s (%lld vs %lld)", #a, #op, #b, __a, __b);	\
} while (0)
#define __KTEST_PTR(t, fatal, a, op, b) do {				\
	const void *__a = (a), *__b = (b);				\
	ktest_check(t, __a op __b, fatal, __FILE__, __LINE__,		\
		    "%s %s %s (%p vs %p)", #a, #op, #b, __a, __b);	\
} while (0)

#define KTEST_EXPECT_TRUE(t, c)	ktest_check(t, !!(c), false, __FILE__, __LINE__, "%s", #c)
#define KTEST_EXPECT_FALSE(t, c) ktest_check(t, !(c), false, __FILE__, __LINE__, "!(%s)", #c)
#define KTEST_EXPECT_EQ(t, a, b)	__KTEST_BINOP(t, false, a, ==, b)
#define KTEST_EXPECT_NE(t, a, b)	__KTEST_BINOP(t, false, a, !=, b)
#define KTEST_EXPECT_LT(t, a, b)	__KTEST_BINOP(t, false, a, <, b)
#define KTEST_EXPECT_LE(t, a, b)	__KTEST_BINOP(t, false, a, <=, b)
#define KTEST_EXPECT_GT(t, a, b)	__KTEST_BINOP(t, false, a, >, b)
#define KTEST_EXPECT_GE(t, a, b)	__KTEST_BINOP(t, false, a, >=, b)
#define KTEST_EXPECT_PTR_EQ(t, a, b)	__KTEST_PTR(t, false, a, ==, b)
#define KTEST_EXPECT_PTR_NE(t, a, b)	__KTEST_PTR(t, false, a, !=, b)
#define KTEST_EXPECT_NULL(t, p)		__KTEST_PTR(t, false, p, ==, NULL)
#define KTEST_EXPECT_NOT_NULL(t, p)	__KTEST_PTR(t, false, p, !=, NULL)
static inline bool ktest_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}
#define KTEST_EXPECT_STREQ(t, a, b) do {					\
	const char *__sa = (a), *__sb = (b);					\
	ktest_check(t, ktest_streq(__sa, __sb), false, __FILE__, __LINE__,	\
		    "%s == %s (\"%s\" vs \"%s\")", #a, #b,			\
		    __sa ? __sa : "(null)", __sb ? __sb : "(null)");		\
} while (0)

#define KTEST_ASSERT_TRUE(t, c)	ktest_check(t, !!(c), true, __FILE__, __LINE__, "%s", #c)
#define KTEST_ASSERT_EQ(t, a, b)	__KTEST_BINOP(t, true, a, ==, b)
#define KTEST_ASSERT_NE(t, a, b)	__KTEST_BINOP(t, true, a, !=, b)
#define KTEST_ASSERT_GE(t, a, b)	__KTEST_BINOP(t, true, a, >=, b)
#define KTEST_ASSERT_NOT_NULL(t, p)	__KTEST_PTR(t, true, p, !=, NULL)
#define KTEST_ASSERT_NULL(t, p)		__KTEST_PTR(t, true, p, ==, NULL)

/*
 * Expect a report (kernel/report.h) from @stmt: passes when @stmt made
 * exactly one report of @kind whose reason is @reason.
 */
#define KTEST_EXPECT_REPORT(t, stmt, kind, reason) do {			\
	const char *__k = NULL, *__r = NULL;				\
	unsigned long __n;						\
	report_expect();						\
	stmt;								\
	__n = report_take(&__k, &__r);					\
	ktest_check(t, __n == 1 && __k && !strcmp(__k, kind) &&	\
		    __r && !strcmp(__r, reason), false, __FILE__, __LINE__, \
		    "%s reports \"%s: %s\" (got %lu report(s), last \"%s: %s\")", \
		    #stmt, kind, reason, __n, __k ? __k : "-", __r ? __r : "-"); \
} while (0)

/* Expect @stmt to make no report at all (e.g. a legal free after misuse). */
#define KTEST_EXPECT_NO_REPORT(t, stmt) do {				\
	report_expect();						\
	stmt;								\
	KTEST_EXPECT_EQ(t, report_take(NULL, NULL), 0);			\
} while (0)

/*
 * Provoking a CPU exception on purpose:
 *
 *   struct fault_catch fc;
 *   if (catch_fault(&fc))
 *           *(volatile int *)0 = 1;        // faults; resumes below
 *   end_catch_fault(&fc);
 *   KTEST_EXPECT_TRUE(t, fc.caught);
 *
 * The exception handler still prints its full report (so reporting is
 * itself tested). catch_fault() arms a run-time recovery point with
 * current->oops_landing (asm/extable.h): after the report the exception
 * returns into ktest's landing function, which copies last_fault into
 * @fc and jumps back to catch_fault(), which then returns false. For a
 * probe of one address, copy_from_kernel_nofault() (kernel/uaccess.h)
 * needs no catch: its exception-table entry makes it return -EFAULT.
 */
struct fault_catch {
	jmp_buf env;
	bool armed, caught;
	u32 vector, error_code, cr2, eip;
	const char *area;		/* the named area a page fault hit */
};
void arm_fault_catch(struct fault_catch *fc);
void end_catch_fault(struct fault_catch *fc);
#define catch_fault(fc)	(arm_fault_catch(fc), setjmp((fc)->env) == 0)

#endif
