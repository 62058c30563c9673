// SPDX-License-Identifier: MIT
/*
 * The virtual kernel memory layout: printed once at boot, and checked.
 *
 * asm/memlayout.h draws the picture; this file shows the numbers this
 * boot actually got, top of the address space first, in the fixed-width
 * table old Linux printed (tests and students can grep it):
 *
 *   virtual kernel memory layout:
 *       fixmap  : 0xfffdd000 - 0xfffff000   ( 136 kB)
 *       pkmap   : 0xff800000 - 0xffc00000   (4096 kB)
 *       vmalloc : 0xf8800000 - 0xff7fe000   ( 111 MB)
 *       lowmem  : 0xc0000000 - 0xf8000000   ( 896 MB)
 *         .text : 0xc0101000 - 0xc0112345   (  68 kB)
 *         ...
 *
 * Most boundaries are compile-time constants (fixmap, pkmap, VMALLOC_END),
 * and asm/pgtable_32_areas.h checks their order with _Static_assert. Two depend on
 * the RAM found at boot: high_memory, the end of the direct map (lowmem
 * end = min(RAM, 896 MiB or what vmalloc= leaves)), and VMALLOC_START,
 * derived from it. Those are checked here with BUG_ON, after the table
 * is printed so a failing check can be read against it:
 *
 *   high_memory   == __va(max_low_pfn << PAGE_SHIFT)   what setup_memory() found
 *   PAGE_OFFSET   <  high_memory,  __pa(_end) <= lowmem end   the image is in lowmem
 *   high_memory + VMALLOC_OFFSET <= VMALLOC_START       the 8 MiB hole is there
 *   VMALLOC_START <  VMALLOC_END   <= PKMAP_BASE       vmalloc is not empty
 *   PKMAP_BASE + LAST_PKMAP pages  <= FIXADDR_START    (compile time)
 *
 * The table is one array of rows walked by one loop, so adding an area is
 * adding a row.
 */
#include <asm/page.h>
#include <asm/pgtable_32_areas.h>
#include <asm/sections.h>
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <mm/mm.h>
#include <mm/vmalloc.h>

struct layout_row {
	const char *name;	/* padded so the colons line up */
	unsigned long start, end;
	bool in_mb;		/* size in MB rather than kB */
};

void mem_layout_init(void)
{
	const unsigned long hm = (unsigned long)high_memory;
	const struct layout_row rows[] = {
		{ "    fixmap  ", FIXADDR_START, FIXADDR_TOP, false },
		{ "    pkmap   ", PKMAP_BASE, PKMAP_ADDR(LAST_PKMAP), false },
		{ "    vmalloc ", VMALLOC_START, VMALLOC_END, true },
		{ "    lowmem  ", PAGE_OFFSET, hm, true },
		{ "      .text ", (unsigned long)_text, (unsigned long)_etext, false },
		{ "      .data ", (unsigned long)_data, (unsigned long)_edata, false },
		{ "      .bss  ", (unsigned long)__bss_start, (unsigned long)__bss_end, false },
	};
	unsigned int i;

	pr_info("virtual kernel memory layout:\n");
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		unsigned long bytes = rows[i].end - rows[i].start;

		pr_info("%s: 0x%08lx - 0x%08lx   (%4ld %s)\n", rows[i].name,
			rows[i].start, rows[i].end,
			(long)(rows[i].in_mb ? bytes >> 20 : bytes >> 10),
			rows[i].in_mb ? "MB" : "kB");
	}

	BUG_ON(hm != (unsigned long)__va(PFN_PHYS(max_low_pfn)));
	BUG_ON(hm <= PAGE_OFFSET);
	BUG_ON(__pa(_end) > PFN_PHYS(max_low_pfn));
	BUG_ON(hm + VMALLOC_OFFSET > VMALLOC_START);
	BUG_ON(VMALLOC_START >= VMALLOC_END);
}
