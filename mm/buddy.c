// SPDX-License-Identifier: MIT
/*
 * How this works: the buddy allocator's split and merge.
 *
 * Data structures. Each zone has MAX_ORDER (11) free lists, one per order
 * k = 0..10; free_area[k].free_list links the first struct page of every
 * free block of 2^k pages through page->lru, and nr_free counts the
 * blocks. A block of order k always starts at a pfn that is a multiple of
 * 2^k. Its first page (the head) carries PG_buddy and private = k; the
 * other pages of a free block have neither, and every free page has
 * refcount 0. zone->free_pages is the sum of nr_free << k plus the pages
 * parked on the zone's per-CPU lists (mm/pcp.c), kept exact.
 *
 * Alloc path (buddy_alloc). Look for the smallest k >= order with a
 * non-empty list, unlink its first block and, while k > order, halve it:
 * the upper half goes on list k - 1 and the lower half is kept. Taking
 * order 0 from an order 3 block at pfn 8 leaves 12 (order 2), 10 (order
 * 1) and 9 (order 0) free and returns 8. That is at most MAX_ORDER list
 * checks and MAX_ORDER - 1 list insertions: no scan of memory.
 *
 * Free path (buddy_free). While the block's buddy (pfn ^ 2^k, see
 * buddy.h) is the head of a free block of the same order in the same
 * zone, unlink the buddy and continue with the merged block of order
 * k + 1 at pfn & ~2^k; then put the result on its list. The buddy must
 * lie inside the zone's span and carry the zone number of the block being
 * freed, so a block never merges across a zone boundary; and its private
 * must equal k, or a free block of another order that happens to start
 * there would be swallowed half-way.
 *
 * Bulk moves (buddy_take_blocks, buddy_give_blocks) feed and empty the
 * per-CPU lists of page_alloc.c. A refill of 32 order-0 pages takes one
 * order-5 block and cuts it into 32 pieces in address order: one list
 * removal, no split per page. A drain gathers the blocks it is given into
 * runs of consecutive pfns and frees each run as the largest aligned
 * blocks that fit, so 32 consecutive pages are one order-5 free and not
 * 31 separate merges; blocks that are not consecutive are freed one by
 * one. Pages on a per-CPU list stay counted in free_pages: for this file
 * they are simply not on a free list.
 *
 * Invariants, checked by buddy_check_zone() (mm/tests/buddy_check.c): the lists, nr_free, the
 * per-CPU counts and free_pages agree; free blocks do not overlap, and
 * no per-CPU block lies in a buddy free block; no two free buddies of
 * one order are left unmerged (the free path merges eagerly).
 *
 * Where it differs from the textbook (and Linux): no migrate types, no
 * compaction; allocated blocks keep their order in the head's private
 * (page_alloc.c uses it to catch a free with the wrong order); Linux's
 * drain frees page by page, this one by runs. Reference counts,
 * watermarks and misuse checks live in page_alloc.c; this file does no
 * I/O and is also built for the host.
 */
#include <kernel/bug.h>
#include <kernel/atomic.h>
#include <kernel/printk.h>
#include <mm/mm.h>
#include "buddy.h"

static inline void add_to_free_list(struct zone *zone, struct page *page, unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	set_page_flag(page, PG_buddy);
	page->private = order;
	/* at the head: the most recently freed block is the next one used */
	list_add(&page->lru, &area->free_list);
	area->nr_free++;
}

static inline void del_from_free_list(struct zone *zone, struct page *page, unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	list_del(&page->lru);
	clear_page_flag(page, PG_buddy);
	page->private = 0;
	area->nr_free--;
}

void buddy_init_free_areas(struct zone *zone)
{
	spin_lock_init(&zone->lock);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		INIT_LIST_HEAD(&zone->free_area[order].free_list);
		zone->free_area[order].nr_free = 0;
	}
	if (!zone->pcp)
		zone->pcp = alloc_percpu(struct per_cpu_pages);	/* every CPU's lists */
	BUG_ON(!zone->pcp);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {	/* every CPU's lists, used or not */
		for (unsigned int order = 0; order < NR_PCP_LISTS; order++) {
			INIT_LIST_HEAD(&per_cpu_ptr(zone->pcp, cpu)->lists[order]);
			per_cpu_ptr(zone->pcp, cpu)->count[order] = 0;
		}
	}
	zone->free_pages = 0;
}

struct page *buddy_alloc(struct zone *zone, unsigned int order)
{
	for (unsigned int k = order; k < MAX_ORDER; k++) {
		struct free_area *area = &zone->free_area[k];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		del_from_free_list(zone, page, k);
		/* keep the lower half, free the upper: 8 (o3) -> 12 (o2), 10 (o1), 9 (o0) */
		while (k > order) {
			k--;
			add_to_free_list(zone, page + (1UL << k), k);
		}
		page->private = order;
		counter_sub_atomic(&zone->free_pages, 1UL << order);	/* pcp paths: no zone->lock */
		return page;
	}
	return NULL;
}

/*
 * Merge @page (order @order) with its free buddies and list the result.
 * The buddy test of page_is_buddy() is folded into one masked compare:
 * the buddy's flags must say PG_buddy and the same zone number as @page.
 * @page gives up its private first: if a lower buddy absorbs it, it is no
 * longer a head; if not, add_to_free_list() sets it again.
 */
static inline void merge_and_add(struct zone *zone, struct page *page, unsigned int order)
{
	struct page *const base = mem_map;
	const unsigned long mask = (~0UL << ZONES_SHIFT) | (1UL << PG_buddy);
	const unsigned long want = (page->flags & (~0UL << ZONES_SHIFT)) | (1UL << PG_buddy);
	unsigned long pfn = page - base;

	page->private = 0;
	while (order < MAX_ORDER - 1) {
		unsigned long bpfn = buddy_pfn(pfn, order);
		struct page *buddy = base + bpfn;

		if (!pfn_in_zone(zone, bpfn) || (buddy->flags & mask) != want ||
		    buddy->private != order)
			break;
		del_from_free_list(zone, buddy, order);
		pfn = buddy_parent_pfn(pfn, order);	/* the lower half heads the merged block */
		order++;
	}
	add_to_free_list(zone, base + pfn, order);
}

void buddy_free(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	VM_BUG_ON_PAGE(order >= MAX_ORDER, page);
	VM_BUG_ON_PAGE(pfn & ((1UL << order) - 1), page);
	VM_BUG_ON_PAGE(!pfn_in_zone(zone, pfn) || !pfn_in_zone(zone, pfn + (1UL << order) - 1), page);

	counter_add_atomic(&zone->free_pages, 1UL << order);
	merge_and_add(zone, page, order);
}

/* --- bulk moves to and from a per-CPU list --------------------------------- */

unsigned int buddy_take_blocks(struct zone *zone, unsigned int order, unsigned int count,
			       struct list_head *list)
{
	unsigned int taken = 0;

	while (taken < count) {
		unsigned int k = order;
		struct page *page, *end;

		while (k < MAX_ORDER && list_empty(&zone->free_area[k].free_list))
			k++;
		if (k == MAX_ORDER)
			break;
		page = list_first_entry(&zone->free_area[k].free_list, struct page, lru);
		del_from_free_list(zone, page, k);
		/*
		 * Give back upper halves until the block holds no more pieces
		 * than are still wanted: 32 order-0 pages from an order-10
		 * block leave halves of order 9, 8, 7, 6 and 5 free.
		 */
		while (k > order && (1U << (k - order)) > count - taken) {
			k--;
			add_to_free_list(zone, page + (1UL << k), k);
		}
		/* cut the rest into pieces, lowest address first */
		end = page + (1UL << k);
		for (; page < end; page += 1UL << order) {
			page->private = order;
			list_add_tail(&page->lru, list);
			taken++;
		}
	}
	return taken;
}

/*
 * Give the free pages [pfn, end) of @zone back in the largest aligned
 * blocks that fit, as the boot hand-off does: [8, 40) is order 3 at 8,
 * order 4 at 16, order 3 at 32. Correct because every buddy of a page
 * below a block's order lies inside the block; the block's own buddies
 * are checked by merge_and_add(). Each page is private 0, PG_buddy clear.
 */
static void free_run(struct zone *zone, unsigned long pfn, unsigned long end)
{
	while (pfn < end) {
		/* as large as pfn's alignment and the rest of the run allow */
		unsigned int order = pfn ? __builtin_ctzl(pfn) : MAX_ORDER - 1;
		unsigned int fit = 31 - __builtin_clzl(end - pfn);

		order = min(order, min(fit, (unsigned int)MAX_ORDER - 1));
		merge_and_add(zone, mem_map + pfn, order);
		pfn += 1UL << order;
	}
}

void buddy_give_blocks(struct zone *zone, unsigned int order, unsigned int count,
		       struct list_head *list)
{
	const unsigned long nr = 1UL << order;
	unsigned long lo = 0, hi = 0;	/* the run being gathered: [lo, hi) */
	struct list_head *e = list->prev;

	/*
	 * Walk from the tail without unlinking: the blocks taken are one
	 * piece of the list's end, cut off in one step below, and each
	 * block's lru is rewritten when it goes on a free list.
	 */
	while (count-- && e != list) {
		struct page *page = list_entry(e, struct page, lru);
		unsigned long pfn = page - mem_map;

		e = e->prev;
		page->private = 0;
		if (pfn == hi) {
			hi += nr;		/* freed in address order */
		} else if (pfn + nr == lo) {
			lo = pfn;		/* in reverse address order */
		} else {
			free_run(zone, lo, hi);
			lo = pfn;
			hi = pfn + nr;
		}
	}
	e->next = list;			/* e: the last block kept, or the head */
	list->prev = e;
	free_run(zone, lo, hi);
}

bool buddy_pfn_is_free(const struct zone *zone, unsigned long pfn)
{
	for (unsigned int k = 0; k < MAX_ORDER; k++) {
		unsigned long head = pfn & ~((1UL << k) - 1);
		const struct page *p = pfn_to_page(head);

		if (pfn_in_zone(zone, head) && PageBuddy(p) && p->private == k)
			return true;
	}
	return false;
}
