// SPDX-License-Identifier: MIT
/*
 * The boot path of physical memory, run for real on the host:
 *
 *   setup_boot_params()  arch/x86/kernel/multiboot.c  (command line: mem=, vmalloc=)
 *   setup_memory()       arch/x86/mm/init.c           (e820 -> memblock, max_low_pfn)
 *   paging_init()        arch/x86/mm/init.c           (direct map, in the arena)
 *   free_area_init()     mm/mm_init.c                 (zones, mem_map)
 *   mem_init()           mm/mm_init.c                 (memblock -> buddy)
 *
 * Each test builds the multiboot information QEMU would pass (its e820
 * map for `-M pc|q35 -m SIZE`) in the arena below 1 MiB, then checks the
 * lines the kernel prints and the zones it sets up. The expected lines
 * for pc 16M/128M/1G/4G, q35 4G, mem= and vmalloc= are the ones
 * tools/harness.py's selftest expects of a real boot.
 *
 * lib/machine.c builds the machines (and says where they differ from a
 * real boot: only where mem_map lands, on machines larger than the arena).
 */
#include <asm/e820.h>
#include <asm/multiboot.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <mm/mm.h>

#include "ht.h"
#include "machine.h"

#define MiB_	(1ULL << 20)
#define GiB_	(1ULL << 30)

static int boot(const char *type, u64 ram, const char *cmdline)
{
	return machine_boot(type, ram, cmdline);
}

static const struct zone *zone(int z)
{
	return &NODE_DATA(0)->node_zones[z];
}

/*
 * What holds for every machine: the zones tile [0, max_pfn) in order,
 * DMA ends at min(16 MiB, lowmem end), lowmem ends at
 * min(max_pfn, (4G - PAGE_OFFSET - vmalloc reserve) / 4K), every
 * page is in mem_map with its zone set, and PG_reserved unless memblock
 * has it free (memmap_init() writes those free, for mem_init() to hand
 * over without another pass).
 */
static void check_zone_invariants(unsigned long reserve)
{
	unsigned long lowmem_limit = (unsigned long)((0x100000000ULL - PAGE_OFFSET - reserve) >> 12);
	unsigned long present = 0;

	EXPECT_EQ(max_low_pfn, min(max_pfn, lowmem_limit));
	EXPECT_EQ(zone(ZONE_DMA)->zone_start_pfn, 0);
	EXPECT_EQ(zone_end_pfn(zone(ZONE_DMA)), min(4096UL, max_low_pfn));
	EXPECT_EQ(zone(ZONE_NORMAL)->zone_start_pfn, zone_end_pfn(zone(ZONE_DMA)));
	EXPECT_EQ(zone_end_pfn(zone(ZONE_NORMAL)), max_low_pfn);
	EXPECT_EQ(zone(ZONE_HIGHMEM)->zone_start_pfn, max_low_pfn);
	EXPECT_EQ(zone_end_pfn(zone(ZONE_HIGHMEM)), max_pfn);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		EXPECT(zone(z)->present_pages <= zone(z)->spanned_pages);
		present += zone(z)->present_pages;
	}
	EXPECT_EQ(present, NODE_DATA(0)->node_present_pages);
	EXPECT_EQ(present, memblock.memory.total_size >> 12);
	EXPECT_EQ((unsigned long)high_memory, PAGE_OFFSET + (max_low_pfn << 12));
	/* mem_map: every frame below max_pfn in its zone, reserved unless free */
	ASSERT(mem_map != NULL);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn += 97) {
		const struct page *p = pfn_to_page(pfn);
		int z = pfn < zone_end_pfn(zone(ZONE_DMA)) ? ZONE_DMA :
			pfn < max_low_pfn ? ZONE_NORMAL : ZONE_HIGHMEM;
		bool free = memblock_is_memory(PFN_PHYS(pfn)) &&	/* the whole page */
			    memblock_is_memory(PFN_PHYS(pfn) + PAGE_SIZE - 1) &&
			    !memblock_is_reserved(PFN_PHYS(pfn), PAGE_SIZE);

		if (PageReserved(p) == free || page_zonenum(p) != (enum zone_type)z) {
			ht_fail(__FILE__, __LINE__, "pfn %#lx: flags %#lx, want zone %d + %s",
				pfn, p->flags, z, free ? "free" : "reserved");
			break;
		}
	}
	EXPECT_LOG_COUNT("Zone ranges:", 1);
}

/* --- QEMU configurations the boot matrix also runs ------------------------- */

HT_TEST(setup_memory_pc_16m_dma_only)
{
	/* [DMA 0x1000-0xfdffff] Normal empty, HighMem empty */
	ASSERT_EQ(boot("pc", 16 * MiB_, ""), -1);
	EXPECT_EQ(max_pfn, 0xfe0);
	EXPECT_LOG_LINE("15MB LOWMEM available.");
	EXPECT_LOG_LINE("0MB HIGHMEM available.");
	EXPECT_LOG_LINE("  DMA      [mem 0x0000000000001000-0x0000000000fdffff]");
	EXPECT_LOG_LINE("  Normal   empty");
	EXPECT_LOG_LINE("  HighMem  empty");
	check_zone_invariants(128 << 20);
}

HT_TEST(setup_memory_pc_128m_no_highmem)
{
	/* [DMA 1000-ffffff][Normal 1000000-7fdffff] HighMem empty */
	ASSERT_EQ(boot("pc", 128 * MiB_, ""), -1);
	EXPECT_LOG_LINE("BIOS-e820: [mem 0x0000000000100000-0x0000000007fdffff] usable");
	EXPECT_LOG_LINE("127MB LOWMEM available.");
	EXPECT_LOG_LINE("  DMA      [mem 0x0000000000001000-0x0000000000ffffff]");
	EXPECT_LOG_LINE("  Normal   [mem 0x0000000001000000-0x0000000007fdffff]");
	EXPECT_LOG_LINE("  HighMem  empty");
	EXPECT_LOG_COUNT("Warning", 0);
	check_zone_invariants(128 << 20);
}

HT_TEST(setup_memory_pc_1g_highmem_above_896m)
{
	/* [DMA][Normal 16M-896M)[HighMem 896M-0x3ffe0000) */
	ASSERT_EQ(boot("pc", GiB_, ""), -1);
	EXPECT_LOG_LINE("896MB LOWMEM available.");
	EXPECT_LOG_LINE("127MB HIGHMEM available.");
	EXPECT_LOG_LINE("  Normal   [mem 0x0000000001000000-0x0000000037ffffff]");
	EXPECT_LOG_LINE("  HighMem  [mem 0x0000000038000000-0x000000003ffdffff]");
	check_zone_invariants(128 << 20);
}

HT_TEST(setup_memory_pc_4g_ram_above_4g_ignored)
{
	/* e820 RAM [1M-3G) and [4G-5G); HighMem [896M-0xbffe0000), 1024 MB lost */
	ASSERT_EQ(boot("pc", 4 * GiB_, ""), -1);
	EXPECT_LOG_LINE("BIOS-e820: [mem 0x0000000100000000-0x000000013fffffff] usable");
	EXPECT_LOG_COUNT("Warning: 1024MB of RAM above 4 GiB ignored: this kernel has no PAE", 1);
	EXPECT_LOG_LINE("896MB LOWMEM available.");
	EXPECT_LOG_LINE("2175MB HIGHMEM available.");
	EXPECT_LOG_LINE("  HighMem  [mem 0x0000000038000000-0x00000000bffdffff]");
	EXPECT_LOG_COUNT("mem_map: 786400 pages x 32 bytes = 24575 KiB of lowmem at 0x", 1);
	check_zone_invariants(128 << 20);
}

HT_TEST(setup_memory_q35_4g_split_at_2g)
{
	/* q35 keeps 2 GiB below 4 GiB: HighMem [896M-0x7ffdf000), 2048 MB lost */
	ASSERT_EQ(boot("q35", 4 * GiB_, ""), -1);
	EXPECT_EQ(max_pfn, 0x7ffdf);
	EXPECT_LOG_LINE("1151MB HIGHMEM available.");
	EXPECT_LOG_LINE("  HighMem  [mem 0x0000000038000000-0x000000007ffdefff]");
	EXPECT_LOG_COUNT("Warning: 2048MB of RAM above 4 GiB ignored", 1);
	check_zone_invariants(128 << 20);
}

HT_TEST(setup_memory_mem_64m_on_128m)
{
	/* mem=64M: RAM cut at 64M; the user map is printed; max_pfn 0x4000 */
	ASSERT_EQ(boot("pc", 128 * MiB_, "ktest=all mem=64M"), -1);
	EXPECT_EQ(max_pfn, 0x4000);
	EXPECT_LOG_LINE("64MB LOWMEM available.");
	EXPECT_LOG_LINE("user: [mem 0x0000000000100000-0x0000000003ffffff] usable");
	EXPECT_LOG_LINE("user: [mem 0x0000000007fe0000-0x0000000007ffffff] reserved");
	EXPECT_LOG_LINE("BIOS-e820: [mem 0x0000000000100000-0x0000000007fdffff] usable");
	check_zone_invariants(128 << 20);
}

HT_TEST(setup_memory_mem_hex_on_4g)
{
	/* mem=0x20000000 on 4G: 512 MB, no highmem, no warning (RAM > 4G cut too) */
	ASSERT_EQ(boot("pc", 4 * GiB_, "mem=0x20000000"), -1);
	EXPECT_LOG_LINE("512MB LOWMEM available.");
	EXPECT_LOG_LINE("0MB HIGHMEM available.");
	EXPECT_LOG_COUNT("Warning", 0);
	check_zone_invariants(128 << 20);
}

HT_TEST(setup_memory_mem_5g_on_8g_warns)
{
	ASSERT_EQ(boot("pc", 8 * GiB_, "mem=5G"), -1);
	EXPECT_LOG_COUNT("Warning: 1024MB of RAM above 4 GiB ignored", 1);
	check_zone_invariants(128 << 20);
}

HT_TEST(setup_memory_vmalloc_256m_moves_lowmem_end)
{
	/*
	 * vmalloc=256M: reserve = 256M + 8M hole + what lies above
	 * VMALLOC_END (guard pages, pkmap, fixmap: just over 8M), rounded up
	 * to 4M = 276M: lowmem 748 MB (as tools/harness.py computes it)
	 */
	ASSERT_EQ(boot("pc", GiB_, "vmalloc=256M"), -1);
	EXPECT_LOG_LINE("748MB LOWMEM available.");
	EXPECT_LOG_LINE("275MB HIGHMEM available.");
	check_zone_invariants(0x100000000ULL - PAGE_OFFSET - (748ULL << 20));
}

HT_TEST(setup_memory_vmalloc_too_small_is_ignored)
{
	/* vmalloc=1M is malformed (< 4M): warned about, 896 MB lowmem stays */
	ASSERT_EQ(boot("pc", GiB_, "vmalloc=1M"), -1);
	EXPECT_LOG_COUNT("Malformed kernel command line option \"vmalloc=1M\"", 1);
	EXPECT_LOG_LINE("896MB LOWMEM available.");
}

HT_TEST(setup_memory_vmalloc_too_big_is_ignored)
{
	/* vmalloc=1000M would leave less than 32M lowmem: ignored */
	ASSERT_EQ(boot("pc", GiB_, "vmalloc=1000M"), -1);
	EXPECT_LOG_COUNT("Malformed kernel command line option \"vmalloc=1000M\"", 1);
	EXPECT_LOG_LINE("896MB LOWMEM available.");
}

HT_TEST(setup_memory_vmalloc_largest_accepted)
{
	/*
	 * The largest reserve keeps 32 MiB of lowmem: 1G - 32M = 992M reserve.
	 * vmalloc=900M: 900M + 8M + top (~18M) rounded to 4M <= 992M: accepted.
	 */
	ASSERT_EQ(boot("pc", GiB_, "vmalloc=900M"), -1);
	EXPECT_LOG_COUNT("Malformed", 0);
	EXPECT(max_low_pfn >= (32 << 8));
	EXPECT(max_low_pfn < (896 << 8));
	EXPECT_EQ(max_low_pfn % 1024, 0);	/* on a page-table (4 MiB) boundary */
	check_zone_invariants(0x100000000ULL - PAGE_OFFSET - ((u64)max_low_pfn << 12));
}

HT_TEST(setup_memory_pc_8m_too_small_exits)
{
	/* 8 MiB < MIN_RAM_MB: one line saying so, and the kernel exits (failure) */
	EXPECT_EQ(boot("pc", 8 * MiB_, ""), 0x11);
	EXPECT_LOG_COUNT("Fenestra needs at least 12 MiB of usable RAM; the memory map gives 7 MiB "
			 "(QEMU's -m counts the BIOS areas too: -m 13M is the least that boots)", 1);
}

HT_TEST(setup_memory_pc_12m_just_too_small)
{
	/* 12 MiB of QEMU RAM is 11.8 MiB usable: still too little, and said so */
	EXPECT_EQ(boot("pc", 12 * MiB_, ""), 0x11);
	EXPECT_LOG_COUNT("12 MiB of usable RAM; the memory map gives 11 MiB", 1);
}

HT_TEST(setup_memory_mem_too_small_is_malformed)
{
	/* mem=1K < one page: malformed, ignored */
	ASSERT_EQ(boot("pc", 64 * MiB_, "mem=1K"), -1);
	EXPECT_LOG_COUNT("Malformed kernel command line option \"mem=1K\"", 1);
	EXPECT_LOG_LINE("63MB LOWMEM available.");
}

/* --- many sizes: the invariants, and the boundaries where zones appear ---- */

#define SIZE_TEST(name, type, mb)					\
	HT_TEST(free_area_init_##name)					\
	{								\
		ASSERT_EQ(boot(type, (u64)(mb) * MiB_, ""), -1);	\
		check_zone_invariants(128 << 20);			\
	}
SIZE_TEST(pc_13m_smallest, "pc", 13)
SIZE_TEST(pc_17m_normal_appears, "pc", 17)
SIZE_TEST(pc_48m, "pc", 48)
SIZE_TEST(pc_895m, "pc", 895)
SIZE_TEST(pc_896m, "pc", 896)
SIZE_TEST(pc_897m_highmem_appears, "pc", 897)
SIZE_TEST(pc_2g, "pc", 2048)
SIZE_TEST(pc_3583m_below_split, "pc", 3583)
SIZE_TEST(pc_3584m_at_split, "pc", 3584)
SIZE_TEST(pc_6g, "pc", 6144)
SIZE_TEST(q35_512m, "q35", 512)
SIZE_TEST(q35_2816m_at_split, "q35", 2816)

HT_TEST(free_area_init_pc_17m_normal_zone_edge)
{
	/* 17 MiB: Normal is [16M, 17M - 128K): 224 pages */
	ASSERT_EQ(boot("pc", 17 * MiB_, ""), -1);
	EXPECT_EQ(zone(ZONE_NORMAL)->spanned_pages, 256 - 32);
	EXPECT_EQ(zone(ZONE_NORMAL)->present_pages, 256 - 32);
	EXPECT_EQ(zone(ZONE_HIGHMEM)->spanned_pages, 0);
}

HT_TEST(free_area_init_pc_897m_one_mib_of_highmem)
{
	/* 897 MiB: HighMem [896M, 897M - 128K) */
	ASSERT_EQ(boot("pc", 897 * MiB_, ""), -1);
	EXPECT_EQ(zone(ZONE_HIGHMEM)->spanned_pages, 256 - 32);
	EXPECT_LOG_LINE("  HighMem  [mem 0x0000000038000000-0x00000000380dffff]");
}

HT_TEST(free_area_init_dma_present_excludes_holes)
{
	/*
	 * DMA on pc 128M: pfn 0 (never RAM), [0x9f-0x100) (EBDA, VGA, BIOS)
	 * are holes: present = 4096 - 1 - 97 = 3998; spanned = 4096.
	 */
	ASSERT_EQ(boot("pc", 128 * MiB_, ""), -1);
	EXPECT_EQ(zone(ZONE_DMA)->spanned_pages, 4096);
	EXPECT_EQ(zone(ZONE_DMA)->present_pages, 4096 - 1 - (0x100 - 0x9f));
}

static void do_mem_init(void *arg)
{
	(void)arg;
	mem_init();
}

HT_TEST(mem_init_hands_free_pages_over)
{
	/*
	 * pc 128M: every memory-but-not-reserved frame goes to the buddy
	 * allocator; totalram_pages counts them and the Memory: line says so.
	 */
	unsigned long free_pages = 0;

	ASSERT_EQ(boot("pc", 128 * MiB_, ""), -1);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++)
		if (memblock_is_memory(PFN_PHYS(pfn)) && !memblock_is_reserved(PFN_PHYS(pfn), 4096))
			free_pages++;
	ASSERT_EQ(ht_catch_exit(do_mem_init, NULL), -1);
	EXPECT(totalram_pages > 0);
	EXPECT_EQ(totalram_pages, free_pages);
	EXPECT_EQ(totalhigh_pages, 0);
	EXPECT_EQ(zone(ZONE_DMA)->managed_pages + zone(ZONE_NORMAL)->managed_pages, totalram_pages);
	EXPECT_LOG_COUNT("Memory: ", 1);
}
