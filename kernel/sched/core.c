// SPDX-License-Identifier: MIT
/*
 * How this works: the scheduler, round robin on each CPU.
 *
 * Data structures. One struct rq per CPU (runqueues): a FIFO of runnable
 * tasks that are not running (queue, linked through task->run_list), the
 * running task (curr), the idle task (init_task, run when the queue is
 * empty), the ticks left in curr's time slice, and a switch count. A task
 * is on_rq from wake_up_process() until schedule() finds it asleep: the
 * running task is on_rq but not in the queue.
 *
 * One schedule(), here from a task that waits for something:
 *
 *   set_current_state(TASK_UNINTERRUPTIBLE)   the caller, before testing
 *   schedule()                                its condition once more
 *     preempt_disable()                       count 1
 *     __schedule(false, false)
 *       schedule_debug(prev)                  stack canary; "scheduling
 *                                             while atomic" if count != 1
 *       local_irq_disable(), lock rq          count 2
 *       prev asleep: leaves the run queue     (still runnable: to the tail)
 *       next = head of the queue, or idle
 *       context_switch(rq, prev, next)
 *         prepare_task_switch()               kmap_local_sched_out(): take
 *                                             down prev's kmap_local PTEs
 *         switch_mm(prev->active_mm,          CR3 = next's page directory,
 *                   next->active_mm)          only if the mms differ
 *         current = next
 *         __switch_to_asm(prev, next)         stack switch (switch_to.asm)
 *         ... next runs from here, on its own stack ...
 *         finish_task_switch(last)            unlock rq, interrupts on,
 *                                             kmap_local_sched_in(): put
 *                                             back next's PTEs; free `last`
 *                                             if it had exited
 *     preempt_enable_no_resched()             count 0
 *
 * Every task is switched out and in at the same depth (count 2, with
 * interrupts off), so a switch need not save preempt_count, and a new
 * task's first return (ret_from_fork -> schedule_tail()) does exactly
 * what finish_task_switch() and the end of schedule() do.
 *
 * Preemption. scheduler_tick() (every timer interrupt) counts the slice
 * down; at 0, with another task waiting, it sets TIF_NEED_RESCHED and
 * clears PREEMPT_NEED_RESCHED in this CPU's preempt_count word. The task
 * is then switched away at the first of: the interrupt's return, if the
 * count is 0 (entry.asm -> preempt_schedule_irq()); or the
 * preempt_enable() (spin_unlock(), kunmap_atomic(), ...) that brings the
 * count to 0 (-> preempt_schedule()). A preempted task stays on the run
 * queue whatever its state: it was not going to sleep yet.
 *
 * Locks: rq->lock with interrupts off, since wake_up_process() is called
 * from interrupt handlers (the timer's sleepers, completions).
 *
 * Several CPUs. Each CPU has its own rq, and a task stays on the CPU its
 * first wake-up chose (select_task_rq(), or kthread_bind() before it).
 * A wake-up from another CPU takes the task's rq->lock, which orders it
 * against that CPU's __schedule() taking the task off its queue; if the
 * CPU idles, resched_curr() asks for a reschedule IPI, sent only if none
 * is in flight to it yet (kick_cpu(), scheduler_ipi()), so that every
 * IPI sent is received. task->on_cpu is 1 from the switch to the task to
 * the end of the switch away from it; a dead task is gone (stack freed,
 * the scheduler's reference dropped) before its on_cpu goes 0, which is
 * what kthread_stop() and wait4() wait for on another CPU.
 *
 * Dependencies: every preempt_enable(), so every spin_unlock() in the
 * allocators and the kmap code, may call preempt_schedule() here; and
 * this file calls back into them (kmap_local_sched_out/in, and freeing
 * an exited task through kernel/fork.c). The scheduler and the memory
 * manager therefore link to each other, as they do in Linux; that cycle
 * is listed in tools/depcheck.allow, together with arch/x86/mm/pgd.c:
 * kernel/fork.c's mm_alloc() builds a page directory with the page and
 * slab allocators, as Linux's fork does.
 *
 * User processes widen it to the process life cycle, which in Linux too
 * is one knot: fork() (kernel/fork.c) copies an address space
 * (mm/mmap.c, mm/user_pgtable.c) and a file table (fs/file.c); exit
 * (kernel/exit.c) tears both down and, for pid 1, ends the run
 * (init/pid1.c), which execs (fs/exec.c, fs/binfmt_elf.c) from the
 * initramfs (init/initramfs.c); the system-call table
 * (arch/x86/kernel/syscall_32.c, sys_ni.c) names all of their sys_*
 * functions; the files (fs/, fs/proc/) read the allocators' state, take
 * tasks by pid (kernel/pid.c) and sleep on the console's input
 * (arch/x86/kernel/serial_rx.c, whose interrupt handler comes from
 * request_irq() in arch/x86/kernel/irq.c, which kmallocs); and each of
 * them sleeps (mutex, wait queues, timers, completions) in this file.
 * The one rule kept is the layering inside it: the allocators' fast
 * paths call nothing in it but preempt_schedule().
 *
 * Where it differs from Linux: Linux's fair class (CFS) keeps a red-black
 * tree ordered by virtual run time and preempts on wake-up when the woken
 * task is owed time; this is SCHED_RR with one class, a 1-tick slice and
 * no priorities, enough to make interleavings happen and to measure the
 * switch itself. Linux fixes preempt_count up after "scheduling while
 * atomic" for good; here the caller's count is restored when schedule()
 * returns, so the caller's own unlocks stay balanced. There is no load
 * balancing and no migration (a task stays on the CPU of its first
 * wake-up).
 */
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/switch_to.h>
#include <kernel/bug.h>
#include <kernel/kallsyms.h>
#include <kernel/might_sleep.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <mm/highmem.h>
#include "sched.h"

DEFINE_PER_CPU(struct rq, runqueues);

static inline struct rq *this_rq(void)
{
	return this_cpu_ptr(runqueues);
}

static inline struct rq *cpu_rq(unsigned int cpu)
{
	return per_cpu_ptr(runqueues, cpu);
}

unsigned int nr_running(void)
{
	return this_rq()->nr_running;
}

unsigned long long nr_context_switches(void)
{
	return this_rq()->nr_switches;
}

/*
 * Ask @rq's CPU to reschedule: the running task's TIF_NEED_RESCHED, and
 * on this CPU the preempt word's bit too; another CPU sets its own bit
 * in scheduler_ipi(). A task already asked is not asked again (Linux's
 * test in resched_curr()): the IPI that asked it is on its way, and a
 * second one sent before the target took the first would merge with it
 * in the target's local APIC (one request bit per vector), so IPIs sent
 * would outnumber IPIs received. Return: true if that takes an IPI (sent
 * by the caller once it has dropped rq->lock). Context: rq->lock held.
 */
static bool resched_curr(struct rq *rq)
{
	bool asked = test_tsk_need_resched(rq->curr);

	set_tsk_need_resched(rq->curr);
	if (rq->cpu == smp_processor_id()) {
		set_preempt_need_resched();
		return false;
	}
	return !asked;
}

/*
 * The reschedule IPI's handler (kernel/smp.c), after its EOI. The IPI is
 * taken: a waker may send the next one (see kick_cpu()). The store is a
 * full barrier before the TIF test, so a waker that found the IPI still
 * pending, and so sent none, set TIF_NEED_RESCHED before this test sees
 * it.
 */
void scheduler_ipi(void)
{
	__atomic_store_n(&this_rq()->ipi_pending, 0, __ATOMIC_SEQ_CST);
	if (test_tsk_need_resched(current))
		set_preempt_need_resched();
}

/*
 * Send @rq's CPU the reschedule IPI resched_curr() asked for, unless one
 * is still on its way (sent, its handler not yet run): that one will
 * find the request. Two in flight could merge in the target's local APIC
 * (one request bit per vector): so never more than one is, and every
 * IPI sent is received (the smp_sched suite counts them). Context:
 * rq->lock dropped.
 */
static void kick_cpu(struct rq *rq)
{
	if (!__atomic_exchange_n(&rq->ipi_pending, 1, __ATOMIC_SEQ_CST))
		smp_send_reschedule((unsigned int)rq->cpu);
}

/* Put @p at the tail of the run queue. Context: rq->lock held. */
static void enqueue_task(struct rq *rq, struct task_struct *p)
{
	list_add_tail(&p->run_list, &rq->queue);
}

static struct task_struct *pick_next_task(struct rq *rq)
{
	struct task_struct *next;

	if (list_empty(&rq->queue))
		return rq->idle;
	next = list_first_entry(&rq->queue, struct task_struct, run_list);
	list_del(&next->run_list);
	return next;
}

/*
 * A task's CPU, chosen once, at its first wake-up (Linux's fork
 * balancing, select_task_rq() with SD_BALANCE_FORK): the online CPU with
 * the fewest runnable tasks, this one on a tie. It never changes after:
 * there is no migration (see the essay). A racing second placement of
 * the same task loses the compare-and-swap and takes the winner's CPU.
 */
static unsigned int select_task_rq(struct task_struct *p)
{
	unsigned int best = smp_processor_id(), cpu;
	int unplaced = -1;

	if (READ_ONCE(p->cpu) >= 0)
		return (unsigned int)p->cpu;
	for_each_online_cpu(cpu) {
		if (READ_ONCE(cpu_rq(cpu)->nr_running) < READ_ONCE(cpu_rq(best)->nr_running))
			best = cpu;
	}
	if (!__atomic_compare_exchange_n(&p->cpu, &unplaced, (int)best, false, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST))
		return (unsigned int)unplaced;
	return best;
}

void kthread_bind(struct task_struct *p, unsigned int cpu)
{
	if (cpu >= NR_CPUS || !cpu_online(cpu)) {
		pr_err("kthread_bind: CPU %u is not online: %s/%d left to the usual placement\n",
		       cpu, p->comm, p->pid);
		return;
	}
	if (p->on_rq || READ_ONCE(p->cpu) >= 0) {
		report_misuse("kthread_bind", "task already placed");
		pr_err("  %s/%d runs on CPU %d already; it stays there\n", p->comm, p->pid, p->cpu);
		return;
	}
	WRITE_ONCE(p->cpu, (int)cpu);
}

bool wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned int cpu = select_task_rq(p);
	struct rq *rq = cpu_rq(cpu);
	unsigned long flags;
	bool woken = false, ipi = false;

	spin_lock_irqsave(&rq->lock, flags);
	if (!(p->__state & state))
		goto out;
	woken = true;
	p->__state = TASK_RUNNING;
	if (p->on_rq)
		goto out;	/* running, or preempted before it slept: only the state */
	p->on_rq = 1;
	rq->nr_running++;
	enqueue_task(rq, p);
	if (is_idle_task(rq->curr))
		ipi = resched_curr(rq);
out:
	spin_unlock_irqrestore(&rq->lock, flags);
	if (ipi)
		kick_cpu(rq);
	return woken;
}

bool wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

void scheduler_tick(void)
{
	struct rq *rq = this_rq();

	/*
	 * Nobody waiting: no lock and nothing to count. A task another CPU
	 * queues meanwhile asked for a reschedule itself if this CPU idles,
	 * and otherwise starts its slice count at the next tick.
	 */
	if (list_empty(&rq->queue))
		return;
	spin_lock(&rq->lock);
	if (!list_empty(&rq->queue) && (is_idle_task(rq->curr) || --rq->slice <= 0))
		resched_curr(rq);
	spin_unlock(&rq->lock);
}

static noinline void schedule_while_atomic(struct task_struct *prev)
{
	static char who[TASK_COMM_LEN + 24];

	snprintf(who, sizeof(who), "%s/%d/0x%08x", prev->comm, prev->pid, preempt_count());
	report_misuse("scheduling while atomic", who);
	pr_err("  schedule() called with preempt_count %d besides its own: a spinlock,\n",
	       preempt_count() - PREEMPT_OFFSET);
	pr_err("  kmap_atomic() or preempt_disable() section is still open\n");
	dump_stack();
}

/*
 * The idle task tried to sleep: nothing could ever run when nothing else
 * can (Linux: "bad: scheduling from the idle thread!"). It stays running.
 * Context: rq->lock held, interrupts off.
 */
static noinline void idle_must_not_sleep(struct task_struct *idle)
{
	report_misuse("scheduler", "scheduling from the idle thread");
	pr_err("  %s/%d called schedule() in state 0x%lx; it stays TASK_RUNNING\n",
	       idle->comm, idle->pid, idle->__state);
	idle->__state = TASK_RUNNING;
}

/* Checks made on every schedule(). Return: the count to put back after. */
static inline int schedule_debug(struct task_struct *prev, bool preempt)
{
	int extra = preempt_count() - PREEMPT_OFFSET;

	if (unlikely(task_stack_end_corrupted(prev)))
		panic("corrupted stack end detected inside scheduler: %s/%d overran its %lu-byte stack",
		      prev->comm, prev->pid, (unsigned long)THREAD_SIZE);
	if (unlikely(extra) && !preempt) {
		schedule_while_atomic(prev);
		preempt_count_set(PREEMPT_OFFSET);
		return extra;
	}
	return 0;
}

/*
 * The switch is bracketed by these two; each later mechanism that must
 * follow the running task (the kmap_local slots today, the address space
 * and the TSS stack pointer with user processes) has its line in one of
 * them, as in Linux.
 */
static inline void prepare_task_switch(struct rq *rq, struct task_struct *prev,
				       struct task_struct *next)
{
	kmap_local_sched_out();
}

/*
 * prev is off this CPU once its on_cpu is 0 (a release store: everything
 * it did before is visible to whoever reads 0). A dead task is gone by
 * then: its stack freed and the scheduler's reference dropped, so that a
 * kthread_stop() or wait4() on another CPU, which waits for on_cpu 0
 * holding a reference of its own, drops the last one and finds every
 * page of the task back (its leak checks hold on SMP as on one CPU). If
 * the scheduler's reference was the last, nobody holds one to wait
 * with: the task is freed and on_cpu is never looked at again.
 */
static void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	long prev_state = prev->__state;

	rq->lock.owner = current;	/* taken by prev, released by next */
	spin_unlock(&rq->lock);
	local_irq_enable();
	kmap_local_sched_in();
	if (unlikely(prev_state == TASK_DEAD)) {
		release_task_stack(prev);
		/* the scheduler's reference; a waiter's keeps prev for the store below */
		if (__atomic_sub_fetch(&prev->usage, 1, __ATOMIC_ACQ_REL) == 0) {
			__put_task_struct(prev);
			return;
		}
	}
	__atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
}

/*
 * The checker of "a task never runs on two CPUs at once": @next must be
 * off every CPU, and queued on this one. Context: rq->lock held.
 */
static noinline void task_on_two_cpus(struct task_struct *next, unsigned int cpu)
{
	static char who[TASK_COMM_LEN + 24];

	snprintf(who, sizeof(who), "%s/%d", next->comm, next->pid);
	report_misuse("scheduler: task running on two CPUs", who);
	pr_err("  picked on CPU %u while on_cpu is %d (its run queue: CPU %d)\n", cpu,
	       next->on_cpu, next->cpu);
}

static struct task_struct *context_switch(struct rq *rq, struct task_struct *prev,
					  struct task_struct *next)
{
	if (unlikely(__atomic_load_n(&next->on_cpu, __ATOMIC_ACQUIRE) ||
		     next->cpu != rq->cpu))
		task_on_two_cpus(next, rq->cpu);
	next->on_cpu = 1;
	prepare_task_switch(rq, prev, next);
	/*
	 * No lazy TLB: every task, kernel threads included, runs on its own
	 * active_mm (init_mm unless it called kthread_use_mm()), so the
	 * tables follow the task. Same mm, as for every pair of kernel
	 * threads on init_mm: a compare and nothing else.
	 */
	switch_mm(prev->active_mm, next->active_mm, next);
	load_sp0(next->thread.sp0);	/* its entries from ring 3 land on its own stack */
	switch_fpu(next);		/* CR0.TS: its first FPU instruction traps unless its state is loaded */
	this_cpu_write_hot(current_task, next);
	prev = __switch_to_asm(prev, next);
	finish_task_switch(prev);
	return prev;
}

/* A new task's first instructions in C (from ret_from_fork). */
void schedule_tail(struct task_struct *prev);
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	preempt_enable();
}

/*
 * @dead: do_task_dead(): prev becomes TASK_DEAD here, under rq->lock, so
 * a waker on another CPU (which tests and sets the state under the same
 * lock) cannot turn it back to TASK_RUNNING (Linux's set_special_state()).
 */
static void __schedule(bool preempt, bool dead)
{
	struct task_struct *prev = current, *next;
	struct rq *rq = this_rq();
	int extra = schedule_debug(prev, preempt);

	local_irq_disable();
	spin_lock(&rq->lock);
	if (dead)
		prev->__state = TASK_DEAD;
	if (unlikely(prev == rq->idle) && !preempt && prev->__state != TASK_RUNNING)
		idle_must_not_sleep(prev);
	if (!preempt && prev->__state != TASK_RUNNING) {
		prev->on_rq = 0;	/* asleep (or dead): off the queue */
		rq->nr_running--;
	} else if (prev != rq->idle) {
		enqueue_task(rq, prev);
	}
	next = pick_next_task(rq);
	clear_tsk_need_resched(prev);
	clear_preempt_need_resched();
	if (likely(next != prev)) {
		rq->nr_switches++;
		rq->curr = next;
		rq->slice = SCHED_SLICE_TICKS;
		if (preempt)
			prev->nivcsw++;
		else
			prev->nvcsw++;
		context_switch(rq, prev, next);
	} else {
		spin_unlock(&rq->lock);
		local_irq_enable();
	}
	if (unlikely(extra))
		preempt_count_add(extra);
}

void schedule(void)
{
	do {
		preempt_disable();
		__schedule(false, false);
		preempt_enable_no_resched();
	} while (need_resched());
}

void do_task_dead(void)
{
	__schedule(false, true);	/* preemption off since do_exit()'s exit_notify() */
	BUG();		/* a dead task is never chosen again */
}

void yield(void)
{
	might_sleep();
	schedule();	/* current stays TASK_RUNNING: to the tail of the queue */
}

/* preempt_enable() brought the count to 0 with a reschedule pending. */
void preempt_schedule(void)
{
	if (likely(!preemptible()))
		return;		/* interrupts off: the next interrupt's return will */
	do {
		preempt_disable();
		__schedule(true, false);
		preempt_enable_no_resched();
	} while (need_resched());
}

/*
 * From entry.asm, on the way out of an interrupt that found the count 0
 * and a reschedule pending. Context: interrupts off; returns with them off.
 */
void preempt_schedule_irq(void);
void preempt_schedule_irq(void)
{
	do {
		preempt_disable();
		local_irq_enable();
		__schedule(true, false);
		local_irq_disable();
		preempt_enable_no_resched();
	} while (need_resched());
}

void sched_show_task(struct task_struct *p)
{
	static const char *const states[] = { "R", "S", "D" };
	const char *st = p->__state == TASK_DEAD ? "X" :
			 (p->__state & ~TASK_WAKEKILL) <= TASK_UNINTERRUPTIBLE ?
				 states[p->__state & ~TASK_WAKEKILL] : "?";

	pr_info("task:%-15s state:%s pid:%-5d switches: %lu voluntary, %lu preempted%s\n",
		p->comm, st, p->pid, p->nvcsw, p->nivcsw, p == current ? " (running)" : "");
	show_stack_task(p);
}

void sched_init(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct rq *rq = cpu_rq(cpu);

		spin_lock_init(&rq->lock);
		INIT_LIST_HEAD(&rq->queue);
		rq->curr = rq->idle = &init_task;	/* CPU 0's; the others get their own */
		rq->slice = SCHED_SLICE_TICKS;
		rq->cpu = (int)cpu;
	}
	init_task.flags |= PF_IDLE;
	init_task.on_rq = 1;	/* the running task is on_rq; idle is never queued */
	init_task.on_cpu = 1;
	init_task.cpu = 0;
	*end_of_stack(&init_task) = STACK_END_MAGIC;
}

void sched_init_secondary(unsigned int cpu, struct task_struct *idle)
{
	struct rq *rq = cpu_rq(cpu);

	rq->curr = rq->idle = idle;
	per_cpu(pcpu_hot, cpu).current_task = idle;
	per_cpu(pcpu_hot, cpu).preempt_count = PREEMPT_ENABLED;
}
