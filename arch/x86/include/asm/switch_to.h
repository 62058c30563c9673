/* SPDX-License-Identifier: MIT */
/*
 * The architecture's half of a context switch (arch/x86/kernel/switch_to.asm,
 * arch/x86/kernel/process.c): the stack switch, and the frame a new task
 * starts from.
 */
#ifndef _ASM_X86_SWITCH_TO_H
#define _ASM_X86_SWITCH_TO_H

#include <kernel/compiler.h>

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

struct pt_regs;
/* A forked process's first switch returns here, then irets to ring 3 (entry.asm). */
void ret_from_fork_user(void);
/* Leave for ring 3 through the frame @regs at the top of this task's stack (entry.asm). */
__noreturn void ret_to_user(struct pt_regs *regs);

/*
 * copy_thread_user - give the forked @p a copy of @regs (the parent's
 * entry frame) with eax 0 at the top of its stack, and a first switch
 * frame returning through ret_from_fork_user. Context: fork().
 */
void copy_thread_user(struct task_struct *p, const struct pt_regs *regs);

#endif
