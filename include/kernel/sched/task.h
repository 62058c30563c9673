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

/*
 * task_lock - hold @p's ->mm steady: exit_mm() and exec's exec_mmap()
 * change a task's mm under it, so another CPU that reads p->mm and takes a
 * reference (get_task_mm()), or reads the mm's counters (/proc/meminfo,
 * the OOM killer), does so under it too. Nests inside tasklist_lock;
 * no interrupt handler takes it.
 * Context: process context; must not sleep while held.
 *
 * Where it differs from Linux: Linux's task_lock() takes p->alloc_lock,
 * one per task; here one lock for every task (task_alloc_lock, in
 * kernel/pid.c), as the writers are rare (exit and exec).
 */
extern spinlock_t task_alloc_lock;

static inline void task_lock(struct task_struct *p)
{
	(void)p;
	spin_lock(&task_alloc_lock);
}

static inline void task_unlock(struct task_struct *p)
{
	(void)p;
	spin_unlock(&task_alloc_lock);
}

#endif
