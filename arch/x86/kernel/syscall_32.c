// SPDX-License-Identifier: MIT
/*
 * How this works: the system-call table, and the way back to ring 3.
 *
 * `int $0x80` enters entry_INT80_32 (entry.asm) on the task's kernel
 * stack with a struct pt_regs: %eax the call's number, %ebx, %ecx, %edx,
 * %esi, %edi, %ebp its arguments (Linux i386's convention). The entry
 * turns interrupts back on (the gate cleared IF), calls
 * sys_call_table[nr] with the six registers as C arguments, and stores
 * the result in the saved %eax, which the iret hands back. The numbers
 * and the errno values are Linux's (kernel/syscalls.h), so a program
 * built for Linux i386 against no libc makes the same calls here.
 *
 * Every slot of the table has a function: a number nothing implements,
 * one whose implementation is not linked in (the weak aliases of
 * sys_ni.c) and one past the table all reach sys_ni_syscall(), which
 * returns -ENOSYS and logs one line naming the process and the number.
 * So the entry's fast path has one bounds check and no other test.
 *
 * exit_to_user_mode() is the last thing before every iret to ring 3: a
 * loop, with interrupts off, over the work that must happen before user
 * code runs again -- a reschedule (ring 3 is always preemptible: this is
 * where a process that spins in user mode loses the CPU) and a fatal
 * signal (the process exits here, on its way out, never in the middle of
 * a kernel path).
 *
 * Where it differs from Linux: Linux 6.1 prefers `sysenter` (and AMD's
 * `syscall`) through the vDSO and keeps `int $0x80` for compatibility;
 * only the gate exists here. Linux's entry is C (do_int80_syscall_32())
 * and passes each call the pt_regs (__ia32_sys_* wrappers unpack them);
 * here the assembly calls the C function with its arguments directly. Linux's exit work (kernel/entry/common.c)
 * also runs signal handlers, task work, audit and seccomp; here the only
 * signals are fatal.
 */
#include <asm/desc.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/syscalls.h>

typedef long (*syscall_fn_t)(long, long, long, long, long, long);

long sys_ni_syscall(void);

/* Through void (*)(void): the one function-pointer cast -Wcast-function-type allows. */
#define __SYSCALL(nr, fn)	[nr] = (syscall_fn_t)(void (*)(void))(fn)

/* Each number gets a slot; the unimplemented ones stay sys_ni_syscall(). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
const syscall_fn_t sys_call_table[NR_syscalls] = {
	[0 ... NR_syscalls - 1] = (syscall_fn_t)(void (*)(void))sys_ni_syscall,
	__SYSCALL(__NR_exit, sys_exit),
	__SYSCALL(__NR_fork, sys_fork),
	__SYSCALL(__NR_read, sys_read),
	__SYSCALL(__NR_write, sys_write),
	__SYSCALL(__NR_open, sys_open),
	__SYSCALL(__NR_close, sys_close),
	__SYSCALL(__NR_waitpid, sys_waitpid),
	__SYSCALL(__NR_execve, sys_execve),
	__SYSCALL(__NR_lseek, sys_lseek),
	__SYSCALL(__NR_getpid, sys_getpid),
	__SYSCALL(__NR_kill, sys_kill),
	__SYSCALL(__NR_brk, sys_brk),
	__SYSCALL(__NR_ioctl, sys_ioctl),
	__SYSCALL(__NR_setpgid, sys_setpgid),
	__SYSCALL(__NR_getppid, sys_getppid),
	__SYSCALL(__NR_getpgrp, sys_getpgrp),
	__SYSCALL(__NR_setsid, sys_setsid),
	__SYSCALL(__NR_munmap, sys_munmap),
	__SYSCALL(__NR_wait4, sys_wait4),
	__SYSCALL(__NR_uname, sys_uname),
	__SYSCALL(__NR_mprotect, sys_mprotect),
	__SYSCALL(__NR_getpgid, sys_getpgid),
	__SYSCALL(__NR__llseek, sys_llseek),
	__SYSCALL(__NR_getsid, sys_getsid),
	__SYSCALL(__NR_sched_yield, sys_sched_yield),
	__SYSCALL(__NR_nanosleep, sys_nanosleep),
	__SYSCALL(__NR_mmap2, sys_mmap2),
	__SYSCALL(__NR_getdents64, sys_getdents64),
	__SYSCALL(__NR_exit_group, sys_exit_group),
};
#pragma GCC diagnostic pop

struct pt_regs *current_pt_regs(void)
{
	return (struct pt_regs *)current->thread.sp0 - 1;
}

void exit_to_user_mode(struct pt_regs *regs)
{
	struct task_struct *tsk = current;

	(void)regs;
	for (;;) {
		bool resched = need_resched();
		bool sig = tsk->tif & (1UL << TIF_SIGPENDING);

		if (likely(!resched && !sig))
			return;
		local_irq_enable();
		if (sig)
			do_exit(__builtin_ctzl(tsk->pending));	/* dies of the lowest pending signal */
		schedule();
		local_irq_disable();
	}
}
