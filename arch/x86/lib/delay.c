// SPDX-License-Identifier: MIT
/*
 * Busy-waiting for a time: udelay() and mdelay().
 *
 * Both spin until local_clock() (arch/x86/kernel/time.c: the TSC,
 * calibrated against PIT channel 2 at boot, or on a CPU without a TSC
 * PIT channel 0) has moved on by the time asked for, plus one: the
 * clock's current tick is already partly gone. With a TSC they need no
 * interrupts, so they work with interrupts off, before the tick starts,
 * and under QEMU -icount, where the clock is a count of instructions.
 * Without a TSC, once the tick runs, local_clock() is jiffies plus PIT
 * channel 0's count within the current period: with interrupts off the
 * jiffies stop, and a wait longer than one tick (10 ms) never ends. So
 * without a TSC they need interrupts on for anything but short waits
 * (smp_init() runs with interrupts on; SMP needs a local APIC, and every
 * CPU with one has a TSC, but `-cpu qemu32,-tsc` has one without).
 *
 * Where it differs from Linux: Linux's udelay() multiplies by a loop
 * count calibrated at boot (loops_per_jiffy, the "BogoMIPS") or reads
 * the TSC in delay_tsc(); here the clock is read directly, which is what
 * delay_tsc() amounts to.
 */
#include <asm/processor.h>
#include <kernel/delay.h>
#include <kernel/printk.h>

void udelay(unsigned long usecs)
{
	u64 end = local_clock() + (u64)usecs * 1000 + 1;

	while (local_clock() < end)
		cpu_relax();
}

void mdelay(unsigned long msecs)
{
	udelay(msecs * 1000);
}
