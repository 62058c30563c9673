// SPDX-License-Identifier: MIT
/*
 * Self-tests of global kernel pages (suite "tlb_global"): with CR4.PGE
 * on, every kernel PTE carries _PAGE_GLOBAL, a CR3 load keeps such a
 * translation, and so every kernel flush must reach global entries: an
 * invlpg does, a CR3 reload does not, a CR4.PGE toggle does. Each TLB
 * case caches a translation of vmalloc page A, points the PTE at page B
 * without a flush, and reads: A while the stale entry lives, B after.
 *
 * An emulator may drop more than the CPU must: QEMU's TCG empties its
 * whole TLB at every CR3 write, global entries included, so there the
 * survival case cannot see A, and skips saying so; under KVM (a real
 * TLB) it runs. The flush cases pass on both and fail, under KVM, when
 * __flush_tlb_all() reloads CR3 instead of toggling CR4.PGE.
 */
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/ktest.h>
#include <kernel/kthread.h>
#include <kernel/sched/mm.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/vmalloc.h>

static bool pge_on(void)
{
	return mmu_cr4_features & X86_CR4_PGE;
}

static pteval_t global_bit(void)
{
	return pge_on() ? _PAGE_GLOBAL : 0;
}

static u32 tlb_global_word = 0x600dc0de;

/* PGE on: the direct map, vmalloc, kmap_local and pkmap PTEs are global. */
static void tlb_global_kernel_ptes_are_global(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	void *v = vmalloc(PAGE_SIZE), *k;

	KTEST_ASSERT_TRUE(t, page && v);
	KTEST_EXPECT_EQ(t, !!(__supported_pte_mask & _PAGE_GLOBAL), pge_on());
	if (pge_on())
		KTEST_EXPECT_TRUE(t, read_cr4() & X86_CR4_PGE);	/* no CR4 read on a 486 */
	KTEST_EXPECT_EQ(t, pte_val(*lookup_pte_k((unsigned long)&tlb_global_word)) & _PAGE_GLOBAL,
			global_bit());
	KTEST_EXPECT_EQ(t, pte_val(*lookup_pte_k((unsigned long)v)) & _PAGE_GLOBAL, global_bit());
	k = kmap_local_page(page);
	KTEST_EXPECT_EQ(t, pte_val(*lookup_pte_k((unsigned long)k)) & _PAGE_GLOBAL, global_bit());
	kunmap_local(k);
	k = kmap(page);
	KTEST_EXPECT_EQ(t, pte_val(*lookup_pte_k((unsigned long)k)) & _PAGE_GLOBAL, global_bit());
	kunmap(page);
	vfree(v);
	__free_page(page);
}

struct ab {
	volatile u32 *v;	/* vmalloc: page A */
	struct page *b;
	pte_t *ptep, old;
};

static bool ab_setup(struct ab *ab, u32 tag)
{
	ab->b = alloc_page(GFP_KERNEL);
	ab->v = vmalloc(PAGE_SIZE);
	if (!ab->b || !ab->v) {
		if (ab->b)
			__free_page(ab->b);
		vfree((void *)ab->v);
		return false;
	}
	ab->ptep = lookup_pte_k((unsigned long)ab->v);
	ab->old = *ab->ptep;
	ab->v[0] = 0xaaaa0000 + tag;
	*(volatile u32 *)lowmem_page_address(ab->b) = 0xbbbb0000 + tag;
	return true;
}

/* A's translation cached, then the PTE pointed at B with no flush. */
static void ab_switch_pte(struct ab *ab)
{
	(void)ab->v[0];
	set_pte(ab->ptep, pfn_pte(page_to_pfn(ab->b), PAGE_KERNEL));
}

static void ab_teardown(struct ab *ab)
{
	set_pte(ab->ptep, ab->old);
	flush_tlb_one_kernel((unsigned long)ab->v);
	vfree((void *)ab->v);
	__free_page(ab->b);
}

/*
 * stale PTE, CR3 reloaded: with PGE the global entry survives (A), without
 * it the reload dropped it (B); a full flush then always gives B.
 */
static void tlb_global_entry_survives_cr3_reload(struct ktest *t)
{
	u32 after_cr3, after_full;
	struct ab ab;

	ktest_needs_mmu(t);
	KTEST_ASSERT_TRUE(t, ab_setup(&ab, 1));
	ab_switch_pte(&ab);
	write_cr3(read_cr3());
	after_cr3 = ab.v[0];
	__flush_tlb_all();
	after_full = ab.v[0];
	ab_teardown(&ab);
	KTEST_EXPECT_EQ(t, after_full, 0xbbbb0001);
	if (!pge_on()) {
		KTEST_EXPECT_EQ(t, after_cr3, 0xbbbb0001);	/* nothing is global */
		return;
	}
	if (after_cr3 == 0xbbbb0001)
		ktest_skip(t, "this CPU dropped a global entry at a CR3 load (QEMU's TCG empties "
			   "its whole TLB then); boot under KVM to see one survive");
	KTEST_EXPECT_EQ(t, after_cr3, 0xaaaa0001);
}

/*
 * A kernel mapping changed while another mm is loaded and flushed with
 * flush_tlb_kernel_range(), one page (invlpg) and 64 (the full flush),
 * then read on that mm, on init_mm and on that mm again: B every time.
 * The translation was cached on both mms first, so a flush that missed
 * the global entry leaves A visible on both.
 */
static void tlb_global_range_flush_reaches_every_mm(struct ktest *t)
{
	static const unsigned long spans[] = { 1, 64 };	/* pages: invlpg, then full */
	struct mm_struct *mm;

	ktest_needs_mmu(t);
	mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, mm);
	for (unsigned int i = 0; i < ARRAY_SIZE(spans); i++) {
		u32 here, back, again, want = 0xbbbb0010 + i;
		struct ab ab;

		if (!ab_setup(&ab, 0x10 + i)) {
			mmput(mm);
			KTEST_ASSERT_TRUE(t, !"two pages and a vmalloc area");
		}
		(void)ab.v[0];				/* cached on init_mm */
		kthread_use_mm(mm);
		ab_switch_pte(&ab);			/* cached on mm too, then changed */
		flush_tlb_kernel_range((unsigned long)ab.v, (unsigned long)ab.v + spans[i] * PAGE_SIZE);
		here = ab.v[0];
		kthread_unuse_mm(mm);
		back = ab.v[0];
		kthread_use_mm(mm);
		again = ab.v[0];
		kthread_unuse_mm(mm);
		ab_teardown(&ab);
		KTEST_EXPECT_EQ(t, here, want);
		KTEST_EXPECT_EQ(t, back, want);
		KTEST_EXPECT_EQ(t, again, want);
	}
	mmput(mm);
}

/* __flush_tlb_all() on its own, stale entry cached on another mm first. */
static void tlb_global_full_flush_reaches_global_entries(struct ktest *t)
{
	struct mm_struct *mm;
	u32 on_mm, on_init;
	struct ab ab;

	ktest_needs_mmu(t);
	mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, mm);
	if (!ab_setup(&ab, 0x20)) {
		mmput(mm);
		KTEST_ASSERT_TRUE(t, !"two pages and a vmalloc area");
	}
	kthread_use_mm(mm);
	ab_switch_pte(&ab);
	__flush_tlb_all();
	on_mm = ab.v[0];
	kthread_unuse_mm(mm);
	on_init = ab.v[0];
	ab_teardown(&ab);
	mmput(mm);
	KTEST_EXPECT_EQ(t, on_mm, 0xbbbb0020);
	KTEST_EXPECT_EQ(t, on_init, 0xbbbb0020);
}

static const struct ktest_case tlb_global_cases[] = {
	KTEST_CASE(tlb_global_kernel_ptes_are_global),
	KTEST_CASE(tlb_global_entry_survives_cr3_reload),
	KTEST_CASE(tlb_global_range_flush_reaches_every_mm),
	KTEST_CASE(tlb_global_full_flush_reaches_global_entries),
	{}
};
KTEST_SUITE(tlb_global) = { .name = "tlb_global", .cases = tlb_global_cases };
