/* SPDX-License-Identifier: MIT */
/*
 * The insides of include/mm/highmem.h: the kmap_local slot tables, the
 * inline fast paths kmap_local_page(), kunmap_local(), kmap_atomic() and
 * kunmap_atomic() expand to, and the statistics. Include <mm/highmem.h>,
 * which includes this first (Linux: include/linux/highmem-internal.h);
 * the state here belongs to mm/kmap_local.c and mm/highmem.c, whose
 * essays explain it. The preemption and page-fault counts kmap_atomic()
 * raises are not here: preempt_count is per CPU and pagefault_disabled
 * per task (current->pagefault_disabled), both kept by kernel/preempt.h.
 */
#ifndef _MM_HIGHMEM_INTERNAL_H
#define _MM_HIGHMEM_INTERNAL_H

#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/compiler.h>
#include <kernel/percpu.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <kernel/types.h>
#include <mm/mm.h>

/*
 * CONFIG_DEBUG_KMAP_LOCAL_GUARD: kmap_local uses every other fixmap slot,
 * so an unmapped guard page sits between two live mappings and a caller
 * that runs off the end of its page faults instead of scribbling on the
 * next mapping. On with DEBUG_VM=1 (the Makefile's default); building
 * with -DCONFIG_DEBUG_KMAP_LOCAL_GUARD=0 turns it off on its own.
 */
#if !defined(CONFIG_DEBUG_KMAP_LOCAL_GUARD) && IS_ENABLED(CONFIG_DEBUG_VM)
#define CONFIG_DEBUG_KMAP_LOCAL_GUARD 1
#endif

struct kmap_stats {
	unsigned long maps;		/* kmap(): new pkmap entries filled */
	unsigned long hash_hits;	/* kmap(): page found already mapped */
	unsigned long unmaps;		/* kunmap() of a highmem page */
	unsigned long flushes;		/* wrap-around global TLB flushes (on every CPU) */
	unsigned long wraps;		/* the scan wrapped to entry 0 (a flush if any entry needed one) */
	unsigned long waits;		/* kmap(): slept for a free pkmap entry */
	unsigned long local_sched_outs;	/* switches away with kmap_local slots held */
	/* counted only with DEBUG_VM (the kmap_local fast path stays lean): */
	unsigned long local_maps;	/* kmap_local_page() of highmem pages */
	int local_max_depth;		/* deepest kmap_local stack seen */
};
DECLARE_PER_CPU(struct kmap_stats, kmap_stats);	/* this CPU's counts; reports add them up */

/* --- kmap_local: the slot stack (per-CPU slots, per-task stack) ------------- */

/*
 * The fast paths below are inline, so they see the slot stack's state,
 * which belongs to mm/kmap_local.c (read the essay there). Per task:
 * idx, the slots in use, and the page each maps. Per CPU: limit, KM_MAX_IDX from
 * kmap_init() on and 0 before (a map before then, like a map with every
 * slot taken, goes the slow way); prot and lowmem_size, constants for
 * the inline code (0 before kmap_init()); and two tables indexed by the depth d,
 * filled in by kmap_init(): top_vaddr[d] and top_pte[d] are the address
 * and the PTE of the top slot when d slots are in use (slot d - 1). At
 * d = 0 there is no top slot: top_vaddr[0] is 1, which no page address
 * equals, so "is @addr the top slot?" is one compare at any depth.
 */
#define KMAP_LOCAL_STRIDE	(IS_ENABLED(CONFIG_DEBUG_KMAP_LOCAL_GUARD) ? 2 : 1)
#define KMAP_LOCAL_NO_SLOT	1UL	/* top_vaddr[0]: not a page address */
#define KMAP_LOCAL_LOW		__fix_to_virt(FIX_KMAP_END)	/* the lowest slot */

/*
 * The stack itself (idx, page[]) belongs to the task: struct kmap_ctrl
 * in kernel/sched.h, current->kmap_ctrl. The rest is this CPU's:
 */
struct kmap_local_cpu {
	int limit;				/* KM_MAX_IDX once kmap_init() ran */
	pteval_t prot;				/* pgprot_val(PAGE_KERNEL) */
	unsigned long lowmem_size;		/* high_memory - PAGE_OFFSET */
	unsigned long top_vaddr[KM_MAX_IDX + 1];
	pte_t *top_pte[KM_MAX_IDX + 1];
};
DECLARE_PER_CPU(struct kmap_local_cpu, kmap_local_cpu);

void *__kmap_local_page_slow(struct page *page);
void *__kmap_atomic_slow(struct page *page);
bool __kunmap_local_slow(const void *addr);
void __kunmap_atomic_unbalanced(const void *addr);

/*
 * The PTE mapping @page: pfn_pte(page_to_pfn(page), prot) with the
 * division by sizeof(struct page) and the shift by PAGE_SHIFT folded into
 * one multiplication of the byte offset into mem_map (by 128).
 */
static __always_inline pte_t kmap_local_mk_pte(const struct page *page, pteval_t prot)
{
	pteval_t off = (unsigned long)page - (unsigned long)mem_map;

	return __pte(off * (PAGE_SIZE / sizeof(struct page)) | prot);
}

static __always_inline void *__kmap_local_push(struct page *page,
						void *(*slow)(struct page *page))
{
	struct kmap_ctrl *c = &current->kmap_ctrl;
	struct kmap_local_cpu *kc = this_cpu_ptr(kmap_local_cpu);
	unsigned long vaddr;
	pte_t *ptep;
	int slot;

	if (!PageHighMem(page))
		return lowmem_page_address(page);
	slot = c->idx;
	if (unlikely(slot >= kc->limit))
		return slow(page);
	vaddr = kc->top_vaddr[slot + 1];
	ptep = kc->top_pte[slot + 1];
	c->idx = slot + 1;	/* taken before its PTE is written: see kmap_local.c */
	barrier();
	c->page[slot] = page;
	if (IS_ENABLED(CONFIG_DEBUG_VM)) {	/* statistics cost instructions */
		this_cpu_ptr(kmap_stats)->local_maps++;
		if (slot + 1 > this_cpu_ptr(kmap_stats)->local_max_depth)
			this_cpu_ptr(kmap_stats)->local_max_depth = slot + 1;
	}
	set_pte(ptep, kmap_local_mk_pte(page, kc->prot));	/* no invlpg: the PTE was clear */
	return (void *)vaddr;
}

static __always_inline void *kmap_local_page(struct page *page)
{
	return __kmap_local_push(page, __kmap_local_page_slow);
}

/*
 * Unmap @vaddr if it is the top slot, or do nothing for a lowmem address;
 * anything else goes to __kunmap_local_slow(), which reports misuse.
 * Everything from the lowest slot up is the slot area (or the unmapped
 * page above it): there the top slot is one compare, as top_vaddr[0]
 * matches nothing. Return: false if a report was made, nothing unmapped.
 */
static __always_inline bool __kunmap_local_fast(const void *vaddr)
{
	struct kmap_local_cpu *kc = this_cpu_ptr(kmap_local_cpu);
	unsigned long addr = (unsigned long)vaddr;

	if ((unsigned long)vaddr >= KMAP_LOCAL_LOW) {
		struct kmap_ctrl *c = &current->kmap_ctrl;	/* read only here */
		int top = c->idx;

		addr &= PAGE_MASK;
		if (likely(addr == kc->top_vaddr[top])) {
			pte_clear(kc->top_pte[top]);
			flush_tlb_one_kernel(addr);	/* the only flush: the next map skips it */
			barrier();
			c->idx = top - 1;
			return true;
		}
	} else if (likely(addr - PAGE_OFFSET < kc->lowmem_size)) {
		return true;		/* a lowmem page: nothing was mapped */
	}
	return __kunmap_local_slow(vaddr);
}

static __always_inline void *kmap_atomic(struct page *page)
{
	preempt_disable();
	pagefault_disable();
	return __kmap_local_push(page, __kmap_atomic_slow);
}

/*
 * As Linux 6.1: unmap first, then pagefault_enable(), then
 * preempt_enable() -- which may switch to another task, and by then the
 * slot is free, so the switch has nothing of ours to save. Before
 * anything changes, two tests that a kmap_atomic() is outstanding: the
 * task's pagefault_disabled is above 0 and this CPU's PREEMPT field is
 * not 0 (the field, not the word: inside an interrupt handler the HARDIRQ
 * bits are set). Either fails: __kunmap_atomic_unbalanced() reports and
 * nothing is changed; so does an unmap that __kunmap_local_fast()
 * refused (reported there), which leaves both counts raised, matching the
 * mappings.
 */
static __always_inline void __kunmap_atomic_fast(const void *vaddr)
{
	if (unlikely(current->pagefault_disabled <= 0 || !(preempt_count() & PREEMPT_MASK))) {
		__kunmap_atomic_unbalanced(vaddr);
		return;
	}
	if (unlikely(!__kunmap_local_fast(vaddr)))
		return;			/* reported: nothing was unmapped */
	pagefault_enable();
	preempt_enable();
}

/* Compile-time refusal of a struct page where an address is wanted. */
#define __kmap_check_not_page(addr, msg)				\
	_Static_assert(!__builtin_types_compatible_p(__typeof__(addr), struct page *) && \
		       !__builtin_types_compatible_p(__typeof__(addr), const struct page *), \
		       msg)


/* Highmem slots of current's kmap_local stack now in use (0..KM_MAX_IDX). */
int kmap_local_depth(void);

/* The virtual address of kmap_local stack slot @slot (0 = bottom). */
unsigned long kmap_local_slot_addr(int slot);

/* --- the context switch's two hooks (kernel/sched/core.c) ----------------- */

void __kmap_local_sched_out(void);
void __kmap_local_sched_in(void);

/*
 * kmap_local_sched_out - current is being switched out: save the PTE of
 * each slot it holds in current->kmap_ctrl.pteval[] and clear it, so the
 * next task finds every slot free. Context: prepare_task_switch(),
 * interrupts off.
 */
static __always_inline void kmap_local_sched_out(void)
{
	if (unlikely(current->kmap_ctrl.idx))
		__kmap_local_sched_out();
}

/*
 * kmap_local_sched_in - current has just been switched in: write back
 * the PTEs kmap_local_sched_out() saved, so its mappings are where it
 * left them. Context: finish_task_switch().
 */
static __always_inline void kmap_local_sched_in(void)
{
	if (unlikely(current->kmap_ctrl.idx))
		__kmap_local_sched_in();
}

/* --- statistics and fault names ------------------------------------------- */

/*
 * Users of the pkmap entry at @vaddr, decoded from its count (see
 * mm/highmem.c): -1 entry unused, 0 mapped but unused (awaiting the
 * wrap-around flush), n > 0 n users. For tests and the tour.
 */
int pkmap_users(unsigned long vaddr);

struct seq_file;

/*
 * The kmap counters, summed over the CPUs, and the slots/entries now in
 * use: kmap_stats_seq_show() writes them (/proc/kmapinfo's first lines), kmap_stats_show() prints them
 * (end of boot). kmap_pkmap_entries_show() lists every pkmap entry not
 * free: "pkmap    N 0xADDR pfn 0xPFN users U" (U 0: "(awaiting flush)"). Context: process context (the last takes kmap_lock).
 */
int kmap_stats_seq_show(struct seq_file *m, void *v);
void kmap_stats_show(void);
int kmap_pkmap_entries_show(struct seq_file *m, void *v);

/* For mm_fault_area(): a name for @addr in the kmap_local/pkmap areas, or NULL. */
const char *kmap_local_fault_area(unsigned long addr);
const char *pkmap_fault_area(unsigned long addr);

#endif
