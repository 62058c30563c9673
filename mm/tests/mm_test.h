/* SPDX-License-Identifier: MIT */
/*
 * What the mm self-test suites share: the buddy allocator's invariant
 * checker (mm/tests/buddy_check.c, also run by tests/host's stress driver),
 * snapshots of the zones' counters, and the proof that a case leaked no
 * page. Each zone's free_pages (buddy lists plus the per-CPU lists, which
 * count as free) is snapshotted before and compared after; the _SHRUNK
 * forms first give empty slabs back, so slab reserves do not count as
 * leaks.
 */
#ifndef _MM_MM_TEST_H
#define _MM_MM_TEST_H

#include <kernel/ktest.h>
#include <mm/mmzone.h>

/*
 * buddy_check_zone - check @zone's free lists against its counters.
 * Every block on free_area[k] is PG_buddy with private k, aligned, inside
 * the zone, refcount 0 and not inside another free block; no two free
 * buddies of one order are left unmerged; nr_free equals the list length;
 * every block on a per-CPU list of order k (every CPU's) is aligned,
 * inside the zone, private k, not PG_buddy, refcount 0 and not inside a
 * buddy free block, and pcp.count[k] equals that list's length;
 * free_pages equals the sum of nr_free << k plus the pcp pages; and no
 * page in the span has PG_buddy without being on a list. The other online
 * CPUs are held in an IPI handler meanwhile, so all of it is one instant.
 * Prints each problem found.
 * Context: process context, interrupts on (with them off and other CPUs
 * online it says it cannot hold them, and checks a moving picture).
 * Return: the number of problems (0: consistent). O(spanned pages).
 */
int buddy_check_zone(const struct zone *zone);

/*
 * mm/tests/buddy_test.c defines these (mm/tests/page_alloc_test.c uses them
 * too): a copy of every real zone's counters, and a comparison
 * that reports each difference as a failed expectation.
 */
struct buddy_snapshot {
	unsigned long free_pages[MAX_NR_ZONES];
	unsigned long managed_pages[MAX_NR_ZONES];
	unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
	unsigned long totalram_pages, totalhigh_pages;
};
void buddy_snapshot_take(struct buddy_snapshot *s);
void __buddy_snapshot_expect_equal(struct ktest *t, const struct buddy_snapshot *want,
				   const struct buddy_snapshot *got, const char *file, int line);
#define buddy_snapshot_expect_equal(t, want, got) \
	__buddy_snapshot_expect_equal(t, want, got, __FILE__, __LINE__)
/* buddy_check_zone() over the real zones; Return: problems found. */
int buddy_check_all_zones(void);

void zone_free_snapshot(unsigned long free[MAX_NR_ZONES]);
void zone_free_snapshot_shrunk(unsigned long free[MAX_NR_ZONES]);
void __ktest_expect_zones_free(struct ktest *t, const unsigned long before[MAX_NR_ZONES],
			       bool shrink, const char *file, int line);

/* Expect every zone to have as many free pages as @before recorded. */
#define KTEST_EXPECT_ZONES_FREE(t, before) \
	__ktest_expect_zones_free(t, before, false, __FILE__, __LINE__)
/* The same after kmem_cache_shrink_all(). */
#define KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before) \
	__ktest_expect_zones_free(t, before, true, __FILE__, __LINE__)

#endif
