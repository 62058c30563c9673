// SPDX-License-Identifier: MIT
/*
 * Self-tests of address spaces (suite "pgd"): what pgd_alloc() builds,
 * that a kernel thread moved onto a new mm (kthread_use_mm(), CR3
 * switched) sees the kernel exactly as on init_mm, that the scheduler
 * reloads CR3 when it switches between tasks on different mms, that
 * mmput()/mmdrop() give every page back, and that a kernel page table
 * made after a directory was copied reaches it (vmalloc_sync=: eager
 * copy, fault-time copy, or, with none, the oops that shows why).
 */
#include <asm/mmu_context.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/completion.h>
#include <kernel/ktest.h>
#include <kernel/kthread.h>
#include <kernel/sched.h>
#include <kernel/sched/mm.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include "../../../mm/tests/mm_test.h"

/* CR3 without its flag bits: the page directory's (PAE: PDPT's) address. */
static unsigned long cr3_dir(void)
{
	return read_cr3() & ~0x1fUL;
}

static bool on_pgd_list(struct mm_struct *mm)
{
	struct mm_struct *pos;
	unsigned long flags;
	bool found = false;

	spin_lock_irqsave(&pgd_lock, flags);
	list_for_each_entry(pos, &pgd_list, pgd_list)
		found |= pos == mm;
	spin_unlock_irqrestore(&pgd_lock, flags);
	return found;
}

/*
 * after mm_alloc():  mm->pgd [0 .. KERNEL_PGD_BOUNDARY)  user, see below
 *                            [KERNEL_PGD_BOUNDARY .. )   == swapper_pg_dir's
 */
static void pgd_alloc_kernel_half_matches_swapper(struct ktest *t)
{
	struct mm_struct *mm = mm_alloc();
	unsigned int i, differ = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	/* the boundary is PAGE_OFFSET's index: 768/512/256, PAE 3/2/1 */
	KTEST_EXPECT_EQ(t, KERNEL_PGD_BOUNDARY, PAGE_OFFSET >> PGDIR_SHIFT);
	KTEST_EXPECT_TRUE(t, mm->pgd != swapper_pg_dir);
	for (i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_PGD; i++)
		differ += pgd_val(mm->pgd[i]) != pgd_val(swapper_pg_dir[i]);
	KTEST_EXPECT_EQ(t, differ, 0);
	if (IS_ENABLED(CONFIG_DEBUG_VM))
		KTEST_EXPECT_EQ(t, check_kernel_pgd(mm), 0);
	KTEST_EXPECT_TRUE(t, on_pgd_list(mm));
	KTEST_EXPECT_FALSE(t, on_pgd_list(&init_mm));
	mmput(mm);
}

/*
 * The user half: without PAE all zero; with PAE every PDPT entry present,
 * pointing at its own zeroed PMD page that no other directory shares.
 */
static void pgd_alloc_user_half_empty(struct ktest *t)
{
	struct mm_struct *mm = mm_alloc();
	unsigned int i, j, set = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	for (i = 0; i < KERNEL_PGD_BOUNDARY; i++) {
		if (PTRS_PER_PMD == 1) {
			set += pgd_val(mm->pgd[i]) != 0;
			continue;
		}
		KTEST_EXPECT_TRUE(t, pgd_present(mm->pgd[i]));
		KTEST_EXPECT_NE(t, pgd_val(mm->pgd[i]), pgd_val(swapper_pg_dir[i]));
		for (j = 0; j < PTRS_PER_PMD; j++)
			set += !pmd_none(pmd_offset(&mm->pgd[i], j << PMD_SHIFT)[0]);
	}
	KTEST_EXPECT_EQ(t, set, 0);
	mmput(mm);
}

/* PAE: CR3 holds a 32-bit physical address, bits 31..5 of the PDPT. */
static void pgd_pae_pdpt_aligned_below_4g(struct ktest *t)
{
	struct mm_struct *mm[4];
	unsigned int i;

	if (PTRS_PER_PMD == 1)
		ktest_skip(t, "no PDPT without PAE (build with PAE=1)");
	for (i = 0; i < ARRAY_SIZE(mm); i++) {
		mm[i] = mm_alloc();
		KTEST_ASSERT_NOT_NULL(t, mm[i]);
		KTEST_EXPECT_EQ(t, (unsigned long)mm[i]->pgd & 31, 0);
		KTEST_EXPECT_LT(t, (u64)__pa(mm[i]->pgd), 1ULL << 32);
	}
	for (i = 0; i < ARRAY_SIZE(mm); i++)
		mmput(mm[i]);
}

/* PAE: the user PMD pages are allocated with the PDPT and freed with it. */
static void pgd_pae_user_pmds_preallocated_and_freed(struct ktest *t)
{
	struct page *pmd[PTRS_PER_PGD];
	struct mm_struct *mm;
	unsigned int i;

	if (PTRS_PER_PMD == 1)
		ktest_skip(t, "no PMD level without PAE (build with PAE=1)");
	mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, mm);
	for (i = 0; i < KERNEL_PGD_BOUNDARY; i++) {
		pmd[i] = virt_to_page(pmd_offset(&mm->pgd[i], 0));
		KTEST_EXPECT_EQ(t, page_count(pmd[i]), 1);
	}
	mmput(mm);
	for (i = 0; i < KERNEL_PGD_BOUNDARY; i++)
		KTEST_EXPECT_EQ(t, page_count(pmd[i]), 0);
}

/* before: baseline  alloc 8 mms, free them  after: every zone as before */
static void pgd_free_returns_every_page(struct ktest *t)
{
	unsigned long before[MAX_NR_ZONES];
	struct mm_struct *mm[8];
	unsigned int i;

	mmput(mm_alloc());	/* the caches' first slabs and descriptors */
	zone_free_snapshot_shrunk(before);
	for (i = 0; i < ARRAY_SIZE(mm); i++) {
		mm[i] = mm_alloc();
		KTEST_ASSERT_NOT_NULL(t, mm[i]);
	}
	for (i = 0; i < ARRAY_SIZE(mm); i++)
		mmput(mm[i]);
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

struct cr3_probe {
	struct completion done;
	unsigned long cr3;
};

static int record_cr3(void *data)
{
	struct cr3_probe *p = data;

	p->cr3 = cr3_dir();
	complete(&p->done);
	return 0;
}

static const u32 kernel_word = 0xfe57a000;

/*
 * A thread on a new mm reads kernel data, a vmalloc buffer (made before
 * the mm) and a kmap_local mapping of a highmem page; a thread on
 * init_mm that runs meanwhile sees swapper_pg_dir in CR3, and this one
 * gets its own back: two switch_mm()s, one each way.
 */
static void pgd_kthread_on_new_mm_sees_kernel(struct ktest *t)
{
	unsigned long switches;
	struct cr3_probe probe;
	struct task_struct *k;
	struct mm_struct *mm;
	struct page *page;
	u32 *vbuf, *kv;

	vbuf = vmalloc(2 * PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, vbuf);
	vbuf[0] = 0x11111111;
	vbuf[PAGE_SIZE / 4] = 0x22222222;
	page = alloc_page(GFP_HIGHUSER);
	if (!page) {
		vfree(vbuf);
		KTEST_ASSERT_NOT_NULL(t, page);
	}
	kv = kmap_local_page(page);
	kv[0] = 0x33333333;
	kunmap_local(kv);
	mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, cr3_dir(), (unsigned long)__pa(swapper_pg_dir));

	kthread_use_mm(mm);
	KTEST_EXPECT_PTR_EQ(t, current->active_mm, mm);
	KTEST_EXPECT_EQ(t, cr3_dir(), (unsigned long)__pa(mm->pgd));
	KTEST_EXPECT_EQ(t, READ_ONCE(kernel_word), 0xfe57a000);
	KTEST_EXPECT_EQ(t, READ_ONCE(vbuf[0]), 0x11111111);
	KTEST_EXPECT_EQ(t, READ_ONCE(vbuf[PAGE_SIZE / 4]), 0x22222222);
	kv = kmap_local_page(page);
	KTEST_EXPECT_EQ(t, READ_ONCE(kv[0]), 0x33333333);
	kv[0] = 0x44444444;
	kunmap_local(kv);

	init_completion(&probe.done);
	probe.cr3 = 0;
	switches = this_cpu_ptr(tlb_stats)->switch_mm;
	/*
	 * A one-CPU property: the probe runs on *this* CPU while we wait, so
	 * this CPU switches to init_mm and back (two switch_mm()s counted here).
	 */
	k = kthread_create(record_cr3, &probe, "pgd-probe");
	KTEST_EXPECT_NOT_NULL(t, k);
	if (k) {
		kthread_bind(k, smp_processor_id());
		wake_up_process(k);
		wait_for_completion(&probe.done);
	}
	KTEST_EXPECT_EQ(t, probe.cr3, (unsigned long)__pa(swapper_pg_dir));
	KTEST_EXPECT_EQ(t, cr3_dir(), (unsigned long)__pa(mm->pgd));
	KTEST_EXPECT_GE(t, this_cpu_ptr(tlb_stats)->switch_mm - switches, 2);
	KTEST_EXPECT_EQ(t, READ_ONCE(vbuf[0]), 0x11111111);
	kthread_unuse_mm(mm);

	KTEST_EXPECT_PTR_EQ(t, current->active_mm, &init_mm);
	KTEST_EXPECT_EQ(t, cr3_dir(), (unsigned long)__pa(swapper_pg_dir));
	kv = kmap_local_page(page);
	KTEST_EXPECT_EQ(t, kv[0], 0x44444444);	/* written on the new mm */
	kunmap_local(kv);
	mmput(mm);
	__free_page(page);
	vfree(vbuf);
}

/* Two tasks on one mm: a switch between them does not touch CR3. */
static void pgd_switch_same_mm_costs_nothing(struct ktest *t)
{
	unsigned long switches = this_cpu_ptr(tlb_stats)->switch_mm;
	struct cr3_probe probe;
	struct task_struct *k;

	init_completion(&probe.done);
	k = kthread_create(record_cr3, &probe, "pgd-probe");
	KTEST_ASSERT_NOT_NULL(t, k);
	kthread_bind(k, smp_processor_id());	/* the switches to count are this CPU's */
	wake_up_process(k);
	wait_for_completion(&probe.done);
	KTEST_EXPECT_EQ(t, probe.cr3, (unsigned long)__pa(swapper_pg_dir));
	KTEST_EXPECT_EQ(t, this_cpu_ptr(tlb_stats)->switch_mm, switches);
}

/* Page tables swapper_pg_dir has in the vmalloc area's spans. */
static unsigned int vmalloc_tables(void)
{
	unsigned long addr, first = VMALLOC_START & PMD_MASK;
	unsigned int n = 0;

	for (addr = first; addr >= first && addr < VMALLOC_END; addr += PMD_SIZE)
		n += pmd_present(*pmd_offset(pgd_offset_k(addr), addr));
	return n;
}

/* The kernel entry for @addr in @mm's directory equals swapper_pg_dir's. */
static bool pmd_matches_swapper(struct mm_struct *mm, unsigned long addr)
{
	return pmd_val(*pmd_offset(pgd_offset(mm, addr), addr)) ==
	       pmd_val(*pmd_offset(pgd_offset_k(addr), addr));
}

struct new_span {
	struct vm_struct *area;
	unsigned long addr;	/* the first page of it in a span without a page table */
};

/*
 * Reserve vmalloc space one span larger than all the spans that have a
 * page table put together: wherever first fit places it, part of it
 * lies in a span without one, and ns->addr is the first such page.
 * Nothing is mapped; free_vm_area() unmaps whatever the caller maps.
 */
static bool new_span_reserve(struct new_span *ns)
{
	unsigned long size = (vmalloc_tables() + 1UL) * PMD_SIZE, a, end;

	ns->area = get_vm_area_caller(size, VM_MAP, __builtin_return_address(0));
	if (!ns->area)
		return false;
	ns->area->nr_pages = size >> PAGE_SHIFT;	/* unmapping skips the unmapped */
	end = ns->area->addr + size;
	for (a = ns->area->addr; a < end; a = (a & PMD_MASK) + PMD_SIZE) {
		if (pmd_none(*pmd_offset(pgd_offset_k(a), a))) {
			ns->addr = a;
			return true;
		}
	}
	free_vm_area(ns->area);
	return false;
}

static bool sync_eager(void)
{
	return PTRS_PER_PMD == 1 && (vmalloc_sync_mode & VMALLOC_SYNC_EAGER);
}

/* Only the fault path, without PAE: the copy is filled at the first touch. */
static bool sync_lazy_only(void)
{
	return PTRS_PER_PMD == 1 && vmalloc_sync_mode == VMALLOC_SYNC_FAULT;
}

/* No sync at all, without PAE: an older directory never gets the entry. */
static bool sync_none(void)
{
	return PTRS_PER_PMD == 1 && vmalloc_sync_mode == VMALLOC_SYNC_NONE;
}

static const u32 new_span_word = 0x5ca1ab1e;

/*
 * Kernel page tables created after a process exists:
 *
 *   mm_alloc()                    mm->pgd[i] = swapper_pg_dir[i] = 0
 *   vmap_pfn_range(addr, ...)     kernel_pmd_populate(): swapper_pg_dir[i] = tbl
 *     eager, both                 ... and mm->pgd[i] = tbl (eager_pdes +1)
 *   kthread_use_mm(mm); read addr
 *     fault                       not present: vmalloc_fault() copies it (faults_fixed +1)
 *     none                        the oops (caught): the read fails
 *   PAE: the entry is in a PMD page both directories share; no count moves
 *
 * vmalloc_sync=none is there to show why sync exists: with it the case
 * expects the oops, and its matrix line checks the report line by line
 * (tests/expect/pgd-vsync-none.expect).
 */
static void pgd_new_kernel_table_reaches_older_mm(struct ktest *t)
{
	unsigned long p0, d0, f0, p1, d1, f1;
	struct fault_catch fc;
	struct new_span ns;
	struct mm_struct *mm;
	struct page *page;
	volatile u32 seen = 0;	/* set between setjmp and a longjmp */

	ktest_needs_mmu(t);
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);
	*(u32 *)lowmem_page_address(page) = new_span_word;
	mm = mm_alloc();
	if (!mm || !new_span_reserve(&ns)) {
		if (mm)
			mmput(mm);
		__free_page(page);
		KTEST_ASSERT_TRUE(t, !"an mm and a vmalloc reservation");
	}
	vmalloc_sync_stats(&p0, &d0, &f0);
	KTEST_EXPECT_EQ(t, vmap_pfn_range(ns.addr, page_to_pfn(page), 1, PAGE_KERNEL), 0);
	vmalloc_sync_stats(&p1, &d1, &f1);
	KTEST_EXPECT_EQ(t, pmd_matches_swapper(mm, ns.addr), PTRS_PER_PMD > 1 || sync_eager());
	KTEST_EXPECT_EQ(t, p1 - p0, sync_eager() ? 1 : 0);
	KTEST_EXPECT_EQ(t, d1 - d0 >= 1, sync_eager());	/* every listed directory */

	kthread_use_mm(mm);
	if (catch_fault(&fc))
		seen = READ_ONCE(*(volatile u32 *)ns.addr);
	end_catch_fault(&fc);
	kthread_unuse_mm(mm);
	vmalloc_sync_stats(&p1, &d1, &f1);
	if (fc.caught)
		ktest_log(t, "vmalloc_sync=%s: mm %p's directory, copied before the page table for "
			  "0x%08lx was made, lacks its entry; the read there oopsed (report above)%s",
			  vmalloc_sync_mode_name(), mm, ns.addr,
			  sync_none() ? ", as it must with no sync" : "");
	if (sync_none()) {
		/* why sync exists: this read must fail */
		KTEST_EXPECT_TRUE(t, fc.caught);
		KTEST_EXPECT_EQ(t, fc.cr2, ns.addr);
		KTEST_EXPECT_FALSE(t, pmd_matches_swapper(mm, ns.addr));
		KTEST_EXPECT_EQ(t, check_kernel_pgd(mm), 1);	/* and the checker names it */
	} else {
		KTEST_EXPECT_FALSE(t, fc.caught);
		KTEST_EXPECT_EQ(t, seen, new_span_word);
		KTEST_EXPECT_TRUE(t, pmd_matches_swapper(mm, ns.addr));
	}
	KTEST_EXPECT_EQ(t, f1 - f0, sync_lazy_only() ? 1 : 0);
	free_vm_area(ns.area);
	mmput(mm);
	__free_page(page);
}

/* Read every page of [v, v + size) once: a fault path's copy happens here. */
static void touch_range(const void *v, unsigned long size)
{
	for (unsigned long off = 0; off < size; off += PAGE_SIZE)
		(void)READ_ONCE(*((const volatile u8 *)v + off));
}

/*
 * Four mms, then new kernel mappings: a page in a span that had no page
 * table, a vmap of PTRS_PER_PTE + 1 pages (so across a 4 MiB, PAE 2 MiB,
 * boundary), a vmalloc and an ioremap of the VGA text page. With eager
 * sync every directory agrees with swapper_pg_dir at once; with only the
 * fault path, once a thread on each mm has touched every page; with none
 * the older directories lack the new tables, and check_kernel_pgd()
 * names each missing entry. PAE: they always agree.
 */
static void pgd_all_directories_agree_after_new_kernel_tables(struct ktest *t)
{
	const unsigned int nr = PTRS_PER_PTE + 1;
	unsigned int i, tables, bad;
	struct mm_struct *mm[4];
	struct page **pages;
	struct new_span ns;
	struct page *page;
	void *vm, *vbuf, *io;

	if (!IS_ENABLED(CONFIG_DEBUG_VM))
		ktest_skip(t, "check_kernel_pgd() is built with DEBUG_VM=1 only");
	ktest_needs_mmu(t);
	page = alloc_page(GFP_KERNEL);
	pages = kmalloc(nr * sizeof(*pages), GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, page && pages);
	for (i = 0; i < ARRAY_SIZE(mm); i++) {
		mm[i] = mm_alloc();
		KTEST_ASSERT_NOT_NULL(t, mm[i]);
	}
	for (i = 0; i < nr; i++)
		pages[i] = page;		/* one page, nr times: 4 MiB for 4 KiB */
	tables = vmalloc_tables();
	KTEST_ASSERT_TRUE(t, new_span_reserve(&ns));
	KTEST_EXPECT_EQ(t, vmap_pfn_range(ns.addr, page_to_pfn(page), 1, PAGE_KERNEL), 0);
	vm = vmap(pages, nr, VM_MAP, PAGE_KERNEL);
	vbuf = vmalloc(2 * PAGE_SIZE);
	io = ioremap(0xB8000, PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, vm && vbuf && io);
	tables = vmalloc_tables() - tables;
	KTEST_EXPECT_GE(t, tables, 1);
	ktest_log(t, "vmalloc_sync=%s: %u new kernel page table(s) after %zu mms",
		  vmalloc_sync_mode_name(), tables, ARRAY_SIZE(mm));

	if (sync_none()) {
		/* the gap, shown: no thread may touch the new mappings on these mms */
		for (i = 0; i < ARRAY_SIZE(mm); i++)
			KTEST_EXPECT_GE(t, check_kernel_pgd(mm[i]), 1);
		KTEST_EXPECT_GE(t, check_all_kernel_pgds(), ARRAY_SIZE(mm));
		goto out;
	}
	if (sync_lazy_only())
		KTEST_EXPECT_GE(t, check_kernel_pgd(mm[0]), 1);	/* not touched yet */
	for (i = 0; i < ARRAY_SIZE(mm); i++) {
		kthread_use_mm(mm[i]);
		touch_range((void *)ns.addr, PAGE_SIZE);
		if (vm)
			touch_range(vm, (unsigned long)nr * PAGE_SIZE);
		if (vbuf)
			touch_range(vbuf, 2 * PAGE_SIZE);
		if (io)
			touch_range(io, PAGE_SIZE);
		kthread_unuse_mm(mm[i]);
	}
	for (i = 0, bad = 0; i < ARRAY_SIZE(mm); i++)
		bad += check_kernel_pgd(mm[i]);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, check_all_kernel_pgds(), 0);
out:
	if (io)
		iounmap(io);
	vfree(vbuf);
	if (vm)
		vunmap(vm);
	free_vm_area(ns.area);
	for (i = 0; i < ARRAY_SIZE(mm); i++)
		mmput(mm[i]);
	kfree(pages);
	__free_page(page);
}

static const struct ktest_case pgd_cases[] = {
	KTEST_CASE(pgd_alloc_kernel_half_matches_swapper),
	KTEST_CASE(pgd_alloc_user_half_empty),
	KTEST_CASE(pgd_pae_pdpt_aligned_below_4g),
	KTEST_CASE(pgd_pae_user_pmds_preallocated_and_freed),
	KTEST_CASE(pgd_free_returns_every_page),
	KTEST_CASE(pgd_kthread_on_new_mm_sees_kernel),
	KTEST_CASE(pgd_switch_same_mm_costs_nothing),
	KTEST_CASE(pgd_new_kernel_table_reaches_older_mm),
	KTEST_CASE(pgd_all_directories_agree_after_new_kernel_tables),
	{}
};
KTEST_SUITE(pgd) = { .name = "pgd", .cases = pgd_cases };
