/* SPDX-License-Identifier: MIT */
/*
 * TLB maintenance, with counters so the cost of each mapping API can be
 * shown (and benchmarked) as TLB work, not only instructions.
 *
 * Global pages. When CPUID reports PGE, paging_init() (arch/x86/mm/init.c)
 * sets CR4.PGE and adds _PAGE_GLOBAL to __supported_pte_mask, so every
 * PAGE_KERNEL* entry (direct map, fixmap, pkmap, kmap_local, vmalloc,
 * ioremap) is global: a CR3 load, which switch_mm() does at every switch
 * to another mm, keeps their TLB entries. Three ways remain to drop one:
 *
 *   invlpg            one page, global or not       __flush_tlb_one()
 *   CR3 reload        every non-global entry only   (switch_mm, no longer a flush)
 *   CR4.PGE off, on   everything                    __flush_tlb_all()
 *
 * So a full flush is the CR4 toggle whenever PGE is on, and the CR3
 * reload only without it (a 486, or `nopge`). mmu_cr4_features records
 * whether PGE is on, so no flush reads CR4 (a 486 has no CR4).
 */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

#include <asm/processor.h>
#include <kernel/percpu.h>
#include <kernel/smp.h>

struct tlb_stats {
	unsigned long flush_one;	/* invlpg of one page */
	unsigned long flush_all;	/* full flushes (CR4.PGE toggles, or CR3 reloads) */
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

/* The CR4 bits paging_init() turned on that flushes must know of (PGE). */
extern unsigned long mmu_cr4_features;

/*
 * Drop every TLB entry, global ones too (Linux's __flush_tlb_global):
 * clearing CR4.PGE flushes all of them (Intel SDM 4.10.4.1), setting it
 * again turns global pages back on. Without PGE a CR3 reload is the same.
 */
static inline void __flush_tlb_global(void)
{
	if (mmu_cr4_features & X86_CR4_PGE) {
		unsigned long cr4 = read_cr4();

		write_cr4(cr4 & ~X86_CR4_PGE);
		write_cr4(cr4 | X86_CR4_PGE);
	} else {
		write_cr3(read_cr3());
	}
}

/* Drop every TLB entry, global kernel ones included; counted in flush_all. */
static inline void __flush_tlb_all(void)
{
	this_cpu_ptr(tlb_stats)->flush_all++;
	__flush_tlb_global();
}

/*
 * Tearing down kernel mappings (arch/x86/mm/tlb.c). A CR3 reload is not
 * enough for them once kernel PTEs are global (CR4.PGE, _PAGE_GLOBAL):
 * global entries survive it. flush_tlb_one_kernel() drops one page on
 * this CPU only (a per-CPU mapping: the kmap_local slots, kunmap_local);
 * local_flush_tlb_kernel_range() drops [start, end) here, page by page,
 * or, above tlb_single_page_flush_ceiling pages (33, Linux's default),
 * everything, global entries included (__flush_tlb_all(), counted in
 * this_cpu_ptr(tlb_stats)->flush_all).
 */
#define flush_tlb_one_kernel(addr)	__flush_tlb_one(addr)
void local_flush_tlb_kernel_range(unsigned long start, unsigned long end);
extern unsigned long tlb_single_page_flush_ceiling;

/**
 * flush_tlb_kernel_range - drop [@start, @end) of the kernel half from
 * every online CPU's TLB: here, then the others by IPI (IPI_TLB_KERNEL),
 * each with local_flush_tlb_kernel_range()'s rule (a full flush above the
 * ceiling). With one CPU online no IPI is sent.
 * Context: interrupts on, not an interrupt handler, unless only one CPU
 * runs (kernel/smp.c refuses the IPI otherwise); may spin, does not sleep.
 */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

/* The same, the IPIs counted under @reason (IPI_TLB_PKMAP, IPI_TLB_VUNMAP). */
void flush_tlb_kernel_range_reason(unsigned long start, unsigned long end,
				   enum ipi_reason reason);

/* flush_tlb_all - every TLB entry, global ones too, on every online CPU. Context: as above. */
void flush_tlb_all(void);

struct mm_struct;
/**
 * flush_tlb_mm_range - drop [@start, @end) of user mm @mm from the TLB of
 * every CPU that has @mm loaded (mm_cpumask(@mm)): this one locally, the
 * others by IPI (IPI_TLB_MM). None at all for an mm loaded nowhere, and
 * no IPI for one loaded only here.
 * Context: process context, interrupts on (when other CPUs have @mm).
 */
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end);

/* flush_tlb_page - one user page of @vma's mm, as flush_tlb_mm_range(). */
#define flush_tlb_page(vma, addr) \
	flush_tlb_mm_range((vma)->vm_mm, (addr) & PAGE_MASK, ((addr) & PAGE_MASK) + PAGE_SIZE)

#endif
