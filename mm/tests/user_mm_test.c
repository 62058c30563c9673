// SPDX-License-Identifier: MIT
/*
 * Self-tests of the user half of an address space (suite "user_mm"):
 * VMAs, demand-zero and file pages, copy-on-write fork, mprotect and
 * munmap splitting, stack growth, brk, the teardown and the highpte
 * option. There is no ring 3 here: the test thread adopts a new mm with
 * kthread_use_mm() and touches its user addresses from the kernel. A
 * ring-0 fault on a user address takes the same path as a process's
 * (do_user_addr_fault()), except that a bad access returns to the
 * exception table instead of killing: copy_{from,to}_kernel_nofault()
 * are the probes that expect it, and return -EFAULT.
 *
 * Pictures: a VMA is [start, end) with its permissions, pages touched
 * marked *: [A rw* | B r | C rw*] is three VMAs, A and C resident.
 *
 * Every case begins with a snapshot of the zones' free pages; the exit
 * hook leaves whatever mm the case was on, mmput()s the mms it made
 * (exit_mmap() then frees everything) and checks that every zone has its
 * pages back: every case is also a leak test.
 */
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>
#include <asm/extable.h>
#include <kernel/errno.h>
#include <kernel/initramfs.h>
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <kernel/sched/mm.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include "../internal.h"
#include "mm_test.h"

#define U_BASE	0x10000000UL	/* a fixed user address for the cases that pick one */

static struct mm_struct *mms[2];
static unsigned long free_at_start[MAX_NR_ZONES];

static void umm_init(struct ktest *t)
{
	(void)t;
	mms[0] = mms[1] = NULL;
	zone_free_snapshot_shrunk(free_at_start);
}

static void umm_exit(struct ktest *t)
{
	if (current->active_mm != &init_mm)
		kthread_unuse_mm(current->active_mm);
	current->mm = NULL;
	for (int i = 0; i < 2; i++)
		if (mms[i])
			mmput(mms[i]);
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, free_at_start);
}

/* A new mm in mms[@i], and the test thread on it. */
static struct mm_struct *umm_enter(struct ktest *t, int i)
{
	mms[i] = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, mms[i]);
	kthread_use_mm(mms[i]);
	return mms[i];
}

/* Move the test thread from whatever mm it is on to @mm. */
static void umm_switch(struct mm_struct *mm)
{
	if (current->active_mm != &init_mm)
		kthread_unuse_mm(current->active_mm);
	kthread_use_mm(mm);
}

static bool probe_read(unsigned long addr, u32 *val)
{
	return copy_from_kernel_nofault(val, (const void *)addr, sizeof(*val)) == 0;
}

static bool probe_write(unsigned long addr, u32 val)
{
	return copy_to_kernel_nofault((void *)addr, &val, sizeof(val)) == 0;
}

static u32 peek(unsigned long addr)	{ return *(volatile u32 *)addr; }
static void poke(unsigned long addr, u32 v) { *(volatile u32 *)addr = v; }

static struct page *page_at(struct mm_struct *mm, unsigned long addr)
{
	unsigned long pfn;

	if (!follow_pfn_user(mm, addr, &pfn, NULL))
		return NULL;
	return pfn_to_page(pfn);
}

static unsigned long map_anon(struct mm_struct *mm, unsigned long addr, unsigned long pages,
			      unsigned long vm_flags)
{
	return mmap_region(mm, addr, pages * PAGE_SIZE, vm_flags, NULL, 0, addr != 0);
}

/*
 * before: [A rw] nothing resident   read A: zero, one page, rss_anon 1;
 * at -m 4G the page is from ZONE_HIGHMEM (GFP_HIGHUSER: highmem first).
 */
static void user_mm_demand_zero_page(struct ktest *t)
{
	struct mm_struct *mm = umm_enter(t, 0);
	unsigned long a = map_anon(mm, U_BASE, 1, VM_READ | VM_WRITE), i, nonzero = 0;
	struct page *page;

	ktest_needs_mmu(t);
	KTEST_ASSERT_EQ(t, a, U_BASE);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	KTEST_EXPECT_EQ(t, mm->total_vm, 1);
	KTEST_EXPECT_NULL(t, page_at(mm, a));
	KTEST_EXPECT_EQ(t, mm->rss_anon, 0);
	for (i = 0; i < PAGE_SIZE; i += 4)
		nonzero += peek(a + i) != 0;
	KTEST_EXPECT_EQ(t, nonzero, 0);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 1);
	KTEST_EXPECT_EQ(t, mm->hiwater_rss, 1);
	page = page_at(mm, a);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	if (totalhigh_pages)
		KTEST_EXPECT_EQ(t, page_zonenum(page), ZONE_HIGHMEM);
	poke(a + 8, 0x1234);
	KTEST_EXPECT_EQ(t, peek(a + 8), 0x1234);
	KTEST_EXPECT_EQ(t, mm->pgtables_bytes, PAGE_SIZE);
}

/* [A r]: read gives zero; a write fails (-EFAULT); an unmapped address fails too. */
static void user_mm_write_readonly_vma_fails(struct ktest *t)
{
	struct mm_struct *mm = umm_enter(t, 0);
	unsigned long a = map_anon(mm, U_BASE, 1, VM_READ);
	u32 v = 1;

	ktest_needs_mmu(t);
	KTEST_EXPECT_TRUE(t, probe_read(a, &v));
	KTEST_EXPECT_EQ(t, v, 0);
	KTEST_EXPECT_FALSE(t, probe_write(a, 5));
	KTEST_EXPECT_TRUE(t, last_fault.error_code & X86_PF_WRITE);
	KTEST_EXPECT_TRUE(t, last_fault.error_code & X86_PF_PROT);
	KTEST_EXPECT_EQ(t, last_fault.cr2, a);
	KTEST_EXPECT_FALSE(t, probe_read(a + PAGE_SIZE, &v));	/* no VMA */
	KTEST_EXPECT_FALSE(t, probe_read(0, &v));		/* the NULL page */
	KTEST_EXPECT_EQ(t, mm->rss_anon, 1);
}

/*
 * [A rw*] -> mprotect(PROT_NONE) -> [A ---*]: the page stays (rss 1) but
 * every access fails; mprotect(PROT_READ) -> [A r*]: the old data is back.
 */
static void user_mm_prot_none_keeps_page(struct ktest *t)
{
	struct mm_struct *mm = umm_enter(t, 0);
	unsigned long a = map_anon(mm, U_BASE, 1, VM_READ | VM_WRITE);
	u32 v;

	ktest_needs_mmu(t);
	poke(a, 77);
	KTEST_EXPECT_EQ(t, do_mprotect(mm, a, PAGE_SIZE, PROT_NONE), 0);
	KTEST_EXPECT_FALSE(t, probe_read(a, &v));
	KTEST_EXPECT_FALSE(t, probe_write(a, 1));
	KTEST_EXPECT_EQ(t, mm->rss_anon, 1);
	KTEST_EXPECT_EQ(t, do_mprotect(mm, a, PAGE_SIZE, PROT_READ), 0);
	KTEST_EXPECT_TRUE(t, probe_read(a, &v));
	KTEST_EXPECT_EQ(t, v, 77);
	KTEST_EXPECT_FALSE(t, probe_write(a, 1));
}

/*
 * before: [A rw* rw* rw*]  mprotect(middle, PROT_READ)
 * after:  [A rw*][B r*][C rw*]: three VMAs, the middle write fails.
 */
static void user_mm_mprotect_splits_vma(struct ktest *t)
{
	struct mm_struct *mm = umm_enter(t, 0);
	unsigned long a = map_anon(mm, U_BASE, 3, VM_READ | VM_WRITE);
	struct vm_area_struct *vma;

	ktest_needs_mmu(t);
	for (int i = 0; i < 3; i++)
		poke(a + i * PAGE_SIZE, i);
	KTEST_EXPECT_EQ(t, do_mprotect(mm, a + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 3);
	KTEST_EXPECT_EQ(t, mm->total_vm, 3);
	vma = find_vma(mm, a + PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, vma);
	KTEST_EXPECT_EQ(t, vma->vm_start, a + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, vma->vm_end, a + 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, vma->vm_flags & (VM_READ | VM_WRITE), VM_READ);
	KTEST_EXPECT_TRUE(t, probe_write(a, 10));
	KTEST_EXPECT_FALSE(t, probe_write(a + PAGE_SIZE, 11));
	KTEST_EXPECT_TRUE(t, probe_write(a + 2 * PAGE_SIZE, 12));
	KTEST_EXPECT_EQ(t, peek(a + PAGE_SIZE), 1);
	/* the errors: a hole in the range, an unaligned start */
	KTEST_EXPECT_EQ(t, do_mprotect(mm, a, 4 * PAGE_SIZE, PROT_READ), -ENOMEM);
	KTEST_EXPECT_EQ(t, do_mprotect(mm, a + 1, PAGE_SIZE, PROT_READ), -EINVAL);
	KTEST_EXPECT_EQ(t, do_mprotect(mm, a + 8 * PAGE_SIZE, PAGE_SIZE, PROT_READ), -ENOMEM);
	KTEST_EXPECT_EQ(t, do_mprotect(mm, a - PAGE_SIZE, PAGE_SIZE, PROT_READ), -ENOMEM);
}

/*
 * before: [A rw* rw* rw* rw*]   munmap(pages 1-2)
 * after:  [A rw*] .. .. [B rw*]: two VMAs, the two middle pages freed
 * (count 0), reads there fail, the outer pages keep their data.
 */
static void user_mm_munmap_splits_and_frees(struct ktest *t)
{
	struct mm_struct *mm = umm_enter(t, 0);
	unsigned long a = map_anon(mm, U_BASE, 4, VM_READ | VM_WRITE);
	struct page *mid[2];
	u32 v;

	ktest_needs_mmu(t);
	for (int i = 0; i < 4; i++)
		poke(a + i * PAGE_SIZE, 100 + i);
	mid[0] = page_at(mm, a + PAGE_SIZE);
	mid[1] = page_at(mm, a + 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, do_munmap(mm, a + PAGE_SIZE, 2 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	KTEST_EXPECT_EQ(t, mm->total_vm, 2);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 2);
	KTEST_EXPECT_EQ(t, mm->hiwater_rss, 4);	/* the peak stays */
	KTEST_EXPECT_EQ(t, page_count(mid[0]), 0);
	KTEST_EXPECT_EQ(t, page_count(mid[1]), 0);
	KTEST_EXPECT_FALSE(t, probe_read(a + PAGE_SIZE, &v));
	KTEST_EXPECT_FALSE(t, probe_read(a + 2 * PAGE_SIZE, &v));
	KTEST_EXPECT_EQ(t, peek(a), 100);
	KTEST_EXPECT_EQ(t, peek(a + 3 * PAGE_SIZE), 103);
	/* the rest, and the page table with it */
	KTEST_EXPECT_EQ(t, do_munmap(mm, a, 4 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 0);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 0);
	KTEST_EXPECT_EQ(t, mm->pgtables_bytes, 0);
	KTEST_EXPECT_EQ(t, do_munmap(mm, a + 1, PAGE_SIZE), -EINVAL);
}

/*
 * The TLB after munmap: a read loads the page's translation into the TLB;
 * munmap must flush it, or the next read still finds the freed page.
 */
static void user_mm_munmap_flushes_tlb(struct ktest *t)
{
	struct mm_struct *mm = umm_enter(t, 0);
	unsigned long a = map_anon(mm, U_BASE, 1, VM_READ | VM_WRITE);
	unsigned long flushes = this_cpu_ptr(tlb_stats)->user_flush_one;
	u32 v;

	ktest_needs_mmu(t);
	poke(a, 42);
	KTEST_EXPECT_EQ(t, peek(a), 42);	/* in the TLB now */
	KTEST_EXPECT_EQ(t, do_munmap(mm, a, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(tlb_stats)->user_flush_one, flushes + 1);
	KTEST_EXPECT_FALSE(t, probe_read(a, &v));
}

/*
 * One flush per range, not per page: 4 touched pages cost 4 invlpg and no
 * CR3 reload; 8 pages untouched, none at all; and an mm that is not
 * loaded (the test thread back on init_mm) none either.
 */
static void user_mm_munmap_batches_flushes(struct ktest *t)
{
	struct mm_struct *mm = umm_enter(t, 0);
	unsigned long a = map_anon(mm, U_BASE, 16, VM_READ | VM_WRITE);
	struct tlb_stats *ts = this_cpu_ptr(tlb_stats);
	unsigned long one, all;

	ktest_needs_mmu(t);
	for (int i = 0; i < 4; i++)
		poke(a + i * PAGE_SIZE, i);
	poke(a + 12 * PAGE_SIZE, 12);
	one = ts->user_flush_one;
	all = ts->user_flush_all;
	KTEST_EXPECT_EQ(t, do_munmap(mm, a, 4 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, ts->user_flush_one, one + 4);
	KTEST_EXPECT_EQ(t, ts->user_flush_all, all);
	one = ts->user_flush_one;
	KTEST_EXPECT_EQ(t, do_munmap(mm, a + 4 * PAGE_SIZE, 8 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, ts->user_flush_one, one);
	kthread_unuse_mm(mm);
	one = ts->user_flush_one;
	all = ts->user_flush_all;
	KTEST_EXPECT_EQ(t, do_munmap(mm, a + 12 * PAGE_SIZE, 4 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 0);
	KTEST_EXPECT_EQ(t, ts->user_flush_one, one);
	KTEST_EXPECT_EQ(t, ts->user_flush_all, all);
}

/* A kernel thread on init_mm has no user half: every user address is bad. */
static void user_mm_no_mm_all_bad(struct ktest *t)
{
	u32 v;

	ktest_needs_mmu(t);
	KTEST_ASSERT_TRUE(t, current->active_mm == &init_mm);
	KTEST_EXPECT_FALSE(t, probe_read(U_BASE, &v));
	KTEST_EXPECT_FALSE(t, probe_write(U_BASE, 1));
	KTEST_EXPECT_STREQ(t, last_fault.area, "user space (no VMA allows the access)");
}

/*
 * fork: [A rw* (X) | B rw (untouched)] in mm0, dup_mmap -> mm1.
 * The page is shared, count 2, read-only in both. mm0 writes Y: it gets
 * a copy (count of the old page back to 1); mm1 still reads X; mm1's
 * write then finds count 1 and just makes the page writable (no copy).
 */
static void user_mm_cow_isolates_fork(struct ktest *t)
{
	struct mm_struct *parent = umm_enter(t, 0), *child;
	unsigned long a = map_anon(parent, U_BASE, 2, VM_READ | VM_WRITE);
	struct page *shared, *copy;
	bool w;
	unsigned long pfn;

	ktest_needs_mmu(t);
	poke(a, 0x1111);
	shared = page_at(parent, a);
	mms[1] = child = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_ASSERT_EQ(t, dup_mmap(child, parent), 0);
	KTEST_EXPECT_EQ(t, child->map_count, 1);
	KTEST_EXPECT_EQ(t, child->rss_anon, 1);
	KTEST_EXPECT_EQ(t, page_count(shared), 2);
	KTEST_EXPECT_PTR_EQ(t, page_at(child, a), shared);
	KTEST_EXPECT_TRUE(t, follow_pfn_user(parent, a, &pfn, &w));
	KTEST_EXPECT_FALSE(t, w);
	KTEST_EXPECT_TRUE(t, follow_pfn_user(child, a, &pfn, &w));
	KTEST_EXPECT_FALSE(t, w);
	KTEST_EXPECT_NULL(t, page_at(child, a + PAGE_SIZE));

	poke(a, 0x2222);			/* parent: copy-on-write */
	copy = page_at(parent, a);
	KTEST_EXPECT_PTR_NE(t, copy, shared);
	KTEST_EXPECT_EQ(t, page_count(shared), 1);
	KTEST_EXPECT_EQ(t, page_count(copy), 1);
	if (totalhigh_pages)
		KTEST_EXPECT_EQ(t, page_zonenum(copy), ZONE_HIGHMEM);

	umm_switch(child);
	KTEST_EXPECT_EQ(t, peek(a), 0x1111);
	poke(a, 0x3333);			/* child: the last user, no copy */
	KTEST_EXPECT_PTR_EQ(t, page_at(child, a), shared);
	KTEST_EXPECT_EQ(t, child->rss_anon, 1);
	umm_switch(parent);
	KTEST_EXPECT_EQ(t, peek(a), 0x2222);
	KTEST_EXPECT_EQ(t, parent->rss_anon, 1);
}

/*
 * The write-protect's TLB flush: the parent writes its page (a writable
 * translation in the TLB), forks, and writes again. Without the flush in
 * dup_mmap() that write goes through the stale entry into the shared
 * page and the child sees it.
 */
static void user_mm_fork_flushes_parent_tlb(struct ktest *t)
{
	struct mm_struct *parent = umm_enter(t, 0), *child;
	unsigned long a = map_anon(parent, U_BASE, 1, VM_READ | VM_WRITE), all;

	ktest_needs_mmu(t);
	poke(a, 1);
	poke(a, 2);				/* the TLB holds a writable entry */
	mms[1] = child = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, child);
	all = this_cpu_ptr(tlb_stats)->user_flush_all;
	KTEST_ASSERT_EQ(t, dup_mmap(child, parent), 0);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(tlb_stats)->user_flush_all, all + 1);	/* one CR3 reload */
	poke(a, 3);
	umm_switch(child);
	KTEST_EXPECT_EQ(t, peek(a), 2);
}

/*
 * [stack rw, 4 pages, VM_GROWSDOWN] at the top: a touch 10 pages below it
 * grows it (total_vm +10); one past STACK_RLIMIT from its end fails, and
 * so does one within STACK_GUARD_GAP of the VMA below.
 */
static void user_mm_stack_grows_down(struct ktest *t)
{
	struct mm_struct *mm = umm_enter(t, 0);
	unsigned long top = STACK_TOP, s, below;
	struct vm_area_struct *vma;
	u32 v;

	ktest_needs_mmu(t);
	s = mmap_region(mm, top - 4 * PAGE_SIZE, 4 * PAGE_SIZE,
			VM_READ | VM_WRITE | VM_GROWSDOWN, NULL, 0, true);
	KTEST_ASSERT_EQ(t, s, top - 4 * PAGE_SIZE);
	poke(s - 10 * PAGE_SIZE + 12, 9);
	vma = find_vma(mm, s);
	KTEST_EXPECT_EQ(t, vma->vm_start, s - 10 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->total_vm, 14);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	KTEST_EXPECT_FALSE(t, probe_read(top - STACK_RLIMIT - PAGE_SIZE, &v));
	/* a mapping just below the limit: growing into its guard gap fails */
	below = map_anon(mm, top - STACK_RLIMIT + 2 * PAGE_SIZE - PAGE_SIZE, 1, VM_READ);
	KTEST_ASSERT_EQ(t, below, top - STACK_RLIMIT + PAGE_SIZE);
	KTEST_EXPECT_FALSE(t, probe_read(below + STACK_GUARD_GAP - PAGE_SIZE, &v));
	KTEST_EXPECT_TRUE(t, probe_read(below + STACK_GUARD_GAP + PAGE_SIZE, &v));
}

/*
 * brk: start_brk = brk = B. +3 pages: [heap rw 3]; touch all; shrink to
 * B + 1 page: the two pages past it freed (rss 1), reads there fail;
 * brk(0) and a brk below start_brk return the current one; a brk into
 * another mapping fails (returns the old one).
 */
static void user_mm_brk_grows_and_shrinks(struct ktest *t)
{
	struct mm_struct *mm = umm_enter(t, 0);
	unsigned long b = U_BASE;
	u32 v;

	ktest_needs_mmu(t);
	mm->start_brk = mm->brk = b;
	KTEST_EXPECT_EQ(t, do_brk(mm, b + 3 * PAGE_SIZE), b + 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	for (int i = 0; i < 3; i++)
		poke(b + i * PAGE_SIZE, i + 1);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 3);
	KTEST_EXPECT_EQ(t, do_brk(mm, b + 5 * PAGE_SIZE + 7), b + 5 * PAGE_SIZE + 7);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);	/* extended in place */
	KTEST_EXPECT_EQ(t, mm->total_vm, 6);
	KTEST_EXPECT_EQ(t, do_brk(mm, b + PAGE_SIZE), b + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 1);
	KTEST_EXPECT_EQ(t, mm->total_vm, 1);
	KTEST_EXPECT_FALSE(t, probe_read(b + PAGE_SIZE, &v));
	KTEST_EXPECT_EQ(t, peek(b), 1);
	KTEST_EXPECT_EQ(t, do_brk(mm, 0), b + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, do_brk(mm, b - PAGE_SIZE), b + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, map_anon(mm, b + 4 * PAGE_SIZE, 1, VM_READ), b + 4 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, do_brk(mm, b + 4 * PAGE_SIZE), b + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, do_brk(mm, b), b);	/* empty heap: no VMA */
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
}

/*
 * A private file mapping: 5000 bytes at page offset 0, mapped as three
 * read-only pages: page 0 the first 4096 bytes, page 1 the other 904 then
 * zeroes, page 2 all zero; rss_file 3; writes fail. At page offset 1 the
 * first page is the file's second.
 */
static void user_mm_file_mapping_copies(struct ktest *t)
{
	static u8 data[5000];
	static const struct ramfs_inode file = { .name = "/test", .data = data, .size = sizeof(data) };
	struct mm_struct *mm = umm_enter(t, 0);
	unsigned long a, b, bad = 0;

	ktest_needs_mmu(t);
	for (unsigned int i = 0; i < sizeof(data); i++)
		data[i] = (u8)(i * 7 + 1);
	a = mmap_region(mm, U_BASE, 3 * PAGE_SIZE, VM_READ | VM_EXEC, &file, 0, true);
	KTEST_ASSERT_EQ(t, a, U_BASE);
	for (unsigned long i = 0; i < 3 * PAGE_SIZE; i++) {
		u8 want = i < sizeof(data) ? data[i] : 0;

		bad += *(volatile u8 *)(a + i) != want;
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, mm->rss_file, 3);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 0);
	KTEST_EXPECT_FALSE(t, probe_write(a, 0));
	b = mmap_region(mm, U_BASE + 8 * PAGE_SIZE, PAGE_SIZE, VM_READ | VM_WRITE, &file, 1, true);
	KTEST_ASSERT_EQ(t, b, U_BASE + 8 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, *(volatile u8 *)(b + 3), data[PAGE_SIZE + 3]);
	poke(b, 5);				/* private: the file is untouched */
	KTEST_EXPECT_EQ(t, data[PAGE_SIZE], (u8)(PAGE_SIZE * 7 + 1));
	/* a split keeps the file offset: the high half's first page is the file's second */
	b = mmap_region(mm, U_BASE + 16 * PAGE_SIZE, 2 * PAGE_SIZE, VM_READ, &file, 0, true);
	KTEST_ASSERT_EQ(t, do_mprotect(mm, b + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	KTEST_EXPECT_EQ(t, find_vma(mm, b + PAGE_SIZE)->vm_pgoff, 1);
	KTEST_EXPECT_EQ(t, *(volatile u8 *)(b + PAGE_SIZE + 3), data[PAGE_SIZE + 3]);
	KTEST_EXPECT_EQ(t, mm->rss_file, 5);	/* 3 + 1 + 1 */
}

/*
 * mmap_region's choices: address 0 goes top-down below mmap_base (a
 * second one just below the first); a free hint is taken, a used one is
 * not; MAP_FIXED over a resident page replaces it (reads zero after).
 * And sys_mmap2()'s refusals, with Linux's errno values.
 */
static void user_mm_mmap_placement(struct ktest *t)
{
	struct mm_struct *mm = umm_enter(t, 0);
	unsigned long base = STACK_TOP - STACK_RLIMIT - STACK_GUARD_GAP, a, b, c;

	ktest_needs_mmu(t);
	a = map_anon(mm, 0, 2, VM_READ | VM_WRITE);
	b = map_anon(mm, 0, 1, VM_READ | VM_WRITE);
	KTEST_EXPECT_EQ(t, a, base - 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, b, a - PAGE_SIZE);
	c = mmap_region(mm, U_BASE, PAGE_SIZE, VM_READ, NULL, 0, false);
	KTEST_EXPECT_EQ(t, c, U_BASE);
	c = mmap_region(mm, U_BASE, PAGE_SIZE, VM_READ, NULL, 0, false);
	KTEST_EXPECT_EQ(t, c, b - PAGE_SIZE);	/* the hint was taken */
	c = mmap_region(mm, U_BASE + 2 * PAGE_SIZE - 5, 100, VM_READ, NULL, 0, false);
	KTEST_EXPECT_EQ(t, c, U_BASE + 2 * PAGE_SIZE);	/* rounded up to a page */
	KTEST_EXPECT_EQ(t, do_munmap(mm, c, 1), 0);
	poke(a, 99);
	KTEST_EXPECT_EQ(t, mmap_region(mm, a, PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0, true), a);
	KTEST_EXPECT_EQ(t, peek(a), 0);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 1);
	KTEST_EXPECT_EQ(t, mmap_region(mm, a + 1, PAGE_SIZE, VM_READ, NULL, 0, true),
			(unsigned long)-EINVAL);
	KTEST_EXPECT_EQ(t, mmap_region(mm, 0, 0, VM_READ, NULL, 0, false), (unsigned long)-EINVAL);
	KTEST_EXPECT_EQ(t, mmap_region(mm, PAGE_SIZE, PAGE_SIZE, VM_READ, NULL, 0, true),
			(unsigned long)-EPERM);

	current->mm = mm;		/* the syscalls act on current->mm */
	KTEST_EXPECT_EQ(t, sys_mmap2(0, PAGE_SIZE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0),
			-EINVAL);
	KTEST_EXPECT_EQ(t, sys_mmap2(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 3, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mmap2(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), -EINVAL);
	c = sys_mmap2(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KTEST_EXPECT_EQ(t, c, b - 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, sys_mprotect(c, PAGE_SIZE, PROT_READ), 0);
	KTEST_EXPECT_EQ(t, sys_munmap(c, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, sys_munmap(c + 1, PAGE_SIZE), -EINVAL);
	current->mm = NULL;
}

/*
 * NX (PAE with an NX CPU): a `ret` written into a VMA without VM_EXEC
 * faults on the fetch (X86_PF_INSTR) and is refused; with VM_EXEC it runs.
 */
static void user_mm_nx_refuses_exec(struct ktest *t)
{
	struct mm_struct *mm;
	struct fault_catch fc;
	unsigned long a, x;

	ktest_needs_mmu(t);
	if (!(__supported_pte_mask & _PAGE_NX))
		ktest_skip(t, "no NX (PAE=1 and a CPU with nx)");
	mm = umm_enter(t, 0);
	a = map_anon(mm, U_BASE, 1, VM_READ | VM_WRITE);
	x = map_anon(mm, U_BASE + PAGE_SIZE, 1, VM_READ | VM_WRITE | VM_EXEC);
	*(volatile u8 *)a = 0xc3;	/* ret */
	*(volatile u8 *)x = 0xc3;
	((void (*)(void))x)();
	if (catch_fault(&fc))
		((void (*)(void))a)();
	end_catch_fault(&fc);
	KTEST_EXPECT_TRUE(t, fc.caught);
	KTEST_EXPECT_TRUE(t, fc.error_code & X86_PF_INSTR);
	KTEST_EXPECT_EQ(t, fc.cr2, a);
}

/*
 * Page tables: one per PMD_SIZE touched, counted in pgtables_bytes, in
 * highmem with the `highpte` option (at -m 4G), in lowmem without.
 */
static void user_mm_page_tables_counted_and_placed(struct ktest *t)
{
	struct mm_struct *mm = umm_enter(t, 0);
	unsigned long a = map_anon(mm, U_BASE, 2 * PMD_SIZE / PAGE_SIZE, VM_READ | VM_WRITE);
	unsigned long all = nr_pagetable_pages;
	struct page *table;

	ktest_needs_mmu(t);
	poke(a, 1);
	poke(a + PMD_SIZE, 2);
	KTEST_EXPECT_EQ(t, mm->pgtables_bytes, 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, nr_pagetable_pages, all + 2);
	table = pmd_table_page(*user_pmd(mm, a));
	KTEST_EXPECT_EQ(t, table->inuse, 1);
	if (highpte_enabled && totalhigh_pages)
		KTEST_EXPECT_TRUE(t, PageHighMem(table));
	else
		KTEST_EXPECT_FALSE(t, PageHighMem(table));
	ktest_log(t, "highpte %s: page tables in %s", highpte_enabled ? "on" : "off",
		  PageHighMem(table) ? "highmem" : "lowmem");
	KTEST_EXPECT_EQ(t, do_munmap(mm, a, PAGE_SIZE), 0);	/* empties the first table */
	KTEST_EXPECT_EQ(t, mm->pgtables_bytes, PAGE_SIZE);
	KTEST_EXPECT_EQ(t, nr_pagetable_pages, all + 1);
	KTEST_EXPECT_EQ(t, page_count(table), 0);
	KTEST_EXPECT_EQ(t, peek(a + PMD_SIZE), 2);
}

/*
 * Teardown: a parent and a child with resident, shared and copied pages,
 * file pages and page tables; mmput() of both (exit_mmap) gives every
 * page back to its zone (the exit hook's check), and the counters are 0.
 */
static void user_mm_exit_mmap_frees_everything(struct ktest *t)
{
	static u8 data[100] = { 1, 2, 3 };
	static const struct ramfs_inode file = { .name = "/t", .data = data, .size = sizeof(data) };
	struct mm_struct *parent = umm_enter(t, 0), *child;
	unsigned long a = map_anon(parent, U_BASE, 64, VM_READ | VM_WRITE), i;

	ktest_needs_mmu(t);
	KTEST_ASSERT_EQ(t, mmap_region(parent, U_BASE + 8 * PMD_SIZE, PAGE_SIZE, VM_READ, &file, 0, true),
			U_BASE + 8 * PMD_SIZE);
	for (i = 0; i < 64; i++)
		poke(a + i * PAGE_SIZE, i);
	KTEST_EXPECT_EQ(t, peek(U_BASE + 8 * PMD_SIZE), 0x030201);
	mms[1] = child = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_ASSERT_EQ(t, dup_mmap(child, parent), 0);
	for (i = 0; i < 64; i += 2)
		poke(a + i * PAGE_SIZE, i + 1000);	/* half copied */
	KTEST_EXPECT_EQ(t, parent->rss_anon, 64);
	KTEST_EXPECT_EQ(t, child->rss_anon, 64);
	KTEST_EXPECT_EQ(t, child->rss_file, 1);
	kthread_unuse_mm(parent);
	exit_mmap(child);
	KTEST_EXPECT_EQ(t, child->map_count, 0);
	KTEST_EXPECT_EQ(t, child->rss_anon + child->rss_file, 0);
	KTEST_EXPECT_EQ(t, child->pgtables_bytes, 0);
	KTEST_EXPECT_EQ(t, child->total_vm, 0);
}

static const struct ktest_case user_mm_cases[] = {
	KTEST_CASE(user_mm_demand_zero_page),
	KTEST_CASE(user_mm_write_readonly_vma_fails),
	KTEST_CASE(user_mm_prot_none_keeps_page),
	KTEST_CASE(user_mm_mprotect_splits_vma),
	KTEST_CASE(user_mm_munmap_splits_and_frees),
	KTEST_CASE(user_mm_munmap_flushes_tlb),
	KTEST_CASE(user_mm_munmap_batches_flushes),
	KTEST_CASE(user_mm_no_mm_all_bad),
	KTEST_CASE(user_mm_cow_isolates_fork),
	KTEST_CASE(user_mm_fork_flushes_parent_tlb),
	KTEST_CASE(user_mm_stack_grows_down),
	KTEST_CASE(user_mm_brk_grows_and_shrinks),
	KTEST_CASE(user_mm_file_mapping_copies),
	KTEST_CASE(user_mm_mmap_placement),
	KTEST_CASE(user_mm_nx_refuses_exec),
	KTEST_CASE(user_mm_page_tables_counted_and_placed),
	KTEST_CASE(user_mm_exit_mmap_frees_everything),
	{}
};

KTEST_SUITE(user_mm) = {
	.name = "user_mm",
	.cases = user_mm_cases,
	.init = umm_init,
	.exit = umm_exit,
};
