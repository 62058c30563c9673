// SPDX-License-Identifier: MIT
/*
 * The clock behind printk timestamps.
 *
 * With a TSC (Pentium and later) the time is TSC ticks converted with a
 * frequency measured once against the PIT: count TSC ticks while PIT
 * channel 2 counts down 10 ms. Under QEMU with -icount shift=0 the TSC
 * advances one tick per instruction, so the frequency reads 1000 MHz and
 * timestamps are a pure function of the instructions executed.
 *
 * A 486 has no TSC: then PIT channel 0 (1.193182 MHz) is read and its
 * periods counted on every call: 65536 ticks (55 ms) until the timer
 * interrupt starts, then PIT_LATCH (10 ms, arch/x86/kernel/i8253.c).
 * Calls more than one period apart lose time; that is acceptable for
 * log timestamps.
 *
 * This is the clock source, kept apart from the tick: the timer
 * interrupt (i8253.c) counts jiffies and does not move this clock, and
 * this clock never needs interrupts on.
 */
#include <asm/i8253.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <kernel/printk.h>

u32 pit_ch0_period = 65536;	/* asm/i8253.h */
static u64 tsc_start;
static u32 tsc_khz;		/* 0 until calibrated */
static u64 pit_ticks;
static u16 pit_last;
static bool pit_clock;

static u32 pit_calibrate_tsc_khz(void)
{
	u32 latch = PIT_TICK_RATE / 100;	/* 10 ms */
	u64 t0, t1;
	int guard = 0;

	/* Gate on, speaker off; channel 2, lobyte/hibyte, mode 0. */
	outb(PIT_GATE, (inb(PIT_GATE) & ~0x02) | 0x01);
	outb(PIT_MODE, 0xB0);
	outb(PIT_CH2, latch & 0xff);
	outb(PIT_CH2, latch >> 8);
	t0 = rdtsc();
	while (!(inb(PIT_GATE) & 0x20) && ++guard < 50000000)
		;
	t1 = rdtsc();
	if (guard >= 50000000)
		return 0;
	return (u32)((t1 - t0) / 10);	/* ticks per ms = kHz */
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

u64 local_clock(void)
{
	if (tsc_khz) {
		u64 d = rdtsc() - tsc_start;

		/* ns = ticks * 1e6 / kHz, split to stay within 64 bits */
		return (d / tsc_khz) * 1000000ULL + (d % tsc_khz) * 1000000ULL / tsc_khz;
	}
	if (pit_clock) {
		u16 now = pit_ch0_read();

		/* it counts down, from the period to 1, then reloads */
		pit_ticks += now <= pit_last ? (u32)(pit_last - now) : pit_last + pit_ch0_period - now;
		pit_last = now;
		return pit_ticks * 1000000000ULL / PIT_TICK_RATE;
	}
	return 0;
}
