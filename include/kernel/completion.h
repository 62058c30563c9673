/* SPDX-License-Identifier: MIT */
/*
 * Completions: "wait until this one thing has been done".
 *
 *   struct completion done;
 *   init_completion(&done);
 *   start_worker(&done);                 worker: ...; complete(&done);
 *   wait_for_completion(&done);
 *
 * done counts complete() calls not yet consumed: each
 * wait_for_completion() takes one, sleeping on the wait queue while
 * there is none, so a complete() that comes first is not lost.
 * complete_all() makes done "infinite": every present and future waiter
 * passes until reinit_completion().
 *
 * Where it differs from Linux: Linux builds completions on simple wait
 * queues (swait, a lighter list with a raw spinlock); here they use the
 * ordinary wait queue, with exclusive waiters so that one complete()
 * wakes one task.
 */
#ifndef _KERNEL_COMPLETION_H
#define _KERNEL_COMPLETION_H

#include <kernel/wait.h>

struct completion {
	unsigned int done;
	struct wait_queue_head wait;
};

#define COMPLETION_INITIALIZER(work) \
	{ 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define DECLARE_COMPLETION(work) \
	struct completion work = COMPLETION_INITIALIZER(work)

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

static inline void reinit_completion(struct completion *x)
{
	x->done = 0;
}

/**
 * complete - wake one waiter, or let the next wait_for_completion() pass.
 * Context: any, interrupt handlers included.
 */
void complete(struct completion *x);

/* complete_all - wake every waiter, and let all later waits pass. Context: any. */
void complete_all(struct completion *x);

/**
 * wait_for_completion - sleep until @x has been completed (once per call).
 * Context: process context, may sleep.
 */
void wait_for_completion(struct completion *x);

/*
 * wait_for_completion_timeout - the same for at most @timeout jiffies.
 * Return: 0 on timeout, else the jiffies left (at least 1).
 * Context: process context, may sleep.
 */
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout);

/* try_wait_for_completion - take a completion if one is there. Context: any. */
bool try_wait_for_completion(struct completion *x);

/* completion_done - is a complete() waiting to be consumed? Context: any. */
bool completion_done(struct completion *x);

#endif
