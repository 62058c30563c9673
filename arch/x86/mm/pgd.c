// SPDX-License-Identifier: MIT
/*
 * How this works: page directories for address spaces other than init_mm.
 * pgd_alloc(mm) builds one for mm_alloc() (kernel/fork.c); pgd_free()
 * gives it back at the last mmdrop().
 *
 *   non-PAE  one zeroed lowmem page of 1024 PDEs. Entries 0 ..
 *            KERNEL_PGD_BOUNDARY-1 (the user half: 768 for 3G/1G, 512
 *            for 2G/2G, 256 for 1G/3G) stay zero; the rest are copied
 *            from swapper_pg_dir (Linux's clone_pgd_range), so they point
 *            at the same kernel page tables.
 *   PAE      a 32-byte PDPT from pgd_cache (a slab cache of 32-byte
 *            aligned objects: CR3 holds only the PDPT's physical address
 *            bits 31..5, and slabs are lowmem, so below 4 GiB). Its kernel
 *            entries are copied too, which makes them point at the very
 *            PMD pages swapper's PDPT points at: the kernel's page
 *            directories are shared outright. Each user entry gets a
 *            zeroed PMD page now (Linux's preallocate_pmds and
 *            pgd_prepopulate_pmd): the CPU reads the four PDPT entries
 *            only at a CR3 load, so one cannot be filled in later without
 *            a reload; pgd_free() frees them.
 *
 * The copy is made under pgd_lock and the new directory joins pgd_list
 * in the same critical section, so a later change to a kernel entry,
 * made under the same lock, cannot fall between the two. Nothing walks
 * the list yet: that is the next step (kernel page tables created after
 * a process exists). Without PAE a page table that kernel_pmd_populate()
 * installs after pgd_alloc() is missing from the copy, and
 * check_kernel_pgd() reports it; with PAE the new table goes into a
 * shared PMD page and every PDPT sees it.
 *
 * These live apart from pgtable.c, whose state (tlb_stats,
 * __supported_pte_mask) the lowest mm files read: this file calls the
 * page and slab allocators, and is called from kernel/fork.c, so it is in
 * the scheduler/mm link cycle that kernel/sched/core.c's essay explains.
 *
 * Where it differs from Linux: Linux keeps these in arch/x86/mm/pgtable.c,
 * and links a page directory into pgd_list through its struct page (page->lru, page->pt_mm), and with PAE and
 * shared kernel PMDs keeps no list at all; here the link is in the
 * mm_struct and every directory is listed, for the sync of the next step.
 * Linux's pgd_alloc also copies the kernel half into a KPTI user copy and
 * takes the PMD pages through the page-table accounting (pagetable ctor);
 * neither exists here.
 */
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/slab.h>

LIST_HEAD(pgd_list);
DEFINE_SPINLOCK(pgd_lock);

#define PGD_SIZE	(PTRS_PER_PGD * sizeof(pgd_t))	/* 4096, PAE 32 */
#define USER_PGD_PTRS	KERNEL_PGD_BOUNDARY
_Static_assert(KERNEL_PGD_BOUNDARY > 0 && KERNEL_PGD_BOUNDARY < PTRS_PER_PGD,
	       "PAGE_OFFSET must split the pgd into a user and a kernel half");

static struct kmem_cache *pgd_cache;	/* PAE only: 32-byte PDPTs */

static pgd_t *_pgd_alloc(void)
{
	if (PTRS_PER_PMD == 1)
		return (pgd_t *)get_zeroed_page(GFP_KERNEL);
	if (!pgd_cache)
		pgd_cache = kmem_cache_create("pgd_cache", PGD_SIZE, PGD_SIZE, SLAB_PANIC, NULL);
	return kmem_cache_alloc(pgd_cache, GFP_KERNEL | __GFP_ZERO);
}

static void _pgd_free(pgd_t *pgd)
{
	if (PTRS_PER_PMD == 1)
		free_page((unsigned long)pgd);
	else
		kmem_cache_free(pgd_cache, pgd);
}

/* PAE: the user PMD page a PDPT entry points at. */
static unsigned long pgd_user_pmd(pgd_t pgd)
{
	return (unsigned long)__va((phys_addr_t)(pgd_val(pgd) & PTE_PFN_MASK));
}

static void free_user_pmds(pgd_t *pgd)
{
	for (unsigned int i = 0; i < USER_PGD_PTRS; i++)
		if (pgd_present(pgd[i]))
			free_page(pgd_user_pmd(pgd[i]));
}

pgd_t *pgd_alloc(struct mm_struct *mm)
{
	unsigned long flags;
	pgd_t *pgd = _pgd_alloc();

	if (!pgd)
		return NULL;
	BUG_ON((unsigned long)pgd & (PGD_SIZE - 1));	/* CR3 ignores the low bits */
	if (PTRS_PER_PMD > 1) {
		for (unsigned int i = 0; i < USER_PGD_PTRS; i++) {
			unsigned long pmd = get_zeroed_page(GFP_KERNEL);

			if (!pmd) {
				free_user_pmds(pgd);
				_pgd_free(pgd);
				return NULL;
			}
			/* a PDPT entry has the present bit only (RW, US are reserved) */
			pgd[i] = __pgd((pgdval_t)__pa(pmd) | _PAGE_PRESENT);
		}
	}
	spin_lock_irqsave(&pgd_lock, flags);
	memcpy(pgd + KERNEL_PGD_BOUNDARY, swapper_pg_dir + KERNEL_PGD_BOUNDARY,
	       KERNEL_PGD_PTRS * sizeof(pgd_t));
	mm->pgd = pgd;
	list_add(&mm->pgd_list, &pgd_list);
	spin_unlock_irqrestore(&pgd_lock, flags);
	return pgd;
}

void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	unsigned long flags;

	BUG_ON(pgd == swapper_pg_dir);
	BUG_ON((read_cr3() & ~0x1fUL) == (unsigned long)__pa(pgd));
	spin_lock_irqsave(&pgd_lock, flags);
	list_del(&mm->pgd_list);
	spin_unlock_irqrestore(&pgd_lock, flags);
	if (PTRS_PER_PMD > 1)
		free_user_pmds(pgd);
	_pgd_free(pgd);
}

unsigned int check_kernel_pgd(struct mm_struct *mm)
{
	unsigned int i, bad = 0;
	unsigned long flags;

	if (!IS_ENABLED(CONFIG_DEBUG_VM))
		return 0;
	spin_lock_irqsave(&pgd_lock, flags);
	for (i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_PGD; i++) {
		pgdval_t want = pgd_val(swapper_pg_dir[i]), got = pgd_val(mm->pgd[i]);

		if (got == want)
			continue;
		bad++;
		pr_info("check_kernel_pgd: pgd %p entry %u (0x%08lx) is 0x%llx, swapper_pg_dir has 0x%llx\n",
			mm->pgd, i, (unsigned long)i << PGDIR_SHIFT,
			(unsigned long long)got, (unsigned long long)want);
	}
	spin_unlock_irqrestore(&pgd_lock, flags);
	return bad;
}
