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
 * wrap-arounds counted on every call. Calls more than 55 ms apart lose
 * time; that is acceptable for log timestamps.
 */
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <kernel/printk.h>

#define PIT_HZ		1193182U
#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PIT_GATE	0x61

static u64 tsc_start;
static u32 tsc_khz;		/* 0 until calibrated */
static u64 pit_ticks;
static u16 pit_last;
static bool pit_clock;

static u32 pit_calibrate_tsc_khz(void)
{
	u32 latch = PIT_HZ / 100;	/* 10 ms */
	u64 t0, t1;
	int guard = 0;

	/* Gate on, speaker off; channel 2, lobyte/hibyte, mode 0. */
	outb(PIT_GATE, (inb(PIT_GATE) & ~0x02) | 0x01);
	outb(PIT_CMD, 0xB0);
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

static u16 pit_read_ch0(void)
{
	u8 lo, hi;

	outb(PIT_CMD, 0x00);		/* latch channel 0 */
	lo = inb(PIT_CH0);
	hi = inb(PIT_CH0);
	return ((u16)hi << 8) | lo;
}

void time_init(void)
{
	if (boot_cpu_data.has_tsc) {
		tsc_khz = pit_calibrate_tsc_khz();
		tsc_start = rdtsc();	/* timestamps count from here */
		if (tsc_khz)
			return;
	}
	/* Channel 0, lobyte/hibyte, mode 2 (rate generator), full period. */
	outb(PIT_CMD, 0x34);
	outb(PIT_CH0, 0);
	outb(PIT_CH0, 0);
	pit_last = pit_read_ch0();
	pit_clock = true;
}

u64 local_clock(void)
{
	if (tsc_khz) {
		u64 d = rdtsc() - tsc_start;

		/* ns = ticks * 1e6 / kHz, split to stay within 64 bits */
		return (d / tsc_khz) * 1000000ULL + (d % tsc_khz) * 1000000ULL / tsc_khz;
	}
	if (pit_clock) {
		u16 now = pit_read_ch0();

		pit_ticks += (u16)(pit_last - now);	/* it counts down */
		pit_last = now;
		return pit_ticks * 1000000000ULL / PIT_HZ;
	}
	return 0;
}
