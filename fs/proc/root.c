// SPDX-License-Identifier: MIT
/*
 * How this works: /proc's names, and opening them.
 *
 * There is no directory tree: proc_open() matches the path against a
 * table of the global reports (proc_root_files[]: a name and a seq_file
 * show function), then "self" (replaced by current's pid, as Linux's
 * /proc/self symlink resolves) and PID directories, whose entries are
 * maps, status (seq_files made for that task) and pagemap (read on
 * demand: fs/proc/task_mmu.c). A report is generated at open by
 * single_open(): the file is a snapshot, and the task reference taken
 * for a PID file is dropped before open() returns (pagemap keeps the
 * task's mm instead, for as long as the file is open).
 *
 * The directories themselves (/proc, /proc/PID) open for reading;
 * read() on one is -EISDIR. Every file is read-only (Linux's are 0444,
 * and an unprivileged writer gets -EACCES, which is what open() returns
 * here for a write open).
 *
 * Where it differs from Linux: no getdents() (ls /proc cannot list it
 * yet), no inode numbers, no per-PID permission checks (any task may read
 * any other's maps and pagemap).
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
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

struct proc_entry {
	const char *name;
	int (*show)(struct seq_file *m, void *v);
};

static const struct proc_entry proc_root_files[] = {
	{ "buddyinfo",		buddyinfo_show },
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

static ssize_t proc_dir_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	return -EISDIR;
}

static const struct file_operations proc_dir_fops = {
	.read_iter = proc_dir_read_iter,
};

static struct file *proc_open_seq(int (*show)(struct seq_file *, void *), void *data, int flags)
{
	struct file *f = alloc_file(&proc_seq_fops, flags);
	int ret;

	if (IS_ERR(f))
		return f;
	ret = single_open(f, show, data);
	if (ret) {
		f->f_op = &proc_dir_fops;	/* nothing to release */
		fput(f);
		return ERR_PTR(ret);
	}
	return f;
}

static int proc_status_show(struct seq_file *m, void *v)
{
	return proc_pid_status(m, v);
}

static int proc_maps_show(struct seq_file *m, void *v)
{
	struct mm_struct *mm = get_task_mm(v);
	int ret = 0;

	if (mm) {			/* a kernel thread's maps are empty */
		ret = proc_maps_show_mm(m, mm);
		mmput(mm);
	}
	return ret;
}

/* "/PID" or "/PID/entry" with @task found; @rest is what follows the PID. */
static struct file *proc_pid_open(struct task_struct *task, const char *rest, int flags)
{
	struct mm_struct *mm;
	struct file *f;

	if (!*rest || !strcmp(rest, "/"))
		return alloc_file(&proc_dir_fops, flags);
	if (!strcmp(rest, "/status"))
		return proc_open_seq(proc_status_show, task, flags);
	if (!strcmp(rest, "/maps"))
		return proc_open_seq(proc_maps_show, task, flags);
	if (!strcmp(rest, "/pagemap")) {
		mm = get_task_mm(task);
		if (!mm)		/* a kernel thread: Linux's pagemap is empty */
			return alloc_file(&null_fops, flags);
		f = proc_pagemap_open_mm(mm, flags);
		mmput(mm);		/* the file took its own */
		return f;
	}
	return ERR_PTR(-ENOENT);
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
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)))
		return ERR_PTR(*path ? -EACCES : -EISDIR);
	if (!*path)
		return alloc_file(&proc_dir_fops, flags);
	for (i = 0; i < ARRAY_SIZE(proc_root_files); i++)
		if (!strcmp(path, proc_root_files[i].name))
			return proc_open_seq(proc_root_files[i].show, NULL, flags);
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
