/* SPDX-License-Identifier: MIT */
/*
 * The buddy allocator's core (mm/buddy.c), shared by page_alloc.c and the
 * tests. It knows free lists, PG_buddy, page->private and zone->free_pages;
 * it knows nothing of GFP flags, watermarks, reference counts or misuse
 * reports, which are page_alloc.c's. It does no hardware access, so
 * tests/host/ can compile it for the host.
 */
#ifndef _MM_BUDDY_H
#define _MM_BUDDY_H

#include <mm/mm.h>

/*
 * A block of order k is 2^k pages whose first pfn is a multiple of 2^k.
 * Its buddy is the other half of the block of order k + 1 that contains
 * it; the two differ only in bit k of the pfn, so flipping that bit finds
 * one from the other:
 *
 *   order 1, pfn  8:  8 ^ 2 = 10     order 1, pfn 10: 10 ^ 2 =  8
 *   order 3, pfn 16: 16 ^ 8 = 24     order 3, pfn 24: 24 ^ 8 = 16
 *
 * Merging two buddies gives the order k + 1 block that starts at the
 * lower of the two, which is either pfn with bit k cleared:
 *
 *   order 1: parent of 8 and of 10 = 10 & ~2 = 8
 */
static inline unsigned long buddy_pfn(unsigned long pfn, unsigned int order)
{
	return pfn ^ (1UL << order);
}

static inline unsigned long buddy_parent_pfn(unsigned long pfn, unsigned int order)
{
	return pfn & ~(1UL << order);
}

/* Empty free lists for @zone (a real zone, or a test's private one). */
void buddy_init_free_areas(struct zone *zone);

/*
 * buddy_alloc - take a block of 2^@order pages from @zone's free lists,
 * splitting the smallest larger block if there is none of that order.
 * Return: the first page, PG_buddy clear and private = @order (its
 * refcount untouched: 0), or NULL when no block is large enough.
 * Context: caller serialises access to @zone. No watermark checks.
 */
struct page *buddy_alloc(struct zone *zone, unsigned int order);

/*
 * buddy_free - give @page..@page + 2^@order - 1 back to @zone, merging it
 * with its buddy for as long as the buddy is free, of the same order and
 * in the same zone. The caller has checked that the block is a valid,
 * allocated block (page_alloc.c does; the tests build such blocks).
 */
void buddy_free(struct zone *zone, struct page *page, unsigned int order);

/*
 * buddy_take_blocks - move up to @count free blocks of @order from @zone's
 * free lists to the tail of @list (a per-CPU list), each with private =
 * @order, PG_buddy clear, refcount 0. Larger blocks are cut into pieces in
 * address order, so a refill of 32 order-0 pages is usually one order-5
 * block: one list removal and 32 list insertions, no split per page. The
 * pages stay counted in free_pages. Return: the blocks moved (fewer than
 * @count when the zone runs out).
 * Context: caller serialises access to @zone.
 */
unsigned int buddy_take_blocks(struct zone *zone, unsigned int order, unsigned int count,
			       struct list_head *list);

/*
 * buddy_give_blocks - the reverse: up to @count blocks of @order from the
 * tail of @list (the least recently freed) back onto @zone's free lists,
 * merging with free buddies. Blocks that arrive in address order (or in
 * reverse) are gathered into runs and each run is freed as the largest
 * aligned blocks that fit: 32 consecutive pages starting at a multiple
 * of 32 are one order-5 free, not 32 frees and 31 merges. The result is
 * the same either way. free_pages does not change.
 */
void buddy_give_blocks(struct zone *zone, unsigned int order, unsigned int count,
		       struct list_head *list);

/* Is @pfn inside @zone's span? */
static inline bool pfn_in_zone(const struct zone *zone, unsigned long pfn)
{
	/* one unsigned compare: pfn below the start wraps to a huge value */
	return pfn - zone->zone_start_pfn < zone->spanned_pages;
}

/*
 * Is @buddy (at @pfn) the head of a free block of @order that may merge
 * with @page? Same zone span, same zone number, PG_buddy, same order.
 */
static inline bool page_is_buddy(const struct zone *zone, const struct page *page,
				 const struct page *buddy, unsigned long pfn, unsigned int order)
{
	return pfn_in_zone(zone, pfn) && PageBuddy(buddy) && buddy->private == order &&
	       page_zonenum(buddy) == page_zonenum(page);
}

/* Is @pfn inside a free block of @zone (head or not)? O(MAX_ORDER). */
bool buddy_pfn_is_free(const struct zone *zone, unsigned long pfn);


#endif
