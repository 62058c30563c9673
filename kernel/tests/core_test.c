// SPDX-License-Identifier: MIT
/*
 * Self-tests of the foundation: printk formatting, the fault reports
 * (provoked on purpose and caught), misuse reports, symbol lookup and the
 * command-line helpers.
 */
#include <asm/pgtable_32_areas.h>
#include <asm/extable.h>
#include <asm/traps.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>
#include <kernel/kallsyms.h>
#include <kernel/ktest.h>
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/vmalloc.h>

static void snprintf_formats(struct ktest *t)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%d|%5d|%-4d|%05d", -42, 42, 7, 42);
	KTEST_EXPECT_STREQ(t, buf, "-42|   42|7   |00042");
	snprintf(buf, sizeof(buf), "%u %x %X %08lx", 4000000000U, 0xbeef, 0xbeef, 0x1fUL);
	KTEST_EXPECT_STREQ(t, buf, "4000000000 beef BEEF 0000001f");
	snprintf(buf, sizeof(buf), "%llx %llu %lld", 0x123456789abcULL, 18446744073709551615ULL, -5LL);
	KTEST_EXPECT_STREQ(t, buf, "123456789abc 18446744073709551615 -5");
	snprintf(buf, sizeof(buf), "%s|%-6s|%.3s|%c|%zu|%p", "ab", "cd", "abcdef", 'z', (size_t)9, (void *)0xc0100000);
	KTEST_EXPECT_STREQ(t, buf, "ab|cd    |abc|z|9|c0100000");
	snprintf(buf, sizeof(buf), "%#x|%#x|%#06x|%#X", 0x2badb002, 0, 0x1f, 0xab);
	KTEST_EXPECT_STREQ(t, buf, "0x2badb002|0|0x001f|0XAB");
	snprintf(buf, sizeof(buf), "%*d|%-*d|%.3d|%5.2x|%hx|%hhx|%hd", -4, 7, 3, 8, 5, 0xa, -1, 0x1ff, -1);
	KTEST_EXPECT_STREQ(t, buf, "7   |8  |005|   0a|ffff|ff|-1");
	/* truncation keeps the terminator and reports the full length */
	KTEST_EXPECT_EQ(t, snprintf(buf, 4, "%s", "hello"), 5);
	KTEST_EXPECT_STREQ(t, buf, "hel");
}

static void memparse_suffixes(struct ktest *t)
{
	char *end;

	KTEST_EXPECT_EQ(t, memparse("512M", &end), 512ULL << 20);
	KTEST_EXPECT_EQ(t, *end, '\0');
	KTEST_EXPECT_EQ(t, memparse("4G", NULL), 4ULL << 30);
	KTEST_EXPECT_EQ(t, memparse("0x1000", NULL), 0x1000);
	KTEST_EXPECT_EQ(t, memparse("64k", NULL), 64 << 10);
	KTEST_EXPECT_EQ(t, memparse("0xffffffffffffffff", &end), ~0ULL);
	KTEST_EXPECT_EQ(t, *end, '\0');
	memparse("12Q", &end);
	KTEST_EXPECT_EQ(t, *end, 'Q');	/* a bad suffix is left for the caller */
}

/*
 * Sizes past 64 bits are not wrapped (a regression test: mem=17592186044928M
 * became 512M, 2^64 + 512 MiB). The parse stops in front of what does not
 * fit, so *end is not at the terminator and mem=/vmalloc= refuse it:
 *   "18446744073709551615"  2^64 - 1, the largest: whole string taken
 *   "18446744073709551616"  2^64: stops on the last digit
 *   "17179869183G"          (2^34 - 1) GiB fits; "17179869184G" does not
 */
static void memparse_overflow_not_wrapped(struct ktest *t)
{
	static const char max[] = "18446744073709551615", over[] = "18446744073709551616";
	static const char big_m[] = "17592186044928M", twenty[] = "99999999999999999999";
	static const char hex_over[] = "0x10000000000000000";
	char *end;

	KTEST_EXPECT_EQ(t, memparse(max, &end), ~0ULL);
	KTEST_EXPECT_PTR_EQ(t, end, max + 20);
	KTEST_EXPECT_FALSE(t, memparse_overflows(max));
	KTEST_EXPECT_EQ(t, memparse(over, &end), 1844674407370955161ULL);	/* the digits before */
	KTEST_EXPECT_PTR_EQ(t, end, over + 19);
	KTEST_EXPECT_TRUE(t, memparse_overflows(over));
	KTEST_EXPECT_EQ(t, simple_strtoull(over, &end, 10), 1844674407370955161ULL);
	KTEST_EXPECT_PTR_EQ(t, end, over + 19);
	memparse(hex_over, &end);
	KTEST_EXPECT_PTR_EQ(t, end, hex_over + 18);
	memparse(twenty, &end);
	KTEST_EXPECT_PTR_EQ(t, end, twenty + 19);
	KTEST_EXPECT_TRUE(t, memparse_overflows(twenty));
	KTEST_EXPECT_EQ(t, memparse(big_m, &end), 17592186044928ULL);
	KTEST_EXPECT_EQ(t, *end, 'M');		/* the suffix is left, not applied */
	KTEST_EXPECT_TRUE(t, memparse_overflows(big_m));
	KTEST_EXPECT_EQ(t, memparse("17179869183G", &end), 17179869183ULL << 30);
	KTEST_EXPECT_EQ(t, *end, '\0');
	KTEST_EXPECT_FALSE(t, memparse_overflows("17179869183G"));
	KTEST_EXPECT_TRUE(t, memparse_overflows("17179869184G"));
	KTEST_EXPECT_TRUE(t, memparse_overflows("0x10000000000000000"));
	KTEST_EXPECT_FALSE(t, memparse_overflows("12Q"));
	KTEST_EXPECT_FALSE(t, memparse_overflows("18446744073709551616x"));	/* junk, not a size */
	KTEST_EXPECT_TRUE(t, memparse_overflows("18014398509481984K"));	/* 2^54 KiB = 2^64 */
	KTEST_EXPECT_FALSE(t, memparse_overflows("18014398509481983K"));
	KTEST_EXPECT_FALSE(t, memparse_overflows("17592186044928MB"));		/* not a size at all */
	KTEST_EXPECT_FALSE(t, memparse_overflows(""));
}

/* before: page 0 unmapped (paging_init dropped the identity map) */
static void page_fault_null_write_reported(struct ktest *t)
{
	struct fault_catch fc;
	unsigned long addr = 8;

	ktest_needs_mmu(t);
	OPTIMIZER_HIDE_VAR(addr);
	if (catch_fault(&fc))
		*(volatile int *)addr = 1;
	end_catch_fault(&fc);
	KTEST_ASSERT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.vector, X86_TRAP_PF);
	KTEST_EXPECT_EQ(t, fc.cr2, 8);
	/* write to a not-present page in kernel mode */
	KTEST_EXPECT_EQ(t, fc.error_code & (X86_PF_PROT | X86_PF_WRITE | X86_PF_USER), X86_PF_WRITE);
	KTEST_EXPECT_STREQ(t, fc.area, "the NULL page");
}

/* before: kernel text mapped read-only, CR0.WP set */
static void page_fault_text_write_is_protection(struct ktest *t)
{
	struct fault_catch fc;
	extern char _text[];

	ktest_needs_mmu(t);
	if (catch_fault(&fc))
		*(volatile char *)_text = 0x90;
	end_catch_fault(&fc);
	KTEST_ASSERT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.cr2, (unsigned long)_text);
	KTEST_EXPECT_EQ(t, fc.error_code & (X86_PF_PROT | X86_PF_WRITE), X86_PF_PROT | X86_PF_WRITE);
	KTEST_EXPECT_STREQ(t, fc.area, "the lowmem direct map");
}

/* the 8 MiB between high_memory and VMALLOC_START is never mapped */
static void page_fault_hole_names_area(struct ktest *t)
{
	struct fault_catch fc;
	unsigned long addr = (unsigned long)high_memory + 0x1000;

	ktest_needs_mmu(t);
	if (catch_fault(&fc))
		(void)*(volatile int *)addr;
	end_catch_fault(&fc);
	KTEST_ASSERT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.cr2, addr);
	KTEST_EXPECT_EQ(t, fc.error_code & X86_PF_WRITE, 0);
	KTEST_EXPECT_STREQ(t, fc.area, "the 8 MiB hole after the direct map");
}

static void invalid_opcode_reported(struct ktest *t)
{
	struct fault_catch fc;

	ktest_needs_mmu(t);
	if (catch_fault(&fc))
		__asm__ __volatile__("ud2");
	end_catch_fault(&fc);
	KTEST_ASSERT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.vector, 6);
}

static void report_misuse_counts_expected(struct ktest *t)
{
	unsigned long unexpected = report_state.unexpected;

	KTEST_EXPECT_REPORT(t, report_misuse("test kind", "test reason"), "test kind", "test reason");
	KTEST_EXPECT_EQ(t, report_state.unexpected, unexpected);
}

static void kallsyms_lookup_finds_function(struct ktest *t)
{
	unsigned long off = 99, size = 0;
	const char *name;

	ktest_host_skip(t, "needs the kernel image's symbol table (.kallsyms, from the second link)");
	name = kallsyms_lookup((unsigned long)kallsyms_lookup + 3, &off, &size);
	KTEST_EXPECT_STREQ(t, name, "kallsyms_lookup");
	KTEST_EXPECT_EQ(t, off, 3);
	KTEST_EXPECT_GT(t, size, 3);
	KTEST_EXPECT_NULL(t, kallsyms_lookup(0x1234, NULL, NULL));
}

/*
 * panic() and BUG() call console_verbose() before they print: every level
 * prints from then on, from loglevel=0 too (Linux leaves 0 alone; see
 * include/kernel/printk.h for why this kernel does not).
 */
static void console_verbose_raises_loglevel_0(struct ktest *t)
{
	int saved = console_loglevel, got;

	console_loglevel = 0;
	console_verbose();
	got = console_loglevel;
	console_loglevel = saved;
	KTEST_EXPECT_EQ(t, got, CONSOLE_LOGLEVEL_MOTORMOUTH);
}

/* --- the exception table ------------------------------------------------------ */

static const u32 rodata_probe_word = 0x12345678;

/*
 * A load with an EX_TYPE_DEFAULT entry, from the NULL page: the trap path
 * finds the entry, skips the mov (the register keeps 0x1234) and prints
 * no oops. Without fixup_exception() this case panics the boot.
 */
static void fixup_exception_resumes_at_fixup(struct ktest *t)
{
	unsigned long addr = 8, v;

	ktest_needs_mmu(t);
	OPTIMIZER_HIDE_VAR(addr);
	last_fault = (struct fault_record){ 0 };
	__asm__ __volatile__("1:	movl (%1), %0\n"
			     "2:\n"
			     _ASM_EXTABLE(1b, 2b)
			     : "=r"(v) : "r"(addr), "0"(0x1234UL) : "memory");
	KTEST_EXPECT_EQ(t, v, 0x1234);
	KTEST_EXPECT_EQ(t, last_fault.vector, X86_TRAP_PF);
	KTEST_EXPECT_EQ(t, last_fault.cr2, 8);
	KTEST_EXPECT_STREQ(t, last_fault.area, "the NULL page");
	KTEST_EXPECT_NULL(t, search_exception_tables(last_fault.eip + 1));
	KTEST_EXPECT_NOT_NULL(t, search_exception_tables(last_fault.eip));
}

/*
 * A ud2 with an EX_TYPE_DEFAULT entry: an invalid-opcode exception (not a
 * page fault) resumes at the fixup too, silently; and fixup_exception()
 * refuses, for the same EIP, the vectors no instruction "expects" (NMI,
 * double fault, machine check).
 */
static void fixup_exception_covers_invalid_opcode(struct ktest *t)
{
	unsigned long v = 0;
	struct pt_regs regs = { 0 };
	const struct exception_table_entry *e;

	ktest_needs_mmu(t);
	last_fault = (struct fault_record){ 0 };
	__asm__ __volatile__("1:	ud2\n"
			     "	movl $1, %0\n"
			     "2:\n"
			     _ASM_EXTABLE(1b, 2b)
			     : "+r"(v) : : "memory");
	KTEST_EXPECT_EQ(t, v, 0);		/* the mov after ud2 was skipped */
	KTEST_EXPECT_EQ(t, last_fault.vector, X86_TRAP_UD);
	e = search_exception_tables(last_fault.eip);
	KTEST_ASSERT_NOT_NULL(t, e);
	regs.eip = last_fault.eip;
	KTEST_EXPECT_FALSE(t, fixup_exception(&regs, X86_TRAP_DF));
	KTEST_EXPECT_FALSE(t, fixup_exception(&regs, X86_TRAP_NMI));
	KTEST_EXPECT_FALSE(t, fixup_exception(&regs, X86_TRAP_MC));
	KTEST_EXPECT_EQ(t, regs.eip, last_fault.eip);
	KTEST_EXPECT_TRUE(t, fixup_exception(&regs, X86_TRAP_UD));
	KTEST_EXPECT_EQ(t, regs.eip, e->fixup);
}

/* copy_from_kernel_nofault(): mapped memory is copied; the NULL page is -EFAULT. */
static void copy_from_kernel_nofault_null_is_efault(struct ktest *t)
{
	u32 src = 0xcafe0001, dst = 0;
	unsigned long null = 16;

	ktest_needs_mmu(t);
	OPTIMIZER_HIDE_VAR(null);
	KTEST_EXPECT_EQ(t, copy_from_kernel_nofault(&dst, &src, sizeof(dst)), 0);
	KTEST_EXPECT_EQ(t, dst, 0xcafe0001);
	dst = 0x5a5a5a5a;
	KTEST_EXPECT_EQ(t, copy_from_kernel_nofault(&dst, (void *)null, sizeof(dst)), -EFAULT);
	KTEST_EXPECT_EQ(t, dst, 0x5a5a5a5a);
	KTEST_EXPECT_EQ(t, last_fault.cr2, 16);
	KTEST_EXPECT_EQ(t, last_fault.error_code & X86_PF_WRITE, 0);
}

/* copy_to_kernel_nofault() on rodata: a protection fault, -EFAULT, the word unchanged. */
static void copy_to_kernel_nofault_rodata_is_efault(struct ktest *t)
{
	u32 v = 0;
	const u32 *p = &rodata_probe_word;

	ktest_needs_mmu(t);
	OPTIMIZER_HIDE_VAR(p);
	KTEST_EXPECT_EQ(t, copy_to_kernel_nofault((void *)p, &v, sizeof(v)), -EFAULT);
	KTEST_EXPECT_EQ(t, *p, 0x12345678);
	KTEST_EXPECT_EQ(t, last_fault.cr2, (unsigned long)p);
	KTEST_EXPECT_EQ(t, last_fault.error_code & (X86_PF_PROT | X86_PF_WRITE),
			X86_PF_PROT | X86_PF_WRITE);
}

/* The probe a guard-page test uses: "A g": the byte after A is -EFAULT. */
static void copy_from_kernel_nofault_vmalloc_guard_page(struct ktest *t)
{
	u8 *a, b = 0;

	ktest_needs_mmu(t);
	a = vmalloc(PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_EXPECT_EQ(t, copy_from_kernel_nofault(&b, a + PAGE_SIZE - 1, 1), 0);
	KTEST_EXPECT_EQ(t, copy_from_kernel_nofault(&b, a + PAGE_SIZE, 1), -EFAULT);
	KTEST_EXPECT_EQ(t, last_fault.cr2, (unsigned long)a + PAGE_SIZE);
	KTEST_EXPECT_STREQ(t, last_fault.area, "a vmalloc guard page");
	vfree(a);
}

/* get_order(): the smallest order whose block holds @size bytes (Linux's semantics). */
static void get_order_rounds_up(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, get_order(1), 0);
	KTEST_EXPECT_EQ(t, get_order(PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, get_order(PAGE_SIZE + 1), 1);
	KTEST_EXPECT_EQ(t, get_order(8 * PAGE_SIZE), 3);
	KTEST_EXPECT_EQ(t, get_order(5UL << 20), 11);
	KTEST_EXPECT_EQ(t, get_order(0x80000000UL), 19);
}

static const struct ktest_case core_cases[] = {
	KTEST_CASE(snprintf_formats),
	KTEST_CASE(memparse_suffixes),
	KTEST_CASE(memparse_overflow_not_wrapped),
	KTEST_CASE(page_fault_null_write_reported),
	KTEST_CASE(page_fault_text_write_is_protection),
	KTEST_CASE(page_fault_hole_names_area),
	KTEST_CASE(invalid_opcode_reported),
	KTEST_CASE(fixup_exception_resumes_at_fixup),
	KTEST_CASE(fixup_exception_covers_invalid_opcode),
	KTEST_CASE(copy_from_kernel_nofault_null_is_efault),
	KTEST_CASE(copy_to_kernel_nofault_rodata_is_efault),
	KTEST_CASE(copy_from_kernel_nofault_vmalloc_guard_page),
	KTEST_CASE(report_misuse_counts_expected),
	KTEST_CASE(kallsyms_lookup_finds_function),
	KTEST_CASE(get_order_rounds_up),
	KTEST_CASE(console_verbose_raises_loglevel_0),
	{}
};
KTEST_SUITE(core) = { .name = "core", .cases = core_cases };
