/* SPDX-License-Identifier: MIT */
/*
 * The per-CPU page lists' fast paths, inline in alloc_pages() and
 * __free_pages() (mm/page_alloc.c); the rest of the lists is mm/pcp.c.
 * Only mm/ includes this.
 */
#ifndef _MM_PCP_H
#define _MM_PCP_H

#include <kernel/percpu.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include "buddy.h"

/* mm/pcp.c: the out-of-line halves. */
void pcp_free_drain(struct zone *zone, unsigned int order);
struct page *pcp_refill(struct zone *zone, unsigned int order);
struct page *rmqueue_large(struct zone *zone, unsigned int order);
/* buddy_free() under zone->lock: a block above the per-CPU orders. */
void zone_buddy_free(struct zone *zone, struct page *page, unsigned int order);
/* The list sizes of @zone from its managed pages; setup_per_zone_wmarks() calls it. */
void setup_zone_pcp(struct zone *zone);

/* Unlink the first block of a non-empty per-CPU list (a pop at the head). */
static __always_inline struct page *pcp_pop(struct zone *zone, unsigned int order)
{
	struct list_head *list = &this_cpu_ptr(zone->pcp)->lists[order], *first = list->next;

	list->next = first->next;
	first->next->prev = list;
	this_cpu_ptr(zone->pcp)->count[order]--;
	zone->free_pages -= 1UL << order;
	return list_entry(first, struct page, lru);
}

/* A block of 2^@order pages from @zone: its per-CPU list first. */
static __always_inline struct page *rmqueue(struct zone *zone, unsigned int order)
{
	if (order > PCP_MAX_ORDER)
		return rmqueue_large(zone, order);
	if (unlikely(list_empty(&this_cpu_ptr(zone->pcp)->lists[order])))
		return pcp_refill(zone, order);
	return pcp_pop(zone, order);
}

/* Give back a block whose last reference was dropped: its per-CPU list first. */
static __always_inline void free_one_block(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp;

	OPTIMIZER_HIDE_VAR(zone);
	pcp = this_cpu_ptr(zone->pcp);
	if (order > PCP_MAX_ORDER) {
		zone_buddy_free(zone, page, order);
		return;
	}
	list_add(&page->lru, &pcp->lists[order]);
	zone->free_pages += 1UL << order;
	if (unlikely(++pcp->count[order] > pcp->high[order]))
		pcp_free_drain(zone, order);
}

#endif
