// SPDX-License-Identifier: MIT
/*
 * How this works: the per-CPU page lists.
 *
 * Per-CPU lists (struct per_cpu_pages in each zone, mmzone.h). Blocks of
 * orders 0..3 are not returned to the buddy lists when freed but pushed
 * on a list of their order, and allocations of those orders pop from it:
 * no split, no merge, a few loads and stores. An empty list is refilled
 * with `batch` blocks at once (buddy_take_blocks: 32 order-0 pages come
 * from one order-5 block); a free that leaves more than `high` blocks on
 * a list drains `batch` of the least recently freed (buddy_give_blocks).
 * The sizes come from the zone's size (setup_zone_pcp) and are 0, lists
 * off, until setup_per_zone_wmarks() runs. Blocks on these lists are
 * free memory: zone->free_pages counts them, so the watermark test and
 * /proc-style reports see them as free, and a test that frees what it
 * allocated finds free_pages back where it was without draining. The
 * buddy lists themselves differ while blocks sit on the per-CPU lists;
 * drain_all_pages() gives them back (the tests' snapshots do), and an
 * allocation the buddy lists cannot serve drains this CPU's lists of its
 * zone and retries (pcp_refill for orders 0-3, rmqueue_large above).
 *
 * Several CPUs. Each CPU has its own lists (this_cpu_ptr(zone->pcp)), and
 * only that CPU ever reads or changes them, always with its interrupts
 * off; so no lock is needed, and the fast paths stay as they are on one
 * CPU. Another CPU's lists are drained by asking that CPU:
 * drain_all_pages() and drain_zone_pages() send an IPI to each online
 * CPU that holds pages there and wait until each has drained its own, in
 * the IPI handler (drain_local_pages(), interrupts off); setup_zone_pcp()
 * has each CPU resize its own lists the same way. Waiting for other CPUs
 * is not allowed with interrupts off (kernel/smp.c), and the refill and
 * large-order paths above run with them off: they drain this CPU's lists
 * only, and alloc_pages_slow(), when every zone failed and the caller may
 * block, drains the others' (drain_remote_pages()) and tries once more.
 * A CPU that frees pages onto its lists just after being drained keeps
 * them; they are free, and counted.
 *
 * The pop and push themselves (pcp_pop, rmqueue, free_one_block) are
 * inline in mm/pcp.h, so the fast paths of alloc_pages() and
 * __free_pages() make no call; this file has what runs when a list is
 * empty, too long, drained, or sized.
 *
 * Interrupts. A handler may allocate and free with GFP_ATOMIC, and its
 * pages come from these same lists, so every look at a list and the
 * change that follows is one section with interrupts saved and disabled
 * (local_irq_save/restore, about six instructions): the pop in
 * alloc_pages() and alloc_pages_slow(), the push, count and drain
 * decision in free_one_block(), the refill and the drain (mm/pcp.h says
 * what goes wrong without: a block handed out twice, a push that links
 * to a block the handler took). An interrupt asked for inside is taken
 * at the restore. The buddy lists are under zone->lock; inside a
 * section it is taken alone (interrupts are off already), elsewhere
 * (zone_buddy_alloc/free, orders above PCP_MAX_ORDER) with
 * spin_lock_irqsave, because a handler that found it held by the code
 * it interrupted would wait forever on one CPU. The irq_alloc suite
 * (mm/tests/irq_alloc_test.c) runs a handler at a marked point inside
 * each section (irq_window, mm/irq_window.h) and checks the lists.
 *
 * Where it differs from Linux: Linux does not count per-CPU pages in
 * NR_FREE_PAGES, and keeps one count and one high mark per CPU for all
 * orders; here each order's list has its own, in blocks. Linux 6.1
 * guards each CPU's lists with their own spinlock, taken with
 * spin_trylock_irqsave (pcp_spin_trylock_irqsave), and on a uniprocessor
 * build, where a trylock cannot fail, saves and disables interrupts
 * around it as well (pcp_trylock_prepare); 5.14 to 5.19 used
 * local_lock_irqsave(&pagesets.lock), older kernels local_irq_save().
 * The lock lets 6.1 drain another CPU's lists from the draining CPU; up
 * to 5.13 each CPU drained its own, from a work item drain_all_pages()
 * queued on it (drain_local_pages_wq), which is the scheme kept here,
 * with an IPI for the work item: it costs the fast paths nothing, where
 * a lock would cost a locked instruction per allocation and free (the
 * bench rows). An IPI handler cannot sleep, but neither does a drain.
 */
#include <asm/irqflags.h>
#include <kernel/cpumask.h>
#include <kernel/percpu.h>
#include <kernel/preempt.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include "buddy.h"
#include "internal.h"
#include "pcp.h"

#if IS_ENABLED(CONFIG_KTEST)
/* mm/irq_window.h: set only by the irq_alloc self-tests; absent without them. */
void (*irq_window_hook)(enum irq_window w);
#endif

/*
 * The buddy lists are the zone's: every use outside boot is under
 * zone->lock, with interrupts disabled (Linux's rule: an interrupt
 * handler may allocate, and would find the lock taken by the code it
 * interrupted). These two may be called with interrupts on, so they save
 * and disable them; the paths below run inside the per-CPU section,
 * where they are off already, and take the lock alone (as Linux's
 * rmqueue_bulk() and free_pcppages_bulk() do under the pcp lock).
 */
struct page *zone_buddy_alloc(struct zone *zone, unsigned int order)
{
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&zone->lock, flags);
	page = buddy_alloc(zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

void zone_buddy_free(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	irq_window(IRQ_WINDOW_ZONE_LOCKED);
	buddy_free(zone, page, order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/*
 * Back to the buddy lists: @count blocks of @order, the least recently
 * freed. Context: interrupts off.
 */
static void pcp_drain(struct zone *zone, unsigned int order, unsigned int count)
{
	struct per_cpu_pages *pcp = this_cpu_ptr(zone->pcp);

	VM_BUG_ON(!irqs_disabled());
	count = min(count, pcp->count[order]);
	spin_lock(&zone->lock);
	buddy_give_blocks(zone, order, count, &pcp->lists[order]);
	spin_unlock(&zone->lock);
	pcp->count[order] -= count;
}

void drain_local_pages(struct zone *zone)
{
	unsigned long flags;
	struct zone *z;

	local_irq_save(flags);
	for_each_zone(z) {
		if (zone && z != zone)
			continue;
		if (!this_cpu_ptr(z->pcp)->lists[0].next)
			continue;	/* a zone set up without lists holds nothing */
		for (unsigned int order = 0; order < NR_PCP_LISTS; order++)
			pcp_drain(z, order, this_cpu_ptr(z->pcp)->count[order]);
	}
	local_irq_restore(flags);
}

/* The other end of drain_pages_everywhere()'s IPI. Context: interrupts off. */
static void drain_local_pages_ipi(void *zone)
{
	drain_local_pages(zone);
}

/* Does @cpu have anything on its lists of @zone (every zone if NULL)? A glance, no lock. */
static bool cpu_has_pcp_pages(unsigned int cpu, const struct zone *zone)
{
	const struct zone *z;

	for_each_zone(z)
		if ((!zone || z == zone) && pcp_pages(per_cpu_ptr(z->pcp, cpu)))
			return true;
	return false;
}

/*
 * Every online CPU's lists of @zone (NULL: of every zone), each drained
 * by its own CPU: this one directly, the others in the IPI handler, with
 * interrupts off there, so no list is read while its CPU changes it. Only
 * CPUs that hold something are asked (Linux's cpus_with_pcps); one that
 * fills its lists after the glance is left alone, as a free just after
 * the drain would be. smp_call_function_many() refuses a caller with
 * interrupts off or in a handler (one named line, on one CPU too); then
 * only this CPU's lists are drained.
 */
static void drain_pages_everywhere(struct zone *zone)
{
	cpumask_t mask = 0;
	unsigned int cpu;

	for_each_online_cpu(cpu)
		if (cpu != (unsigned int)smp_processor_id() && cpu_has_pcp_pages(cpu, zone))
			mask |= cpumask_of(cpu);
	smp_call_function_many(mask, drain_local_pages_ipi, zone, true, IPI_CALL_FUNCTION);
	drain_local_pages(zone);
}

void drain_zone_pages(struct zone *zone)
{
	drain_pages_everywhere(zone);
}

void drain_all_pages(void)
{
	drain_pages_everywhere(NULL);
}

bool drain_remote_pages(enum zone_type highest)
{
	const struct zone *zones = contig_page_data.node_zones;
	unsigned int cpu;
	bool any = false;

	if (num_online_cpus() == 1 || !preemptible())
		return false;
	for_each_online_cpu(cpu) {
		if (cpu == (unsigned int)smp_processor_id())
			continue;
		for (int z = highest; z >= 0; z--)
			any |= pcp_pages(per_cpu_ptr(zones[z].pcp, cpu)) != 0;
	}
	if (any)
		drain_all_pages();
	return any;
}

/*
 * A free left more than high blocks on the list: drain a batch (all if
 * off). Context: interrupts off (free_one_block()'s section).
 */
noinline void pcp_free_drain(struct zone *zone, unsigned int order)
{
	unsigned int batch = this_cpu_ptr(zone->pcp)->batch[order];

	pcp_drain(zone, order, batch ? batch : this_cpu_ptr(zone->pcp)->count[order]);
}

/*
 * The per-CPU list of @order is empty: refill it with a batch from the
 * buddy lists and take the first block. With the lists off (batch 0, before
 * setup_per_zone_wmarks) go to the buddy lists directly. If the buddy
 * lists have no block that large, the free pages may be sitting on this
 * CPU's lists of the other orders: give those back, so they can merge,
 * and try once more. Other CPUs' lists cannot be drained from here
 * (interrupts are off, and waiting for another CPU's answer with them off
 * can deadlock): alloc_pages_slow() does that once it has failed, where
 * it may wait (drain_remote_pages()). Context: interrupts off
 * (alloc_pages_slow()'s section), so the refilled list is still full when
 * the pop below takes from it.
 */
noinline struct page *pcp_refill(struct zone *zone, unsigned int order)
{
	struct per_cpu_pages *pcp = this_cpu_ptr(zone->pcp);
	unsigned int n;

	VM_BUG_ON(!irqs_disabled());
	if (!pcp->batch[order])
		return zone_buddy_alloc(zone, order);
	spin_lock(&zone->lock);
	n = buddy_take_blocks(zone, order, pcp->batch[order], &pcp->lists[order]);
	spin_unlock(&zone->lock);
	pcp->count[order] += n;
	if (!list_empty(&pcp->lists[order]))
		return pcp_pop(zone, order);
	drain_local_pages(zone);	/* interrupts off: this CPU's only (alloc_pages_slow asks the others) */
	return zone_buddy_alloc(zone, order);
}

/*
 * A block above the per-CPU orders. The buddy lists may lack it only
 * because pages sit on the per-CPU lists, counted free but unable to
 * merge: then drain this CPU's and try once more (the other CPUs': as in
 * pcp_refill()). Context: interrupts off.
 */
noinline struct page *rmqueue_large(struct zone *zone, unsigned int order)
{
	struct page *page = zone_buddy_alloc(zone, order);

	if (!page && pcp_pages(this_cpu_ptr(zone->pcp))) {
		drain_local_pages(zone);	/* as in pcp_refill() */
		page = zone_buddy_alloc(zone, order);
	}
	return page;
}

/*
 * The per-CPU list sizes of @zone. batch, in pages: managed / 1024
 * rounded down to a power of two, 1 to 32 (32 pages is 128 KiB, one
 * order-5 block per refill); high = 4 * batch. A list of order k counts
 * blocks: batch >> k and high >> k, at least one.
 *
 *   zone (managed pages)      batch   high   order-3 list: batch, high
 *   HighMem, 4 GiB (556,800)     32    128                  4 blocks, 16
 *   Normal, 4 GiB (225,000)      32    128                  4 blocks, 16
 *   Normal, 128 MiB (28,600)     16     64                  2 blocks, 8
 *   DMA (3,900)                   2      8                  1 block,  1
 *
 * So a zone holds at most 4 * high pages on each CPU's lists (2 MiB at
 * most), all counted as free. Each online CPU drains its own lists and
 * sets its own sizes, in on_each_cpu()'s handler, interrupts off there:
 * their old contents may exceed the new limits, and no handler may see
 * half-set sizes. A CPU not online runs nothing and is sized directly.
 * Context: process context with interrupts on, or boot (one CPU).
 */
struct pcp_sizes {
	struct zone *zone;
	unsigned int batch[NR_PCP_LISTS], high[NR_PCP_LISTS];
};

static void pcp_set_sizes(struct per_cpu_pages *pcp, const struct pcp_sizes *sz)
{
	for (unsigned int order = 0; order < NR_PCP_LISTS; order++) {
		pcp->batch[order] = sz->batch[order];
		pcp->high[order] = sz->high[order];
	}
}

/* on_each_cpu()'s handler: this CPU's lists of the zone. Context: interrupts off. */
static void pcp_resize_local(void *arg)
{
	const struct pcp_sizes *sz = arg;

	drain_local_pages(sz->zone);
	pcp_set_sizes(this_cpu_ptr(sz->zone->pcp), sz);
}

void setup_zone_pcp(struct zone *zone)
{
	struct pcp_sizes sz = { .zone = zone };
	unsigned long batch = 1;

	while (batch < 32 && batch * 2 <= (zone->managed_pages >> 10))
		batch *= 2;
	for (unsigned int order = 0; order < NR_PCP_LISTS; order++) {
		sz.batch[order] = zone->managed_pages ? max(batch >> order, 1UL) : 0;
		sz.high[order] = max((4 * batch) >> order, 1UL);
	}
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)	/* the same sizes on every CPU */
		if (!cpu_online(cpu))
			pcp_set_sizes(per_cpu_ptr(zone->pcp, cpu), &sz);
	on_each_cpu(pcp_resize_local, &sz, true);
}
