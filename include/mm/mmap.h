/* SPDX-License-Identifier: MIT */
/*
 * A process's user half: VMAs, demand paging, copy-on-write fork, and
 * their teardown (mm/mmap.c, mm/mprotect.c, mm/user_fault.c,
 * mm/user_pgtable.c). Every function here takes the mm's mmap_lock itself
 * unless it says "mmap_lock held".
 *
 * User pages come from GFP_HIGHUSER (highmem first) and are zeroed or
 * copied through kmap_local (clear_user_highpage, copy_user_highpage);
 * the page tables that map them come from lowmem, or from highmem with
 * the `highpte` boot option (pte_offset_map()/pte_unmap()).
 */
#ifndef _MM_MMAP_H
#define _MM_MMAP_H

#include <kernel/types.h>
#include <mm/mm_types.h>

struct pt_regs;

/*
 * A negative errno returned as an unsigned long (mmap_region(), as
 * Linux's mmap does): the top 4095 values, never a page-aligned address.
 */
#include <kernel/err.h>	/* IS_ERR_VALUE() */

/* vm_flags: Linux's values. */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_GROWSDOWN	0x00000100UL	/* the stack: grows down on a fault below it */

/* mmap/mprotect prot and flags: Linux's values (asm-generic/mman-common.h). */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_GROWSDOWN	0x0100
#define MAP_FAILED	((unsigned long)-1)

/* The user stack: the top page of user space is left unmapped as a guard. */
#define STACK_TOP		(PAGE_OFFSET - PAGE_SIZE)
#define STACK_RLIMIT		(8UL << 20)	/* 8 MiB, Linux's default RLIMIT_STACK */
#define STACK_GUARD_GAP		(256UL * PAGE_SIZE)	/* Linux's stack_guard_gap */
/* Lowest address a mapping may have (Linux's mmap_min_addr default). */
#define MMAP_MIN_ADDR		0x10000UL

/* handle_mm_fault() flags. */
#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_USER		0x02	/* the CPU was in ring 3 */
#define FAULT_FLAG_INSTRUCTION	0x04

/* handle_mm_fault() results: 0 when the page is now mapped, else one of these. */
#define VM_FAULT_OOM		0x0001
#define VM_FAULT_SIGSEGV	0x0040

/**
 * find_vma - the first VMA of @mm that ends above @addr
 * @mm: the address space (mmap_lock held)
 * @addr: a user address
 *
 * Context: process context, mmap_lock held.
 * Return: the VMA containing @addr, or the next one above it, or NULL.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);

/**
 * mmap_region - map [@addr, @addr + @len) in @mm
 * @mm: the address space (mmap_lock not held)
 * @addr: page-aligned address, or 0 to let the kernel choose (top-down
 *        below mm->mmap_base)
 * @len: bytes, rounded up to pages
 * @vm_flags: VM_READ/WRITE/EXEC/GROWSDOWN (the VM_MAY* are added)
 * @file: an initramfs file to map privately, or NULL for anonymous memory
 * @pgoff: the file offset of @addr, in pages
 * @fixed: MAP_FIXED: replace whatever is mapped in the range
 *
 * Nothing is allocated for the pages: they are faulted in on first touch.
 * Context: process context (sleeps).
 * Return: the start address, or a negative errno (-ENOMEM: no room or no
 * memory for the VMA; -EINVAL: bad range) cast to unsigned long.
 */
unsigned long mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
			  unsigned long vm_flags, const struct ramfs_inode *file,
			  unsigned long pgoff, bool fixed);

/**
 * do_munmap - unmap [@start, @start + @len) of @mm, splitting VMAs
 * @mm: the address space (mmap_lock not held)
 * @start: page aligned
 * @len: bytes, rounded up to pages
 *
 * Every page in the range is unmapped and its reference dropped; page
 * tables left empty are freed; the TLB entries are flushed.
 * Context: process context (sleeps).
 * Return: 0, or -EINVAL for an unaligned or out-of-range request.
 */
long do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);

/**
 * do_mprotect - change the permissions of [@start, @start + @len)
 * @mm: the address space
 * @start: page aligned
 * @len: bytes
 * @prot: PROT_* bits
 *
 * Context: process context (sleeps).
 * Return: 0, -ENOMEM if part of the range is unmapped, -EINVAL if unaligned.
 */
long do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		 unsigned long prot);

/**
 * do_brk - sys_brk(): move the heap end of @mm to @brk
 * @mm: the address space
 * @brk: the requested end; 0 or below start_brk asks for the current one
 *
 * Shrinking unmaps (and frees) the pages past the new end.
 * Context: process context (sleeps).
 * Return: the new brk, or the old one if the request could not be met.
 */
unsigned long do_brk(struct mm_struct *mm, unsigned long brk);

/**
 * handle_mm_fault - make the page at @address present in @vma
 * @vma: the VMA containing @address (mmap_lock held)
 * @address: the faulting user address
 * @flags: FAULT_FLAG_*
 *
 * Not present: anonymous memory gets a zeroed GFP_HIGHUSER page, a file
 * mapping a page copied from the file; a write to a present read-only
 * page of a writable VMA is copy-on-write (or just made writable when the
 * page has one reference). The caller has checked @flags against
 * vma->vm_flags.
 * Context: process context, mmap_lock held (sleeps in the allocator).
 * Return: 0, VM_FAULT_OOM, or VM_FAULT_SIGSEGV.
 */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags);

/**
 * expand_stack - grow the VM_GROWSDOWN @vma down to cover @address
 * @vma: the stack VMA above @address (mmap_lock held)
 * @address: the faulting address below vma->vm_start
 *
 * Context: process context, mmap_lock held.
 * Return: 0, or -ENOMEM past STACK_RLIMIT or into the guard gap of the VMA below.
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address);

/**
 * dup_mmap - give @mm (new, empty) a copy-on-write copy of @oldmm's user half
 * @mm: the child's address space, from mm_alloc()
 * @oldmm: the parent's
 *
 * Every VMA is copied; every present page is mapped in both, write-protected
 * in both when the VMA is writable, with its reference count raised. The
 * parent's TLB is flushed for the pages write-protected.
 * Context: process context (sleeps).
 * Return: 0, or -ENOMEM (the child's half is then torn down by exit_mmap()).
 */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);

/**
 * exit_mmap - free every VMA, page and user page table of @mm
 * @mm: the address space, with no users left (not loaded on this CPU, or
 *      loaded but about to be left: the caller switches away)
 *
 * Context: process context.
 */
void exit_mmap(struct mm_struct *mm);

/**
 * follow_pfn_user - the frame mapped at @addr in @mm, for /proc/PID/pagemap
 * @mm: the address space (mmap_lock held)
 * @addr: a user address
 * @pfn: set to the page frame number when present
 * @writable: set to whether the PTE is writable (may be NULL)
 *
 * Context: process context, mmap_lock held.
 * Return: true if a page is present at @addr.
 */
bool follow_pfn_user(struct mm_struct *mm, unsigned long addr, unsigned long *pfn,
		     bool *writable);

/**
 * do_user_addr_fault - the page-fault path for a user address
 * @regs: the faulting frame
 * @error_code: the CPU's #PF error code (X86_PF_*)
 * @address: CR2
 *
 * Finds the VMA (growing the stack), checks the access against its
 * flags and calls handle_mm_fault(). When nothing can map the page:
 * a fault from ring 3 gets force_sig_fault_segv() (the process ends, with
 * Linux's "segfault at" line); a kernel access (copy_to_user) returns false
 * so the caller tries the exception table. VM_FAULT_OOM calls
 * pagefault_out_of_memory().
 * Context: the page-fault handler, interrupts on, not atomic.
 * Return: true if the fault is handled (the access can be retried, or the
 * task has been killed), false if the kernel must fix up or oops.
 */
bool do_user_addr_fault(struct pt_regs *regs, unsigned long error_code, unsigned long address);

/* The `highpte` boot option: user page tables from highmem (Linux's CONFIG_HIGHPTE). */
extern bool highpte_enabled;

/*
 * User page-table pages in use, every mm together (Linux's NR_PAGETABLE,
 * /proc/meminfo's PageTables, in pages). Each mm's share is its
 * pgtables_bytes. Read under no lock: a snapshot.
 */
extern unsigned long nr_pagetable_pages;

#endif
