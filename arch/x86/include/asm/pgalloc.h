/* SPDX-License-Identifier: MIT */
/*
 * Page directories for address spaces other than init_mm
 * (arch/x86/mm/pgd.c explains how they are built).
 */
#ifndef _ASM_X86_PGALLOC_H
#define _ASM_X86_PGALLOC_H

#include <asm/pgtable.h>
#include <kernel/list.h>
#include <kernel/spinlock.h>

/*
 * The first pgd entry of the kernel half, and how many follow: 768 and
 * 256 for the 3G/1G split without PAE (2G: 512/512, 1G: 256/768); with
 * PAE 3 and 1 (2G: 2/2, 1G: 1/3).
 */
#define KERNEL_PGD_BOUNDARY	pgd_index(PAGE_OFFSET)
#define KERNEL_PGD_PTRS		(PTRS_PER_PGD - KERNEL_PGD_BOUNDARY)

/* Every page directory but swapper_pg_dir, linked by mm->pgd_list. */
extern struct list_head pgd_list;
extern spinlock_t pgd_lock;

/**
 * pgd_alloc - a page directory for @mm, its kernel half that of swapper_pg_dir.
 * @mm: the address space; its pgd is set and it joins pgd_list.
 *
 * Without PAE a zeroed lowmem page whose entries from KERNEL_PGD_BOUNDARY
 * on are copies of swapper_pg_dir's; with PAE a 32-byte PDPT from
 * pgd_cache (lowmem, so below 4 GiB) whose kernel entries point at the
 * kernel's shared page directories and whose user entries at new, zeroed
 * ones.
 *
 * Context: process context (GFP_KERNEL); takes pgd_lock.
 * Return: the page directory, or NULL (nothing allocated) when memory ran out.
 */
pgd_t *pgd_alloc(struct mm_struct *mm);

/**
 * pgd_free - give back a page directory from pgd_alloc() and its user PMDs.
 * @mm: the address space it belongs to; leaves pgd_list.
 * @pgd: mm->pgd. It must not be in CR3 on any CPU.
 *
 * Context: any that may take pgd_lock (interrupts are saved and restored).
 */
void pgd_free(struct mm_struct *mm, pgd_t *pgd);

/**
 * check_kernel_pgd - compare the kernel half of @mm's page directory with swapper_pg_dir.
 * @mm: an address space from mm_alloc() (init_mm trivially matches).
 *
 * Each entry from KERNEL_PGD_BOUNDARY on must equal swapper_pg_dir's:
 * without PAE the same page-table pointer (PDE), with PAE the same shared
 * PMD page (PDPT entry). Every difference is logged ("check_kernel_pgd:").
 *
 * Context: any; takes pgd_lock. Built in DEBUG_VM builds only.
 * Return: the number of entries that differ; 0 when DEBUG_VM is off.
 */
unsigned int check_kernel_pgd(struct mm_struct *mm);

/**
 * check_all_kernel_pgds - check_kernel_pgd() over every directory on pgd_list.
 *
 * As check_kernel_pgd(), one "check_kernel_pgd:" line per differing
 * entry, with its reason (missing, stale); but with vmalloc_fault() on
 * (vmalloc_sync=fault or both, no PAE) an entry missing from a copy in
 * the range the fault path fills in is the lazy scheme working, not a
 * mismatch. Run at every pgd_free() and at the end of boot.
 *
 * Context: any that may take pgd_lock. Built in DEBUG_VM builds only.
 * Return: the number of mismatches; 0 when DEBUG_VM is off.
 */
unsigned int check_all_kernel_pgds(void);

#endif
