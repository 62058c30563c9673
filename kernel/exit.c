// SPDX-License-Identifier: MIT
/*
 * The end of a task. do_exit() checks that the task leaves nothing
 * behind that only it could undo (kmap_local slots, a raised
 * preempt_count or pagefault_disabled), tells kthread_stop() the result,
 * and switches away for the last time as TASK_DEAD. It cannot free its
 * own stack while running on it: the finish_task_switch() of the next
 * task does (release_task_stack(), kernel/fork.c).
 *
 * A process (a task with an mm) also gives back what fork() or execve()
 * gave it, in Linux's order: exit_mm() moves it onto init_mm and drops
 * its address space (the last user tears the user half down: every page
 * and page table back to the allocators), exit_files() closes its files,
 * and exit_notify() hands its children to pid 1 (child_reaper) and makes
 * it a zombie, EXIT_ZOMBIE, whose task_struct (with exit_code) stays for
 * the parent's wait4(); the parent holds a reference for that from
 * fork(). wait4() reaps: it takes the zombie off its children, copies the
 * status out and drops the reference. exit_code is the wait status
 * itself: (code & 0xff) << 8 for exit_group(code), the signal number for
 * a death by signal (kernel/signal.c).
 *
 * When pid 1 itself exits the machine's work is done: user_init_exited()
 * (kernel/main.c) ends the boot with the init's status, after the
 * address space has been torn down so nothing is counted as leaked.
 *
 * Where it differs from Linux: Linux's exit also releases signal state,
 * reparents to a subreaper if there is one, and sends SIGCHLD; there are
 * no handlers here, so the parent is only woken. Linux says
 * "note: %s[%d] exited with preempt_count %d"; here leftover state is a
 * named report, and the kmap_local slots are also taken down.
 */
#include <asm/fpu.h>
#include <asm/mmu_context.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/printk.h>
#include <kernel/preempt.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/sched/mm.h>
#include <kernel/sched/task.h>
#include <kernel/signal.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <kernel/wait.h>
#include <mm/highmem.h>
#include "sched/sched.h"

struct task_struct *child_reaper;
static DECLARE_WAIT_QUEUE_HEAD(child_exit_wq);	/* parents in wait4() */

/* Leave the address space: onto init_mm, then drop it (the last user frees it). */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	task_lock(tsk);			/* get_task_mm() on another CPU: mm or NULL, not freed */
	tsk->mm = NULL;
	tsk->active_mm = &init_mm;
	switch_mm(mm, &init_mm, tsk);	/* preemption off: task_lock() is a spinlock */
	task_unlock(tsk);
	mmput(mm);
}

/* Orphans go to pid 1; the parent is told (a zombie, and a wake-up). */
static void exit_notify(struct task_struct *tsk)
{
	struct task_struct *c, *n, *reaper = child_reaper;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry_safe(c, n, &tsk->children, sibling) {
		list_del_init(&c->sibling);
		if (reaper && reaper != tsk && !(reaper->flags & PF_EXITING)) {
			c->parent = reaper;
			list_add_tail(&c->sibling, &reaper->children);
		} else {
			c->parent = NULL;	/* nobody will wait: the reference goes */
			if (c->exit_state == EXIT_ZOMBIE) {
				c->exit_state = EXIT_DEAD;
				put_task_struct(c);
			} else {
				put_task_struct(c);	/* it ends as EXIT_DEAD by itself */
			}
		}
	}
	tsk->exit_state = tsk->parent ? EXIT_ZOMBIE : EXIT_DEAD;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (tsk->parent || reaper)
		wake_up_all(&child_exit_wq);
}

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
	if (tsk->mm) {
		fpu_drop(tsk);
		exit_mm(tsk);
	}
	if (tsk->files) {
		put_files_struct(tsk->files);
		tsk->files = NULL;
	}
	if (unlikely(tsk == child_reaper))
		user_init_exited(code);		/* ends the machine's run */
	/*
	 * From zombie (or kthread_stop() told) to the last switch without a
	 * preemption: the parent's wait4() and kthread_stop() take on_cpu 0
	 * for "gone, its stack freed", which a task preempted here would
	 * also show, still queued with its stack.
	 */
	preempt_disable();
	exit_notify(tsk);
	if (tsk->kthread) {			/* kthread_stop() may be waiting */
		tsk->kthread->result = code;
		complete_all(&tsk->kthread->exited);
	}
	do_task_dead();				/* with that count: switched away for good */
}

long sys_exit(int code)
{
	do_exit((code & 0xff) << 8);
}

long sys_exit_group(int code)
{
	do_exit((code & 0xff) << 8);	/* one thread a process: the same as exit */
}

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002

/* A child of current matching @pid, and the first zombie among them. */
static bool find_child(pid_t pid, struct task_struct **zombie)
{
	struct task_struct *c;
	bool any = false;

	*zombie = NULL;
	list_for_each_entry(c, &current->children, sibling) {
		if (pid > 0 && c->pid != pid)
			continue;
		any = true;
		if (c->exit_state == EXIT_ZOMBIE) {
			*zombie = c;
			return true;
		}
	}
	return any;
}

long sys_wait4(pid_t pid, int __user *status, int options, void __user *rusage)
{
	struct task_struct *zombie;
	unsigned long flags;
	DEFINE_WAIT(wait);
	long ret;

	if (options & ~(WNOHANG | WUNTRACED))
		return -EINVAL;
	/* Linux writes the status after reaping; a bad pointer would lose the child */
	if ((status && !access_ok(status, sizeof(*status))) ||
	    (rusage && !access_ok(rusage, 72)))
		return -EFAULT;
	for (;;) {
		prepare_to_wait(&child_exit_wq, &wait, TASK_INTERRUPTIBLE);
		spin_lock_irqsave(&tasklist_lock, flags);
		if (!find_child(pid, &zombie)) {
			ret = -ECHILD;
		} else if (zombie) {
			list_del_init(&zombie->sibling);
			zombie->exit_state = EXIT_DEAD;
			ret = zombie->pid;
		} else if (options & WNOHANG) {
			ret = 0;
		} else if (fatal_signal_pending(current)) {
			ret = -EINTR;
		} else {
			spin_unlock_irqrestore(&tasklist_lock, flags);
			schedule();
			continue;
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);
		break;
	}
	finish_wait(&child_exit_wq, &wait);
	if (ret > 0) {
		int st = zombie->exit_code;

		/* its last switch, on another CPU, frees its stack: wait for it (kthread_stop()) */
		while (__atomic_load_n(&zombie->on_cpu, __ATOMIC_ACQUIRE))
			cpu_relax();

		put_task_struct(zombie);	/* the parent's reference from fork() */
		if (status && put_user(st, status))
			return -EFAULT;
		if (rusage && clear_user(rusage, 72))	/* struct rusage: nothing is counted */
			return -EFAULT;
	}
	return ret;
}

long sys_waitpid(pid_t pid, int __user *status, int options)
{
	return sys_wait4(pid, status, options, NULL);
}
