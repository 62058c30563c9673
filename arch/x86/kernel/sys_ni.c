// SPDX-License-Identifier: MIT
/*
 * System calls with no implementation linked in: each name below is a
 * weak alias of sys_ni_syscall(), so the table (syscall_32.c) always links
 * and a strong definition elsewhere replaces the alias (Linux's
 * kernel/sys_ni.c and COND_SYSCALL). sys_ni_syscall() itself fills every
 * slot of the table nothing claims and takes the numbers past it
 * (entry.asm); it logs one line with the number, read from the caller's
 * saved %eax.
 *
 * This file must not include <kernel/syscalls.h>: the aliases are
 * declared here with sys_ni_syscall()'s own type.
 */
#include <asm/ptrace.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/sched.h>

struct pt_regs *current_pt_regs(void);

/* Unknown or unimplemented system calls so far (each logged). */
unsigned long syscalls_enosys;

long sys_ni_syscall(void);
long sys_ni_syscall(void)
{
	syscalls_enosys++;
	pr_info("%s[%d]: unknown system call %d (eax); -ENOSYS\n", current->comm, current->pid,
		(int)current_pt_regs()->eax);
	return -ENOSYS;
}

#define COND_SYSCALL(name) \
	long sys_##name(void) __attribute__((weak, alias("sys_ni_syscall")))

COND_SYSCALL(brk);
COND_SYSCALL(mmap2);
COND_SYSCALL(munmap);
COND_SYSCALL(mprotect);
COND_SYSCALL(open);
COND_SYSCALL(close);
COND_SYSCALL(read);
COND_SYSCALL(write);
COND_SYSCALL(lseek);
COND_SYSCALL(llseek);
COND_SYSCALL(ioctl);
COND_SYSCALL(getdents64);
COND_SYSCALL(setpgid);
COND_SYSCALL(getpgid);
COND_SYSCALL(getpgrp);
COND_SYSCALL(setsid);
COND_SYSCALL(getsid);
