/* SPDX-License-Identifier: MIT */
/* Reading physical memory that has no kernel mapping (arch/x86/mm/early_read.c). */
#ifndef _ASM_X86_EARLY_READ_H
#define _ASM_X86_EARLY_READ_H

#include <kernel/types.h>

/**
 * copy_from_phys - copy @len bytes at physical @phys to @dst.
 * @dst: a kernel buffer
 * @phys: a physical address; the range may cross pages and lie anywhere
 * @len: bytes
 *
 * Reads through the FIX_EARLY_READ fixmap slot, one page at a time, so
 * firmware tables above lowmem (ACPI's, near the top of RAM below 4 GiB)
 * can be read without ioremap(). Reading where nothing is (a hole, a
 * device) returns what the bus returns, never a fault.
 * Context: boot, after paging_init(); one caller at a time.
 * Return: 0, or -1 (nothing copied) when the range runs past what the
 * page tables can express (4 GiB without PAE) or wraps.
 */
int copy_from_phys(void *dst, u64 phys, u32 len);

/**
 * phys_checksum - the byte sum of [@phys, @phys + @len) modulo 256 (ACPI
 * and MP tables are valid when it is 0), read as copy_from_phys() does.
 * Return: the sum, or -1 when the range cannot be read.
 */
int phys_checksum(u64 phys, u32 len);

/**
 * phys_find - the first 16-byte boundary in [@phys, @phys + @len) where
 * the @siglen bytes of @sig are (firmware signatures such as "RSD PTR ").
 * @phys: 16-byte aligned
 * @siglen: at most 16
 * Context: boot, after paging_init(); one caller at a time.
 * Return: its physical address, or 0 (none, or a range that cannot be read).
 */
u64 phys_find(u64 phys, u32 len, const char *sig, u32 siglen);

#endif
