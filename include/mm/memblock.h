/* SPDX-License-Identifier: MIT */
/*
 * memblock: the boot-time allocator, before mem_map and the buddy
 * allocator exist. It keeps two sorted lists of physical ranges,
 * "memory" (usable RAM) and "reserved" (RAM in use: the kernel image,
 * boot loader data, and every memblock allocation). At the end of boot
 * memblock_free_all() hands every memory-but-not-reserved frame to the
 * buddy allocator and memblock is done.
 */
#ifndef _MM_MEMBLOCK_H
#define _MM_MEMBLOCK_H

#include <kernel/types.h>

#define MEMBLOCK_MAX_REGIONS	128

struct memblock_region {
	phys_addr_t base, size;
};

struct memblock_type {
	unsigned int cnt;
	phys_addr_t total_size;
	const char *name;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	struct memblock_type memory, reserved;
	phys_addr_t current_limit;	/* allocations stay below this */
};
extern struct memblock memblock;

/* Register [base, base + size) as usable RAM. Return: 0, or -1 when full. */
int memblock_add(phys_addr_t base, phys_addr_t size);
/* Mark [base, base + size) as in use. Return: 0, or -1 when full. */
int memblock_reserve(phys_addr_t base, phys_addr_t size);
/* Forget RAM at and above @limit (mem=). */
void memblock_cap_memory(phys_addr_t limit);
/* Is any byte of [base, base + size) reserved? */
bool memblock_is_reserved(phys_addr_t base, phys_addr_t size);
bool memblock_is_memory(phys_addr_t addr);

/**
 * memblock_phys_alloc - reserve @size bytes aligned to @align.
 * Searches top-down below memblock.current_limit (lowmem).
 * Return: the physical address, or 0 when nothing fits.
 */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);

/**
 * memblock_phys_alloc_range - memblock_phys_alloc() inside [@start, @end)
 * instead of below memblock.current_limit (which it ignores).
 * Return: the physical address, or 0 when nothing fits.
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);

/**
 * memblock_alloc - memblock_phys_alloc() returning a zeroed direct-map
 * address. Panics naming @what when nothing fits: boot cannot go on.
 */
void *memblock_alloc(size_t size, size_t align, const char *what);

/*
 * memblock_next_free_range - the free ranges (memory minus reserved) in
 * address order: start with *@idx = 0; each call gives the next range in
 * [*@start, *@end). Return: false when there are no more.
 */
bool memblock_next_free_range(unsigned long long *idx, phys_addr_t *start, phys_addr_t *end);

/*
 * memblock_free_all - hand all free memblock memory to the buddy allocator
 * (mm/mm_init.c, beside mem_init(), which calls it). Return: pages.
 */
unsigned long memblock_free_all(void);

/* memblock_discard - retire memblock: every later allocation returns 0. */
void memblock_discard(void);

void memblock_dump(void);

#endif
