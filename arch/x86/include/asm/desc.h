/* SPDX-License-Identifier: MIT */
/*
 * Segment selectors (arch/x86/kernel/desc.c builds the GDT):
 *
 *   GDT entry  selector  what
 *   0          0x00      null
 *   1          0x08      __KERNEL_CS  ring 0 code, base 0, limit 4 GiB
 *   2          0x10      __KERNEL_DS  ring 0 data
 *   3          0x1b      __USER_CS    ring 3 code (selector | RPL 3)
 *   4          0x23      __USER_DS    ring 3 data and stack
 *   5          0x28      GDT_ENTRY_TSS  the one TSS: esp0/ss0 for ring 3 -> 0
 */
#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

#define __KERNEL_CS	0x08
#define __KERNEL_DS	0x10
#define __USER_CS	0x1b
#define __USER_DS	0x23
#define GDT_ENTRY_TSS	0x28
#define __KERNEL_PERCPU	0x30	/* this CPU's pcpu_hot segment (%fs in the kernel): asm/percpu.h */
#define GDT_ENTRIES	7

/* The vector of `int $0x80`, Linux i386's system-call gate. */
#define IA32_SYSCALL_VECTOR	0x80

#ifndef __ASSEMBLER__
void gdt_init(void);

/*
 * cpu_init_gdt - load CPU @cpu's own GDT (its TSS and per-CPU segment in
 * it), the flat segments, %fs = __KERNEL_PERCPU and the task register.
 * Context: that CPU, interrupts off; the boot CPU's gdt_init() is cpu 0's.
 */
void cpu_init_gdt(unsigned int cpu);

/* load_idt - this CPU uses the shared IDT (idt_init() filled it). Context: any CPU. */
void load_idt(void);
void idt_init(void);

/*
 * load_sp0 - the kernel stack the CPU switches to on an entry from ring 3
 * @sp0: the top of the next task's kernel stack (task->thread.sp0)
 *
 * Context: context_switch(), interrupts off.
 */
void load_sp0(unsigned long sp0);
#endif

#endif
