/* SPDX-License-Identifier: MIT */
/*
 * The lock over the set of tasks (Linux's include/linux/sched/task.h):
 * task_list and the pid counter (kernel/fork.c), and every task's parent,
 * children and sibling links (kernel/exit.c, fork's linking). Taken with
 * interrupts off (spin_lock_irqsave); a walker of task_list holds it too.
 */
#ifndef _KERNEL_SCHED_TASK_H
#define _KERNEL_SCHED_TASK_H

#include <kernel/sched.h>
#include <kernel/spinlock.h>

extern spinlock_t tasklist_lock;

#endif
