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
 * during it, and jiffies says how many came -- read with each TSC
 * reading, at the same moment (jiffies_at_clock()), so a tick is counted
 * in both or in neither. 25,000,000 turns are 50 M instructions: five
 * ticks of 10 M under -icount shift=0, at the same instructions on every
 * run, so the result is the same integer twice.
 *
 * With more than one CPU, -icount's TSC is the one virtual clock that
 * every vCPU advances as QEMU runs them in turn: the other CPUs' own
 * ticks land in both loops (interrupts off here do not stop them), one
 * more in one loop than the other as often as not, and that one is as
 * large as what is measured. So with more than one CPU online the row
 * says n/a; the other rows, whose loops are short beside 10 M, take in
 * the other CPUs' ticks at a few hundredths of an instruction per op.
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
#include <kernel/cpumask.h>
#include <kernel/jiffies.h>
#include <kernel/printk.h>

#define SPIN_TURNS	25000000U

static noinline void spin_insns(u32 n)
{
	__asm__ __volatile__("1: dec %0\n\tjnz 1b" : "+r"(n) :: "cc");
}

/*
 * A TSC reading and the jiffies of that moment: read again if a tick
 * came between the two. Under -icount QEMU runs the timers that are due
 * when RDTSC reads the clock, so a tick lands right after a reading more
 * often than chance would say; counted on one side and not the other it
 * would divide five ticks' instructions by six.
 */
static unsigned long jiffies_at_clock(u32 *clock)
{
	unsigned long j;

	do {
		j = jiffies;
		*clock = bench_clock();
	} while (jiffies != j);
	return j;
}

void bench_irq_run(void)
{
	struct bench_result r = { .id = "irq-timer", .loop_free = true };
	unsigned long flags, j0;
	u32 t, t1, off, on;

	if (irqs_disabled()) {
		bench_na("irq-timer", "interrupts are off");
		return;
	}
	if (num_online_cpus() > 1) {
		bench_na("irq-timer", "the other CPUs' ticks advance the same -icount clock");
		return;
	}
	local_irq_save(flags);
	jiffies_at_clock(&t);
	spin_insns(SPIN_TURNS);
	jiffies_at_clock(&t1);
	off = t1 - t;
	local_irq_restore(flags);	/* a tick that came meanwhile runs here */

	bench_tlb_begin(&r);
	j0 = jiffies_at_clock(&t);
	spin_insns(SPIN_TURNS);
	r.iters = (u32)(jiffies_at_clock(&t1) - j0);
	on = t1 - t;
	bench_tlb_end(&r);
	if (!r.iters) {
		bench_na("irq-timer", "no tick during the loop");
		return;
	}
	r.total = on - off;
	bench_report(&r);
}
