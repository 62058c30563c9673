// SPDX-License-Identifier: MIT
/*
 * vmalloc(), vmap() and the areas between VMALLOC_START and VMALLOC_END.
 *
 * Data structures. One struct vm_struct per area (kmalloc'ed), on
 * vmap_area_list sorted by address. An area is [addr, addr + size): its
 * pages, then one guard page that is never mapped. The PTEs are the only
 * record of which page is mapped where: vmalloc keeps no page array,
 * vfree() and vmalloc_to_page() read the page back from the PTE.
 *
 * Alloc path. get_vm_area_caller() walks the sorted list for the first
 * gap that holds size + PAGE_SIZE (first fit) and links a new area there.
 * vmalloc() then allocates one page at a time, from highmem if there is
 * any (GFP_KERNEL | __GFP_HIGHMEM: a page the kernel cannot otherwise
 * address is the best use of highmem), and writes its PTE. A missing page
 * table is allocated (lowmem, zeroed) and installed in swapper_pg_dir with
 * set_pmd(). No TLB flush is needed at map time: the PTEs were not
 * present, and x86 never caches a not-present translation.
 *
 * Free path. The area's PTEs are cleared and its pages, and every page
 * table left empty, wait on a local list; then the TLB is flushed (invlpg
 * per page for small areas, one CR3 reload above VUNMAP_FLUSH_ALL_PAGES),
 * and only then are they given back -- a page must not be reusable while
 * a stale TLB entry still reaches it. Last the area leaves the list.
 *
 * Invariants: areas do not overlap; a guard page is never mapped; the page
 * tables of [VMALLOC_START, VMALLOC_END) belong to this file (vmalloc_init
 * checks that there are none at boot) and exist only while a PTE in them
 * is in use; a VM_ALLOC page carries PG_vmalloc.
 *
 * Where it differs from Linux: Linux finds free space in an augmented
 * red-black tree, keeps a pages[] array per area, defers the TLB flush of
 * freed areas and purges them in batches (lazy vunmap), and never frees
 * vmalloc page tables; on 32-bit it must also propagate new kernel
 * page-directory entries into every process's page directory. Here a list
 * is plenty, there is one page directory, and freeing page tables keeps
 * the free-page counts of the tests exact.
 */
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>
#include <kernel/kallsyms.h>
#include <kernel/list.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

static LIST_HEAD(vmap_area_list);	/* every area, sorted by addr */

/* Freeing more pages than this flushes the whole TLB instead of each page. */
#define VUNMAP_FLUSH_ALL_PAGES	32

/* Does freeing an area give its pages back to the page allocator? */
enum vunmap_pages {
	VUNMAP_KEEP_PAGES,	/* vmap, ioremap: the pages are someone else's */
	VUNMAP_FREE_PAGES,	/* vmalloc: the pages belong to the area */
};

static unsigned long area_mapped_end(const struct vm_struct *a)
{
	return a->addr + a->size - PAGE_SIZE;
}

struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const void *caller)
{
	struct list_head *next = &vmap_area_list;	/* insert before this */
	unsigned long addr = VMALLOC_START;
	struct vm_struct *area, *a;

	if (!size)
		return NULL;
	if (size > VMALLOC_END - VMALLOC_START - PAGE_SIZE)
		goto no_room;
	size = ALIGN(size, PAGE_SIZE) + PAGE_SIZE;	/* + the guard page */

	/* First fit: the gap before each area, then the gap after the last. */
	list_for_each_entry(a, &vmap_area_list, list) {
		if (a->addr - addr >= size) {
			next = &a->list;
			break;
		}
		addr = a->addr + a->size;
	}
	if (size > VMALLOC_END - addr)
		goto no_room;

	area = kmalloc(sizeof(*area), GFP_KERNEL);
	if (!area)
		return NULL;
	memset(area, 0, sizeof(*area));
	area->addr = addr;
	area->size = size;
	area->flags = flags;
	area->caller = caller;
	list_add_tail(&area->list, next);
	return area;

no_room:
	pr_warn("vmalloc: no room for %lu KiB in 0x%08lx-0x%08lx (%lu MiB); "
		"boot with vmalloc=<size> for a larger area\n", size >> 10,
		VMALLOC_START, VMALLOC_END, (VMALLOC_END - VMALLOC_START) >> 20);
	return NULL;
}

/* The PTE for @addr, allocating and installing its page table if needed. */
static pte_t *vmap_pte_alloc(unsigned long addr)
{
	pmd_t *pmd = pmd_offset(pgd_offset_k(addr), addr);

	if (pmd_none(*pmd)) {
		struct page *table = alloc_page(GFP_KERNEL | __GFP_ZERO);

		if (!table)
			return NULL;
		VM_BUG_ON_PAGE(PageHighMem(table), table);
		set_pmd(pmd, __pmd((pgdval_t)page_to_phys(table) | _KERNPG_TABLE));
	}
	return pte_offset_kernel(pmd, addr);
}

int vmap_pfn_range(unsigned long addr, unsigned long pfn, unsigned int nr, pgprot_t prot)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		pte_t *pte = vmap_pte_alloc(addr + i * PAGE_SIZE);

		if (!pte)
			return -1;
		VM_BUG_ON(!pte_none(*pte));
		set_pte(pte, pfn_pte(pfn + i, prot));
	}
	return 0;
}

/* Is the page table @table all empty? */
static bool page_table_empty(const pte_t *table)
{
	unsigned int i;

	for (i = 0; i < PTRS_PER_PTE; i++)
		if (!pte_none(table[i]))
			return false;
	return true;
}

/*
 * Clear the PTEs of @nr pages from @addr, flush the TLB, then free the
 * page tables that became empty and, with VUNMAP_FREE_PAGES, the pages.
 * Missing page tables and clear PTEs are skipped (a half-built area).
 */
static void vunmap_range(unsigned long addr, unsigned int nr, enum vunmap_pages what)
{
	unsigned long end = addr + (unsigned long)nr * PAGE_SIZE, a;
	LIST_HEAD(to_free);	/* pages that wait for the TLB flush */
	bool tables_freed = false;
	struct page *page, *tmp;

	for (a = addr; a < end; a += PAGE_SIZE) {
		pte_t *pte = lookup_pte_k(a);

		if (!pte || pte_none(*pte))
			continue;
		if (what == VUNMAP_FREE_PAGES) {
			page = pfn_to_page(pte_pfn(*pte));
			VM_BUG_ON_PAGE(!test_page_flag(page, PG_vmalloc), page);
			clear_page_flag(page, PG_vmalloc);
			list_add_tail(&page->lru, &to_free);
		}
		pte_clear(pte);
	}
	/* Each page table the range touched: give it back if it is now empty. */
	for (a = addr & PMD_MASK; a < end && a >= (addr & PMD_MASK); a += PMD_SIZE) {
		pmd_t *pmd = pmd_offset(pgd_offset_k(a), a);

		if (!pmd_present(*pmd) || !page_table_empty(pmd_page_vaddr(*pmd)))
			continue;
		page = virt_to_page(pmd_page_vaddr(*pmd));
		set_pmd(pmd, __pmd(0));
		list_add_tail(&page->lru, &to_free);
		tables_freed = true;
	}

	if (tables_freed || nr > VUNMAP_FLUSH_ALL_PAGES)
		__flush_tlb_all();
	else
		for (a = addr; a < end; a += PAGE_SIZE)
			__flush_tlb_one(a);

	list_for_each_entry_safe(page, tmp, &to_free, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

static void remove_vm_area(struct vm_struct *area, enum vunmap_pages what)
{
	vunmap_range(area->addr, area->nr_pages, what);
	list_del(&area->list);
	kfree(area);
}

void free_vm_area(struct vm_struct *area)
{
	remove_vm_area(area, VUNMAP_KEEP_PAGES);
}

struct vm_struct *find_vm_area(const void *addr)
{
	unsigned long a = (unsigned long)addr & PAGE_MASK;
	struct vm_struct *area;

	list_for_each_entry(area, &vmap_area_list, list)
		if (area->addr == a)
			return area;
	return NULL;
}

/* The area whose [addr, addr + size), guard page included, holds @addr. */
static struct vm_struct *area_containing(unsigned long addr)
{
	struct vm_struct *area;

	list_for_each_entry(area, &vmap_area_list, list)
		if (addr >= area->addr && addr - area->addr < area->size)
			return area;
	return NULL;
}

static void *vmalloc_caller(unsigned long size, gfp_t gfp, const void *caller)
{
	struct vm_struct *area = get_vm_area_caller(size, VM_ALLOC, caller);
	unsigned int i, nr;

	if (!area)
		return NULL;
	nr = (area->size >> PAGE_SHIFT) - 1;
	for (i = 0; i < nr; i++) {
		struct page *page = alloc_page(gfp);

		if (!page)
			goto fail;
		set_page_flag(page, PG_vmalloc);
		area->nr_pages++;	/* from here on vfree's business */
		if (vmap_pfn_range(area->addr + i * PAGE_SIZE, page_to_pfn(page), 1, PAGE_KERNEL)) {
			clear_page_flag(page, PG_vmalloc);
			__free_page(page);
			goto fail;
		}
	}
	return (void *)area->addr;

fail:
	pr_warn("vmalloc: allocation failure: %lu bytes, got %u of %u pages\n",
		size, i, nr);
	remove_vm_area(area, VUNMAP_FREE_PAGES);
	return NULL;
}

void *__vmalloc(unsigned long size, gfp_t gfp)
{
	return vmalloc_caller(size, gfp, __builtin_return_address(0));
}

void *vmalloc(unsigned long size)
{
	return vmalloc_caller(size, GFP_KERNEL | __GFP_HIGHMEM, __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return vmalloc_caller(size, GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO,
			      __builtin_return_address(0));
}

/* Detail lines for a free of @addr that matched no area of the right kind. */
static void explain_bad_free(const char *fn, const void *addr, const char *want)
{
	unsigned long a = (unsigned long)addr;
	struct vm_struct *area = is_vmalloc_addr(addr) ? area_containing(a) : NULL;

	if (!is_vmalloc_addr(addr))
		pr_err("  %s(0x%08lx): outside the vmalloc area 0x%08lx-0x%08lx\n",
		       fn, a, VMALLOC_START, VMALLOC_END);
	else if (!area)
		pr_err("  %s(0x%08lx): no area there\n", fn, a);
	else if (area->addr != a)
		pr_err("  %s(0x%08lx): inside the area 0x%08lx-0x%08lx; pass its start\n",
		       fn, a, area->addr, area->addr + area->size);
	else
		pr_err("  %s(0x%08lx): a %s area, not a %s one\n", fn, a,
		       (area->flags & VM_ALLOC) ? "vmalloc" :
		       (area->flags & VM_IOREMAP) ? "ioremap" : "vmap", want);
}

void vfree(const void *addr)
{
	struct vm_struct *area;

	if (!addr)
		return;
	area = find_vm_area(addr);
	if (!area || area->addr != (unsigned long)addr || !(area->flags & VM_ALLOC)) {
		report_bug("vmalloc", "vfree of an address that is not a vmalloc area");
		explain_bad_free("vfree", addr, "vmalloc");
		return;
	}
	remove_vm_area(area, VUNMAP_FREE_PAGES);
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	struct vm_struct *area;
	unsigned int i;

	if (!count)
		return NULL;
	area = get_vm_area_caller((unsigned long)count << PAGE_SHIFT, flags | VM_MAP,
				  __builtin_return_address(0));
	if (!area)
		return NULL;
	area->nr_pages = count;		/* unmapping skips what was never mapped */
	for (i = 0; i < count; i++) {
		if (vmap_pfn_range(area->addr + i * PAGE_SIZE, page_to_pfn(pages[i]), 1, prot)) {
			free_vm_area(area);
			return NULL;
		}
	}
	return (void *)area->addr;
}

void vunmap(const void *addr)
{
	struct vm_struct *area = find_vm_area(addr);

	if (!area || area->addr != (unsigned long)addr || !(area->flags & VM_MAP)) {
		report_bug("vmalloc", "vunmap of an address that is not a vmap area");
		explain_bad_free("vunmap", addr, "vmap");
		return;
	}
	free_vm_area(area);
}

struct page *vmalloc_to_page(const void *addr)
{
	pte_t *pte;

	if (!is_vmalloc_addr(addr))
		return NULL;
	pte = lookup_pte_k((unsigned long)addr);
	if (!pte || !pte_present(*pte) || !pfn_valid(pte_pfn(*pte)))
		return NULL;
	return pfn_to_page(pte_pfn(*pte));
}

void vmallocinfo_show(void)
{
	struct vm_struct *a;

	list_for_each_entry(a, &vmap_area_list, list) {
		unsigned long off = 0, size = 0;
		const char *sym = kallsyms_lookup((unsigned long)a->caller, &off, &size);
		char caller[64];

		if (sym)
			snprintf(caller, sizeof(caller), "%s+0x%lx/0x%lx", sym, off, size);
		else
			snprintf(caller, sizeof(caller), "%p", a->caller);
		if (a->flags & VM_IOREMAP)
			pr_info("0x%08lx-0x%08lx %7lu %s phys=0x%08llx ioremap\n",
				a->addr, a->addr + a->size, a->size, caller, a->phys_addr);
		else
			pr_info("0x%08lx-0x%08lx %7lu %s pages=%u %s\n",
				a->addr, a->addr + a->size, a->size, caller, a->nr_pages,
				(a->flags & VM_ALLOC) ? "vmalloc" : "vmap");
	}
}

const char *mm_fault_area(unsigned long addr)
{
	const char *name = kmap_local_fault_area(addr);
	struct vm_struct *area;

	if (!name)
		name = pkmap_fault_area(addr);
	if (name || !is_vmalloc_addr((const void *)addr))
		return name;
	area = area_containing(addr);
	if (area && addr >= area_mapped_end(area))
		return "a vmalloc guard page";
	return NULL;
}

void vmalloc_init(void)
{
	unsigned long a;

	/* The vmalloc area's page tables are this file's: none may exist yet. */
	for (a = VMALLOC_START & PMD_MASK; a < VMALLOC_END; a += PMD_SIZE)
		BUG_ON(!pmd_none(*pmd_offset(pgd_offset_k(a), a)));
	pr_info("vmalloc: 0x%08lx-0x%08lx (%lu MiB), one guard page after each area\n",
		VMALLOC_START, VMALLOC_END, (VMALLOC_END - VMALLOC_START) >> 20);
}
