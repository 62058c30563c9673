/* SPDX-License-Identifier: MIT */
/*
 * Asking other CPUs to do something: inter-processor interrupts (IPIs).
 *
 *   smp_send_reschedule(cpu)         RESCHEDULE_VECTOR: "your run queue
 *                                    has a task for you" (kernel/sched)
 *   smp_call_function_many(mask, fn, info, wait, reason)
 *                                    CALL_FUNCTION_VECTOR: each CPU in
 *                                    mask but this one runs fn(info) in
 *                                    its interrupt handler; with wait the
 *                                    caller spins until every one has
 *                                    acknowledged (kernel/smp.c)
 *   smp_call_function_single(cpu, fn, info, wait)
 *   on_each_cpu(fn, info, wait)      the same on every online CPU, this
 *                                    one included (called directly)
 *
 * Every IPI sent is counted by reason (enum ipi_reason) per sending CPU,
 * and every one received per receiving CPU, for /proc/interrupts,
 * /proc/kmapinfo and /proc/vmallocinfo and the benchmarks.
 *
 * Context: the senders must not hold interrupts off while waiting (a CPU
 * that waits for another with interrupts off, while that one waits for it,
 * deadlocks: Linux's WARN_ON_ONCE(irqs_disabled()) in
 * smp_call_function_many()); a call with wait from an interrupt handler is
 * refused the same way.
 */
#ifndef _KERNEL_SMP_H
#define _KERNEL_SMP_H

#include <kernel/cpumask.h>
#include <kernel/percpu.h>
#include <kernel/types.h>

/* Why an IPI was sent (one counter each, per CPU). */
enum ipi_reason {
	IPI_RESCHEDULE,		/* a wake-up onto another CPU's run queue */
	IPI_CALL_FUNCTION,	/* smp_call_function*() for anything else */
	IPI_TLB_PKMAP,		/* the pkmap pool wrapped: flush_all_zero_pkmaps() */
	IPI_TLB_VUNMAP,		/* a lazy vunmap purge batch */
	IPI_TLB_KERNEL,		/* other kernel page-table changes (flush_tlb_kernel_range) */
	IPI_TLB_MM,		/* a user address space's flush (munmap, mprotect, COW) */
	NR_IPI_REASONS,
};

/* The counters' names, for the /proc files: "resched", "call", "pkmap", ... */
extern const char *const ipi_reason_names[NR_IPI_REASONS];

struct ipi_stats {
	unsigned long sent[NR_IPI_REASONS];	/* IPIs this CPU sent (one per target CPU) */
	unsigned long shootdowns[NR_IPI_REASONS];	/* calls that sent at least one: one per flush */
	unsigned long received[NR_IPI_REASONS];	/* IPIs this CPU handled */
};
DECLARE_PER_CPU(struct ipi_stats, ipi_stats);

/* The sum of one counter over every possible CPU. */
unsigned long ipi_sent_total(enum ipi_reason r);
unsigned long ipi_shootdowns_total(enum ipi_reason r);
unsigned long ipi_received_total(enum ipi_reason r);

typedef void (*smp_call_func_t)(void *info);

/**
 * smp_call_function_many - run @func(@info) on the CPUs of @mask but this one
 * @mask: the CPUs (offline ones and this CPU are left out)
 * @func: runs in the target's CALL_FUNCTION_VECTOR handler, interrupts off
 * @info: its argument
 * @wait: spin until every target has finished @func
 * @reason: which counter the IPIs are counted under
 *
 * Context: process context or interrupts on; not from an interrupt
 * handler with @wait. Calls are serialised: one caller at a time.
 */
void smp_call_function_many(cpumask_t mask, smp_call_func_t func, void *info, bool wait,
			    enum ipi_reason reason);

/**
 * smp_call_function_single - run @func(@info) on @cpu (directly if it is this one)
 * Return: 0, or -ENXIO if @cpu is not online. Context: as smp_call_function_many().
 */
int smp_call_function_single(unsigned int cpu, smp_call_func_t func, void *info, bool wait);

/**
 * on_each_cpu - run @func(@info) here and on every other online CPU
 * Context: as smp_call_function_many(); here with interrupts off.
 */
void on_each_cpu(smp_call_func_t func, void *info, bool wait);

/* on_each_cpu() with the IPIs counted under @reason (the TLB flushes). */
void on_each_cpu_reason(smp_call_func_t func, void *info, bool wait, enum ipi_reason reason);

/**
 * smp_send_reschedule - make @cpu look at its run queue (RESCHEDULE_VECTOR)
 * Context: any; does not wait.
 */
void smp_send_reschedule(unsigned int cpu);

/* kernel/smp.c: the IPI handlers given to alloc_intr_gate(). Context: boot, once. */
void smp_ipi_init(void);

#endif
