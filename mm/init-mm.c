// SPDX-License-Identifier: MIT
/*
 * init_mm: the kernel's address space. Its page directory is
 * swapper_pg_dir, which head.asm builds and paging_init() completes; the
 * kernel half of it (PAGE_OFFSET up) is what every later page directory
 * shares. Kernel code reaches it through pgd_offset_k(addr), which is
 * pgd_offset(&init_mm, addr), and writes its entries only through
 * kernel_pmd_populate()/kernel_pmd_clear() (arch/x86/mm/pgtable.c).
 * It is never freed: its counts start where no mmdrop() can take them
 * to 0, and swapper_pg_dir is not on pgd_list (it is the list's source).
 */
#include <asm/pgtable.h>
#include <mm/mm_types.h>

struct mm_struct init_mm = {
	.pgd		= swapper_pg_dir,
	.mm_users	= 2,		/* as Linux's: never reaches 0 */
	.mm_count	= 1,
	.pgd_list	= LIST_HEAD_INIT(init_mm.pgd_list),	/* not on pgd_list */
	.mmap		= LIST_HEAD_INIT(init_mm.mmap),		/* no user half */
	.mmap_lock	= __MUTEX_INITIALIZER(init_mm.mmap_lock),
	.cpu_bitmap	= 1,		/* CPU 0 boots on swapper_pg_dir */
};
