// SPDX-License-Identifier: MIT
/*
 * The randomized allocator driver: long random sequences of
 * alloc_pages/__free_pages at random orders, GFP zones and flags,
 * get_page/put_page, kmalloc/kfree/krealloc of random sizes (slab classes
 * and whole pages), kmem_cache create/alloc/free/destroy with random sizes,
 * alignments and debug flags, and draining everything, on a machine whose
 * zones have odd edges and a reserved hole:
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
 *                              (for slab objects: every byte of the object,
 *                              so two objects that overlap are caught)
 *   slab accounting:           free pages + held pages + PG_slab pages +
 *                              kmalloc'd large pages = managed
 *
 * Everything follows from the 32-bit words fed to stress_op(), from a
 * seeded xorshift generator or from the fuzzer, so a failure is
 * reproduced by its seed and step count.
 */
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>

#include "buddy.h"
#include "tests/mm_test.h"
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

/* A kmalloc()ed or kmem_cache_alloc()ed object, filled with its byte. */
struct held_obj {
	u8 *p;
	unsigned int size;
	u8 fill;
	signed char cache;	/* index in caches[], or -1 for kmalloc */
};
#define MAX_OBJS	4096
#define MAX_CACHES	4

static struct held_obj objs[MAX_OBJS];
static unsigned int nobjs;
static struct kmem_cache *caches[MAX_CACHES];
static unsigned int cache_objs[MAX_CACHES];
static unsigned int cache_size[MAX_CACHES];
static char cache_name[MAX_CACHES][16];
static unsigned long large_pages;	/* held through kmalloc > 8 KiB */

static struct held live[MAX_LIVE];
static unsigned int nlive;
static u8 owner[MAX_PFN];		/* 1: held by the driver */
static unsigned long held_in_zone[MAX_NR_ZONES];
static u32 next_stamp = 1;
/* What the run did, for the summary line. */
static struct {
	unsigned long pages, pages_failed, frees, objs, objs_failed, kfrees, reallocs;
	unsigned long caches_created, caches_destroyed, drains;
} done_ops;
static unsigned long reports_before;

static struct zone *zone(int z)
{
	return &NODE_DATA(0)->node_zones[z];
}

#define fail(fmt, ...) ({ ht_printf("stress: " fmt "\n", ##__VA_ARGS__); -1; })

void stress_setup(void)
{
	static bool done;

	if (done)
		return;		/* slab's caches live on: one machine per process */
	done = true;
	machine_tiny(DMA_END, NORMAL_END, MAX_PFN);
	machine_free_range(1, HOLE_START);
	machine_free_range(HOLE_END, MAX_PFN);
	zone(ZONE_DMA)->watermark[WMARK_MIN] = 4;
	zone(ZONE_NORMAL)->watermark[WMARK_MIN] = 16;
	zone(ZONE_HIGHMEM)->watermark[WMARK_MIN] = 8;
	nlive = 0;
	memset(owner, 0, sizeof(owner));
	memset(held_in_zone, 0, sizeof(held_in_zone));
	kmem_cache_init();
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
	if (!page) {
		done_ops.pages_failed++;
		return 0;
	}
	done_ops.pages++;
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
	done_ops.frees++;
	for (unsigned long k = 0; k < nr; k++)
		owner[pfn + k] = 0;
	held_in_zone[page_zonenum(h.page)] -= nr;
	if (PageHead(h.page) && (h.stamp & 1))
		put_page(h.page + nr - 1);	/* through a tail page */
	else
		__free_pages(h.page, h.order);
	return 0;
}


/* --- slab objects ------------------------------------------------------------- */

static unsigned int random_size(u32 r)
{
	switch ((r >> 5) & 7) {
	case 0: case 1: case 2:	return 1 + ((r >> 8) & 63);		/* small */
	case 3: case 4:		return 1 + ((r >> 8) & 511);
	case 5:			return 1 + ((r >> 8) & 8191);		/* up to the largest class */
	case 6:			return 1 + ((r >> 8) & 0x7fff);	/* large: whole pages */
	default:		return 0;				/* ZERO_SIZE_PTR */
	}
}

/* Pages a kmalloc() block holds outside the slabs (a large one), else 0. */
static unsigned long large_pages_of(const void *p)
{
	size_t n = ksize(p);

	return n > KMALLOC_MAX_CACHE_SIZE ? n >> PAGE_SHIFT : 0;
}

static int fill_object(struct held_obj *o)
{
	memset(o->p, o->fill, o->size);
	return 0;
}

static int check_object(const struct held_obj *o)
{
	u8 *bad = memchr_inv(o->p, o->fill, o->size);

	if (bad)
		return fail("object %p (%u bytes, %s) byte %d is %#x, want %#x: overwritten "
			    "(overlapping objects?)", o->p, o->size,
			    o->cache < 0 ? "kmalloc" : cache_name[(int)o->cache],
			    (int)(bad - o->p), *bad, o->fill);
	return 0;
}

static int remember_object(u8 *p, unsigned int size, int cache, u32 r)
{
	struct held_obj *o = &objs[nobjs++];

	*o = (struct held_obj){ p, size, (u8)(r >> 24) | 1, (signed char)cache };
	if (cache < 0)
		large_pages += large_pages_of(p);
	if (cache >= 0)
		cache_objs[cache]++;
	return fill_object(o);
}

static int forget_object(unsigned int i)
{
	struct held_obj o = objs[i];

	if (check_object(&o))
		return -1;
	objs[i] = objs[--nobjs];
	done_ops.kfrees++;
	if (o.cache < 0) {
		large_pages -= large_pages_of(o.p);
		kfree(o.p);
	} else {
		cache_objs[(int)o.cache]--;
		kmem_cache_free(caches[(int)o.cache], o.p);
	}
	return 0;
}

static int do_kmalloc(u32 r)
{
	unsigned int size = random_size(r);
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN | ((r & (1u << 4)) ? __GFP_ZERO : 0);
	u8 *p;

	if (nobjs == MAX_OBJS)
		return 0;
	p = kmalloc(size, gfp);
	if (!size)
		return p == ZERO_SIZE_PTR ? 0 : fail("kmalloc(0) = %p, want ZERO_SIZE_PTR", p);
	if (!p) {
		done_ops.objs_failed++;
		return 0;
	}
	done_ops.objs++;
	if (!virt_addr_valid(p))
		return fail("kmalloc(%u) = %p: not in the direct map", size, p);
	if (ksize(p) < size)
		return fail("kmalloc(%u): ksize %zu", size, ksize(p));
	if ((gfp & __GFP_ZERO) && memchr_inv(p, 0, size))
		return fail("kzalloc(%u) = %p is not zeroed", size, p);
	if (size > KMALLOC_MAX_CACHE_SIZE && ((unsigned long)p & (PAGE_SIZE - 1)))
		return fail("large kmalloc(%u) = %p is not page aligned", size, p);
	if (size <= KMALLOC_MAX_CACHE_SIZE && !((size - 1) & size) &&
	    ((unsigned long)p & (size - 1)))
		return fail("kmalloc(%u) = %p is not aligned to its size", size, p);
	return remember_object(p, size, -1, r);
}

static int do_krealloc(u32 r)
{
	struct held_obj *o;
	unsigned int size = random_size(r >> 3) | 1;
	unsigned long old_large;
	u8 *p;

	if (!nobjs)
		return 0;
	o = &objs[(r >> 16) % nobjs];
	if (o->cache >= 0)
		return 0;
	if (check_object(o))
		return -1;
	old_large = large_pages_of(o->p);
	p = krealloc(o->p, size, GFP_KERNEL | __GFP_NOWARN);
	if (!p)
		return 0;	/* o->p is still allocated, unchanged */
	if (memchr_inv(p, o->fill, min(size, o->size)))
		return fail("krealloc(%u -> %u) lost the contents", o->size, size);
	large_pages += large_pages_of(p) - old_large;
	done_ops.reallocs++;
	o->p = p;
	o->size = size;
	return fill_object(o);
}

static int do_cache_op(u32 r)
{
	unsigned int c = (r >> 5) % MAX_CACHES;

	if (!caches[c]) {
		static const unsigned int aligns[4] = { 0, 8, 64, 256 };
		static const unsigned int flags[4] = { 0, SLAB_NO_DEBUG, SLAB_HWCACHE_ALIGN,
						       SLAB_POISON | SLAB_RED_ZONE };
		unsigned int size = 1 + ((r >> 8) % 3000);

		snprintf(cache_name[c], sizeof(cache_name[c]), "stress-%u", c);
		caches[c] = kmem_cache_create(cache_name[c], size, aligns[(r >> 20) & 3],
					      flags[(r >> 22) & 3], NULL);
		if (!caches[c])
			return 0;
		done_ops.caches_created++;
		cache_size[c] = size;
		return 0;
	}
	if (((r >> 8) & 15) == 0) {
		/* destroy: free its objects first (destroying a busy cache is misuse) */
		for (unsigned int i = nobjs; i-- > 0;)
			if (objs[i].cache == (signed char)c && forget_object(i))
				return -1;
		kmem_cache_destroy(caches[c]);
		caches[c] = NULL;
		done_ops.caches_destroyed++;
		return 0;
	}
	if (nobjs < MAX_OBJS && (r & (1u << 12))) {
		gfp_t gfp = GFP_KERNEL | __GFP_NOWARN | ((r & (1u << 13)) ? __GFP_ZERO : 0);
		u8 *p = kmem_cache_alloc(caches[c], gfp);

		if (!p) {
			done_ops.objs_failed++;
			return 0;
		}
		done_ops.objs++;
		if ((gfp & __GFP_ZERO) && memchr_inv(p, 0, cache_size[c]))
			return fail("kmem_cache_zalloc(%s) not zeroed", cache_name[c]);
		return remember_object(p, cache_size[c], (int)c, r);
	}
	for (unsigned int i = 0; i < nobjs; i++)
		if (objs[i].cache == (signed char)c)
			return forget_object(i);
	return 0;
}

static int check_counters(void)
{
	/* slab and large kmalloc pages are held too, by the slab layer */
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (zone(z)->free_pages + held_in_zone[z] > zone(z)->managed_pages)
			return fail("zone %s: free_pages %lu + held %lu > managed %lu",
				    zone_names[z], zone(z)->free_pages, held_in_zone[z],
				    zone(z)->managed_pages);
	if (zone(ZONE_HIGHMEM)->free_pages + held_in_zone[ZONE_HIGHMEM] !=
	    zone(ZONE_HIGHMEM)->managed_pages)
		return fail("HighMem: free_pages %lu + held %lu != managed %lu (slab is lowmem)",
			    zone(ZONE_HIGHMEM)->free_pages, held_in_zone[ZONE_HIGHMEM],
			    zone(ZONE_HIGHMEM)->managed_pages);
	if (report_state.total != reports_before)
		return fail("the allocator reported misuse (BUG: line on the console) "
			    "although every call was correct");
	return 0;
}

/*
 * r & 31 picks the operation: 0-6 alloc_pages, 7-12 __free_pages, 13
 * get_page/put_page, 14 drain now and then, 15 a large block, 16-20
 * kmalloc, 21-25 kfree, 26 krealloc, 27-31 a kmem_cache operation.
 */
int stress_op(unsigned int r)
{
	unsigned int op = r & 31;
	int ret = 0;

	r = (r & ~31u) | ((r & 31u) >> 1);	/* the bits above op stay random */
	if (op <= 6) {
		/* orders: mostly small, now and then up to MAX_ORDER - 1 */
		static const u8 orders[8] = { 0, 0, 0, 1, 1, 2, 3, 0xff };
		unsigned int order = orders[(r >> 5) & 7];

		if (order == 0xff)
			order = (r >> 13) % MAX_ORDER;
		ret = do_alloc(r, order);
	} else if (op <= 12) {
		if (nlive)
			ret = do_free((r >> 5) % nlive);
	} else if (op == 13) {
		if (nlive) {
			struct held *h = &live[(r >> 5) % nlive];

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
		if (((r >> 5) & 63) == 0)
			ret = stress_drain();
	} else if (op == 15) {
		ret = do_alloc(r, MAX_ORDER - 1 - ((r >> 5) & 3));
	} else if (op <= 20) {
		ret = do_kmalloc(r);
	} else if (op <= 25) {
		for (unsigned int tries = 0; nobjs && tries < 4; tries++) {
			unsigned int i = (r >> 5) % nobjs;

			if (objs[i].cache < 0 || tries == 3) {
				ret = forget_object(i);
				break;
			}
			r = r * 2654435761u + 1;
		}
	} else if (op == 26) {
		ret = do_krealloc(r);
	} else {
		ret = do_cache_op(r);
	}
	return ret ? ret : check_counters();
}

int stress_check(void)
{
	unsigned long free = 0, held = 0, managed = 0, slab = 0;

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
	for (unsigned long pfn = 0; pfn < MAX_PFN; pfn++) {
		const struct page *p = pfn_to_page(pfn);

		held += owner[pfn];
		if (PageSlab(p))
			slab += 1UL << p->private;
	}
	for (unsigned int i = 0; i < nobjs; i++)
		if (check_object(&objs[i]))
			return -1;
	if (free + held + slab + large_pages != managed)
		return fail("pages: %lu free + %lu held + %lu in slabs + %lu large kmalloc != "
			    "%lu managed", free, held, slab, large_pages, managed);
	if (managed != (HOLE_START - 1) + (MAX_PFN - HOLE_END))
		return fail("managed pages %lu, want %u", managed,
			    (HOLE_START - 1) + (MAX_PFN - HOLE_END));
	return check_counters();
}

void stress_print_summary(void)
{
	ht_printf("stress: %lu page blocks allocated (%lu refused), %lu freed; %lu objects "
		  "(%lu refused), %lu freed, %lu krealloc; %lu caches created, %lu destroyed; "
		  "%lu drains\n", done_ops.pages, done_ops.pages_failed, done_ops.frees,
		  done_ops.objs, done_ops.objs_failed, done_ops.kfrees, done_ops.reallocs,
		  done_ops.caches_created, done_ops.caches_destroyed, done_ops.drains);
}

int stress_drain(void)
{
	done_ops.drains++;
	while (nlive)
		if (do_free(nlive - 1))
			return -1;
	while (nobjs)
		if (forget_object(nobjs - 1))
			return -1;
	if (large_pages)
		return fail("%lu large kmalloc pages unaccounted after freeing everything",
			    large_pages);
	kmem_cache_shrink_all();
	if (zone(ZONE_HIGHMEM)->free_pages != zone(ZONE_HIGHMEM)->managed_pages)
		return fail("after freeing everything HighMem has %lu of %lu pages free",
			    zone(ZONE_HIGHMEM)->free_pages, zone(ZONE_HIGHMEM)->managed_pages);
	return stress_check();
}

/* xorshift64*: small, fast, the same sequence everywhere */
static u32 next_random(u64 *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return (u32)((*s * 0x2545F4914F6CDD1DULL) >> 32);
}

unsigned long stress_step_now;

unsigned long stress_run(unsigned long long seed, unsigned long steps, unsigned long check_every)
{
	u64 s = seed * 0x9E3779B97F4A7C15ULL + 1;

	stress_step_now = 0;
	stress_setup();
	if (stress_check())
		return STRESS_SETUP_FAILED;
	for (unsigned long step = 1; step <= steps; step++) {
		stress_step_now = step;
		if (stress_op(next_random(&s)))
			return step;
		if ((check_every && step % check_every == 0) || step == steps)
			if (stress_check())
				return step;
	}
	return 0;
}

/*
 * The bounded runs `make -C tests/host` does (a few seconds under ASan),
 * one seed per test: the slab layer can be booted once per process.
 */
static void bounded(unsigned long long seed, unsigned long steps, unsigned long every)
{
	unsigned long bad = stress_run(seed, steps, every);

	if (bad == STRESS_SETUP_FAILED) {
		ht_fail(__FILE__, __LINE__, "the stress machine is inconsistent right after "
			"setup (freeing its pages one by one)");
		return;
	}
	if (bad) {
		ht_fail(__FILE__, __LINE__, "stress seed %llu failed by step %lu; shrink and "
			"reproduce: make -C tests/host stress SEED=%llu STRESS_STEPS=%lu",
			seed, bad, seed, bad);
		return;
	}
	EXPECT_EQ(stress_drain(), 0);
}

HT_TEST(stress_random_ops_seed_1)
{
	bounded(1, 60000, 50);
}

HT_TEST(stress_random_ops_seed_2)
{
	bounded(2, 60000, 50);
}

HT_TEST(stress_random_ops_every_step_seed_3)
{
	bounded(3, 10000, 1);
}
