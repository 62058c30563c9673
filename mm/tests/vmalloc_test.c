// SPDX-License-Identifier: MIT
/*
 * Self-tests of the vmalloc area: suites "vmalloc" (vmalloc, vzalloc,
 * vfree, vmap, vunmap, vmalloc_to_page, guard pages) and "ioremap".
 *
 * Pictures draw the vmalloc area from VMALLOC_START, one letter per page:
 * "AAg" is an area A of two pages and its guard page g, "." a free page.
 * The ioremap cases talk to real devices QEMU always has: the IO-APIC's
 * version register and the VGA text buffer.
 *
 * Every area a case makes is recorded; the exit hook frees what the case
 * left behind (however it ended), frees the pages the case allocated, and
 * checks that every zone has exactly the free pages it had at the start:
 * vfree() must give back the pages it allocated. Page tables are kept
 * (mm/vmalloc.c), so a table the case made is counted as taken. The
 * init hook does one vmalloc()/vfree() first, so a kmalloc cache that
 * keeps its first slab does not count as a leak of the first case. vfree()
 * is lazy (its range, and the vm_struct recording it, wait for a purge):
 * both hooks purge with vm_unmap_aliases(), so a case starts with no
 * lazily freed range and leaves none behind.
 */
#include <asm/io.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/kallsyms.h>
#include <kernel/ktest.h>
#include <kernel/report.h>
#include <kernel/string.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/vmalloc.h>
#include "mm_test.h"

/* --- fixture ---------------------------------------------------------------- */

static const void *made[32];		/* addresses of areas this case created */
static unsigned int nr_made;
static struct page *owned[16];		/* pages this case allocated */
static unsigned int nr_owned;
static unsigned long free_at_start[MAX_NR_ZONES];
static bool table_at_start[PTRS_PER_PGD * PTRS_PER_PMD];	/* by addr >> PMD_SHIFT */

static pmd_t *vm_pmd(unsigned long a)
{
	return pmd_offset(pgd_offset_k(a), a);
}

static void vm_tables_snapshot(bool present[])
{
	for (unsigned long a = VMALLOC_START & PMD_MASK; a < VMALLOC_END; a += PMD_SIZE)
		present[a >> PMD_SHIFT] = pmd_present(*vm_pmd(a));
}

/* The tables made since @present was taken stay: take them off @free. */
static void vm_tables_kept(const bool present[], unsigned long free[MAX_NR_ZONES])
{
	for (unsigned long a = VMALLOC_START & PMD_MASK; a < VMALLOC_END; a += PMD_SIZE)
		if (!present[a >> PMD_SHIFT] && pmd_present(*vm_pmd(a)))
			free[page_zonenum(virt_to_page(pmd_page_vaddr(*vm_pmd(a))))]--;
}

static void vm_case_init(struct ktest *t)
{
	vfree(vmalloc(PAGE_SIZE));	/* warm up the kmalloc cache of vm_struct */
	vm_unmap_aliases();		/* no lazily freed range left from before */
	nr_made = nr_owned = 0;
	zone_free_snapshot(free_at_start);
	vm_tables_snapshot(table_at_start);
}

static void vm_case_exit(struct ktest *t)
{
	for (unsigned int i = 0; i < nr_made; i++) {
		struct vm_struct *area = find_vm_area(made[i]);

		if (!area || area->addr != ((unsigned long)made[i] & PAGE_MASK))
			continue;		/* the case freed it */
		if (area->flags & VM_ALLOC)
			vfree((void *)area->addr);
		else if (area->flags & VM_MAP)
			vunmap((void *)area->addr);
		else
			iounmap((void *)area->addr);
	}
	for (unsigned int i = 0; i < nr_owned; i++)
		__free_page(owned[i]);
	nr_made = nr_owned = 0;
	vm_unmap_aliases();		/* the lazily freed ranges' vm_structs go too */

	vm_tables_kept(table_at_start, free_at_start);
	KTEST_EXPECT_ZONES_FREE(t, free_at_start);
}

/* Remember an area the case created (NULL is ignored); Return: @addr. */
static void *made_area(void *addr)
{
	if (addr && nr_made < ARRAY_SIZE(made))
		made[nr_made++] = addr;
	return addr;
}

static struct page *test_page(struct ktest *t, gfp_t gfp)
{
	struct page *p;

	KTEST_ASSERT_TRUE(t, nr_owned < ARRAY_SIZE(owned));
	p = alloc_page(gfp | __GFP_NOWARN);
	KTEST_ASSERT_NOT_NULL(t, p);
	owned[nr_owned++] = p;
	return p;
}

static unsigned long free_pages_above_min(enum zone_type z)
{
	const struct zone *zone = &contig_page_data.node_zones[z];
	unsigned long min = zone->watermark[WMARK_MIN];

	return zone->free_pages > min ? zone->free_pages - min : 0;
}

/* Read a word at @addr, expecting a fault; @fc says what happened. */
static noinline void read_catching(struct fault_catch *fc, unsigned long addr)
{
	if (catch_fault(fc))
		(void)*(volatile u32 *)addr;
	end_catch_fault(fc);
}

/* --- vmalloc ---------------------------------------------------------------- */

#define BIG_SIZE	(64 * MiB)
#define BIG_PAGES	(BIG_SIZE >> PAGE_SHIFT)

/*
 * before: no area of ours
 * after vmalloc(64 MiB): "AAAA...A g" -- 16384 pages, then the guard page;
 * from highmem when there is enough. Every word is written and read back,
 * a sample of pages is read again through its struct page, and reading
 * one byte past the end faults on the guard page.
 */
static void vmalloc_64m_contiguous_and_writable(struct ktest *t)
{
	bool from_highmem = free_pages_above_min(ZONE_HIGHMEM) > BIG_PAGES + 64;
	unsigned long avail = free_pages_above_min(ZONE_HIGHMEM) +
			      free_pages_above_min(ZONE_NORMAL) + free_pages_above_min(ZONE_DMA);
	unsigned long i, bad = 0, high = 0;
	struct vm_struct *area;
	struct fault_catch fc;
	u32 *w;

	if (avail < BIG_PAGES + BIG_PAGES / 8)
		ktest_skip(t, "needs about 72 MiB free (boot with -m 128M or more)");
	if (VMALLOC_END - VMALLOC_START < BIG_SIZE + 16 * PAGE_SIZE)
		ktest_skip(t, "the vmalloc area is smaller than 64 MiB (vmalloc=)");

	w = made_area(vmalloc(BIG_SIZE));
	KTEST_ASSERT_NOT_NULL(t, w);
	area = find_vm_area(w);
	KTEST_ASSERT_NOT_NULL(t, area);
	KTEST_EXPECT_EQ(t, area->size, BIG_SIZE + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, area->nr_pages, BIG_PAGES);
	KTEST_EXPECT_TRUE(t, area->flags & VM_ALLOC);

	for (i = 0; i < BIG_SIZE / 4; i++)
		w[i] = (u32)i * 2654435761u;
	for (i = 0; i < BIG_SIZE / 4; i++)
		bad += w[i] != (u32)i * 2654435761u;
	KTEST_EXPECT_EQ(t, bad, 0);

	for (i = 0; i < BIG_PAGES; i++)
		high += PageHighMem(vmalloc_to_page((char *)w + i * PAGE_SIZE));
	if (from_highmem)
		KTEST_EXPECT_EQ(t, high, BIG_PAGES);
	for (i = 0; i < BIG_PAGES; i += 997) {
		struct page *p = vmalloc_to_page((char *)w + i * PAGE_SIZE);
		u32 *k = kmap_local_page(p);
		unsigned long word = i * (PAGE_SIZE / 4);

		KTEST_EXPECT_EQ(t, k[7], (u32)(word + 7) * 2654435761u);
		kunmap_local(k);
	}

	read_catching(&fc, (unsigned long)w + BIG_SIZE);
	KTEST_ASSERT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.cr2, (unsigned long)w + BIG_SIZE);
	KTEST_EXPECT_STREQ(t, fc.area, "a vmalloc guard page");

	vfree(w);
	KTEST_EXPECT_NULL(t, find_vm_area(w));
	KTEST_EXPECT_NULL(t, vmalloc_to_page(w));
}

/* "AAAg": the last byte of A is fine, the next one faults on g */
static void vmalloc_guard_page_faults(struct ktest *t)
{
	char *v = made_area(vmalloc(3 * PAGE_SIZE));
	struct fault_catch fc;

	KTEST_ASSERT_NOT_NULL(t, v);
	v[3 * PAGE_SIZE - 1] = 1;
	read_catching(&fc, (unsigned long)v + 3 * PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.cr2, (unsigned long)v + 3 * PAGE_SIZE);
	KTEST_EXPECT_STREQ(t, fc.area, "a vmalloc guard page");
	KTEST_EXPECT_NULL(t, vmalloc_to_page(v + 3 * PAGE_SIZE));
	vfree(v);
}

/*
 * "Ag Bg": B starts right after A's guard page.
 * vfree(A): "aa Bg" (a: freed, awaiting the lazy purge: still taken);
 * vm_unmap_aliases(): ".. Bg"; vmalloc(one page) again fills A's old
 * place (first fit).
 */
static void vmalloc_first_fit_reuses_gap(struct ktest *t)
{
	char *a = made_area(vmalloc(PAGE_SIZE));
	char *b = made_area(vmalloc(PAGE_SIZE));
	char *c;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_EXPECT_GE(t, (unsigned long)b - (unsigned long)a, 2 * PAGE_SIZE);
	vfree(a);
	vm_unmap_aliases();
	c = made_area(vmalloc(PAGE_SIZE));
	KTEST_EXPECT_PTR_EQ(t, c, a);
	vfree(c);
	vfree(b);
}

/* vmalloc, dirty, vfree; vzalloc of the same size reads all zero */
static void vzalloc_returns_zeroed_memory(struct ktest *t)
{
	char *v = made_area(vmalloc(8 * PAGE_SIZE));

	KTEST_ASSERT_NOT_NULL(t, v);
	memset(v, 0xff, 8 * PAGE_SIZE);
	vfree(v);
	v = made_area(vzalloc(8 * PAGE_SIZE));
	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_NULL(t, memchr_inv(v, 0, 8 * PAGE_SIZE));
	vfree(v);
}

/*
 * vmalloc(5 pages) takes five pages, a page table if its 4 MiB had none,
 * and the area's bookkeeping; vfree() gives every page back but the
 * page table, which stays mapped in the page directory.
 */
static void vfree_returns_pages_keeps_page_tables(struct ktest *t)
{
	static bool tables[PTRS_PER_PGD * PTRS_PER_PMD];
	unsigned long before[MAX_NR_ZONES], during[MAX_NR_ZONES], after[MAX_NR_ZONES];
	unsigned long taken = 0;
	char *v;

	zone_free_snapshot(before);
	vm_tables_snapshot(tables);
	v = made_area(vmalloc(5 * PAGE_SIZE));
	KTEST_ASSERT_NOT_NULL(t, v);
	zone_free_snapshot(during);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		taken += before[z] - during[z];
	KTEST_EXPECT_GE(t, taken, 5);
	KTEST_EXPECT_TRUE(t, pmd_present(*pmd_offset(pgd_offset_k(v), (unsigned long)v)));
	vfree(v);
	KTEST_EXPECT_TRUE(t, pmd_present(*pmd_offset(pgd_offset_k(v), (unsigned long)v)));
	zone_free_snapshot(after);
	vm_tables_kept(tables, before);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		KTEST_EXPECT_EQ(t, after[z], before[z]);
}

/*
 * The page-directory entries of the vmalloc area never go from present
 * to not present, whatever is allocated and freed: a process page
 * directory that copied them stays valid. Cycles of sizes that cross
 * 4 MiB boundaries (and with 300 pages, the one-flush path of vfree).
 */
static void vmalloc_pdes_stay_present_across_vfree(struct ktest *t)
{
	static bool seen[PTRS_PER_PGD * PTRS_PER_PMD], now[PTRS_PER_PGD * PTRS_PER_PMD];
	static const unsigned long sizes[] = { 1, 5, 300, 1030, 2 };
	unsigned long lost = 0;

	vm_tables_snapshot(seen);
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		void *v = made_area(vmalloc(sizes[i] * PAGE_SIZE));

		if (!v)
			continue;	/* a small machine: the others still run */
		vm_tables_snapshot(now);	/* the area's own tables are present */
		for (unsigned long a = VMALLOC_START & PMD_MASK; a < VMALLOC_END; a += PMD_SIZE)
			seen[a >> PMD_SHIFT] |= now[a >> PMD_SHIFT];
		vfree(v);
		vm_tables_snapshot(now);
		for (unsigned long a = VMALLOC_START & PMD_MASK; a < VMALLOC_END; a += PMD_SIZE)
			lost += seen[a >> PMD_SHIFT] && !now[a >> PMD_SHIFT];
	}
	KTEST_EXPECT_EQ(t, lost, 0);
}

/* each wrong vfree() is reported and frees nothing; then the right one works */
static void vfree_bad_address_reported(struct ktest *t)
{
	struct page *low = test_page(t, GFP_KERNEL);
	char *v = made_area(vmalloc(2 * PAGE_SIZE));
	void *m;

	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_REPORT(t, vfree(page_address(low)), "vmalloc",
			    "vfree of an address that is not a vmalloc area");
	KTEST_EXPECT_REPORT(t, vfree(v + PAGE_SIZE), "vmalloc",
			    "vfree of an address that is not a vmalloc area");
	KTEST_EXPECT_REPORT(t, vfree((void *)(VMALLOC_END - PAGE_SIZE)), "vmalloc",
			    "vfree of an address that is not a vmalloc area");
	m = made_area(vmap(&low, 1, VM_MAP, PAGE_KERNEL));
	KTEST_ASSERT_NOT_NULL(t, m);
	KTEST_EXPECT_REPORT(t, vfree(m), "vmalloc",
			    "vfree of an address that is not a vmalloc area");
	vunmap(m);
	KTEST_EXPECT_NOT_NULL(t, find_vm_area(v));
	v[2 * PAGE_SIZE - 1] = 1;		/* still mapped */
	vfree(v);
	KTEST_EXPECT_NULL(t, find_vm_area(v));
}

/*
 * A highmem page H written through kmap_local_page() reads back through
 * kmap() and through vmap(); a write through the vmap shows in kmap_local.
 * After vunmap the page is still the caller's, data intact.
 */
static void vmap_reads_what_kmap_local_wrote(struct ktest *t)
{
	struct page *pages[4];
	u32 *k, *v, *p;
	int i;

	if (free_pages_above_min(ZONE_HIGHMEM) < 8)
		ktest_skip(t, "no highmem on this machine (boot with -m 1G or more)");
	for (i = 0; i < 4; i++) {
		pages[i] = test_page(t, GFP_HIGHUSER);
		KTEST_ASSERT_TRUE(t, PageHighMem(pages[i]));
		k = kmap_local_page(pages[i]);
		for (int j = 0; j < (int)(PAGE_SIZE / 4); j++)
			k[j] = 0xd00d0000u + i * 0x1000 + j;
		kunmap_local(k);
	}
	v = made_area(vmap(pages, 4, VM_MAP, PAGE_KERNEL));
	KTEST_ASSERT_NOT_NULL(t, v);
	for (i = 0; i < 4; i++) {
		KTEST_EXPECT_PTR_EQ(t, vmalloc_to_page((char *)v + i * PAGE_SIZE), pages[i]);
		KTEST_EXPECT_EQ(t, v[i * 1024 + 5], 0xd00d0000u + i * 0x1000 + 5);
	}
	p = kmap(pages[2]);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, p[1023], 0xd00d2000u + 1023);
	kunmap(pages[2]);

	v[3 * 1024] = 0xfeedbeef;		/* page 3, word 0, through the vmap */
	k = kmap_local_page(pages[3]);
	KTEST_EXPECT_EQ(t, k[0], 0xfeedbeef);
	kunmap_local(k);

	vunmap(v);
	KTEST_EXPECT_NULL(t, find_vm_area(v));
	KTEST_EXPECT_EQ(t, page_count(pages[0]), 1);
	k = kmap_local_page(pages[1]);
	KTEST_EXPECT_EQ(t, k[9], 0xd00d1000u + 9);
	kunmap_local(k);
}

/* vunmap() of a vmalloc area or of nothing is reported; the area survives */
static void vunmap_bad_address_reported(struct ktest *t)
{
	char *v = made_area(vmalloc(PAGE_SIZE));

	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_REPORT(t, vunmap(v), "vmalloc", "vunmap of an address that is not a vmap area");
	KTEST_EXPECT_REPORT(t, vunmap(v + 2 * PAGE_SIZE), "vmalloc",
			    "vunmap of an address that is not a vmap area");
	v[0] = 1;
	vfree(v);
}

/* a request larger than the vmalloc area fails cleanly: NULL, no area */
static void vmalloc_too_big_returns_null(struct ktest *t)
{
	unsigned long reports = report_state.total;

	KTEST_EXPECT_NULL(t, made_area(vmalloc(VMALLOC_END - VMALLOC_START)));
	KTEST_EXPECT_NULL(t, vmalloc(0));
	KTEST_EXPECT_EQ(t, report_state.total, reports);
}

/* How many areas exist (the refusals below must not leave one). */
static unsigned int nr_vm_areas(void)
{
	unsigned long a;
	unsigned int n = 0;

	for (a = VMALLOC_START; a < VMALLOC_END; a += PAGE_SIZE)
		n += find_vm_area((void *)a) != NULL;
	return n;
}

/*
 * count << PAGE_SHIFT wraps at 2^20 pages: vmap(2^20 + 1 pages) used to
 * reserve one page and then write 2^20 + 1 PTEs over the rest of vmalloc,
 * pkmap and the fixmap. A count beyond the whole area is refused first;
 * the pages array is never read.
 */
static void vmap_count_past_vmalloc_area_reported(struct ktest *t)
{
	struct page *pages[1] = { test_page(t, GFP_KERNEL) };
	unsigned int areas = nr_vm_areas();
	void *v = pages;

	KTEST_EXPECT_REPORT(t, v = made_area(vmap(pages, 0x100001, VM_MAP, PAGE_KERNEL)),
			    "vmalloc", "vmap larger than the whole vmalloc area");
	KTEST_EXPECT_NULL(t, v);
	KTEST_EXPECT_REPORT(t, v = made_area(vmap(pages, ~0U, VM_MAP, PAGE_KERNEL)),
			    "vmalloc", "vmap larger than the whole vmalloc area");
	KTEST_EXPECT_NULL(t, v);
	KTEST_EXPECT_EQ(t, nr_vm_areas(), areas);
	/* one page still maps */
	v = made_area(vmap(pages, 1, VM_MAP, PAGE_KERNEL));
	KTEST_ASSERT_NOT_NULL(t, v);
	vunmap(v);
}

/* the area records who asked; vmallocinfo_show() lists it (see the log) */
static void vmallocinfo_names_caller(struct ktest *t)
{
	void *v = made_area(vmalloc(16 * PAGE_SIZE));
	unsigned long off, size;
	struct vm_struct *area;

	KTEST_ASSERT_NOT_NULL(t, v);
	area = find_vm_area(v);
	KTEST_ASSERT_NOT_NULL(t, area);
	KTEST_EXPECT_STREQ(t, kallsyms_lookup((unsigned long)area->caller, &off, &size),
			   "vmallocinfo_names_caller");
	KTEST_EXPECT_EQ(t, area->nr_pages, 16);
	vmallocinfo_show();
	vfree(v);
}

static const struct ktest_case vmalloc_cases[] = {
	KTEST_CASE(vmalloc_64m_contiguous_and_writable),
	KTEST_CASE(vmalloc_guard_page_faults),
	KTEST_CASE(vmalloc_first_fit_reuses_gap),
	KTEST_CASE(vzalloc_returns_zeroed_memory),
	KTEST_CASE(vfree_returns_pages_keeps_page_tables),
	KTEST_CASE(vmalloc_pdes_stay_present_across_vfree),
	KTEST_CASE(vfree_bad_address_reported),
	KTEST_CASE(vmap_reads_what_kmap_local_wrote),
	KTEST_CASE(vunmap_bad_address_reported),
	KTEST_CASE(vmalloc_too_big_returns_null),
	KTEST_CASE(vmap_count_past_vmalloc_area_reported),
	KTEST_CASE(vmallocinfo_names_caller),
	{}
};
KTEST_SUITE(vmalloc) = {
	.name = "vmalloc", .cases = vmalloc_cases,
	.init = vm_case_init, .exit = vm_case_exit,
};

/* --- ioremap ---------------------------------------------------------------- */

#define IOAPIC_PHYS	0xFEC00000
#define IOAPIC_IOREGSEL	0x00
#define IOAPIC_IOWIN	0x10
#define IOAPIC_REG_VER	0x01

/*
 * The IO-APIC's version register, read through an uncached mapping:
 * IOREGSEL = 1, then IOWIN bits 0-7 = version (0x11 on QEMU's i440FX,
 * 0x20 on q35), bits 16-23 = redirection entries - 1 (23: 24 pins).
 * A machine without one (`-M isapc`) skips the register checks: there
 * IOREGSEL does not keep the index written to it, since nothing decodes
 * the address (QEMU reads such memory as 0, a real bus as all ones).
 */
static void ioremap_reads_ioapic_version(struct ktest *t)
{
	u8 *base = made_area(ioremap(IOAPIC_PHYS, 0x20));
	u32 ver;
	pte_t pte;

	KTEST_ASSERT_NOT_NULL(t, base);
	pte = *lookup_pte_k((unsigned long)base);
	KTEST_EXPECT_EQ(t, pte_pfn(pte), IOAPIC_PHYS >> PAGE_SHIFT);
	KTEST_EXPECT_EQ(t, pte_val(pte) & (_PAGE_PCD | _PAGE_PWT), _PAGE_PCD | _PAGE_PWT);
	/*
	 * Device memory is not RAM: either it lies above max_pfn and has no
	 * struct page, or (PAE with RAM above 4 GiB: mem_map spans the PCI
	 * hole) its struct page stays PG_reserved, never handed out.
	 */
	KTEST_EXPECT_TRUE(t, !vmalloc_to_page(base) || PageReserved(vmalloc_to_page(base)));

	writel(IOAPIC_REG_VER, base + IOAPIC_IOREGSEL);
	if ((readl(base + IOAPIC_IOREGSEL) & 0xff) != IOAPIC_REG_VER) {
		iounmap(base);
		KTEST_EXPECT_NULL(t, find_vm_area(base));
		ktest_skip(t, "no IO-APIC at 0xfec00000: IOREGSEL does not read back");
	}
	ver = readl(base + IOAPIC_IOWIN);
	ktest_log(t, "IO-APIC version register: 0x%08x", ver);
	KTEST_EXPECT_TRUE(t, (ver & 0xff) == 0x11 || (ver & 0xff) == 0x20);
	KTEST_EXPECT_EQ(t, (ver >> 16) & 0xff, 23);

	iounmap(base);
	KTEST_EXPECT_NULL(t, find_vm_area(base));
}

/*
 * The VGA text buffer at 0xB8000 is also in the direct map (lowmem covers
 * the ISA hole): a word written through ioremap(0xB8010) reads back there.
 * The returned address keeps the offset 0x10 in its page.
 */
static void ioremap_vga_text_matches_direct_map(struct ktest *t)
{
	volatile u16 *direct = __va(0xB8010);
	void *io = made_area(ioremap(0xB8010, 4));
	volatile u16 *cell = io;
	u16 saved;

	KTEST_ASSERT_NOT_NULL(t, io);
	KTEST_EXPECT_EQ(t, (unsigned long)io & ~PAGE_MASK, 0x10);
	saved = *direct;
	*cell = 0x1f41;				/* 'A', white on blue */
	KTEST_EXPECT_EQ(t, *direct, 0x1f41);
	*direct = 0x2e42;			/* and back the other way */
	KTEST_EXPECT_EQ(t, *cell, 0x2e42);
	*cell = saved;
	iounmap(io);
}

/* RAM the page allocator manages is refused (it has an address already) */
static void ioremap_refuses_ram(struct ktest *t)
{
	struct page *low = test_page(t, GFP_KERNEL);

	KTEST_EXPECT_NULL(t, made_area(ioremap(page_to_phys(low), PAGE_SIZE)));
}

/* iounmap() of a vmalloc area is reported and leaves the area alone */
static void iounmap_bad_address_reported(struct ktest *t)
{
	char *v = made_area(vmalloc(PAGE_SIZE));

	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_REPORT(t, iounmap(v), "vmalloc",
			    "iounmap of an address that is not an ioremap area");
	v[0] = 1;
	vfree(v);
}

/*
 * A size past the whole vmalloc area is refused before anything is
 * reserved: here the top of the 4 GiB space, one page larger than the
 * area (MMIO, not RAM, at every -m the matrix uses).
 */
static void ioremap_size_past_vmalloc_area_reported(struct ktest *t)
{
	unsigned long past = VMALLOC_END - VMALLOC_START + PAGE_SIZE;
	unsigned int areas = nr_vm_areas();
	void *io = &past;

	KTEST_EXPECT_REPORT(t, io = made_area(ioremap(0x100000000ULL - past, past)),
			    "vmalloc", "ioremap larger than the whole vmalloc area");
	KTEST_EXPECT_NULL(t, io);
	KTEST_EXPECT_EQ(t, nr_vm_areas(), areas);
}

/*
 * PAE: ioremap(0x100000800, 0xFFFFFFFF) (above RAM; higher when RAM is)
 * spans 2^20 + 1 frames, and nr << PAGE_SHIFT wrapped to one page: one
 * page was reserved and 2^20 + 1 PTEs written, through pkmap and the
 * fixmap, until an oops. Now it is the report above.
 */
static void ioremap_pae_size_wrap_reported(struct ktest *t)
{
	phys_addr_t phys = ALIGN(max(PFN_PHYS(max_pfn), 1ULL << 32), 1ULL << 32) + 0x800;
	unsigned int areas = nr_vm_areas();
	void *io = &phys;

	if (phys + 0xFFFFFFFFULL > phys_addr_limit())
		ktest_skip(t, "needs 33 physical address bits or more (PAE=1, -cpu ...,+pse36)");
	KTEST_EXPECT_REPORT(t, io = made_area(ioremap(phys, 0xFFFFFFFF)),
			    "vmalloc", "ioremap larger than the whole vmalloc area");
	KTEST_EXPECT_NULL(t, io);
	KTEST_EXPECT_EQ(t, nr_vm_areas(), areas);
}

static const struct ktest_case ioremap_cases[] = {
	KTEST_CASE(ioremap_reads_ioapic_version),
	KTEST_CASE(ioremap_vga_text_matches_direct_map),
	KTEST_CASE(ioremap_refuses_ram),
	KTEST_CASE(iounmap_bad_address_reported),
	KTEST_CASE(ioremap_size_past_vmalloc_area_reported),
	KTEST_CASE(ioremap_pae_size_wrap_reported),
	{}
};
KTEST_SUITE(ioremap) = {
	.name = "ioremap", .cases = ioremap_cases,
	.init = vm_case_init, .exit = vm_case_exit,
};
