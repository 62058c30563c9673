// SPDX-License-Identifier: MIT
/*
 * Kernel threads: a task whose whole life is one function call on its
 * own stack. kthread() is where every one starts (ret_from_fork calls
 * it, arch/x86/kernel/switch_to.asm); it calls threadfn(data) and passes
 * the return value to do_exit(), which stores it in struct kthread
 * (kernel/sched/sched.h) and completes kthread->exited for kthread_stop().
 *
 * A kernel thread runs on init_mm. kthread_use_mm(mm) moves the calling
 * thread onto another address space: it holds the mm (mmgrab, mmget),
 * loads CR3 (switch_mm) and sets current->active_mm with preemption off,
 * so context_switch() reloads that mm each time the thread runs again;
 * kthread_unuse_mm() switches back to init_mm and drops both references.
 *
 * Where it differs from Linux: Linux creates kernel threads by asking
 * kthreadd (pid 2) to fork one, so that they inherit a clean context and
 * not the caller's; with nothing to inherit, this kernel makes them
 * directly in the caller. Linux's kthread() skips threadfn and returns
 * -EINTR when kthread_stop() came before the thread first ran; here
 * threadfn always runs (it finds kthread_should_stop() true at once), so
 * kthread_stop() also waits for a thread that ends by itself. Linux's
 * kthread_use_mm() also sets tsk->mm; here tsk->mm stays NULL (it marks
 * a user process) and the page-fault path takes a kernel thread's
 * active_mm instead (mm/user_fault.c), so the thread faults on the
 * adopted mm's VMAs just the same. Linux's kthread_unuse_mm() leaves the
 * mm as the lazy active_mm until the next switch; here the thread
 * returns to init_mm at once.
 */
#include <asm/mmu_context.h>
#include <kernel/bug.h>
#include <kernel/completion.h>
#include <asm/processor.h>
#include <kernel/kthread.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/preempt.h>
#include <kernel/report.h>
#include <kernel/sched/mm.h>
#include <asm/switch_to.h>
#include "sched/sched.h"

static void kthread(void *arg)
{
	struct kthread *self = arg;

	do_exit(self->threadfn(self->data));
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...)
{
	char name[TASK_COMM_LEN];
	struct task_struct *p;
	struct kthread *kt;
	va_list ap;

	va_start(ap, namefmt);
	vsnprintf(name, sizeof(name), namefmt, ap);
	va_end(ap);
	p = alloc_task(name, NULL, NULL, true);
	if (!p)
		return NULL;
	kt = p->kthread;
	kt->threadfn = threadfn;
	kt->data = data;
	init_completion(&kt->exited);
	copy_thread(p, kthread, kt);	/* its first switch calls kthread(kt) */
	return p;
}

bool kthread_should_stop(void)
{
	struct kthread *kt = current->kthread;

	return kt && READ_ONCE(kt->should_stop);
}

int kthread_stop(struct task_struct *k)
{
	struct kthread *kt = k->kthread;
	int ret;

	might_sleep();
	if (unlikely(!kt || k == current)) {
		report_misuse("kthread", kt ? "kthread_stop of the calling thread"
					    : "kthread_stop of a task that is not a kernel thread");
		pr_err("  kthread_stop(%s/%d) from %s/%d: it would wait for ever\n",
		       k->comm, k->pid, current->comm, current->pid);
		return -EINVAL;
	}
	get_task_struct(k);
	WRITE_ONCE(kt->should_stop, true);
	wake_up_process(k);
	wait_for_completion(&kt->exited);
	ret = kt->result;
	/*
	 * On another CPU it may still be making its last switch: wait until
	 * it is off that CPU (its stack freed and the scheduler's reference
	 * dropped by then, finish_task_switch()), so the caller sees it gone
	 * as it would on one CPU. It cannot be preempted between the
	 * complete_all() above and that switch (do_exit()), so on_cpu 0 here
	 * never means "queued, not yet dead".
	 */
	while (__atomic_load_n(&k->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	put_task_struct(k);
	return ret;
}

/*
 * Preemption stays off between the CR3 load and the store to active_mm:
 * a switch in between would save this thread with active_mm still the
 * old mm, and context_switch() would bring it back on the wrong tables.
 */
void kthread_use_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old = tsk->active_mm;

	BUG_ON(old != &init_mm);
	mmgrab(mm);
	mmget(mm);
	preempt_disable();
	switch_mm(old, mm, tsk);
	tsk->active_mm = mm;
	preempt_enable();
}

void kthread_unuse_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;

	BUG_ON(tsk->active_mm != mm);
	preempt_disable();
	switch_mm(mm, &init_mm, tsk);
	tsk->active_mm = &init_mm;
	preempt_enable();
	mmput(mm);
	mmdrop(mm);
}
