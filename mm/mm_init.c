// SPDX-License-Identifier: MIT
/*
 * How this works: zones, mem_map and the hand-off to the buddy allocator.
 *
 * With max_low_pfn and max_pfn known (arch/x86/mm/init.c), the frames
 * [0, max_pfn) are divided into zones by two boundaries:
 *
 *   pfn 0        4096 (16 MiB)          max_low_pfn              max_pfn
 *    |  ZONE_DMA  |      ZONE_NORMAL      |      ZONE_HIGHMEM      |
 *
 * Either boundary is clipped to max_pfn, so on a 16 MiB machine Normal
 * and HighMem are empty, and below 896 MiB of RAM HighMem is.
 *
 * free_area_init() allocates mem_map, one struct page per frame below
 * max_pfn (holes included: pfn_to_page must be plain arithmetic), from
 * lowmem with memblock, and initialises every entry once: its zone number
 * and PG_reserved. A page stays reserved unless memblock_free_all() hands
 * it to the buddy allocator at the end of boot, so reserved memory and
 * holes can never be allocated. spanned pages count the whole range,
 * present pages the RAM in it, managed pages what the buddy allocator got.
 *
 * mem_init() does the hand-off and prints the Linux-style summary line,
 * "Memory: 3097500K/3145208K available (...)".
 */
#include <asm/memlayout.h>
#include <asm/reboot.h>
#include <kernel/bug.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include "buddy.h"
#include "internal.h"

#define MAX_DMA_PFN	(16UL << (20 - PAGE_SHIFT))	/* 16 MiB: ISA DMA's 24 bits */

pg_data_t contig_page_data;
struct page *mem_map;
const char *const zone_names[MAX_NR_ZONES] = { "DMA", "Normal", "HighMem" };

static unsigned long zone_boundary[MAX_NR_ZONES + 1];

/* The first pfn at or above @pfn that belongs to another zone. */
unsigned long memblock_zone_limit(unsigned long pfn);
unsigned long memblock_zone_limit(unsigned long pfn)
{
	for (int z = 1; z <= MAX_NR_ZONES; z++)
		if (pfn < zone_boundary[z])
			return zone_boundary[z];
	return max_pfn;
}

static unsigned long present_pages_in(unsigned long start_pfn, unsigned long end_pfn)
{
	const struct memblock_type *m = &memblock.memory;
	unsigned long n = 0;

	for (unsigned int i = 0; i < m->cnt; i++) {
		unsigned long a = (unsigned long)PFN_UP(m->regions[i].base);
		unsigned long b = (unsigned long)PFN_DOWN(m->regions[i].base + m->regions[i].size);

		a = max(a, start_pfn);
		b = min(b, end_pfn);
		if (a < b)
			n += b - a;
	}
	return n;
}

static void print_zone_ranges(void)
{
	unsigned long first = (unsigned long)PFN_UP(memblock.memory.regions[0].base);

	pr_info("Zone ranges:\n");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long a = max(zone_boundary[z], first), b = zone_boundary[z + 1];

		if (a >= b)
			pr_info("  %-8s empty\n", zone_names[z]);
		else
			pr_info("  %-8s [mem 0x%016llx-0x%016llx]\n", zone_names[z],
				PFN_PHYS(a), PFN_PHYS(b) - 1);
	}
}

void free_area_init(void)
{
	pg_data_t *pgdat = NODE_DATA(0);
	unsigned long pfn;
	size_t size = max_pfn * sizeof(struct page);
	phys_addr_t mem_map_phys;
	unsigned int per_mille;

	zone_boundary[ZONE_DMA] = 0;
	zone_boundary[ZONE_NORMAL] = min(MAX_DMA_PFN, max_low_pfn);
	zone_boundary[ZONE_HIGHMEM] = max_low_pfn;
	zone_boundary[MAX_NR_ZONES] = max_pfn;
	print_zone_ranges();

	mem_map_phys = memblock_phys_alloc(size, PAGE_SIZE);
	if (!mem_map_phys) {
		pr_emerg("Fenestra cannot boot: mem_map for %lu MiB of RAM needs %zu MiB of lowmem, "
			 "more than is free below %lu MiB; boot with less RAM (mem=) or a smaller "
			 "vmalloc=\n", max_pfn >> (20 - PAGE_SHIFT), size >> 20,
			 max_low_pfn >> (20 - PAGE_SHIFT));
		machine_exit(KERNEL_EXIT_FAILURE);
	}
	mem_map = __va(mem_map_phys);
	memset(mem_map, 0, size);
	pr_info("mem_map: %lu pages x %u bytes = %zu KiB of lowmem at 0x%08lx\n",
		max_pfn, (unsigned int)sizeof(struct page), size >> 10, (unsigned long)mem_map);
	per_mille = (unsigned int)(((u64)size * 1000) >> PAGE_SHIFT) / max_low_pfn;
	pr_info("mem_map costs %u.%u%% of lowmem: every 4 KiB frame of RAM, highmem included, "
		"needs %u bytes of it\n", per_mille / 10, per_mille % 10,
		(unsigned int)sizeof(struct page));

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		zone->name = zone_names[z];
		zone->zone_start_pfn = zone_boundary[z];
		zone->spanned_pages = zone_boundary[z + 1] - zone_boundary[z];
		zone->present_pages = present_pages_in(zone_boundary[z], zone_boundary[z + 1]);
		buddy_init_free_areas(zone);	/* empty buddy and per-CPU lists */
		for (pfn = zone_boundary[z]; pfn < zone_boundary[z + 1]; pfn++) {
			struct page *page = &mem_map[pfn];

			/* memblock_alloc zeroed it: set only what is not 0 */
			page->flags = ((unsigned long)z << ZONES_SHIFT) | (1UL << PG_reserved);
			INIT_LIST_HEAD(&page->lru);
		}
		pgdat->node_present_pages += zone->present_pages;
	}
	pgdat->node_start_pfn = 0;
	pgdat->node_spanned_pages = max_pfn;
}

extern char _text[], _etext[], _rodata[], _erodata[], _data[], _edata[];
extern char __bss_start[], __bss_end[];

void mem_init(void)
{
	unsigned long freed = memblock_free_all();
	unsigned long present = NODE_DATA(0)->node_present_pages;

	BUG_ON(freed != totalram_pages);
	pr_info("Memory: %luK/%luK available (%uK kernel code, %uK rwdata, %uK rodata, "
		"%uK bss, %luK reserved, %luK highmem)\n",
		freed << (PAGE_SHIFT - 10), present << (PAGE_SHIFT - 10),
		(unsigned int)(_etext - _text) >> 10, (unsigned int)(_edata - _data) >> 10,
		(unsigned int)(_erodata - _rodata) >> 10,
		(unsigned int)(__bss_end - __bss_start) >> 10,
		(present - freed) << (PAGE_SHIFT - 10),
		totalhigh_pages << (PAGE_SHIFT - 10));
}
