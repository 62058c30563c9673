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
 * entries and the CR3 reload is enough. This kernel does not turn PGE
 * on yet, so today the full flush is the CR3 reload; the code that
 * turns it on need not find every flush.
 */
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>

unsigned long tlb_single_page_flush_ceiling = 33;

static void flush_tlb_global(void)
{
	unsigned long cr4 = read_cr4();

	this_cpu_ptr(tlb_stats)->flush_all++;
	if (cr4 & X86_CR4_PGE) {
		write_cr4(cr4 & ~X86_CR4_PGE);
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	unsigned long addr;

	start &= PAGE_MASK;
	if ((end - start) >> PAGE_SHIFT > tlb_single_page_flush_ceiling) {
		flush_tlb_global();
		return;
	}
	for (addr = start; addr < end; addr += PAGE_SIZE)
		flush_tlb_one_kernel(addr);
}
