/* SPDX-License-Identifier: MIT */
/*
 * Reports of misuse that the kernel survives: a double free, a bad page,
 * an out-of-order kunmap_local. Each report has a kind ("Bad page state")
 * and a named reason ("nonzero refcount"); it is printed as
 *
 *   BUG: <kind>: <reason>
 *
 * followed by detail lines from the caller. The self-tests provoke such
 * misuse on purpose: they arm report_expect() first, then check with
 * report_take() that exactly the expected report happened (both inline in
 * kernel/report_expect.h, so a kernel without self-tests has neither). A report that
 * nobody expected is counted, and a test boot with any fails.
 */
#ifndef _KERNEL_REPORT_H
#define _KERNEL_REPORT_H

#include <kernel/compiler.h>
#include <kernel/types.h>

/* Counted with locked increments: two CPUs may report at once. */
struct report_state {
	unsigned long total;		/* reports since boot */
	unsigned long unexpected;	/* reports nobody armed report_expect() for */
};

/* A context's expectation (current->report, kernel/sched.h). */
struct report_expect {
	const char *kind;		/* of the last report */
	const char *reason;
	int armed;			/* >0 while a test expects reports */
	unsigned long seen_while_armed;
};
extern struct report_state report_state;

/**
 * report_misuse - print "BUG: @kind: @reason" and count it.
 * @kind: the family of problem, e.g. "Bad page state".
 * @reason: what exactly is wrong, e.g. "nonzero refcount".
 *
 * The caller prints detail lines after it. Context: any.
 * (Not Linux's report_bug(), which decodes the ud2 of a BUG() trap; Linux
 * prints these reports from each subsystem, e.g. bad_page(), slab_err().)
 */
void report_misuse(const char *kind, const char *reason);

/*
 * report_misuse_at - the same for reports that Linux words as one line
 * naming a source position: "BUG: @kind at @file:@line" (might_sleep()).
 * The reason report_take() returns is @file. Context: any.
 */
void report_misuse_at(const char *kind, const char *file, int line);

/*
 * report_misuse_fmt - the same for reports that Linux words as one line of
 * its own: "BUG: " then @fmt (spinlock debugging's "BUG: spinlock
 * recursion on CPU#0, swapper/0"). Counted, and returned by report_take(),
 * as @kind and @reason. Context: any.
 */
__printf(3, 4) void report_misuse_fmt(const char *kind, const char *reason, const char *fmt, ...);

#endif
