// SPDX-License-Identifier: MIT
/* Mutexes (include/kernel/mutex.h): an owner, a FIFO of waiters, hand-off on unlock. */
#include <kernel/might_sleep.h>
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>

struct mutex_waiter {
	struct list_head list;
	struct task_struct *task;
};

void __mutex_init(struct mutex *lock, const char *name)
{
	lock->owner = NULL;
	spin_lock_init(&lock->wait_lock);
	INIT_LIST_HEAD(&lock->wait_list);
	lock->name = name;
}

static noinline void mutex_report(const char *reason, const struct mutex *lock)
{
	report_misuse("mutex", reason);
	pr_err("  mutex %s: owner %s[%d], current %s[%d]\n", lock->name,
	       lock->owner ? lock->owner->comm : "none", lock->owner ? lock->owner->pid : -1,
	       current->comm, current->pid);
}

int mutex_trylock(struct mutex *lock)
{
	unsigned long flags;
	int ok = 0;

	spin_lock_irqsave(&lock->wait_lock, flags);
	if (!lock->owner) {
		lock->owner = current;
		ok = 1;
	}
	spin_unlock_irqrestore(&lock->wait_lock, flags);
	return ok;
}

void mutex_lock(struct mutex *lock)
{
	struct mutex_waiter waiter;
	unsigned long flags;

	might_sleep();
	spin_lock_irqsave(&lock->wait_lock, flags);
	if (likely(!lock->owner)) {
		lock->owner = current;
		spin_unlock_irqrestore(&lock->wait_lock, flags);
		return;
	}
	if (unlikely(lock->owner == current)) {
		spin_unlock_irqrestore(&lock->wait_lock, flags);
		mutex_report("recursive locking", lock);
		return;		/* waiting would never end: carry on as if locked */
	}
	waiter.task = current;
	list_add_tail(&waiter.list, &lock->wait_list);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (lock->owner == current)	/* handed off by mutex_unlock() */
			break;
		spin_unlock_irqrestore(&lock->wait_lock, flags);
		schedule();
		spin_lock_irqsave(&lock->wait_lock, flags);
	}
	__set_current_state(TASK_RUNNING);
	spin_unlock_irqrestore(&lock->wait_lock, flags);
}

void mutex_unlock(struct mutex *lock)
{
	struct mutex_waiter *w;
	unsigned long flags;

	spin_lock_irqsave(&lock->wait_lock, flags);
	if (unlikely(lock->owner != current)) {
		spin_unlock_irqrestore(&lock->wait_lock, flags);
		mutex_report(lock->owner ? "unlock by non-owner" : "unlock of an unlocked mutex", lock);
		return;
	}
	if (list_empty(&lock->wait_list)) {
		lock->owner = NULL;
	} else {
		w = list_first_entry(&lock->wait_list, struct mutex_waiter, list);
		list_del(&w->list);
		lock->owner = w->task;
		wake_up_process(w->task);
	}
	spin_unlock_irqrestore(&lock->wait_lock, flags);
}
