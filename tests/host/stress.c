// SPDX-License-Identifier: MIT
/*
 * The randomized allocator driver: long random sequences of
 * alloc_pages/__free_pages at random orders, GFP zones and flags,
 * get_page/put_page, and draining everything, on a machine whose zones
 * have odd edges and a reserved hole:
 *
 *   pfn 0      1          700            1500  1540          2600         4096
 *       | res |   DMA     |    Normal     | res |   Normal    |  HighMem   |
 *
 * The driver keeps its own record of what it holds (live[] and an owner
 * byte per pfn) and checks the allocator against it:
 *
 *   after every step (cheap):  per zone, free_pages + pages held = managed
 *   every check_every steps:   buddy_check_zone() of every zone (lists vs
 *                              counters, alignment, no unmerged buddies, no
 *                              stray PG_buddy); no free block overlaps a
 *                              held one; free + held pages = managed, so
 *                              every page is accounted exactly once
 *   on each allocation:        zone allowed by the GFP flags, aligned,
 *                              refcount 1, no page already held (handed
 *                              out twice), zeroed if __GFP_ZERO
 *   on each free:              the stamp written at allocation is intact
 *
 * Everything follows from the 32-bit words fed to stress_op(), from a
 * seeded xorshift generator or from the fuzzer, so a failure is
 * reproduced by its seed and step count.
 */
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mm.h>

#include "buddy.h"
#include "ht.h"
#include "machine.h"
#include "stress.h"

#define DMA_END		700
#define HOLE_START	1500
#define HOLE_END	1540
#define NORMAL_END	2600
#define MAX_PFN		4096
#define MAX_LIVE	2048

struct held {
	struct page *page;
	unsigned int order;
	u32 stamp;
};

static struct held live[MAX_LIVE];
static unsigned int nlive;
static u8 owner[MAX_PFN];		/* 1: held by the driver */
static unsigned long held_in_zone[MAX_NR_ZONES];
static u32 next_stamp = 1;
static unsigned long reports_before;

static struct zone *zone(int z)
{
	return &NODE_DATA(0)->node_zones[z];
}

#define fail(fmt, ...) ({ ht_printf("stress: " fmt "\n", ##__VA_ARGS__); -1; })

void stress_setup(void)
{
	machine_tiny(DMA_END, NORMAL_END, MAX_PFN);
	machine_free_range(1, HOLE_START);
	machine_free_range(HOLE_END, MAX_PFN);
	zone(ZONE_DMA)->watermark[WMARK_MIN] = 4;
	zone(ZONE_NORMAL)->watermark[WMARK_MIN] = 16;
	zone(ZONE_HIGHMEM)->watermark[WMARK_MIN] = 8;
	nlive = 0;
	memset(owner, 0, sizeof(owner));
	memset(held_in_zone, 0, sizeof(held_in_zone));
	reports_before = report_state.total;
}

static u32 *stamp_of(struct page *page)
{
	return __va(page_to_phys(page));	/* highmem too: the arena holds it */
}

static const gfp_t gfps[8] = {
	GFP_KERNEL, GFP_KERNEL, GFP_HIGHUSER, GFP_HIGHUSER,
	GFP_ATOMIC, GFP_DMA, GFP_USER, GFP_KERNEL | __GFP_HIGHMEM,
};

static int do_alloc(u32 r, unsigned int order)
{
	gfp_t gfp = gfps[(r >> 8) & 7] | __GFP_NOWARN;
	unsigned long pfn, nr = 1UL << order;
	struct page *page;

	if (nlive == MAX_LIVE)
		return 0;
	if (r & (1u << 11))
		gfp |= __GFP_ZERO;
	if ((r & (1u << 12)) && order)
		gfp |= __GFP_COMP;
	if (gfp & __GFP_ZERO)
		memset(__va(0), 0x3c, 4);	/* keep pfn 0 dirty as a canary */
	page = alloc_pages(gfp, order);
	if (!page)
		return 0;
	pfn = page_to_pfn(page);
	if (pfn >= MAX_PFN || pfn + nr > MAX_PFN)
		return fail("alloc order %u returned pfn %#lx outside the machine", order, pfn);
	if (page_zonenum(page) > gfp_zone(gfp))
		return fail("alloc gfp %#x got a %s page (pfn %#lx)", gfp,
			    zone_names[page_zonenum(page)], pfn);
	if (pfn & (nr - 1))
		return fail("alloc order %u returned unaligned pfn %#lx", order, pfn);
	if (page_count(page) != 1)
		return fail("alloc returned pfn %#lx with refcount %d", pfn, page_count(page));
	for (unsigned long i = 0; i < nr; i++) {
		if (owner[pfn + i])
			return fail("pfn %#lx handed out twice (order %u block at %#lx)",
				    pfn + i, order, pfn);
		if (page_zonenum(page + i) != page_zonenum(page))
			return fail("order %u block at %#lx crosses a zone edge", order, pfn);
		owner[pfn + i] = 1;
	}
	if ((gfp & __GFP_ZERO) && memchr_inv(stamp_of(page), 0, nr << PAGE_SHIFT))
		return fail("__GFP_ZERO block at pfn %#lx is not zero", pfn);
	held_in_zone[page_zonenum(page)] += nr;
	live[nlive++] = (struct held){ page, order, next_stamp };
	*stamp_of(page) = next_stamp++;
	return 0;
}

static int do_free(unsigned int i)
{
	struct held h = live[i];
	unsigned long pfn = page_to_pfn(h.page), nr = 1UL << h.order;

	if (*stamp_of(h.page) != h.stamp)
		return fail("held block at pfn %#lx was overwritten (stamp %#x, want %#x)",
			    pfn, *stamp_of(h.page), h.stamp);
	live[i] = live[--nlive];
	for (unsigned long k = 0; k < nr; k++)
		owner[pfn + k] = 0;
	held_in_zone[page_zonenum(h.page)] -= nr;
	if (PageHead(h.page) && (h.stamp & 1))
		put_page(h.page + nr - 1);	/* through a tail page */
	else
		__free_pages(h.page, h.order);
	return 0;
}

static int check_counters(void)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (zone(z)->free_pages + held_in_zone[z] != zone(z)->managed_pages)
			return fail("zone %s: free_pages %lu + held %lu != managed %lu",
				    zone_names[z], zone(z)->free_pages, held_in_zone[z],
				    zone(z)->managed_pages);
	if (report_state.total != reports_before)
		return fail("the allocator reported misuse (BUG: line on the console) "
			    "although every call was correct");
	return 0;
}

int stress_op(unsigned int r)
{
	unsigned int op = r & 15;
	int ret = 0;

	if (op <= 6) {
		/* orders: mostly small, now and then up to MAX_ORDER - 1 */
		static const u8 orders[8] = { 0, 0, 0, 1, 1, 2, 3, 0xff };
		unsigned int order = orders[(r >> 4) & 7];

		if (order == 0xff)
			order = (r >> 13) % MAX_ORDER;
		ret = do_alloc(r, order);
	} else if (op <= 12) {
		if (nlive)
			ret = do_free((r >> 4) % nlive);
	} else if (op == 13) {
		if (nlive) {
			struct held *h = &live[(r >> 4) % nlive];

			get_page(h->page);
			if (page_count(h->page) != 2)
				ret = fail("get_page: refcount %d, want 2", page_count(h->page));
			/* a compound block through a tail page, others as allocated */
			if (PageHead(h->page))
				put_page(h->page + 1);
			else
				__free_pages(h->page, h->order);
			if (!ret && page_count(h->page) != 1)
				ret = fail("put_page: refcount %d, want 1", page_count(h->page));
		}
	} else if (op == 14) {
		if (((r >> 4) & 63) == 0)
			ret = stress_drain();
	} else {
		ret = do_alloc(r, MAX_ORDER - 1 - ((r >> 4) & 3));
	}
	return ret ? ret : check_counters();
}

int stress_check(void)
{
	unsigned long free = 0, held = 0, managed = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zn = zone(z);

		if (buddy_check_zone(zn))
			return fail("buddy_check_zone(%s) failed (see the console)", zn->name);
		for (unsigned int k = 0; k < MAX_ORDER; k++) {
			struct page *p;

			list_for_each_entry(p, &zn->free_area[k].free_list, lru) {
				unsigned long pfn = page_to_pfn(p);

				for (unsigned long i = 0; i < (1UL << k); i++)
					if (owner[pfn + i])
						return fail("free order %u block at %#lx overlaps held pfn %#lx",
							    k, pfn, pfn + i);
				free += 1UL << k;
			}
		}
		managed += zn->managed_pages;
	}
	for (unsigned long pfn = 0; pfn < MAX_PFN; pfn++)
		held += owner[pfn];
	if (free + held != managed)
		return fail("pages: %lu free + %lu held != %lu managed", free, held, managed);
	if (managed != (HOLE_START - 1) + (MAX_PFN - HOLE_END))
		return fail("managed pages %lu, want %u", managed,
			    (HOLE_START - 1) + (MAX_PFN - HOLE_END));
	return check_counters();
}

int stress_drain(void)
{
	while (nlive)
		if (do_free(nlive - 1))
			return -1;
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (zone(z)->free_pages != zone(z)->managed_pages)
			return fail("after freeing everything zone %s has %lu of %lu pages free",
				    zone_names[z], zone(z)->free_pages, zone(z)->managed_pages);
	return 0;
}

/* xorshift64*: small, fast, the same sequence everywhere */
static u32 next_random(u64 *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return (u32)((*s * 0x2545F4914F6CDD1DULL) >> 32);
}

unsigned long stress_run(unsigned long long seed, unsigned long steps, unsigned long check_every)
{
	u64 s = seed * 0x9E3779B97F4A7C15ULL + 1;

	stress_setup();
	for (unsigned long step = 1; step <= steps; step++) {
		if (stress_op(next_random(&s)))
			return step;
		if ((check_every && step % check_every == 0) || step == steps)
			if (stress_check())
				return step;
	}
	return 0;
}

/* The bounded run `make -C tests/host` does (a few seconds under ASan). */
HT_TEST(stress_random_alloc_free_bounded)
{
	static const unsigned long long seeds[] = { 1, 2, 3 };

	for (unsigned int i = 0; i < ARRAY_SIZE(seeds); i++) {
		unsigned long bad = stress_run(seeds[i], 60000, 50);

		if (bad) {
			ht_fail(__FILE__, __LINE__, "stress seed %llu failed by step %lu; shrink and "
				"reproduce: make -C tests/host stress SEED=%llu STRESS_STEPS=%lu",
				seeds[i], bad, seeds[i], bad);
			return;
		}
		EXPECT_EQ(stress_drain(), 0);
		EXPECT_EQ(stress_check(), 0);
	}
}
