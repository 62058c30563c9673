/* SPDX-License-Identifier: MIT */
/*
 * PAE paging (make PAE=1): three levels of 8-byte entries, so a frame
 * number can have 24 bits and the CPU can address 64 GiB of RAM.
 *
 *   31 30 29       21 20       12 11          0
 *  +-----+-----------+-----------+-------------+
 *  | pgd | pmd index | pte index | page offset |
 *  +-----+-----------+-----------+-------------+
 *
 *   pgd: the PDPT, 4 entries, each mapping 1 GiB (only the present bit and
 *        the cache bits are allowed in them; the CPU loads all four when
 *        CR3 is written, so changing one needs a CR3 reload)
 *   pmd: a page directory, 512 entries of 2 MiB each
 *   pte: a page table, 512 entries of 4 KiB each
 *
 * Entries being twice as wide is the cost: a page table now maps 2 MiB
 * instead of 4 MiB, and the pkmap pool (one page table) has 512 entries.
 * Bit 63 of an entry is NX, "no execute", honoured once EFER.NXE is set.
 */
#ifndef _ASM_X86_PGTABLE_3LEVEL_H
#define _ASM_X86_PGTABLE_3LEVEL_H

#include <asm/memlayout.h>
#include <kernel/types.h>

typedef u64 pteval_t;
typedef u64 pmdval_t;
typedef u64 pgdval_t;

typedef struct { pteval_t pte; } pte_t;
typedef struct { pmdval_t pmd; } pmd_t;
typedef struct { pgdval_t pgd; } pgd_t;

#define PGDIR_SHIFT	30
#define PTRS_PER_PGD	4
#define PMD_SHIFT	21
#define PTRS_PER_PMD	512
#define PTRS_PER_PTE	512
#define PMD_SIZE	(1UL << PMD_SHIFT)	/* 2 MiB: what one page table maps */
#define PMD_MASK	(~(PMD_SIZE - 1))

/* Physical-frame bits of an entry: 12..51 (the CPU limits them further). */
#define PTE_PFN_MASK	0x000FFFFFFFFFF000ULL
#define _PAGE_NX	(1ULL << 63)

#define pte_val(x)	((x).pte)
#define __pte(x)	((pte_t){ (x) })
#define pgd_val(x)	((x).pgd)
#define __pgd(x)	((pgd_t){ (x) })
#define pmd_val(x)	((x).pmd)
#define __pmd(x)	((pmd_t){ (x) })

#define pmd_index(a)	(((a) >> PMD_SHIFT) & (PTRS_PER_PMD - 1))

/* The pmd entry for @addr inside the page directory @pgd points to. */
static inline pmd_t *pmd_offset(pgd_t *pgd, unsigned long addr)
{
	return (pmd_t *)((unsigned long)(pgd_val(*pgd) & PTE_PFN_MASK) + PAGE_OFFSET)
		+ pmd_index(addr);
}

/*
 * An 8-byte entry is written as two 4-byte stores. The present bit is in
 * the low half: write the high half first when making an entry, the low
 * half first when clearing one, so the CPU never sees a present entry
 * with a half-written frame number.
 */
static inline void set_pte(pte_t *ptep, pte_t pte)
{
	volatile u32 *p = (volatile u32 *)ptep;

	p[1] = (u32)(pte.pte >> 32);
	p[0] = (u32)pte.pte;
}
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	volatile u32 *p = (volatile u32 *)pmdp;

	p[1] = (u32)(pmd.pmd >> 32);
	p[0] = (u32)pmd.pmd;
}
static inline void pte_clear_entry(pte_t *ptep)
{
	volatile u32 *p = (volatile u32 *)ptep;

	p[0] = 0;
	p[1] = 0;
}

#endif
