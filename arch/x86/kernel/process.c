// SPDX-License-Identifier: MIT
/*
 * The first stack frame of a new task: what __switch_to_asm()
 * (switch_to.asm) pops the first time it switches to it.
 *
 *   stack + THREAD_SIZE  +---------------+
 *                        | (pt_regs)     |  left free, as Linux does: kernel_execve() fills it
 *                        | 0             |  a zero return address: backtraces end
 *                        | ret_from_fork |  __switch_to_asm's `ret` goes here
 *                        | ebp = 0       |  ends the frame-pointer chain
 *                        | ebx = fn      |  ret_from_fork calls fn(arg)
 *                        | esi = arg     |
 *   thread.sp ------->   | edi = 0       |
 *                        +---------------+
 *
 * A forked process (copy_thread_user) gets a copy of its parent's entry
 * frame at the very top instead, with eax = 0 (fork() returns 0 in the
 * child), and a switch frame under it whose `ret` goes to
 * ret_from_fork_user (entry.asm): schedule_tail(), then the same pops
 * and iret as any return to ring 3.
 *
 *   stack + THREAD_SIZE  +--------------------+
 *                        | struct pt_regs     |  the parent's, eax = 0
 *                        | ret_from_fork_user |
 *                        | ebp, ebx, esi, edi |  0
 *   thread.sp ------->   +--------------------+
 *
 * Where it differs from Linux: Linux's copy_thread() builds the same
 * two parts (struct inactive_task_frame under a pt_regs) for kernel
 * threads too, and also copies the TLS descriptors and the FPU state.
 */
#include <asm/ptrace.h>
#include <asm/switch_to.h>
#include <kernel/sched.h>

void copy_thread(struct task_struct *p, void (*fn)(void *), void *arg)
{
	/* the pt_regs slot stays free: a kernel thread that execs (pid 1) fills it */
	unsigned long *sp = (unsigned long *)((struct pt_regs *)((char *)p->stack + THREAD_SIZE) - 1);

	*--sp = 0;
	*--sp = (unsigned long)ret_from_fork;
	*--sp = 0;			/* ebp */
	*--sp = (unsigned long)fn;	/* ebx */
	*--sp = (unsigned long)arg;	/* esi */
	*--sp = 0;			/* edi */
	p->thread.sp = (unsigned long)sp;
}

void copy_thread_user(struct task_struct *p, const struct pt_regs *regs)
{
	struct pt_regs *childregs = (struct pt_regs *)((char *)p->stack + THREAD_SIZE) - 1;
	unsigned long *sp = (unsigned long *)childregs;

	*childregs = *regs;
	childregs->eax = 0;
	*--sp = (unsigned long)ret_from_fork_user;
	*--sp = 0;			/* ebp */
	*--sp = 0;			/* ebx */
	*--sp = 0;			/* esi */
	*--sp = 0;			/* edi */
	p->thread.sp = (unsigned long)sp;
}
