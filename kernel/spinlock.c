// SPDX-License-Identifier: MIT
/*
 * The debug half of spinlocks (include/kernel/spinlock.h): who holds
 * each lock, and reports of misuse. Called only in CONFIG_DEBUG_SPINLOCK
 * builds, after spin_lock()'s preempt_disable() and before
 * spin_unlock()'s preempt_enable(), so the counts stay balanced even
 * when a report is made.
 */
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>

static void spin_report(const char *kind, const char *reason, const spinlock_t *lock)
{
	report_misuse(kind, reason);
	pr_err("  lock %s on CPU#%d: locked %u, owner %s, owner_cpu %d\n",
	       lock->name, smp_processor_id(), lock->locked,
	       lock->owner ? lock->owner->comm : "none", lock->owner_cpu);
}

void spin_lock_debug(spinlock_t *lock)
{
	if (lock->locked && lock->owner_cpu == smp_processor_id()) {
		spin_report("spinlock", "recursion", lock);
		return;		/* one CPU: waiting would never end */
	}
	lock->locked = 1;
	lock->owner_cpu = smp_processor_id();
	lock->owner = current;
}

void spin_unlock_debug(spinlock_t *lock)
{
	if (!lock->locked) {
		spin_report("spinlock", "unlock of an unlocked lock", lock);
		return;
	}
	lock->locked = 0;
	lock->owner_cpu = -1;
	lock->owner = NULL;
}

void lockdep_assert_held_debug(const spinlock_t *lock)
{
	if (!lock->locked || lock->owner_cpu != smp_processor_id())
		spin_report("lockdep", "lock not held", lock);
}
