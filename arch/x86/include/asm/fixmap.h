/* SPDX-License-Identifier: MIT */
/*
 * The fixmap: virtual addresses fixed at compile time whose physical page
 * is chosen at run time.
 *
 * Each slot is one page just below FIXADDR_TOP, counted downwards:
 *
 *   fix_to_virt(i) = FIXADDR_TOP - i * PAGE_SIZE
 *
 * so its address is a compile-time constant that code can use without any
 * lookup, while set_fixmap(i, phys) points the slot's PTE at any frame,
 * highmem included. The slot's page table is allocated at boot and never
 * freed, so mapping a slot can neither fail nor sleep: this is what makes
 * kmap_local_page() and kmap_atomic() usable anywhere.
 *
 * FIX_KMAP_BEGIN..FIX_KMAP_END are the kmap_local stack: KM_MAX_IDX
 * slots per CPU, doubled so that the debug build can leave every other
 * slot unmapped as a guard page.
 */
#ifndef _ASM_X86_FIXMAP_H
#define _ASM_X86_FIXMAP_H

#include <asm/memlayout.h>
#include <asm/pgtable_types.h>
#include <kernel/config.h>	/* NR_CPUS */
#include <kernel/types.h>

#define KM_MAX_IDX	16

enum fixed_addresses {
	FIX_HOLE,		/* FIXADDR_TOP itself stays unmapped */
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + 2 * KM_MAX_IDX * NR_CPUS - 1,
	FIX_TOUR,		/* used by the narrated tour and its tests */
	__end_of_fixed_addresses
};

#define FIXADDR_SIZE	((unsigned long)__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START	(FIXADDR_TOP - FIXADDR_SIZE)

#define __fix_to_virt(x)	(FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(x)	((FIXADDR_TOP - ((x) & PAGE_MASK)) >> PAGE_SHIFT)

static inline unsigned long fix_to_virt(enum fixed_addresses idx)
{
	return __fix_to_virt(idx);
}

static inline enum fixed_addresses virt_to_fix(unsigned long vaddr)
{
	return (enum fixed_addresses)__virt_to_fix(vaddr);
}

/*
 * The pkmap pool (kmap) sits below the fixmap, in one page table:
 * LAST_PKMAP entries starting at the PMD boundary PKMAP_BASE. A PAE page
 * table has 512 (8-byte) entries, so the pool is half as big there.
 */
#define LAST_PKMAP	PTRS_PER_PTE
#define LAST_PKMAP_MASK	(LAST_PKMAP - 1)
#define PKMAP_BASE	((FIXADDR_START - PAGE_SIZE * (LAST_PKMAP + 1)) & PMD_MASK)
#define PKMAP_ADDR(nr)	(PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))
#define PKMAP_NR(virt)	(((virt) - PKMAP_BASE) >> PAGE_SHIFT)

/* vmalloc ends two guard pages below the pkmap area... */
#define VMALLOC_END	(PKMAP_BASE - 2 * PAGE_SIZE)
/*
 * ...and starts VMALLOC_OFFSET above the end of the direct map. Not
 * rounded: rounding down to 8 MiB would shrink the hole to 128 KiB when
 * lowmem ends at 127.9 MiB (-m 128M); high_memory is page aligned already.
 */
#define VMALLOC_START	(((unsigned long)high_memory) + VMALLOC_OFFSET)


extern void *high_memory;	/* the first address past the direct map */

/* Point fixmap slot @idx at physical @phys with @flags (asm/pgtable.h). */
void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pteval_t flags);
#define set_fixmap(idx, phys)	__set_fixmap(idx, phys, pgprot_val(PAGE_KERNEL))
#define clear_fixmap(idx)	__set_fixmap(idx, 0, 0)

_Static_assert(FIXADDR_START > PKMAP_BASE + LAST_PKMAP * PAGE_SIZE,
	       "the fixmap overlaps the pkmap area");
_Static_assert(FIXADDR_START >= (FIXADDR_TOP & PMD_MASK),
	       "the fixmap must fit in one page table");
_Static_assert(VMALLOC_END > PAGE_OFFSET + MAXMEM + VMALLOC_OFFSET,
	       "the vmalloc area is empty with the default lowmem size");
_Static_assert(PAGE_OFFSET + MAXMEM <= PKMAP_BASE,
	       "lowmem runs into the pkmap area");

#endif
