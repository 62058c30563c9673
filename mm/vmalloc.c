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
 * vmalloc() then works one page table at a time: it finds the PTE of the
 * first page once (a missing page table is allocated, lowmem and zeroed,
 * and installed with kernel_pmd_populate()), then allocates each
 * page, from highmem if there is any (GFP_KERNEL | __GFP_HIGHMEM: a page
 * the kernel cannot otherwise address is the best use of highmem), and
 * writes the next PTE. No TLB flush is needed at map time: the PTEs were
 * not present, and x86 never caches a not-present translation.
 *
 * Page tables are kept: once the vmalloc area's page table for a 4 MiB
 * (PAE: 2 MiB) span exists it is never freed, and its directory entry
 * never goes from present to not present. This is Linux's choice, and it
 * is needed by the process page directories (arch/x86/mm/pgd.c): each
 * copies the kernel half of swapper_pg_dir when it is created, so a
 * table freed here would still be pointed at from those copies, and a
 * directory entry cleared here would have to be cleared in all of them.
 * The alternative, preallocating every vmalloc table at boot, would cost
 * 128 KiB of lowmem for the default 128 MiB area (32 tables; PAE 64) and
 * change the boot's free-page counts. What keeping them leaves: a
 * directory copied before a table was added lacks that entry; without
 * PAE kernel_pmd_populate() copies it into every directory, or
 * vmalloc_fault() at the first fault there, as vmalloc_sync= says
 * (arch/x86/mm/pgd.c). With PAE the kernel's PMD pages are shared
 * outright and only PTE tables are added. The struct page of a table counts its PTEs in use
 * (page->inuse), checked against the entries in DEBUG_VM builds.
 *
 * Free path. A page must not be reusable while a stale TLB entry still
 * reaches it. For up to VUNMAP_FLUSH_ALL_PAGES pages, each PTE is cleared,
 * its address invlpg'd (flush_tlb_one_kernel()), and the page given back
 * there and then. A longer area clears everything, flushes once with
 * flush_tlb_kernel_range() (which reaches global entries too, unlike a
 * CR3 reload), then gives the pages back. Last the area leaves the list,
 * under vmap_area_lock, which every walk of the list takes too. It is a
 * plain spin_lock (vmalloc sleeps in Linux, so never runs in interrupt
 * context): an interrupt handler must not call vmalloc(), vfree(),
 * vmap() or vunmap() (include/kernel/interrupt.h).
 *
 * Invariants: areas do not overlap; a guard page is never mapped; the page
 * tables of [VMALLOC_START, VMALLOC_END) belong to this file (vmalloc_init
 * checks that there are none at boot), are never freed once made, and
 * their inuse is the number of PTEs in use; a VM_ALLOC page carries
 * PG_vmalloc.
 *
 * Where it differs from Linux: Linux finds free space in an augmented
 * red-black tree, keeps a pages[] array per area, and never frees vmalloc
 * page tables. Its vfree() clears the PTEs and gives the pages back at
 * once, but defers the TLB flush of the virtual *range* (lazy vunmap): the
 * range is not handed out again until a purge, once enough freed space has
 * built up (lazy_max_pages), flushes all such ranges together. So a stale
 * translation may still reach a page already reused, but only through a
 * use-after-vfree; here the flush comes first, and such a bug faults.
 * Linux's __vmalloc(size, gfp) adds __GFP_HIGHMEM itself unless the caller
 * asked for DMA; here __vmalloc() takes gfp as given (vmalloc() passes
 * GFP_KERNEL | __GFP_HIGHMEM). Here a list is plenty. Linux's vmap() refuses
 * a count above the number of RAM pages; here the bound is the vmalloc
 * area itself, checked on the count before count << PAGE_SHIFT can wrap
 * (2^20 pages is 4 GiB), and reported as misuse.
 */
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>
#include <kernel/kallsyms.h>
#include <kernel/list.h>
#include <kernel/printk.h>
#include <kernel/seq_file.h>
#include <kernel/report.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

static LIST_HEAD(vmap_area_list);	/* every area, sorted by addr */
static DEFINE_SPINLOCK(vmap_area_lock);	/* vmap_area_list */

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

	/* Allocated before the lock, as Linux does: GFP_KERNEL may sleep. */
	area = kmalloc(sizeof(*area), GFP_KERNEL);
	if (!area)
		return NULL;

	/* First fit: the gap before each area, then the gap after the last. */
	spin_lock(&vmap_area_lock);
	list_for_each_entry(a, &vmap_area_list, list) {
		if (a->addr - addr >= size) {
			next = &a->list;
			break;
		}
		addr = a->addr + a->size;
	}
	if (size > VMALLOC_END - addr) {
		spin_unlock(&vmap_area_lock);
		kfree(area);
		goto no_room;
	}
	memset(area, 0, sizeof(*area));
	area->addr = addr;
	area->size = size;
	area->flags = flags;
	area->caller = caller;
	list_add_tail(&area->list, next);
	spin_unlock(&vmap_area_lock);
	return area;

no_room:
	pr_warn("vmalloc: no room for %lu KiB in 0x%08lx-0x%08lx (%lu MiB); "
		"boot with vmalloc=<size> for a larger area\n", size >> 10,
		VMALLOC_START, VMALLOC_END, (VMALLOC_END - VMALLOC_START) >> 20);
	return NULL;
}

/*
 * The struct page of a vmalloc page table counts the PTEs in use in it,
 * in inuse (a field only slab pages otherwise use), so vfree() knows at
 * once when a table has become empty instead of reading 1024 entries.
 */
static inline struct page *pte_table_page(const pte_t *pte)
{
	return virt_to_page((unsigned long)pte & PAGE_MASK);
}

unsigned long vmalloc_pgtables[MAX_NR_ZONES];

/*
 * The PTE for @addr, allocating and installing its page table if needed
 * (zeroed: no PTE in use). Return: NULL when no page is left.
 */
static pte_t *vmap_pte_alloc(unsigned long addr)
{
	pmd_t *pmd = pmd_offset(pgd_offset_k(addr), addr);

	if (pmd_none(*pmd)) {
		struct page *table = alloc_page(GFP_KERNEL | __GFP_ZERO);

		if (!table)
			return NULL;
		VM_BUG_ON_PAGE(PageHighMem(table), table);
		vmalloc_pgtables[page_zonenum(table)]++;
		table->inuse = 0;
		kernel_pmd_populate(addr, lowmem_page_address(table));	/* kept for good */
	}
	return pte_offset_kernel(pmd, addr);
}

/* Entries of the page table that maps @addr, from @addr's to the table's end. */
static inline unsigned int ptes_to_table_end(unsigned long addr)
{
	return PTRS_PER_PTE - pte_index(addr);
}

int vmap_pfn_range(unsigned long addr, unsigned long pfn, unsigned int nr, pgprot_t prot)
{
	while (nr) {
		pte_t *pte = vmap_pte_alloc(addr);
		unsigned int n = min(nr, ptes_to_table_end(addr));

		if (!pte)
			return -1;
		for (unsigned int k = 0; k < n; k++) {
			VM_BUG_ON(!pte_none(pte[k]));
			set_pte(&pte[k], pfn_pte(pfn + k, prot));
		}
		pte_table_page(pte)->inuse += n;
		addr += (unsigned long)n << PAGE_SHIFT;
		pfn += n;
		nr -= n;
	}
	return 0;
}

/* Is the page table @table all empty? (The DEBUG_VM check of inuse.) */
static bool page_table_empty(const pte_t *table)
{
	unsigned int i;

	for (i = 0; i < PTRS_PER_PTE; i++)
		if (!pte_none(table[i]))
			return false;
	return true;
}

/*
 * Clear the PTEs of @nr pages from @addr, one page table at a time. The
 * page tables stay, even when emptied (see the essay above). No page may
 * be given back while a TLB entry can still reach it. Up to
 * VUNMAP_FLUSH_ALL_PAGES pages, each PTE is cleared and its page
 * invlpg'd (flush_tlb_one_kernel), and the page given back at once. A
 * longer range waits on a list for one flush_tlb_kernel_range(), which
 * flushes everything, global entries included. Missing page tables and
 * clear PTEs are skipped (a half-built area).
 */
static void vunmap_range(unsigned long addr, unsigned int nr, enum vunmap_pages what)
{
	unsigned long end = addr + (unsigned long)nr * PAGE_SIZE, a = addr;
	bool each = nr <= VUNMAP_FLUSH_ALL_PAGES;	/* else one flush at the end */
	LIST_HEAD(to_free);	/* what waits for that flush */
	struct page *page, *tmp;

	while (a < end) {
		pmd_t *pmd = pmd_offset(pgd_offset_k(a), a);
		unsigned int n = min((unsigned long)ptes_to_table_end(a), (end - a) >> PAGE_SHIFT);
		unsigned int cleared = 0;
		struct page *table;
		pte_t *pte;

		if (!pmd_present(*pmd)) {
			a += (unsigned long)n << PAGE_SHIFT;
			continue;
		}
		pte = pte_offset_kernel(pmd, a);
		for (unsigned int k = 0; k < n; k++, a += PAGE_SIZE) {
			if (pte_none(pte[k]))
				continue;
			page = what == VUNMAP_FREE_PAGES ? pfn_to_page(pte_pfn(pte[k])) : NULL;
			pte_clear(&pte[k]);
			cleared++;
			if (each)
				flush_tlb_one_kernel(a);
			if (!page)
				continue;
			VM_BUG_ON_PAGE(!test_page_flag(page, PG_vmalloc), page);
			clear_page_flag(page, PG_vmalloc);
			if (each)
				__free_page(page);
			else
				list_add_tail(&page->lru, &to_free);
		}
		table = pte_table_page(pte);
		VM_BUG_ON_PAGE(table->inuse < cleared, table);
		table->inuse -= cleared;
		/* an emptied table stays: every page directory may point at it */
		VM_BUG_ON_PAGE(!table->inuse && !page_table_empty(pmd_page_vaddr(*pmd)), table);
	}
	if (each)
		return;
	flush_tlb_kernel_range(addr, end);
	list_for_each_entry_safe(page, tmp, &to_free, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

static void remove_vm_area(struct vm_struct *area, enum vunmap_pages what)
{
	vunmap_range(area->addr, area->nr_pages, what);
	spin_lock(&vmap_area_lock);
	list_del(&area->list);
	spin_unlock(&vmap_area_lock);
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

	spin_lock(&vmap_area_lock);
	list_for_each_entry(area, &vmap_area_list, list)
		if (area->addr == a)
			goto out;
	area = NULL;
out:
	spin_unlock(&vmap_area_lock);
	return area;
}

/* The area whose [addr, addr + size), guard page included, holds @addr. */
static struct vm_struct *area_containing(unsigned long addr)
{
	struct vm_struct *area;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(area, &vmap_area_list, list)
		if (addr >= area->addr && addr - area->addr < area->size)
			goto out;
	area = NULL;
out:
	spin_unlock(&vmap_area_lock);
	return area;
}

static void *vmalloc_caller(unsigned long size, gfp_t gfp, const void *caller)
{
	struct vm_struct *area = get_vm_area_caller(size, VM_ALLOC, caller);
	unsigned long addr;
	unsigned int i, nr;

	if (!area)
		return NULL;
	addr = area->addr;
	nr = (area->size >> PAGE_SHIFT) - 1;
	/* one page table at a time: its PTEs are consecutive */
	for (i = 0; i < nr;) {
		pte_t *pte = vmap_pte_alloc(addr);
		unsigned int n = min(nr - i, ptes_to_table_end(addr)), k;

		if (!pte)
			goto fail;
		for (k = 0; k < n; k++) {
			struct page *page = alloc_page(gfp);

			if (!page)
				break;
			set_page_flag(page, PG_vmalloc);
			VM_BUG_ON(!pte_none(pte[k]));
			set_pte(&pte[k], pfn_pte(page_to_pfn(page), PAGE_KERNEL));
		}
		pte_table_page(pte)->inuse += k;
		area->nr_pages += k;	/* from here on vfree's business */
		i += k;
		if (k < n)
			goto fail;
		addr += (unsigned long)n << PAGE_SHIFT;
	}
	return (void *)area->addr;

fail:
	pr_warn("vmalloc: allocation failure: %lu bytes, got %u of %u pages\n",
		size, i, nr);
	area->nr_pages = nr;	/* unmap it all: a table may have been hooked for no PTE */
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
		report_misuse("vmalloc", "vfree of an address that is not a vmalloc area");
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
	/* count << PAGE_SHIFT wraps at 2^20 pages: bound it by the area first */
	if (count > (VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT) {
		report_misuse("vmalloc", "vmap larger than the whole vmalloc area");
		pr_err("  vmap(%u pages): the vmalloc area 0x%08lx-0x%08lx holds %lu\n", count,
		       VMALLOC_START, VMALLOC_END, (VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT);
		return NULL;
	}
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
		report_misuse("vmalloc", "vunmap of an address that is not a vmap area");
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

/*
 * /proc/vmallocinfo, Linux's s_show() (mm/vmalloc.c):
 *
 *   0xf7a00000-0xf7a02000    8192 caller+0x12/0x34 pages=1 vmalloc
 *
 * pages= only when pages are mapped, phys= (%pa: as wide as phys_addr_t,
 * 8 digits without PAE, 16 with) only for ioremap.
 */
int vmallocinfo_seq_show(struct seq_file *m, void *v)
{
	struct vm_struct *a;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(a, &vmap_area_list, list) {
		unsigned long off = 0, size = 0;
		const char *sym = kallsyms_lookup((unsigned long)a->caller, &off, &size);

		seq_printf(m, "0x%08lx-0x%08lx %7lu", a->addr, a->addr + a->size, a->size);
		if (sym)
			seq_printf(m, " %s+0x%lx/0x%lx", sym, off, size);
		else if (a->caller)
			seq_printf(m, " 0x%p", a->caller);
		if (a->nr_pages)
			seq_printf(m, " pages=%u", a->nr_pages);
		if (a->flags & VM_IOREMAP)
			seq_printf(m, " phys=0x%0*llx", IS_ENABLED(CONFIG_X86_PAE) ? 16 : 8,
				   (unsigned long long)a->phys_addr);
		if (a->flags & VM_IOREMAP)
			seq_puts(m, " ioremap");
		if (a->flags & VM_ALLOC)
			seq_puts(m, " vmalloc");
		if (a->flags & VM_MAP)
			seq_puts(m, " vmap");
		seq_putc(m, '\n');
	}
	spin_unlock(&vmap_area_lock);
	/*
	 * The kernel-PDE sync counters (arch/x86/mm/pgd.c) as one last line,
	 * a comment to a Linux tool, so the area lines above stay diffable.
	 */
	{
		char line[96];

		vmalloc_sync_show(line, sizeof(line));
		seq_printf(m, "# %s", line);
	}
	return 0;
}

void vmallocinfo_show(void)
{
	struct vm_struct *a;
	unsigned int n = 0;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(a, &vmap_area_list, list)
		n++;
	spin_unlock(&vmap_area_lock);
	pr_info("vmallocinfo: %u area(s) in 0x%08lx-0x%08lx\n", n, VMALLOC_START, VMALLOC_END);
	seq_printk_show(vmallocinfo_seq_show, NULL);
}

unsigned long vmalloc_nr_pages(void)
{
	struct vm_struct *a;
	unsigned long pages = 0;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(a, &vmap_area_list, list)
		if (a->flags & VM_ALLOC)
			pages += a->nr_pages;
	spin_unlock(&vmap_area_lock);
	return pages;
}

/*
 * Without PAE: swapper_pg_dir has a page table for @addr that the
 * directory in CR3, copied before it was made, lacks (only with
 * vmalloc_sync=none does it stay so: arch/x86/mm/pgd.c).
 */
static bool pde_missing_here(unsigned long addr)
{
	pgd_t *pgd;

	if (PTRS_PER_PMD > 1)
		return false;
	pgd = (pgd_t *)__va((phys_addr_t)(read_cr3() & PAGE_MASK)) + pgd_index(addr);
	return !pmd_present(*pmd_offset(pgd, addr)) && pmd_present(*pmd_offset(pgd_offset_k(addr), addr));
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
	if (pde_missing_here(addr))
		return "the vmalloc area, mapped in swapper_pg_dir but not in this page directory "
		       "(copied before the page table was made)";
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
