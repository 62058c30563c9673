// SPDX-License-Identifier: MIT
/*
 * CPU exceptions. An exception in ring 3 is the program's: it ends the
 * process with Linux's signal for it (SIGFPE for a divide error, SIGILL
 * for an invalid opcode, SIGTRAP for int3 and debug traps, SIGBUS for an
 * alignment check, SIGSEGV for the rest, a
 * general protection fault included) and Linux's "traps:" line
 * (kernel/signal.c); the kernel carries on. In ring 0, an exception at an
 * instruction the exception table
 * lists (asm/extable.h) is expected: fixup_exception() resumes at its
 * fixup, silently. Every other exception is a kernel bug: it is reported with the registers and a
 * backtrace and the kernel panics -- unless a recovery point was armed
 * in current->oops_landing (the self-tests' catch_fault() does), in which
 * case the report is printed and the exception returns to it.
 */
#include <asm/extable.h>
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <kernel/bug.h>
#include <kernel/kallsyms.h>
#include <kernel/signal.h>

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment", "general protection fault", "page fault", "reserved",
	"x87 floating point error", "alignment check", "machine check",
	"SIMD floating point error", "virtualization", "control protection",
	"reserved", "reserved", "reserved", "reserved", "reserved", "reserved",
	"hypervisor injection", "VMM communication", "security", "reserved",
};

void do_exception(struct pt_regs *regs)
{
	if (regs->vector == X86_TRAP_PF) {
		do_page_fault(regs, read_cr2());
		return;
	}
	if (regs->vector == X86_TRAP_NM) {
		do_device_not_available(regs);	/* the lazy FPU switch (fpu.c) */
		return;
	}
	last_fault = (struct fault_record){ regs->vector, regs->error_code, 0, regs->eip, NULL };
	if (user_mode(regs) && regs->vector != X86_TRAP_NMI && regs->vector != X86_TRAP_DF &&
	    regs->vector != X86_TRAP_MC) {
		static const unsigned char sig[32] = {
			[0] = SIGFPE, [1] = SIGTRAP, [3] = SIGTRAP, [4] = SIGSEGV, [5] = SIGSEGV,
			[6] = SIGILL, [16] = SIGFPE, [17] = SIGBUS, [19] = SIGFPE,
		};
		unsigned int v = regs->vector & 31;

		force_sig_trap(regs, sig[v] ? sig[v] : SIGSEGV, exception_names[v]);
	}
	if (fixup_exception(regs, regs->vector))
		return;
	printk(KERN_EMERG "traps: %s (#%u), error code %#x\n",
	       exception_names[regs->vector & 31], regs->vector, regs->error_code);
	show_regs(regs);
	dump_stack_from(regs->ebp);
	if (fixup_oops(regs))
		return;
	panic("Fatal exception: %s", exception_names[regs->vector & 31]);
}
