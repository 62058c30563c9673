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

#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))

#endif
