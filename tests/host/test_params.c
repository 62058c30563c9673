// SPDX-License-Identifier: MIT
/*
 * What the options built on the command-line number parsers do with a
 * number past 64 bits (kernel/params.c, mem= in arch/x86/kernel/e820.c,
 * vmalloc= in arch/x86/mm/init.c), each on a machine booted with that
 * command line. The parsers themselves (memparse, memparse_overflows,
 * simple_strtoull in kernel/lib/string.c) are tested by the core suite,
 * kernel/tests/core_test.c, which runs here too (ktest.core.*).
 *
 * Regression tests: memparse used to wrap, so mem=17592186044928M
 * (2^44 + 512 mebibytes, 2^64 + 512 MiB) became mem=512M, and
 * vmalloc=17592186044672M became vmalloc=256M, without a word.
 */
#include <mm/mm.h>

#include "ht.h"
#include "machine.h"

#define MiB_	(1ULL << 20)
#define GiB_	(1ULL << 30)

/* host-only: boots its own machine with this command line (QEMU: pc-1G-badopts) */
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

/* host-only: boots its own machine with this command line (QEMU: pc-1G-badopts) */
HT_TEST(setup_memory_vmalloc_overflow_is_malformed)
{
	ASSERT_EQ(machine_boot("pc", GiB_, "vmalloc=17592186044672M"), -1);
	EXPECT_LOG_COUNT("Malformed kernel command line option \"vmalloc=17592186044672M\": "
			 "too large for 64 bits; expected a size", 1);
	EXPECT_LOG_LINE("896MB LOWMEM available.");
}

/* A value refused for another reason does not claim an overflow. */
/* host-only: boots its own machine with this command line (QEMU: pc-1G-badopts) */
HT_TEST(setup_memory_small_mem_not_called_overflow)
{
	ASSERT_EQ(machine_boot("pc", 64 * MiB_, "mem=1K mem=99999999999999999999x"), -1);
	EXPECT_LOG_COUNT("Malformed kernel command line option \"mem=1K\": expected a size", 1);
	EXPECT_LOG_COUNT("Malformed kernel command line option \"mem=99999999999999999999x\": "
			 "expected a size", 1);
	EXPECT_LOG_COUNT("too large", 0);
}
