// SPDX-License-Identifier: MIT
/*
 * The debug half of spinlocks (include/kernel/spinlock.h): who holds each
 * lock, and reports of misuse, in Linux's words (its old
 * lib/spinlock_debug.c). Called only in CONFIG_DEBUG_SPINLOCK builds,
 * after spin_lock()'s preempt_disable() and before spin_unlock()'s
 * preempt_enable(), so the counts stay balanced even when a report is made.
 *
 *   lock:    check (bad magic; recursion: this task or this CPU holds it
 *            already -- reported, and then not waited for, since waiting
 *            for oneself never ends), take a ticket, spin counting the
 *            tries; after spin_lockup_loops of them report "lockup
 *            suspected" once, naming the holder, and go on waiting; then
 *            owner = current, owner_cpu = this CPU.
 *   unlock:  check (bad magic; already unlocked -- reported and nothing
 *            released, since serving a ticket nobody took would let the
 *            next two lockers in together; wrong owner; wrong CPU -- both
 *            reported, and the lock released all the same), clear the
 *            owner, serve the next ticket.
 *
 * The owner fields are written only by the holder, and read by others
 * only for the reports, with READ_ONCE: a report may see a stale owner,
 * never a torn one. The CPU number is smp_processor_id() (the caller
 * holds preemption off).
 *
 * The reports print through printk, which serialises CPUs with its own
 * lock (kernel/printk.c), not a spinlock_t: a spinlock report from inside
 * printk's path cannot recurse into itself.
 *
 * Where it differs from Linux: Linux's lockup detector (removed in 4.x
 * for lockdep and the NMI watchdog) spun on trylock with udelay(1) between
 * tries, losing the ticket order; here the ticket is taken first and the
 * count is of reads of head, so a debug build serves in the same order
 * as a production one. Linux's "cpu recursion" is kept; the reports are
 * not followed by a stack dump.
 */
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>

unsigned int spin_lockup_loops = SPIN_LOCKUP_LOOPS;

static void spin_dump(const spinlock_t *lock, const char *msg)
{
	struct task_struct *owner = READ_ONCE(lock->owner);

	report_misuse_fmt("spinlock", msg, "spinlock %s on CPU#%d, %s/%d", msg,
			  smp_processor_id(), current->comm, current->pid);
	pr_err(" lock: %s, .magic: %08x, .owner: %s/%d, .owner_cpu: %d\n", lock->name,
	       READ_ONCE(lock->magic), owner ? owner->comm : "<none>", owner ? owner->pid : -1,
	       READ_ONCE(lock->owner_cpu));
}

/* The checks before waiting. Return: false if the caller must not wait (recursion). */
static bool debug_spin_lock_before(spinlock_t *lock)
{
	if (unlikely(READ_ONCE(lock->magic) != SPINLOCK_MAGIC))
		spin_dump(lock, "bad magic");
	if (!arch_spin_is_locked(&lock->raw_lock))
		return true;
	if (unlikely(READ_ONCE(lock->owner) == current)) {
		spin_dump(lock, "recursion");
		return false;
	}
	if (unlikely(READ_ONCE(lock->owner_cpu) == (int)smp_processor_id())) {
		spin_dump(lock, "cpu recursion");
		return false;
	}
	return true;
}

static void debug_spin_lock_after(spinlock_t *lock)
{
	WRITE_ONCE(lock->owner_cpu, (int)smp_processor_id());
	WRITE_ONCE(lock->owner, current);
}

void do_raw_spin_lock_debug(spinlock_t *lock)
{
	u16 old;
	u8 me;
	unsigned int tries = 0;

	if (!debug_spin_lock_before(lock))
		return;
	old = arch_spin_take_ticket(&lock->raw_lock);
	me = (u8)(old >> TICKET_SHIFT);
	if ((u8)old != me) {
		while (READ_ONCE(lock->raw_lock.tickets.head) != me) {
			if (unlikely(++tries == spin_lockup_loops))
				spin_dump(lock, "lockup suspected");
			cpu_relax();
		}
		barrier();
	}
	debug_spin_lock_after(lock);
}

int do_raw_spin_trylock_debug(spinlock_t *lock)
{
	if (unlikely(READ_ONCE(lock->magic) != SPINLOCK_MAGIC))
		spin_dump(lock, "bad magic");
	if (!arch_spin_trylock(&lock->raw_lock))
		return 0;
	debug_spin_lock_after(lock);
	return 1;
}

void do_raw_spin_unlock_debug(spinlock_t *lock)
{
	if (unlikely(READ_ONCE(lock->magic) != SPINLOCK_MAGIC))
		spin_dump(lock, "bad magic");
	if (unlikely(!arch_spin_is_locked(&lock->raw_lock))) {
		spin_dump(lock, "already unlocked");
		return;
	}
	if (unlikely(READ_ONCE(lock->owner) != current))
		spin_dump(lock, "wrong owner");
	if (unlikely(READ_ONCE(lock->owner_cpu) != (int)smp_processor_id()))
		spin_dump(lock, "wrong CPU");
	WRITE_ONCE(lock->owner, NULL);
	WRITE_ONCE(lock->owner_cpu, -1);
	arch_spin_unlock(&lock->raw_lock);
}

void lockdep_assert_held_debug(const spinlock_t *lock)
{
	if (!arch_spin_is_locked(&lock->raw_lock) ||
	    READ_ONCE(lock->owner_cpu) != (int)smp_processor_id()) {
		struct task_struct *owner = READ_ONCE(lock->owner);

		report_misuse("lockdep", "lock not held");
		pr_err(" lock: %s on CPU#%d, .owner: %s/%d, .owner_cpu: %d\n", lock->name,
		       smp_processor_id(), owner ? owner->comm : "<none>", owner ? owner->pid : -1,
		       READ_ONCE(lock->owner_cpu));
	}
}
