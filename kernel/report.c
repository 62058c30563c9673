// SPDX-License-Identifier: MIT
/* Survivable misuse reports; see include/kernel/report.h (the self-tests'
 * side, report_expect()/report_take(), is inline in kernel/report_expect.h). */
#include <kernel/atomic.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>

struct report_state report_state;

static void report_count(const char *kind, const char *reason)
{
	struct report_expect *r = &current->report;

	r->kind = kind;
	r->reason = reason;
	counter_inc_atomic(&report_state.total);
	if (r->armed)
		r->seen_while_armed++;
	else
		counter_inc_atomic(&report_state.unexpected);
}

void report_misuse(const char *kind, const char *reason)
{
	report_count(kind, reason);
	printk(KERN_ERR "BUG: %s: %s\n", kind, reason);
}

void report_misuse_at(const char *kind, const char *file, int line)
{
	report_count(kind, file);
	printk(KERN_ERR "BUG: %s at %s:%d\n", kind, file, line);
}

void report_misuse_fmt(const char *kind, const char *reason, const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	report_count(kind, reason);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_ERR "BUG: %s\n", buf);
}
