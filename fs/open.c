// SPDX-License-Identifier: MIT
/*
 * How this works: open() and close().
 *
 * sys_open() copies the path from the user (strncpy_from_user() into a
 * PATH_MAX kmalloc buffer: -EFAULT for a bad pointer, -ENAMETOOLONG for
 * 4096 bytes without a NUL, -ENOENT for ""), filp_open() makes the
 * struct file, and fd_install_file() puts it in the lowest free fd
 * (-EMFILE when all 32 are taken; the file is closed again).
 *
 * filp_open() has no directory tree to walk: it tries, in order,
 *
 *   /dev, /dev/console, /dev/tty, /dev/null, /dev/zero   chrdev_lookup()
 *   /proc and everything under it                  proc_open() (fs/proc/)
 *   anything else ("/" included)                   initramfs_lookup()
 *
 * after checking that no component is longer than NAME_MAX (255). There
 * is no working directory: a relative path is looked up from "/", which
 * is where init starts. Trailing slashes are dropped and make the open
 * an O_DIRECTORY one ("/proc/" opens /proc; "/init/" is -ENOTDIR), as
 * Linux's path walk does. O_CREAT of a missing name is -EROFS (the
 * initramfs is read-only); of an existing one with O_EXCL, -EEXIST; a
 * write open of an initramfs file, -EROFS; of a directory, -EISDIR; of a
 * /proc report, -EACCES (Linux's are mode 0444). O_DIRECTORY on anything
 * but a directory (a file whose f_op can ->iterate_shared) is -ENOTDIR;
 * each of the three openers checks it before it makes the file, so no
 * /proc report is generated only to be refused.
 *
 * sys_close() takes the file out of its slot and drops the slot's
 * reference; the last one calls ->release.
 *
 * Where it differs from Linux: no path walk, dentry cache, permissions,
 * symlinks, "." or ".." in paths (getdents64() lists "." and "..", but
 * open() does not resolve them); O_CLOEXEC and O_NONBLOCK are accepted
 * and ignored.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/initramfs.h>
#include <kernel/proc_fs.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <mm/gfp.h>
#include <mm/slab.h>

#define NAME_MAX	255

static bool component_too_long(const char *path)
{
	size_t run = 0;

	for (; *path; path++) {
		run = *path == '/' ? 0 : run + 1;
		if (run > NAME_MAX)
			return true;
	}
	return false;
}

struct file *filp_open(const char *path, int flags, umode_t mode)
{
	const struct file_operations *fops;
	const struct ramfs_inode *inode;
	bool trailing;
	size_t len;

	if (!*path)
		return ERR_PTR(-ENOENT);
	if (component_too_long(path))
		return ERR_PTR(-ENAMETOOLONG);
	len = strlen(path);
	trailing = len > 1 && path[len - 1] == '/';
	if (*path != '/' || trailing) {
		/* no cwd: relative to "/"; "dir/" must be a directory (Linux's LOOKUP_DIRECTORY) */
		char *p = kmalloc(len + 2, GFP_KERNEL);
		size_t n = 0;
		struct file *f;

		if (!p)
			return ERR_PTR(-ENOMEM);
		if (*path != '/')
			p[n++] = '/';
		memcpy(p + n, path, len + 1);
		for (n += len; n > 1 && p[n - 1] == '/'; n--)
			p[n - 1] = '\0';
		f = filp_open(p, trailing ? flags | O_DIRECTORY : flags, mode);
		kfree(p);
		return f;
	}
	fops = chrdev_lookup(path);
	if (fops) {
		bool dir = fops->iterate_shared != NULL;

		if ((flags & O_CREAT) && (flags & O_EXCL))
			return ERR_PTR(-EEXIST);
		if ((flags & O_DIRECTORY) && !dir)
			return ERR_PTR(-ENOTDIR);
		if (dir && ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC))))
			return ERR_PTR(-EISDIR);
		return alloc_file(fops, flags);
	}
	if (!strncmp(path, "/proc", 5) && (path[5] == '/' || !path[5]))
		return proc_open(path + 5, flags);
	inode = initramfs_lookup(path);
	if (!inode)
		return ERR_PTR((flags & O_CREAT) ? -EROFS : -ENOENT);
	if ((flags & O_CREAT) && (flags & O_EXCL))
		return ERR_PTR(-EEXIST);
	return ramfs_file_open(inode, flags);
}

long sys_open(const char __user *filename, int flags, umode_t mode)
{
	struct files_struct *files = current->files;
	struct file *f;
	char *path;
	long len, fd;

	if (!files)
		return -EMFILE;
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	len = strncpy_from_user(path, filename, PATH_MAX);
	if (len < 0)
		fd = -EFAULT;
	else if (len == PATH_MAX)
		fd = -ENAMETOOLONG;
	else if (len == 0)
		fd = -ENOENT;
	else {
		f = filp_open(path, flags, mode);
		if (IS_ERR(f)) {
			fd = PTR_ERR(f);
		} else {
			fd = fd_install_file(files, f);
			if (fd < 0)
				fput(f);
		}
	}
	kfree(path);
	return fd;
}

long sys_close(unsigned int fd)
{
	struct file *f = current->files ? close_fd_get_file(current->files, fd) : NULL;

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}
