/* SPDX-License-Identifier: MIT */
/*
 * Classic i386 two-level paging: a page directory of 1024 four-byte
 * entries, each pointing to a page table of 1024 four-byte PTEs.
 * The middle level (pmd) is "folded": a pmd_t is the pgd entry itself,
 * so code written pgd -> pmd -> pte works unchanged on a PAE build,
 * which adds a real third level in pgtable-3level.h.
 *
 *   31        22 21        12 11          0
 *  +------------+------------+-------------+
 *  | pgd index  | pte index  | page offset |
 *  +------------+------------+-------------+
 */
#ifndef _ASM_X86_PGTABLE_2LEVEL_H
#define _ASM_X86_PGTABLE_2LEVEL_H

#include <kernel/types.h>

typedef u32 pteval_t;
typedef u32 pgdval_t;
typedef u32 pmdval_t;

typedef struct { pteval_t pte; } pte_t;
typedef struct { pgdval_t pgd; } pgd_t;
typedef struct { pgd_t pgd; } pmd_t;	/* folded into the pgd */

#define PGDIR_SHIFT	22
#define PTRS_PER_PGD	1024
#define PTRS_PER_PMD	1
#define PTRS_PER_PTE	1024
#define PMD_SHIFT	PGDIR_SHIFT
#define PMD_SIZE	(1UL << PMD_SHIFT)	/* 4 MiB: what one page table maps */
#define PMD_MASK	(~(PMD_SIZE - 1))

/* Mask of the physical-frame bits in a PTE or PDE. */
#define PTE_PFN_MASK	0xFFFFF000UL
#define _PAGE_NX	0		/* no NX bit without PAE */

#define pte_val(x)	((x).pte)
#define __pte(x)	((pte_t){ (x) })
#define pgd_val(x)	((x).pgd)
#define __pgd(x)	((pgd_t){ (x) })
#define pmd_val(x)	((x).pgd.pgd)
#define __pmd(x)	((pmd_t){ { (x) } })

/*
 * The pgd level is the pmd level: there is nothing above a pmd entry to
 * be absent, so a walker's pgd_present() check always passes and the
 * pmd entry's own present bit decides (as Linux's folded levels do).
 */
static inline int pgd_none(pgd_t pgd)		{ (void)pgd; return 0; }
static inline int pgd_present(pgd_t pgd)	{ (void)pgd; return 1; }

static inline pmd_t *pmd_offset(pgd_t *pgd, unsigned long addr)
{
	(void)addr;
	return (pmd_t *)pgd;
}

/*
 * A 4-byte entry is written by one aligned 4-byte store, which the page
 * walker sees whole: no write order to keep, and set_pte_atomic() is
 * set_pte(). (The 8-byte PAE entries need both: pgtable-3level.h.)
 */
static inline void set_pte(pte_t *ptep, pte_t pte)  { ptep->pte = pte.pte; }
static inline void set_pte_atomic(pte_t *ptep, pte_t pte) { ptep->pte = pte.pte; }
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd)  { pmdp->pgd.pgd = pmd.pgd.pgd; }
static inline void pte_clear_entry(pte_t *ptep)     { ptep->pte = 0; }
static inline void pmd_clear(pmd_t *pmdp)           { pmdp->pgd.pgd = 0; }

#endif
