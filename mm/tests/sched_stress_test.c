// SPDX-License-Identifier: MIT
/*
 * KTAP suite "sched_stress" (QEMU only): the allocators and the three
 * kinds of highmem mapping under preemption, with the timer interrupt
 * allocating at the same time.
 *
 * STRESS_WORKERS kernel threads each run STRESS_ROUNDS rounds: allocate
 * a page (highmem or not, by a seeded draw), map it with kmap(),
 * kmap_local_page() (sometimes two deep) or kmap_atomic(), write a
 * pattern that names the thread, the round and the page, give the CPU
 * away (yield(), or one time in sixteen a spin until the tick preempts
 * it), read the pattern back,
 * unmap, map it again another way and read it again, and free it. Every
 * timer interrupt meanwhile allocates a GFP_ATOMIC page and a kmalloc()
 * object, writes them, and frees the ones it allocated a few ticks
 * earlier. The checkers:
 *
 *   - every pattern reads back as written (a slot whose PTE was not put
 *     back at a switch, or a pkmap entry reused while in use, would show
 *     another page);
 *   - no thread ends a round with kmap_local slots held, preempt_count
 *     raised or pagefault_disabled set;
 *   - a GFP_ATOMIC page from the interrupt is never highmem;
 *   - at the end every zone has exactly the free pages it had before
 *     (nothing leaked by the threads, the handler or the exited tasks).
 *
 * In APIC mode (more than one CPU) the PIT's IRQ 0 is not the tick: the
 * handler then runs from a timer re-armed every jiffy, in the same
 * hard-IRQ context (CPU 0's local APIC timer interrupt).
 *
 * Two cases. stress_threads_and_timer_irq binds its workers to the
 * test's CPU (kthread_bind() before the first wake-up): preemption in
 * the middle of a mapping is a one-CPU property, and so the case runs as
 * on one CPU whatever the number online. stress_threads_on_every_cpu
 * spreads two workers over each online CPU (it skips with one): the
 * pkmap pool, the zones and the slab caches are then used from every
 * CPU at once, and each CPU's kmap_local slots by its own two workers.
 * It is judged by the same invariants, plus: each worker ran on its own
 * CPU, no report (the scheduler's "task running on two CPUs" among
 * them). Without -icount (real parallelism) only these invariants hold a
 * run to anything; the counts logged vary. Workers finish with
 * kthread_stop(), which returns once each is off its CPU with its stack
 * freed, so the leak check is exact on every CPU.
 *
 * The seeds are fixed, so under -icount a run is a function of the
 * sched_jitter= seed the matrix boots with: a failing seed replays.
 */
#include <asm/apic.h>
#include <asm/irq.h>
#include <kernel/completion.h>
#include <kernel/cpumask.h>
#include <kernel/interrupt.h>
#include <kernel/jiffies.h>
#include <kernel/ktest.h>
#include <kernel/kthread.h>
#include <kernel/preempt.h>
#include <kernel/random.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <kernel/timer.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "mm_test.h"

#define STRESS_WORKERS	4
#define STRESS_SPREAD	2	/* workers per online CPU in the spread case */
#define MAX_WORKERS	(STRESS_SPREAD * NR_CPUS)
#define STRESS_ROUNDS	100
#define IRQ_RING	8	/* pages and objects the handler holds at once */

/* One worker's counts: only that worker writes them (no lost updates). */
struct worker_stats {
	unsigned long bad_pattern, bad_state, rounds, highmem_rounds;
	unsigned long preempted_inside;
	unsigned long wrong_cpu;	/* rounds that began on another CPU than its first */
};

struct stress {
	struct completion done;
	int running;			/* workers not finished (atomic: they run on several CPUs) */
	struct worker_stats w[MAX_WORKERS + 1];
	/* the timer handler's side */
	struct page *irq_pages[IRQ_RING];
	void *irq_objs[IRQ_RING];
	unsigned int irq_next;
	unsigned long irq_allocs, irq_failures, irq_highmem, irq_bad;
};

static u32 pattern(int pid, int round, unsigned long pfn, int word)
{
	return ((u32)pid << 24) ^ ((u32)round << 12) ^ (u32)pfn ^ ((u32)word * 0x9e3779b9u);
}

static void fill(u32 *p, int pid, int round, unsigned long pfn)
{
	for (int w = 0; w < 16; w++)
		p[w * (PAGE_SIZE / 64)] = pattern(pid, round, pfn, w);
}

static bool check(const u32 *p, int pid, int round, unsigned long pfn)
{
	for (int w = 0; w < 16; w++)
		if (p[w * (PAGE_SIZE / 64)] != pattern(pid, round, pfn, w))
			return false;
	return true;
}

/*
 * Let the others run: mostly yield(); one time in sixteen, if another task
 * is runnable, spin until the tick preempts us (bounded by 3 ticks, in
 * case it never does: then the count of preemptions, logged, says so).
 */
static void give_way(struct worker_stats *s, struct rnd_state *rnd)
{
	unsigned long sw = current->nivcsw, end = jiffies + 3;

	if (prandom_u32_below(rnd, 16) || nr_running() < 2) {
		yield();
		return;
	}
	while (current->nivcsw == sw && time_after(end, jiffies))
		cpu_relax();
	if (current->nivcsw != sw)
		s->preempted_inside++;
}

static void stress_round(struct worker_stats *s, struct rnd_state *rnd, int round)
{
	int pid = current->pid;
	gfp_t gfp = prandom_u32_below(rnd, 4) ? GFP_HIGHUSER : GFP_KERNEL;
	struct page *page = alloc_page(gfp), *page2 = NULL;
	unsigned long pfn;
	u32 *v, *v2 = NULL;

	if (!page)
		return;
	pfn = page_to_pfn(page);
	s->highmem_rounds += PageHighMem(page);
	switch (prandom_u32_below(rnd, 3)) {
	case 0:		/* kmap: may sleep, stays valid across switches */
		v = kmap(page);
		fill(v, pid, round, pfn);
		give_way(s, rnd);
		s->bad_pattern += !check(v, pid, round, pfn);
		kunmap(page);
		break;
	case 1:		/* kmap_local, maybe two deep, preempted inside */
		v = kmap_local_page(page);
		fill(v, pid, round, pfn);
		if (prandom_u32_below(rnd, 2)) {
			page2 = alloc_page(GFP_HIGHUSER);
			if (page2) {
				v2 = kmap_local_page(page2);
				fill(v2, pid, round + 1, page_to_pfn(page2));
			}
		}
		give_way(s, rnd);
		s->bad_pattern += !check(v, pid, round, pfn);
		if (v2) {
			s->bad_pattern += !check(v2, pid, round + 1, page_to_pfn(page2));
			kunmap_local(v2);
		}
		kunmap_local(v);
		if (page2)
			__free_page(page2);
		break;
	default:	/* kmap_atomic: no preemption inside, so no give_way() */
		v = kmap_atomic(page);
		fill(v, pid, round, pfn);
		s->bad_pattern += !check(v, pid, round, pfn);
		kunmap_atomic(v);
		give_way(s, rnd);
		break;
	}
	/* and once more through a fresh kmap_local: the page kept its data */
	v = kmap_local_page(page);
	s->bad_pattern += !check(v, pid, round, pfn);
	kunmap_local(v);
	__free_page(page);
	if (kmap_local_depth() || preempt_count() || current->pagefault_disabled)
		s->bad_state++;
	s->rounds++;
}

struct worker_arg {
	struct stress *s;
	int id;
};

static int stress_worker(void *data)
{
	struct worker_arg *a = data;
	struct stress *s = a->s;
	struct rnd_state rnd;
	int cpu = smp_processor_id();	/* tasks never migrate: it stays */

	prandom_seed_state(&rnd, 0x5eed0000u + (u32)a->id);
	for (int r = 0; r < STRESS_ROUNDS; r++) {
		s->w[a->id].wrong_cpu += smp_processor_id() != cpu;
		stress_round(&s->w[a->id], &rnd, r);
	}
	if (__atomic_sub_fetch(&s->running, 1, __ATOMIC_SEQ_CST) == 0)
		complete(&s->done);
	return 0;
}

/* Every tick: a GFP_ATOMIC page and object in, the oldest out. */
static irqreturn_t stress_timer(int irq, void *dev_id)
{
	struct stress *s = dev_id;
	unsigned int i = s->irq_next++ % IRQ_RING;
	struct page *p;
	void *o;

	if (s->irq_pages[i])
		__free_page(s->irq_pages[i]);
	kfree(s->irq_objs[i]);
	p = alloc_page(GFP_ATOMIC | __GFP_NOWARN);
	o = kmalloc(64 + 8 * i, GFP_ATOMIC | __GFP_NOWARN);
	s->irq_pages[i] = p;
	s->irq_objs[i] = o;
	s->irq_allocs++;
	if (!p || !o)
		s->irq_failures++;
	if (p) {
		u32 *v;

		s->irq_highmem += PageHighMem(p);
		v = kmap_local_page(p);		/* the handler's own slot, above the task's */
		v[0] = (u32)page_to_pfn(p);
		s->irq_bad += v[0] != (u32)page_to_pfn(p);
		kunmap_local(v);
	}
	if (o)
		memset(o, 0x5a, 64);
	return IRQ_NONE;		/* the timer's own handler does the rest */
}

/* APIC mode: the same handler from a timer, every tick. */
static struct timer_list stress_tick;
static struct stress *stress_tick_s;

static void stress_tick_fn(struct timer_list *tl)
{
	stress_timer(0, stress_tick_s);
	mod_timer(tl, jiffies + 1);
}

/* A worker on @cpu (-1: where the scheduler places it), with a reference for kthread_stop(). */
static struct task_struct *start_worker(struct worker_arg *a, int cpu, const char *name)
{
	struct task_struct *k = kthread_create(stress_worker, a, "%s%d", name, a->id);

	if (k) {
		if (cpu >= 0)
			kthread_bind(k, (unsigned int)cpu);
		get_task_struct(k);
		wake_up_process(k);
	}
	return k;
}

/*
 * @nr workers, worker i bound to cpus[i % nr_cpus]; the timer side
 * allocating every tick meanwhile; then every invariant of the essay.
 */
static void run_stress(struct ktest *t, int nr, const unsigned int *cpus, int nr_cpus)
{
	static struct stress s;
	static struct worker_arg args[MAX_WORKERS + 1];
	struct worker_stats sum = { 0 };
	unsigned long before[MAX_NR_ZONES], reports0;
	struct task_struct *k[MAX_WORKERS];
	int n = 0;

	memset(&s, 0, sizeof(s));
	init_completion(&s.done);
	for (int i = 0; i <= MAX_WORKERS; i++)
		args[i] = (struct worker_arg){ &s, i };
	/* warm up the caches the threads use (on the first worker CPU), then count */
	s.running = 1;
	k[0] = start_worker(&args[MAX_WORKERS], (int)cpus[0], "warm");
	KTEST_ASSERT_NOT_NULL(t, k[0]);
	wait_for_completion(&s.done);
	kthread_stop(k[0]);	/* returns once it is gone, stack and all */
	put_task_struct(k[0]);
	memset(&s, 0, sizeof(s));
	init_completion(&s.done);
	zone_free_snapshot_shrunk(before);
	reports0 = __atomic_load_n(&report_state.total, __ATOMIC_RELAXED);

	if (apic_mode) {
		stress_tick_s = &s;
		timer_setup(&stress_tick, stress_tick_fn, 0);
		mod_timer(&stress_tick, jiffies + 1);
	} else {
		KTEST_ASSERT_EQ(t, request_irq(0, stress_timer, IRQF_SHARED, "ktest-stress", &s), 0);
	}
	s.running = nr;
	for (n = 0; n < nr; n++) {
		k[n] = start_worker(&args[n], (int)cpus[n % nr_cpus], "stress");
		if (!k[n]) {
			__atomic_sub_fetch(&s.running, nr - n, __ATOMIC_SEQ_CST);
			break;
		}
	}
	if (n)
		wait_for_completion(&s.done);
	for (int i = 0; i < n; i++) {
		KTEST_EXPECT_EQ(t, k[i]->cpu, (int)cpus[i % nr_cpus]);
		kthread_stop(k[i]);	/* each off its CPU, its stack freed */
		put_task_struct(k[i]);
	}
	if (apic_mode)
		del_timer_sync(&stress_tick);
	else
		free_irq(0, &s);
	for (int i = 0; i < IRQ_RING; i++) {
		if (s.irq_pages[i])
			__free_page(s.irq_pages[i]);
		kfree(s.irq_objs[i]);
	}

	for (int i = 0; i < nr; i++) {
		sum.rounds += s.w[i].rounds;
		sum.highmem_rounds += s.w[i].highmem_rounds;
		sum.preempted_inside += s.w[i].preempted_inside;
		sum.bad_pattern += s.w[i].bad_pattern;
		sum.bad_state += s.w[i].bad_state;
		sum.wrong_cpu += s.w[i].wrong_cpu;
	}
	ktest_log(t, "%lu rounds (%lu on highmem pages), %lu preempted mid-mapping; "
		  "timer: %lu GFP_ATOMIC rounds, %lu failed", sum.rounds, sum.highmem_rounds,
		  sum.preempted_inside, s.irq_allocs, s.irq_failures);
	KTEST_EXPECT_EQ(t, n, nr);
	KTEST_EXPECT_EQ(t, sum.rounds, (unsigned long)nr * STRESS_ROUNDS);
	KTEST_EXPECT_EQ(t, sum.bad_pattern, 0);
	KTEST_EXPECT_EQ(t, sum.bad_state, 0);
	KTEST_EXPECT_EQ(t, sum.wrong_cpu, 0);
	KTEST_EXPECT_EQ(t, s.irq_highmem, 0);
	KTEST_EXPECT_EQ(t, s.irq_bad, 0);
	KTEST_EXPECT_GT(t, s.irq_allocs, 0);
	KTEST_EXPECT_GT(t, sum.preempted_inside, 0);
	KTEST_EXPECT_EQ(t, __atomic_load_n(&report_state.total, __ATOMIC_RELAXED), reports0);
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
}

/* Every worker on this CPU: the one-CPU stress, whatever the number online. */
static void stress_threads_and_timer_irq(struct ktest *t)
{
	const unsigned int here = smp_processor_id();

	run_stress(t, STRESS_WORKERS, &here, 1);
}

/* STRESS_SPREAD workers on each online CPU, this one included. */
static void stress_threads_on_every_cpu(struct ktest *t)
{
	unsigned int cpus[NR_CPUS], cpu;
	int nr_cpus = 0;

	if (num_online_cpus() < 2)
		ktest_skip(t, "needs 2 online CPUs");
	for_each_online_cpu(cpu)
		cpus[nr_cpus++] = cpu;
	run_stress(t, STRESS_SPREAD * nr_cpus, cpus, nr_cpus);
}

static const struct ktest_case sched_stress_cases[] = {
	KTEST_CASE(stress_threads_and_timer_irq),
	KTEST_CASE(stress_threads_on_every_cpu),
	{}
};

KTEST_SUITE(sched_stress) = { .name = "sched_stress", .cases = sched_stress_cases };
