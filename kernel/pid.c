// SPDX-License-Identifier: MIT
/*
 * How this works: from a pid to its task, for /proc/PID.
 *
 * find_get_task_by_vpid() walks task_list (kernel/fork.c) and takes a
 * reference on the task it finds (get_task_struct()), so the caller can
 * look at it after the walk even if it exits meanwhile: the task_struct
 * stays until the last put_task_struct(). A task that has been reaped
 * (EXIT_DEAD) is not found; a zombie is, as in Linux (its /proc/PID/status
 * says "Z (zombie)").
 *
 * The walk holds tasklist_lock (kernel/sched/task.h), which task_list's
 * writers (alloc_task(), release_task_stack()) take too.
 *
 * get_task_mm() is Linux's: the task's mm with one more user (mmget()),
 * read under task_lock() so that an exit or exec on another CPU cannot
 * clear task->mm (and drop the last user) between the read and the
 * mmget(); NULL for kernel threads. A /proc reader holds
 * it while it walks the VMAs, so the address space cannot be torn down
 * under the walk.
 *
 * Where it differs from Linux: Linux finds a pid in an IDR per pid
 * namespace (find_vpid(), pid_task() under RCU); here a pid is only a
 * number in the task, there is one namespace, and the search is linear
 * in the number of tasks (a few dozen).
 */
#include <asm/irqflags.h>
#include <kernel/proc_fs.h>
#include <kernel/sched.h>
#include <kernel/sched/task.h>
#include <kernel/sched/mm.h>

DEFINE_SPINLOCK(task_alloc_lock);

struct task_struct *find_get_task_by_vpid(pid_t nr)
{
	struct task_struct *p, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (p->pid == nr && p->exit_state != EXIT_DEAD) {
			get_task_struct(p);
			found = p;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;

	task_lock(task);		/* exit_mm() and exec_mmap() change ->mm under it */
	mm = task->mm;
	if (mm && !(task->flags & PF_KTHREAD))
		mmget(mm);
	else
		mm = NULL;
	task_unlock(task);
	return mm;
}
