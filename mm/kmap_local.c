// SPDX-License-Identifier: MIT
/*
 * kmap_local_page(): short-lived mappings on a per-CPU stack of slots.
 *
 * Data structures. Each CPU owns 2 * KM_MAX_IDX fixmap pages starting at
 * FIX_KMAP_BEGIN (asm/fixmap.h) and a struct kmap_ctrl: idx, the number of
 * slots in use (so the next free slot), and the page each live slot maps.
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
 * Map path (a highmem page): take slot idx, raise idx, then point the
 * slot's PTE at the page and invlpg that one address (__set_fixmap).
 * idx is raised before the PTE is written, so an interrupt arriving in
 * between takes the slot above and, since it must unmap before it
 * returns, leaves the stack as it found it. A lowmem page is already in
 * the direct map: its address is returned, no slot, no PTE, no flush.
 *
 * Unmap path: the address must be the top slot. The PTE is cleared and
 * invlpg'd (a stale translation would let a use-after-unmap read the old
 * page), then idx is lowered. Anything else -- a lower slot, a slot not
 * in use, a guard page -- is reported and changes nothing, so the caller
 * can still unmap in the right order afterwards.
 *
 * Invariants: slots [0, idx) are mapped, [idx, KM_MAX_IDX) and all guard
 * pages are not; mappings are undone in the reverse order of creation.
 *
 * Where it differs from Linux: Linux keeps the stack per task and
 * saves/restores it on a context switch, so a kmap_local section may be
 * preempted; with no scheduler the stack here is simply per CPU. Linux
 * WARNs and unmaps the top slot anyway on a bad unmap; this kernel
 * refuses and reports. kmap_atomic() is the same stack plus two counters
 * that a scheduler and the page-fault handler would consult. The PTE
 * write and the invlpg happen in __set_fixmap(), so tests/host can
 * compile this file with that one function stubbed.
 */
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <mm/highmem.h>
#include <mm/mm.h>

struct kmap_ctrl {
	int idx;				/* slots in use = the next free slot */
	struct page *page[KM_MAX_IDX];		/* what each live slot maps */
};
static struct kmap_ctrl kmap_ctrl[NR_CPUS];

int preempt_count;
int pagefault_disabled;

#define KMAP_FIX_PER_CPU	(2 * KM_MAX_IDX)
#define KMAP_STRIDE		(IS_ENABLED(CONFIG_DEBUG_KMAP_LOCAL_GUARD) ? 2 : 1)

_Static_assert(FIX_KMAP_END - FIX_KMAP_BEGIN + 1 == KMAP_FIX_PER_CPU * NR_CPUS,
	       "asm/fixmap.h must reserve 2 * KM_MAX_IDX slots per CPU");

/* There is one CPU until SMP support exists. */
static inline int kmap_cpu(void)
{
	return 0;
}

static enum fixed_addresses slot_to_fix(int cpu, int slot)
{
	return (enum fixed_addresses)(FIX_KMAP_BEGIN + cpu * KMAP_FIX_PER_CPU +
				      slot * KMAP_STRIDE);
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
	*slot = n / KMAP_STRIDE;
	*guard = n % KMAP_STRIDE != 0;
	return true;
}

unsigned long kmap_local_slot_addr(int slot)
{
	return fix_to_virt(slot_to_fix(kmap_cpu(), slot));
}

int kmap_local_depth(void)
{
	return kmap_ctrl[kmap_cpu()].idx;
}

static void *kmap_local_push(struct page *page, pgprot_t prot)
{
	int cpu = kmap_cpu();
	struct kmap_ctrl *c = &kmap_ctrl[cpu];
	int slot = c->idx;
	enum fixed_addresses fix;

	if (slot >= KM_MAX_IDX) {
		report_bug("kmap_local", "slot stack overflow");
		pr_err("  kmap_local_page(pfn 0x%05lx): all %d slots are in use; the top one,\n",
		       page_to_pfn(page), KM_MAX_IDX);
		pr_err("  slot %d at 0x%08lx (pfn 0x%05lx), must be unmapped first\n",
		       slot - 1, kmap_local_slot_addr(slot - 1), page_to_pfn(c->page[slot - 1]));
		return NULL;
	}
	fix = slot_to_fix(cpu, slot);
	c->page[slot] = page;
	c->idx = slot + 1;
	kmap_stats.local_maps++;
	if (c->idx > kmap_stats.local_max_depth)
		kmap_stats.local_max_depth = c->idx;
	__set_fixmap(fix, page_to_phys(page), pgprot_val(prot));
	return (void *)fix_to_virt(fix);
}

void *kmap_local_page(struct page *page)
{
	if (!PageHighMem(page))
		return page_address(page);
	return kmap_local_push(page, PAGE_KERNEL);
}

/* Unmap @vaddr if it is the top slot; Return: false if reported instead. */
static bool kmap_local_pop(const void *vaddr)
{
	unsigned long addr = (unsigned long)vaddr & PAGE_MASK;
	struct kmap_ctrl *c;
	int cpu, slot, top;
	bool guard;

	if (!addr_to_slot(addr, &cpu, &slot, &guard)) {
		if (virt_addr_valid(vaddr))
			return true;	/* a lowmem page: nothing was mapped */
		report_bug("kmap_local", "unmap of an address kmap_local_page did not return");
		pr_err("  kunmap_local(0x%08lx): neither a kmap_local slot nor the direct map\n",
		       (unsigned long)vaddr);
		return false;
	}
	c = &kmap_ctrl[cpu];
	top = c->idx - 1;
	if (guard || cpu != kmap_cpu() || slot > top) {
		report_bug("kmap_local", "unmap with no mapping");
		if (guard)
			pr_err("  kunmap_local(0x%08lx): the guard page below slot %d is never mapped\n",
			       (unsigned long)vaddr, slot);
		else
			pr_err("  kunmap_local(0x%08lx): slot %d is not mapped; slots in use: %d\n",
			       (unsigned long)vaddr, slot, c->idx);
		return false;
	}
	if (slot != top) {
		report_bug("kmap_local", "unmap out of order");
		pr_err("  kunmap_local(0x%08lx) is slot %d (pfn 0x%05lx), but slot %d at 0x%08lx\n",
		       (unsigned long)vaddr, slot, page_to_pfn(c->page[slot]),
		       top, kmap_local_slot_addr(top));
		pr_err("  (pfn 0x%05lx) was mapped after it and must be unmapped first\n",
		       page_to_pfn(c->page[top]));
		return false;
	}
	c->page[top] = NULL;
	clear_fixmap(slot_to_fix(cpu, top));
	c->idx = top;
	return true;
}

void __kunmap_local(const void *vaddr)
{
	kmap_local_pop(vaddr);
}

void *kmap_atomic(struct page *page)
{
	void *addr;

	preempt_count++;
	pagefault_disabled++;
	addr = kmap_local_page(page);
	if (!addr) {
		pagefault_disabled--;
		preempt_count--;
	}
	return addr;
}

void __kunmap_atomic(const void *vaddr)
{
	if (preempt_count <= 0 || pagefault_disabled <= 0) {
		report_bug("kmap_atomic", "kunmap_atomic without kmap_atomic");
		pr_err("  kunmap_atomic(0x%08lx): preempt_count %d, pagefault_disabled %d\n",
		       (unsigned long)vaddr, preempt_count, pagefault_disabled);
		return;
	}
	if (!kmap_local_pop(vaddr))
		return;		/* reported; the counters still match the mappings */
	pagefault_disabled--;
	preempt_count--;
}

const char *kmap_local_fault_area(unsigned long addr)
{
	int cpu, slot;
	bool guard;

	if (!addr_to_slot(addr & PAGE_MASK, &cpu, &slot, &guard))
		return NULL;
	if (guard)
		return "a kmap_local guard slot";
	if (slot >= kmap_ctrl[cpu].idx)
		return "an unused kmap_local slot";
	return "a mapped kmap_local slot";
}
