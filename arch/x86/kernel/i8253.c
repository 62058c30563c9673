// SPDX-License-Identifier: MIT
/*
 * How this works: the periodic tick, PIT channel 0 on IRQ 0.
 *
 * Channel 0 is programmed as a rate generator (mode 2): it counts
 * PIT_LATCH input ticks (11932 at HZ=100), pulses its output, which the
 * master 8259A sees as IRQ 0, reloads and starts again, with no help
 * from software. The handler, timer_interrupt(), adds one to jiffies and
 * returns: the tick is "time passes in steps of 1/HZ", which later
 * issues use for timeouts and round-robin slices.
 *
 * The tick is not the clock. printk's timestamps and every measured
 * time come from the clock source (arch/x86/kernel/time.c): the TSC,
 * calibrated once against channel 2, read with rdtsc. It does not
 * depend on interrupts being on, and losing a tick (interrupts off for
 * longer than 10 ms) loses no time. Only a CPU without a TSC (-cpu 486)
 * reads the time from this channel's counter: then time.c counts its
 * periods, 10 ms each once the tick runs, and calls further apart than
 * one period lose time (as that clock always did for 55 ms).
 *
 * Under QEMU -icount shift=0 the PIT runs on the instruction count, so
 * the tick arrives every 10,000,000 guest instructions (11932 / 1.193182
 * MHz = 10.0002 ms at 1 ns each), at the same instruction on every run.
 *
 * Where it differs from Linux: Linux registers the PIT as a clock event
 * device (arch/x86/kernel/i8253.c, drivers/clocksource/i8253.c) and the
 * generic tick layer (kernel/time/tick-*.c) calls do_timer() and the
 * scheduler tick from its handler; with one device and one mode the
 * handler here calls do_timer() itself. Linux's PIT clock source
 * combines jiffies and the counter; here the 486 clock reads only the
 * counter.
 */
#include <asm/i8253.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <kernel/interrupt.h>
#include <kernel/jiffies.h>
#include <asm/setup.h>
#include <kernel/printk.h>

static irqreturn_t timer_interrupt(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	do_timer(1);
	return IRQ_HANDLED;
}

void setup_pit_timer(void)
{
	char cs[96];

	pit_ch0_set_period(PIT_LATCH);
	if (request_irq(0, timer_interrupt, IRQF_SHARED, "timer", NULL)) {
		pr_err("timer: cannot register IRQ 0: no tick\n");
		return;
	}
	pr_info("clocksource: %s, timer: PIT channel 0 at HZ=%d (IRQ 0)\n",
		clocksource_describe(cs, sizeof(cs)), HZ);
}
