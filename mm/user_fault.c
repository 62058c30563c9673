// SPDX-License-Identifier: MIT
/*
 * How this works: the page faults of user addresses -- demand paging and
 * copy-on-write. arch/x86/mm/fault.c's do_page_fault() sends every fault
 * below PAGE_OFFSET that may sleep here, with interrupts back on.
 *
 * do_user_addr_fault() takes the mm's mmap_lock, finds the VMA
 * (find_vma(); a fault just below a VM_GROWSDOWN VMA grows it,
 * expand_stack()), checks the access against the VMA's flags (a write
 * needs VM_WRITE, an instruction fetch VM_EXEC -- the CPU reports one
 * only with NX on --, anything at all one of the three: PROT_NONE is
 * refused) and calls handle_mm_fault(), which walks to the PTE
 * (allocating the page table) and:
 *
 *   not present, anonymous   alloc_page(GFP_HIGHUSER): highmem first; the
 *                            page is zeroed through kmap_local
 *                            (clear_user_highpage) and mapped, writable
 *                            if the VMA is: no TLB flush (x86 never
 *                            caches a not-present entry). rss_anon++.
 *   not present, file        the same page, filled instead with the
 *                            file's bytes at (addr - vm_start) +
 *                            vm_pgoff * PAGE_SIZE, zero past the end of
 *                            the file: a private copy. rss_file++.
 *   present, read-only, a    copy-on-write (do_wp_page): a page with one
 *   write in a VM_WRITE VMA  reference is just made writable; a shared
 *                            one is copied (copy_user_highpage, two
 *                            kmap_local slots) into a new page, which
 *                            replaces it in the PTE, and the old one's
 *                            reference is dropped. One invlpg: the old
 *                            read-only entry may be in the TLB.
 *
 * A bad access from ring 3 ends the process (force_sig_fault_segv(),
 * kernel/signal.c); from the kernel (a uaccess copy, or a test) it
 * returns false and do_page_fault() tries the exception table. Out of
 * memory from ring 3 calls the OOM killer and retries the access.
 *
 * Which mm: current->mm, the process's; a kernel thread that has none
 * but has adopted one with kthread_use_mm() faults on that one (its
 * active_mm), as in Linux, where kthread_use_mm() sets tsk->mm; a
 * kernel thread on init_mm has no user half, so its user-address faults
 * are all bad.
 *
 * Where it differs from Linux: Linux maps the shared zero page on a read
 * of untouched anonymous memory and allocates on the first write; here
 * every first touch allocates (one fault instead of two for the usual
 * read-then-write, at the price of memory for pages only read). A file
 * page is a copy made at fault time, not the page cache's page, so it is
 * writable at once in a writable VMA and counts as rss_file for its
 * life (Linux would count the COW copy as anonymous). Linux's OOM from a
 * kernel-mode access fixes up (-EFAULT), as here.
 */
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <kernel/initramfs.h>
#include "internal.h"

/* Fill a new page for @address of @vma: zeroes, or the file's bytes. */
static void fill_page(struct vm_area_struct *vma, struct page *page, unsigned long address)
{
	const struct ramfs_inode *file = vma->vm_file;
	unsigned long off, n = 0;
	u8 *kaddr;

	if (!file) {
		clear_user_highpage(page, address);
		return;
	}
	off = (address - vma->vm_start) + vma->vm_pgoff * PAGE_SIZE;
	if (off < file->size)
		n = min(file->size - off, PAGE_SIZE);
	kaddr = kmap_local_page(page);
	memcpy(kaddr, file->data + off, n);
	memset(kaddr + n, 0, PAGE_SIZE - n);
	kunmap_local(kaddr);
}

static int do_anonymous_page(struct vm_area_struct *vma, pte_t *pte, struct page *table,
			     unsigned long address)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	if (!page)
		return VM_FAULT_OOM;
	fill_page(vma, page, address);
	set_pte(pte, pfn_pte(page_to_pfn(page), __pgprot(vm_pte_flags(vma->vm_flags))));
	table->inuse++;
	mm_inc_rss(vma);
	return 0;
}

/*
 * A stale entry on this CPU only (Linux's flush_tlb_fix_spurious_fault):
 * the PTE already allows the access, the faulting CPU's TLB did not.
 */
static void flush_spurious_fault(unsigned long address)
{
	__flush_tlb_one(address);
	this_cpu_ptr(tlb_stats)->user_flush_one++;
}

/* A write to a present read-only page of a writable VMA. */
static int do_wp_page(struct vm_area_struct *vma, pte_t *pte, pte_t entry, unsigned long address)
{
	struct page *old = pfn_to_page(pte_pfn(entry)), *new;
	pteval_t prot = vm_pte_flags(vma->vm_flags);

	if (page_count(old) == 1) {
		/* the other side has gone (exited, or copied already): ours alone */
		set_pte_atomic(pte, pfn_pte(pte_pfn(entry), __pgprot(prot)));
		flush_tlb_page(vma, address);	/* every CPU with the mm loaded */
		return 0;
	}
	new = alloc_page(GFP_HIGHUSER);
	if (!new)
		return VM_FAULT_OOM;
	copy_user_highpage(new, old, address);
	set_pte_atomic(pte, pfn_pte(page_to_pfn(new), __pgprot(prot)));
	flush_tlb_page(vma, address);	/* every CPU with the mm loaded */
	put_page(old);
	return 0;
}

int handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t *pmd;
	pte_t *pte, entry;
	int ret = 0;

	address &= PAGE_MASK;
	pmd = user_pmd(mm, address);
	if (unlikely(!pmd_present(*pmd)) && user_pte_alloc(mm, pmd))
		return VM_FAULT_OOM;
	pte = pte_offset_map(pmd, address);
	entry = *pte;
	if (!user_pte_has_page(entry))
		ret = do_anonymous_page(vma, pte, pmd_table_page(*pmd), address);
	else if ((flags & FAULT_FLAG_WRITE) && !(pte_val(entry) & _PAGE_RW))
		ret = do_wp_page(vma, pte, entry, address);
	else if (!pte_present(entry))
		ret = VM_FAULT_SIGSEGV;		/* PROT_NONE: the caller's check missed it */
	else
		flush_spurious_fault(address);	/* a stale TLB entry, here */
	pte_unmap(pte);
	return ret;
}

/* Does the access in @error_code break @vma's permissions? (Linux's access_error) */
static bool access_error(unsigned long error_code, const struct vm_area_struct *vma)
{
	if (error_code & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (error_code & X86_PF_INSTR)
		return !(vma->vm_flags & VM_EXEC);
	if (error_code & X86_PF_PROT)
		return true;		/* a read of a present page: not ours to fix */
	return !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
}

/* The mm a fault of the current task is on (the essay: "Which mm"). */
static struct mm_struct *fault_mm(void)
{
	struct task_struct *tsk = current;

	if (tsk->mm)
		return tsk->mm;
	return tsk->active_mm != &init_mm ? tsk->active_mm : NULL;
}

bool do_user_addr_fault(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	struct mm_struct *mm = fault_mm();
	struct vm_area_struct *vma;
	unsigned int flags = 0;
	int fault;

	if (!mm || (error_code & X86_PF_RSVD))
		goto bad;
	if (error_code & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (error_code & X86_PF_USER)
		flags |= FAULT_FLAG_USER;
	if (error_code & X86_PF_INSTR)
		flags |= FAULT_FLAG_INSTRUCTION;
	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, address);
	if (unlikely(!vma))
		goto bad_unlock;
	if (unlikely(vma->vm_start > address) &&
	    (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, address)))
		goto bad_unlock;
	if (unlikely(access_error(error_code, vma)))
		goto bad_unlock;
	fault = handle_mm_fault(vma, address, flags);
	mutex_unlock(&mm->mmap_lock);
	if (likely(!fault))
		return true;
	if (fault & VM_FAULT_OOM) {
		if (!(error_code & X86_PF_USER))
			return false;		/* copy_to_user(): -EFAULT, as Linux */
		pagefault_out_of_memory();
		return true;
	}
	goto bad;
bad_unlock:
	mutex_unlock(&mm->mmap_lock);
bad:
	if (error_code & X86_PF_USER)
		force_sig_fault_segv(regs, address, error_code);
	return false;
}
