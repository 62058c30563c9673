// SPDX-License-Identifier: MIT
/*
 * How this works: the generic mm state, in one leaf file.
 *
 * These variables describe physical memory to every part of the kernel;
 * the arch code fills them in, mm/ and kernel/ read them:
 *
 *   max_pfn, max_low_pfn, high_memory   setup_memory() (arch/x86/mm/init.c),
 *                                       from the memory map and vmalloc=
 *   mem_map, contig_page_data           free_area_init() (mm/mm_init.c)
 *   totalram_pages, totalhigh_pages     the boot hand-off and the buddy
 *                                       allocator, as pages are managed
 *
 * The file defines them and does nothing else, so it depends on nothing:
 * a file that only reads one of them (buddy.c, slab.c, arch/x86/mm/init.c)
 * does not thereby depend on the code that sets it, and no dependency
 * cycle runs through a variable.
 *
 * Where it differs from Linux: 6.1 (FLATMEM, !NUMA) keeps mem_map and
 * high_memory in mm/memory.c, as here, but max_pfn and max_low_pfn in
 * mm/memblock.c, contig_page_data in mm/memblock.c too, and
 * _totalram_pages (an atomic, read through totalram_pages()) in
 * mm/page_alloc.c.
 */
#include <mm/mm.h>
#include <mm/mmzone.h>

unsigned long max_pfn;		/* frames below this have a struct page */
unsigned long max_low_pfn;	/* frames below this are lowmem */
void *high_memory;		/* __va(max_low_pfn << PAGE_SHIFT) */

struct page *mem_map;
pg_data_t contig_page_data;

unsigned long totalram_pages;
unsigned long totalhigh_pages;
