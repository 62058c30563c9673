// SPDX-License-Identifier: MIT
/*
 * kmap_local_page(): short-lived mappings on a stack of per-CPU slots.
 *
 * Data structures. Each CPU owns 2 * KM_MAX_IDX fixmap pages starting at
 * FIX_KMAP_BEGIN (asm/fixmap.h) and a struct kmap_local_cpu (the tables
 * below); each task owns a struct kmap_ctrl (current->kmap_ctrl,
 * kernel/sched.h): idx, the number of slots in use (so the next free
 * slot), and the page each live slot maps.
 * Slot s of CPU c is fixmap index
 *
 *   FIX_KMAP_BEGIN + c * 2 * KM_MAX_IDX + s          (no guard)
 *   FIX_KMAP_BEGIN + c * 2 * KM_MAX_IDX + 2 * s      (DEBUG_KMAP_LOCAL_GUARD)
 *
 * Fixmap addresses grow downwards, so with the guard on CPU 0 gets:
 * slot 0 = index 1 = 0xFFFFE000, guard = index 2 = 0xFFFFD000, slot 1 =
 * index 3 = 0xFFFFC000. Running off the end of slot 1 lands on the
 * unmapped guard page, not on slot 0's data.
 *
 * The fast paths are inline (mm/highmem.h), and their whole work is the
 * slot push and one PTE write, or the pop, one PTE clear and one invlpg.
 * kmap_local_init() fills
 * two tables per CPU so that no address arithmetic is left at run time:
 * top_vaddr[d] and top_pte[d], the address and PTE of the top slot when
 * d slots are in use (top_vaddr[0] = 1, which matches no page address).
 *
 * Map path (a highmem page): slot = idx; raise idx, note the page, write
 * top_pte[slot + 1]. No invlpg: a free slot's PTE is clear (the unmap
 * cleared and flushed it) and x86 does not keep not-present entries in
 * the TLB, so there is nothing stale to drop. idx is raised before
 * the PTE is written, so an interrupt arriving in between takes the slot
 * above and, since it must unmap before it returns, leaves the stack as
 * it found it. A lowmem page is already in the direct map: its address
 * is returned, no slot, no PTE, no flush. All slots taken, or a map
 * before kmap_init() (limit still 0), goes to __kmap_local_page_slow().
 *
 * Unmap path: an address from the lowest slot up is compared with
 * top_vaddr[idx]: equal, clear top_pte[idx], invlpg, lower idx. This is
 * the one flush of a map/unmap pair: without it the TLB would keep the
 * old translation, a use-after-unmap would still read the old page, and
 * the next map of the slot would show the old page instead of the new
 * one (kmap_local_remap_slot_shows_new_page fails). Below the
 * slots, a direct-map address needs nothing. Anything else -- a lower
 * slot, a slot not in use, a guard page, a stray pointer -- goes to
 * __kunmap_local_slow(), which reports and changes nothing, so the
 * caller can still unmap in the right order afterwards.
 *
 * kmap_atomic() is preempt_disable() and pagefault_disable()
 * (kernel/preempt.h) around the same push. kunmap_atomic(), as Linux
 * 6.1, first checks that both counts are raised (else
 * __kunmap_atomic_unbalanced() reports, and nothing changes), then pops
 * the slot, and only then lowers them: pagefault_enable(), then
 * preempt_enable(), which may switch tasks -- with the slot already free.
 * A task is never switched out inside a kmap_atomic() section: the tick
 * only sets need_resched, and the switch waits for that preempt_enable().
 *
 * Invariants: slots [0, idx) are mapped, [idx, KM_MAX_IDX) and all guard
 * pages are not; mappings are undone in the reverse order of creation;
 * page[s] is what slot s maps (reports and tools/gdb read it).
 *
 * The slow path maps through __set_fixmap(), which does flush at map
 * time (as Linux's does); it runs only before kmap_local_init().
 *
 * Context switches: a kmap_local section may be preempted, so the
 * slots follow the task. kmap_local_sched_out() (prepare_task_switch())
 * saves the PTE of each slot the outgoing task holds in its
 * kmap_ctrl.pteval[] and clears it, with its invlpg; kmap_local_sched_in()
 * (finish_task_switch()) writes the incoming task's back. Two tasks can
 * therefore both hold "slot 0", each seeing its own page there.
 *
 * Where it differs from Linux: the flushes are Linux's (x86 flushes in
 * arch_kmap_local_post_unmap, nothing after a map), and so is the save
 * and restore at the switch (Linux: __kmap_local_sched_out/in). Linux
 * WARNs and unmaps the top slot anyway on a bad unmap; this kernel
 * refuses and reports. Linux computes the slot address on each call; the
 * tables here trade 136 bytes per CPU for that arithmetic. The counters
 * this_cpu_ptr(kmap_stats)->local_* are kept in DEBUG_VM builds only. The PTE writes go
 * through set_pte() and the flushes through __flush_tlb_one(), which
 * tests/host stubs.
 */
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/percpu.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include "internal.h"

/* Layout in mm/highmem.h. No top slot at any depth until kmap_local_init(). */
DEFINE_PER_CPU(struct kmap_local_cpu, kmap_local_cpu) = {
	{ .top_vaddr = { [0 ... KM_MAX_IDX] = KMAP_LOCAL_NO_SLOT } },	/* CPU 0's: copied to the others */
};

#define KMAP_FIX_PER_CPU	(2 * KM_MAX_IDX)

_Static_assert(FIX_KMAP_END - FIX_KMAP_BEGIN + 1 == KMAP_FIX_PER_CPU * NR_CPUS,
	       "asm/fixmap.h must reserve 2 * KM_MAX_IDX slots per CPU");

/* The slots in use are this CPU's: a task holding any does not migrate. */
static inline int kmap_cpu(void)
{
	return smp_processor_id();
}

static enum fixed_addresses slot_to_fix(int cpu, int slot)
{
	return (enum fixed_addresses)(FIX_KMAP_BEGIN + cpu * KMAP_FIX_PER_CPU +
				      slot * KMAP_LOCAL_STRIDE);
}

/*
 * Decode a page address in the kmap_local area into its CPU and slot;
 * *guard says whether it is a guard page (then *slot is the slot above
 * it, at the next higher address). Return: false outside the area.
 */
static bool addr_to_slot(unsigned long addr, int *cpu, int *slot, bool *guard)
{
	unsigned long n;

	if (addr < fix_to_virt(FIX_KMAP_END) ||
	    addr >= fix_to_virt(FIX_KMAP_BEGIN) + PAGE_SIZE)
		return false;
	n = virt_to_fix(addr) - FIX_KMAP_BEGIN;
	*cpu = n / KMAP_FIX_PER_CPU;
	n %= KMAP_FIX_PER_CPU;
	*slot = n / KMAP_LOCAL_STRIDE;
	*guard = n % KMAP_LOCAL_STRIDE != 0;
	return true;
}

unsigned long kmap_local_slot_addr(int slot)
{
	return fix_to_virt(slot_to_fix(kmap_cpu(), slot));
}

int kmap_local_depth(void)
{
	return current->kmap_ctrl.idx;
}

/*
 * Fill in the tables the inline paths use: at depth d the top slot is
 * slot d - 1. All slots' PTEs are in the one fixmap page table.
 */
void kmap_local_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {	/* every CPU's table, before any AP starts */
		struct kmap_local_cpu *c = per_cpu_ptr(kmap_local_cpu, cpu);

		c->top_vaddr[0] = KMAP_LOCAL_NO_SLOT;
		c->top_pte[0] = NULL;
		for (int d = 1; d <= KM_MAX_IDX; d++) {
			c->top_vaddr[d] = fix_to_virt(slot_to_fix((int)cpu, d - 1));
			c->top_pte[d] = lookup_pte_k(c->top_vaddr[d]);
			BUG_ON(!c->top_pte[d]);	/* paging_init() builds the fixmap page table */
		}
		c->prot = pgprot_val(PAGE_KERNEL);
		c->lowmem_size = (unsigned long)high_memory - PAGE_OFFSET;
		c->limit = KM_MAX_IDX;
	}
}

/*
 * kmap_local_page() of a highmem page when the inline path cannot: all
 * slots taken (reported), or before kmap_local_init() (mapped through
 * __set_fixmap(), which finds the PTE itself).
 */
void *__kmap_local_page_slow(struct page *page)
{
	int cpu = kmap_cpu();
	struct kmap_ctrl *c = &current->kmap_ctrl;
	int slot = c->idx;
	enum fixed_addresses fix;

	if (slot >= KM_MAX_IDX) {
		report_misuse("kmap_local", "slot stack overflow");
		pr_err("  kmap_local_page(pfn 0x%05lx): all %d slots are in use; the top one,\n",
		       page_to_pfn(page), KM_MAX_IDX);
		pr_err("  slot %d at 0x%08lx (pfn 0x%05lx), must be unmapped first\n",
		       slot - 1, kmap_local_slot_addr(slot - 1), page_to_pfn(c->page[slot - 1]));
		return NULL;
	}
	fix = slot_to_fix(cpu, slot);
	c->page[slot] = page;
	c->idx = slot + 1;
	__set_fixmap(fix, page_to_phys(page), pgprot_val(PAGE_KERNEL));
	return (void *)fix_to_virt(fix);
}

/* The same for kmap_atomic(): on failure its counters are put back. */
void *__kmap_atomic_slow(struct page *page)
{
	void *addr = __kmap_local_page_slow(page);

	if (!addr) {
		pagefault_enable();
		preempt_enable();
	}
	return addr;
}

/*
 * kunmap_local() of anything but the top slot or a lowmem address:
 * report it and change nothing. (The top slot before kmap_local_init()
 * is unmapped here too.) Return: false if reported.
 */
bool __kunmap_local_slow(const void *vaddr)
{
	unsigned long addr = (unsigned long)vaddr & PAGE_MASK;
	struct kmap_ctrl *c;
	int cpu, slot, top;
	bool guard;

	if (!addr_to_slot(addr, &cpu, &slot, &guard)) {
		if (virt_addr_valid(vaddr))
			return true;	/* a lowmem page: nothing was mapped */
		report_misuse("kmap_local", "unmap of an address kmap_local_page did not return");
		pr_err("  kunmap_local(0x%08lx): neither a kmap_local slot nor the direct map\n",
		       (unsigned long)vaddr);
		return false;
	}
	c = &current->kmap_ctrl;
	top = c->idx - 1;
	if (guard || cpu != kmap_cpu() || slot > top) {
		report_misuse("kmap_local", "unmap with no mapping");
		if (guard)
			pr_err("  kunmap_local(0x%08lx): the guard page below slot %d is never mapped\n",
			       (unsigned long)vaddr, slot);
		else
			pr_err("  kunmap_local(0x%08lx): slot %d is not mapped; slots in use: %d\n",
			       (unsigned long)vaddr, slot, c->idx);
		return false;
	}
	if (slot != top) {
		report_misuse("kmap_local", "unmap out of order");
		pr_err("  kunmap_local(0x%08lx) is slot %d (pfn 0x%05lx), but slot %d at 0x%08lx\n",
		       (unsigned long)vaddr, slot, page_to_pfn(c->page[slot]),
		       top, kmap_local_slot_addr(top));
		pr_err("  (pfn 0x%05lx) was mapped after it and must be unmapped first\n",
		       page_to_pfn(c->page[top]));
		return false;
	}
	clear_fixmap(slot_to_fix(cpu, top));
	c->idx = top;
	return true;
}

/*
 * kunmap_atomic() found no kmap_atomic() outstanding: pagefault_disabled
 * is 0 (or below), or the PREEMPT field of preempt_count is. Nothing has
 * been changed; report.
 */
void __kunmap_atomic_unbalanced(const void *vaddr)
{
	report_misuse("kmap_atomic", "kunmap_atomic without kmap_atomic");
	pr_err("  kunmap_atomic(0x%08lx): preempt_count %d, pagefault_disabled %d\n",
	       (unsigned long)vaddr, preempt_count(), current->pagefault_disabled);
}

/*
 * Switched out with @idx slots held: read each slot's PTE into the task
 * (pteval[]) and clear it, with its flush, exactly as an unmap would;
 * the next task then finds all slots free and maps them with no flush
 * of its own (a free slot's PTE is clear).
 */
/*
 * no-ivopts: the slot arrays are indexed through %fs directly, not by a
 * moving pointer; align-loops=1: no padding instruction before the loop,
 * which a two-slot loop would execute once per switch.
 */
__attribute__((optimize("no-ivopts", "align-loops=1"))) void __kmap_local_sched_out(void)
{
	struct kmap_ctrl *c = &current->kmap_ctrl;
	const __percpu_seg struct kmap_local_cpu *kc = this_cpu_seg_ptr(kmap_local_cpu);
	int n = c->idx;		/* > 0: the inline caller checked */

	this_cpu_seg(tlb_stats).flush_one += n;	/* counted once, not per slot */
	this_cpu_seg(kmap_stats).local_sched_outs++;
	do {		/* top slot down; slot s is top_pte/top_vaddr[s + 1] */
		pte_t *ptep = kc->top_pte[n];
		unsigned long vaddr = kc->top_vaddr[n];	/* read at n, like the PTE */

		c->pteval[--n] = *ptep;
		pte_clear(ptep);
		__flush_tlb_one_uncounted(vaddr);
	} while (n);
}

/* Switched back in: the saved PTEs go back; the slots were clear, so no flush. */
__attribute__((optimize("align-loops=1"))) void __kmap_local_sched_in(void)
{
	struct kmap_ctrl *c = &current->kmap_ctrl;
	const __percpu_seg struct kmap_local_cpu *kc = this_cpu_seg_ptr(kmap_local_cpu);
	int n = c->idx;

	do {
		set_pte(kc->top_pte[n], c->pteval[n - 1]);
	} while (--n);
}

const char *kmap_local_fault_area(unsigned long addr)
{
	int cpu, slot;
	bool guard;

	if (!addr_to_slot(addr & PAGE_MASK, &cpu, &slot, &guard))
		return NULL;
	if (guard)
		return "a kmap_local guard slot";
	if (cpu != kmap_cpu() || slot >= current->kmap_ctrl.idx)
		return "an unused kmap_local slot";
	return "a mapped kmap_local slot";
}
