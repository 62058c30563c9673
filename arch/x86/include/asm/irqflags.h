/* SPDX-License-Identifier: MIT */
/*
 * Saving, disabling and restoring the interrupt flag (EFLAGS.IF).
 *
 *   unsigned long flags;
 *   local_irq_save(flags);          // pushf; pop flags; cli
 *   ... this CPU's data, no interrupt handler can run here ...
 *   local_irq_restore(flags);       // sti only if IF was set before
 *
 * The save/restore pair nests, which local_irq_disable()/enable() does
 * not: an inner enable would turn interrupts on under an outer section.
 * Restoring tests the saved IF and executes sti only when it was set
 * (as Linux's x86 code does), rather than popf, which is slower and
 * would also restore unrelated flags. Interrupts are on from the end of
 * boot (kernel/main.c's local_irq_enable(), after the IDT, the PICs and
 * the timer are set up); the pair costs the pushf/pop/cli and one test.
 *
 * The primitives (native_save_fl, local_irq_disable/enable,
 * irqs_disabled) are in asm/processor.h; these are macros over them, so
 * tests/host's simulated interrupt flag applies to them too.
 */
#ifndef _ASM_X86_IRQFLAGS_H
#define _ASM_X86_IRQFLAGS_H

#include <asm/processor.h>

#define irqs_disabled_flags(flags)	(!((flags) & X86_EFLAGS_IF))

#define local_irq_save(flags) do {					\
	(flags) = native_save_fl();					\
	local_irq_disable();						\
} while (0)

#define local_irq_restore(flags) do {					\
	if (!irqs_disabled_flags(flags))				\
		local_irq_enable();					\
} while (0)

#endif
