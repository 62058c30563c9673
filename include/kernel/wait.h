/* SPDX-License-Identifier: MIT */
/*
 * Wait queues: how a task sleeps until something happens, and how
 * whoever makes it happen wakes it.
 *
 *   static DECLARE_WAIT_QUEUE_HEAD(pool_wait);
 *
 *   waiter:  wait_event(pool_wait, pool_has_room());
 *   waker:   ... make room ...; wake_up(&pool_wait);
 *
 * wait_event() is the loop every sleeper needs, written once:
 *
 *   for (;;) {
 *           prepare_to_wait(&wq, &wait, TASK_UNINTERRUPTIBLE);  on the queue,
 *           if (condition)                                       state set,
 *                   break;                                       THEN test
 *           schedule();
 *   }
 *   finish_wait(&wq, &wait);                                     RUNNING, off
 *
 * The order is what makes it safe: the task is on the queue and no
 * longer TASK_RUNNING before it tests the condition, so a waker that
 * makes the condition true after the test finds it on the queue and
 * makes it runnable again, and schedule() then returns at once instead
 * of sleeping through the wake-up.
 *
 * An exclusive waiter (prepare_to_wait_exclusive(), added at the tail) is
 * one of many that want the same single thing; wake_up() wakes every
 * non-exclusive waiter and one exclusive one, wake_up_all() all.
 *
 * Where it differs from Linux: the names, fields and semantics are
 * Linux's (kernel/sched/wait.c), without the interruptible and killable
 * variants' signal checks (there are no signals yet) and with
 * wait_event_timeout() as the only timed variant.
 */
#ifndef _KERNEL_WAIT_H
#define _KERNEL_WAIT_H

#include <kernel/list.h>
#include <kernel/might_sleep.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode,
				 int flags, void *key);

#define WQ_FLAG_EXCLUSIVE	0x01
#define WQ_FLAG_WOKEN		0x02

struct wait_queue_entry {
	unsigned int flags;
	void *private;			/* the task */
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;		/* taken with interrupts off: wake_up() from handlers */
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) {				\
	.lock = __SPIN_LOCK_UNLOCKED(name.lock),			\
	.head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name)					\
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

/* Wake functions: make the entry's task runnable (and, autoremove, unlink it). */
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key);

#define DEFINE_WAIT_FUNC(name, function)				\
	struct wait_queue_entry name = {				\
		.private = current,					\
		.func = function,					\
		.entry = LIST_HEAD_INIT((name).entry),			\
	}
#define DEFINE_WAIT(name)	DEFINE_WAIT_FUNC(name, autoremove_wake_function)

/* Is anyone waiting? (A hint: check under wq->lock to be sure.) */
static inline bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

/**
 * prepare_to_wait - put @wq_entry on @wq (if it is not) and set current's state.
 * Context: process context; the caller then tests its condition and
 * calls schedule() if it is still false.
 */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wq_entry, int state);
/* The same, as an exclusive waiter at the tail of the queue. */
void prepare_to_wait_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *wq_entry,
			       int state);
/**
 * finish_wait - after the loop: TASK_RUNNING again, and off @wq.
 * Context: process context.
 */
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wq_entry);

/* add_wait_queue/remove_wait_queue: the bare list operations, under wq->lock. */
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *wq_entry);

/**
 * __wake_up - wake the waiters on @wq in @mode: all non-exclusive ones and
 * up to @nr_exclusive exclusive ones (0: all).
 * Context: any, interrupt handlers included.
 */
void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr_exclusive, void *key);
/* The same with wq->lock already held. */
void __wake_up_locked(struct wait_queue_head *wq, unsigned int mode, int nr_exclusive);

#define wake_up(x)		__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_all(x)		__wake_up(x, TASK_NORMAL, 0, NULL)

#define ___wait_event(wq_head, condition, state, exclusive, ret, cmd) ({	\
	struct wait_queue_entry __wq_entry = {				\
		.private = current,					\
		.func = autoremove_wake_function,			\
		.entry = LIST_HEAD_INIT(__wq_entry.entry),		\
	};								\
	long __ret = ret;						\
	for (;;) {							\
		if (exclusive)						\
			prepare_to_wait_exclusive(&(wq_head), &__wq_entry, state); \
		else							\
			prepare_to_wait(&(wq_head), &__wq_entry, state); \
		if (condition)						\
			break;						\
		cmd;							\
	}								\
	finish_wait(&(wq_head), &__wq_entry);				\
	__ret;								\
})

/**
 * wait_event - sleep (TASK_UNINTERRUPTIBLE) until @condition is true.
 * @condition is tested before each sleep and after each wake-up; whoever
 * makes it true must call wake_up() on @wq_head.
 * Context: process context, may sleep.
 */
#define wait_event(wq_head, condition) do {				\
	might_sleep();							\
	if (condition)							\
		break;							\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, schedule()); \
} while (0)

/* kernel/time/timer.c */
long schedule_timeout(long timeout);

/*
 * The condition of a timed wait: true when @condition is, or when the
 * time is up; a condition that came true on the last jiffy still counts
 * as success (1 left). __ret is the enclosing ___wait_event()'s count.
 */
#define ___wait_cond_timeout(condition) ({				\
	bool __cond = (condition);					\
	if (__cond && !__ret)						\
		__ret = 1;						\
	__cond || !__ret;						\
})

/**
 * wait_event_timeout - wait_event() for at most @timeout jiffies.
 * Return: 0 if @condition was still false when the time ran out, else
 * the jiffies left (at least 1). Context: process context, may sleep.
 */
#define wait_event_timeout(wq_head, condition, timeout) ({		\
	long __ret = (timeout);						\
	might_sleep();							\
	if (!___wait_cond_timeout(condition)) {				\
		long __tmo = __ret;	/* the inner loop's own __ret starts here */ \
		__ret = ___wait_event(wq_head, ___wait_cond_timeout(condition), \
				      TASK_UNINTERRUPTIBLE, 0, __tmo,	\
				      __ret = schedule_timeout(__ret));	\
	}								\
	__ret;								\
})

#endif
