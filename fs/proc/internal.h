/* SPDX-License-Identifier: MIT */
/*
 * fs/proc/'s own declarations: how root.c (the /proc directory) and
 * base.c (the /proc/PID directories) hand paths and listings to each
 * other, and the inode numbers both give out:
 *
 *   PROC_ROOT_INO  /proc itself (kernel/fs.h: 0xffffffff, above the rest
 *                  and the archive's numbers; Linux's is 1)
 *   2 + i          the i-th name directly in /proc ("self" last)
 *   pid << 8       /proc/PID
 *   pid << 8 | 1+j its j-th entry (tgid_base_stuff[], fs/proc/base.c)
 *
 * so no two collide while names in /proc stay below 254.
 */
#ifndef _FS_PROC_INTERNAL_H
#define _FS_PROC_INTERNAL_H

#include <kernel/fs.h>
#include <kernel/types.h>

struct seq_file;
struct task_struct;

#define PROC_PID_INO(pid)	((u64)(pid) << 8)

/*
 * /proc's directory positions: "." 0, ".." 1, the names from 2, and
 * process PID at FIRST_PROCESS_ENTRY + PID (Linux's numbers).
 */
#define FIRST_PROCESS_ENTRY	256
#define PID_MAX_LIMIT		(4 * 1024 * 1024)	/* Linux's: pids listed are below it */

/* A file whose text is @show's report on @data, made now (single_open()). Return: file or ERR_PTR. */
struct file *proc_open_seq(int (*show)(struct seq_file *, void *), void *data, int flags);

/* "/PID" or "/PID/entry" of @task; @rest is what follows the PID. Return: file or ERR_PTR. */
struct file *proc_pid_open(struct task_struct *task, const char *rest, int flags);

/* The process directories of /proc, from ctx->pos (>= FIRST_PROCESS_ENTRY) on, in pid order. */
int proc_pid_readdir(struct file *file, struct dir_context *ctx);

/* /proc/PID/stat (fs/proc/array.c, Linux 6.1's do_task_stat() format). */
int proc_tgid_stat(struct seq_file *m, struct task_struct *task);

/* The one-letter state, "R" "S" "D" "Z" "X" (fs/proc/array.c). */
char task_state_char(const struct task_struct *p);

#endif
