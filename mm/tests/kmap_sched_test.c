// SPDX-License-Identifier: MIT
/*
 * KTAP suite "kmap_sched" (QEMU only: the host has no scheduler): the
 * highmem mappings with other tasks running.
 *
 *   kmap_full_pool_sleeps_until_kunmap  T1 holds every pkmap entry; T2's
 *                                  kmap() sleeps until T1 kunmap()s one
 *   kmap_waiter_finds_page_mapped_meanwhile  the waiter rechecks page_address()
 *   kmap_local_slot0_follows_the_task_preempted, ..._yielding
 *                                  two tasks both hold slot 0, each
 *                                  seeing its own page (preempted by the
 *                                  tick, or yielding)
 *   kmap_atomic_section_not_preempted   the tick cannot switch inside
 *                                  kmap_atomic(); the switch comes at
 *                                  kunmap_atomic(), after the unmap
 *   kmap_in_atomic_reported_no_sleep    might_sleep()'s report; no sleep
 *   fault_in_kmap_atomic_goes_to_fixup  faulthandler_disabled(): the
 *                                  exception table, or the oops that says so
 *   kmap_wait_narrated             the first case again, told in log lines
 *                                  (docs/10-kmap.md quotes them)
 *   kmap_full_pool_waiter_on_another_cpu  the first case with T2 on
 *                                  another CPU: woken by a kunmap() here
 *   kmap_local_slot0_differs_per_cpu  two tasks on two CPUs hold slot 0
 *                                  at once: two addresses, two pages
 *
 * With several CPUs, the cases about one CPU's run queue and slots (T2
 * asleep while T1 yields, two tasks sharing this CPU's slot 0, the tick
 * held off by kmap_atomic(), a reader preempted mid-walk) bind their
 * threads to the test's CPU (kthread_bind() before the first wake-up)
 * and run as on one CPU; the last two cases make the same points across
 * CPUs (they skip with one CPU online).
 *
 * Every case judges by state (a task's state and run-queue membership,
 * counters, the PTE a slot holds, the bytes a page holds), never by time;
 * each wait that a broken mechanism would make endless is bounded by
 * jiffies, and running out is a failure. Deterministic under -icount
 * (tests/matrix.conf runs the suite so, with sched_jitter= seeds).
 *
 * Pictures: a pkmap entry as e:N (N = count: 1 mapped, no users; 2 one
 * user); the run queue as rq: [A B] (A runs next).
 */
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <kernel/cpumask.h>
#include <kernel/errno.h>
#include <kernel/jiffies.h>
#include <kernel/ktest.h>
#include <kernel/kthread.h>
#include <kernel/might_sleep.h>
#include <kernel/preempt.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include "mm_test.h"

/*
 * Wait (yielding) until @cond or @ticks jiffies pass; the caller checks
 * @cond. With other CPUs online each turn also pauses (cpu_relax()),
 * which under round-robin TCG hands the turn to the other vCPUs (see
 * kernel/tests/sched_test.c); with one CPU nothing changes.
 */
#define spin_until(cond, ticks) do {					\
	unsigned long __end = jiffies + (ticks);			\
	while (!(cond) && time_after(__end, jiffies)) {			\
		yield();						\
		if (num_online_cpus() > 1)				\
			cpu_relax();					\
	}								\
} while (0)

/* --- fixture: the pages a case owns, the pool's baseline, leak check -------- */

#define MAX_OWNED	(LAST_PKMAP + 8)

static struct page *owned[MAX_OWNED];
static unsigned int nr_owned;
static unsigned long free_at_start[MAX_NR_ZONES];
static int threads_at_start;			/* nr_threads when the case began */
static signed char users_at_start[LAST_PKMAP];	/* pkmap_users() > 0 per entry */

static void ks_case_init(struct ktest *t)
{
	nr_owned = 0;
	for (int i = 0; i < LAST_PKMAP; i++)
		users_at_start[i] = pkmap_users(PKMAP_ADDR(i)) > 0;
	zone_free_snapshot(free_at_start);
	threads_at_start = nr_threads;
}

static void ks_case_exit(struct ktest *t)
{
	for (unsigned int i = 0; i < nr_owned; i++) {
		struct page *p = owned[i];

		while (page_address(p) && pkmap_users((unsigned long)page_address(p)) > 0)
			kunmap(p);
		__free_page(p);
	}
	nr_owned = 0;
	/* a thread the case stopped is reaped at its last switch: let it get there */
	for (int i = 0; i < 4 && nr_threads > threads_at_start; i++)
		yield();
	KTEST_EXPECT_ZONES_FREE(t, free_at_start);
}

/* No entry has more users than when the case began (the pool back at baseline). */
static void expect_pool_at_baseline(struct ktest *t)
{
	int extra = 0;

	for (int i = 0; i < LAST_PKMAP; i++)
		extra += (pkmap_users(PKMAP_ADDR(i)) > 0) != users_at_start[i];
	KTEST_EXPECT_EQ(t, extra, 0);
}

static bool have_highmem(unsigned long pages)
{
	const struct zone *hz = &contig_page_data.node_zones[ZONE_HIGHMEM];

	return hz->free_pages >= pages + hz->watermark[WMARK_MIN];
}

/* @n highmem pages owned by the case; skips it when there are too few. */
static void highmem_pages(struct ktest *t, struct page **p, int n)
{
	if (!have_highmem(n))
		ktest_skip(t, "too little free highmem (the pool cases need LAST_PKMAP + 1 "
			   "pages: boot with -m 1G or more)");
	for (int i = 0; i < n; i++) {
		KTEST_ASSERT_TRUE(t, nr_owned < MAX_OWNED);
		p[i] = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
		KTEST_ASSERT_NOT_NULL(t, p[i]);
		owned[nr_owned++] = p[i];
		KTEST_ASSERT_TRUE(t, PageHighMem(p[i]));
	}
}

static void fill(void *v, u32 tag)
{
	u32 *w = v;

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		w[i] = tag ^ i;
}

static bool holds(const void *v, u32 tag)
{
	const u32 *w = v;

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		if (w[i] != (tag ^ i))
			return false;
	return true;
}

/* Does @p hold fill(@tag)? Read through a mapping of our own. */
static bool page_holds(struct page *p, u32 tag)
{
	void *v = kmap_local_page(p);
	bool ok = holds(v, tag);

	kunmap_local(v);
	return ok;
}

static pte_t pte_at(unsigned long vaddr)
{
	return *lookup_pte_k(vaddr);
}

/* kmap() sleeps so far, on every CPU (kmap_stats is per CPU). */
static unsigned long kmap_waits_all(void)
{
	unsigned long n = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		n += per_cpu(kmap_stats, cpu).waits;
	return n;
}

/*
 * kthread_create() + kthread_bind(@cpu) + a reference + the wake-up;
 * @cpu is the test's own (smp_processor_id(): the test never migrates)
 * for the one-CPU cases.
 */
static struct task_struct *start_on(unsigned int cpu, int (*fn)(void *), void *data,
				    const char *name)
{
	struct task_struct *k = kthread_create(fn, data, "%s", name);

	if (k) {
		kthread_bind(k, cpu);
		get_task_struct(k);
		wake_up_process(k);
	}
	return k;
}

/* Another online CPU than this one, or -1 (the SMP cases then skip). */
static int other_cpu(void)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		if (cpu != (unsigned int)smp_processor_id())
			return (int)cpu;
	return -1;
}

/* --- (a) kmap() sleeps while the pool is full ------------------------------ */

static struct page *pool[LAST_PKMAP + 1];

/* kmap() each of pool[0 .. LAST_PKMAP - 1]: every entry then has a user. */
static void hold_every_entry(struct ktest *t)
{
	/* an entry someone else holds would make the last kmap() sleep for good */
	for (int i = 0; i < LAST_PKMAP; i++)
		if (users_at_start[i])
			ktest_skip(t, "a pkmap entry was in use when the case began");
	for (int i = 0; i < LAST_PKMAP; i++)
		KTEST_ASSERT_NOT_NULL(t, kmap(pool[i]));
	for (int i = 0; i < LAST_PKMAP; i++)
		KTEST_ASSERT_GE(t, pkmap_users(PKMAP_ADDR(i)), 1);
}

struct kmap_waiter {
	struct page *page;
	volatile int started, mapped;
	void *vaddr;			/* what kmap() returned */
	void *page_address;		/* page_address() right after */
	bool wrote_and_read;		/* through vaddr */
	u32 tag;
};

static int kmap_waiter_thread(void *data)
{
	struct kmap_waiter *w = data;

	w->started = 1;
	w->vaddr = kmap(w->page);	/* sleeps: every entry has a user */
	w->page_address = page_address(w->page);
	if (w->vaddr) {
		fill(w->vaddr, w->tag);
		w->wrote_and_read = holds(w->vaddr, w->tag);
	}
	w->mapped = 1;
	while (!kthread_should_stop())	/* keep the mapping until the case looked */
		yield();
	if (w->vaddr)
		kunmap(w->page);
	return 0;
}

/*
 * A case that failed may leave T2 asleep in kmap() for good, and
 * kthread_stop() would then wait for ever: give every entry back and wake
 * it by hand, so the case ends (failed) and the suite goes on.
 */
static void rescue_waiter(struct kmap_waiter *w, struct task_struct *k)
{
	if (w->mapped)
		return;
	for (int i = 0; i < LAST_PKMAP; i++)
		while (page_address(pool[i]) && pkmap_users((unsigned long)page_address(pool[i])) > 0)
			kunmap(pool[i]);
	wake_up_process(k);
	spin_until(w->mapped, 20);
}

/*
 * T1 (this case) holds every entry: e:2 x LAST_PKMAP.
 * T2: kmap(X) finds none free -> TASK_UNINTERRUPTIBLE, off the run
 *     queue, on pkmap_map_wait; waits + 1.
 * T1: kunmap(pool[5]) -> its entry e:1, T2 woken.
 * T2: rescans, wraps, the flush frees pool[5]'s entry: X there, e:2.
 * T2 writes and reads X through it; T1 finds the bytes in X.
 */
static void kmap_full_pool_sleeps_until_kunmap(struct ktest *t)
{
	struct kmap_waiter w = { .tag = 0x7200a000 };
	unsigned long waits0, freed;
	struct task_struct *k;

	highmem_pages(t, pool, LAST_PKMAP + 1);
	w.page = pool[LAST_PKMAP];
	hold_every_entry(t);
	freed = (unsigned long)page_address(pool[5]);
	waits0 = this_cpu_ptr(kmap_stats)->waits;

	k = start_on(smp_processor_id(), kmap_waiter_thread, &w, "kmap-T2");	/* rq: [T2] here */
	KTEST_ASSERT_NOT_NULL(t, k);
	spin_until(w.started && !k->on_rq, 20);
	KTEST_EXPECT_EQ(t, k->on_rq, 0);
	KTEST_EXPECT_EQ(t, k->__state, TASK_UNINTERRUPTIBLE);
	KTEST_EXPECT_EQ(t, w.mapped, 0);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(kmap_stats)->waits, waits0 + 1);
	for (int i = 0; i < 5; i++)	/* still asleep however often we yield */
		yield();
	KTEST_EXPECT_EQ(t, w.mapped, 0);
	KTEST_EXPECT_NULL(t, page_address(w.page));

	kunmap(pool[5]);		/* e:1: unused, and T2 is woken */
	spin_until(w.mapped, 20);
	KTEST_EXPECT_EQ(t, w.mapped, 1);
	KTEST_EXPECT_EQ(t, (unsigned long)w.vaddr, freed);	/* the one entry that was freed */
	KTEST_EXPECT_PTR_EQ(t, w.page_address, w.vaddr);
	KTEST_EXPECT_TRUE(t, w.wrote_and_read);
	KTEST_EXPECT_EQ(t, pkmap_users(freed), 1);
	KTEST_EXPECT_EQ(t, pte_pfn(pte_at(freed)), page_to_pfn(w.page));
	KTEST_EXPECT_EQ(t, this_cpu_ptr(kmap_stats)->waits, waits0 + 1);	/* one sleep */
	KTEST_EXPECT_NULL(t, page_address(pool[5]));	/* its entry was recycled */
	rescue_waiter(&w, k);
	kthread_stop(k);
	put_task_struct(k);
	KTEST_EXPECT_TRUE(t, page_holds(w.page, w.tag));

	for (int i = 0; i < LAST_PKMAP; i++)
		if (i != 5)
			kunmap(pool[i]);
	expect_pool_at_baseline(t);
}

/*
 * T2 sleeps in kmap(X); T1 kunmap()s one entry and, before T2 runs,
 * kmap()s X itself, taking that entry. T2 wakes to no free entry at all:
 * only the page_address() recheck lets it share T1's mapping (e:3)
 * rather than sleep again for ever, or map X a second time.
 */
static void kmap_waiter_finds_page_mapped_meanwhile(struct ktest *t)
{
	struct kmap_waiter w = { .tag = 0x7200b000 };
	struct task_struct *k;
	void *mine;

	highmem_pages(t, pool, LAST_PKMAP + 1);
	w.page = pool[LAST_PKMAP];
	hold_every_entry(t);
	k = start_on(smp_processor_id(), kmap_waiter_thread, &w, "kmap-T2");	/* "before T2 runs" */
	KTEST_ASSERT_NOT_NULL(t, k);
	spin_until(w.started && !k->on_rq, 20);
	KTEST_EXPECT_EQ(t, k->on_rq, 0);

	kunmap(pool[7]);		/* T2 runnable: rq: [T2] */
	mine = kmap(w.page);		/* the tick could let T2 go first: same end state */
	spin_until(w.mapped, 20);
	KTEST_EXPECT_EQ(t, w.mapped, 1);
	KTEST_EXPECT_PTR_EQ(t, w.vaddr, mine);
	KTEST_EXPECT_EQ(t, pkmap_users((unsigned long)mine), 2);
	KTEST_EXPECT_TRUE(t, w.wrote_and_read);
	rescue_waiter(&w, k);
	kthread_stop(k);
	put_task_struct(k);
	kunmap(w.page);
	for (int i = 0; i < LAST_PKMAP; i++)
		if (i != 7)
			kunmap(pool[i]);
	expect_pool_at_baseline(t);
}

/* --- (b) kmap_local slots follow the task across switches ------------------ */

enum handoff { BY_PREEMPTION, BY_YIELD };

struct slot_task {
	struct page *page;
	u32 tag;
	enum handoff how;
	volatile int *arrived;		/* [2]: each has written its page */
	int me;
	unsigned long vaddr;
	unsigned long slot0;		/* kmap_local_slot_addr(0) on the task's CPU */
	int cpu;			/* where it ran */
	bool other_ran, reads_own, pte_own, timed_out;
};

static int slot_thread(void *data)
{
	struct slot_task *s = data;
	unsigned long end = jiffies + 50;
	void *v = kmap_local_page(s->page);	/* slot 0: this task's stack is empty */
	u32 word;

	s->vaddr = (unsigned long)v;
	s->slot0 = kmap_local_slot_addr(0);
	s->cpu = smp_processor_id();
	fill(v, s->tag);
	s->arrived[s->me] = 1;
	/* until the other task has mapped its slot 0 and written through it */
	while (!s->arrived[!s->me] && time_after(end, jiffies)) {
		if (s->how == BY_YIELD)
			yield();
		else
			cpu_relax();	/* only the tick's preemption lets it run */
	}
	s->other_ran = s->arrived[!s->me];
	s->timed_out = !s->other_ran;
	s->pte_own = pte_pfn(pte_at(s->vaddr)) == page_to_pfn(s->page);
	/* probed first: a slot the switch left unmapped must fail the case, not oops */
	s->reads_own = !copy_from_kernel_nofault(&word, v, sizeof(word)) && holds(v, s->tag);
	kunmap_local(v);
	return 0;
}

/*
 * A and B: each kmap_local_page()s its own page, both at slot 0 (each
 * task's stack starts empty), writes its tag, and waits for the other to
 * do the same. Then each finds slot 0's PTE on its own page and its own
 * tag there; each page holds its own tag. Without the switch's
 * save/restore the second task's map would overwrite the first's PTE
 * (and, with no flush at map time, write through the first's stale TLB
 * entry into the first's page).
 */
static void run_slot_pair(struct ktest *t, enum handoff how, const unsigned int cpu[2])
{
	volatile int arrived[2] = { 0, 0 };
	struct slot_task s[2];
	struct task_struct *k[2];
	struct page *p[2];
	unsigned long outs0 = this_cpu_ptr(kmap_stats)->local_sched_outs;
	bool one_cpu = cpu[0] == cpu[1];

	highmem_pages(t, p, 2);
	for (int i = 0; i < 2; i++) {
		s[i] = (struct slot_task){ .page = p[i], .tag = 0x5a000000u + (i << 20),
					   .how = how, .arrived = arrived, .me = i };
		k[i] = kthread_create(slot_thread, &s[i], "slot%c", 'A' + i);
		KTEST_ASSERT_NOT_NULL(t, k[i]);
		kthread_bind(k[i], cpu[i]);
		get_task_struct(k[i]);
	}
	preempt_disable();		/* rq: [A B] before either runs */
	wake_up_process(k[0]);
	wake_up_process(k[1]);
	preempt_enable();
	for (int i = 0; i < 2; i++) {
		kthread_stop(k[i]);
		put_task_struct(k[i]);
	}
	for (int i = 0; i < 2; i++) {
		KTEST_EXPECT_EQ(t, s[i].cpu, (int)cpu[i]);
		KTEST_EXPECT_EQ(t, s[i].vaddr, s[i].slot0);	/* its CPU's slot 0 */
		KTEST_EXPECT_FALSE(t, s[i].timed_out);
		KTEST_EXPECT_TRUE(t, s[i].other_ran);
		KTEST_EXPECT_TRUE(t, s[i].pte_own);
		KTEST_EXPECT_TRUE(t, s[i].reads_own);
		KTEST_EXPECT_TRUE(t, page_holds(p[i], s[i].tag));
		KTEST_EXPECT_TRUE(t, pte_none(pte_at(s[i].slot0)));
	}
	if (one_cpu) {
		/* one slot 0, this CPU's; at least A was switched out holding it */
		KTEST_EXPECT_EQ(t, s[0].vaddr, kmap_local_slot_addr(0));
		KTEST_EXPECT_EQ(t, s[1].vaddr, kmap_local_slot_addr(0));
		KTEST_EXPECT_GE(t, this_cpu_ptr(kmap_stats)->local_sched_outs, outs0 + 1);
	} else {
		/* each CPU's own slot 0: two addresses, mapped at the same time */
		KTEST_EXPECT_NE(t, s[0].vaddr, s[1].vaddr);
	}
}

/* Both on this CPU: the switch saves and restores slot 0 (one-CPU property). */
static void kmap_local_slot0_follows_the_task_preempted(struct ktest *t)
{
	const unsigned int cpu[2] = { smp_processor_id(), smp_processor_id() };

	run_slot_pair(t, BY_PREEMPTION, cpu);
}

static void kmap_local_slot0_follows_the_task_yielding(struct ktest *t)
{
	const unsigned int cpu[2] = { smp_processor_id(), smp_processor_id() };

	run_slot_pair(t, BY_YIELD, cpu);
}

/*
 * A on this CPU and B on another hold their slot 0 at the same time,
 * neither switched out: the slots are per CPU, so the two addresses
 * differ and each PTE holds its own task's page (with one slot table
 * for all CPUs, B's map would overwrite A's PTE under A's feet). No IPI
 * is involved: kmap_local never sends one.
 */
static void kmap_local_slot0_differs_per_cpu(struct ktest *t)
{
	int other = other_cpu();
	unsigned long ipis0 = 0;

	if (other < 0)
		ktest_skip(t, "needs 2 online CPUs");
	for (int r = 0; r < NR_IPI_REASONS; r++)
		if (r != IPI_RESCHEDULE)
			ipis0 += ipi_sent_total(r);
	{
		const unsigned int cpu[2] = { smp_processor_id(), (unsigned int)other };

		run_slot_pair(t, BY_PREEMPTION, cpu);
	}
	for (int r = 0; r < NR_IPI_REASONS; r++)
		if (r != IPI_RESCHEDULE)
			ipis0 -= ipi_sent_total(r);
	KTEST_EXPECT_EQ(t, ipis0, 0);	/* no call, no shootdown: only wake-ups crossed */
}

/* --- (c) no preemption inside kmap_atomic() -------------------------------- */

static volatile unsigned long spinner_count;

static int spinner(void *data)
{
	while (!kthread_should_stop())
		spinner_count++;
	return 0;
}

/*
 * rq: [spinner] while this case holds kmap_atomic(H) for 3 ticks with
 * interrupts on: the tick asks for a switch (need_resched), the count
 * refuses; the spinner's counter and the switch count stay put. At
 * kunmap_atomic() the switch happens -- after the slot was unmapped, so
 * this task is switched out holding no slot (local_sched_outs unmoved).
 */
static void kmap_atomic_section_not_preempted(struct ktest *t)
{
	unsigned long c0, j0, outs0;
	unsigned long long sw0;
	struct task_struct *k;
	struct page *h;
	bool asked;
	void *v;

	highmem_pages(t, &h, 1);
	spinner_count = 0;
	k = start_on(smp_processor_id(), spinner, NULL, "spinner");	/* this CPU's tick */
	KTEST_ASSERT_NOT_NULL(t, k);
	spin_until(spinner_count, 20);	/* it has run: runnable from here on */

	v = kmap_atomic(h);
	c0 = spinner_count;
	sw0 = nr_context_switches();
	j0 = jiffies;
	while (jiffies - j0 < 3)	/* three ticks, interrupts on */
		cpu_relax();
	KTEST_EXPECT_EQ(t, spinner_count, c0);
	KTEST_EXPECT_EQ(t, nr_context_switches(), sw0);
	asked = need_resched();
	KTEST_EXPECT_TRUE(t, asked);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 1);
	outs0 = this_cpu_ptr(kmap_stats)->local_sched_outs;
	kunmap_atomic(v);		/* the pending switch happens in here */
	KTEST_EXPECT_GT(t, nr_context_switches(), sw0);
	KTEST_EXPECT_NE(t, spinner_count, c0);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(kmap_stats)->local_sched_outs, outs0);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 0);
	kthread_stop(k);
	put_task_struct(k);
}

/* --- (d) kmap() in atomic context ------------------------------------------- */

/*
 * Inside kmap_atomic(): kmap(H) with entries free is reported by
 * might_sleep() and maps (no sleep, no switch). With every entry held and
 * a spinlock-like preempt_disable(): reported again, NULL, no wait.
 */
static void kmap_in_atomic_reported_no_sleep(struct ktest *t)
{
	unsigned long waits0 = this_cpu_ptr(kmap_stats)->waits;
	const char *kind, *reason;
	unsigned long long sw0;
	struct page *h[2];
	unsigned long n;
	void *a, *v;

	highmem_pages(t, h, 2);
	a = kmap_atomic(h[0]);
	sw0 = nr_context_switches();
	report_expect();
	v = kmap(h[1]);
	n = report_take(&kind, &reason);
	KTEST_EXPECT_EQ(t, nr_context_switches(), sw0);
	kunmap_atomic(a);
	KTEST_EXPECT_EQ(t, n, 1);
	KTEST_EXPECT_STREQ(t, kind, "sleeping function called from invalid context");
	KTEST_EXPECT_STREQ(t, reason, "mm/highmem.c");	/* kmap_check_context()'s might_sleep() */
	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_PTR_EQ(t, v, page_address(h[1]));
	kunmap(h[1]);

	if (!have_highmem(LAST_PKMAP + 1))
		ktest_skip(t, "the full-pool half needs LAST_PKMAP + 1 free highmem pages");
	highmem_pages(t, pool, LAST_PKMAP + 1);
	hold_every_entry(t);
	preempt_disable();
	sw0 = nr_context_switches();
	report_expect();
	v = kmap(pool[LAST_PKMAP]);
	n = report_take(&kind, &reason);
	KTEST_EXPECT_EQ(t, nr_context_switches(), sw0);
	preempt_enable();
	KTEST_EXPECT_NULL(t, v);
	KTEST_EXPECT_EQ(t, n, 2);	/* might_sleep()'s, then the pool's */
	KTEST_EXPECT_STREQ(t, reason, "pkmap pool full in atomic context");
	KTEST_EXPECT_EQ(t, this_cpu_ptr(kmap_stats)->waits, waits0);
	for (int i = 0; i < LAST_PKMAP; i++)
		kunmap(pool[i]);
	expect_pool_at_baseline(t);
}

/* --- faults inside kmap_atomic() -------------------------------------------- */

static noinline void read_catching(struct fault_catch *fc, unsigned long addr)
{
	if (catch_fault(fc))
		(void)*(volatile u32 *)addr;
	end_catch_fault(fc);
}

/*
 * Inside kmap_atomic(H), an unused kmap_local slot is an unmapped page:
 *  - a probe read (copy_from_kernel_nofault) returns -EFAULT through the
 *    exception table: no report, the counts and the mapping untouched;
 *  - a plain read oopses, and the oops says "in atomic context"
 *    (tests/expect/kmap_sched.expect checks the line); both faults took
 *    the faulthandler_disabled() path (pf_atomic_faults).
 * Outside kmap_atomic() the same probe is -EFAULT and not counted.
 */
static void fault_in_kmap_atomic_goes_to_fixup(struct ktest *t)
{
	unsigned long addr = kmap_local_slot_addr(KM_MAX_IDX - 1);
	unsigned long atomic0 = pf_atomic_faults;
	struct fault_catch fc;
	struct page *h;
	long ret;
	u32 x = 0x1234;
	void *v;

	highmem_pages(t, &h, 1);
	v = kmap_atomic(h);
	fill(v, 0xfa000000);
	report_expect();
	ret = copy_from_kernel_nofault(&x, (void *)addr, sizeof(x));
	KTEST_EXPECT_EQ(t, report_take(NULL, NULL), 0);
	KTEST_EXPECT_EQ(t, ret, -EFAULT);
	KTEST_EXPECT_EQ(t, x, 0x1234);
	KTEST_EXPECT_EQ(t, pf_atomic_faults, atomic0 + 1);
	KTEST_EXPECT_EQ(t, preempt_count(), 1);
	KTEST_EXPECT_EQ(t, current->pagefault_disabled, 1);
	KTEST_EXPECT_TRUE(t, holds(v, 0xfa000000));

	ktest_log(t, "a plain read of 0x%08lx inside kmap_atomic(): the oops below says so", addr);
	read_catching(&fc, addr);
	KTEST_EXPECT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.cr2, addr);
	KTEST_EXPECT_EQ(t, pf_atomic_faults, atomic0 + 2);
	KTEST_EXPECT_EQ(t, preempt_count(), 1);
	KTEST_EXPECT_EQ(t, current->pagefault_disabled, 1);
	kunmap_atomic(v);

	ret = copy_from_kernel_nofault(&x, (void *)addr, sizeof(x));
	KTEST_EXPECT_EQ(t, ret, -EFAULT);
	KTEST_EXPECT_EQ(t, pf_atomic_faults, atomic0 + 2);
}

/* --- a narrated kmap() wait, for the docs ----------------------------------- */

/*
 * The story of case (a) in a few log lines (docs/10-kmap.md quotes them):
 * T2 blocks, T1 kunmap()s, T2 wakes with a mapping.
 */
static void kmap_wait_narrated(struct ktest *t)
{
	struct kmap_waiter w = { .tag = 0x7200c000 };
	struct task_struct *k;

	highmem_pages(t, pool, LAST_PKMAP + 1);
	w.page = pool[LAST_PKMAP];
	hold_every_entry(t);
	ktest_log(t, "T1: holds all %d pkmap entries", LAST_PKMAP);
	k = start_on(smp_processor_id(), kmap_waiter_thread, &w, "kmap-T2");	/* its wait counted here */
	KTEST_ASSERT_NOT_NULL(t, k);
	spin_until(w.started && !k->on_rq, 20);
	KTEST_EXPECT_EQ(t, k->on_rq, 0);
	ktest_log(t, "T2: kmap(pfn 0x%05lx) blocks: all %d entries in use; T2 state %s, %s the run queue",
		  page_to_pfn(w.page), LAST_PKMAP,
		  k->__state == TASK_UNINTERRUPTIBLE ? "D (TASK_UNINTERRUPTIBLE)" : "not asleep",
		  k->on_rq ? "on" : "off");
	ktest_log(t, "T1: kunmap(pfn 0x%05lx), entry %lu at 0x%08lx has no users now",
		  page_to_pfn(pool[9]), PKMAP_NR((unsigned long)page_address(pool[9])),
		  (unsigned long)page_address(pool[9]));
	kunmap(pool[9]);
	spin_until(w.mapped, 20);
	KTEST_EXPECT_EQ(t, w.mapped, 1);
	KTEST_EXPECT_TRUE(t, w.wrote_and_read);
	ktest_log(t, "T2: woke, mapped pfn 0x%05lx at 0x%08lx (entry %lu); kmap waits so far: %lu",
		  page_to_pfn(w.page), (unsigned long)w.vaddr, PKMAP_NR((unsigned long)w.vaddr),
		  this_cpu_ptr(kmap_stats)->waits);
	rescue_waiter(&w, k);
	kthread_stop(k);
	put_task_struct(k);
	for (int i = 0; i < LAST_PKMAP; i++)
		if (i != 9)
			kunmap(pool[i]);
	expect_pool_at_baseline(t);
}

/*
 * Case (a) across CPUs: T2, bound to another CPU, sleeps there in
 * kmap(X) with the pool full; this task's kunmap() here wakes it (a
 * cross-CPU wake-up: the reschedule IPI if that CPU idles), and T2 maps X
 * in the freed entry. T2's wrap-around flush on its CPU reaches this
 * one through a shootdown. Judged by T2's state seen from here and the
 * kmap() sleeps summed over every CPU's counts.
 */
static void kmap_full_pool_waiter_on_another_cpu(struct ktest *t)
{
	struct kmap_waiter w = { .tag = 0x7200d000 };
	int other = other_cpu();
	unsigned long waits0, there0, freed;
	struct task_struct *k;

	if (other < 0)
		ktest_skip(t, "needs 2 online CPUs");
	highmem_pages(t, pool, LAST_PKMAP + 1);
	w.page = pool[LAST_PKMAP];
	hold_every_entry(t);
	freed = (unsigned long)page_address(pool[11]);
	waits0 = kmap_waits_all();
	there0 = per_cpu(kmap_stats, other).waits;

	k = start_on((unsigned int)other, kmap_waiter_thread, &w, "kmap-T2");
	KTEST_ASSERT_NOT_NULL(t, k);
	spin_until(w.started && !k->on_rq, 20);
	KTEST_EXPECT_EQ(t, k->cpu, other);
	KTEST_EXPECT_EQ(t, k->on_rq, 0);
	KTEST_EXPECT_EQ(t, k->__state, TASK_UNINTERRUPTIBLE);
	KTEST_EXPECT_EQ(t, w.mapped, 0);
	KTEST_EXPECT_EQ(t, kmap_waits_all(), waits0 + 1);
	KTEST_EXPECT_EQ(t, per_cpu(kmap_stats, other).waits, there0 + 1);	/* counted there */
	KTEST_EXPECT_NULL(t, page_address(w.page));

	kunmap(pool[11]);		/* e:1 here; T2 woken there */
	spin_until(w.mapped, 20);
	KTEST_EXPECT_EQ(t, w.mapped, 1);
	KTEST_EXPECT_EQ(t, (unsigned long)w.vaddr, freed);
	KTEST_EXPECT_TRUE(t, w.wrote_and_read);
	KTEST_EXPECT_EQ(t, pte_pfn(pte_at(freed)), page_to_pfn(w.page));
	KTEST_EXPECT_EQ(t, kmap_waits_all(), waits0 + 1);	/* one sleep */
	rescue_waiter(&w, k);
	kthread_stop(k);
	put_task_struct(k);
	KTEST_EXPECT_TRUE(t, page_holds(w.page, w.tag));	/* its bytes, read on this CPU */

	for (int i = 0; i < LAST_PKMAP; i++)
		if (i != 11)
			kunmap(pool[i]);
	expect_pool_at_baseline(t);
}

/*
 * page_address() walks a hash bucket without kmap_lock while other tasks'
 * kmap() flush and reuse entries: a reader thread looks up pages whose
 * entries the writer (this task) keeps chaining into one bucket, flushing
 * at each wrap-around and reusing for other pages, with the tick
 * preempting both. Before page_address_lock a reader preempted mid-walk
 * resumed on an unlinked entry (next = NULL: an oops) or in another
 * bucket (a walk that never ends).
 */
#define PA_BLOCKS	8		/* order-10 blocks: page 0 of each hashes to bucket 0 */

struct pa_race {
	struct page *target[PA_BLOCKS];
	volatile bool stop;
	unsigned long lookups, wrong;
};

static int pa_reader(void *data)
{
	struct pa_race *r = data;

	while (!r->stop) {
		for (int b = 0; b < PA_BLOCKS; b++) {
			void *v = page_address(r->target[b]);

			/* NULL, or a pkmap entry's address (which may be freed
			 * right after: the answer is a snapshot, as in Linux) */
			if (v && ((unsigned long)v - PKMAP_BASE >= LAST_PKMAP * PAGE_SIZE ||
				  ((unsigned long)v & ~PAGE_MASK)))
				r->wrong++;
			r->lookups++;
		}
	}
	return 0;
}

static void page_address_walk_survives_wraparound_flushes(struct ktest *t)
{
	static struct pa_race r;
	struct page *blocks[PA_BLOCKS] = { NULL };
	struct task_struct *k;
	unsigned long j0, flushes0 = this_cpu_ptr(kmap_stats)->flushes;
	int n;

	memset(&r, 0, sizeof(r));
	for (n = 0; n < PA_BLOCKS; n++) {
		blocks[n] = alloc_pages(GFP_HIGHUSER, 10);
		if (!blocks[n] || !PageHighMem(blocks[n]))
			break;
		r.target[n] = blocks[n];
	}
	if (n < PA_BLOCKS) {
		for (int b = 0; b <= n && b < PA_BLOCKS; b++)
			if (blocks[b])
				__free_pages(blocks[b], 10);
		ktest_skip(t, "needs 32 MiB of highmem in 4 MiB blocks (boot with -m 1G or more)");
	}
	k = kthread_create(pa_reader, &r, "pa-reader");
	if (!k) {
		for (int b = 0; b < PA_BLOCKS; b++)
			__free_pages(blocks[b], 10);
		KTEST_ASSERT_NOT_NULL(t, k);
	}
	kthread_bind(k, smp_processor_id());	/* preempted mid-walk by this CPU's tick */
	get_task_struct(k);
	wake_up_process(k);
	j0 = jiffies;
	/* chain the targets into bucket 0, then wrap the pool round with other pages */
	for (int round = 0; round < 6 || jiffies - j0 < 5; round++) {
		for (int b = 0; b < PA_BLOCKS; b++) {
			kmap(r.target[b]);		/* hashed into bucket 0 ... */
			kunmap(r.target[b]);		/* ... and left there, count 1 */
		}
		for (int p = 1; p < 1024 + 64; p++) {
			struct page *pg = blocks[p % PA_BLOCKS] + (p % 1023) + 1;

			kmap(pg);
			kunmap(pg);
		}
	}
	r.stop = true;
	kthread_stop(k);
	ktest_log(t, "%lu lookups, %lu wrap-around flushes, reader preempted %lu times",
		  r.lookups, this_cpu_ptr(kmap_stats)->flushes - flushes0, k->nivcsw);
	put_task_struct(k);
	for (int b = 0; b < PA_BLOCKS; b++)
		__free_pages(blocks[b], 10);
	KTEST_EXPECT_EQ(t, r.wrong, 0);
	KTEST_EXPECT_GT(t, r.lookups, 0);
	KTEST_EXPECT_GT(t, this_cpu_ptr(kmap_stats)->flushes - flushes0, 1);
}

static const struct ktest_case kmap_sched_cases[] = {
	KTEST_CASE(kmap_full_pool_sleeps_until_kunmap),
	KTEST_CASE(kmap_waiter_finds_page_mapped_meanwhile),
	KTEST_CASE(kmap_local_slot0_follows_the_task_preempted),
	KTEST_CASE(kmap_local_slot0_follows_the_task_yielding),
	KTEST_CASE(kmap_atomic_section_not_preempted),
	KTEST_CASE(kmap_in_atomic_reported_no_sleep),
	KTEST_CASE(fault_in_kmap_atomic_goes_to_fixup),
	KTEST_CASE(kmap_wait_narrated),
	KTEST_CASE(page_address_walk_survives_wraparound_flushes),
	KTEST_CASE(kmap_full_pool_waiter_on_another_cpu),
	KTEST_CASE(kmap_local_slot0_differs_per_cpu),
	{}
};
KTEST_SUITE(kmap_sched) = {
	.name = "kmap_sched", .cases = kmap_sched_cases,
	.init = ks_case_init, .exit = ks_case_exit,
};
