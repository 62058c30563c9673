// SPDX-License-Identifier: MIT
/*
 * TEMPORARY, for bring-up only: weak stand-ins for functions that the
 * buddy allocator (mm/page_alloc.c, mm/vmstat.c) and the highmem code
 * (mm/highmem.c) define for real. They let the tree link while those
 * files are being written; the strong definitions override them. This
 * file is deleted once they have landed.
 */
#include <mm/mm.h>
#include <mm/vmstat.h>
#include "internal.h"

__weak unsigned long totalram_pages, totalhigh_pages;

__weak void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
	(void)pfn;
	totalram_pages += 1UL << order;
	if (PageHighMem(page))
		totalhigh_pages += 1UL << order;
	page_zone(page)->managed_pages += 1UL << order;
}
__weak void build_all_zonelists(void) {}
__weak void setup_per_zone_wmarks(void) {}
__weak void show_meminfo(void) {}
__weak void show_buddyinfo(void) {}
__weak void *page_address_highmem(const struct page *page) { (void)page; return NULL; }
__weak void dump_page(struct page *page, const char *reason) { (void)page; (void)reason; }
