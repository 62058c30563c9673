// SPDX-License-Identifier: MIT
/*
 * CPU exceptions. An exception at an instruction the exception table
 * lists (asm/extable.h) is expected: fixup_exception() resumes at its
 * fixup, silently. Every other exception is fatal for now (the kernel has
 * no user space to kill): it is reported with the registers and a
 * backtrace and the kernel panics -- unless a recovery point was armed
 * with set_oops_fixup() (the self-tests' catch_fault() does), in which
 * case the report is printed and the exception returns to it.
 */
#include <asm/processor.h>
#include <asm/traps.h>
#include <kernel/bug.h>
#include <kernel/kallsyms.h>
#include <asm/extable.h>

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

void show_regs(const struct pt_regs *regs)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(regs->eip, &off, &size);

	if (name)
		printk(KERN_EMERG "EIP: %s+0x%lx/0x%lx\n", name, off, size);
	printk(KERN_EMERG "EIP: %04x:%08x EFLAGS: %08x\n", regs->cs, regs->eip, regs->eflags);
	printk(KERN_EMERG "EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n",
	       regs->eax, regs->ebx, regs->ecx, regs->edx);
	printk(KERN_EMERG "ESI: %08x EDI: %08x EBP: %08x ESP: %08x\n",
	       regs->esi, regs->edi, regs->ebp, (u32)&regs->eflags + 4);
	printk(KERN_EMERG "CR0: %08lx CR2: %08lx CR3: %08lx CR4: %08lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

void do_exception(struct pt_regs *regs)
{
	if (regs->vector == X86_TRAP_PF) {
		do_page_fault(regs, read_cr2());
		return;
	}
	last_fault = (struct fault_record){ regs->vector, regs->error_code, 0, regs->eip, NULL };
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
