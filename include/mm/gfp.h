/* SPDX-License-Identifier: MIT */
/*
 * GFP ("get free pages") flags and the page allocator API.
 *
 * The bit values are Linux 6.1's, so a "mode:0xcc0" in this kernel's log
 * means the same as in Linux's. Only some bits change behaviour here:
 *
 *   __GFP_DMA      allocate from ZONE_DMA only
 *   __GFP_HIGHMEM  ZONE_HIGHMEM allowed (falls back to Normal, then DMA)
 *   __GFP_ZERO     zero the pages (a highmem page through kmap_local)
 *   __GFP_NOWARN   no "page allocation failure" report on failure
 *   __GFP_HIGH     may go down to half of the min watermark
 *   __GFP_ATOMIC   may go a quarter further (GFP_ATOMIC has both: 3/8 of min)
 *   __GFP_DIRECT_RECLAIM  the caller may sleep (gfpflags_allow_blocking):
 *                  GFP_KERNEL has it, GFP_ATOMIC does not; a request
 *                  with it from atomic context is reported (might_sleep)
 * Reclaim itself does not exist yet: no allocation sleeps, but one that
 * says it may is checked as if it could, so a wrong caller is found now.
 *
 * From an interrupt handler or under a spinlock: GFP_ATOMIC (never sleeps,
 * may use part of the min reserve, never highmem unless __GFP_HIGHMEM).
 */
#ifndef _MM_GFP_H
#define _MM_GFP_H

#include <kernel/types.h>
#include <mm/mmzone.h>

typedef unsigned int gfp_t;

#define __GFP_DMA		0x01u
#define __GFP_HIGHMEM		0x02u
#define __GFP_HIGH		0x20u
#define __GFP_IO		0x40u
#define __GFP_FS		0x80u
#define __GFP_ZERO		0x100u
#define __GFP_ATOMIC		0x200u
#define __GFP_DIRECT_RECLAIM	0x400u
#define __GFP_KSWAPD_RECLAIM	0x800u
#define __GFP_NOWARN		0x2000u
#define __GFP_COMP		0x40000u
#define __GFP_HARDWALL		0x100000u
#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)

#define GFP_ATOMIC	(__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)	/* 0xa20 */
#define GFP_NOWAIT	(__GFP_KSWAPD_RECLAIM)		/* 0x800: never sleeps, no reserves */
#define GFP_KERNEL	(__GFP_RECLAIM | __GFP_IO | __GFP_FS)			/* 0xcc0 */
#define GFP_USER	(GFP_KERNEL | __GFP_HARDWALL)				/* 0x100cc0 */
#define GFP_HIGHUSER	(GFP_USER | __GFP_HIGHMEM)				/* 0x100cc2 */
#define GFP_DMA		__GFP_DMA

/*
 * gfpflags_allow_blocking - may an allocation with @gfp sleep (wait for
 * reclaim)? Linux's test: __GFP_DIRECT_RECLAIM. Context: any.
 */
static inline bool gfpflags_allow_blocking(gfp_t gfp)
{
	return gfp & __GFP_DIRECT_RECLAIM;
}

/* The highest zone an allocation with @gfp may use. */
static inline enum zone_type gfp_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if (gfp & __GFP_HIGHMEM)
		return ZONE_HIGHMEM;
	return ZONE_NORMAL;
}

struct page;

/**
 * alloc_pages - allocate 2^@order physically contiguous pages.
 * @gfp: GFP flags: which zones, zeroing, warnings.
 * @order: 0 for one page, up to MAX_ORDER - 1.
 *
 * Tries gfp_zone(@gfp) first, then each lower zone, which must keep its
 * min watermark (less for __GFP_HIGH/__GFP_ATOMIC) plus its lowmem_reserve
 * for gfp_zone(@gfp) free.
 * Context: any with GFP_ATOMIC (interrupt handlers included: the per-CPU
 * lists and zone->lock are taken with interrupts off); process context,
 * preemptible, for a blocking @gfp such as GFP_KERNEL (might_sleep()
 * reports any other caller). Never sleeps today: there is no reclaim.
 * Return: the first page, with refcount 1, or NULL (and a "page
 * allocation failure" report unless __GFP_NOWARN).
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp)		alloc_pages(gfp, 0)

/**
 * __free_pages - drop a reference; at zero, return the block to its zone.
 * @page: the first page, as alloc_pages() returned it.
 * @order: the order it was allocated with (a mismatch is reported).
 * Context: any, interrupt handlers included; never sleeps.
 */
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page)	__free_pages(page, 0)

/**
 * __get_free_pages - alloc_pages() for callers that want an address.
 * @gfp: GFP flags; __GFP_HIGHMEM is cleared (as Linux 6.1 does, silently):
 *       a highmem page has no permanent address to return.
 * @order: as for alloc_pages().
 * Context: as alloc_pages(); never sleeps.
 * Return: the direct-map address of a lowmem block, or 0.
 */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp)	__get_free_pages(gfp, 0)
unsigned long get_zeroed_page(gfp_t gfp);
/**
 * drain_all_pages - give every block on every CPU's per-CPU page lists
 * back to the buddy lists, where it merges with its free buddies.
 *
 * Those blocks are free already (zone->free_pages counts them), so this
 * changes no free count; it changes the buddy lists, which a caller that
 * compares them (tests, a failed large allocation) wants canonical. Each
 * CPU drains its own lists: the other CPUs that hold pages are asked by
 * IPI and waited for (Linux queues a work item on each).
 * Context: process context with interrupts on (it waits for the other
 * CPUs: with interrupts off or from a handler smp_call_function_many()
 * says "BUG: smp_call_function: called with ...", and only this CPU's
 * lists are drained); never sleeps. From interrupts-off code use
 * drain_local_pages().
 */
void drain_all_pages(void);
/* drain_all_pages() for one zone. Context: as drain_all_pages(). */
void drain_zone_pages(struct zone *zone);
/**
 * drain_local_pages - this CPU's per-CPU lists of @zone back to the buddy lists
 * @zone: the zone, or NULL for every zone
 * Context: any (interrupts are saved and disabled around it).
 */
void drain_local_pages(struct zone *zone);

/* Free by address (a no-op for 0). */
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr)		free_pages(addr, 0)

#endif
