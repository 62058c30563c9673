// SPDX-License-Identifier: MIT
/*
 * How this works: /proc's names, opening them, and listing /proc.
 *
 * There is no directory tree: proc_open() matches the path against a
 * table of the global reports (proc_root_files[]: a name and a seq_file
 * show function), then "self" (replaced by current's pid, as Linux's
 * /proc/self symlink resolves) and PID directories, whose entries are
 * fs/proc/base.c's. A report is generated at open by single_open(): the
 * file is a snapshot, and the task reference taken for a PID file is
 * dropped before open() returns (pagemap keeps the task's mm instead, for
 * as long as the file is open).
 *
 * The directories themselves (/proc, /proc/PID, /proc/self) open for
 * reading only (a write open is -EISDIR); read() on one is -EISDIR, and
 * getdents64() lists /proc as
 *
 *   .  ..  buddyinfo interrupts kmapinfo meminfo slabinfo vmallocinfo zoneinfo
 *   self  1 2 3 ...
 *
 * positions 0, 1, then 2 + i for proc_root_files[i] (DT_REG), "self"
 * after them (DT_LNK: a symlink on Linux), and FIRST_PROCESS_ENTRY + pid
 * for each live process (DT_DIR) in pid order (fs/proc/base.c). Every
 * file is read-only (Linux's are 0444, and an unprivileged writer gets
 * -EACCES, which is what open() returns here for a write open) but one:
 * /proc/mmdemo, the demonstrations' control file (mm/demo/mmdemo.c, built
 * with TOUR=1 only, and not listed: it is not a report); a file
 * opened with O_DIRECTORY is -ENOTDIR before anything is generated.
 *
 * Where it differs from Linux: the names are a fixed table (Linux's
 * proc_create() adds entries to an rbtree, listed in its order: by name
 * length, then bytes), no thread-self, no per-PID permission checks (any
 * task may read any other's maps and pagemap); /proc/self is resolved by
 * open() rather than read as a link (no readlink()).
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/initramfs.h>
#include <kernel/printk.h>
#include <kernel/proc_fs.h>
#include <kernel/sched.h>
#include <kernel/sched/mm.h>
#include <kernel/seq_file.h>
#include <kernel/string.h>
#include <mm/mmdemo.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/vmstat.h>
#include <uapi/linux/dirent.h>

#include "internal.h"

struct proc_entry {
	const char *name;
	int (*show)(struct seq_file *m, void *v);
};

static const struct proc_entry proc_root_files[] = {
	{ "buddyinfo",		buddyinfo_show },
	{ "interrupts",		interrupts_proc_show },
	{ "kmapinfo",		kmapinfo_show },
	{ "meminfo",		meminfo_proc_show },
	{ "slabinfo",		slabinfo_seq_show },
	{ "vmallocinfo",	vmallocinfo_seq_show },
	{ "zoneinfo",		zoneinfo_show },
};

static const struct file_operations proc_seq_fops = {
	.read_iter = seq_read_iter,
	.llseek = seq_lseek,
	.release = single_release,
};

/* The last name in /proc before the processes (position 2 + ARRAY_SIZE(proc_root_files)). */
#define PROC_SELF_POS	(2 + (loff_t)ARRAY_SIZE(proc_root_files))
/* the names' positions (and inode numbers, internal.h) stay below the processes' */
_Static_assert(2 + ARRAY_SIZE(proc_root_files) < FIRST_PROCESS_ENTRY - 2,
	       "too many names in /proc for FIRST_PROCESS_ENTRY");

static int proc_root_readdir(struct file *file, struct dir_context *ctx)
{
	if (!dir_emit_dots(ctx, PROC_ROOT_INO, initramfs_lookup("/")->ino))
		return 0;
	for (; ctx->pos < PROC_SELF_POS; ctx->pos++) {
		const char *name = proc_root_files[ctx->pos - 2].name;

		if (!dir_emit(ctx, name, strlen(name), ctx->pos, DT_REG))
			return 0;
	}
	if (ctx->pos == PROC_SELF_POS) {
		if (!dir_emit(ctx, "self", 4, ctx->pos, DT_LNK))
			return 0;
		ctx->pos = FIRST_PROCESS_ENTRY;
	}
	if (ctx->pos < FIRST_PROCESS_ENTRY)
		ctx->pos = FIRST_PROCESS_ENTRY;
	return proc_pid_readdir(file, ctx);
}

static const struct file_operations proc_root_operations = {
	.read_iter = generic_read_dir,
	.llseek = generic_dir_llseek,
	.iterate_shared = proc_root_readdir,
};

/* A placeholder f_op for a file whose seq_file could not be made: nothing to release. */
static const struct file_operations proc_none_fops;

struct file *proc_open_seq(int (*show)(struct seq_file *, void *), void *data, int flags)
{
	struct file *f = alloc_file(&proc_seq_fops, flags);
	int ret;

	if (IS_ERR(f))
		return f;
	ret = single_open(f, show, data);
	if (ret) {
		f->f_op = &proc_none_fops;
		fput(f);
		return ERR_PTR(ret);
	}
	return f;
}

/* "123/maps" -> 123, *rest = "/maps"; -1 if @path does not start with a pid. */
static pid_t parse_pid(const char *path, const char **rest)
{
	pid_t pid = 0;

	if (*path < '0' || *path > '9')
		return -1;
	for (; *path >= '0' && *path <= '9'; path++) {
		if (pid > 99999999)
			return -1;
		pid = pid * 10 + (*path - '0');
	}
	*rest = path;
	return (*path == '/' || !*path) ? pid : -1;
}

struct file *proc_open(const char *path, int flags)
{
	bool write = (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC));
	struct task_struct *task;
	struct file *f;
	const char *rest;
	char self[24];
	unsigned int i;
	pid_t pid;

	while (*path == '/')
		path++;
	if (IS_ENABLED(CONFIG_TOUR) && !strcmp(path, "mmdemo"))	/* the one writable file: mm/demo/ */
		return mmdemo_open(flags);
	if (!*path) {
		if (write)
			return ERR_PTR(-EISDIR);
		f = alloc_file(&proc_root_operations, flags);
		if (!IS_ERR(f))
			f->f_mode |= FMODE_LSEEK;
		return f;
	}
	for (i = 0; i < ARRAY_SIZE(proc_root_files); i++) {
		if (strcmp(path, proc_root_files[i].name))
			continue;
		if (flags & O_DIRECTORY)
			return ERR_PTR(-ENOTDIR);
		if (write)
			return ERR_PTR(-EACCES);
		return proc_open_seq(proc_root_files[i].show, NULL, flags);
	}
	if (!strncmp(path, "self", 4) && (path[4] == '/' || !path[4])) {
		if (strlen(path + 4) > 12)	/* longer than any entry name */
			return ERR_PTR(-ENOENT);
		snprintf(self, sizeof(self), "%d%s", current->pid, path + 4);
		path = self;
	}
	pid = parse_pid(path, &rest);
	if (pid <= 0)			/* pid 0 (the idle task) has no /proc entry, as Linux */
		return ERR_PTR(-ENOENT);
	task = find_get_task_by_vpid(pid);
	if (!task)
		return ERR_PTR(-ENOENT);
	f = proc_pid_open(task, rest, flags);
	put_task_struct(task);
	return f;
}
