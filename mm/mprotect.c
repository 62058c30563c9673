// SPDX-License-Identifier: MIT
/*
 * How this works: mprotect(), changing the permissions of a range of a
 * process's user half.
 *
 * The range must be covered by VMAs with no hole (else -ENOMEM, as
 * Linux). The VMAs straddling either end are split (mm/mmap.c's
 * split_vma) so that the range is whole VMAs; each gets the new
 * VM_READ/WRITE/EXEC bits, and change_protection() (mm/user_pgtable.c)
 * rewrites the PTEs of its resident pages: read-only or writable, NX or
 * not, or PROT_NONE (present bit clear, _PAGE_PROTNONE set, the page
 * kept). A page shared copy-on-write (count above 1) stays read-only
 * even in a range made writable, so its next write still copies. One
 * TLB flush for the range at the end.
 *
 * Where it differs from Linux: Linux checks VM_MAY* (a read-only file
 * opened O_RDONLY cannot become writable); every mapping here is private,
 * so every VMA has all three. Linux merges the VMAs it split back with
 * equal neighbours (vma_merge); here they stay split, so map_count only
 * grows. PROT_GROWSDOWN/PROT_GROWSUP are refused (-EINVAL).
 */
#include <asm/tlbflush.h>
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include "internal.h"

static long __do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long end,
			  unsigned long newbits)
{
	struct vm_area_struct *vma;
	unsigned long addr = start;

	/* first: the range must be mapped throughout */
	vma = find_vma(mm, start);
	if (!vma)
		return -ENOMEM;
	for (; addr < end; vma = list_next_entry(vma, vm_list)) {
		if (&vma->vm_list == &mm->mmap || vma->vm_start > addr)
			return -ENOMEM;
		addr = vma->vm_end;
	}
	/* split at both ends, so that [start, end) is whole VMAs */
	vma = find_vma(mm, start);
	if (vma->vm_start < start && split_vma(mm, vma, start))
		return -ENOMEM;
	vma = find_vma(mm, end - 1);
	if (vma->vm_end > end && split_vma(mm, vma, end))
		return -ENOMEM;
	for (vma = find_vma(mm, start); &vma->vm_list != &mm->mmap && vma->vm_start < end;
	     vma = list_next_entry(vma, vm_list)) {
		unsigned long newflags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | newbits;

		if (newflags == vma->vm_flags)
			continue;
		vma->vm_flags = newflags;
		change_protection(vma, vma->vm_start, vma->vm_end, newflags);
	}
	flush_tlb_mm_range(mm, start, end);
	return 0;
}

long do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		 unsigned long prot)
{
	unsigned long newbits = 0, end;
	long ret;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	if (!len || start >= PAGE_OFFSET || len > PAGE_OFFSET - start)
		return -ENOMEM;
	end = start + len;
	if (prot & PROT_READ)
		newbits |= VM_READ;
	if (prot & PROT_WRITE)
		newbits |= VM_WRITE;
	if (prot & PROT_EXEC)
		newbits |= VM_EXEC;
	mutex_lock(&mm->mmap_lock);
	ret = __do_mprotect(mm, start, end, newbits);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	return do_mprotect(current->mm, start, len, prot);
}
