// SPDX-License-Identifier: MIT
/*
 * How this works: watermarks and lowmem_reserve, the zones' reserves.
 *
 * Watermarks. min is a reserve for callers that cannot wait, above all
 * interrupt handlers (GFP_ATOMIC, which may not sleep for reclaim and so
 * must find memory now): __GFP_HIGH takes half of it off, __GFP_ATOMIC a
 * quarter of what is left, so GFP_ATOMIC (both) may go down to 3/8 of
 * min (gfp_min_mark) where GFP_KERNEL stops at min (the irq_alloc suite
 * shows it from a handler). low and high
 * are min plus one and two gaps, each the larger of a quarter of the
 * zone's share of min_free_kbytes and 0.1% of the zone
 * (watermark_scale_factor 10); they mean nothing yet (there is no
 * kswapd). setup_per_zone_wmarks has the numbers.
 *
 *
 * lowmem_reserve. A zone reached by fallback keeps part of itself back:
 * zone->lowmem_reserve[c] pages from any allocation whose first zone was
 * c. Normal keeps HighMem/32 from GFP_HIGHUSER (68 MiB at 4 GiB), DMA
 * keeps Normal/256 from GFP_KERNEL and (Normal + HighMem)/256 from
 * GFP_HIGHUSER, so user pages that could have lived in highmem cannot
 * use up the memory only the kernel can use. The fast path needs no
 * reserve: its zone is the first choice, or below it only empty zones,
 * whose managed pages add nothing. zoneinfo prints the array as
 * "protection: (...)".
 *
 * zone_watermark_ok() is the one test alloc_pages_slow() makes of each
 * zone it tries (the fast path in page_alloc.c makes a cheaper one that
 * needs no reserve term). setup_per_zone_wmarks() runs once the boot
 * hand-off has counted every zone's managed pages, and sizes the per-CPU
 * lists (setup_zone_pcp, mm/pcp.c) from the same numbers.
 *
 * Where it differs from Linux: the watermark rules (min_free_kbytes,
 * the highmem token min, watermark_scale_factor, __GFP_HIGH then
 * __GFP_ATOMIC, lowmem_reserve with ratios 256 and 32) are Linux 6.1's,
 * but Linux's first pass over the zones tests the low mark and wakes
 * kswapd before retrying at min; with no kswapd this kernel tests min at
 * once.
 */
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include "internal.h"
#include "pcp.h"

/*
 * How far below min a caller may go, as Linux 6.1: __GFP_HIGH (ALLOC_HIGH)
 * takes half of min away, then __GFP_ATOMIC (ALLOC_HARDER) a quarter of
 * what is left. GFP_ATOMIC has both, so it stops at 3/8 of min:
 *
 *   min 16:  plain 16,  __GFP_HIGH 16 - 8 = 8,  GFP_ATOMIC 8 - 2 = 6
 */
unsigned long gfp_min_mark(const struct zone *zone, gfp_t gfp)
{
	unsigned long min = zone->watermark[WMARK_MIN];

	if (gfp & __GFP_HIGH)
		min -= min / 2;
	if (gfp & __GFP_ATOMIC)
		min -= min / 4;
	return min;
}

/*
 * May @zone give 2^@order pages to a @gfp allocation whose first choice
 * was @classzone? Only if what is left stays at or above the caller's min
 * mark plus the part of @zone kept back from callers of that class
 * (lowmem_reserve[@classzone], 0 when @zone is the first choice). This is
 * Linux's "free - (2^order - 1) > mark + reserve".
 */
bool zone_watermark_ok(const struct zone *zone, unsigned int order, gfp_t gfp,
		       enum zone_type classzone)
{
	return zone->free_pages >= gfp_min_mark(zone, gfp) + zone->lowmem_reserve[classzone] +
				   (1UL << order);
}

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;

	/* the largest r with r * r <= x, one bit at a time from the top */
	for (unsigned long bit = 1UL << 15; bit; bit >>= 1)
		if ((r + bit) * (r + bit) <= x)
			r += bit;
	return r;
}

/*
 * The min watermark, as Linux derives it from min_free_kbytes (lowmem
 * KiB: the managed pages of DMA and Normal, what Linux's
 * nr_free_buffer_pages() counts at boot):
 *
 *   min_free_kbytes = sqrt(16 * lowmem KiB), clamped to [128, 262144]
 *     16 MiB -> sqrt(16 * 14300)  =  478 KiB = 119 pages
 *    128 MiB -> sqrt(16 * 129000) = 1436 KiB = 359 pages
 *    896 MiB -> sqrt(16 * 913000) = 3822 KiB = 955 pages
 *
 * shared between the lowmem zones in proportion to their managed pages
 * (so DMA's share on a 1 GiB machine is small). Highmem cannot hold
 * kernel data, so its min is a token reserve: managed / 1024, clamped to
 * [32, 128] pages. low and high sit above min by one and two gaps, where
 * gap = max(share / 4, managed * watermark_scale_factor / 10000), share
 * being the zone's proportional part of min_free_kbytes (for highmem the
 * uncapped one). With the default factor of 10 (0.1% of the zone):
 *
 *   zone (managed pages)          min   share/4  managed/1000   low   high
 *   Normal, 4 GiB (218,911)       927       231           218  1158   1389
 *   HighMem, 4 GiB (557,024)      128       589           557   717   1306
 *   Normal, VMSPLIT=2G (481,280) 1382       345           481  1863   2344
 *
 * (figures from a 4 GiB boot: they move a little as the kernel image and
 * its page tables grow; with 896 MiB of lowmem the sqrt rule gives the wider gap; the factor
 * wins once lowmem is larger, as with VMSPLIT=2G).
 *
 * These are the gaps a kswapd would use to start and stop reclaiming;
 * there is none, so low and high are reported and tested, not used.
 */
int min_free_kbytes;
int watermark_scale_factor = 10;

void setup_per_zone_wmarks(void)
{
	struct zone *zones = contig_page_data.node_zones;
	unsigned long lowmem = 0, min_pages;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (z != ZONE_HIGHMEM)
			lowmem += zones[z].managed_pages;
	min_free_kbytes = clamp(int_sqrt(16 * (lowmem << (PAGE_SHIFT - 10))), 128UL, 262144UL);
	min_pages = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zones[z];
		/* lowmem < 4 GiB: min_pages < 2^12, managed < 2^24: fits 64 bits */
		unsigned long share = lowmem ?
			(unsigned long)((unsigned long long)min_pages * zone->managed_pages / lowmem) : 0;
		unsigned long min, gap;

		if (z == ZONE_HIGHMEM)
			min = clamp(zone->managed_pages / 1024, 32UL, 128UL);
		else
			min = share;
		if (!zone->managed_pages)
			min = 0;
		gap = max(share / 4, zone->managed_pages * watermark_scale_factor / 10000);
		zone->watermark[WMARK_MIN] = min;
		zone->watermark[WMARK_LOW] = min + gap;
		zone->watermark[WMARK_HIGH] = min + 2 * gap;
		setup_zone_pcp(zone);
	}
	setup_per_zone_lowmem_reserve();
}

/*
 * lowmem_reserve, Linux's protection of the lower zones against fallback.
 * Zone z keeps back, from an allocation whose first choice was the higher
 * zone c, the managed pages of the zones above it up to c divided by its
 * ratio: 256 for DMA, 32 for Normal (sysctl_lowmem_reserve_ratio). At 4 GiB
 * (DMA 3,904 managed pages, Normal 218,911, HighMem 557,024; the lowmem
 * figures move a little with the kernel's size):
 *
 *   DMA    protection: (0, 855, 3030)   GFP_KERNEL leaves it 855 pages,
 *                                       GFP_HIGHUSER 3030 (12 MiB)
 *   Normal protection: (0, 0, 17407)    GFP_HIGHUSER leaves it 68 MiB
 *
 * So a machine whose highmem runs out does not hand all of lowmem to
 * user pages, which could live anywhere, and starve the kernel, which
 * can live only there.
 */
const int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA] = 256, [ZONE_NORMAL] = 32, [ZONE_HIGHMEM] = 0,
};

void setup_per_zone_lowmem_reserve(void)
{
	struct zone *zones = contig_page_data.node_zones;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long above = 0;
		int ratio = sysctl_lowmem_reserve_ratio[z];

		for (int c = 0; c <= z; c++)
			zones[z].lowmem_reserve[c] = 0;
		for (int c = z + 1; c < MAX_NR_ZONES; c++) {
			above += zones[c].managed_pages;
			zones[z].lowmem_reserve[c] =
				ratio && zones[z].managed_pages ? above / ratio : 0;
		}
	}
}
