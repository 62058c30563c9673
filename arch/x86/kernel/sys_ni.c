// SPDX-License-Identifier: MIT
/*
 * System calls with no implementation linked in: each name below is a
 * weak alias of sys_ni_syscall(), so the table (syscall_32.c) always links
 * and a strong definition elsewhere replaces the alias (Linux's
 * kernel/sys_ni.c and COND_SYSCALL). do_int80_syscall_32() tells an entry
 * that is still sys_ni_syscall() by its address and logs the call.
 *
 * This file must not include <kernel/syscalls.h>: the aliases are
 * declared here with sys_ni_syscall()'s own type.
 */
#include <kernel/errno.h>

long sys_ni_syscall(void);
long sys_ni_syscall(void)
{
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
