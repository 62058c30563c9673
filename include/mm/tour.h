/* SPDX-License-Identifier: MIT */
/*
 * The narrated tour (mm/demo/tour.c): one page's life, printed on the
 * console. Built in only with TOUR=1 (CONFIG_TOUR); kernel/demos.c reads
 * the `tour` option and calls highmem_tour().
 */
#ifndef _MM_TOUR_H
#define _MM_TOUR_H

/**
 * highmem_tour - walk one highmem page through alloc, kmap_local_page,
 * kmap and free, printing each step as "tour: ..." lines.
 *
 * Called by run_boot_demos() when the command line has the word `tour`
 * (the default of `make run`). Without highmem it walks a lowmem page
 * instead.
 * Context: boot, after the allocators and kmap_init().
 */
void highmem_tour(void);

/**
 * gdb_checkpoint - a no-op the tour calls at its interesting moments, for
 * a debugger to break on (`break gdb_checkpoint`, tools/gdb/fenestra.py).
 * @what: which moment: "kmap_local" (a kmap_local slot is in use) or
 *        "kmap" (a pkmap entry has a user).
 *
 * Context: any. Never inlined, so the breakpoint always has a place.
 */
void gdb_checkpoint(const char *what);

#endif
