/* SPDX-License-Identifier: MIT */
/*
 * The x87 FPU state of user processes (arch/x86/kernel/fpu.c): saved and
 * restored lazily, so tasks that never touch the FPU (every kernel
 * thread, most programs here) never pay for it.
 */
#ifndef _ASM_X86_FPU_H
#define _ASM_X86_FPU_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct task_struct;
struct pt_regs;

/* The fnsave/frstor image: 108 bytes (Intel SDM vol. 1, 8.1.10). */
struct fpu {
	u8 state[108] __aligned(4);
	bool initialized;		/* state holds something: restore it, don't fninit */
};

/* The task whose state is in the FPU registers now, or NULL (one CPU). */
extern struct task_struct *fpu_owner;
extern bool fpu_ts_set;			/* CR0.TS as last written */

/* CR0.MP and NE on, EM off, TS set: the first FPU instruction traps (#NM). Context: boot. */
void fpu_init(void);

void __fpu_set_ts(bool ts);

/*
 * switch_fpu - at a context switch: TS clear if @next owns the FPU
 * registers, set otherwise (its first FPU instruction then traps).
 * Context: context_switch(), interrupts off.
 */
static __always_inline void switch_fpu(struct task_struct *next)
{
	bool ts = next != fpu_owner;

	if (unlikely(ts != fpu_ts_set))
		__fpu_set_ts(ts);
}

/* #NM from ring 3: give current the FPU (save the owner's, restore or init current's). */
void do_device_not_available(struct pt_regs *regs);

/* fork(): @child starts with a copy of current's FPU state. Context: process. */
void fpu_copy(struct task_struct *child);

/* execve() or exit: current's FPU state goes (a new program starts with fninit). */
void fpu_drop(struct task_struct *tsk);

#endif
