// SPDX-License-Identifier: MIT
/*
 * Self-tests of the buddy core (mm/buddy.c): suite "buddy".
 *
 * Most cases run the core on a private zone built over a block of 16
 * pages that the test owns: the block comes from alloc_pages() at order
 * 4, its pages are made raw (refcount 0, private 0), and a struct zone
 * spanning exactly those 16 frames starts with empty free lists. So every
 * state is exact and can be drawn. The pages keep their real zone number;
 * the private zone's span is what stops merging at its edges. Offsets in
 * the pictures are from the block's first pfn:
 *
 *   [o3: 8] [o2: 4]      an order 3 block at +8 and an order 2 block at +4
 *
 * The other cases use the real zones and compare every counter before
 * and after. The first case records the suite's baseline, the last checks
 * that nothing leaked; after every case the exit hook gives the block
 * back, however the case left it, and runs buddy_check_zone() on every
 * real zone.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include "../buddy.h"
#include "../pcp.h"	/* zone_buddy_alloc/free: under zone->lock, as after boot */
#include "mm_test.h"

/* --- snapshots of the real zones (page_alloc_test.c uses them too) -------- */

/*
 * The per-CPU lists are drained first: their blocks are free and counted
 * in free_pages already, but on the buddy lists they merge, so two
 * snapshots with the same free pages have the same nr_free whatever the
 * per-CPU lists held when each was taken.
 */
void buddy_snapshot_take(struct buddy_snapshot *s)
{
	drain_all_pages();
	memset(s, 0, sizeof(*s));
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &contig_page_data.node_zones[z];

		s->free_pages[z] = zone->free_pages;
		s->managed_pages[z] = zone->managed_pages;
		for (unsigned int order = 0; order < MAX_ORDER; order++)
			s->nr_free[z][order] = zone->free_area[order].nr_free;
	}
	s->totalram_pages = totalram_pages;
	s->totalhigh_pages = totalhigh_pages;
}

void __buddy_snapshot_expect_equal(struct ktest *t, const struct buddy_snapshot *want,
				   const struct buddy_snapshot *got, const char *file, int line)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const char *name = contig_page_data.node_zones[z].name;

		ktest_check(t, got->free_pages[z] == want->free_pages[z], false, file, line,
			    "zone %s free_pages %lu, was %lu", name, got->free_pages[z],
			    want->free_pages[z]);
		ktest_check(t, got->managed_pages[z] == want->managed_pages[z], false, file, line,
			    "zone %s managed_pages %lu, was %lu", name, got->managed_pages[z],
			    want->managed_pages[z]);
		for (unsigned int order = 0; order < MAX_ORDER; order++)
			ktest_check(t, got->nr_free[z][order] == want->nr_free[z][order], false,
				    file, line, "zone %s order %u nr_free %lu, was %lu", name, order,
				    got->nr_free[z][order], want->nr_free[z][order]);
	}
	ktest_check(t, got->totalram_pages == want->totalram_pages, false, file, line,
		    "totalram_pages %lu, was %lu", got->totalram_pages, want->totalram_pages);
	ktest_check(t, got->totalhigh_pages == want->totalhigh_pages, false, file, line,
		    "totalhigh_pages %lu, was %lu", got->totalhigh_pages, want->totalhigh_pages);
}

/* --- the test block and private zones over it ----------------------------- */

#define TB_ORDER	4
#define TB_PAGES	(1UL << TB_ORDER)

static struct page *tb;			/* the test block while a case owns it */
static enum zone_type tb_zonenum;
#define P(off)		(tb + (off))	/* struct page of block offset @off */

static void tb_take(struct ktest *t)
{
	tb = alloc_pages(GFP_KERNEL | __GFP_NOWARN, TB_ORDER);
	KTEST_ASSERT_NOT_NULL(t, tb);
	tb_zonenum = page_zonenum(tb);
	set_page_count(tb, 0);		/* from here: 16 raw frames */
	tb->private = 0;
}

/* Reset every page of the block to "allocated at order 4" and free it. */
static void tb_give_back(void)
{
	if (!tb)
		return;
	for (unsigned long i = 0; i < TB_PAGES; i++) {
		struct page *p = P(i);

		clear_page_flag(p, PG_buddy);
		set_page_zone(p, tb_zonenum);
		p->private = 0;
		set_page_count(p, 0);
		INIT_LIST_HEAD(&p->lru);
	}
	tb->private = TB_ORDER;
	set_page_count(tb, 1);
	__free_pages(tb, TB_ORDER);
	tb = NULL;
}

/* A private zone over block offsets [first, first + nr), nothing free. */
static void tz_init(struct zone *z, const char *name, unsigned long first, unsigned long nr)
{
	memset(z, 0, sizeof(*z));
	z->name = name;
	z->zone_start_pfn = page_to_pfn(tb) + first;
	z->spanned_pages = z->present_pages = z->managed_pages = nr;
	buddy_init_free_areas(z);
}

static void tz_free(struct zone *z, unsigned long off, unsigned int order)
{
	buddy_free(z, P(off), order);
}

/* Return: the offset of the block buddy_alloc() gave, or -1 for none. */
static long tz_alloc(struct zone *z, unsigned int order)
{
	struct page *p = buddy_alloc(z, order);

	return p ? (long)(p - tb) : -1;
}

struct blk {
	unsigned long off;
	unsigned int order;
};

/*
 * @z's free lists hold exactly the @n blocks @want (in any order), and
 * buddy_check_zone(@z) finds nothing wrong.
 */
static void expect_blocks(struct ktest *t, const struct zone *z, const struct blk *want,
			  unsigned int n, int line)
{
	unsigned long total = 0;

	for (unsigned int order = 0; order < MAX_ORDER; order++)
		total += z->free_area[order].nr_free;
	ktest_check(t, total == n, false, __FILE__, line, "%s has %lu free blocks, want %u",
		    z->name, total, n);
	for (unsigned int i = 0; i < n; i++) {
		const struct page *p = P(want[i].off), *pos;
		bool listed = false;

		list_for_each_entry(pos, &z->free_area[want[i].order].free_list, lru)
			listed |= pos == p;
		ktest_check(t, listed && PageBuddy(p) && p->private == want[i].order, false,
			    __FILE__, line, "%s: [o%u: %lu] free (listed %d, PG_buddy %d, order %lu)",
			    z->name, want[i].order, want[i].off, listed, PageBuddy(p), p->private);
	}
	ktest_check(t, buddy_check_zone(z) == 0, false, __FILE__, line,
		    "buddy_check_zone(%s) == 0", z->name);
}
#define EXPECT_BLOCKS(t, z, ...) do {						\
	static const struct blk __want[] = { __VA_ARGS__ };			\
	expect_blocks(t, z, __want, ARRAY_SIZE(__want), __LINE__);		\
} while (0)
#define EXPECT_NO_BLOCKS(t, z)	expect_blocks(t, z, NULL, 0, __LINE__)

/* --- cases ----------------------------------------------------------------- */

static struct buddy_snapshot baseline;

/*
 * before/after: the zones as boot left them. Every zone passes
 * buddy_check_zone(), managed pages add up to totalram_pages; the
 * counters become the suite's baseline.
 */
static void buddy_check_zone_boot_state(struct ktest *t)
{
	unsigned long free = 0, managed = 0, high = 0;

	buddy_snapshot_take(&baseline);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &contig_page_data.node_zones[z];

		KTEST_EXPECT_EQ(t, buddy_check_zone(zone), 0);
		KTEST_EXPECT_LE(t, zone->free_pages, zone->managed_pages);
		KTEST_EXPECT_LE(t, zone->managed_pages, zone->present_pages);
		KTEST_EXPECT_LE(t, zone->present_pages, zone->spanned_pages);
		free += zone->free_pages;
		managed += zone->managed_pages;
	}
	high = contig_page_data.node_zones[ZONE_HIGHMEM].managed_pages;
	KTEST_EXPECT_EQ(t, managed, totalram_pages);
	KTEST_EXPECT_EQ(t, high, totalhigh_pages);
	KTEST_EXPECT_GT(t, free, 0);
}

/*
 * buddy of pfn 8 at order 1 is 8 ^ 2 = 10, and of 10 is 8; the parent of
 * either is 10 & ~2 = 8. Likewise at order 3 (16 <-> 24) and order 10.
 */
static void buddy_pfn_arithmetic(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, buddy_pfn(8, 1), 10);
	KTEST_EXPECT_EQ(t, buddy_pfn(10, 1), 8);
	KTEST_EXPECT_EQ(t, buddy_pfn(16, 3), 24);
	KTEST_EXPECT_EQ(t, buddy_pfn(24, 3), 16);
	KTEST_EXPECT_EQ(t, buddy_pfn(1025, 0), 1024);
	KTEST_EXPECT_EQ(t, buddy_pfn(2048, 10), 3072);
	KTEST_EXPECT_EQ(t, buddy_parent_pfn(10, 1), 8);
	KTEST_EXPECT_EQ(t, buddy_parent_pfn(8, 1), 8);
	KTEST_EXPECT_EQ(t, buddy_parent_pfn(24, 3), 16);
	KTEST_EXPECT_EQ(t, buddy_parent_pfn(3072, 10), 2048);
}

/*
 * A private zone of 16 pages, all in use; free the pieces one by one:
 *   free 8 (o3): [o3: 8]                      buddy 8 ^ 8 = 0 is in use
 *   free 4 (o2): [o3: 8] [o2: 4]
 *   free 2 (o1): [o3: 8] [o2: 4] [o1: 2]
 *   free 1 (o0): [o3: 8] [o2: 4] [o1: 2] [o0: 1]
 *   free 0 (o0): +1 -> [o1: 0], +2 -> [o2: 0], +4 -> [o3: 0], +8 -> [o4: 0]
 *                and stops: 0 ^ 16 is outside the zone
 */
static void buddy_free_merges_up_to_zone_span(struct ktest *t)
{
	struct zone z;
	unsigned long stale = 0;

	tb_take(t);
	tz_init(&z, "test", 0, TB_PAGES);
	EXPECT_NO_BLOCKS(t, &z);
	tz_free(&z, 8, 3);
	EXPECT_BLOCKS(t, &z, { 8, 3 });
	tz_free(&z, 4, 2);
	EXPECT_BLOCKS(t, &z, { 8, 3 }, { 4, 2 });
	tz_free(&z, 2, 1);
	EXPECT_BLOCKS(t, &z, { 8, 3 }, { 4, 2 }, { 2, 1 });
	tz_free(&z, 1, 0);
	EXPECT_BLOCKS(t, &z, { 8, 3 }, { 4, 2 }, { 2, 1 }, { 1, 0 });
	KTEST_EXPECT_EQ(t, z.free_pages, 15);
	tz_free(&z, 0, 0);
	EXPECT_BLOCKS(t, &z, { 0, 4 });
	KTEST_EXPECT_EQ(t, z.free_pages, 16);
	for (unsigned long i = 1; i < TB_PAGES; i++)
		stale += PageBuddy(P(i)) || P(i)->private != 0;
	KTEST_EXPECT_EQ(t, stale, 0);		/* merged heads are plain pages again */
}

/*
 * before: [o4: 0]
 * alloc o0 -> 0, halving 16 -> 8 -> 4 -> 2 -> 1:
 *         [o3: 8] [o2: 4] [o1: 2] [o0: 1]
 * alloc o1 -> 2, the o1 block itself, not a split of 8:
 *         [o3: 8] [o2: 4] [o0: 1]
 * alloc o2 -> 4; alloc o2 -> 8, splitting it: [o2: 12] [o0: 1]
 * alloc o3 -> nothing (12 is only order 2); alloc o0 -> 1: [o2: 12]
 * free 0, 2, 4, 1, 8 (their orders) -> [o4: 0]
 */
static void buddy_alloc_splits_smallest_fitting_block(struct ktest *t)
{
	struct zone z;

	tb_take(t);
	tz_init(&z, "test", 0, TB_PAGES);
	tz_free(&z, 0, 4);
	EXPECT_BLOCKS(t, &z, { 0, 4 });
	KTEST_EXPECT_EQ(t, tz_alloc(&z, 0), 0);
	EXPECT_BLOCKS(t, &z, { 8, 3 }, { 4, 2 }, { 2, 1 }, { 1, 0 });
	KTEST_EXPECT_EQ(t, P(0)->private, 0);
	KTEST_EXPECT_FALSE(t, PageBuddy(P(0)));
	KTEST_EXPECT_EQ(t, tz_alloc(&z, 1), 2);
	EXPECT_BLOCKS(t, &z, { 8, 3 }, { 4, 2 }, { 1, 0 });
	KTEST_EXPECT_EQ(t, P(2)->private, 1);
	KTEST_EXPECT_EQ(t, tz_alloc(&z, 2), 4);
	KTEST_EXPECT_EQ(t, tz_alloc(&z, 2), 8);
	EXPECT_BLOCKS(t, &z, { 12, 2 }, { 1, 0 });
	KTEST_EXPECT_EQ(t, tz_alloc(&z, 3), -1);
	KTEST_EXPECT_EQ(t, tz_alloc(&z, 0), 1);
	EXPECT_BLOCKS(t, &z, { 12, 2 });
	KTEST_EXPECT_EQ(t, z.free_pages, 4);

	tz_free(&z, 0, 0);
	tz_free(&z, 2, 1);
	EXPECT_BLOCKS(t, &z, { 12, 2 }, { 2, 1 }, { 0, 0 });
	tz_free(&z, 4, 2);
	tz_free(&z, 1, 0);
	EXPECT_BLOCKS(t, &z, { 12, 2 }, { 0, 3 });
	tz_free(&z, 8, 2);
	EXPECT_BLOCKS(t, &z, { 0, 4 });
}

/*
 * A free block is only merged with a buddy of the same order:
 *   free 2 (o0): [o0: 2]
 *   free 0 (o1): the buddy of 0 at order 1 is 2, free but of order 0,
 *                so no merge (it would free page 3, which is in use):
 *                [o1: 0] [o0: 2]
 *   free 3 (o0): 3 ^ 1 = 2 -> [o1: 2]; 2 ^ 2 = 0 -> [o2: 0]
 */
static void buddy_free_merges_same_order_only(struct ktest *t)
{
	struct zone z;

	tb_take(t);
	tz_init(&z, "test", 0, TB_PAGES);
	tz_free(&z, 2, 0);
	tz_free(&z, 0, 1);
	EXPECT_BLOCKS(t, &z, { 0, 1 }, { 2, 0 });
	KTEST_EXPECT_FALSE(t, buddy_pfn_is_free(&z, page_to_pfn(P(3))));
	tz_free(&z, 3, 0);
	EXPECT_BLOCKS(t, &z, { 0, 2 });
	KTEST_EXPECT_TRUE(t, buddy_pfn_is_free(&z, page_to_pfn(P(3))));
	KTEST_EXPECT_FALSE(t, buddy_pfn_is_free(&z, page_to_pfn(P(4))));
}

/*
 * Two private zones, A = [0, 8) and B = [8, 16):
 *   free 0 (o3) into A, 8 (o3) into B
 *   after: A [o3: 0], B [o3: 8] -- not [o4: 0]: 0 ^ 8 = 8 is outside A
 */
static void buddy_free_stops_at_zone_span(struct ktest *t)
{
	struct zone a, b;

	tb_take(t);
	tz_init(&a, "test-A", 0, 8);
	tz_init(&b, "test-B", 8, 8);
	tz_free(&a, 0, 3);
	tz_free(&b, 8, 3);
	EXPECT_BLOCKS(t, &a, { 0, 3 });
	EXPECT_BLOCKS(t, &b, { 8, 3 });
	KTEST_EXPECT_EQ(t, tz_alloc(&a, 0), 0);	/* A only splits its own block */
	EXPECT_BLOCKS(t, &b, { 8, 3 });
}

/*
 * One private zone over [0, 16), but pages 8..15 carry another zone
 * number, as if a zone boundary ran through the middle:
 *   free 0 (o3), free 8 (o3)
 *   after: [o3: 0] [o3: 8] -- not [o4: 0]: the buddy is in another zone
 */
static void buddy_free_stops_at_zone_number(struct ktest *t)
{
	struct zone z;
	enum zone_type other;

	tb_take(t);
	other = (tb_zonenum + 1) % MAX_NR_ZONES;
	tz_init(&z, "test", 0, TB_PAGES);
	for (unsigned long i = 8; i < TB_PAGES; i++)
		set_page_zone(P(i), other);		/* tb_give_back() restores it */
	tz_free(&z, 0, 3);
	tz_free(&z, 8, 3);
	EXPECT_BLOCKS(t, &z, { 0, 3 }, { 8, 3 });
}

/* The highest zone with a free block of at least @order, or NULL. */
static struct zone *zone_with_block(unsigned int order)
{
	for (int z = MAX_NR_ZONES - 1; z >= 0; z--) {
		struct zone *zone = &contig_page_data.node_zones[z];

		for (unsigned int k = order; k < MAX_ORDER; k++)
			if (zone->free_area[k].nr_free)
				return zone;
	}
	return NULL;
}

/*
 * For each order 0..10, in the highest real zone with a block that big:
 *   buddy_alloc: free_pages drops by 2^order; the block is aligned,
 *                inside the zone, not PG_buddy, private = order
 *   buddy_free:  every nr_free of every zone is as before
 */
static void buddy_alloc_every_order(struct ktest *t)
{
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct zone *zone = zone_with_block(order);
		struct buddy_snapshot before, after;
		unsigned long pfn, nr = 1UL << order;
		struct page *page;

		KTEST_ASSERT_NOT_NULL(t, zone);
		buddy_snapshot_take(&before);
		page = zone_buddy_alloc(zone, order);
		KTEST_ASSERT_NOT_NULL(t, page);
		pfn = page_to_pfn(page);
		KTEST_EXPECT_EQ(t, zone->free_pages, before.free_pages[zone - contig_page_data.node_zones] - nr);
		KTEST_EXPECT_EQ(t, pfn & (nr - 1), 0);
		KTEST_EXPECT_TRUE(t, pfn >= zone->zone_start_pfn && pfn + nr <= zone_end_pfn(zone));
		KTEST_EXPECT_FALSE(t, PageBuddy(page));
		KTEST_EXPECT_EQ(t, page->private, order);
		KTEST_EXPECT_FALSE(t, buddy_pfn_is_free(zone, pfn));
		KTEST_EXPECT_FALSE(t, buddy_pfn_is_free(zone, pfn + nr - 1));
		KTEST_EXPECT_EQ(t, buddy_check_zone(zone), 0);
		zone_buddy_free(zone, page, order);
		buddy_snapshot_take(&after);
		buddy_snapshot_expect_equal(t, &before, &after);
	}
}

/* A fixed pseudo-random sequence (an LCG): the same on every boot. */
static unsigned long lcg_next(unsigned long *x)
{
	*x = *x * 1103515245UL + 12345UL;
	return *x >> 16;
}

#define SPLIT_BLOCKS	256
static struct page *split_page[SPLIT_BLOCKS];
static unsigned char split_order[SPLIT_BLOCKS];

/*
 * before: the zone with the most free pages, as the suite found it
 * alloc up to 256 blocks of orders 0..5 (pseudo-random, at most a
 * quarter of its free pages), then free them in a shuffled order
 * after: every nr_free as before -- splitting and merging are inverses
 */
static void buddy_split_then_free_restores(struct ktest *t)
{
	struct zone *zone = NULL;
	struct buddy_snapshot before, after;
	unsigned long seed = 1, taken = 0, budget;
	unsigned int n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *c = &contig_page_data.node_zones[z];

		if (!zone || c->free_pages > zone->free_pages)
			zone = c;
	}
	budget = zone->free_pages / 4;
	buddy_snapshot_take(&before);
	while (n < SPLIT_BLOCKS) {
		unsigned int order = lcg_next(&seed) % 6;
		struct page *p;

		if (taken + (1UL << order) > budget)
			break;
		p = zone_buddy_alloc(zone, order);
		KTEST_ASSERT_NOT_NULL(t, p);
		split_page[n] = p;
		split_order[n++] = order;
		taken += 1UL << order;
	}
	KTEST_EXPECT_GT(t, n, 16);
	KTEST_EXPECT_EQ(t, zone->free_pages, before.free_pages[zone - contig_page_data.node_zones] - taken);
	KTEST_EXPECT_EQ(t, buddy_check_zone(zone), 0);

	for (unsigned int i = n; i > 1; i--) {		/* Fisher-Yates */
		unsigned int j = lcg_next(&seed) % i;
		struct page *p = split_page[i - 1];
		unsigned char o = split_order[i - 1];

		split_page[i - 1] = split_page[j];
		split_order[i - 1] = split_order[j];
		split_page[j] = p;
		split_order[j] = o;
	}
	for (unsigned int i = 0; i < n; i++) {
		zone_buddy_free(zone, split_page[i], split_order[i]);
		if (i == n / 2)
			KTEST_EXPECT_EQ(t, buddy_check_zone(zone), 0);
	}
	buddy_snapshot_take(&after);
	buddy_snapshot_expect_equal(t, &before, &after);
}

/*
 * The checker must see what it is there for. Private zone [0, 16):
 *   [o4: 0] with nr_free[4] one too high          -> reported
 *   [o4: 0] plus a PG_buddy page 3 on no list     -> reported
 *   [o0: 0] [o0: 1], two free buddies not merged  -> reported
 *   [o1: 0] [o0: 1], overlapping blocks             -> reported
 */
static void buddy_check_zone_detects_corruption(struct ktest *t)
{
	struct zone z;

	tb_take(t);
	tz_init(&z, "test", 0, TB_PAGES);
	tz_free(&z, 0, 4);
	KTEST_EXPECT_EQ(t, buddy_check_zone(&z), 0);

	z.free_area[4].nr_free++;
	KTEST_EXPECT_GT(t, buddy_check_zone(&z), 0);
	z.free_area[4].nr_free--;

	set_page_flag(P(3), PG_buddy);
	KTEST_EXPECT_GT(t, buddy_check_zone(&z), 0);
	clear_page_flag(P(3), PG_buddy);
	KTEST_EXPECT_EQ(t, buddy_check_zone(&z), 0);

	/* hand-made lists, bypassing buddy_free() */
	KTEST_EXPECT_EQ(t, tz_alloc(&z, 4), 0);
	for (unsigned long off = 0; off < 2; off++) {
		set_page_flag(P(off), PG_buddy);
		P(off)->private = 0;
		list_add(&P(off)->lru, &z.free_area[0].free_list);
		z.free_area[0].nr_free++;
		z.free_pages++;
	}
	KTEST_EXPECT_GT(t, buddy_check_zone(&z), 0);

	/* [o1: 0] and [o0: 1]: page 1 would be handed out twice */
	tz_init(&z, "test", 0, TB_PAGES);
	P(0)->private = 1;
	list_add(&P(0)->lru, &z.free_area[1].free_list);
	list_add(&P(1)->lru, &z.free_area[0].free_list);
	z.free_area[0].nr_free = z.free_area[1].nr_free = 1;
	z.free_pages = 3;
	KTEST_EXPECT_GT(t, buddy_check_zone(&z), 0);
}

/* after all cases: every zone's counters equal the baseline of case 1 */
static void buddy_nothing_leaked(struct ktest *t)
{
	struct buddy_snapshot now;

	buddy_snapshot_take(&now);
	buddy_snapshot_expect_equal(t, &baseline, &now);
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
}

static void buddy_case_exit(struct ktest *t)
{
	tb_give_back();
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
}

static const struct ktest_case buddy_cases[] = {
	KTEST_CASE(buddy_check_zone_boot_state),
	KTEST_CASE(buddy_pfn_arithmetic),
	KTEST_CASE(buddy_free_merges_up_to_zone_span),
	KTEST_CASE(buddy_alloc_splits_smallest_fitting_block),
	KTEST_CASE(buddy_free_merges_same_order_only),
	KTEST_CASE(buddy_free_stops_at_zone_span),
	KTEST_CASE(buddy_free_stops_at_zone_number),
	KTEST_CASE(buddy_alloc_every_order),
	KTEST_CASE(buddy_split_then_free_restores),
	KTEST_CASE(buddy_check_zone_detects_corruption),
	KTEST_CASE(buddy_nothing_leaked),
	{}
};
KTEST_SUITE(buddy) = { .name = "buddy", .cases = buddy_cases, .exit = buddy_case_exit };
