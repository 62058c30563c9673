/* SPDX-License-Identifier: MIT */
/*
 * The self-tests' side of the misuse reports (kernel/report.h): a test
 * arms report_expect(), provokes the misuse, and report_take() says how
 * many reports came and which was last. The state is the running
 * context's (current->report), so an expectation armed by one task is not
 * met by another's report. Inline, so that only kernels with self-tests
 * contain them.
 */
#ifndef _KERNEL_REPORT_EXPECT_H
#define _KERNEL_REPORT_EXPECT_H

#include <kernel/report.h>
#include <kernel/sched.h>

/* The next reports are expected (not counted as unexpected). Context: any. */
static inline void report_expect(void)
{
	struct report_expect *r = &current->report;

	r->armed = 1;
	r->seen_while_armed = 0;
	r->kind = r->reason = NULL;
}

/*
 * Stop expecting; return how many reports were made since report_expect()
 * and, through @kind/@reason (may be NULL), the last one. Context: any.
 */
static inline unsigned long report_take(const char **kind, const char **reason)
{
	struct report_expect *r = &current->report;
	unsigned long n = r->seen_while_armed;

	r->armed = 0;
	r->seen_while_armed = 0;
	if (kind)
		*kind = r->kind;
	if (reason)
		*reason = r->reason;
	return n;
}

#endif
