/* SPDX-License-Identifier: MIT */
/* Interfaces between the files of mm/, not for the rest of the kernel. */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <asm/pgtable.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mmap.h>

/*
 * memblock_free_pages - give one boot-time free block to the buddy
 * allocator (mm/mm_init.c). @page..@page + 2^@order - 1 lie in one zone,
 * are naturally aligned (pfn % 2^order == 0), have refcount 0, and were
 * either written free by memmap_init() -- then they are counted as
 * managed and the block freed, merging with free buddies, without a pass
 * over the pages (a DEBUG_VM build checks them) -- or all set up
 * PG_reserved by the caller, which this clears first.
 */
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order);

/*
 * The watermark test (mm/watermark.c): may @zone give 2^@order pages to a
 * @gfp allocation whose first choice was @classzone? gfp_min_mark() is
 * the min mark after __GFP_HIGH / __GFP_ATOMIC take their part off.
 */
unsigned long gfp_min_mark(const struct zone *zone, gfp_t gfp);
bool zone_watermark_ok(const struct zone *zone, unsigned int order, gfp_t gfp,
		       enum zone_type classzone);
/* Each zone's lowmem_reserve[], from the managed pages; setup_per_zone_wmarks() calls it. */
void setup_per_zone_lowmem_reserve(void);

/* mm/page_alloc_report.c: the reports of page_alloc.c, out of line. */
/* The head page failed __free_pages()'s quick test: report why. */
void bad_free(struct page *page, unsigned int order);
/* DEBUG_VM: the other pages of a block being freed; false after a report. */
bool check_tail_pages(struct page *page, unsigned int order);
/* "page allocation failure", unless the caller said __GFP_NOWARN. */
void warn_alloc(gfp_t gfp, unsigned int order);

/* kmap_local: find the fixmap slots' PTE; kmap_init() calls it (mm/kmap_local.c). */
void kmap_local_init(void);


/* --- user page tables (mm/user_pgtable.c) ---------------------------------- */
struct vm_area_struct;

/*
 * _PAGE_PROTNONE: a user PTE of a PROT_NONE area keeps its page with the
 * present bit clear and this bit (the global bit, meaningless in a
 * not-present entry) set, as Linux's x86 does; user_pte_has_page() is
 * then true and the fault path refuses the access from the VMA's flags.
 */
#define _PAGE_PROTNONE	_PAGE_GLOBAL
static inline bool user_pte_has_page(pte_t pte)
{
	return pte_val(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

/* The pmd entry of user address @addr in @mm (PAE: in a PMD page pgd_alloc() made). */
static inline pmd_t *user_pmd(struct mm_struct *mm, unsigned long addr)
{
	return pmd_offset(pgd_offset(mm, addr), addr);
}

/* The page-table page a present user pmd entry points at. */
static inline struct page *pmd_table_page(pmd_t pmd)
{
	return pfn_to_page((unsigned long)((pmd_val(pmd) & PTE_PFN_MASK) >> PAGE_SHIFT));
}

/*
 * The PTE bits of a page in a VMA with @vm_flags: user, writable only with
 * VM_WRITE (dirty too, sparing the CPU the locked update), NX without
 * VM_EXEC when the CPU has NX; PROT_NONE: not present, _PAGE_PROTNONE.
 */
static inline pteval_t vm_pte_flags(unsigned long vm_flags)
{
	pteval_t nx = (vm_flags & VM_EXEC) ? 0 : (_PAGE_NX & __supported_pte_mask);

	if (unlikely(!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC))))
		return _PAGE_PROTNONE | _PAGE_ACCESSED | nx;
	if (vm_flags & VM_WRITE)
		return _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_RW | _PAGE_DIRTY | nx;
	return _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | nx;
}

/*
 * user_pte_alloc - give the empty pmd entry @pmd of @mm a zeroed page table,
 * from lowmem, or from highmem with `highpte`. Return: 0 or -ENOMEM.
 */
int user_pte_alloc(struct mm_struct *mm, pmd_t *pmd);

/*
 * The mmu_gather (Linux's name): pages whose PTEs were cleared are kept
 * here until the TLB has been flushed, then their references dropped;
 * one flush for the whole batch, of the range [start, end) gathered.
 */
#define MMU_GATHER_BATCH	32
struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start, end;	/* user range whose PTEs changed; start > end: none */
	unsigned int nr;
	struct page *pages[MMU_GATHER_BATCH];
};
void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm);
/* Remember that the PTE of @addr changed and, if @page, drop it after the flush. */
void tlb_remove_page(struct mmu_gather *tlb, struct page *page, unsigned long addr);
/* Flush what was gathered (flush_tlb_mm_range(): every CPU with @mm loaded) and free the pages; reusable after. */
void tlb_flush_mmu(struct mmu_gather *tlb);
#define tlb_finish_mmu(tlb)	tlb_flush_mmu(tlb)

/*
 * zap_page_range - unmap every page of @vma in [start, end) (mmap_lock
 * held): PTEs cleared, rss counted down, pages and emptied page tables
 * handed to @tlb.
 */
void zap_page_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
		    unsigned long start, unsigned long end);
/* exit_mmap's last step: free the page tables no PTE uses any more (all, by then). */
void free_pgtables(struct mmu_gather *tlb, struct mm_struct *mm);
/*
 * copy_page_range - fork: map @vma's present pages in @dst too, raising
 * each page's count, write-protected in both if the VMA is writable.
 * Return: 0 or -ENOMEM; *@wrprotected counts the parent PTEs changed.
 */
int copy_page_range(struct mm_struct *dst, struct vm_area_struct *vma,
		    unsigned long *wrprotected);
/* mprotect: rewrite the PTEs of [start, end) for @newflags; Return: PTEs changed. */
unsigned long change_protection(struct vm_area_struct *vma, unsigned long start,
				unsigned long end, unsigned long newflags);
/* Count one more resident page of @vma's kind, and the high-water mark. */
static inline void mm_inc_rss(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;

	if (vma->vm_file)
		mm->rss_file++;
	else
		mm->rss_anon++;
	if (mm->rss_anon + mm->rss_file > mm->hiwater_rss)
		mm->hiwater_rss = mm->rss_anon + mm->rss_file;
}

/* mm/mmap.c: the unlocked halves of do_munmap() and friends (mmap_lock held). */
long __do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
/* Cut @vma at @addr: it keeps the low part, a new VMA the high. Return: 0 or -ENOMEM. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr);

#endif
