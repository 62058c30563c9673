// SPDX-License-Identifier: MIT
/*
 * Flushing the TLB after kernel mappings are torn down (asm/tlbflush.h).
 *
 * One invlpg per page is cheapest for a few pages; for many, one full
 * flush is cheaper than the invlpgs, and the TLB refills either way.
 * Linux's crossover, tlb_single_page_flush_ceiling, is 33 pages.
 *
 * A full flush here must reach global entries too: reloading CR3 drops
 * only non-global ones, so with CR4.PGE on a kernel mapping marked
 * _PAGE_GLOBAL would survive it. Clearing and setting CR4.PGE flushes
 * everything (Intel SDM 4.10.4.1); without PGE there are no global
 * entries and the CR3 reload is enough. __flush_tlb_all() (asm/tlbflush.h)
 * picks between them by the PGE bit of mmu_cr4_features, which
 * enable_pge() (arch/x86/mm/init.c) sets before the first global entry
 * is written.
 */
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>

unsigned long tlb_single_page_flush_ceiling = 33;

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	unsigned long addr;

	start &= PAGE_MASK;
	if ((end - start) >> PAGE_SHIFT > tlb_single_page_flush_ceiling) {
		__flush_tlb_all();
		return;
	}
	for (addr = start; addr < end; addr += PAGE_SIZE)
		flush_tlb_one_kernel(addr);
}
