// SPDX-License-Identifier: MIT
/*
 * The buddy allocator's invariant checker: buddy_check_zone() walks a
 * zone's free lists, per-CPU lists and span and compares them with the
 * counters (the invariants are listed in mm/buddy.c's essay and above the
 * declaration in mm/tests/mm_test.h). Only the self-tests and tests/host's
 * stress driver call it, so it is built with them (KTEST=1), never into
 * the production or bench kernel. O(spanned pages).
 *
 * Several CPUs. Every CPU changes its own per-CPU lists, and the zone's
 * free_pages with them, whenever it likes, with its interrupts off and no
 * lock (mm/pcp.c), and any CPU may take zone->lock and change the buddy
 * lists. The checks compare all of these with each other, so they need
 * one instant at which nothing moves: hold_other_cpus() sends every other
 * online CPU an IPI whose handler spins, interrupts off, until the check
 * is over (Linux's stop_machine() stops the CPUs the same way to patch
 * code). A CPU in that handler was interrupted with interrupts on, so it
 * is in no per-CPU list section and holds no zone->lock (both are
 * interrupts-off); with this CPU's interrupts off as well, every list and
 * counter of every zone stands still, and the walk needs no lock at all.
 * Each CPU's lists are then read where they lie: per_cpu_ptr(), all CPUs.
 * The one check that costs O(spanned pages), no PG_buddy page off the
 * lists, runs after the others are let go, under zone->lock alone, which
 * is all PG_buddy and the buddy lists change under: the CPUs are held for
 * a walk of the lists only. With one CPU online no IPI is sent. Called with interrupts off (the
 * CPUs could not be held: waiting for them so can deadlock), the check
 * says so and runs on a moving picture.
 */
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <kernel/cpumask.h>
#include <kernel/percpu.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <mm/mm.h>

#include "../buddy.h"
#include "mm_test.h"

#define check(cond, fmt, ...) do {						\
	if (!(cond)) {								\
		pr_err("buddy_check_zone(%s): " fmt "\n",			\
		       zone->name ? zone->name : "?", ##__VA_ARGS__);		\
		bad++;								\
	}									\
} while (0)

/* Checks of one block on free_area[@order]; Return: problems found. */
static int check_free_block(const struct zone *zone, const struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), nr = 1UL << order;
	int bad = 0;

	check(pfn_in_zone(zone, pfn) && pfn_in_zone(zone, pfn + nr - 1),
	      "order %u block at pfn 0x%lx is outside the zone", order, pfn);
	if (bad)
		return bad;		/* do not look at pages beyond the span */
	check(!(pfn & (nr - 1)), "order %u block at pfn 0x%lx is not aligned", order, pfn);
	check(PageBuddy(page) && page->private == order,
	      "pfn 0x%lx on the order %u list has PG_buddy %d, order %lu",
	      pfn, order, PageBuddy(page), page->private);
	check(page_count(page) == 0, "free pfn 0x%lx has refcount %d", pfn, page_count(page));
	check(!PageReserved(page), "free pfn 0x%lx is PG_reserved", pfn);
	check(page_zonenum(page) == page_zonenum(page + nr - 1),
	      "order %u block at pfn 0x%lx straddles a zone boundary", order, pfn);

	/* A larger free block containing this one would overlap it. */
	for (unsigned int k = order + 1; k < MAX_ORDER; k++) {
		unsigned long head = pfn & ~((1UL << k) - 1);
		const struct page *h = pfn_to_page(head);

		check(!(pfn_in_zone(zone, head) && PageBuddy(h) && h->private == k),
		      "order %u block at pfn 0x%lx lies inside the free order %u block at 0x%lx",
		      order, pfn, k, head);
	}
	/* Eager merging leaves no free buddy of the same order behind. */
	if (order < MAX_ORDER - 1) {
		unsigned long b = buddy_pfn(pfn, order);

		check(!page_is_buddy(zone, page, pfn_to_page(b), b, order),
		      "free order %u buddies at pfn 0x%lx and 0x%lx were not merged", order, pfn, b);
	}
	return bad;
}

/* Checks of one block on CPU @cpu's per-CPU list of @order; Return: problems found. */
static int check_pcp_block(const struct zone *zone, const struct page *page, unsigned int order,
			   unsigned int cpu)
{
	unsigned long pfn = page_to_pfn(page), nr = 1UL << order;
	int bad = 0;

	check(pfn_in_zone(zone, pfn) && pfn_in_zone(zone, pfn + nr - 1),
	      "CPU %u pcp order %u block at pfn 0x%lx is outside the zone", cpu, order, pfn);
	if (bad)
		return bad;
	check(!(pfn & (nr - 1)), "CPU %u pcp order %u block at pfn 0x%lx is not aligned",
	      cpu, order, pfn);
	check(!PageBuddy(page) && page->private == order,
	      "pfn 0x%lx on CPU %u's pcp order %u list has PG_buddy %d, order %lu",
	      pfn, cpu, order, PageBuddy(page), page->private);
	check(page_count(page) == 0, "CPU %u pcp pfn 0x%lx has refcount %d", cpu, pfn,
	      page_count(page));
	check(!PageReserved(page), "CPU %u pcp pfn 0x%lx is PG_reserved", cpu, pfn);
	check(!buddy_pfn_is_free(zone, pfn),
	      "CPU %u pcp order %u block at pfn 0x%lx is also inside a buddy free block",
	      cpu, order, pfn);
	return bad;
}

/*
 * CPU @cpu's per-CPU lists of @zone: each block checked, each count
 * against its list. Return: problems found; *@pages: the pages listed.
 */
static int check_pcp_lists(const struct zone *zone, unsigned int cpu, unsigned long *pages)
{
	const struct per_cpu_pages *pcp = per_cpu_ptr(zone->pcp, cpu);
	int bad = 0;

	for (unsigned int order = 0; order < NR_PCP_LISTS; order++) {
		const struct list_head *head = &pcp->lists[order], *pos;
		unsigned long n = 0;

		if (!head->next) {
			check(pcp->count[order] == 0, "CPU %u pcp order %u: count %u but no list",
			      cpu, order, pcp->count[order]);
			continue;
		}
		list_for_each(pos, head) {
			if (++n > zone->spanned_pages) {
				check(false, "CPU %u pcp order %u list is longer than the zone: a cycle?",
				      cpu, order);
				break;
			}
			bad += check_pcp_block(zone, list_entry(pos, struct page, lru), order, cpu);
			if (bad > 20)
				return bad;
		}
		check(n == pcp->count[order], "CPU %u pcp order %u: %lu blocks listed, count %u",
		      cpu, order, n, pcp->count[order]);
		*pages += n << order;
	}
	return bad;
}

/* --- holding the other CPUs still ------------------------------------------ */

static DEFINE_SPINLOCK(hold_lock);	/* one holder at a time */
static unsigned int cpus_held;		/* CPUs spinning in hold_this_cpu() (atomic) */
static bool cpus_released;

/* The IPI handler: stand still, interrupts off, until released. */
static void hold_this_cpu(void *unused)
{
	(void)unused;
	__atomic_add_fetch(&cpus_held, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&cpus_released, __ATOMIC_ACQUIRE))
		cpu_relax();
	__atomic_sub_fetch(&cpus_held, 1, __ATOMIC_RELEASE);
}

/*
 * Stop every other online CPU in hold_this_cpu() and disable interrupts
 * here. Return: true if CPUs are held (release_other_cpus() lets them go).
 * Context: process context, interrupts on; otherwise nothing is held
 * (reported when other CPUs run) and only interrupts are disabled.
 */
static bool hold_other_cpus(unsigned long *flags)
{
	cpumask_t others;

	preempt_disable();	/* no switch away from here while they wait for us */
	others = cpu_online_mask & ~cpumask_of(smp_processor_id());
	if (!others || irqs_disabled() || in_interrupt()) {
		if (others)
			report_misuse("buddy_check_zone", "other CPUs cannot be held with "
				      "interrupts off: checking lists that may change");
		local_irq_save(*flags);
		return false;
	}
	spin_lock(&hold_lock);
	cpus_released = false;
	/* without wait: the call returns once each has picked the IPI up */
	smp_call_function_many(others, hold_this_cpu, NULL, false, IPI_CALL_FUNCTION);
	local_irq_save(*flags);
	while (__atomic_load_n(&cpus_held, __ATOMIC_ACQUIRE) != cpumask_weight(others))
		cpu_relax();
	return true;
}

static void release_other_cpus(bool held, unsigned long flags)
{
	if (held) {
		__atomic_store_n(&cpus_released, true, __ATOMIC_RELEASE);
		/* all out before the next holder clears cpus_released */
		while (__atomic_load_n(&cpus_held, __ATOMIC_ACQUIRE))
			cpu_relax();
	}
	local_irq_restore(flags);
	if (held)
		spin_unlock(&hold_lock);
	preempt_enable();
}

/* --- the check ------------------------------------------------------------ */

/* buddy_check_zone() with nothing moving. Context: interrupts off, other CPUs held. */
static int __buddy_check_zone(const struct zone *zone)
{
	unsigned int cpu;
	unsigned long free = 0;
	int bad = 0;

	if (!zone->free_area[0].free_list.next) {
		/* lists never initialised: only right for a zone with nothing free */
		check(zone->free_pages == 0, "free_pages %lu but no free lists", zone->free_pages);
		return bad;
	}
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		const struct free_area *area = &zone->free_area[order];
		const struct list_head *pos;
		unsigned long n = 0;

		list_for_each(pos, &area->free_list) {
			if (++n > zone->spanned_pages) {
				check(false, "order %u list is longer than the zone: a cycle?", order);
				break;
			}
			bad += check_free_block(zone, list_entry(pos, struct page, lru), order);
			if (bad > 20)
				return bad;	/* enough to see what is wrong */
		}
		check(n == area->nr_free, "order %u: %lu blocks listed, nr_free %lu",
		      order, n, area->nr_free);
		free += n << order;
	}
	for_each_possible_cpu(cpu) {	/* an offline CPU's lists must be empty */
		bad += check_pcp_lists(zone, cpu, &free);
		if (bad > 20)
			return bad;
	}
	check(free == zone->free_pages, "%lu pages on the buddy and pcp lists, free_pages %lu",
	      free, zone->free_pages);
	return bad;
}

static bool zone_is_real(const struct zone *zone)
{
	return zone >= contig_page_data.node_zones &&
	       zone < contig_page_data.node_zones + MAX_NR_ZONES;
}

/*
 * A PG_buddy page that no list holds would be a leak waiting to merge.
 * O(spanned pages), so it runs with the other CPUs free again: PG_buddy
 * and the buddy lists change only under zone->lock, which is enough to
 * hold them still (a self-test's private zone has no other user, and no
 * lock set up). The lists are counted again under it. Return: problems.
 */
static int check_span(const struct zone *zone)
{
	/* the lock is the only thing written: the checker's zone is otherwise read-only */
	spinlock_t *lock = (spinlock_t *)&zone->lock;
	unsigned long heads = 0, listed = 0, flags = 0;
	bool real = zone_is_real(zone);
	int bad = 0;

	if (real)
		spin_lock_irqsave(lock, flags);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		const struct list_head *pos;
		unsigned long n = 0;

		list_for_each(pos, &zone->free_area[order].free_list)
			if (++n > zone->spanned_pages)
				break;		/* a cycle, reported by __buddy_check_zone() */
		listed += n;
	}
	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++)
		heads += PageBuddy(pfn_to_page(pfn));
	if (real)
		spin_unlock_irqrestore(lock, flags);
	check(heads == listed, "%lu PG_buddy pages in the span, %lu blocks on the lists",
	      heads, listed);
	return bad;
}

int buddy_check_zone(const struct zone *zone)
{
	unsigned long flags;
	bool held = hold_other_cpus(&flags);
	int bad = __buddy_check_zone(zone);

	release_other_cpus(held, flags);
	if (bad <= 20 && zone->free_area[0].free_list.next)
		bad += check_span(zone);
	return bad;
}

int buddy_check_all_zones(void)
{
	int bad[MAX_NR_ZONES] = { 0 }, sum = 0;
	unsigned long flags;
	bool held = hold_other_cpus(&flags);	/* once for the three */

	for (int z = 0; z < MAX_NR_ZONES; z++)
		bad[z] = __buddy_check_zone(&contig_page_data.node_zones[z]);
	release_other_cpus(held, flags);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &contig_page_data.node_zones[z];

		if (bad[z] <= 20 && zone->free_area[0].free_list.next)
			bad[z] += check_span(zone);
		sum += bad[z];
	}
	return sum;
}
