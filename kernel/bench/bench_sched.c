// SPDX-License-Identifier: MIT
/*
 * How this works: the scheduler benchmark rows (`bench` option).
 *
 *   sched-yield          two kernel threads taking turns with yield()
 *   sched-wake           the same with sleep and wake-up: each sets itself
 *                        TASK_UNINTERRUPTIBLE, wake_up_process()es the
 *                        other and calls schedule()
 *   sched-completion     the same with two completions: complete(), then
 *                        wait_for_completion()
 *   kmap-local-preempted the yield ping-pong with both threads holding
 *                        KMAP_SLOTS highmem kmap_local mappings: the extra
 *                        instructions per switch per live slot (saving and
 *                        clearing the PTEs at switch-out, writing them back
 *                        at switch-in)
 *
 * The measuring thread is the bench's own (kernel_init); its partner is
 * a kernel thread bound to the same CPU (kthread_bind() before its first
 * wake-up): with more CPUs online the placement would otherwise put it on
 * another one, and a yield() with nobody else on this run queue switches
 * nothing. These rows measure one CPU's switch. Each row divides the
 * instructions of the timed loop by the context switches it made
 * (nr_context_switches() before and after), so a timer tick that lands
 * inside (interrupts are on: every switch turns them back on) costs its
 * ~100 instructions once and changes no count. Under -icount the result is the same integer on every run.
 *
 * Where it differs from Linux: the Linux figures (tools/bench.py) were
 * measured with the same two-thread ping-pongs as a module in Linux 6.1
 * under the same QEMU, where a switch also goes through CFS's pick,
 * accounting, and the FPU and TLS switch.
 */
#include <asm/irqflags.h>
#include <kernel/bench.h>
#include <kernel/completion.h>
#include <kernel/kthread.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <mm/gfp.h>
#include <mm/highmem.h>

#define SWITCH_ROUNDS	5000
#define KMAP_SLOTS	4

struct sched_bench {
	struct task_struct *me, *partner;
	struct completion ping, pong;
	volatile bool stop;
	struct page *pages[KMAP_SLOTS];
	int slots;				/* kmap_local mappings each side holds */
};

static void map_slots(struct sched_bench *b, void **addr)
{
	for (int i = 0; i < b->slots; i++)
		addr[i] = kmap_local_page(b->pages[i]);
}

static void unmap_slots(struct sched_bench *b, void **addr)
{
	for (int i = b->slots; i-- > 0;)
		kunmap_local(addr[i]);
}

static int yield_partner(void *data)
{
	struct sched_bench *b = data;
	void *addr[KMAP_SLOTS];

	map_slots(b, addr);
	while (!b->stop)
		yield();
	unmap_slots(b, addr);
	return 0;
}

static int wake_partner(void *data)
{
	struct sched_bench *b = data;

	while (!b->stop) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		wake_up_process(b->me);
		if (!b->stop)
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static int completion_partner(void *data)
{
	struct sched_bench *b = data;

	for (;;) {
		wait_for_completion(&b->ping);
		if (b->stop)
			return 0;
		complete(&b->pong);
	}
}

enum sched_row { ROW_YIELD, ROW_WAKE, ROW_COMPLETION };

static int (*const partners[])(void *) = { yield_partner, wake_partner, completion_partner };

/* One ping-pong run: instructions of the timed loop, and its switches. */
static bool ping_pong(enum sched_row row, struct sched_bench *b, u32 *insns, u32 *switches,
		      struct bench_result *counts)
{
	void *addr[KMAP_SLOTS];
	unsigned long long s0;
	u32 t0;

	b->me = current;
	b->stop = false;
	init_completion(&b->ping);
	init_completion(&b->pong);
	b->partner = kthread_create(partners[row], b, "bench-partner");
	if (!b->partner)
		return false;
	get_task_struct(b->partner);	/* before it can run and exit */
	kthread_bind(b->partner, smp_processor_id());	/* a one-CPU ping-pong */
	wake_up_process(b->partner);
	yield();			/* the partner starts (and maps its slots) */
	map_slots(b, addr);

	bench_tlb_begin(counts);
	s0 = nr_context_switches();
	t0 = bench_clock();
	for (int i = 0; i < SWITCH_ROUNDS; i++) {
		switch (row) {
		case ROW_YIELD:
			yield();
			break;
		case ROW_WAKE:
			set_current_state(TASK_UNINTERRUPTIBLE);
			wake_up_process(b->partner);
			schedule();
			break;
		case ROW_COMPLETION:
			complete(&b->ping);
			wait_for_completion(&b->pong);
			break;
		}
	}
	*insns = bench_clock() - t0;
	*switches = (u32)(nr_context_switches() - s0);
	bench_tlb_end(counts);

	unmap_slots(b, addr);
	b->stop = true;
	complete(&b->ping);
	kthread_stop(b->partner);
	put_task_struct(b->partner);
	return *switches != 0;
}

static void report_per_switch(const char *id, u32 insns, u32 switches,
			      struct bench_result *r)
{
	r->id = id;
	r->iters = switches;
	r->total = insns;
	r->loop_free = true;
	bench_report(r);
}

void bench_sched_run(void)
{
	static const char *const ids[] = { "sched-yield", "sched-wake", "sched-completion" };
	struct sched_bench b = { .slots = 0 };
	u32 insns, switches, insns0, switches0;
	struct bench_result r;

	if (irqs_disabled()) {
		bench_na("sched-yield", "interrupts are off");
		return;
	}
	for (int row = ROW_YIELD; row <= ROW_COMPLETION; row++) {
		r = (struct bench_result){ 0 };
		if (ping_pong(row, &b, &insns, &switches, &r))
			report_per_switch(ids[row], insns, switches, &r);
		else
			bench_na(ids[row], "no memory for the partner thread");
	}

	for (int i = 0; i < KMAP_SLOTS; i++) {
		b.pages[i] = alloc_page(GFP_HIGHUSER);
		if (!b.pages[i] || !PageHighMem(b.pages[i])) {
			bench_na("kmap-local-preempted", "no highmem on this machine");
			for (int j = 0; j <= i; j++)
				if (b.pages[j])
					__free_page(b.pages[j]);
			return;
		}
	}
	r = (struct bench_result){ 0 };
	if (ping_pong(ROW_YIELD, &b, &insns0, &switches0, &r)) {
		b.slots = KMAP_SLOTS;
		r = (struct bench_result){ 0 };	/* the counts of the run with slots */
		if (ping_pong(ROW_YIELD, &b, &insns, &switches, &r)) {
			/* per switch, the no-slot run's cost taken off, per slot */
			u64 with = (u64)insns * switches0, without = (u64)insns0 * switches;

			r.id = "kmap-local-preempted";
			r.iters = switches * KMAP_SLOTS;
			r.loop_free = true;
			r.total = with > without ? (u32)((with - without) / switches0) : 0;
			bench_report(&r);
		}
	}
	for (int i = 0; i < KMAP_SLOTS; i++)
		__free_page(b.pages[i]);
}
