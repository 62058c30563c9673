// SPDX-License-Identifier: MIT
/*
 * Setting a fixmap slot: one PTE write and one TLB invalidation.
 *
 * A fixmap slot (asm/fixmap.h) is a virtual page whose address is a
 * compile-time constant, fix_to_virt(idx) = FIXADDR_TOP - idx * PAGE_SIZE,
 * counted down from the top of the address space. paging_init() builds
 * the one page table that covers [FIXADDR_START, FIXADDR_TOP) at boot and
 * never frees it, so setting a slot never allocates, never fails and never
 * sleeps: that is what lets kmap_local_page() and kmap_atomic() run in any
 * context.
 *
 * __set_fixmap(idx, phys, flags) finds the slot's PTE with lookup_pte_k(),
 * writes pfn | flags into it (flags 0 clears it: clear_fixmap()), and then
 * invalidates exactly that page's TLB entry with invlpg. A slot that is
 * still mapped is repointed with set_pte_atomic(): with PAE an entry is
 * 8 bytes, and two 4-byte stores over a present entry would let the page
 * walker see half of the old frame number and half of the new (the write
 * rules are in pgtable-3level.h). One invlpg drops the stale translation
 * of this page (and any paging-structure cache entries for it) and
 * nothing else, so every other mapping keeps its cached translation. A
 * CR3 reload would also work but throws away the whole TLB for the sake
 * of one page.
 *
 * Which CPUs need the invlpg: only this one, as in Linux (its
 * __set_pte_vaddr() flushes locally). A kmap_local slot belongs to one
 * CPU (FIX_KMAP_BEGIN..FIX_KMAP_END hold NR_CPUS sets of slots). The
 * others are used map, read, clear on one CPU with interrupts off
 * (FIX_EARLY_READ, FIX_TOUR), or set once before any other CPU runs
 * (FIX_APIC_BASE): another CPU can hold only a speculative entry of such
 * a slot, and its own __set_fixmap() invlpg's that before it reads
 * through the slot. A slot shared while it changes would need
 * flush_tlb_kernel_range() (every CPU) instead; there is none. That also
 * keeps __set_fixmap() usable with interrupts off, where no IPI may wait.
 *
 * Where it differs from Linux: Linux has a second, early variant for use
 * before its page tables are final; here the fixmap is only touched after
 * paging_init(), so one function and the PTE itself are all there is.
 *
 * Invariants: FIX_HOLE is never mapped (it keeps FIXADDR_TOP unmapped);
 * a physical address the PTE format cannot express (4 GiB and above
 * without PAE) is refused.
 */
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/bug.h>

void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pteval_t flags)
{
	unsigned long vaddr = fix_to_virt(idx);
	pte_t *pte;

	BUG_ON(idx <= FIX_HOLE || idx >= __end_of_fixed_addresses);
	BUG_ON(phys >= phys_addr_limit());	/* not an address this kernel can map */
	pte = lookup_pte_k(vaddr);
	BUG_ON(!pte);			/* paging_init() must have built the fixmap table */

	if (!flags)
		pte_clear(pte);
	else if (pte_present(*pte))	/* present -> present: one 8-byte write */
		set_pte_atomic(pte, pfn_pte(PHYS_PFN(phys), __pgprot(flags)));
	else
		set_pte(pte, pfn_pte(PHYS_PFN(phys), __pgprot(flags)));
	flush_tlb_one_kernel(vaddr);	/* this CPU only: see above */
}
