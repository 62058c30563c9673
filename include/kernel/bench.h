/* SPDX-License-Identifier: MIT */
/*
 * In-kernel benchmarks: instructions per operation, counted with RDTSC.
 *
 * Under QEMU with `-icount shift=0,align=off,sleep=off` every guest
 * instruction advances the TSC by exactly one, so the difference of two
 * RDTSC readings is the number of instructions executed between them:
 * the same on every host and every run. `make bench` (tools/bench.py)
 * boots with the `bench` option and reads the lines bench_report()
 * prints:
 *
 *   bench: <row-id> <instructions per op> min=<> median=<> max=<>
 *          invlpg=<per op> flushes=<per op> ptes=<per op>
 *
 * A row measures a pair of statements (allocate, free) with BENCH_PAIR:
 *
 *   struct page *p;
 *   BENCH_PAIR("page-order0", p = alloc_page(GFP_KERNEL), __free_page(p));
 *
 * which runs BENCH_WARMUP pairs, then BENCH_ITERS pairs between two
 * readings (the mean; the loop's own instructions, measured with an
 * empty body, are subtracted), then BENCH_ITERS single pairs each
 * between two readings (min, median, max; the cost of the bracket is
 * subtracted), then BENCH_PTE_ITERS pairs with the kernel page tables
 * compared before and after each half (PTE writes, see bench_pte_*).
 * invlpg and full flushes come from tlb_stats over the timed loop.
 *
 * With more than one CPU online the line goes on, per 1,000 ops of the
 * timed loop:
 *
 *          ipis=<> shootdowns=<> wraps=<> purges=<>
 *
 * IPIs sent by every CPU (ipi_stats, all reasons, one per target CPU);
 * the calls that sent them (one per cross-CPU flush); this CPU's pkmap
 * pool wrap-arounds; lazy vunmap purge batches. A wrap or a purge is what
 * Linux sends one shootdown for, so shootdowns <= wraps + purges is the
 * target (tools/bench.py). With one CPU the line stays as it was.
 */
#ifndef _KERNEL_BENCH_H
#define _KERNEL_BENCH_H

#include <kernel/compiler.h>
#include <kernel/types.h>

#define BENCH_ITERS	10000
#define BENCH_WARMUP	1000
#define BENCH_PTE_ITERS	64

/* The low half of the TSC; no memory access moves across it. */
static __always_inline u32 bench_clock(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	(void)hi;
	return lo;
}

struct bench_result {
	const char *id;
	u32 iters;		/* ops in the timed loop */
	u32 total;		/* instructions of the timed loop, as read */
	u32 *samples;		/* single ops, as read; NULL: not sampled */
	u32 nr_samples;
	unsigned long invlpg, flushes;	/* over the timed loop */
	/* over the timed loop too, printed with more than one CPU online */
	unsigned long ipis, shootdowns;	/* every CPU's, every reason */
	unsigned long wraps, purges;	/* pkmap wrap-arounds, lazy vunmap batches */
	unsigned long ptes;		/* PTE (and PDE) writes over pte_iters ops */
	u32 pte_iters;
	bool loop_free;		/* total is net already: no loop cost to take off */
};

/* A buffer of BENCH_ITERS samples, set up by bench_run(). */
extern u32 *bench_samples;

/*
 * Start and end of the timed loop: remember and diff this CPU's tlb_stats,
 * the IPI counters and the flush batches (pkmap wraps, vunmap purges).
 */
void bench_tlb_begin(struct bench_result *r);
void bench_tlb_end(struct bench_result *r);

/*
 * PTE writes, counted without a counter in set_pte(): bench_pte_mark()
 * copies the kernel page tables of the vmalloc, pkmap and fixmap areas;
 * bench_pte_count() returns how many entries (PTEs, and PDEs pointing at
 * page tables) differ now, and takes the copy again. An op that writes
 * an entry and restores it before the count is missed, so each pair is
 * counted half by half. kernel/bench/bench_mm.c implements them.
 */
void bench_pte_mark(void);
unsigned long bench_pte_count(void);

/* Print @r as a `bench:` line (loop and bracket costs subtracted). */
void bench_report(const struct bench_result *r);
/* Print a `bench: <id> n/a (<why>)` line for a row that cannot run. */
void bench_na(const char *id, const char *why);

#define BENCH_PAIR(row, first, second) BENCH_PAIR_PTES(row, BENCH_PTE_ITERS, first, second)

/* BENCH_PAIR() counting PTE writes over @nptes pairs (e.g. a full cycle). */
#define BENCH_PAIR_PTES(row, nptes, first, second) do {			\
	struct bench_result __r = { .id = (row), .iters = BENCH_ITERS };	\
	u32 __i, __t;								\
										\
	for (__i = 0; __i < BENCH_WARMUP; __i++) {				\
		first; second; barrier();					\
	}									\
	bench_tlb_begin(&__r);							\
	__t = bench_clock();							\
	for (__i = 0; __i < BENCH_ITERS; __i++) {				\
		first; second; barrier();					\
	}									\
	__r.total = bench_clock() - __t;					\
	bench_tlb_end(&__r);							\
	for (__i = 0; __i < BENCH_ITERS; __i++) {				\
		__t = bench_clock();						\
		first; second;							\
		bench_samples[__i] = bench_clock() - __t;			\
	}									\
	__r.samples = bench_samples;						\
	__r.nr_samples = BENCH_ITERS;						\
	bench_pte_mark();							\
	for (__i = 0; __i < (nptes); __i++) {				\
		first;								\
		__r.ptes += bench_pte_count();					\
		second;								\
		__r.ptes += bench_pte_count();					\
	}									\
	__r.pte_iters = (nptes);						\
	bench_report(&__r);							\
} while (0)

/* The rows of kernel/bench/bench_mm.c (run with interrupts off). */
void bench_mm_run(void);
/* The row of kernel/bench/bench_irq.c (interrupts on: it counts ticks). */
void bench_irq_run(void);
/* kernel/bench/bench_sched.c: the context-switch rows (interrupts on). */
void bench_sched_run(void);

/*
 * Boot milestones, read from the TSC (instructions since power-on).
 * The one hook the bench keeps in start_kernel(): `bench=boot` reports
 * the instructions to "buddy allocator ready", a moment that only
 * start_kernel() sees; everything else the bench measures runs at the end
 * of boot. Without CONFIG_BENCH the call compiles to nothing.
 */
enum bench_mark {
	BENCH_MARK_BUDDY_READY,	/* mem_init() done: the buddy allocator works */
	NR_BENCH_MARKS
};
void __bench_boot_mark(enum bench_mark m);
static inline void bench_boot_mark(enum bench_mark m)
{
	if (IS_ENABLED(CONFIG_BENCH))
		__bench_boot_mark(m);
}

/*
 * bench_setup - the `bench` option (kernel/demos.c registers it): @val
 * NULL or "all" for every row, "boot" for the boot costs only; -1 for
 * anything else.
 */
int bench_setup(const char *val);

/*
 * bench_run - after `bench`, print the boot costs and run every
 * benchmark row; after `bench=boot`, the boot costs only. Without the
 * option it does nothing. Context: end of boot.
 */
void bench_run(void);

#endif
