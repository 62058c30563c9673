/* SPDX-License-Identifier: MIT */
/*
 * The 8253/8254 programmable interval timer (PIT): three 16-bit
 * counters fed at 1.193182 MHz. Channel 0 drives IRQ 0 (the tick,
 * arch/x86/kernel/i8253.c); channel 2 is gated by port 0x61 and is what
 * arch/x86/kernel/time.c calibrates the TSC against.
 */
#ifndef _ASM_X86_I8253_H
#define _ASM_X86_I8253_H

#include <asm/io.h>
#include <asm/irqflags.h>
#include <kernel/config.h>
#include <kernel/types.h>

#define PIT_TICK_RATE	1193182U	/* input clock, Hz */
#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PIT_GATE	0x61		/* bit 0: channel 2 gate, bit 5: its output */

/* Channel 0's reload for HZ interrupts a second: 11932 at HZ=100 (99.998 Hz). */
#define PIT_LATCH	((PIT_TICK_RATE + HZ / 2) / HZ)

/*
 * Channel 0's period in input ticks: 65536 until setup_pit_timer(), then
 * PIT_LATCH. Defined in time.c, whose 486 clock counts these periods;
 * only pit_ch0_set_period() writes it.
 */
extern u32 pit_ch0_period;

/*
 * The two channel-0 accessors are inline here (hardware helpers, as in
 * asm/io.h), so that the clock (time.c) and the tick (i8253.c) share
 * them without either file calling the other.
 */

/* Program channel 0 as a rate generator (mode 2) of @period ticks (65536 max). */
static inline void pit_ch0_set_period(u32 period)
{
	unsigned long flags;

	local_irq_save(flags);
	outb(PIT_MODE, 0x34);			/* channel 0, lobyte/hibyte, mode 2 */
	outb(PIT_CH0, period & 0xff);		/* 65536 is written as 0 */
	outb(PIT_CH0, (period >> 8) & 0xff);
	pit_ch0_period = period;
	local_irq_restore(flags);
}

/*
 * Stop channel 0's periodic interrupt (APIC mode: the local APIC timer
 * is the tick): mode 0 from 65536, one last edge 55 ms later, then none.
 */
static inline void pit_ch0_stop(void)
{
	unsigned long flags;

	local_irq_save(flags);
	outb(PIT_MODE, 0x30);			/* channel 0, lobyte/hibyte, mode 0 */
	outb(PIT_CH0, 0);
	outb(PIT_CH0, 0);
	pit_ch0_period = 65536;
	local_irq_restore(flags);
}

/* Channel @ch's current count (0-2): latch it, then the low and the high byte. */
static inline u16 pit_read(unsigned int ch)
{
	u8 lo, hi;

	outb(PIT_MODE, (u8)(ch << 6));		/* counter latch command for @ch */
	lo = inb(PIT_CH0 + ch);
	hi = inb(PIT_CH0 + ch);
	return ((u16)hi << 8) | lo;
}

/* Channel 0's current count (it counts down from the period). */
static inline u16 pit_ch0_read(void)
{
	return pit_read(0);
}

/* setup_pit_timer - channel 0 at HZ, its handler on IRQ 0, the boot line printed. */
void setup_pit_timer(void);

/* Did the command line ask for sched_jitter= (ticks of varying length)? */
bool timer_jitter_enabled(void);

/*
 * timer_jitter_next - the next jittered tick length, in PIT input ticks
 * (PIT_LATCH / 64 to PIT_LATCH / 4), from the generator sched_jitter=SEED
 * seeded: the PIT's tick (i8253.c) and, in APIC mode, CPU 0's local APIC
 * timer (apic_timer.c, scaled to its counts) draw from the same sequence.
 * Context: CPU 0's tick handler (one caller at a time); only with the
 * option given.
 */
u32 timer_jitter_next(void);

#endif
