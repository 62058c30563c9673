/* SPDX-License-Identifier: MIT */
/*
 * Spinlocks, for data that more than one context -- or CPU -- may touch.
 *
 *   spin_lock(&zone->lock);
 *   ... the zone's free lists ...
 *   spin_unlock(&zone->lock);
 *
 * and spin_lock_irqsave(&lock, flags) / spin_unlock_irqrestore(&lock,
 * flags) where an interrupt handler may take the same lock (otherwise the
 * handler, interrupting the holder on the same CPU, would spin forever).
 *
 * The lock is a ticket lock, as Linux's x86 spinlock was from 2.6.25
 * until qspinlock (4.2), in its form for fewer than 256 CPUs: two 8-bit
 * counters in one 16-bit word,
 *
 *   head  the ticket now being served      (bits 0-7)
 *   tail  the next ticket to hand out      (bits 8-15)
 *
 * free when head == tail. spin_lock() takes a ticket with one locked
 * instruction, "lock xaddw" of 1 << 8: tail goes up by one and the old
 * word comes back, whose tail is this CPU's ticket. If that equals head
 * (one compare of the register's two bytes, "cmpb %ah, %al") the lock is
 * ours; otherwise the CPU spins reading head (a plain load, from its own
 * cache until the owner writes) until head reaches its ticket.
 * spin_unlock() adds 1 to head: only the owner writes head, so that
 * needs no lock prefix, and an x86 store is not moved ahead of the
 * critical section's loads and stores (asm/barrier.h). The waiters are
 * served in the order they arrived: a CPU cannot be starved by others
 * that keep retaking the lock, as it could be with a plain xchg lock.
 * 256 tickets are plenty: each CPU waits for a lock at most once at a
 * time (NR_CPUS is 8), and the counters wrap harmlessly.
 *
 *   free          head 3, tail 3
 *   A locks       head 3, tail 4      A holds ticket 3: served
 *   B locks       head 3, tail 5      B holds ticket 4: spins
 *   A unlocks     head 4, tail 5      B served
 *
 * Taking a lock also disables preemption (this CPU's preempt_count), so
 * the holder is not switched away while another CPU spins on it; with
 * one CPU the ticket is always served at once and only the count matters.
 *
 * CONFIG_DEBUG_SPINLOCK (on with DEBUG_VM) records the owner and reports,
 * in Linux's words (kernel/spinlock.c, each followed by a line naming
 * the lock and its owner, " lock: name, .magic: dead4ead, .owner:
 * comm/pid, .owner_cpu: N"):
 *
 *   BUG: spinlock recursion on CPU#N        taking a lock this task holds
 *   BUG: spinlock cpu recursion on CPU#N    ... that this CPU holds
 *                                           (then not waited for: this CPU
 *                                           would spin forever)
 *   BUG: spinlock already unlocked on CPU#N
 *   BUG: spinlock wrong CPU on CPU#N        unlocked on another CPU than
 *                                           the one that took it
 *   BUG: spinlock wrong owner on CPU#N      ... by another task
 *   BUG: spinlock bad magic on CPU#N        never initialised, or garbage
 *   BUG: spinlock lockup suspected on CPU#N spun SPIN_LOCKUP_LOOPS times
 *                                           (a count of tries, not time:
 *                                           the same under -icount or not)
 *   BUG: lockdep: lock not held             lockdep_assert_held() failed
 *
 * Where it differs from Linux: Linux 6.1 uses a queued spinlock (an MCS
 * queue behind a 4-byte word) on x86, and its uniprocessor build compiles
 * the lock word away; here the ticket lock is there on one CPU too (one
 * locked xadd per lock), so uniprocessor and SMP kernels are the same
 * code. The debug fields are kept in every build (a few bytes), so no
 * #if below. rwlock_t does not exist: tasklist_lock is a spinlock.
 */
#ifndef _KERNEL_SPINLOCK_H
#define _KERNEL_SPINLOCK_H

#include <asm/irqflags.h>
#include <asm/processor.h>	/* cpu_relax() */
#include <kernel/compiler.h>
#include <kernel/config.h>	/* NR_CPUS */
#include <kernel/preempt.h>
#include <kernel/types.h>

#if !defined(CONFIG_DEBUG_SPINLOCK) && IS_ENABLED(CONFIG_DEBUG_VM)
#define CONFIG_DEBUG_SPINLOCK 1
#endif

/* --- the lock word: arch_spin_*() (no preemption, no debug) ------------ */

typedef struct {
	union {
		u16 head_tail;
		struct {
			u8 head;	/* the ticket being served */
			u8 tail;	/* the next ticket handed out */
		} tickets;
	};
} arch_spinlock_t;

_Static_assert(NR_CPUS < 256, "8-bit tickets: fewer than 256 CPUs");

#define TICKET_SHIFT		8
#define TICKET_INC		(1u << TICKET_SHIFT)	/* tail + 1, as one add to the word */
#define __ARCH_SPIN_LOCK_UNLOCKED	{ { .head_tail = 0 } }

/*
 * arch_spin_take_ticket - tail += 1 atomically. Return: the word before
 * (its tail is the caller's ticket, its head the one served then).
 */
static __always_inline u16 arch_spin_take_ticket(arch_spinlock_t *lock)
{
	u16 old = TICKET_INC;

	__asm__ __volatile__("lock; xaddw %0, %1"
			     : "+Q"(old), "+m"(lock->head_tail) :: "memory", "cc");
	return old;
}

/* The ticket and the compare of its two bytes in one asm: xaddw, cmpb %ah, %al. */
static __always_inline void arch_spin_lock(arch_spinlock_t *lock)
{
	u16 old = TICKET_INC;
	bool served;

	__asm__ __volatile__("lock; xaddw %w0, %1\n\tcmpb %h0, %b0"
			     : "+Q"(old), "+m"(lock->head_tail), "=@ccz"(served) :: "memory");
	if (likely(served))
		return;				/* nobody held it: served at once */
	while (READ_ONCE(lock->tickets.head) != (u8)(old >> TICKET_SHIFT))
		cpu_relax();
	barrier();				/* the section's accesses stay after the wait */
}

/* arch_spin_trylock - take @lock only if it is free now. Return: 1 if taken. */
static __always_inline int arch_spin_trylock(arch_spinlock_t *lock)
{
	u16 old = READ_ONCE(lock->head_tail), found;

	if ((u8)old != (u8)(old >> TICKET_SHIFT))
		return 0;			/* held (or waited for) */
	__asm__ __volatile__("lock; cmpxchgw %2, %1"
			     : "=a"(found), "+m"(lock->head_tail)
			     : "r"((u16)(old + TICKET_INC)), "0"(old) : "memory", "cc");
	return found == old;
}

/* The owner serves the next ticket; only it writes head, so no lock prefix. */
static __always_inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	__asm__ __volatile__("addb $1, %0" : "+m"(lock->tickets.head) :: "memory", "cc");
}

static __always_inline int arch_spin_is_locked(const arch_spinlock_t *lock)
{
	u16 v = READ_ONCE(lock->head_tail);

	return (u8)v != (u8)(v >> TICKET_SHIFT);
}

/* Someone is waiting besides the holder. */
static __always_inline int arch_spin_is_contended(const arch_spinlock_t *lock)
{
	u16 v = READ_ONCE(lock->head_tail);

	return (u8)((v >> TICKET_SHIFT) - v) > 1;
}

/* --- spinlock_t --------------------------------------------------------- */

#define SPINLOCK_MAGIC		0xdead4ead	/* Linux's value */

typedef struct {
	arch_spinlock_t raw_lock;
	unsigned int magic;		/* SPINLOCK_MAGIC once initialised */
	int owner_cpu;			/* debug builds: the holder's CPU, or -1 */
	struct task_struct *owner;	/* debug builds: the holder, or NULL */
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname)					\
	((spinlock_t){ .raw_lock = __ARCH_SPIN_LOCK_UNLOCKED, .magic = SPINLOCK_MAGIC, \
		       .owner_cpu = -1, .owner = NULL, .name = #lockname })

#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define spin_lock_init(lock)	((void)(*(lock) = (spinlock_t)__SPIN_LOCK_UNLOCKED(lock)))

/*
 * The debug build's spin of a contended lock gives up waiting quietly after
 * this many tries and reports "lockup suspected" (then waits on). A count,
 * not a time, so a run under -icount reports at the same instruction.
 * About a second of spinning on a real CPU; a variable so a test can
 * shorten it. Context: any.
 */
#define SPIN_LOCKUP_LOOPS	(1u << 26)
extern unsigned int spin_lockup_loops;

/* kernel/spinlock.c: the lock with owner bookkeeping and its reports. */
void do_raw_spin_lock_debug(spinlock_t *lock);
int do_raw_spin_trylock_debug(spinlock_t *lock);
void do_raw_spin_unlock_debug(spinlock_t *lock);
void lockdep_assert_held_debug(const spinlock_t *lock);

/*
 * do_raw_spin_lock/unlock - the lock word (and in debug builds the owner),
 * without preempt_count: spin_lock() is preempt_disable() and this.
 * Context: any; the caller keeps itself on this CPU.
 */
static __always_inline void do_raw_spin_lock(spinlock_t *lock)
{
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		do_raw_spin_lock_debug(lock);
	else
		arch_spin_lock(&lock->raw_lock);
}

static __always_inline int do_raw_spin_trylock(spinlock_t *lock)
{
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		return do_raw_spin_trylock_debug(lock);
	return arch_spin_trylock(&lock->raw_lock);
}

static __always_inline void do_raw_spin_unlock(spinlock_t *lock)
{
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		do_raw_spin_unlock_debug(lock);
	else
		arch_spin_unlock(&lock->raw_lock);
}

/**
 * spin_lock - take @lock, spinning while another CPU holds it.
 * Context: any; must not sleep until spin_unlock(). Not nestable with
 * itself (reported in debug builds). Interrupts stay as they are: use
 * spin_lock_irqsave() if a handler takes @lock too.
 */
static __always_inline void spin_lock(spinlock_t *lock)
{
	preempt_disable();
	do_raw_spin_lock(lock);
}

/**
 * spin_trylock - take @lock if it is free, without waiting.
 * Return: 1 if taken (release with spin_unlock()), 0 if not.
 * Context: any.
 */
static __always_inline int spin_trylock(spinlock_t *lock)
{
	preempt_disable();
	if (do_raw_spin_trylock(lock))
		return 1;
	preempt_enable();
	return 0;
}

/* spin_unlock - release @lock, taken by this context. */
static __always_inline void spin_unlock(spinlock_t *lock)
{
	do_raw_spin_unlock(lock);
	preempt_enable();
}

/* spin_is_locked - someone holds @lock now (it may change at once). Context: any. */
static __always_inline int spin_is_locked(const spinlock_t *lock)
{
	return arch_spin_is_locked(&lock->raw_lock);
}

static __always_inline int spin_is_contended(const spinlock_t *lock)
{
	return arch_spin_is_contended(&lock->raw_lock);
}

/* spin_lock_irq - disable interrupts, take @lock (interrupts known on before). */
static __always_inline void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

static __always_inline void spin_unlock_irq(spinlock_t *lock)
{
	spin_unlock(lock);
	local_irq_enable();
}

/* spin_lock_irqsave - disable interrupts (saving IF in @flags), take @lock. */
#define spin_lock_irqsave(lock, flags) do {				\
	local_irq_save(flags);						\
	spin_lock(lock);						\
} while (0)

/* spin_trylock_irqsave - as spin_trylock(); interrupts restored if not taken. */
#define spin_trylock_irqsave(lock, flags) ({				\
	int __taken;							\
	local_irq_save(flags);						\
	__taken = spin_trylock(lock);					\
	if (!__taken)							\
		local_irq_restore(flags);				\
	__taken;							\
})

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
