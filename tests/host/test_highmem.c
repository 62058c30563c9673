// SPDX-License-Identifier: MIT
/*
 * mm/highmem.c (the pkmap pool behind kmap) and mm/kmap_local.c (the
 * fixmap slot stack behind kmap_local_page/kmap_atomic): the
 * bookkeeping, the page-table entries they write (into the page tables
 * paging_init() built in the arena) and the TLB flushes they ask for
 * (counted by the host's asm/tlbflush.h). The returned addresses are
 * never dereferenced: a 32-bit host process cannot map them. Only what
 * mm/tests/highmem_test.c (which runs here too, as ktest.kmap_local.*
 * and ktest.pkmap.*) cannot check: a fresh pool, flushed addresses, the
 * guard PTE without a fault, a console line.
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

/* host-only: a fresh pool (every entry e:0) and exact entry numbers; the suite finds the pool as earlier cases left it */
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

/* host-only: a fresh pool and exact entry numbers, as above */
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

/* --- kmap_local: the slot stack --------------------------------------------- */

/* host-only: the address each invlpg flushed (host_last_flush_addr, recorded only here) */
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

/* host-only: the guard page's PTE, read without a fault (the suite's guard case takes the fault, in QEMU) */
HT_TEST(kmap_local_guard_slot_between_mappings)
{
	/* DEBUG_VM: every other fixmap slot is a guard page, never mapped */
	setup();
	EXPECT_EQ(kmap_local_slot_addr(0) - kmap_local_slot_addr(1), 2 * PAGE_SIZE);
	kmap_local_page(high(0));
	kmap_local_page(high(1));
	EXPECT_EQ(mapped_pfn(kmap_local_slot_addr(0) - PAGE_SIZE), -1);
}

/* host-only: the console line */
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
