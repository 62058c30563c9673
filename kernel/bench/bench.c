// SPDX-License-Identifier: MIT
/*
 * The benchmark runner: the `bench` option's modes, boot milestones, the
 * cost of the measuring itself, and the `bench:` lines (see
 * kernel/bench.h). The rows it runs are beside it, in bench_mm.c. Both
 * are built in only with BENCH=1 (CONFIG_BENCH); kernel/demos.c
 * registers the option and calls bench_setup() and bench_run().
 *
 * What is subtracted. A timed loop of N pairs costs N * (pair + loop),
 * where loop is the increment, compare and branch of the for statement;
 * an identical loop with an empty body is timed once and its cost taken
 * off, so the mean is the pair alone. A single sample costs pair +
 * bracket, where bracket is what two back-to-back RDTSCs read with
 * nothing between them (the second RDTSC and the moves around it); it
 * is measured once and taken off every sample. Under -icount both are
 * constants, so the results are exact integers, identical run to run.
 *
 * Interrupts are on, as for any caller: a GFP_KERNEL allocation or a
 * kmap() with interrupts off would be misuse (might_sleep() reports it in
 * a DEBUG_VM kernel). A tick that lands in a timed loop adds its ~100
 * instructions once to 10,000 operations (0.01 each at most) and, under
 * -icount, lands at the same instruction on every run; with no other
 * task runnable it switches nothing. The minimum over repeated overhead
 * measurements leaves ticks out of those.
 *
 * With more than one CPU (tools/bench.py boots -smp 2 and -smp 4 too)
 * the rows run on the bench's own thread, kernel_init, which was placed
 * on CPU 0 before the other CPUs came up and never migrates; the
 * scheduler rows bind their partner threads to the same CPU, so every
 * row measures one CPU's path while the others sit idle, online, ready
 * to take an IPI. Under -icount QEMU runs the vCPUs round-robin, one at a
 * time, so an IPI's round trip (the target runs its handler, the sender
 * sees the acknowledgement) happens at the same instruction on every run
 * and the SMP figures are as reproducible as the others. Each row then
 * also reports the IPIs sent over its timed loop (every CPU's, every
 * reason), the cross-CPU flushes that sent them (shootdowns), and the
 * batches Linux sends one shootdown for: pkmap wrap-arounds and lazy
 * vunmap purges. With one CPU online the lines are as they always were.
 *
 * Without -icount (KVM, real hardware) the same code runs and prints
 * TSC cycles instead, which vary; tools/bench.py always boots with it.
 */
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <kernel/bench.h>
#include <kernel/cpumask.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/vmalloc.h>

enum bench_mode {
	BENCH_OFF,
	BENCH_BOOT,	/* bench=boot: the boot milestones only */
	BENCH_ALL,	/* bench: milestones and every row */
};
static enum bench_mode bench_mode;

int bench_setup(const char *val)
{
	if (!val || !strcmp(val, "all"))
		bench_mode = BENCH_ALL;
	else if (!strcmp(val, "boot"))
		bench_mode = BENCH_BOOT;
	else
		return -1;
	return 0;
}

static u64 boot_marks[NR_BENCH_MARKS];

void __bench_boot_mark(enum bench_mark m)
{
	/* only with a TSC: -cpu 486 has none, and no bench runs there */
	if (boot_cpu_data.has_tsc)
		boot_marks[m] = rdtsc();
}

u32 *bench_samples;
static u32 bracket;		/* two RDTSCs with nothing between */
static u32 empty_loop;		/* BENCH_ITERS turns of an empty timed loop */

static noinline void measure_overheads(void)
{
	u32 i, t, d;

	bracket = U32_MAX;
	for (i = 0; i < 100; i++) {
		t = bench_clock();
		d = bench_clock() - t;
		bracket = min(bracket, d);
	}
	empty_loop = U32_MAX;
	for (int k = 0; k < 10; k++) {
		t = bench_clock();
		for (i = 0; i < BENCH_ITERS; i++)
			barrier();
		d = bench_clock() - t;
		empty_loop = min(empty_loop, d);
	}
}

/* Every IPI sent so far, by every CPU for every reason; and the calls that sent them. */
static unsigned long ipis_sent(void)
{
	unsigned long n = 0;

	for (int r = 0; r < NR_IPI_REASONS; r++)
		n += ipi_sent_total(r);
	return n;
}

static unsigned long ipi_shootdowns(void)
{
	unsigned long n = 0;

	for (int r = 0; r < NR_IPI_REASONS; r++)
		n += ipi_shootdowns_total(r);
	return n;
}

static unsigned long vmap_purges(void)
{
	struct vmap_lazy_stats st;

	vmap_lazy_get_stats(&st);
	return st.purges;
}

/*
 * Outside the timed loop, both: the counters are read before the first
 * RDTSC and after the last, so they cost the row nothing.
 */
void bench_tlb_begin(struct bench_result *r)
{
	r->ipis = ipis_sent();
	r->shootdowns = ipi_shootdowns();
	r->wraps = this_cpu_ptr(kmap_stats)->wraps;
	r->purges = vmap_purges();
	r->invlpg = this_cpu_ptr(tlb_stats)->flush_one;
	r->flushes = this_cpu_ptr(tlb_stats)->flush_all;
}

void bench_tlb_end(struct bench_result *r)
{
	r->invlpg = this_cpu_ptr(tlb_stats)->flush_one - r->invlpg;
	r->flushes = this_cpu_ptr(tlb_stats)->flush_all - r->flushes;
	r->ipis = ipis_sent() - r->ipis;
	r->shootdowns = ipi_shootdowns() - r->shootdowns;
	r->wraps = this_cpu_ptr(kmap_stats)->wraps - r->wraps;
	r->purges = vmap_purges() - r->purges;
}

/* In-place heapsort: 10,000 samples in well under a million instructions. */
static void sift_down(u32 *a, u32 root, u32 n)
{
	for (;;) {
		u32 child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && a[child + 1] > a[child])
			child++;
		if (a[root] >= a[child])
			return;
		u32 tmp = a[root];
		a[root] = a[child];
		a[child] = tmp;
		root = child;
	}
}

static void sort_u32(u32 *a, u32 n)
{
	for (u32 i = n / 2; i-- > 0;)
		sift_down(a, i, n);
	for (u32 end = n; end-- > 1;) {
		u32 tmp = a[0];

		a[0] = a[end];
		a[end] = tmp;
		sift_down(a, 0, end);
	}
}

/* "12.345" from a count and a divisor, three decimals, no floating point. */
static void format_ratio(char *buf, size_t size, u64 count, u32 per)
{
	u64 milli = per ? (count * 1000 + per / 2) / per : 0;

	snprintf(buf, size, "%llu.%03llu", milli / 1000, milli % 1000);
}

void bench_report(const struct bench_result *r)
{
	u64 overhead = r->loop_free ? 0 : (u64)empty_loop * r->iters / BENCH_ITERS;
	u64 net = r->total > overhead ? r->total - overhead : 0;
	u64 mean100 = (net * 100 + r->iters / 2) / r->iters;
	char invlpg[24], flushes[24], ptes[24], stats[64] = "", smp[128] = "";

	if (r->samples) {
		u32 n = r->nr_samples;

		sort_u32(r->samples, n);
		snprintf(stats, sizeof(stats), " min=%u median=%u max=%u",
			 r->samples[0] - bracket, r->samples[n / 2] - bracket,
			 r->samples[n - 1] - bracket);
	}
	format_ratio(invlpg, sizeof(invlpg), r->invlpg, r->iters);
	format_ratio(flushes, sizeof(flushes), r->flushes, r->iters);
	format_ratio(ptes, sizeof(ptes), r->ptes, r->pte_iters);
	if (num_online_cpus() > 1) {
		char ipis[24], shootdowns[24], wraps[24], purges[24];

		/* per 1,000 ops: 10 events in the 10,000 of a loop print as 1.000 */
		format_ratio(ipis, sizeof(ipis), (u64)r->ipis * 1000, r->iters);
		format_ratio(shootdowns, sizeof(shootdowns), (u64)r->shootdowns * 1000, r->iters);
		format_ratio(wraps, sizeof(wraps), (u64)r->wraps * 1000, r->iters);
		format_ratio(purges, sizeof(purges), (u64)r->purges * 1000, r->iters);
		snprintf(smp, sizeof(smp), " ipis=%s shootdowns=%s wraps=%s purges=%s",
			 ipis, shootdowns, wraps, purges);
	}
	pr_info("bench: %s %llu.%02llu%s invlpg=%s flushes=%s ptes=%s%s\n", r->id,
		mean100 / 100, mean100 % 100, stats, invlpg, flushes, ptes, smp);
}

void bench_na(const char *id, const char *why)
{
	pr_info("bench: %s n/a (%s)\n", id, why);
}

void bench_run(void)
{
	u64 end = rdtsc();
	struct page *buf;

	if (bench_mode == BENCH_OFF)
		return;
	if (!boot_cpu_data.has_tsc) {
		pr_warn("bench: this CPU has no TSC: nothing can be measured\n");
		return;
	}
	pr_info("bench: config DEBUG_VM=%d slab_debug=%s kmap_local_guard=%s\n",
		IS_ENABLED(CONFIG_DEBUG_VM), IS_ENABLED(CONFIG_DEBUG_VM) ? "on" : "off",
		IS_ENABLED(CONFIG_DEBUG_KMAP_LOCAL_GUARD) ? "on" : "off");
	pr_info("bench: ram %lu MiB managed, %lu MiB highmem\n",
		totalram_pages >> (20 - PAGE_SHIFT), totalhigh_pages >> (20 - PAGE_SHIFT));
	pr_info("bench: boot-buddy-ready %llu\n", boot_marks[BENCH_MARK_BUDDY_READY]);
	pr_info("bench: boot-end %llu\n", end);
	if (num_online_cpus() > 1)
		pr_info("bench: smp the rows on CPU %u, %u CPUs online\n", smp_processor_id(),
			num_online_cpus());
	if (bench_mode == BENCH_ALL) {
		/* 10,000 samples of 4 bytes: an order-4 block (64 KiB) */
		buf = alloc_pages(GFP_KERNEL, 4);
		if (!buf) {
			pr_err("bench: no memory for the samples\n");
			return;
		}
		bench_samples = lowmem_page_address(buf);
		measure_overheads();
		pr_info("bench: overheads bracket=%u loop=%u.%04u\n", bracket,
			empty_loop / BENCH_ITERS, empty_loop % BENCH_ITERS);
		bench_mm_run();
		bench_irq_run();
		bench_sched_run();
		bench_samples = NULL;
		__free_pages(buf, 4);
	}
	pr_info("bench: done\n");
}
