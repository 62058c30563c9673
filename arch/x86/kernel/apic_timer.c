// SPDX-License-Identifier: MIT
/*
 * How this works: each CPU's tick from its own local APIC timer.
 *
 * With more than one CPU, every CPU needs a tick of its own (its time
 * slices, its timers), and the PIT's IRQ 0 reaches one CPU. Each local
 * APIC has a timer: a 32-bit counter loaded from the initial-count
 * register (TMICT) that counts down at the APIC's bus clock divided by
 * the divide register (16 here), raises the vector in its LVT entry at 0,
 * and in periodic mode reloads and goes on. Nobody says what the bus
 * clock is, so it is measured once, on CPU 0, against the PIT:
 *
 *   TMICT = 0xffffffff, LVT masked (it only counts)
 *   PIT channel 2, mode 0 from 0xffff (gate on, speaker off, as time.c)
 *   poll "TMCCT, channel 2's count, TMCCT" until the count changes (a
 *       PIT edge): the change happened inside a window of TMCCT values,
 *       from the previous poll's first read to this one's last; c0 = its
 *       middle
 *   poll on until PIT_LATCH more PIT ticks have passed (one tick, 10 ms),
 *       to the next edge: c1, and n >= PIT_LATCH the PIT ticks between
 *   counts per tick = (c0 - c1) * PIT_LATCH / n
 *
 * Each middle is within half a window (two polls: a few microseconds on
 * hardware, some more under TCG) of the truth. A window more than twice
 * the narrowest seen means the poll was interrupted (under TCG without
 * -icount the host may run another thread meanwhile): that edge is
 * passed over for the next. Under QEMU -icount both clocks run on the
 * instruction count and the result is the same on every run. Every CPU then runs its timer in
 * periodic mode at that count on LOCAL_TIMER_VECTOR (apic_timer_start():
 * CPU 0 from apic_intr_mode_init(), the others from setup_secondary_APIC()).
 *
 * The handler acknowledges first (apic_eoi()), counts the interrupt for
 * /proc/interrupts' LOC line, and on CPU 0 does what the PIT's handler
 * did (i8253.c): do_timer(1), the sched_jitter reload (TMICT rewritten
 * with the next draw of the same generator, timer_jitter_next(), scaled
 * from PIT ticks to APIC counts; a write restarts the count at once) and
 * update_process_times(); on another CPU only update_process_times().
 *
 * Where it differs from Linux: Linux 6.1 registers the timer as a clock
 * event device per CPU (one-shot, for NO_HZ, or TSC deadline where
 * there is one) and calibrates it against the global tick: a handler on
 * the PIT's interrupt reads TMCCT over LAPIC_CAL_LOOPS (HZ/10) ticks,
 * 100 ms. Its "calibration result" and "host bus clock speed" lines are
 * printed only with apic=verbose; here always, and the count is measured
 * by polling the PIT as the TSC is (time.c), in 10 ms.
 */
#include <asm/apic.h>
#include <asm/i8253.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/irq_vectors.h>
#include <kernel/jiffies.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/timer.h>

#define APIC_DIVISOR		16
#define PIT_POLL_LIMIT		1000000		/* a PIT moves every 838 ns: none if it does not */

u32 lapic_timer_period;			/* timer counts per tick (at the divisor) */
static DEFINE_PER_CPU(unsigned long, lapic_timer_irqs);

unsigned long apic_timer_irqs(unsigned int cpu)
{
	return cpu < NR_CPUS ? per_cpu(lapic_timer_irqs, cpu) : 0;
}

/* A jittered tick's length in timer counts (at least 1). */
static u32 jitter_count(void)
{
	u32 c = (u32)((u64)timer_jitter_next() * lapic_timer_period / PIT_LATCH);

	return c ? c : 1;
}

static void apic_timer_interrupt(struct pt_regs *regs)
{
	unsigned int cpu = smp_processor_id();

	(void)regs;
	apic_eoi();
	(*this_cpu_ptr(lapic_timer_irqs))++;
	if (cpu == 0) {
		do_timer(1);
		if (unlikely(timer_jitter_enabled()))
			apic_write(APIC_TMICT, jitter_count());
	}
	update_process_times();
}

/*
 * A change of PIT channel 2's count, seen between two timer reads: the
 * count became @count while the timer (counting down) went from @hi to @lo.
 */
struct pit_edge {
	u16 count;
	u32 hi, lo;
};

/*
 * Poll until channel 2's count differs from @e->count. Each poll is
 * "timer, PIT, timer"; the change happened after the previous poll's PIT
 * read began (its first timer read, *@before) and before this one's
 * second timer read. False if the PIT does not move.
 */
static bool pit_next_edge(struct pit_edge *e, u32 *before)
{
	for (u32 n = 0; n < PIT_POLL_LIMIT; n++) {
		u32 b = apic_read(APIC_TMCCT);
		u16 now = pit_read(2);
		u32 a = apic_read(APIC_TMCCT);

		if (now != e->count) {
			e->count = now;
			e->hi = *before;
			e->lo = a;
			*before = b;
			return true;
		}
		*before = b;
	}
	return false;
}

/*
 * The next edge whose window is at most twice the narrowest seen so far
 * (*@narrowest, updated): a poll the host interrupted (TCG without
 * -icount shares the host's CPUs) gives a wide window and is passed over.
 * @stop: give up on narrowness once the count is below it (take the edge).
 */
static bool pit_narrow_edge(struct pit_edge *e, u32 *before, u32 *narrowest, u16 stop)
{
	for (;;) {
		if (!pit_next_edge(e, before))
			return false;
		if (e->hi - e->lo < *narrowest)
			*narrowest = e->hi - e->lo;
		if (e->hi - e->lo <= 2 * *narrowest || e->count < stop)
			return true;
	}
}

int apic_timer_calibrate(void)
{
	struct pit_edge start, end;
	u32 before, narrowest = U32_MAX, c0, c1, n;
	u64 bus_hz;

	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);	/* one-shot, masked */
	apic_write(APIC_TMICT, 0xffffffff);

	outb(PIT_GATE, (inb(PIT_GATE) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PIT_MODE, 0xB0);				/* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CH2, 0xff);
	outb(PIT_CH2, 0xff);

	before = apic_read(APIC_TMCCT);
	start.count = pit_read(2);
	/* a few edges first, to learn how narrow a window can be */
	for (int i = 0; i < 8; i++)
		if (!pit_narrow_edge(&start, &before, &narrowest, 0))
			goto no_pit;
	if (!pit_narrow_edge(&start, &before, &narrowest, 0))
		goto no_pit;
	end = start;
	do {
		if (!pit_narrow_edge(&end, &before, &narrowest, start.count - 4 * PIT_LATCH))
			goto no_pit;
	} while ((u16)(start.count - end.count) < PIT_LATCH);
	n = (u16)(start.count - end.count);
	/* the middles of the two windows */
	c0 = start.lo + (start.hi - start.lo) / 2;
	c1 = end.lo + (end.hi - end.lo) / 2;

	lapic_timer_period = (u32)((u64)(c0 - c1) * PIT_LATCH / n);
	if (lapic_timer_period < 100) {
		pr_warn("APIC: the local APIC timer counted %u in one tick (stopped, or far too "
			"slow)\n", c0 - c1);
		lapic_timer_period = 0;
		return -1;
	}
	/* Linux's words (apic=verbose): bus cycles per tick, and the bus clock */
	pr_info("..... calibration result: %u\n", lapic_timer_period * APIC_DIVISOR);
	bus_hz = (u64)lapic_timer_period * APIC_DIVISOR * PIT_TICK_RATE / PIT_LATCH;
	pr_info("..... host bus clock speed is %u.%04u MHz.\n", (u32)(bus_hz / 1000000),
		(u32)(bus_hz % 1000000 / 100));
	alloc_intr_gate(LOCAL_TIMER_VECTOR, apic_timer_interrupt);
	return 0;

no_pit:
	pr_warn("APIC: PIT channel 2 does not count: the local APIC timer cannot be calibrated\n");
	return -1;
}

void apic_timer_start(void)
{
	u32 count = lapic_timer_period;

	if (smp_processor_id() == 0 && timer_jitter_enabled())
		count = jitter_count();
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, count);
	if (smp_processor_id() == 0)
		pr_info("APIC: timer: each CPU's local APIC timer at HZ=%d (%u counts, divide %u, "
			"vector 0x%02x); PIT channel 0 stopped\n", HZ, lapic_timer_period,
			APIC_DIVISOR, LOCAL_TIMER_VECTOR);
}

void setup_secondary_APIC(void)
{
	setup_local_APIC();
	apic_timer_start();
}
