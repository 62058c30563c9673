/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_KALLSYMS_H
#define _KERNEL_KALLSYMS_H

#include <kernel/types.h>

/*
 * kallsyms_lookup - the function containing @addr.
 * Return: its name (and through @offset/@size where in it @addr is),
 * or NULL when @addr is not in kernel text.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);
/* Print " [<addr>] name+off/size" for every frame on the ebp chain. */
void dump_stack_from(unsigned long ebp);
void dump_stack(void);

#endif
