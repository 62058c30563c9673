// SPDX-License-Identifier: MIT
/*
 * How this works: what the page allocator says when something is wrong.
 *
 * Misuse is reported as "BUG: Bad page state: <reason>", then dump_page()
 * and a backtrace, and the pages are left exactly as they were:
 *   "page is reserved"            the page was never the allocator's
 *   "page still belongs to slab or vmalloc"
 *                                 freed behind its owner's back (slab
 *                                 and vfree clear their flag first)
 *   "page is already free"        the page is in a free block, or in a
 *                                 block on a per-CPU list (double free)
 *   "refcount underflow"          the count is already 0: one put too many,
 *                                 or a non-head page of a block freed alone
 *   "freed with the wrong order"  private (the order it was allocated
 *                                 with) differs from the order given
 *   "nonzero refcount"            (DEBUG_VM) a non-head page of the block
 *                                 still has users
 * The first that applies is reported, in this order.
 *
 *
 * __free_pages() tests the head page with one combined mask and calls
 * bad_free() only when it fails, so the fast path carries no report
 * code; check_tail_pages() is the DEBUG_VM walk of the other pages.
 * warn_alloc() prints "page allocation failure: order:N, mode:0x..(..)"
 * with the gfp flags by name (format_gfp), each zone's free pages and
 * watermarks, and the buddy lists (show_buddyinfo, mm/vmstat.c).
 *
 * Where it differs from Linux: Linux reports a free of a reserved page as
 * a bad page once its count has dropped to 0 (PG_reserved is among the
 * flags checked at free); here PG_reserved is checked first ("page is
 * reserved"). Linux names gfp flags with printk's %pGg from the table in
 * include/trace/events/mmflags.h; format_gfp() is a short copy of it.
 */
#include <asm/irqflags.h>
#include <kernel/compiler.h>
#include <kernel/cpumask.h>
#include <kernel/kallsyms.h>
#include <kernel/preempt.h>
#include <kernel/smp.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/vmstat.h>
#include "buddy.h"
#include "internal.h"

static noinline void bad_page(struct page *page, const char *reason, unsigned int order)
{
	report_misuse("Bad page state", reason);
	pr_err("  freeing pfn 0x%lx with order %u\n", page_to_pfn(page), order);
	dump_page(page, reason);
	dump_stack();
}

struct pcp_holds_arg {
	const struct page *page;
	bool found;		/* set by whichever CPU finds it */
};

/*
 * Is the page in a block on this CPU's lists of its zone (head or not)?
 * Context: interrupts off, on the CPU whose lists these are: only that
 * CPU changes them, and only with its interrupts off, so they stand still.
 */
static void pcp_holds_local(void *arg)
{
	struct pcp_holds_arg *a = arg;
	const struct zone *zone = page_zone(a->page);
	unsigned long pfn = page_to_pfn(a->page);

	for (unsigned int order = 0; order < NR_PCP_LISTS; order++) {
		const struct page *head = pfn_to_page(pfn & ~((1UL << order) - 1)), *p;

		if (!this_cpu_ptr(zone->pcp)->lists[order].next)
			continue;
		list_for_each_entry(p, &this_cpu_ptr(zone->pcp)->lists[order], lru)
			if (p == head)
				WRITE_ONCE(a->found, true);
	}
}

/*
 * Is @page in a block on one of its zone's per-CPU lists, any CPU's? Each
 * CPU looks at its own (the others by IPI, waited for), so that a page
 * freed twice from two CPUs is still named "already free". With
 * interrupts off the other CPUs cannot be asked: this CPU's lists only.
 * O(pages on the lists): only for reports.
 */
static bool pcp_holds(const struct page *page)
{
	struct pcp_holds_arg a = { .page = page };
	unsigned long flags;

	local_irq_save(flags);
	pcp_holds_local(&a);
	local_irq_restore(flags);
	if (!a.found && !irqs_disabled() && !in_interrupt() && num_online_cpus() > 1) {
		preempt_disable();
		smp_call_function_many(cpu_online_mask & ~cpumask_of(smp_processor_id()),
				       pcp_holds_local, &a, true, IPI_CALL_FUNCTION);
		preempt_enable();
	}
	return READ_ONCE(a.found);
}

/* The head page failed the quick test in __free_pages: say why. */
noinline void bad_free(struct page *page, unsigned int order)
{
	const char *reason;

	if (PageReserved(page))
		reason = "page is reserved";
	else if (PageSlab(page) || test_page_flag(page, PG_vmalloc))
		reason = "page still belongs to slab or vmalloc";
	else if (PageBuddy(page) || buddy_pfn_is_free(page_zone(page), page_to_pfn(page)) ||
		 pcp_holds(page))
		reason = "page is already free";
	else if (page_count(page) <= 0)
		reason = "refcount underflow";
	else
		reason = "freed with the wrong order";
	bad_page(page, reason, order);
}

/*
 * The non-head pages of a block about to be freed: not reserved, not
 * free, no users. Return: false (after a report) when one is wrong.
 */
noinline bool check_tail_pages(struct page *page, unsigned int order)
{
	struct page *end = page + (1UL << order);

	for (struct page *p = page + 1; p < end; p++) {
		const char *reason = NULL;

		if (PageReserved(p))
			reason = "page is reserved";
		else if (PageBuddy(p))
			reason = "page is already free";
		else if (page_count(p) != 0)
			reason = "nonzero refcount";
		if (reason) {
			bad_page(p, reason, order);
			return false;
		}
	}
	return true;
}

/*
 * "GFP_KERNEL|__GFP_NOWARN": composite names first, as Linux's %pGg, then
 * single bits, then whatever is left in hex.
 */
static const struct { gfp_t mask; const char *name; } gfp_names[] = {
	{ GFP_HIGHUSER, "GFP_HIGHUSER" },
	{ GFP_USER, "GFP_USER" },
	{ GFP_KERNEL, "GFP_KERNEL" },
	{ GFP_ATOMIC, "GFP_ATOMIC" },
	{ __GFP_DMA, "GFP_DMA" },
	{ __GFP_HIGHMEM, "__GFP_HIGHMEM" },
	{ __GFP_HIGH, "__GFP_HIGH" },
	{ __GFP_ATOMIC, "__GFP_ATOMIC" },
	{ __GFP_IO, "__GFP_IO" },
	{ __GFP_FS, "__GFP_FS" },
	{ __GFP_ZERO, "__GFP_ZERO" },
	{ __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ __GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ __GFP_NOWARN, "__GFP_NOWARN" },
	{ __GFP_COMP, "__GFP_COMP" },
	{ __GFP_HARDWALL, "__GFP_HARDWALL" },
};

static void format_gfp(char *buf, size_t size, gfp_t gfp)
{
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < ARRAY_SIZE(gfp_names) && gfp; i++) {
		if ((gfp & gfp_names[i].mask) != gfp_names[i].mask)
			continue;
		n += snprintf(buf + min(n, size), n < size ? size - n : 0, "%s%s",
			      n ? "|" : "", gfp_names[i].name);
		gfp &= ~gfp_names[i].mask;
	}
	if (gfp)
		n += snprintf(buf + min(n, size), n < size ? size - n : 0, "%s0x%x", n ? "|" : "", gfp);
	if (!n)
		snprintf(buf, size, "none");
}

noinline void warn_alloc(gfp_t gfp, unsigned int order)
{
	char names[160];

	format_gfp(names, sizeof(names), gfp);
	pr_warn("page allocation failure: order:%u, mode:0x%x(%s)\n", order, gfp, names);
	dump_stack();
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &contig_page_data.node_zones[z];

		if (zone->managed_pages)
			pr_warn("%s free:%lukB min:%lukB low:%lukB high:%lukB managed:%lukB\n",
				zone->name, zone->free_pages << 2, zone->watermark[WMARK_MIN] << 2,
				zone->watermark[WMARK_LOW] << 2, zone->watermark[WMARK_HIGH] << 2,
				zone->managed_pages << 2);
	}
	show_buddyinfo();
}
