// SPDX-License-Identifier: MIT
/*
 * How this works: the /proc/PID directories (Linux's fs/proc/base.c).
 *
 * One table, tgid_base_stuff[], names what a process directory holds
 * and how each file opens; open() and getdents64() both walk it, so
 * what `ls /proc/1` shows is exactly what open() finds:
 *
 *   status   Linux's proc_pid_status() lines (fs/proc/array.c)
 *   cmdline  argv, each string with its NUL, as the process's memory
 *            holds it now (empty for a kernel thread or a zombie)
 *   stat     one line, Linux 6.1's do_task_stat() fields (array.c)
 *   maps     the VMAs (fs/proc/task_mmu.c)
 *   pagemap  8 bytes per page, generated at read (task_mmu.c)
 *
 * in Linux's order. A process directory's file keeps only the pid
 * (private_data), as Linux's inode does: each listing finds the task
 * again, and a process that has been reaped meanwhile lists as -ENOENT.
 *
 * cmdline: exec (fs/exec.c) wrote the argv strings back to back, NULs
 * included, at [mm->arg_start, mm->arg_end) of the new stack. They are
 * read like Linux's get_mm_cmdline() does, through access_remote_vm():
 * under the mm's mmap_lock, find the VMA, the page behind each address,
 * kmap_local_page() it and copy; the lock keeps the page where it is
 * (a munmap or a copy-on-write fault of the owner takes the same lock).
 * exec wrote those pages, and nothing here takes a user page away again
 * (no swap, no reclaim of user memory), so they are present; a page that
 * is not ends the copy (Linux's get_user_pages_remote() would fault it in).
 * The reader's own memory is never touched under the lock: the text goes
 * to the seq_file, which read() later copies out.
 *
 * /proc itself lists the processes (proc_pid_readdir()): the position of
 * pid P is FIRST_PROCESS_ENTRY + P, and each step looks for the smallest
 * live pid at or above the position's (Linux's next_tgid()), so a
 * listing comes out in pid order and resumes correctly even when
 * processes come and go between two getdents64() calls. The end of the
 * listing is position FIRST_PROCESS_ENTRY + PID_MAX_LIMIT (Linux's 4M
 * limit), small enough for i386's 32-bit lseek() offset, so lseek(fd, 0,
 * SEEK_CUR) after a full listing and lseek() back to any d_off work.
 * The pid allocator (alloc_task(), kernel/fork.c) counts up from 1 and
 * never wraps; a pid at or above PID_MAX_LIMIT (four million tasks in one
 * boot) would not be listed, though /proc/PID still opens.
 *
 * Where it differs from Linux: five entries of Linux's ~50 (no fd/, task/,
 * environ, mem, ...); cmdline is a snapshot taken at open (Linux reads it
 * at each read()) and does not follow a process that rewrote its argv
 * past arg_end (Linux's setproctitle() case); the access helper lives
 * here rather than in mm/memory.c; no ptrace_may_access() checks.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mutex.h>
#include <kernel/proc_fs.h>
#include <kernel/sched.h>
#include <kernel/sched/mm.h>
#include <kernel/sched/task.h>
#include <kernel/seq_file.h>
#include <kernel/string.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <uapi/linux/dirent.h>

#include "internal.h"

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

static int proc_stat_show(struct seq_file *m, void *v)
{
	return proc_tgid_stat(m, v);
}

/*
 * Copy @len bytes at @addr of @mm into @buf (Linux's access_remote_vm(),
 * reads only). Context: process context, mmap_lock not held (taken here).
 * Return: bytes copied; short at an unmapped or unreadable address.
 */
static size_t access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, size_t len)
{
	struct vm_area_struct *vma;
	unsigned long pfn;
	size_t done = 0;

	mutex_lock(&mm->mmap_lock);
	while (done < len) {
		size_t in = addr & ~PAGE_MASK, n = min(PAGE_SIZE - in, len - done);
		u8 *kaddr;

		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr || !(vma->vm_flags & VM_READ))
			break;
		if (!follow_pfn_user(mm, addr, &pfn, NULL) || !pfn_valid(pfn))
			break;
		kaddr = kmap_local_page(pfn_to_page(pfn));
		memcpy((u8 *)buf + done, kaddr + in, n);
		kunmap_local(kaddr);
		done += n;
		addr += n;
	}
	mutex_unlock(&mm->mmap_lock);
	return done;
}

/* argv as the process's memory holds it: Linux's get_mm_cmdline(), 256 bytes at a time. */
static int proc_cmdline_show(struct seq_file *m, void *v)
{
	struct mm_struct *mm = get_task_mm(v);
	unsigned long addr, end;
	char chunk[256];

	if (!mm)
		return 0;			/* a kernel thread, or exited: empty */
	addr = mm->arg_start;
	end = mm->arg_end;
	while (addr < end) {
		size_t want = min((unsigned long)sizeof(chunk), end - addr);
		size_t got = access_remote_vm(mm, addr, chunk, want);

		seq_write(m, chunk, got);
		if (got < want)
			break;
		addr += got;
	}
	mmput(mm);
	return 0;
}

static struct file *proc_open_pagemap(struct task_struct *task, int flags)
{
	struct mm_struct *mm = get_task_mm(task);
	struct file *f;

	if (!mm)			/* a kernel thread: Linux's pagemap is empty */
		return alloc_file(&null_fops, flags);
	f = proc_pagemap_open_mm(mm, flags);
	mmput(mm);			/* the file took its own */
	return f;
}

/* One entry of a process directory: a seq_file report, or its own open. */
struct pid_entry {
	const char *name;
	int (*show)(struct seq_file *m, void *task);
	struct file *(*open)(struct task_struct *task, int flags);
};

/* Linux 6.1's tgid_base_stuff[] order, the entries this kernel has. */
static const struct pid_entry tgid_base_stuff[] = {
	{ "status",	proc_status_show,	NULL },
	{ "cmdline",	proc_cmdline_show,	NULL },
	{ "stat",	proc_stat_show,		NULL },
	{ "maps",	proc_maps_show,		NULL },
	{ "pagemap",	NULL,			proc_open_pagemap },
};

static int proc_tgid_base_readdir(struct file *file, struct dir_context *ctx)
{
	pid_t pid = (pid_t)(uintptr_t)file->private_data;
	struct task_struct *task = find_get_task_by_vpid(pid);

	if (!task)
		return -ENOENT;		/* reaped since the open, as Linux */
	put_task_struct(task);
	if (!dir_emit_dots(ctx, PROC_PID_INO(pid), PROC_ROOT_INO))
		return 0;
	for (; ctx->pos - 2 < (loff_t)ARRAY_SIZE(tgid_base_stuff); ctx->pos++) {
		unsigned int j = ctx->pos - 2;
		const char *name = tgid_base_stuff[j].name;

		if (!dir_emit(ctx, name, strlen(name), PROC_PID_INO(pid) | (1 + j), DT_REG))
			return 0;
	}
	return 0;
}

static const struct file_operations proc_tgid_base_operations = {
	.read_iter = generic_read_dir,
	.llseek = generic_dir_llseek,
	.iterate_shared = proc_tgid_base_readdir,
};

struct file *proc_pid_open(struct task_struct *task, const char *rest, int flags)
{
	bool write = (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC));
	struct file *f;
	unsigned int j;

	while (*rest == '/')
		rest++;
	if (!*rest) {
		if (write)
			return ERR_PTR(-EISDIR);
		f = alloc_file(&proc_tgid_base_operations, flags);
		if (!IS_ERR(f)) {
			f->private_data = (void *)(uintptr_t)task->pid;
			f->f_mode |= FMODE_LSEEK;
		}
		return f;
	}
	for (j = 0; j < ARRAY_SIZE(tgid_base_stuff); j++) {
		const struct pid_entry *e = &tgid_base_stuff[j];

		if (strcmp(rest, e->name))
			continue;
		if (flags & O_DIRECTORY)
			return ERR_PTR(-ENOTDIR);
		if (write)
			return ERR_PTR(-EACCES);
		return e->open ? e->open(task, flags) : proc_open_seq(e->show, task, flags);
	}
	return ERR_PTR(-ENOENT);
}

/* The smallest pid >= @from of a task /proc shows (not reaped, not the idle task); -1: none. */
static pid_t next_tgid(pid_t from)
{
	struct task_struct *p;
	unsigned long flags;
	pid_t best = -1;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->pid >= from && p->pid > 0 && p->exit_state != EXIT_DEAD &&
		    (best < 0 || p->pid < best))
			best = p->pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

int proc_pid_readdir(struct file *file, struct dir_context *ctx)
{
	pid_t pid;

	while (ctx->pos - FIRST_PROCESS_ENTRY < PID_MAX_LIMIT &&
	       (pid = next_tgid(ctx->pos - FIRST_PROCESS_ENTRY)) >= 0 && pid < PID_MAX_LIMIT) {
		char name[12];
		int len = snprintf(name, sizeof(name), "%d", pid);

		ctx->pos = FIRST_PROCESS_ENTRY + pid;
		if (!dir_emit(ctx, name, len, PROC_PID_INO(pid), DT_DIR))
			return 0;
		ctx->pos++;
	}
	ctx->pos = FIRST_PROCESS_ENTRY + PID_MAX_LIMIT;	/* the end, as Linux's; fits i386's 32-bit lseek */
	return 0;
}
