// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/e820.c: normalising the firmware's memory map and
 * handing usable RAM to memblock. Maps are written as
 * [start-end) type, R = usable RAM, X = reserved.
 */
#include <asm/e820.h>
#include <mm/memblock.h>

#include "ht.h"

static struct e820_table t;

static void add(u64 addr, u64 size, u32 type)
{
	ASSERT(e820__add(&t, addr, size, type) == 0);
}

#define EXPECT_ENTRY(i, a, s, ty) do {					\
	EXPECT_EQ(t.entries[i].addr, a);				\
	EXPECT_EQ(t.entries[i].size, s);				\
	EXPECT_EQ(t.entries[i].type, ty);				\
} while (0)

HT_TEST(e820_sanitize_sorts_unsorted_entries)
{
	/*
	 * before: [1M-2M) R, [0-640K) R, [0xf0000-1M) X
	 * after:  [0-640K) R, [0xf0000-1M) X, [1M-2M) R
	 */
	add(0x100000, 0x100000, E820_TYPE_RAM);
	add(0, 0xa0000, E820_TYPE_RAM);
	add(0xf0000, 0x10000, E820_TYPE_RESERVED);
	EXPECT(e820__sanitize(&t) != 0);
	ASSERT_EQ(t.nr_entries, 3);
	EXPECT_ENTRY(0, 0, 0xa0000, E820_TYPE_RAM);
	EXPECT_ENTRY(1, 0xf0000, 0x10000, E820_TYPE_RESERVED);
	EXPECT_ENTRY(2, 0x100000, 0x100000, E820_TYPE_RAM);
}

HT_TEST(e820_sanitize_clean_map_is_unchanged)
{
	/* before = after: [0-640K) R, [1M-16M) R */
	add(0, 0xa0000, E820_TYPE_RAM);
	add(0x100000, 0xf00000, E820_TYPE_RAM);
	EXPECT_EQ(e820__sanitize(&t), 0);
	EXPECT_EQ(t.nr_entries, 2);
}

HT_TEST(e820_sanitize_overlap_reserved_wins)
{
	/*
	 * before: [0-16M) R, [4M-5M) X          (X inside R)
	 * after:  [0-4M) R, [4M-5M) X, [5M-16M) R
	 */
	add(0, 16 << 20, E820_TYPE_RAM);
	add(4 << 20, 1 << 20, E820_TYPE_RESERVED);
	e820__sanitize(&t);
	ASSERT_EQ(t.nr_entries, 3);
	EXPECT_ENTRY(0, 0, 4 << 20, E820_TYPE_RAM);
	EXPECT_ENTRY(1, 4 << 20, 1 << 20, E820_TYPE_RESERVED);
	EXPECT_ENTRY(2, 5 << 20, 11 << 20, E820_TYPE_RAM);
}

HT_TEST(e820_sanitize_overlap_partial_and_same_type_merge)
{
	/*
	 * before: [0-2M) R, [1M-3M) R, [2.5M-4M) ACPI, [3M-3.5M) X
	 * after:  [0-2.5M) R, [2.5M-3M) ACPI, [3M-3.5M) ACPI (3 > 2 wins), [3.5M-4M) ACPI
	 *         = [0-2.5M) R, [2.5M-4M) ACPI   (ACPI is rank 3, reserved rank 2)
	 */
	add(0, 2 << 20, E820_TYPE_RAM);
	add(1 << 20, 2 << 20, E820_TYPE_RAM);
	add(0x280000, 0x180000, E820_TYPE_ACPI);
	add(3 << 20, 0x80000, E820_TYPE_RESERVED);
	e820__sanitize(&t);
	ASSERT_EQ(t.nr_entries, 2);
	EXPECT_ENTRY(0, 0, 0x280000, E820_TYPE_RAM);
	EXPECT_ENTRY(1, 0x280000, 0x180000, E820_TYPE_ACPI);
}

HT_TEST(e820_sanitize_drops_zero_length)
{
	/* before: [1M-1M) R (empty), [0-1M) R, [2M-2M) X   after: [0-1M) R */
	add(1 << 20, 0, E820_TYPE_RAM);
	add(0, 1 << 20, E820_TYPE_RAM);
	add(2 << 20, 0, E820_TYPE_RESERVED);
	EXPECT(e820__sanitize(&t) != 0);
	ASSERT_EQ(t.nr_entries, 1);
	EXPECT_ENTRY(0, 0, 1 << 20, E820_TYPE_RAM);
}

HT_TEST(e820_sanitize_no_entries)
{
	/* before: (empty)  after: (empty), unchanged */
	EXPECT_EQ(e820__sanitize(&t), 0);
	EXPECT_EQ(t.nr_entries, 0);
	EXPECT_EQ(e820__ram_between(&t, 0, ~0ULL), 0);
}

HT_TEST(e820_sanitize_unknown_type_counts_as_reserved)
{
	/* before: [0-2M) R, [1M-2M) type 12   after: [0-1M) R, [1M-2M) X */
	add(0, 2 << 20, E820_TYPE_RAM);
	add(1 << 20, 1 << 20, 12);
	e820__sanitize(&t);
	ASSERT_EQ(t.nr_entries, 2);
	EXPECT_ENTRY(1, 1 << 20, 1 << 20, E820_TYPE_RESERVED);
	EXPECT_STREQ(e820_type_name(12), "type?");
}

HT_TEST(e820_sanitize_entry_wrapping_2_64_is_clipped)
{
	/* before: [0xffff_ffff_ffff_0000, +0x20000) R   after: ends at 2^64 - 1 */
	add(0xffffffffffff0000ULL, 0x20000, E820_TYPE_RAM);
	e820__sanitize(&t);
	ASSERT_EQ(t.nr_entries, 1);
	EXPECT_EQ(t.entries[0].addr + t.entries[0].size, ~0ULL);
}

HT_TEST(e820_add_full_table_refuses)
{
	/* E820_MAX_ENTRIES entries fit, one more is refused */
	for (u32 i = 0; i < E820_MAX_ENTRIES; i++)
		ASSERT(e820__add(&t, (u64)i << 20, 4096, E820_TYPE_RAM) == 0);
	EXPECT(e820__add(&t, 1ULL << 40, 4096, E820_TYPE_RAM) < 0);
	/* sanitize of a full table keeps every disjoint entry */
	e820__sanitize(&t);
	EXPECT_EQ(t.nr_entries, E820_MAX_ENTRIES);
}

HT_TEST(e820_truncate_ram_cuts_at_limit)
{
	/*
	 * before: [0-640K) R, [1M-128M) R, [128M-129M) X, [4G-5G) R   mem=64M
	 * after:  [0-640K) R, [1M-64M) R, [128M-129M) X   (reserved stays)
	 */
	add(0, 0xa0000, E820_TYPE_RAM);
	add(1 << 20, 127 << 20, E820_TYPE_RAM);
	add(128 << 20, 1 << 20, E820_TYPE_RESERVED);
	add(1ULL << 32, 1ULL << 30, E820_TYPE_RAM);
	e820__truncate_ram(&t, 64 << 20);
	ASSERT_EQ(t.nr_entries, 3);
	EXPECT_ENTRY(1, 1 << 20, 63 << 20, E820_TYPE_RAM);
	EXPECT_ENTRY(2, 128 << 20, 1 << 20, E820_TYPE_RESERVED);
	EXPECT_EQ(e820__ram_between(&t, 0, ~0ULL), 0xa0000 + (63 << 20));
}

HT_TEST(e820_ram_between_clips_to_window)
{
	/* [0-640K) R, [1M-8M) R, [4G-6G) R; window [512K, 4G+1M) */
	add(0, 0xa0000, E820_TYPE_RAM);
	add(1 << 20, 7 << 20, E820_TYPE_RAM);
	add(1ULL << 32, 2ULL << 30, E820_TYPE_RAM);
	EXPECT_EQ(e820__ram_between(&t, 0x80000, (1ULL << 32) + (1 << 20)),
		  0x20000 + (7 << 20) + (1 << 20));
	EXPECT_EQ(e820__ram_between(&t, 1ULL << 32, ~0ULL), 2ULL << 30);
}

/* --- the hand-over to memblock: whole pages, page 0 out, below 4 GiB ------ */

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

HT_TEST(e820_memblock_setup_sub_page_entry_is_dropped)
{
	/* e820_table: [0x5000-0x57ff] R (half a page)   memblock: empty */
	e820__add(&e820_table, 0x5000, 0x800, E820_TYPE_RAM);
	e820__memblock_setup();
	EXPECT_EQ(memblock.memory.cnt, 0);
}

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

HT_TEST(e820_memblock_setup_ram_crossing_4g_is_cut)
{
	/* e820_table: [3G-5G) R   memblock: [3G-4G); warning: 1024MB */
	e820__add(&e820_table, 0xc0000000, 1ULL << 31, E820_TYPE_RAM);
	e820__memblock_setup();
	ASSERT_EQ(memblock.memory.cnt, 1);
	EXPECT_EQ(memblock.memory.regions[0].size, 0x40000000);
	EXPECT_LOG_COUNT("Warning: 1024MB of RAM above 4 GiB ignored", 1);
}

HT_TEST(e820_memblock_setup_no_ram_no_memory)
{
	/* e820_table: [0-1M) X only   memblock: empty, no warning */
	e820__add(&e820_table, 0, 1 << 20, E820_TYPE_RESERVED);
	e820__memblock_setup();
	EXPECT_EQ(memblock.memory.cnt, 0);
	EXPECT_LOG_COUNT("Warning", 0);
}

/*
 * --- the multiboot map as the boot loader wrote it ----------------------
 * Entry: u32 size, then addr (u64), len (u64), type (u32) and size - 20
 * more bytes; the next entry is size + 4 bytes on. Each map below is a
 * stack array of exactly mmap_length bytes, so ASan catches any read
 * outside [map, map + mmap_length).
 */
static u32 put_mb_entry(u8 *map, u32 off, u32 size, u64 addr, u64 len, u32 type)
{
	memcpy(map + off, &size, 4);
	memcpy(map + off + 4, &addr, 8);
	memcpy(map + off + 12, &len, 8);
	memcpy(map + off + 20, &type, 4);
	return off + 4 + size;
}

/* QEMU's three basic entries at size @size each; returns the map length. */
static u32 put_three(u8 *map, u32 size)
{
	u32 off = put_mb_entry(map, 0, size, 0, 0x9fc00, E820_TYPE_RAM);

	off = put_mb_entry(map, off, size, 0xf0000, 0x10000, E820_TYPE_RESERVED);
	return put_mb_entry(map, off, size, 0x100000, 0x7f00000, E820_TYPE_RAM);
}

HT_TEST(e820_parse_multiboot_map_size_20)
{
	/* [0-0x9fc00) R, [0xf0000-1M) X, [1M-128M) R, 24 bytes apart */
	u8 map[3 * 24];
	struct e820_mb_error err;

	ASSERT_EQ(put_three(map, 20), sizeof(map));
	EXPECT_EQ(e820__parse_multiboot_map(&t, map, sizeof(map), &err), 0);
	ASSERT_EQ(t.nr_entries, 3);
	EXPECT_ENTRY(0, 0, 0x9fc00, E820_TYPE_RAM);
	EXPECT_ENTRY(2, 0x100000, 0x7f00000, E820_TYPE_RAM);
}

HT_TEST(e820_parse_multiboot_map_larger_size_is_skipped_over)
{
	/* size 4096: the spec allows it; entries 4100 bytes apart, all read */
	static u8 map[3 * 4100];
	struct e820_mb_error err;

	ASSERT_EQ(put_three(map, 4096), sizeof(map));
	EXPECT_EQ(e820__parse_multiboot_map(&t, map, sizeof(map), &err), 0);
	ASSERT_EQ(t.nr_entries, 3);
	EXPECT_ENTRY(1, 0xf0000, 0x10000, E820_TYPE_RESERVED);
	EXPECT_ENTRY(2, 0x100000, 0x7f00000, E820_TYPE_RAM);
}

static void expect_refused(u8 *map, u32 len, int why, u32 index, u32 offset, u32 size)
{
	struct e820_mb_error err;

	EXPECT_EQ(e820__parse_multiboot_map(&t, map, len, &err), -1);
	EXPECT_EQ(err.why, why);
	EXPECT_EQ(err.index, index);
	EXPECT_EQ(err.offset, offset);
	EXPECT_EQ(err.size, size);
}

HT_TEST(e820_parse_multiboot_map_size_0_refused)
{
	/* entry 1 says size 0: where entry 2 starts is unknown; was misread */
	u8 map[3 * 24];

	put_three(map, 20);
	memset(map + 24, 0, 4);
	expect_refused(map, sizeof(map), E820_MB_SIZE_TOO_SMALL, 1, 24, 0);
}

HT_TEST(e820_parse_multiboot_map_size_16_refused)
{
	u8 map[3 * 24];
	u32 sixteen = 16;

	put_three(map, 20);
	memcpy(map + 24, &sixteen, 4);
	expect_refused(map, sizeof(map), E820_MB_SIZE_TOO_SMALL, 1, 24, 16);
}

HT_TEST(e820_parse_multiboot_map_size_4096_past_end_refused)
{
	/* entry 2 says 4096 in a map of 24-byte entries */
	u8 map[3 * 24];
	u32 big = 4096;

	put_three(map, 20);
	memcpy(map + 48, &big, 4);
	expect_refused(map, sizeof(map), E820_MB_PAST_END, 2, 48, 4096);
}

HT_TEST(e820_parse_multiboot_map_size_ffffffff_does_not_wrap)
{
	/* size + 4 is 3 in 32 bits: the old loop stepped 3 bytes on */
	u8 map[3 * 24];
	u32 huge = 0xffffffff;

	put_three(map, 20);
	memcpy(map, &huge, 4);
	expect_refused(map, sizeof(map), E820_MB_PAST_END, 0, 0, 0xffffffff);
}

HT_TEST(e820_parse_multiboot_map_size_walking_back_refused)
{
	/* entry 1's size + 4 is -28: the old loop read 4 bytes before the map */
	u8 map[3 * 24];
	u32 back = 0xffffffe0;

	put_three(map, 20);
	memcpy(map + 24, &back, 4);
	expect_refused(map, sizeof(map), E820_MB_PAST_END, 1, 24, 0xffffffe0);
}

HT_TEST(e820_parse_multiboot_map_cut_last_entry_refused)
{
	/* mmap_length ends 10 bytes into entry 2: was dropped silently */
	u8 map[3 * 24 - 10];
	u8 full[3 * 24];

	put_three(full, 20);
	memcpy(map, full, sizeof(map));
	expect_refused(map, sizeof(map), E820_MB_PAST_END, 2, 48, 20);
}

HT_TEST(e820_parse_multiboot_map_stray_bytes_refused)
{
	/* two entries and 2 bytes: not even a size field */
	u8 map[2 * 24 + 2];
	u8 full[3 * 24];

	put_three(full, 20);
	memcpy(map, full, sizeof(map));
	expect_refused(map, sizeof(map), E820_MB_NO_SIZE_FIELD, 2, 48, 2);
}

HT_TEST(e820_parse_multiboot_map_full_table)
{
	/* E820_MAX_ENTRIES + 1 entries: the table fills, the rest is ignored (1) */
	static u8 map[(E820_MAX_ENTRIES + 1) * 24];
	struct e820_mb_error err;
	u32 off = 0;

	for (u32 i = 0; i <= E820_MAX_ENTRIES; i++)
		off = put_mb_entry(map, off, 20, (u64)i << 20, 4096, E820_TYPE_RAM);
	EXPECT_EQ(e820__parse_multiboot_map(&t, map, off, &err), 1);
	EXPECT_EQ(t.nr_entries, E820_MAX_ENTRIES);
}
