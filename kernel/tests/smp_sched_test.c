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
 */
#include <asm/desc.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <kernel/completion.h>
#include <kernel/cpumask.h>
#include <kernel/jiffies.h>
#include <kernel/ktest.h>
#include <kernel/kthread.h>
#include <kernel/preempt.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/string.h>

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
		KTEST_EXPECT_EQ(t, pcpu_hot[cpu].cpu_number, (int)cpu);
		KTEST_EXPECT_EQ(t, pcpu_hot[cpu].this_cpu_off, cpu * sizeof(struct pcpu_hot));
		KTEST_EXPECT_NOT_NULL(t, pcpu_hot[cpu].current_task);
	}
	KTEST_EXPECT_EQ(t, this_cpu_read_hot(this_cpu_off),
			smp_processor_id() * sizeof(struct pcpu_hot));
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
		KTEST_EXPECT_EQ(t, w.off, cpu * sizeof(struct pcpu_hot));
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

static const struct ktest_case smp_sched_cases[] = {
	KTEST_CASE(each_cpu_has_its_own_hot_data),
	KTEST_CASE(bound_thread_runs_on_its_cpu),
	KTEST_CASE(preempt_count_is_per_cpu),
	KTEST_CASE(wakeups_cross_cpus),
	KTEST_CASE(kthread_bind_refuses_misuse),
	{ 0 },
};

KTEST_SUITE(smp_sched) = { .name = "smp_sched", .cases = smp_sched_cases };
