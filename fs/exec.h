/* SPDX-License-Identifier: MIT */
/* What fs/exec.c and its ELF loader (fs/binfmt_elf.c) share. */
#ifndef _FS_EXEC_H
#define _FS_EXEC_H

#include <kernel/types.h>

struct ramfs_inode;
struct mm_struct;

/* Linux's struct linux_binprm, cut to what a static ELF needs. */
struct linux_binprm {
	const struct ramfs_inode *file;
	const char *filename;		/* kernel copy of the path */
	struct mm_struct *mm;		/* the new address space */
	char *strings;			/* argv then envp strings, packed, NUL-terminated */
	unsigned long strings_len, strings_size;
	int argc, envc;
	unsigned long entry;		/* e_entry */
	unsigned long phdr_off, phdr_addr, phnum;	/* for AT_PHDR / AT_PHNUM */
#define EXEC_MAX_BSS_TAILS	4
	unsigned long bss_zero[EXEC_MAX_BSS_TAILS];	/* bss tails in the last file page */
	unsigned long bss_zero_len[EXEC_MAX_BSS_TAILS];
	unsigned int nr_bss_zero;
};

/* -ENOEXEC unless @bprm->file is a static i386 ET_EXEC that can be mapped. */
int elf_check(struct linux_binprm *bprm);
/* Map the PT_LOAD segments into @bprm->mm; 0 or -errno. */
int elf_map(struct linux_binprm *bprm);

#endif
