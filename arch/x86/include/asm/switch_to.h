/* SPDX-License-Identifier: MIT */
/*
 * The architecture's half of a context switch (arch/x86/kernel/switch_to.asm,
 * arch/x86/kernel/process.c): the stack switch, and the frame a new task
 * starts from.
 */
#ifndef _ASM_X86_SWITCH_TO_H
#define _ASM_X86_SWITCH_TO_H

struct task_struct;

/*
 * Save prev's callee-saved registers and stack pointer, load next's.
 * Return: in next, the task switched away from (Linux's `last`).
 * Context: interrupts off, run-queue lock held.
 */
struct task_struct *__switch_to_asm(struct task_struct *prev, struct task_struct *next);

/* Where a new task's first switch returns to. */
void ret_from_fork(void);

/* Give @p a first frame that calls fn(arg) through ret_from_fork. */
void copy_thread(struct task_struct *p, void (*fn)(void *), void *arg);

#endif
