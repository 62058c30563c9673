/* SPDX-License-Identifier: MIT */
/*
 * The areas of the kernel's address space above the direct map, each
 * defined from the one above it, and every compile-time check of the
 * layout.
 *
 * asm/memlayout.h draws the picture and holds the fixed numbers
 * (PAGE_OFFSET, MAXMEM, VMALLOC_OFFSET, FIXADDR_TOP). The areas below
 * FIXADDR_TOP cannot be defined there: their sizes come from the fixmap's
 * enum (asm/fixmap.h) and the page-table geometry (PTRS_PER_PTE, PMD_MASK:
 * asm/pgtable-2level.h, -3level.h), so they are here, top down:
 *
 *   FIXADDR_START = FIXADDR_TOP - one page per enum fixed_addresses slot
 *   PKMAP_BASE    = the PMD boundary at or below FIXADDR_START - LAST_PKMAP - 1 pages
 *   VMALLOC_END   = PKMAP_BASE - 2 guard pages
 *   VMALLOC_START = high_memory + VMALLOC_OFFSET (the 8 MiB hole)
 *
 * Only VMALLOC_START depends on the RAM found at boot (through
 * high_memory); mm/layout.c prints the layout and checks that part with
 * BUG_ON. asm/pgtable.h includes this file, as Linux's pgtable_32.h
 * includes its pgtable_32_areas.h.
 *
 * Where it differs from Linux: 6.1 also places the cpu_entry_area and an
 * LDT-remap PMD between the fixmap and pkmap, and derives MAXMEM from
 * VMALLOC_END; here MAXMEM is the fixed 2.6 rule (asm/memlayout.h).
 */
#ifndef _ASM_X86_PGTABLE_32_AREAS_H
#define _ASM_X86_PGTABLE_32_AREAS_H

#include <asm/fixmap.h>
#include <asm/memlayout.h>
#include <asm/pgtable_types.h>

/* The fixmap: one page per slot of enum fixed_addresses, below FIXADDR_TOP. */
#define FIXADDR_SIZE	((unsigned long)__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START	(FIXADDR_TOP - FIXADDR_SIZE)

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

/* The first address past the direct map (mm/memory.c; set by setup_memory()). */
extern void *high_memory;

/* --- compile-time checks: what does not depend on the RAM found --------- */
_Static_assert(FIXADDR_START > PKMAP_BASE + LAST_PKMAP * PAGE_SIZE,
	       "the fixmap overlaps the pkmap area");
_Static_assert(PKMAP_ADDR(LAST_PKMAP) <= FIXADDR_START,
	       "the pkmap area runs into the fixmap");
_Static_assert(FIXADDR_START >= (FIXADDR_TOP & PMD_MASK),
	       "the fixmap must fit in one page table");
_Static_assert((PKMAP_BASE & ~PMD_MASK) == 0,
	       "the pkmap area must start on a page-table boundary");
_Static_assert(VMALLOC_END <= PKMAP_BASE,
	       "the vmalloc area runs into the pkmap area");
_Static_assert(VMALLOC_END > PAGE_OFFSET + MAXMEM + VMALLOC_OFFSET,
	       "the vmalloc area is empty with the default lowmem size");
_Static_assert(PAGE_OFFSET + MAXMEM <= PKMAP_BASE,
	       "lowmem runs into the pkmap area");

#endif
