/* SPDX-License-Identifier: MIT */
/*
 * "An interrupt could arrive here": a marked point inside each of the
 * allocators' interrupts-off fast-path sections (mm/pcp.h,
 * mm/slab_internal.h), so that the irq_alloc self-test suite can make an
 * interrupt handler run at exactly that instruction, every time, instead
 * of waiting for the timer to hit a window a few instructions wide.
 *
 * In a kernel without the self-tests (KTEST=0: the production and bench
 * kernels) irq_window() is nothing at all. With them it is a load and a
 * test of irq_window_hook, which only mm/tests/irq_alloc_test.c sets. The
 * hook models the hardware: it delivers its interrupt at the mark only if
 * interrupts are on there (IF set), and holds it pending otherwise, as
 * the PIC would until local_irq_restore(). So the suite proves the guard:
 * take the local_irq_save() away and the handler runs inside the section,
 * and the suite's invariant checks fail.
 */
#ifndef _MM_IRQ_WINDOW_H
#define _MM_IRQ_WINDOW_H

#include <kernel/compiler.h>

enum irq_window {
	IRQ_WINDOW_PCP_ALLOC,	/* alloc_pages(): list checked, block not yet unlinked */
	IRQ_WINDOW_PCP_FREE,	/* pcp_push(): first entry read, not yet linked to */
	IRQ_WINDOW_SLAB_ALLOC,	/* slab_alloc(): object read, free list not yet advanced */
	IRQ_WINDOW_SLAB_FREE,	/* slab_free(): head read, object not yet pushed */
	IRQ_WINDOW_ZONE_LOCKED,	/* zone_buddy_free(): zone->lock held */
	IRQ_WINDOW_SLAB_LOCKED,	/* __kmem_cache_alloc_slow(): s->list_lock held */
};

/* Set by mm/tests/irq_alloc_test.c only; defined in mm/pcp.c when KTEST=1. */
extern void (*irq_window_hook)(enum irq_window w);

#define irq_window(w) do {						\
	if (IS_ENABLED(CONFIG_KTEST) && unlikely(irq_window_hook))	\
		irq_window_hook(w);					\
} while (0)

#endif
