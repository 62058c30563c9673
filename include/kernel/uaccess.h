/* SPDX-License-Identifier: MIT */
/*
 * Accesses that may fault and say so instead of oopsing (mm/maccess.c),
 * built on the exception table (arch/x86/include/asm/extable.h).
 */
#ifndef _KERNEL_UACCESS_H
#define _KERNEL_UACCESS_H

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

#endif
