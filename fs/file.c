// SPDX-License-Identifier: MIT
/*
 * How this works: file descriptors (include/kernel/fs.h has the picture).
 *
 * A process's files_struct is a fixed array of NR_OPEN_DEFAULT (32)
 * struct file pointers under file_lock; an fd is an index into it, and
 * a new file takes the lowest free one (POSIX, as Linux's alloc_fd()).
 * Each slot holds one reference (f_count) on its file; fget() takes
 * another for the length of a system call, so a close() by another
 * task (there are no threads yet, but the rule costs nothing) cannot
 * free a file under a read that is still using it. The last fput()
 * calls ->release and frees the struct file.
 *
 * fork() gives the child dup_fd()'s copy: a new table whose slots point
 * at the same files, each with one more reference, so the two share
 * positions (a parent and child writing to one fd append in turn).
 * exit() drops the task's table with put_files_struct(); the last user
 * closes every fd.
 *
 * Where it differs from Linux: the table never grows (Linux's fdtable
 * starts at 64 and expand_files() doubles it up to RLIMIT_NOFILE); no
 * close_on_exec bitmap; files and tables come from kmalloc rather than
 * their own slab caches (filp, files_cache); no RCU lookup.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/slab.h>

static struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	files->count = 1;
	spin_lock_init(&files->file_lock);
	return files;
}

int fd_install_file(struct files_struct *files, struct file *file)
{
	unsigned long flags;
	int fd;

	spin_lock_irqsave(&files->file_lock, flags);
	for (fd = 0; fd < NR_OPEN_DEFAULT; fd++) {
		if (!files->fd_array[fd]) {
			files->fd_array[fd] = file;
			spin_unlock_irqrestore(&files->file_lock, flags);
			return fd;
		}
	}
	spin_unlock_irqrestore(&files->file_lock, flags);
	return -EMFILE;
}

struct files_struct *files_alloc_console(void)
{
	struct files_struct *files = files_alloc();
	int i;

	if (!files)
		return NULL;
	for (i = 0; i < 3; i++) {		/* stdin, stdout, stderr */
		struct file *f = alloc_file(&console_fops, O_RDWR);

		if (IS_ERR(f)) {
			put_files_struct(files);
			return NULL;
		}
		fd_install_file(files, f);
	}
	return files;
}

struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *files = files_alloc();
	unsigned long flags;
	int fd;

	if (!files)
		return NULL;
	spin_lock_irqsave(&old->file_lock, flags);
	for (fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (old->fd_array[fd])
			files->fd_array[fd] = get_file(old->fd_array[fd]);
	spin_unlock_irqrestore(&old->file_lock, flags);
	return files;
}

void put_files_struct(struct files_struct *files)
{
	int fd;

	if (!files || __atomic_sub_fetch(&files->count, 1, __ATOMIC_SEQ_CST))
		return;
	for (fd = 0; fd < NR_OPEN_DEFAULT; fd++) {
		struct file *f = files->fd_array[fd];

		files->fd_array[fd] = NULL;
		if (f)
			fput(f);
	}
	kfree(files);
}

struct file *close_fd_get_file(struct files_struct *files, unsigned int fd)
{
	struct file *f = NULL;
	unsigned long flags;

	if (fd >= NR_OPEN_DEFAULT)
		return NULL;
	spin_lock_irqsave(&files->file_lock, flags);
	f = files->fd_array[fd];
	files->fd_array[fd] = NULL;
	spin_unlock_irqrestore(&files->file_lock, flags);
	return f;
}

struct file *fget(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;
	unsigned long flags;

	if (!files || fd >= NR_OPEN_DEFAULT)
		return NULL;
	spin_lock_irqsave(&files->file_lock, flags);
	f = files->fd_array[fd];
	if (f)
		get_file(f);
	spin_unlock_irqrestore(&files->file_lock, flags);
	return f;
}
