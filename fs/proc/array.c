// SPDX-License-Identifier: MIT
/*
 * How this works: /proc/PID/status, Linux 6.1's proc_pid_status() lines
 * in its order: "Name:\t", the state as a letter and a word, the ids,
 * then (for a task with a user address space) task_mem()'s Vm* lines
 * (fs/proc/task_mmu.c), the signal masks, capabilities, CPU and memory
 * node masks, and the context switch counts.
 *
 * Every task runs as root with all capabilities (CapPrm/CapEff
 * 000001ffffffffff, Linux 6.1's 41 of them), one thread (Tgid = Pid),
 * in the one pid namespace (NStgid... = Pid), on CPU 0 and node 0. The
 * state: R running or runnable, S TASK_INTERRUPTIBLE, D
 * TASK_UNINTERRUPTIBLE (a kernel thread waiting for work: Linux's would
 * say "I (idle)", a state this kernel does not have), Z a zombie, X dead.
 *
 * /proc/PID/stat: do_task_stat()'s one line of 52 fields,
 *
 *   2 (usertests) R 1 2 2 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 0 2109440 441 4294967295 ...
 *
 * pid, (comm), state, ppid, pgrp, session, tty_nr, tpgid, flags, then
 * the fault and time counters, priority 20 and nice 0 (every task is
 * SCHED_NORMAL at nice 0 here), num_threads 1, itrealvalue 0, starttime,
 * vsize in bytes (total_vm), rss in pages, rsslim (RLIM_INFINITY), the
 * code, stack, signal, wchan (Linux 6.1 shows only 0 running / 1
 * sleeping), exit_signal 17, processor (the task's CPU), and the data, brk, arg and
 * env boundaries of the address space, exit_code. A field this kernel
 * does not keep is 0: the fault counts, utime/stime and starttime (no
 * per-task accounting), kstkesp/kstkeip (Linux 6.1 hides them too).
 * tty_nr is 0 and tpgid -1: no process has a controlling terminal yet.
 *
 * Where it differs from Linux: no Umask, Speculation_*, Seccomp_filters
 * beyond 0, SigQ; Groups is empty; the signal masks come from
 * task->pending alone (no blocked, ignored or caught sets yet); stat's
 * counters above are 0 rather than counted.
 */
#include <kernel/cpumask.h>
#include <kernel/fs.h>
#include <kernel/proc_fs.h>
#include <kernel/sched.h>
#include <kernel/sched/mm.h>
#include <kernel/seq_file.h>

#include "internal.h"

/* The process group and session of @p (kernel/pgrp.c; 0 for kernel threads, as in Linux). */
static pid_t task_pgrp_id(const struct task_struct *p)
{
	return p->pgid;
}

static pid_t task_session_id(const struct task_struct *p)
{
	return p->sid;
}

static const char *task_state_name(const struct task_struct *p)
{
	if (p->exit_state == EXIT_ZOMBIE)
		return "Z (zombie)";
	if (p->exit_state == EXIT_DEAD || (p->__state & TASK_DEAD))
		return "X (dead)";
	if (p->__state & TASK_UNINTERRUPTIBLE)
		return "D (disk sleep)";
	if (p->__state & TASK_INTERRUPTIBLE)
		return "S (sleeping)";
	return "R (running)";
}

char task_state_char(const struct task_struct *p)
{
	return task_state_name(p)[0];
}

/*
 * Cpus_allowed, Cpus_allowed_list: a task never migrates after its first
 * wake-up, so once placed the CPUs it may run on are its own one; before,
 * every possible CPU (the placement may pick any of them).
 */
static void proc_cpus_allowed(struct seq_file *m, const struct task_struct *p)
{
	unsigned long mask = p->cpu < 0 ? cpu_possible_mask : cpumask_of(p->cpu);
	int first = __builtin_ctzl(mask), last = 31 - __builtin_clzl(mask);

	seq_printf(m, "Cpus_allowed:\t%lx\n", mask);
	if (first == last)
		seq_printf(m, "Cpus_allowed_list:\t%d\n", first);
	else	/* the possible CPUs are 0..n-1 */
		seq_printf(m, "Cpus_allowed_list:\t%d-%d\n", first, last);
}

int proc_pid_status(struct seq_file *m, struct task_struct *p)
{
	int ppid = p->parent ? p->parent->pid : 0;
	struct mm_struct *mm = get_task_mm(p);

	seq_printf(m, "Name:\t%s\n", p->comm);
	seq_printf(m, "State:\t%s\n", task_state_name(p));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", p->pid, p->pid, ppid);
	seq_puts(m, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
	seq_printf(m, "FDSize:\t%d\n", p->files ? NR_OPEN_DEFAULT : 0);
	seq_puts(m, "Groups:\t \n");
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", p->pid, p->pid,
		   task_pgrp_id(p), task_session_id(p));
	if (mm) {
		task_mem(m, mm);
		seq_puts(m, "CoreDumping:\t0\nTHP_enabled:\t0\n");
		mmput(mm);
	}
	seq_puts(m, "Threads:\t1\n");
	seq_printf(m, "SigPnd:\t%016lx\nShdPnd:\t%016lx\n", p->pending, 0UL);
	seq_printf(m, "SigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n", 0UL, 0UL, 0UL);
	seq_puts(m, "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\n"
		 "CapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n");
	seq_puts(m, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	proc_cpus_allowed(m, p);
	seq_puts(m, "Mems_allowed:\t1\nMems_allowed_list:\t0\n");
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		   p->nvcsw, p->nivcsw);
	return 0;
}

int proc_tgid_stat(struct seq_file *m, struct task_struct *p)
{
	int ppid = p->parent ? p->parent->pid : 0;
	struct mm_struct *mm = get_task_mm(p);
	unsigned long vsize = 0, rss = 0;

	if (mm) {
		vsize = mm->total_vm << PAGE_SHIFT;
		rss = mm->rss_anon + mm->rss_file;
	}
	seq_printf(m, "%d (%s) %c", p->pid, p->comm, task_state_char(p));
	seq_printf(m, " %d %d %d", ppid, task_pgrp_id(p), task_session_id(p));
	seq_printf(m, " 0 -1 %u", p->flags);		/* tty_nr, tpgid: no controlling tty */
	seq_puts(m, " 0 0 0 0");			/* minflt cminflt majflt cmajflt */
	seq_puts(m, " 0 0 0 0");			/* utime stime cutime cstime */
	seq_puts(m, " 20 0 1 0 0");			/* priority nice num_threads itrealvalue starttime */
	seq_printf(m, " %lu %lu %lu", vsize, rss, ~0UL);	/* rsslim: RLIM_INFINITY */
	seq_printf(m, " %lu %lu %lu 0 0", mm ? mm->start_code : 0, mm ? mm->end_code : 0,
		   mm ? mm->start_stack : 0);		/* kstkesp kstkeip: 0, as Linux 6.1 */
	seq_printf(m, " %lu 0 0 0", p->pending);	/* signal blocked sigignore sigcatch */
	seq_printf(m, " %d 0 0 17 %u 0 0 0 0 0", p->__state != TASK_RUNNING, task_cpu(p));
	/* wchan nswap cnswap exit_signal processor rt_priority policy blkio guest cguest */
	seq_printf(m, " %lu %lu %lu %lu %lu %lu %lu", mm ? mm->start_data : 0,
		   mm ? mm->end_data : 0, mm ? mm->start_brk : 0, mm ? mm->arg_start : 0,
		   mm ? mm->arg_end : 0, mm ? mm->env_start : 0, mm ? mm->env_end : 0);
	seq_printf(m, " %d\n", p->exit_code);
	if (mm)
		mmput(mm);
	return 0;
}
