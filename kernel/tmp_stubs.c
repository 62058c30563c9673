// TEMPORARY (branch proc): weak stand-ins until the mm and fs branches merge.
#include <kernel/fs.h>
#include <mm/mmap.h>
#include <asm/ptrace.h>
__weak struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr) { (void)mm; (void)addr; return NULL; }
__weak unsigned long mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
			  unsigned long vm_flags, const struct ramfs_inode *file,
			  unsigned long pgoff, bool fixed) { return (unsigned long)-12; }
__weak int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm) { return -12; }
__weak void exit_mmap(struct mm_struct *mm) { }
__weak struct files_struct *files_alloc_console(void) { return (void *)1; }
__weak struct files_struct *dup_fd(struct files_struct *old) { return old; }
__weak void put_files_struct(struct files_struct *files) { }
