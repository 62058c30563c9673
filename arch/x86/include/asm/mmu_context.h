/* SPDX-License-Identifier: MIT */
/*
 * Switching address spaces. A task runs on task->active_mm; when the
 * scheduler switches to a task whose active_mm differs from the one
 * running, context_switch() calls switch_mm(), which loads CR3 with the
 * physical address of the next page directory (with PAE the CPU then
 * reads the four PDPT entries). The kernel half is the same in every
 * directory (arch/x86/mm/pgd.c), so the kernel code doing the load
 * keeps running. The load flushes every non-global TLB entry (there is no
 * PCID); with CR4.PGE on, the kernel's entries are global and survive it
 * (asm/tlbflush.h), so after a switch only user translations are refilled.
 *
 * Two tasks on the same mm cost a compare: no CR3 write, no flush, no
 * count. That is every switch today between kernel threads, which all
 * run on init_mm.
 *
 * Which CPUs have an mm loaded: mm->cpu_bitmap (mm_cpumask()), for
 * flush_tlb_mm_range() (arch/x86/mm/tlb.c). This CPU's bit is set in
 * next's with a locked or -- a full barrier -- *before* the CR3 load, and
 * cleared in prev's *after* it. So a flusher that changed a PTE of next
 * and then finds the bit clear knows this CPU had not loaded next yet and
 * will walk the new PTE; one that finds it set sends the IPI. A CPU whose
 * bit in prev is clear has loaded another CR3, which dropped every user
 * entry of prev (no PCID, no lazy TLB): it needs no IPI for prev.
 *
 * Where it differs from Linux: Linux's switch_mm_irqs_off() also keeps
 * the PCID/ASID generation, and a lazy-TLB state in which a kernel thread
 * keeps the previous task's mm (so a CPU may stay in mm_cpumask after it
 * left). Here a kernel thread names its own active_mm (init_mm, or the mm
 * it took with kthread_use_mm()), and the count is in tlb_stats.
 */
#ifndef _ASM_X86_MMU_CONTEXT_H
#define _ASM_X86_MMU_CONTEXT_H

#include <asm/page.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <kernel/compiler.h>
#include <mm/mm_types.h>

struct task_struct;

/**
 * switch_mm - run on @next's page tables from here on.
 * @prev: the mm in CR3 now (the previous task's active_mm).
 * @next: the mm to load.
 * @tsk: the task that will run on @next (unused).
 *
 * Context: interrupts off or preemption disabled, so no switch can come
 * between the CR3 load and the caller's record of the new active_mm.
 */
static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next,
			     struct task_struct *tsk)
{
	(void)tsk;
	if (likely(prev == next))
		return;
	this_cpu_ptr(tlb_stats)->switch_mm++;
	__atomic_or_fetch(&next->cpu_bitmap, cpumask_of(smp_processor_id()), __ATOMIC_SEQ_CST);
	write_cr3((unsigned long)__pa(next->pgd));
	__atomic_and_fetch(&prev->cpu_bitmap, ~cpumask_of(smp_processor_id()), __ATOMIC_SEQ_CST);
}

#endif
