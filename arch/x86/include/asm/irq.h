/* SPDX-License-Identifier: MIT */
/*
 * IRQ numbers and vectors on the PC. The two 8259A PICs deliver IRQ n
 * as vector FIRST_EXTERNAL_VECTOR + n, above the 32 the CPU reserves for
 * exceptions (the BIOS leaves them at 0x08-0x0f, on top of the double
 * fault: arch/x86/kernel/i8259.c moves them).
 */
#ifndef _ASM_X86_IRQ_H
#define _ASM_X86_IRQ_H

#include <asm/irq_vectors.h>
#include <asm/ptrace.h>

#define FIRST_EXTERNAL_VECTOR	0x20
#define NR_IRQS			16
#define IRQ0_VECTOR		FIRST_EXTERNAL_VECTOR

/* entry.asm: one stub per IRQ line, installed by idt_init(). */
extern const u32 irq_entry_stubs[NR_IRQS];
extern const u32 sysvec_entry_stubs[NR_SYSTEM_VECTORS];

/*
 * A system vector's handler (asm/irq_vectors.h): called by do_IRQ()
 * between irq_enter() and irq_exit(), interrupts off. It acknowledges the
 * local APIC itself (apic_eoi()), except for the spurious vector.
 */
typedef void (*sysvec_handler_t)(struct pt_regs *regs);

/**
 * alloc_intr_gate - give system vector @vector its handler @fn
 * Context: boot, before the vector can arrive. A second handler for the
 * same vector, or a vector outside 0xec-0xff, is a boot-time bug (BUG()).
 */
void alloc_intr_gate(unsigned int vector, sysvec_handler_t fn);

/* Per CPU: system-vector interrupts that arrived with no handler given. */
unsigned long sysvec_unhandled_count(unsigned int cpu);

/* The C half of the IRQ entry (arch/x86/kernel/irq.c). */
void do_IRQ(struct pt_regs *regs);

struct irq_chip;
/*
 * irq_set_chip - line @irq now belongs to @chip (APIC mode: the I/O APIC's):
 * masked on the old chip, unmasked on the new one if it has a handler.
 * Context: boot, the line quiet.
 */
void irq_set_chip(unsigned int irq, struct irq_chip *chip);

/* init_IRQ - the PICs remapped, every line masked but the cascade. */
void init_IRQ(void);

/* Spurious interrupts seen on IRQ 7 (master) and IRQ 15 (slave). */
extern unsigned long irq_spurious_count[2];

#endif
