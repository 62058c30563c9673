/* SPDX-License-Identifier: MIT */
/*
 * The IDT's vectors, as Linux numbers them on x86 (arch/x86/include/asm/
 * irq_vectors.h there):
 *
 *   0x00-0x1f  CPU exceptions (asm/traps.h)
 *   0x20-0x2f  the 16 legacy IRQs: from the 8259As, or with SMP from the
 *              I/O APIC, which is programmed to deliver IRQ n at 0x20 + n
 *              too, so do_IRQ() and request_irq() do not change
 *   0x80       the system call (DPL 3)
 *   0xec-0xff  system vectors: the local APIC's own interrupts and the
 *              IPIs one CPU sends another (below), each with a C handler
 *              given to alloc_intr_gate() (arch/x86/kernel/irq.c)
 *
 * Where it differs from Linux: Linux hands out the vectors between 0x30
 * and 0xeb to device interrupts dynamically; here the 16 ISA lines keep
 * their fixed vectors whichever chip delivers them.
 */
#ifndef _ASM_X86_IRQ_VECTORS_H
#define _ASM_X86_IRQ_VECTORS_H

#define FIRST_SYSTEM_VECTOR		0xec
#define LOCAL_TIMER_VECTOR		0xec	/* each CPU's local APIC timer: its tick */
#define CALL_FUNCTION_SINGLE_VECTOR	0xfb	/* smp_call_function_single() */
#define CALL_FUNCTION_VECTOR		0xfc	/* smp_call_function_many(), TLB shootdowns */
#define RESCHEDULE_VECTOR		0xfd	/* smp_send_reschedule(): "look at your run queue" */
#define ERROR_APIC_VECTOR		0xfe	/* the local APIC's error interrupt */
#define SPURIOUS_APIC_VECTOR		0xff	/* the local APIC's spurious vector (no EOI) */
#define NR_SYSTEM_VECTORS		(0x100 - FIRST_SYSTEM_VECTOR)

#endif
