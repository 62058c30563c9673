// SPDX-License-Identifier: MIT
/*
 * mm/buddy.c: split and merge, on tiny hand-built zones (lib/machine.c).
 * Pictures list the free blocks: [order k: pfn p, ...].
 *
 * What a booted machine shows is the KTAP suite's job: mm/tests/buddy_test.c
 * runs here too, unmodified (host test "ktest.buddy", lib/ktest_host.c),
 * and in QEMU; the buddy-pfn arithmetic lives there only. These cases stay
 * host-only because they need zone edges no QEMU machine has.
 */
#include <mm/mm.h>

#include "buddy.h"
#include "tests/mm_test.h"
#include "ht.h"
#include "machine.h"

static struct zone *zone(int z)
{
	return &NODE_DATA(0)->node_zones[z];
}

/* Free blocks of @order in @z, and whether pfn @pfn heads one. */
static unsigned long nr_free(int z, unsigned int order)
{
	return zone(z)->free_area[order].nr_free;
}

static bool is_free_head(unsigned long pfn, unsigned int order)
{
	const struct page *p = pfn_to_page(pfn);

	return PageBuddy(p) && p->private == order;
}

#define EXPECT_CONSISTENT() do {					\
	for (int __z = 0; __z < MAX_NR_ZONES; __z++)			\
		EXPECT_EQ(buddy_check_zone(zone(__z)), 0);		\
} while (0)

HT_TEST(buddy_free_merges_pages_into_one_block)
{
	/*
	 * before: Normal [0x400-0x800) reserved; freed page by page
	 * after:  [order 10: pfn 0x400]
	 */
	machine_tiny(0x400, 0x800, 0x800);
	machine_free_range(0x400, 0x800);
	EXPECT_EQ(nr_free(ZONE_NORMAL, 10), 1);
	EXPECT(is_free_head(0x400, 10));
	for (unsigned int k = 0; k < 10; k++)
		EXPECT_EQ(nr_free(ZONE_NORMAL, k), 0);
	EXPECT_EQ(zone(ZONE_NORMAL)->free_pages, 1024);
	EXPECT_CONSISTENT();
}

HT_TEST(buddy_alloc_splits_smallest_larger_block)
{
	/*
	 * before: [order 3: pfn 8]                       (zone [8, 16))
	 * alloc order 0 -> pfn 8
	 * after:  [order 2: 12] [order 1: 10] [order 0: 9]
	 */
	struct page *p;

	machine_tiny(8, 16, 16);
	machine_free_range(8, 16);
	ASSERT(is_free_head(8, 3));
	p = buddy_alloc(zone(ZONE_NORMAL), 0);
	ASSERT(p != NULL);
	EXPECT_EQ(page_to_pfn(p), 8);
	EXPECT_EQ(p->private, 0);
	EXPECT(!PageBuddy(p));
	EXPECT(is_free_head(12, 2));
	EXPECT(is_free_head(10, 1));
	EXPECT(is_free_head(9, 0));
	EXPECT_EQ(zone(ZONE_NORMAL)->free_pages, 7);
	EXPECT_CONSISTENT();
	/* free it again: 8 merges with 9, then 10, then 12 -> [order 3: 8] */
	buddy_free(zone(ZONE_NORMAL), p, 0);
	EXPECT(is_free_head(8, 3));
	EXPECT_EQ(zone(ZONE_NORMAL)->free_pages, 8);
	EXPECT_CONSISTENT();
}

HT_TEST(buddy_alloc_free_every_order)
{
	/*
	 * For each order k: from [order 10: 0x10], take all 2^(10-k) blocks
	 * of order k (each aligned, none twice), then free them in an
	 * interleaved order; the zone must end as [order 10: 0x400] again.
	 */
	for (unsigned int k = 0; k < MAX_ORDER; k++) {
		static struct page *got[1024];
		unsigned long n = 1UL << (10 - k);

		machine_tiny(0x400, 0x800, 0x800);
		machine_free_range(0x400, 0x800);
		for (unsigned long i = 0; i < n; i++) {
			got[i] = buddy_alloc(zone(ZONE_NORMAL), k);
			ASSERT(got[i] != NULL);
			EXPECT_EQ(page_to_pfn(got[i]) & ((1UL << k) - 1), 0);
		}
		EXPECT(buddy_alloc(zone(ZONE_NORMAL), k) == NULL);
		EXPECT_EQ(zone(ZONE_NORMAL)->free_pages, 0);
		/* odd indices first, then even: merges happen late */
		for (unsigned long i = 1; i < n; i += 2)
			buddy_free(zone(ZONE_NORMAL), got[i], k);
		EXPECT_CONSISTENT();
		for (unsigned long i = 0; i < n; i += 2)
			buddy_free(zone(ZONE_NORMAL), got[i], k);
		EXPECT_EQ(nr_free(ZONE_NORMAL, 10), 1);
		EXPECT_EQ(zone(ZONE_NORMAL)->free_pages, 1024);
		EXPECT_CONSISTENT();
	}
}

HT_TEST(buddy_free_no_merge_across_zone_edge)
{
	/*
	 * DMA [0, 12), Normal [12, 16): the buddy of DMA's [order 2: 8] is
	 * pfn 12, which is free but in Normal.
	 * after: DMA [order 2: 8] (+ [order 3: 0] less pfn 0..7 reserved), Normal [order 2: 12]
	 */
	machine_tiny(12, 16, 16);
	machine_free_range(8, 12);
	machine_free_range(12, 16);
	EXPECT(is_free_head(8, 2));
	EXPECT(is_free_head(12, 2));
	EXPECT_EQ(nr_free(ZONE_DMA, 3), 0);
	EXPECT_EQ(nr_free(ZONE_NORMAL, 3), 0);
	EXPECT_CONSISTENT();
}

HT_TEST(buddy_free_no_merge_past_zone_end)
{
	/* Normal [16, 24): [order 3: 16]; its buddy 24 would be past the end */
	machine_tiny(16, 24, 32);
	machine_free_range(16, 24);
	machine_free_range(24, 32);	/* HighMem [24, 32) free too */
	EXPECT(is_free_head(16, 3));
	EXPECT(is_free_head(24, 3));
	EXPECT_EQ(nr_free(ZONE_NORMAL, 4), 0);
	EXPECT_CONSISTENT();
}

HT_TEST(buddy_free_no_merge_with_reserved_buddy)
{
	/* Normal [0x10, 0x20) with pfn 0x13 reserved: [0:0x12] [2:0x14] [3:0x18] [1:0x10] */
	machine_tiny(0x10, 0x20, 0x20);
	machine_free_range(0x10, 0x13);
	machine_free_range(0x14, 0x20);
	EXPECT(is_free_head(0x10, 1));
	EXPECT(is_free_head(0x12, 0));
	EXPECT(is_free_head(0x14, 2));
	EXPECT(is_free_head(0x18, 3));
	EXPECT_EQ(zone(ZONE_NORMAL)->free_pages, 15);
	EXPECT_CONSISTENT();
}

HT_TEST(buddy_free_no_merge_with_free_block_of_other_order)
{
	/*
	 * before: [order 1: 0x12] free; pfn 0x10 allocated as order 0, 0x11 too.
	 * free 0x10 (order 0): its buddy 0x11 is allocated -> stays [0: 0x10].
	 * The order-1 buddy of 0x10 is 0x12, free but order 1, and 0x10 is
	 * only order 0: no merge.
	 */
	struct page *a, *b;

	machine_tiny(0x10, 0x14, 0x14);
	machine_free_range(0x10, 0x14);		/* [order 2: 0x10] */
	a = buddy_alloc(zone(ZONE_NORMAL), 0);	/* 0x10; leaves [1: 0x12] [0: 0x11] */
	b = buddy_alloc(zone(ZONE_NORMAL), 0);	/* 0x11 */
	ASSERT(a && b);
	EXPECT_EQ(page_to_pfn(b), 0x11);
	buddy_free(zone(ZONE_NORMAL), a, 0);
	EXPECT(is_free_head(0x10, 0));
	EXPECT(is_free_head(0x12, 1));
	EXPECT_CONSISTENT();
	buddy_free(zone(ZONE_NORMAL), b, 0);
	EXPECT(is_free_head(0x10, 2));
	EXPECT_CONSISTENT();
}

HT_TEST(buddy_alloc_empty_and_too_large)
{
	/* Normal [0x10, 0x18): [order 3: 0x10]; order 4 does not fit; empty zone gives NULL */
	machine_tiny(0x10, 0x18, 0x18);
	machine_free_range(0x10, 0x18);
	EXPECT(buddy_alloc(zone(ZONE_NORMAL), 4) == NULL);
	EXPECT(buddy_alloc(zone(ZONE_HIGHMEM), 0) == NULL);
	EXPECT(buddy_alloc(zone(ZONE_NORMAL), 3) != NULL);
	EXPECT(buddy_alloc(zone(ZONE_NORMAL), 0) == NULL);
	EXPECT_CONSISTENT();
}

HT_TEST(buddy_pfn_is_free_inside_blocks)
{
	/* [order 3: 0x10] free, 0x18.. allocated */
	machine_tiny(0x10, 0x20, 0x20);
	machine_free_range(0x10, 0x18);
	for (unsigned long pfn = 0x10; pfn < 0x18; pfn++)
		EXPECT(buddy_pfn_is_free(zone(ZONE_NORMAL), pfn));
	EXPECT(!buddy_pfn_is_free(zone(ZONE_NORMAL), 0x18));
	EXPECT(!buddy_pfn_is_free(zone(ZONE_NORMAL), 0x1f));
}

HT_TEST(buddy_max_order_blocks_at_zone_with_odd_edges)
{
	/*
	 * Normal [0x3ff, 0xc01): 0x3ff (order 0), [order 10: 0x400],
	 * [order 10: 0x800], 0xc00 (order 0): two order-10 blocks never merge
	 * (there is no order 11).
	 */
	machine_tiny(0x3ff, 0xc01, 0xc01);
	machine_free_range(0x3ff, 0xc01);
	EXPECT_EQ(nr_free(ZONE_NORMAL, 10), 2);
	EXPECT_EQ(nr_free(ZONE_NORMAL, 0), 2);
	EXPECT(is_free_head(0x3ff, 0));
	EXPECT(is_free_head(0xc00, 0));
	EXPECT_EQ(zone(ZONE_NORMAL)->free_pages, 0x802);
	EXPECT_CONSISTENT();
}

/* --- the checker itself must see corruption (the stress driver relies on it) */

HT_TEST(buddy_check_zone_catches_wrong_nr_free)
{
	machine_tiny(0x10, 0x20, 0x20);
	machine_free_range(0x10, 0x20);
	EXPECT_EQ(buddy_check_zone(zone(ZONE_NORMAL)), 0);
	zone(ZONE_NORMAL)->free_area[4].nr_free++;
	EXPECT(buddy_check_zone(zone(ZONE_NORMAL)) > 0);
	EXPECT(ht_log_count("order 4: 1 blocks listed, nr_free 2") == 1);
}

HT_TEST(buddy_check_zone_catches_unmerged_buddies)
{
	/* two free order-0 buddies put on the list by hand */
	struct page *a, *b;

	machine_tiny(0x10, 0x12, 0x12);
	machine_free_range(0x10, 0x12);		/* [order 1: 0x10] */
	a = buddy_alloc(zone(ZONE_NORMAL), 0);
	b = buddy_alloc(zone(ZONE_NORMAL), 0);
	ASSERT(a && b);
	/* free both without merging: bypass buddy_free */
	set_page_flag(a, PG_buddy);
	set_page_flag(b, PG_buddy);
	a->private = b->private = 0;
	list_add(&a->lru, &zone(ZONE_NORMAL)->free_area[0].free_list);
	list_add(&b->lru, &zone(ZONE_NORMAL)->free_area[0].free_list);
	zone(ZONE_NORMAL)->free_area[0].nr_free = 2;
	zone(ZONE_NORMAL)->free_pages = 2;
	EXPECT(buddy_check_zone(zone(ZONE_NORMAL)) > 0);
	EXPECT(ht_log_count("were not merged") >= 1);
}

HT_TEST(buddy_check_zone_catches_stray_pg_buddy)
{
	machine_tiny(0x10, 0x20, 0x20);
	machine_free_range(0x10, 0x18);
	set_page_flag(pfn_to_page(0x1c), PG_buddy);	/* allocated page marked free */
	EXPECT(buddy_check_zone(zone(ZONE_NORMAL)) > 0);
	EXPECT(ht_log_count("PG_buddy pages in the span") == 1);
}
