/* SPDX-License-Identifier: MIT */
/*
 * Accesses that may fault and say so instead of oopsing (mm/maccess.c),
 * built on the exception table (arch/x86/include/asm/extable.h).
 */
#ifndef _KERNEL_UACCESS_H
#define _KERNEL_UACCESS_H

#include <asm/page.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

/**
 * copy_from_kernel_nofault - copy from an address that may be unmapped
 * @dst: where to copy to (must be mapped)
 * @src: the kernel address to read, which may fault
 * @size: bytes to copy
 *
 * A fault on @src is fixed up through the exception table: no oops, no
 * report, and what the trap path saw is in last_fault (asm/extable.h).
 * Context: any.
 * Return: 0, or -EFAULT if some byte of @src could not be read (the bytes
 * before it have been copied).
 */
long copy_from_kernel_nofault(void *dst, const void *src, size_t size);

/**
 * copy_to_kernel_nofault - copy to an address that may be unmapped or read-only
 * @dst: the kernel address to write, which may fault
 * @src: where to copy from (must be mapped)
 * @size: bytes to copy
 *
 * Context: any.
 * Return: 0, or -EFAULT if some byte of @dst could not be written.
 */
long copy_to_kernel_nofault(void *dst, const void *src, size_t size);

/*
 * Copies across the user/kernel boundary (arch/x86/lib/usercopy.c). Every
 * user pointer is checked with access_ok() (below the split: a kernel
 * address from user space is refused before it is touched) and every
 * access has an __ex_table fixup, so a bad pointer costs -EFAULT, never an
 * oops. A fault on a valid user page is handled by the page-fault path
 * (demand paging, copy-on-write) and the copy goes on. All may sleep.
 */

/* Is [@addr, @addr + @size) entirely user space (below PAGE_OFFSET)? Context: any. */
static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= PAGE_OFFSET && a <= PAGE_OFFSET - size;
}

/**
 * copy_to_user - copy @n bytes from kernel @from to user @to
 * Context: process context (may fault pages in, sleeps).
 * Return: the number of bytes NOT copied (0 on success), as Linux.
 */
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);

/**
 * copy_from_user - copy @n bytes from user @from to kernel @to
 * Context: process context (sleeps). The uncopied tail of @to is zeroed.
 * Return: the number of bytes NOT copied (0 on success).
 */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);

/**
 * clear_user - zero @n bytes of user memory at @to
 * Context: process context (sleeps).
 * Return: the number of bytes NOT zeroed.
 */
unsigned long clear_user(void __user *to, unsigned long n);

/**
 * strncpy_from_user - copy a NUL-terminated user string
 * @dst: kernel buffer of @count bytes
 * @src: the user string
 * @count: the most bytes to copy, NUL included
 *
 * Context: process context (sleeps).
 * Return: the string's length (without the NUL; @count if no NUL was
 * found in @count bytes, and then @dst is not terminated), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, long count);

/* 0 or -EFAULT: read or write one u8/u16/u32 at a user address. Context: process context. */
int __get_user_4(u32 *val, const void __user *ptr);
int __put_user_4(u32 val, void __user *ptr);
int __get_user_1(u8 *val, const void __user *ptr);
int __put_user_1(u8 val, void __user *ptr);

/* get_user(x, ptr) / put_user(x, ptr): 4- and 1-byte objects; 0 or -EFAULT. */
#define get_user(x, ptr) ({							\
	int __gu_err;								\
	if (sizeof(*(ptr)) == 4) {						\
		u32 __gu_v = 0;							\
		__gu_err = __get_user_4(&__gu_v, (ptr));			\
		(x) = (__typeof__(*(ptr)))(unsigned long)__gu_v;		\
	} else {								\
		u8 __gu_v = 0;							\
		_Static_assert(sizeof(*(ptr)) == 1 || sizeof(*(ptr)) == 4,	\
			       "get_user: 1 or 4 bytes");			\
		__gu_err = __get_user_1(&__gu_v, (ptr));			\
		(x) = (__typeof__(*(ptr)))(unsigned long)__gu_v;		\
	}									\
	__gu_err;								\
})
#define put_user(x, ptr) ({							\
	_Static_assert(sizeof(*(ptr)) == 1 || sizeof(*(ptr)) == 4,		\
		       "put_user: 1 or 4 bytes");				\
	sizeof(*(ptr)) == 4 ? __put_user_4((u32)(unsigned long)(x), (ptr))	\
			    : __put_user_1((u8)(unsigned long)(x), (ptr));	\
})

#endif
