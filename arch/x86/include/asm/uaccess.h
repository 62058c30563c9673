/* SPDX-License-Identifier: MIT */
/*
 * One-byte accesses that may fault, each with its own __ex_table entry
 * (asm/extable.h): on a fault the exception returns to the instruction
 * after the access with %eax = -EFAULT. mm/maccess.c builds
 * copy_from_kernel_nofault() and copy_to_kernel_nofault() on them;
 * copy_from_user() will be built the same way.
 */
#ifndef _ASM_X86_UACCESS_H
#define _ASM_X86_UACCESS_H

#include <asm/extable.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

/* *@dst = *@src, one byte; 0, or -EFAULT (and *@dst untouched) if @src faults. */
static __always_inline int __get_kernel_nofault_u8(u8 *dst, const u8 *src)
{
	int err;
	u8 v;

	__asm__ __volatile__("1:	movb (%2), %1\n"
			     "2:\n"
			     _ASM_EXTABLE_TYPE(1b, 2b, EX_TYPE_EFAULT_AX)
			     : "=a"(err), "=q"(v) : "r"(src), "0"(0) : "memory");
	if (!err)
		*dst = v;
	return err;
}

/* *@dst = @v, one byte; 0, or -EFAULT if @dst faults. */
static __always_inline int __put_kernel_nofault_u8(u8 *dst, u8 v)
{
	int err;

	__asm__ __volatile__("1:	movb %2, (%1)\n"
			     "2:\n"
			     _ASM_EXTABLE_TYPE(1b, 2b, EX_TYPE_EFAULT_AX)
			     : "=a"(err) : "r"(dst), "q"(v), "0"(0) : "memory");
	return err;
}

#endif
