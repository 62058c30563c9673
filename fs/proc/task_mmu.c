// SPDX-License-Identifier: MIT
/*
 * How this works: a process's address space as /proc shows it
 * (Linux's fs/proc/task_mmu.c): maps, pagemap, and status's Vm* lines.
 *
 * All three walk mm->mmap (the VMAs, sorted, disjoint) under the mm's
 * mmap_lock, so no VMA is split or freed under them.
 *
 * maps: one line per VMA, Linux's show_map_vma():
 *
 *   08048000-08049000 r-xp 00000000 00:01 12         /bin/init
 *   0804a000-0804c000 rw-p 00000000 00:00 0          [heap]
 *   b7f00000-b7f02000 rw-p 00000000 00:00 0
 *   bffdf000-bffff000 rw-p 00000000 00:00 0          [stack]
 *
 * start-end in 8 hex digits, rwx and p (private) or s (shared), the file
 * offset (vm_pgoff << 12; 0 for anonymous memory), the device (00:01
 * stands for the initramfs here; 00:00 anonymous), the inode, then the
 * fixed part padded to 48 columns (25 + 6 * sizeof(void *) - 1) and the
 * name: the file's path, [heap] for the VMA that holds start_brk..brk,
 * [stack] for the one that holds start_stack, else nothing.
 *
 * pagemap: 8 bytes per virtual page, at offset (vaddr / 4096) * 8,
 * little-endian:
 *
 *   bit 63 present          bits 0-54 the page frame number (when present)
 *   bit 61 file page        bit 56 exclusively mapped (page_count() == 1)
 *   bit 55 soft-dirty       (every page of a VMA: no clear_refs here, so
 *                           all stay "dirty since the VMA was made", as
 *                           Linux's VM_SOFTDIRTY new VMAs do)
 *
 * It is not a seq_file: a read at f_pos makes only the entries asked for,
 * 64 at a time into a stack buffer, under mmap_lock; the lock is dropped
 * before each copy to the user, whose page fault may need the same lock
 * (a process reading its own pagemap). Offsets and counts must be
 * multiples of 8 (-EINVAL, as Linux); past the user half (PAGE_OFFSET)
 * read returns 0. The PFN is what follow_pfn_user() finds in the page
 * table, highmem frames included.
 *
 * status: task_mem(), Linux's: VmPeak and VmSize (total_vm), VmHWM and
 * VmRSS (hiwater_rss, rss_anon + rss_file), RssAnon/RssFile, VmData
 * (private writable, not stack), VmStk (VM_GROWSDOWN), VmExe (end_code -
 * start_code, capped by executable VMAs), VmLib (the executable rest),
 * VmPTE (pgtables_bytes), each "%8lu kB".
 *
 * Where it differs from Linux: Linux hides PFNs from readers without
 * CAP_SYS_ADMIN (they read 0 there); here every reader sees them, which
 * is the point of a teaching kernel. Bit 61 is set for pages of file
 * VMAs that are mapped read-only (in Linux, the page-cache pages; a
 * private page written once becomes anonymous, which here means its PTE
 * is writable). No swap entries (bit 62), no uffd-wp (57). VmPeak is
 * total_vm (no hiwater_vm is kept). No smaps.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/initramfs.h>
#include <kernel/mutex.h>
#include <kernel/proc_fs.h>
#include <kernel/sched/mm.h>
#include <kernel/seq_file.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/mmap.h>

#define PM_ENTRY_BYTES	8
#define PAGEMAP_BATCH	64

static const char *vma_name(const struct vm_area_struct *vma)
{
	const struct mm_struct *mm = vma->vm_mm;

	if (vma->vm_file)
		return vma->vm_file->name;
	if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk && mm->start_brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

static void show_map_vma(struct seq_file *m, const struct vm_area_struct *vma)
{
	unsigned long long pgoff = vma->vm_file ? (unsigned long long)vma->vm_pgoff << PAGE_SHIFT : 0;
	const char *name = vma_name(vma);

	seq_setwidth(m, 25 + sizeof(void *) * 6 - 1);
	seq_put_hex_ll(m, NULL, vma->vm_start, 8);
	seq_put_hex_ll(m, "-", vma->vm_end, 8);
	seq_putc(m, ' ');
	seq_putc(m, vma->vm_flags & VM_READ ? 'r' : '-');
	seq_putc(m, vma->vm_flags & VM_WRITE ? 'w' : '-');
	seq_putc(m, vma->vm_flags & VM_EXEC ? 'x' : '-');
	seq_putc(m, vma->vm_flags & VM_SHARED ? 's' : 'p');
	seq_put_hex_ll(m, " ", pgoff, 8);
	seq_put_hex_ll(m, " ", 0, 2);
	seq_put_hex_ll(m, ":", vma->vm_file ? 1 : 0, 2);
	seq_printf(m, " %lu ", vma->vm_file ? vma->vm_file->ino : 0UL);
	if (name) {
		seq_pad(m, ' ');
		seq_puts(m, name);
	}
	seq_putc(m, '\n');
}

int proc_maps_show_mm(struct seq_file *m, struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap, vm_list)
		show_map_vma(m, vma);
	mutex_unlock(&mm->mmap_lock);
	return 0;
}

/* "VmPeak:\t    1234 kB": Linux's SEQ_PUT_DEC(). */
static void seq_put_kb(struct seq_file *m, const char *label, unsigned long pages)
{
	seq_put_decimal_ull_width(m, label, (unsigned long long)pages << (PAGE_SHIFT - 10), 8);
	seq_puts(m, " kB\n");
}

void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	unsigned long data = 0, stack = 0, exec = 0, text, lib, rss, hiwater;
	struct vm_area_struct *vma;

	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;

		if (vma->vm_flags & VM_GROWSDOWN)
			stack += pages;
		else if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			data += pages;
		else if ((vma->vm_flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			exec += pages;
	}
	rss = mm->rss_anon + mm->rss_file;
	hiwater = mm->hiwater_rss > rss ? mm->hiwater_rss : rss;
	text = (((mm->end_code + PAGE_SIZE - 1) & PAGE_MASK) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
	if (text > exec)
		text = exec;
	lib = exec - text;
	seq_put_kb(m, "VmPeak:\t", mm->total_vm);
	seq_put_kb(m, "VmSize:\t", mm->total_vm);
	seq_put_kb(m, "VmLck:\t", 0);
	seq_put_kb(m, "VmPin:\t", 0);
	seq_put_kb(m, "VmHWM:\t", hiwater);
	seq_put_kb(m, "VmRSS:\t", rss);
	seq_put_kb(m, "RssAnon:\t", mm->rss_anon);
	seq_put_kb(m, "RssFile:\t", mm->rss_file);
	seq_put_kb(m, "RssShmem:\t", 0);
	seq_put_kb(m, "VmData:\t", data);
	seq_put_kb(m, "VmStk:\t", stack);
	seq_put_kb(m, "VmExe:\t", text);
	seq_put_kb(m, "VmLib:\t", lib);
	seq_put_decimal_ull_width(m, "VmPTE:\t", mm->pgtables_bytes >> 10, 8);
	seq_puts(m, " kB\n");
	seq_put_kb(m, "VmSwap:\t", 0);
	seq_put_decimal_ull_width(m, "HugetlbPages:\t", 0, 8);
	seq_puts(m, " kB\n");
	mutex_unlock(&mm->mmap_lock);
}

/* --- pagemap ------------------------------------------------------------------ */

static u64 pagemap_entry(struct mm_struct *mm, const struct vm_area_struct *vma,
			 unsigned long addr)
{
	unsigned long pfn;
	bool writable = false;
	u64 e;

	if (!vma)
		return 0;
	e = PM_SOFT_DIRTY;
	if (!follow_pfn_user(mm, addr, &pfn, &writable))
		return e;
	e |= PM_PRESENT | ((u64)pfn & PM_PFRAME_MASK);
	if (vma->vm_file && !writable)
		e |= PM_FILE;
	if (pfn_valid(pfn) && page_count(pfn_to_page(pfn)) == 1)
		e |= PM_MMAP_EXCLUSIVE;
	return e;
}

static ssize_t pagemap_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct mm_struct *mm = iocb->ki_filp->private_data;
	u64 buf[PAGEMAP_BATCH];
	size_t done = 0;

	if ((iocb->ki_pos % PM_ENTRY_BYTES) || (iov_iter_count(to) % PM_ENTRY_BYTES))
		return -EINVAL;
	/* the file holds the struct (mmgrab); the pages only for the read (Linux's rule) */
	if (!mmget_not_zero(mm))
		return 0;			/* the process has exited: nothing to read */
	while (iov_iter_count(to)) {
		unsigned long long vpn = iocb->ki_pos / PM_ENTRY_BYTES;
		unsigned long addr;
		struct vm_area_struct *vma = NULL, *v;
		unsigned int i, n = iov_iter_count(to) / PM_ENTRY_BYTES;
		size_t copied;

		if (vpn >= (PAGE_OFFSET >> PAGE_SHIFT))
			break;				/* the end of the user half */
		if (n > PAGEMAP_BATCH)
			n = PAGEMAP_BATCH;
		if (n > (PAGE_OFFSET >> PAGE_SHIFT) - vpn)
			n = (PAGE_OFFSET >> PAGE_SHIFT) - vpn;
		addr = (unsigned long)vpn << PAGE_SHIFT;
		mutex_lock(&mm->mmap_lock);
		for (i = 0; i < n; i++, addr += PAGE_SIZE) {
			if (!vma || addr >= vma->vm_end) {
				vma = NULL;
				list_for_each_entry(v, &mm->mmap, vm_list) {
					if (addr < v->vm_end) {
						vma = v->vm_start <= addr ? v : NULL;
						break;
					}
				}
			}
			buf[i] = pagemap_entry(mm, vma, addr);
		}
		mutex_unlock(&mm->mmap_lock);
		copied = copy_to_iter(buf, n * PM_ENTRY_BYTES, to);
		done += copied;
		iocb->ki_pos += copied;
		if (copied < n * PM_ENTRY_BYTES) {
			if (!done) {
				mmput(mm);
				return -EFAULT;
			}
			break;
		}
	}
	mmput(mm);
	return done;
}

/* Linux's mem_lseek(): SEEK_SET and SEEK_CUR anywhere; no SEEK_END (the file has no size). */
static loff_t pagemap_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_END)
		return -EINVAL;
	return generic_file_llseek_size(file, offset, whence, 0x7fffffffffffffffLL, 0);
}

static int pagemap_release(struct file *file)
{
	mmdrop(file->private_data);
	return 0;
}

static const struct file_operations proc_pagemap_operations = {
	.read_iter = pagemap_read_iter,
	.llseek = pagemap_llseek,
	.release = pagemap_release,
};

struct file *proc_pagemap_open_mm(struct mm_struct *mm, int flags)
{
	struct file *f = alloc_file(&proc_pagemap_operations, flags);

	if (IS_ERR(f))
		return f;
	mmgrab(mm);			/* not mmget(): an open pagemap must not pin the pages */
	f->private_data = mm;
	f->f_mode |= FMODE_LSEEK;
	return f;
}
