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

/* Is @pfn inside a free block of @zone (head or not)? O(MAX_ORDER). */
bool buddy_pfn_is_free(const struct zone *zone, unsigned long pfn);

/*
 * buddy_check_zone - check @zone's free lists against its counters.
 * Every block on free_area[k] is PG_buddy with private k, aligned, inside
 * the zone, refcount 0 and not inside another free block; no two free
 * buddies of one order are left unmerged; nr_free equals the list length;
 * every block on a per-CPU list of order k is aligned, inside the zone,
 * private k, not PG_buddy, refcount 0 and not inside a buddy free block,
 * and pcp.count[k] equals that list's length; free_pages equals the sum
 * of nr_free << k plus the pcp pages; and no page in the span has
 * PG_buddy without being on a list. Prints each problem found.
 * Return: the number of problems (0: consistent). O(spanned pages).
 */
int buddy_check_zone(const struct zone *zone);

/*
 * For the self-tests (mm/tests/buddy_test.c defines them, mm/tests/page_alloc_test.c
 * uses them too): a copy of every real zone's counters, and a comparison
 * that reports each difference as a failed expectation.
 */
struct ktest;
struct buddy_snapshot {
	unsigned long free_pages[MAX_NR_ZONES];
	unsigned long managed_pages[MAX_NR_ZONES];
	unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
	unsigned long totalram_pages, totalhigh_pages;
};
void buddy_snapshot_take(struct buddy_snapshot *s);
void __buddy_snapshot_expect_equal(struct ktest *t, const struct buddy_snapshot *want,
				   const struct buddy_snapshot *got, const char *file, int line);
#define buddy_snapshot_expect_equal(t, want, got) \
	__buddy_snapshot_expect_equal(t, want, got, __FILE__, __LINE__)
/* buddy_check_zone() over the real zones; Return: problems found. */
int buddy_check_all_zones(void);

#endif
