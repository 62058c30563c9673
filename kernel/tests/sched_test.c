// SPDX-License-Identifier: MIT
/*
 * KTAP suite "sched" (QEMU only: the host has no scheduler): kernel
 * threads, the scheduler, wait queues, completions, mutexes, timers and
 * the atomic-sleep reports. Each case judges by state that a broken
 * mechanism would get wrong (an order of events, a count, a report),
 * never by how long something took. The effect under test is waited for
 * with a bound in jiffies (spin_until()) and checked before the case's
 * kthread_stop(), which would otherwise wake the thread itself and hide
 * a lost wake-up; a bound that runs out is a failure. The final
 * kthread_stop() and the completion ping-pong wait without a bound: a
 * mechanism broken there hangs the boot, which the harness's per-boot
 * timeout reports as a failure with the log's last lines.
 *
 * Everything here is deterministic under -icount (the matrix runs the
 * suite that way, with several sched_jitter= seeds): with one CPU, round
 * robin and the tick at fixed instruction counts, a run is a function of
 * the seed.
 *
 * With several CPUs a new thread is placed on the least loaded CPU at
 * its first wake-up. A case whose point is a one-CPU property -- the
 * tick preempting a busy thread on the same CPU, round-robin order,
 * preempt_disable() holding this CPU's tick off, a mutex hand-off order
 * made by the run queue, this CPU's timer list -- binds its threads to
 * the test's CPU (start_thread_here(), kthread_bind() before the first
 * wake-up) and so runs as on one CPU. The other cases judge by state any
 * CPU shows (a state, a count, a report) and leave the threads where the
 * scheduler puts them; their counts shared by several threads are
 * atomic. The cross-CPU cases are in the smp_sched suite.
 */
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <kernel/completion.h>
#include <kernel/delay.h>
#include <kernel/errno.h>
#include <kernel/interrupt.h>
#include <kernel/jiffies.h>
#include <kernel/kallsyms.h>
#include <kernel/ktest.h>
#include <kernel/kthread.h>
#include <kernel/might_sleep.h>
#include <kernel/mutex.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/timer.h>
#include <kernel/wait.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include "../../mm/tests/mm_test.h"

/*
 * Wait (yielding) until @cond or @ticks jiffies pass; the caller checks
 * @cond. With other CPUs online the condition may be another CPU's to
 * make true: each turn also pauses (cpu_relax(), as every polling loop
 * in Linux does), which under round-robin TCG (-icount) is what hands
 * the turn to the other vCPUs -- a loop of yield() alone keeps an idle
 * CPU from ever running (it takes neither its reschedule IPI nor its
 * tick) until the bound runs out. With one CPU nothing changes.
 */
#define spin_until(cond, ticks) do {					\
	unsigned long __end = jiffies + (ticks);			\
	while (!(cond) && time_after(__end, jiffies)) {			\
		yield();						\
		if (num_online_cpus() > 1)				\
			cpu_relax();					\
	}								\
} while (0)

/*
 * kthread_run() with a reference taken before the thread can run: a
 * thread that exits at once may be reaped before a get_task_struct()
 * after kthread_run() (the tick can switch to it in between), and
 * kthread_stop() needs the reference (as in Linux).
 */
#define start_thread(fn, data, ...) ({					\
	struct task_struct *__k = kthread_create(fn, data, __VA_ARGS__);	\
	if (__k) {							\
		get_task_struct(__k);					\
		wake_up_process(__k);					\
	}								\
	__k;								\
})

/*
 * start_thread() on the test's own CPU: for the cases that test a
 * one-CPU property (see the top of the file). The test thread never
 * migrates, so smp_processor_id() stays its CPU.
 */
#define start_thread_here(fn, data, ...) ({				\
	struct task_struct *__k = kthread_create(fn, data, __VA_ARGS__);	\
	if (__k) {							\
		kthread_bind(__k, smp_processor_id());			\
		get_task_struct(__k);					\
		wake_up_process(__k);					\
	}								\
	__k;								\
})

static int return_arg(void *data)
{
	return (int)(unsigned long)data;
}

/* A thread runs its function on its own stack, and kthread_stop() returns its result. */
static int record_stack(void *data)
{
	unsigned long *where = data;

	where[0] = (unsigned long)__builtin_frame_address(0);
	where[1] = (unsigned long)current->stack;
	where[2] = current->pid;
	where[3] = *end_of_stack(current);
	return 42;
}

static void kthread_runs_on_its_own_stack(struct ktest *t)
{
	unsigned long where[4] = { 0 };
	struct task_struct *k;

	k = kthread_create(record_stack, where, "ktest-%d", 7);
	KTEST_ASSERT_NOT_NULL(t, k);
	KTEST_EXPECT_STREQ(t, k->comm, "ktest-7");
	KTEST_EXPECT_EQ(t, k->__state, TASK_UNINTERRUPTIBLE);	/* not run until woken */
	KTEST_EXPECT_EQ(t, where[0], 0);
	get_task_struct(k);
	wake_up_process(k);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 42);
	KTEST_EXPECT_GE(t, where[0], where[1]);
	KTEST_EXPECT_LT(t, where[0], where[1] + THREAD_SIZE);
	KTEST_EXPECT_GT(t, where[2], 1);
	KTEST_EXPECT_EQ(t, where[3], STACK_END_MAGIC);
	KTEST_EXPECT_TRUE(t, k->flags & PF_EXITING);	/* it may not have switched away yet */
	put_task_struct(k);
}

/* A thread's task_struct, kthread part and stack are all freed when it is reaped. */
static void kthread_exit_frees_everything(struct ktest *t)
{
	unsigned long before[MAX_NR_ZONES];
	struct task_struct *k;

	/* the first thread creates the task_struct cache: do that outside the count */
	k = start_thread(return_arg, (void *)1, "warmup");
	KTEST_ASSERT_NOT_NULL(t, k);
	kthread_stop(k);
	put_task_struct(k);
	yield();	/* let it finish exiting: its stack is freed at its last switch */

	zone_free_snapshot_shrunk(before);
	for (int i = 0; i < 8; i++) {
		k = start_thread(return_arg, (void *)(unsigned long)i, "exit%d", i);
		KTEST_ASSERT_NOT_NULL(t, k);
		KTEST_EXPECT_EQ(t, kthread_stop(k), i);
		put_task_struct(k);
	}
	yield();	/* the last one may still be on its way out: reaped at its switch */
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

/* yield() ping-pong: two threads strictly alternate (round robin, FIFO). */
struct pingpong {
	char log[64];
	int n;
	int rounds;
};

static int yield_writer(void *data)
{
	struct pingpong *pp = data;
	char me = current->comm[0];

	for (int i = 0; i < pp->rounds; i++) {
		pp->log[pp->n++] = me;
		yield();
	}
	return 0;
}

static void yield_alternates_round_robin(struct ktest *t)
{
	struct pingpong pp = { .rounds = 8 };
	struct task_struct *a, *b;

	a = kthread_create(yield_writer, &pp, "A");
	b = kthread_create(yield_writer, &pp, "B");
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	kthread_bind(a, smp_processor_id());	/* round robin is one CPU's order */
	kthread_bind(b, smp_processor_id());
	get_task_struct(a);
	get_task_struct(b);
	preempt_disable();		/* both queued before either runs */
	wake_up_process(a);
	wake_up_process(b);
	preempt_enable();
	kthread_stop(a);
	kthread_stop(b);
	put_task_struct(a);
	put_task_struct(b);
	pp.log[pp.n] = '\0';
	/* the tick may preempt one of them once in a while: count the changes */
	KTEST_EXPECT_EQ(t, pp.n, 16);
	int changes = 0;

	for (int i = 1; i < pp.n; i++)
		changes += pp.log[i] != pp.log[i - 1];
	ktest_log(t, "order %s", pp.log);
	KTEST_EXPECT_GE(t, changes, 13);
}

/* The tick preempts a thread that never yields. */
static volatile unsigned long spinner_count;

static int spinner(void *data)
{
	while (!kthread_should_stop())
		spinner_count++;
	return 0;
}

static void tick_preempts_a_busy_thread(struct ktest *t)
{
	struct task_struct *k;
	unsigned long seen, end;
	unsigned long nivcsw, mine = current->nivcsw;

	spinner_count = 0;
	k = start_thread_here(spinner, NULL, "spinner");	/* this CPU's tick */
	KTEST_ASSERT_NOT_NULL(t, k);
	/* busy-wait without yielding: only preemption lets the spinner run */
	end = jiffies + 20;
	while (!spinner_count && time_after(end, jiffies))
		cpu_relax();
	seen = spinner_count;
	/* and the spinner never yields: only preemption brings us back here */
	nivcsw = k->nivcsw;
	kthread_stop(k);
	put_task_struct(k);
	KTEST_EXPECT_GT(t, seen, 0);
	KTEST_EXPECT_GT(t, nivcsw, 0);
	KTEST_EXPECT_GT(t, current->nivcsw, mine);	/* we were preempted, in this case */
}

/* preempt_disable() holds the tick off: nobody else runs inside the section. */
static void preempt_disable_holds_off_the_tick(struct ktest *t)
{
	struct task_struct *k;
	unsigned long j0, c0;

	spinner_count = 0;
	k = start_thread_here(spinner, NULL, "spinner");	/* this CPU's count holds it off */
	KTEST_ASSERT_NOT_NULL(t, k);
	spin_until(spinner_count, 20);
	preempt_disable();
	c0 = spinner_count;
	j0 = jiffies;
	while (jiffies - j0 < 3)	/* three ticks pass, with interrupts on */
		cpu_relax();
	KTEST_EXPECT_EQ(t, spinner_count, c0);
	KTEST_EXPECT_TRUE(t, need_resched());	/* the tick asked; the count said no */
	preempt_enable();			/* the pending switch happens here */
	KTEST_EXPECT_NE(t, spinner_count, c0);
	kthread_stop(k);
	put_task_struct(k);
}

/* wait_event(): the waiter sleeps (off the run queue) until the condition and wake_up(). */
struct waiter_args {
	struct wait_queue_head wq;
	int cond;
	int woke;
};

static int wait_event_thread(void *data)
{
	struct waiter_args *w = data;

	wait_event(w->wq, w->cond);
	w->woke = 1;
	return 0;
}

static void wait_event_sleeps_until_woken(struct ktest *t)
{
	struct waiter_args w = { .cond = 0 };
	struct task_struct *k;

	init_waitqueue_head(&w.wq);
	k = start_thread(wait_event_thread, &w, "waiter");
	KTEST_ASSERT_NOT_NULL(t, k);
	spin_until(k->__state == TASK_UNINTERRUPTIBLE && !k->on_rq, 20);
	KTEST_EXPECT_EQ(t, k->__state, TASK_UNINTERRUPTIBLE);
	KTEST_EXPECT_EQ(t, k->on_rq, 0);
	KTEST_EXPECT_TRUE(t, waitqueue_active(&w.wq));
	wake_up(&w.wq);			/* condition still false: back to sleep */
	spin_until(k->__state == TASK_UNINTERRUPTIBLE && !k->on_rq, 20);
	KTEST_EXPECT_EQ(t, w.woke, 0);
	w.cond = 1;
	wake_up(&w.wq);
	spin_until(w.woke, 10);		/* woken by wake_up(), not by kthread_stop() */
	KTEST_EXPECT_EQ(t, w.woke, 1);
	kthread_stop(k);
	KTEST_EXPECT_FALSE(t, waitqueue_active(&w.wq));
	put_task_struct(k);
}

/*
 * A sleeping task's backtrace is read from its own stack, from the frame
 * __switch_to_asm saved: through the scheduler, its wait, its function,
 * down to ret_from_fork.
 */
static bool trace_has(const unsigned long *trace, unsigned int n, const char *fn)
{
	unsigned long off, size;

	for (unsigned int i = 0; i < n; i++) {
		const char *name = kallsyms_lookup(trace[i], &off, &size);

		if (name && !strcmp(name, fn))
			return true;
	}
	return false;
}

static void sleeping_task_backtrace_is_its_own(struct ktest *t)
{
	struct waiter_args w = { .cond = 0 };
	unsigned long trace[32], mine[32];
	unsigned int n, m;
	struct task_struct *k;

	init_waitqueue_head(&w.wq);
	k = start_thread(wait_event_thread, &w, "waiter");
	KTEST_ASSERT_NOT_NULL(t, k);
	spin_until(k->__state == TASK_UNINTERRUPTIBLE && !k->on_rq, 20);
	n = stack_trace_save_tsk(k, trace, ARRAY_SIZE(trace));
	m = stack_trace_save_tsk(current, mine, ARRAY_SIZE(mine));
	sched_show_task(k);
	KTEST_EXPECT_TRUE(t, trace_has(trace, n, "wait_event_thread"));
	KTEST_EXPECT_TRUE(t, trace_has(trace, n, "kthread"));
	KTEST_EXPECT_TRUE(t, trace_has(trace, n, "ret_from_fork"));
	KTEST_EXPECT_TRUE(t, trace_has(trace, n, "schedule") || trace_has(trace, n, "__schedule"));
	KTEST_EXPECT_FALSE(t, trace_has(trace, n, "sleeping_task_backtrace_is_its_own"));
	KTEST_EXPECT_TRUE(t, trace_has(mine, m, "sleeping_task_backtrace_is_its_own"));
	KTEST_EXPECT_TRUE(t, trace_has(mine, m, "kernel_init"));
	KTEST_EXPECT_FALSE(t, trace_has(mine, m, "wait_event_thread"));
	w.cond = 1;
	wake_up(&w.wq);
	kthread_stop(k);
	put_task_struct(k);
}

/* wait_event_timeout(): times out after its ticks with 0; woken with the condition true, >= 1. */
struct timed_args {
	struct wait_queue_head wq;
	int cond;
	long ret;
	unsigned long slept;
	int done;
};

static int timed_waiter(void *data)
{
	struct timed_args *a = data;
	unsigned long j0 = jiffies;

	a->ret = wait_event_timeout(a->wq, a->cond, 5);
	a->slept = jiffies - j0;
	a->done = 1;
	return 0;
}

static void wait_event_timeout_times_out_or_wakes(struct ktest *t)
{
	struct timed_args a = { .cond = 0 };
	struct task_struct *k;

	init_waitqueue_head(&a.wq);
	k = start_thread(timed_waiter, &a, "timed");
	KTEST_ASSERT_NOT_NULL(t, k);
	spin_until(a.done, 20);
	KTEST_EXPECT_EQ(t, a.done, 1);
	KTEST_EXPECT_EQ(t, a.ret, 0);		/* nobody woke it: time ran out */
	KTEST_EXPECT_GE(t, a.slept, 5);
	kthread_stop(k);
	put_task_struct(k);

	a = (struct timed_args){ .cond = 0 };
	init_waitqueue_head(&a.wq);
	k = start_thread(timed_waiter, &a, "timed");
	KTEST_ASSERT_NOT_NULL(t, k);
	spin_until(!k->on_rq, 3);
	a.cond = 1;
	wake_up(&a.wq);
	spin_until(a.done, 10);
	KTEST_EXPECT_EQ(t, a.done, 1);
	KTEST_EXPECT_GE(t, a.ret, 1);		/* woken in time: what was left */
	KTEST_EXPECT_LE(t, a.ret, 5);
	kthread_stop(k);
	put_task_struct(k);
}

/* Misuse of the thread and timer calls is one named report, never a hang or an oops. */
static void thread_and_timer_misuse_reported(struct ktest *t)
{
	const char *kind, *reason;

	report_expect();
	KTEST_EXPECT_EQ(t, kthread_stop(&init_task), -EINVAL);
	KTEST_EXPECT_EQ(t, report_take(&kind, &reason), 1);
	KTEST_EXPECT_STREQ(t, reason, "kthread_stop of a task that is not a kernel thread");

	report_expect();
	KTEST_EXPECT_EQ(t, kthread_stop(current), -EINVAL);
	KTEST_EXPECT_EQ(t, report_take(&kind, &reason), 1);
	KTEST_EXPECT_STREQ(t, reason, "kthread_stop of the calling thread");

	report_expect();
	__set_current_state(TASK_UNINTERRUPTIBLE);
	KTEST_EXPECT_EQ(t, schedule_timeout(-1), 0);	/* returns at once, not asleep */
	KTEST_EXPECT_EQ(t, current->__state, TASK_RUNNING);
	KTEST_EXPECT_EQ(t, report_take(&kind, &reason), 1);
	KTEST_EXPECT_STREQ(t, reason, "schedule_timeout: wrong timeout value");
}

/* wake_up() wakes one exclusive waiter; wake_up_all() wakes all. */
static int exclusive_waiter(void *data)
{
	struct waiter_args *w = data;
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait_exclusive(&w->wq, &wait, TASK_UNINTERRUPTIBLE);
		if (w->cond)
			break;
		schedule();
		if (w->cond)
			break;
	}
	finish_wait(&w->wq, &wait);
	__atomic_add_fetch(&w->woke, 1, __ATOMIC_SEQ_CST);	/* woken together on two CPUs */
	return 0;
}

static void wake_up_wakes_one_exclusive_waiter(struct ktest *t)
{
	struct waiter_args w = { .cond = 0 };
	struct task_struct *k[3];

	init_waitqueue_head(&w.wq);
	for (int i = 0; i < 3; i++) {
		k[i] = start_thread(exclusive_waiter, &w, "excl%d", i);
		KTEST_ASSERT_NOT_NULL(t, k[i]);
	}
	spin_until(!k[0]->on_rq && !k[1]->on_rq && !k[2]->on_rq, 20);
	w.cond = 1;
	wake_up(&w.wq);
	spin_until(w.woke == 1 && !k[0]->on_rq, 5);
	for (int i = 0; i < 10; i++)
		yield();
	KTEST_EXPECT_EQ(t, w.woke, 1);
	wake_up_all(&w.wq);
	spin_until(w.woke == 3, 10);	/* before kthread_stop() wakes them itself */
	KTEST_EXPECT_EQ(t, w.woke, 3);
	for (int i = 0; i < 3; i++) {
		kthread_stop(k[i]);
		put_task_struct(k[i]);
	}
}

/* A complete() before the wait is not lost; each complete() lets one wait pass. */
static int completer(void *data)
{
	complete(data);
	return 0;
}

static void completion_before_wait_is_kept(struct ktest *t)
{
	struct completion c;
	struct task_struct *k;

	init_completion(&c);
	k = start_thread(completer, &c, "completer");
	KTEST_ASSERT_NOT_NULL(t, k);
	kthread_stop(k);		/* it has completed and exited */
	put_task_struct(k);
	KTEST_EXPECT_TRUE(t, completion_done(&c));
	wait_for_completion(&c);	/* returns at once */
	KTEST_EXPECT_FALSE(t, completion_done(&c));
	KTEST_EXPECT_FALSE(t, try_wait_for_completion(&c));
	KTEST_EXPECT_EQ(t, wait_for_completion_timeout(&c, 2), 0);	/* nobody completes */
	complete_all(&c);
	wait_for_completion(&c);
	wait_for_completion(&c);	/* complete_all: every wait passes */
	KTEST_EXPECT_TRUE(t, try_wait_for_completion(&c));
}

/* Completion ping-pong between two threads keeps strict order. */
struct cpp {
	struct completion ping, pong;
	int rounds, seq[32], n;
};

static int pong_thread(void *data)
{
	struct cpp *c = data;

	for (int i = 0; i < c->rounds; i++) {
		wait_for_completion(&c->ping);
		c->seq[c->n++] = 2 * i + 1;
		complete(&c->pong);
	}
	return 0;
}

static void completion_ping_pong_in_order(struct ktest *t)
{
	struct cpp c = { .rounds = 12 };
	struct task_struct *k;

	init_completion(&c.ping);
	init_completion(&c.pong);
	k = start_thread(pong_thread, &c, "pong");
	KTEST_ASSERT_NOT_NULL(t, k);
	for (int i = 0; i < c.rounds; i++) {
		c.seq[c.n++] = 2 * i;
		complete(&c.ping);
		wait_for_completion(&c.pong);
	}
	kthread_stop(k);
	put_task_struct(k);
	KTEST_EXPECT_EQ(t, c.n, 2 * c.rounds);
	for (int i = 0; i < c.n; i++)
		KTEST_EXPECT_EQ(t, c.seq[i], i);
}

/* A mutex held across sleeps excludes the other threads; it is handed off in order. */
struct mutex_args {
	struct mutex m;
	int inside, overlaps, total;
	char order[16];
	int n;
};

static int mutex_worker(void *data)
{
	struct mutex_args *a = data;

	for (int i = 0; i < 4; i++) {
		mutex_lock(&a->m);
		if (a->inside++)
			a->overlaps++;
		a->order[a->n++] = current->comm[0];
		yield();		/* the others run, and block on the mutex */
		a->total++;
		a->inside--;
		mutex_unlock(&a->m);
		yield();
	}
	return 0;
}

static void mutex_excludes_and_hands_off(struct ktest *t)
{
	struct mutex_args a = { .n = 0 };
	struct task_struct *k[3];

	mutex_init(&a.m);
	for (int i = 0; i < 3; i++) {
		k[i] = kthread_create(mutex_worker, &a, "%c", 'a' + i);
		KTEST_ASSERT_NOT_NULL(t, k[i]);
		kthread_bind(k[i], smp_processor_id());	/* the hand-off order is the run queue's */
		get_task_struct(k[i]);
	}
	preempt_disable();		/* all three queued, in order, before any runs */
	for (int i = 0; i < 3; i++)
		wake_up_process(k[i]);
	preempt_enable();
	for (int i = 0; i < 3; i++) {
		kthread_stop(k[i]);
		put_task_struct(k[i]);
	}
	a.order[a.n] = '\0';
	ktest_log(t, "lock order %s", a.order);
	KTEST_EXPECT_EQ(t, a.overlaps, 0);
	KTEST_EXPECT_EQ(t, a.total, 12);
	KTEST_EXPECT_FALSE(t, mutex_is_locked(&a.m));
	/* hand-off in arrival order: while one holds it the other two queue up */
	KTEST_EXPECT_EQ(t, a.order[0], 'a');
	KTEST_EXPECT_EQ(t, a.order[1], 'b');
	KTEST_EXPECT_EQ(t, a.order[2], 'c');
}

static int mutex_unlocker(void *data)
{
	mutex_unlock(data);
	return 0;
}

static void mutex_misuse_reported(struct ktest *t)
{
	struct mutex m;
	struct task_struct *k;
	const char *kind, *reason;

	mutex_init(&m);
	mutex_lock(&m);
	report_expect();
	mutex_lock(&m);
	KTEST_EXPECT_EQ(t, report_take(&kind, &reason), 1);
	KTEST_EXPECT_STREQ(t, reason, "recursive locking");
	KTEST_EXPECT_PTR_EQ(t, mutex_owner(&m), current);

	k = kthread_create(mutex_unlocker, &m, "stranger");
	KTEST_ASSERT_NOT_NULL(t, k);
	get_task_struct(k);
	k->report.armed = 1;		/* its report is expected too */
	wake_up_process(k);
	kthread_stop(k);
	KTEST_EXPECT_EQ(t, k->report.seen_while_armed, 1);
	KTEST_EXPECT_STREQ(t, k->report.reason, "unlock by non-owner");
	put_task_struct(k);
	KTEST_EXPECT_PTR_EQ(t, mutex_owner(&m), current);	/* refused: still ours */
	mutex_unlock(&m);
	KTEST_EXPECT_FALSE(t, mutex_is_locked(&m));
}

/* might_sleep() in atomic context: Linux's report, and nothing else changes. */
static void might_sleep_in_atomic_reported(struct ktest *t)
{
	const char *kind, *reason;
	unsigned long flags;

	if (!IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP))
		ktest_skip(t, "might_sleep() is built only with DEBUG_VM (CONFIG_DEBUG_ATOMIC_SLEEP)");
	report_expect();
	might_sleep();			/* preemptible: quiet */
	KTEST_EXPECT_EQ(t, report_take(NULL, NULL), 0);

	report_expect();
	preempt_disable();
	might_sleep();
	preempt_enable();
	KTEST_EXPECT_EQ(t, report_take(&kind, &reason), 1);
	KTEST_EXPECT_STREQ(t, kind, "sleeping function called from invalid context");
	KTEST_EXPECT_STREQ(t, reason, __FILE__);

	report_expect();
	local_irq_save(flags);
	might_sleep();
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, report_take(NULL, NULL), 1);
	KTEST_EXPECT_EQ(t, preempt_count(), 0);
}

/* schedule() inside a spinlock: "scheduling while atomic", and the caller's count survives. */
static void schedule_while_atomic_reported(struct ktest *t)
{
	DEFINE_SPINLOCK(lock);
	const char *kind;

	report_expect();
	spin_lock(&lock);
	schedule();
	KTEST_EXPECT_EQ(t, preempt_count(), 1);
	spin_unlock(&lock);
	KTEST_EXPECT_EQ(t, report_take(&kind, NULL), 1);
	KTEST_EXPECT_STREQ(t, kind, "scheduling while atomic");
	KTEST_EXPECT_EQ(t, preempt_count(), 0);
}

/* msleep() sleeps at least its time in ticks, off the run queue, and leaves no timer. */
static int sleeper(void *data)
{
	unsigned long *j = data;

	j[0] = jiffies;
	msleep(30);
	j[1] = jiffies;
	return 0;
}

static void msleep_sleeps_whole_ticks(struct ktest *t)
{
	unsigned long j[2] = { 0, 0 };
	struct task_struct *k;

	k = start_thread_here(sleeper, j, "sleeper");	/* its timer on this CPU's list */
	KTEST_ASSERT_NOT_NULL(t, k);
	spin_until(j[0] && !k->on_rq, 10);
	KTEST_EXPECT_EQ(t, k->__state, TASK_UNINTERRUPTIBLE);
	KTEST_EXPECT_EQ(t, timers_pending(), 1);
	kthread_stop(k);	/* waits for the sleep to end by itself */
	put_task_struct(k);
	KTEST_EXPECT_GE(t, j[1] - j[0], msecs_to_jiffies(30));
	KTEST_EXPECT_EQ(t, timers_pending(), 0);
}

/* An interrupt handler wakes a sleeping thread (wake_up_process() from IRQ context). */
#define SCHED_TEST_IRQ	5	/* no device on it (as arch/x86/tests/irq_test.c) */

static irqreturn_t wake_handler(int irq, void *dev_id)
{
	complete(dev_id);
	return IRQ_HANDLED;
}

static volatile int irq_waiter_woke;

static int irq_waiter(void *data)
{
	wait_for_completion(data);
	irq_waiter_woke = 1;
	return 7;
}

static void interrupt_handler_wakes_a_thread(struct ktest *t)
{
	struct completion c;
	struct task_struct *k;

	init_completion(&c);
	KTEST_ASSERT_EQ(t, request_irq(SCHED_TEST_IRQ, wake_handler, 0, "ktest-sched", &c), 0);
	k = start_thread(irq_waiter, &c, "irqwait");
	if (!k)
		free_irq(SCHED_TEST_IRQ, &c);
	KTEST_ASSERT_NOT_NULL(t, k);
	spin_until(!k->on_rq, 10);
	KTEST_EXPECT_EQ(t, k->on_rq, 0);
	irq_waiter_woke = 0;
	__asm__ __volatile__("int $0x25" ::: "memory");	/* FIRST_EXTERNAL_VECTOR + 5 */
	free_irq(SCHED_TEST_IRQ, &c);
	spin_until(irq_waiter_woke, 10);	/* woken by the handler's complete() */
	KTEST_EXPECT_EQ(t, irq_waiter_woke, 1);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 7);
	put_task_struct(k);
}

static const struct ktest_case sched_cases[] = {
	KTEST_CASE(kthread_runs_on_its_own_stack),
	KTEST_CASE(kthread_exit_frees_everything),
	KTEST_CASE(yield_alternates_round_robin),
	KTEST_CASE(tick_preempts_a_busy_thread),
	KTEST_CASE(preempt_disable_holds_off_the_tick),
	KTEST_CASE(wait_event_sleeps_until_woken),
	KTEST_CASE(sleeping_task_backtrace_is_its_own),
	KTEST_CASE(wake_up_wakes_one_exclusive_waiter),
	KTEST_CASE(wait_event_timeout_times_out_or_wakes),
	KTEST_CASE(thread_and_timer_misuse_reported),
	KTEST_CASE(completion_before_wait_is_kept),
	KTEST_CASE(completion_ping_pong_in_order),
	KTEST_CASE(mutex_excludes_and_hands_off),
	KTEST_CASE(mutex_misuse_reported),
	KTEST_CASE(might_sleep_in_atomic_reported),
	KTEST_CASE(schedule_while_atomic_reported),
	KTEST_CASE(msleep_sleeps_whole_ticks),
	KTEST_CASE(interrupt_handler_wakes_a_thread),
	{}
};

KTEST_SUITE(sched) = { .name = "sched", .cases = sched_cases };
