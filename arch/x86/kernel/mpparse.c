// SPDX-License-Identifier: MIT
/*
 * How this works: finding the CPUs in the Intel MP table.
 *
 * Before ACPI, the MultiProcessor Specification (1.4, 1997) had the BIOS
 * describe the processors in two structures. The floating pointer, 16
 * bytes, "_MP_", 16-byte aligned, is searched for in the first KiB of
 * the EBDA, the last KiB of base memory, and the BIOS ROM 0xF0000-0xFFFFF:
 *
 *   "_MP_" | physptr | length (16-byte units) | spec rev | checksum | feature1..5
 *
 * feature1 non-zero names one of eight default configurations (two
 * CPUs, APIC IDs 0 and 1, no table); otherwise physptr points at the
 * configuration table: a 44-byte "PCMP" header (length, checksum, OEM
 * and product ids, entry count, the local APIC address) and entries whose
 * type gives their size: 0 processor (20 bytes: APIC ID, version, flags
 * bit 0 enabled, bit 1 boot processor), 1 bus, 2 I/O APIC, 3 I/O
 * interrupt, 4 local interrupt (8 bytes each).
 *
 * Both structures are read through copy_from_phys() and checked before
 * use: signature, checksum, lengths, and every entry inside the table's
 * stated length, in a pass of its own; a broken table gets one line and
 * is ignored (one CPU). QEMU's SeaBIOS writes an MP table beside its ACPI
 * tables, so `acpi=off` shows this path on pc and q35; it lists one
 * processor per socket, so QEMU needs `-smp N,sockets=N` for the MP
 * table to name the other CPUs.
 *
 * The I/O interrupt entries of ISA buses (type 3 naming a type 1 "ISA"
 * bus) say which I/O APIC pin each ISA IRQ reaches; those that are not
 * IRQ n on pin n are registered as overrides, as the MADT's are (IRQ 0 on
 * pin 2 on QEMU), for APIC mode (io_apic.c).
 *
 * Where it differs from Linux: Linux (arch/x86/kernel/mpparse.c) builds
 * its bus and interrupt-routing tables from entries 1, 3 and 4, PCI ones
 * included, and supports the default configurations; here the
 * processors, I/O APICs and ISA routes are registered, and a default
 * configuration is reported and treated as one CPU.
 */
#include <asm/early_read.h>
#include <asm/mpspec.h>
#include <kernel/printk.h>
#include <kernel/string.h>

struct mpf_intel {
	char signature[4];		/* "_MP_" */
	u32 physptr;			/* the configuration table */
	u8 length;			/* in 16-byte units: 1 */
	u8 specification;		/* 1 or 4: version 1.1 or 1.4 */
	u8 checksum;
	u8 feature1;			/* non-zero: a default configuration */
	u8 feature2, feature3, feature4, feature5;
} __packed;

struct mpc_table {
	char signature[4];		/* "PCMP" */
	u16 length;			/* the base table, header included */
	u8 spec;
	u8 checksum;
	char oem[8];
	char productid[12];
	u32 oemptr;
	u16 oemsize;
	u16 oemcount;			/* entries */
	u32 lapic;			/* the local APICs' address */
	u16 reserved0;			/* extended table length */
	u8 reserved1, reserved2;
} __packed;

_Static_assert(sizeof(struct mpf_intel) == 16, "the MP floating pointer is 16 bytes");
_Static_assert(sizeof(struct mpc_table) == 44, "the MP configuration table header is 44 bytes");

enum { MP_PROCESSOR = 0, MP_BUS = 1, MP_IOAPIC = 2, MP_INTSRC = 3, MP_LINTSRC = 4 };

#define CPU_ENABLED		1
#define CPU_BOOTPROCESSOR	2
#define MPC_APIC_USABLE		1

static u64 mpf_scan(u64 start, u32 len, struct mpf_intel *mpf)
{
	for (u64 p = start; p + sizeof(*mpf) <= start + len; p += 16) {
		p = phys_find(p, (u32)(start + len - p), "_MP_", 4);
		if (!p || p + sizeof(*mpf) > start + len)
			return 0;
		if (copy_from_phys(mpf, p, sizeof(*mpf)))
			continue;
		if (mpf->length != 1 || phys_checksum(p, 16)) {
			pr_warn("MPTABLE: floating pointer at 0x%08llx: bad length (%u) or checksum, "
				"skipped\n", p, mpf->length);
			continue;
		}
		return p;
	}
	return 0;
}

/* The floating pointer: EBDA, the top KiB of base memory, the BIOS ROM. */
static u64 find_mpf(struct mpf_intel *mpf)
{
	u16 ebda_seg = 0, base_kb = 0;
	u64 p = 0;

	copy_from_phys(&ebda_seg, 0x40e, 2);
	copy_from_phys(&base_kb, 0x413, 2);
	if (ebda_seg >= 0x1000 / 16 && ebda_seg < 0xa0000 / 16)
		p = mpf_scan((u64)ebda_seg << 4, 1024, mpf);
	if (!p && base_kb >= 2 && base_kb <= 640)
		p = mpf_scan(((u64)base_kb - 1) * 1024, 1024, mpf);
	if (!p)
		p = mpf_scan(0xf0000, 0x10000, mpf);
	return p;
}

static const u8 mp_entry_size[] = {
	[MP_PROCESSOR] = 20, [MP_BUS] = 8, [MP_IOAPIC] = 8, [MP_INTSRC] = 8, [MP_LINTSRC] = 8,
};

/* The first pass: @count entries of known types inside @length. */
static int mpc_check(u64 phys, u32 length, u32 count)
{
	u32 off = sizeof(struct mpc_table);

	for (u32 i = 0; i < count; i++) {
		u8 type = 0xff;

		if (off < length)
			copy_from_phys(&type, phys + off, 1);
		if (off >= length || type >= ARRAY_SIZE(mp_entry_size) ||
		    off + mp_entry_size[type] > length) {
			pr_warn("MPTABLE: entry %u of %u at offset %u (type %u) is unknown or runs past "
				"the table's %u bytes: MP table ignored\n", i, count, off, type, length);
			return -1;
		}
		off += mp_entry_size[type];
	}
	return 0;
}

static const char *const mp_polarity[] = { "dfl", "high", "res", "low" };
static const char *const mp_trigger[] = { "dfl", "edge", "res", "level" };

/*
 * An I/O interrupt entry (type 3): ISA bus IRQ @e[5] reaches pin @e[7] of
 * the I/O APIC with ID @e[6] (0xff: all of them), with MPS INTI flags
 * @e[2..3], the same encoding as the MADT's overrides. Only vectored
 * interrupts (type 0, not NMI, SMI or ExtINT) of an ISA bus are kept, as
 * an override when they are not IRQ n on pin n with the bus's defaults.
 */
static void mp_intsrc(const u8 *e, const u32 *isa_buses)
{
	u16 flags;
	u8 bus = e[4], irq = e[5], apicid = e[6], pin = e[7];
	const struct mpc_ioapic_info *io = NULL;

	memcpy(&flags, &e[2], 2);
	if (e[1] != 0 || !(isa_buses[bus / 32] & (1u << (bus % 32))) || irq >= NR_LEGACY_IRQS)
		return;
	for (unsigned int i = 0; i < smp_config.nr_ioapics; i++)
		if (smp_config.ioapics[i].id == apicid || apicid == 0xff) {
			io = &smp_config.ioapics[i];
			break;
		}
	if (!io) {
		pr_warn("MPTABLE: ISA IRQ %u goes to I/O APIC ID %u, which the table does not list: "
			"entry ignored\n", irq, apicid);
		return;
	}
	if (pin == irq && io->gsi_base == 0 && !flags)
		return;			/* what the I/O APIC assumes anyway */
	pr_info("MPTABLE: INT (bus %u bus_irq %u apic_id %u pin %u %s %s)\n", bus, irq, apicid, pin,
		mp_polarity[flags & 3], mp_trigger[(flags >> 2) & 3]);
	mp_register_override(irq, io->gsi_base + pin, flags);
}

static void mpc_parse(u64 phys, u32 count)
{
	u32 off = sizeof(struct mpc_table);
	u32 isa_buses[256 / 32] = { 0 };	/* bit n: bus ID n is an ISA bus */

	for (u32 i = 0; i < count; i++) {
		u8 e[20];
		u32 addr;

		copy_from_phys(e, phys + off, 1);
		copy_from_phys(e, phys + off, mp_entry_size[e[0]]);
		switch (e[0]) {
		case MP_PROCESSOR:
			if (e[3] & CPU_ENABLED)
				pr_info("MPTABLE: Processor #%u%s\n", e[1],
					(e[3] & CPU_BOOTPROCESSOR) ? " (Bootup-CPU)" : "");
			else
				pr_info("MPTABLE: Processor #%u disabled\n", e[1]);
			mp_register_lapic(e[1], e[3] & CPU_ENABLED);
			break;
		case MP_IOAPIC:
			memcpy(&addr, &e[4], 4);
			if (!(e[3] & MPC_APIC_USABLE))
				break;
			pr_info("MPTABLE: IOAPIC (id[0x%02x] version[0x%02x] address[0x%08x])\n",
				e[1], e[2], addr);
			mp_register_ioapic(e[1], addr, 0);
			break;
		case MP_BUS:
			if (!memcmp(&e[2], "ISA   ", 6))
				isa_buses[e[1] / 32] |= 1u << (e[1] % 32);
			break;
		case MP_INTSRC:
			mp_intsrc(e, isa_buses);
			break;
		default:
			break;		/* local interrupt entries: LINT1 is NMI, as set anyway */
		}
		off += mp_entry_size[e[0]];
	}
}

bool mptable_init(void)
{
	struct mpf_intel mpf;
	struct mpc_table mpc;
	char oem[9], product[13];
	u64 p = find_mpf(&mpf);

	if (!p) {
		pr_info("MPTABLE: no MP floating pointer (\"_MP_\") in the EBDA, base memory or BIOS\n");
		return false;
	}
	pr_info("found SMP MP-table at [mem 0x%08llx-0x%08llx]\n", p, p + 15);
	if (mpf.feature1) {
		pr_warn("MPTABLE: default configuration %u (no table) is not supported: one CPU\n",
			mpf.feature1);
		return false;
	}
	if (copy_from_phys(&mpc, mpf.physptr, sizeof(mpc)) || memcmp(mpc.signature, "PCMP", 4) ||
	    mpc.length < sizeof(mpc) || phys_checksum(mpf.physptr, mpc.length)) {
		pr_warn("MPTABLE: configuration table at 0x%08x: bad signature, length or checksum: "
			"MP table ignored\n", mpf.physptr);
		return false;
	}
	for (unsigned int i = 0; i < 8; i++)
		oem[i] = mpc.oem[i] >= 0x20 && mpc.oem[i] < 0x7f ? mpc.oem[i] : '?';
	oem[8] = '\0';
	for (unsigned int i = 0; i < 12; i++)
		product[i] = mpc.productid[i] >= 0x20 && mpc.productid[i] < 0x7f ? mpc.productid[i] : '?';
	product[12] = '\0';
	pr_info("MPTABLE: OEM ID: %s\n", oem);
	pr_info("MPTABLE: Product ID: %s\n", product);
	pr_info("MPTABLE: APIC at: 0x%X\n", mpc.lapic);
	if (mpc_check(mpf.physptr, mpc.length, mpc.oemcount))
		return false;
	smp_config.source = SMP_CONFIG_MPTABLE;
	smp_config.lapic_addr = mpc.lapic;
	mpc_parse(mpf.physptr, mpc.oemcount);
	return true;
}
