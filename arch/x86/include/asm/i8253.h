/* SPDX-License-Identifier: MIT */
/*
 * The 8253/8254 programmable interval timer (PIT): three 16-bit
 * counters fed at 1.193182 MHz. Channel 0 drives IRQ 0 (the tick,
 * arch/x86/kernel/i8253.c); channel 2 is gated by port 0x61 and is what
 * arch/x86/kernel/time.c calibrates the TSC against.
 */
#ifndef _ASM_X86_I8253_H
#define _ASM_X86_I8253_H

#include <kernel/config.h>
#include <kernel/types.h>

#define PIT_TICK_RATE	1193182U	/* input clock, Hz */
#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PIT_GATE	0x61		/* bit 0: channel 2 gate, bit 5: its output */

/* Channel 0's reload for HZ interrupts a second: 11932 at HZ=100 (99.998 Hz). */
#define PIT_LATCH	((PIT_TICK_RATE + HZ / 2) / HZ)

/* Channel 0's period in input ticks: 65536 until setup_pit_timer(), then PIT_LATCH. */
extern u32 pit_ch0_period;

/* Program channel 0 as a rate generator (mode 2) of @period ticks (65536 max). */
void pit_ch0_set_period(u32 period);
/* Channel 0's current count (it counts down from the period). */
u16 pit_ch0_read(void);

/* setup_pit_timer - channel 0 at HZ, its handler on IRQ 0, the boot line printed. */
void setup_pit_timer(void);

#endif
