// SPDX-License-Identifier: MIT
/*
 * KTAP suite "smp_sched" (QEMU only, and only with two or more CPUs
 * online; each case skips with its reason otherwise): every CPU runs
 * tasks on its own run queue, with its own current, preempt_count and
 * CPU number (the %fs segment, asm/percpu.h), and a wake-up from one CPU
 * reaches a task asleep on another (the reschedule IPI).
 *
 * The cases judge by state (which CPU a thread saw itself on, a count of
 * round trips, a report), never by time. A wait for another CPU is
 * bounded in jiffies and the bound running out is a failure, not a
 * hang, except in kthread_stop(), as in the "sched" suite.
 *
 * Two cases check the scheduler's SMP invariants under load:
 *
 *   tokens_pass_between_cpus   three threads per CPU pass tokens to each
 *                              other with the bare sleep loop and
 *                              wake_up_process(), plus spurious wake-ups,
 *                              yields and spins, so that wake-ups race
 *                              with the wakee's way into and out of
 *                              schedule() on its CPU. It passes if every
 *                              pass is made in time (a lost wake-up stalls
 *                              a token), no token is lost or doubled, no
 *                              thread is seen on another CPU than its own,
 *                              each run queue's count is back where it
 *                              was, no report is made (the checker of "a
 *                              task never runs on two CPUs",
 *                              context_switch(): "scheduler: task running
 *                              on two CPUs"), and every reschedule IPI
 *                              sent was received.
 *   kthread_stop_waits_for_the_last_switch  a thread on another CPU is
 *                              stopped 100 times: each time kthread_stop()
 *                              returns with the thread off its CPU, its
 *                              stack freed and only the caller's reference
 *                              left, so nothing of it is counted as leaked.
 *
 * Under -icount (round-robin TCG) both are a function of the sched_jitter=
 * seed; without it (one host thread per CPU) they are judged by the same
 * invariants, which do not depend on the interleaving.
 */
#include <asm/desc.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <kernel/completion.h>
#include <kernel/cpumask.h>
#include <kernel/errno.h>
#include <kernel/jiffies.h>
#include <kernel/ktest.h>
#include <kernel/random.h>
#include <kernel/kthread.h>
#include <kernel/preempt.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <kernel/wait.h>
#include <mm/gfp.h>
#include "../../mm/tests/mm_test.h"

#define NEEDS_2_CPUS(t) do {						\
	ktest_host_skip(t, "the host runs one CPU");			\
	if (num_online_cpus() < 2)					\
		ktest_skip(t, "needs 2 online CPUs");			\
} while (0)

/* Bounded busy wait for a condition another CPU makes true. */
#define wait_until(cond, ticks) ({					\
	unsigned long __end = jiffies + (ticks);			\
	while (!(cond) && time_after(__end, jiffies))			\
		cpu_relax();						\
	!!(cond);							\
})

struct where {
	int cpu;			/* smp_processor_id() inside the thread */
	int task_cpu;			/* current->cpu */
	struct task_struct *self;	/* current */
	int count;			/* preempt_count() */
	unsigned long off;		/* pcpu_hot.this_cpu_off through %fs */
};

static int record_where(void *data)
{
	struct where *w = data;

	w->cpu = smp_processor_id();
	w->task_cpu = current->cpu;
	w->self = current;
	w->count = preempt_count();
	w->off = this_cpu_read_hot(this_cpu_off);
	return 0;
}

static struct task_struct *start_on(unsigned int cpu, int (*fn)(void *), void *data)
{
	struct task_struct *k = kthread_create(fn, data, "ktest-cpu%u", cpu);

	if (k) {
		kthread_bind(k, cpu);
		get_task_struct(k);
		wake_up_process(k);
	}
	return k;
}

/* Each online CPU has its own number, segment offset and idle task. */
static void each_cpu_has_its_own_hot_data(struct ktest *t)
{
	unsigned int cpu;

	NEEDS_2_CPUS(t);
	KTEST_EXPECT_EQ(t, num_online_cpus(), num_possible_cpus());
	for_each_online_cpu(cpu) {
		KTEST_EXPECT_EQ(t, per_cpu(pcpu_hot, cpu).cpu_number, (int)cpu);
		KTEST_EXPECT_EQ(t, per_cpu(pcpu_hot, cpu).this_cpu_off, __per_cpu_offset[cpu]);
		KTEST_EXPECT_NOT_NULL(t, per_cpu(pcpu_hot, cpu).current_task);
		if (cpu)	/* each copy apart from the others: no two CPUs share one */
			KTEST_EXPECT_GE(t, __per_cpu_offset[cpu], __per_cpu_offset[cpu - 1] + sizeof(struct pcpu_hot));
	}
	KTEST_EXPECT_EQ(t, this_cpu_read_hot(this_cpu_off), __per_cpu_offset[smp_processor_id()]);
	KTEST_EXPECT_PTR_EQ(t, this_cpu_ptr(pcpu_hot), per_cpu_ptr(pcpu_hot, smp_processor_id()));
}

/* A thread bound to CPU n runs there, and sees its own current and count there. */
static void bound_thread_runs_on_its_cpu(struct ktest *t)
{
	unsigned int cpu;

	NEEDS_2_CPUS(t);
	for_each_online_cpu(cpu) {
		struct where w = { .cpu = -1 };
		struct task_struct *k = start_on(cpu, record_where, &w);

		KTEST_ASSERT_NOT_NULL(t, k);
		KTEST_EXPECT_EQ(t, kthread_stop(k), 0);
		KTEST_EXPECT_EQ(t, w.cpu, (int)cpu);
		KTEST_EXPECT_EQ(t, w.task_cpu, (int)cpu);
		KTEST_EXPECT_PTR_EQ(t, w.self, k);
		KTEST_EXPECT_EQ(t, w.count, 0);
		KTEST_EXPECT_EQ(t, w.off, __per_cpu_offset[cpu]);
		KTEST_EXPECT_EQ(t, k->on_cpu, 0);
		put_task_struct(k);
	}
}

struct hold {
	volatile int holding, release;
	int cpu;
};

/* Hold preemption off on another CPU until told: this CPU's word stays 0. */
static int hold_preempt(void *data)
{
	struct hold *h = data;

	preempt_disable();
	h->cpu = smp_processor_id();
	WRITE_ONCE(h->holding, preempt_count());
	while (!READ_ONCE(h->release))
		cpu_relax();
	preempt_enable();
	return 0;
}

static void preempt_count_is_per_cpu(struct ktest *t)
{
	struct hold h = { 0 };
	struct task_struct *k;
	int mine;

	NEEDS_2_CPUS(t);
	k = start_on(1, hold_preempt, &h);
	KTEST_ASSERT_NOT_NULL(t, k);
	KTEST_EXPECT_TRUE(t, wait_until(READ_ONCE(h.holding), 5 * HZ));
	mine = preempt_count();
	WRITE_ONCE(h.release, 1);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 0);
	KTEST_EXPECT_EQ(t, h.cpu, 1);
	KTEST_EXPECT_EQ(t, h.holding, 1);	/* CPU 1's word: its own preempt_disable() */
	KTEST_EXPECT_EQ(t, mine, 0);		/* this CPU's: untouched */
	put_task_struct(k);
}

struct pingpong {
	struct completion ping, pong;
	int rounds, done;
};

static int pong(void *data)
{
	struct pingpong *pp = data;

	for (int i = 0; i < pp->rounds; i++) {
		wait_for_completion(&pp->ping);
		pp->done++;
		complete(&pp->pong);
	}
	return 0;
}

/*
 * A thread asleep on CPU 1 is woken from here 500 times and wakes this
 * task back each time: a lost wake-up (a missing barrier, a missing
 * IPI to an idle CPU) hangs a round, and the bound fails the case.
 */
static void wakeups_cross_cpus(struct ktest *t)
{
	static struct pingpong pp;
	struct task_struct *k;
	int i;

	NEEDS_2_CPUS(t);
	init_completion(&pp.ping);
	init_completion(&pp.pong);
	pp.rounds = 500;
	pp.done = 0;
	k = start_on(1, pong, &pp);
	KTEST_ASSERT_NOT_NULL(t, k);
	for (i = 0; i < pp.rounds; i++) {
		complete(&pp.ping);
		if (!wait_for_completion_timeout(&pp.pong, 5 * HZ))
			break;
	}
	KTEST_EXPECT_EQ(t, i, pp.rounds);
	if (i == pp.rounds)
		KTEST_EXPECT_EQ(t, kthread_stop(k), 0);
	KTEST_EXPECT_EQ(t, pp.done, pp.rounds);
	put_task_struct(k);
}

static int nothing(void *data)
{
	(void)data;
	return 7;
}

/* kthread_bind() refuses an offline CPU and a task already placed, each with one line. */
static void kthread_bind_refuses_misuse(struct ktest *t)
{
	struct task_struct *k;

	NEEDS_2_CPUS(t);
	k = kthread_create(nothing, NULL, "ktest-bind");
	KTEST_ASSERT_NOT_NULL(t, k);
	kthread_bind(k, NR_CPUS);		/* not a CPU: a line, k unplaced */
	KTEST_EXPECT_EQ(t, k->cpu, -1);
	kthread_bind(k, 1);
	KTEST_EXPECT_EQ(t, k->cpu, 1);
	get_task_struct(k);
	wake_up_process(k);
	KTEST_EXPECT_REPORT(t, kthread_bind(k, 0), "kthread_bind", "task already placed");
	KTEST_EXPECT_EQ(t, k->cpu, 1);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 7);
	put_task_struct(k);
}

/* --- tokens passed between CPUs ------------------------------------------------ */

#define TOK_PER_CPU	3		/* threads per online CPU */
#define TOK_THREADS	(TOK_PER_CPU * NR_CPUS)
#define TOK_PASSES	3000		/* passes in all, then everyone stops */

struct tok_thread {
	int tokens;			/* atomic: given by others, taken by this one */
	int cpu;			/* bound there */
	unsigned long passes, wrong_cpu, not_on_cpu;
	struct tok_race *r;
	struct task_struct *self_task;	/* for the spurious wake-ups */
	int id;
};

struct tok_race {
	struct tok_thread th[TOK_THREADS];
	int n;				/* threads */
	int passes;			/* atomic: passes made so far */
	volatile int stop;
	struct completion done;		/* the TOK_PASSES-th pass was made */
};

static int tok_worker(void *data)
{
	struct tok_thread *me = data;
	struct tok_race *r = me->r;
	struct rnd_state rnd;

	prandom_seed_state(&rnd, 0x70c00000u + (u32)me->id);
	for (;;) {
		struct tok_thread *peer;
		int done;

		/*
		 * The sleep every waiter is made of (wait_event() without the
		 * queue): only wake_up_state()'s rq lock, against the dequeue
		 * in __schedule() on this CPU, keeps a wake-up from being lost.
		 */
		for (;;) {
			set_current_state(TASK_UNINTERRUPTIBLE);
			if (__atomic_load_n(&me->tokens, __ATOMIC_ACQUIRE) > 0 || READ_ONCE(r->stop))
				break;
			schedule();
		}
		__set_current_state(TASK_RUNNING);
		if (READ_ONCE(r->stop))
			break;
		__atomic_sub_fetch(&me->tokens, 1, __ATOMIC_ACQ_REL);
		me->wrong_cpu += smp_processor_id() != me->cpu || current->cpu != me->cpu;
		me->not_on_cpu += !READ_ONCE(current->on_cpu);
		me->passes++;
		done = __atomic_add_fetch(&r->passes, 1, __ATOMIC_ACQ_REL);
		if (done == TOK_PASSES)
			complete(&r->done);
		switch (prandom_u32_below(&rnd, 4)) {
		case 0:
			yield();
			break;
		case 1:		/* a while on the CPU: the tick may preempt here */
			for (int i = prandom_u32_below(&rnd, 200); i > 0; i--)
				cpu_relax();
			break;
		case 2:		/* spurious wake-ups: their wait loops must sleep again */
			for (int i = 0; i < 3; i++)
				wake_up_process(r->th[prandom_u32_below(&rnd, r->n)].self_task);
			break;
		default:
			break;
		}
		peer = &r->th[prandom_u32_below(&rnd, r->n)];
		__atomic_add_fetch(&peer->tokens, 1, __ATOMIC_ACQ_REL);
		wake_up_process(peer->self_task);
	}
	return 0;
}

static void read_nr_running(void *info)
{
	*(unsigned int *)info = nr_running();
}

/* Each online CPU's run-queue count, read on that CPU. */
static void nr_running_each(unsigned int nr[NR_CPUS])
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		smp_call_function_single(cpu, read_nr_running, &nr[cpu], true);
}

static void tokens_pass_between_cpus(struct ktest *t)
{
	unsigned int nr0[NR_CPUS] = { 0 }, nr1[NR_CPUS] = { 0 };
	static struct tok_race r;
	struct task_struct *k[TOK_THREADS];
	unsigned long reports0, sent0, got0, sent, got;
	unsigned long passes = 0, wrong = 0, off = 0;
	int tokens = 0, i, n = 0, ntok;
	unsigned int cpu;
	bool finished;

	NEEDS_2_CPUS(t);
	memset(&r, 0, sizeof(r));
	init_completion(&r.done);
	for_each_online_cpu(cpu)
		for (int j = 0; j < TOK_PER_CPU; j++) {
			r.th[r.n] = (struct tok_thread){ .cpu = (int)cpu, .r = &r, .id = r.n };
			r.n++;
		}
	ntok = r.n - 1;
	for (i = 0; i < ntok; i++)
		r.th[i].tokens = 1;		/* all but one thread hold one */
	nr_running_each(nr0);
	reports0 = __atomic_load_n(&report_state.total, __ATOMIC_RELAXED);
	sent0 = ipi_sent_total(IPI_RESCHEDULE);
	got0 = ipi_received_total(IPI_RESCHEDULE);
	for (n = 0; n < r.n; n++) {
		k[n] = kthread_create(tok_worker, &r.th[n], "tok%d", n);
		if (!k[n])
			break;
		r.th[n].self_task = k[n];
		kthread_bind(k[n], (unsigned int)r.th[n].cpu);
		get_task_struct(k[n]);
	}
	if (n == r.n) {
		unsigned long end = jiffies + 60 * HZ;
		struct rnd_state rnd;

		prandom_seed_state(&rnd, 0x70c0ffffu);
		for (i = 0; i < n; i++)
			wake_up_process(k[i]);
		/* and meanwhile spurious wake-ups from here, on every CPU's queue */
		while (!completion_done(&r.done) && time_after(end, jiffies)) {
			wake_up_process(k[prandom_u32_below(&rnd, n)]);
			cpu_relax();
		}
	}
	finished = n == r.n && completion_done(&r.done);
	WRITE_ONCE(r.stop, 1);
	for (i = 0; i < n; i++)
		wake_up_process(k[i]);
	for (i = 0; i < n; i++) {
		if (r.n == n)
			kthread_stop(k[i]);	/* an unwoken one would wait for ever */
		put_task_struct(k[i]);
	}
	KTEST_ASSERT_EQ(t, n, r.n);
	for (i = 0; i < n; i++) {
		passes += r.th[i].passes;
		wrong += r.th[i].wrong_cpu;
		off += r.th[i].not_on_cpu;
		tokens += r.th[i].tokens;
	}
	ktest_log(t, "%d threads on %u CPUs, %lu passes of %d tokens", n, num_online_cpus(),
		  passes, ntok);
	KTEST_EXPECT_TRUE(t, finished);
	KTEST_EXPECT_EQ(t, passes, (unsigned long)__atomic_load_n(&r.passes, __ATOMIC_RELAXED));
	KTEST_EXPECT_GE(t, passes, TOK_PASSES);
	KTEST_EXPECT_EQ(t, tokens, ntok);	/* each pass gave back the one it took */
	KTEST_EXPECT_EQ(t, wrong, 0);
	KTEST_EXPECT_EQ(t, off, 0);
	KTEST_EXPECT_EQ(t, __atomic_load_n(&report_state.total, __ATOMIC_RELAXED), reports0);
	/* every run queue counts what it did before (no lost update of nr_running) */
	nr_running_each(nr1);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, nr1[cpu], nr0[cpu]);
	/* every reschedule IPI sent was received: wait for the last in flight */
	wait_until(ipi_received_total(IPI_RESCHEDULE) - got0 ==
		   ipi_sent_total(IPI_RESCHEDULE) - sent0, HZ);
	sent = ipi_sent_total(IPI_RESCHEDULE) - sent0;
	got = ipi_received_total(IPI_RESCHEDULE) - got0;
	ktest_log(t, "reschedule IPIs: %lu sent, %lu received", sent, got);
	KTEST_EXPECT_GE(t, sent, 1);	/* some wake-ups found their CPU idle */
	KTEST_EXPECT_EQ(t, got, sent);
}

/* --- kthread_stop() and the last switch on another CPU ----------------------- */

struct quick {
	volatile int returning;
	int ret;
};

static int quick_exit(void *data)
{
	struct quick *q = data;

	if (!q)
		return 0;
	q->returning = 1;
	return q->ret;
}

static void kthread_stop_waits_for_the_last_switch(struct ktest *t)
{
	unsigned long before[MAX_NR_ZONES];
	int threads0, bad_stack = 0, bad_cpu = 0, bad_usage = 0, bad_ret = 0;
	unsigned int cpu = smp_processor_id() ? 0 : 1;
	struct task_struct *k;

	NEEDS_2_CPUS(t);
	k = start_on(cpu, quick_exit, NULL);	/* warm up the task_struct cache on both CPUs */
	KTEST_ASSERT_NOT_NULL(t, k);
	kthread_stop(k);
	put_task_struct(k);
	zone_free_snapshot_shrunk(before);
	threads0 = READ_ONCE(nr_threads);
	for (int i = 0; i < 100; i++) {
		struct quick q = { .ret = i };

		k = start_on(cpu, quick_exit, &q);
		KTEST_ASSERT_NOT_NULL(t, k);
		/*
		 * Stop it just as it returns, so that kthread_stop() finds
		 * it completed while its last switch is still to come on its
		 * CPU: the window the on_cpu wait is there for.
		 */
		wait_until(q.returning, 5 * HZ);
		bad_ret += kthread_stop(k) != i;
		/* gone from its CPU, and from everywhere but our reference */
		bad_cpu += __atomic_load_n(&k->on_cpu, __ATOMIC_ACQUIRE) != 0;
		bad_stack += k->stack != NULL;
		bad_usage += __atomic_load_n(&k->usage, __ATOMIC_ACQUIRE) != 1;
		put_task_struct(k);	/* the last: freed here */
	}
	KTEST_EXPECT_EQ(t, bad_ret, 0);
	KTEST_EXPECT_EQ(t, bad_cpu, 0);
	KTEST_EXPECT_EQ(t, bad_stack, 0);
	KTEST_EXPECT_EQ(t, bad_usage, 0);
	KTEST_EXPECT_EQ(t, READ_ONCE(nr_threads), threads0);
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

struct probe {
	unsigned long addr;
	long ret;
	int cpu;
};

/* On the target CPU, in the IPI handler: read @addr without oopsing. */
static void probe_read(void *info)
{
	struct probe *p = info;
	u32 v;

	p->ret = copy_from_kernel_nofault(&v, (const void *)p->addr, sizeof(v));
	p->cpu = smp_processor_id();
}

/*
 * Every AP ran through the trampoline page at its physical address (a
 * global translation: the identity entry was a copy of the kernel's).
 * The entry is gone after bring-up, and each AP flushed its TLB before
 * coming online (start_secondary()): that address must fault on every
 * CPU, not still read the trampoline through a stale translation.
 */
static void trampoline_identity_gone_on_every_cpu(struct ktest *t)
{
	unsigned long addr = (unsigned long)smp_trampoline_page();
	unsigned int cpu;

	NEEDS_2_CPUS(t);
	KTEST_ASSERT_NE(t, addr, 0);
	for_each_online_cpu(cpu) {
		struct probe p = { .addr = addr, .ret = 1, .cpu = -1 };

		KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, probe_read, &p, true), 0);
		KTEST_EXPECT_EQ(t, p.cpu, (int)cpu);
		KTEST_EXPECT_EQ(t, p.ret, -EFAULT);
	}
}

static const struct ktest_case smp_sched_cases[] = {
	KTEST_CASE(trampoline_identity_gone_on_every_cpu),
	KTEST_CASE(each_cpu_has_its_own_hot_data),
	KTEST_CASE(bound_thread_runs_on_its_cpu),
	KTEST_CASE(preempt_count_is_per_cpu),
	KTEST_CASE(wakeups_cross_cpus),
	KTEST_CASE(kthread_bind_refuses_misuse),
	KTEST_CASE(tokens_pass_between_cpus),
	KTEST_CASE(kthread_stop_waits_for_the_last_switch),
	{ 0 },
};

KTEST_SUITE(smp_sched) = { .name = "smp_sched", .cases = smp_sched_cases };
