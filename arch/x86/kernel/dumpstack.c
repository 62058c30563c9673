// SPDX-License-Identifier: MIT
/*
 * show_regs(): the register part of an oops, for the trap path
 * (traps.c, arch/x86/mm/fault.c) and anyone else that has a pt_regs.
 * It has its own file, as in Linux, so that the two halves of the trap
 * path do not depend on each other: traps.c calls do_page_fault(), and
 * both call this.
 */
#include <asm/processor.h>
#include <asm/traps.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>

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
