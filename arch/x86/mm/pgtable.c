// SPDX-License-Identifier: MIT
/*
 * The kernel's page-directory entries, written in one place.
 *
 * Every page directory (swapper_pg_dir today, a process's tomorrow)
 * shares the kernel half: the entries from PAGE_OFFSET up point at the
 * same page tables. So an entry there may be written only by code that
 * knows about that sharing, which is these two functions. Today they are
 * a set_pmd()/pmd_clear() on init_mm's directory; when per-process page
 * directories exist, a change made here is where they learn of it (the
 * vmalloc area never needs that: its tables are never freed, see
 * mm/vmalloc.c).
 *
 * Without PAE the pmd level is folded into the pgd, so the entry is a
 * page-directory entry of swapper_pg_dir; with PAE it is an entry of one
 * of the kernel's page directories, which the PDPT (swapper_pg_dir)
 * points at (prepare_kernel_pmds() sets those up at boot).
 *
 * The other writes to swapper_pg_dir are a level up and at boot only:
 * prepare_kernel_pmds() fills the PAE PDPT's kernel entries, and
 * paging_init() clears the user half (the boot identity map). Outside
 * comments, `git grep 'set_pmd(\|pmd_clear(' -- '*.c'` finds only this
 * file and the paging tests (which write a local entry, not a kernel one).
 */
#include <asm/pgtable.h>
#include <kernel/bug.h>
#include <mm/mm_types.h>

static pmd_t *kernel_pmd(unsigned long addr)
{
	BUG_ON(addr < PAGE_OFFSET);	/* the user half is not shared */
	return pmd_offset(pgd_offset_k(addr), addr);
}

void kernel_pmd_populate(unsigned long addr, pte_t *table)
{
	set_pmd(kernel_pmd(addr), __pmd((pgdval_t)__pa(table) | _KERNPG_TABLE));
}

void kernel_pmd_clear(unsigned long addr)
{
	pmd_clear(kernel_pmd(addr));	/* present bit first (PAE: pgtable-3level.h) */
}
