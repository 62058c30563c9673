/* SPDX-License-Identifier: MIT */
/*
 * The exception table: which faulting instructions the kernel expects.
 *
 * An instruction that may fault on purpose (a probe of an address that
 * may be unmapped; copy_from_user one day) gets an entry in the
 * __ex_table section: its address, where to resume, and how:
 *
 *   1:	movb (%edx), %cl		# may fault
 *   2:					# resume here, %eax = -EFAULT
 *	_ASM_EXTABLE_TYPE(1b, 2b, EX_TYPE_EFAULT_AX)
 *
 * The trap path (arch/x86/kernel/traps.c, arch/x86/mm/fault.c) asks
 * fixup_exception() before it prints an oops: if the faulting EIP has an
 * entry, the handler edits the saved registers and the exception returns
 * to the fixup address, silently, as in Linux. The entries are in link
 * order, not sorted; arch/x86/mm/extable.c says how they are searched.
 *
 * After the oops has been printed, one more recovery point may be armed
 * at run time, for code that faults anywhere rather than at one marked
 * instruction (the self-tests' catch_fault(): a ud2, a call into an NX
 * page, a memset running off a page): current->oops_landing makes the
 * next oops resume at that landing instead of panicking. The trap path only
 * rewrites the saved EIP; the landing runs after the exception has returned.
 *
 * Every exception the trap path handles is recorded in last_fault first
 * (Linux keeps trap_nr, cr2 and error_code in current->thread), so a
 * fixup, or a test, can tell what happened.
 */
#ifndef _ASM_X86_EXTABLE_H
#define _ASM_X86_EXTABLE_H

#define EX_TYPE_DEFAULT		0	/* resume at the fixup address */
#define EX_TYPE_EFAULT_AX	1	/* ... with %eax = -EFAULT */

#define __EX_STR(x)		#x
#define EX_STR(x)		__EX_STR(x)

/* One __ex_table entry, for inline asm: insn and fixup are asm labels. */
#define _ASM_EXTABLE_TYPE(from, to, type)			\
	" .pushsection __ex_table, \"a\"\n"			\
	" .balign 4\n"						\
	" .long " #from ", " #to ", " EX_STR(type) "\n"		\
	" .popsection\n"
#define _ASM_EXTABLE(from, to)	_ASM_EXTABLE_TYPE(from, to, EX_TYPE_DEFAULT)

#ifndef __ASSEMBLER__
#include <asm/ptrace.h>
#include <kernel/types.h>

struct exception_table_entry {
	unsigned long insn, fixup;
	unsigned int type;
};

/* What the trap path saw last (vector, error code, CR2, EIP, named area). */
struct fault_record {
	u32 vector, error_code, cr2, eip;
	const char *area;		/* page faults: the named area hit */
};
extern struct fault_record last_fault;

/* The __ex_table entry for the instruction at @addr, or NULL. */
const struct exception_table_entry *search_exception_tables(unsigned long addr);
/*
 * fixup_exception - resume after an expected fault
 * @regs: the saved registers; EIP (and EAX, by the entry's type) are edited
 * @trapnr: the exception vector
 *
 * Context: the trap path, before any oops is printed.
 * Return: true if an __ex_table entry covered regs->eip (the exception
 * then returns to its fixup), false if the fault is a bug.
 */
bool fixup_exception(struct pt_regs *regs, unsigned int trapnr);

/*
 * The trap path, after the oops report: true if it now resumes at
 * current->oops_landing (kernel/sched.h), the recovery point the running
 * context armed -- only the self-tests' catch_fault() does
 * (kernel/tests/ktest.c: set_oops_fixup()); the landing is entered, not
 * called, on the faulting stack and must not return.
 */
bool fixup_oops(struct pt_regs *regs);
#endif

#endif
