// SPDX-License-Identifier: MIT
/*
 * How this works: a narrated tour of one page's life, for `make run`.
 *
 * highmem_tour() does nothing a test does not already do; it says what
 * happens, one "tour: " line per step, each naming the function that did
 * it, so the boot log can be read beside the source:
 *
 *   drain_all_pages()          every free page back on the buddy lists
 *   buddy_alloc(), buddy_free() a split and a merge, shown in buddyinfo:
 *                              one order-0 page straight from the buddy
 *                              lists (alloc_page() would take it from a
 *                              per-CPU list, where nothing splits), then
 *                              freed, merging back into the block it came
 *                              from
 *   alloc_page(GFP_HIGHUSER)   a frame above lowmem: no kernel address yet
 *   kmap_local_page()          a fixmap slot points at it (one PTE)
 *   write, kunmap_local()      the slot's PTE is cleared again
 *   kmap()                     a pkmap entry points at it; data still there
 *   vmap(), vmallocinfo        a vmalloc-area mapping of the same frame
 *   kunmap(), __free_page()    onto the zone's per-CPU list: free, but
 *                              not merged yet
 *   kmem_cache_shrink()        vmap()'s struct vm_struct was the first
 *                              object of its kmalloc cache, whose slab
 *                              stays after the kfree (a cache keeps its
 *                              front slab): give that page back
 *   drain_all_pages()          back to the buddy lists, merged as far as
 *                              their buddies allow
 *
 * with the buddy lists printed at each step, and compared at the end with
 * the first picture: the tour says whether every page came back, and if
 * not, in which zone and order the lists differ. On a machine with no
 * highmem the same steps run on a lowmem page, and every "mapping" is the
 * direct-map address that page always had.
 *
 * It runs when the command line has the word `tour` (kernel/demos.c
 * reads the option), and is built in only with TOUR=1 (CONFIG_TOUR, on
 * by default; off for the bench kernel and a DEMOS=0 build).
 */
#include <asm/pgtable.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/vmalloc.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <mm/tour.h>
#include <mm/vmstat.h>
#include "../buddy.h"

static const char message[] = "hello from the tour";

/*
 * The asm statement keeps the call and its argument: a function with no
 * effect may otherwise be dropped, and then a debugger has nothing to
 * break on. tests/gdb/session.py stops here twice per tour.
 */
noinline void gdb_checkpoint(const char *what)
{
	__asm__ volatile("" : : "r"(what) : "memory");
}

/*
 * The PTE that maps @vaddr (lookup_pte_k), decoded: pfn, present,
 * writable, NX. The whole entry is printed: 8 hex digits, 16 with PAE.
 */
static void print_pte(const char *who, void *vaddr)
{
	pte_t *pte = lookup_pte_k((unsigned long)vaddr);
	pteval_t v = pte ? pte_val(*pte) : 0;

	pr_info("tour:   lookup_pte_k(0x%08lx) = 0x%0*llx: pfn 0x%05lx%s%s%s (%s)\n",
		(unsigned long)vaddr, (int)(2 * sizeof(pteval_t)), (unsigned long long)v,
		(unsigned long)pte_pfn(__pte(v)),
		(v & _PAGE_PRESENT) ? ", present" : ", not present",
		(v & _PAGE_RW) ? ", writable" : "",
		(_PAGE_NX && (v & _PAGE_NX)) ? ", no-execute" : "", who);
}

/* nr_free of every order of every zone: the buddy lists, as buddyinfo shows them. */
struct lists_snapshot {
	unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
};

static void snapshot_lists(struct lists_snapshot *snap)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (unsigned int k = 0; k < MAX_ORDER; k++)
			snap->nr_free[z][k] = contig_page_data.node_zones[z].free_area[k].nr_free;
}

/*
 * Compare the lists with @before: say "the same as before", or name each
 * zone and order whose count differs. Return: true if all are the same.
 */
static bool lists_same_as(const struct lists_snapshot *before)
{
	struct lists_snapshot now;
	bool same = true;

	snapshot_lists(&now);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (unsigned int k = 0; k < MAX_ORDER; k++)
			if (now.nr_free[z][k] != before->nr_free[z][k]) {
				pr_info("tour:   zone %s, order %u: %lu free block(s), %lu before\n",
					contig_page_data.node_zones[z].name, k, now.nr_free[z][k],
					before->nr_free[z][k]);
				same = false;
			}
	return same;
}

/*
 * A real split and merge. buddy_alloc() takes the smallest free block of
 * order >= 0 and halves it until one page is left, putting each upper
 * half on the list below (mm/buddy.c: order 0 from order 3 at pfn 8
 * leaves 12, 10 and 9 free). buddy_free() merges the page with each free
 * buddy in turn, pfn ^ (1 << k), back into one block. The tour calls the
 * buddy core directly, as mm/tests/buddy_test.c does, under zone->lock
 * with interrupts off as the per-CPU lists' refill does: alloc_page()
 * would pop a page from a per-CPU list, and nothing would split.
 */
static void split_and_merge(struct zone *zone)
{
	unsigned int from = 0, merged;
	unsigned long pfn, flags;
	struct page *page;

	spin_lock_irqsave(&zone->lock, flags);	/* the buddy core's rule, as the refill keeps it */
	while (from < MAX_ORDER && !zone->free_area[from].nr_free)
		from++;
	if (from == MAX_ORDER) {
		spin_unlock_irqrestore(&zone->lock, flags);
		return;
	}
	page = buddy_alloc(zone, 0);
	spin_unlock_irqrestore(&zone->lock, flags);
	pfn = page_to_pfn(page);
	pr_info("tour: buddy_alloc(zone %s, order 0), straight from the buddy lists: the smallest "
		"free block is order %u at pfn 0x%05lx\n", zone->name, from, pfn);
	for (unsigned int k = from; k-- > 0; )
		pr_info("tour:   split: upper half pfn 0x%05lx (order %u) onto the order-%u list\n",
			pfn + (1UL << k), k, k);
	pr_info("tour:   pfn 0x%05lx (order 0) handed out%s; show_buddyinfo() after:\n", pfn,
		from ? "" : ", no split needed");
	show_buddyinfo();

	spin_lock_irqsave(&zone->lock, flags);
	buddy_free(zone, page, 0);
	spin_unlock_irqrestore(&zone->lock, flags);
	/* the free block that now holds pfn: its order is the number of merges */
	for (merged = 0; merged < MAX_ORDER; merged++) {
		struct page *head = pfn_to_page(pfn & ~((1UL << merged) - 1));

		if (PageBuddy(head) && head->private == merged)
			break;
	}
	for (unsigned int k = 0; k < merged; k++)
		pr_info("tour:   merge: pfn 0x%05lx (order %u) with its free buddy 0x%05lx = "
			"0x%05lx ^ 0x%lx\n", pfn & ~((1UL << k) - 1), k,
			buddy_pfn(pfn & ~((1UL << k) - 1), k), pfn & ~((1UL << k) - 1), 1UL << k);
	pr_info("tour: buddy_free(pfn 0x%05lx, order 0): %u merge(s), one order-%u block at pfn "
		"0x%05lx; show_buddyinfo() after:\n", pfn, merged, merged,
		pfn & ~((1UL << merged) - 1));
	show_buddyinfo();
}

void highmem_tour(void)
{
	gfp_t gfp = totalhigh_pages ? GFP_HIGHUSER : GFP_KERNEL;
	const char *gfp_name = totalhigh_pages ? "GFP_HIGHUSER" : "GFP_KERNEL";
	struct lists_snapshot before;
	struct kmem_cache_stats st;
	struct kmem_cache *vm_cache = kmalloc_slab(sizeof(struct vm_struct));
	struct page *page;
	char *local, *pk, *vm;
	unsigned long shrunk;
	int slot;

	pr_info("tour: one page's life (mm/demo/tour.c)\n");
	if (!totalhigh_pages)
		pr_info("tour: this machine has no highmem (RAM ends at %lu MiB, inside lowmem): "
			"walking a lowmem page instead\n", max_low_pfn >> (20 - PAGE_SHIFT));
	/*
	 * The vmap() below needs the page table of the vmalloc area's first
	 * 4 MiB, and kernel page tables are never freed (mm/vmalloc.c): make
	 * it now, so the last picture compares the tour's pages only.
	 */
	vfree(vmalloc(PAGE_SIZE));
	vm_unmap_aliases();	/* vfree() is lazy: purge, so the range and its vm_struct go now */
	kmem_cache_shrink(vm_cache);
	drain_all_pages();
	pr_info("tour: drain_all_pages(): the per-CPU page lists are emptied onto the buddy lists\n");
	pr_info("tour: show_buddyinfo() before:\n");
	show_buddyinfo();
	snapshot_lists(&before);
	split_and_merge(&contig_page_data.node_zones[totalhigh_pages ? ZONE_HIGHMEM : ZONE_NORMAL]);
	if (lists_same_as(&before))
		pr_info("tour:   (the same as before: each split undone by a merge)\n");

	page = alloc_page(gfp);
	if (!page) {
		pr_info("tour: alloc_page(%s) failed; tour over\n", gfp_name);
		return;
	}
	pr_info("tour: alloc_page(%s) = pfn 0x%05lx (phys 0x%08llx), zone %s\n", gfp_name,
		page_to_pfn(page), (unsigned long long)page_to_phys(page), page_zone(page)->name);
	if (PageHighMem(page))
		pr_info("tour:   page_address() = NULL: not in the direct map, which ends at 0x%08lx\n",
			(unsigned long)high_memory);
	else
		pr_info("tour:   page_address() = 0x%08lx: lowmem, always in the direct map\n",
			(unsigned long)page_address(page));

	slot = kmap_local_depth();
	local = kmap_local_page(page);
	if (PageHighMem(page)) {
		pr_info("tour: kmap_local_page() = 0x%08lx: kmap_local slot %d = fixmap index %d\n",
			(unsigned long)local, slot, virt_to_fix((unsigned long)local));
		print_pte("set by kmap_local_page() itself, as __set_fixmap() would", local);
		gdb_checkpoint("kmap_local");	/* slot 0 in use */
	} else {
		pr_info("tour: kmap_local_page() = 0x%08lx: the direct-map address, no slot used\n",
			(unsigned long)local);
	}
	memcpy(local, message, sizeof(message));
	pr_info("tour: wrote \"%s\" through 0x%08lx\n", local, (unsigned long)local);
	kunmap_local(local);
	if (PageHighMem(page))
		print_pte("after kunmap_local()", local);
	else
		pr_info("tour: kunmap_local(): nothing to undo for a lowmem page\n");

	pk = kmap(page);
	pr_info("tour: kmap() = 0x%08lx (%s), page_address() = 0x%08lx\n", (unsigned long)pk,
		PageHighMem(page) ? "a pkmap entry" : "the direct map",
		(unsigned long)page_address(page));
	if (PageHighMem(page)) {
		pr_info("tour:   pkmap entry %lu, users %d\n", PKMAP_NR((unsigned long)pk),
			pkmap_users((unsigned long)pk));
		print_pte("set by kmap()", pk);
		gdb_checkpoint("kmap");		/* pkmap entry in use, 1 user */
	}
	pr_info("tour: read back through kmap(): \"%s\" (%s)\n", pk,
		strcmp(pk, message) ? "DIFFERENT" : "data still there");
	kunmap(page);
	if (PageHighMem(page))
		pr_info("tour: kunmap(): entry %lu has %d users; it stays mapped until the next "
			"wrap-around flush\n", PKMAP_NR((unsigned long)pk), pkmap_users((unsigned long)pk));

	vm = vmap(&page, 1, VM_MAP, PAGE_KERNEL);
	if (vm) {
		pr_info("tour: vmap() = 0x%08lx: a third, longer-lived address for the same frame, "
			"in the vmalloc area\n", (unsigned long)vm);
		pr_info("tour: read back through vmap(): \"%s\" (%s)\n", vm,
			strcmp(vm, message) ? "DIFFERENT" : "data still there");
		pr_info("tour: vmallocinfo_show():\n");
		vmallocinfo_show();
		vunmap(vm);
		vm_unmap_aliases();
		pr_info("tour: vunmap(): PTE cleared; the TLB flush waits for a lazy purge, here "
			"vm_unmap_aliases(): flushed, the area is free again\n");
	}

	__free_page(page);
	pr_info("tour: __free_page(pfn 0x%05lx): onto zone %s's per-CPU list, %lu page(s) there: "
		"free, not yet merged\n", page_to_pfn(page), page_zone(page)->name,
		zone_pcp_pages(page_zone(page)));
	pr_info("tour: show_buddyinfo() after (the batch alloc_page() took is still out):\n");
	show_buddyinfo();
	kmem_cache_get_stats(vm_cache, &st);
	shrunk = kmem_cache_shrink(vm_cache);
	pr_info("tour: kmem_cache_shrink(%s): %lu page(s) back: vmap()'s struct vm_struct came "
		"from %s, and a cache keeps its front slab when it empties\n", st.name, shrunk,
		st.name);
	drain_all_pages();
	pr_info("tour: drain_all_pages(): back on the buddy lists, merged\n");
	pr_info("tour: show_buddyinfo() after the drain:\n");
	show_buddyinfo();
	if (lists_same_as(&before))
		pr_info("tour:   (the same as before: every page the tour used came back)\n");
	else
		pr_info("tour:   (not the same as before: the lines above name what is still out)\n");
	pr_info("tour: done\n");
}
