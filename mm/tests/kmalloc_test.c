// SPDX-License-Identifier: MIT
/*
 * How this works: the `kmalloc` KTAP suite (ktest=kmalloc), tests of
 * mm/kmalloc.c.
 *
 * The cases go through the public API only (kmalloc, kzalloc, kcalloc,
 * krealloc, kfree, ksize, kmalloc_slab) and check what it promises:
 * every size class has the size, alignment and name it should; memory
 * is never highmem; ksize covers the request (written in full, which a
 * debug build's red zones would report if it did not); contents survive
 * krealloc; kcalloc overflows fail; large requests are whole pages from
 * the page allocator, counted in the zone, and come back on kfree.
 *
 * Pages are checked against zone->free_pages: the first case records
 * every zone's free count (all caches shrunk), the last compares. The
 * misuse cases check the exact report (KTEST_EXPECT_REPORT) and that the
 * allocator went on working; those needing red zones or state words skip
 * in a DEBUG_VM=0 build.
 */
#include <kernel/ktest.h>
#include <kernel/random.h>
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "mm_test.h"

static const char kind[] = "slab error";
static const char not_object[] = "pointer is not a slab object";

static unsigned long active_in(size_t size)
{
	struct kmem_cache_stats st;

	kmem_cache_get_stats(kmalloc_slab(size), &st);
	return st.active_objs;
}

static bool is_lowmem(const void *p)
{
	return virt_addr_valid(p) && !PageHighMem(virt_to_page(p));
}

static unsigned long suite_baseline[MAX_NR_ZONES];

/* Record every zone's free pages (caches shrunk) for kmalloc_no_leak_after_suite. */
static void kmalloc_baseline(struct ktest *t)
{
	zone_free_snapshot_shrunk(suite_baseline);
	KTEST_EXPECT_GT(t, suite_baseline[ZONE_DMA] + suite_baseline[ZONE_NORMAL], 0);
}

static const struct { unsigned int size, align; const char *name; } classes[] = {
	{ 8, 8, "kmalloc-8" }, { 16, 16, "kmalloc-16" }, { 32, 32, "kmalloc-32" },
	{ 64, 64, "kmalloc-64" }, { 96, 32, "kmalloc-96" }, { 128, 128, "kmalloc-128" },
	{ 192, 64, "kmalloc-192" }, { 256, 256, "kmalloc-256" }, { 512, 512, "kmalloc-512" },
	{ 1024, 1024, "kmalloc-1024" }, { 2048, 2048, "kmalloc-2048" },
	{ 4096, 4096, "kmalloc-4096" }, { 8192, 8192, "kmalloc-8192" },
};

/*
 * Each size class: its cache's name, ksize and alignment, for a request
 * of exactly its size and for one byte more than the class below.
 *
 *   size    1..8  9..16  17..32  33..64  65..96  97..128  129..192  193..256 ...
 *   class   8     16     32      64      96      128      192       256
 */
static void kmalloc_size_classes(struct ktest *t)
{
	unsigned int i, prev = 0;

	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		unsigned int size = classes[i].size, req[2] = { prev + 1, size }, k;
		struct kmem_cache_stats st;

		KTEST_ASSERT_NOT_NULL(t, kmalloc_slab(size));
		kmem_cache_get_stats(kmalloc_slab(size), &st);
		KTEST_EXPECT_STREQ(t, st.name, classes[i].name);
		KTEST_EXPECT_EQ(t, st.object_size, size);
		for (k = 0; k < 2; k++) {
			u8 *p = kmalloc(req[k], GFP_KERNEL);

			KTEST_ASSERT_NOT_NULL(t, p);
			KTEST_EXPECT_PTR_EQ(t, kmalloc_slab(req[k]), kmalloc_slab(size));
			KTEST_EXPECT_EQ(t, ksize(p), size);
			KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)p, classes[i].align));
			KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)p, 8));
			KTEST_EXPECT_NO_REPORT(t, kfree(p));
		}
		prev = size;
	}
	KTEST_EXPECT_NULL(t, kmalloc_slab(0));
	KTEST_EXPECT_NULL(t, kmalloc_slab(KMALLOC_MAX_CACHE_SIZE + 1));
}

/*
 * Whatever the size and flags, kmalloc() memory has a direct-map address
 * and a lowmem page: __GFP_HIGHMEM is dropped (with a one-time warning).
 */
static void kmalloc_never_highmem(struct ktest *t)
{
	static const size_t sizes[] = { 8, 100, 4096, 8192, 20000, 300000 };
	void *p[ARRAY_SIZE(sizes)][4];
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		for (j = 0; j < 4; j++) {
			p[i][j] = kmalloc(sizes[i], j & 1 ? GFP_HIGHUSER : GFP_KERNEL);
			KTEST_ASSERT_NOT_NULL(t, p[i][j]);
			KTEST_EXPECT_TRUE(t, is_lowmem(p[i][j]));
			KTEST_EXPECT_TRUE(t, is_lowmem((u8 *)p[i][j] + ksize(p[i][j]) - 1));
		}
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		for (j = 0; j < 4; j++)
			kfree(p[i][j]);
}

/*
 * ksize() is at least the request and all of it is usable: every byte
 * is written, and a debug build's red zones would report a lie.
 */
static void ksize_covers_request(struct ktest *t)
{
	size_t size;

	for (size = 1; size <= 40000; size += size < 300 ? 1 : size / 7) {
		u8 *p = kmalloc(size, GFP_KERNEL);
		size_t ks;

		KTEST_ASSERT_NOT_NULL(t, p);
		ks = ksize(p);
		KTEST_EXPECT_GE(t, ks, size);
		memset(p, 0x77, ks);
		KTEST_EXPECT_NO_REPORT(t, kfree(p));
	}
}

/*
 * krealloc keeps the contents through growth (into another class, into
 * pages) and shrinking; when the new size fits, the block stays put.
 *
 *   10 -> 60 -> 100 -> 300 -> 5000 -> 70000 -> 40 bytes, pattern kept
 */
static void krealloc_keeps_contents(struct ktest *t)
{
	static const size_t sizes[] = { 10, 60, 100, 300, 5000, 70000, 40 };
	size_t i, j, kept = sizes[0];
	u8 *p = kmalloc(sizes[0], GFP_KERNEL), *q;

	KTEST_ASSERT_NOT_NULL(t, p);
	for (j = 0; j < sizes[0]; j++)
		p[j] = (u8)(j * 7 + 1);
	for (i = 1; i < ARRAY_SIZE(sizes); i++) {
		q = krealloc(p, sizes[i], GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, q);
		if (sizes[i] <= ksize(p))
			KTEST_EXPECT_PTR_EQ(t, q, p);
		kept = min(kept, sizes[i]);
		for (j = 0; j < kept; j++)
			if ((u8)(j * 7 + 1) != q[j])
				break;
		KTEST_EXPECT_EQ(t, j, kept);
		/* extend the pattern over the new size */
		for (j = 0; j < sizes[i]; j++)
			q[j] = (u8)(j * 7 + 1);
		kept = sizes[i];
		p = q;
	}
	/* a failed krealloc leaves the block allocated and unchanged */
	q = krealloc(p, KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN);
	KTEST_EXPECT_NULL(t, q);
	KTEST_EXPECT_EQ(t, p[39], (u8)(39 * 7 + 1));
	KTEST_EXPECT_NO_REPORT(t, kfree(p));
}

/* kcalloc: n * size that overflows 32 bits fails; otherwise zeroed. */
static void kcalloc_overflow_null(struct ktest *t)
{
	u8 *p;

	KTEST_EXPECT_NULL(t, kcalloc(SIZE_MAX / 2 + 1, 2, GFP_KERNEL));
	KTEST_EXPECT_NULL(t, kcalloc(0x10000, 0x10000, GFP_KERNEL));
	KTEST_EXPECT_NULL(t, kcalloc(3, SIZE_MAX / 3 + 1, GFP_KERNEL));

	p = kmalloc(91, GFP_KERNEL);		/* dirty a kmalloc-96 slot */
	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0xff, 91);
	kfree(p);
	p = kcalloc(7, 13, GFP_KERNEL);		/* 91 bytes: the same class */
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0, 91));
	kfree(p);
}

/* kzalloc zeroes a slot that was dirty when freed, and whole pages too. */
static void kzalloc_zeroes(struct ktest *t)
{
	static const size_t sizes[] = { 24, 500, 12000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *p = kmalloc(sizes[i], GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		memset(p, 0xee, sizes[i]);
		kfree(p);
		p = kzalloc(sizes[i], GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_NULL(t, memchr_inv(p, 0, sizes[i]));
		kfree(p);
	}
}

/*
 * More than 8 KiB: 2^order whole pages straight from the buddy
 * allocator, the head page marked PG_head with the order in private;
 * the zone's free count drops by exactly those pages and kfree gives
 * them back.
 *
 *   8193 bytes -> order 2 (16 KiB)  64 KiB -> order 4  1 MiB -> order 8
 */
static void kmalloc_large_round_trip(struct ktest *t)
{
	static const struct { size_t size; unsigned int order; } reqs[] = {
		{ 8193, 2 }, { 64 << 10, 4 }, { 1 << 20, 8 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(reqs); i++) {
		unsigned long before[MAX_NR_ZONES], after;
		struct page *page;
		struct zone *zone;
		u8 *p;

		zone_free_snapshot_shrunk(before);
		p = kmalloc(reqs[i].size, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)p, PAGE_SIZE));
		KTEST_EXPECT_EQ(t, ksize(p), PAGE_SIZE << reqs[i].order);
		page = virt_to_page(p);
		KTEST_EXPECT_TRUE(t, PageHead(page) && !PageSlab(page));
		KTEST_EXPECT_EQ(t, page->private, reqs[i].order);
		zone = page_zone(page);
		after = zone->free_pages;
		KTEST_EXPECT_EQ(t, before[page_zonenum(page)] - after, 1UL << reqs[i].order);
		memset(p, 0x3c, ksize(p));
		KTEST_EXPECT_NO_REPORT(t, kfree(p));
		KTEST_EXPECT_EQ(t, zone->free_pages, before[page_zonenum(page)]);
	}
}

/* Beyond the largest buddy block (4 MiB): NULL, warned unless __GFP_NOWARN. */
static void kmalloc_too_large_null(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	KTEST_EXPECT_NULL(t, kmalloc(SIZE_MAX, GFP_KERNEL | __GFP_NOWARN));
	KTEST_EXPECT_NULL(t, kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));	/* warns */
}

/*
 * kmalloc(0) is ZERO_SIZE_PTR: not NULL, not memory. kfree and ksize
 * accept it, krealloc grows it into a real block, and krealloc to 0
 * frees and returns it.
 */
static void kmalloc_zero_size(struct ktest *t)
{
	unsigned long active;
	void *p;

	KTEST_EXPECT_PTR_EQ(t, kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	KTEST_EXPECT_PTR_EQ(t, kzalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	KTEST_EXPECT_PTR_EQ(t, kcalloc(0, 8, GFP_KERNEL), ZERO_SIZE_PTR);
	KTEST_EXPECT_EQ(t, ksize(ZERO_SIZE_PTR), 0);
	KTEST_EXPECT_EQ(t, ksize(NULL), 0);
	KTEST_EXPECT_NO_REPORT(t, kfree(ZERO_SIZE_PTR));
	KTEST_EXPECT_NO_REPORT(t, kfree(NULL));

	active = active_in(8);
	p = krealloc(ZERO_SIZE_PTR, 8, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, !ZERO_OR_NULL_PTR(p));
	KTEST_EXPECT_EQ(t, active_in(8), active + 1);
	KTEST_EXPECT_PTR_EQ(t, krealloc(p, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	KTEST_EXPECT_EQ(t, active_in(8), active);
}

/* Read a byte at @p, expecting a fault; @fc says what happened. */
static noinline void read_catching(struct fault_catch *fc, const void *p)
{
	if (catch_fault(fc))
		(void)*(const volatile u8 *)p;
	end_catch_fault(fc);
}

/*
 * ZERO_SIZE_PTR is not memory: using it faults, at address 16 (which
 * the fault report shows), rather than reading some page.
 */
static void kmalloc_zero_size_faults(struct ktest *t)
{
	struct fault_catch fc;
	void *p;

	ktest_needs_mmu(t);
	p = kmalloc(0, GFP_KERNEL);
	read_catching(&fc, p);
	KTEST_EXPECT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.vector, 14);		/* #PF */
	KTEST_EXPECT_EQ(t, fc.cr2, (unsigned long)ZERO_SIZE_PTR);
}

/* __GFP_DMA: whole pages from ZONE_DMA (there are no DMA caches). */
static void kmalloc_dma_zone(struct ktest *t)
{
	void *p = kmalloc(100, GFP_KERNEL | GFP_DMA);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, page_zonenum(virt_to_page(p)), ZONE_DMA);
	KTEST_EXPECT_EQ(t, ksize(p), PAGE_SIZE);
	KTEST_EXPECT_NO_REPORT(t, kfree(p));
}

/*
 * kfree of what kmalloc never returned: a stack address, a page and a
 * __GFP_COMP block (PG_head, like a large kmalloc, but not tagged as
 * one) from the page allocator, an address outside the direct map, and
 * pointers into a large allocation. Each is reported and ignored.
 *
 *   64 KiB block: [head|tail|...]   kfree(p + 8), kfree(p + 4096): reported
 */
static void kfree_not_an_object(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct page *comp = alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
	u8 *large = kmalloc(64 << 10, GFP_KERNEL);
	int local;

	KTEST_ASSERT_TRUE(t, page && comp && large);
	KTEST_EXPECT_REPORT(t, kfree(&local), kind, not_object);
	KTEST_EXPECT_REPORT(t, kfree(page_address(page)), kind, not_object);
	KTEST_EXPECT_REPORT(t, kfree(page_address(comp)), kind, not_object);
	KTEST_EXPECT_REPORT(t, kfree((void *)0x1000), kind, not_object);
	KTEST_EXPECT_REPORT(t, kfree(large + 8), kind, not_object);
	KTEST_EXPECT_REPORT(t, kfree(large + PAGE_SIZE), kind, not_object);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, page_count(comp), 1);
	KTEST_EXPECT_TRUE(t, PageHead(virt_to_page(large)));
	__free_page(page);
	__free_pages(comp, 2);
	KTEST_EXPECT_NO_REPORT(t, kfree(large));
}

/*
 * Misuse of small kmalloc objects that needs the debug build: a pointer
 * into an object, a double free deep in the list, a byte past the end,
 * a write after free.
 *
 *   p = kmalloc(64): | red | p: 64 bytes | red | ...
 */
static void kfree_misuse_debug(struct ktest *t)
{
	unsigned long active;
	u8 *p, *q, *r;

	if (!IS_ENABLED(CONFIG_DEBUG_VM))
		ktest_skip(t, "red zones, poison and state words need DEBUG_VM=1");
	active = active_in(64);
	p = kmalloc(64, GFP_KERNEL);
	q = kmalloc(64, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, p && q);

	KTEST_EXPECT_REPORT(t, kfree(p + 4), kind, not_object);
	kfree(p);
	kfree(q);
	KTEST_EXPECT_REPORT(t, kfree(p), kind, "double free");
	KTEST_EXPECT_EQ(t, active_in(64), active);

	p = kmalloc(60, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	p[64] = 0;				/* one past ksize */
	KTEST_EXPECT_REPORT(t, kfree(p), kind, "red zone overwritten");

	p = kmalloc(128, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kfree(p);
	p[10] = 1;				/* write after free */
	KTEST_EXPECT_REPORT(t, r = kmalloc(128, GFP_KERNEL), kind,
			    "poison overwritten (use after free)");
	KTEST_EXPECT_PTR_EQ(t, r, p);
	KTEST_EXPECT_NO_REPORT(t, kfree(r));
	KTEST_EXPECT_EQ(t, active_in(64), active);
}

/*
 * Random sizes (mostly small, some large), each block tagged with its
 * index over its whole length, freed in a random order: no block ever
 * overlaps another, and the pages all come back.
 */
static void kmalloc_random_stress(struct ktest *t)
{
	static u8 *blk[400];
	static size_t len[400];
	unsigned long before[MAX_NR_ZONES];
	struct rnd_state rnd;
	unsigned int i, j;

	zone_free_snapshot_shrunk(before);
	prandom_seed_state(&rnd, 0xca11);
	for (i = 0; i < ARRAY_SIZE(blk); i++) {
		u32 r = prandom_u32_state(&rnd);

		len[i] = (r & 15) == 0 ? 8193 + r % 30000 : 1 + r % 3000;
		blk[i] = kmalloc(len[i], GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, blk[i]);
		memset(blk[i], (u8)i, len[i]);
	}
	for (i = ARRAY_SIZE(blk) - 1; i > 0; i--) {
		unsigned int k = prandom_u32_below(&rnd, i + 1);
		u8 *b = blk[i];
		size_t l = len[i];

		blk[i] = blk[k], len[i] = len[k];
		blk[k] = b, len[k] = l;
	}
	for (i = 0; i < ARRAY_SIZE(blk); i++) {
		u8 tag = blk[i][0];

		j = len[i];
		KTEST_EXPECT_NULL(t, memchr_inv(blk[i], tag, j));
		KTEST_EXPECT_NO_REPORT(t, kfree(blk[i]));
	}
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

/* Every page the suite took is back: each zone's free count as at the start. */
static void kmalloc_no_leak_after_suite(struct ktest *t)
{
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, suite_baseline);
}

static const struct ktest_case kmalloc_cases[] = {
	KTEST_CASE(kmalloc_baseline),
	KTEST_CASE(kmalloc_size_classes),
	KTEST_CASE(kmalloc_never_highmem),
	KTEST_CASE(ksize_covers_request),
	KTEST_CASE(krealloc_keeps_contents),
	KTEST_CASE(kcalloc_overflow_null),
	KTEST_CASE(kzalloc_zeroes),
	KTEST_CASE(kmalloc_large_round_trip),
	KTEST_CASE(kmalloc_too_large_null),
	KTEST_CASE(kmalloc_zero_size),
	KTEST_CASE(kmalloc_zero_size_faults),
	KTEST_CASE(kmalloc_dma_zone),
	KTEST_CASE(kfree_not_an_object),
	KTEST_CASE(kfree_misuse_debug),
	KTEST_CASE(kmalloc_random_stress),
	KTEST_CASE(kmalloc_no_leak_after_suite),
	{}
};

KTEST_SUITE(kmalloc) = { .name = "kmalloc", .cases = kmalloc_cases };
