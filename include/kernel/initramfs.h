/* SPDX-License-Identifier: MIT */
/*
 * The initramfs (init/initramfs.c): the newc cpio archive the boot loader
 * hands over as the first multiboot module (QEMU -initrd, GRUB `module`),
 * unpacked at boot into a read-only table of files. Their bytes stay where
 * the archive is (lowmem) or, if it lies beyond lowmem, in a vmalloc copy.
 */
#ifndef _KERNEL_INITRAMFS_H
#define _KERNEL_INITRAMFS_H

#include <kernel/types.h>

/* File types in ramfs_inode.mode: Linux's S_IF* values. */
#define S_IFMT		0170000
#define S_IFDIR		0040000
#define S_IFREG		0100000
#define S_IFCHR		0020000
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)

struct ramfs_inode {
	const char *name;		/* the absolute path, "/bin/usertests" */
	const u8 *data;			/* the file's bytes (kernel address) */
	unsigned long size;		/* bytes */
	unsigned int mode;		/* S_IF* | permission bits */
	unsigned long ino;		/* the archive's inode number */
};

/* Unpack the archive, if the boot loader gave one. Context: boot, process context. */
void initramfs_init(void);

/**
 * initramfs_lookup - the file or directory at @path
 * @path: an absolute path ("/init", "/bin/usertests"); "//" and a trailing
 *        "/" are accepted, "." and ".." are not resolved
 *
 * Context: any.
 * Return: the inode, or NULL if there is none. "/" is always found (an
 * empty directory when there is no initramfs).
 */
const struct ramfs_inode *initramfs_lookup(const char *path);

/* The @i-th file of the archive, in archive order, or NULL past the last (readdir). Context: any. */
const struct ramfs_inode *initramfs_entry(unsigned int i);

/* How many files were unpacked (0: no initramfs). */
unsigned int initramfs_count(void);

#endif
