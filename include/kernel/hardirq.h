/* SPDX-License-Identifier: MIT */
/*
 * irq_enter()/irq_exit(): the bracket around every hardware interrupt
 * handler (arch/x86/kernel/irq.c, do_IRQ()). They add and take
 * HARDIRQ_OFFSET on this CPU's preempt_count (kernel/preempt.h), which
 * is what makes in_irq(), in_interrupt() and in_atomic() true inside a
 * handler.
 *
 * Where it differs from Linux (kernel/softirq.c): Linux's irq_exit()
 * also runs pending softirqs once the count drops out of hard-IRQ
 * context. There are no softirqs here, so the pair is the two count
 * updates; the preemption check is on the return path
 * (arch/x86/kernel/entry.asm), as in Linux, not here.
 */
#ifndef _KERNEL_HARDIRQ_H
#define _KERNEL_HARDIRQ_H

#include <kernel/preempt.h>

/* irq_enter - a hard interrupt handler starts. Context: interrupts off. */
static __always_inline void irq_enter(void)
{
	preempt_count_add(HARDIRQ_OFFSET);
	barrier();
}

/* irq_exit - the handler is done; undoes irq_enter(). Context: interrupts off. */
static __always_inline void irq_exit(void)
{
	barrier();
	preempt_count_sub(HARDIRQ_OFFSET);
}

#endif
