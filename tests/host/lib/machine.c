// SPDX-License-Identifier: MIT
/*
 * Machines for the tests: the real boot path with QEMU's memory maps, or
 * a tiny hand-built one. See machine.h.
 *
 * The arena backs ht_arena_size (512 MiB) of "physical" memory. A
 * 4 GiB machine needs more for its mem_map than fits below that where a
 * real boot puts it (the top of lowmem), so before paging_init() memblock's
 * limit is lowered to the arena: only the places of mem_map and of the
 * direct map's page tables differ.
 */
#include <asm/e820.h>
#include <asm/multiboot.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <kernel/string.h>
#include <mm/highmem.h>
#include <mm/memblock.h>
#include <mm/mm.h>

#include "buddy.h"
#include "internal.h"
#include "ht.h"
#include "machine.h"

#define MBI_PHYS	0x9000
#define MMAP_PHYS	0x9200
#define CMDLINE_PHYS	0x9800

struct machine {
	const char *type;	/* "pc" or "q35" */
	u64 ram;		/* QEMU -m */
	const char *cmdline;
};

static struct multiboot_mmap_entry *mmap_next;

static void e820(u64 start, u64 end, u32 type)
{
	*mmap_next++ = (struct multiboot_mmap_entry){ 20, start, end - start, type };
}

/* QEMU's e820 map for `-M type -m ram` (as tools/harness.py models it). */
static void build_multiboot(const struct machine *m)
{
	struct multiboot_info *mbi = __va(MBI_PHYS);
	bool q35 = !strcmp(m->type, "q35");
	u64 split = q35 ? 0xb0000000ULL : 0xe0000000ULL;
	u64 below = m->ram, above = 0;
	u64 top_reserved = q35 ? 0x21000 : 0x20000;

	if (m->ram >= split) {
		below = q35 ? 0x80000000ULL : 0xc0000000ULL;
		above = m->ram - below;
	}
	mmap_next = __va(MMAP_PHYS);
	e820(0, 0x9fc00, E820_TYPE_RAM);
	e820(0x9fc00, 0xa0000, E820_TYPE_RESERVED);
	e820(0xf0000, 0x100000, E820_TYPE_RESERVED);
	e820(0x100000, below - top_reserved, E820_TYPE_RAM);
	e820(below - top_reserved, below, E820_TYPE_RESERVED);
	if (q35) {
		e820(0xb0000000, 0xc0000000, E820_TYPE_RESERVED);
		e820(0xfed1c000, 0xfed20000, E820_TYPE_RESERVED);
	}
	e820(0xfffc0000, 0x100000000ULL, E820_TYPE_RESERVED);
	if (above)
		e820(0x100000000ULL, 0x100000000ULL + above, E820_TYPE_RAM);

	memset(mbi, 0, sizeof(*mbi));
	mbi->flags = MULTIBOOT_INFO_MEMORY | MULTIBOOT_INFO_MEM_MAP | MULTIBOOT_INFO_CMDLINE;
	mbi->mem_lower = 639;
	mbi->mem_upper = (u32)((below >> 10) - 1024);
	mbi->mmap_addr = MMAP_PHYS;
	mbi->mmap_length = (u32)((char *)mmap_next - (char *)__va(MMAP_PHYS));
	mbi->cmdline = CMDLINE_PHYS;
	strlcpy(__va(CMDLINE_PHYS), m->cmdline ? m->cmdline : "", 256);
}

static void boot_until_zones(void *arg)
{
	const struct machine *m = arg;

	build_multiboot(m);
	setup_boot_params(MULTIBOOT_BOOTLOADER_MAGIC, MBI_PHYS);
	setup_memory();
	memblock.current_limit = min(memblock.current_limit, (phys_addr_t)ht_arena_size);
	paging_init();		/* takes page tables from below that limit too */
	free_area_init();
}

static void boot_buddy(void *arg)
{
	boot_until_zones(arg);
	mem_init();
	build_all_zonelists();
	setup_per_zone_wmarks();
}

int machine_boot(const char *type, u64 ram, const char *cmdline)
{
	struct machine m = { type, ram, cmdline };

	return ht_catch_exit(boot_until_zones, &m);
}

int machine_boot_buddy(const char *type, u64 ram, const char *cmdline)
{
	struct machine m = { type, ram, cmdline };

	if (ram > ht_arena_size)
		ht_fail(__FILE__, __LINE__, "a machine with a buddy allocator must fit in the arena");
	return ht_catch_exit(boot_buddy, &m);
}

/* --- the tiny machine -------------------------------------------------------- */

#define TINY_MAX_PFN	(64UL << 10)	/* 256 MiB: mem_map of 2 MiB */
static struct page tiny_mem_map[TINY_MAX_PFN];

void machine_tiny(unsigned long dma_end, unsigned long normal_end, unsigned long max)
{
	unsigned long bound[MAX_NR_ZONES + 1] = { 0, dma_end, normal_end, max };

	if (max > TINY_MAX_PFN || (max << PAGE_SHIFT) > ht_arena_size ||
	    dma_end > normal_end || normal_end > max) {
		ht_fail(__FILE__, __LINE__, "machine_tiny(%#lx, %#lx, %#lx): bad layout",
			dma_end, normal_end, max);
		ht_abort();
	}
	mem_map = tiny_mem_map;
	max_pfn = max;
	max_low_pfn = normal_end;
	high_memory = __va(PFN_PHYS(normal_end));
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];

		memset(zone, 0, sizeof(*zone));
		zone->name = zone_names[z];
		zone->zone_start_pfn = bound[z];
		zone->spanned_pages = bound[z + 1] - bound[z];
		zone->present_pages = zone->spanned_pages;
		buddy_init_free_areas(zone);
		for (unsigned long pfn = bound[z]; pfn < bound[z + 1]; pfn++) {
			struct page *page = &mem_map[pfn];

			memset(page, 0, sizeof(*page));
			page->flags = ((unsigned long)z << ZONES_SHIFT) | (1UL << PG_reserved);
			INIT_LIST_HEAD(&page->lru);
		}
	}
}

void machine_free_range(unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start; pfn < end; pfn++)
		memblock_free_pages(pfn_to_page(pfn), pfn, 0);
}

/*
 * mm/highmem.c's clear_highpage() maps a highmem page at a kmap_local
 * fixmap slot and clears it there. Slot 0 is at 0xFFFFE000, above what a
 * 32-bit process may map, so the host cannot back that address; the
 * link redirects calls (-Wl,--wrap=clear_highpage) here, and every
 * "physical" page is in the arena anyway.
 */
void __wrap_clear_highpage(struct page *page);
void __wrap_clear_highpage(struct page *page)
{
	phys_addr_t phys = page_to_phys(page);

	if (phys + PAGE_SIZE > ht_arena_size) {
		ht_fail(__FILE__, __LINE__, "clear_highpage: pfn %#lx is beyond the arena",
			page_to_pfn(page));
		ht_abort();
	}
	memset(__va(phys), 0, PAGE_SIZE);
}
