// SPDX-License-Identifier: MIT
/* Survivable misuse reports; see include/kernel/report.h. */
#include <kernel/printk.h>
#include <kernel/report.h>

struct report_state report_state;

void report_misuse(const char *kind, const char *reason)
{
	struct report_state *r = &report_state;

	r->kind = kind;
	r->reason = reason;
	r->total++;
	if (r->armed)
		r->seen_while_armed++;
	else
		r->unexpected++;
	printk(KERN_ERR "BUG: %s: %s\n", kind, reason);
}

void report_expect(void)
{
	report_state.armed = 1;
	report_state.seen_while_armed = 0;
	report_state.kind = report_state.reason = NULL;
}

unsigned long report_take(const char **kind, const char **reason)
{
	unsigned long n = report_state.seen_while_armed;

	report_state.armed = 0;
	report_state.seen_while_armed = 0;
	if (kind)
		*kind = report_state.kind;
	if (reason)
		*reason = report_state.reason;
	return n;
}
