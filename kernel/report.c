// SPDX-License-Identifier: MIT
/* Survivable misuse reports; see include/kernel/report.h. */
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>

struct report_state report_state;

void report_misuse(const char *kind, const char *reason)
{
	struct report_expect *r = &current->report;

	r->kind = kind;
	r->reason = reason;
	report_state.total++;
	if (r->armed)
		r->seen_while_armed++;
	else
		report_state.unexpected++;
	printk(KERN_ERR "BUG: %s: %s\n", kind, reason);
}

void report_expect(void)
{
	struct report_expect *r = &current->report;

	r->armed = 1;
	r->seen_while_armed = 0;
	r->kind = r->reason = NULL;
}

unsigned long report_take(const char **kind, const char **reason)
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
