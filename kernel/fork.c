// SPDX-License-Identifier: MIT
/*
 * Making and freeing tasks: a task_struct from its own slab cache (one
 * object holds the task and, for a kernel thread, its struct kthread), an
 * 8 KiB kernel stack (THREAD_SIZE, order 1) from the page allocator with
 * STACK_END_MAGIC in its lowest word, a pid, and a place in task_list.
 *
 * A task_struct is freed when its last reference goes: one is the task's
 * own, dropped by the finish_task_switch() that follows its death
 * (release_task_stack(), which frees the stack first); kthread_stop()
 * and anyone else that looks at a task which may exit hold one more
 * (get_task_struct()/put_task_struct()).
 *
 * Address spaces are made here too, as in Linux: mm_alloc() takes a
 * zeroed mm_struct from its own cache and has pgd_alloc() build its page
 * directory (arch/x86/mm/pgtable.c); the last mmdrop() comes to
 * __mmdrop(), which frees both. No task is given one at creation yet:
 * every kernel thread starts on init_mm, and kthread_use_mm()
 * (kernel/kthread.c) moves one onto another.
 *
 * fork() (sys_fork) makes a process from the calling one: a new task
 * with a new kernel stack, a new mm whose user half dup_mmap() makes a
 * copy-on-write copy of the parent's (mm/mmap.h), a copy of the file
 * table (dup_fd()), the parent's process group and session (pgid, sid:
 * kernel/pgrp.c), and the parent's entry frame with eax = 0
 * (copy_thread_user()). pid 1 starts as the leader of group 1 and
 * session 1; kernel threads are in neither (0, as Linux's init_task). The child is linked into the parent's children
 * and the parent takes a reference on it, dropped when its wait4()
 * reaps the zombie (kernel/exit.c).
 *
 * Where it differs from Linux: Linux's fork is clone() with flags
 * (threads share the mm, files, signal handlers); here fork copies
 * everything and there are no threads in a process. Kernel threads are
 * made from nothing here, where Linux forks them from kthreadd. Linux kzalloc()s struct
 * kthread apart; sharing the object keeps kernel threads out of the
 * kmalloc caches the tour and the tests watch. Linux frees the task_struct
 * after an RCU grace period (delayed_put_task_struct); with no RCU it is
 * freed at once. Linux's pids come from an IDR and are reused; these
 * only count up.
 */
#include <asm/pgalloc.h>
#include <asm/fpu.h>
#include <asm/ptrace.h>
#include <asm/switch_to.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sched/mm.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/slab.h>
#include "sched/sched.h"

LIST_HEAD(task_list);
DEFINE_SPINLOCK(tasklist_lock);	/* task_list, next_pid */
static int next_pid = 1;
int nr_threads = 1;			/* init_task; under tasklist_lock */
static struct kmem_cache *task_struct_cachep;
static struct kmem_cache *mm_cachep;

_Static_assert(KERNEL_STACK_SIZE == THREAD_SIZE, "the boot stack is init_task's: THREAD_SIZE");

struct task_struct *alloc_task(const char *name, void (*fn)(void *), void *arg, bool kthread)
{
	struct task_alloc *ta;
	struct task_struct *p;
	unsigned long stack, flags;

	if (!task_struct_cachep)
		task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_alloc),
						       0, SLAB_PANIC, NULL);
	ta = kmem_cache_alloc(task_struct_cachep, GFP_KERNEL);
	if (!ta)
		return NULL;
	p = &ta->task;
	/* zeroed, as Linux's THREADINFO_GFP asks: no stale data in a new stack
	 * (and, under QEMU, no stale translated code in its pages: a page that
	 * still holds some makes every later write to it slow) */
	stack = __get_free_pages(GFP_KERNEL | __GFP_ZERO, THREAD_SIZE_ORDER);
	if (!stack) {
		kmem_cache_free(task_struct_cachep, p);
		return NULL;
	}
	memset(ta, 0, sizeof(*ta));
	if (kthread) {
		p->kthread = &ta->kthread;
		p->flags |= PF_KTHREAD;
	}
	p->stack = (void *)stack;
	*end_of_stack(p) = STACK_END_MAGIC;
	p->__state = TASK_UNINTERRUPTIBLE;
	p->usage = 1;
	p->cpu = -1;			/* placed on a CPU by its first wake-up */
	p->active_mm = &init_mm;
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	p->thread.sp0 = stack + THREAD_SIZE;
	strlcpy(p->comm, name, sizeof(p->comm));
	if (fn)
		copy_thread(p, fn, arg);	/* else the caller does, once it knows its argument */

	spin_lock_irqsave(&tasklist_lock, flags);
	p->pid = next_pid++;
	if (p->pid == 1)
		p->pgid = p->sid = 1;		/* init leads session 1 and group 1; kthreads: 0, 0 */
	nr_threads++;
	list_add_tail(&p->tasks, &task_list);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

void release_task_stack(struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&p->tasks);
	nr_threads--;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	free_pages((unsigned long)p->stack, THREAD_SIZE_ORDER);
	p->stack = NULL;
}

struct task_struct *fork_idle(unsigned int cpu)
{
	struct task_alloc *ta;
	struct task_struct *p;
	unsigned long stack;

	ta = kmem_cache_alloc(task_struct_cachep, GFP_KERNEL);
	if (!ta)
		return NULL;
	stack = __get_free_pages(GFP_KERNEL | __GFP_ZERO, THREAD_SIZE_ORDER);
	if (!stack) {
		kmem_cache_free(task_struct_cachep, ta);
		return NULL;
	}
	memset(ta, 0, sizeof(*ta));
	p = &ta->task;
	p->stack = (void *)stack;
	*end_of_stack(p) = STACK_END_MAGIC;
	p->__state = TASK_RUNNING;
	p->flags = PF_IDLE | PF_KTHREAD;
	p->usage = 1;
	p->cpu = (int)cpu;
	p->on_rq = 1;			/* the running task is on_rq; idle is never queued */
	p->on_cpu = 1;			/* it runs from the moment the CPU starts */
	p->active_mm = &init_mm;
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->tasks);	/* not in task_list: Linux's idle tasks are not either */
	p->thread.sp0 = stack + THREAD_SIZE;
	snprintf(p->comm, sizeof(p->comm), "swapper/%u", cpu);
	return p;
}

void __put_task_struct(struct task_struct *p)
{
	kmem_cache_free(task_struct_cachep, container_of(p, struct task_alloc, task));
}

/*
 * The most tasks there may be (Linux's max_threads, set the same way in
 * fork_init(): an eighth of memory for kernel stacks), so that a fork
 * bomb meets -EAGAIN long before the kernel runs out of lowmem. Linux
 * counts all RAM; here only lowmem, where every stack, task_struct and
 * page directory must come from.
 */
int max_threads;

void fork_init(void)
{
	unsigned long flags;

	max_threads = max(64UL, (unsigned long)max_low_pfn * PAGE_SIZE / (8 * THREAD_SIZE));

	spin_lock_irqsave(&tasklist_lock, flags);
	list_add(&init_task.tasks, &task_list);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm;

	if (!mm_cachep)
		mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0,
					      SLAB_PANIC, NULL);
	mm = kmem_cache_alloc(mm_cachep, GFP_KERNEL | __GFP_ZERO);
	if (!mm)
		return NULL;
	mm->mm_users = 1;
	mm->mm_count = 1;
	__atomic_add_fetch(&nr_mms, 1, __ATOMIC_SEQ_CST);
	INIT_LIST_HEAD(&mm->mmap);
	mutex_init(&mm->mmap_lock);
	if (!pgd_alloc(mm)) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	return mm;
}

/* Address spaces that exist (mm_alloc() to the last mmdrop()), for the end-of-run check. */
int nr_mms;

void __mmdrop(struct mm_struct *mm)
{
	BUG_ON(mm == &init_mm);
	__atomic_sub_fetch(&nr_mms, 1, __ATOMIC_SEQ_CST);
	BUG_ON(current->active_mm == mm);	/* still in CR3 */
	pgd_free(mm, mm->pgd);
	kmem_cache_free(mm_cachep, mm);
}

/* Forks so far, for the tests. */
unsigned long total_forks;

long sys_fork(void)
{
	struct task_struct *parent = current, *p;
	struct mm_struct *mm;
	unsigned long flags;
	int pid;

	if (!parent->mm)
		return -EINVAL;			/* a kernel thread has nothing to copy */
	if (READ_ONCE(nr_threads) >= max_threads)
		return -EAGAIN;			/* Linux's answer past max_threads */
	p = alloc_task(parent->comm, NULL, NULL, false);
	if (!p)
		return -ENOMEM;
	mm = mm_alloc();
	if (!mm)
		goto fail_task;
	if (dup_mmap(mm, parent->mm))		/* the VMAs, COW, and the layout fields */
		goto fail_mm;
	p->files = parent->files ? dup_fd(parent->files) : NULL;
	if (parent->files && !p->files)
		goto fail_mm;
	p->mm = mm;
	p->active_mm = mm;
	fpu_copy(p);
	copy_thread_user(p, current_pt_regs());

	spin_lock_irqsave(&tasklist_lock, flags);
	p->pgid = parent->pgid;			/* the parent's group and session (setpgid may follow) */
	p->sid = parent->sid;
	p->parent = parent;
	list_add_tail(&p->sibling, &parent->children);
	get_task_struct(p);			/* the parent's, until wait4() reaps it */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	pid = p->pid;
	__atomic_fetch_add(&total_forks, 1, __ATOMIC_RELAXED);	/* forks on several CPUs at once */
	wake_up_process(p);
	return pid;

fail_mm:
	mmput(mm);				/* exit_mmap() takes down a partial copy */
fail_task:
	release_task_stack(p);			/* off task_list, stack freed */
	put_task_struct(p);			/* and the struct */
	return -ENOMEM;
}
