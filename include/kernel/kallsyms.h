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
struct task_struct;
/* Print " [<addr>] name+off/size" for every frame on the ebp chain of current's stack. */
void dump_stack_from(unsigned long ebp);
/* The same on @p's stack (a task that is not running: from its saved ebp). */
void dump_stack_task(const struct task_struct *p, unsigned long ebp);

/*
 * stack_trace_save_tsk - the return addresses on @p's stack, innermost
 * first: from here if @p is current, else from where it was switched
 * out. Return: how many were stored in @store (at most @size).
 * Context: @p must not run meanwhile (one CPU: it cannot).
 */
unsigned int stack_trace_save_tsk(const struct task_struct *p, unsigned long *store,
				  unsigned int size);
/* Print @p's backtrace: current's from here, another task's from its switch frame. */
void show_stack_task(const struct task_struct *p);
/* The same from a given frame pointer on @p's stack. */
unsigned int stack_trace_save_ebp(const struct task_struct *p, unsigned long ebp,
				  unsigned long *store, unsigned int size);
void dump_stack(void);

#endif
