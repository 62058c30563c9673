/* SPDX-License-Identifier: MIT */
/* The scheduler's private state (kernel/sched/core.c), shared with fork and exit. */
#ifndef _KERNEL_SCHED_SCHED_H
#define _KERNEL_SCHED_SCHED_H

#include <kernel/completion.h>
#include <kernel/list.h>
#include <kernel/percpu.h>
#include <kernel/spinlock.h>

struct task_struct;

/*
 * A kernel thread's own part (task->kthread, kernel/kthread.c): what it
 * runs, and what kthread_stop() asks and waits for. do_exit() fills in
 * result and completes exited.
 */
struct kthread {
	int (*threadfn)(void *data);
	void *data;
	int result;
	bool should_stop;
	struct completion exited;
};

/* Ticks a task runs before another runnable task gets the CPU. */
#define SCHED_SLICE_TICKS	1

struct rq {
	spinlock_t lock;		/* taken with interrupts off */
	struct list_head queue;		/* runnable, not running: FIFO */
	unsigned int nr_running;	/* on_rq tasks, the running one included (not idle) */
	struct task_struct *curr;
	struct task_struct *idle;	/* init_task */
	int slice;			/* ticks left for curr */
	unsigned long long nr_switches;
	int cpu;			/* whose run queue this is */
	int ipi_pending;		/* a reschedule IPI sent, its handler not yet run (atomic) */
};

DECLARE_PER_CPU(struct rq, runqueues);

/*
 * The task_struct cache's object: the task, and room for its kthread
 * part (task->kthread points there for a kernel thread, else NULL).
 */
struct task_alloc {
	struct task_struct task;
	struct kthread kthread;
};

/*
 * kernel/fork.c: a new task that will run fn(arg) once woken,
 * TASK_UNINTERRUPTIBLE and not on the run queue; a kernel thread's
 * task->kthread is set (and zeroed) if @kthread. Return: NULL if memory
 * is short. Context: may sleep.
 */
struct task_struct *alloc_task(const char *name, void (*fn)(void *), void *arg, bool kthread);

/* kernel/fork.c: take an exited task off task_list and free its stack (the caller then drops the scheduler's reference). */
void release_task_stack(struct task_struct *p);

#include <kernel/sched/task.h>	/* tasklist_lock */

/* kernel/exit.c: pid 1 once it is a process: orphans are given to it. */
extern struct task_struct *child_reaper;

/*
 * kernel/sched/core.c: become TASK_DEAD and switch away for good.
 * Context: preemption disabled once by the caller (do_exit(), from the
 * moment the task is a zombie or its kthread_stop() is told): a
 * preemption after that would leave the task queued with its stack,
 * off its CPU (on_cpu 0), where wait4() and kthread_stop() would take
 * it for gone.
 */
__noreturn void do_task_dead(void);

#endif
