// SPDX-License-Identifier: MIT
/*
 * How this works: the VMAs of a process's user half, and the calls that
 * make and remove them (mmap, munmap, brk, fork's copy, exit's teardown).
 *
 * Data structures. mm->mmap is a list of struct vm_area_struct, sorted by
 * vm_start, disjoint, each a page-aligned [vm_start, vm_end) with one set
 * of VM_* flags, from the slab cache "vm_area_struct". mm->map_count is
 * its length and mm->total_vm the pages it covers. find_vma() walks it
 * from the bottom: a process has a handful of VMAs (text, data, heap,
 * stack, a few mmaps), so the walk is a few compares.
 *
 *   0 ... [text][data][heap ->]    <- mmaps, top-down ... [<- stack] STACK_TOP
 *                      start_brk..brk           mmap_base
 *
 * mmap_region() with no address picks the highest gap below mm->mmap_base
 * (top-down, as Linux's default layout); an exec that leaves mmap_base 0
 * gets STACK_TOP - STACK_RLIMIT - STACK_GUARD_GAP, room for the stack to
 * grow to its limit. A new VMA maps nothing: pages come on first touch
 * (mm/user_fault.c).
 *
 * Free path. do_munmap() splits the VMAs that straddle either end of the
 * range (split_vma(): the VMA keeps the low part, a new one takes the
 * high part and its file offset), zaps the pages of every VMA inside and
 * frees it; the mmu_gather (mm/user_pgtable.c) flushes the TLB once for
 * the range and only then frees the pages and emptied page tables.
 * exit_mmap() does the same for everything. do_brk() moves the end of the
 * heap VMA, the one that starts at mm->start_brk: growing extends it
 * (or makes it), shrinking unmaps the tail.
 *
 * Locking: the public calls take mm->mmap_lock (a mutex: they sleep in
 * the allocators); the __ forms expect it held.
 *
 * Where it differs from Linux: Linux keeps VMAs in a maple tree (an
 * rbtree before 6.1) for O(log n) lookups, and merges a new VMA with a
 * neighbour of the same flags (vma_merge); here the list is never merged,
 * only the brk VMA is extended in place, so map_count can be higher than
 * Linux's for the same calls. There is no RLIMIT, no MAP_NORESERVE
 * accounting and no vm_max_map_count. sys_mmap2() maps anonymous private
 * memory only: MAP_SHARED and file descriptors return -EINVAL (no page
 * cache, no shared anonymous memory); the ELF loader maps files with
 * mmap_region() directly, as private copies.
 */
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/slab.h>
#include "internal.h"

static struct kmem_cache *vm_area_cachep;

static struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	if (unlikely(!vm_area_cachep))
		vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct),
						   0, SLAB_PANIC, NULL);
	vma = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);
	if (!vma)
		return NULL;
	*vma = (struct vm_area_struct){ .vm_mm = mm };
	INIT_LIST_HEAD(&vma->vm_list);
	return vma;
}

static void vm_area_free(struct vm_area_struct *vma)
{
	kmem_cache_free(vm_area_cachep, vma);
}

static unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_end > addr)
			return vma;
	return NULL;
}

/* The VMA below @vma, or NULL. */
static struct vm_area_struct *vma_prev(struct vm_area_struct *vma)
{
	if (vma->vm_list.prev == &vma->vm_mm->mmap)
		return NULL;
	return list_prev_entry(vma, vm_list);
}

/* Does any VMA of @mm overlap [start, end)? */
static bool range_in_use(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end;
}

/* Put @vma into @mm's list at its place by address (it overlaps nothing). */
static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);

	VM_BUG_ON(next && next->vm_start < vma->vm_end);
	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
	mm->map_count++;
	mm->total_vm += vma_pages(vma);
}

static void vma_unlink_free(struct mm_struct *mm, struct vm_area_struct *vma)
{
	list_del(&vma->vm_list);
	mm->map_count--;
	mm->total_vm -= vma_pages(vma);
	vm_area_free(vma);
}

/*
 * split_vma - cut @vma at @addr (vm_start < addr < vm_end): @vma keeps
 * [vm_start, addr), a new VMA after it gets [addr, vm_end), its file
 * offset moved on by the pages in between. The page tables are
 * untouched: a PTE belongs to whichever VMA covers its address.
 * Return: 0 or -ENOMEM.
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *new = vm_area_alloc(mm);

	if (!new)
		return -ENOMEM;
	*new = *vma;
	new->vm_start = addr;
	new->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	vma->vm_end = addr;
	list_add(&new->vm_list, &vma->vm_list);
	mm->map_count++;		/* total_vm unchanged */
	return 0;
}

/* Split the VMAs straddling @start or @end so [start, end) is whole VMAs. */
static int split_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && vma->vm_start < start && vma->vm_end > start &&
	    split_vma(mm, vma, start))
		return -ENOMEM;
	vma = find_vma(mm, end);
	if (vma && vma->vm_start < end && split_vma(mm, vma, end))
		return -ENOMEM;
	return 0;
}

long __do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	struct vm_area_struct *vma, *next;
	struct mmu_gather tlb;
	unsigned long end;

	if ((start & ~PAGE_MASK) || start >= PAGE_OFFSET || !len)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || len > PAGE_OFFSET - start)
		return -EINVAL;
	end = start + len;
	if (!range_in_use(mm, start, end))
		return 0;
	if (split_range(mm, start, end))
		return -ENOMEM;
	tlb_gather_mmu(&tlb, mm);
	vma = find_vma(mm, start);
	while (&vma->vm_list != &mm->mmap && vma->vm_start < end) {
		next = list_next_entry(vma, vm_list);
		zap_page_range(&tlb, vma, vma->vm_start, vma->vm_end);
		vma_unlink_free(mm, vma);
		vma = next;
	}
	tlb_finish_mmu(&tlb);
	return 0;
}

long do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	long ret;

	mutex_lock(&mm->mmap_lock);
	ret = __do_munmap(mm, start, len);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

static unsigned long mm_mmap_base(struct mm_struct *mm)
{
	return mm->mmap_base ? mm->mmap_base : STACK_TOP - STACK_RLIMIT - STACK_GUARD_GAP;
}

/*
 * The highest gap of @len bytes below mmap_base (Linux's top-down
 * unmapped_area_topdown): walk the VMAs from the top, lowering the
 * ceiling to each one's start. Return: the address or -ENOMEM.
 */
static unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long high = mm_mmap_base(mm);
	struct vm_area_struct *vma;

	list_for_each_entry_reverse(vma, &mm->mmap, vm_list) {
		if (vma->vm_start >= high)
			continue;
		if (vma->vm_end <= high && high - vma->vm_end >= len)
			return high - len;
		high = vma->vm_start;
	}
	if (high >= MMAP_MIN_ADDR && high - MMAP_MIN_ADDR >= len)
		return high - len;
	return (unsigned long)-ENOMEM;
}

static unsigned long __mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
				   unsigned long vm_flags, const struct ramfs_inode *file,
				   unsigned long pgoff, bool fixed)
{
	struct vm_area_struct *vma;

	if (fixed && (addr & ~PAGE_MASK))
		return (unsigned long)-EINVAL;
	if (!fixed)
		addr = PAGE_ALIGN(addr);	/* a hint is rounded up, as Linux */
	if (fixed) {
		if (addr < MMAP_MIN_ADDR)
			return (unsigned long)-EPERM;	/* Linux: mmap_min_addr's security check */
		if (len > PAGE_OFFSET - addr)
			return (unsigned long)-ENOMEM;
		if (__do_munmap(mm, addr, len))
			return (unsigned long)-ENOMEM;
	} else if (!addr || addr < MMAP_MIN_ADDR || len > PAGE_OFFSET - addr ||
		   range_in_use(mm, addr, addr + len)) {
		addr = get_unmapped_area(mm, len);	/* the hint is only a hint */
		if (IS_ERR_VALUE(addr))
			return addr;
	}
	vma = vm_area_alloc(mm);
	if (!vma)
		return (unsigned long)-ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = (vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_GROWSDOWN)) |
			VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	vma->vm_file = file;
	vma->vm_pgoff = pgoff;
	vma_link(mm, vma);
	return addr;
}

unsigned long mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
			  unsigned long vm_flags, const struct ramfs_inode *file,
			  unsigned long pgoff, bool fixed)
{
	unsigned long ret;

	if (!len || len > PAGE_OFFSET)
		return (unsigned long)-EINVAL;
	len = PAGE_ALIGN(len);
	mutex_lock(&mm->mmap_lock);
	ret = __mmap_region(mm, addr, len, vm_flags, file, pgoff, fixed);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct vm_area_struct *prev = vma_prev(vma);
	unsigned long grow;

	address &= PAGE_MASK;
	if (!(vma->vm_flags & VM_GROWSDOWN) || address >= vma->vm_start)
		return address >= vma->vm_start ? 0 : -ENOMEM;
	if (vma->vm_end - address > STACK_RLIMIT || address < MMAP_MIN_ADDR)
		return -ENOMEM;
	/* Linux's stack_guard_gap: keep 1 MiB (256 pages) from the VMA below */
	if (prev && (prev->vm_end > address || address - prev->vm_end < STACK_GUARD_GAP))
		return -ENOMEM;
	grow = (vma->vm_start - address) >> PAGE_SHIFT;
	vma->vm_start = address;
	vma->vm_pgoff -= grow;
	vma->vm_mm->total_vm += grow;
	return 0;
}

/*
 * The heap VMA: the one that starts at start_brk (page aligned). Return:
 * it, or NULL when the heap is empty.
 */
static struct vm_area_struct *brk_vma(struct mm_struct *mm)
{
	struct vm_area_struct *vma = find_vma(mm, PAGE_ALIGN(mm->start_brk));

	if (vma && vma->vm_start == PAGE_ALIGN(mm->start_brk) && !vma->vm_file)
		return vma;
	return NULL;
}

unsigned long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long newbrk, oldbrk, ret;
	struct vm_area_struct *vma;

	mutex_lock(&mm->mmap_lock);
	ret = mm->brk;
	if (brk < mm->start_brk || brk >= PAGE_OFFSET)
		goto out;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (newbrk < oldbrk) {
		if (__do_munmap(mm, newbrk, oldbrk - newbrk))
			goto out;
	} else if (newbrk > oldbrk) {
		/* Linux leaves a page between the heap and the next mapping */
		if (newbrk > PAGE_OFFSET - PAGE_SIZE || range_in_use(mm, oldbrk, newbrk + PAGE_SIZE))
			goto out;
		vma = brk_vma(mm);
		if (vma && vma->vm_end == oldbrk) {
			vma->vm_end = newbrk;
			mm->total_vm += (newbrk - oldbrk) >> PAGE_SHIFT;
		} else if (IS_ERR_VALUE(__mmap_region(mm, oldbrk, newbrk - oldbrk,
						       VM_READ | VM_WRITE, NULL, 0, false))) {
			goto out;
		}
	}
	mm->brk = ret = brk;
out:
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *vma, *new;
	unsigned long wrprotected = 0;
	int ret = 0;

	mutex_lock(&oldmm->mmap_lock);
	mm->mmap_base = oldmm->mmap_base;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	list_for_each_entry(vma, &oldmm->mmap, vm_list) {
		new = vm_area_alloc(mm);
		if (!new) {
			ret = -ENOMEM;
			break;
		}
		*new = *vma;
		new->vm_mm = mm;
		list_add_tail(&new->vm_list, &mm->mmap);	/* in order: oldmm's is */
		mm->map_count++;
		mm->total_vm += vma_pages(new);
		ret = copy_page_range(mm, vma, &wrprotected);
		if (ret)
			break;
	}
	/*
	 * The parent's TLB may still hold writable entries for the pages just
	 * write-protected: one flush of the user range (a CR3 reload).
	 */
	if (wrprotected)
		flush_tlb_mm_range(oldmm, 0, PAGE_OFFSET);
	mutex_unlock(&oldmm->mmap_lock);
	return ret;
}

void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;
	struct mmu_gather tlb;

	mutex_lock(&mm->mmap_lock);
	tlb_gather_mmu(&tlb, mm);
	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		zap_page_range(&tlb, vma, vma->vm_start, vma->vm_end);
		vma_unlink_free(mm, vma);
	}
	/* the zaps freed every table they emptied: only a failed fault's are left */
	if (unlikely(mm->pgtables_bytes))
		free_pgtables(&tlb, mm);
	tlb_finish_mmu(&tlb);
	if (unlikely(mm->map_count || mm->total_vm || mm->rss_anon || mm->rss_file ||
		     mm->pgtables_bytes)) {
		/* a counter that missed an update somewhere: /proc would have lied */
		printk(KERN_EMERG "BUG: exit_mmap: counters not back to 0: map_count %d total_vm %lu "
		       "rss_anon %lu rss_file %lu pgtables_bytes %lu\n", mm->map_count, mm->total_vm,
		       mm->rss_anon, mm->rss_file, mm->pgtables_bytes);
		BUG();
	}
	mutex_unlock(&mm->mmap_lock);
}

/* --- the system calls (Linux's arch/x86 and mm/mmap.c entry points) -------- */

long sys_brk(unsigned long brk)
{
	return (long)do_brk(current->mm, brk);
}

long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	unsigned long vm_flags = 0;

	(void)fd;
	(void)pgoff;
	if (!len)
		return -EINVAL;
	if (len > PAGE_OFFSET)
		return -ENOMEM;
	if ((flags & (MAP_SHARED | MAP_PRIVATE)) != MAP_PRIVATE || !(flags & MAP_ANONYMOUS))
		return -EINVAL;		/* no shared memory, no files: the essay says why */
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (prot & PROT_READ)
		vm_flags |= VM_READ;
	if (prot & PROT_WRITE)
		vm_flags |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm_flags |= VM_EXEC;
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	return (long)mmap_region(current->mm, addr, len, vm_flags, NULL, 0, flags & MAP_FIXED);
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	return do_munmap(current->mm, addr, len);
}
