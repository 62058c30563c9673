// SPDX-License-Identifier: MIT
/*
 * The boot context. Until there is a scheduler it is the only one:
 * every CPU's current_task points at it, from the first instruction of
 * C on (it is static data, so `current` works before any init call).
 */
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <mm/mm_types.h>

struct task_struct init_task = {
	.comm		= "swapper",
	.active_mm	= &init_mm,
};

DEFINE_PER_CPU(struct task_struct *, current_task) = {
	[0 ... NR_CPUS - 1] = &init_task,
};

DEFINE_PER_CPU(int, __preempt_count);
