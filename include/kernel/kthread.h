/* SPDX-License-Identifier: MIT */
/*
 * Kernel threads.
 *
 *   static int worker(void *data) { ... return 0; }
 *
 *   struct task_struct *t = kthread_run(worker, &args, "worker%d", i);
 *   ...
 *   int ret = kthread_stop(t);          asks it to stop, waits, its return value
 *
 * A thread that loops until told to stop tests kthread_should_stop(); a
 * thread that ends by itself may be waited for with kthread_stop() only
 * if the caller holds a reference (get_task_struct()) from before it
 * could have exited, as in Linux.
 */
#ifndef _KERNEL_KTHREAD_H
#define _KERNEL_KTHREAD_H

#include <kernel/compiler.h>
#include <kernel/sched.h>

/**
 * kthread_create - a new kernel thread that will run @threadfn(@data),
 * named like printf(@namefmt, ...). It does not run until
 * wake_up_process(). Return: the task, or NULL if memory is short.
 * Context: process context, may sleep.
 */
__printf(3, 4)
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...);

/* kthread_run - kthread_create() and wake_up_process(). */
#define kthread_run(threadfn, data, namefmt, ...) ({			\
	struct task_struct *__k = kthread_create(threadfn, data, namefmt, ## __VA_ARGS__); \
	if (__k)							\
		wake_up_process(__k);					\
	__k;								\
})

/**
 * kthread_stop - tell @k to stop (kthread_should_stop() becomes true),
 * wake it and wait until it has exited.
 * Return: its threadfn's return value (or do_exit() code); -EINVAL,
 * reported, for a task that is not a kernel thread or is current. threadfn
 * runs even if this comes before the thread first ran (Linux would
 * return -EINTR without running it: kernel/kthread.c).
 * Context: process context, may sleep.
 */
int kthread_stop(struct task_struct *k);

/* kthread_should_stop - has kthread_stop() been called on current? */
bool kthread_should_stop(void);

#endif
