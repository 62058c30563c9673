// SPDX-License-Identifier: MIT
/*
 * Cross-CPU function calls and the reschedule IPI (include/kernel/smp.h).
 *
 * Data structure. One call is in flight at a time: call_function_lock
 * serialises the callers, and one struct call_data holds what the
 * targets need -- func, info, wait, the reason it is counted under --
 * and `pending`, the mask of target CPUs that have not acknowledged yet.
 *
 * Call path, smp_call_function_many(mask, func, info, wait, reason):
 * drop this CPU and the offline ones from mask; nothing left, nothing
 * sent (one CPU online: the call runs nowhere). Otherwise take call_function_lock, fill
 * the block, publish pending = mask with a release store, send the IPI
 * (apic_send_IPI_mask(), CALL_FUNCTION_VECTOR; a single target gets
 * CALL_FUNCTION_SINGLE_VECTOR), count sent[reason] per target and
 * shootdowns[reason] once, and spin, interrupts on, until pending is 0.
 *
 * Target, in its interrupt handler: apic_eoi(); read func/info/wait
 * (acquire: it saw its pending bit, so it sees the block); without wait,
 * clear its bit first and then run func -- the caller may already have
 * returned, which is fine since func and the info pointer were copied
 * (what info points to must outlive the call, as in Linux); with wait, run
 * func and then clear the bit. Count received[reason].
 *
 * So the caller always waits at least until every target has picked the
 * block up, and with wait until every one has finished: the next call,
 * which rewrites the block, can never meet a target still reading it.
 * Invariant checked on every return: pending is 0 (every IPI sent was
 * acknowledged), and over a test sent == received for each reason.
 *
 * Why the caller waits with interrupts on: CPU A spinning for CPU B's
 * acknowledgement with interrupts off, while B, also with interrupts off,
 * spins for call_function_lock or for A's acknowledgement of its own call,
 * is a deadlock. So a call with interrupts off or from an interrupt
 * handler is refused ("BUG: smp_call_function: called with interrupts
 * disabled", nothing sent), with or without wait, since even a call
 * without wait waits for the pick-up; the check is made with one CPU
 * online too, so the mistake shows before a second CPU runs. Booting
 * (one CPU, interrupts off, nobody to deadlock with) is exempt.
 * Waiting for call_function_lock itself is a spin with interrupts on: an
 * IPI from the holder is answered while we wait.
 *
 * Dependencies: the TLB flushes (arch/x86/mm/tlb.c, called from mm/ --
 * highmem.c's pkmap wrap, vmalloc.c's purge, the user page tables) send
 * their IPIs through this file, which sends with arch/x86/kernel/apic.c's
 * apic_send_IPI_mask(), gives its handlers to arch/x86/kernel/irq.c's
 * alloc_intr_gate(), calls the scheduler's scheduler_ipi() and is set up
 * from smpboot.c's smp_init(); those files already call into mm and
 * printk, which reach the scheduler. So this file, tlb.c and the APIC
 * and boot files join the link cycle listed in tools/depcheck.allow, as
 * Linux's arch/x86/mm/tlb.c calls on_each_cpu() and kernel/smp.c calls
 * back into arch/x86 and the scheduler.
 *
 * Where it differs from Linux: Linux gives every CPU its own call_single
 * queue of csd blocks (a lock-free llist), so many calls from many CPUs
 * can be in flight at once and a caller without wait does not wait at
 * all. One block under one lock is the simplest scheme that is correct
 * for N CPUs; the cost is that callers queue behind each other and a
 * no-wait call still waits for the pick-up. Linux's check is a lockdep
 * assertion (irqs enabled) and a WARN_ON_ONCE; here a named line, and
 * the refusal covers calls without wait from a handler too (Linux allows
 * those, its no-wait callers never spin). A target that does not answer
 * within 5 s is named once ("smp: CPU n waits 5 s for an IPI
 * acknowledgement"), as Linux's CSD lock-wait debugging does.
 */
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <kernel/bug.h>
#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/jiffies.h>
#include <kernel/might_sleep.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>

DEFINE_PER_CPU(struct ipi_stats, ipi_stats);

const char *const ipi_reason_names[NR_IPI_REASONS] = {
	[IPI_RESCHEDULE]	= "resched",
	[IPI_CALL_FUNCTION]	= "call",
	[IPI_TLB_PKMAP]		= "pkmap",
	[IPI_TLB_VUNMAP]	= "vunmap",
	[IPI_TLB_KERNEL]	= "kernel",
	[IPI_TLB_MM]		= "mm",
};

/* One counter array of struct ipi_stats (@off: its offsetof), summed over the CPUs. */
static unsigned long ipi_sum(unsigned long off, enum ipi_reason r)
{
	unsigned long n = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		const unsigned long *a = (const unsigned long *)((const char *)per_cpu_ptr(ipi_stats, cpu) + off);

		n += __atomic_load_n(&a[r], __ATOMIC_RELAXED);	/* bumped on that CPU meanwhile */
	}
	return n;
}

unsigned long ipi_sent_total(enum ipi_reason r)
{
	return ipi_sum(offsetof(struct ipi_stats, sent), r);
}

unsigned long ipi_shootdowns_total(enum ipi_reason r)
{
	return ipi_sum(offsetof(struct ipi_stats, shootdowns), r);
}

unsigned long ipi_received_total(enum ipi_reason r)
{
	return ipi_sum(offsetof(struct ipi_stats, received), r);
}

/* The one call in flight, under call_function_lock. */
static struct call_data {
	smp_call_func_t func;
	void *info;
	bool wait;
	enum ipi_reason reason;
	cpumask_t pending;	/* targets yet to acknowledge (atomic) */
} call_data;
static DEFINE_SPINLOCK(call_function_lock);

/*
 * May this context wait for other CPUs? Not with interrupts off, not
 * from an interrupt handler (see the essay); booting is one CPU with
 * interrupts off, and nobody to deadlock with.
 */
static bool smp_call_context_ok(void)
{
	if (system_state == SYSTEM_BOOTING)
		return true;
	if (likely(!irqs_disabled() && !in_interrupt()))
		return true;
	report_misuse("smp_call_function", irqs_disabled() ? "called with interrupts disabled"
							   : "called from an interrupt handler");
	pr_err("  waiting for other CPUs here can deadlock: a CPU that waits with interrupts\n");
	pr_err("  off cannot answer the IPI of one that waits for it; nothing was sent\n");
	return false;
}

/* A target that never answers: said once per call, after 5 s (if jiffies runs). */
static void smp_call_wait(unsigned int this_cpu)
{
	unsigned long start = jiffies;
	bool said = false;
	cpumask_t left;

	while ((left = __atomic_load_n(&call_data.pending, __ATOMIC_ACQUIRE)) != 0) {
		if (unlikely(!said && jiffies - start > 5 * HZ)) {
			pr_err("smp: CPU %u waits 5 s for an IPI acknowledgement from CPUs 0x%lx (%s)\n",
			       this_cpu, left, ipi_reason_names[call_data.reason]);
			said = true;
		}
		cpu_relax();
	}
}

/* Send the call to @targets (not empty, this CPU not in it) and wait. Context: lock held. */
static void smp_call_send(cpumask_t targets, smp_call_func_t func, void *info, bool wait,
			  enum ipi_reason reason, unsigned int vector)
{
	unsigned int this_cpu = smp_processor_id();
	struct ipi_stats *st = this_cpu_ptr(ipi_stats);

	call_data.func = func;
	call_data.info = info;
	call_data.wait = wait;
	call_data.reason = reason;
	__atomic_store_n(&call_data.pending, targets, __ATOMIC_RELEASE);
	apic_send_IPI_mask(targets, vector);
	st->sent[reason] += cpumask_weight(targets);
	st->shootdowns[reason]++;
	smp_call_wait(this_cpu);
	BUG_ON(call_data.pending != 0);	/* every IPI sent was acknowledged */
}

static void smp_call_many_vector(cpumask_t mask, smp_call_func_t func, void *info, bool wait,
				 enum ipi_reason reason, unsigned int vector)
{
	cpumask_t targets;

	if (!smp_call_context_ok())	/* checked with one CPU too, so it is found today */
		return;
	preempt_disable();
	targets = mask & cpu_online_mask & ~cpumask_of(smp_processor_id());
	if (!targets) {
		preempt_enable();
		return;
	}
	spin_lock(&call_function_lock);
	smp_call_send(targets, func, info, wait, reason, vector);
	spin_unlock(&call_function_lock);
	preempt_enable();
}

void smp_call_function_many(cpumask_t mask, smp_call_func_t func, void *info, bool wait,
			    enum ipi_reason reason)
{
	smp_call_many_vector(mask, func, info, wait, reason, CALL_FUNCTION_VECTOR);
}

int smp_call_function_single(unsigned int cpu, smp_call_func_t func, void *info, bool wait)
{
	unsigned long flags;

	if (!cpu_online(cpu))
		return -ENXIO;
	preempt_disable();
	if (cpu == (unsigned int)smp_processor_id()) {
		local_irq_save(flags);
		func(info);
		local_irq_restore(flags);
	} else {
		smp_call_many_vector(cpumask_of(cpu), func, info, wait, IPI_CALL_FUNCTION,
				     CALL_FUNCTION_SINGLE_VECTOR);
	}
	preempt_enable();
	return 0;
}

void on_each_cpu_reason(smp_call_func_t func, void *info, bool wait, enum ipi_reason reason)
{
	unsigned long flags;

	preempt_disable();
	smp_call_function_many(cpu_online_mask, func, info, wait, reason);
	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
	preempt_enable();
}

void on_each_cpu(smp_call_func_t func, void *info, bool wait)
{
	on_each_cpu_reason(func, info, wait, IPI_CALL_FUNCTION);
}

void smp_send_reschedule(unsigned int cpu)
{
	unsigned long flags;

	local_irq_save(flags);
	if (cpu != (unsigned int)smp_processor_id() && cpu_online(cpu)) {
		apic_send_IPI_mask(cpumask_of(cpu), RESCHEDULE_VECTOR);
		this_cpu_ptr(ipi_stats)->sent[IPI_RESCHEDULE]++;
	}
	local_irq_restore(flags);
}

/* CALL_FUNCTION_VECTOR and CALL_FUNCTION_SINGLE_VECTOR: run the call in flight. */
static void call_function_interrupt(struct pt_regs *regs)
{
	cpumask_t bit = cpumask_of(smp_processor_id());
	smp_call_func_t func;
	enum ipi_reason reason;
	void *info;
	bool wait;

	(void)regs;
	apic_eoi();
	if (!(__atomic_load_n(&call_data.pending, __ATOMIC_ACQUIRE) & bit)) {
		pr_err("smp: CPU %u: call-function IPI with no call for it\n", smp_processor_id());
		return;
	}
	func = call_data.func;
	info = call_data.info;
	wait = call_data.wait;
	reason = call_data.reason;
	per_cpu(ipi_stats, smp_processor_id()).received[reason]++;
	if (!wait)	/* picked up: the caller may reuse the block from here */
		__atomic_and_fetch(&call_data.pending, ~bit, __ATOMIC_RELEASE);
	func(info);
	if (wait)
		__atomic_and_fetch(&call_data.pending, ~bit, __ATOMIC_RELEASE);
}

static void reschedule_interrupt(struct pt_regs *regs)
{
	(void)regs;
	apic_eoi();
	this_cpu_ptr(ipi_stats)->received[IPI_RESCHEDULE]++;
	scheduler_ipi();
}

void smp_ipi_init(void)
{
	alloc_intr_gate(CALL_FUNCTION_VECTOR, call_function_interrupt);
	alloc_intr_gate(CALL_FUNCTION_SINGLE_VECTOR, call_function_interrupt);
	alloc_intr_gate(RESCHEDULE_VECTOR, reschedule_interrupt);
}
