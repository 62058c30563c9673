/* SPDX-License-Identifier: MIT */
/*
 * Zones: physical memory split by what the hardware and the kernel's
 * address space can reach.
 *
 *   ZONE_DMA      [0, 16 MiB)          ISA DMA can only address 24 bits
 *   ZONE_NORMAL   [16 MiB, lowmem end) permanently mapped at PAGE_OFFSET
 *   ZONE_HIGHMEM  [lowmem end, RAM end) no permanent mapping: kmap it
 *
 * Each zone runs its own buddy allocator (free_area[]). An allocation
 * tries its highest allowed zone first and falls back downwards:
 * HighMem -> Normal -> DMA, Normal -> DMA, DMA only. Never upwards: a
 * GFP_KERNEL caller needs an address, which a highmem page lacks. A
 * zone reached by fallback keeps lowmem_reserve[] back from the caller.
 */
#ifndef _MM_MMZONE_H
#define _MM_MMZONE_H

#include <kernel/list.h>
#include <kernel/percpu.h>
#include <kernel/spinlock.h>
#include <kernel/types.h>
#include <mm/mm_types.h>

/* Orders 0..MAX_ORDER-1: blocks of 1 page up to 1024 pages (4 MiB). */
#define MAX_ORDER		11
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))

struct free_area {
	struct list_head free_list;	/* heads of free blocks of this order */
	unsigned long nr_free;		/* blocks (not pages) on the list */
};

/*
 * Per-CPU page lists (mm/pcp.c, mm/pcp.h): a small cache of free blocks of
 * orders 0..PCP_MAX_ORDER in front of each zone's buddy lists, so that
 * the common alloc_page()/__free_page() is a list pop or push with no
 * splitting or merging. Refilled from, and drained to, the buddy lists
 * @batch blocks at a time; a free that leaves more than @high blocks on
 * a list drains @batch. Blocks on these lists are free: they are counted
 * in zone->free_pages. There is one CPU, so one set per zone; with SMP
 * it would be one per CPU, touched only by its CPU with interrupts off.
 */
#define PCP_MAX_ORDER		3
#define NR_PCP_LISTS		(PCP_MAX_ORDER + 1)

struct per_cpu_pages {
	struct list_head lists[NR_PCP_LISTS];	/* most recently freed first */
	unsigned int count[NR_PCP_LISTS];	/* blocks on each list */
	unsigned int high[NR_PCP_LISTS];	/* more blocks than this: drain */
	unsigned int batch[NR_PCP_LISTS];	/* blocks per refill/drain; 0: lists off */
};

enum zone_type {
	ZONE_DMA,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	MAX_NR_ZONES
};

enum zone_watermarks {
	WMARK_MIN,	/* below: only GFP_ATOMIC-style callers may dig in */
	WMARK_LOW,	/* below: a kernel with kswapd would wake it */
	WMARK_HIGH,	/* above: plenty */
	NR_WMARK
};

struct zone {
	const char *name;		/* "DMA", "Normal", "HighMem" */
	unsigned long zone_start_pfn;	/* first frame of the span */
	unsigned long spanned_pages;	/* span end - start, holes included */
	unsigned long present_pages;	/* RAM frames in the span */
	unsigned long managed_pages;	/* frames handed to the buddy allocator */
	unsigned long free_pages;	/* free: on the buddy lists + on pcp */
	unsigned long watermark[NR_WMARK];
	/*
	 * lowmem_reserve[c]: pages of this zone kept back from an allocation
	 * whose first choice (gfp_zone) is the higher zone c and that falls
	 * back here. 0 for c <= this zone. See setup_per_zone_lowmem_reserve().
	 */
	unsigned long lowmem_reserve[MAX_NR_ZONES];
	spinlock_t lock;		/* free_area (the buddy lists) */
	PER_CPU_MEMBER(struct per_cpu_pages, pcp);	/* this_cpu_ptr(): checked first */
	struct free_area free_area[MAX_ORDER];
};

/* Pages on one CPU's lists of a zone (blocks of order k count 2^k). */
static inline unsigned long pcp_pages(const struct per_cpu_pages *pcp)
{
	unsigned long n = 0;

	for (unsigned int order = 0; order < NR_PCP_LISTS; order++)
		n += (unsigned long)pcp->count[order] << order;
	return n;
}

/*
 * Pages on @zone's per-CPU lists, every CPU's (the rest of free_pages is
 * on free_area). Another CPU's counts are read without stopping it: exact
 * only while that CPU allocates and frees nothing.
 */
static inline unsigned long zone_pcp_pages(const struct zone *z)
{
	unsigned long n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += pcp_pages(per_cpu_ptr(z->pcp, cpu));
	return n;
}

static inline unsigned long zone_end_pfn(const struct zone *z)
{
	return z->zone_start_pfn + z->spanned_pages;
}

static inline bool zone_is_empty(const struct zone *z)
{
	return z->spanned_pages == 0;
}

/* One memory node: this kernel is not NUMA. */
typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	unsigned long node_present_pages;
} pg_data_t;

extern pg_data_t contig_page_data;
#define NODE_DATA(nid)		(&contig_page_data)

#define for_each_zone(z) \
	for (z = contig_page_data.node_zones; z < contig_page_data.node_zones + MAX_NR_ZONES; z++)

extern const char *const zone_names[MAX_NR_ZONES];

/* Boot steps (mm/mm_init.c, mm/page_alloc.c, mm/watermark.c), in the order main.c runs them. */
void free_area_init(void);		/* zones and mem_map */
void mem_init(void);			/* memblock -> buddy hand-off, "Memory:" line */
void build_all_zonelists(void);		/* print each zone's fallback order */
void setup_per_zone_wmarks(void);	/* min/low/high watermarks, lowmem_reserve */

extern int min_free_kbytes;			/* the min watermarks' total, in KiB */
extern int watermark_scale_factor;		/* low/high gaps, in 1/10000 of a zone */
extern const int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES];

#endif
