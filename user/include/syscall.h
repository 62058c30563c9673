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

#include <asm/unistd_32.h>	/* the numbers: the kernel's own list (include/uapi) */

/* The general trap, in syscall.asm: every argument is passed, unused ones as 0. */
long __syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

/*
 * Up to three arguments the trap is inline: the number in %eax, the
 * arguments in %ebx, %ecx, %edx, the result back in %eax; the kernel
 * restores every other register. (Four to six go through __syscall(),
 * which also loads %esi, %edi and %ebp.)
 */
static inline long __syscall0(long n)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "0"(n) : "memory");
	return r;
}

static inline long __syscall1(long n, long a)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "0"(n), "b"(a) : "memory");
	return r;
}

static inline long __syscall2(long n, long a, long b)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "0"(n), "b"(a), "c"(b) : "memory");
	return r;
}

static inline long __syscall3(long n, long a, long b, long c)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "0"(n), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

#define syscall0(n)			__syscall0((n))
#define syscall1(n, a)			__syscall1((n), (long)(a))
#define syscall2(n, a, b)		__syscall2((n), (long)(a), (long)(b))
#define syscall3(n, a, b, c)		__syscall3((n), (long)(a), (long)(b), (long)(c))
#define syscall4(n, a, b, c, d)		__syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define syscall5(n, a, b, c, d, e)	__syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define syscall6(n, a, b, c, d, e, f)	__syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* A raw result is an error iff it lies in -4095..-1. */
#define SYSCALL_IS_ERR(r)	((unsigned long)(r) >= (unsigned long)-4095)

#endif
