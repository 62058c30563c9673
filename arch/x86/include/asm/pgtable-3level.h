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
 * An 8-byte entry written as two 4-byte stores needs a write order (the
 * rules are above set_pte() below).
 *
 * Where it differs from Linux: the write rules are the same; the PDPT is
 * the pgd in both, but Linux names five levels (pgd, p4d, pud, pmd, pte)
 * and folds p4d and pud into the pgd, where this kernel names only the
 * three the hardware has; and a CPU without cmpxchg8b is refused by
 * paging_init(), where Linux's boot code checks its required CPU
 * features (PAE, CX8) before the kernel proper runs.
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

/*
 * The PDPT entry (the pgd level) for a user address is not present until
 * user space exists: its frame bits are 0, so pmd_offset() of it would
 * point into physical page 0. Walkers check pgd_present() first.
 */
static inline int pgd_none(pgd_t pgd)		{ return pgd_val(pgd) == 0; }
static inline int pgd_present(pgd_t pgd)	{ return pgd_val(pgd) & 1; /* _PAGE_PRESENT */ }

/* The pmd entry for @addr inside the page directory a present @pgd points to. */
static inline pmd_t *pmd_offset(pgd_t *pgd, unsigned long addr)
{
	return (pmd_t *)((unsigned long)(pgd_val(*pgd) & PTE_PFN_MASK) + PAGE_OFFSET)
		+ pmd_index(addr);
}

/*
 * Writing an 8-byte entry. The CPU's page walker reads an entry as one
 * 8-byte load at any moment, but these are 32-bit stores, so between
 * two of them the walker can see half of the old entry and half of the
 * new. The present bit is in the low half, which gives the rules:
 *
 *   set_pte(): not present -> present only (the precondition of every
 *     caller: a fresh page table, a cleared pkmap or kmap_local slot, a
 *     vmalloc PTE checked pte_none). High half first, then the low half
 *     with the present bit: until that last store the entry is not
 *     present, and the walker ignores every other bit of it.
 *   pte_clear(), pmd_clear(): present -> not present. Low half first:
 *     the entry stops being present at once; the high half is cleared
 *     after, when no walk uses it any more. High half first would leave,
 *     for one instruction, a present entry whose frame number has lost
 *     its bits 32..51 (and NX): a different page, executable.
 *   set_pte_atomic(), set_pmd(): any transition, above all present ->
 *     present (a fixmap slot pointed elsewhere; the boot page tables
 *     replaced by the direct map). No order of two stores is safe there,
 *     so the 8 bytes are written by one locked cmpxchg8b, in a loop
 *     until it succeeds (the walker may set accessed/dirty meanwhile).
 *
 * cmpxchg8b is a Pentium instruction: a 486 has no CPUID bit 8 (CX8).
 * A PAE kernel cannot run on a 486 anyway (head.asm refuses a CPU
 * without PAE), and paging_init() refuses a PAE CPU without CX8 before
 * the first set_pmd().
 */
static inline void pae_set_64bit(volatile u64 *p, u64 val)
{
	u64 old = *p;		/* a torn read only costs one more round */

	__asm__ __volatile__("1:\tlock cmpxchg8b %0\n\t"
			     "jnz 1b"
			     : "+m"(*p), "+A"(old)
			     : "b"((u32)val), "c"((u32)(val >> 32))
			     : "memory", "cc");
}

static inline void set_pte(pte_t *ptep, pte_t pte)
{
	volatile u32 *p = (volatile u32 *)ptep;

	p[1] = (u32)(pte.pte >> 32);
	p[0] = (u32)pte.pte;		/* the present bit: last */
}
static inline void set_pte_atomic(pte_t *ptep, pte_t pte)
{
	pae_set_64bit((volatile u64 *)ptep, pte.pte);
}
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	pae_set_64bit((volatile u64 *)pmdp, pmd.pmd);
}
static inline void pte_clear_entry(pte_t *ptep)
{
	volatile u32 *p = (volatile u32 *)ptep;

	p[0] = 0;			/* not present from here on */
	p[1] = 0;
}
static inline void pmd_clear(pmd_t *pmdp)
{
	volatile u32 *p = (volatile u32 *)pmdp;

	p[0] = 0;			/* not present from here on */
	p[1] = 0;
}

#endif
