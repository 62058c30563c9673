// SPDX-License-Identifier: MIT
/*
 * Busy-waiting for a time: udelay() and mdelay().
 *
 * Both spin until local_clock() (arch/x86/kernel/time.c: the TSC,
 * calibrated against PIT channel 2 at boot, or on a CPU without a TSC
 * PIT channel 0) has moved on by the time asked for, plus one: the
 * clock's current tick is already partly gone. They need no interrupts,
 * so they work with interrupts off, before the tick starts, and under
 * QEMU -icount, where the clock is a count of instructions.
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
