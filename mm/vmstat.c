// SPDX-License-Identifier: MIT
/*
 * How this works: reports on free memory, in the formats of Linux's
 * /proc/buddyinfo, /proc/zoneinfo and /proc/meminfo, so that a student
 * can hold this kernel's boot log beside a Linux machine's files.
 *
 * Everything is read from the zones: free_area[k].nr_free (blocks of
 * order k), free_pages, managed_pages, the watermarks and lowmem_reserve
 * ("protection: (DMA, Normal, HighMem)": the pages of this zone kept back
 * from an allocation whose first choice was that zone; mm/buddy.c and
 * mm/pcp.c keep them exact), plus totalram_pages and
 * totalhigh_pages. Nothing is cached, so a report is always current.
 *
 * Only populated zones are shown (present or managed pages), as Linux
 * does: on a 16 MiB machine that is DMA alone.
 *
 * Where it differs from Linux: one node; three zones, so protection has
 * three numbers (Linux i386 also has an empty ZONE_MOVABLE: four, the
 * last repeating the HighMem one); meminfo has only the lines this
 * kernel can fill (no page cache, no swap), and the High/Low lines are
 * always printed.
 */
#include <kernel/printk.h>
#include <mm/mm.h>
#include <mm/vmstat.h>

static bool zone_populated(const struct zone *zone)
{
	return zone->present_pages || zone->managed_pages;
}

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

/*
 * "Node 0, zone   Normal      3      1      0 ..." -- the zone name
 * right-aligned in 8 columns, then nr_free for each order in 6.
 */
void show_buddyinfo(void)
{
	const struct zone *zone;

	for_each_zone(zone) {
		char line[16 + 8 + MAX_ORDER * 7 + 1];
		int n;

		if (!zone_populated(zone))
			continue;
		n = snprintf(line, sizeof(line), "Node 0, zone %8s", zone->name);
		for (unsigned int order = 0; order < MAX_ORDER; order++)
			n += snprintf(line + n, sizeof(line) - n, " %6lu",
				      zone->free_area[order].nr_free);
		pr_info("%s\n", line);
	}
}

void show_zoneinfo(void)
{
	const struct zone *zone;

	BUILD_BUG_ON_MSG(MAX_NR_ZONES != 3, "the protection line prints three zones");

	for_each_zone(zone) {
		if (!zone_populated(zone))
			continue;
		pr_info("Node 0, zone %8s\n", zone->name);
		pr_info("  pages free     %lu\n", zone->free_pages);
		pr_info("        min      %lu\n", zone->watermark[WMARK_MIN]);
		pr_info("        low      %lu\n", zone->watermark[WMARK_LOW]);
		pr_info("        high     %lu\n", zone->watermark[WMARK_HIGH]);
		pr_info("        spanned  %lu\n", zone->spanned_pages);
		pr_info("        present  %lu\n", zone->present_pages);
		pr_info("        managed  %lu\n", zone->managed_pages);
		pr_info("        protection: (%lu, %lu, %lu)\n", zone->lowmem_reserve[ZONE_DMA],
			zone->lowmem_reserve[ZONE_NORMAL], zone->lowmem_reserve[ZONE_HIGHMEM]);
		pr_info("  start_pfn:           %lu\n", zone->zone_start_pfn);
	}
}

/* "MemTotal:        3843288 kB": the label padded to 16, the value to 8. */
static void meminfo_line(const char *label, unsigned long pages)
{
	pr_info("%-16s%8lu kB\n", label, K(pages));
}

void show_meminfo(void)
{
	const struct zone *zone;
	unsigned long free = 0, high_free = 0;

	for_each_zone(zone) {
		free += zone->free_pages;
		if (zone == &contig_page_data.node_zones[ZONE_HIGHMEM])
			high_free += zone->free_pages;
	}
	meminfo_line("MemTotal:", totalram_pages);
	meminfo_line("MemFree:", free);
	meminfo_line("HighTotal:", totalhigh_pages);
	meminfo_line("HighFree:", high_free);
	meminfo_line("LowTotal:", totalram_pages - totalhigh_pages);
	meminfo_line("LowFree:", free - high_free);
}
