// SPDX-License-Identifier: MIT
/*
 * Wait queues (include/kernel/wait.h has the how and why). Every list
 * operation is under the queue's lock with interrupts off, since
 * wake_up() is called from interrupt handlers.
 */
#include <kernel/sched.h>
#include <kernel/wait.h>

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	list_add(&wq_entry->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&wq_entry->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/*
 * Non-exclusive waiters go at the head and exclusive ones at the tail,
 * so a wake-up that stops after nr_exclusive exclusive waiters has woken
 * every non-exclusive one first.
 */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wq_entry, int state)
{
	unsigned long flags;

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&wq_entry->entry))
		list_add(&wq_entry->entry, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *wq_entry,
			       int state)
{
	unsigned long flags;

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&wq_entry->entry))
		list_add_tail(&wq_entry->entry, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	/* Unlocked test: a waker that removed the entry (autoremove) left it
	 * self-linked, and nothing links it again but this task. */
	if (!list_empty(&wq_entry->entry)) {
		spin_lock_irqsave(&wq->lock, flags);
		list_del_init(&wq_entry->entry);
		spin_unlock_irqrestore(&wq->lock, flags);
	}
}

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key)
{
	return wake_up_state(wq_entry->private, mode);
}

int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			     void *key)
{
	int ret = default_wake_function(wq_entry, mode, flags, key);

	if (ret)
		list_del_init(&wq_entry->entry);
	return ret;
}

void __wake_up_locked(struct wait_queue_head *wq, unsigned int mode, int nr_exclusive)
{
	struct wait_queue_entry *curr, *next;

	lockdep_assert_held(&wq->lock);
	list_for_each_entry_safe(curr, next, &wq->head, entry) {
		unsigned int flags = curr->flags;
		int ret = curr->func(curr, mode, 0, NULL);

		if (ret < 0)
			break;
		if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
}

void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr_exclusive, void *key)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	__wake_up_locked(wq, mode, nr_exclusive);
	spin_unlock_irqrestore(&wq->lock, flags);
}
