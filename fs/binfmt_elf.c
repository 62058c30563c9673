// SPDX-License-Identifier: MIT
/*
 * How this works: loading a static i386 ELF executable (for fs/exec.c).
 *
 * The file is an initramfs file, so its bytes are already in kernel
 * memory and the headers are read in place. Each PT_LOAD segment becomes
 * VMAs of the new mm, nothing more -- no page is read or allocated here:
 *
 *   [page_start(vaddr), page_end(vaddr + filesz))   a private mapping of
 *        the file from page_start(offset): the first touch of each page
 *        copies it from the archive (mm/mmap.h: vm_file)
 *   [page_end(vaddr + filesz), page_end(vaddr + memsz))   anonymous: the
 *        rest of the bss, zero-filled on demand
 *
 * The bss bytes that share the last file page ([vaddr + filesz, its page
 * end)) are zeroed by exec after the switch to the new mm (clear_user():
 * that page is copied from the file, whose next bytes are not zeros).
 * The heap starts at the page above the highest segment (mm->start_brk).
 *
 * Everything the loader relies on is checked first and a bad file gets
 * -ENOEXEC before the old program is touched: the magic, 32-bit
 * little-endian i386 ET_EXEC, a program header table inside the file,
 * each segment inside the file with offset and address congruent modulo
 * the page size, between MMAP_MIN_ADDR and the stack, filesz <= memsz.
 *
 * Where it differs from Linux: Linux's binfmt_elf also loads PIE and
 * dynamically linked programs (PT_INTERP: the dynamic linker), places
 * the heap and stack at random addresses, honours PT_GNU_STACK
 * (executable stacks) and maps the file pages straight from the page
 * cache; only static non-PIE executables run here, at fixed addresses.
 */
#include <kernel/err.h>
#include <kernel/errno.h>
#include <kernel/initramfs.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include "exec.h"

#define EI_NIDENT	16
#define ELFCLASS32	1
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_386		3
#define PT_LOAD		1
#define PT_INTERP	3
#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

struct elf32_hdr {
	u8 e_ident[EI_NIDENT];
	u16 e_type, e_machine;
	u32 e_version, e_entry, e_phoff, e_shoff, e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf32_phdr {
	u32 p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
};

/* The highest address a segment may reach: the stack's 8 MiB and gap stay free. */
#define ELF_TOP		(STACK_TOP - STACK_RLIMIT - STACK_GUARD_GAP)

static int elf_bad(struct linux_binprm *bprm, const char *why)
{
	pr_info("exec: %s: not a static i386 executable: %s\n", bprm->filename, why);
	return -ENOEXEC;
}

int elf_check(struct linux_binprm *bprm)
{
	const struct ramfs_inode *f = bprm->file;
	const struct elf32_hdr *eh = (const void *)f->data;
	const struct elf32_phdr *ph;

	if (f->size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4))
		return -ENOEXEC;		/* not ELF at all: no line, as Linux */
	if (eh->e_ident[4] != ELFCLASS32 || eh->e_ident[5] != ELFDATA2LSB)
		return elf_bad(bprm, "not 32-bit little-endian");
	if (eh->e_machine != EM_386)
		return elf_bad(bprm, "e_machine is not EM_386");
	if (eh->e_type == ET_DYN)
		return elf_bad(bprm, "a PIE or shared object (ET_DYN); only ET_EXEC loads");
	if (eh->e_type != ET_EXEC)
		return elf_bad(bprm, "e_type is not ET_EXEC");
	if (eh->e_phentsize != sizeof(*ph) || eh->e_phnum == 0 || eh->e_phnum > 64 ||
	    eh->e_phoff > f->size || eh->e_phnum * sizeof(*ph) > f->size - eh->e_phoff ||
	    (eh->e_phoff & 3))
		return elf_bad(bprm, "the program headers are not inside the file");
	ph = (const void *)(f->data + eh->e_phoff);
	bprm->entry = eh->e_entry;
	bprm->phdr_off = eh->e_phoff;
	bprm->phnum = eh->e_phnum;
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		const struct elf32_phdr *p = &ph[i];

		if (p->p_type == PT_INTERP)
			return elf_bad(bprm, "dynamically linked (PT_INTERP)");
		if (p->p_type != PT_LOAD)
			continue;
		if (p->p_filesz > p->p_memsz)
			return elf_bad(bprm, "a segment's filesz exceeds its memsz");
		if (p->p_offset > f->size || p->p_filesz > f->size - p->p_offset)
			return elf_bad(bprm, "a segment runs past the end of the file");
		if ((p->p_offset & ~PAGE_MASK) != (p->p_vaddr & ~PAGE_MASK))
			return elf_bad(bprm, "a segment's offset and address differ modulo the page size");
		if (p->p_vaddr < MMAP_MIN_ADDR || p->p_memsz > ELF_TOP ||
		    p->p_vaddr > ELF_TOP - p->p_memsz)
			return elf_bad(bprm, "a segment lies outside [mmap_min_addr, stack)");
	}
	if (bprm->entry < MMAP_MIN_ADDR || bprm->entry >= ELF_TOP)
		return elf_bad(bprm, "the entry point is outside user space");
	return 0;
}

int elf_map(struct linux_binprm *bprm)
{
	const struct ramfs_inode *f = bprm->file;
	const struct elf32_hdr *eh = (const void *)f->data;
	const struct elf32_phdr *ph = (const void *)(f->data + eh->e_phoff);
	struct mm_struct *mm = bprm->mm;
	unsigned long brk = 0;

	mm->start_code = ~0UL;
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		const struct elf32_phdr *p = &ph[i];
		unsigned long start, file_end, mem_end, flags = 0, r;

		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		flags |= (p->p_flags & PF_R) ? VM_READ : 0;
		flags |= (p->p_flags & PF_W) ? VM_WRITE : 0;
		flags |= (p->p_flags & PF_X) ? VM_EXEC : 0;
		start = ALIGN_DOWN(p->p_vaddr, PAGE_SIZE);
		file_end = PAGE_ALIGN(p->p_vaddr + p->p_filesz);
		mem_end = PAGE_ALIGN(p->p_vaddr + p->p_memsz);
		if (p->p_filesz) {
			r = mmap_region(mm, start, file_end - start, flags, f,
					(p->p_offset - (p->p_vaddr - start)) >> PAGE_SHIFT, true);
			if (IS_ERR_VALUE(r))
				return (long)r;
		} else {
			file_end = start;
		}
		if (mem_end > file_end) {
			r = mmap_region(mm, file_end, mem_end - file_end, flags, NULL, 0, true);
			if (IS_ERR_VALUE(r))
				return (long)r;
		}
		if (p->p_memsz > p->p_filesz && p->p_filesz && (flags & VM_WRITE) &&
		    ((p->p_vaddr + p->p_filesz) & ~PAGE_MASK)) {
			unsigned long tail = p->p_vaddr + p->p_filesz;

			if (bprm->nr_bss_zero == EXEC_MAX_BSS_TAILS)
				return elf_bad(bprm, "more than 4 writable segments with a bss");
			bprm->bss_zero[bprm->nr_bss_zero] = tail;
			bprm->bss_zero_len[bprm->nr_bss_zero++] =
				min(PAGE_SIZE - (tail & ~PAGE_MASK), (unsigned long)(p->p_memsz - p->p_filesz));
		}
		if (flags & VM_EXEC) {
			mm->start_code = min(mm->start_code, (unsigned long)p->p_vaddr);
			mm->end_code = max(mm->end_code, (unsigned long)(p->p_vaddr + p->p_filesz));
		} else {
			if (!mm->start_data || p->p_vaddr < mm->start_data)
				mm->start_data = p->p_vaddr;
			mm->end_data = max(mm->end_data, (unsigned long)(p->p_vaddr + p->p_filesz));
		}
		brk = max(brk, mem_end);
		if (p->p_offset <= bprm->phdr_off && bprm->phdr_off < p->p_offset + p->p_filesz)
			bprm->phdr_addr = p->p_vaddr + (bprm->phdr_off - p->p_offset);
	}
	if (mm->start_code == ~0UL)
		mm->start_code = mm->end_code = 0;
	mm->start_brk = mm->brk = brk;
	return 0;
}
