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
 * Where it differs from Linux: Linux's switch_mm_irqs_off() also tracks
 * which CPUs use an mm (mm_cpumask), the PCID/ASID generation, and a
 * lazy-TLB state in which a kernel thread keeps the previous task's mm.
 * Here a kernel thread names its own active_mm (init_mm, or the mm it
 * took with kthread_use_mm()), and the count is in tlb_stats.
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
 * @tsk: the task that will run on @next (unused: one CPU).
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
	write_cr3((unsigned long)__pa(next->pgd));
}

#endif
