// SPDX-License-Identifier: MIT
/*
 * How this works: the FPU registers follow the task, lazily.
 *
 * The x87 registers (and MMX, which aliases them) are the one piece of
 * user state the entry code does not save: a program that uses them
 * must find them as it left them, whatever ran in between, and must not
 * see another program's values. Saving 108 bytes at every switch would
 * cost every switch; instead the CPU is told when it matters. CR0.TS set
 * makes the next FPU instruction raise #NM (device not available):
 *
 *   switch to B       switch_fpu(): TS set unless B's state is in the
 *                     registers already (B == fpu_owner)
 *   B's first fld     #NM -> do_device_not_available(): clts, fnsave the
 *                     owner's registers into owner->thread.fpu, frstor B's
 *                     (or fninit a fresh one), B becomes the owner
 *   back to B later   nothing at all if nobody else used the FPU
 *
 * Each CPU has its own registers, so the owner and the TS bit are per CPU
 * (this_cpu_read(fpu_owner)), touched only by their CPU with interrupts
 * off; a task's state is live on at most the one CPU it runs on (tasks do
 * not migrate once woken, and a task that did would first have to be
 * saved on the old CPU: Linux's old fpu.last_cpu check).
 *
 * Kernel threads and programs that never touch the FPU never trap. The
 * kernel itself uses no FPU (-mgeneral-regs-only), so an #NM in ring 0
 * is a bug, reported. fork() copies the parent's state (saved first if it
 * is live in the registers); execve() and exit drop it.
 *
 * Where it differs from Linux: Linux 6.1 switches the FPU eagerly (XSAVE
 * at every switch, since lazy switching leaks through speculation) and
 * supports SSE/AVX state; here the state is the x87/MMX fnsave image only
 * (CR4.OSFXSR is left off, so an SSE instruction is #UD: SIGILL), and
 * lazy switching is kept because it costs nothing for the tasks that do
 * not use the FPU, and there is no speculative-execution threat model.
 */
#include <asm/fpu.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/string.h>

#define X86_CR0_MP	(1U << 1)
#define X86_CR0_EM	(1U << 2)
#define X86_CR0_TS	(1U << 3)
#define X86_CR0_NE	(1U << 5)

DEFINE_PER_CPU(struct task_struct *, fpu_owner);
DEFINE_PER_CPU(bool, fpu_ts_set);

void __fpu_set_ts(bool ts)
{
	if (ts)
		write_cr0(read_cr0() | X86_CR0_TS);
	else
		__asm__ __volatile__("clts" ::: "memory");
	this_cpu_write(fpu_ts_set, ts);
}

/* Each CPU's own CR0 (the boot CPU's, and each AP's at bring-up). */
void fpu_init(void)
{
	write_cr0((read_cr0() | X86_CR0_MP | X86_CR0_NE | X86_CR0_TS) & ~X86_CR0_EM);
	this_cpu_write(fpu_ts_set, true);
	this_cpu_write(fpu_owner, NULL);
}

static void fpu_save(struct task_struct *tsk)
{
	__asm__ __volatile__("fnsave %0; fwait" : "=m"(tsk->thread.fpu.state) :: "memory");
}

static void fpu_restore(struct task_struct *tsk)
{
	__asm__ __volatile__("frstor %0" :: "m"(tsk->thread.fpu.state) : "memory");
}

/* #NM traps taken (a program's first FPU use, or after a switch), per CPU. */
DEFINE_PER_CPU(unsigned long, fpu_switches);

void do_device_not_available(struct pt_regs *regs)
{
	struct task_struct *tsk = current, *owner;

	if (unlikely(!user_mode(regs))) {
		report_misuse("fpu", "FPU instruction in the kernel");
		pr_err("  #NM at %08x in %s[%d]: the kernel must not use the FPU\n", regs->eip,
		       tsk->comm, tsk->pid);
		__fpu_set_ts(false);		/* let it run: the state is someone's, now clobbered */
		return;
	}
	owner = this_cpu_read(fpu_owner);
	(*this_cpu_ptr(fpu_switches))++;
	__fpu_set_ts(false);
	if (owner && owner != tsk)
		fpu_save(owner);		/* fnsave also leaves the unit initialised */
	if (tsk->thread.fpu.initialized) {
		fpu_restore(tsk);
	} else {
		__asm__ __volatile__("fninit" ::: "memory");
		tsk->thread.fpu.initialized = true;
	}
	this_cpu_write(fpu_owner, tsk);
}

void fpu_copy(struct task_struct *child)
{
	struct task_struct *tsk = current;
	unsigned long flags;

	local_irq_save(flags);			/* no switch between the save and the copy */
	if (this_cpu_read(fpu_owner) == tsk) {
		bool ts = this_cpu_read(fpu_ts_set);

		if (ts)
			__fpu_set_ts(false);
		fpu_save(tsk);			/* fnsave resets the unit: put it back */
		fpu_restore(tsk);
		if (ts)
			__fpu_set_ts(true);
	}
	memcpy(&child->thread.fpu, &tsk->thread.fpu, sizeof(child->thread.fpu));
	local_irq_restore(flags);
}

void fpu_drop(struct task_struct *tsk)
{
	unsigned long flags;

	local_irq_save(flags);			/* tsk is current: its state is on this CPU only */
	if (this_cpu_read(fpu_owner) == tsk) {
		this_cpu_write(fpu_owner, NULL);
		if (!this_cpu_read(fpu_ts_set))
			__fpu_set_ts(true);
	}
	tsk->thread.fpu.initialized = false;
	local_irq_restore(flags);
}
