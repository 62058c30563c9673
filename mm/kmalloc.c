// SPDX-License-Identifier: MIT
/*
 * How this works: kmalloc, memory by size.
 *
 * kmalloc() is thirteen slab caches, one per size class, and the page
 * allocator behind them:
 *
 *   index   1   2   3   4   5   6   7    8    9   10   11   12   13
 *   size   96 192   8  16  32  64 128  256  512   1K   2K   4K   8K
 *
 * A power-of-two class N has index log2(N) and objects aligned to N;
 * 96 and 192 (indexes 1 and 2, unused by powers of two) cut the waste
 * of a 65..96 or 129..192 byte request from up to 49% to up to 33%.
 *
 * Alloc path: sizes 1..192 find their class in size_index[], one byte
 * per 8 bytes of size ((size - 1) / 8: 1..8 -> 8, 9..16 -> 16, 17..32
 * -> 32, ... 65..96 -> 96); larger ones up to 8 KiB by the highest set
 * bit of size - 1 (300 - 1 = 0x12b, bit 8 -> 512). Then the cache's
 * allocation fast path, inline (slab_alloc(): a pop of the CPU slab's
 * free list, mm/slab_internal.h). Anything larger (and __GFP_DMA
 * requests, as there are no DMA caches) takes 2^order whole pages from
 * alloc_pages(); the first page gets PG_head, the order in private and
 * freelist = &large_kmalloc_tag, which no other page has.
 *
 * Free path: kfree() looks at virt_to_page(p). A slab page (the common
 * case, one flags test) sends p to its cache, inline (slab_free(): a push
 * on the CPU free list when p is in the CPU slab); a large-kmalloc head page
 * whose address is p goes back to the buddy allocator; anything else is
 * reported and ignored.
 *
 * Invariants: everything kmalloc() returns is lowmem (a direct-map
 * address); ksize(p) >= the size asked for; kfree() accepts NULL,
 * ZERO_SIZE_PTR and every pointer kmalloc() returned.
 *
 * Against Linux: no DMA or reclaimable cache variants, no per-request
 * size tracking (a 13-byte request's 3 spare bytes are not red-zoned),
 * and large allocations do not mark their tail pages.
 */
#include <kernel/bug.h>
#include <kernel/compiler.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "slab_internal.h"

static struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];

/* The class of sizes 1..192, by (size - 1) / 8 (see the essay). */
static const u8 size_index[24] = {
	3,			/*   1..8   */
	4,			/*   9..16  */
	5, 5,			/*  17..32  */
	6, 6, 6, 6,		/*  33..64  */
	1, 1, 1, 1,		/*  65..96  */
	7, 7, 7, 7,		/*  97..128 */
	2, 2, 2, 2, 2, 2, 2, 2,	/* 129..192 */
};

static const char *const kmalloc_names[KMALLOC_SHIFT_HIGH + 1] = {
	[1] = "kmalloc-96", [2] = "kmalloc-192",
	[3] = "kmalloc-8", [4] = "kmalloc-16", [5] = "kmalloc-32", [6] = "kmalloc-64",
	[7] = "kmalloc-128", [8] = "kmalloc-256", [9] = "kmalloc-512", [10] = "kmalloc-1024",
	[11] = "kmalloc-2048", [12] = "kmalloc-4096", [13] = "kmalloc-8192",
};

/* The tag in a large allocation's head page (see the essay). */
static const char large_kmalloc_tag;

/* Size class index of @size, 1..KMALLOC_MAX_CACHE_SIZE. */
static inline unsigned int kmalloc_index(size_t size)
{
	if (size <= 192)
		return size_index[(size - 1) / 8];
	return 32 - __builtin_clz(size - 1);	/* 193..256 -> 8, 257..512 -> 9 */
}

struct kmem_cache *kmalloc_slab(size_t size)
{
	if (!size || size > KMALLOC_MAX_CACHE_SIZE)
		return NULL;
	return kmalloc_caches[kmalloc_index(size)];
}

static inline bool PageLargeKmalloc(const struct page *page)
{
	return PageHead(page) && !PageSlab(page) && page->freelist == &large_kmalloc_tag;
}

/* More than a size class holds, or from ZONE_DMA: whole pages. */
static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = (unsigned int)get_order(size);
	struct page *page;

	page = alloc_pages(gfp & ~(__GFP_HIGHMEM | __GFP_COMP), order);
	if (!page)
		return NULL;
	BUG_ON(PageHighMem(page));
	set_page_flag(page, PG_head);
	page->private = order;
	page->freelist = (void *)&large_kmalloc_tag;
	return lowmem_page_address(page);
}

static void kfree_large(struct page *page)
{
	unsigned int order = page->private;

	clear_page_flag(page, PG_head);
	page->freelist = NULL;
	__free_pages(page, order);
}

/* Everything but a 1..8192-byte request without zone modifiers. */
static noinline void *kmalloc_slow(size_t size, gfp_t gfp)
{
	if (!size)
		return ZERO_SIZE_PTR;
	if (WARN_ON_ONCE(gfp & __GFP_HIGHMEM))
		gfp &= ~__GFP_HIGHMEM;	/* the caller needs an address */
	if (size > KMALLOC_MAX_SIZE) {
		if (!(gfp & __GFP_NOWARN))
			WARN(1, "kmalloc(%zu): more than the largest block, %lu bytes", size,
			     KMALLOC_MAX_SIZE);
		return NULL;
	}
	if (size > KMALLOC_MAX_CACHE_SIZE || (gfp & __GFP_DMA))
		return kmalloc_large(size, gfp);
	return kmem_cache_alloc(kmalloc_caches[kmalloc_index(size)], gfp);
}

/*
 * The fast path: a size class, no zone modifier, no zeroing (one flags
 * test for all three; kmalloc_slow() serves __GFP_ZERO through
 * kmem_cache_alloc()). slab_alloc_nozero() reports a blocking @gfp from atomic
 * context (might_sleep_if()) and pops the CPU free list with interrupts
 * off.
 */
void *kmalloc(size_t size, gfp_t gfp)
{
	/* size - 1 wraps for 0, so one comparison excludes 0 and > 8 KiB */
	if (likely(size - 1 < KMALLOC_MAX_CACHE_SIZE &&
		   !(gfp & (__GFP_HIGHMEM | __GFP_DMA | __GFP_ZERO))))
		return slab_alloc_nozero(kmalloc_caches[kmalloc_index(size)], gfp);
	return kmalloc_slow(size, gfp);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, gfp | __GFP_ZERO);
}

/* kfree() of anything but an object in a slab's first page. */
static noinline void kfree_slow(const void *p)
{
	static const char reason[] = "pointer is not a slab object";
	struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return;
	if (!virt_addr_valid(p))
		goto bad;
	page = virt_to_page(p);
	if (PageTail(page)) {
		page = page->compound_head;
		if (PageSlab(page)) {
			slab_free(page->slab_cache, page, (void *)p);
			return;
		}
	}
	if (PageLargeKmalloc(page) && p == lowmem_page_address(page)) {
		kfree_large(page);
		return;
	}
bad:
	report_misuse("slab error", reason);
	if (virt_addr_valid(p)) {
		page = virt_to_page(p);
		pr_err("  kfree(%p): page pfn 0x%lx, flags 0x%lx, refcount %d: not a slab object "
		       "or the start of a large kmalloc\n", p, page_to_pfn(page), page->flags,
		       page_count(page));
	} else {
		pr_err("  kfree(%p): outside the direct map\n", p);
	}
}

/*
 * The fast path: one subtraction gives the lowmem frame, one compare
 * proves p is in the direct map (NULL, ZERO_SIZE_PTR and every address
 * below PAGE_OFFSET wrap to a frame past max_low_pfn), and one bit finds
 * a slab's first page: PG_slab is set only there (mark_slab_pages(); a
 * later page of the slab has PG_tail instead, and goes to kfree_slow()).
 */
void kfree(const void *p)
{
	unsigned long pfn = ((unsigned long)p - PAGE_OFFSET) >> PAGE_SHIFT;
	struct page *page;

	if (likely(pfn < max_low_pfn)) {
		page = pfn_to_page(pfn);
		if (likely(PageSlab(page))) {
			slab_free(page->slab_cache, page, (void *)p);
			return;
		}
	}
	kfree_slow(p);
}

size_t ksize(const void *p)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return 0;
	if (WARN(!virt_addr_valid(p), "ksize(%p): not a kmalloc address", p))
		return 0;
	page = virt_to_page(p);
	if (PageTail(page))
		page = page->compound_head;
	if (PageSlab(page))
		return page->slab_cache->object_size;
	if (PageLargeKmalloc(page))
		return PAGE_SIZE << page->private;
	WARN(1, "ksize(%p): not a kmalloc address", p);
	return 0;
}

void *krealloc(const void *p, size_t new_size, gfp_t gfp)
{
	size_t old;
	void *q;

	if (ZERO_OR_NULL_PTR(p))
		return kmalloc(new_size, gfp);
	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	old = ksize(p);
	if (!old)
		return NULL;		/* not ours: ksize() warned */
	if (new_size <= old)
		return (void *)p;
	q = kmalloc(new_size, gfp);
	if (!q)
		return NULL;
	memcpy(q, p, old);
	kfree(p);
	return q;
}

void kmalloc_init(void)
{
	/* In size order, so slabinfo lists them so: index, size, alignment. */
	static const struct { u8 index; u16 size, align; } classes[] = {
		{ 3, 8, 8 }, { 4, 16, 16 }, { 5, 32, 32 }, { 6, 64, 64 }, { 1, 96, 32 },
		{ 7, 128, 128 }, { 2, 192, 64 }, { 8, 256, 256 }, { 9, 512, 512 },
		{ 10, 1024, 1024 }, { 11, 2048, 2048 }, { 12, 4096, 4096 }, { 13, 8192, 8192 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(classes); i++)
		kmalloc_caches[classes[i].index] =
			kmem_cache_create(kmalloc_names[classes[i].index], classes[i].size,
					  classes[i].align, SLAB_PANIC | __SLAB_PERMANENT,
					  NULL);
}
