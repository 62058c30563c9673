/* SPDX-License-Identifier: MIT */
/*
 * syscall.h: the Linux i386 system-call numbers this libc uses and the raw
 * entry points. A call is `int $0x80` with the number in eax and up to six
 * arguments in ebx, ecx, edx, esi, edi, ebp; eax comes back holding the
 * result, or -errno (-4095..-1) on failure. syscallN() return that raw value
 * and never touch errno; the wrappers in <unistd.h> etc. turn it into -1 and
 * errno, as C programs expect.
 */
#ifndef _SYSCALL_H
#define _SYSCALL_H

#define __NR_exit		1
#define __NR_fork		2
#define __NR_read		3
#define __NR_write		4
#define __NR_open		5
#define __NR_close		6
#define __NR_execve		11
#define __NR_lseek		19
#define __NR_getpid		20
#define __NR_kill		37
#define __NR_brk		45
#define __NR_getppid		64
#define __NR_setrlimit		75
#define __NR_munmap		91
#define __NR_wait4		114
#define __NR_uname		122
#define __NR_mprotect		125
#define __NR_sched_yield	158
#define __NR_nanosleep		162
#define __NR_mmap2		192
#define __NR_exit_group		252

/* The one trap, in syscall.asm: every argument is passed, unused ones as 0. */
long __syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

#define syscall0(n)			__syscall((n), 0, 0, 0, 0, 0, 0)
#define syscall1(n, a)			__syscall((n), (long)(a), 0, 0, 0, 0, 0)
#define syscall2(n, a, b)		__syscall((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define syscall3(n, a, b, c)		__syscall((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define syscall4(n, a, b, c, d)		__syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define syscall5(n, a, b, c, d, e)	__syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define syscall6(n, a, b, c, d, e, f)	__syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* A raw result is an error iff it lies in -4095..-1. */
#define SYSCALL_IS_ERR(r)	((unsigned long)(r) >= (unsigned long)-4095)

#endif
