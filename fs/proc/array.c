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
 * Where it differs from Linux: no Umask, Speculation_*, Seccomp_filters
 * beyond 0, SigQ; Groups is empty; the signal masks come from
 * task->pending alone (no blocked, ignored or caught sets yet).
 */
#include <kernel/fs.h>
#include <kernel/proc_fs.h>
#include <kernel/sched.h>
#include <kernel/sched/mm.h>
#include <kernel/seq_file.h>

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
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", p->pid, p->pid, p->pid, p->pid);
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
	seq_puts(m, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n");
	seq_puts(m, "Mems_allowed:\t1\nMems_allowed_list:\t0\n");
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		   p->nvcsw, p->nivcsw);
	return 0;
}
