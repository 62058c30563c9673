// SPDX-License-Identifier: MIT
/*
 * How this works: reading firmware tables through one fixmap page.
 *
 * The ACPI tables and the MP table are in physical memory the kernel
 * does not map: the RSDP and the MP floating pointer are in the BIOS
 * area below 1 MiB (in the direct map), but the RSDT and the MADT sit
 * near the top of RAM below 4 GiB (0xbffe1a00 on `-m 4G`), in highmem or
 * beyond RAM, where no kernel address reaches. copy_from_phys() reads a
 * range of any length in pieces, one page each:
 *
 *   phys 0xbffe1ff0, 32 bytes:  page 0xbffe1, offsets 0xff0-0xfff (16)
 *                               page 0xbffe2, offsets 0x000-0x00f (16)
 *
 * pointing the FIX_EARLY_READ slot at each page in turn (set_fixmap(),
 * one PTE write and one invlpg: the slot's page table exists from
 * paging_init() on) and clearing it afterwards. The mapping is the
 * ordinary cached kernel one: firmware tables are RAM-like and read once.
 *
 * What it refuses: a range that wraps, or runs past phys_addr_limit()
 * (4 GiB without PAE), since a PTE could not express it; the caller gets
 * -1 and reports the table. It does not check that the range is RAM:
 * a table pointer into a hole reads as the bus answers (0xff under QEMU),
 * which fails the checksum, and a read of MMIO is not a fault either.
 * Which lengths are plausible is the table parser's business.
 *
 * phys_find() is the scan for a signature ("RSD PTR ", "_MP_") at every
 * 16-byte boundary of a range: it maps each page once and compares in
 * place, instead of one copy_from_phys() (a PTE write, an invlpg) per
 * 16-byte probe, which made the 128 KiB BIOS-area scan cost 1.4 million
 * instructions at boot. A signature at a 16-byte boundary never crosses
 * a page.
 *
 * Where it differs from Linux: Linux maps whole tables with
 * early_memremap() into its FIX_BTMAP slots (up to 256 KiB at a time,
 * then acpi_os_map_memory() once ioremap works); copying a page at a time
 * through one slot is enough for the few hundred bytes of MADT this
 * kernel reads.
 */
#include <asm/early_read.h>
#include <asm/fixmap.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <kernel/string.h>

/* Call @fn on each page-sized piece of [@phys, @phys + @len), mapped. */
static int for_each_phys_piece(u64 phys, u32 len, void (*fn)(const u8 *p, u32 n, void *arg),
			       void *arg)
{
	const u8 *window = (const u8 *)fix_to_virt(FIX_EARLY_READ);
	unsigned long flags;

	if (phys + len < phys || phys + len > phys_addr_limit())
		return -1;
	while (len) {
		u32 off = (u32)(phys & ~PAGE_MASK);
		u32 n = min(len, (u32)PAGE_SIZE - off);

		local_irq_save(flags);		/* one window: no handler may move it */
		__set_fixmap(FIX_EARLY_READ, phys & ~(u64)~PAGE_MASK, pgprot_val(PAGE_KERNEL_RO));
		fn(window + off, n, arg);
		clear_fixmap(FIX_EARLY_READ);
		local_irq_restore(flags);
		phys += n;
		len -= n;
	}
	return 0;
}

static void copy_piece(const u8 *p, u32 n, void *arg)
{
	u8 **dst = arg;

	memcpy(*dst, p, n);
	*dst += n;
}

int copy_from_phys(void *dst, u64 phys, u32 len)
{
	u8 *d = dst;

	return for_each_phys_piece(phys, len, copy_piece, &d);
}

struct find_arg {
	const char *sig;
	u32 siglen;
	u64 at;			/* physical address of the current piece */
	u64 found;		/* 0 until a match */
};

static void find_piece(const u8 *p, u32 n, void *arg)
{
	struct find_arg *f = arg;

	for (u32 off = 0; !f->found && off + f->siglen <= n; off += 16)
		if (!memcmp(p + off, f->sig, f->siglen))
			f->found = f->at + off;
	f->at += n;
}

u64 phys_find(u64 phys, u32 len, const char *sig, u32 siglen)
{
	struct find_arg f = { .sig = sig, .siglen = siglen, .at = phys, .found = 0 };

	if ((phys & 15) || siglen > 16 || for_each_phys_piece(phys, len, find_piece, &f))
		return 0;
	return f.found;
}

static void sum_piece(const u8 *p, u32 n, void *arg)
{
	u8 *sum = arg;

	while (n--)
		*sum = (u8)(*sum + *p++);
}

int phys_checksum(u64 phys, u32 len)
{
	u8 sum = 0;

	if (for_each_phys_piece(phys, len, sum_piece, &sum))
		return -1;
	return sum;
}
