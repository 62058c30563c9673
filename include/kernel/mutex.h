/* SPDX-License-Identifier: MIT */
/*
 * Mutexes: a sleeping lock, for sections that may themselves sleep
 * (allocate with GFP_KERNEL, kmap(), wait for something).
 *
 *   static DEFINE_MUTEX(table_mutex);
 *   mutex_lock(&table_mutex);  ...  mutex_unlock(&table_mutex);
 *
 * A task that finds the mutex held sleeps on its wait list, in arrival
 * order; mutex_unlock() hands the mutex straight to the first waiter
 * (it is the owner when it wakes), so nobody can barge in and a waiter
 * cannot starve.
 *
 * Misuse is reported (Linux's CONFIG_DEBUG_MUTEXES checks), by name:
 *
 *   BUG: mutex: recursive locking        mutex_lock() of a mutex current holds
 *   BUG: mutex: unlock by non-owner      mutex_unlock() by another task
 *   BUG: sleeping function called from invalid context   (might_sleep())
 *
 * Where it differs from Linux: Linux's mutex has a lockless fast path
 * (cmpxchg on the owner word), optimistic spinning while the owner runs
 * on another CPU, and hands off only after a waiter has been starved;
 * this one always takes the wait lock and always hands off. Both never
 * allow recursion or unlock by another task.
 */
#ifndef _KERNEL_MUTEX_H
#define _KERNEL_MUTEX_H

#include <kernel/list.h>
#include <kernel/spinlock.h>

struct task_struct;

struct mutex {
	struct task_struct *owner;	/* NULL when free */
	spinlock_t wait_lock;
	struct list_head wait_list;	/* struct mutex_waiter, FIFO */
	const char *name;
};

#define __MUTEX_INITIALIZER(lockname) {					\
	.owner = NULL,							\
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

static inline bool mutex_is_locked(const struct mutex *lock)
{
	return READ_ONCE(lock->owner) != NULL;
}

#endif
