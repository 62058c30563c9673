// SPDX-License-Identifier: MIT
/* Completions (include/kernel/completion.h): a count and a wait queue. */
#include <kernel/completion.h>
#include <kernel/timer.h>

#define COMPLETE_ALL	UINT_MAX	/* done after complete_all(): never runs out */

void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != COMPLETE_ALL)
		x->done++;
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = COMPLETE_ALL;
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

/*
 * Sleep until done > 0, then take one. The test and the take are under
 * the lock, with this task already on the queue and asleep-to-be, so a
 * complete() in between finds it there (include/kernel/wait.h).
 * Return: jiffies left (timeout if MAX_SCHEDULE_TIMEOUT), 0 on timeout.
 */
static long do_wait_for_common(struct completion *x, long timeout)
{
	DEFINE_WAIT(wait);
	unsigned long flags;

	might_sleep();
	spin_lock_irqsave(&x->wait.lock, flags);
	while (!x->done && timeout) {
		wait.flags |= WQ_FLAG_EXCLUSIVE;
		if (list_empty(&wait.entry))
			list_add_tail(&wait.entry, &x->wait.head);
		__set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&x->wait.lock, flags);
		timeout = schedule_timeout(timeout);
		spin_lock_irqsave(&x->wait.lock, flags);
	}
	if (!list_empty(&wait.entry))
		list_del_init(&wait.entry);
	__set_current_state(TASK_RUNNING);
	if (!x->done) {
		spin_unlock_irqrestore(&x->wait.lock, flags);
		return 0;
	}
	if (x->done != COMPLETE_ALL)
		x->done--;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return timeout ? timeout : 1;
}

void wait_for_completion(struct completion *x)
{
	do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT);
}

unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return (unsigned long)do_wait_for_common(x, (long)timeout);
}

bool try_wait_for_completion(struct completion *x)
{
	unsigned long flags;
	bool ret = false;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done) {
		if (x->done != COMPLETE_ALL)
			x->done--;
		ret = true;
	}
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ret;
}

bool completion_done(struct completion *x)
{
	return x->done != 0;
}
