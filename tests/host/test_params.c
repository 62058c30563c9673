// SPDX-License-Identifier: MIT
/*
 * The command-line number parsers (kernel/lib/string.c) and what the
 * options built on them do with a number past 64 bits (kernel/params.c,
 * mem= in arch/x86/kernel/e820.c, vmalloc= in arch/x86/mm/init.c).
 *
 * Regression tests: memparse used to wrap, so mem=17592186044928M
 * (2^44 + 512 mebibytes, 2^64 + 512 MiB) became mem=512M, and
 * vmalloc=17592186044672M became vmalloc=256M, without a word.
 */
#include <kernel/string.h>
#include <mm/mm.h>

#include "ht.h"
#include "machine.h"

#define MiB_	(1ULL << 20)
#define GiB_	(1ULL << 30)

HT_TEST(memparse_largest_value_fits)
{
	static const char max[] = "18446744073709551615";	/* 2^64 - 1 */
	char *end;

	EXPECT_EQ(memparse(max, &end), ~0ULL);
	EXPECT(end == max + 20);
	EXPECT(!memparse_overflows(max));
	EXPECT_EQ(memparse("0xffffffffffffffff", &end), ~0ULL);
	EXPECT_EQ(*end, '\0');
	EXPECT_EQ(memparse("17179869183G", &end), 17179869183ULL << 30);
	EXPECT_EQ(*end, '\0');
}

HT_TEST(memparse_digit_overflow_stops_before_it)
{
	static const char over[] = "18446744073709551616";	/* 2^64 */
	static const char hex[] = "0x10000000000000000";
	char *end;

	EXPECT_EQ(memparse(over, &end), 1844674407370955161ULL);
	EXPECT(end == over + 19);
	EXPECT(memparse_overflows(over));
	memparse(hex, &end);
	EXPECT(end == hex + 18);
	EXPECT(memparse_overflows(hex));
	EXPECT_EQ(simple_strtoull(over, &end, 10), 1844674407370955161ULL);
	EXPECT(end == over + 19);
}

HT_TEST(memparse_suffix_overflow_is_not_applied)
{
	static const char big[] = "17592186044928M";
	char *end;

	EXPECT_EQ(memparse(big, &end), 17592186044928ULL);
	EXPECT_EQ(*end, 'M');
	EXPECT(memparse_overflows(big));
	EXPECT(memparse_overflows("17179869184G"));
	EXPECT(memparse_overflows("18014398509481984K"));
	EXPECT(!memparse_overflows("18014398509481983K"));
	EXPECT(!memparse_overflows("12Q"));
	EXPECT(!memparse_overflows("17592186044928MB"));	/* not a size at all */
	EXPECT(!memparse_overflows("18446744073709551616x"));
	EXPECT(memparse_overflows("0x10000000000000000"));
	EXPECT(!memparse_overflows(""));
}

/* Each refused with one line naming the reason; the machine's own size stays. */
HT_TEST(setup_memory_mem_overflow_is_malformed)
{
	ASSERT_EQ(machine_boot("pc", GiB_, "mem=17592186044928M mem=99999999999999999999"), -1);
	EXPECT_LOG_COUNT("Malformed kernel command line option \"mem=17592186044928M\": "
			 "too large for 64 bits; expected a size", 1);
	EXPECT_LOG_COUNT("Malformed kernel command line option \"mem=99999999999999999999\": "
			 "too large for 64 bits; expected a size", 1);
	EXPECT_LOG_COUNT("user: [mem ", 0);
	EXPECT_LOG_LINE("127MB HIGHMEM available.");
	EXPECT_LOG_LINE("896MB LOWMEM available.");
}

HT_TEST(setup_memory_vmalloc_overflow_is_malformed)
{
	ASSERT_EQ(machine_boot("pc", GiB_, "vmalloc=17592186044672M"), -1);
	EXPECT_LOG_COUNT("Malformed kernel command line option \"vmalloc=17592186044672M\": "
			 "too large for 64 bits; expected a size", 1);
	EXPECT_LOG_LINE("896MB LOWMEM available.");
}

/* A value refused for another reason does not claim an overflow. */
HT_TEST(setup_memory_small_mem_not_called_overflow)
{
	ASSERT_EQ(machine_boot("pc", 64 * MiB_, "mem=1K mem=99999999999999999999x"), -1);
	EXPECT_LOG_COUNT("Malformed kernel command line option \"mem=1K\": expected a size", 1);
	EXPECT_LOG_COUNT("Malformed kernel command line option \"mem=99999999999999999999x\": "
			 "expected a size", 1);
	EXPECT_LOG_COUNT("too large", 0);
}
