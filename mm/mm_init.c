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
 * lowmem with memblock, and memmap_init() writes every entry exactly once
 * -- no zeroing first, no second pass later: its zone number, and
 * PG_reserved unless memblock has the frame free. Reserved memory and
 * holes stay PG_reserved for good, so they can never be allocated; the
 * free frames are written as the free pages mem_init() hands over, so
 * the hand-off touches only the head page of each block. At -m 4G that is
 * 786,000 struct pages at 9.5 instructions each (eight stores; the
 * loop is unrolled, so its pointer updates, compare and branch are shared
 * by four pages), against 21 with a memset of mem_map and a pass to
 * clear PG_reserved. spanned pages count the
 * whole range, present pages the RAM in it, managed pages what the buddy
 * allocator got.
 *
 * The hand-off, all in this file, read top-down from mem_init():
 *
 *   mem_init()                  checks nothing was reserved since memmap_init()
 *     memblock_free_all()       each free memblock range, in maximal blocks
 *       memblock_free_pages()   one block: counted managed, then buddy_free()
 *     memblock_discard()        memblock allocates nothing from here on
 *
 * memblock_free_all() cuts each free range into the largest naturally
 * aligned blocks that fit and do not cross a zone boundary, e.g. the
 * range [pfn 0x100, pfn 0x3ff) becomes blocks of order 8 at 0x100 and
 * 0x200, then order 7 at 0x300, 6 at 0x380, ... down to order 0 at
 * 0x3fe: a handful of calls per range rather than one per page. Then
 * mem_init() prints the Linux-style summary line, "Memory:
 * 3097500K/3145208K available (...)". Nothing may be reserved between
 * memmap_init() and the hand-off (it would be a page written free but not
 * handed over): mem_init() checks.
 *
 * Where it differs from Linux: 6.1 keeps memblock_free_all() in
 * mm/memblock.c and memblock_free_pages() in mm/page_alloc.c; here the
 * hand-off is one file, so memblock.c calls nothing in the rest of mm/.
 */
#include <asm/memlayout.h>
#include <asm/reboot.h>
#include <asm/sections.h>
#include <kernel/bug.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include "buddy.h"
#include "internal.h"

#define MAX_DMA_PFN	(16UL << (20 - PAGE_SHIFT))	/* 16 MiB: ISA DMA's 24 bits */

const char *const zone_names[MAX_NR_ZONES] = { "DMA", "Normal", "HighMem" };

static unsigned long zone_boundary[MAX_NR_ZONES + 1];

/* The first pfn at or above @pfn that belongs to another zone. */
static unsigned long zone_limit_pfn(unsigned long pfn)
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

/*
 * Write the struct pages of [start, end) whole, once: zone number,
 * @reserved (PG_reserved or 0), refcount 0, an empty lru, the rest 0.
 */
static void memmap_init_range(unsigned long start, unsigned long end, unsigned long reserved)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long pfn = max(start, zone_boundary[z]), last = min(end, zone_boundary[z + 1]);
		unsigned long flags = ((unsigned long)z << ZONES_SHIFT) | reserved;

		struct page *page = &mem_map[pfn], *stop = &mem_map[last];

		/* field by field: gcc turns a compound literal into a zeroing loop */
#pragma GCC unroll 4
		for (; page < stop; page++) {
			page->flags = flags;
			page->_refcount = 0;
			page->lru.next = page->lru.prev = &page->lru;
			page->private = 0;
			page->slab_cache = NULL;
			page->freelist = NULL;
			page->inuse = page->objects = 0;
		}
	}
}

/*
 * Every struct page is written exactly once, here: the frames memblock
 * has free now are written as the free pages mem_init() will hand to the
 * buddy allocator (no PG_reserved), every other frame -- reserved memory,
 * holes, the partial pages at the ends of a free range -- PG_reserved.
 * So the hand-off has no pass over the pages, and mem_map needs no
 * zeroing first. No memblock allocation may come between this and
 * mem_init() (mem_init() checks): it would reserve a page written free.
 */
static phys_addr_t reserved_at_memmap_init;

static void memmap_init(void)
{
	unsigned long long idx = 0;
	unsigned long pfn = 0;
	phys_addr_t start, end;

	while (memblock_next_free_range(&idx, &start, &end)) {
		unsigned long s = min((unsigned long long)PFN_UP(start), (unsigned long long)max_pfn);
		unsigned long e = min((unsigned long long)PFN_DOWN(end), (unsigned long long)max_pfn);

		if (s >= e)
			continue;
		memmap_init_range(pfn, s, 1UL << PG_reserved);
		memmap_init_range(s, e, 0);
		pfn = e;
	}
	memmap_init_range(pfn, max_pfn, 1UL << PG_reserved);
	reserved_at_memmap_init = memblock.reserved.total_size;
}

void free_area_init(void)
{
	pg_data_t *pgdat = NODE_DATA(0);
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
		unsigned long long idx = 0;
		phys_addr_t start, end, low_end = PFN_PHYS(max_low_pfn), largest = 0;

		/* RAM, not address spans: on a sparse map they differ by gigabytes. */
		while (memblock_next_free_range(&idx, &start, &end))
			if (start < low_end)
				largest = max(largest, min(end, low_end) - start);
		pr_emerg("Fenestra cannot boot: mem_map for %llu MiB of RAM needs %zu MiB of lowmem "
			 "(an entry per frame up to RAM's end at %#llx, holes included), more than "
			 "the %llu MiB free in one piece below %lu MiB; boot with less RAM (mem=) or "
			 "a smaller vmalloc=\n", memblock.memory.total_size >> 20,
			 DIV_ROUND_UP(size, 1 << 20),
			 (u64)PFN_PHYS(max_pfn), largest >> 20, max_low_pfn >> (20 - PAGE_SHIFT));
		machine_exit(KERNEL_EXIT_FAILURE);
	}
	mem_map = __va(mem_map_phys);	/* not zeroed: memmap_init() writes every byte */
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
		pgdat->node_present_pages += zone->present_pages;
	}
	pgdat->node_start_pfn = 0;
	pgdat->node_spanned_pages = max_pfn;
	memmap_init();
}


/* --- the hand-off: memblock -> buddy ---------------------------------------- */

/*
 * memblock_free_pages - give one boot-time free block to the buddy
 * allocator (see mm/internal.h).
 */
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
	unsigned long nr = 1UL << order;
	struct zone *zone = page_zone(page);

	BUG_ON(order >= MAX_ORDER || page != pfn_to_page(pfn) || (pfn & (nr - 1)));
	VM_BUG_ON_PAGE(page_zonenum(page) != page_zonenum(page + nr - 1), page);
	if (unlikely(!zone->free_area[0].free_list.next))
		buddy_init_free_areas(zone);	/* zone set up without lists */
	if (likely(!PageReserved(page))) {
		/* written free by memmap_init(): no pass over the pages */
		if (IS_ENABLED(CONFIG_DEBUG_VM))
			for (unsigned long i = 0; i < nr; i++)
				VM_BUG_ON_PAGE(PageReserved(page + i) || page_count(page + i), page + i);
	} else {
		/* a caller that set the pages up reserved (tests/host): clear them */
		for (unsigned long i = 0; i < nr; i++) {
			VM_BUG_ON_PAGE(!PageReserved(page + i) || page_count(page + i), page + i);
			clear_page_flag(page + i, PG_reserved);
		}
	}
	zone->managed_pages += nr;
	totalram_pages += nr;
	if (PageHighMem(page))
		totalhigh_pages += nr;
	buddy_free(zone, page, order);
}

unsigned long memblock_free_all(void)
{
	unsigned long long idx = 0;
	phys_addr_t start, end;
	unsigned long pages = 0;

	while (memblock_next_free_range(&idx, &start, &end)) {
		unsigned long pfn = PFN_UP(start);
		unsigned long end_pfn = min((unsigned long long)PFN_DOWN(end), (unsigned long long)max_pfn);

		while (pfn < end_pfn) {
			unsigned long limit = min(end_pfn, zone_limit_pfn(pfn));
			unsigned int order = MAX_ORDER - 1;

			/* the largest block aligned at pfn that ends by limit */
			while (order && ((pfn & ((1UL << order) - 1)) || pfn + (1UL << order) > limit))
				order--;
			memblock_free_pages(pfn_to_page(pfn), pfn, order);
			pfn += 1UL << order;
			pages += 1UL << order;
		}
	}
	memblock_discard();
	return pages;
}

void mem_init(void)
{
	unsigned long freed;

	/* memmap_init() wrote the then free pages as free: nothing since reserved */
	BUG_ON(memblock.reserved.total_size != reserved_at_memmap_init);
	freed = memblock_free_all();
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
