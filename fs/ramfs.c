// SPDX-License-Identifier: MIT
/*
 * How this works: initramfs files as open files. The unpacked archive
 * (init/initramfs.c) is a table of struct ramfs_inode whose bytes stay
 * where the archive is; a file opened here keeps its inode in f_inode
 * and reads copy from inode->data + f_pos, so reading a file costs no
 * allocation at all. lseek may go past the end (Linux's
 * generic_file_llseek), where read() returns 0. A directory opens for
 * reading (Linux allows it, for getdents()), and read() on it is
 * -EISDIR, as Linux's generic_read_dir().
 *
 * Where it differs from Linux (fs/ramfs/): the archive is read-only, so
 * a write open is refused with -EROFS, as on a read-only mount, and
 * O_CREAT of a new name too (Linux's ramfs is writable); no page cache:
 * the bytes are read where they lie.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/initramfs.h>

#define MAX_LFS_FILESIZE	0x7fffffffffffffffLL

static ssize_t ramfs_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	const struct ramfs_inode *inode = iocb->ki_filp->f_inode;
	size_t n, done;

	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (iocb->ki_pos >= (loff_t)inode->size)
		return 0;
	n = inode->size - (size_t)iocb->ki_pos;
	done = copy_to_iter(inode->data + iocb->ki_pos, n, to);
	if (!done)
		return -EFAULT;
	iocb->ki_pos += done;
	return done;
}

static loff_t ramfs_llseek(struct file *file, loff_t offset, int whence)
{
	return generic_file_llseek_size(file, offset, whence, MAX_LFS_FILESIZE,
					file->f_inode->size);
}

static const struct file_operations ramfs_file_operations = {
	.read_iter = ramfs_read_iter,
	.llseek = ramfs_llseek,
};

struct file *ramfs_file_open(const struct ramfs_inode *inode, int flags)
{
	struct file *f;

	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		return ERR_PTR(-ENOTDIR);
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return ERR_PTR(S_ISDIR(inode->mode) ? -EISDIR : -EROFS);
	f = alloc_file(&ramfs_file_operations, flags);
	if (IS_ERR(f))
		return f;
	f->f_inode = inode;
	f->f_mode |= FMODE_LSEEK;
	return f;
}
