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
	lock->owner = 0;
	spin_lock_init(&lock->wait_lock);
	INIT_LIST_HEAD(&lock->wait_list);
	lock->name = name;
}

static noinline void mutex_report(const char *reason, const struct mutex *lock)
{
	struct task_struct *owner = mutex_owner(lock);

	report_misuse("mutex", reason);
	pr_err("  mutex %s: owner %s[%d], current %s[%d]\n", lock->name,
	       owner ? owner->comm : "none", owner ? owner->pid : -1,
	       current->comm, current->pid);
}

/* The owner word from @old to @new if it is still @old; true if it was. */
static __always_inline bool owner_cmpxchg(struct mutex *lock, unsigned long old, unsigned long new)
{
	return __sync_bool_compare_and_swap(&lock->owner, old, new);
}

int mutex_trylock(struct mutex *lock)
{
	return owner_cmpxchg(lock, 0, (unsigned long)current);
}

/* The contended path: queue up, flag the word, sleep until handed the mutex. */
static noinline void __mutex_lock_slowpath(struct mutex *lock)
{
	unsigned long me = (unsigned long)current, flags, o;
	struct mutex_waiter waiter;
	bool queued = false;

	spin_lock_irqsave(&lock->wait_lock, flags);
	for (;;) {
		o = READ_ONCE(lock->owner);
		if (!(o & ~MUTEX_FLAG_WAITERS)) {
			/* free: nobody queued can be waiting for it (unlock hands off) */
			if (owner_cmpxchg(lock, o, me | (queued && lock->wait_list.next != lock->wait_list.prev
							? MUTEX_FLAG_WAITERS : 0)))
				break;
			continue;
		}
		if (unlikely((o & ~MUTEX_FLAG_WAITERS) == me)) {
			if (queued) {
				queued = false;		/* handed off: mutex_unlock() unqueued us */
				break;
			}
			spin_unlock_irqrestore(&lock->wait_lock, flags);
			mutex_report("recursive locking", lock);
			return;		/* waiting would never end: carry on as if locked */
		}
		if (!(o & MUTEX_FLAG_WAITERS) && !owner_cmpxchg(lock, o, o | MUTEX_FLAG_WAITERS))
			continue;		/* the owner's fast unlock raced us: look again */
		if (!queued) {
			waiter.task = current;
			list_add_tail(&waiter.list, &lock->wait_list);
			queued = true;
		}
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&lock->wait_lock, flags);
		schedule();
		spin_lock_irqsave(&lock->wait_lock, flags);
		if (mutex_owner(lock) == current) {
			queued = false;			/* mutex_unlock() took us off the list */
			break;
		}
	}
	if (queued)
		list_del(&waiter.list);
	__set_current_state(TASK_RUNNING);
	spin_unlock_irqrestore(&lock->wait_lock, flags);
}

void mutex_lock(struct mutex *lock)
{
	might_sleep();
	if (likely(owner_cmpxchg(lock, 0, (unsigned long)current)))
		return;
	__mutex_lock_slowpath(lock);
}

static noinline void __mutex_unlock_slowpath(struct mutex *lock)
{
	struct mutex_waiter *w;
	unsigned long flags;

	spin_lock_irqsave(&lock->wait_lock, flags);
	if (unlikely(mutex_owner(lock) != current)) {
		spin_unlock_irqrestore(&lock->wait_lock, flags);
		mutex_report(mutex_owner(lock) ? "unlock by non-owner" : "unlock of an unlocked mutex",
			     lock);
		return;
	}
	if (list_empty(&lock->wait_list)) {
		WRITE_ONCE(lock->owner, 0);
	} else {
		w = list_first_entry(&lock->wait_list, struct mutex_waiter, list);
		list_del(&w->list);
		WRITE_ONCE(lock->owner, (unsigned long)w->task |
			   (list_empty(&lock->wait_list) ? 0 : MUTEX_FLAG_WAITERS));
		wake_up_process(w->task);
	}
	spin_unlock_irqrestore(&lock->wait_lock, flags);
}

void mutex_unlock(struct mutex *lock)
{
	if (likely(owner_cmpxchg(lock, (unsigned long)current, 0)))
		return;
	__mutex_unlock_slowpath(lock);
}
