// SPDX-License-Identifier: MIT
/*
 * How this works: a narrated tour of one page's life, for `make run`.
 *
 * highmem_tour() does nothing a test does not already do; it says what
 * happens, one "tour: " line per step, each naming the function that did
 * it, so the boot log can be read beside the source:
 *
 *   alloc_page(GFP_HIGHUSER)   a frame above lowmem: no kernel address yet
 *   kmap_local_page()          a fixmap slot points at it (one PTE)
 *   write, kunmap_local()      the slot's PTE is cleared again
 *   kmap()                     a pkmap entry points at it; data still there
 *   vmap(), vmallocinfo        a vmalloc-area mapping of the same frame
 *   kunmap(), __free_page()    onto the zone's per-CPU list: free, but
 *                              not merged yet
 *   drain_all_pages()          back to the buddy lists, merged as far as
 *                              its buddies allow
 *
 * with the buddy lists printed before (the per-CPU lists drained first,
 * so every free page is on them), after the free, and after the drain. On a machine with no
 * highmem the same steps run on a lowmem page, and every "mapping" is the
 * direct-map address that page always had.
 *
 * It runs only when the command line has the word `tour`.
 */
#include <asm/pgtable.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/vmalloc.h>
#include <mm/mm.h>
#include <mm/tour.h>
#include <mm/vmstat.h>

static bool tour_enabled;

static int parse_tour(const char *val)
{
	(void)val;
	tour_enabled = true;
	return 0;
}
__setup("tour", parse_tour);

static const char message[] = "hello from the tour";

/*
 * The asm statement keeps the call and its argument: a function with no
 * effect may otherwise be dropped, and then a debugger has nothing to
 * break on. tests/gdb_test.py stops here twice per tour.
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

void highmem_tour(void)
{
	gfp_t gfp = totalhigh_pages ? GFP_HIGHUSER : GFP_KERNEL;
	const char *gfp_name = totalhigh_pages ? "GFP_HIGHUSER" : "GFP_KERNEL";
	struct page *page;
	char *local, *pk, *vm;
	int slot;

	if (!tour_enabled)
		return;
	pr_info("tour: one page's life (mm/tour.c)\n");
	if (!totalhigh_pages)
		pr_info("tour: this machine has no highmem (RAM ends at %lu MiB, inside lowmem): "
			"walking a lowmem page instead\n", max_low_pfn >> (20 - PAGE_SHIFT));
	drain_all_pages();
	pr_info("tour: drain_all_pages(): the per-CPU page lists are emptied onto the buddy lists\n");
	pr_info("tour: show_buddyinfo() before:\n");
	show_buddyinfo();

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
		pr_info("tour: vunmap(): PTE cleared, TLB entry flushed, the area is free again\n");
	}

	__free_page(page);
	pr_info("tour: __free_page(pfn 0x%05lx): onto zone %s's per-CPU list, %lu page(s) there: "
		"free, not yet merged\n", page_to_pfn(page), page_zone(page)->name,
		zone_pcp_pages(page_zone(page)));
	pr_info("tour: show_buddyinfo() after (the batch alloc_page() took is still out):\n");
	show_buddyinfo();
	drain_all_pages();
	pr_info("tour: drain_all_pages(): back on zone %s's buddy lists, merged\n",
		page_zone(page)->name);
	pr_info("tour: show_buddyinfo() after the drain (the same as before):\n");
	show_buddyinfo();
	pr_info("tour: done\n");
}
