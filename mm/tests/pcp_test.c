// SPDX-License-Identifier: MIT
/*
 * Self-tests of the per-CPU page lists (mm/pcp.c): suite "pcp".
 *
 * The zone under test is the one GFP_KERNEL tries first (Normal; DMA on a
 * 16 MiB machine). Every case starts from drained lists (the init hook
 * calls drain_all_pages()), so the pictures below begin empty:
 *
 *   pcp order 0: []          buddy: [order 10: ...] ...
 *
 * Pages a case holds are linked through page->lru on one list and freed
 * by the exit hook, which also restores anything a case changed and
 * checks every zone with buddy_check_zone() -- the checker walks the
 * per-CPU lists too. The last case compares every zone with the first
 * case's snapshot: no page leaked through the lists.
 */
#include <asm/irqflags.h>
#include <kernel/ktest.h>
#include <kernel/random.h>
#include <kernel/cpumask.h>
#include <kernel/report.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "../buddy.h"
#include "mm_test.h"

static struct buddy_snapshot baseline;
static LIST_HEAD(held);
static unsigned long saved_dma_min;
static bool dma_min_changed;

static struct zone *zone_of(enum zone_type z)
{
	return &contig_page_data.node_zones[z];
}

/* The zone GFP_KERNEL allocations come from first. */
static struct zone *kernel_zone(void)
{
	return zone_of(ZONE_NORMAL)->managed_pages ? zone_of(ZONE_NORMAL) : zone_of(ZONE_DMA);
}

static void hold(struct page *page)
{
	list_add_tail(&page->lru, &held);
}

static void release_all(void)
{
	struct page *p, *n;

	list_for_each_entry_safe(p, n, &held, lru) {
		list_del(&p->lru);
		__free_pages(p, p->private);
	}
}

static struct page *pcp_first(struct zone *zone, unsigned int order)
{
	const struct list_head *l = &this_cpu_ptr(zone->pcp)->lists[order];

	return list_empty(l) ? NULL : list_first_entry(l, struct page, lru);
}

static void pcp_case_init(struct ktest *t)
{
	drain_all_pages();
	if (!this_cpu_ptr(kernel_zone()->pcp)->batch[0])
		ktest_skip(t, "the per-CPU lists are off");
}

static void pcp_case_exit(struct ktest *t)
{
	release_all();
	if (dma_min_changed) {
		zone_of(ZONE_DMA)->watermark[WMARK_MIN] = saved_dma_min;
		dma_min_changed = false;
	}
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
}

/*
 * Hold every page of DMA, its min watermark at 0 (restored by the exit
 * hook): the buddy and per-CPU lists both end up empty.
 */
static void fill_dma(struct ktest *t, struct zone *dma)
{
	struct page *p;

	if (!dma->managed_pages)
		ktest_skip(t, "no DMA zone");
	saved_dma_min = dma->watermark[WMARK_MIN];
	dma_min_changed = true;
	dma->watermark[WMARK_MIN] = 0;
	while ((p = alloc_page(GFP_DMA | __GFP_NOWARN)))
		hold(p);
	drain_zone_pages(dma);
	while ((p = alloc_page(GFP_DMA | __GFP_NOWARN)))
		hold(p);
	KTEST_ASSERT_EQ(t, dma->free_pages, 0);
}

/* --- cases ----------------------------------------------------------------- */

/* Record every zone's counters (drained); the last case compares. */
static void pcp_baseline(struct ktest *t)
{
	buddy_snapshot_take(&baseline);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = zone_of(z);

		KTEST_EXPECT_EQ(t, zone_pcp_pages(zone), 0);
		if (zone->managed_pages) {
			KTEST_EXPECT_GE(t, this_cpu_ptr(zone->pcp)->batch[0], 1);
			KTEST_EXPECT_GE(t, this_cpu_ptr(zone->pcp)->high[0], this_cpu_ptr(zone->pcp)->batch[0]);
		}
	}
}

/*
 * One allocation refills the empty list with a batch, taken from the
 * smallest free blocks first (fragments before whole blocks), each cut
 * lowest address first, and hands out the first page:
 *   before: pcp order 0: []    buddy: smallest free block X, order k
 *   alloc_page -> X            pcp order 0: batch - 1 pages
 * When X's block alone is a batch or more, the list is X+1, X+2, ...
 * free_pages drops by one: the rest of the batch is still free memory.
 */
static void pcp_refill_takes_one_batch(struct ktest *t)
{
	struct zone *zone = kernel_zone();
	unsigned int batch = this_cpu_ptr(zone->pcp)->batch[0], k = 0, i = 1;
	unsigned long free = zone->free_pages;
	struct page *x, *p, *q;

	while (k < MAX_ORDER && !zone->free_area[k].nr_free)
		k++;
	KTEST_ASSERT_TRUE(t, k < MAX_ORDER);
	x = list_first_entry(&zone->free_area[k].free_list, struct page, lru);

	p = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	hold(p);
	KTEST_EXPECT_PTR_EQ(t, p, x);
	KTEST_EXPECT_EQ(t, zone->free_pages, free - 1);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(zone->pcp)->count[0], batch - 1);
	KTEST_EXPECT_EQ(t, zone_pcp_pages(zone), batch - 1);
	list_for_each_entry(q, &this_cpu_ptr(zone->pcp)->lists[0], lru) {
		if ((1U << k) >= batch)
			KTEST_EXPECT_EQ(t, page_to_pfn(q), page_to_pfn(x) + i);
		KTEST_EXPECT_EQ(t, page_count(q), 0);
		KTEST_EXPECT_EQ(t, q->private, 0);
		KTEST_EXPECT_FALSE(t, PageBuddy(q));
		i++;
	}
	KTEST_EXPECT_EQ(t, i, batch);
}

/*
 * A freed page goes on the head of its list, counted free, and the next
 * allocation of that order gets it back:
 *   free X:   pcp order 0: [X ...]   free_pages + 1
 *   alloc:    X again
 */
static void pcp_free_then_alloc_returns_same_page(struct ktest *t)
{
	struct zone *zone = kernel_zone();
	struct page *p, *again;
	unsigned long free;

	p = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	free = zone->free_pages;
	__free_page(p);
	KTEST_EXPECT_EQ(t, zone->free_pages, free + 1);
	KTEST_EXPECT_PTR_EQ(t, pcp_first(zone, 0), p);
	KTEST_EXPECT_EQ(t, page_count(p), 0);
	again = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, again);
	hold(again);
	KTEST_EXPECT_PTR_EQ(t, again, p);
	KTEST_EXPECT_EQ(t, page_count(again), 1);
}

/*
 * Freeing high + batch + 5 pages one by one never leaves more than high
 * on the list: the free that takes the list to high + 1 drains the batch
 * least recently freed (the tail), so the count follows a saw-tooth:
 *   free:  count c -> c + 1                   while c < high
 *          count high -> high + 1 - batch     tail's batch pages to buddy
 * The case replays that rule step by step. A drain cannot be spotted by
 * the count going down: with batch 1 (a zone of under 2,048 pages, 8 MiB:
 * high 4) the count stays at high from one free to the next, and that is
 * a drain at every free.
 */
static void pcp_high_and_batch_respected(struct ktest *t)
{
	struct zone *zone = kernel_zone();
	unsigned int high = this_cpu_ptr(zone->pcp)->high[0], batch = this_cpu_ptr(zone->pcp)->batch[0];
	unsigned int n = high + batch + 5, want = 0, drains = 0;
	struct page *p, *tmp, *oldest;

	for (unsigned int i = 0; i < n; i++) {
		p = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, p);
		hold(p);
	}
	drain_zone_pages(zone);
	list_for_each_entry_safe(p, tmp, &held, lru) {
		const struct list_head *l = &this_cpu_ptr(zone->pcp)->lists[0];
		bool drain = want == high;

		oldest = drain ? list_last_entry(l, struct page, lru) : NULL;
		list_del(&p->lru);
		__free_page(p);
		want = drain ? high + 1 - batch : want + 1;
		drains += drain;
		KTEST_EXPECT_EQ(t, this_cpu_ptr(zone->pcp)->count[0], want);
		KTEST_EXPECT_PTR_EQ(t, pcp_first(zone, 0), p);
		if (oldest) {
			/* the least recently freed page went back to the buddy lists */
			const struct page *q;

			list_for_each_entry(q, l, lru)
				KTEST_EXPECT_FALSE(t, q == oldest);
		}
	}
	KTEST_EXPECT_GE(t, drains, 2);	/* batch + 5 frees past high: two teeth at least */
	KTEST_EXPECT_LE(t, this_cpu_ptr(zone->pcp)->count[0], high);
}

/*
 * Orders 1..3 have their own lists: a free of order k goes on list k,
 * and the block keeps private = k.
 */
static void pcp_small_orders_have_lists(struct ktest *t)
{
	struct zone *zone = kernel_zone();

	for (unsigned int order = 1; order <= PCP_MAX_ORDER; order++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);
		unsigned int before;

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_EQ(t, page_to_pfn(p) & ((1UL << order) - 1), 0);
		before = this_cpu_ptr(zone->pcp)->count[order];
		__free_pages(p, order);
		KTEST_EXPECT_EQ(t, this_cpu_ptr(zone->pcp)->count[order], before + 1);
		KTEST_EXPECT_PTR_EQ(t, pcp_first(zone, order), p);
		KTEST_EXPECT_EQ(t, p->private, order);
	}
	/* order 4 has no list: straight back to the buddy lists */
	KTEST_EXPECT_EQ(t, zone_pcp_pages(zone),
			(unsigned long)this_cpu_ptr(zone->pcp)->count[0] + 2 * this_cpu_ptr(zone->pcp)->count[1] +
			4 * this_cpu_ptr(zone->pcp)->count[2] + 8 * this_cpu_ptr(zone->pcp)->count[3]);
}

/*
 * drain gives every block back and the buddy lists end exactly as they
 * were: the free blocks of a set of free pages are unique.
 *   before (drained): snapshot S
 *   alloc/free orders 0..3 (some lists non-empty), drain
 *   after: lists empty, buddy = S
 */
static void pcp_drain_restores_buddy(struct ktest *t)
{
	struct buddy_snapshot before, after;
	struct zone *zone = kernel_zone();
	struct page *p[4];

	buddy_snapshot_take(&before);
	for (unsigned int order = 0; order <= PCP_MAX_ORDER; order++) {
		p[order] = alloc_pages(GFP_KERNEL, order);
		KTEST_ASSERT_NOT_NULL(t, p[order]);
	}
	for (unsigned int order = 0; order <= PCP_MAX_ORDER; order++)
		__free_pages(p[order], order);
	KTEST_EXPECT_GT(t, zone_pcp_pages(zone), 0);
	KTEST_EXPECT_EQ(t, buddy_check_zone(zone), 0);
	drain_zone_pages(zone);
	KTEST_EXPECT_EQ(t, zone_pcp_pages(zone), 0);
	for (unsigned int order = 0; order < MAX_ORDER; order++)
		KTEST_EXPECT_EQ(t, zone->free_area[order].nr_free,
				before.nr_free[zone - contig_page_data.node_zones][order]);
	buddy_snapshot_take(&after);
	buddy_snapshot_expect_equal(t, &before, &after);
}

/* A page on a per-CPU list is free: freeing it again is a double free. */
static void pcp_double_free_reported(struct ktest *t)
{
	struct zone *zone = kernel_zone();
	struct page *p = alloc_page(GFP_KERNEL);
	unsigned int count;
	unsigned long free;

	KTEST_ASSERT_NOT_NULL(t, p);
	__free_page(p);
	count = this_cpu_ptr(zone->pcp)->count[0];
	free = zone->free_pages;
	KTEST_EXPECT_REPORT(t, __free_page(p), "Bad page state", "page is already free");
	KTEST_EXPECT_EQ(t, this_cpu_ptr(zone->pcp)->count[0], count);
	KTEST_EXPECT_EQ(t, zone->free_pages, free);
}

static void free_page_here(void *page)
{
	__free_page(page);
}

/*
 * A page freed on another CPU sits on that CPU's list, out of this one's
 * sight; freeing it again here is still a double free, named as one (the
 * report asks every CPU to look at its own lists), and changes nothing:
 *   CPU B: __free_page(p)    B's pcp order 0: [p ...]
 *   CPU A: __free_page(p)    "Bad page state: page is already free"
 * (A regression test: the report looked at this CPU's lists only and
 * called it a "refcount underflow".)
 */
static void pcp_double_free_on_other_cpu_reported(struct ktest *t)
{
	struct zone *zone = kernel_zone();
	unsigned int cpu, other = NR_CPUS;
	struct page *p;
	unsigned long free;

	for_each_online_cpu(cpu)
		if (cpu != (unsigned int)smp_processor_id() && other == NR_CPUS)
			other = cpu;
	if (other == NR_CPUS)
		ktest_skip(t, "needs 2 online CPUs");
	p = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	smp_call_function_many(cpumask_of(other), free_page_here, p, true, IPI_CALL_FUNCTION);
	KTEST_EXPECT_EQ(t, page_count(p), 0);
	free = zone->free_pages;
	KTEST_EXPECT_REPORT(t, __free_page(p), "Bad page state", "page is already free");
	KTEST_EXPECT_EQ(t, zone->free_pages, free);
}

/*
 * The buddy lists have no block of the order asked for, but the per-CPU
 * lists hold its pieces: the allocation drains the zone and gets the
 * merged block. DMA with its min watermark at 0, filled page by page,
 * then the two halves of one order-1 block freed:
 *   pcp order 0: [B+1 B]   buddy: nothing
 *   alloc_pages(GFP_DMA, 1) -> drain -> buddy [order 1: B] -> B
 */
static void pcp_refill_failure_drains_and_retries(struct ktest *t)
{
	struct zone *dma = zone_of(ZONE_DMA);
	struct page *p, *tmp, *b = NULL, *got;

	fill_dma(t, dma);
	/* find a held even page whose odd buddy is held too */
	list_for_each_entry(p, &held, lru) {
		struct page *q;

		if (page_to_pfn(p) & 1)
			continue;
		/* its buddy must be ours too, not a kernel page (a task's stack,
		 * a slab) that happens to have a count of 1 */
		list_for_each_entry(q, &held, lru) {
			if (q == p + 1) {
				b = p;
				break;
			}
		}
		if (b)
			break;
	}
	KTEST_ASSERT_NOT_NULL(t, b);
	list_for_each_entry_safe(p, tmp, &held, lru) {
		if (p == b || p == b + 1) {
			list_del(&p->lru);
			__free_page(p);
		}
	}
	KTEST_EXPECT_EQ(t, this_cpu_ptr(dma->pcp)->count[0], 2);
	KTEST_EXPECT_EQ(t, dma->free_pages, 2);
	got = alloc_pages(GFP_DMA | __GFP_NOWARN, 1);
	KTEST_ASSERT_NOT_NULL(t, got);
	hold(got);
	KTEST_EXPECT_PTR_EQ(t, got, b);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(dma->pcp)->count[0], 0);
	KTEST_EXPECT_EQ(t, dma->free_pages, 0);
}

/*
 * The same with the two halves on another CPU's list: this CPU cannot
 * drain that list itself, so a GFP_ATOMIC allocation (which may not wait
 * for the other CPU) fails, and a blocking one has the other CPU drain
 * its lists by IPI and gets the merged block (Linux drains every CPU's
 * lists on the way to direct reclaim, which only blocking callers take).
 * DMA filled, min 0:
 *   CPU B: free B+1, B     B's pcp order 0: [B B+1]   buddy: nothing
 *   CPU A: alloc_pages(GFP_ATOMIC | GFP_DMA, 1), (GFP_DMA, 1) -> NULL
 *          alloc_pages(GFP_KERNEL | GFP_DMA, 1) -> fails here -> B drains -> B
 */
static void pcp_other_cpu_lists_drained_for_blocking_alloc(struct ktest *t)
{
	struct zone *dma = zone_of(ZONE_DMA);
	struct page *p, *tmp, *b = NULL, *got;
	unsigned int cpu, other = NR_CPUS;

	for_each_online_cpu(cpu)
		if (cpu != (unsigned int)smp_processor_id() && other == NR_CPUS)
			other = cpu;
	if (other == NR_CPUS)
		ktest_skip(t, "needs 2 online CPUs");
	fill_dma(t, dma);
	list_for_each_entry(p, &held, lru) {	/* a held even page whose buddy is held too */
		struct page *q;

		if (page_to_pfn(p) & 1)
			continue;
		list_for_each_entry(q, &held, lru)
			if (q == p + 1)
				b = p;
		if (b)
			break;
	}
	KTEST_ASSERT_NOT_NULL(t, b);
	list_for_each_entry_safe(p, tmp, &held, lru) {
		if (p == b || p == b + 1) {
			list_del(&p->lru);
			smp_call_function_many(cpumask_of(other), free_page_here, p, true,
					       IPI_CALL_FUNCTION);
		}
	}
	KTEST_EXPECT_EQ(t, per_cpu_ptr(dma->pcp, other)->count[0], 2);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(dma->pcp)->count[0], 0);
	KTEST_EXPECT_EQ(t, dma->free_pages, 2);
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_ATOMIC | GFP_DMA | __GFP_NOWARN, 1));
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_DMA | __GFP_NOWARN, 1));	/* GFP_DMA alone: no blocking */
	got = alloc_pages(GFP_KERNEL | GFP_DMA | __GFP_NOWARN, 1);
	KTEST_ASSERT_NOT_NULL(t, got);
	hold(got);
	KTEST_EXPECT_PTR_EQ(t, got, b);
	KTEST_EXPECT_EQ(t, per_cpu_ptr(dma->pcp, other)->count[0], 0);
	KTEST_EXPECT_EQ(t, dma->free_pages, 0);
}

/*
 * The same above the per-CPU orders (a regression test: order > 3 used
 * to go to the buddy lists alone and fail while the pieces of the block
 * sat on the per-CPU lists). DMA filled, then the 16 pages of one
 * aligned order-4 block freed one by one:
 *   pcp order 0: [some of B..B+15]   buddy: [the rest, partly merged]
 *   alloc_pages(GFP_DMA, 4) -> buddy_alloc fails -> drain -> B
 */
static void pcp_large_order_drains_and_retries(struct ktest *t)
{
	struct zone *dma = zone_of(ZONE_DMA);
	struct page *p, *tmp, *b = NULL, *got;

	fill_dma(t, dma);
	/* a held page at a multiple of 16 whose 15 followers are held too */
	list_for_each_entry(p, &held, lru) {
		unsigned long pfn = page_to_pfn(p);
		int i;

		if (pfn & 15)
			continue;
		for (i = 1; i < 16; i++)
			if (page_count(p + i) != 1 || page_zone(p + i) != dma || PageReserved(p + i))
				break;
		if (i == 16) {
			b = p;
			break;
		}
	}
	KTEST_ASSERT_NOT_NULL(t, b);
	list_for_each_entry_safe(p, tmp, &held, lru) {
		if (p >= b && p < b + 16) {
			list_del(&p->lru);
			__free_page(p);
		}
	}
	KTEST_EXPECT_EQ(t, dma->free_pages, 16);
	KTEST_ASSERT_GE(t, this_cpu_ptr(dma->pcp)->count[0], 1);	/* some pieces parked there */
	got = alloc_pages(GFP_DMA | __GFP_NOWARN, 4);
	KTEST_ASSERT_NOT_NULL(t, got);
	hold(got);
	KTEST_EXPECT_PTR_EQ(t, got, b);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(dma->pcp)->count[0], 0);
	KTEST_EXPECT_EQ(t, dma->free_pages, 0);
}

/*
 * Random orders 0..4 in every zone's GFP flags, held and freed in a
 * shuffled order (seeded: the same each boot): the per-CPU lists fill,
 * refill and drain; afterwards free_pages is back without draining, and
 * after draining the buddy lists are back too.
 */
static void pcp_random_alloc_free_nothing_leaks(struct ktest *t)
{
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_HIGHUSER, GFP_DMA };
	static struct page *pages[600];
	unsigned long free[MAX_NR_ZONES];
	struct buddy_snapshot before, after;
	struct rnd_state rnd;
	unsigned int n = 0;

	buddy_snapshot_take(&before);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		free[z] = zone_of(z)->free_pages;
	prandom_seed_state(&rnd, 0x9c9);
	for (unsigned int round = 0; round < 4; round++) {
		while (n < ARRAY_SIZE(pages)) {
			unsigned int order = prandom_u32_below(&rnd, 5);
			struct page *p = alloc_pages(gfps[prandom_u32_below(&rnd, 3)] | __GFP_NOWARN,
						     order);

			if (!p)
				break;
			pages[n++] = p;
		}
		/* free a random half */
		for (unsigned int k = n / 2; k > 0 && n; k--) {
			unsigned int i = prandom_u32_below(&rnd, n);

			__free_pages(pages[i], pages[i]->private);
			pages[i] = pages[--n];
		}
		KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
	}
	while (n)
		__free_pages(pages[n - 1], pages[n - 1]->private), n--;
	for (int z = 0; z < MAX_NR_ZONES; z++)
		KTEST_EXPECT_EQ(t, zone_of(z)->free_pages, free[z]);
	buddy_snapshot_take(&after);
	buddy_snapshot_expect_equal(t, &before, &after);
}

/* after all cases: every zone's counters and lists equal the baseline */
static void pcp_nothing_leaked(struct ktest *t)
{
	struct buddy_snapshot now;

	buddy_snapshot_take(&now);
	buddy_snapshot_expect_equal(t, &baseline, &now);
}

/*
 * Every allocator fast path and slow path leaves the interrupt flag as it
 * found it: on when the caller had interrupts on (the sections end with
 * local_irq_restore(), not local_irq_enable()), off when it had them off.
 * On the host the flag is tests/host's simulated one.
 */
static void pcp_alloc_paths_keep_the_interrupt_flag(struct ktest *t)
{
	unsigned long before[MAX_NR_ZONES], flags;
	struct page *p, *q, *big;
	void *o;

	zone_free_snapshot(before);
	local_irq_save(flags);
	for (int on = 0; on < 2; on++) {
		/* with interrupts off a blocking gfp is misuse (might_sleep()):
		 * GFP_NOWAIT takes the same paths without it */
		gfp_t gfp = on ? GFP_KERNEL : GFP_NOWAIT;

		if (on)
			local_irq_enable();
		p = alloc_page(gfp);			/* fast path */
		q = alloc_page(GFP_ATOMIC);		/* slow path, pcp pop */
		big = alloc_pages(gfp, 4);		/* buddy lists, zone->lock */
		o = kmalloc(64, gfp);
		KTEST_EXPECT_EQ(t, irqs_disabled(), !on);
		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_ASSERT_NOT_NULL(t, q);
		KTEST_ASSERT_NOT_NULL(t, big);
		KTEST_ASSERT_NOT_NULL(t, o);
		kfree(o);
		__free_pages(big, 4);
		__free_page(q);
		__free_page(p);
		if (on)
			drain_all_pages();
		else
			drain_local_pages(NULL);	/* drain_all_pages() waits for other CPUs: interrupts on */
		KTEST_EXPECT_EQ(t, irqs_disabled(), !on);
		local_irq_disable();
	}
	local_irq_restore(flags);
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

static const struct ktest_case pcp_cases[] = {
	KTEST_CASE(pcp_baseline),
	KTEST_CASE(pcp_refill_takes_one_batch),
	KTEST_CASE(pcp_free_then_alloc_returns_same_page),
	KTEST_CASE(pcp_high_and_batch_respected),
	KTEST_CASE(pcp_small_orders_have_lists),
	KTEST_CASE(pcp_drain_restores_buddy),
	KTEST_CASE(pcp_double_free_reported),
	KTEST_CASE(pcp_double_free_on_other_cpu_reported),
	KTEST_CASE(pcp_refill_failure_drains_and_retries),
	KTEST_CASE(pcp_other_cpu_lists_drained_for_blocking_alloc),
	KTEST_CASE(pcp_large_order_drains_and_retries),
	KTEST_CASE(pcp_random_alloc_free_nothing_leaks),
	KTEST_CASE(pcp_alloc_paths_keep_the_interrupt_flag),
	KTEST_CASE(pcp_nothing_leaked),
	{}
};
KTEST_SUITE(pcp) = {
	.name = "pcp", .cases = pcp_cases, .init = pcp_case_init, .exit = pcp_case_exit,
};
