/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_TYPES_H
#define _KERNEL_TYPES_H

typedef unsigned char		u8;
typedef unsigned short		u16;
typedef unsigned int		u32;
typedef unsigned long long	u64;
typedef signed char		s8;
typedef short			s16;
typedef int			s32;
typedef long long		s64;

typedef unsigned int		size_t;
typedef int			ssize_t;
typedef long long		loff_t;
typedef unsigned short		umode_t;
typedef int			pid_t;
typedef unsigned long		uintptr_t;
typedef long			intptr_t;
typedef int			ptrdiff_t;

/*
 * Distinct names for distinct kinds of address. A physical address is
 * 64 bits wide even without PAE: the e820 map describes RAM above 4 GiB
 * and the kernel must be able to talk about memory it cannot use.
 */
typedef u64			phys_addr_t;
typedef unsigned long		pfn_t_;	/* a page frame number: phys >> PAGE_SHIFT */

typedef _Bool			bool;
#define true			1
#define false			0
#define NULL			((void *)0)

typedef __builtin_va_list	va_list;
#define va_start(ap, last)	__builtin_va_start(ap, last)
#define va_arg(ap, type)	__builtin_va_arg(ap, type)
#define va_end(ap)		__builtin_va_end(ap)
#define va_copy(d, s)		__builtin_va_copy(d, s)

#define offsetof(t, m)		__builtin_offsetof(t, m)

#define U32_MAX			0xffffffffU
#define ULONG_MAX		0xffffffffUL
#define INT_MAX			0x7fffffff
#define UINT_MAX		0xffffffffU
#define LONG_MAX		0x7fffffffL
#define SIZE_MAX		0xffffffffU

#endif
