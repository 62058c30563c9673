/* SPDX-License-Identifier: MIT */
/*
 * Preemption and page-fault disabling: the two counts that say "this
 * code must not be switched away from" and "a page fault here must not
 * sleep to fix itself up".
 *
 * preempt_count is per CPU, as Linux keeps it on x86 (one word beside
 * the CPU's other hot data, so raising it is one increment of a fixed
 * address); pagefault_disabled is per task (current->pagefault_disabled),
 * as in Linux, because it describes what the running code may do, not
 * the CPU. Nothing else writes either: every increment is here.
 *
 * preempt_count is split into fields, as in Linux, so that one word
 * answers both "may this code be preempted?" (the whole word is 0) and
 * "which context is this?":
 *
 *   bits  0- 7  PREEMPT   preempt_disable() depth (spinlocks included)
 *   bits  8-15  SOFTIRQ   reserved: no softirqs yet, always 0
 *   bits 16-19  HARDIRQ   hard-interrupt nesting, irq_enter()/irq_exit()
 *                         (kernel/hardirq.h) add and take HARDIRQ_OFFSET
 *   bits 20-23  NMI       reserved: NMIs are not handled yet, always 0
 *
 * e.g. inside the timer handler with one spinlock held the count is
 * 0x10001: in_irq() (HARDIRQ field 1), in_interrupt(), in_atomic().
 *
 * The top bit is PREEMPT_NEED_RESCHED, kept inverted as Linux does on
 * x86: it is 1 while no reschedule is pending. So the whole word is 0
 * exactly when the code may be preempted AND the scheduler wants to, and
 * preempt_enable() is one decrement and one branch:
 *
 *   preempt_enable():  if (--word == 0) preempt_schedule();
 *
 * preempt_count() masks the bit off, so readers see only the fields.
 * The scheduler sets and clears the bit (set_preempt_need_resched(),
 * with the task's TIF_NEED_RESCHED), and the interrupt return path
 * (entry.asm) tests the same word: 0 there means "preempt now".
 *
 * A context switch does not save the count: every switch happens inside
 * schedule() at the same depth (its preempt_disable() and the run-queue
 * lock), so the word the next task finds is the one it left with.
 */
#ifndef _KERNEL_PREEMPT_H
#define _KERNEL_PREEMPT_H

#include <kernel/compiler.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>

/* The word is pcpu_hot.preempt_count, reached through %fs (asm/percpu.h). */

#define PREEMPT_NEED_RESCHED	0x80000000u
#define PREEMPT_ENABLED		PREEMPT_NEED_RESCHED	/* the word: preemptible, nothing pending */

/* This CPU's count: 0 means preemptible. */
static __always_inline int preempt_count(void)
{
	return (int)(this_cpu_read_hot(preempt_count) & ~PREEMPT_NEED_RESCHED);
}

/* Put the count back to @pc (the self-tests' cleanup after a leaky case). */
static __always_inline void preempt_count_set(int pc)
{
	unsigned int w = this_cpu_read_hot(preempt_count);

	this_cpu_write_hot(preempt_count, (w & PREEMPT_NEED_RESCHED) | (unsigned int)pc);
}

static __always_inline void set_preempt_need_resched(void)
{
	this_cpu_and_preempt(~PREEMPT_NEED_RESCHED);
}

static __always_inline void clear_preempt_need_resched(void)
{
	this_cpu_or_preempt(PREEMPT_NEED_RESCHED);
}

static __always_inline bool test_preempt_need_resched(void)
{
	return !(this_cpu_read_hot(preempt_count) & PREEMPT_NEED_RESCHED);
}

#define preempt_count_add(n)	this_cpu_add_preempt(n)
#define preempt_count_sub(n)	this_cpu_add_preempt(-(n))
#define preempt_count_inc()	preempt_count_add(1)
#define preempt_count_dec()	preempt_count_sub(1)

/*
 * One decrement of the word; true when it reached 0: preemptible again
 * with a reschedule pending (decl %fs:... and the zero flag).
 */
static __always_inline bool __preempt_count_dec_and_test(void)
{
	return this_cpu_dec_and_test_preempt();
}

/* kernel/sched/core.c: preempt_enable() found a reschedule pending. */
void preempt_schedule(void);

/* The barriers keep the protected accesses inside the section. */
#define preempt_disable()	do { preempt_count_inc(); barrier(); } while (0)
#define preempt_enable()	do {					\
	barrier();							\
	if (unlikely(__preempt_count_dec_and_test()))			\
		preempt_schedule();					\
} while (0)
/* The decrement without the check: schedule() itself, and the idle loop. */
#define preempt_enable_no_resched()	do { barrier(); preempt_count_dec(); } while (0)
/* Is a reschedule wanted (whatever the count)? */
#define need_resched()		unlikely(test_preempt_need_resched())
/* May this code be preempted? */
#define preemptible()		(preempt_count() == 0 && !irqs_disabled())

#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	4
#define NMI_BITS	4

#define PREEMPT_SHIFT	0
#define SOFTIRQ_SHIFT	(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT	(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define NMI_SHIFT	(HARDIRQ_SHIFT + HARDIRQ_BITS)

#define __IRQ_MASK(x)	((1 << (x)) - 1)
#define PREEMPT_MASK	(__IRQ_MASK(PREEMPT_BITS) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK	(__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK	(__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)
#define NMI_MASK	(__IRQ_MASK(NMI_BITS) << NMI_SHIFT)

#define PREEMPT_OFFSET	(1 << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET	(1 << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET	(1 << HARDIRQ_SHIFT)
#define NMI_OFFSET	(1 << NMI_SHIFT)

#define hardirq_count()	(preempt_count() & HARDIRQ_MASK)
#define softirq_count()	(preempt_count() & SOFTIRQ_MASK)
#define irq_count()	(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK | NMI_MASK))

/* True in a hard-interrupt handler (between irq_enter() and irq_exit()). */
#define in_hardirq()	(hardirq_count() != 0)
#define in_irq()	in_hardirq()	/* Linux's older name, still common */
/* True in any interrupt context: hard IRQ, softirq (none yet) or NMI. */
#define in_interrupt()	(irq_count() != 0)

/*
 * True inside any preempt_disable() section (spinlocks included) or
 * interrupt handler: every field counts, so code that must not sleep
 * sees one test.
 */
#define in_atomic()		(preempt_count() != 0)

/*
 * pagefault_disable - a fault from here on is not fixed up by sleeping
 * (Linux's fault handler then goes straight to the exception table).
 * Context: any; nests; undone by pagefault_enable().
 */
static __always_inline void pagefault_disable(void)
{
	current->pagefault_disabled++;
	barrier();
}

static __always_inline void pagefault_enable(void)
{
	barrier();
	current->pagefault_disabled--;
}

/* True between pagefault_disable() and pagefault_enable(). */
static __always_inline bool pagefault_disabled(void)
{
	return current->pagefault_disabled != 0;
}

#endif
