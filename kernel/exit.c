// SPDX-License-Identifier: MIT
/*
 * The end of a task. do_exit() checks that the task leaves nothing
 * behind that only it could undo (kmap_local slots, a raised
 * preempt_count or pagefault_disabled), tells kthread_stop() the result,
 * and switches away for the last time as TASK_DEAD. It cannot free its
 * own stack while running on it: the finish_task_switch() of the next
 * task does (release_task_stack(), kernel/fork.c).
 *
 * Where it differs from Linux: Linux's do_exit() also releases the
 * address space, files and signal state and leaves a zombie for the
 * parent's wait(); kernel threads here have none of those. Linux says
 * "note: %s[%d] exited with preempt_count %d"; here leftover state is a
 * named report, and the kmap_local slots are also taken down.
 */
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/preempt.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <mm/highmem.h>
#include "sched/sched.h"

void do_exit(int code)
{
	struct task_struct *tsk = current;

	if (unlikely(is_idle_task(tsk)))
		panic("Attempted to kill the idle task!");
	tsk->flags |= PF_EXITING;
	if (unlikely(preempt_count() || tsk->pagefault_disabled)) {
		report_misuse("exit", "task exited in atomic context");
		pr_err("  %s[%d] exited with preempt_count %d, pagefault_disabled %d\n",
		       tsk->comm, tsk->pid, preempt_count(), tsk->pagefault_disabled);
		preempt_count_set(0);
		tsk->pagefault_disabled = 0;
	}
	if (unlikely(tsk->kmap_ctrl.idx)) {
		report_misuse("kmap_local", "task exited with mappings");
		pr_err("  %s[%d] exited with %d kmap_local slot(s) mapped; taken down\n",
		       tsk->comm, tsk->pid, tsk->kmap_ctrl.idx);
		kmap_local_sched_out();
		tsk->kmap_ctrl.idx = 0;
	}
	tsk->exit_code = code;
	if (tsk->kthread) {			/* kthread_stop() may be waiting */
		tsk->kthread->result = code;
		complete_all(&tsk->kthread->exited);
	}
	do_task_dead();
}
