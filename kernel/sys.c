// SPDX-License-Identifier: MIT
/*
 * The small system calls: who am I, who is my parent, give up the CPU,
 * sleep, what system is this, kill. (Process groups and sessions, and
 * the signalling of a whole group, are kernel/pgrp.c.)
 *
 * nanosleep() rounds up to whole jiffies (HZ = 100) and sleeps killable
 * (TASK_KILLABLE: only a fatal signal ends it early, and then the task
 * dies), so it sleeps the whole time and, as Linux does for a sleep no
 * handled signal interrupted, leaves *rmtp alone. kill() knows signal 0
 * (is there such a process?) and every signal whose default action is to
 * end the process (all are fatal: there are no handlers), sent to a pid,
 * to the caller's group (pid 0), to group -pid (pid < -1: kill_pgrp()), or
 * to every process but init and the caller (pid -1); a signal to pid 1 is
 * ignored, as Linux ignores the signals init has no handler for.
 *
 * Where it differs from Linux: Linux's nanosleep is an hrtimer, exact
 * to the nanosecond, interrupted by signals (then -EINTR and the rest in
 * *rmtp); uname's release names this kernel, not a Linux version, so a
 * program can tell where it runs (sysname "Fenestra"). Linux's kill()
 * also checks permissions (here everything runs as root) and accepts
 * the stop/continue/ignore signals, which need job control or handlers
 * (-EINVAL here).
 */
#include <kernel/errno.h>
#include <kernel/jiffies.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>
#include <kernel/version.h>
#include "sched/sched.h"

long sys_getpid(void)
{
	return current->pid;
}

long sys_getppid(void)
{
	struct task_struct *parent;
	unsigned long flags;
	long pid;

	spin_lock_irqsave(&tasklist_lock, flags);	/* the parent cannot be reaped meanwhile */
	parent = current->parent;
	pid = parent ? parent->pid : 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return pid;
}

long sys_sched_yield(void)
{
	yield();
	return 0;
}

/* Linux's struct old_timespec32: the i386 nanosleep argument. */
struct old_timespec32 {
	s32 tv_sec;
	s32 tv_nsec;
};

long sys_nanosleep(const struct old_timespec32 __user *rqtp, struct old_timespec32 __user *rmtp)
{
	struct old_timespec32 t;
	unsigned long long ticks;

	if (copy_from_user(&t, rqtp, sizeof(t)))
		return -EFAULT;
	if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= 1000000000)
		return -EINVAL;
	ticks = (unsigned long long)t.tv_sec * HZ +
		((unsigned long)t.tv_nsec + (1000000000 / HZ - 1)) / (1000000000 / HZ);
	if (ticks > 0x7fffffff)
		ticks = 0x7fffffff;
	/* killable: a SIGKILL ends the sleep (the task dies on its way out) */
	for (long left = (long)ticks;;) {
		set_current_state(TASK_KILLABLE);
		if (left <= 0 || fatal_signal_pending(current))
			break;
		left = schedule_timeout(left);
	}
	__set_current_state(TASK_RUNNING);
	(void)rmtp;			/* written only after an interruption by a handled signal */
	return fatal_signal_pending(current) ? -EINTR : 0;
}

/* Linux's struct new_utsname: six strings of 65 bytes. */
#define __NEW_UTS_LEN	64
struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

long sys_uname(struct new_utsname __user *name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Fenestra", sizeof(u.sysname));
	strlcpy(u.nodename, "fenestra", sizeof(u.nodename));
	strlcpy(u.release, FENESTRA_VERSION, sizeof(u.release));
	strlcpy(u.version, IS_ENABLED(CONFIG_X86_PAE) ? "#1 PAE VMSPLIT_" CONFIG_VMSPLIT_STR
						      : "#1 VMSPLIT_" CONFIG_VMSPLIT_STR,
		sizeof(u.version));
	strlcpy(u.machine, "i686", sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

/*
 * The signals kill() sends: 0 (a probe) and those whose default action is
 * to end the process. The ones that stop, continue or are ignored by
 * default mean nothing without job control or handlers: -EINVAL.
 */
static bool kill_sig_ok(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGCONT: case SIGSTOP: case SIGTSTP:
	case SIGTTIN: case SIGTTOU: case SIGURG: case SIGWINCH:
		return false;
	}
	return sig >= 0 && sig <= _NSIG_FATAL;
}

/* kill(-1, sig): every process but init and the caller (Linux's rule). */
static long kill_all(int sig)
{
	struct task_struct *p;
	unsigned long flags;
	bool found = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (!p->mm || p == child_reaper || p == current || (p->flags & PF_EXITING))
			continue;
		found = true;
		if (sig)
			send_sig_fatal(p, sig);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found ? 0 : -ESRCH;
}

long sys_kill(pid_t pid, int sig)
{
	struct task_struct *p, *found = NULL;
	unsigned long flags;

	if (pid == -2147483647 - 1)
		return -ESRCH;		/* INT_MIN: -pid would overflow; Linux answers -ESRCH too */
	if (!kill_sig_ok(sig))
		return -EINVAL;
	if (pid == -1)
		return kill_all(sig);
	if (pid <= 0) {
		int pgid = pid ? -pid : current->pgid;

		/* signal 0: does the group exist? */
		return sig ? kill_pgrp(pgid, sig) : pgrp_session(pgid) < 0 ? -ESRCH : 0;
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid && p->mm && !(p->flags & PF_EXITING)) {
			found = p;
			get_task_struct(p);
			break;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!found)
		return -ESRCH;
	if (found == child_reaper) {
		put_task_struct(found);
		return 0;		/* init ignores signals it has no handler for, as in Linux */
	}
	if (sig)
		send_sig_fatal(found, sig);
	put_task_struct(found);
	return 0;
}
