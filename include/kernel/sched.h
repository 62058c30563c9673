/* SPDX-License-Identifier: MIT */
/*
 * Execution contexts: struct task_struct and `current`.
 *
 * Everything that belongs to one thread of execution, rather than to the
 * CPU it runs on, lives in its task_struct: its kmap_local stack (the
 * slots it holds and the page each maps), how deeply it has disabled page
 * faults, the recovery point an expected oops resumes at
 * (oops_landing: asm/extable.h, fixup_oops()), and the self-tests' fault-catch and
 * report-expectation state.
 * A context switch (a later issue) changes which task_struct `current`
 * names; per-CPU state (preempt_count, the kmap_local slot addresses and
 * PTEs, the pcp and slab CPU lists) stays with the CPU.
 *
 * Today there is one context, init_task: the boot thread, which becomes
 * the kernel's only thread. `current` reads this CPU's current_task, as
 * Linux does on x86, and that always holds &init_task.
 */
#ifndef _KERNEL_SCHED_H
#define _KERNEL_SCHED_H

#include <asm/fixmap.h>		/* KM_MAX_IDX */
#include <kernel/compiler.h>
#include <kernel/percpu.h>
#include <kernel/report.h>
#include <kernel/types.h>

struct page;
struct mm_struct;
struct fault_catch;

/*
 * A task's kmap_local stack (mm/kmap_local.c): idx slots in use, so idx
 * is also the next free slot, and page[s] is what slot s maps. Linux
 * keeps the same pair per task (with the PTE values, to restore them on
 * a context switch).
 */
struct kmap_ctrl {
	int idx;
	struct page *page[KM_MAX_IDX];
};

struct task_struct {
	const char *comm;			/* "swapper" for init_task, as Linux */
	struct mm_struct *active_mm;		/* the page tables it runs on: &init_mm */
	struct kmap_ctrl kmap_ctrl;		/* kmap_local_page()/kmap_atomic() slots */
	int pagefault_disabled;			/* pagefault_disable() depth (preempt.h) */
	struct fault_catch *fault_catch;	/* the self-tests' armed catch, or NULL */
	void (*oops_landing)(void);		/* fixup_oops()'s recovery point, or NULL */
	struct report_expect report;		/* the self-tests' expected reports */
};

/* The boot context, kernel/init_task.c. */
extern struct task_struct init_task;

/* The task each CPU runs. */
DECLARE_PER_CPU(struct task_struct *, current_task);

static __always_inline struct task_struct *get_current(void)
{
	return this_cpu_read(current_task);
}

#define current get_current()

#endif
