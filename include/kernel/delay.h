/* SPDX-License-Identifier: MIT */
/* Sleeping for a time (kernel/time/timer.c) and busy-waiting (arch/x86/lib/delay.c). */
#ifndef _KERNEL_DELAY_H
#define _KERNEL_DELAY_H

/**
 * msleep - sleep at least @msecs milliseconds (rounded up to whole
 * jiffies, plus one: the current jiffy is already partly gone).
 * Context: process context, may sleep.
 */
void msleep(unsigned int msecs);

/**
 * udelay - spin at least @usecs microseconds, reading local_clock()
 * (the TSC calibrated against the PIT, or the PIT itself).
 * Context: any; does not sleep, interrupts as the caller left them. On a
 * CPU without a TSC a wait beyond one tick needs interrupts on (the clock
 * is then jiffies plus the PIT's count: arch/x86/lib/delay.c).
 */
void udelay(unsigned long usecs);

/* mdelay - udelay(@msecs * 1000), for waits of whole milliseconds. */
void mdelay(unsigned long msecs);

#endif
