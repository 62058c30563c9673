/* SPDX-License-Identifier: MIT */
/*
 * Mutexes: a sleeping lock, for sections that may themselves sleep
 * (allocate with GFP_KERNEL, kmap(), wait for something).
 *
 *   static DEFINE_MUTEX(table_mutex);
 *   mutex_lock(&table_mutex);  ...  mutex_unlock(&table_mutex);
 *
 * The owner word is the owning task's address, 0 when free; taking a
 * free mutex and releasing one nobody waits for is a single cmpxchg on
 * it (the fast paths, no lock taken). A task that finds the mutex held
 * takes the wait lock, sets bit 0 of the word (MUTEX_FLAG_WAITERS: from
 * now on the unlocker's cmpxchg fails and it takes the slow path) and
 * sleeps on the wait list, in arrival order; mutex_unlock() then hands
 * the mutex straight to the first waiter (it is the owner when it
 * wakes), so nobody can barge in and a waiter cannot starve.
 *
 * Misuse is reported (Linux's CONFIG_DEBUG_MUTEXES checks), by name:
 *
 *   BUG: mutex: recursive locking        mutex_lock() of a mutex current holds
 *   BUG: mutex: unlock by non-owner      mutex_unlock() by another task
 *   BUG: sleeping function called from invalid context   (might_sleep())
 *
 * Where it differs from Linux: Linux's mutex has the same cmpxchg fast
 * paths and waiters bit, but also optimistic spinning while the owner
 * runs on another CPU, and hands off only after a waiter has been
 * starved (MUTEX_FLAG_HANDOFF); this one always hands off. Both never
 * allow recursion or unlock by another task.
 */
#ifndef _KERNEL_MUTEX_H
#define _KERNEL_MUTEX_H

#include <kernel/list.h>
#include <kernel/spinlock.h>

struct task_struct;

struct mutex {
	unsigned long owner;		/* the owner's task_struct | MUTEX_FLAG_WAITERS; 0 free */
	spinlock_t wait_lock;
	struct list_head wait_list;	/* struct mutex_waiter, FIFO */
	const char *name;
};

#define __MUTEX_INITIALIZER(lockname) {					\
	.owner = 0,							\
	.wait_lock = __SPIN_LOCK_UNLOCKED(lockname.wait_lock),		\
	.wait_list = LIST_HEAD_INIT(lockname.wait_list),		\
	.name = #lockname }
#define DEFINE_MUTEX(mutexname)	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name);
#define mutex_init(lock)	__mutex_init(lock, #lock)

/**
 * mutex_lock - take @lock, sleeping while another task holds it.
 * Context: process context, may sleep; not recursive.
 */
void mutex_lock(struct mutex *lock);

/* mutex_trylock - take @lock if free. Return: 1 if taken. Context: process. */
int mutex_trylock(struct mutex *lock);

/**
 * mutex_unlock - release @lock, handing it to the first waiter if any.
 * Context: process context, by the task that locked it.
 */
void mutex_unlock(struct mutex *lock);

#define MUTEX_FLAG_WAITERS	0x01UL	/* someone sleeps on wait_list: unlock takes the slow path */

/* The task holding @lock, or NULL. Context: any. */
static inline struct task_struct *mutex_owner(const struct mutex *lock)
{
	return (struct task_struct *)(READ_ONCE(lock->owner) & ~MUTEX_FLAG_WAITERS);
}

static inline bool mutex_is_locked(const struct mutex *lock)
{
	return mutex_owner(lock) != NULL;
}

#endif
