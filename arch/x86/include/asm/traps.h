/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_TRAPS_H
#define _ASM_X86_TRAPS_H

#include <asm/ptrace.h>

#define X86_TRAP_NMI	2
#define X86_TRAP_BP	3	/* int3 */
#define X86_TRAP_OF	4	/* into */
#define X86_TRAP_DF	8	/* double fault */
#define X86_TRAP_UD	6	/* invalid opcode */
#define X86_TRAP_NM	7	/* device not available: CR0.TS */
#define X86_TRAP_GP	13	/* general protection fault */
#define X86_TRAP_PF	14
#define X86_TRAP_MC	18	/* machine check */

/* Page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define X86_PF_PROT	(1U << 0)	/* 0: not-present page, 1: protection */
#define X86_PF_WRITE	(1U << 1)
#define X86_PF_USER	(1U << 2)
#define X86_PF_RSVD	(1U << 3)
#define X86_PF_INSTR	(1U << 4)

void do_exception(struct pt_regs *regs);
void do_page_fault(struct pt_regs *regs, unsigned long address);
/* Page faults taken in atomic context (pagefault_disable(), in_atomic()): arch/x86/mm/fault.c. */
extern unsigned long pf_atomic_faults;
void show_regs(const struct pt_regs *regs);
/* An mm subsystem's finer name for @addr (vmalloc guard page, ...), or NULL. */
const char *mm_fault_area(unsigned long addr);

#endif
