// SPDX-License-Identifier: MIT
/*
 * The buddy allocator's invariant checker: buddy_check_zone() walks a
 * zone's free lists, per-CPU lists and span and compares them with the
 * counters (the invariants are listed in mm/buddy.c's essay and above the
 * declaration in mm/tests/mm_test.h). Only the self-tests and tests/host's
 * stress driver call it, so it is built with them (KTEST=1), never into
 * the production or bench kernel. O(spanned pages).
 */
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <mm/mm.h>

#include "../buddy.h"
#include "mm_test.h"

#define check(cond, fmt, ...) do {						\
	if (!(cond)) {								\
		pr_err("buddy_check_zone(%s): " fmt "\n",			\
		       zone->name ? zone->name : "?", ##__VA_ARGS__);		\
		bad++;								\
	}									\
} while (0)

/* Checks of one block on free_area[@order]; Return: problems found. */
static int check_free_block(const struct zone *zone, const struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), nr = 1UL << order;
	int bad = 0;

	check(pfn_in_zone(zone, pfn) && pfn_in_zone(zone, pfn + nr - 1),
	      "order %u block at pfn 0x%lx is outside the zone", order, pfn);
	if (bad)
		return bad;		/* do not look at pages beyond the span */
	check(!(pfn & (nr - 1)), "order %u block at pfn 0x%lx is not aligned", order, pfn);
	check(PageBuddy(page) && page->private == order,
	      "pfn 0x%lx on the order %u list has PG_buddy %d, order %lu",
	      pfn, order, PageBuddy(page), page->private);
	check(page_count(page) == 0, "free pfn 0x%lx has refcount %d", pfn, page_count(page));
	check(!PageReserved(page), "free pfn 0x%lx is PG_reserved", pfn);
	check(page_zonenum(page) == page_zonenum(page + nr - 1),
	      "order %u block at pfn 0x%lx straddles a zone boundary", order, pfn);

	/* A larger free block containing this one would overlap it. */
	for (unsigned int k = order + 1; k < MAX_ORDER; k++) {
		unsigned long head = pfn & ~((1UL << k) - 1);
		const struct page *h = pfn_to_page(head);

		check(!(pfn_in_zone(zone, head) && PageBuddy(h) && h->private == k),
		      "order %u block at pfn 0x%lx lies inside the free order %u block at 0x%lx",
		      order, pfn, k, head);
	}
	/* Eager merging leaves no free buddy of the same order behind. */
	if (order < MAX_ORDER - 1) {
		unsigned long b = buddy_pfn(pfn, order);

		check(!page_is_buddy(zone, page, pfn_to_page(b), b, order),
		      "free order %u buddies at pfn 0x%lx and 0x%lx were not merged", order, pfn, b);
	}
	return bad;
}

/* Checks of one block on the per-CPU list of @order; Return: problems found. */
static int check_pcp_block(const struct zone *zone, const struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), nr = 1UL << order;
	int bad = 0;

	check(pfn_in_zone(zone, pfn) && pfn_in_zone(zone, pfn + nr - 1),
	      "pcp order %u block at pfn 0x%lx is outside the zone", order, pfn);
	if (bad)
		return bad;
	check(!(pfn & (nr - 1)), "pcp order %u block at pfn 0x%lx is not aligned", order, pfn);
	check(!PageBuddy(page) && page->private == order,
	      "pfn 0x%lx on the pcp order %u list has PG_buddy %d, order %lu",
	      pfn, order, PageBuddy(page), page->private);
	check(page_count(page) == 0, "pcp pfn 0x%lx has refcount %d", pfn, page_count(page));
	check(!PageReserved(page), "pcp pfn 0x%lx is PG_reserved", pfn);
	check(!buddy_pfn_is_free(zone, pfn),
	      "pcp order %u block at pfn 0x%lx is also inside a buddy free block", order, pfn);
	return bad;
}

int buddy_check_zone(const struct zone *zone)
{
	unsigned long free = 0, heads = 0, listed = 0;
	int bad = 0;

	if (!zone->free_area[0].free_list.next) {
		/* lists never initialised: only right for a zone with nothing free */
		check(zone->free_pages == 0, "free_pages %lu but no free lists", zone->free_pages);
		return bad;
	}
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		const struct free_area *area = &zone->free_area[order];
		const struct list_head *pos;
		unsigned long n = 0;

		list_for_each(pos, &area->free_list) {
			if (++n > zone->spanned_pages) {
				check(false, "order %u list is longer than the zone: a cycle?", order);
				break;
			}
			bad += check_free_block(zone, list_entry(pos, struct page, lru), order);
			if (bad > 20)
				return bad;	/* enough to see what is wrong */
		}
		check(n == area->nr_free, "order %u: %lu blocks listed, nr_free %lu",
		      order, n, area->nr_free);
		free += n << order;
		listed += n;
	}
	for (unsigned int order = 0; order < NR_PCP_LISTS; order++) {
		const struct list_head *head = &this_cpu_ptr(zone->pcp)->lists[order], *pos;
		unsigned long n = 0;

		if (!head->next) {
			check(this_cpu_ptr(zone->pcp)->count[order] == 0, "pcp order %u: count %u but no list",
			      order, this_cpu_ptr(zone->pcp)->count[order]);
			continue;
		}
		list_for_each(pos, head) {
			if (++n > zone->spanned_pages) {
				check(false, "pcp order %u list is longer than the zone: a cycle?", order);
				break;
			}
			bad += check_pcp_block(zone, list_entry(pos, struct page, lru), order);
			if (bad > 20)
				return bad;
		}
		check(n == this_cpu_ptr(zone->pcp)->count[order], "pcp order %u: %lu blocks listed, count %u",
		      order, n, this_cpu_ptr(zone->pcp)->count[order]);
		free += n << order;
	}
	check(free == zone->free_pages, "%lu pages on the buddy and pcp lists, free_pages %lu",
	      free, zone->free_pages);

	/* A PG_buddy page that no list holds would be a leak waiting to merge. */
	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++)
		heads += PageBuddy(pfn_to_page(pfn));
	check(heads == listed, "%lu PG_buddy pages in the span, %lu blocks on the lists",
	      heads, listed);
	return bad;
}

int buddy_check_all_zones(void)
{
	int bad = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		bad += buddy_check_zone(&contig_page_data.node_zones[z]);
	return bad;
}
