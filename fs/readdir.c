// SPDX-License-Identifier: MIT
/*
 * How this works: getdents64(2), reading a directory.
 *
 * A directory is a file whose operations have ->iterate_shared. The
 * listing is driven from here, and the directory only says what it
 * holds: iterate_dir() puts the file's position in a struct dir_context
 * (Linux's), the directory emits its entries from that position on --
 * dir_emit(ctx, name, len, ino, DT_*) for the entry at ctx->pos, then
 * ctx->pos moves past it -- and the position the listing stopped at
 * becomes f_pos again. What a position means is the directory's own
 * business (a cookie, not a byte offset): ramfs uses archive indexes,
 * /proc uses 256 + pid for its process directories. Positions 0 and 1
 * are "." and ".." everywhere (dir_emit_dots()), as on Linux.
 *
 * sys_getdents64() turns each entry into a struct linux_dirent64
 * (include/uapi/linux/dirent.h):
 *
 *   offset 0  d_ino     u64   never 0
 *          8  d_off     s64   the cookie of the entry AFTER this one
 *         16  d_reclen  u16   19 + namelen + 1, rounded up to 8
 *         18  d_type    u8    DT_DIR, DT_REG, DT_CHR, DT_LNK
 *         19  d_name    namelen bytes and a NUL, then zero padding
 *
 * so "bin" takes 24 bytes and "vmallocinfo" 32. A record's d_off is only
 * known when the next entry arrives (or when the listing ends, whose
 * final ctx->pos it gets): so each record waits in a kernel buffer until
 * then, and is copied out (through an iov_iter: ITER_UBUF for the system
 * call, ITER_KVEC for kernel_getdents64()) with its d_off filled in.
 * lseek(fd, d_off, SEEK_SET) therefore resumes right after that record,
 * and lseek(fd, 0, SEEK_SET) starts again at ".".
 *
 * The returns are Linux's: the bytes filled; 0 at the end; -EINVAL if
 * not even the next record fits in count (nothing is consumed, so a
 * bigger buffer gets it); -ENOTDIR for a file that is not a directory;
 * -EBADF for a bad fd; -EFAULT for a buffer that is not the user's (or
 * faults before a first record is out; after one, the call returns what
 * was copied and the entry that failed comes again).
 *
 * Where it differs from Linux: no inode lock around ->iterate_shared
 * (there are no inodes; every directory here is read-only or generated),
 * no ->iterate (the exclusive variant), no old getdents() or readdir()
 * system calls. dir_emit_dots() takes the two inode numbers rather than
 * the file (Linux reads them from the dentries), and the record is staged
 * in the kernel rather than written to user memory in place and patched
 * (Linux's filldir64() writes the previous record's d_off through the
 * user pointer under user_write_access_begin()).
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <uapi/linux/dirent.h>

#define NAME_MAX	255
/* The name starts at 19 = offsetof(struct linux_dirent64, d_name). */
#define DIRENT64_NAME_OFF	__builtin_offsetof(struct linux_dirent64, d_name)
#define DIRENT64_MAX		ALIGN(DIRENT64_NAME_OFF + NAME_MAX + 1, sizeof(u64))

/* One getdents64() call: the records go to @out; one waits in @rec for its d_off. */
struct getdents_callback64 {
	struct dir_context ctx;
	struct iov_iter *out;
	size_t left;			/* bytes of the caller's buffer not yet promised */
	size_t copied;			/* bytes copied out */
	unsigned int pending;		/* length of the record in rec (0: none) */
	loff_t pending_pos;		/* the position it was emitted at */
	int error;
	union {
		struct linux_dirent64 d;
		char bytes[DIRENT64_MAX];
	} rec __aligned(8);
};

/* Give the waiting record its d_off and copy it out. Return: false on a fault. */
static bool flush_pending(struct getdents_callback64 *buf, loff_t next)
{
	size_t n;

	if (!buf->pending)
		return true;
	buf->rec.d.d_off = next;
	n = copy_to_iter(buf->rec.bytes, buf->pending, buf->out);
	if (n != buf->pending) {
		buf->error = -EFAULT;
		return false;
	}
	buf->copied += n;
	buf->pending = 0;
	return true;
}

static bool filldir64(struct dir_context *ctx, const char *name, int namlen,
		      loff_t offset, u64 ino, unsigned int d_type)
{
	struct getdents_callback64 *buf = container_of(ctx, struct getdents_callback64, ctx);
	unsigned int reclen = ALIGN(DIRENT64_NAME_OFF + namlen + 1, sizeof(u64));

	if (namlen <= 0 || namlen > NAME_MAX) {
		buf->error = -EIO;		/* a directory's bug: Linux's verify_dirent_name() */
		return false;
	}
	if (reclen > buf->left) {
		buf->error = -EINVAL;		/* only reported if nothing fitted */
		return false;
	}
	if (!flush_pending(buf, offset))	/* the waiting record's next is this one */
		return false;
	memset(buf->rec.bytes, 0, reclen);
	buf->rec.d.d_ino = ino;
	buf->rec.d.d_reclen = reclen;
	buf->rec.d.d_type = d_type;
	memcpy(buf->rec.d.d_name, name, namlen);
	buf->pending = reclen;
	buf->pending_pos = offset;
	buf->left -= reclen;
	return true;
}

bool dir_emit_dots(struct dir_context *ctx, u64 ino, u64 parent_ino)
{
	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, parent_ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

int iterate_dir(struct file *file, struct dir_context *ctx)
{
	int ret;

	if (!file_is_dir(file))
		return -ENOTDIR;
	ctx->pos = file->f_pos;
	ret = file->f_op->iterate_shared(file, ctx);
	file->f_pos = ctx->pos;
	return ret;
}

static long do_getdents64(struct file *file, struct iov_iter *out)
{
	struct getdents_callback64 buf = {
		.ctx.actor = filldir64,
		.out = out,
		.left = iov_iter_count(out),
	};
	int error;

	error = iterate_dir(file, &buf.ctx);
	if (error >= 0)
		error = buf.error;
	/*
	 * The last record: its next is where the listing stopped. A copy that
	 * faults part way leaves the first bytes of that record in the user's
	 * buffer after the count returned; the caller reads only up to the
	 * count, so they are harmless (the record comes again next time).
	 */
	if (buf.pending && buf.error != -EFAULT && !flush_pending(&buf, buf.ctx.pos))
		error = -EFAULT;
	if (buf.pending)		/* it never reached the buffer: it comes again next time */
		file->f_pos = buf.pending_pos;
	if (buf.copied)
		return buf.copied;
	return error;
}

long kernel_getdents64(struct file *file, void *buf, unsigned int count)
{
	struct iov_iter iter;

	iov_iter_kvec(&iter, buf, count);
	return do_getdents64(file, &iter);
}

long sys_getdents64(unsigned int fd, struct linux_dirent64 __user *dirent, unsigned int count)
{
	struct fd f = fdget(fd);
	struct iov_iter iter;
	long ret;

	if (!f.file)
		return -EBADF;
	if (!access_ok(dirent, count)) {
		ret = -EFAULT;
	} else {
		iov_iter_ubuf(&iter, dirent, count);
		ret = do_getdents64(f.file, &iter);
	}
	fdput(f);
	return ret;
}

ssize_t generic_read_dir(struct kiocb *iocb, struct iov_iter *to)
{
	return -EISDIR;
}

loff_t generic_dir_llseek(struct file *file, loff_t offset, int whence)
{
	switch (whence) {
	case SEEK_CUR:
		if (__builtin_add_overflow(offset, file->f_pos, &offset))
			return -EINVAL;		/* beyond any loff_t: as a negative result */
		break;
	case SEEK_SET:
		break;
	default:
		return -EINVAL;		/* a directory has no end to seek from */
	}
	if (offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}
