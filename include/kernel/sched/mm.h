/* SPDX-License-Identifier: MIT */
/*
 * Address spaces and their two reference counts (include/mm/mm_types.h
 * says what each counts): mm_alloc() makes one with one user, whose page
 * directory pgd_alloc() builds; mmgrab()/mmdrop() hold the struct and its
 * page directory, mmget()/mmput() the use of it.
 */
#ifndef _KERNEL_SCHED_MM_H
#define _KERNEL_SCHED_MM_H

#include <kernel/compiler.h>
#include <mm/mm_types.h>
#include <mm/mmap.h>

/**
 * mm_alloc - a new address space: an empty user half, the kernel's half.
 *
 * Context: process context (GFP_KERNEL).
 * Return: the mm with mm_users and mm_count 1, or NULL when memory ran out.
 */
struct mm_struct *mm_alloc(void);

/* How many mms exist now (kernel/fork.c). */
extern int nr_mms;

/* The last mmdrop(): frees the page directory and the struct. */
void __mmdrop(struct mm_struct *mm);

/**
 * mmgrab - hold @mm's struct and page directory (not its user mappings).
 * @mm: the address space.
 *
 * Context: any.
 */
static inline void mmgrab(struct mm_struct *mm)
{
	__atomic_add_fetch(&mm->mm_count, 1, __ATOMIC_SEQ_CST);
}

/**
 * mmdrop - drop a reference from mmgrab() or mm_alloc()'s users; the last frees @mm.
 * @mm: the address space; it must be in no CPU's CR3 when the last goes.
 *
 * Context: process context or interrupts on (pgd_free() frees pages).
 */
static inline void mmdrop(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_count, 1, __ATOMIC_SEQ_CST) == 0)
		__mmdrop(mm);
}

/**
 * mmget - one more user of @mm.
 * @mm: the address space, with a user already.
 *
 * Context: any.
 */
static inline void mmget(struct mm_struct *mm)
{
	__atomic_add_fetch(&mm->mm_users, 1, __ATOMIC_SEQ_CST);
}

/**
 * mmget_not_zero - one more user of @mm, unless it has none left
 * @mm: an address space held by mmgrab()
 *
 * Context: any.
 * Return: true if a user was added (drop it with mmput()); false if the
 * user half is gone or going (exit_mmap() has run or is running).
 */
static inline bool mmget_not_zero(struct mm_struct *mm)
{
	int users = __atomic_load_n(&mm->mm_users, __ATOMIC_SEQ_CST);

	while (users)
		if (__atomic_compare_exchange_n(&mm->mm_users, &users, users + 1, false,
						__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return true;
	return false;
}

/**
 * mmput - drop a user of @mm; the last one tears the user half down
 * (exit_mmap(): every VMA, page and user page table) and drops the
 * users' mm_count, as Linux's mmput().
 * @mm: the address space.
 *
 * Context: process context (exit_mmap() takes the mmap_lock).
 */
static inline void mmput(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_users, 1, __ATOMIC_SEQ_CST) == 0) {
		exit_mmap(mm);
		mmdrop(mm);
	}
}

/**
 * kthread_use_mm - make the calling kernel thread run on @mm.
 * @mm: an address space from mm_alloc(); held (mmgrab) until kthread_unuse_mm().
 *
 * Sets current->active_mm and loads CR3 (switch_mm) with preemption off,
 * so from here on every switch back to this thread reloads @mm.
 *
 * Context: a kernel thread on init_mm, process context.
 */
void kthread_use_mm(struct mm_struct *mm);

/**
 * kthread_unuse_mm - back to init_mm after kthread_use_mm(@mm).
 * @mm: the mm the thread is on; its reference is dropped.
 *
 * Context: process context, after kthread_use_mm(@mm).
 */
void kthread_unuse_mm(struct mm_struct *mm);

#endif
