/* SPDX-License-Identifier: MIT */
/*
 * __pa() and __va(): the one pair of conversions between a physical
 * address and its direct-map (lowmem) virtual address.
 *
 *   __va(0x00123000) = 0xC0123000      __pa(0xC0123000) = 0x00123000
 *
 * They are only meaningful for lowmem: a highmem frame has no permanent
 * virtual address, and __va() of one would point into vmalloc space.
 */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#include <asm/memlayout.h>
#include <kernel/types.h>

#define __pa(x)		((phys_addr_t)((unsigned long)(x) - PAGE_OFFSET))
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))
#define __pa_symbol(x)	__pa(x)

/* Round up to a page boundary: PAGE_ALIGN(1) = 4096, PAGE_ALIGN(4096) = 4096. */
#define PAGE_ALIGN(x)	ALIGN(x, PAGE_SIZE)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))

/*
 * get_order - the buddy order of a block of at least @size bytes
 *
 * The smallest order with PAGE_SIZE << order >= @size: get_order(1) = 0,
 * get_order(4096) = 0, get_order(4097) = 1, get_order(5 << 20) = 11
 * ((5 MiB - 1) >> 12 = 1279, whose highest bit is bit 10). As in Linux
 * (asm-generic/getorder.h) @size 0 is meaningless (gives 20).
 */
static inline __attribute__((const)) int get_order(unsigned long size)
{
	size = (size - 1) >> PAGE_SHIFT;
	return size ? 32 - __builtin_clzl(size) : 0;
}


/*
 * clear_page / copy_page - zero or copy one page at kernel address @page:
 * 1024 four-byte string stores, the floor without SSE (Linux's i386
 * clear_page without MMX is the same rep stosl).
 */
static inline void clear_page(void *page)
{
	unsigned long n = PAGE_SIZE / 4;

	__asm__ __volatile__("rep stosl" : "+D"(page), "+c"(n) : "a"(0) : "memory");
}

static inline void copy_page(void *to, const void *from)
{
	unsigned long n = PAGE_SIZE / 4;

	__asm__ __volatile__("rep movsl" : "+D"(to), "+S"(from), "+c"(n) :: "memory");
}

#endif
