// SPDX-License-Identifier: MIT
/*
 * How this works: the memory-management benchmark rows (`bench` option).
 *
 * One function per group of rows; each row is a BENCH_PAIR (see
 * include/kernel/bench.h) of the statements a Linux module would run to
 * measure the same thing, so the numbers can sit beside Linux 6.1's:
 *
 *   page-order0      alloc_page(GFP_KERNEL) + __free_page
 *   page-order3      alloc_pages(GFP_KERNEL, 3) + __free_pages
 *   page-highuser    alloc_page(GFP_HIGHUSER) + __free_page
 *   bulk-alloc       10,000 alloc_page(GFP_KERNEL), per page, then
 *   bulk-free        the 10,000 __free_page, per page
 *   bulk-free-shuffled  the same frees in a shuffled order (not a row of
 *                    the issue: it shows what the drain's runs are worth)
 *   kmalloc-64       kmalloc(64) + kfree           (and 1024)
 *   cache-128        kmem_cache_alloc + kmem_cache_free, 128-byte objects
 *   kmap-local-high  kmap_local_page + kunmap_local of a highmem page
 *   kmap-local-low   the same of a lowmem page
 *   kmap-atomic-high kmap_atomic + kunmap_atomic of a highmem page
 *   kmap-same        kmap + kunmap of one highmem page
 *   kmap-cycle       kmap + kunmap over 2048 highmem pages in turn: twice
 *                    the pkmap pool, so every kmap maps anew and the pool
 *                    wraps (and flushes) every 1024 maps
 *   vmalloc-64k      vmalloc(64 KiB) + vfree
 *
 * Without highmem the rows that need a highmem page print n/a.
 *
 * PTE writes are counted here, not in set_pte(), so that the normal
 * build pays nothing for them: bench_pte_mark() copies the page
 * directory entries from the vmalloc area to the top of the address
 * space and every page table they point to; bench_pte_count() compares
 * and counts the entries that changed. A table that appeared counts its
 * entries in use, one that went away counts those it had (they were
 * cleared before it was freed), and the directory entry counts as one
 * more write either way.
 */
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <kernel/bench.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

/* --- PTE writes: copies of the kernel page tables above VMALLOC_START ------ */

static struct {
	unsigned long start;	/* first address covered, PMD aligned */
	unsigned int nr;	/* page directory entries covered */
	pmd_t *pmds;		/* copies of them */
	pte_t *tables;		/* nr tables of PTRS_PER_PTE entries */
	struct page *pmd_block, *table_block;
	unsigned int pmd_order, table_order;
} snap;

static pmd_t *snap_pmd(unsigned int i)
{
	unsigned long addr = snap.start + i * PMD_SIZE;

	return pmd_offset(pgd_offset_k(addr), addr);
}

static bool snap_init(void)
{
	snap.start = VMALLOC_START & PMD_MASK;
	snap.nr = (unsigned int)((0UL - snap.start) >> PMD_SHIFT);
	snap.pmd_order = (unsigned int)get_order(snap.nr * sizeof(pmd_t));
	snap.table_order = (unsigned int)get_order((unsigned long)snap.nr * PAGE_SIZE);
	if (snap.table_order >= MAX_ORDER)
		return false;
	snap.pmd_block = alloc_pages(GFP_KERNEL, snap.pmd_order);
	snap.table_block = alloc_pages(GFP_KERNEL, snap.table_order);
	if (!snap.pmd_block || !snap.table_block)
		return false;
	snap.pmds = lowmem_page_address(snap.pmd_block);
	snap.tables = lowmem_page_address(snap.table_block);
	return true;
}

static void snap_exit(void)
{
	if (snap.pmd_block)
		__free_pages(snap.pmd_block, snap.pmd_order);
	if (snap.table_block)
		__free_pages(snap.table_block, snap.table_order);
	snap.pmd_block = snap.table_block = NULL;
}

void bench_pte_mark(void)
{
	for (unsigned int i = 0; i < snap.nr; i++) {
		pmd_t *pmd = snap_pmd(i);

		snap.pmds[i] = *pmd;
		if (pmd_present(*pmd))
			memcpy(snap.tables + i * PTRS_PER_PTE, pmd_page_vaddr(*pmd), PAGE_SIZE);
	}
}

static unsigned long entries_in_use(const pte_t *table)
{
	unsigned long n = 0;

	for (unsigned int k = 0; k < PTRS_PER_PTE; k++)
		n += !pte_none(table[k]);
	return n;
}

unsigned long bench_pte_count(void)
{
	unsigned long writes = 0;

	for (unsigned int i = 0; i < snap.nr; i++) {
		pmd_t old = snap.pmds[i], now = *snap_pmd(i);
		const pte_t *copy = snap.tables + i * PTRS_PER_PTE;

		if (pmd_val(old) != pmd_val(now))
			writes++;
		if (pmd_present(old) && pmd_present(now) &&
		    pmd_page_vaddr(old) == pmd_page_vaddr(now)) {
			const pte_t *table = pmd_page_vaddr(now);

			for (unsigned int k = 0; k < PTRS_PER_PTE; k++)
				writes += pte_val(table[k]) != pte_val(copy[k]);
		} else {
			if (pmd_present(old))
				writes += entries_in_use(copy);
			if (pmd_present(now))
				writes += entries_in_use(pmd_page_vaddr(now));
		}
	}
	bench_pte_mark();
	return writes;
}

/* --- the page allocator ---------------------------------------------------- */

static void bench_pages(void)
{
	struct page *p;

	BENCH_PAIR("page-order0", p = alloc_page(GFP_KERNEL), __free_page(p));
	BENCH_PAIR("page-order3", p = alloc_pages(GFP_KERNEL, 3), __free_pages(p, 3));
	BENCH_PAIR("page-highuser", p = alloc_page(GFP_HIGHUSER), __free_page(p));
}

#define BULK	10000

/*
 * Not a row of the issue: the same 10,000 frees in a shuffled order
 * (seeded, so every boot shuffles alike). The per-CPU drain frees runs of
 * consecutive pages as whole blocks; freed in allocation order the
 * drained batches are such runs, shuffled they are not, and each page
 * merges on its own. This row shows what that costs.
 */
static void bench_bulk_shuffled(struct page **pages)
{
	struct bench_result r = { .id = "bulk-free-shuffled", .iters = BULK };
	struct rnd_state rnd;
	u32 i, t;

	for (i = 0; i < BULK; i++)
		pages[i] = alloc_page(GFP_KERNEL);
	prandom_seed_state(&rnd, 0xbe4c);
	for (i = BULK - 1; i > 0; i--) {	/* Fisher-Yates */
		u32 j = prandom_u32_below(&rnd, i + 1);
		struct page *tmp = pages[i];

		pages[i] = pages[j];
		pages[j] = tmp;
	}
	bench_tlb_begin(&r);
	t = bench_clock();
	for (i = 0; i < BULK; i++) {
		__free_page(pages[i]);
		barrier();
	}
	r.total = bench_clock() - t;
	bench_tlb_end(&r);
	bench_report(&r);
}

/*
 * 10,000 allocations, then 10,000 frees in the same order: refills and
 * drains of the per-CPU lists are in the numbers, amortised per page.
 */
static void bench_bulk(void)
{
	struct bench_result ra = { .id = "bulk-alloc", .iters = BULK };
	struct bench_result rf = { .id = "bulk-free", .iters = BULK };
	unsigned int order = (unsigned int)get_order(BULK * sizeof(struct page *));
	struct page *block = alloc_pages(GFP_KERNEL, order), **pages;
	u32 i, t;

	if (!block) {
		bench_na("bulk-alloc", "no memory for the page array");
		bench_na("bulk-free", "no memory for the page array");
		return;
	}
	pages = lowmem_page_address(block);

	/* warm-up: one round */
	for (i = 0; i < BULK; i++)
		pages[i] = alloc_page(GFP_KERNEL);
	for (i = 0; i < BULK; i++)
		__free_page(pages[i]);

	bench_tlb_begin(&ra);
	t = bench_clock();
	for (i = 0; i < BULK; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		barrier();
	}
	ra.total = bench_clock() - t;
	bench_tlb_end(&ra);
	bench_tlb_begin(&rf);
	t = bench_clock();
	for (i = 0; i < BULK; i++) {
		__free_page(pages[i]);
		barrier();
	}
	rf.total = bench_clock() - t;
	bench_tlb_end(&rf);

	/* the same round again, each operation bracketed on its own */
	for (i = 0; i < BULK; i++) {
		t = bench_clock();
		pages[i] = alloc_page(GFP_KERNEL);
		bench_samples[i] = bench_clock() - t;
	}
	ra.samples = bench_samples;
	ra.nr_samples = BULK;
	bench_pte_mark();
	for (i = 0; i < BENCH_PTE_ITERS; i++)
		__free_page(pages[i]);
	rf.ptes = bench_pte_count();
	rf.pte_iters = BENCH_PTE_ITERS;
	for (i = 0; i < BENCH_PTE_ITERS; i++)
		pages[i] = alloc_page(GFP_KERNEL);
	ra.ptes = bench_pte_count();
	ra.pte_iters = BENCH_PTE_ITERS;
	bench_report(&ra);

	for (i = 0; i < BULK; i++) {
		t = bench_clock();
		__free_page(pages[i]);
		bench_samples[i] = bench_clock() - t;
	}
	rf.samples = bench_samples;
	rf.nr_samples = BULK;
	bench_report(&rf);
	bench_bulk_shuffled(pages);
	__free_pages(block, order);
}

/* --- slab and kmalloc ------------------------------------------------------ */

static void bench_slab(void)
{
	struct kmem_cache *c;
	void *o;

	BENCH_PAIR("kmalloc-64", o = kmalloc(64, GFP_KERNEL), kfree(o));
	BENCH_PAIR("kmalloc-1024", o = kmalloc(1024, GFP_KERNEL), kfree(o));
	c = kmem_cache_create("bench-128", 128, 0, 0, NULL);
	if (!c) {
		bench_na("cache-128", "kmem_cache_create failed");
		return;
	}
	BENCH_PAIR("cache-128", o = kmem_cache_alloc(c, GFP_KERNEL), kmem_cache_free(c, o));
	kmem_cache_destroy(c);
}

/* --- kmap_local, kmap_atomic, kmap ---------------------------------------- */

#define CYCLE	2048	/* twice LAST_PKMAP: the pool wraps twice per round */

static void bench_kmap_cycle(void)
{
	struct page **pages = kmalloc(CYCLE * sizeof(*pages), GFP_KERNEL);
	unsigned int i, k = 0;
	void *a = NULL;

	if (!pages) {
		bench_na("kmap-cycle", "no memory for the page array");
		return;
	}
	for (i = 0; i < CYCLE; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		if (!pages[i] || !PageHighMem(pages[i])) {
			bench_na("kmap-cycle", "fewer than 2048 free highmem pages");
			goto out;
		}
	}
	/* PTE writes over a whole cycle: the wrap-around flushes are in it */
	BENCH_PAIR_PTES("kmap-cycle", CYCLE, a = kmap(pages[k]),
			(kunmap(pages[k]), k = (k + 1) % CYCLE));
out:
	while (i-- > 0)
		if (pages[i])
			__free_page(pages[i]);
	kfree(pages);
	(void)a;
}

static void bench_kmap(void)
{
	struct page *high = alloc_page(GFP_HIGHUSER), *low = alloc_page(GFP_KERNEL);
	void *a = NULL;

	if (!low)
		return;
	BENCH_PAIR("kmap-local-low", a = kmap_local_page(low), kunmap_local(a));
	if (!high || !PageHighMem(high)) {
		bench_na("kmap-local-high", "no highmem");
		bench_na("kmap-atomic-high", "no highmem");
		bench_na("kmap-same", "no highmem");
		bench_na("kmap-cycle", "no highmem");
	} else {
		BENCH_PAIR("kmap-local-high", a = kmap_local_page(high), kunmap_local(a));
		BENCH_PAIR("kmap-atomic-high", a = kmap_atomic(high), kunmap_atomic(a));
		BENCH_PAIR("kmap-same", a = kmap(high), kunmap(high));
		bench_kmap_cycle();
	}
	if (high)
		__free_page(high);
	__free_page(low);
	(void)a;
}

/* --- vmalloc ---------------------------------------------------------------- */

static void bench_vmalloc(void)
{
	void *a;

	BENCH_PAIR("vmalloc-64k", a = vmalloc(64 << 10), vfree(a));
}

void bench_mm_run(void)
{
	if (!snap_init()) {
		pr_err("bench: no memory for the page-table copies\n");
		snap_exit();
		return;
	}
	bench_pages();
	bench_bulk();
	bench_slab();
	bench_kmap();
	bench_vmalloc();
	snap_exit();
}
