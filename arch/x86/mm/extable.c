// SPDX-License-Identifier: MIT
/*
 * How this works: the exception table, and the one run-time recovery point.
 *
 * Each __ex_table entry (asm/extable.h) names a faulting instruction, a
 * fixup address and a type. The linker gathers the entries of every
 * object into one array, __start___ex_table..__stop___ex_table (linker.ld),
 * in link order. fixup_exception() looks up the faulting EIP there and,
 * on a hit, rewrites the saved EIP (and EAX for EX_TYPE_EFAULT_AX): the
 * exception returns into the fixup as if the instruction had branched.
 *
 * The table has a handful of entries (the probes of mm/maccess.c), so
 * the search is a linear scan; it runs only when something has faulted.
 *
 * current->oops_landing is a recovery point for code that is expected to
 * fault but not at a marked instruction (only the self-tests' catch_fault()
 * arms one, kernel/tests/ktest.c). fixup_oops() is asked after the
 * oops report (so the report itself is still printed and tested); it
 * disarms the point and rewrites the saved EIP to the landing function,
 * which runs after the exception has returned, on the faulting stack.
 * The trap path thus never calls into whoever armed it. The point is the
 * armed context's (current->oops_landing, kernel/sched.h): an oops of
 * another task, once there are others, does not land in it.
 *
 * Where it differs from Linux: Linux sorts the table at build time
 * (scripts/sorttable), stores 32-bit offsets relative to each field, and
 * bsearches; here the addresses are absolute and the scan linear. Linux
 * has no such recovery point: KUnit does not provoke oopses, and kprobes'
 * fault handler is the nearest thing.
 */
#include <asm/extable.h>
#include <asm/traps.h>
#include <kernel/errno.h>
#include <kernel/sched.h>

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

struct fault_record last_fault;

const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == addr)
			return e;
	return NULL;
}

bool fixup_exception(struct pt_regs *regs, unsigned int trapnr)
{
	const struct exception_table_entry *e;

	/* Not faults of the instruction at EIP: an NMI, a double fault or a
	 * machine check is never "expected" by an __ex_table entry. */
	if (trapnr == X86_TRAP_NMI || trapnr == X86_TRAP_DF || trapnr == X86_TRAP_MC)
		return false;
	e = search_exception_tables(regs->eip);
	if (!e)
		return false;
	if (e->type == EX_TYPE_EFAULT_AX)
		regs->eax = (u32)-EFAULT;
	regs->eip = e->fixup;
	return true;
}

bool fixup_oops(struct pt_regs *regs)
{
	void (*landing)(void) = current->oops_landing;

	if (!landing)
		return false;
	current->oops_landing = NULL;
	regs->eip = (u32)(unsigned long)landing;
	return true;
}
