// SPDX-License-Identifier: MIT
/*
 * How this works: the page allocator API on top of the buddy core.
 *
 * Data structures. The three zones of contig_page_data, each with its own
 * buddy free lists (mm/buddy.c) and three watermarks. There is no
 * zonelist array: the fallback order is the zone index counting down,
 * HighMem (2) -> Normal (1) -> DMA (0), and gfp_zone() gives the start.
 * An empty zone has free_pages 0 and fails the watermark test at once;
 * the fast path starts at zonelist_first[gfp_zone()], the first zone of
 * that order that has memory at all.
 *
 * Per-CPU lists (struct per_cpu_pages in each zone, mmzone.h). Blocks of
 * orders 0..3 are not returned to the buddy lists when freed but pushed
 * on a list of their order, and allocations of those orders pop from it:
 * no split, no merge, a few loads and stores. An empty list is refilled
 * with `batch` blocks at once (buddy_take_blocks: 32 order-0 pages come
 * from one order-5 block); a free that leaves more than `high` blocks on
 * a list drains `batch` of the least recently freed (buddy_give_blocks).
 * The sizes come from the zone's size (setup_zone_pcp) and are 0, lists
 * off, until setup_per_zone_wmarks() runs. Blocks on these lists are
 * free memory: zone->free_pages counts them, so the watermark test and
 * /proc-style reports see them as free, and a test that frees what it
 * allocated finds free_pages back where it was without draining. The
 * buddy lists themselves differ while blocks sit on the per-CPU lists;
 * drain_all_pages() gives them back (the tests' snapshots do), and an
 * allocation the buddy lists cannot serve drains its zone and retries
 * (pcp_refill for orders 0-3, rmqueue_large above).
 *
 * Alloc path (alloc_pages). The fast path: an order <= 3, none of
 * __GFP_HIGH, __GFP_ATOMIC, __GFP_ZERO, __GFP_COMP, and the first
 * populated zone for gfp (zonelist_first[]) above min + 2^order with a
 * block on its list: pop it, set the refcount to 1, done. Otherwise (alloc_pages_slow), for each zone from
 * gfp_zone(gfp) down: if taking 2^order pages would leave the zone below
 * its min watermark plus its lowmem_reserve for gfp's first zone
 * (zone_watermark_ok), skip it; else take a block from its per-CPU list
 * (refilling it) or, for orders above 3, from its free lists
 * (buddy_alloc; if they lack it, drain the zone's per-CPU lists, whose
 * pages cannot merge while parked there, and try once more). The block leaves with refcount 1 on the head (0 on the
 * others), PG_buddy clear and private = order. __GFP_ZERO clears it (a
 * highmem page through clear_highpage()), __GFP_COMP marks the other
 * pages PG_tail. On failure print "page allocation failure" unless
 * __GFP_NOWARN, and return NULL; an order >= MAX_ORDER fails at once,
 * with a WARN unless __GFP_NOWARN.
 *
 * Watermarks. min is a reserve for callers that cannot wait: __GFP_HIGH
 * takes half of it off, __GFP_ATOMIC a quarter of what is left, so
 * GFP_ATOMIC (both) may go down to 3/8 of min (gfp_min_mark). low and high
 * are min plus one and two gaps, each the larger of a quarter of the
 * zone's share of min_free_kbytes and 0.1% of the zone
 * (watermark_scale_factor 10); they mean nothing yet (there is no
 * kswapd). setup_per_zone_wmarks has the numbers.
 *
 * lowmem_reserve. A zone reached by fallback keeps part of itself back:
 * zone->lowmem_reserve[c] pages from any allocation whose first zone was
 * c. Normal keeps HighMem/32 from GFP_HIGHUSER (68 MiB at 4 GiB), DMA
 * keeps Normal/256 from GFP_KERNEL and (Normal + HighMem)/256 from
 * GFP_HIGHUSER, so user pages that could have lived in highmem cannot
 * use up the memory only the kernel can use. The fast path needs no
 * reserve: its zone is the first choice, or below it only empty zones,
 * whose managed pages add nothing. zoneinfo prints the array as
 * "protection: (...)".
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
 * Misuse is reported as "BUG: Bad page state: <reason>", then dump_page()
 * and a backtrace, and the pages are left exactly as they were:
 *   "page is reserved"            the page was never the allocator's
 *   "page still belongs to slab or vmalloc"
 *                                 freed behind its owner's back (slab
 *                                 and vfree clear their flag first)
 *   "page is already free"        the page is in a free block, or in a
 *                                 block on a per-CPU list (double free)
 *   "refcount underflow"          the count is already 0: one put too many,
 *                                 or a non-head page of a block freed alone
 *   "freed with the wrong order"  private (the order it was allocated
 *                                 with) differs from the order given
 *   "nonzero refcount"            (DEBUG_VM) a non-head page of the block
 *                                 still has users
 * The first that applies is reported, in this order.
 *
 * Where it differs from Linux: the watermark rules (min_free_kbytes,
 * the highmem token min, watermark_scale_factor, __GFP_HIGH then
 * __GFP_ATOMIC, lowmem_reserve with ratios 256 and 32) are Linux 6.1's,
 * but Linux's first pass over the zones tests the low mark and wakes
 * kswapd before retrying at min; with no kswapd this kernel tests min at
 * once. A PG_reserved page (memory the buddy allocator never got) has
 * refcount 0 here, as memmap_init() writes it; in Linux every struct page
 * starts at 1 and only the pages handed to the buddy allocator are set to
 * 0, so a reserved page reads 1. Linux reports a free of one as a bad
 * page once its count has dropped to 0 (PG_reserved is among the flags
 * checked at free); here PG_reserved is checked first ("page is
 * reserved"). Linux does not count per-CPU pages in NR_FREE_PAGES, and
 * keeps one count and one high mark per CPU for all orders; here each
 * order's list has its own, in blocks. No reclaim: a failed allocation
 * fails. No zone lock either: interrupts are never
 * enabled yet, so nothing can enter the allocator twice; the first
 * interrupt handler that allocates must disable interrupts around the
 * per-CPU list operations (as Linux does) and bring a zone lock around
 * the buddy lists.
 */
#include <kernel/kallsyms.h>
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

/* --- misuse reports ---------------------------------------------------- */

static noinline void bad_page(struct page *page, const char *reason, unsigned int order)
{
	report_misuse("Bad page state", reason);
	pr_err("  freeing pfn 0x%lx with order %u\n", page_to_pfn(page), order);
	dump_page(page, reason);
	dump_stack();
}

/*
 * Is @page in a block on one of its zone's per-CPU lists (head or not)?
 * O(pages on the lists): only for reports.
 */
static bool pcp_holds(const struct page *page)
{
	const struct zone *zone = page_zone(page);
	unsigned long pfn = page_to_pfn(page);

	for (unsigned int order = 0; order < NR_PCP_LISTS; order++) {
		const struct page *head = pfn_to_page(pfn & ~((1UL << order) - 1)), *p;

		if (!zone->pcp.lists[order].next)
			continue;
		list_for_each_entry(p, &zone->pcp.lists[order], lru)
			if (p == head)
				return true;
	}
	return false;
}

/* The head page failed the quick test in __free_pages: say why. */
static noinline void bad_free(struct page *page, unsigned int order)
{
	const char *reason;

	if (PageReserved(page))
		reason = "page is reserved";
	else if (PageSlab(page) || test_page_flag(page, PG_vmalloc))
		reason = "page still belongs to slab or vmalloc";
	else if (PageBuddy(page) || buddy_pfn_is_free(page_zone(page), page_to_pfn(page)) ||
		 pcp_holds(page))
		reason = "page is already free";
	else if (page_count(page) <= 0)
		reason = "refcount underflow";
	else
		reason = "freed with the wrong order";
	bad_page(page, reason, order);
}

/*
 * The non-head pages of a block about to be freed: not reserved, not
 * free, no users. Return: false (after a report) when one is wrong.
 */
static noinline bool check_tail_pages(struct page *page, unsigned int order)
{
	struct page *end = page + (1UL << order);

	for (struct page *p = page + 1; p < end; p++) {
		const char *reason = NULL;

		if (PageReserved(p))
			reason = "page is reserved";
		else if (PageBuddy(p))
			reason = "page is already free";
		else if (page_count(p) != 0)
			reason = "nonzero refcount";
		if (reason) {
			bad_page(p, reason, order);
			return false;
		}
	}
	return true;
}

static noinline void clear_compound(struct page *page, unsigned int order)
{
	for (unsigned long i = 1; i < (1UL << order); i++) {
		clear_page_flag(page + i, PG_tail);
		page[i].compound_head = NULL;
	}
	clear_page_flag(page, PG_head);
}

/* --- per-CPU page lists ----------------------------------------------------- */

/* Back to the buddy lists: @count blocks of @order, the least recently freed. */
static void pcp_drain(struct zone *zone, unsigned int order, unsigned int count)
{
	struct per_cpu_pages *pcp = &zone->pcp;

	count = min(count, pcp->count[order]);
	buddy_give_blocks(zone, order, count, &pcp->lists[order]);
	pcp->count[order] -= count;
}

void drain_zone_pages(struct zone *zone)
{
	if (!zone->pcp.lists[0].next)
		return;		/* a zone set up without lists holds nothing */
	for (unsigned int order = 0; order < NR_PCP_LISTS; order++)
		pcp_drain(zone, order, zone->pcp.count[order]);
}

void drain_all_pages(void)
{
	struct zone *zone;

	for_each_zone(zone)
		drain_zone_pages(zone);
}

/* A free left more than high blocks on the list: drain a batch (all if off). */
static noinline void pcp_free_drain(struct zone *zone, unsigned int order)
{
	unsigned int batch = zone->pcp.batch[order];

	pcp_drain(zone, order, batch ? batch : zone->pcp.count[order]);
}

/* Unlink the first block of a non-empty per-CPU list (a pop at the head). */
static __always_inline struct page *pcp_pop(struct zone *zone, unsigned int order)
{
	struct list_head *list = &zone->pcp.lists[order], *first = list->next;

	list->next = first->next;
	first->next->prev = list;
	zone->pcp.count[order]--;
	zone->free_pages -= 1UL << order;
	return list_entry(first, struct page, lru);
}

/*
 * The per-CPU list of @order is empty: refill it with a batch from the
 * buddy lists and take the first block. With the lists off (batch 0, before
 * setup_per_zone_wmarks) go to the buddy lists directly. If the buddy
 * lists have no block that large, the free pages may be sitting on the
 * other per-CPU lists: give those back, so they can merge, and try once
 * more.
 */
static noinline struct page *pcp_refill(struct zone *zone, unsigned int order)
{
	struct per_cpu_pages *pcp = &zone->pcp;

	if (!pcp->batch[order])
		return buddy_alloc(zone, order);
	pcp->count[order] += buddy_take_blocks(zone, order, pcp->batch[order], &pcp->lists[order]);
	if (!list_empty(&pcp->lists[order]))
		return pcp_pop(zone, order);
	drain_zone_pages(zone);
	return buddy_alloc(zone, order);
}

/*
 * A block above the per-CPU orders. The buddy lists may lack it only
 * because pages sit on the per-CPU lists, counted free but unable to
 * merge: then drain them and try once more.
 */
static noinline struct page *rmqueue_large(struct zone *zone, unsigned int order)
{
	struct page *page = buddy_alloc(zone, order);

	if (!page && zone_pcp_pages(zone)) {
		drain_zone_pages(zone);
		page = buddy_alloc(zone, order);
	}
	return page;
}

/* A block of 2^@order pages from @zone: its per-CPU list first. */
static __always_inline struct page *rmqueue(struct zone *zone, unsigned int order)
{
	if (order > PCP_MAX_ORDER)
		return rmqueue_large(zone, order);
	if (unlikely(list_empty(&zone->pcp.lists[order])))
		return pcp_refill(zone, order);
	return pcp_pop(zone, order);
}

/* Give back a block whose last reference was dropped: its per-CPU list first. */
static __always_inline void free_one_block(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp;

	OPTIMIZER_HIDE_VAR(zone);
	pcp = &zone->pcp;
	if (order > PCP_MAX_ORDER) {
		buddy_free(zone, page, order);
		return;
	}
	list_add(&page->lru, &pcp->lists[order]);
	zone->free_pages += 1UL << order;
	if (unlikely(++pcp->count[order] > pcp->high[order]))
		pcp_free_drain(zone, order);
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
	if (page->_refcount > 1) {
		page->_refcount--;		/* others still use it */
		return;
	}
	if (IS_ENABLED(CONFIG_DEBUG_VM) && order && !check_tail_pages(page, order))
		return;
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

/*
 * "GFP_KERNEL|__GFP_NOWARN": composite names first, as Linux's %pGg, then
 * single bits, then whatever is left in hex.
 */
static const struct { gfp_t mask; const char *name; } gfp_names[] = {
	{ GFP_HIGHUSER, "GFP_HIGHUSER" },
	{ GFP_USER, "GFP_USER" },
	{ GFP_KERNEL, "GFP_KERNEL" },
	{ GFP_ATOMIC, "GFP_ATOMIC" },
	{ __GFP_DMA, "GFP_DMA" },
	{ __GFP_HIGHMEM, "__GFP_HIGHMEM" },
	{ __GFP_HIGH, "__GFP_HIGH" },
	{ __GFP_ATOMIC, "__GFP_ATOMIC" },
	{ __GFP_IO, "__GFP_IO" },
	{ __GFP_FS, "__GFP_FS" },
	{ __GFP_ZERO, "__GFP_ZERO" },
	{ __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ __GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ __GFP_NOWARN, "__GFP_NOWARN" },
	{ __GFP_COMP, "__GFP_COMP" },
	{ __GFP_HARDWALL, "__GFP_HARDWALL" },
};

static void format_gfp(char *buf, size_t size, gfp_t gfp)
{
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < ARRAY_SIZE(gfp_names) && gfp; i++) {
		if ((gfp & gfp_names[i].mask) != gfp_names[i].mask)
			continue;
		n += snprintf(buf + min(n, size), n < size ? size - n : 0, "%s%s",
			      n ? "|" : "", gfp_names[i].name);
		gfp &= ~gfp_names[i].mask;
	}
	if (gfp)
		n += snprintf(buf + min(n, size), n < size ? size - n : 0, "%s0x%x", n ? "|" : "", gfp);
	if (!n)
		snprintf(buf, size, "none");
}

static noinline void warn_alloc(gfp_t gfp, unsigned int order)
{
	char names[160];

	format_gfp(names, sizeof(names), gfp);
	pr_warn("page allocation failure: order:%u, mode:0x%x(%s)\n", order, gfp, names);
	dump_stack();
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &contig_page_data.node_zones[z];

		if (zone->managed_pages)
			pr_warn("%s free:%lukB min:%lukB low:%lukB high:%lukB managed:%lukB\n",
				zone->name, zone->free_pages << 2, zone->watermark[WMARK_MIN] << 2,
				zone->watermark[WMARK_LOW] << 2, zone->watermark[WMARK_HIGH] << 2,
				zone->managed_pages << 2);
	}
	show_buddyinfo();
}

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

/*
 * How far below min a caller may go, as Linux 6.1: __GFP_HIGH (ALLOC_HIGH)
 * takes half of min away, then __GFP_ATOMIC (ALLOC_HARDER) a quarter of
 * what is left. GFP_ATOMIC has both, so it stops at 3/8 of min:
 *
 *   min 16:  plain 16,  __GFP_HIGH 16 - 8 = 8,  GFP_ATOMIC 8 - 2 = 6
 */
unsigned long gfp_min_mark(const struct zone *zone, gfp_t gfp)
{
	unsigned long min = zone->watermark[WMARK_MIN];

	if (gfp & __GFP_HIGH)
		min -= min / 2;
	if (gfp & __GFP_ATOMIC)
		min -= min / 4;
	return min;
}

/*
 * May @zone give 2^@order pages to a @gfp allocation whose first choice
 * was @classzone? Only if what is left stays at or above the caller's min
 * mark plus the part of @zone kept back from callers of that class
 * (lowmem_reserve[@classzone], 0 when @zone is the first choice). This is
 * Linux's "free - (2^order - 1) > mark + reserve".
 */
bool zone_watermark_ok(const struct zone *zone, unsigned int order, gfp_t gfp,
		       enum zone_type classzone)
{
	return zone->free_pages >= gfp_min_mark(zone, gfp) + zone->lowmem_reserve[classzone] +
				   (1UL << order);
}

/* Everything but the per-CPU list fast path of alloc_pages(). */
static noinline struct page *alloc_pages_slow(gfp_t gfp, unsigned int order)
{
	struct zone *zones = contig_page_data.node_zones;
	enum zone_type classzone = gfp_zone(gfp);
	struct page *page;

	if (unlikely(order >= MAX_ORDER)) {
		WARN(!(gfp & __GFP_NOWARN),
		     "alloc_pages: order %u is too large: the largest block is order %d (%lu KiB)",
		     order, MAX_ORDER - 1, MAX_ORDER_NR_PAGES << (PAGE_SHIFT - 10));
		return NULL;
	}
	for (int z = classzone; z >= 0; z--) {
		struct zone *zone = &zones[z];

		if (!zone_watermark_ok(zone, order, gfp, classzone))
			continue;
		page = rmqueue(zone, order);
		if (page)
			goto found;
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
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct zone *zone = zonelist_first[gfp_zone(gfp)];
	struct page *page;

	if (unlikely(order > PCP_MAX_ORDER || (gfp & GFP_NOT_FAST) ||
		     zone->free_pages < zone->watermark[WMARK_MIN] + (1UL << order) ||
		     list_empty(&zone->pcp.lists[order])))
		return alloc_pages_slow(gfp, order);
	page = pcp_pop(zone, order);
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

/* --- boot: zonelists, watermarks (the hand-off from memblock: mm_init.c) -- */

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

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;

	/* the largest r with r * r <= x, one bit at a time from the top */
	for (unsigned long bit = 1UL << 15; bit; bit >>= 1)
		if ((r + bit) * (r + bit) <= x)
			r += bit;
	return r;
}

/*
 * The per-CPU list sizes of @zone. batch, in pages: managed / 1024
 * rounded down to a power of two, 1 to 32 (32 pages is 128 KiB, one
 * order-5 block per refill); high = 4 * batch. A list of order k counts
 * blocks: batch >> k and high >> k, at least one.
 *
 *   zone (managed pages)      batch   high   order-3 list: batch, high
 *   HighMem, 4 GiB (556,800)     32    128                  4 blocks, 16
 *   Normal, 4 GiB (225,000)      32    128                  4 blocks, 16
 *   Normal, 128 MiB (28,600)     16     64                  2 blocks, 8
 *   DMA (3,900)                   2      8                  1 block,  1
 *
 * So a zone holds at most 4 * high pages on its lists (2 MiB at most),
 * all counted as free. The lists are drained first: their old contents
 * may exceed the new limits.
 */
static void setup_zone_pcp(struct zone *zone)
{
	unsigned long batch = 1;

	drain_zone_pages(zone);
	while (batch < 32 && batch * 2 <= (zone->managed_pages >> 10))
		batch *= 2;
	for (unsigned int order = 0; order < NR_PCP_LISTS; order++) {
		zone->pcp.batch[order] = zone->managed_pages ? max(batch >> order, 1UL) : 0;
		zone->pcp.high[order] = max((4 * batch) >> order, 1UL);
	}
}

/*
 * The min watermark, as Linux derives it from min_free_kbytes (lowmem
 * KiB: the managed pages of DMA and Normal, what Linux's
 * nr_free_buffer_pages() counts at boot):
 *
 *   min_free_kbytes = sqrt(16 * lowmem KiB), clamped to [128, 262144]
 *     16 MiB -> sqrt(16 * 14300)  =  478 KiB = 119 pages
 *    128 MiB -> sqrt(16 * 129000) = 1436 KiB = 359 pages
 *    896 MiB -> sqrt(16 * 913000) = 3822 KiB = 955 pages
 *
 * shared between the lowmem zones in proportion to their managed pages
 * (so DMA's share on a 1 GiB machine is small). Highmem cannot hold
 * kernel data, so its min is a token reserve: managed / 1024, clamped to
 * [32, 128] pages. low and high sit above min by one and two gaps, where
 * gap = max(share / 4, managed * watermark_scale_factor / 10000), share
 * being the zone's proportional part of min_free_kbytes (for highmem the
 * uncapped one). With the default factor of 10 (0.1% of the zone):
 *
 *   zone (managed pages)          min   share/4  managed/1000   low   high
 *   Normal, 4 GiB (219,136)       928       232           219  1160   1392
 *   HighMem, 4 GiB (557,024)      128       589           557   717   1306
 *   Normal, VMSPLIT=2G (481,280) 1382       345           481  1863   2344
 *
 * (with 896 MiB of lowmem the sqrt rule gives the wider gap; the factor
 * wins once lowmem is larger, as with VMSPLIT=2G).
 *
 * These are the gaps a kswapd would use to start and stop reclaiming;
 * there is none, so low and high are reported and tested, not used.
 */
int min_free_kbytes;
int watermark_scale_factor = 10;

void setup_per_zone_wmarks(void)
{
	struct zone *zones = contig_page_data.node_zones;
	unsigned long lowmem = 0, min_pages;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (z != ZONE_HIGHMEM)
			lowmem += zones[z].managed_pages;
	min_free_kbytes = clamp(int_sqrt(16 * (lowmem << (PAGE_SHIFT - 10))), 128UL, 262144UL);
	min_pages = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zones[z];
		/* lowmem < 4 GiB: min_pages < 2^12, managed < 2^24: fits 64 bits */
		unsigned long share = lowmem ?
			(unsigned long)((unsigned long long)min_pages * zone->managed_pages / lowmem) : 0;
		unsigned long min, gap;

		if (z == ZONE_HIGHMEM)
			min = clamp(zone->managed_pages / 1024, 32UL, 128UL);
		else
			min = share;
		if (!zone->managed_pages)
			min = 0;
		gap = max(share / 4, zone->managed_pages * watermark_scale_factor / 10000);
		zone->watermark[WMARK_MIN] = min;
		zone->watermark[WMARK_LOW] = min + gap;
		zone->watermark[WMARK_HIGH] = min + 2 * gap;
		setup_zone_pcp(zone);
	}
	setup_per_zone_lowmem_reserve();
}

/*
 * lowmem_reserve, Linux's protection of the lower zones against fallback.
 * Zone z keeps back, from an allocation whose first choice was the higher
 * zone c, the managed pages of the zones above it up to c divided by its
 * ratio: 256 for DMA, 32 for Normal (sysctl_lowmem_reserve_ratio). At 4 GiB
 * (DMA 3,686 managed pages, Normal 219,136, HighMem 557,024):
 *
 *   DMA    protection: (0, 856, 3031)   GFP_KERNEL leaves it 856 pages,
 *                                       GFP_HIGHUSER 3031 (12 MiB)
 *   Normal protection: (0, 0, 17407)    GFP_HIGHUSER leaves it 68 MiB
 *
 * So a machine whose highmem runs out does not hand all of lowmem to
 * user pages, which could live anywhere, and starve the kernel, which
 * can live only there.
 */
const int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA] = 256, [ZONE_NORMAL] = 32, [ZONE_HIGHMEM] = 0,
};

void setup_per_zone_lowmem_reserve(void)
{
	struct zone *zones = contig_page_data.node_zones;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long above = 0;
		int ratio = sysctl_lowmem_reserve_ratio[z];

		for (int c = 0; c <= z; c++)
			zones[z].lowmem_reserve[c] = 0;
		for (int c = z + 1; c < MAX_NR_ZONES; c++) {
			above += zones[c].managed_pages;
			zones[z].lowmem_reserve[c] =
				ratio && zones[z].managed_pages ? above / ratio : 0;
		}
	}
}
