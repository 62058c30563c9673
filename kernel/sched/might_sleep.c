// SPDX-License-Identifier: MIT
/*
 * The atomic-sleep check, might_sleep() (include/kernel/might_sleep.h).
 * It only reports; what the caller does next is its own business. (The
 * other half, "scheduling while atomic", is schedule_debug() in
 * kernel/sched/core.c.)
 */
#include <asm/irqflags.h>
#include <kernel/kallsyms.h>
#include <kernel/might_sleep.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>

enum system_states system_state = SYSTEM_BOOTING;

void __might_sleep(const char *file, int line)
{
	int pc = preempt_count();
	bool irqs_off = irqs_disabled();

	if ((pc == 0 && !irqs_off) || system_state == SYSTEM_BOOTING)
		return;
	report_misuse_at("sleeping function called from invalid context", file, line);
	pr_err("in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s\n",
	       pc != 0, irqs_off, current->pid, current->comm);
	pr_err("preempt_count: %x, expected: 0\n", pc);
	dump_stack();
}
