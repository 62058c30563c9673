/* SPDX-License-Identifier: MIT */
/*
 * Files and file descriptors (fs/): what open() returns and read(),
 * write(), lseek() and close() work on.
 *
 *   task->files  --> struct files_struct  fd_array[0..NR_OPEN_DEFAULT-1]
 *                                              |
 *                                              v
 *                    struct file  f_op, f_pos, f_flags, f_mode, f_count,
 *                                 f_inode (initramfs) / private_data
 *                                              |
 *                                              v
 *                    struct file_operations  read_iter, write_iter,
 *                                            llseek, iterate_shared, release,
 *                                            unlocked_ioctl
 *
 * A struct file is one open(): its position and flags. fork() copies the
 * table (dup_fd()) and takes one more f_count on every file, so parent
 * and child share positions, as in Linux; the last fput() calls
 * ->release. What is behind a file is one of:
 *
 *   /dev/console   the console terminal (drivers/tty/): termios modes,
 *                  line editing, ^C; write: LF -> CRLF (ONLCR), no printk
 *                  timestamps; ioctl: TCGETS, TIOCSPGRP, ...
 *   /dev/null      read: 0 (end of file); write: swallows, returns count
 *   /dev/zero      read: zeroes; write: swallows
 *   /proc/...      reports generated at open (seq_file.h, proc_fs.h)
 *   other paths    initramfs files (initramfs.h), read-only
 *
 * A directory is a file whose f_op has ->iterate_shared: getdents64()
 * (fs/readdir.c) asks it for its entries from f_pos on through a
 * struct dir_context; read() of one is -EISDIR (generic_read_dir()).
 * The directories are "/" and the initramfs's (fs/ramfs.c), /dev
 * (fs/char_dev.c) and /proc, /proc/PID (fs/proc/).
 *
 * Reading and writing go through an iov_iter, Linux's description of
 * "where the bytes go": ITER_UBUF for a user pointer (copy_to_user(),
 * which checks access_ok() and survives faults) or ITER_KVEC for a
 * kernel buffer (memcpy). That is how kernel_read() and kernel_write()
 * use the same ->read_iter as sys_read() without ever passing a kernel
 * pointer where a user one is checked (Linux removed set_fs() in 5.10
 * for exactly this and did the same).
 *
 * Where it differs from Linux: no dentries, inodes or mounts: a path is
 * matched against the few device names, /proc's table and the initramfs
 * (fs/open.c). The fd table is fixed at NR_OPEN_DEFAULT (32) entries
 * (Linux starts with 64 in-line and grows its fdtable up to RLIMIT_NOFILE
 * by expand_files()); the 33rd open is -EMFILE. No ->read/->write
 * (char __user *) methods beside the iter ones; no O_CLOEXEC, dup() or
 * pipes yet.
 */
#ifndef _KERNEL_FS_H
#define _KERNEL_FS_H

#include <kernel/compiler.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/err.h>	/* ERR_PTR(), IS_ERR() */
#include <kernel/types.h>

struct ramfs_inode;
struct task_struct;

/* open() flags: Linux's values (include/uapi/asm-generic/fcntl.h). */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	0200000	/* spelled as include/uapi/linux/dirent.h spells it */

/* lseek() whence. */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* file->f_mode: Linux's values. */
#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_LSEEK	0x4	/* positions mean something: lseek is allowed */

#define PATH_MAX	4096	/* bytes in a path, NUL included */
#define NR_OPEN_DEFAULT	32	/* fds per process (fixed: see above) */

/* Where read bytes go or written bytes come from (Linux's lib/iov_iter.c, one segment). */
enum iter_type {
	ITER_UBUF,	/* a user buffer: copy_to_user()/copy_from_user() */
	ITER_KVEC,	/* a kernel buffer: memcpy() */
};

struct iov_iter {
	enum iter_type iter_type;
	union {
		void __user *ubuf;
		void *kbuf;
	};
	size_t count;		/* bytes left */
};

static inline void iov_iter_ubuf(struct iov_iter *i, void __user *buf, size_t count)
{
	*i = (struct iov_iter){ .iter_type = ITER_UBUF, .ubuf = buf, .count = count };
}
static inline void iov_iter_kvec(struct iov_iter *i, void *buf, size_t count)
{
	*i = (struct iov_iter){ .iter_type = ITER_KVEC, .kbuf = buf, .count = count };
}
static inline size_t iov_iter_count(const struct iov_iter *i)	{ return i->count; }

/*
 * Copy up to @bytes to (from) the iterator and advance it. Context:
 * process context for ITER_UBUF (may fault and sleep), any for ITER_KVEC.
 * Return: bytes copied; short when a user page faulted.
 */
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);

struct file;
struct dir_context;

/* One read or write in progress: the file and the position it starts at. */
struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
};

struct file_operations {
	/*
	 * read(2) straight into a user buffer, preferred to read_iter when a
	 * file has both (Linux's vfs_read() order): -> bytes read or -errno;
	 * advances *pos. @buf has passed access_ok().
	 */
	ssize_t (*read)(struct file *file, char __user *buf, size_t count, loff_t *pos);
	/* -> bytes read (0: end of file) or -errno; advances iocb->ki_pos */
	ssize_t (*read_iter)(struct kiocb *iocb, struct iov_iter *to);
	/* -> bytes written or -errno; advances iocb->ki_pos */
	ssize_t (*write_iter)(struct kiocb *iocb, struct iov_iter *from);
	/* -> the new position or -errno; NULL: -ESPIPE (a stream) */
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	/*
	 * A directory's entries from ctx->pos on: dir_emit() each one (at
	 * ctx->pos) and step ctx->pos past it; stop when dir_emit() says the
	 * buffer is full, leaving ctx->pos at the entry that did not fit.
	 * -> 0 or -errno. Non-NULL exactly for directories.
	 */
	int (*iterate_shared)(struct file *file, struct dir_context *ctx);
	/* the last fput(): free private_data */
	int (*release)(struct file *file);
	/*
	 * ioctl(2) (fs/ioctl.c): -> 0, a value, or -errno (-ENOTTY for a
	 * request it does not know); NULL: every request is -ENOTTY
	 */
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
};

struct file {
	const struct file_operations *f_op;
	loff_t f_pos;
	unsigned int f_flags;		/* open()'s flags */
	unsigned int f_mode;		/* FMODE_* */
	int f_count;			/* fds and forks that share it (atomic) */
	const struct ramfs_inode *f_inode;	/* initramfs files; else NULL */
	void *private_data;		/* a seq_file, a task's mm, ... */
};

/* One process's open files. count: tasks sharing the table (CLONE_FILES; 1 here). */
struct files_struct {
	int count;
	spinlock_t file_lock;		/* fd_array */
	struct file *fd_array[NR_OPEN_DEFAULT];
};

/* --- fs/file.c: the fd table ------------------------------------------------ */

/**
 * files_alloc_console - a table with fds 0, 1, 2 open on /dev/console (init's)
 *
 * Context: process context. Return: the table, or NULL when memory ran out.
 */
struct files_struct *files_alloc_console(void);

/**
 * dup_fd - fork()'s copy of @old: the same files, one more f_count on each
 * @old: the parent's table
 *
 * Context: process context. Return: the child's table, or NULL (no memory).
 */
struct files_struct *dup_fd(struct files_struct *old);

/**
 * put_files_struct - drop a user of @files; the last closes every fd
 * @files: a table (NULL is ignored)
 *
 * Context: process context (->release may sleep).
 */
void put_files_struct(struct files_struct *files);

/**
 * fd_install_file - put @file in the lowest free slot of @files
 * @files: the table
 * @file: an open file whose reference the table takes over
 *
 * Context: any. Return: the fd, or -EMFILE (and @file is not taken).
 */
int fd_install_file(struct files_struct *files, struct file *file);

/*
 * close_fd_get_file - take @fd out of @files (close()'s first half).
 * Return: the file, whose slot's reference passes to the caller, or NULL
 * if @fd was not open. Context: any.
 */
struct file *close_fd_get_file(struct files_struct *files, unsigned int fd);

/* fget - the file at @fd of current, with a reference. Return: it, or NULL. Context: any. */
struct file *fget(unsigned int fd);
void fput(struct file *file);

/*
 * fdget - the file at @fd for the length of one system call (Linux's
 * __fget_light). A table only this task uses (count 1: every process
 * here, since fork copies the table) cannot lose the file under us --
 * only this task closes its fds -- so no lock and no reference are
 * taken, and fdput() has nothing to drop; a shared table takes fget()'s
 * reference. Context: process context, the file used by current only.
 */
struct fd {
	struct file *file;
	bool put;				/* fdput() must fput() */
};

static inline struct fd fdget(unsigned int fd)
{
	struct files_struct *files = current->files;

	if (likely(files && READ_ONCE(files->count) == 1))
		return (struct fd){ fd < NR_OPEN_DEFAULT ? READ_ONCE(files->fd_array[fd]) : NULL,
				    false };
	return (struct fd){ fget(fd), true };
}

static inline void fdput(struct fd f)
{
	if (f.put && f.file)
		fput(f.file);
}

/* get_file/fput: references to a file; the last fput() calls ->release and frees it. */
static inline struct file *get_file(struct file *f)
{
	__atomic_add_fetch(&f->f_count, 1, __ATOMIC_SEQ_CST);
	return f;
}
void fput(struct file *file);

/* --- fs/readdir.c: directories ------------------------------------------------------ */

/*
 * One directory listing in progress (Linux's struct dir_context): the
 * actor takes one entry -- its name (not NUL-terminated), the position
 * it was found at, its inode number and DT_* type -- and returns false
 * when it has no room for it (the entry is then not consumed).
 */
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namlen,
			  loff_t offset, u64 ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;
	loff_t pos;		/* the cookie of the next entry to emit */
};

/* Hand the entry at ctx->pos to the actor. Return: false when the caller must stop. */
static inline bool dir_emit(struct dir_context *ctx, const char *name, int namelen,
			    u64 ino, unsigned int type)
{
	return ctx->actor(ctx, name, namelen, ctx->pos, ino, type);
}

/*
 * dir_emit_dots - "." (position 0) and ".." (position 1), as every Linux directory starts
 * @ctx: the listing
 * @ino: this directory's inode number
 * @parent_ino: its parent's (the root is its own parent)
 *
 * Context: process context. Return: false if the actor stopped (the caller stops too).
 */
bool dir_emit_dots(struct dir_context *ctx, u64 ino, u64 parent_ino);

/* Is @file a directory (can it be listed)? */
static inline bool file_is_dir(const struct file *file)
{
	return file->f_op->iterate_shared != NULL;
}

/**
 * iterate_dir - list @file from its f_pos through @ctx, moving f_pos on
 * @file: an open file
 * @ctx: the actor; ctx->pos is set from f_pos here
 *
 * Context: process context. Return: 0 or -errno (-ENOTDIR: not a directory).
 */
int iterate_dir(struct file *file, struct dir_context *ctx);

/**
 * kernel_getdents64 - getdents64() into the kernel buffer @buf
 * @file: an open directory
 * @buf: kernel memory, 8-byte aligned
 * @count: its size
 *
 * Context: process context. Return: bytes of struct linux_dirent64
 * records written, 0 at the end, -EINVAL if the next record does not fit
 * in @count, -ENOTDIR.
 */
long kernel_getdents64(struct file *file, void *buf, unsigned int count);

/* ->read_iter of a directory: -EISDIR (Linux's generic_read_dir()). */
ssize_t generic_read_dir(struct kiocb *iocb, struct iov_iter *to);
/*
 * ->llseek of a directory: SEEK_SET to any cookie a d_off gave (or 0:
 * rewind) and SEEK_CUR; SEEK_END and negative results are -EINVAL
 * (Linux's dcache_dir_lseek()).
 */
loff_t generic_dir_llseek(struct file *file, loff_t offset, int whence);

/* --- fs/open.c ----------------------------------------------------------------- */

/**
 * filp_open - open @path (a kernel string) with open()'s @flags
 * @path: "/dev/console", "/dev/null", "/dev/zero", "/proc/...", or an initramfs file
 * @flags: O_RDONLY/O_WRONLY/O_RDWR, O_CREAT, ...
 * @mode: for O_CREAT (unused: nothing can be created)
 *
 * Context: process context (a /proc file is generated here).
 * Return: a file with one reference, or ERR_PTR(-ENOENT, -EROFS (write
 * or O_CREAT on the read-only initramfs or /proc), -EACCES, -EISDIR
 * (a directory opened for writing), -ENOTDIR, -ENOMEM, -ENAMETOOLONG).
 */
struct file *filp_open(const char *path, int flags, umode_t mode);

/* A new struct file (f_count 1) for @fops with @flags. Return: it or ERR_PTR(-ENOMEM). */
struct file *alloc_file(const struct file_operations *fops, int flags);

/* --- fs/read_write.c --------------------------------------------------------------- */

/**
 * kernel_read - read from @file into the kernel buffer @buf
 * @file: an open file
 * @buf: kernel memory (no access_ok(): an ITER_KVEC)
 * @count: bytes at most
 * @pos: the position to read at, advanced (pass &file->f_pos to move the file)
 *
 * Context: process context. Return: bytes read, 0 at the end, or -errno.
 */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos);

/* vfs_llseek - move @file's position as lseek(). Return: it, or -ESPIPE/-EINVAL. */
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);

/*
 * generic_file_llseek_size - lseek for a file whose end is @eof, positions up to @maxsize
 * Return: the new f_pos, or -EINVAL (negative or past @maxsize; unknown @whence).
 */
loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence,
				loff_t maxsize, loff_t eof);
/* ... for a file of exactly @size bytes (Linux's: nothing past the end). */
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size);
/* ->llseek of a stream: -ESPIPE. */
loff_t no_llseek(struct file *file, loff_t offset, int whence);

/* --- the files behind the paths ----------------------------------------------------- */

/*
 * fs/char_dev.c: "/dev/console", "/dev/tty", "/dev/null", "/dev/zero"
 * -> their fops; "/dev" and "/dev/" -> the /dev directory's; else NULL.
 */
const struct file_operations *chrdev_lookup(const char *path);
extern const struct file_operations null_fops, zero_fops;
/* drivers/tty/tty_io.c: the console terminal (/dev/console, /dev/tty). */
extern const struct file_operations console_fops;

/* fs/ramfs.c: open the initramfs file @inode (read-only). Return: file or ERR_PTR. */
struct file *ramfs_file_open(const struct ramfs_inode *inode, int flags);

/*
 * The inode numbers of /dev and /proc, in the / listing and as their own
 * ".": above the archive's (tools/mkcpio.py numbers from 1; the root's is
 * one above the archive's largest), /proc's PROC_PID_INO()s and /dev's
 * entries, so /, /dev, /proc and the archive's files never share one.
 */
#define DEV_ROOT_INO		0xfffffffeUL
#define PROC_ROOT_INO		0xffffffffUL

#endif
