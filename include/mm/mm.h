/* SPDX-License-Identifier: MIT */
/*
 * Frames, pages and addresses.
 *
 *   pfn  = physical address >> PAGE_SHIFT         (page frame number)
 *   page = &mem_map[pfn]                           (struct page *)
 *   lowmem virtual address = __va(pfn << PAGE_SHIFT)
 *
 *   pfn_to_page / page_to_pfn          frame number <-> struct page
 *   virt_to_page(addr)                 lowmem address -> struct page
 *   page_address(page)                 struct page -> kernel address, or
 *                                      NULL for a highmem page that is
 *                                      not kmap()ed
 */
#ifndef _MM_MM_H
#define _MM_MM_H

#include <asm/pgtable_32_areas.h>
#include <asm/page.h>
#include <kernel/bug.h>
#include <mm/gfp.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>

extern struct page *mem_map;		/* one entry per frame, [0, max_pfn) */
extern unsigned long max_pfn;		/* frames below this have a struct page */
extern unsigned long max_low_pfn;	/* frames below this are lowmem */
/* (defined in mm/memory.c with the rest of the generic mm state) */
extern unsigned long totalram_pages;	/* frames managed by the buddy allocator */
extern unsigned long totalhigh_pages;	/* of which highmem */

/* @addr rounded up to a page boundary. */
#ifndef PAGE_ALIGN
#define PAGE_ALIGN(addr)	ALIGN((unsigned long)(addr), PAGE_SIZE)
#endif

static inline unsigned long page_to_pfn(const struct page *page)
{
	return page - mem_map;
}
static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}
static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))
#define virt_to_pfn(addr)	PHYS_PFN(__pa(addr))
#define virt_to_page(addr)	pfn_to_page(virt_to_pfn(addr))
/* Is @addr an address in the direct map (and so virt_to_page-able)? */
#define virt_addr_valid(addr)	((unsigned long)(addr) >= PAGE_OFFSET && \
				 (unsigned long)(addr) < (unsigned long)high_memory)

/* --- flags ------------------------------------------------------------- */
static inline bool test_page_flag(const struct page *p, enum pageflags f)
{
	return p->flags & (1UL << f);
}
static inline void set_page_flag(struct page *p, enum pageflags f)
{
	p->flags |= 1UL << f;
}
static inline void clear_page_flag(struct page *p, enum pageflags f)
{
	p->flags &= ~(1UL << f);
}
#define PageReserved(p)		test_page_flag(p, PG_reserved)
#define SetPageReserved(p)	set_page_flag(p, PG_reserved)
#define ClearPageReserved(p)	clear_page_flag(p, PG_reserved)
#define PageBuddy(p)		test_page_flag(p, PG_buddy)
#define PageSlab(p)		test_page_flag(p, PG_slab)
#define PageHead(p)		test_page_flag(p, PG_head)
#define PageTail(p)		test_page_flag(p, PG_tail)

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)(page->flags >> ZONES_SHIFT);
}
static inline struct zone *page_zone(const struct page *page)
{
	return &contig_page_data.node_zones[page_zonenum(page)];
}
static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags = (page->flags & ~(~0UL << ZONES_SHIFT)) | ((unsigned long)zone << ZONES_SHIFT);
}
/* HighMem is the last zone, so one unsigned compare of flags tells. */
_Static_assert(ZONE_HIGHMEM == MAX_NR_ZONES - 1, "PageHighMem() compares against the last zone");
static inline bool PageHighMem(const struct page *page)
{
	return page->flags >= ((unsigned long)ZONE_HIGHMEM << ZONES_SHIFT);
}

/* --- reference counts --------------------------------------------------- */
static inline int page_count(const struct page *page)	{ return page->_refcount; }
static inline void set_page_count(struct page *page, int v) { page->_refcount = v; }
static inline void get_page(struct page *page)
{
	VM_BUG_ON_PAGE(page->_refcount <= 0, page);
	__atomic_add_fetch(&page->_refcount, 1, __ATOMIC_SEQ_CST);	/* others may drop theirs meanwhile */
}
/*
 * put_page - drop a reference; the last one frees the page.
 * For an order-0 page, or any page of a compound (__GFP_COMP) block, whose
 * head records the order. A plain multi-page block does not record its
 * order anywhere put_page could trust: free it with __free_pages(page,
 * order); put_page on it is reported as "freed with the wrong order".
 */
void put_page(struct page *page);

/* --- addresses ---------------------------------------------------------- */
/*
 * __va(PFN_PHYS(page_to_pfn(page))), with the division by sizeof(struct
 * page) and the multiplication by PAGE_SIZE folded into one shift of the
 * byte offset into mem_map (32-byte struct pages: offset * 128).
 */
_Static_assert(PAGE_SIZE % sizeof(struct page) == 0, "struct page must divide a page");
static inline void *lowmem_page_address(const struct page *page)
{
	return (void *)(PAGE_OFFSET + ((unsigned long)page - (unsigned long)mem_map) *
					(PAGE_SIZE / sizeof(struct page)));
}
/* The pkmap address of a kmap()ed highmem page, or NULL (mm/highmem.c). */
void *page_address_highmem(const struct page *page);

static inline void *page_address(const struct page *page)
{
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	return page_address_highmem(page);
}

/* Print a struct page: pfn, zone, flags, refcount, order. */
void dump_page(struct page *page, const char *reason);

#endif
