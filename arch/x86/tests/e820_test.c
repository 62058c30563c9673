// SPDX-License-Identifier: MIT
/*
 * Self-tests of memory-map normalisation (e820__sanitize and friends)
 * and of reading the boot loader's multiboot map, on a scratch table
 * (never the kernel's own e820_table). Maps are written as
 * [start-end) type, R = usable RAM, X = reserved.
 *
 * On the host (tests/host) this suite runs under ASan: each multiboot
 * map below is an array of exactly mmap_length bytes, so a read outside
 * [map, map + mmap_length) is caught there.
 */
#include <asm/e820.h>
#include <kernel/ktest.h>
#include <kernel/string.h>

static struct e820_table tbl;

static void e820_case_init(struct ktest *t)
{
	memset(&tbl, 0, sizeof(tbl));
}

#define ADD(t, a, s, ty)	KTEST_ASSERT_EQ(t, e820__add(&tbl, a, s, ty), 0)

static void set(const struct e820_entry *e, unsigned int n)
{
	tbl.nr_entries = 0;
	for (unsigned int i = 0; i < n; i++)
		e820__add(&tbl, e[i].addr, e[i].size, e[i].type);
}

#define ENTRY_IS(t, i, a, s, ty) do {						\
	KTEST_EXPECT_EQ(t, tbl.entries[i].addr, a);				\
	KTEST_EXPECT_EQ(t, tbl.entries[i].size, s);				\
	KTEST_EXPECT_EQ(t, tbl.entries[i].type, ty);				\
} while (0)

/* before: [2M-3M ram] [0-1M ram] [1M-2M ram]   after: [0-3M ram] */
static void e820_sanitize_sorts_and_merges(struct ktest *t)
{
	static const struct e820_entry in[] = {
		{ 2 << 20, 1 << 20, E820_TYPE_RAM },
		{ 0, 1 << 20, E820_TYPE_RAM },
		{ 1 << 20, 1 << 20, E820_TYPE_RAM },
	};

	set(in, 3);
	KTEST_EXPECT_EQ(t, e820__sanitize(&tbl), 1);
	KTEST_ASSERT_EQ(t, tbl.nr_entries, 1);
	ENTRY_IS(t, 0, 0, 3 << 20, E820_TYPE_RAM);
}

/* before: [0-16M ram] with [4M-5M reserved] on top; zero-length entry dropped */
static void e820_sanitize_reserved_wins_overlap(struct ktest *t)
{
	static const struct e820_entry in[] = {
		{ 0, 16 << 20, E820_TYPE_RAM },
		{ 4 << 20, 1 << 20, E820_TYPE_RESERVED },
		{ 8 << 20, 0, E820_TYPE_RESERVED },
	};

	set(in, 3);
	e820__sanitize(&tbl);
	KTEST_ASSERT_EQ(t, tbl.nr_entries, 3);
	ENTRY_IS(t, 0, 0, 4 << 20, E820_TYPE_RAM);
	ENTRY_IS(t, 1, 4 << 20, 1 << 20, E820_TYPE_RESERVED);
	ENTRY_IS(t, 2, 5 << 20, 11 << 20, E820_TYPE_RAM);
}

static void e820_sanitize_clean_map_unchanged(struct ktest *t)
{
	static const struct e820_entry in[] = {
		{ 0, 0x9fc00, E820_TYPE_RAM },
		{ 0x9fc00, 0x400, E820_TYPE_RESERVED },
		{ 0x100000, 0x7ee0000, E820_TYPE_RAM },
	};

	set(in, 3);
	KTEST_EXPECT_EQ(t, e820__sanitize(&tbl), 0);
	KTEST_EXPECT_EQ(t, tbl.nr_entries, 3);
}

/*
 * before: [1M-2M) R, [0-640K) R, [0xf0000-1M) X
 * after:  [0-640K) R, [0xf0000-1M) X, [1M-2M) R
 */
static void e820_sanitize_sorts_unsorted_entries(struct ktest *t)
{
	ADD(t, 0x100000, 0x100000, E820_TYPE_RAM);
	ADD(t, 0, 0xa0000, E820_TYPE_RAM);
	ADD(t, 0xf0000, 0x10000, E820_TYPE_RESERVED);
	KTEST_EXPECT_NE(t, e820__sanitize(&tbl), 0);
	KTEST_ASSERT_EQ(t, tbl.nr_entries, 3);
	ENTRY_IS(t, 0, 0, 0xa0000, E820_TYPE_RAM);
	ENTRY_IS(t, 1, 0xf0000, 0x10000, E820_TYPE_RESERVED);
	ENTRY_IS(t, 2, 0x100000, 0x100000, E820_TYPE_RAM);
}

/*
 * before: [0-2M) R, [1M-3M) R, [2.5M-4M) ACPI, [3M-3.5M) X
 * after:  [0-2.5M) R, [2.5M-4M) ACPI   (ACPI is rank 3, reserved rank 2)
 */
static void e820_sanitize_overlap_partial_and_same_type_merge(struct ktest *t)
{
	ADD(t, 0, 2 << 20, E820_TYPE_RAM);
	ADD(t, 1 << 20, 2 << 20, E820_TYPE_RAM);
	ADD(t, 0x280000, 0x180000, E820_TYPE_ACPI);
	ADD(t, 3 << 20, 0x80000, E820_TYPE_RESERVED);
	e820__sanitize(&tbl);
	KTEST_ASSERT_EQ(t, tbl.nr_entries, 2);
	ENTRY_IS(t, 0, 0, 0x280000, E820_TYPE_RAM);
	ENTRY_IS(t, 1, 0x280000, 0x180000, E820_TYPE_ACPI);
}

/* before: [1M-1M) R (empty), [0-1M) R, [2M-2M) X   after: [0-1M) R */
static void e820_sanitize_drops_zero_length(struct ktest *t)
{
	ADD(t, 1 << 20, 0, E820_TYPE_RAM);
	ADD(t, 0, 1 << 20, E820_TYPE_RAM);
	ADD(t, 2 << 20, 0, E820_TYPE_RESERVED);
	KTEST_EXPECT_NE(t, e820__sanitize(&tbl), 0);
	KTEST_ASSERT_EQ(t, tbl.nr_entries, 1);
	ENTRY_IS(t, 0, 0, 1 << 20, E820_TYPE_RAM);
}

/* before: (empty)  after: (empty), unchanged */
static void e820_sanitize_no_entries(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, e820__sanitize(&tbl), 0);
	KTEST_EXPECT_EQ(t, tbl.nr_entries, 0);
	KTEST_EXPECT_EQ(t, e820__ram_between(&tbl, 0, ~0ULL), 0);
}

/* before: [0-2M) R, [1M-2M) type 12   after: [0-1M) R, [1M-2M) X */
static void e820_sanitize_unknown_type_counts_as_reserved(struct ktest *t)
{
	ADD(t, 0, 2 << 20, E820_TYPE_RAM);
	ADD(t, 1 << 20, 1 << 20, 12);
	e820__sanitize(&tbl);
	KTEST_ASSERT_EQ(t, tbl.nr_entries, 2);
	ENTRY_IS(t, 1, 1 << 20, 1 << 20, E820_TYPE_RESERVED);
	KTEST_EXPECT_STREQ(t, e820_type_name(12), "type?");
}

/* before: [0xffff_ffff_ffff_0000, +0x20000) R   after: ends at 2^64 - 1 */
static void e820_sanitize_entry_wrapping_2_64_is_clipped(struct ktest *t)
{
	ADD(t, 0xffffffffffff0000ULL, 0x20000, E820_TYPE_RAM);
	e820__sanitize(&tbl);
	KTEST_ASSERT_EQ(t, tbl.nr_entries, 1);
	KTEST_EXPECT_EQ(t, tbl.entries[0].addr + tbl.entries[0].size, ~0ULL);
}

/* E820_MAX_ENTRIES entries fit, one more is refused; sanitize keeps them all */
static void e820_add_full_table_refuses(struct ktest *t)
{
	for (u32 i = 0; i < E820_MAX_ENTRIES; i++)
		ADD(t, (u64)i << 20, 4096, E820_TYPE_RAM);
	KTEST_EXPECT_LT(t, e820__add(&tbl, 1ULL << 40, 4096, E820_TYPE_RAM), 0);
	e820__sanitize(&tbl);
	KTEST_EXPECT_EQ(t, tbl.nr_entries, E820_MAX_ENTRIES);
}

static void e820_truncate_ram_cuts_at_limit(struct ktest *t)
{
	static const struct e820_entry in[] = {
		{ 0x100000, 0x3ff00000, E820_TYPE_RAM },
		{ 0xfffc0000, 0x40000, E820_TYPE_RESERVED },
		{ 0x100000000ULL, 0x40000000, E820_TYPE_RAM },
	};

	set(in, 3);
	e820__truncate_ram(&tbl, 512 << 20);
	KTEST_ASSERT_EQ(t, tbl.nr_entries, 2);
	ENTRY_IS(t, 0, 0x100000, (512 << 20) - 0x100000, E820_TYPE_RAM);
	ENTRY_IS(t, 1, 0xfffc0000, 0x40000, E820_TYPE_RESERVED);
	KTEST_EXPECT_EQ(t, e820__ram_between(&tbl, 0, ~0ULL), (512 << 20) - 0x100000);
}

/*
 * before: [0-640K) R, [1M-128M) R, [128M-129M) X, [4G-5G) R   mem=64M
 * after:  [0-640K) R, [1M-64M) R, [128M-129M) X   (reserved stays)
 */
static void e820_truncate_ram_keeps_reserved_above_limit(struct ktest *t)
{
	ADD(t, 0, 0xa0000, E820_TYPE_RAM);
	ADD(t, 1 << 20, 127 << 20, E820_TYPE_RAM);
	ADD(t, 128 << 20, 1 << 20, E820_TYPE_RESERVED);
	ADD(t, 1ULL << 32, 1ULL << 30, E820_TYPE_RAM);
	e820__truncate_ram(&tbl, 64 << 20);
	KTEST_ASSERT_EQ(t, tbl.nr_entries, 3);
	ENTRY_IS(t, 1, 1 << 20, 63 << 20, E820_TYPE_RAM);
	ENTRY_IS(t, 2, 128 << 20, 1 << 20, E820_TYPE_RESERVED);
	KTEST_EXPECT_EQ(t, e820__ram_between(&tbl, 0, ~0ULL), 0xa0000 + (63 << 20));
}

/* [0-640K) R, [1M-8M) R, [4G-6G) R; window [512K, 4G+1M) */
static void e820_ram_between_clips_to_window(struct ktest *t)
{
	ADD(t, 0, 0xa0000, E820_TYPE_RAM);
	ADD(t, 1 << 20, 7 << 20, E820_TYPE_RAM);
	ADD(t, 1ULL << 32, 2ULL << 30, E820_TYPE_RAM);
	KTEST_EXPECT_EQ(t, e820__ram_between(&tbl, 0x80000, (1ULL << 32) + (1 << 20)),
			0x20000 + (7 << 20) + (1 << 20));
	KTEST_EXPECT_EQ(t, e820__ram_between(&tbl, 1ULL << 32, ~0ULL), 2ULL << 30);
}

/*
 * --- the multiboot map as the boot loader wrote it ----------------------
 * Entry: u32 size, then addr (u64), len (u64), type (u32) and size - 20
 * more bytes; the next entry is size + 4 bytes on.
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

/* [0-0x9fc00) R, [0xf0000-1M) X, [1M-128M) R, 24 bytes apart */
static void e820_parse_multiboot_map_size_20(struct ktest *t)
{
	u8 map[3 * 24];
	struct e820_mb_error err;

	KTEST_ASSERT_EQ(t, put_three(map, 20), sizeof(map));
	KTEST_EXPECT_EQ(t, e820__parse_multiboot_map(&tbl, map, sizeof(map), &err), 0);
	KTEST_ASSERT_EQ(t, tbl.nr_entries, 3);
	ENTRY_IS(t, 0, 0, 0x9fc00, E820_TYPE_RAM);
	ENTRY_IS(t, 2, 0x100000, 0x7f00000, E820_TYPE_RAM);
}

/* size 4096: the spec allows it; entries 4100 bytes apart, all read */
static void e820_parse_multiboot_map_larger_size_is_skipped_over(struct ktest *t)
{
	static u8 map[3 * 4100];
	struct e820_mb_error err;

	KTEST_ASSERT_EQ(t, put_three(map, 4096), sizeof(map));
	KTEST_EXPECT_EQ(t, e820__parse_multiboot_map(&tbl, map, sizeof(map), &err), 0);
	KTEST_ASSERT_EQ(t, tbl.nr_entries, 3);
	ENTRY_IS(t, 1, 0xf0000, 0x10000, E820_TYPE_RESERVED);
	ENTRY_IS(t, 2, 0x100000, 0x7f00000, E820_TYPE_RAM);
}

static void expect_refused(struct ktest *t, u8 *map, u32 len, int why, u32 index,
			   u32 offset, u32 size)
{
	struct e820_mb_error err;

	KTEST_EXPECT_EQ(t, e820__parse_multiboot_map(&tbl, map, len, &err), -1);
	KTEST_EXPECT_EQ(t, err.why, why);
	KTEST_EXPECT_EQ(t, err.index, index);
	KTEST_EXPECT_EQ(t, err.offset, offset);
	KTEST_EXPECT_EQ(t, err.size, size);
}

/* entry 1 says size 0: where entry 2 starts is unknown; was misread */
static void e820_parse_multiboot_map_size_0_refused(struct ktest *t)
{
	u8 map[3 * 24];

	put_three(map, 20);
	memset(map + 24, 0, 4);
	expect_refused(t, map, sizeof(map), E820_MB_SIZE_TOO_SMALL, 1, 24, 0);
}

static void e820_parse_multiboot_map_size_16_refused(struct ktest *t)
{
	u8 map[3 * 24];
	u32 sixteen = 16;

	put_three(map, 20);
	memcpy(map + 24, &sixteen, 4);
	expect_refused(t, map, sizeof(map), E820_MB_SIZE_TOO_SMALL, 1, 24, 16);
}

/* entry 2 says 4096 in a map of 24-byte entries */
static void e820_parse_multiboot_map_size_4096_past_end_refused(struct ktest *t)
{
	u8 map[3 * 24];
	u32 big = 4096;

	put_three(map, 20);
	memcpy(map + 48, &big, 4);
	expect_refused(t, map, sizeof(map), E820_MB_PAST_END, 2, 48, 4096);
}

/* size + 4 is 3 in 32 bits: the old loop stepped 3 bytes on */
static void e820_parse_multiboot_map_size_ffffffff_does_not_wrap(struct ktest *t)
{
	u8 map[3 * 24];
	u32 huge = 0xffffffff;

	put_three(map, 20);
	memcpy(map, &huge, 4);
	expect_refused(t, map, sizeof(map), E820_MB_PAST_END, 0, 0, 0xffffffff);
}

/* entry 1's size + 4 is -28: the old loop read 4 bytes before the map */
static void e820_parse_multiboot_map_size_walking_back_refused(struct ktest *t)
{
	u8 map[3 * 24];
	u32 back = 0xffffffe0;

	put_three(map, 20);
	memcpy(map + 24, &back, 4);
	expect_refused(t, map, sizeof(map), E820_MB_PAST_END, 1, 24, 0xffffffe0);
}

/* mmap_length ends 10 bytes into entry 2: was dropped silently */
static void e820_parse_multiboot_map_cut_last_entry_refused(struct ktest *t)
{
	u8 map[3 * 24 - 10];
	u8 full[3 * 24];

	put_three(full, 20);
	memcpy(map, full, sizeof(map));
	expect_refused(t, map, sizeof(map), E820_MB_PAST_END, 2, 48, 20);
}

/* two entries and 2 bytes: not even a size field */
static void e820_parse_multiboot_map_stray_bytes_refused(struct ktest *t)
{
	u8 map[2 * 24 + 2];
	u8 full[3 * 24];

	put_three(full, 20);
	memcpy(map, full, sizeof(map));
	expect_refused(t, map, sizeof(map), E820_MB_NO_SIZE_FIELD, 2, 48, 2);
}

/* E820_MAX_ENTRIES + 1 entries: the table fills, the rest is ignored (1) */
static void e820_parse_multiboot_map_full_table(struct ktest *t)
{
	static u8 map[(E820_MAX_ENTRIES + 1) * 24];
	struct e820_mb_error err;
	u32 off = 0;

	for (u32 i = 0; i <= E820_MAX_ENTRIES; i++)
		off = put_mb_entry(map, off, 20, (u64)i << 20, 4096, E820_TYPE_RAM);
	KTEST_EXPECT_EQ(t, e820__parse_multiboot_map(&tbl, map, off, &err), 1);
	KTEST_EXPECT_EQ(t, tbl.nr_entries, E820_MAX_ENTRIES);
}

static const struct ktest_case e820_cases[] = {
	KTEST_CASE(e820_sanitize_sorts_and_merges),
	KTEST_CASE(e820_sanitize_reserved_wins_overlap),
	KTEST_CASE(e820_sanitize_clean_map_unchanged),
	KTEST_CASE(e820_sanitize_sorts_unsorted_entries),
	KTEST_CASE(e820_sanitize_overlap_partial_and_same_type_merge),
	KTEST_CASE(e820_sanitize_drops_zero_length),
	KTEST_CASE(e820_sanitize_no_entries),
	KTEST_CASE(e820_sanitize_unknown_type_counts_as_reserved),
	KTEST_CASE(e820_sanitize_entry_wrapping_2_64_is_clipped),
	KTEST_CASE(e820_add_full_table_refuses),
	KTEST_CASE(e820_truncate_ram_cuts_at_limit),
	KTEST_CASE(e820_truncate_ram_keeps_reserved_above_limit),
	KTEST_CASE(e820_ram_between_clips_to_window),
	KTEST_CASE(e820_parse_multiboot_map_size_20),
	KTEST_CASE(e820_parse_multiboot_map_larger_size_is_skipped_over),
	KTEST_CASE(e820_parse_multiboot_map_size_0_refused),
	KTEST_CASE(e820_parse_multiboot_map_size_16_refused),
	KTEST_CASE(e820_parse_multiboot_map_size_4096_past_end_refused),
	KTEST_CASE(e820_parse_multiboot_map_size_ffffffff_does_not_wrap),
	KTEST_CASE(e820_parse_multiboot_map_size_walking_back_refused),
	KTEST_CASE(e820_parse_multiboot_map_cut_last_entry_refused),
	KTEST_CASE(e820_parse_multiboot_map_stray_bytes_refused),
	KTEST_CASE(e820_parse_multiboot_map_full_table),
	{}
};
KTEST_SUITE(e820) = {
	.name = "e820", .cases = e820_cases, .init = e820_case_init,
};
