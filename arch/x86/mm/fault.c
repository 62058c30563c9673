// SPDX-License-Identifier: MIT
/*
 * Page faults. The kernel never demand-pages its own memory, so a page
 * fault is a bug unless the faulting instruction has an __ex_table entry
 * (a probe that expects to fault: fixup_exception(), asm/extable.h), which
 * resumes silently. For a bug the report says everything a student needs to
 * find it: the address (CR2), the decoded error code, which area of the
 * address space (asm/memlayout.h) the address lies in, the registers and
 * the call chain.
 *
 * Two paths, as Linux's do_user_addr_fault() has them for user addresses
 * (its do_kern_addr_fault(), for kernel ones, has no such test; here both
 * take it, and the "in atomic context" line is this kernel's own). A fault while
 * faulthandler_disabled() -- pagefault_disable(), so inside every
 * kmap_atomic(), or any atomic section (in_atomic()) -- must not be fixed
 * up by anything that sleeps (taking the mm's lock, reading a page in): it
 * goes straight to the exception table or to the oops, whose report
 * says it was "in atomic context". Otherwise a fault below PAGE_OFFSET
 * is a user address: interrupts go back on if the faulting code had them
 * (Linux's local_irq_enable() in the fault path: the handler sleeps on
 * the mmap_lock and in the allocator) and do_user_addr_fault()
 * (mm/user_fault.c) finds the VMA under the mm's mmap_lock and pages the
 * page in (demand zero, copy-on-write); a bad access from ring 3 kills
 * the process there. What it cannot fix, and every kernel address (the
 * kernel never demand-pages its own memory), ends in the same
 * fixup-or-oops. The counted path (pf_atomic_faults) tells the two apart
 * in tests.
 */
#include <asm/extable.h>
#include <asm/memlayout.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <kernel/bug.h>
#include <kernel/kallsyms.h>
#include <kernel/preempt.h>
#include <kernel/signal.h>
#include <mm/mmap.h>
#include <asm/pgtable_32_areas.h>

/* Weak default; mm/vmalloc.c knows the vmalloc, kmap_local and pkmap areas
 * better (with mm/kmap_local.c's and mm/highmem.c's helpers). */
__weak const char *mm_fault_area(unsigned long addr)
{
	(void)addr;
	return NULL;
}

static const char *fault_area(unsigned long addr)
{
	const char *name = mm_fault_area(addr);

	if (name)
		return name;
	if (addr < PAGE_SIZE)
		return "the NULL page";
	if (addr < PAGE_OFFSET)
		return "user space (no VMA allows the access)";
	if (addr < (unsigned long)high_memory)
		return "the lowmem direct map";
	if (addr < VMALLOC_START)
		return "the 8 MiB hole after the direct map";
	if (addr < VMALLOC_END)
		return "the vmalloc area (unmapped)";
	if (addr < PKMAP_BASE)
		return "the guard pages below the pkmap area";
	if (addr < PKMAP_BASE + LAST_PKMAP * PAGE_SIZE)
		return "the pkmap area (unused kmap entry)";
	if (addr < FIXADDR_START)
		return "the gap below the fixmap";
	if (addr < FIXADDR_TOP)
		return "the fixmap (unused slot)";
	return "the unmapped top page";
}

/*
 * Linux's faulthandler_disabled(): page faults disabled, or atomic
 * context, where a fault must not sleep to fix itself up.
 */
static bool faulthandler_disabled(void)
{
	return pagefault_disabled() || in_atomic();
}

/* Faults taken with faulthandler_disabled(), fixed up or not (for tests). */
unsigned long pf_atomic_faults;

/*
 * No handler can fix this fault: the exception table's fixup if the
 * instruction has one, else the oops. @atomic: faulthandler_disabled(),
 * said in the report.
 */
static void kernelmode_fixup_or_oops(struct pt_regs *regs, unsigned long address,
				     const char *area, bool atomic)
{
	u32 err = regs->error_code;

	if (fixup_exception(regs, X86_TRAP_PF))
		return;
	printk(KERN_EMERG "BUG: unable to handle page fault for address: %08lx\n", address);
	printk(KERN_EMERG "#PF: %s %s in %s mode\n",
	       (err & X86_PF_USER) ? "user" : "supervisor",
	       (err & X86_PF_INSTR) ? "instruction fetch" :
	       (err & X86_PF_WRITE) ? "write access" : "read access",
	       (err & X86_PF_USER) ? "user" : "kernel");
	printk(KERN_EMERG "#PF: error_code(0x%04x) - %s\n", err,
	       (err & X86_PF_RSVD) ? "reserved bit violation" :
	       (err & X86_PF_PROT) ? "permissions violation" : "not-present page");
	if ((err & (X86_PF_INSTR | X86_PF_PROT)) == (X86_PF_INSTR | X86_PF_PROT))
		printk(KERN_EMERG "#PF: kernel tried to execute an NX-protected page (NX: PAE bit 63)\n");
	printk(KERN_EMERG "#PF: the address is in %s\n", area);
	if (atomic)
		printk(KERN_EMERG "#PF: in atomic context (pagefault_disable()/kmap_atomic()): "
		       "pagefault_disabled %d, preempt_count 0x%x; not handled as a sleepable fault\n",
		       current->pagefault_disabled, preempt_count());
	show_regs(regs);
	dump_stack_from(regs->ebp);
	if (fixup_oops(regs))
		return;
	panic("Oops: page fault at %08lx in %s", address, area);
}

void do_page_fault(struct pt_regs *regs, unsigned long address)
{
	const char *area;

	/* a kernel PDE this directory lacks (arch/x86/mm/pgd.c); any context */
	if (address >= PAGE_OFFSET && vmalloc_fault(address, regs->error_code))
		return;
	/* the area is named only for a fault that is not simply paged in */
	last_fault = (struct fault_record){ X86_TRAP_PF, regs->error_code, address, regs->eip, NULL };
	if (unlikely(address >= PAGE_OFFSET && (regs->error_code & X86_PF_USER))) {
		/* ring 3 touching the kernel: the U/S bit said no; the program dies */
		local_irq_enable();
		force_sig_fault_segv(regs, address, regs->error_code);
	}
	if (unlikely(faulthandler_disabled())) {
		/* Nothing that sleeps may run: no VMA lookup, no page-in. */
		pf_atomic_faults++;
		last_fault.area = area = fault_area(address);
		kernelmode_fixup_or_oops(regs, address, area, true);
		return;
	}
	if (address < PAGE_OFFSET) {
		bool handled;

		if (!irqs_disabled_flags(regs->eflags))
			local_irq_enable();
		handled = do_user_addr_fault(regs, regs->error_code, address);
		local_irq_disable();	/* the trap path returns as it came: interrupts off */
		if (handled)
			return;
		last_fault = (struct fault_record){ X86_TRAP_PF, regs->error_code, address,
						    regs->eip, NULL };
	}
	last_fault.area = area = fault_area(address);
	kernelmode_fixup_or_oops(regs, address, area, false);
}
