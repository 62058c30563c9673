// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/e820.c: handing usable RAM to memblock, which rewrites
 * the kernel's own e820_table and memblock (in QEMU, the running
 * kernel's), so it is tested here only. Normalising maps and reading the
 * multiboot map are in arch/x86/tests/e820_test.c, which runs here too
 * (ktest.e820.*, under ASan) and in QEMU. Maps are written as
 * [start-end) type, R = usable RAM, X = reserved.
 */
#include <asm/e820.h>
#include <mm/memblock.h>

#include "ht.h"

/* --- the hand-over to memblock: whole pages, page 0 out, below 4 GiB ------ */

/* host-only: rewrites the kernel's own e820_table and memblock, the running kernel's in QEMU */
HT_TEST(e820_memblock_setup_rounds_unaligned_inwards)
{
	/*
	 * e820_table: [0x0-0x9fbff] R, [0x100800-0x2007ff] R (unaligned)
	 * memblock:   [0x1000-0x9efff] (page 0 and the partial page out),
	 *             [0x101000-0x1fffff]
	 */
	e820__add(&e820_table, 0, 0x9fc00, E820_TYPE_RAM);
	e820__add(&e820_table, 0x100800, 0x100000, E820_TYPE_RAM);
	e820__memblock_setup();
	ASSERT_EQ(memblock.memory.cnt, 2);
	EXPECT_EQ(memblock.memory.regions[0].base, 0x1000);
	EXPECT_EQ(memblock.memory.regions[0].size, 0x9f000 - 0x1000);
	EXPECT_EQ(memblock.memory.regions[1].base, 0x101000);
	EXPECT_EQ(memblock.memory.regions[1].size, 0x200000 - 0x101000);
}

/* host-only: rewrites the kernel's own e820_table and memblock, the running kernel's in QEMU */
HT_TEST(e820_memblock_setup_sub_page_entry_is_dropped)
{
	/* e820_table: [0x5000-0x57ff] R (half a page)   memblock: empty */
	e820__add(&e820_table, 0x5000, 0x800, E820_TYPE_RAM);
	e820__memblock_setup();
	EXPECT_EQ(memblock.memory.cnt, 0);
}

/* host-only: rewrites the kernel's own e820_table and memblock, the running kernel's in QEMU */
HT_TEST(e820_memblock_setup_ignores_ram_above_4g_with_warning)
{
	/*
	 * e820_table: [1M-3G) R, [3G-4G) X, [4G-5G) R, [3.9G-4.1G) R crossing
	 * is impossible after sanitize; a RAM entry crossing 4G is cut at 4G.
	 * memblock: [1M-3G); one warning naming the 1024 MB lost.
	 */
	e820__add(&e820_table, 1 << 20, 0xc0000000 - (1 << 20), E820_TYPE_RAM);
	e820__add(&e820_table, 0xc0000000, 0x40000000, E820_TYPE_RESERVED);
	e820__add(&e820_table, 1ULL << 32, 1ULL << 30, E820_TYPE_RAM);
	e820__memblock_setup();
	ASSERT_EQ(memblock.memory.cnt, 1);
	EXPECT_EQ(memblock.memory.regions[0].base + memblock.memory.regions[0].size, 0xc0000000);
	EXPECT_LOG_COUNT("Warning: 1024MB of RAM above 4 GiB ignored: this kernel has no PAE", 1);
}

/* host-only: rewrites the kernel's own e820_table and memblock, the running kernel's in QEMU */
HT_TEST(e820_memblock_setup_ram_crossing_4g_is_cut)
{
	/* e820_table: [3G-5G) R   memblock: [3G-4G); warning: 1024MB */
	e820__add(&e820_table, 0xc0000000, 1ULL << 31, E820_TYPE_RAM);
	e820__memblock_setup();
	ASSERT_EQ(memblock.memory.cnt, 1);
	EXPECT_EQ(memblock.memory.regions[0].size, 0x40000000);
	EXPECT_LOG_COUNT("Warning: 1024MB of RAM above 4 GiB ignored", 1);
}

/* host-only: rewrites the kernel's own e820_table and memblock, the running kernel's in QEMU */
HT_TEST(e820_memblock_setup_no_ram_no_memory)
{
	/* e820_table: [0-1M) X only   memblock: empty, no warning */
	e820__add(&e820_table, 0, 1 << 20, E820_TYPE_RESERVED);
	e820__memblock_setup();
	EXPECT_EQ(memblock.memory.cnt, 0);
	EXPECT_LOG_COUNT("Warning", 0);
}
