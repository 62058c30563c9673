// SPDX-License-Identifier: MIT
/*
 * How this works: the interrupt benchmark row (`bench` option).
 *
 *   irq-timer   one timer interrupt, from the first instruction of the
 *               IRQ 0 stub to its iret, with nothing to do but jiffies++
 *
 * An interrupt cannot be bracketed with RDTSC from the code it
 * interrupts, and adding readings to the entry path would measure them
 * too. So the row counts by difference, which -icount makes exact: a
 * loop of a fixed number of instructions (spin_insns(), 2 per turn) is
 * timed once with interrupts off and once with them on; the second
 * reading is larger by exactly the instructions of the ticks that came
 * during it, and jiffies says how many came. 25,000,000 turns are 50 M
 * instructions: five ticks of 10 M under -icount shift=0, at the same
 * instructions on every run, so the result is the same integer twice.
 *
 * The other rows run with interrupts on (bench.c), so a tick may land in
 * a measured loop: once per 10 M instructions, it adds at most 0.01 to a
 * row's mean.
 *
 * Where it differs from Linux: there is no Linux figure; Linux's timer
 * interrupt does the tick broadcast, hrtimer and scheduler-tick work
 * that does not exist here.
 */
#include <asm/irqflags.h>
#include <kernel/bench.h>
#include <kernel/jiffies.h>
#include <kernel/printk.h>

#define SPIN_TURNS	25000000U

static noinline void spin_insns(u32 n)
{
	__asm__ __volatile__("1: dec %0\n\tjnz 1b" : "+r"(n) :: "cc");
}

void bench_irq_run(void)
{
	struct bench_result r = { .id = "irq-timer", .loop_free = true };
	unsigned long flags, j0;
	u32 t, off, on;

	if (irqs_disabled()) {
		bench_na("irq-timer", "interrupts are off");
		return;
	}
	local_irq_save(flags);
	t = bench_clock();
	spin_insns(SPIN_TURNS);
	off = bench_clock() - t;
	local_irq_restore(flags);	/* a tick that came meanwhile runs here */

	bench_tlb_begin(&r);
	j0 = jiffies;
	t = bench_clock();
	spin_insns(SPIN_TURNS);
	on = bench_clock() - t;
	bench_tlb_end(&r);
	r.iters = (u32)(jiffies - j0);
	if (!r.iters) {
		bench_na("irq-timer", "no tick during the loop");
		return;
	}
	r.total = on - off;
	bench_report(&r);
}
