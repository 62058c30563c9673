// SPDX-License-Identifier: MIT
/*
 * mm/memblock.c: the boot-time allocator. Pictures show
 * memory: [base-end) regions and reserved: [base-end) regions.
 */
#include <kernel/string.h>
#include <mm/memblock.h>
#include <mm/mm.h>

#include "ht.h"

#define M(x)	((phys_addr_t)(x) << 20)

#define EXPECT_REGION(type, i, b, s) do {				\
	EXPECT_EQ(memblock.type.regions[i].base, b);			\
	EXPECT_EQ(memblock.type.regions[i].size, s);			\
} while (0)

HT_TEST(memblock_add_merges_touching_and_overlapping)
{
	/*
	 * add [2M-3M), [0-1M), [1M-2M) (touching), [2.5M-4M) (overlapping)
	 * memory: [0-4M), one region
	 */
	memblock_add(M(2), M(1));
	memblock_add(0, M(1));
	memblock_add(M(1), M(1));
	memblock_add(M(5) / 2, M(3) / 2);
	ASSERT_EQ(memblock.memory.cnt, 1);
	EXPECT_REGION(memory, 0, 0, M(4));
	EXPECT_EQ(memblock.memory.total_size, M(4));
}

HT_TEST(memblock_add_keeps_disjoint_sorted)
{
	/* add [8M-9M), [1M-2M), [4M-5M)   memory: [1M-2M) [4M-5M) [8M-9M) */
	memblock_add(M(8), M(1));
	memblock_add(M(1), M(1));
	memblock_add(M(4), M(1));
	ASSERT_EQ(memblock.memory.cnt, 3);
	EXPECT_REGION(memory, 0, M(1), M(1));
	EXPECT_REGION(memory, 1, M(4), M(1));
	EXPECT_REGION(memory, 2, M(8), M(1));
	EXPECT_EQ(memblock.memory.total_size, M(3));
}

HT_TEST(memblock_add_zero_size_is_ignored)
{
	EXPECT_EQ(memblock_add(M(1), 0), 0);
	EXPECT_EQ(memblock.memory.cnt, 0);
}

HT_TEST(memblock_add_full_table_refuses)
{
	/* MEMBLOCK_MAX_REGIONS disjoint pages fit; one more does not */
	for (unsigned int i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		ASSERT_EQ(memblock_add((phys_addr_t)i * 0x2000, 0x1000), 0);
	EXPECT(memblock_add(M(64), 0x1000) < 0);
	EXPECT_EQ(memblock.memory.cnt, MEMBLOCK_MAX_REGIONS);
	/* a full table refuses even a region that would merge (documented: -1 when full) */
	EXPECT(memblock_add(0x1000, 0x1000) < 0);
	EXPECT_EQ(memblock.memory.total_size, MEMBLOCK_MAX_REGIONS * 0x1000);
}

HT_TEST(memblock_reserve_and_is_reserved)
{
	/* reserved: [1M-2M), [3M-3M+4K)  */
	memblock_reserve(M(1), M(1));
	memblock_reserve(M(3), 0x1000);
	EXPECT(memblock_is_reserved(M(1), 1));
	EXPECT(memblock_is_reserved(M(2) - 1, 1));
	EXPECT(!memblock_is_reserved(M(2), 0x1000));
	EXPECT(memblock_is_reserved(M(2), M(1) + 1));	/* touches [3M */
	EXPECT(!memblock_is_reserved(0, M(1)));
}

HT_TEST(memblock_cap_memory_cuts_and_drops)
{
	/* memory: [1M-16M) [32M-64M)   cap 8M   memory: [1M-8M) */
	memblock_add(M(1), M(15));
	memblock_add(M(32), M(32));
	memblock_cap_memory(M(8));
	ASSERT_EQ(memblock.memory.cnt, 1);
	EXPECT_REGION(memory, 0, M(1), M(7));
	EXPECT(memblock_is_memory(M(8) - 1));
	EXPECT(!memblock_is_memory(M(8)));
}

HT_TEST(memblock_phys_alloc_is_top_down_below_limit)
{
	/*
	 * memory: [1M-16M)  limit 8M
	 * alloc 4K   -> 8M-4K;  alloc 8K -> 8M-12K (right below)
	 * reserved: [8M-12K, 8M)
	 */
	memblock_add(M(1), M(15));
	memblock.current_limit = M(8);
	EXPECT_EQ(memblock_phys_alloc(0x1000, 0x1000), M(8) - 0x1000);
	EXPECT_EQ(memblock_phys_alloc(0x2000, 0x1000), M(8) - 0x3000);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	EXPECT_REGION(reserved, 0, M(8) - 0x3000, 0x3000);
}

HT_TEST(memblock_phys_alloc_rounds_size_and_aligns)
{
	/* memory: [1M-16M)  alloc 100 bytes align 1M -> 15M, 4K reserved */
	memblock_add(M(1), M(15));
	EXPECT_EQ(memblock_phys_alloc(100, M(1)), M(15));
	EXPECT_EQ(memblock.reserved.total_size, 0x1000);
	/* align below a page still gives a page */
	EXPECT_EQ(memblock_phys_alloc(1, 1) & 0xfff, 0);
}

HT_TEST(memblock_phys_alloc_skips_reserved_and_holes)
{
	/*
	 * memory:   [1M-2M)          [4M-5M)
	 * reserved:         (none)   [4M-5M)  (all of it)
	 * alloc 64K -> the top of [1M-2M): 2M-64K
	 */
	memblock_add(M(1), M(1));
	memblock_add(M(4), M(1));
	memblock_reserve(M(4), M(1));
	EXPECT_EQ(memblock_phys_alloc(0x10000, 0x1000), M(2) - 0x10000);
}

HT_TEST(memblock_phys_alloc_never_returns_page_0)
{
	/* memory: [0-8K)  alloc 8K would be 0, which means failure: refused */
	memblock_add(0, 0x2000);
	EXPECT_EQ(memblock_phys_alloc(0x2000, 0x1000), 0);
	EXPECT_EQ(memblock_phys_alloc(0x1000, 0x1000), 0x1000);
}

HT_TEST(memblock_phys_alloc_too_big_fails)
{
	memblock_add(M(1), M(1));
	EXPECT_EQ(memblock_phys_alloc(M(2), 0x1000), 0);
	EXPECT_EQ(memblock_phys_alloc(0, 0x1000), 0);
	EXPECT_EQ(memblock.reserved.cnt, 0);
}

HT_TEST(memblock_alloc_zeroes_direct_map)
{
	/* memory: [1M-4M) in the arena; the page is dirtied first, then allocated */
	u8 *p;

	memblock_add(M(1), M(3));
	memset(__va(M(4) - 0x1000), 0xaa, 0x1000);
	p = memblock_alloc(0x1000, 0x1000, "test");
	EXPECT_EQ(__pa(p), M(4) - 0x1000);
	EXPECT(memchr_inv(p, 0, 0x1000) == NULL);
}

static void alloc_too_much(void *arg)
{
	(void)arg;
	memblock_alloc(M(8), 0x1000, "a huge table");
}

HT_TEST(memblock_alloc_failure_panics_naming_what)
{
	memblock_add(M(1), M(3));
	EXPECT_EQ(ht_catch_exit(alloc_too_much, NULL), 0x11);	/* KERNEL_EXIT_FAILURE */
	/* the panic line and its "---[ end Kernel panic" marker */
	EXPECT_LOG_COUNT("Kernel panic - not syncing: memblock: cannot allocate 8388608 bytes "
			 "for a huge table", 2);
}

HT_TEST(memblock_phys_alloc_range_stays_inside_bounds)
{
	/*
	 * memory: [1M-64M)  reserved: [40M-48M)  current_limit 16M (ignored)
	 * range [32M-48M): the top of its free part, 40M-4K
	 * range [44M-48M): all reserved, nothing; [0-1M): no memory, nothing
	 */
	memblock_add(M(1), M(63));
	memblock_reserve(M(40), M(8));
	memblock.current_limit = M(16);
	EXPECT_EQ(memblock_phys_alloc_range(0x1000, 0x1000, M(32), M(48)), M(40) - 0x1000);
	EXPECT_EQ(memblock_phys_alloc_range(0x1000, 0x1000, M(44), M(48)), 0);
	EXPECT_EQ(memblock_phys_alloc_range(0x1000, 0x1000, 0, M(1)), 0);
	/* a block that would start below the range is refused, not clipped */
	EXPECT_EQ(memblock_phys_alloc_range(M(9), 0x1000, M(32), M(40)), 0);
	EXPECT_EQ(memblock.reserved.total_size, M(8) + 0x1000);
	/* memblock_phys_alloc() is the range [0, current_limit) */
	EXPECT_EQ(memblock_phys_alloc(0x1000, 0x1000), M(16) - 0x1000);
}
