// SPDX-License-Identifier: MIT
/*
 * How this works: the page allocator API on top of the buddy core.
 *
 * This file is the public API (alloc_pages, __free_pages, put_page,
 * free_pages, __get_free_pages) and the zone fallback order. Its helpers
 * have a file each: mm/pcp.c the per-CPU lists, mm/watermark.c the
 * watermarks and lowmem_reserve, mm/page_alloc_report.c the "Bad page
 * state" and "page allocation failure" reports, mm/mm_init.c the boot
 * hand-off from memblock, mm/buddy.c the split and merge.
 *
 * Data structures. The three zones of contig_page_data, each with its own
 * buddy free lists (mm/buddy.c) and three watermarks. There is no
 * zonelist array: the fallback order is the zone index counting down,
 * HighMem (2) -> Normal (1) -> DMA (0), and gfp_zone() gives the start.
 * An empty zone has free_pages 0 and fails the watermark test at once;
 * the fast path starts at zonelist_first[gfp_zone()], the first zone of
 * that order that has memory at all.
 *
 * Alloc path (alloc_pages). The fast path: an order <= 3, none of
 * __GFP_HIGH, __GFP_ATOMIC, __GFP_ZERO, __GFP_COMP, and the first
 * populated zone for gfp (zonelist_first[]) above min + 2^order with a
 * block on its list: pop it (interrupts off around the test and the
 * pop), set the refcount to 1, done. GFP_ATOMIC always takes the slow
 * path, whose watermark test knows its reserve. Otherwise (alloc_pages_slow), for each zone from
 * gfp_zone(gfp) down: if taking 2^order pages would leave the zone below
 * its min watermark plus its lowmem_reserve for gfp's first zone
 * (zone_watermark_ok), skip it; else take a block from its per-CPU list
 * (refilling it) or, for orders above 3, from its free lists
 * (buddy_alloc; if they lack it, drain this CPU's lists of the zone, whose
 * pages cannot merge while parked there, and try once more). If no zone
 * can serve it and the caller may block, the other CPUs' lists are
 * drained too, by IPI (drain_remote_pages), and the zones tried once
 * more. The block leaves with refcount 1 on the head (0 on the
 * others), PG_buddy clear and private = order. __GFP_ZERO clears it (a
 * highmem page through clear_highpage()), __GFP_COMP marks the other
 * pages PG_tail. On failure print "page allocation failure" unless
 * __GFP_NOWARN, and return NULL; an order >= MAX_ORDER fails at once,
 * with a WARN unless __GFP_NOWARN.
 *
 * Free path (__free_pages). The fast path: no PG_buddy, PG_reserved,
 * PG_tail, PG_slab, PG_vmalloc or PG_head, refcount exactly 1, private == order (and order 0
 * in a DEBUG_VM build): the count goes to 0 and the block onto its
 * per-CPU list (orders above 3: buddy_free, merging with free buddies).
 * Anything else takes __free_pages_slow(), where one combined test of
 * the head page catches every misuse: PG_buddy, PG_reserved, PG_tail,
 * PG_slab or PG_vmalloc set, refcount <= 0, or private != order. A count above 1 is only
 * dropped. At 1 the rest of a multi-page block is checked too
 * (DEBUG_VM), a compound block is unmarked, and the block is freed as
 * above.
 *
 * Where it differs from Linux: the zonelist is an index counting down
 * rather than an array of zonerefs (one node). A PG_reserved page (memory
 * the buddy allocator never got) has
 * refcount 0 here, as memmap_init() writes it; in Linux every struct page
 * starts at 1 and only the pages handed to the buddy allocator are set to
 * 0, so a reserved page reads 1. No reclaim: a failed allocation
 * fails. Locks: the buddy lists are under zone->lock, taken with
 * interrupts disabled as Linux does (mm/pcp.c, around every buddy call
 * after boot); the per-CPU lists are this CPU's (this_cpu_ptr(zone->pcp))
 * and are touched only by their CPU, with interrupts off, since an
 * interrupt handler may allocate from them (GFP_ATOMIC; mm/pcp.c); another
 * CPU's lists are drained by asking that CPU (an IPI).
 *
 * Context. alloc_pages() first says might_sleep_if(
 * gfpflags_allow_blocking(gfp)), as Linux's prepare_alloc_pages() does
 * (might_alloc()): a GFP_KERNEL request from an interrupt handler, under
 * a spinlock or with interrupts off is reported ("BUG: sleeping function
 * called from invalid context at mm/page_alloc.c:N") once boot is over,
 * and then served, since nothing here sleeps yet. GFP_ATOMIC is the
 * handler's: never sleeps, may go below min (3/8 of it, mm/watermark.c),
 * and stays out of ZONE_HIGHMEM unless __GFP_HIGHMEM is added.
 */
#include <asm/irqflags.h>
#include <kernel/kallsyms.h>
#include <kernel/might_sleep.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/vmstat.h>
#include "buddy.h"
#include "internal.h"
#include "pcp.h"

/* --- freeing ---------------------------------------------------------------- */

static noinline void clear_compound(struct page *page, unsigned int order)
{
	for (unsigned long i = 1; i < (1UL << order); i++) {
		clear_page_flag(page + i, PG_tail);
		page[i].compound_head = NULL;
	}
	clear_page_flag(page, PG_head);
}

#define PAGE_FLAGS_BAD_AT_FREE	((1UL << PG_buddy) | (1UL << PG_reserved) | (1UL << PG_tail) | \
				 (1UL << PG_slab) | (1UL << PG_vmalloc))

/* Everything but the fast path of __free_pages(): misuse, shared, compound, checks. */
static noinline void __free_pages_slow(struct page *page, unsigned int order)
{
	if (unlikely((page->flags & PAGE_FLAGS_BAD_AT_FREE) || page->_refcount <= 0 ||
		     page->private != order)) {
		bad_free(page, order);
		return;
	}
	/*
	 * One atomic decrement decides who frees: two holders of a shared
	 * page (a parent and its child after fork) may drop it at the same
	 * time, and a read-then-write here let both see "others still use
	 * it" and leak the page.
	 */
	if (__atomic_sub_fetch(&page->_refcount, 1, __ATOMIC_SEQ_CST) > 0)
		return;				/* others still use it */
	if (IS_ENABLED(CONFIG_DEBUG_VM) && order && !check_tail_pages(page, order)) {
		page->_refcount = 1;		/* reported, not freed: the caller's reference stands */
		return;
	}
	if (unlikely(PageHead(page)))
		clear_compound(page, order);
	page->_refcount = 0;
	free_one_block(page, order);
}

/*
 * The fast path: the last reference to a plain block (no misuse flag, not
 * compound, refcount exactly 1, freed with its own order) goes straight
 * to its per-CPU list. One flags test and two compares decide it; every
 * other case, and the tail-page checks of a DEBUG_VM build, go slow.
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (unlikely((page->flags & (PAGE_FLAGS_BAD_AT_FREE | (1UL << PG_head))) ||
		     page->_refcount != 1 || page->private != order ||
		     (IS_ENABLED(CONFIG_DEBUG_VM) && order))) {
		__free_pages_slow(page, order);
		return;
	}
	page->_refcount = 0;
	free_one_block(page, order);
}

void put_page(struct page *page)
{
	if (unlikely(PageTail(page)))
		page = page->compound_head;
	__free_pages(page, PageHead(page) ? page->private : 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	VM_BUG_ON(!virt_addr_valid(addr));
	__free_pages(virt_to_page(addr), order);
}

/* --- allocation ------------------------------------------------------- */

/* __GFP_ZERO and __GFP_COMP: off the common path. */
static noinline void prep_new_block(struct page *page, gfp_t gfp, unsigned int order)
{
	unsigned long nr = 1UL << order;

	if (gfp & __GFP_ZERO) {
		if (PageHighMem(page)) {
			for (unsigned long i = 0; i < nr; i++)
				clear_highpage(page + i);
		} else {
			memset(lowmem_page_address(page), 0, nr << PAGE_SHIFT);
		}
	}
	if ((gfp & __GFP_COMP) && order) {
		set_page_flag(page, PG_head);
		for (unsigned long i = 1; i < nr; i++) {
			set_page_flag(page + i, PG_tail);
			page[i].compound_head = page;
		}
	}
}

/* Everything but the per-CPU list fast path of alloc_pages(). */
static noinline struct page *alloc_pages_slow(gfp_t gfp, unsigned int order)
{
	struct zone *zones = contig_page_data.node_zones;
	enum zone_type classzone = gfp_zone(gfp);
	bool drained = false;
	struct page *page;

	if (unlikely(order >= MAX_ORDER)) {
		WARN(!(gfp & __GFP_NOWARN),
		     "alloc_pages: order %u is too large: the largest block is order %d (%lu KiB)",
		     order, MAX_ORDER - 1, MAX_ORDER_NR_PAGES << (PAGE_SHIFT - 10));
		return NULL;
	}
retry:
	for (int z = classzone; z >= 0; z--) {
		struct zone *zone = &zones[z];
		unsigned long flags;

		if (!zone_watermark_ok(zone, order, gfp, classzone))
			continue;
		local_irq_save(flags);		/* the per-CPU list: see alloc_pages() */
		page = rmqueue(zone, order);
		local_irq_restore(flags);
		if (page)
			goto found;
	}
	/*
	 * The pages may be on other CPUs' lists, counted free but out of
	 * this CPU's reach: a caller that may block asks those CPUs to drain
	 * theirs and tries once more (Linux drains all CPUs on the way to
	 * direct reclaim). Not with interrupts off or from a handler: the
	 * IPIs' answers are waited for.
	 */
	if (!drained && gfpflags_allow_blocking(gfp) && drain_remote_pages(classzone)) {
		drained = true;
		goto retry;
	}
	if (!(gfp & __GFP_NOWARN))
		warn_alloc(gfp, order);
	return NULL;

found:
	VM_BUG_ON_PAGE(page->_refcount != 0, page);
	page->_refcount = 1;
	if (unlikely(gfp & (__GFP_ZERO | __GFP_COMP)))
		prep_new_block(page, gfp, order);
	return page;
}

/*
 * The first zone of each zonelist: for the highest zone a gfp allows, the
 * highest populated zone at or below it (GFP_HIGHUSER on a machine
 * without highmem starts at Normal). build_all_zonelists() fills it in;
 * until then each zone stands for itself.
 */
static struct zone *zonelist_first[MAX_NR_ZONES] = {
	&contig_page_data.node_zones[ZONE_DMA],
	&contig_page_data.node_zones[ZONE_NORMAL],
	&contig_page_data.node_zones[ZONE_HIGHMEM],
};

/* Flags that the fast path does not handle: reserve access, zeroing, compound. */
#define GFP_NOT_FAST	(__GFP_HIGH | __GFP_ATOMIC | __GFP_ZERO | __GFP_COMP)

/*
 * The fast path: a small order, no special flags, and the first zone
 * tried is above its min watermark with a block on its per-CPU list --
 * then the block is popped and nothing else happens. Anything else goes
 * to alloc_pages_slow(), which does the same checks in full, zone by zone.
 * The test here needs no lowmem_reserve term: the zone is gfp's first
 * choice, or the first populated one below it, whose reserve for gfp's
 * zone adds up only the empty zones in between: 0.
 *
 * The list test and the pop are one section with interrupts off: an
 * interrupt handler allocating from the same list in between could take
 * the block this call found, and both would own it. The other tests come
 * first, outside it: the order and flags are arguments, and the watermark
 * test is a judgement about one counter, which an interrupt between it
 * and the pop moves by a block or two (Linux's zone_watermark_fast()
 * reads it without a lock too).
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct zone *zone = zonelist_first[gfp_zone(gfp)];
	unsigned long flags;
	struct page *page;

	might_sleep_if(gfpflags_allow_blocking(gfp));
	if (unlikely(order > PCP_MAX_ORDER || (gfp & GFP_NOT_FAST) ||
		     zone->free_pages < zone->watermark[WMARK_MIN] + (1UL << order)))
		return alloc_pages_slow(gfp, order);
	page = NULL;
	local_irq_save(flags);
	if (likely(!list_empty(&this_cpu_ptr(zone->pcp)->lists[order])))
		page = pcp_pop(zone, order);
	local_irq_restore(flags);	/* one restore for both outcomes: shorter code */
	if (unlikely(!page))
		return alloc_pages_slow(gfp, order);
	VM_BUG_ON_PAGE(page->_refcount != 0, page);
	page->_refcount = 1;
	return page;
}

/*
 * A highmem page has no permanent address to return, so __GFP_HIGHMEM is
 * cleared, as Linux 6.1 does, without a word: the caller gets a lowmem
 * page (GFP_HIGHUSER here means GFP_USER).
 */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);
	return page ? (unsigned long)lowmem_page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

/* --- boot: zonelists (watermarks: watermark.c; the hand-off: mm_init.c) ---- */

void build_all_zonelists(void)
{
	static bool printed;
	struct zone *zones = contig_page_data.node_zones;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		int f = z;

		while (f > 0 && !zones[f].managed_pages)
			f--;
		zonelist_first[z] = &zones[f];
	}
	if (printed)
		return;
	printed = true;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		char line[64];
		size_t n;

		if (!zones[z].present_pages && !zones[z].managed_pages)
			continue;
		n = snprintf(line, sizeof(line), "Zonelist %s =", zones[z].name);
		for (int f = z; f >= 0 && n < sizeof(line); f--)
			if (zones[f].present_pages || zones[f].managed_pages)
				n += snprintf(line + n, sizeof(line) - n, " %s", zones[f].name);
		pr_info("%s\n", line);
	}
	pr_info("Built 1 zonelists. Total pages: %lu\n", totalram_pages);
}
