// SPDX-License-Identifier: MIT
/*
 * mm/slab.c and mm/kmalloc.c: size classes, alignment, large
 * allocations, misuse reports, cache create/destroy, on a tiny machine
 * (16 MiB DMA, 16 MiB Normal, 16 MiB HighMem: setup()) with the slab
 * layer booted by kmem_cache_init().
 */
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/mm.h>
#include <mm/slab.h>

#include "buddy.h"
#include "ht.h"
#include "machine.h"

static struct zone *zone(int z)
{
	return &NODE_DATA(0)->node_zones[z];
}

/* DMA [1, 4096) Normal [4096, 8192) HighMem [8192, 12288), all free, slab up */
static void setup(void)
{
	machine_tiny(4096, 8192, 12288);
	machine_free_range(1, 12288);
	kmem_cache_init();
}

static unsigned long free_pages_all(void)
{
	return zone(ZONE_DMA)->free_pages + zone(ZONE_NORMAL)->free_pages +
	       zone(ZONE_HIGHMEM)->free_pages;
}

HT_TEST(kmalloc_size_classes)
{
	/* each size lands in the smallest class that fits; ksize says which */
	static const struct { size_t size, class_; } t[] = {
		{ 1, 8 }, { 8, 8 }, { 9, 16 }, { 33, 64 }, { 65, 96 }, { 96, 96 },
		{ 97, 128 }, { 129, 192 }, { 193, 256 }, { 1000, 1024 }, { 4097, 8192 },
		{ 8192, 8192 },
	};

	setup();
	for (unsigned int i = 0; i < ARRAY_SIZE(t); i++) {
		void *p = kmalloc(t[i].size, GFP_KERNEL);

		ASSERT(p != NULL);
		EXPECT_EQ(ksize(p), t[i].class_);
		EXPECT(kmalloc_slab(t[i].size) != NULL);
		EXPECT_EQ(kmem_cache_size(kmalloc_slab(t[i].size)), t[i].class_);
		kfree(p);
	}
}

HT_TEST(kmalloc_alignment)
{
	/* power-of-two classes align to their size; 96 to 32, 192 to 64 */
	static const size_t sizes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096 };

	setup();
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t a = sizes[i] == 96 ? 32 : sizes[i] == 192 ? 64 : sizes[i];

		for (int k = 0; k < 5; k++) {
			void *p = kmalloc(sizes[i], GFP_KERNEL);

			ASSERT(p != NULL);
			if ((unsigned long)p % a)
				ht_fail(__FILE__, __LINE__, "kmalloc(%zu) = %p, not aligned to %zu",
					sizes[i], p, a);
		}
	}
}

HT_TEST(kmalloc_large_is_whole_pages)
{
	/* 8193 bytes: 4 pages (order 2), page aligned; kfree gives them back */
	unsigned long before;
	void *p;

	setup();
	before = free_pages_all();
	p = kmalloc(8193, GFP_KERNEL);
	ASSERT(p != NULL);
	EXPECT_EQ((unsigned long)p & 4095, 0);
	EXPECT_EQ(ksize(p), 16384);
	EXPECT_EQ(free_pages_all(), before - 4);
	kfree(p);
	EXPECT_EQ(free_pages_all(), before);
}

HT_TEST(kmalloc_zero_and_too_large)
{
	setup();
	EXPECT(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	EXPECT_EQ(ksize(ZERO_SIZE_PTR), 0);
	EXPECT(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN) == NULL);
	EXPECT(kcalloc(0x10000, 0x10000, GFP_KERNEL | __GFP_NOWARN) == NULL);	/* overflows */
}

HT_TEST(kzalloc_zeroes_a_reused_object)
{
	/* dirty an object, free it, kzalloc the same class: all zero */
	u8 *p, *q;

	setup();
	p = kmalloc(200, GFP_KERNEL);
	memset(p, 0xee, 200);
	kfree(p);
	q = kzalloc(200, GFP_KERNEL);
	ASSERT(q != NULL);
	EXPECT(memchr_inv(q, 0, 200) == NULL);
}

HT_TEST(krealloc_keeps_contents)
{
	u8 *p;

	setup();
	p = kmalloc(20, GFP_KERNEL);
	for (int i = 0; i < 20; i++)
		p[i] = (u8)i;
	p = krealloc(p, 24, GFP_KERNEL);	/* fits in 32: same block */
	p = krealloc(p, 3000, GFP_KERNEL);	/* moves */
	ASSERT(p != NULL);
	for (int i = 0; i < 20; i++)
		EXPECT_EQ(p[i], i);
	EXPECT(krealloc(p, 0, GFP_KERNEL) == ZERO_SIZE_PTR);
}

HT_TEST(kmem_cache_alloc_objects_distinct_and_aligned)
{
	/* 100 objects of 40 bytes, align 16: all distinct, aligned, writable */
	struct kmem_cache *c;
	void *obj[100];

	setup();
	c = kmem_cache_create("t40", 40, 16, 0, NULL);
	ASSERT(c != NULL);
	for (int i = 0; i < 100; i++) {
		obj[i] = kmem_cache_alloc(c, GFP_KERNEL);
		ASSERT(obj[i] != NULL);
		EXPECT_EQ((unsigned long)obj[i] % 16, 0);
		memset(obj[i], i, 40);
	}
	for (int i = 0; i < 100; i++)
		EXPECT(memchr_inv(obj[i], i, 40) == NULL);
	for (int i = 0; i < 100; i++)
		kmem_cache_free(c, obj[i]);
	kmem_cache_destroy(c);
	EXPECT_EQ(report_state.total, 0);
}

HT_TEST(kmem_cache_destroy_returns_every_page)
{
	/* create, fill several slabs, free all, destroy: the buddy gets all back */
	struct kmem_cache *c;
	unsigned long before;
	void *obj[300];

	setup();
	before = free_pages_all();
	c = kmem_cache_create("t500", 500, 0, 0, NULL);
	for (int i = 0; i < 300; i++)
		obj[i] = kmem_cache_alloc(c, GFP_KERNEL);
	EXPECT(free_pages_all() < before);
	for (int i = 0; i < 300; i++)
		kmem_cache_free(c, obj[i]);
	kmem_cache_destroy(c);
	/* the descriptor came from the cache of caches; its slab may stay */
	EXPECT(before - free_pages_all() <= 1);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		EXPECT_EQ(buddy_check_zone(zone(z)), 0);
}

HT_TEST(kmem_cache_destroy_with_objects_in_use_reported)
{
	struct kmem_cache *c;
	void *o;

	setup();
	c = kmem_cache_create("busy", 64, 0, 0, NULL);
	o = kmem_cache_alloc(c, GFP_KERNEL);
	EXPECT_REPORT(kmem_cache_destroy(c), "slab error", "cache destroyed with objects in use");
	/* the cache still works */
	kmem_cache_free(c, o);
	kmem_cache_destroy(c);
}

HT_TEST(kmem_cache_free_double_free_reported)
{
	struct kmem_cache *c;
	void *o;

	setup();
	c = kmem_cache_create("dbl", 64, 0, 0, NULL);
	o = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, o);
	EXPECT_REPORT(kmem_cache_free(c, o), "slab error", "double free");
}

HT_TEST(kmem_cache_free_wrong_cache_reported)
{
	struct kmem_cache *a, *b;
	void *o;

	setup();
	a = kmem_cache_create("a", 64, 0, 0, NULL);
	b = kmem_cache_create("b", 64, 0, 0, NULL);
	o = kmem_cache_alloc(a, GFP_KERNEL);
	EXPECT_REPORT(kmem_cache_free(b, o), "slab error", "object freed to the wrong cache");
	kmem_cache_free(a, o);
}

HT_TEST(kfree_not_a_slab_object_reported)
{
	/* the middle of an object, and a page that is no slab */
	u8 *p;

	setup();
	p = kmalloc(64, GFP_KERNEL);
	EXPECT_REPORT(kfree(p + 8), "slab error", "pointer is not a slab object");
	kfree(p);
}

HT_TEST(kmem_cache_red_zone_overwrite_reported)
{
	/* debug build: writing one byte past the object hits the red zone */
	struct kmem_cache *c;
	u8 *o;

	setup();
	c = kmem_cache_create("rz", 20, 8, SLAB_RED_ZONE, NULL);
	o = kmem_cache_alloc(c, GFP_KERNEL);
	o[20] = 0;
	EXPECT_REPORT(kmem_cache_free(c, o), "slab error", "red zone overwritten");
}

HT_TEST(kmem_cache_poison_use_after_free_reported)
{
	/* debug build: a write to a freed object is found at the next alloc */
	struct kmem_cache *c;
	u8 *o;
	void *again;

	setup();
	c = kmem_cache_create("uaf", 64, 0, SLAB_POISON, NULL);
	o = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, o);
	o[10] = 1;
	report_expect();
	again = kmem_cache_alloc(c, GFP_KERNEL);
	EXPECT(report_take(NULL, NULL) >= 1);
	EXPECT_LOG_COUNT("BUG: slab error: ", 1);
	(void)again;
}

static struct page *slab_of(const void *p)
{
	struct page *page = virt_to_page(p);

	return PageTail(page) ? page->compound_head : page;
}

HT_TEST(kmem_cache_objects_stay_inside_their_slab)
{
	/*
	 * For sizes around the page-fraction edges, with and without debug:
	 * a slab's slots fit in its pages, and two and a half slabs' worth
	 * of objects each lie inside one slab and overlap no other object.
	 */
	static const unsigned int sizes[] = { 8, 24, 100, 700, 2048, 2049, 3000, 4096, 5000, 8192 };
	static u8 *obj[64];

	setup();
	for (unsigned int i = 0; i < 2 * ARRAY_SIZE(sizes); i++) {
		unsigned int size = sizes[i / 2];
		struct kmem_cache_stats st;
		struct kmem_cache *c;
		unsigned int n;

		c = kmem_cache_create("edge", size, 0, i % 2 ? SLAB_NO_DEBUG : SLAB_DEBUG, NULL);
		ASSERT(c != NULL);
		kmem_cache_get_stats(c, &st);
		EXPECT(st.objects_per_slab >= 1);
		if (st.objects_per_slab * st.size > st.pages_per_slab * PAGE_SIZE)
			ht_fail(__FILE__, __LINE__, "size %u: %u slots of %u bytes in %u pages",
				size, st.objects_per_slab, st.size, st.pages_per_slab);
		n = min(2 * st.objects_per_slab + st.objects_per_slab / 2 + 1, (unsigned int)ARRAY_SIZE(obj));
		for (unsigned int k = 0; k < n; k++) {
			obj[k] = kmem_cache_alloc(c, GFP_KERNEL);
			ASSERT(obj[k] != NULL);
			if (slab_of(obj[k]) != slab_of(obj[k] + size - 1))
				ht_fail(__FILE__, __LINE__, "size %u: object %p runs past its slab",
					size, obj[k]);
			memset(obj[k], (int)k + 1, size);
		}
		for (unsigned int k = 0; k < n; k++) {
			if (memchr_inv(obj[k], (int)k + 1, size))
				ht_fail(__FILE__, __LINE__, "size %u: object %u overwritten", size, k);
			kmem_cache_free(c, obj[k]);
		}
		kmem_cache_destroy(c);
	}
	EXPECT_EQ(report_state.total, 0);
}
