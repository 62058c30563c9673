// SPDX-License-Identifier: MIT
/*
 * CPU exceptions. Every exception is fatal for now (the kernel has no
 * user space to kill): it is reported with the registers and a backtrace
 * and the kernel panics -- unless a self-test provoked it on purpose
 * (catch_fault() in kernel/ktest.h), in which case the report is printed
 * and the test resumes.
 */
#include <asm/processor.h>
#include <asm/traps.h>
#include <kernel/bug.h>
#include <kernel/kallsyms.h>
#include <kernel/ktest.h>
#include <kernel/sched.h>

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

void fault_catch_resume(struct pt_regs *regs, unsigned long cr2, const char *area)
{
	struct fault_catch *fc = current->fault_catch;

	if (!fc || !fc->armed)
		return;
	fc->armed = false;
	fc->caught = true;
	fc->vector = regs->vector;
	fc->error_code = regs->error_code;
	fc->cr2 = cr2;
	fc->eip = regs->eip;
	fc->area = area;
	current->fault_catch = NULL;
	printk(KERN_INFO "ktest: fault was expected; resuming the test\n");
	/* Abandon the exception frame: we are in ring 0 on the same stack. */
	longjmp(fc->env, 1);
}

void do_exception(struct pt_regs *regs)
{
	if (regs->vector == X86_TRAP_PF) {
		do_page_fault(regs, read_cr2());
		return;
	}
	printk(KERN_EMERG "traps: %s (#%u), error code %#x\n",
	       exception_names[regs->vector & 31], regs->vector, regs->error_code);
	show_regs(regs);
	dump_stack_from(regs->ebp);
	fault_catch_resume(regs, 0, NULL);
	panic("Fatal exception: %s", exception_names[regs->vector & 31]);
}
