// SPDX-License-Identifier: MIT
/*
 * How this works: process groups and sessions, the job-control
 * bookkeeping a shell needs (Linux's kernel/sys.c setpgid() family).
 *
 * Every task has a pgid (its process group) and a sid (its session),
 * both pids: a group is "the processes whose pgid is N", its leader the
 * one whose pid is N (which may have exited: the group lives as long as
 * a member does); likewise a session. fork() copies both, so a child
 * starts in its parent's group; pid 1 starts as leader of group 1 and
 * session 1 (kernel/fork.c), kernel threads have 0 and 0.
 *
 *   shell (pid 5, pgid 1, sid 1)
 *     fork -> child 7 (pgid 1)   setpgid(7, 7) in both, the race-free idiom
 *             child 7 (pgid 7)   tcsetpgrp(tty, 7): the terminal's foreground
 *     ^C on the terminal         SIGINT to every process with pgid 7
 *
 * The calls, with Linux's rules and errors:
 *
 *   setpgid(pid, pgid)  pid 0 is the caller, pgid 0 is pid. -EINVAL for a
 *                       negative pgid; -ESRCH unless pid is the caller or
 *                       one of its children; -EPERM for a child in another
 *                       session, for a session leader, or for a pgid that
 *                       is neither pid nor an existing group of the
 *                       caller's session
 *   getpgid(pid)        pid 0 is the caller; -ESRCH if there is no such task
 *   getpgrp()           the caller's pgid
 *   setsid()            a new session and group led by the caller: -EPERM
 *                       if a group with the caller's pid exists already
 *                       (it leads one: the rule that keeps sessions disjoint)
 *   getsid(pid)         as getpgid
 *
 * kill_pgrp() signals a group (kill(0, sig), kill(-pgid, sig), the tty's
 * ^C), sparing pid 1 as kill() does. Everything walks task_list under
 * tasklist_lock, taken with interrupts off like everywhere else, so the
 * tty may call kill_pgrp() from its receive interrupt.
 *
 * Where it differs from Linux: no struct pid and PIDTYPE_PGID lists: a
 * group is found by walking every task (there are few); setpgid() of a
 * child that has already called execve() succeeds (Linux: -EACCES);
 * setsid() detaches from no controlling terminal (there is one
 * terminal, session 1's: drivers/tty/tty_io.c).
 */
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/syscalls.h>
#include "sched/sched.h"

/* The task with @pid, or NULL. Context: tasklist_lock held. */
static struct task_struct *find_task(int pid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid)
			return p;
	return NULL;
}

/* A member of group @pgid (0 is nobody's group), or NULL. Context: tasklist_lock held. */
static struct task_struct *find_pgrp_member(int pgid)
{
	struct task_struct *p;

	if (pgid <= 0)
		return NULL;
	list_for_each_entry(p, &task_list, tasks)
		if (p->pgid == pgid)
			return p;
	return NULL;
}

int pgrp_session(int pgid)
{
	struct task_struct *p;
	unsigned long flags;
	int sid;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_pgrp_member(pgid);
	sid = p ? p->sid : -ESRCH;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return sid;
}

int kill_pgrp(int pgid, int sig)
{
	struct task_struct *p;
	unsigned long flags;
	bool found = false;

	if (pgid <= 0)
		return -ESRCH;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (p->pgid != pgid)
			continue;
		found = true;
		if (p == child_reaper || !p->mm || (p->flags & PF_EXITING))
			continue;		/* init ignores it; a zombie or a dying task is past it */
		send_sig_fatal(p, sig);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found ? 0 : -ESRCH;
}

long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *p, *g;
	unsigned long flags;
	long err;

	if (!pid)
		pid = current->pid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	err = -ESRCH;
	p = find_task(pid);
	if (!p || (p != current && p->parent != current))
		goto out;
	err = -EPERM;
	if (p != current && p->sid != current->sid)
		goto out;			/* a child in another session */
	if (p->pid == p->sid)
		goto out;			/* a session leader stays in its group */
	if (pgid != p->pid) {
		g = find_pgrp_member(pgid);
		if (!g || g->sid != current->sid)
			goto out;		/* only an existing group of our session */
	}
	p->pgid = pgid;
	err = 0;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/* getpgid/getsid: the field of task @pid (0: the caller), or -ESRCH. */
static long task_id_field(pid_t pid, bool session)
{
	struct task_struct *p;
	unsigned long flags;
	long ret;

	if (!pid)
		return session ? current->sid : current->pgid;
	spin_lock_irqsave(&tasklist_lock, flags);
	p = pid > 0 ? find_task(pid) : NULL;
	ret = !p ? -ESRCH : session ? p->sid : p->pgid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

long sys_getpgid(pid_t pid)
{
	return task_id_field(pid, false);
}

long sys_getsid(pid_t pid)
{
	return task_id_field(pid, true);
}

long sys_getpgrp(void)
{
	return current->pgid;
}

long sys_setsid(void)
{
	unsigned long flags;
	long ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (find_pgrp_member(current->pid)) {
		ret = -EPERM;			/* it leads a group (or its old group lives on) */
	} else {
		current->sid = current->pgid = current->pid;
		ret = current->pid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}
