/* SPDX-License-Identifier: MIT */
/*
 * TLB maintenance, with counters so the cost of each mapping API can be
 * shown (and benchmarked) as TLB work, not only instructions.
 */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

#include <asm/processor.h>
#include <kernel/percpu.h>

struct tlb_stats {
	unsigned long flush_one;	/* invlpg of one page */
	unsigned long flush_all;	/* CR3 reloads */
	unsigned long switch_mm;	/* CR3 loads of another mm (mmu_context.h) */
	/* of those flush_one and flush_all, the ones for user pages (mm/user_pgtable.c) */
	unsigned long user_flush_one, user_flush_all;
};
DECLARE_PER_CPU(struct tlb_stats, tlb_stats);	/* this CPU's counts */

/* Drop the TLB entry of one page (486 and later). */
static inline void __flush_tlb_one(unsigned long addr)
{
	this_cpu_ptr(tlb_stats)->flush_one++;
	__asm__ __volatile__("invlpg (%0)" :: "r"(addr) : "memory");
}

/*
 * invlpg without the count, for a loop that counts its flushes once
 * (add them to this_cpu_ptr(tlb_stats)->flush_one itself).
 */
static inline void __flush_tlb_one_uncounted(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" :: "r"(addr) : "memory");
}

/* Drop every non-global TLB entry by reloading CR3. */
static inline void __flush_tlb_all(void)
{
	this_cpu_ptr(tlb_stats)->flush_all++;
	write_cr3(read_cr3());
}

/*
 * Tearing down kernel mappings (arch/x86/mm/tlb.c). A CR3 reload is not
 * enough for them once kernel PTEs are global (CR4.PGE, _PAGE_GLOBAL):
 * global entries survive it. flush_tlb_one_kernel() drops one page;
 * flush_tlb_kernel_range() drops [start, end) page by page, or, above
 * tlb_single_page_flush_ceiling pages (33, Linux's default), flushes
 * everything, global entries included (toggling CR4.PGE when it is on,
 * else a CR3 reload), counted in this_cpu_ptr(tlb_stats)->flush_all.
 */
#define flush_tlb_one_kernel(addr)	__flush_tlb_one(addr)
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
extern unsigned long tlb_single_page_flush_ceiling;

#endif
