// SPDX-License-Identifier: MIT
/*
 * How this works: struct file's life. alloc_file() makes one with
 * f_count 1 and f_mode from open()'s access mode; get_file() and fput()
 * count its users (fd slots, forked tables, a system call in progress);
 * the last fput() calls ->release and frees it.
 *
 * This file depends on nothing else in fs/, so every file type (the
 * devices, the initramfs, /proc) can make files without a dependency
 * back on open() (tools/depcheck.py keeps fs/ free of cycles).
 *
 * Where it differs from Linux (fs/file_table.c): kmalloc instead of the
 * filp cache, no delayed __fput() through task_work, no limit on files.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <mm/gfp.h>
#include <mm/slab.h>

struct file *alloc_file(const struct file_operations *fops, int flags)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return ERR_PTR(-ENOMEM);
	f->f_op = fops;
	f->f_flags = flags;
	f->f_count = 1;
	/* Linux's OPEN_FMODE(): 0 -> READ, 1 -> WRITE, 2 -> both, 3 -> neither */
	f->f_mode = (flags + 1) & O_ACCMODE;
	return f;
}

void fput(struct file *file)
{
	if (__atomic_sub_fetch(&file->f_count, 1, __ATOMIC_SEQ_CST))
		return;
	if (file->f_op->release)
		file->f_op->release(file);
	kfree(file);
}
