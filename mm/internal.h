/* SPDX-License-Identifier: MIT */
/* Interfaces between the files of mm/, not for the rest of the kernel. */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <mm/gfp.h>
#include <mm/mm.h>

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

#endif
