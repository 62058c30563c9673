// SPDX-License-Identifier: MIT
/*
 * How this works: finding the CPUs in the ACPI tables.
 *
 * ACPI describes the machine in tables the firmware leaves in memory,
 * found from one anchor, the RSDP ("RSD PTR ", 16-byte aligned, in the
 * first KiB of the EBDA or in the BIOS area 0xE0000-0xFFFFF):
 *
 *   RSDP --rsdt_address--> RSDT: a 36-byte header, then 4-byte table addresses
 *                            |--> FACP, HPET, WAET, ...    (named, not read)
 *                            `--> APIC, the MADT: header, local APIC address,
 *                                 flags, then entries of (type, length, ...)
 *
 * The MADT's entries that matter here: type 0, a processor's local APIC
 * (ACPI processor id, APIC ID, bit 0 of its flags: enabled); type 1, an
 * I/O APIC (id, register address, first GSI); type 2, an interrupt
 * source override (ISA IRQ 0 arrives at GSI 2 on QEMU's machines); type
 * 4, which LINT pin is NMI; type 5, a 64-bit local APIC address.
 * They are printed as Linux 6.1 prints them and registered in
 * smp_config (mpconfig.c).
 *
 * Every table is read through copy_from_phys() (asm/early_read.h), so
 * none needs a kernel mapping, and nothing is believed before it is
 * checked: a signature, a checksum (all bytes sum to 0 mod 256), a
 * length between the header's and a bound (64 KiB for the MADT, 64
 * entries for the RSDT), and, in the MADT, every entry's length against
 * its type and against the table's end. That check is a pass of its own
 * before anything is printed or registered, so a broken table gets one
 * line saying what is wrong and is ignored as a whole; smpboot.c then
 * falls back to the MP table, and to one CPU.
 *
 * Where it differs from Linux: Linux's ACPICA maps and verifies every
 * table, reserves their memory, and interprets the DSDT's AML; here only
 * the RSDT (or XSDT) and the MADT are read, and nothing is reserved (the
 * tables lie in e820 reserved or ACPI memory, which the allocator never
 * hands out). Linux prints the LAPIC lines at KERN_DEBUG; here at
 * KERN_INFO, because they are the point of this step. `acpi=off` is
 * Linux's option: the MP table is then used.
 */
#include <asm/early_read.h>
#include <asm/mpspec.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/string.h>

struct acpi_rsdp {
	char signature[8];		/* "RSD PTR " */
	u8 checksum;			/* of the first 20 bytes */
	char oem_id[6];
	u8 revision;			/* 0: ACPI 1.0, 20 bytes; 2: the fields below too */
	u32 rsdt_address;
	u32 length;
	u64 xsdt_address;
	u8 extended_checksum;		/* of all @length bytes */
	u8 reserved[3];
} __packed;

struct acpi_table_header {
	char signature[4];
	u32 length;			/* of the whole table, header included */
	u8 revision;
	u8 checksum;
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	char asl_compiler_id[4];
	u32 asl_compiler_revision;
} __packed;

_Static_assert(sizeof(struct acpi_rsdp) == 36, "the ACPI 2.0 RSDP is 36 bytes");
_Static_assert(sizeof(struct acpi_table_header) == 36, "an ACPI table header is 36 bytes");

#define ACPI_RSDP_V1_SIZE	20
#define MADT_HEADER_SIZE	44	/* the header, local APIC address, flags */
#define MADT_MAX_LENGTH		0x10000
#define RSDT_MAX_ENTRIES	64

enum madt_type {
	MADT_LAPIC = 0, MADT_IOAPIC = 1, MADT_INT_SRC_OVR = 2, MADT_NMI_SRC = 3,
	MADT_LAPIC_NMI = 4, MADT_LAPIC_ADDR_OVR = 5, MADT_X2APIC = 9,
};

/* The least length of each entry type read here (0: not read, any length >= 2). */
static const u8 madt_min_length[] = {
	[MADT_LAPIC] = 8, [MADT_IOAPIC] = 12, [MADT_INT_SRC_OVR] = 10,
	[MADT_LAPIC_NMI] = 6, [MADT_LAPIC_ADDR_OVR] = 12, [MADT_X2APIC] = 16,
};

static bool acpi_disabled;

/* acpi=off: do not read the ACPI tables (the MP table describes the CPUs). */
static int parse_acpi(const char *val)
{
	if (!val || strcmp(val, "off"))
		return -1;
	acpi_disabled = true;
	return 0;
}
__setup_help("acpi", parse_acpi, "off");

/* @n bytes of firmware text, printable: a hostile OEM id cannot garble the log. */
static void printable(char *dst, const char *src, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? src[i] : '?';
	dst[n] = '\0';
}

/* Linux's table line: "ACPI: APIC 0x00000000BFFE1A00 000078 (v01 BOCHS  BXPC     ...)". */
static void print_table(u64 phys, const struct acpi_table_header *h)
{
	char sig[5], oem[7], table[9], asl[5];

	printable(sig, h->signature, 4);
	printable(oem, h->oem_id, 6);
	printable(table, h->oem_table_id, 8);
	printable(asl, h->asl_compiler_id, 4);
	pr_info("ACPI: %s 0x%016llX %06X (v%02u %-6s %-8s %08X %-4s %08X)\n", sig, phys,
		h->length, h->revision, oem, table, h->oem_revision, asl, h->asl_compiler_revision);
}

/* One 16-byte-aligned scan of [@start, @start + @len) for a valid RSDP. */
static u64 rsdp_scan(u64 start, u32 len, struct acpi_rsdp *rsdp)
{
	for (u64 p = start; p + ACPI_RSDP_V1_SIZE <= start + len; p += 16) {
		p = phys_find(p, (u32)(start + len - p), "RSD PTR ", 8);
		if (!p || p + ACPI_RSDP_V1_SIZE > start + len)
			return 0;
		if (copy_from_phys(rsdp, p, sizeof(*rsdp)))
			continue;
		if (phys_checksum(p, ACPI_RSDP_V1_SIZE)) {
			pr_warn("ACPI: RSDP at 0x%08llx: bad checksum, skipped\n", p);
			continue;
		}
		if (rsdp->revision >= 2 && (rsdp->length < sizeof(*rsdp) || rsdp->length > 4096 ||
					    phys_checksum(p, rsdp->length))) {
			pr_warn("ACPI: RSDP at 0x%08llx: revision %u with a bad length (%u) or extended "
				"checksum: its XSDT address ignored\n", p, rsdp->revision, rsdp->length);
			rsdp->revision = 0;
		}
		return p;
	}
	return 0;
}

/* The RSDP: the EBDA's first KiB (its segment is at 0x40e in the BIOS data area), then the BIOS. */
static u64 find_rsdp(struct acpi_rsdp *rsdp)
{
	u16 ebda_seg = 0;
	u64 p = 0;

	copy_from_phys(&ebda_seg, 0x40e, sizeof(ebda_seg));
	if (ebda_seg >= 0x1000 / 16 && ebda_seg < 0xa0000 / 16)
		p = rsdp_scan((u64)ebda_seg << 4, 1024, rsdp);
	if (!p)
		p = rsdp_scan(0xe0000, 0x20000, rsdp);
	return p;
}

/*
 * A table header at @phys, checked: @sig (unless NULL), a length in
 * [@min, @max] and a zero checksum. Return: 0, or -1 after one line.
 */
static int read_table(u64 phys, const char *sig, u32 min, u32 max, struct acpi_table_header *h)
{
	char s[5];

	if (copy_from_phys(h, phys, sizeof(*h))) {
		pr_warn("ACPI: table at 0x%llx is beyond what this kernel can map: ignored\n", phys);
		return -1;
	}
	printable(s, h->signature, 4);
	if (sig && memcmp(h->signature, sig, 4)) {
		pr_warn("ACPI: table at 0x%08llx is \"%s\", not the %s it should be: ignored\n",
			phys, s, sig);
		return -1;
	}
	if (h->length < min || h->length > max) {
		pr_warn("ACPI: %s at 0x%08llx claims a length of %u bytes (expected %u to %u): ignored\n",
			s, phys, h->length, min, max);
		return -1;
	}
	if (phys_checksum(phys, h->length)) {
		pr_warn("ACPI: %s at 0x%08llx has a bad checksum (its %u bytes do not sum to 0): "
			"ignored\n", s, phys, h->length);
		return -1;
	}
	return 0;
}

/* The first pass: every entry fits its type and the table. Return: 0, or -1 after one line. */
static int madt_check(u64 phys, u32 length)
{
	for (u32 off = MADT_HEADER_SIZE; off < length;) {
		u8 e[2];

		copy_from_phys(e, phys + off, 2);
		if (off + 2 > length || e[1] < 2 || off + e[1] > length ||
		    (e[0] < ARRAY_SIZE(madt_min_length) && e[1] < madt_min_length[e[0]])) {
			pr_warn("ACPI: MADT at 0x%08llx: entry at offset %u (type %u, length %u) is "
				"broken or runs past the table's %u bytes: MADT ignored\n",
				phys, off, e[0], off + 2 > length ? 0 : e[1], length);
			return -1;
		}
		off += e[1];
	}
	return 0;
}

static const char *const mps_polarity[] = { "dfl", "high", "res", "low" };
static const char *const mps_trigger[] = { "dfl", "edge", "res", "level" };

/* The second pass: print and register each entry. */
static void madt_parse(u64 phys, u32 length)
{
	u32 lapic_addr;

	copy_from_phys(&lapic_addr, phys + 36, 4);
	smp_config.lapic_addr = lapic_addr;
	for (u32 off = MADT_HEADER_SIZE; off < length;) {
		u8 e[16] = { 0 };
		u32 a, b;
		u16 f;

		copy_from_phys(e, phys + off, 2);
		copy_from_phys(e, phys + off, min((u32)e[1], (u32)sizeof(e)));
		switch (e[0]) {
		case MADT_LAPIC:
			memcpy(&a, &e[4], 4);
			pr_info("ACPI: LAPIC (acpi_id[0x%02x] lapic_id[0x%02x] %s)\n", e[2], e[3],
				(a & 1) ? "enabled" : "disabled");
			mp_register_lapic(e[3], a & 1);
			break;
		case MADT_IOAPIC:
			memcpy(&a, &e[4], 4);
			memcpy(&b, &e[8], 4);
			pr_info("ACPI: IOAPIC (id[0x%02x] address[0x%08x] gsi_base[%u])\n", e[2], a, b);
			mp_register_ioapic(e[2], a, b);
			break;
		case MADT_INT_SRC_OVR:
			memcpy(&a, &e[4], 4);
			memcpy(&f, &e[8], 2);
			pr_info("ACPI: INT_SRC_OVR (bus %u bus_irq %u global_irq %u %s %s)\n", e[2],
				e[3], a, mps_polarity[f & 3], mps_trigger[(f >> 2) & 3]);
			mp_register_override(e[3], a, f);
			break;
		case MADT_LAPIC_NMI:
			memcpy(&f, &e[3], 2);
			pr_info("ACPI: LAPIC_NMI (acpi_id[0x%02x] %s %s lint[0x%x])\n", e[2],
				mps_polarity[f & 3], mps_trigger[(f >> 2) & 3], e[5]);
			break;
		case MADT_LAPIC_ADDR_OVR: {
			u64 addr;

			memcpy(&addr, &e[4], 8);
			pr_info("ACPI: LAPIC_ADDR_OVR (address[0x%llx])\n", addr);
			if (addr >> 32)
				pr_warn("ACPI: a local APIC above 4 GiB cannot be reached: the MADT's "
					"32-bit address kept\n");
			else
				smp_config.lapic_addr = (u32)addr;
			break;
		}
		case MADT_X2APIC:
			memcpy(&a, &e[4], 4);
			memcpy(&b, &e[8], 4);
			pr_info("ACPI: X2APIC (apic_id[0x%02x] uid[0x%02x] %s): not used, this kernel "
				"has no x2APIC mode\n", a, e[12], (b & 1) ? "enabled" : "disabled");
			break;
		default:
			break;		/* Linux prints these at KERN_DEBUG; nothing here reads them */
		}
		off += e[1];
	}
	pr_info("ACPI: Using ACPI (MADT) for SMP configuration information\n");
}

int acpi_parse_madt(u64 phys)
{
	struct acpi_table_header h;

	if (read_table(phys, "APIC", MADT_HEADER_SIZE, MADT_MAX_LENGTH, &h) ||
	    madt_check(phys, h.length))
		return -1;
	smp_config.source = SMP_CONFIG_ACPI;
	madt_parse(phys, h.length);
	return 0;
}

/* The MADT's address from the RSDT (4-byte entries) or XSDT (8-byte), or 0. */
static u64 find_madt(u64 sdt, unsigned int entry_size)
{
	struct acpi_table_header h;
	u64 madt = 0;
	u32 n;

	if (read_table(sdt, entry_size == 4 ? "RSDT" : "XSDT", sizeof(h),
		       sizeof(h) + RSDT_MAX_ENTRIES * entry_size, &h))
		return 0;
	print_table(sdt, &h);
	n = (h.length - sizeof(h)) / entry_size;
	for (u32 i = 0; i < n; i++) {
		struct acpi_table_header t;
		u64 p = 0;

		copy_from_phys(&p, sdt + sizeof(h) + i * entry_size, entry_size);
		if (copy_from_phys(&t, p, sizeof(t))) {
			pr_warn("ACPI: table %u of the %s is at 0x%llx, beyond what this kernel can "
				"map: skipped\n", i, entry_size == 4 ? "RSDT" : "XSDT", p);
			continue;
		}
		print_table(p, &t);
		if (!madt && !memcmp(t.signature, "APIC", 4))
			madt = p;
	}
	return madt;
}

bool acpi_boot_init(void)
{
	struct acpi_rsdp rsdp;
	char oem[7];
	u64 rsdp_phys, madt = 0;

	if (acpi_disabled) {
		pr_info("ACPI: acpi=off on the command line: tables not read\n");
		return false;
	}
	rsdp_phys = find_rsdp(&rsdp);
	if (!rsdp_phys) {
		pr_info("ACPI: no RSDP in the EBDA or at 0xe0000-0xfffff: no ACPI tables\n");
		return false;
	}
	printable(oem, rsdp.oem_id, 6);
	pr_info("ACPI: RSDP 0x%016llX %06X (v%02u %-6s)\n", rsdp_phys,
		rsdp.revision >= 2 ? rsdp.length : ACPI_RSDP_V1_SIZE, rsdp.revision, oem);
	if (rsdp.revision >= 2 && rsdp.xsdt_address)
		madt = find_madt(rsdp.xsdt_address, 8);
	if (!madt && rsdp.rsdt_address)
		madt = find_madt(rsdp.rsdt_address, 4);
	if (!madt) {
		pr_info("ACPI: no usable MADT (\"APIC\" table)\n");
		return false;
	}
	return !acpi_parse_madt(madt);
}
