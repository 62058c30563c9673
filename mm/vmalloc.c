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
 * Free path, lazy as in Linux. vfree(), vunmap() and iounmap() clear
 * the area's PTEs and vfree() gives its pages back at once, but the TLB
 * flush is deferred: the area stays on vmap_area_list as VM_LAZY_FREE --
 * no longer an area (find_vm_area() skips it), but its range is still
 * taken, so first fit cannot hand it out while some CPU may hold a stale
 * translation of it. When the lazily freed ranges exceed lazy_max_pages(),
 * or an allocation finds no room, purge_vmap_area_lazy() marks the ones
 * freed so far (VM_PURGING), flushes the union of their ranges with ONE
 * flush_tlb_kernel_range_reason(..., IPI_TLB_VUNMAP) -- this CPU, then
 * one IPI to each other online CPU, a full flush above 33 pages -- and
 * only after that unlinks them, making the ranges free. One shootdown per
 * batch instead of one per vfree() is what makes vfree() cheap on SMP.
 * vm_unmap_aliases() purges on demand. vmap_area_lock guards the list;
 * it is a plain spin_lock (vmalloc sleeps in Linux, so never runs in
 * interrupt context): an interrupt handler must not call vmalloc(),
 * vfree(), vmap() or vunmap() (include/kernel/interrupt.h).
 * vmap_purge_lock makes purges one at a time; the flush runs with
 * vmap_area_lock dropped, so areas can be made and freed meanwhile (a
 * range freed during the flush waits for the next batch).
 *
 * The threshold. Linux allows 32 MiB per log2(CPUs) + 1 of lazy ranges,
 * sized for a vmalloc space of many GiB; here the whole area is 112 MiB
 * (the default; vmalloc= changes it), so 32 MiB would keep over a quarter
 * of it unusable on one CPU. Here: 8 MiB (2048 pages) times
 * fls(num_online_cpus()) -- 8 MiB on 1 CPU, 16 on 2, 24 on 4 -- capped
 * at a quarter of the area. The flush costs more with more CPUs to
 * interrupt, so more is batched; 8 MiB is about 120 vfree()s of 64 KiB.
 *
 * Invariants: areas do not overlap; a guard page is never mapped; the page
 * tables of [VMALLOC_START, VMALLOC_END) belong to this file (vmalloc_init
 * checks that there are none at boot), are never freed once made, and
 * their inuse is the number of PTEs in use; a VM_ALLOC page carries
 * PG_vmalloc.
 *
 * Where it differs from Linux: Linux finds free space in an augmented
 * red-black tree, keeps a pages[] array per area, and never frees vmalloc
 * page tables. Its lazily freed ranges move to a separate purge tree
 * (vmap_purge_list) and are shown as "unpurged vm_area" lines; here they
 * stay on the one sorted list, flagged, and /proc/vmallocinfo shows them
 * the same way after the live areas. As in Linux, a page given back by
 * vfree() may still be reachable through a stale translation of its old
 * address until the purge, but only by a use-after-vfree, which
 * mm_fault_area() names when it faults ("a vfree()d vmalloc area").
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
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

static LIST_HEAD(vmap_area_list);	/* every area, sorted by addr */
static DEFINE_SPINLOCK(vmap_area_lock);	/* vmap_area_list */

static DEFINE_SPINLOCK(vmap_purge_lock);	/* one purge at a time */

/* Lazy vunmap's counters, under vmap_area_lock. */
static unsigned long vmap_lazy_nr;	/* pages of VM_LAZY_FREE ranges, guard pages included */
static unsigned long vmap_lazy_areas, vmap_purges, vmap_purged_pages;
static bool purge_vmap_area_lazy(void);

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
	struct list_head *next;		/* insert before this */
	unsigned long addr;
	struct vm_struct *area, *a;
	bool purged = false;

	if (!size)
		return NULL;
	if (size > VMALLOC_END - VMALLOC_START - PAGE_SIZE)
		goto no_room;
	size = ALIGN(size, PAGE_SIZE) + PAGE_SIZE;	/* + the guard page */

	/* Allocated before the lock, as Linux does: GFP_KERNEL may sleep. */
	area = kmalloc(sizeof(*area), GFP_KERNEL);
	if (!area)
		return NULL;

	/*
	 * First fit: the gap before each area, then the gap after the last.
	 * Lazily freed ranges still count as taken; no room, and a purge
	 * may make some (once).
	 */
retry:
	next = &vmap_area_list;
	addr = VMALLOC_START;
	spin_lock(&vmap_area_lock);
	list_for_each_entry(a, &vmap_area_list, list) {
		if (a->addr - addr >= size) {
			next = &a->list;
			break;
		}
		addr = a->addr + a->size;
	}
	if (size > VMALLOC_END - addr) {
		bool lazy = vmap_lazy_nr != 0;

		spin_unlock(&vmap_area_lock);
		if (lazy && !purged) {
			purged = true;
			if (purge_vmap_area_lazy())
				goto retry;
		}
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
 * Clear the PTEs of @nr pages from @addr, one page table at a time, and
 * give back the pages if @what says they are the area's. No TLB flush:
 * the range waits for the lazy purge (see the essay above). The page
 * tables stay, even when emptied. Missing page tables and clear PTEs are
 * skipped (a half-built area).
 */
static void vunmap_range(unsigned long addr, unsigned int nr, enum vunmap_pages what)
{
	unsigned long end = addr + (unsigned long)nr * PAGE_SIZE, a = addr;
	struct page *page;

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
			if (!page)
				continue;
			VM_BUG_ON_PAGE(!test_page_flag(page, PG_vmalloc), page);
			clear_page_flag(page, PG_vmalloc);
			__free_page(page);
		}
		table = pte_table_page(pte);
		VM_BUG_ON_PAGE(table->inuse < cleared, table);
		table->inuse -= cleared;
		/* an emptied table stays: every page directory may point at it */
		VM_BUG_ON_PAGE(!table->inuse && !page_table_empty(pmd_page_vaddr(*pmd)), table);
	}
}

/*
 * How many lazily freed pages may wait for a purge: 8 MiB per
 * fls(online CPUs), at most a quarter of the area (the essay says why).
 */
static unsigned long lazy_max_pages(void)
{
	unsigned long area = (VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT;
	unsigned long n = ((8UL << 20) >> PAGE_SHIFT) * (32 - __builtin_clz(num_online_cpus()));

	return min(n, area / 4);
}

/*
 * Purge: flush the ranges of every VM_LAZY_FREE area on every CPU with
 * one flush over their union, then unlink and free them. Return: true if
 * any range became free. Context: process context, interrupts on,
 * vmap_area_lock not held.
 */
static bool purge_vmap_area_lazy(void)
{
	unsigned long start = ~0UL, end = 0, pages = 0, areas = 0;
	struct vm_struct *a, *tmp;
	LIST_HEAD(purged);

	spin_lock(&vmap_purge_lock);
	spin_lock(&vmap_area_lock);
	list_for_each_entry(a, &vmap_area_list, list) {
		if (!(a->flags & VM_LAZY_FREE))
			continue;
		a->flags |= VM_PURGING;
		start = min(start, a->addr);
		end = max(end, a->addr + a->size);
		pages += a->size >> PAGE_SHIFT;
		areas++;
	}
	spin_unlock(&vmap_area_lock);
	if (!areas) {
		spin_unlock(&vmap_purge_lock);
		return false;
	}
	/* every CPU forgets the ranges before any of them can be handed out again */
	flush_tlb_kernel_range_reason(start, end, IPI_TLB_VUNMAP);
	spin_lock(&vmap_area_lock);
	list_for_each_entry_safe(a, tmp, &vmap_area_list, list)
		if (a->flags & VM_PURGING)
			list_move_tail(&a->list, &purged);
	vmap_lazy_nr -= pages;
	vmap_lazy_areas -= areas;
	vmap_purges++;
	vmap_purged_pages += pages;
	spin_unlock(&vmap_area_lock);
	spin_unlock(&vmap_purge_lock);
	list_for_each_entry_safe(a, tmp, &purged, list)
		kfree(a);
	return true;
}

void vm_unmap_aliases(void)
{
	purge_vmap_area_lazy();
}

void vmap_lazy_get_stats(struct vmap_lazy_stats *st)
{
	spin_lock(&vmap_area_lock);
	st->lazy_pages = vmap_lazy_nr;
	st->lazy_areas = vmap_lazy_areas;
	st->purges = vmap_purges;
	st->purged_pages = vmap_purged_pages;
	spin_unlock(&vmap_area_lock);
	st->max_lazy_pages = lazy_max_pages();
}

/* Unmap @area now; its range goes free at the next purge (lazy vunmap). */
static void remove_vm_area(struct vm_struct *area, enum vunmap_pages what)
{
	bool purge;

	vunmap_range(area->addr, area->nr_pages, what);
	spin_lock(&vmap_area_lock);
	area->flags = VM_LAZY_FREE;
	vmap_lazy_nr += area->size >> PAGE_SHIFT;
	vmap_lazy_areas++;
	purge = vmap_lazy_nr > lazy_max_pages();
	spin_unlock(&vmap_area_lock);
	if (purge)
		purge_vmap_area_lazy();
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
		if (area->addr == a && !(area->flags & VM_LAZY_FREE))
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
	else if (area->flags & VM_LAZY_FREE)
		pr_err("  %s(0x%08lx): freed already (0x%08lx-0x%08lx awaits the lazy TLB purge)\n",
		       fn, a, area->addr, area->addr + area->size);
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
		const char *sym;

		if (a->flags & VM_LAZY_FREE)
			continue;	/* after the live areas, as Linux's show_purge_info() */
		sym = kallsyms_lookup((unsigned long)a->caller, &off, &size);

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
	list_for_each_entry(a, &vmap_area_list, list)
		if (a->flags & VM_LAZY_FREE)
			seq_printf(m, "0x%08lx-0x%08lx %7lu unpurged vm_area\n", a->addr,
				   a->addr + a->size, a->size);
	spin_unlock(&vmap_area_lock);
	/*
	 * The lazy vunmap counters and the kernel-PDE sync counters
	 * (arch/x86/mm/pgd.c) as the last lines, comments to a Linux tool, so
	 * the area lines above stay diffable.
	 */
	{
		struct vmap_lazy_stats st;
		char line[96];

		vmap_lazy_get_stats(&st);
		seq_printf(m, "# lazy vunmap: %lu pages in %lu ranges awaiting purge (purge above %lu), "
			   "%lu purges of %lu pages, %lu shootdowns, %lu IPIs\n", st.lazy_pages,
			   st.lazy_areas, st.max_lazy_pages, st.purges, st.purged_pages,
			   ipi_shootdowns_total(IPI_TLB_VUNMAP), ipi_sent_total(IPI_TLB_VUNMAP));

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
		n += !(a->flags & VM_LAZY_FREE);
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
	if (area && (area->flags & VM_LAZY_FREE))
		return "a vfree()d vmalloc area (its range awaits the lazy TLB purge)";
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
