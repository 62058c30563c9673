// SPDX-License-Identifier: MIT
/*
 * mm/highmem.c (the pkmap pool behind kmap) and mm/kmap_local.c (the
 * fixmap slot stack behind kmap_local_page/kmap_atomic): the
 * bookkeeping, the page-table entries they write (into the page tables
 * paging_init() built in the arena) and the TLB flushes they ask for
 * (counted by the host's asm/tlbflush.h). The returned addresses are
 * never dereferenced: a 32-bit host process cannot map them.
 *
 * Machine: pc 1G booted with the real boot path, HighMem from pfn 0x38000.
 */
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/report.h>
#include <mm/highmem.h>
#include <mm/mm.h>

#include "ht.h"
#include "machine.h"

#define HIGH_PFN	0x38000UL

static void setup(void)
{
	ASSERT_EQ(machine_boot("pc", 1ULL << 30, ""), -1);
	ASSERT_EQ(max_low_pfn, HIGH_PFN);
	kmap_init();
}

static struct page *high(unsigned long i)
{
	return pfn_to_page(HIGH_PFN + i);
}

/* The pfn the kernel page tables map at @addr, or -1 if none. */
static long mapped_pfn(unsigned long addr)
{
	pte_t *pte = lookup_pte_k(addr);

	return pte && pte_present(*pte) ? (long)pte_pfn(*pte) : -1;
}

/* --- kmap: the pkmap pool ------------------------------------------------- */

HT_TEST(kmap_lowmem_page_is_direct_map)
{
	setup();
	EXPECT(kmap(pfn_to_page(0x100)) == __va(0x100000));
	kunmap(pfn_to_page(0x100));
	EXPECT_EQ(report_state.total, 0);
}

HT_TEST(kmap_count_transitions)
{
	/*
	 * users: kmap 1, kmap 2 (same entry: hash hit), kunmap 1, kunmap 0
	 * (mapped, awaiting the wrap-around flush: PTE kept), kmap 1 again
	 * at the same address without a new PTE.
	 */
	struct page *p;
	unsigned long a;

	setup();
	p = high(5);
	a = (unsigned long)kmap(p);
	ASSERT(a >= PKMAP_BASE && a < PKMAP_ADDR(LAST_PKMAP));
	EXPECT_EQ(pkmap_users(a), 1);
	EXPECT_EQ(mapped_pfn(a), HIGH_PFN + 5);
	EXPECT((unsigned long)page_address(p) == a);
	EXPECT_EQ((unsigned long)kmap(p), a);
	EXPECT_EQ(pkmap_users(a), 2);
	EXPECT_EQ(this_cpu_ptr(kmap_stats)->hash_hits, 1);
	kunmap(p);
	EXPECT_EQ(pkmap_users(a), 1);
	kunmap(p);
	EXPECT_EQ(pkmap_users(a), 0);
	EXPECT_EQ(mapped_pfn(a), HIGH_PFN + 5);		/* lazily kept */
	EXPECT((unsigned long)page_address(p) == a);
	EXPECT_EQ((unsigned long)kmap(p), a);
	EXPECT_EQ(pkmap_users(a), 1);
	EXPECT_EQ(this_cpu_ptr(kmap_stats)->maps, 1);
}

HT_TEST(kmap_unused_entry_users_minus_one)
{
	setup();
	EXPECT_EQ(pkmap_users(PKMAP_ADDR(7)), -1);
	EXPECT_EQ(pkmap_users(PKMAP_BASE - PAGE_SIZE), -1);	/* outside the pool */
}

HT_TEST(kmap_flush_on_wrap)
{
	/*
	 * Map and unmap LAST_PKMAP - 1 distinct pages (entries 1..1023): no
	 * flush yet, every entry mapped with 0 users. The next kmap wraps to
	 * entry 0: one flush of the whole TLB clears all of them at once.
	 */
	unsigned long flushes, a;

	setup();
	flushes = this_cpu_ptr(tlb_stats)->flush_all;
	for (unsigned long i = 0; i < LAST_PKMAP - 1; i++) {
		ASSERT(kmap(high(i)) != NULL);
		kunmap(high(i));
	}
	EXPECT_EQ(this_cpu_ptr(tlb_stats)->flush_all, flushes);
	EXPECT_EQ(pkmap_users(PKMAP_ADDR(1)), 0);
	EXPECT_EQ(pkmap_users(PKMAP_ADDR(LAST_PKMAP - 1)), 0);
	EXPECT_EQ(mapped_pfn(PKMAP_ADDR(1)), HIGH_PFN);
	a = (unsigned long)kmap(high(2000));
	EXPECT_EQ(a, PKMAP_ADDR(0));
	EXPECT_EQ(this_cpu_ptr(tlb_stats)->flush_all, flushes + 1);
	EXPECT_EQ(this_cpu_ptr(kmap_stats)->flushes, 1);
	EXPECT_EQ(pkmap_users(PKMAP_ADDR(1)), -1);
	EXPECT_EQ(mapped_pfn(PKMAP_ADDR(1)), -1);
	EXPECT(page_address(high(0)) == NULL);
	EXPECT_EQ(mapped_pfn(a), HIGH_PFN + 2000);
}

HT_TEST(kmap_wrap_keeps_entries_with_users)
{
	/* entry 1 keeps a user across the wrap: not cleared, not reused */
	setup();
	ASSERT(kmap(high(0)) == (void *)PKMAP_ADDR(1));
	for (unsigned long i = 1; i < LAST_PKMAP - 1; i++) {
		kmap(high(i));
		kunmap(high(i));
	}
	EXPECT_EQ((unsigned long)kmap(high(5000)), PKMAP_ADDR(0));
	EXPECT_EQ((unsigned long)kmap(high(5001)), PKMAP_ADDR(2));	/* 1 is busy */
	EXPECT_EQ(pkmap_users(PKMAP_ADDR(1)), 1);
	EXPECT_EQ(mapped_pfn(PKMAP_ADDR(1)), HIGH_PFN);
}

HT_TEST(kmap_pool_exhausted_reported)
{
	/* LAST_PKMAP pages kept mapped: the next kmap fails with a report */
	setup();
	for (unsigned long i = 0; i < LAST_PKMAP; i++)
		ASSERT(kmap(high(i)) != NULL);
	EXPECT_REPORT(EXPECT(kmap(high(LAST_PKMAP)) == NULL), "kmap", "pkmap pool exhausted");
	/* a page already mapped still gets its entry */
	EXPECT(kmap(high(3)) != NULL);
}

HT_TEST(kunmap_not_mapped_reported)
{
	setup();
	EXPECT_REPORT(kunmap(high(1)), "kmap", "kunmap of a page that is not mapped");
	kmap(high(1));
	kunmap(high(1));
	EXPECT_REPORT(kunmap(high(1)), "kmap", "kunmap of a page that is not mapped");
}

/* --- kmap_local: the slot stack --------------------------------------------- */

HT_TEST(kmap_local_lifo_slots_and_ptes)
{
	/*
	 * a = map(h0) -> slot 0, b = map(h1) -> slot 1; each map writes one
	 * PTE and flushes nothing (the PTE was clear); unmap b, then a: PTEs
	 * cleared, one page flushed each.
	 */
	unsigned long ones;
	void *a, *b;

	setup();
	ones = this_cpu_ptr(tlb_stats)->flush_one;
	a = kmap_local_page(high(0));
	b = kmap_local_page(high(1));
	EXPECT_EQ((unsigned long)a, kmap_local_slot_addr(0));
	EXPECT_EQ((unsigned long)b, kmap_local_slot_addr(1));
	EXPECT_EQ(kmap_local_depth(), 2);
	EXPECT_EQ(mapped_pfn((unsigned long)a), HIGH_PFN);
	EXPECT_EQ(mapped_pfn((unsigned long)b), HIGH_PFN + 1);
	EXPECT_EQ(this_cpu_ptr(tlb_stats)->flush_one, ones);
	kunmap_local(b);
	EXPECT_EQ(this_cpu_ptr(tlb_stats)->flush_one, ones + 1);
	EXPECT_EQ(host_last_flush_addr, (unsigned long)b);
	kunmap_local(a);
	EXPECT_EQ(kmap_local_depth(), 0);
	EXPECT_EQ(mapped_pfn((unsigned long)a), -1);
	EXPECT_EQ(mapped_pfn((unsigned long)b), -1);
	EXPECT_EQ(this_cpu_ptr(tlb_stats)->flush_one, ones + 2);
	EXPECT_EQ(host_last_flush_addr, (unsigned long)a);
}

HT_TEST(kmap_local_guard_slot_between_mappings)
{
	/* DEBUG_VM: every other fixmap slot is a guard page, never mapped */
	setup();
	EXPECT_EQ(kmap_local_slot_addr(0) - kmap_local_slot_addr(1), 2 * PAGE_SIZE);
	kmap_local_page(high(0));
	kmap_local_page(high(1));
	EXPECT_EQ(mapped_pfn(kmap_local_slot_addr(0) - PAGE_SIZE), -1);
}

HT_TEST(kunmap_local_out_of_order_reported)
{
	void *a, *b;

	setup();
	a = kmap_local_page(high(0));
	b = kmap_local_page(high(1));
	EXPECT_REPORT(kunmap_local(a), "kmap_local", "unmap out of order");
	EXPECT_EQ(kmap_local_depth(), 2);		/* nothing changed */
	EXPECT_EQ(mapped_pfn((unsigned long)a), HIGH_PFN);
	kunmap_local(b);
	kunmap_local(a);
	EXPECT_EQ(kmap_local_depth(), 0);
}

HT_TEST(kunmap_local_with_no_mapping_reported)
{
	setup();
	EXPECT_REPORT(kunmap_local((void *)kmap_local_slot_addr(0)), "kmap_local",
		      "unmap with no mapping");
}

HT_TEST(kmap_local_lowmem_uses_no_slot)
{
	setup();
	EXPECT(kmap_local_page(pfn_to_page(0x200)) == __va(0x200000));
	EXPECT_EQ(kmap_local_depth(), 0);
	kunmap_local(__va(0x200000));
	EXPECT_EQ(report_state.total, 0);
}

HT_TEST(kmap_local_slot_stack_overflow_reported)
{
	setup();
	for (int i = 0; i < KM_MAX_IDX; i++)
		ASSERT(kmap_local_page(high(i)) != NULL);
	EXPECT_REPORT(EXPECT(kmap_local_page(high(99)) == NULL), "kmap_local",
		      "slot stack overflow");
	EXPECT_EQ(kmap_local_depth(), KM_MAX_IDX);
}

HT_TEST(kmap_atomic_counts_and_unbalanced_unmap)
{
	void *a;

	setup();
	a = kmap_atomic(high(0));
	EXPECT_EQ(preempt_count(), 1);
	EXPECT_EQ(current->pagefault_disabled, 1);
	kunmap_atomic(a);
	EXPECT_EQ(preempt_count(), 0);
	EXPECT_EQ(current->pagefault_disabled, 0);
	EXPECT_REPORT(kunmap_atomic(a), "kmap_atomic", "kunmap_atomic without kmap_atomic");
}

HT_TEST(kmap_inside_kmap_atomic_warns)
{
	void *a;

	setup();
	a = kmap_atomic(high(0));
	kmap(high(1));
	EXPECT_LOG_COUNT("kmap() may sleep, but is called inside kmap_atomic()", 1);
	kunmap(high(1));
	kunmap_atomic(a);
}
