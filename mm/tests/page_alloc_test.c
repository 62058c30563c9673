// SPDX-License-Identifier: MIT
/*
 * Self-tests of the page allocator API (mm/page_alloc.c): suite
 * "page_alloc". They go through alloc_pages()/__free_pages() only, on the
 * real zones, and adapt to the machine: a 16 MiB machine has DMA alone,
 * below 896 MiB there is no HighMem (those cases skip).
 *
 * The tool is "draining" a zone: allocating from it, largest blocks
 * first, everything the watermark rule lets a caller with those GFP
 * flags take. Each allocation is only made when the zone can serve it,
 * so it must come from that zone; afterwards the zone sits exactly at
 * the mark. Pages a case holds are linked through page->lru on one list
 * and freed by the exit hook, which also restores any watermark a case
 * changed and runs buddy_check_zone() on every zone.
 *
 * The first case records the counters of every zone, the last checks
 * that they are back (nothing leaked).
 */
#include <kernel/ktest.h>
#include <asm/sections.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include "../buddy.h"
#include "mm_test.h"
#include "../internal.h"

#define DMA_END_PFN	(16UL << (20 - PAGE_SHIFT))	/* 16 MiB */

static struct buddy_snapshot baseline;
static LIST_HEAD(held);
static unsigned long saved_wmark[MAX_NR_ZONES][NR_WMARK];
static bool wmarks_changed;

static struct zone *zone_of(enum zone_type z)
{
	return &contig_page_data.node_zones[z];
}

static bool populated(const struct zone *zone)
{
	return zone->managed_pages != 0;
}

/* The GFP flags whose first choice is zone @z. */
static const gfp_t gfp_first[MAX_NR_ZONES] = {
	[ZONE_DMA] = GFP_DMA, [ZONE_NORMAL] = GFP_KERNEL, [ZONE_HIGHMEM] = GFP_HIGHUSER,
};

static void hold(struct page *page)
{
	list_add(&page->lru, &held);
}

/* Free every held block with the order it was allocated with. */
static void release_all(void)
{
	struct page *p, *n;

	list_for_each_entry_safe(p, n, &held, lru) {
		list_del(&p->lru);
		__free_pages(p, p->private);
	}
}

/* Before a case changes a watermark: keep every zone's, once per case. */
static void save_watermarks(void)
{
	if (wmarks_changed)
		return;
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int w = 0; w < NR_WMARK; w++)
			saved_wmark[z][w] = zone_of(z)->watermark[w];
	wmarks_changed = true;
}

static void zero_watermarks(struct zone *zone)
{
	save_watermarks();
	for (int w = 0; w < NR_WMARK; w++)
		zone->watermark[w] = 0;
}

static void restore_watermarks(void)
{
	if (!wmarks_changed)
		return;
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int w = 0; w < NR_WMARK; w++)
			zone_of(z)->watermark[w] = saved_wmark[z][w];
	wmarks_changed = false;
}

/* Set @zone's min watermark to @min for this case (restored by the exit hook). */
static void set_min_watermark(struct zone *zone, unsigned long min)
{
	save_watermarks();
	zone->watermark[WMARK_MIN] = min;
}

/*
 * Turn @zone's per-CPU lists off (batch 0: alloc and free go straight to
 * the buddy lists) for a case whose expectations are the buddy
 * allocator's exact choice of block; the case exit turns them back on.
 */
static struct per_cpu_pages saved_pcp;
static struct zone *pcp_off_zone;

static void pcp_lists_off(struct zone *zone)
{
	drain_zone_pages(zone);
	saved_pcp = *this_cpu_ptr(zone->pcp);
	pcp_off_zone = zone;
	for (unsigned int order = 0; order < NR_PCP_LISTS; order++)
		this_cpu_ptr(zone->pcp)->batch[order] = this_cpu_ptr(zone->pcp)->high[order] = 0;
}

static void pcp_lists_restore(void)
{
	if (!pcp_off_zone)
		return;
	for (unsigned int order = 0; order < NR_PCP_LISTS; order++) {
		this_cpu_ptr(pcp_off_zone->pcp)->batch[order] = saved_pcp.batch[order];
		this_cpu_ptr(pcp_off_zone->pcp)->high[order] = saved_pcp.high[order];
	}
	pcp_off_zone = NULL;
}

/*
 * What @gfp must leave in @zone: its min after __GFP_HIGH / __GFP_ATOMIC
 * (gfp_min_mark, checked on its own by alloc_pages_atomic_reaches_3_8_of_min)
 * plus the part of @zone kept back from @gfp's first zone.
 */
static unsigned long mark_for(const struct zone *zone, gfp_t gfp)
{
	return gfp_min_mark(zone, gfp) + zone->lowmem_reserve[gfp_zone(gfp)];
}

/* Could an order-@order allocation be served: a block on its per-CPU list or a buddy list? */
static bool has_block(const struct zone *zone, unsigned int order)
{
	if (order < NR_PCP_LISTS && this_cpu_ptr(zone->pcp)->count[order])
		return true;
	for (unsigned int k = order; k < MAX_ORDER; k++)
		if (zone->free_area[k].nr_free)
			return true;
	return false;
}

/*
 * Allocate from @zone with @gfp (whose first zone must be @zone) all it
 * may give, largest blocks first, holding the blocks.
 * Return: allocations that failed or came from another zone (0 expected).
 */
static unsigned long drain_zone(struct zone *zone, gfp_t gfp)
{
	unsigned long wrong = 0;

	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		drain_zone_pages(zone);	/* larger blocks on per-CPU lists may split */
		while (zone->free_pages >= mark_for(zone, gfp) + (1UL << order) &&
		       has_block(zone, order)) {
			struct page *p = alloc_pages(gfp | __GFP_NOWARN, order);

			if (!p) {
				wrong++;
				break;
			}
			hold(p);
			if (page_zone(p) != zone) {
				wrong++;
				break;
			}
		}
	}
	return wrong;
}

static bool all_bytes(const void *p, int c, size_t n)
{
	return memchr_inv(p, c, n) == NULL;
}

/* --- cases ----------------------------------------------------------------- */

/*
 * before/after: the zones as boot left them: managed pages add up to
 * totalram_pages (highmem to totalhigh_pages), free <= managed <=
 * present <= spanned, min <= low <= high with a nonzero min in every
 * populated zone; the counters become the suite's baseline.
 */
static void alloc_pages_boot_state_consistent(struct ktest *t)
{
	unsigned long managed = 0;

	buddy_snapshot_take(&baseline);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = zone_of(z);

		managed += zone->managed_pages;
		KTEST_EXPECT_LE(t, zone->free_pages, zone->managed_pages);
		KTEST_EXPECT_LE(t, zone->managed_pages, zone->present_pages);
		KTEST_EXPECT_LE(t, zone->present_pages, zone->spanned_pages);
		KTEST_EXPECT_LE(t, zone->watermark[WMARK_MIN], zone->watermark[WMARK_LOW]);
		KTEST_EXPECT_LE(t, zone->watermark[WMARK_LOW], zone->watermark[WMARK_HIGH]);
		if (populated(zone))
			KTEST_EXPECT_GT(t, zone->watermark[WMARK_MIN], 0);
		KTEST_EXPECT_EQ(t, buddy_check_zone(zone), 0);
	}
	KTEST_EXPECT_EQ(t, managed, totalram_pages);
	KTEST_EXPECT_EQ(t, zone_of(ZONE_HIGHMEM)->managed_pages, totalhigh_pages);
	KTEST_EXPECT_EQ(t, zone_of(ZONE_DMA)->zone_start_pfn, 0);
}

/*
 * For each order 0..10: alloc_pages(GFP_KERNEL, order)
 *   after alloc: its zone's free_pages down by 2^order; head refcount 1,
 *                the others 0; no PG_buddy; private = order; aligned; lowmem
 *   after free:  every counter of every zone as before
 */
static void alloc_pages_every_order(struct ktest *t)
{
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct buddy_snapshot before, after;
		unsigned long nr = 1UL << order, bad_tails = 0;
		struct page *p;
		int z;

		buddy_snapshot_take(&before);
		p = alloc_pages(GFP_KERNEL, order);
		KTEST_ASSERT_NOT_NULL(t, p);
		z = page_zonenum(p);
		KTEST_EXPECT_EQ(t, zone_of(z)->free_pages, before.free_pages[z] - nr);
		KTEST_EXPECT_EQ(t, page_count(p), 1);
		KTEST_EXPECT_FALSE(t, PageBuddy(p));
		KTEST_EXPECT_EQ(t, p->private, order);
		KTEST_EXPECT_EQ(t, page_to_pfn(p) & (nr - 1), 0);
		KTEST_EXPECT_FALSE(t, PageHighMem(p));
		for (unsigned long i = 1; i < nr; i++)
			bad_tails += page_count(p + i) != 0 || PageBuddy(p + i);
		KTEST_EXPECT_EQ(t, bad_tails, 0);
		__free_pages(p, order);
		KTEST_EXPECT_EQ(t, page_count(p), 0);
		buddy_snapshot_take(&after);
		buddy_snapshot_expect_equal(t, &before, &after);
	}
}

/*
 * before: Normal has free blocks above its min watermark
 * drain Normal with GFP_KERNEL: every block comes from Normal, and Normal
 *         ends exactly at min
 * after:  alloc_page(GFP_KERNEL) comes from DMA -- if DMA has more than
 *         min + lowmem_reserve[Normal] free; otherwise it fails
 * (16 MiB: Normal is empty, so the first page comes from DMA at once)
 */
static void alloc_pages_normal_falls_back_to_dma(struct ktest *t)
{
	struct zone *normal = zone_of(ZONE_NORMAL), *dma = zone_of(ZONE_DMA);
	struct page *p;

	if (populated(normal)) {
		KTEST_EXPECT_EQ(t, drain_zone(normal, GFP_KERNEL), 0);
		KTEST_EXPECT_EQ(t, normal->free_pages, normal->watermark[WMARK_MIN]);
	}
	p = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	if (dma->free_pages <= mark_for(dma, GFP_KERNEL)) {
		KTEST_EXPECT_NULL(t, p);	/* DMA's protection covers all it has */
		return;
	}
	KTEST_ASSERT_NOT_NULL(t, p);
	hold(p);
	KTEST_EXPECT_EQ(t, page_zonenum(p), ZONE_DMA);
}

/*
 * (machines with highmem)
 * alloc_page(GFP_HIGHUSER) -> a HighMem page
 * drain HighMem with GFP_HIGHUSER: every block from HighMem, down to min
 * after: alloc_page(GFP_HIGHUSER) comes from Normal
 */
static void alloc_pages_highuser_prefers_highmem(struct ktest *t)
{
	struct zone *high = zone_of(ZONE_HIGHMEM);
	struct page *p;

	if (!populated(high))
		ktest_skip(t, "no highmem on this machine");
	p = alloc_page(GFP_HIGHUSER);
	KTEST_ASSERT_NOT_NULL(t, p);
	hold(p);
	KTEST_EXPECT_TRUE(t, PageHighMem(p));
	KTEST_EXPECT_GE(t, page_to_pfn(p), max_low_pfn);

	KTEST_EXPECT_EQ(t, drain_zone(high, GFP_HIGHUSER), 0);
	KTEST_EXPECT_EQ(t, high->free_pages, high->watermark[WMARK_MIN]);
	p = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
	KTEST_ASSERT_NOT_NULL(t, p);
	hold(p);
	KTEST_EXPECT_EQ(t, page_zonenum(p), ZONE_NORMAL);
}

/*
 * 2000 GFP_DMA allocations of orders 0, 1, 2 (until DMA says no):
 * every block lies in DMA and ends at or below 16 MiB (pfn 4096)
 */
static void alloc_pages_dma_stays_below_16m(struct ktest *t)
{
	unsigned long n = 0, bad = 0;

	for (unsigned int i = 0; i < 2000; i++) {
		unsigned int order = i % 3;
		struct page *p = alloc_pages(GFP_DMA | __GFP_NOWARN, order);

		if (!p)
			break;
		hold(p);
		n++;
		bad += page_zonenum(p) != ZONE_DMA || page_to_pfn(p) + (1UL << order) > DMA_END_PFN;
	}
	KTEST_EXPECT_GT(t, n, 500);
	KTEST_EXPECT_EQ(t, bad, 0);
}

/*
 * 1000 order-0 GFP_KERNEL pages, then every block GFP_KERNEL can get at
 * all (largest first, each order until NULL): none is highmem, all end
 * at or below max_low_pfn
 * after: GFP_KERNEL fails, though HighMem (if any) still has free pages
 */
static void alloc_pages_kernel_never_highmem(struct ktest *t)
{
	unsigned long n = 0, bad = 0;
	struct page *p;

	for (unsigned int i = 0; i < 1000; i++) {
		p = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		KTEST_ASSERT_NOT_NULL(t, p);
		hold(p);
		bad += PageHighMem(p) || page_to_pfn(p) >= max_low_pfn;
	}
	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		while ((p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order))) {
			hold(p);
			n++;
			bad += PageHighMem(p) || page_to_pfn(p) + (1UL << order) > max_low_pfn;
		}
	}
	KTEST_EXPECT_GT(t, n, 0);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_NULL(t, alloc_page(GFP_KERNEL | __GFP_NOWARN));
	if (populated(zone_of(ZONE_HIGHMEM)))
		KTEST_EXPECT_GT(t, zone_of(ZONE_HIGHMEM)->free_pages, 0);
}

/*
 * For each populated zone, with the GFP flags that try it first:
 *   drain it: every block from that zone; it ends exactly at min, and
 *   the next order-0 allocation of that kind that it would serve fails
 *   free everything: every counter of every zone as before
 */
static void alloc_pages_exhaust_zone_restores_counters(struct ktest *t)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = zone_of(z);
		struct buddy_snapshot before, after;
		gfp_t gfp = gfp_first[z];

		if (!populated(zone))
			continue;
		buddy_snapshot_take(&before);
		KTEST_EXPECT_EQ(t, drain_zone(zone, gfp), 0);
		KTEST_EXPECT_EQ(t, zone->free_pages, zone->watermark[WMARK_MIN]);
		KTEST_EXPECT_EQ(t, buddy_check_zone(zone), 0);
		if (z == ZONE_DMA)
			KTEST_EXPECT_NULL(t, alloc_page(GFP_DMA | __GFP_NOWARN));
		release_all();
		buddy_snapshot_take(&after);
		buddy_snapshot_expect_equal(t, &before, &after);
	}
}

/*
 * DMA's min set to 64 for the case:
 * drain DMA with GFP_DMA:                  it stops at min            = 64
 * drain it with GFP_DMA|__GFP_HIGH:        min - min/2                = 32
 * drain it with GFP_DMA|GFP_ATOMIC:        32 - 32/4 (3/8 of min)     = 24
 * after each: the next allocation of that kind fails
 */
static void alloc_pages_atomic_reaches_3_8_of_min(struct ktest *t)
{
	struct zone *dma = zone_of(ZONE_DMA);

	KTEST_ASSERT_GE(t, dma->free_pages, 64 + 64 + 1);
	set_min_watermark(dma, 64);
	KTEST_EXPECT_EQ(t, gfp_min_mark(dma, GFP_DMA), 64);
	KTEST_EXPECT_EQ(t, gfp_min_mark(dma, GFP_DMA | __GFP_HIGH), 32);
	KTEST_EXPECT_EQ(t, gfp_min_mark(dma, GFP_DMA | GFP_ATOMIC), 24);
	KTEST_EXPECT_EQ(t, drain_zone(dma, GFP_DMA), 0);
	KTEST_EXPECT_EQ(t, dma->free_pages, 64);
	KTEST_EXPECT_NULL(t, alloc_page(GFP_DMA | __GFP_NOWARN));
	KTEST_EXPECT_EQ(t, drain_zone(dma, GFP_DMA | __GFP_HIGH), 0);
	KTEST_EXPECT_EQ(t, dma->free_pages, 32);
	KTEST_EXPECT_NULL(t, alloc_page(GFP_DMA | __GFP_HIGH | __GFP_NOWARN));
	KTEST_EXPECT_EQ(t, drain_zone(dma, GFP_ATOMIC | GFP_DMA), 0);
	KTEST_EXPECT_EQ(t, dma->free_pages, 24);
	KTEST_EXPECT_NULL(t, alloc_page(GFP_ATOMIC | GFP_DMA | __GFP_NOWARN));
	KTEST_EXPECT_EQ(t, buddy_check_zone(dma), 0);
}

/* The largest r with r * r <= x, counted up (the kernel's int_sqrt goes bit by bit). */
static unsigned long slow_sqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/*
 * The watermarks as Linux 6.1 sets them, recomputed from the zones:
 *   min_free_kbytes = sqrt(16 * lowmem KiB)
 *   share = min_free_kbytes / 4 * managed / lowmem managed
 *   min = share (HighMem: managed / 1024 in [32, 128])
 *   gap = max(share / 4, managed * watermark_scale_factor / 10000)
 *   low = min + gap, high = min + 2 * gap
 */
static void setup_per_zone_wmarks_follow_scale_factor(struct ktest *t)
{
	unsigned long lowmem = zone_of(ZONE_DMA)->managed_pages + zone_of(ZONE_NORMAL)->managed_pages;
	unsigned long min_pages;

	KTEST_EXPECT_EQ(t, watermark_scale_factor, 10);
	KTEST_EXPECT_EQ(t, (unsigned long)min_free_kbytes, slow_sqrt(16 * lowmem * 4));
	min_pages = (unsigned long)min_free_kbytes / 4;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = zone_of(z);
		unsigned long share = (unsigned long)((unsigned long long)min_pages *
						      zone->managed_pages / lowmem);
		unsigned long min = share, gap;

		if (!populated(zone))
			continue;
		if (z == ZONE_HIGHMEM)
			min = clamp(zone->managed_pages / 1024, 32UL, 128UL);
		gap = max(share / 4, zone->managed_pages / 1000);
		KTEST_EXPECT_EQ(t, zone->watermark[WMARK_MIN], min);
		KTEST_EXPECT_EQ(t, zone->watermark[WMARK_LOW], min + gap);
		KTEST_EXPECT_EQ(t, zone->watermark[WMARK_HIGH], min + 2 * gap);
	}
}

/*
 * lowmem_reserve (zoneinfo's "protection:"), from the managed pages:
 *   DMA:    (0, Normal / 256, (Normal + HighMem) / 256)
 *   Normal: (0, 0, HighMem / 32)
 *   HighMem: (0, 0, 0)
 */
static void setup_per_zone_lowmem_reserve_ratios(struct ktest *t)
{
	const struct zone *dma = zone_of(ZONE_DMA), *normal = zone_of(ZONE_NORMAL),
			  *high = zone_of(ZONE_HIGHMEM);

	KTEST_EXPECT_EQ(t, dma->lowmem_reserve[ZONE_DMA], 0);
	KTEST_EXPECT_EQ(t, dma->lowmem_reserve[ZONE_NORMAL], normal->managed_pages / 256);
	KTEST_EXPECT_EQ(t, dma->lowmem_reserve[ZONE_HIGHMEM],
			(normal->managed_pages + high->managed_pages) / 256);
	KTEST_EXPECT_EQ(t, normal->lowmem_reserve[ZONE_NORMAL], 0);
	KTEST_EXPECT_EQ(t, normal->lowmem_reserve[ZONE_HIGHMEM],
			populated(normal) ? high->managed_pages / 32 : 0);
	for (int c = 0; c < MAX_NR_ZONES; c++)
		KTEST_EXPECT_EQ(t, high->lowmem_reserve[c], 0);
}

/*
 * (machines with highmem) Lowmem exhausted by user pages while highmem
 * is free -- the case lowmem_reserve exists for:
 * drain HighMem with GFP_HIGHUSER:  it stops at its min (128 pages stay free)
 * drain Normal with GFP_HIGHUSER:   it stops at min + HighMem/32 (68 MiB at 4 GiB)
 * drain DMA with GFP_HIGHUSER:      it stops at min + (Normal + HighMem)/256
 * after: GFP_HIGHUSER fails; GFP_KERNEL still gets Normal's protected
 *        pages, exactly lowmem_reserve[HighMem] of them, every one from Normal
 */
static void alloc_pages_highuser_stops_at_normal_reserve(struct ktest *t)
{
	struct zone *high = zone_of(ZONE_HIGHMEM), *normal = zone_of(ZONE_NORMAL),
		    *dma = zone_of(ZONE_DMA);
	unsigned long reserve = normal->lowmem_reserve[ZONE_HIGHMEM], got = 0;
	struct page *p;

	if (!populated(high))
		ktest_skip(t, "no highmem on this machine");
	KTEST_ASSERT_NE(t, reserve, 0);
	KTEST_EXPECT_EQ(t, drain_zone(high, GFP_HIGHUSER), 0);
	KTEST_EXPECT_EQ(t, high->free_pages, high->watermark[WMARK_MIN]);
	KTEST_ASSERT_GE(t, normal->free_pages, normal->watermark[WMARK_MIN] + reserve + 1);
	KTEST_EXPECT_EQ(t, drain_zone(normal, GFP_HIGHUSER), 0);
	KTEST_EXPECT_EQ(t, normal->free_pages, normal->watermark[WMARK_MIN] + reserve);
	if (dma->free_pages > mark_for(dma, GFP_HIGHUSER)) {
		KTEST_EXPECT_EQ(t, drain_zone(dma, GFP_HIGHUSER), 0);
		KTEST_EXPECT_EQ(t, dma->free_pages, mark_for(dma, GFP_HIGHUSER));
	}
	KTEST_EXPECT_NULL(t, alloc_page(GFP_HIGHUSER | __GFP_NOWARN));
	KTEST_EXPECT_GT(t, high->free_pages, 0);

	while ((p = alloc_page(GFP_KERNEL | __GFP_NOWARN)) && page_zone(p) == normal) {
		hold(p);
		got++;
	}
	if (p)
		hold(p);
	KTEST_EXPECT_EQ(t, got, reserve);
	KTEST_EXPECT_EQ(t, normal->free_pages, normal->watermark[WMARK_MIN]);
}

/*
 * (machines with Normal) the same one zone down:
 * drain Normal with GFP_KERNEL:  it stops at its min
 * drain DMA with GFP_KERNEL:     it stops at min + Normal/256
 * after: GFP_KERNEL fails; GFP_DMA still gets DMA's protected pages
 */
static void alloc_pages_kernel_stops_at_dma_reserve(struct ktest *t)
{
	struct zone *normal = zone_of(ZONE_NORMAL), *dma = zone_of(ZONE_DMA);
	unsigned long reserve = dma->lowmem_reserve[ZONE_NORMAL];
	struct page *p;

	if (!populated(normal))
		ktest_skip(t, "no Normal zone on this machine");
	if (!reserve)
		ktest_skip(t, "Normal has fewer than 256 pages: DMA's reserve for it rounds down to 0");
	KTEST_EXPECT_EQ(t, drain_zone(normal, GFP_KERNEL), 0);
	KTEST_EXPECT_EQ(t, normal->free_pages, normal->watermark[WMARK_MIN]);
	KTEST_ASSERT_GE(t, dma->free_pages, dma->watermark[WMARK_MIN] + reserve + 1);
	KTEST_EXPECT_EQ(t, drain_zone(dma, GFP_KERNEL), 0);
	KTEST_EXPECT_EQ(t, dma->free_pages, dma->watermark[WMARK_MIN] + reserve);
	KTEST_EXPECT_NULL(t, alloc_page(GFP_KERNEL | __GFP_NOWARN));
	p = alloc_page(GFP_DMA | __GFP_NOWARN);
	KTEST_ASSERT_NOT_NULL(t, p);
	hold(p);
	KTEST_EXPECT_EQ(t, page_zonenum(p), ZONE_DMA);
}

/*
 * DMA drained to min; alloc_page(GFP_DMA) without __GFP_NOWARN
 * -> NULL, a "page allocation failure: order:0, mode:0x1(GFP_DMA)" line,
 *    and no counter moves
 */
static void alloc_pages_failure_returns_null(struct ktest *t)
{
	struct buddy_snapshot before, after;

	KTEST_EXPECT_EQ(t, drain_zone(zone_of(ZONE_DMA), GFP_DMA), 0);
	buddy_snapshot_take(&before);
	KTEST_EXPECT_NULL(t, alloc_page(GFP_DMA));
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_DMA | __GFP_NOWARN, 3));
	buddy_snapshot_take(&after);
	buddy_snapshot_expect_equal(t, &before, &after);
}

/* alloc_pages(.., MAX_ORDER) and above: NULL (a warning), nothing taken */
static void alloc_pages_order_too_large_fails(struct ktest *t)
{
	struct buddy_snapshot before, after;

	buddy_snapshot_take(&before);
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL, MAX_ORDER));
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 31));
	buddy_snapshot_take(&after);
	buddy_snapshot_expect_equal(t, &before, &after);
}

/*
 * __get_free_pages(GFP_HIGHUSER) and (__GFP_HIGHMEM): the flag is cleared,
 * as in Linux 6.1: a lowmem page at its direct-map address, no report,
 * HighMem untouched; __get_free_pages(GFP_KERNEL, 1) -> the direct-map
 * address of an order-1 block; free_pages() of each restores everything
 */
static void __get_free_pages_clears_highmem_flag(struct ktest *t)
{
	struct buddy_snapshot before, after;
	unsigned long reports = report_state.total, addr;
	struct page *p;

	buddy_snapshot_take(&before);
	addr = __get_free_pages(GFP_HIGHUSER, 0);
	KTEST_ASSERT_NE(t, addr, 0);
	KTEST_EXPECT_FALSE(t, PageHighMem(virt_to_page(addr)));
	KTEST_EXPECT_EQ(t, zone_of(ZONE_HIGHMEM)->free_pages, before.free_pages[ZONE_HIGHMEM]);
	free_page(addr);
	addr = __get_free_page(__GFP_HIGHMEM);
	KTEST_ASSERT_NE(t, addr, 0);
	KTEST_EXPECT_FALSE(t, PageHighMem(virt_to_page(addr)));
	free_page(addr);
	KTEST_EXPECT_EQ(t, report_state.total, reports);
	buddy_snapshot_take(&after);
	buddy_snapshot_expect_equal(t, &before, &after);

	addr = __get_free_pages(GFP_KERNEL, 1);
	KTEST_ASSERT_NE(t, addr, 0);
	p = virt_to_page(addr);
	KTEST_EXPECT_PTR_EQ(t, lowmem_page_address(p), (void *)addr);
	KTEST_EXPECT_EQ(t, page_count(p), 1);
	KTEST_EXPECT_EQ(t, p->private, 1);
	free_pages(addr, 1);
	free_pages(0, 3);			/* a no-op */
	buddy_snapshot_take(&after);
	buddy_snapshot_expect_equal(t, &before, &after);
}

/*
 * Make the zone GFP_KERNEL tries first (Normal; DMA on a 16 MiB machine)
 * hand out a known dirty block: its watermarks to 0 and its per-CPU
 * lists off (so the blocks below are the buddy allocator's), drain it completely,
 * fill one held block of order k >= 3 at pfn X with 0xa5, free it:
 *   before: [ok: X] is the zone's only free block
 *   alloc_pages(GFP_KERNEL|__GFP_ZERO, 0)  -> X          zeroed
 *   get_zeroed_page(GFP_KERNEL)            -> X+1        zeroed
 *   alloc_pages(GFP_KERNEL|__GFP_ZERO, 1)  -> X+2..X+3   zeroed
 *   X+4, never handed out, still reads 0xa5
 */
static void alloc_pages_zero_clears_lowmem(struct ktest *t)
{
	struct zone *zone = populated(zone_of(ZONE_NORMAL)) ? zone_of(ZONE_NORMAL) : zone_of(ZONE_DMA);
	struct page *x = NULL, *p;
	unsigned int k = 0;
	unsigned long addr;

	zero_watermarks(zone);
	pcp_lists_off(zone);
	KTEST_EXPECT_EQ(t, drain_zone(zone, GFP_KERNEL), 0);
	KTEST_ASSERT_EQ(t, zone->free_pages, 0);
	list_for_each_entry(p, &held, lru) {
		if (page_zone(p) == zone && p->private >= 3) {
			x = p;
			break;
		}
	}
	KTEST_ASSERT_NOT_NULL(t, x);
	k = x->private;
	list_del(&x->lru);
	memset(lowmem_page_address(x), 0xa5, PAGE_SIZE << k);
	__free_pages(x, k);
	KTEST_ASSERT_EQ(t, zone->free_pages, 1UL << k);

	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	KTEST_ASSERT_NOT_NULL(t, p);
	hold(p);
	KTEST_EXPECT_PTR_EQ(t, p, x);
	KTEST_EXPECT_TRUE(t, all_bytes(lowmem_page_address(p), 0, PAGE_SIZE));

	addr = get_zeroed_page(GFP_KERNEL);
	KTEST_ASSERT_NE(t, addr, 0);
	hold(virt_to_page(addr));
	KTEST_EXPECT_PTR_EQ(t, virt_to_page(addr), x + 1);
	KTEST_EXPECT_TRUE(t, all_bytes((void *)addr, 0, PAGE_SIZE));

	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 1);
	KTEST_ASSERT_NOT_NULL(t, p);
	hold(p);
	KTEST_EXPECT_PTR_EQ(t, p, x + 2);
	KTEST_EXPECT_TRUE(t, all_bytes(lowmem_page_address(p), 0, 2 * PAGE_SIZE));

	KTEST_EXPECT_TRUE(t, all_bytes(lowmem_page_address(x + 4), 0xa5, PAGE_SIZE));
}

/*
 * (machines with highmem) The same for a HighMem page, read back through
 * kmap_local_page(): drain HighMem completely, dirty one held page X,
 * free it; alloc_page(GFP_HIGHUSER|__GFP_ZERO) -> X, zeroed
 */
static void alloc_pages_zero_clears_highmem(struct ktest *t)
{
	struct zone *high = zone_of(ZONE_HIGHMEM);
	struct page *x, *p;
	void *v;
	bool zero;

	if (!populated(high))
		ktest_skip(t, "no highmem on this machine");
	ktest_needs_mmu(t);	/* writes and reads through kmap_local */
	zero_watermarks(high);
	KTEST_EXPECT_EQ(t, drain_zone(high, GFP_HIGHUSER), 0);
	KTEST_ASSERT_EQ(t, high->free_pages, 0);
	x = NULL;
	list_for_each_entry(p, &held, lru) {
		if (PageHighMem(p)) {
			x = p;
			break;
		}
	}
	KTEST_ASSERT_NOT_NULL(t, x);
	list_del(&x->lru);
	v = kmap_local_page(x);
	memset(v, 0xa5, PAGE_SIZE);
	kunmap_local(v);
	__free_pages(x, x->private);

	p = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	KTEST_ASSERT_NOT_NULL(t, p);
	hold(p);
	KTEST_EXPECT_PTR_EQ(t, p, x);
	v = kmap_local_page(p);
	zero = all_bytes(v, 0, PAGE_SIZE);
	kunmap_local(v);
	KTEST_EXPECT_TRUE(t, zero);
}

/*
 * alloc o0 p, free it: p is (in) a free block
 * __free_page(p) again -> "Bad page state: page is already free",
 * and no counter moves; the same for an order 3 block
 */
static void __free_pages_double_free_reported(struct ktest *t)
{
	static const unsigned int orders[] = { 0, 3 };

	for (unsigned int i = 0; i < ARRAY_SIZE(orders); i++) {
		struct buddy_snapshot before, after;
		struct page *p = alloc_pages(GFP_KERNEL, orders[i]);

		KTEST_ASSERT_NOT_NULL(t, p);
		__free_pages(p, orders[i]);
		buddy_snapshot_take(&before);
		KTEST_EXPECT_REPORT(t, __free_pages(p, orders[i]), "Bad page state",
				    "page is already free");
		KTEST_EXPECT_EQ(t, page_count(p), 0);
		buddy_snapshot_take(&after);
		buddy_snapshot_expect_equal(t, &before, &after);
	}
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
}

/*
 * the first page of the kernel image: PG_reserved, never the allocator's
 * __free_page / put_page of it -> "Bad page state: page is reserved";
 * its flags and count are untouched and no counter moves
 */
static void __free_pages_reserved_page_reported(struct ktest *t)
{
	struct page *p = virt_to_page(_text);
	struct buddy_snapshot before, after;
	unsigned long flags = p->flags;
	int count = page_count(p);

	KTEST_ASSERT_TRUE(t, PageReserved(p));
	buddy_snapshot_take(&before);
	KTEST_EXPECT_REPORT(t, __free_page(p), "Bad page state", "page is reserved");
	KTEST_EXPECT_REPORT(t, put_page(p), "Bad page state", "page is reserved");
	KTEST_EXPECT_EQ(t, p->flags, flags);
	KTEST_EXPECT_EQ(t, page_count(p), count);
	buddy_snapshot_take(&after);
	buddy_snapshot_expect_equal(t, &before, &after);
}

/*
 * alloc o2 p (private 2):
 *   __free_pages(p, 1), __free_pages(p, 3) -> "freed with the wrong order",
 *   p still allocated (refcount 1, nothing freed)
 * alloc o1 q: put_page(q) (order 0) -> the same report
 * __free_pages(p, 2), __free_pages(q, 1) free them
 */
static void __free_pages_wrong_order_reported(struct ktest *t)
{
	struct buddy_snapshot before, after;
	struct page *p, *q;

	buddy_snapshot_take(&before);
	p = alloc_pages(GFP_KERNEL, 2);
	KTEST_ASSERT_NOT_NULL(t, p);
	hold(p);
	q = alloc_pages(GFP_KERNEL, 1);
	KTEST_ASSERT_NOT_NULL(t, q);
	hold(q);
	buddy_snapshot_take(&after);

	KTEST_EXPECT_REPORT(t, __free_pages(p, 1), "Bad page state", "freed with the wrong order");
	KTEST_EXPECT_REPORT(t, __free_pages(p, 3), "Bad page state", "freed with the wrong order");
	KTEST_EXPECT_REPORT(t, put_page(q), "Bad page state", "freed with the wrong order");
	KTEST_EXPECT_EQ(t, page_count(p), 1);
	KTEST_EXPECT_EQ(t, page_count(q), 1);
	{
		struct buddy_snapshot now;

		buddy_snapshot_take(&now);
		buddy_snapshot_expect_equal(t, &after, &now);
	}
	release_all();
	buddy_snapshot_take(&after);
	buddy_snapshot_expect_equal(t, &before, &after);
}

/*
 * alloc o1 p: p refcount 1, p+1 refcount 0
 *   put_page(p + 1) -> "refcount underflow" (p+1 is not a block of its own)
 * alloc o0 q, its count forced to 0 (one put too many):
 *   __free_page(q) -> "refcount underflow"
 * neither page changes; both are then freed properly
 */
static void put_page_refcount_underflow_reported(struct ktest *t)
{
	struct buddy_snapshot before, now;
	struct page *p, *q;

	p = alloc_pages(GFP_KERNEL, 1);
	KTEST_ASSERT_NOT_NULL(t, p);
	hold(p);
	q = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, q);
	buddy_snapshot_take(&before);

	KTEST_EXPECT_REPORT(t, put_page(p + 1), "Bad page state", "refcount underflow");
	KTEST_EXPECT_EQ(t, page_count(p + 1), 0);
	KTEST_EXPECT_EQ(t, page_count(p), 1);
	set_page_count(q, 0);
	KTEST_EXPECT_REPORT(t, __free_page(q), "Bad page state", "refcount underflow");
	KTEST_EXPECT_EQ(t, page_count(q), 0);
	set_page_count(q, 1);
	hold(q);
	buddy_snapshot_take(&now);
	buddy_snapshot_expect_equal(t, &before, &now);
}

/*
 * (DEBUG_VM) alloc o2 p; page p+3 gets a user through some other path
 * (its count set to 1): __free_pages(p, 2) -> "nonzero refcount"; the
 * block stays allocated (p's count 1, nothing freed). With p+3's count
 * back at 0, __free_pages(p, 2) frees it.
 */
static void __free_pages_nonzero_refcount_reported(struct ktest *t)
{
	struct buddy_snapshot before, now;
	struct page *p;

	if (!IS_ENABLED(CONFIG_DEBUG_VM))
		ktest_skip(t, "non-head pages are only checked with DEBUG_VM=1");
	buddy_snapshot_take(&before);
	p = alloc_pages(GFP_KERNEL, 2);
	KTEST_ASSERT_NOT_NULL(t, p);
	buddy_snapshot_take(&now);
	set_page_count(p + 3, 1);
	KTEST_EXPECT_REPORT(t, __free_pages(p, 2), "Bad page state", "nonzero refcount");
	set_page_count(p + 3, 0);
	KTEST_EXPECT_EQ(t, page_count(p), 1);
	{
		struct buddy_snapshot after_report;

		buddy_snapshot_take(&after_report);
		buddy_snapshot_expect_equal(t, &now, &after_report);
	}
	__free_pages(p, 2);
	buddy_snapshot_take(&now);
	buddy_snapshot_expect_equal(t, &before, &now);
}

/*
 * alloc p (count 1); get_page(p) -> 2
 * put_page(p) -> 1: not a bug, nothing freed
 * __free_page(p) -> 0: freed, every counter as before
 */
static void put_page_drops_one_reference(struct ktest *t)
{
	struct buddy_snapshot before, mid, after;
	struct page *p;

	buddy_snapshot_take(&before);
	p = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	get_page(p);
	KTEST_EXPECT_EQ(t, page_count(p), 2);
	buddy_snapshot_take(&mid);
	put_page(p);
	KTEST_EXPECT_EQ(t, page_count(p), 1);
	KTEST_EXPECT_FALSE(t, PageBuddy(p));
	buddy_snapshot_take(&after);
	buddy_snapshot_expect_equal(t, &mid, &after);
	__free_page(p);
	KTEST_EXPECT_EQ(t, page_count(p), 0);
	buddy_snapshot_take(&after);
	buddy_snapshot_expect_equal(t, &before, &after);
}

/*
 * alloc_pages(GFP_KERNEL|__GFP_COMP, 2): p is PG_head, p+1..p+3 PG_tail
 * with compound_head p; put_page(p + 2) drops the block's only reference
 * and frees all 4 pages; the head/tail marks are gone
 */
static void alloc_pages_comp_marks_tail_pages(struct ktest *t)
{
	struct buddy_snapshot before, after;
	unsigned long bad = 0;
	struct page *p;

	buddy_snapshot_take(&before);
	p = alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, PageHead(p));
	KTEST_EXPECT_FALSE(t, PageTail(p));
	for (int i = 1; i < 4; i++)
		bad += !PageTail(p + i) || p[i].compound_head != p;
	KTEST_EXPECT_EQ(t, bad, 0);
	put_page(p + 2);
	KTEST_EXPECT_FALSE(t, PageHead(p));
	bad = 0;
	for (int i = 1; i < 4; i++)
		bad += PageTail(p + i);
	KTEST_EXPECT_EQ(t, bad, 0);
	buddy_snapshot_take(&after);
	buddy_snapshot_expect_equal(t, &before, &after);
}

/* after all cases: every zone's counters equal the baseline of case 1 */
static void alloc_pages_nothing_leaked(struct ktest *t)
{
	struct buddy_snapshot now;

	buddy_snapshot_take(&now);
	buddy_snapshot_expect_equal(t, &baseline, &now);
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
}

static void page_alloc_case_exit(struct ktest *t)
{
	release_all();
	restore_watermarks();
	pcp_lists_restore();
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
}

static const struct ktest_case page_alloc_cases[] = {
	KTEST_CASE(alloc_pages_boot_state_consistent),
	KTEST_CASE(alloc_pages_every_order),
	KTEST_CASE(alloc_pages_normal_falls_back_to_dma),
	KTEST_CASE(alloc_pages_highuser_prefers_highmem),
	KTEST_CASE(alloc_pages_dma_stays_below_16m),
	KTEST_CASE(alloc_pages_kernel_never_highmem),
	KTEST_CASE(alloc_pages_exhaust_zone_restores_counters),
	KTEST_CASE(alloc_pages_atomic_reaches_3_8_of_min),
	KTEST_CASE(setup_per_zone_wmarks_follow_scale_factor),
	KTEST_CASE(setup_per_zone_lowmem_reserve_ratios),
	KTEST_CASE(alloc_pages_highuser_stops_at_normal_reserve),
	KTEST_CASE(alloc_pages_kernel_stops_at_dma_reserve),
	KTEST_CASE(alloc_pages_failure_returns_null),
	KTEST_CASE(alloc_pages_order_too_large_fails),
	KTEST_CASE(__get_free_pages_clears_highmem_flag),
	KTEST_CASE(alloc_pages_zero_clears_lowmem),
	KTEST_CASE(alloc_pages_zero_clears_highmem),
	KTEST_CASE(__free_pages_double_free_reported),
	KTEST_CASE(__free_pages_reserved_page_reported),
	KTEST_CASE(__free_pages_wrong_order_reported),
	KTEST_CASE(put_page_refcount_underflow_reported),
	KTEST_CASE(__free_pages_nonzero_refcount_reported),
	KTEST_CASE(put_page_drops_one_reference),
	KTEST_CASE(alloc_pages_comp_marks_tail_pages),
	KTEST_CASE(alloc_pages_nothing_leaked),
	{}
};
KTEST_SUITE(page_alloc) = {
	.name = "page_alloc", .cases = page_alloc_cases, .exit = page_alloc_case_exit,
};
