// SPDX-License-Identifier: MIT
/*
 * KTAP suite "spinlock": the ticket lock and its debug reports
 * (include/kernel/spinlock.h, kernel/spinlock.c) and the atomics
 * (include/kernel/atomic.h).
 *
 * On one CPU the ticket order is still visible: tickets can be taken by
 * hand (arch_spin_take_ticket()) and served one by one. A lockup can be
 * made on one CPU too: the lock is held by "nobody" (a ticket taken by
 * hand), a spin_lock() spins a shortened spin_lockup_loops, reports, and
 * a timer -- whose interrupt arrives while it spins, interrupts being on
 * -- serves the next ticket. The cases that need another CPU (an unlock
 * on the wrong CPU, a lockup against a real holder, two CPUs counting
 * at once) run it through smp_call_function_single() and skip, saying
 * why, with fewer than two CPUs online or before kernel/smp.c exists
 * (the call is a weak reference until then).
 *
 *   ticket order:   [head 0 tail 0] lock -> [0,1] take -> [0,2] take ->
 *                   [0,3]; unlock -> [1,3]: ticket 1 served, not 2.
 */
#include <asm/processor.h>
#include <kernel/atomic.h>
#include <kernel/cpumask.h>
#include <kernel/jiffies.h>
#include <kernel/ktest.h>
#include <kernel/percpu.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/timer.h>

/* kernel/smp.c (another branch): absent, the address is NULL and the SMP cases skip. */
#pragma weak smp_call_function_single

static DEFINE_SPINLOCK(t_lock);

static void spin_trylock_fails_when_held(struct ktest *t)
{
	int pc = preempt_count();

	KTEST_ASSERT_TRUE(t, spin_trylock(&t_lock));
	KTEST_EXPECT_TRUE(t, spin_is_locked(&t_lock));
	KTEST_EXPECT_EQ(t, preempt_count(), pc + 1);
	KTEST_EXPECT_FALSE(t, spin_trylock(&t_lock));		/* held: no wait, no report */
	KTEST_EXPECT_EQ(t, preempt_count(), pc + 1);		/* the failed try gave its count back */
	spin_unlock(&t_lock);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&t_lock));
	KTEST_EXPECT_EQ(t, preempt_count(), pc);
}

/* The picture at the top: tickets are served in the order they were taken. */
static void arch_spin_lock_serves_tickets_in_order(struct ktest *t)
{
	arch_spinlock_t l = __ARCH_SPIN_LOCK_UNLOCKED;
	u32 a, b;

	arch_spin_lock(&l);
	KTEST_EXPECT_TRUE(t, arch_spin_is_locked(&l));
	KTEST_EXPECT_FALSE(t, arch_spin_is_contended(&l));
	a = arch_spin_take_ticket(&l) >> TICKET_SHIFT;	/* two waiters, by hand */
	b = arch_spin_take_ticket(&l) >> TICKET_SHIFT;
	KTEST_EXPECT_EQ(t, a, 1);
	KTEST_EXPECT_EQ(t, b, 2);
	KTEST_EXPECT_TRUE(t, arch_spin_is_contended(&l));
	KTEST_EXPECT_FALSE(t, arch_spin_trylock(&l));
	arch_spin_unlock(&l);
	KTEST_EXPECT_EQ(t, l.tickets.head, a);			/* the first waiter, not the second */
	arch_spin_unlock(&l);
	KTEST_EXPECT_EQ(t, l.tickets.head, b);
	arch_spin_unlock(&l);
	KTEST_EXPECT_FALSE(t, arch_spin_is_locked(&l));
	KTEST_EXPECT_TRUE(t, arch_spin_trylock(&l));
	KTEST_EXPECT_EQ(t, l.tickets.tail, 4);
}

/* 8-bit tickets wrap: head 0xff, tail 0xff is free; the next lock serves 0xff. */
static void arch_spin_lock_ticket_wraps(struct ktest *t)
{
	arch_spinlock_t l = { { .head_tail = 0xffffu } };

	KTEST_EXPECT_FALSE(t, arch_spin_is_locked(&l));
	arch_spin_lock(&l);
	KTEST_EXPECT_TRUE(t, arch_spin_is_locked(&l));
	KTEST_EXPECT_EQ(t, l.tickets.tail, 0);
	arch_spin_unlock(&l);
	KTEST_EXPECT_EQ(t, l.tickets.head, 0);
	KTEST_EXPECT_FALSE(t, arch_spin_is_locked(&l));
}

#define NEEDS_DEBUG(t) do {							\
	if (!IS_ENABLED(CONFIG_DEBUG_SPINLOCK))					\
		ktest_skip(t, "owner checks need CONFIG_DEBUG_SPINLOCK (DEBUG_VM=1)");	\
} while (0)

/* Taking it twice: one report, no wait; the one unlock releases it. */
static void spin_lock_recursion_reported_once(struct ktest *t)
{
	NEEDS_DEBUG(t);
	spin_lock(&t_lock);
	KTEST_EXPECT_REPORT(t, spin_lock(&t_lock), "spinlock", "recursion");
	spin_unlock(&t_lock);
	preempt_enable();		/* the recursive spin_lock()'s count */
	KTEST_EXPECT_FALSE(t, spin_is_locked(&t_lock));
}

/*
 * Held on this CPU by another task (as if it had been preempted holding
 * it, which preemption-off forbids): "cpu recursion", no wait.
 */
static void spin_lock_cpu_recursion_reported(struct ktest *t)
{
	NEEDS_DEBUG(t);
	spin_lock(&t_lock);
	t_lock.owner = &init_task;
	KTEST_EXPECT_REPORT(t, spin_lock(&t_lock), "spinlock", "cpu recursion");
	preempt_enable();
	t_lock.owner = current;
	spin_unlock(&t_lock);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&t_lock));
}

/* Unlocked by another task than the taker: reported, and released all the same. */
static void spin_unlock_wrong_owner_reported(struct ktest *t)
{
	NEEDS_DEBUG(t);
	spin_lock(&t_lock);
	t_lock.owner = &init_task;
	KTEST_EXPECT_REPORT(t, spin_unlock(&t_lock), "spinlock", "wrong owner");
	KTEST_EXPECT_FALSE(t, spin_is_locked(&t_lock));
	KTEST_EXPECT_EQ(t, t_lock.owner_cpu, -1);
}

/* A lock never initialised (all zero): "bad magic" at the lock and at the unlock. */
static void spin_lock_bad_magic_reported(struct ktest *t)
{
	spinlock_t z;

	NEEDS_DEBUG(t);
	memset(&z, 0, sizeof(z));
	z.name = "z";
	KTEST_EXPECT_REPORT(t, spin_lock(&z), "spinlock", "bad magic");
	KTEST_EXPECT_TRUE(t, spin_is_locked(&z));
	KTEST_EXPECT_REPORT(t, spin_unlock(&z), "spinlock", "bad magic");
	KTEST_EXPECT_FALSE(t, spin_is_locked(&z));
}

static spinlock_t lockup_lock;
static unsigned long lockup_reports0;

/* Once the spinner has reported (else a tick later): serve the held ticket, its turn. */
static void lockup_release(struct timer_list *tl)
{
	if (READ_ONCE(report_state.total) == lockup_reports0) {
		mod_timer(tl, jiffies + 1);	/* not yet: however slow the spin, wait for it */
		return;
	}
	arch_spin_unlock(&lockup_lock.raw_lock);
}

/*
 * A lockup on one CPU: the lock is held by a ticket taken by hand (owner
 * set to "swapper" on CPU#1, so it is no recursion); spin_lock() spins
 * 1,000 tries, reports "lockup suspected" naming that owner, spins on
 * until the timer's interrupt -- re-armed each tick until the report is
 * made -- serves its ticket, then holds the lock.
 */
static void spin_lock_lockup_suspected_reported(struct ktest *t)
{
	struct timer_list tl;
	unsigned int loops = spin_lockup_loops;

	NEEDS_DEBUG(t);
	if (ktest_on_host())
		ktest_skip(t, "needs the timer interrupt");
	spin_lock_init(&lockup_lock);
	arch_spin_take_ticket(&lockup_lock.raw_lock);	/* "held" */
	lockup_lock.owner = &init_task;
	lockup_lock.owner_cpu = 1;
	timer_setup(&tl, lockup_release, 0);
	spin_lockup_loops = 1000;
	lockup_reports0 = READ_ONCE(report_state.total);
	mod_timer(&tl, jiffies + 1);
	KTEST_EXPECT_REPORT(t, spin_lock(&lockup_lock), "spinlock", "lockup suspected");
	spin_lockup_loops = loops;
	KTEST_EXPECT_TRUE(t, spin_is_locked(&lockup_lock));
	KTEST_EXPECT_TRUE(t, lockup_lock.owner == current);
	spin_unlock(&lockup_lock);
	del_timer_sync(&tl);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&lockup_lock));
}

static void atomic_ops_return_what_linux_does(struct ktest *t)
{
	atomic_t v = ATOMIC_INIT(5);
	unsigned long w = 0;
	int old = 7;

	KTEST_EXPECT_EQ(t, atomic_add_return(3, &v), 8);
	KTEST_EXPECT_EQ(t, atomic_inc_return(&v), 9);
	KTEST_EXPECT_EQ(t, atomic_fetch_add(1, &v), 9);
	atomic_sub(8, &v);
	KTEST_EXPECT_EQ(t, atomic_read(&v), 2);
	KTEST_EXPECT_FALSE(t, atomic_dec_and_test(&v));
	KTEST_EXPECT_TRUE(t, atomic_dec_and_test(&v));		/* the last reference */
	KTEST_EXPECT_FALSE(t, atomic_inc_not_zero(&v));	/* 0 stays 0 */
	KTEST_EXPECT_EQ(t, atomic_cmpxchg(&v, 1, 4), 0);	/* not 1: unchanged */
	KTEST_EXPECT_EQ(t, atomic_read(&v), 0);
	KTEST_EXPECT_EQ(t, atomic_cmpxchg(&v, 0, 4), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&v), 4);
	KTEST_EXPECT_FALSE(t, atomic_try_cmpxchg(&v, &old, 1));
	KTEST_EXPECT_EQ(t, old, 4);				/* what it found */
	KTEST_EXPECT_EQ(t, atomic_xchg(&v, 9), 4);
	KTEST_EXPECT_TRUE(t, atomic_inc_not_zero(&v));
	KTEST_EXPECT_EQ(t, atomic_read(&v), 10);
	set_bit(3, &w);
	KTEST_EXPECT_EQ(t, w, 8);
	KTEST_EXPECT_TRUE(t, test_and_set_bit(3, &w));
	KTEST_EXPECT_FALSE(t, test_and_set_bit(0, &w));
	clear_bit(3, &w);
	KTEST_EXPECT_EQ(t, w, 1);
	KTEST_EXPECT_TRUE(t, test_bit(0, &w));
}

/* --- two CPUs ------------------------------------------------------------------- */

static unsigned int other_cpu(struct ktest *t)
{
	unsigned int cpu;

	if (!smp_call_function_single)
		ktest_skip(t, "needs smp_call_function_single() (kernel/smp.c is not built in yet)");
	if (num_online_cpus() < 2)
		ktest_skip(t, "needs a second CPU online (boot with -smp 2 or more)");
	for_each_online_cpu(cpu)
		if (cpu != (unsigned int)smp_processor_id())
			return cpu;
	ktest_skip(t, "no other CPU online");
}

/* What the other CPU saw: its reports, taken aside from whatever it interrupted. */
struct remote_result {
	unsigned long reports;
	const char *kind, *reason;
	int cpu;
	volatile int started, done;
};

/* On the other CPU, in its IPI handler: unlock a lock this test's CPU took. */
static void remote_unlock(void *info)
{
	struct remote_result *r = info;
	struct report_expect saved = current->report;	/* the interrupted task's */

	r->cpu = (int)smp_processor_id();
	report_expect();
	do_raw_spin_unlock(&t_lock);		/* no preempt_count: ours stays with the taker */
	r->reports = report_take(&r->kind, &r->reason);
	current->report = saved;
	r->done = 1;
}

/*
 * Taken here, unlocked on another CPU: "wrong owner" (its current is not
 * us) and "wrong CPU", the last; the lock is released all the same.
 */
static void spin_unlock_wrong_cpu_reported(struct ktest *t)
{
	struct remote_result r = { 0 };
	unsigned int cpu;

	NEEDS_DEBUG(t);
	cpu = other_cpu(t);
	spin_lock(&t_lock);
	KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, remote_unlock, &r, true), 0);
	preempt_enable();			/* our spin_lock()'s count */
	KTEST_EXPECT_TRUE(t, r.done);
	KTEST_EXPECT_EQ(t, r.cpu, (int)cpu);
	KTEST_EXPECT_EQ(t, r.reports, 2);
	KTEST_EXPECT_TRUE(t, r.reason && !strcmp(r.reason, "wrong CPU"));
	KTEST_EXPECT_FALSE(t, spin_is_locked(&t_lock));
}

/* On the other CPU: hold t_lock until this test's CPU has reported the lockup (bounded). */
static void remote_hold(void *info)
{
	struct remote_result *r = info;
	unsigned long spins = 0;

	do_raw_spin_lock(&t_lock);
	r->started = 1;
	while (READ_ONCE(report_state.total) == lockup_reports0 && ++spins < (1ul << 28))
		cpu_relax();
	do_raw_spin_unlock(&t_lock);
	r->done = 1;
}

static void spin_lock_lockup_suspected_two_cpus(struct ktest *t)
{
	struct remote_result r = { 0 };
	unsigned int cpu, loops = spin_lockup_loops;
	unsigned long spins = 0;

	NEEDS_DEBUG(t);
	cpu = other_cpu(t);
	lockup_reports0 = READ_ONCE(report_state.total);
	KTEST_ASSERT_EQ(t, smp_call_function_single(cpu, remote_hold, &r, false), 0);
	while (!r.started && ++spins < (1ul << 28))
		cpu_relax();
	KTEST_ASSERT_TRUE(t, r.started);
	spin_lockup_loops = 100000;
	KTEST_EXPECT_REPORT(t, spin_lock(&t_lock), "spinlock", "lockup suspected");
	spin_lockup_loops = loops;
	spin_unlock(&t_lock);
	while (!r.done)
		cpu_relax();
	KTEST_EXPECT_FALSE(t, spin_is_locked(&t_lock));
}

#define COUNT_EACH	5000
static atomic_t shared_count;
static spinlock_t count_lock;
static unsigned long locked_count;

static void count_both_ways(void)
{
	for (int i = 0; i < COUNT_EACH; i++) {
		atomic_inc(&shared_count);
		spin_lock(&count_lock);
		locked_count++;			/* a plain ++, made safe by the lock */
		spin_unlock(&count_lock);
	}
}

static void remote_count(void *info)
{
	struct remote_result *r = info;

	r->started = 1;
	count_both_ways();
	r->done = 1;
}

/* Two CPUs count at once: neither an atomic_inc() nor a ++ under the lock is lost. */
static void atomic_inc_and_spin_lock_two_cpus_lose_nothing(struct ktest *t)
{
	struct remote_result r = { 0 };
	unsigned int cpu = other_cpu(t);

	atomic_set(&shared_count, 0);
	spin_lock_init(&count_lock);
	locked_count = 0;
	KTEST_ASSERT_EQ(t, smp_call_function_single(cpu, remote_count, &r, false), 0);
	count_both_ways();
	while (!r.done)
		cpu_relax();
	KTEST_EXPECT_EQ(t, atomic_read(&shared_count), 2 * COUNT_EACH);
	KTEST_EXPECT_EQ(t, locked_count, 2 * COUNT_EACH);
}

static const struct ktest_case spinlock_cases[] = {
	KTEST_CASE(spin_trylock_fails_when_held),
	KTEST_CASE(arch_spin_lock_serves_tickets_in_order),
	KTEST_CASE(arch_spin_lock_ticket_wraps),
	KTEST_CASE(spin_lock_recursion_reported_once),
	KTEST_CASE(spin_lock_cpu_recursion_reported),
	KTEST_CASE(spin_unlock_wrong_owner_reported),
	KTEST_CASE(spin_lock_bad_magic_reported),
	KTEST_CASE(spin_lock_lockup_suspected_reported),
	KTEST_CASE(atomic_ops_return_what_linux_does),
	KTEST_CASE(spin_unlock_wrong_cpu_reported),
	KTEST_CASE(spin_lock_lockup_suspected_two_cpus),
	KTEST_CASE(atomic_inc_and_spin_lock_two_cpus_lose_nothing),
	{}
};
KTEST_SUITE(spinlock) = { .name = "spinlock", .cases = spinlock_cases };
