// SPDX-License-Identifier: MIT
/*
 * The boot context: pid 0, running on head.asm's boot stack. Every CPU's
 * current_task points at it from the first instruction of C on (it is
 * static data, so `current` works before any init call); once the
 * scheduler runs it is this CPU's idle task (kernel/sched/core.c).
 */
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <mm/mm_types.h>

extern char boot_stack[];

struct task_struct init_task = {
	.__state	= TASK_RUNNING,
	.stack		= boot_stack,
	.usage		= 1,
	.pid		= 0,
	.comm		= "swapper",
	.run_list	= LIST_HEAD_INIT(init_task.run_list),
	.children	= LIST_HEAD_INIT(init_task.children),
	.sibling	= LIST_HEAD_INIT(init_task.sibling),
	.active_mm	= &init_mm,
};

DEFINE_PER_CPU(struct task_struct *, current_task) = {
	[0 ... NR_CPUS - 1] = &init_task,
};

DEFINE_PER_CPU(unsigned int, __preempt_count) = {
	[0 ... NR_CPUS - 1] = PREEMPT_ENABLED,
};
