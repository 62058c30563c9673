// SPDX-License-Identifier: MIT
/*
 * mm/slab.c and mm/kmalloc.c, what mm/tests/slab_test.c and
 * kmalloc_test.c (which run here too, as ktest.slab.* and ktest.kmalloc.*)
 * do not check: the console, on a tiny machine (16 MiB DMA, 16 MiB
 * Normal, 16 MiB HighMem: setup()) with the slab layer booted by
 * kmem_cache_init().
 */
#include <kernel/report_expect.h>
#include <mm/mm.h>
#include <mm/slab.h>

#include "ht.h"
#include "machine.h"

/* DMA [1, 4096) Normal [4096, 8192) HighMem [8192, 12288), all free, slab up */
static void setup(void)
{
	machine_tiny(4096, 8192, 12288);
	machine_free_range(1, 12288);
	kmem_cache_init();
}

/* host-only: the console (one "BUG: slab error:" line; the suite checks the report) */
HT_TEST(kmem_cache_poison_use_after_free_prints_one_report)
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
