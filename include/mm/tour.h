/* SPDX-License-Identifier: MIT */
/*
 * The narrated tour (mm/tour.c): one page's life, printed on the console.
 */
#ifndef _MM_TOUR_H
#define _MM_TOUR_H

/**
 * highmem_tour - walk one highmem page through alloc, kmap_local_page,
 * kmap and free, printing each step as "tour: ..." lines.
 *
 * Does nothing unless the command line has the word `tour` (the default
 * of `make run`). Without highmem it walks a lowmem page instead.
 * Context: boot, after the allocators and kmap_init().
 */
void highmem_tour(void);

#endif
