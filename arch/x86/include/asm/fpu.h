/* SPDX-License-Identifier: MIT */
/*
 * The x87 FPU state of user processes (arch/x86/kernel/fpu.c): saved and
 * restored lazily, so tasks that never touch the FPU (every kernel
 * thread, most programs here) never pay for it.
 */
#ifndef _ASM_X86_FPU_H
#define _ASM_X86_FPU_H

#include <kernel/compiler.h>
#include <kernel/percpu.h>
#include <kernel/types.h>

struct task_struct;
struct pt_regs;

/* The fnsave/frstor image: 108 bytes (Intel SDM vol. 1, 8.1.10). */
struct fpu {
	u8 state[108] __aligned(4);
	bool initialized;		/* state holds something: restore it, don't fninit */
};

/*
 * Per CPU, as each CPU has its own FPU registers and CR0: the task whose
 * state is in this CPU's registers now, or NULL; and this CPU's CR0.TS as
 * last written. Read and written only by their own CPU, interrupts off.
 * (A task's state can be live on one CPU only: tasks do not migrate after
 * their first wake-up, so its registers are always on the CPU it runs on.)
 */
DECLARE_PER_CPU(struct task_struct *, fpu_owner);
DECLARE_PER_CPU(bool, fpu_ts_set);

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
	bool ts = next != this_cpu_read(fpu_owner);

	if (unlikely(ts != this_cpu_read(fpu_ts_set)))
		__fpu_set_ts(ts);
}

/* #NM from ring 3: give current the FPU (save the owner's, restore or init current's). */
void do_device_not_available(struct pt_regs *regs);

/* fork(): @child starts with a copy of current's FPU state. Context: process. */
void fpu_copy(struct task_struct *child);

/* execve() or exit: current's FPU state goes (a new program starts with fninit). */
void fpu_drop(struct task_struct *tsk);

#endif
