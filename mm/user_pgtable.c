// SPDX-License-Identifier: MIT
/*
 * How this works: the user half of an address space's page tables, and
 * the mmu_gather that flushes the TLB once per batch of unmapped pages.
 *
 * Layout. Without PAE a user address's pmd entry is the PDE in mm->pgd
 * itself (entries 0 .. KERNEL_PGD_BOUNDARY-1, never shared with another
 * directory, so no kernel-PDE sync is involved); with PAE it lies in one
 * of the PMD pages pgd_alloc() preallocated for the PDPT's user entries
 * (the CPU reads the PDPT only at a CR3 load). Either way user_pmd()
 * finds it and user_pte_alloc() fills an empty one with a zeroed page
 * table: a GFP_KERNEL (lowmem) page, or with the `highpte` boot option a
 * GFP_HIGHUSER one, as Linux's CONFIG_HIGHPTE does, which is why every
 * walk here maps the table with pte_offset_map() (kmap_local) and
 * pte_unmap()s it. The pmd entry carries _PAGE_USER | _PAGE_RW: the
 * CPU takes the stricter of the two levels, so the PTE decides.
 * mm->pgtables_bytes counts an mm's tables, nr_pagetable_pages all of
 * them (meminfo's PageTables). A table's struct page counts in
 * ->inuse the entries that are not none (as vmalloc's tables do), so
 * the one that empties is freed at once, by the zap that emptied it.
 *
 * Free path. zap_page_range() clears PTEs and hands each page (and each
 * emptied table) to the mmu_gather; tlb_flush_mmu() flushes once with
 * flush_tlb_mm_range() -- on each CPU that has the mm loaded, invlpg per
 * page up to tlb_single_page_flush_ceiling pages, else a CR3 reload (user
 * entries are never global) -- and only then drops the references, so no
 * TLB entry on any CPU can reach a page that is free. Only a CPU with
 * the mm in CR3 (mm_cpumask(mm)) can have TLB entries of it: the others
 * get no IPI (their next CR3 load of it starts empty), so the exit of an
 * mm's last task, which has switched to init_mm, flushes nothing.
 *
 * fork. copy_page_range() maps every page of a VMA in the child too,
 * get_page() for each, and clears _PAGE_RW in both PTEs of a writable
 * VMA: the first write of either side faults and copies
 * (mm/user_fault.c). The caller flushes the parent once.
 *
 * Where it differs from Linux: Linux frees page tables in
 * free_pgtables() only for ranges no VMA covers any more (floor and
 * ceiling), and keeps an emptied table of a live VMA; here a table goes
 * as soon as no entry uses it (the inuse count makes that free to know).
 * Linux's mmu_gather batches pages in pages of pointers; this one is 32
 * on the stack. Linux counts the PAE PMD pages in pgtables_bytes; here
 * they belong to the page directory (arch/x86/mm/pgd.c).
 */
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/params.h>
#include <kernel/sched.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include "internal.h"

bool highpte_enabled;
unsigned long nr_pagetable_pages;

static int parse_highpte(const char *val)
{
	if (!val || !strcmp(val, "on") || !strcmp(val, "1"))
		highpte_enabled = true;
	else if (!strcmp(val, "off") || !strcmp(val, "0"))
		highpte_enabled = false;
	else
		return -1;
	return 0;
}
__setup_help("highpte", parse_highpte, "nothing, \"on\" or \"off\" (user page tables from highmem)");

/* A pmd entry pointing at a user page table: the PTEs decide the access. */
#define _PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)

int user_pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	gfp_t gfp = (highpte_enabled ? GFP_HIGHUSER : GFP_KERNEL) | __GFP_ZERO;
	struct page *table = alloc_page(gfp);

	if (!table)
		return -ENOMEM;
	table->inuse = 0;
	set_pmd(pmd, __pmd((pmdval_t)page_to_phys(table) | _PAGE_TABLE));
	mm->pgtables_bytes += PAGE_SIZE;
	nr_pagetable_pages++;
	return 0;
}

/* --- the TLB: flush_tlb_mm_range() (arch/x86/mm/tlb.c) ------------------- */

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	tlb->mm = mm;
	tlb->start = ~0UL;
	tlb->end = 0;
	tlb->nr = 0;
}

void tlb_flush_mmu(struct mmu_gather *tlb)
{
	flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end);
	for (unsigned int i = 0; i < tlb->nr; i++)
		put_page(tlb->pages[i]);
	tlb->start = ~0UL;
	tlb->end = 0;
	tlb->nr = 0;
}

void tlb_remove_page(struct mmu_gather *tlb, struct page *page, unsigned long addr)
{
	if (addr < tlb->start)
		tlb->start = addr;
	if (addr + PAGE_SIZE > tlb->end)
		tlb->end = addr + PAGE_SIZE;
	if (!page)
		return;
	tlb->pages[tlb->nr++] = page;
	if (tlb->nr == MMU_GATHER_BATCH)
		tlb_flush_mmu(tlb);
}

/* --- walks ----------------------------------------------------------------- */

/* The end of the pmd entry's range that contains @addr, capped at @end. */
static unsigned long pmd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long next = (addr + PMD_SIZE) & PMD_MASK;

	return next - 1 < end - 1 ? next : end;
}

/* Give an emptied page table back (through @tlb: after the flush). */
static void free_pte_table(struct mmu_gather *tlb, struct mm_struct *mm, pmd_t *pmd,
			   unsigned long addr)
{
	struct page *table = pmd_table_page(*pmd);

	VM_BUG_ON_PAGE(table->inuse, table);
	pmd_clear(pmd);
	mm->pgtables_bytes -= PAGE_SIZE;
	nr_pagetable_pages--;
	/* its entries may sit in the paging-structure caches: flushed with the range */
	tlb_remove_page(tlb, table, addr & PAGE_MASK);
}

void zap_page_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
		    unsigned long addr, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long *rss = vma->vm_file ? &mm->rss_file : &mm->rss_anon;

	while (addr < end) {
		unsigned long next = pmd_addr_end(addr, end);
		pmd_t *pmd = user_pmd(mm, addr);
		struct page *table;
		pte_t *pte, *start;

		if (!pmd_present(*pmd)) {
			addr = next;
			continue;
		}
		table = pmd_table_page(*pmd);
		start = pte = pte_offset_map(pmd, addr);
		for (; addr < next; addr += PAGE_SIZE, pte++) {
			pte_t entry = *pte;

			if (pte_none(entry))
				continue;
			pte_clear(pte);
			table->inuse--;
			if (user_pte_has_page(entry)) {
				(*rss)--;
				tlb_remove_page(tlb, pfn_to_page(pte_pfn(entry)), addr);
			}
		}
		pte_unmap(start);
		if (!table->inuse)
			free_pte_table(tlb, mm, pmd, next - PAGE_SIZE);
	}
}

void free_pgtables(struct mmu_gather *tlb, struct mm_struct *mm)
{
	for (unsigned long addr = 0; addr < PAGE_OFFSET; addr += PMD_SIZE) {
		pmd_t *pmd = user_pmd(mm, addr);

		if (pmd_present(*pmd))
			free_pte_table(tlb, mm, pmd, addr);
	}
}

int copy_page_range(struct mm_struct *dst, struct vm_area_struct *vma,
		    unsigned long *wrprotected)
{
	struct mm_struct *src = vma->vm_mm;
	unsigned long addr = vma->vm_start, end = vma->vm_end;
	bool cow = vma->vm_flags & VM_WRITE;
	unsigned long *rss = vma->vm_file ? &dst->rss_file : &dst->rss_anon;

	while (addr < end) {
		unsigned long next = pmd_addr_end(addr, end);
		pmd_t *spmd = user_pmd(src, addr), *dpmd = user_pmd(dst, addr);
		pte_t *spte, *dpte, *sstart, *dstart;
		struct page *dtable;

		if (!pmd_present(*spmd)) {
			addr = next;
			continue;
		}
		if (!pmd_present(*dpmd) && user_pte_alloc(dst, dpmd))
			return -ENOMEM;
		dtable = pmd_table_page(*dpmd);
		/* two kmap_local slots: map src, map dst; unmap dst, unmap src */
		sstart = spte = pte_offset_map(spmd, addr);
		dstart = dpte = pte_offset_map(dpmd, addr);
		for (; addr < next; addr += PAGE_SIZE, spte++, dpte++) {
			pte_t entry = *spte;

			if (!user_pte_has_page(entry))
				continue;
			get_page(pfn_to_page(pte_pfn(entry)));
			if (cow && (pte_val(entry) & _PAGE_RW)) {
				entry = __pte(pte_val(entry) & ~(pteval_t)_PAGE_RW);
				set_pte_atomic(spte, entry);
				(*wrprotected)++;
			}
			set_pte(dpte, entry);
			dtable->inuse++;
			(*rss)++;
		}
		pte_unmap(dstart);
		pte_unmap(sstart);
	}
	if (dst->rss_anon + dst->rss_file > dst->hiwater_rss)
		dst->hiwater_rss = dst->rss_anon + dst->rss_file;
	return 0;
}

unsigned long change_protection(struct vm_area_struct *vma, unsigned long addr,
				unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	pteval_t prot = vm_pte_flags(newflags), ro = prot & ~(pteval_t)(_PAGE_RW | _PAGE_DIRTY);
	unsigned long changed = 0;

	while (addr < end) {
		unsigned long next = pmd_addr_end(addr, end);
		pmd_t *pmd = user_pmd(mm, addr);
		pte_t *pte, *start;

		if (!pmd_present(*pmd)) {
			addr = next;
			continue;
		}
		start = pte = pte_offset_map(pmd, addr);
		for (; addr < next; addr += PAGE_SIZE, pte++) {
			pte_t entry = *pte;
			unsigned long pfn;

			if (!user_pte_has_page(entry))
				continue;
			pfn = pte_pfn(entry);
			/* a shared (copy-on-write) page stays read-only: its write must fault */
			entry = pfn_pte(pfn, __pgprot(page_count(pfn_to_page(pfn)) == 1 ? prot : ro));
			set_pte_atomic(pte, entry);
			changed++;
		}
		pte_unmap(start);
	}
	return changed;
}

bool follow_pfn_user(struct mm_struct *mm, unsigned long addr, unsigned long *pfn,
		     bool *writable)
{
	pmd_t *pmd;
	pte_t *pte, entry;

	if (addr >= PAGE_OFFSET)
		return false;
	pmd = user_pmd(mm, addr);
	if (!pmd_present(*pmd))
		return false;
	pte = pte_offset_map(pmd, addr);
	entry = *pte;
	pte_unmap(pte);
	if (!user_pte_has_page(entry))
		return false;
	*pfn = pte_pfn(entry);
	if (writable)
		*writable = pte_val(entry) & _PAGE_RW;
	return true;
}
