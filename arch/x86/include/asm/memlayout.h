/* SPDX-License-Identifier: MIT */
/*
 * The memory layout of the kernel: the picture and the fixed numbers.
 *
 * The areas between the direct map and FIXADDR_TOP (FIXADDR_START,
 * PKMAP_BASE, LAST_PKMAP, VMALLOC_START/END) are sized by the fixmap enum
 * and the page-table geometry, so they are defined, with every
 * compile-time check of the layout, in asm/pgtable_32_areas.h (Linux's
 * name and split); mm/layout.c prints the layout at boot and checks with
 * BUG_ON what depends on the RAM found. This header stays free of C so
 * linker.ld can include it.
 *
 * Virtual address space (VMSPLIT_3G, no PAE):
 *
 *   0xFFFFFFFF +------------------------------+
 *              | one page, never mapped       |
 *  FIXADDR_TOP +------------------------------+ 0xFFFFF000
 *              | fixmap: compile-time slots,  |  enum fixed_addresses
 *              | kmap_local stack, ...        |  (asm/fixmap.h)
 *              |                              |  areas below: asm/pgtable_32_areas.h
 * FIXADDR_START+------------------------------+
 *              | (unused)                     |
 *              +------------------------------+ PKMAP_BASE + LAST_PKMAP pages
 *              | pkmap: kmap() pool,          |  LAST_PKMAP entries in one
 *              | LAST_PKMAP pages             |  page table
 *   PKMAP_BASE +------------------------------+ FIXADDR_START - pool, PMD-aligned
 *              | 2 guard pages                |
 *  VMALLOC_END +------------------------------+
 *              | vmalloc / vmap / ioremap     |
 * VMALLOC_START+------------------------------+ high_memory + VMALLOC_OFFSET
 *              | 8 MiB hole (catches strays   |
 *              | running off the direct map)  |
 *  high_memory +------------------------------+ __va(max_low_pfn << PAGE_SHIFT)
 *              | lowmem: the direct map of    |  __va(p) = p + PAGE_OFFSET
 *              | physical [0, lowmem end)     |  at most MAXMEM bytes
 *  PAGE_OFFSET +------------------------------+ 0xC0000000
 *              | user space (3 GiB)           |
 *   0x00000000 +------------------------------+
 *
 * The kernel image is linked at PAGE_OFFSET + KERNEL_LOAD_PHYS and loaded
 * by the boot loader at KERNEL_LOAD_PHYS (1 MiB).
 *
 * The top vmalloc_reserve (VMALLOC_RESERVE_DEFAULT, 128 MiB) of the
 * address space is kept back from the direct map for the hole, vmalloc,
 * pkmap and fixmap: this is why lowmem ends at 4 GiB - 3 GiB - 128 MiB =
 * 896 MiB. `vmalloc=<size>` on the command line moves the boundary
 * (lowmem_limit_pfn() in arch/x86/mm/init.c).
 *
 * Where it differs from Linux: 896 MiB is the classic (2.6) i386 rule,
 * kept because it is the lecture notes' number. Linux 6.1
 * (pgtable_32_areas.h) first places the fixmap, the cpu_entry_area, a PMD
 * for the LDT remap and pkmap from the top down, each PMD-aligned, puts
 * VMALLOC_END two pages below PKMAP_BASE, and only then takes the 128 MiB
 * (__VMALLOC_RESERVE) off for the hole and vmalloc:
 *
 *   MAXMEM = VMALLOC_END - PAGE_OFFSET - __VMALLOC_RESERVE
 *
 * Those top areas grow with NR_CPUS, so Debian's 6.1 kernels on `-m 4G`
 * print "875MB LOWMEM available." (879 MB with PAE); this layout's
 * VMALLOC_END would give about 888 MiB. docs/02-lowmem-896.md compares them.
 *
 * Each area is defined from the one above it, so changing one number
 * cannot make two areas overlap; the _Static_asserts at the bottom of
 * asm/pgtable_32_areas.h check it.
 */
#ifndef _ASM_X86_MEMLAYOUT_H
#define _ASM_X86_MEMLAYOUT_H

#include <kernel/const.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))

/* Set by `make VMSPLIT=3G|2G|1G`. */
#ifndef CONFIG_PAGE_OFFSET
#define CONFIG_PAGE_OFFSET	0xC0000000
#endif
#define PAGE_OFFSET		_AC(CONFIG_PAGE_OFFSET, UL)

#define KERNEL_LOAD_PHYS	_AC(0x00100000, UL)	/* 1 MiB */
#define KERNEL_VIRT_BASE	(PAGE_OFFSET + KERNEL_LOAD_PHYS)

/*
 * The boot page tables (boot/head.asm) map physical [0, EARLY_MAP_SIZE)
 * both at 0 (identity, so the instruction after "paging on" still runs)
 * and at PAGE_OFFSET. Everything the kernel touches before paging_init()
 * has built the direct map must lie in this range.
 */
#define EARLY_MAP_SIZE		_AC(0x01000000, UL)	/* 16 MiB */

#define VMALLOC_RESERVE_DEFAULT	_AC(0x08000000, UL)	/* 128 MiB */
#define VMALLOC_OFFSET		_AC(0x00800000, UL)	/* the 8 MiB hole */
/* Lowmem ends here unless vmalloc= says otherwise: 896 MiB for VMSPLIT=3G,
 * 1920 MiB for 2G, 2944 MiB for 1G (the 2.6 rule; 6.1's is above). */
#define MAXMEM			(-PAGE_OFFSET - VMALLOC_RESERVE_DEFAULT)

#define FIXADDR_TOP		_AC(0xFFFFF000, UL)

/* The boot stack: init_task's, then the idle task's; THREAD_SIZE like every task's. */
#define KERNEL_STACK_SIZE	_AC(0x2000, UL)		/* 8 KiB */


#endif
