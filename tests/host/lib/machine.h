/* SPDX-License-Identifier: MIT */
/*
 * Machines for the tests to run on (lib/machine.c), built with the
 * kernel's own boot code where possible.
 */
#ifndef _TESTS_HOST_MACHINE_H
#define _TESTS_HOST_MACHINE_H

#include <kernel/types.h>

/*
 * machine_boot - the kernel's boot path for physical memory, as QEMU
 * `-M @type -m @ram` would start it with @cmdline: multiboot info in the
 * arena, setup_boot_params(), setup_memory(), paging_init(),
 * free_area_init(). Return: -1, or the KERNEL_EXIT_* status if the
 * kernel stopped (too little RAM, a panic).
 */
int machine_boot(const char *type, u64 ram, const char *cmdline);
/* ...then mem_init(), build_all_zonelists(), setup_per_zone_wmarks(). */
int machine_boot_buddy(const char *type, u64 ram, const char *cmdline);

/*
 * machine_tiny - a small machine built by hand, so zone edges can lie
 * anywhere: zones DMA [0, @dma_end), Normal [@dma_end, @normal_end),
 * HighMem [@normal_end, @max) with mem_map initialised as
 * free_area_init() does (every page PG_reserved, its zone set) and no
 * page free. Watermarks 0. Lowmem ends at @normal_end. Pages live in the
 * arena, so __GFP_ZERO and page_address() work on them.
 */
void machine_tiny(unsigned long dma_end, unsigned long normal_end, unsigned long max);
/* Hand [@start, @end) to the buddy allocator one page at a time, as
 * memblock_free_pages(order 0) would: the buddy merges them. */
void machine_free_range(unsigned long start, unsigned long end);

#endif
