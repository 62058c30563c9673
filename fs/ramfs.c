// SPDX-License-Identifier: MIT
/*
 * How this works: initramfs files as open files. The unpacked archive
 * (init/initramfs.c) is a table of struct ramfs_inode whose bytes stay
 * where the archive is; a file opened here keeps its inode in f_inode
 * and reads copy from inode->data + f_pos, so reading a file costs no
 * allocation at all. lseek may go past the end (Linux's
 * generic_file_llseek), where read() returns 0.
 *
 * A directory opens for reading only (Linux allows it, for getdents()),
 * read() on it is -EISDIR, as Linux's generic_read_dir(), and its
 * entries are the archive's names one component below it, found by a
 * walk of the table in archive order (tools/mkcpio.py writes
 * directories first, then files, as given):
 *
 *   position 0 "."   1 ".."   2 + i  the archive's i-th name, if a child
 *   RAMFS_MNT_POS + k            (the root only) "dev", "proc"
 *
 * /dev and /proc are not in the archive's keeping: open() looks them up
 * before the initramfs (fs/open.c), so the root lists them even when the
 * archive has no directory of that name (and does not list them twice
 * when it has, as tools/mkcpio.py's --dir dev --dir proc make). d_ino is
 * the archive's inode number; the root's is one above the archive's
 * largest (init/initramfs.c), /dev's and /proc's are DEV_ROOT_INO and
 * PROC_ROOT_INO (kernel/fs.h, also their "." entries) even when the
 * archive has those directories, so no two names in / share a d_ino;
 * d_type comes from the mode (DT_DIR, DT_REG).
 *
 * Where it differs from Linux (fs/ramfs/, fs/libfs.c's dcache_readdir):
 * the archive is read-only, so a write open is refused with -EROFS, as on
 * a read-only mount, and O_CREAT of a new name too (Linux's ramfs is
 * writable); no page cache: the bytes are read where they lie. A listing
 * is a linear walk of the whole table per call (Linux walks the
 * directory's own child list); /dev and /proc are names, not mounts.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/initramfs.h>
#include <kernel/string.h>
#include <uapi/linux/dirent.h>

#define MAX_LFS_FILESIZE	0x7fffffffffffffffLL
#define RAMFS_MNT_POS		0x10000		/* past any archive index (MAX_FILES is 256) */

/* The names open() finds before the initramfs (fs/open.c): listed in "/", with their numbers. */
static const char *const mount_points[] = { "dev", "proc" };
static const unsigned long mount_inos[] = { DEV_ROOT_INO, PROC_ROOT_INO };

/* @name's number in the / listing: a mount point's own, even if the archive has the directory. */
static unsigned long root_child_ino(const char *name, unsigned long ino)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(mount_points); i++)
		if (!strcmp(name, mount_points[i]))
			return mount_inos[i];
	return ino;
}

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

/*
 * If @name is directly inside the directory @dir ("/bin/sh" in "/bin",
 * "/bin" in "/"), its last component. Return: it, or NULL.
 */
static const char *child_name(const char *dir, const char *name)
{
	size_t len = strcmp(dir, "/") ? strlen(dir) : 0;

	if (strncmp(name, dir, len) || name[len] != '/' || !name[len + 1])
		return NULL;
	name += len + 1;
	return strchr(name, '/') ? NULL : name;
}

/* The inode number of @dir's parent: the directory its name ends in. */
static u64 parent_ino(const struct ramfs_inode *dir)
{
	const struct ramfs_inode *root = initramfs_lookup("/"), *e;
	size_t len = 0;

	for (size_t i = 0; dir->name[i]; i++)	/* up to the last '/': "/a/b" -> "/a" */
		if (dir->name[i] == '/')
			len = i;

	for (unsigned int i = 0; len && (e = initramfs_entry(i)); i++)
		if (strlen(e->name) == len && !strncmp(e->name, dir->name, len))
			return e->ino;
	return root->ino;
}

static int ramfs_readdir(struct file *file, struct dir_context *ctx)
{
	const struct ramfs_inode *dir = file->f_inode, *e;
	bool is_root = !strcmp(dir->name, "/");

	if (!dir_emit_dots(ctx, dir->ino, is_root ? dir->ino : parent_ino(dir)))
		return 0;
	for (; ctx->pos < RAMFS_MNT_POS; ctx->pos++) {
		const char *name;

		e = initramfs_entry(ctx->pos - 2);
		if (!e) {
			ctx->pos = RAMFS_MNT_POS;
			break;
		}
		name = child_name(dir->name, e->name);
		if (name && !dir_emit(ctx, name, strlen(name),
				      is_root ? root_child_ino(name, e->ino) : e->ino,
				      (e->mode >> 12) & 15))
			return 0;
	}
	for (; is_root && ctx->pos - RAMFS_MNT_POS < (loff_t)ARRAY_SIZE(mount_points); ctx->pos++) {
		const char *name = mount_points[ctx->pos - RAMFS_MNT_POS];
		char path[8] = "/";

		strlcpy(path + 1, name, sizeof(path) - 1);
		if (initramfs_lookup(path))	/* "/dev" in the archive: listed above */
			continue;
		if (!dir_emit(ctx, name, strlen(name), mount_inos[ctx->pos - RAMFS_MNT_POS], DT_DIR))
			return 0;
	}
	return 0;
}

static const struct file_operations ramfs_dir_operations = {
	.read_iter = generic_read_dir,
	.llseek = generic_dir_llseek,
	.iterate_shared = ramfs_readdir,
};

struct file *ramfs_file_open(const struct ramfs_inode *inode, int flags)
{
	struct file *f;

	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		return ERR_PTR(-ENOTDIR);
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return ERR_PTR(S_ISDIR(inode->mode) ? -EISDIR : -EROFS);
	f = alloc_file(S_ISDIR(inode->mode) ? &ramfs_dir_operations : &ramfs_file_operations,
		       flags);
	if (IS_ERR(f))
		return f;
	f->f_inode = inode;
	f->f_mode |= FMODE_LSEEK;
	return f;
}
