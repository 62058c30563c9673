// SPDX-License-Identifier: MIT
/*
 * Self-tests of the highmem mappings: suites "kmap_local" (the per-CPU
 * slot stack, kmap_atomic, clear_highpage) and "pkmap" (kmap/kunmap).
 *
 * Pictures. The kmap_local stack is drawn bottom first, each slot with
 * the page it maps: [0: A, 1: B] is two slots in use, B on top. A pkmap
 * entry is drawn with its count: e:3 = two users, e:1 = mapped, no
 * users, awaiting the wrap-around flush, e:0 = unused.
 *
 * Every page a case allocates goes through test_page(), which records
 * it; the exit hook undoes whatever the case left mapped (however it
 * ended), frees those pages and checks that every zone has exactly the
 * free pages it had when the case began: no case leaks a page.
 *
 * Cases that need highmem skip on a machine without any (-m 128M); the
 * pool cases need LAST_PKMAP + 1 highmem pages (-m 1G has plenty).
 */
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>
#include <kernel/ktest.h>
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include "mm_test.h"

/* --- fixture: owned pages, cleanup, leak check ----------------------------- */

#define MAX_OWNED	(LAST_PKMAP + 8)

static struct page *owned[MAX_OWNED];
static unsigned int nr_owned;
static unsigned long free_at_start[MAX_NR_ZONES];

static void hm_case_init(struct ktest *t)
{
	nr_owned = 0;
	zone_free_snapshot(free_at_start);
}

static void hm_case_exit(struct ktest *t)
{
	/* A case that stopped half-way may have left mappings: undo them. */
	while (kmap_local_depth())
		kunmap_local((void *)kmap_local_slot_addr(kmap_local_depth() - 1));
	preempt_count_set(0);
	current->pagefault_disabled = 0;
	for (unsigned int i = 0; i < nr_owned; i++) {
		struct page *p = owned[i];

		while (PageHighMem(p) && page_address(p) &&
		       pkmap_users((unsigned long)page_address(p)) > 0)
			kunmap(p);
		__free_page(p);
	}
	nr_owned = 0;

	KTEST_EXPECT_ZONES_FREE(t, free_at_start);
}

static bool have_highmem(unsigned long pages)
{
	const struct zone *hz = &contig_page_data.node_zones[ZONE_HIGHMEM];

	return hz->free_pages >= pages + hz->watermark[WMARK_MIN];
}

/* A page from @gfp's zones, owned by the case (freed by the exit hook). */
static struct page *test_page(struct ktest *t, gfp_t gfp)
{
	struct page *p;

	KTEST_ASSERT_TRUE(t, nr_owned < MAX_OWNED);
	p = alloc_page(gfp | __GFP_NOWARN);
	KTEST_ASSERT_NOT_NULL(t, p);
	owned[nr_owned++] = p;
	return p;
}

/* A highmem page; skips the case on a machine that has too few. */
static struct page *highmem_page(struct ktest *t)
{
	struct page *p;

	if (!have_highmem(1))
		ktest_skip(t, "no highmem on this machine (boot with -m 1G or more)");
	p = test_page(t, GFP_HIGHUSER);
	KTEST_ASSERT_TRUE(t, PageHighMem(p));
	return p;
}

/* A highmem page that is in no pkmap entry (not even one awaiting flush). */
static struct page *unmapped_highmem_page(struct ktest *t)
{
	for (int tries = 0; tries < 8; tries++) {
		struct page *p = highmem_page(t);

		if (!page_address(p))
			return p;
	}
	KTEST_ASSERT_TRUE(t, !"8 highmem pages in a row are still in the pkmap pool");
	return NULL;
}

/* Fill @p with the 32-bit @tag (through a kmap_local mapping). */
static void fill_page(struct page *p, u32 tag)
{
	u32 *v = kmap_local_page(p);

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		v[i] = tag ^ i;
	kunmap_local(v);
}

/* Does the page at @v hold what fill_page(@tag) wrote? */
static bool page_holds(const void *v, u32 tag)
{
	const u32 *w = v;

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		if (w[i] != (tag ^ i))
			return false;
	return true;
}

/* Read a word at @addr, expecting a fault; @fc says what happened. */
static noinline void read_catching(struct fault_catch *fc, unsigned long addr)
{
	if (catch_fault(fc))
		(void)*(volatile u32 *)addr;
	end_catch_fault(fc);
}

static pte_t slot_pte(int slot)
{
	return *lookup_pte_k(kmap_local_slot_addr(slot));
}

/* --- kmap_local ------------------------------------------------------------- */

/*
 * before: []                  a lowmem page L
 * after kmap_local_page(L):   []   (its direct-map address, no PTE, no invlpg)
 */
static void kmap_local_page_lowmem_takes_no_slot(struct ktest *t)
{
	struct page *low = test_page(t, GFP_KERNEL);
	unsigned long invlpg = this_cpu_ptr(tlb_stats)->flush_one, reports = report_state.total;
	pte_t before = slot_pte(0);
	void *v = kmap_local_page(low);

	KTEST_EXPECT_PTR_EQ(t, v, lowmem_page_address(low));
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
	KTEST_EXPECT_EQ(t, pte_val(slot_pte(0)), pte_val(before));
	KTEST_EXPECT_EQ(t, this_cpu_ptr(tlb_stats)->flush_one, invlpg);
	kunmap_local(v);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
	KTEST_EXPECT_EQ(t, report_state.total, reports);
}

/*
 * before: []   slot 0's PTE clear
 * map H:  [0: H]   slot 0's PTE -> pfn(H), no invlpg (the PTE was clear), no CR3 reload
 * unmap:  []       PTE clear again, exactly one invlpg
 */
static void kmap_local_page_highmem_uses_slot0(struct ktest *t)
{
	struct page *h = highmem_page(t);
	unsigned long invlpg = this_cpu_ptr(tlb_stats)->flush_one, cr3 = this_cpu_ptr(tlb_stats)->flush_all;
	char *v;

	KTEST_ASSERT_EQ(t, kmap_local_depth(), 0);
	KTEST_EXPECT_TRUE(t, pte_none(slot_pte(0)));
	v = kmap_local_page(h);
	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_EQ(t, (unsigned long)v, kmap_local_slot_addr(0));
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 1);
	KTEST_EXPECT_EQ(t, pte_pfn(slot_pte(0)), page_to_pfn(h));
	KTEST_EXPECT_EQ(t, this_cpu_ptr(tlb_stats)->flush_one, invlpg);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(tlb_stats)->flush_all, cr3);
	if (!ktest_on_host())			/* the host cannot map slot 0 */
		v[PAGE_SIZE - 1] = 0x5a;	/* the whole page is writable */
	kunmap_local(v + 123);			/* any address inside the page will do */
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
	KTEST_EXPECT_TRUE(t, pte_none(slot_pte(0)));
	KTEST_EXPECT_EQ(t, this_cpu_ptr(tlb_stats)->flush_one, invlpg + 1);
}

/*
 * A and B filled through kmap() (so slot 0 is not involved), slot 0's
 * TLB entry dropped: then
 * [0: A] -> read A (the TLB now holds slot 0 -> A) -> [] -> [0: B] ->
 * read B at the same address. The map does no invlpg, so B shows only
 * because kunmap_local() flushed slot 0: without that flush the TLB
 * would still translate slot 0 to A and the read would see A. Nothing
 * runs between the reads (the checks come after), so no other mapping
 * can evict the stale entry first.
 */
static void fill_page_kmap(struct page *p, u32 tag)
{
	u32 *v = kmap(p);

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		v[i] = tag ^ i;
	kunmap(p);
}

static void kmap_local_remap_slot_shows_new_page(struct ktest *t)
{
	struct page *a = highmem_page(t), *b = highmem_page(t);
	bool saw_a, saw_b;
	void *va, *vb;

	ktest_needs_mmu(t);
	KTEST_ASSERT_EQ(t, kmap_local_depth(), 0);
	fill_page_kmap(a, 0xaaaa0000);
	fill_page_kmap(b, 0xbbbb0000);
	__flush_tlb_one(kmap_local_slot_addr(0));
	va = kmap_local_page(a);
	saw_a = page_holds(va, 0xaaaa0000);
	kunmap_local(va);
	vb = kmap_local_page(b);
	saw_b = page_holds(vb, 0xbbbb0000);
	kunmap_local(vb);
	KTEST_EXPECT_TRUE(t, saw_a);
	KTEST_EXPECT_PTR_EQ(t, vb, va);
	KTEST_EXPECT_TRUE(t, saw_b);
}

/*
 * [] -> [0: P0, 1: P1, ..., 15: P15] (each slot shows its own page)
 *    -> unmapped 15, 14, ..., 0 -> []
 */
static void kmap_local_nested_to_limit_and_back(struct ktest *t)
{
	struct page *p[KM_MAX_IDX];
	void *v[KM_MAX_IDX];
	int i;

	ktest_needs_mmu(t);
	for (i = 0; i < KM_MAX_IDX; i++) {
		p[i] = highmem_page(t);
		fill_page(p[i], 0x1000u * i);
	}
	for (i = 0; i < KM_MAX_IDX; i++) {
		v[i] = kmap_local_page(p[i]);
		KTEST_ASSERT_NOT_NULL(t, v[i]);
		KTEST_EXPECT_EQ(t, (unsigned long)v[i], kmap_local_slot_addr(i));
		KTEST_EXPECT_EQ(t, kmap_local_depth(), i + 1);
	}
	if (IS_ENABLED(CONFIG_DEBUG_VM))	/* counted in debug builds only */
		KTEST_EXPECT_GE(t, this_cpu_ptr(kmap_stats)->local_max_depth, KM_MAX_IDX);
	for (i = 0; i < KM_MAX_IDX; i++)
		KTEST_EXPECT_TRUE(t, page_holds(v[i], 0x1000u * i));
	for (i = KM_MAX_IDX - 1; i >= 0; i--) {
		kunmap_local(v[i]);
		KTEST_EXPECT_EQ(t, kmap_local_depth(), i);
		KTEST_EXPECT_TRUE(t, pte_none(slot_pte(i)));
	}
}

/*
 * [0: A, 1: B]; kunmap_local(a) is reported and changes nothing;
 * then b, a in the right order -> []
 */
static void kmap_local_unmap_out_of_order_reported(struct ktest *t)
{
	struct page *pa = highmem_page(t), *pb = highmem_page(t);
	void *a = kmap_local_page(pa);
	void *b = kmap_local_page(pb);

	KTEST_EXPECT_REPORT(t, kunmap_local(a), "kmap_local", "unmap out of order");
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 2);
	KTEST_EXPECT_EQ(t, pte_pfn(slot_pte(0)), page_to_pfn(pa));	/* a still mapped */
	kunmap_local(b);
	kunmap_local(a);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
}

/* [0..15 all in use]; a 17th kmap_local_page() is reported and returns NULL */
static void kmap_local_overflow_reported(struct ktest *t)
{
	struct page *h = highmem_page(t);
	void *v[KM_MAX_IDX], *extra = (void *)1;
	int i;

	for (i = 0; i < KM_MAX_IDX; i++)
		v[i] = kmap_local_page(h);	/* the same page in every slot is fine */
	KTEST_EXPECT_REPORT(t, extra = kmap_local_page(h), "kmap_local", "slot stack overflow");
	KTEST_EXPECT_NULL(t, extra);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), KM_MAX_IDX);
	for (i = KM_MAX_IDX - 1; i >= 0; i--)
		kunmap_local(v[i]);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
}

/* []: unmapping slot 0 is reported; so is unmapping [0: H] twice */
static void kmap_local_underflow_reported(struct ktest *t)
{
	void *slot0 = (void *)kmap_local_slot_addr(0);
	struct page *h;
	void *v;

	KTEST_ASSERT_EQ(t, kmap_local_depth(), 0);
	KTEST_EXPECT_REPORT(t, kunmap_local(slot0), "kmap_local", "unmap with no mapping");
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);

	h = highmem_page(t);
	v = kmap_local_page(h);
	kunmap_local(v);
	KTEST_EXPECT_REPORT(t, kunmap_local(v), "kmap_local", "unmap with no mapping");
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
}

/* []: slot 1's address is not mapped; reading it faults, named */
static void kmap_local_unused_slot_faults(struct ktest *t)
{
	unsigned long addr = kmap_local_slot_addr(1);
	struct fault_catch fc;

	ktest_needs_mmu(t);
	KTEST_ASSERT_EQ(t, kmap_local_depth(), 0);
	read_catching(&fc, addr);
	KTEST_ASSERT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.cr2, addr);
	KTEST_EXPECT_STREQ(t, fc.area, "an unused kmap_local slot");
}

/*
 * DEBUG_KMAP_LOCAL_GUARD: [0: A, 1: B] with an unmapped page between.
 * Running off the end of B faults on the guard; A is untouched.
 */
static void kmap_local_guard_slot_faults(struct ktest *t)
{
	struct page *pa, *pb;
	struct fault_catch fc;
	char *a, *b;

	if (!IS_ENABLED(CONFIG_DEBUG_KMAP_LOCAL_GUARD))
		ktest_skip(t, "built without CONFIG_DEBUG_KMAP_LOCAL_GUARD (DEBUG_VM=0)");
	ktest_needs_mmu(t);
	pa = highmem_page(t);
	pb = highmem_page(t);
	fill_page(pa, 0xa0a00000);
	a = kmap_local_page(pa);
	b = kmap_local_page(pb);
	KTEST_EXPECT_EQ(t, (unsigned long)a - (unsigned long)b, 2 * PAGE_SIZE);
	if (catch_fault(&fc))
		memset(b, 0xee, 2 * PAGE_SIZE);		/* one page too many */
	end_catch_fault(&fc);
	KTEST_EXPECT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.cr2, (unsigned long)b + PAGE_SIZE);
	KTEST_EXPECT_STREQ(t, fc.area, "a kmap_local guard slot");
	KTEST_EXPECT_TRUE(t, page_holds(a, 0xa0a00000));
	kunmap_local(b);
	kunmap_local(a);
}

/* preempt_count, pagefault_disabled: 0 -> 2 (two nested) -> 1 -> 0 */
static void kmap_atomic_raises_counters(struct ktest *t)
{
	struct page *p = test_page(t, GFP_HIGHUSER);	/* highmem or not: same rule */
	void *a, *b;

	KTEST_ASSERT_EQ(t, preempt_count(), 0);
	a = kmap_atomic(p);
	b = kmap_atomic(p);
	KTEST_EXPECT_EQ(t, preempt_count(), 2);
	KTEST_EXPECT_EQ(t, current->pagefault_disabled, 2);
	kunmap_atomic(b);
	KTEST_EXPECT_EQ(t, preempt_count(), 1);
	KTEST_EXPECT_EQ(t, current->pagefault_disabled, 1);
	kunmap_atomic(a);
	KTEST_EXPECT_EQ(t, preempt_count(), 0);
	KTEST_EXPECT_EQ(t, current->pagefault_disabled, 0);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
}

/* counters 0: kunmap_atomic() is reported, the counters stay 0 */
static void kunmap_atomic_without_kmap_atomic_reported(struct ktest *t)
{
	struct page *p = test_page(t, GFP_KERNEL);

	KTEST_EXPECT_REPORT(t, kunmap_atomic(page_address(p)), "kmap_atomic",
			    "kunmap_atomic without kmap_atomic");
	KTEST_EXPECT_EQ(t, preempt_count(), 0);
	KTEST_EXPECT_EQ(t, current->pagefault_disabled, 0);
}

/* a highmem page full of 0xff -> clear_highpage -> all zero, [] after */
static void clear_highpage_zeroes_highmem_page(struct ktest *t)
{
	struct page *h;
	void *v;

	ktest_needs_mmu(t);
	h = highmem_page(t);
	v = kmap_local_page(h);
	memset(v, 0xff, PAGE_SIZE);
	kunmap_local(v);
	clear_highpage(h);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
	v = kmap_local_page(h);
	KTEST_EXPECT_NULL(t, memchr_inv(v, 0, PAGE_SIZE));
	kunmap_local(v);
}

static const struct ktest_case kmap_local_cases[] = {
	KTEST_CASE(kmap_local_page_lowmem_takes_no_slot),
	KTEST_CASE(kmap_local_page_highmem_uses_slot0),
	KTEST_CASE(kmap_local_remap_slot_shows_new_page),
	KTEST_CASE(kmap_local_nested_to_limit_and_back),
	KTEST_CASE(kmap_local_unmap_out_of_order_reported),
	KTEST_CASE(kmap_local_overflow_reported),
	KTEST_CASE(kmap_local_underflow_reported),
	KTEST_CASE(kmap_local_unused_slot_faults),
	KTEST_CASE(kmap_local_guard_slot_faults),
	KTEST_CASE(kmap_atomic_raises_counters),
	KTEST_CASE(kunmap_atomic_without_kmap_atomic_reported),
	KTEST_CASE(clear_highpage_zeroes_highmem_page),
	{}
};
KTEST_SUITE(kmap_local) = {
	.name = "kmap_local", .cases = kmap_local_cases,
	.init = hm_case_init, .exit = hm_case_exit,
};

/* --- pkmap ------------------------------------------------------------------ */

/* a lowmem page: kmap() is its direct-map address, no entry, no counters */
static void kmap_lowmem_returns_direct_map(struct ktest *t)
{
	struct page *low = test_page(t, GFP_KERNEL);
	struct kmap_stats before = *this_cpu_ptr(kmap_stats);

	KTEST_EXPECT_PTR_EQ(t, kmap(low), lowmem_page_address(low));
	kunmap(low);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(kmap_stats)->maps, before.maps);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(kmap_stats)->unmaps, before.unmaps);
}

/*
 * page H, not mapped:  page_address(H) == NULL
 * kmap(H) twice:       one entry e:3 (2 users); the second call is a hash hit
 * kunmap(H) twice:     e:1 -- no users, but still mapped and hashed
 * kmap(H) again:       the same entry, e:2, no new mapping
 */
static void kmap_same_page_shares_entry(struct ktest *t)
{
	struct page *h = unmapped_highmem_page(t);
	struct kmap_stats before = *this_cpu_ptr(kmap_stats);
	unsigned long v1, v2;

	KTEST_EXPECT_NULL(t, page_address(h));
	v1 = (unsigned long)kmap(h);
	v2 = (unsigned long)kmap(h);
	KTEST_ASSERT_NE(t, v1, 0);
	KTEST_EXPECT_EQ(t, v2, v1);
	KTEST_EXPECT_TRUE(t, v1 >= PKMAP_BASE && v1 < PKMAP_ADDR(LAST_PKMAP));
	KTEST_EXPECT_EQ(t, pkmap_users(v1), 2);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(kmap_stats)->maps, before.maps + 1);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(kmap_stats)->hash_hits, before.hash_hits + 1);
	KTEST_EXPECT_EQ(t, (unsigned long)page_address(h), v1);
	KTEST_EXPECT_EQ(t, pte_pfn(*lookup_pte_k(v1)), page_to_pfn(h));

	kunmap(h);
	kunmap(h);
	KTEST_EXPECT_EQ(t, pkmap_users(v1), 0);
	KTEST_EXPECT_EQ(t, (unsigned long)page_address(h), v1);
	KTEST_EXPECT_EQ(t, pte_pfn(*lookup_pte_k(v1)), page_to_pfn(h));	/* kept until the wrap */
	KTEST_EXPECT_EQ(t, (unsigned long)kmap(h), v1);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(kmap_stats)->maps, before.maps + 1);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(kmap_stats)->hash_hits, before.hash_hits + 2);
	kunmap(h);
}

/* written through kmap_local_page(), read back through kmap() */
static void kmap_reads_data_written_by_kmap_local(struct ktest *t)
{
	struct page *h = highmem_page(t);
	void *v;

	ktest_needs_mmu(t);
	fill_page(h, 0x10ca1000);
	v = kmap(h);
	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_TRUE(t, page_holds(v, 0x10ca1000));
	kunmap(h);
}

/* Allocate LAST_PKMAP + 1 highmem pages (skip if there are too few). */
static void pool_pages(struct ktest *t, struct page **p)
{
	if (!have_highmem(LAST_PKMAP + 1))
		ktest_skip(t, "needs 1025 free highmem pages (boot with -m 1G or more)");
	for (int i = 0; i <= LAST_PKMAP; i++) {
		p[i] = test_page(t, GFP_HIGHUSER);
		KTEST_ASSERT_TRUE(t, PageHighMem(p[i]));
	}
}

/* kmap() each of the first LAST_PKMAP pages: every entry in use, all distinct */
static void fill_pool(struct ktest *t, struct page **p)
{
	static bool seen[LAST_PKMAP];

	memset(seen, 0, sizeof(seen));
	for (int i = 0; i < LAST_PKMAP; i++) {
		unsigned long v = (unsigned long)kmap(p[i]);

		KTEST_ASSERT_TRUE(t, v >= PKMAP_BASE && v < PKMAP_ADDR(LAST_PKMAP));
		KTEST_ASSERT_TRUE(t, !seen[PKMAP_NR(v)]);
		seen[PKMAP_NR(v)] = true;
	}
}

static struct page *pool[LAST_PKMAP + 1];

/* e:0 everywhere (or e:1 left over) -> 1024 pages kmap()ed -> e:2 everywhere */
static void kmap_pool_fills_with_1024_pages(struct ktest *t)
{
	pool_pages(t, pool);
	fill_pool(t, pool);
	for (int i = 0; i < LAST_PKMAP; i++)
		KTEST_EXPECT_EQ(t, pkmap_users(PKMAP_ADDR(i)), 1);
	for (int i = 0; i < LAST_PKMAP; i++)
		kunmap(pool[i]);
	for (int i = 0; i < LAST_PKMAP; i++)
		KTEST_EXPECT_EQ(t, pkmap_users(PKMAP_ADDR(i)), 0);
}

/*
 * e:2 everywhere, inside preempt_disable(): a 1025th page finds no entry
 * and this context may not sleep for one: reported, NULL, nothing
 * changes. (In process context kmap() sleeps instead: suite kmap_sched.)
 */
static void kmap_pool_full_in_atomic_reported(struct ktest *t)
{
	const char *kind, *reason;
	unsigned long n;
	void *v = (void *)1;

	pool_pages(t, pool);
	fill_pool(t, pool);
	report_expect();
	preempt_disable();
	v = kmap(pool[LAST_PKMAP]);
	preempt_enable();
	n = report_take(&kind, &reason);
	/* might_sleep()'s report comes first, except on the host (still "booting") */
	KTEST_EXPECT_EQ(t, n, ktest_on_host() ? 1 : 2);
	KTEST_EXPECT_STREQ(t, kind, "kmap");
	KTEST_EXPECT_STREQ(t, reason, "pkmap pool full in atomic context");
	KTEST_EXPECT_NULL(t, v);
	KTEST_EXPECT_NULL(t, page_address(pool[LAST_PKMAP]));
	for (int i = 0; i < LAST_PKMAP; i++)
		KTEST_EXPECT_EQ(t, pkmap_users(PKMAP_ADDR(i)), 1);
	/* a page already in the pool still gets its entry */
	KTEST_EXPECT_EQ(t, (unsigned long)kmap(pool[3]), (unsigned long)page_address(pool[3]));
	KTEST_EXPECT_EQ(t, pkmap_users((unsigned long)page_address(pool[3])), 2);
}

/*
 * e:2 everywhere -> kunmap all -> e:1 everywhere (mapped, awaiting flush)
 * kmap(page 1025): the scan finds no e:0, wraps to entry 0, clears all
 * 1024 entries with ONE global flush, and takes entry 0:
 *   entry 0 = e:2 (page 1025), entries 1..1023 = e:0
 */
static void kmap_wraparound_flushes_once(struct ktest *t)
{
	unsigned long flushes, cr3;
	void *v;

	pool_pages(t, pool);
	fill_pool(t, pool);
	for (int i = 0; i < LAST_PKMAP; i++)
		kunmap(pool[i]);
	flushes = this_cpu_ptr(kmap_stats)->flushes;
	cr3 = this_cpu_ptr(tlb_stats)->flush_all;
	v = kmap(pool[LAST_PKMAP]);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(kmap_stats)->flushes, flushes + 1);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(tlb_stats)->flush_all, cr3 + 1);
	KTEST_EXPECT_EQ(t, (unsigned long)v, PKMAP_ADDR(0));
	KTEST_EXPECT_EQ(t, pkmap_users(PKMAP_ADDR(0)), 1);
	for (int i = 1; i < LAST_PKMAP; i++)
		KTEST_EXPECT_EQ(t, pkmap_users(PKMAP_ADDR(i)), -1);
	KTEST_EXPECT_EQ(t, pkmap_users(PKMAP_BASE - PAGE_SIZE), -1);	/* outside the pool */
	KTEST_EXPECT_TRUE(t, pte_none(*lookup_pte_k(PKMAP_ADDR(1))));
	KTEST_EXPECT_EQ(t, pte_pfn(*lookup_pte_k((unsigned long)v)), page_to_pfn(pool[LAST_PKMAP]));
	for (int i = 0; i < LAST_PKMAP; i++)
		KTEST_EXPECT_NULL(t, page_address(pool[i]));
	kunmap(pool[LAST_PKMAP]);
}

/* H never kmap()ed: kunmap is reported; H kmap()ed once, kunmap()ed twice: too */
static void kunmap_unmapped_page_reported(struct ktest *t)
{
	struct page *h = unmapped_highmem_page(t);

	KTEST_EXPECT_REPORT(t, kunmap(h), "kmap", "kunmap of a page that is not mapped");
	KTEST_ASSERT_NOT_NULL(t, kmap(h));
	kunmap(h);
	KTEST_EXPECT_REPORT(t, kunmap(h), "kmap", "kunmap of a page that is not mapped");
}

/* an entry with e:0 has no PTE: reading it faults, named */
static void kmap_unused_entry_faults(struct ktest *t)
{
	unsigned long addr = 0;
	struct fault_catch fc;

	ktest_needs_mmu(t);
	for (int i = LAST_PKMAP - 1; i >= 0 && !addr; i--)
		if (pkmap_users(PKMAP_ADDR(i)) == -1)
			addr = PKMAP_ADDR(i);
	KTEST_ASSERT_NE(t, addr, 0);
	read_catching(&fc, addr);
	KTEST_ASSERT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.cr2, addr);
	KTEST_EXPECT_STREQ(t, fc.area, "an unused pkmap entry");
}

static const struct ktest_case pkmap_cases[] = {
	KTEST_CASE(kmap_lowmem_returns_direct_map),
	KTEST_CASE(kmap_same_page_shares_entry),
	KTEST_CASE(kmap_reads_data_written_by_kmap_local),
	KTEST_CASE(kmap_pool_fills_with_1024_pages),
	KTEST_CASE(kmap_pool_full_in_atomic_reported),
	KTEST_CASE(kmap_wraparound_flushes_once),
	KTEST_CASE(kunmap_unmapped_page_reported),
	KTEST_CASE(kmap_unused_entry_faults),
	{}
};
KTEST_SUITE(pkmap) = {
	.name = "pkmap", .cases = pkmap_cases,
	.init = hm_case_init, .exit = hm_case_exit,
};
