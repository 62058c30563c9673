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
 * Each report is one show function writing into a seq_file
 * (include/kernel/seq_file.h): /proc/buddyinfo and /proc/zoneinfo
 * (fs/proc/) generate the file from it, and the boot log's
 * show_buddyinfo()/show_zoneinfo() print the same text line by line
 * through seq_printk_show(), so the format is written once. /proc/meminfo
 * needs counters from outside mm/ (tasks' page tables and stacks), so it
 * lives in fs/proc/meminfo.c, as in Linux.
 *
 * Where it differs from Linux: one node; three zones, so protection has
 * three numbers (Linux i386 also has an empty ZONE_MOVABLE: four, the
 * last repeating the HighMem one); zoneinfo has no per-node stats and
 * of the per-zone counters only nr_free_pages; the pagesets' high and
 * batch are those of the order-0 list.
 */
#include <kernel/printk.h>
#include <kernel/seq_file.h>
#include <mm/mm.h>
#include <mm/vmstat.h>

static bool zone_populated(const struct zone *zone)
{
	return zone->present_pages || zone->managed_pages;
}

/*
 * "Node 0, zone   Normal      3      1      0 ... \n": Linux's frag_show():
 * the zone name right-aligned in 8 columns and a space, then nr_free for
 * each order in 6 columns, each followed by a space.
 */
int buddyinfo_show(struct seq_file *m, void *v)
{
	const struct zone *zone;

	for_each_zone(zone) {
		if (!zone_populated(zone))
			continue;
		seq_printf(m, "Node 0, zone %8s ", zone->name);
		for (unsigned int order = 0; order < MAX_ORDER; order++)
			seq_printf(m, "%6lu ", zone->free_area[order].nr_free);
		seq_putc(m, '\n');
	}
	return 0;
}

void show_buddyinfo(void)
{
	seq_printk_show(buddyinfo_show, NULL);
}

/* Linux's zoneinfo_show_print(), the fields this kernel has, in its order. */
int zoneinfo_show(struct seq_file *m, void *v)
{
	const struct zone *zone;
	int cpu;

	BUILD_BUG_ON_MSG(MAX_NR_ZONES != 3, "the protection line prints three zones");

	for_each_zone(zone) {
		if (!zone_populated(zone))
			continue;
		seq_printf(m, "Node 0, zone %8s\n", zone->name);
		seq_printf(m, "  pages free     %lu\n", zone->free_pages);
		seq_printf(m, "        boost    %lu\n", 0UL);
		seq_printf(m, "        min      %lu\n", zone->watermark[WMARK_MIN]);
		seq_printf(m, "        low      %lu\n", zone->watermark[WMARK_LOW]);
		seq_printf(m, "        high     %lu\n", zone->watermark[WMARK_HIGH]);
		seq_printf(m, "        spanned  %lu\n", zone->spanned_pages);
		seq_printf(m, "        present  %lu\n", zone->present_pages);
		seq_printf(m, "        managed  %lu\n", zone->managed_pages);
		seq_printf(m, "        cma      %lu\n", 0UL);
		seq_printf(m, "        protection: (%lu, %lu, %lu)\n", zone->lowmem_reserve[ZONE_DMA],
			   zone->lowmem_reserve[ZONE_NORMAL], zone->lowmem_reserve[ZONE_HIGHMEM]);
		seq_printf(m, "      %s %lu\n", "nr_free_pages", zone->free_pages);
		/* each line of the pagesets begins with its newline, as in Linux */
		seq_puts(m, "  pagesets");
		for_each_online_cpu(cpu) {	/* as Linux: the CPUs that run the kernel */
			const struct per_cpu_pages *pcp = per_cpu_ptr(zone->pcp, cpu);

			seq_printf(m, "\n    cpu: %i\n              count: %lu\n              high:  %u\n"
				   "              batch: %u", cpu, pcp_pages(pcp), pcp->high[0],
				   pcp->batch[0]);
			seq_printf(m, "\n  vm stats threshold: %d", 0);
		}
		seq_printf(m, "\n  node_unreclaimable:  %u\n  start_pfn:           %lu\n",
			   0u, zone->zone_start_pfn);
	}
	return 0;
}

void show_zoneinfo(void)
{
	seq_printk_show(zoneinfo_show, NULL);
}
