// SPDX-License-Identifier: MIT
/* Leak checks shared by the mm self-test suites; see mm/tests/mm_test.h. */
#include <mm/slab.h>
#include "mm_test.h"

void zone_free_snapshot(unsigned long free[MAX_NR_ZONES])
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		free[z] = contig_page_data.node_zones[z].free_pages;
}

void zone_free_snapshot_shrunk(unsigned long free[MAX_NR_ZONES])
{
	kmem_cache_shrink_all();
	zone_free_snapshot(free);
}

void __ktest_expect_zones_free(struct ktest *t, const unsigned long before[MAX_NR_ZONES],
			       bool shrink, const char *file, int line)
{
	unsigned long now[MAX_NR_ZONES];

	if (shrink)
		zone_free_snapshot_shrunk(now);
	else
		zone_free_snapshot(now);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		ktest_check(t, now[z] == before[z], false, file, line,
			    "zone %s to have %lu free pages as before, it has %lu",
			    contig_page_data.node_zones[z].name, before[z], now[z]);
}
