/* SPDX-License-Identifier: MIT */
/*
 * What the mm self-test suites share: the proof that a case leaked no
 * page. Each zone's free_pages (buddy lists plus the per-CPU lists, which
 * count as free) is snapshotted before and compared after; the _SHRUNK
 * forms first give empty slabs back, so slab reserves do not count as
 * leaks.
 */
#ifndef _MM_MM_TEST_H
#define _MM_MM_TEST_H

#include <kernel/ktest.h>
#include <mm/mmzone.h>

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
