// SPDX-License-Identifier: MIT
/* Self-tests of memory-map normalisation (e820__sanitize and friends). */
#include <asm/e820.h>
#include <kernel/ktest.h>
#include <kernel/string.h>

static struct e820_table tbl;

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

static const struct ktest_case e820_cases[] = {
	KTEST_CASE(e820_sanitize_sorts_and_merges),
	KTEST_CASE(e820_sanitize_reserved_wins_overlap),
	KTEST_CASE(e820_sanitize_clean_map_unchanged),
	KTEST_CASE(e820_truncate_ram_cuts_at_limit),
	{}
};
KTEST_SUITE(e820) = { .name = "e820", .cases = e820_cases };
