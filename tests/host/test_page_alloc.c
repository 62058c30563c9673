// SPDX-License-Identifier: MIT
/*
 * mm/page_alloc.c, what mm/tests/page_alloc_test.c (which runs here too,
 * as ktest.page_alloc.*) cannot check in QEMU: GFP zones and fallback,
 * watermarks, lowmem_reserve and __GFP_ZERO pfn by pfn on tiny machines
 * with zone edges QEMU cannot build (highmem inside the arena), the
 * watermark arithmetic with managed counts no QEMU machine has, console
 * lines, and the boot hand-off before anything allocates. __GFP_COMP,
 * refcounts, __get_free_pages() and the misuse reports are in the suite.
 * Tiny machines are written DMA [a, b) Normal [b, c) HighMem [c, d).
 */
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mm.h>

#include "buddy.h"
#include "tests/mm_test.h"
#include "ht.h"
#include "machine.h"

static struct zone *zone(int z)
{
	return &NODE_DATA(0)->node_zones[z];
}

#define EXPECT_CONSISTENT() do {					\
	for (int __z = 0; __z < MAX_NR_ZONES; __z++)			\
		EXPECT_EQ(buddy_check_zone(zone(__z)), 0);		\
} while (0)

/* DMA [1, 16) Normal [16, 32) HighMem [32, 48), all free, watermarks 0 */
static void three_small_zones(void)
{
	machine_tiny(16, 32, 48);
	machine_free_range(1, 48);
}

/* host-only: tiny machine: the fallback order page by page */
HT_TEST(alloc_pages_fallback_highmem_normal_dma)
{
	/*
	 * GFP_HIGHUSER takes HighMem's 16 pages, then Normal's 16, then
	 * DMA's 15, then fails (with a report line unless __GFP_NOWARN).
	 */
	three_small_zones();
	for (int i = 0; i < 16; i++) {
		struct page *p = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, 0);

		ASSERT(p != NULL);
		EXPECT_EQ(page_zonenum(p), ZONE_HIGHMEM);
	}
	for (int i = 0; i < 16; i++)
		EXPECT_EQ(page_zonenum(alloc_pages(GFP_HIGHUSER, 0)), ZONE_NORMAL);
	for (int i = 0; i < 15; i++)
		EXPECT_EQ(page_zonenum(alloc_pages(GFP_HIGHUSER, 0)), ZONE_DMA);
	EXPECT(alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, 0) == NULL);
	EXPECT_LOG_COUNT("page allocation failure", 0);
	EXPECT(alloc_pages(GFP_HIGHUSER, 0) == NULL);
	EXPECT_LOG_COUNT("page allocation failure", 1);
	EXPECT_CONSISTENT();
}

/* host-only: tiny machine: HighMem left all free */
HT_TEST(alloc_pages_gfp_kernel_never_highmem)
{
	/* HighMem all free, Normal and DMA exhausted: GFP_KERNEL fails */
	three_small_zones();
	for (int i = 0; i < 31; i++)
		EXPECT(page_zonenum(alloc_pages(GFP_KERNEL, 0)) != ZONE_HIGHMEM);
	EXPECT(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0) == NULL);
	EXPECT_EQ(zone(ZONE_HIGHMEM)->free_pages, 16);
}

/* host-only: tiny machine: exact pfns in DMA */
HT_TEST(alloc_pages_gfp_dma_only_dma)
{
	/* DMA [1, 16): order 3 fits once (8-15), then order 0 x7, then nothing */
	three_small_zones();
	EXPECT_EQ(page_to_pfn(alloc_pages(GFP_DMA, 3)), 8);
	for (int i = 0; i < 7; i++)
		EXPECT_EQ(page_zonenum(alloc_pages(GFP_DMA, 0)), ZONE_DMA);
	EXPECT(alloc_pages(GFP_DMA | __GFP_NOWARN, 0) == NULL);
	EXPECT_EQ(zone(ZONE_NORMAL)->free_pages, 16);
}

/* host-only: the console line (the suite cannot read the console) */
HT_TEST(alloc_pages_order_too_large_warns)
{
	three_small_zones();
	EXPECT(alloc_pages(GFP_KERNEL, MAX_ORDER) == NULL);
	EXPECT_LOG_COUNT("order 11 is too large", 1);
	EXPECT(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER) == NULL);
	EXPECT_LOG_COUNT("order 11 is too large", 1);
}

/* host-only: tiny machine: watermarks set to exact small numbers */
HT_TEST(alloc_pages_respects_min_watermark)
{
	/*
	 * Normal [16, 32) free 16, min 8: GFP_KERNEL may take pages while
	 * 8 stay free: 8 pages, then DMA (closed here) says no.
	 * __GFP_HIGH may go down to min - min/2 = 4: 4 more.
	 * GFP_ATOMIC (__GFP_HIGH | __GFP_ATOMIC) to 4 - 4/4 = 3: 1 more.
	 */
	three_small_zones();
	zone(ZONE_NORMAL)->watermark[WMARK_MIN] = 8;
	zone(ZONE_DMA)->watermark[WMARK_MIN] = 100;	/* DMA closed */
	for (int i = 0; i < 8; i++)
		EXPECT_EQ(page_zonenum(alloc_pages(GFP_KERNEL, 0)), ZONE_NORMAL);
	EXPECT(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0) == NULL);
	EXPECT_EQ(zone(ZONE_NORMAL)->free_pages, 8);
	for (int i = 0; i < 4; i++)
		EXPECT(alloc_pages(GFP_KERNEL | __GFP_HIGH, 0) != NULL);
	EXPECT(alloc_pages(GFP_KERNEL | __GFP_HIGH | __GFP_NOWARN, 0) == NULL);
	EXPECT_EQ(zone(ZONE_NORMAL)->free_pages, 4);
	EXPECT(alloc_pages(GFP_ATOMIC, 0) != NULL);
	EXPECT(alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0) == NULL);
	EXPECT_EQ(zone(ZONE_NORMAL)->free_pages, 3);
}

/* host-only: tiny machine: reserves set to exact small numbers */
HT_TEST(alloc_pages_lowmem_reserve_stops_fallback)
{
	/*
	 * DMA [1, 16), Normal [16, 32), HighMem [32, 48), min 0, and Normal
	 * keeping 6 pages back from GFP_HIGHUSER (lowmem_reserve[HighMem]),
	 * DMA 15 (all of it) back from both:
	 * GFP_HIGHUSER: HighMem's 16, then Normal's 16 - 6 = 10, then NULL;
	 * GFP_KERNEL still gets Normal's last 6 pages.
	 */
	three_small_zones();
	zone(ZONE_NORMAL)->lowmem_reserve[ZONE_HIGHMEM] = 6;
	zone(ZONE_DMA)->lowmem_reserve[ZONE_NORMAL] = 15;
	zone(ZONE_DMA)->lowmem_reserve[ZONE_HIGHMEM] = 15;
	for (int i = 0; i < 16; i++)
		EXPECT_EQ(page_zonenum(alloc_pages(GFP_HIGHUSER, 0)), ZONE_HIGHMEM);
	for (int i = 0; i < 10; i++)
		EXPECT_EQ(page_zonenum(alloc_pages(GFP_HIGHUSER, 0)), ZONE_NORMAL);
	EXPECT(alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, 0) == NULL);
	EXPECT_EQ(zone(ZONE_NORMAL)->free_pages, 6);
	for (int i = 0; i < 6; i++)
		EXPECT_EQ(page_zonenum(alloc_pages(GFP_KERNEL, 0)), ZONE_NORMAL);
	EXPECT(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0) == NULL);
	EXPECT_EQ(zone(ZONE_DMA)->free_pages, 15);
	EXPECT_EQ(page_zonenum(alloc_pages(GFP_DMA, 0)), ZONE_DMA);	/* DMA's own class: no reserve */
	EXPECT_CONSISTENT();
}

/* host-only: managed counts no QEMU machine has, and an empty DMA zone */
HT_TEST(setup_per_zone_lowmem_reserve_set_counts)
{
	/*
	 * DMA 4000, Normal 200000, HighMem 320000 managed pages:
	 *   DMA    protection: (0, 200000/256 = 781, 520000/256 = 2031)
	 *   Normal protection: (0, 0, 320000/32 = 10000)
	 *   HighMem protection: (0, 0, 0)
	 */
	ASSERT_EQ(machine_boot("pc", 1ULL << 30, ""), -1);
	zone(ZONE_DMA)->managed_pages = 4000;
	zone(ZONE_NORMAL)->managed_pages = 200000;
	zone(ZONE_HIGHMEM)->managed_pages = 320000;
	setup_per_zone_wmarks();
	EXPECT_EQ(zone(ZONE_DMA)->lowmem_reserve[ZONE_DMA], 0);
	EXPECT_EQ(zone(ZONE_DMA)->lowmem_reserve[ZONE_NORMAL], 781);
	EXPECT_EQ(zone(ZONE_DMA)->lowmem_reserve[ZONE_HIGHMEM], 2031);
	EXPECT_EQ(zone(ZONE_NORMAL)->lowmem_reserve[ZONE_DMA], 0);
	EXPECT_EQ(zone(ZONE_NORMAL)->lowmem_reserve[ZONE_NORMAL], 0);
	EXPECT_EQ(zone(ZONE_NORMAL)->lowmem_reserve[ZONE_HIGHMEM], 10000);
	for (int c = 0; c < MAX_NR_ZONES; c++)
		EXPECT_EQ(zone(ZONE_HIGHMEM)->lowmem_reserve[c], 0);
	/* an empty zone protects nothing */
	zone(ZONE_DMA)->managed_pages = 0;
	setup_per_zone_wmarks();
	EXPECT_EQ(zone(ZONE_DMA)->lowmem_reserve[ZONE_HIGHMEM], 0);
}

/* host-only: tiny machine: a HighMem page inside the arena */
HT_TEST(alloc_pages_gfp_zero_clears_lowmem_and_highmem)
{
	/* dirty every page's memory first; __GFP_ZERO must clear the block */
	struct page *p, *h;

	three_small_zones();
	memset(__va(0), 0x5a, 48 << 12);
	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 3);
	h = alloc_pages(GFP_HIGHUSER | __GFP_ZERO, 2);
	ASSERT(p && h);
	EXPECT_EQ(page_zonenum(h), ZONE_HIGHMEM);
	EXPECT(memchr_inv(page_address(p), 0, 8 << 12) == NULL);
	EXPECT(memchr_inv(__va(page_to_phys(h)), 0, 4 << 12) == NULL);
	/* and not one byte more */
	EXPECT_EQ(*(u8 *)__va(page_to_phys(p + 8)), 0x5a);
}

/* --- on machines booted with the real boot path ------------------------------ */

/* host-only: right after mem_init(), before anything allocates; console lines */
HT_TEST(memblock_free_pages_boot_handoff_pc_64m)
{
	/*
	 * pc 64M: mem_init() gives every free memblock page to the buddy
	 * allocator; afterwards the free lists agree with the counters and
	 * every managed page is free.
	 */
	unsigned long free = 0;

	ASSERT_EQ(machine_boot_buddy("pc", 64ULL << 20, ""), -1);
	EXPECT_CONSISTENT();
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		EXPECT_EQ(zone(z)->free_pages, zone(z)->managed_pages);
		free += zone(z)->free_pages;
	}
	EXPECT_EQ(free, totalram_pages);
	EXPECT_LOG_LINE("Zonelist DMA = DMA");
	EXPECT_LOG_LINE("Zonelist Normal = Normal DMA");
}

/* host-only: managed counts no QEMU machine has */
HT_TEST(setup_per_zone_wmarks_scale_factor_gap)
{
	/*
	 * DMA 4000 + Normal 500000 managed (a VMSPLIT=2G-sized lowmem):
	 * min_free_kbytes = sqrt(16 * 2016000) = 5679 -> 1419 pages;
	 * Normal min = 1419 * 500000 / 504000 = 1407, min / 4 = 351 is less
	 * than 500000 * 10 / 10000 = 500: the gap is 500. HighMem 400000:
	 * share 1419 * 400000 / 504000 = 1126, / 4 = 281 < 400: gap 400, min
	 * the token 128. watermark_scale_factor 30 triples both gaps.
	 */
	ASSERT_EQ(machine_boot("pc", 1ULL << 30, ""), -1);
	zone(ZONE_DMA)->managed_pages = 4000;
	zone(ZONE_NORMAL)->managed_pages = 500000;
	zone(ZONE_HIGHMEM)->managed_pages = 400000;
	setup_per_zone_wmarks();
	EXPECT_EQ(min_free_kbytes, 5679);
	EXPECT_EQ(zone(ZONE_NORMAL)->watermark[WMARK_MIN], 1407);
	EXPECT_EQ(zone(ZONE_NORMAL)->watermark[WMARK_LOW], 1407 + 500);
	EXPECT_EQ(zone(ZONE_NORMAL)->watermark[WMARK_HIGH], 1407 + 1000);
	EXPECT_EQ(zone(ZONE_HIGHMEM)->watermark[WMARK_MIN], 128);
	EXPECT_EQ(zone(ZONE_HIGHMEM)->watermark[WMARK_LOW], 128 + 400);
	EXPECT_EQ(zone(ZONE_HIGHMEM)->watermark[WMARK_HIGH], 128 + 800);
	watermark_scale_factor = 30;
	setup_per_zone_wmarks();
	watermark_scale_factor = 10;
	EXPECT_EQ(zone(ZONE_NORMAL)->watermark[WMARK_LOW], 1407 + 1500);
	EXPECT_EQ(zone(ZONE_HIGHMEM)->watermark[WMARK_HIGH], 128 + 2400);
}

/* host-only: managed counts no QEMU machine has */
HT_TEST(setup_per_zone_wmarks_highmem_token_reserve)
{
	/* 1G machine: HighMem min = managed / 1024 clamped to [32, 128] */
	ASSERT_EQ(machine_boot("pc", 1ULL << 30, ""), -1);
	zone(ZONE_HIGHMEM)->managed_pages = 1000;
	zone(ZONE_NORMAL)->managed_pages = 200000;
	setup_per_zone_wmarks();
	EXPECT_EQ(zone(ZONE_HIGHMEM)->watermark[WMARK_MIN], 32);
	zone(ZONE_HIGHMEM)->managed_pages = 500000;
	setup_per_zone_wmarks();
	EXPECT_EQ(zone(ZONE_HIGHMEM)->watermark[WMARK_MIN], 128);
}
