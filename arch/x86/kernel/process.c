// SPDX-License-Identifier: MIT
/*
 * The first stack frame of a new task: what __switch_to_asm()
 * (switch_to.asm) pops the first time it switches to it.
 *
 *   stack + THREAD_SIZE  +---------------+
 *                        | 0             |  a zero return address: backtraces end
 *                        | ret_from_fork |  __switch_to_asm's `ret` goes here
 *                        | ebp = 0       |  ends the frame-pointer chain
 *                        | ebx = fn      |  ret_from_fork calls fn(arg)
 *                        | esi = arg     |
 *   thread.sp ------->   | edi = 0       |
 *                        +---------------+
 *
 * Where it differs from Linux: Linux's copy_thread() builds a struct
 * inactive_task_frame under a full pt_regs (so that a user process can
 * return to user mode through it); kernel threads need only this part.
 * The user-process issue adds the pt_regs.
 */
#include <asm/switch_to.h>
#include <kernel/sched.h>

void copy_thread(struct task_struct *p, void (*fn)(void *), void *arg)
{
	unsigned long *sp = (unsigned long *)((char *)p->stack + THREAD_SIZE);

	*--sp = 0;
	*--sp = (unsigned long)ret_from_fork;
	*--sp = 0;			/* ebp */
	*--sp = (unsigned long)fn;	/* ebx */
	*--sp = (unsigned long)arg;	/* esi */
	*--sp = 0;			/* edi */
	p->thread.sp = (unsigned long)sp;
}
