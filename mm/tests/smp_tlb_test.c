// SPDX-License-Identifier: MIT
/*
 * Self-tests of the cross-CPU calls and the TLB shootdowns: suite
 * "smp_tlb" (kernel/smp.c, arch/x86/mm/tlb.c, the pkmap wrap in
 * mm/highmem.c, lazy vunmap in mm/vmalloc.c).
 *
 * What runs on one CPU: the calls degenerate (on_each_cpu() runs here,
 * smp_call_function_many() runs nowhere, no IPI is counted); a call with
 * interrupts off is refused with its named line; lazy vunmap defers the
 * flush and purges once per batch, the freed ranges are not reused before
 * the purge, and nothing leaks; a user flush goes only to the CPUs of
 * the mm's bitmap; kmap_local and kmap_atomic send no IPI;
 * cycling kmap() over 2,048 highmem pages sends at most one shootdown per
 * pool wrap.
 *
 * What needs two online CPUs, and skips with "needs 2 online CPUs"
 * otherwise: the stale-translation cases. CPU 0 maps page A at X (a
 * pkmap entry, or a vmalloc address), another CPU reads through X in its
 * call-function handler so its TLB caches X -> A, then X is unmapped and
 * reused for page B on CPU 0, and the other CPU reads X again: it must
 * see B. Only the shootdown (the pkmap wrap's, the vunmap purge's) can
 * make it so: with PGE the kernel's entries are global, and nothing else
 * drops them on that CPU.
 *
 *   pkmap:   kmap(A) = X; CPU 1 reads X (A); kunmap(A)     X: e:1, CPU 1 caches X -> A
 *            kmap/kunmap fillers until the scan has wrapped (flush on every CPU)
 *            and stands just before X; kmap(B) = X         X: e:2 -> B
 *            CPU 1 reads X: B
 *   vmalloc: vmap(A) = V; CPU 1 reads V (A); vunmap(V)     V: lazily freed, CPU 1 caches V -> A
 *            vm_unmap_aliases() (one shootdown); vmap(B) = V (first fit)
 *            CPU 1 reads V: B
 *
 * Every case checks on exit that every IPI sent during it was received
 * (the call-function reasons; reschedule IPIs are the scheduler's), and
 * that every zone has the free pages it had at the start.
 */
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/errno.h>
#include <kernel/kthread.h>
#include <kernel/ktest.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/vmalloc.h>
#include "mm_test.h"

/* --- fixture ---------------------------------------------------------------- */

#define NR_CYCLE_PAGES	2048		/* twice the pool (four times with PAE's 512) */
static struct page *cycle_pages[NR_CYCLE_PAGES];
static unsigned int nr_cycle_pages;
static unsigned long free_at_start[MAX_NR_ZONES];
static unsigned long pgtables_at_start[MAX_NR_ZONES];	/* vmalloc page tables: kept for good */
static unsigned long sent_at_start[NR_IPI_REASONS], received_at_start[NR_IPI_REASONS];

static void st_case_init(struct ktest *t)
{
	vm_unmap_aliases();		/* no lazily freed range from before */
	nr_cycle_pages = 0;
	zone_free_snapshot_shrunk(free_at_start);
	memcpy(pgtables_at_start, vmalloc_pgtables, sizeof(pgtables_at_start));
	for (int r = 0; r < NR_IPI_REASONS; r++) {
		sent_at_start[r] = ipi_sent_total(r);
		received_at_start[r] = ipi_received_total(r);
	}
}

static void st_case_exit(struct ktest *t)
{
	for (unsigned int i = 0; i < nr_cycle_pages; i++)
		__free_page(cycle_pages[i]);
	nr_cycle_pages = 0;
	vm_unmap_aliases();
	/* every IPI acknowledged: as many received as sent, reason by reason */
	for (int r = IPI_CALL_FUNCTION; r < NR_IPI_REASONS; r++)
		KTEST_EXPECT_EQ(t, ipi_received_total(r) - received_at_start[r],
				ipi_sent_total(r) - sent_at_start[r]);
	/* a vmalloc page table a case made stays (mm/vmalloc.c): in use, not leaked */
	for (int z = 0; z < MAX_NR_ZONES; z++)
		free_at_start[z] -= vmalloc_pgtables[z] - pgtables_at_start[z];
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, free_at_start);
}

/* The IPIs of the TLB and call reasons this CPU has sent so far. */
static unsigned long call_ipis_sent_here(void)
{
	unsigned long n = 0;

	for (int r = IPI_CALL_FUNCTION; r < NR_IPI_REASONS; r++)
		n += this_cpu_ptr(ipi_stats)->sent[r];
	return n;
}

static bool have_highmem(unsigned long pages)
{
	const struct zone *hz = &contig_page_data.node_zones[ZONE_HIGHMEM];

	return hz->free_pages >= pages + hz->watermark[WMARK_MIN];
}

/* @n highmem pages into cycle_pages[] (freed by the exit hook), or skip. */
static void take_highmem_pages(struct ktest *t, unsigned int n)
{
	KTEST_ASSERT_TRUE(t, n <= NR_CYCLE_PAGES);
	if (!have_highmem(n + 64))
		ktest_skip(t, "needs 2,112 free highmem pages (boot with -m 1G or more)");
	while (nr_cycle_pages < n) {
		struct page *p = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);

		KTEST_ASSERT_NOT_NULL(t, p);
		cycle_pages[nr_cycle_pages++] = p;
		KTEST_ASSERT_TRUE(t, PageHighMem(p));
	}
}

/* Another online CPU than this one, or skip. */
static unsigned int other_cpu(struct ktest *t)
{
	unsigned int cpu;

	if (num_online_cpus() < 2)
		ktest_skip(t, "needs 2 online CPUs");
	for_each_online_cpu(cpu)
		if (cpu != (unsigned int)smp_processor_id())
			return cpu;
	ktest_skip(t, "needs 2 online CPUs");
}

static void fill_page(struct page *page, u32 pattern)
{
	u32 *p = kmap_local_page(page);

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		p[i] = pattern;
	kunmap_local(p);
}

/* --- the calls -------------------------------------------------------------- */

static unsigned long calls_on[NR_CPUS];

static void count_call(void *info)
{
	(void)info;
	__atomic_add_fetch(&calls_on[smp_processor_id()], 1, __ATOMIC_RELAXED);
}

/*
 * on_each_cpu(): every online CPU once, this one included;
 * smp_call_function_many(online): every one but this one. IPIs: one per
 * other CPU each time, all received.
 */
static void on_each_cpu_runs_everywhere_once(struct ktest *t)
{
	unsigned int cpu, others = num_online_cpus() - 1;
	unsigned long sent = ipi_sent_total(IPI_CALL_FUNCTION);
	unsigned long shootdowns = ipi_shootdowns_total(IPI_CALL_FUNCTION);

	memset(calls_on, 0, sizeof(calls_on));
	on_each_cpu(count_call, NULL, true);
	for_each_possible_cpu(cpu)
		KTEST_EXPECT_EQ(t, calls_on[cpu], cpu_online(cpu) ? 1UL : 0UL);
	smp_call_function_many(cpu_online_mask, count_call, NULL, true, IPI_CALL_FUNCTION);
	KTEST_EXPECT_EQ(t, calls_on[smp_processor_id()], 1UL);
	for_each_online_cpu(cpu)
		if (cpu != (unsigned int)smp_processor_id())
			KTEST_EXPECT_EQ(t, calls_on[cpu], 2UL);
	KTEST_EXPECT_EQ(t, ipi_sent_total(IPI_CALL_FUNCTION) - sent, 2UL * others);
	KTEST_EXPECT_EQ(t, ipi_shootdowns_total(IPI_CALL_FUNCTION) - shootdowns, others ? 2UL : 0UL);
	KTEST_EXPECT_EQ(t, smp_call_function_single(smp_processor_id(), count_call, NULL, true), 0);
	KTEST_EXPECT_EQ(t, calls_on[smp_processor_id()], 2UL);
	KTEST_EXPECT_EQ(t, smp_call_function_single(NR_CPUS, count_call, NULL, true), -ENXIO);
}

/*
 * Every online CPU calls at once: a bound thread on each other CPU and
 * this one each run 20 on_each_cpu() and 20 flush_tlb_kernel_range()
 * of two pages, racing for call_function_lock while answering each
 * other's IPIs. No deadlock, every call ran everywhere: each CPU's count
 * is 20 times the number of callers (the exit hook: sent == received).
 */
#define STORM_CALLS	20	/* enough to race; more only costs time on an oversubscribed host */

static int call_storm(void *unused)
{
	unsigned long v = VMALLOC_START;	/* any kernel range: nothing is unmapped */

	(void)unused;
	for (int i = 0; i < STORM_CALLS; i++) {
		on_each_cpu(count_call, NULL, true);
		flush_tlb_kernel_range(v, v + 2 * PAGE_SIZE);
	}
	return 0;
}

static void concurrent_callers_all_answered(struct ktest *t)
{
	struct task_struct *k[NR_CPUS] = { NULL };
	unsigned int cpu, callers = 1;

	(void)other_cpu(t);		/* skips with one CPU */
	memset(calls_on, 0, sizeof(calls_on));
	for_each_online_cpu(cpu) {
		if ((int)cpu == smp_processor_id())
			continue;
		k[cpu] = kthread_create(call_storm, NULL, "ktest-ipi%u", cpu);
		KTEST_ASSERT_NOT_NULL(t, k[cpu]);
		kthread_bind(k[cpu], cpu);
		get_task_struct(k[cpu]);
		wake_up_process(k[cpu]);
		callers++;
	}
	call_storm(NULL);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!k[cpu])
			continue;
		KTEST_EXPECT_EQ(t, kthread_stop(k[cpu]), 0);
		put_task_struct(k[cpu]);
	}
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, calls_on[cpu], (unsigned long)STORM_CALLS * callers);
}

/* With interrupts off the call is refused, named, and runs nowhere. */
static void smp_call_with_irqs_off_reported(struct ktest *t)
{
	unsigned long flags;

	memset(calls_on, 0, sizeof(calls_on));
	local_irq_save(flags);
	KTEST_EXPECT_REPORT(t, smp_call_function_many(cpu_online_mask, count_call, NULL, true,
						      IPI_CALL_FUNCTION),
			    "smp_call_function", "called with interrupts disabled");
	local_irq_restore(flags);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		KTEST_EXPECT_EQ(t, calls_on[cpu], 0UL);
}

/* --- user address spaces: only the CPUs of mm_cpumask() ----------------------- */

/*
 * flush_tlb_mm_range() by the mm's bitmap alone (an mm of the test's,
 * loaded nowhere, its bitmap written by hand; the handler flushes a user
 * range of whatever mm that CPU runs, which is harmless):
 *   bitmap {}          nothing flushed anywhere, no IPI
 *   bitmap {this}      flushed here, no IPI
 *   bitmap {other}     not here, one IPI_TLB_MM to the other, received
 */
static void flush_tlb_mm_range_only_cpus_of_mm(struct ktest *t)
{
	struct mm_struct mm = { .cpu_bitmap = 0 };
	const unsigned long start = 0x08048000, end = start + 2 * PAGE_SIZE;
	unsigned long sent = ipi_sent_total(IPI_TLB_MM), received = ipi_received_total(IPI_TLB_MM);
	unsigned long here;
	unsigned int cpu;

	preempt_disable();		/* this CPU's bit and its counters */
	cpu = smp_processor_id();
	here = this_cpu_ptr(tlb_stats)->user_flush_one;
	flush_tlb_mm_range(&mm, start, end);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(tlb_stats)->user_flush_one, here);
	mm.cpu_bitmap = cpumask_of(cpu);
	flush_tlb_mm_range(&mm, start, end);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(tlb_stats)->user_flush_one, here + 2);
	KTEST_EXPECT_EQ(t, ipi_sent_total(IPI_TLB_MM), sent);
	preempt_enable();
	if (num_online_cpus() < 2)
		return;
	mm.cpu_bitmap = cpumask_of(other_cpu(t));
	preempt_disable();
	here = this_cpu_ptr(tlb_stats)->user_flush_one;
	flush_tlb_mm_range(&mm, start, end);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(tlb_stats)->user_flush_one, here);
	preempt_enable();
	KTEST_EXPECT_EQ(t, ipi_sent_total(IPI_TLB_MM) - sent, 1UL);
	KTEST_EXPECT_EQ(t, ipi_received_total(IPI_TLB_MM) - received, 1UL);
}

/* --- (a) lazy vunmap ----------------------------------------------------------- */

/* vmap() @nr pages that all alias one page: a range costs no memory. */
static void *vmap_alias(struct page *page, unsigned int nr)
{
	struct page *pages[16];

	for (unsigned int i = 0; i < nr; i++)
		pages[i] = page;
	return vmap(pages, nr, VM_MAP, PAGE_KERNEL);
}

/*
 * N vfree()s below the threshold: nothing flushed, the ranges stay taken
 * (the next areas go above them), "unpurged"; one vm_unmap_aliases(): one
 * purge, one shootdown (with other CPUs), and the first range is handed
 * out again.
 *   after 4 vmalloc+vfree: [a a a a] (all lazily freed)  then vmalloc: above them
 *   after the purge:       [. . . .]                     then vmalloc: at a[0]
 */
static void vfree_defers_flush_until_purge(struct ktest *t)
{
	unsigned int others = num_online_cpus() - 1;
	struct vmap_lazy_stats st0, st;
	unsigned long shoot0 = ipi_shootdowns_total(IPI_TLB_VUNMAP);
	unsigned long sent0 = ipi_sent_total(IPI_TLB_VUNMAP);
	void *v[4], *w;

	vmap_lazy_get_stats(&st0);
	KTEST_EXPECT_EQ(t, st0.lazy_pages, 0UL);
	for (int i = 0; i < 4; i++) {
		v[i] = vmalloc(16 * PAGE_SIZE);
		KTEST_ASSERT_NOT_NULL(t, v[i]);
		vfree(v[i]);
	}
	vmap_lazy_get_stats(&st);
	KTEST_EXPECT_EQ(t, st.lazy_pages, 4UL * 17);	/* 16 pages + the guard page each */
	KTEST_EXPECT_EQ(t, st.lazy_areas, 4UL);
	KTEST_EXPECT_EQ(t, st.purges, st0.purges);
	for (int i = 1; i < 4; i++)
		KTEST_EXPECT_PTR_NE(t, v[i], v[0]);	/* not reused before the purge */
	KTEST_EXPECT_NULL(t, find_vm_area(v[0]));	/* no longer an area */
	w = vmalloc(PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, w);
	for (int i = 0; i < 4; i++)
		KTEST_EXPECT_TRUE(t, (char *)w >= (char *)v[i] + 17 * PAGE_SIZE ||
				     (char *)w + 2 * PAGE_SIZE <= (char *)v[i]);
	vfree(w);
	vm_unmap_aliases();
	vmap_lazy_get_stats(&st);
	KTEST_EXPECT_EQ(t, st.lazy_pages, 0UL);
	KTEST_EXPECT_EQ(t, st.purges, st0.purges + 1);
	KTEST_EXPECT_EQ(t, ipi_shootdowns_total(IPI_TLB_VUNMAP) - shoot0, others ? 1UL : 0UL);
	KTEST_EXPECT_EQ(t, ipi_sent_total(IPI_TLB_VUNMAP) - sent0, (unsigned long)others);
	w = vmalloc(16 * PAGE_SIZE);
	KTEST_EXPECT_PTR_EQ(t, w, v[0]);		/* first fit: free again */
	vfree(w);
}

/*
 * vunmap() of 64 KiB areas until the lazy pages pass lazy_max_pages():
 * no purge before, exactly one at the vunmap that passes it, which
 * empties the batch (one shootdown, with other CPUs).
 */
static void vunmap_purges_once_per_batch(struct ktest *t)
{
	static void *areas[512];
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned int others = num_online_cpus() - 1, per_batch;
	unsigned long shoot0 = ipi_shootdowns_total(IPI_TLB_VUNMAP);
	struct vmap_lazy_stats st0, st;

	KTEST_ASSERT_NOT_NULL(t, page);
	vmap_lazy_get_stats(&st0);
	per_batch = st0.max_lazy_pages / 17 + 1;	/* the vunmap that passes the threshold */
	if (per_batch > ARRAY_SIZE(areas)) {
		__free_page(page);
		ktest_skip(t, "the lazy threshold needs more than 512 areas");
	}
	for (unsigned int i = 0; i < per_batch; i++) {
		areas[i] = vmap_alias(page, 16);
		if (!areas[i]) {
			while (i--)
				vunmap(areas[i]);
			__free_page(page);
			KTEST_ASSERT_NOT_NULL(t, NULL);	/* no room in the vmalloc area */
		}
	}
	for (unsigned int i = 0; i + 1 < per_batch; i++)
		vunmap(areas[i]);
	vmap_lazy_get_stats(&st);
	KTEST_EXPECT_EQ(t, st.purges, st0.purges);		/* not yet */
	KTEST_EXPECT_EQ(t, st.lazy_pages, (per_batch - 1) * 17UL);
	vunmap(areas[per_batch - 1]);
	vmap_lazy_get_stats(&st);
	KTEST_EXPECT_EQ(t, st.purges, st0.purges + 1);		/* exactly one, now */
	KTEST_EXPECT_EQ(t, st.lazy_pages, 0UL);
	KTEST_EXPECT_EQ(t, ipi_shootdowns_total(IPI_TLB_VUNMAP) - shoot0, others ? 1UL : 0UL);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	__free_page(page);
}

/* --- (b) kmap_local and kmap_atomic ----------------------------------------- */

/* 1,000 cycles of each: 0 IPIs, of any TLB or call reason. */
static void kmap_local_and_atomic_send_no_ipi(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	unsigned long before;

	KTEST_ASSERT_NOT_NULL(t, page);
	preempt_disable();		/* this CPU's counters */
	before = call_ipis_sent_here();
	preempt_enable();
	for (int i = 0; i < 1000; i++) {
		u32 *p = kmap_local_page(page);

		p[i] = i;
		kunmap_local(p);
		p = kmap_atomic(page);
		p[i] += 1;
		kunmap_atomic(p);
	}
	preempt_disable();
	KTEST_EXPECT_EQ(t, call_ipis_sent_here(), before);
	preempt_enable();
	__free_page(page);
}

/* --- (c) pkmap cycling ---------------------------------------------------------- */

/*
 * kmap()+kunmap() over 2,048 highmem pages, twice round the pool: kunmap()
 * sends nothing, each wrap at most one shootdown (one IPI per other CPU),
 * and only a wrap that flushed sends one.
 */
static void pkmap_cycling_one_shootdown_per_wrap(struct ktest *t)
{
	unsigned int others = num_online_cpus() - 1;
	unsigned long wraps, flushes, shoot, sent;

	take_highmem_pages(t, NR_CYCLE_PAGES);
	wraps = this_cpu_ptr(kmap_stats)->wraps;
	flushes = this_cpu_ptr(kmap_stats)->flushes;
	shoot = ipi_shootdowns_total(IPI_TLB_PKMAP);
	sent = ipi_sent_total(IPI_TLB_PKMAP);
	for (unsigned int i = 0; i < NR_CYCLE_PAGES; i++) {
		u32 *p = kmap(cycle_pages[i]);

		KTEST_ASSERT_NOT_NULL(t, p);
		p[0] = i;
		kunmap(cycle_pages[i]);
	}
	wraps = this_cpu_ptr(kmap_stats)->wraps - wraps;
	flushes = this_cpu_ptr(kmap_stats)->flushes - flushes;
	shoot = ipi_shootdowns_total(IPI_TLB_PKMAP) - shoot;
	sent = ipi_sent_total(IPI_TLB_PKMAP) - sent;
	ktest_log(t, "%u CPU%s online: %lu wraps, %lu flushes, %lu shootdowns, %lu IPIs",
		  others + 1, others ? "s" : "", wraps, flushes, shoot, sent);
	KTEST_EXPECT_GE(t, wraps, 1UL);
	KTEST_EXPECT_LE(t, wraps, NR_CYCLE_PAGES / LAST_PKMAP + 1UL);
	KTEST_EXPECT_LE(t, flushes, wraps);
	KTEST_EXPECT_EQ(t, shoot, others ? flushes : 0UL);
	KTEST_EXPECT_EQ(t, sent, shoot * others);
}

/* --- (d) stale translations --------------------------------------------------- */

struct remote_read {
	const volatile u32 *addr;
	u32 value;
};

static void read_word(void *info)
{
	struct remote_read *rr = info;

	rr->value = rr->addr[7];
}

static u32 read_on(struct ktest *t, unsigned int cpu, const void *addr)
{
	struct remote_read rr = { .addr = addr, .value = 0 };

	KTEST_ASSERT_EQ(t, smp_call_function_single(cpu, read_word, &rr, true), 0);
	return rr.value;
}

#define PATTERN_A	0xaaaa0001u
#define PATTERN_B	0xbbbb0002u

/* See the picture at the top: pkmap. */
static void pkmap_reuse_seen_by_other_cpu(struct ktest *t)
{
	unsigned int cpu = other_cpu(t), before_x;
	struct page *a, *b;
	unsigned long x, wraps;
	void *vb = NULL;

	take_highmem_pages(t, LAST_PKMAP + 2);
	a = cycle_pages[0];
	b = cycle_pages[1];
	fill_page(a, PATTERN_A);
	fill_page(b, PATTERN_B);
	x = (unsigned long)kmap(a);
	KTEST_ASSERT_NE(t, x, 0);
	KTEST_EXPECT_EQ(t, read_on(t, cpu, (void *)x), PATTERN_A);	/* its TLB: X -> A */
	kunmap(a);
	/* fillers until the scan has wrapped and stands just before X */
	before_x = (PKMAP_NR(x) + LAST_PKMAP - 1) % LAST_PKMAP;
	wraps = this_cpu_ptr(kmap_stats)->wraps;
	for (unsigned int k = 0; k < 3 * LAST_PKMAP; k++) {
		struct page *f = cycle_pages[2 + k % LAST_PKMAP];
		unsigned long maps = this_cpu_ptr(kmap_stats)->maps;
		unsigned long v = (unsigned long)kmap(f);
		bool fresh = this_cpu_ptr(kmap_stats)->maps != maps;

		kunmap(f);
		if (this_cpu_ptr(kmap_stats)->wraps != wraps && fresh && PKMAP_NR(v) == before_x)
			break;
	}
	KTEST_EXPECT_NE(t, this_cpu_ptr(kmap_stats)->wraps, wraps);
	vb = kmap(b);
	KTEST_ASSERT_EQ(t, (unsigned long)vb, x);			/* X reused for B */
	KTEST_EXPECT_EQ(t, read_on(t, cpu, vb), PATTERN_B);		/* not A: shot down */
	kunmap(b);
}

/* See the picture at the top: vmalloc. */
static void vmalloc_reuse_seen_by_other_cpu(struct ktest *t)
{
	unsigned int cpu = other_cpu(t);
	struct page *a = alloc_page(GFP_HIGHUSER), *b = alloc_page(GFP_HIGHUSER);
	void *v, *w;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	fill_page(a, PATTERN_A);
	fill_page(b, PATTERN_B);
	v = vmap(&a, 1, VM_MAP, PAGE_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_EQ(t, read_on(t, cpu, v), PATTERN_A);		/* its TLB: V -> A */
	vunmap(v);
	vm_unmap_aliases();						/* the shootdown */
	w = vmap(&b, 1, VM_MAP, PAGE_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, w);
	if (w == v)
		KTEST_EXPECT_EQ(t, read_on(t, cpu, w), PATTERN_B);	/* not A */
	KTEST_EXPECT_PTR_EQ(t, w, v);					/* V reused for B */
	vunmap(w);
	__free_page(a);
	__free_page(b);
}

static const struct ktest_case smp_tlb_cases[] = {
	KTEST_CASE(on_each_cpu_runs_everywhere_once),
	KTEST_CASE(smp_call_with_irqs_off_reported),
	KTEST_CASE(concurrent_callers_all_answered),
	KTEST_CASE(flush_tlb_mm_range_only_cpus_of_mm),
	KTEST_CASE(vfree_defers_flush_until_purge),
	KTEST_CASE(vunmap_purges_once_per_batch),
	KTEST_CASE(kmap_local_and_atomic_send_no_ipi),
	KTEST_CASE(pkmap_cycling_one_shootdown_per_wrap),
	KTEST_CASE(pkmap_reuse_seen_by_other_cpu),
	KTEST_CASE(vmalloc_reuse_seen_by_other_cpu),
	{}
};
KTEST_SUITE(smp_tlb) = {
	.name = "smp_tlb", .cases = smp_tlb_cases,
	.init = st_case_init, .exit = st_case_exit,
};
