// SPDX-License-Identifier: MIT
/*
 * Self-tests of the MADT parser (arch/x86/kernel/acpi.c) on tables built
 * here, in a kmalloc() buffer (lowmem, so __pa() gives the physical
 * address acpi_parse_madt() reads through copy_from_phys()). A hostile or
 * broken table must be refused whole, with one line and nothing
 * registered; a good one registers its processors, I/O APIC and
 * overrides (an I/O APIC without an address, or listed twice, and an
 * override with reserved flags or for an IRQ already overridden, are
 * skipped one by one). The machine's own smp_config is saved and put back around
 * each case.
 *
 *   the good table, 44 + 8 + 8 + 12 + 10 = 82 bytes:
 *   [header 36][lapic addr 0xfee00000][flags 1]
 *   [LAPIC id 0 enabled][LAPIC id 1 disabled][IOAPIC 0 @0xfec00000 gsi 0]
 *   [INT_SRC_OVR irq 0 -> gsi 2]
 */
#include <asm/mpspec.h>
#include <kernel/ktest.h>
#include <kernel/string.h>
#include <mm/mm.h>
#include <mm/slab.h>

static struct smp_config saved;
static u8 *tbl;

#define TBL_SIZE	128

static void madt_case_init(struct ktest *t)
{
	saved = smp_config;
	mp_config_reset();
	tbl = kmalloc(TBL_SIZE, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, tbl);
	memset(tbl, 0, TBL_SIZE);
}

static void madt_case_exit(struct ktest *t)
{
	(void)t;
	kfree(tbl);
	smp_config = saved;
}

static void put32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);
}

/* Set the header's length and make the checksum right. */
static void seal(u32 length)
{
	u8 sum = 0;

	put32(tbl + 4, length);
	tbl[9] = 0;
	for (u32 i = 0; i < length && i < TBL_SIZE; i++)
		sum = (u8)(sum + tbl[i]);
	tbl[9] = (u8)-sum;
}

/* The good table above; returns its length. */
static u32 build_good(void)
{
	u8 *e = tbl + 44;

	memcpy(tbl, "APIC", 4);
	tbl[8] = 1;				/* revision */
	memcpy(tbl + 10, "FENTST", 6);
	put32(tbl + 36, 0xfee00000);
	put32(tbl + 40, 1);			/* PCAT_COMPAT */
	e[0] = 0; e[1] = 8; e[2] = 0; e[3] = 0; put32(e + 4, 1);	e += 8;
	e[0] = 0; e[1] = 8; e[2] = 1; e[3] = 1; put32(e + 4, 0);	e += 8;
	e[0] = 1; e[1] = 12; e[2] = 0; put32(e + 4, 0xfec00000); put32(e + 8, 0); e += 12;
	e[0] = 2; e[1] = 10; e[2] = 0; e[3] = 0; put32(e + 4, 2); e[8] = 0; e[9] = 0; e += 10;
	seal((u32)(e - tbl));
	return (u32)(e - tbl);
}

static void madt_good_table_registers_cpus(struct ktest *t)
{
	build_good();
	KTEST_ASSERT_EQ(t, acpi_parse_madt(__pa(tbl)), 0);
	KTEST_EXPECT_EQ(t, smp_config.source, SMP_CONFIG_ACPI);
	KTEST_EXPECT_EQ(t, smp_config.nr_lapics, 1);
	KTEST_EXPECT_EQ(t, smp_config.lapic_ids[0], 0);
	KTEST_EXPECT_EQ(t, smp_config.disabled_cpus, 1);
	KTEST_EXPECT_EQ(t, smp_config.nr_ioapics, 1);
	KTEST_EXPECT_EQ(t, smp_config.ioapics[0].addr, 0xfec00000);
	KTEST_EXPECT_TRUE(t, smp_config.irq_override[0].valid);
	KTEST_EXPECT_EQ(t, smp_config.irq_override[0].gsi, 2);
}

/*
 * Entries APIC mode must not believe are named and skipped, the rest
 * kept: the good table, then 12 + 12 + 10 + 10 = 44 bytes more (126):
 *   [IOAPIC 1 @0 gsi 24][IOAPIC 2 @0xfec00000 again]
 *   [INT_SRC_OVR irq 0 -> gsi 5: a second one][INT_SRC_OVR irq 3, polarity 2 (reserved)]
 */
static void madt_bad_ioapic_and_override_entries_skipped(struct ktest *t)
{
	u32 len = build_good();
	u8 *e = tbl + len;

	e[0] = 1; e[1] = 12; e[2] = 1; put32(e + 4, 0); put32(e + 8, 24); e += 12;
	e[0] = 1; e[1] = 12; e[2] = 2; put32(e + 4, 0xfec00000); put32(e + 8, 0); e += 12;
	e[0] = 2; e[1] = 10; e[2] = 0; e[3] = 0; put32(e + 4, 5); e[8] = 0; e[9] = 0; e += 10;
	e[0] = 2; e[1] = 10; e[2] = 0; e[3] = 3; put32(e + 4, 3); e[8] = 2; e[9] = 0; e += 10;
	KTEST_ASSERT_GE(t, TBL_SIZE, (u32)(e - tbl));
	seal((u32)(e - tbl));
	KTEST_ASSERT_EQ(t, acpi_parse_madt(__pa(tbl)), 0);
	KTEST_EXPECT_EQ(t, smp_config.nr_ioapics, 1);
	KTEST_EXPECT_EQ(t, smp_config.ioapics[0].id, 0);
	KTEST_EXPECT_TRUE(t, smp_config.irq_override[0].valid);
	KTEST_EXPECT_EQ(t, smp_config.irq_override[0].gsi, 2);
	KTEST_EXPECT_FALSE(t, smp_config.irq_override[3].valid);
}

/* Refused whole: -1 and nothing registered. */
#define EXPECT_REFUSED(t) do {						\
	KTEST_EXPECT_EQ(t, acpi_parse_madt(__pa(tbl)), -1);		\
	KTEST_EXPECT_EQ(t, smp_config.source, SMP_CONFIG_NONE);		\
	KTEST_EXPECT_EQ(t, smp_config.nr_lapics, 0);			\
	KTEST_EXPECT_EQ(t, smp_config.nr_ioapics, 0);			\
} while (0)

static void madt_bad_checksum_refused(struct ktest *t)
{
	build_good();
	tbl[44 + 3] ^= 1;			/* the first LAPIC's id, after sealing */
	EXPECT_REFUSED(t);
}

static void madt_wrong_signature_refused(struct ktest *t)
{
	u32 len = build_good();

	memcpy(tbl, "APIX", 4);
	seal(len);
	EXPECT_REFUSED(t);
}

/* before: the last entry claims 20 bytes, 10 are inside the table */
static void madt_entry_past_end_refused(struct ktest *t)
{
	u32 len = build_good();

	tbl[len - 10 + 1] = 20;
	seal(len);
	EXPECT_REFUSED(t);
}

/* an entry of length 0 would never advance: refused, not an endless loop */
static void madt_entry_length_0_refused(struct ktest *t)
{
	u32 len = build_good();

	tbl[44 + 8 + 1] = 0;
	seal(len);
	EXPECT_REFUSED(t);
}

/* a LAPIC entry of 4 bytes: its flags would be read from the next entry */
static void madt_short_lapic_entry_refused(struct ktest *t)
{
	u8 *e = tbl + 44;

	build_good();
	e[0] = 0; e[1] = 4;			/* then 4 bytes of padding, type 0xff, length 4 */
	e[4] = 0xff; e[5] = 4;
	seal(52);
	EXPECT_REFUSED(t);
}

static void madt_huge_length_refused(struct ktest *t)
{
	build_good();
	put32(tbl + 4, 0xffffffff);		/* no seal(): the length check comes first */
	EXPECT_REFUSED(t);
}

static void madt_length_below_header_refused(struct ktest *t)
{
	build_good();
	seal(40);
	EXPECT_REFUSED(t);
}

static const struct ktest_case madt_cases[] = {
	KTEST_CASE(madt_good_table_registers_cpus),
	KTEST_CASE(madt_bad_ioapic_and_override_entries_skipped),
	KTEST_CASE(madt_bad_checksum_refused),
	KTEST_CASE(madt_wrong_signature_refused),
	KTEST_CASE(madt_entry_past_end_refused),
	KTEST_CASE(madt_entry_length_0_refused),
	KTEST_CASE(madt_short_lapic_entry_refused),
	KTEST_CASE(madt_huge_length_refused),
	KTEST_CASE(madt_length_below_header_refused),
	{}
};

KTEST_SUITE(madt) = {
	.name = "madt",
	.cases = madt_cases,
	.init = madt_case_init,
	.exit = madt_case_exit,
};
