// SPDX-License-Identifier: MIT
/*
 * The boot context: pid 0, running on head.asm's boot stack. CPU 0's
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

/*
 * Each CPU's hot data (asm/percpu.h). CPU 0's is valid from the first
 * instruction; setup_per_cpu_areas() copies it to the other CPUs, whose
 * cpu_number, this_cpu_off and current_task (their idle tasks) are set
 * before they start.
 */
DEFINE_PER_CPU(struct pcpu_hot, pcpu_hot) = {
	{
		.current_task = &init_task,
		.preempt_count = PREEMPT_ENABLED,
	},
};
