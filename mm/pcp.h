/* SPDX-License-Identifier: MIT */
/*
 * The per-CPU page lists' fast paths, inline in alloc_pages() and
 * __free_pages() (mm/page_alloc.c); the rest of the lists is mm/pcp.c.
 * Only mm/ includes this.
 */
#ifndef _MM_PCP_H
#define _MM_PCP_H

#include <asm/irqflags.h>
#include <kernel/atomic.h>
#include <kernel/percpu.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include "buddy.h"
#include "irq_window.h"

/* mm/pcp.c: the out-of-line halves; the first two run with interrupts off. */
void pcp_free_drain(struct zone *zone, unsigned int order);
struct page *pcp_refill(struct zone *zone, unsigned int order);
struct page *rmqueue_large(struct zone *zone, unsigned int order);
/* buddy_alloc()/buddy_free() under zone->lock (irqsave): the rule after boot. */
struct page *zone_buddy_alloc(struct zone *zone, unsigned int order);
void zone_buddy_free(struct zone *zone, struct page *page, unsigned int order);
/* The list sizes of @zone from its managed pages; setup_per_zone_wmarks() calls it. */
void setup_zone_pcp(struct zone *zone);
/*
 * An allocation failed: if another online CPU holds pages on its lists of
 * zones @highest down to DMA, drain every CPU's lists (drain_all_pages())
 * and return true, so the caller tries once more. Context: false at once
 * unless preemptible() (it waits for the other CPUs' answers) and more
 * than one CPU is online: no IPI on one CPU.
 */
bool drain_remote_pages(enum zone_type highest);

/*
 * Unlink the first block of a non-empty per-CPU list (a pop at the head).
 * Context: interrupts off (the list is also an interrupt handler's).
 */
static __always_inline struct page *pcp_pop(struct zone *zone, unsigned int order)
{
	struct list_head *list = &this_cpu_ptr(zone->pcp)->lists[order], *first = list->next;

	irq_window(IRQ_WINDOW_PCP_ALLOC);
	list->next = first->next;
	first->next->prev = list;
	this_cpu_ptr(zone->pcp)->count[order]--;
	counter_sub_atomic(&zone->free_pages, 1UL << order);	/* also the buddy's, under zone->lock */
	return list_entry(first, struct page, lru);
}

/*
 * A block of 2^@order pages from @zone: its per-CPU list first.
 * Context: interrupts off (alloc_pages_slow() disables them around it).
 */
static __always_inline struct page *rmqueue(struct zone *zone, unsigned int order)
{
	if (order > PCP_MAX_ORDER)
		return rmqueue_large(zone, order);
	if (unlikely(list_empty(&this_cpu_ptr(zone->pcp)->lists[order])))
		return pcp_refill(zone, order);
	return pcp_pop(zone, order);
}

/*
 * Link @page first on a per-CPU list (list_add(), written out so that
 * the self-tests can mark the point between reading the old first entry
 * and linking to it). Context: interrupts off.
 */
static __always_inline void pcp_push(struct list_head *list, struct page *page)
{
	struct list_head *first = list->next;

	page->lru.next = first;
	page->lru.prev = list;
	irq_window(IRQ_WINDOW_PCP_FREE);
	first->prev = &page->lru;
	list->next = &page->lru;
}

/*
 * Give back a block whose last reference was dropped: its per-CPU list
 * first. The push, the counts and the drain decision are one section
 * with interrupts off: an interrupt handler taking the first block
 * between pcp_push()'s read of it and the link would leave its own
 * block on the list.
 */
static __always_inline void free_one_block(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp;
	unsigned long flags;

	OPTIMIZER_HIDE_VAR(zone);
	pcp = this_cpu_ptr(zone->pcp);
	if (order > PCP_MAX_ORDER) {
		zone_buddy_free(zone, page, order);
		return;
	}
	local_irq_save(flags);
	pcp_push(&pcp->lists[order], page);
	counter_add_atomic(&zone->free_pages, 1UL << order);	/* other CPUs' pcp paths too */
	if (unlikely(++pcp->count[order] > pcp->high[order]))
		pcp_free_drain(zone, order);
	local_irq_restore(flags);
}

#endif
