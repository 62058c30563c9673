// SPDX-License-Identifier: MIT
/*
 * The clock behind printk timestamps.
 *
 * With a TSC (Pentium and later) the time is TSC ticks converted with a
 * frequency measured once against the PIT, channel 2 counting down from
 * 0xffff in mode 0. The count is read over and over (latch, low byte,
 * high byte), with an RDTSC between reads, so each read lies between
 * two TSC readings; when the count changes, the change happened after
 * the previous read and before this one:
 *
 *   rdtsc b0 | read: 0x1234 | rdtsc b1 | read: 0x1233 | rdtsc b2
 *   the count became 0x1233 at a TSC in (b0, b2)
 *
 * Two such changes, n PIT ticks apart (0x1233 and 0x1233 - n), give the
 * TSC ticks of n PIT periods to within the sum of their two windows (and
 * one TSC tick for rounding at each end), so the rate is known as an
 * interval [lo, hi], not a number. The reads go on until that interval
 * is narrower than 1/4096 of its value (+-122 ppm) or the counter has run
 * 53 ms (real hardware's slow PIT reads); under QEMU -icount that takes
 * about 0.3 ms, 0.34 million instructions, where a fixed 10 ms window
 * would cost 10 million.
 *
 * Which rate in [lo, hi] is reported: the one nearest its middle that is
 * the roundest, a multiple of 1 MHz if one lies inside, else of 100 kHz,
 * 10 kHz, 1 kHz. Every rate inside is as consistent with the measurement
 * as the middle is (the reported rate is within the interval's width of
 * the truth), and a rate that really is round comes out exactly: under
 * QEMU with -icount shift=0 the TSC advances one tick per instruction
 * and the PIT counts virtual nanoseconds, so the rate is 1 GHz, the line
 * reads 1000.000 MHz and timestamps are instructions / 1000.
 *
 * A 486 has no TSC: then PIT channel 0 (1.193182 MHz) is read. Until the
 * timer interrupt starts, its periods (65536 ticks, 55 ms) are counted on
 * every call, and calls more than one period apart lose time. Once the
 * tick runs (pit_clock_follow_jiffies(), from setup_pit_timer()), jiffies
 * counts the PIT_LATCH periods and the counter gives the part of the
 * current one, so time is kept however rarely the clock is read.
 *
 * This is the clock source, kept apart from the tick: the timer
 * interrupt (i8253.c) counts jiffies and does not move this clock, and
 * this clock never needs interrupts on.
 *
 * Where it differs from Linux: 6.1 first asks CPUID leaves 0x15/0x16 or
 * the hypervisor for the rate; failing that, quick_pit_calibrate() polls
 * the same channel but watches only the count's high byte (a change every
 * 256 ticks), stops at 1/2048, and prints the middle; a second
 * calibration against the HPET or ACPI PM timer a second later refines
 * it. Here the PIT is all there is.
 */
#include <asm/i8253.h>
#include <asm/i8259.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <kernel/jiffies.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>

u32 pit_ch0_period = 65536;	/* asm/i8253.h */
static u64 tsc_start;
static u32 tsc_khz;		/* 0 until calibrated */
static u64 pit_ticks;
static u16 pit_last;
static DEFINE_SPINLOCK(pit_clock_lock);	/* the PIT clock's state below, irqsave */
static bool pit_clock;
static bool pit_follows_jiffies;	/* the tick runs at PIT_LATCH: jiffies counts periods */
static u64 pit_tick_base;		/* pit_ticks when jiffies and the count were 0 */

/* Channel 2's count. */
static inline u16 pit_ch2_read(void)
{
	return pit_read(2);
}

/* The count became @count at a TSC reading in (lo, hi). */
struct pit_edge {
	u16 count;
	u64 lo, hi;
};

/*
 * Read until the count differs from @e->count; @e then holds the new
 * count and the window it appeared in. @before is the TSC read just
 * before the last read that saw the old count. False if the count has
 * not moved for 1,000,000 reads: a working PIT moves every 838 ns, so
 * there is none.
 */
static bool pit_next_edge(struct pit_edge *e, u64 *before)
{
	u64 b = *before, a = rdtsc();

	for (u32 n = 0; n < 1000000; n++) {
		u16 now = pit_ch2_read();
		u64 t = rdtsc();

		if (now != e->count) {
			e->count = now;
			e->lo = b;		/* before the read that saw the old count */
			e->hi = t;		/* after the one that saw this count */
			*before = a;
			return true;
		}
		b = a;
		a = t;
	}
	return false;
}

/* The rate in kHz for @tsc TSC ticks over @ticks PIT ticks, rounded down or up. */
static u64 pit_khz(u64 tsc, u32 ticks, bool up)
{
	u64 num = tsc * PIT_TICK_RATE, den = (u64)ticks * 1000;

	return (num + (up ? den - 1 : 0)) / den;
}

/* The roundest rate in [lo, hi] nearest @mid: 1 MHz steps, then 100, 10, 1 kHz. */
static u32 round_khz(u64 lo, u64 hi, u64 mid)
{
	for (u32 step = 1000; step > 1; step /= 10) {
		u64 r = (mid + step / 2) / step * step;

		if (r >= lo && r <= hi)
			return (u32)r;
	}
	return (u32)mid;
}

static u32 pit_calibrate_tsc_khz(void)
{
	struct pit_edge start, end;
	u64 before, lo, hi;
	u32 ticks;

	/* Gate on, speaker off; channel 2, lobyte/hibyte, mode 0, from 0xffff. */
	outb(PIT_GATE, (inb(PIT_GATE) & ~0x02) | 0x01);
	outb(PIT_MODE, 0xB0);
	outb(PIT_CH2, 0xff);
	outb(PIT_CH2, 0xff);

	before = rdtsc();
	start.count = pit_ch2_read();
	if (!pit_next_edge(&start, &before))
		return 0;
	end = start;
	for (;;) {
		if (!pit_next_edge(&end, &before))
			return 0;
		if (end.lo <= start.hi + 1)
			continue;	/* the windows overlap (slow reads): no lower bound yet */
		ticks = (u16)(start.count - end.count);
		/* the TSC ticks of `ticks` PIT periods: in (lo, hi), +-1 for rounding */
		lo = end.lo - start.hi - 1;
		hi = end.hi - start.lo + 1;
		if ((hi - lo) << 12 <= lo || end.count <= 0x0800)	/* 1/4096, or a 53 ms run */
			break;
	}
	return round_khz(pit_khz(lo, ticks, false), pit_khz(hi, ticks, true),
			 pit_khz((lo + hi) / 2, ticks, false));
}

void time_init(void)
{
	if (boot_cpu_data.has_tsc) {
		tsc_khz = pit_calibrate_tsc_khz();
		tsc_start = rdtsc();	/* timestamps count from here */
		if (tsc_khz)
			return;
	}
	pit_ch0_set_period(65536);	/* full period until the tick starts */
	pit_last = pit_ch0_read();
	pit_clock = true;
}

const char *clocksource_describe(char *buf, size_t size)
{
	if (tsc_khz)
		snprintf(buf, size, "tsc at %u.%03u MHz (calibrated against PIT channel 2)",
			 tsc_khz / 1000, tsc_khz % 1000);
	else
		snprintf(buf, size, "pit (channel 0's counter: this CPU has no TSC)");
	return buf;
}

void pit_clock_follow_jiffies(void)
{
	unsigned long flags;

	if (!pit_clock)
		return;
	local_irq_save(flags);
	local_clock();			/* pit_ticks up to date, in the old period */
	spin_lock(&pit_clock_lock);
	pit_tick_base = pit_ticks - ((u64)jiffies * PIT_LATCH + (PIT_LATCH - pit_ch0_read()));
	pit_follows_jiffies = true;
	spin_unlock(&pit_clock_lock);
	local_irq_restore(flags);
}

/*
 * PIT ticks since boot once the tick runs: whole periods from jiffies,
 * the part of this one from the counter. A reload whose interrupt is
 * still pending (IRQ 0 set in the master 8259A's IRR, which it reads by
 * default: interrupts are off here, or the handler has not run yet) has
 * not reached jiffies: count it. Interrupts off for more than one period
 * still lose the periods beyond the first, as any PIT clock does.
 */
static u64 pit_ticks_from_jiffies(void)
{
	unsigned long j = jiffies;
	u16 now = pit_ch0_read();

	if (now > PIT_LATCH / 2 && (inb(PIC_MASTER_CMD) & 1))
		j++;
	return pit_tick_base + (u64)j * PIT_LATCH + (PIT_LATCH - now);
}

u64 local_clock(void)
{
	unsigned long flags;
	u64 t;

	if (tsc_khz) {
		u64 d = rdtsc() - tsc_start;

		/* ns = ticks * 1e6 / kHz, split to stay within 64 bits */
		return (d / tsc_khz) * 1000000ULL + (d % tsc_khz) * 1000000ULL / tsc_khz;
	}
	if (!pit_clock)
		return 0;
	/*
	 * Only a CPU without a TSC gets here: usually a 486, one CPU. But
	 * "-cpu qemu32,-tsc -smp 2" exists, so pit_ticks and the latch-then-
	 * read of channel 0 are under pit_clock_lock (Linux's i8253_lock).
	 */
	spin_lock_irqsave(&pit_clock_lock, flags);
	if (pit_follows_jiffies) {
		t = pit_ticks_from_jiffies();
		if (t > pit_ticks)	/* never backwards */
			pit_ticks = t;
	} else {
		u16 now = pit_ch0_read();

		/* it counts down, from the period to 1, then reloads */
		pit_ticks += now <= pit_last ? (u32)(pit_last - now) : pit_last + pit_ch0_period - now;
		pit_last = now;
	}
	t = pit_ticks;
	spin_unlock_irqrestore(&pit_clock_lock, flags);
	return t * 1000000000ULL / PIT_TICK_RATE;
}
