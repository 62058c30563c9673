// SPDX-License-Identifier: MIT
/*
 * How this works: read(), write(), lseek() and _llseek() on an fd, and
 * their kernel-side twins kernel_read()/kernel_write().
 *
 * Every call is fget() (a reference on the file for the call's length),
 * the mode check (-EBADF when the file was not opened for it, as Linux),
 * then the file's ->read_iter/->write_iter with an iov_iter that says
 * where the bytes are: ITER_UBUF over the user's buffer for the system
 * calls, after access_ok() (a kernel address from user space is -EFAULT
 * before anything is touched), ITER_KVEC for kernel callers. The file's
 * position is read into a kiocb, moved by the method, and written back;
 * the whole is not atomic against another task sharing the file (Linux
 * takes f_pos_lock for that: there are no threads here yet).
 *
 * A count above MAX_RW_COUNT is cut to it, as Linux does (INT_MAX rounded
 * down to a page), so the return always fits an int.
 *
 * lseek: the file's ->llseek (NULL: a stream, -ESPIPE, as the console;
 * Linux's /dev/null and /dev/zero accept any seek and stay at 0, and so
 * do these). The ->llseek helpers are in fs/libfs.c. _llseek builds a 64-bit offset
 * from two halves and stores the result through a user pointer; lseek
 * refuses a result that does not fit a long (-EOVERFLOW).
 *
 * Where it differs from Linux: no pread/pwrite, readv/writev, no
 * fsnotify, no mandatory locks, no f_pos_lock.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>

#define MAX_RW_COUNT	(0x7fffffff & ~(PAGE_SIZE - 1))

static ssize_t rw_iter(struct file *file, struct iov_iter *iter, loff_t *pos, bool write)
{
	struct kiocb kiocb = { .ki_filp = file, .ki_pos = *pos };
	ssize_t ret;

	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (write ? !file->f_op->write_iter : !file->f_op->read_iter)
		return -EINVAL;
	if (iter->count > MAX_RW_COUNT)
		iter->count = MAX_RW_COUNT;
	if (!iter->count)
		return 0;
	ret = write ? file->f_op->write_iter(&kiocb, iter) : file->f_op->read_iter(&kiocb, iter);
	if (ret > 0)
		*pos = kiocb.ki_pos;
	return ret;
}

ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	struct iov_iter iter;

	iov_iter_kvec(&iter, buf, count);
	return rw_iter(file, &iter, pos, false);
}

ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos)
{
	struct iov_iter iter;

	iov_iter_kvec(&iter, (void *)buf, count);
	return rw_iter(file, &iter, pos, true);
}

/* read() and write(): the fd's file, access_ok(), then the file's method at f_pos. */
static long ksys_rw(unsigned int fd, char __user *buf, size_t count, bool write)
{
	struct fd f = fdget(fd);
	struct file *file = f.file;
	struct iov_iter iter;
	long ret;

	if (!file)
		return -EBADF;
	if (!access_ok(buf, count)) {
		ret = (file->f_mode & (write ? FMODE_WRITE : FMODE_READ)) ? -EFAULT : -EBADF;
	} else if (!write && file->f_op->read && (file->f_mode & FMODE_READ)) {
		/* a file with its own read(): no iterator (Linux's vfs_read()) */
		ret = count ? file->f_op->read(file, buf, min(count, (size_t)MAX_RW_COUNT),
					       &file->f_pos) : 0;
	} else {
		iov_iter_ubuf(&iter, buf, count);
		ret = rw_iter(file, &iter, &file->f_pos, write);
	}
	fdput(f);
	return ret;
}

long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	return ksys_rw(fd, buf, count, false);
}

long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	return ksys_rw(fd, (char __user *)buf, count, true);
}

loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence > SEEK_END)
		return -EINVAL;
	if (!file->f_op->llseek)
		return -ESPIPE;
	return file->f_op->llseek(file, offset, whence);
}

long sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	struct file *file = fget(fd);
	loff_t ret;

	if (!file)
		return -EBADF;
	ret = whence > SEEK_END ? -EINVAL : vfs_llseek(file, offset, whence);
	if (ret >= 0 && ret != (long)ret)
		ret = -EOVERFLOW;
	fput(file);
	return (long)ret;
}

long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		loff_t __user *result, unsigned int whence)
{
	struct file *file = fget(fd);
	loff_t offset = (loff_t)(((u64)offset_high << 32) | offset_low);
	loff_t ret;

	if (!file)
		return -EBADF;
	ret = whence > SEEK_END ? -EINVAL : vfs_llseek(file, offset, whence);
	if (ret >= 0) {
		if (copy_to_user(result, &ret, sizeof(ret)))
			ret = -EFAULT;
		else
			ret = 0;
	}
	fput(file);
	return (long)ret;
}
