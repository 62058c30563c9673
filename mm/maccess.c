// SPDX-License-Identifier: MIT
/*
 * How this works: reading and writing kernel memory that may not be there.
 *
 * copy_from_kernel_nofault() and copy_to_kernel_nofault() move one byte
 * at a time through __get_kernel_nofault_u8() / __put_kernel_nofault_u8()
 * (asm/uaccess.h). Each of those is one mov with an __ex_table entry, so
 * a fault on it -- an unmapped guard page, a read-only PTE, the NULL
 * page -- is fixed up by fixup_exception() in the trap path: the mov is
 * skipped, %eax says -EFAULT, and the copy stops there. Nothing is
 * printed and nothing is reported; last_fault holds what the CPU said.
 *
 * Invariant: only the marked instructions may fault. A fault on @dst of
 * copy_from_kernel_nofault() (or on @src of copy_to_...) is a bug and
 * oopses as any other.
 *
 * Where it differs from Linux: Linux copies 8, 4, 2 then 1 bytes at a
 * time (__get_kernel_nofault() of each size), disables page faults
 * around the copy and refuses user addresses
 * (copy_from_kernel_nofault_allowed()); here a user address is probed
 * like any other (the uaccess functions, arch/x86/lib/usercopy.c, are the
 * way to user memory) and the probes are rare, so one byte at a time.
 */
#include <asm/uaccess.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>

long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	u8 *d = dst;
	const u8 *s = src;

	for (size_t i = 0; i < size; i++)
		if (__get_kernel_nofault_u8(&d[i], &s[i]))
			return -EFAULT;
	return 0;
}

long copy_to_kernel_nofault(void *dst, const void *src, size_t size)
{
	u8 *d = dst;
	const u8 *s = src;

	for (size_t i = 0; i < size; i++)
		if (__put_kernel_nofault_u8(&d[i], s[i]))
			return -EFAULT;
	return 0;
}
