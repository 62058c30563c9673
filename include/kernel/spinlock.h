/* SPDX-License-Identifier: MIT */
/*
 * Spinlocks, for data that more than one context may touch.
 *
 *   spin_lock(&zone->lock);
 *   ... the zone's free lists ...
 *   spin_unlock(&zone->lock);
 *
 * and spin_lock_irqsave(&lock, flags) / spin_unlock_irqrestore(&lock,
 * flags) where an interrupt handler may take the same lock.
 *
 * On one CPU a spinlock never spins: the only other context that could
 * hold it is one this code preempted or interrupted, and taking the lock
 * disables exactly that (preemption, and with _irqsave interrupts). So,
 * as in Linux's uniprocessor build, spin_lock() is preempt_disable() and
 * spin_unlock() is preempt_enable(): one increment and one decrement of
 * this CPU's preempt_count. The SMP issue adds the atomic test-and-set
 * (xchg) loop between the two, and nothing at the call sites changes.
 *
 * CONFIG_DEBUG_SPINLOCK (on with DEBUG_VM) records the owner, so misuse
 * that would deadlock or corrupt on SMP is reported on one CPU today:
 *
 *   BUG: spinlock: recursion          taking a lock this CPU holds
 *   BUG: spinlock: unlock of an unlocked lock
 *   BUG: lockdep: lock not held        lockdep_assert_held() failed
 *
 * each followed by the lock's name (its variable, or the expression
 * given to spin_lock_init()). A recursive spin_lock() is reported and
 * then does not wait: on one CPU it would wait forever.
 */
#ifndef _KERNEL_SPINLOCK_H
#define _KERNEL_SPINLOCK_H

#include <asm/irqflags.h>
#include <kernel/compiler.h>
#include <kernel/preempt.h>
#include <kernel/types.h>

#if !defined(CONFIG_DEBUG_SPINLOCK) && IS_ENABLED(CONFIG_DEBUG_VM)
#define CONFIG_DEBUG_SPINLOCK 1
#endif

/* The debug fields are kept in every build (a few bytes), so no #if below. */
typedef struct {
	unsigned int locked;		/* debug builds: 1 while held */
	int owner_cpu;			/* debug builds: the holder's CPU, or -1 */
	struct task_struct *owner;	/* debug builds: the holder, or NULL */
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname)					\
	((spinlock_t){ .locked = 0, .owner_cpu = -1, .owner = NULL, .name = #lockname })

#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define spin_lock_init(lock)	((void)(*(lock) = (spinlock_t)__SPIN_LOCK_UNLOCKED(lock)))

/* kernel/spinlock.c: the owner bookkeeping and its reports. */
void spin_lock_debug(spinlock_t *lock);
void spin_unlock_debug(spinlock_t *lock);
void lockdep_assert_held_debug(const spinlock_t *lock);

/**
 * spin_lock - take @lock.
 * Context: any; must not sleep until spin_unlock(). Not nestable with
 * itself (reported in debug builds).
 */
static __always_inline void spin_lock(spinlock_t *lock)
{
	preempt_disable();
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		spin_lock_debug(lock);
}

/* spin_unlock - release @lock, taken by this context. */
static __always_inline void spin_unlock(spinlock_t *lock)
{
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		spin_unlock_debug(lock);
	preempt_enable();
}

/* spin_lock_irqsave - disable interrupts (saving IF in @flags), take @lock. */
#define spin_lock_irqsave(lock, flags) do {				\
	local_irq_save(flags);						\
	spin_lock(lock);						\
} while (0)

/* spin_unlock_irqrestore - release @lock, then restore IF from @flags. */
#define spin_unlock_irqrestore(lock, flags) do {			\
	spin_unlock(lock);						\
	local_irq_restore(flags);					\
} while (0)

/*
 * lockdep_assert_held - the caller says it holds @lock; debug builds
 * check that this CPU does (Linux's lockdep checks the task).
 */
#define lockdep_assert_held(lock) do {					\
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))				\
		lockdep_assert_held_debug(lock);			\
} while (0)

#endif
