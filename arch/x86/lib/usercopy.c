// SPDX-License-Identifier: MIT
/*
 * How this works: copying across the user/kernel boundary.
 *
 * A system call is handed addresses by a program that may be wrong or
 * hostile. Two checks stand between them and the kernel:
 *
 *   access_ok()     the whole range lies below PAGE_OFFSET. Ring 0 can
 *                   write anywhere, so without this check a program could
 *                   pass a kernel address and have read() overwrite the
 *                   kernel for it. (kernel/uaccess.h, inline.)
 *   __ex_table      every instruction here that touches user memory has an
 *                   exception-table entry (asm/extable.h). The access may
 *                   fault: the page-fault handler first tries to fix the
 *                   fault as it would for the program itself (demand
 *                   paging, copy-on-write, stack growth: the access is then
 *                   retried and the copy goes on); when no VMA covers the
 *                   address it finds the entry and resumes at the fixup,
 *                   which reports how much was left. So a bad pointer costs
 *                   -EFAULT, never an oops.
 *
 * The bulk copies are `rep movsl` then `rep movsb` (`rep stosl` for
 * clear_user). A rep instruction that faults leaves %ecx at what is left
 * and %eip on itself, so the fixup of the dword loop computes the bytes
 * left as 4 * %ecx plus the tail not yet started.
 *
 * Where it differs from Linux: Linux 6.1 i386 picks among several copy
 * loops (movsl, an unrolled loop for Intel CPUs, ERMS `rep movsb`) and
 * also brackets each access with stac/clac for SMAP; there is no SMAP
 * here (the qemu32 CPU has none) and one loop for every CPU. Linux's
 * get_user/put_user go through out-of-line stubs that take the pointer in
 * %eax; these are plain functions.
 */
#include <asm/extable.h>
#include <kernel/errno.h>
#include <kernel/might_sleep.h>
#include <kernel/uaccess.h>

/* Copy @n bytes; return how many were not copied (a fault stops it). */
static unsigned long __copy_user_ll(void *to, const void *from, unsigned long n)
{
	unsigned long rem, d0, d1, tail;

	__asm__ __volatile__(
		"	movl %[tail], %%ecx\n"
		"	shrl $2, %%ecx\n"
		"	andl $3, %[tail]\n"
		"1:	rep movsl\n"
		"	movl %[tail], %%ecx\n"
		"2:	rep movsb\n"
		"3:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"4:	leal (%[tail], %%ecx, 4), %%ecx\n"
		"	jmp 3b\n"
		"	.popsection\n"
		_ASM_EXTABLE(1b, 4b)
		_ASM_EXTABLE(2b, 3b)
		: "=&c"(rem), "=&D"(d0), "=&S"(d1), [tail] "=&r"(tail)
		: "1"(to), "2"(from), "3"(n)
		: "memory");
	return rem;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	might_sleep();
	if (unlikely(!access_ok(to, n)))
		return n;
	return __copy_user_ll((void *)to, from, n);
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long rem = n;

	might_sleep();
	if (likely(access_ok(from, n)))
		rem = __copy_user_ll(to, (const void *)from, n);
	if (unlikely(rem))	/* no stale kernel bytes in what the caller reads */
		__builtin_memset((char *)to + (n - rem), 0, rem);
	return rem;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	unsigned long rem, d0, tail;

	might_sleep();
	if (unlikely(!access_ok(to, n)))
		return n;
	__asm__ __volatile__(
		"	movl %[tail], %%ecx\n"
		"	shrl $2, %%ecx\n"
		"	andl $3, %[tail]\n"
		"1:	rep stosl\n"
		"	movl %[tail], %%ecx\n"
		"2:	rep stosb\n"
		"3:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"4:	leal (%[tail], %%ecx, 4), %%ecx\n"
		"	jmp 3b\n"
		"	.popsection\n"
		_ASM_EXTABLE(1b, 4b)
		_ASM_EXTABLE(2b, 3b)
		: "=&c"(rem), "=&D"(d0), [tail] "=&r"(tail)
		: "1"(to), "2"(n), "a"(0)
		: "memory");
	return rem;
}

/*
 * One access of @type at a user address with its own __ex_table entry:
 * the fault's fixup resumes after it with %eax = -EFAULT. @sfx is the
 * instruction's size suffix, @reg the operand constraint ("r", or "q"
 * for a byte register).
 */
#define DEFINE_GET_USER(size, type, sfx, reg)					\
int __get_user_##size(type *val, const void __user *ptr)			\
{										\
	int err;								\
	type v;									\
										\
	might_sleep();								\
	if (unlikely(!access_ok(ptr, sizeof(type))))				\
		return -EFAULT;							\
	__asm__ __volatile__("1:	mov" sfx " (%2), %1\n"			\
			     "2:\n"						\
			     _ASM_EXTABLE_TYPE(1b, 2b, EX_TYPE_EFAULT_AX)	\
			     : "=a"(err), "=" reg(v) : "r"(ptr), "0"(0) : "memory");	\
	*val = err ? 0 : v;							\
	return err;								\
}

#define DEFINE_PUT_USER(size, type, sfx, reg)					\
int __put_user_##size(type val, void __user *ptr)				\
{										\
	int err;								\
										\
	might_sleep();								\
	if (unlikely(!access_ok(ptr, sizeof(type))))				\
		return -EFAULT;							\
	__asm__ __volatile__("1:	mov" sfx " %2, (%1)\n"			\
			     "2:\n"						\
			     _ASM_EXTABLE_TYPE(1b, 2b, EX_TYPE_EFAULT_AX)	\
			     : "=a"(err) : "r"(ptr), reg(val), "0"(0) : "memory");	\
	return err;								\
}

DEFINE_GET_USER(4, u32, "l", "r")
DEFINE_PUT_USER(4, u32, "l", "r")
DEFINE_GET_USER(1, u8, "b", "q")
DEFINE_PUT_USER(1, u8, "b", "q")

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	const u8 __user *s = (const u8 __user *)src;
	long i;

	might_sleep();
	if (count <= 0)
		return 0;
	for (i = 0; i < count; i++) {
		u8 c;

		if (__get_user_1(&c, s + i))	/* access_ok() per byte: stops at PAGE_OFFSET */
			return -EFAULT;
		dst[i] = (char)c;
		if (!c)
			return i;
	}
	return count;
}
