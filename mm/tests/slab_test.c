// SPDX-License-Identifier: MIT
/*
 * How this works: the `slab` KTAP suite (ktest=slab), tests of mm/slab.c.
 *
 * Each case makes its own caches, named "slab-test-*", so the kmalloc
 * caches and the rest of the kernel are not disturbed, and destroys them
 * before it ends. Page accounting is checked against the buddy
 * allocator's own counters (zone->free_pages): a case that creates a
 * cache, uses it and destroys it must leave every zone's free count as
 * it found it once the empty slab reserves are shrunk, and the last case
 * compares every zone with the baseline the first case recorded.
 *
 * Misuse cases provoke each report on purpose inside KTEST_EXPECT_REPORT,
 * which checks the exact kind and reason, then check that the allocator
 * survived: the lists and counts are intact and later allocations hand
 * out distinct objects. The checks that need red zones, poison and state
 * words skip in a DEBUG_VM=0 build; wrong-cache, not-a-slab-page, stack
 * address and the immediate double free are caught in every build.
 *
 * Pictures: S0, S1 are slabs; "S0 3/8" is a slab with 3 of 8 objects in
 * use; the lists are written full / partial / empty. The stats count
 * slabs by state, so an empty first partial slab counts as empty.
 */
#include <kernel/ktest.h>
#include <kernel/random.h>
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "mm_test.h"
#include "../slab_internal.h"

static const char kind[] = "slab error";

static struct kmem_cache_stats stats_of(struct kmem_cache *s)
{
	struct kmem_cache_stats st;

	kmem_cache_get_stats(s, &st);
	return st;
}

static void require_debug(struct ktest *t)
{
	if (!IS_ENABLED(CONFIG_DEBUG_VM))
		ktest_skip(t, "red zones, poison and state words need DEBUG_VM=1");
}

static unsigned long suite_baseline[MAX_NR_ZONES];

/*
 * Record the free pages of every zone, all caches shrunk, for
 * kmem_cache_no_leak_after_suite at the end.
 */
static void kmem_cache_baseline(struct ktest *t)
{
	zone_free_snapshot_shrunk(suite_baseline);
	KTEST_EXPECT_GT(t, suite_baseline[ZONE_DMA] + suite_baseline[ZONE_NORMAL], 0);
}

/*
 * Object size and alignment are honoured, objects of one slab are one
 * slot apart and every byte of the object can be written without
 * touching a neighbour (a debug build would report the red zone).
 *
 *   slot i = base + i * size:  | red | object ... | red | trailer |
 */
static void kmem_cache_create_layout(struct ktest *t)
{
	static const struct { unsigned int size, align, flags; } shapes[] = {
		{ 1, 0, 0 }, { 20, 0, 0 }, { 40, 64, 0 }, { 100, 128, 0 },
		{ 24, 0, SLAB_HWCACHE_ALIGN }, { 700, 0, 0 }, { 3000, 0, 0 },
		{ 5000, 0, 0 }, { 64, 4096, 0 },
	};
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(shapes); i++) {
		struct kmem_cache *c = kmem_cache_create("slab-test-layout", shapes[i].size,
							 shapes[i].align, shapes[i].flags, NULL);
		struct kmem_cache_stats st;
		unsigned int want_align = max(shapes[i].align, 8u);
		u8 *obj[2 * 64];
		unsigned int n;

		KTEST_ASSERT_NOT_NULL(t, c);
		st = stats_of(c);
		if (shapes[i].flags & SLAB_HWCACHE_ALIGN)
			want_align = 32;	/* 24 bytes: half a 64-byte line */
		KTEST_EXPECT_GE(t, st.object_size, shapes[i].size);
		KTEST_EXPECT_GE(t, st.align, want_align);
		KTEST_EXPECT_GE(t, st.size, st.object_size);
		KTEST_EXPECT_GE(t, st.objects_per_slab, 1);
		KTEST_EXPECT_LE(t, st.objects_per_slab * st.size, st.pages_per_slab * PAGE_SIZE);
		KTEST_EXPECT_EQ(t, kmem_cache_size(c), st.object_size);

		n = min(st.objects_per_slab + 1, (unsigned int)ARRAY_SIZE(obj));
		for (j = 0; j < n; j++) {
			obj[j] = kmem_cache_alloc(c, GFP_KERNEL);
			KTEST_ASSERT_NOT_NULL(t, obj[j]);
			KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)obj[j], want_align));
			memset(obj[j], 0x5a, st.object_size);
			/* objects of one slab are one slot apart, in address order */
			if (j && j < st.objects_per_slab)
				KTEST_EXPECT_EQ(t, obj[j] - obj[j - 1], st.size);
		}
		for (j = 0; j < n; j++)
			KTEST_EXPECT_NO_REPORT(t, kmem_cache_free(c, obj[j]));
		KTEST_EXPECT_EQ(t, stats_of(c).active_objs, 0);
		kmem_cache_destroy(c);
	}
}

/*
 * Slabs move between the lists as they fill and drain. The first partial
 * slab stays when it empties; one more empty slab is kept on the empty
 * list; any other empty slab goes back to the buddy allocator. Shrink
 * gives back all empty slabs.
 *
 *   alloc 3n (n per slab)  full [S0 S1 S2]  partial -          empty -
 *   free S2's n            full [S0 S1]     partial [S2 0/n]   empty -
 *   free S1's n            full [S0]        partial [S1 0/n]   empty [S2]
 *                          (S1 displaced S2 at the front; S2 retired)
 *   free S0's n            full -           partial [S0 0/n]   empty [S2]
 *                          (S1 displaced, the reserve is full: S1 freed)
 *   shrink                 nothing left, zones as before
 */
static void kmem_cache_lists_follow_inuse(struct ktest *t)
{
	static void *obj[3][512];
	unsigned long before[MAX_NR_ZONES];
	struct kmem_cache *c;
	struct kmem_cache_stats st;
	unsigned int i, k, n;

	zone_free_snapshot_shrunk(before);
	c = kmem_cache_create("slab-test-lists", 128, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	n = stats_of(c).objects_per_slab;
	KTEST_ASSERT_TRUE(t, n >= 2 && n <= ARRAY_SIZE(obj[0]));

	for (k = 0; k < 3; k++)
		for (i = 0; i < n; i++) {
			obj[k][i] = kmem_cache_alloc(c, GFP_KERNEL);
			KTEST_ASSERT_NOT_NULL(t, obj[k][i]);
		}
	st = stats_of(c);
	KTEST_EXPECT_EQ(t, st.nr_full, 3);
	KTEST_EXPECT_EQ(t, st.nr_partial + st.nr_empty, 0);
	KTEST_EXPECT_EQ(t, st.active_objs, 3 * n);

	for (i = 0; i < n; i++)
		kmem_cache_free(c, obj[2][i]);
	st = stats_of(c);
	KTEST_EXPECT_EQ(t, st.nr_full, 2);
	KTEST_EXPECT_EQ(t, st.nr_empty, 1);
	KTEST_EXPECT_EQ(t, st.nr_slabs, 3);

	for (i = 0; i < n; i++)
		kmem_cache_free(c, obj[1][i]);
	st = stats_of(c);
	KTEST_EXPECT_EQ(t, st.nr_full, 1);
	KTEST_EXPECT_EQ(t, st.nr_empty, 2);
	KTEST_EXPECT_EQ(t, st.nr_slabs, 3);
	KTEST_EXPECT_EQ(t, st.slabs_freed, 0);

	for (i = 0; i < n; i++)
		kmem_cache_free(c, obj[0][i]);
	st = stats_of(c);
	KTEST_EXPECT_EQ(t, st.nr_full + st.nr_partial, 0);
	KTEST_EXPECT_EQ(t, st.nr_empty, 2);
	KTEST_EXPECT_EQ(t, st.nr_slabs, 2);
	KTEST_EXPECT_EQ(t, st.slabs_freed, 1);
	KTEST_EXPECT_EQ(t, st.active_objs, 0);

	/* the next allocation comes from S0, the front slab: no new slab */
	obj[0][0] = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, stats_of(c).slabs_grown, 3);
	kmem_cache_free(c, obj[0][0]);

	KTEST_EXPECT_EQ(t, kmem_cache_shrink(c), 2 * st.pages_per_slab);
	KTEST_EXPECT_EQ(t, stats_of(c).nr_slabs, 0);
	kmem_cache_destroy(c);
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

/*
 * The same choreography with SLAB_NO_DEBUG, so the CPU slab's free list
 * (s->cpu, the fast paths of slab_internal.h) is in use even in a
 * DEBUG_VM=1 build: alloc 3n, free S2's objects (the CPU slab), then
 * S1's (another slab: the slow path gives the CPU list back first),
 * then S0's; the counts by state are those of a cache without a CPU
 * slab at every step, and every object comes back exactly once:
 *   alloc 3n        full 3               active 3n
 *   free S2's n     full 2, empty 1      active 2n
 *   free S1's n     full 1, empty 2      active n
 *   free S0's n     empty 2 (one freed)  active 0
 */
static void kmem_cache_cpu_slab_counts(struct ktest *t)
{
	static void *obj[3][512];
	unsigned long before[MAX_NR_ZONES];
	struct kmem_cache *c;
	struct kmem_cache_stats st;
	unsigned int i, k, n;

	zone_free_snapshot_shrunk(before);
	c = kmem_cache_create("slab-test-cpu", 128, 0, SLAB_NO_DEBUG, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	n = stats_of(c).objects_per_slab;
	KTEST_ASSERT_TRUE(t, n >= 2 && n <= ARRAY_SIZE(obj[0]));
	for (k = 0; k < 3; k++)
		for (i = 0; i < n; i++) {
			obj[k][i] = kmem_cache_alloc(c, GFP_KERNEL);
			KTEST_ASSERT_NOT_NULL(t, obj[k][i]);
			*(unsigned int *)obj[k][i] = k * 1000 + i;	/* tags: no overlap */
		}
	for (k = 0; k < 3; k++)
		for (i = 0; i < n; i++)
			KTEST_EXPECT_EQ(t, *(unsigned int *)obj[k][i], k * 1000 + i);
	st = stats_of(c);
	KTEST_EXPECT_EQ(t, st.nr_full, 3);
	KTEST_EXPECT_EQ(t, st.active_objs, 3 * n);

	for (i = 0; i < n; i++)
		kmem_cache_free(c, obj[2][i]);
	st = stats_of(c);
	KTEST_EXPECT_EQ(t, st.nr_full, 2);
	KTEST_EXPECT_EQ(t, st.nr_empty, 1);
	KTEST_EXPECT_EQ(t, st.active_objs, 2 * n);

	for (i = 0; i < n; i++)
		kmem_cache_free(c, obj[1][i]);
	st = stats_of(c);
	KTEST_EXPECT_EQ(t, st.nr_full, 1);
	KTEST_EXPECT_EQ(t, st.nr_empty, 2);
	KTEST_EXPECT_EQ(t, st.active_objs, n);

	for (i = 0; i < n; i++)
		kmem_cache_free(c, obj[0][i]);
	st = stats_of(c);
	KTEST_EXPECT_EQ(t, st.nr_full + st.nr_partial, 0);
	KTEST_EXPECT_EQ(t, st.active_objs, 0);
	KTEST_EXPECT_EQ(t, st.slabs_grown - st.slabs_freed, st.nr_slabs);

	/* the same n objects come back, each once, from the front slab */
	for (i = 0; i < n; i++)
		obj[0][i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			KTEST_EXPECT_PTR_NE(t, obj[0][i], obj[0][k]);
	KTEST_EXPECT_EQ(t, stats_of(c).active_objs, n);
	for (i = 0; i < n; i++)
		kmem_cache_free(c, obj[0][i]);
	KTEST_EXPECT_EQ(t, stats_of(c).active_objs, 0);
	kmem_cache_destroy(c);
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

/*
 * A loop of alloc/free pairs on an otherwise unused cache reuses one
 * object of one slab: the slab stays first on the partial list while
 * empty, and no slab is made or given back after the first.
 *
 *   alloc: partial [S0 1/n]   free: partial [S0 0/n]   (x100, same object)
 */
static void kmem_cache_alloc_free_pairs(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("slab-test-pairs", 64, 0, 0, NULL);
	struct kmem_cache_stats st;
	void *first, *p;
	unsigned int i, moved = 0;

	KTEST_ASSERT_NOT_NULL(t, c);
	first = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, first);
	kmem_cache_free(c, first);
	for (i = 0; i < 100; i++) {
		p = kmem_cache_alloc(c, GFP_KERNEL);
		moved += p != first;
		kmem_cache_free(c, p);
	}
	KTEST_EXPECT_EQ(t, moved, 0);
	st = stats_of(c);
	KTEST_EXPECT_EQ(t, st.slabs_grown, 1);
	KTEST_EXPECT_EQ(t, st.slabs_freed, 0);
	KTEST_EXPECT_EQ(t, st.nr_empty, 1);
	kmem_cache_destroy(c);
}

/*
 * Many objects over many slabs, freed in a random order, give every page
 * back: at most the one reserve slab stays until shrink.
 *
 *   before: 24 slabs, all full, objects 0..N-1
 *   free in a shuffled order (seeded xorshift: the same order each boot)
 *   after: at most two empty slabs (the front of partial, the reserve);
 *          destroy; zones as before
 */
static void kmem_cache_free_random_order(struct ktest *t)
{
	static void *obj[1024];
	unsigned long before[MAX_NR_ZONES];
	struct rnd_state rnd;
	struct kmem_cache *c;
	struct kmem_cache_stats st;
	unsigned int i, n;

	zone_free_snapshot_shrunk(before);
	c = kmem_cache_create("slab-test-random", 200, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	n = min(24 * stats_of(c).objects_per_slab, (unsigned int)ARRAY_SIZE(obj));
	for (i = 0; i < n; i++) {
		obj[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, obj[i]);
		*(unsigned int *)obj[i] = i;	/* a tag: no two objects overlap */
	}
	st = stats_of(c);
	KTEST_EXPECT_EQ(t, st.active_objs, n);
	KTEST_EXPECT_GE(t, st.nr_slabs, 24);

	prandom_seed_state(&rnd, 0x51ab);
	for (i = n - 1; i > 0; i--) {		/* Fisher-Yates */
		unsigned int j = prandom_u32_below(&rnd, i + 1);
		void *tmp = obj[i];

		obj[i] = obj[j];
		obj[j] = tmp;
	}
	for (i = 0; i < n; i++) {
		unsigned int tag = *(unsigned int *)obj[i];

		KTEST_ASSERT_TRUE(t, tag < n);
		kmem_cache_free(c, obj[i]);
	}
	st = stats_of(c);
	KTEST_EXPECT_EQ(t, st.active_objs, 0);
	KTEST_EXPECT_EQ(t, st.nr_full + st.nr_partial, 0);
	KTEST_EXPECT_LE(t, st.nr_empty, 2);	/* the front slab + the reserve */
	KTEST_EXPECT_EQ(t, st.nr_slabs, st.nr_empty);
	KTEST_EXPECT_EQ(t, st.slabs_grown - st.slabs_freed, st.nr_slabs);
	kmem_cache_destroy(c);
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

struct ctor_obj {
	u32 magic;
	u32 serial;
	char text[24];
};

static unsigned int ctor_calls;

static void test_ctor(void *p)
{
	struct ctor_obj *o = p;

	o->magic = 0xc0ffee;
	o->serial = ++ctor_calls;
	strlcpy(o->text, "constructed", sizeof(o->text));
}

/*
 * The constructor runs on every object when a slab is made, not on each
 * allocation, and freed objects keep their constructed state (the free
 * pointer lies outside the object).
 *
 *   alloc 1          S0 made: ctor ran n times; the object says "constructed"
 *   free, alloc      same object, still constructed, ctor not run again
 *   alloc n more     S1 made: ctor ran 2n times in all
 */
static void kmem_cache_ctor_once_per_slab(struct ktest *t)
{
	struct kmem_cache *c;
	struct ctor_obj *o, *again, *objs[256];
	unsigned int i, n;

	ctor_calls = 0;
	c = kmem_cache_create("slab-test-ctor", sizeof(struct ctor_obj), 0, 0, test_ctor);
	KTEST_ASSERT_NOT_NULL(t, c);
	n = stats_of(c).objects_per_slab;
	KTEST_ASSERT_TRUE(t, n <= ARRAY_SIZE(objs));

	o = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, o);
	KTEST_EXPECT_EQ(t, ctor_calls, n);
	KTEST_EXPECT_EQ(t, o->magic, 0xc0ffee);
	KTEST_EXPECT_STREQ(t, o->text, "constructed");

	kmem_cache_free(c, o);
	again = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, again, o);
	KTEST_EXPECT_EQ(t, again->magic, 0xc0ffee);
	KTEST_EXPECT_STREQ(t, again->text, "constructed");
	KTEST_EXPECT_EQ(t, ctor_calls, n);

	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
		KTEST_EXPECT_EQ(t, objs[i]->magic, 0xc0ffee);
	}
	KTEST_EXPECT_EQ(t, ctor_calls, 2 * n);
	for (i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_free(c, again);
	kmem_cache_destroy(c);
}

/* kmem_cache_zalloc() zeroes, even an object that was dirty when freed. */
static void kmem_cache_zalloc_zeroes(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("slab-test-zero", 100, 0, 0, NULL);
	u8 *p, *q;

	KTEST_ASSERT_NOT_NULL(t, c);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0xff, 100);
	kmem_cache_free(c, p);
	q = kmem_cache_zalloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, q);
	KTEST_EXPECT_PTR_EQ(t, q, p);		/* LIFO: the same slot */
	KTEST_EXPECT_NULL(t, memchr_inv(q, 0, 100));
	kmem_cache_free(c, q);
	kmem_cache_destroy(c);
}

/*
 * Slabs come from lowmem only, even when the caller passes __GFP_HIGHMEM:
 * every object has a direct-map address and a non-highmem page.
 */
static void kmem_cache_alloc_lowmem_only(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("slab-test-lowmem", 2048, 0, 0, NULL);
	void *obj[64];
	unsigned int i;

	KTEST_ASSERT_NOT_NULL(t, c);
	for (i = 0; i < ARRAY_SIZE(obj); i++) {
		obj[i] = kmem_cache_alloc(c, GFP_HIGHUSER);
		KTEST_ASSERT_NOT_NULL(t, obj[i]);
		KTEST_EXPECT_TRUE(t, virt_addr_valid(obj[i]));
		KTEST_EXPECT_FALSE(t, PageHighMem(virt_to_page(obj[i])));
	}
	for (i = 0; i < ARRAY_SIZE(obj); i++)
		kmem_cache_free(c, obj[i]);
	kmem_cache_destroy(c);
}

/*
 * A slab of several pages: its first page is PG_slab | PG_head, the
 * others PG_tail pointing at it, so an object in a later page still
 * finds its slab, with kmem_cache_free() and with kfree().
 *
 *   order 2 slab:  [head: PG_slab PG_head][tail][tail][tail]
 *   objects 3000 bytes apart (more in a debug build): most in tail pages
 */
static void kmem_cache_multipage_slab(struct ktest *t)
{
	unsigned long before[MAX_NR_ZONES];
	struct kmem_cache *c;
	struct kmem_cache_stats st;
	void *obj[16];
	unsigned int i, n, tails = 0;

	zone_free_snapshot_shrunk(before);
	c = kmem_cache_create("slab-test-big", 3000, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	st = stats_of(c);
	KTEST_ASSERT_GE(t, st.pages_per_slab, 2);
	n = min(st.objects_per_slab, (unsigned int)ARRAY_SIZE(obj));
	for (i = 0; i < n; i++) {
		struct page *page, *head;

		obj[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, obj[i]);
		page = virt_to_page(obj[i]);
		head = PageTail(page) ? page->compound_head : page;
		tails += PageTail(page);
		KTEST_EXPECT_TRUE(t, PageSlab(head) && PageHead(head));
		KTEST_EXPECT_PTR_EQ(t, head->slab_cache, c);
		KTEST_EXPECT_EQ(t, 1UL << head->private, st.pages_per_slab);
		KTEST_EXPECT_LT(t, page - head, st.pages_per_slab);
	}
	KTEST_EXPECT_GT(t, tails, 0);
	/* half through kmem_cache_free, half through kfree */
	for (i = 0; i < n; i++) {
		if (i & 1)
			KTEST_EXPECT_NO_REPORT(t, kfree(obj[i]));
		else
			KTEST_EXPECT_NO_REPORT(t, kmem_cache_free(c, obj[i]));
	}
	KTEST_EXPECT_EQ(t, stats_of(c).active_objs, 0);
	kmem_cache_destroy(c);
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

/*
 * Sizes around the page-fraction edges, with and without debug: a slab's
 * slots fit in its pages, and two and a half slabs' worth of objects
 * each lie inside one slab (first and last byte on the same slab head)
 * and keep their own bytes (no object overlaps another).
 *
 *   size 2048: 2 per page    2049: 1 per page (or a 2-page slab)   8192: 2 pages
 */
static struct page *slab_head_of(const void *p)
{
	struct page *page = virt_to_page(p);

	return PageTail(page) ? page->compound_head : page;
}

static void kmem_cache_objects_stay_inside_their_slab(struct ktest *t)
{
	static const unsigned int sizes[] = { 8, 24, 100, 700, 2048, 2049, 3000, 4096, 5000, 8192 };
	static u8 *obj[64];
	unsigned long reports = report_state.total;

	for (unsigned int i = 0; i < 2 * ARRAY_SIZE(sizes); i++) {
		unsigned int size = sizes[i / 2], n, outside = 0, overwritten = 0;
		struct kmem_cache *c;
		struct kmem_cache_stats st;

		c = kmem_cache_create("slab-test-edge", size, 0,
				      i % 2 ? SLAB_NO_DEBUG : SLAB_DEBUG, NULL);
		KTEST_ASSERT_NOT_NULL(t, c);
		st = stats_of(c);
		KTEST_EXPECT_GE(t, st.objects_per_slab, 1);
		KTEST_EXPECT_LE(t, st.objects_per_slab * st.size, st.pages_per_slab * PAGE_SIZE);
		n = min(2 * st.objects_per_slab + st.objects_per_slab / 2 + 1,
			(unsigned int)ARRAY_SIZE(obj));
		for (unsigned int k = 0; k < n; k++) {
			obj[k] = kmem_cache_alloc(c, GFP_KERNEL);
			KTEST_ASSERT_NOT_NULL(t, obj[k]);
			outside += slab_head_of(obj[k]) != slab_head_of(obj[k] + size - 1);
			memset(obj[k], (int)k + 1, size);
		}
		for (unsigned int k = 0; k < n; k++) {
			overwritten += memchr_inv(obj[k], (int)k + 1, size) != NULL;
			kmem_cache_free(c, obj[k]);
		}
		KTEST_EXPECT_EQ(t, outside, 0);
		KTEST_EXPECT_EQ(t, overwritten, 0);
		kmem_cache_destroy(c);
	}
	KTEST_EXPECT_EQ(t, report_state.total, reports);
}

/*
 * slabinfo: the header, then one line per cache; a cache's line reads
 * name, active objects, total objects, slot size, objects per slab,
 * pages per slab.
 *
 *   slab-test-info    3  <n>  <slot>  <n>  1
 */
static void slabinfo_format_counts(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("slab-test-info", 100, 0, 0, NULL);
	struct kmem_cache_stats st;
	unsigned long long field[5];
	void *obj[3];
	char line[128], *p;
	unsigned int i;

	KTEST_ASSERT_NOT_NULL(t, c);
	for (i = 0; i < ARRAY_SIZE(obj); i++)
		obj[i] = kmem_cache_alloc(c, GFP_KERNEL);
	st = stats_of(c);
	KTEST_ASSERT_TRUE(t, slabinfo_format(c, line, sizeof(line)) > 0);
	ktest_log(t, "%s", line);
	KTEST_EXPECT_TRUE(t, !strncmp(line, "slab-test-info ", 15));
	p = line + 15;
	for (i = 0; i < ARRAY_SIZE(field); i++) {
		while (*p == ' ')
			p++;
		field[i] = simple_strtoull(p, &p, 10);
	}
	KTEST_EXPECT_EQ(t, field[0], 3);
	KTEST_EXPECT_EQ(t, field[1], st.objects_per_slab);
	KTEST_EXPECT_EQ(t, field[2], st.size);
	KTEST_EXPECT_EQ(t, field[3], st.objects_per_slab);
	KTEST_EXPECT_EQ(t, field[4], st.pages_per_slab);
	slabinfo_show();
	for (i = 0; i < ARRAY_SIZE(obj); i++)
		kmem_cache_free(c, obj[i]);
	kmem_cache_destroy(c);
}

/* Impossible sizes and alignments are refused (with a warning). */
static void kmem_cache_create_rejects(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, kmem_cache_create("slab-test-bad", 0, 0, 0, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("slab-test-bad", 64, 24, 0, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("slab-test-bad", KMALLOC_MAX_SIZE + 1, 0, 0, NULL));
}

/* --- misuse ------------------------------------------------------------------ */

/*
 * destroy with an object still allocated: reported with the count, the
 * cache left working; after the free, destroy succeeds.
 */
static void kmem_cache_destroy_in_use(struct ktest *t)
{
	unsigned long before[MAX_NR_ZONES];
	struct kmem_cache *c;
	void *obj;

	zone_free_snapshot_shrunk(before);
	c = kmem_cache_create("slab-test-busy", 64, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	obj = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, obj);
	KTEST_EXPECT_REPORT(t, kmem_cache_destroy(c), kind, "cache destroyed with objects in use");
	KTEST_EXPECT_EQ(t, stats_of(c).active_objs, 1);
	KTEST_EXPECT_EQ(t, stats_of(c).errors, 1);
	KTEST_EXPECT_NO_REPORT(t, kmem_cache_free(c, obj));
	KTEST_EXPECT_NO_REPORT(t, kmem_cache_destroy(c));
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

/*
 * Freeing the same object twice in a row is caught in every build: it
 * is the head of its slab's free list.
 *
 *   free a:   freelist a -> ...     free a again: a == head: reported
 */
static void kmem_cache_free_double_immediate(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("slab-test-dfree", 64, 0, SLAB_NO_DEBUG, NULL);
	void *a, *x, *y;

	KTEST_ASSERT_NOT_NULL(t, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	kmem_cache_free(c, a);
	KTEST_EXPECT_REPORT(t, kmem_cache_free(c, a), kind, "double free");
	/* the free list was not looped: two allocations, two objects */
	x = kmem_cache_alloc(c, GFP_KERNEL);
	y = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_PTR_NE(t, x, y);
	KTEST_EXPECT_EQ(t, stats_of(c).active_objs, 2);
	kmem_cache_free(c, x);
	kmem_cache_free(c, y);
	kmem_cache_destroy(c);
}

/*
 * Without debug state words, a double free into a slab with nothing in
 * use is still caught (a regression test: it used to wrap inuse and put
 * the object on the free list twice).
 *
 *   alloc a, b; free a, free b: inuse 0; free a again: not the last freed
 */
static void kmem_cache_free_double_into_empty_slab(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("slab-test-dfree2", 64, 0, SLAB_NO_DEBUG, NULL);
	void *a, *b, *x, *y;

	KTEST_ASSERT_NOT_NULL(t, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	KTEST_EXPECT_REPORT(t, kmem_cache_free(c, a), kind, "double free");
	KTEST_EXPECT_EQ(t, stats_of(c).active_objs, 0);
	x = kmem_cache_alloc(c, GFP_KERNEL);
	y = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_PTR_NE(t, x, y);
	kmem_cache_free(c, x);
	kmem_cache_free(c, y);
	kmem_cache_destroy(c);
}

/*
 * __free_pages() on a live slab's page, behind the cache's back, is
 * refused (a regression test: it used to free the page with PG_slab set,
 * and its next owner got a page that still claimed to be a slab).
 */
static void free_pages_of_live_slab_reported(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("slab-test-freepage", 64, 0, SLAB_NO_DEBUG, NULL);
	struct page *pg;
	void *obj;

	KTEST_ASSERT_NOT_NULL(t, c);
	obj = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, obj);
	pg = virt_to_page(obj);
	if (PageTail(pg))
		pg = pg->compound_head;
	KTEST_EXPECT_REPORT(t, __free_pages(pg, pg->private), "Bad page state",
			    "page still belongs to slab or vmalloc");
	KTEST_EXPECT_TRUE(t, PageSlab(pg));
	KTEST_EXPECT_EQ(t, page_count(pg), 1);
	kmem_cache_free(c, obj);
	kmem_cache_destroy(c);
}

/*
 * A debug cache catches a double free anywhere in the list, by the
 * object's state word.
 *
 *   free a, free b:  freelist b -> a -> ...; free a again: state "free"
 */
static void kmem_cache_free_double(struct ktest *t)
{
	struct kmem_cache *c;
	void *a, *b, *x, *y, *z;

	require_debug(t);
	c = kmem_cache_create("slab-test-dfree2", 64, 0, SLAB_DEBUG, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	KTEST_EXPECT_REPORT(t, kmem_cache_free(c, a), kind, "double free");
	x = kmem_cache_alloc(c, GFP_KERNEL);
	y = kmem_cache_alloc(c, GFP_KERNEL);
	z = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, x != y && y != z && x != z);
	KTEST_EXPECT_EQ(t, stats_of(c).active_objs, 3);
	kmem_cache_free(c, x);
	kmem_cache_free(c, y);
	kmem_cache_free(c, z);
	kmem_cache_destroy(c);
}

/*
 * An object of cache A freed to cache B: reported and ignored; A still
 * counts it in use, B is untouched.
 */
static void kmem_cache_free_wrong_cache(struct ktest *t)
{
	struct kmem_cache *a = kmem_cache_create("slab-test-a", 64, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("slab-test-b", 64, 0, 0, NULL);
	void *obj, *other;

	KTEST_ASSERT_TRUE(t, a && b);
	obj = kmem_cache_alloc(a, GFP_KERNEL);
	other = kmem_cache_alloc(b, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, obj && other);
	KTEST_EXPECT_REPORT(t, kmem_cache_free(b, obj), kind, "object freed to the wrong cache");
	KTEST_EXPECT_EQ(t, stats_of(a).active_objs, 1);
	KTEST_EXPECT_EQ(t, stats_of(b).active_objs, 1);
	KTEST_EXPECT_NO_REPORT(t, kmem_cache_free(a, obj));
	KTEST_EXPECT_NO_REPORT(t, kmem_cache_free(b, other));
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
}

/*
 * Pointers that are no object: inside an object, a page from the page
 * allocator, a stack address, an address outside the direct map.
 *
 *   | red | obj ... |      obj + 8: not on a slot's object boundary
 */
static void kmem_cache_free_not_an_object(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("slab-test-bogus", 64, 0, 0, NULL);
	static const char reason[] = "pointer is not a slab object";
	struct page *page;
	u8 *obj;
	int local = 0;

	KTEST_ASSERT_NOT_NULL(t, c);
	obj = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, obj);
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);

	KTEST_EXPECT_REPORT(t, kmem_cache_free(c, page_address(page)), kind, reason);
	KTEST_EXPECT_REPORT(t, kmem_cache_free(c, &local), kind, reason);
	KTEST_EXPECT_REPORT(t, kmem_cache_free(c, (void *)0x1000), kind, reason);
	if (IS_ENABLED(CONFIG_DEBUG_VM)) {
		/* the middle of an object needs the debug build's boundary check */
		KTEST_EXPECT_REPORT(t, kmem_cache_free(c, obj + 8), kind, reason);
		KTEST_EXPECT_REPORT(t, kmem_cache_free(c, obj - 1), kind, reason);
	}
	KTEST_EXPECT_EQ(t, stats_of(c).active_objs, 1);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	__free_page(page);
	KTEST_EXPECT_NO_REPORT(t, kmem_cache_free(c, obj));
	kmem_cache_destroy(c);
}

/*
 * One byte written past the end, or before the start, of an object:
 * reported on free, the red zone repaired and the object freed anyway.
 *
 *   | 0xbb 0xbb .. | object (40) | 0x00 0xbb .. |   obj[40] = 0
 */
static void kmem_cache_free_red_zone(struct ktest *t)
{
	struct kmem_cache *c;
	u8 *obj, *again;

	require_debug(t);
	c = kmem_cache_create("slab-test-redzone", 40, 0, SLAB_RED_ZONE, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);

	obj = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, obj);
	KTEST_EXPECT_EQ(t, obj[40], SLAB_RED_BYTE);
	KTEST_EXPECT_EQ(t, obj[-1], SLAB_RED_BYTE);
	obj[40] = 0;
	KTEST_EXPECT_REPORT(t, kmem_cache_free(c, obj), kind, "red zone overwritten");
	KTEST_EXPECT_EQ(t, stats_of(c).active_objs, 0);
	KTEST_EXPECT_EQ(t, obj[40], SLAB_RED_BYTE);	/* repaired */

	again = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, again, obj);
	again[-1] = 0x11;
	KTEST_EXPECT_REPORT(t, kmem_cache_free(c, again), kind, "red zone overwritten");
	KTEST_EXPECT_EQ(t, stats_of(c).active_objs, 0);

	/* repaired: the next round trip is clean */
	again = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_NO_REPORT(t, kmem_cache_free(c, again));
	kmem_cache_destroy(c);
}

/*
 * A freed object is poisoned: 0x6b, the last byte 0xa5. A write to it
 * before it is allocated again is reported by that allocation.
 *
 *   free:   6b 6b 6b ... 6b a5      write obj[5] = 0x42
 *   alloc:  poison broken at offset 5: reported, object handed out
 */
static void kmem_cache_alloc_use_after_free(struct ktest *t)
{
	struct kmem_cache *c;
	u8 *obj, *again;

	require_debug(t);
	c = kmem_cache_create("slab-test-poison", 32, 0, SLAB_POISON | SLAB_RED_ZONE, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	obj = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, obj);
	memset(obj, 0, 32);
	kmem_cache_free(c, obj);
	/* reading freed memory on purpose, to see the poison */
	KTEST_EXPECT_NULL(t, memchr_inv(obj, SLAB_POISON_FREE, 31));
	KTEST_EXPECT_EQ(t, obj[31], SLAB_POISON_END);

	obj[5] = 0x42;
	KTEST_EXPECT_REPORT(t, again = kmem_cache_alloc(c, GFP_KERNEL), kind,
			    "poison overwritten (use after free)");
	KTEST_EXPECT_PTR_EQ(t, again, obj);
	KTEST_EXPECT_NO_REPORT(t, kmem_cache_free(c, again));
	KTEST_EXPECT_NO_REPORT(t, again = kmem_cache_alloc(c, GFP_KERNEL));
	kmem_cache_free(c, again);
	kmem_cache_destroy(c);
}

/*
 * The free pointer of a free debug object lies after its right red
 * zone. A write that smashes it (an overflow running past the red zone,
 * or a stray write after free) is reported when the list reaches it,
 * and the list is rebuilt from the state words rather than followed
 * into the wild.
 *
 *   | red | a | red | next->junk | state |   a overflowed into a's trailer
 */
static void kmem_cache_alloc_smashed_free_pointer(struct ktest *t)
{
	struct kmem_cache *c;
	struct kmem_cache_stats st;
	u8 *a, *b, *x, *y;

	require_debug(t);
	c = kmem_cache_create("slab-test-smash", 32, 0, SLAB_DEBUG, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, a && b);
	kmem_cache_free(c, b);
	kmem_cache_free(c, a);		/* freelist: a -> b -> ... */
	/* a stray write over a's free pointer, as a use after free would */
	*(void **)(a + c->offset) = (void *)0xdeadbeef;
	KTEST_EXPECT_REPORT(t, x = kmem_cache_alloc(c, GFP_KERNEL), kind, "red zone overwritten");
	KTEST_EXPECT_PTR_EQ(t, x, a);
	y = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, y && y != x);
	st = stats_of(c);
	KTEST_EXPECT_EQ(t, st.active_objs, 2);
	kmem_cache_free(c, x);
	kmem_cache_free(c, y);
	KTEST_EXPECT_EQ(t, stats_of(c).active_objs, 0);
	kmem_cache_destroy(c);
}

/* Every page the suite took is back: each zone's free count as at the start. */
static void kmem_cache_no_leak_after_suite(struct ktest *t)
{
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, suite_baseline);
}

static const struct ktest_case slab_cases[] = {
	KTEST_CASE(kmem_cache_baseline),
	KTEST_CASE(kmem_cache_create_layout),
	KTEST_CASE(kmem_cache_lists_follow_inuse),
	KTEST_CASE(kmem_cache_cpu_slab_counts),
	KTEST_CASE(kmem_cache_alloc_free_pairs),
	KTEST_CASE(kmem_cache_free_random_order),
	KTEST_CASE(kmem_cache_ctor_once_per_slab),
	KTEST_CASE(kmem_cache_zalloc_zeroes),
	KTEST_CASE(kmem_cache_alloc_lowmem_only),
	KTEST_CASE(kmem_cache_multipage_slab),
	KTEST_CASE(slabinfo_format_counts),
	KTEST_CASE(kmem_cache_create_rejects),
	KTEST_CASE(kmem_cache_destroy_in_use),
	KTEST_CASE(kmem_cache_free_double_immediate),
	KTEST_CASE(kmem_cache_free_double_into_empty_slab),
	KTEST_CASE(free_pages_of_live_slab_reported),
	KTEST_CASE(kmem_cache_free_double),
	KTEST_CASE(kmem_cache_free_wrong_cache),
	KTEST_CASE(kmem_cache_free_not_an_object),
	KTEST_CASE(kmem_cache_free_red_zone),
	KTEST_CASE(kmem_cache_alloc_use_after_free),
	KTEST_CASE(kmem_cache_alloc_smashed_free_pointer),
	KTEST_CASE(kmem_cache_objects_stay_inside_their_slab),
	KTEST_CASE(kmem_cache_no_leak_after_suite),
	{}
};

KTEST_SUITE(slab) = { .name = "slab", .cases = slab_cases };
