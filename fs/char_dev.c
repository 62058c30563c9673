// SPDX-License-Identifier: MIT
/*
 * How this works: the character devices, /dev/console, /dev/tty,
 * /dev/null and /dev/zero, found by name in devices[] (chrdev_lookup(),
 * which also opens /dev itself, listed by dev_readdir()): Linux's
 * drivers/char/mem.c in miniature, and the door to the console terminal.
 *
 * /dev/console and /dev/tty are the one terminal, console_fops, whose
 * read/write/ioctl live in drivers/tty/ (tty_io.c, the line discipline
 * n_tty.c). What is here:
 *
 * /dev/null: read returns 0 (end of file), write returns count and
 * drops the bytes. /dev/zero: read fills with zeroes (clear_user()),
 * write drops. Both take any lseek and stay at 0 (Linux's null_lseek);
 * neither is a terminal, so every ioctl is -ENOTTY (no unlocked_ioctl).
 *
 * Where it differs from Linux: no major/minor numbers or device inodes,
 * the names are compared as strings; /dev/tty is the console itself, not
 * "the caller's controlling terminal" (there is only one).
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/initramfs.h>
#include <kernel/uaccess.h>
#include <kernel/string.h>
#include <uapi/linux/dirent.h>

static ssize_t null_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	return 0;
}

/* /dev/null and /dev/zero: everything written is dropped; the count is returned. */
static ssize_t null_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	size_t n = iov_iter_count(from);

	from->count = 0;
	return n;
}

static loff_t null_lseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos = 0;
}

static ssize_t zero_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	size_t want = iov_iter_count(to), n = iov_iter_zero(want, to);

	return n ? (ssize_t)n : -EFAULT;
}

const struct file_operations null_fops = {
	.read_iter = null_read_iter,
	.write_iter = null_write_iter,
	.llseek = null_lseek,
};

/* read(2) of /dev/zero: one clear_user() of the whole buffer (Linux's read_zero()). */
static ssize_t read_zero(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	size_t left = clear_user(buf, count);

	return left == count && count ? -EFAULT : (ssize_t)(count - left);
}

const struct file_operations zero_fops = {
	.read = read_zero,
	.read_iter = zero_read_iter,
	.write_iter = null_write_iter,
	.llseek = null_lseek,
};

/*
 * The /dev directory: these names, in this order (Linux's devtmpfs has
 * more, made as drivers register). Positions: 0 ".", 1 "..", 2 + i the
 * i-th device; d_ino 2 + i (1 is /dev itself), d_type DT_CHR.
 */
static const struct {
	const char *name;
	const struct file_operations *fops;
} devices[] = {
	{ "console",	&console_fops },
	{ "tty",	&console_fops },
	{ "null",	&null_fops },
	{ "zero",	&zero_fops },
};

static int dev_readdir(struct file *file, struct dir_context *ctx)
{
	if (!dir_emit_dots(ctx, DEV_ROOT_INO, initramfs_lookup("/")->ino))
		return 0;
	for (; ctx->pos - 2 < (loff_t)ARRAY_SIZE(devices); ctx->pos++) {
		const char *name = devices[ctx->pos - 2].name;

		if (!dir_emit(ctx, name, strlen(name), ctx->pos, DT_CHR))
			return 0;
	}
	return 0;
}

static const struct file_operations dev_dir_fops = {
	.read_iter = generic_read_dir,
	.llseek = generic_dir_llseek,
	.iterate_shared = dev_readdir,
};

const struct file_operations *chrdev_lookup(const char *path)
{
	if (strncmp(path, "/dev", 4) || (path[4] && path[4] != '/'))
		return NULL;
	for (path += 4; *path == '/'; path++)
		;
	if (!*path)
		return &dev_dir_fops;
	for (unsigned int i = 0; i < ARRAY_SIZE(devices); i++)
		if (!strcmp(path, devices[i].name))
			return devices[i].fops;
	return NULL;
}
