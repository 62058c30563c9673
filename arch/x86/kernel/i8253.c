// SPDX-License-Identifier: MIT
/*
 * How this works: the periodic tick, PIT channel 0 on IRQ 0.
 *
 * Channel 0 is programmed as a rate generator (mode 2): it counts
 * PIT_LATCH input ticks (11932 at HZ=100), pulses its output, which the
 * master 8259A sees as IRQ 0, reloads and starts again, with no help
 * from software. The handler, timer_interrupt(), adds one to jiffies,
 * runs the timers that are due and counts the running task's time slice
 * down (update_process_times(), kernel/time/timer.c): the tick is "time
 * passes in steps of 1/HZ", for timeouts, msleep() and round robin.
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
 * handler here calls do_timer() and update_process_times() itself.
 * In APIC mode (apic.c) this tick stops once the local APIC timer runs
 * (apic_timer.c), which draws its jitter from timer_jitter_next() too.
 * sched_jitter= is this kernel's own: Linux has no such option. Linux's PIT clock source
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
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <kernel/string.h>
#include <kernel/timer.h>

/*
 * sched_jitter=SEED: each tick reloads channel 0 with a count drawn from
 * a generator seeded with SEED, between PIT_LATCH / 64 and PIT_LATCH / 4
 * (0.16 to 2.5 ms), so the ticks (and the preemptions they cause) land
 * at different instructions from run to run of different seeds, at the
 * same ones for the same seed under -icount, and several times as often
 * as without: more interleavings per instruction run. In mode 2 the new
 * count takes effect at the next reload, so the current period is never
 * cut short. jiffies then counts ticks, not 10 ms steps.
 */
#define JITTER_MIN	(PIT_LATCH / 64)
#define JITTER_MAX	(PIT_LATCH / 4)

static bool jitter_on;
static u32 jitter_seed;
static struct rnd_state jitter_state;

static int parse_sched_jitter(const char *val)
{
	char *end;
	unsigned long long seed;

	if (!val || !*val)
		return -1;
	seed = simple_strtoull(val, &end, 0);
	if (*end || seed > U32_MAX)
		return -1;
	jitter_seed = (u32)seed;
	prandom_seed_state(&jitter_state, jitter_seed);
	jitter_on = true;
	return 0;
}
__setup_help("sched_jitter", parse_sched_jitter, "a seed from 0 to 4294967295");

bool timer_jitter_enabled(void)
{
	return jitter_on;
}

u32 timer_jitter_next(void)
{
	return JITTER_MIN + prandom_u32_below(&jitter_state, JITTER_MAX - JITTER_MIN + 1);
}

static irqreturn_t timer_interrupt(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	do_timer(1);
	if (unlikely(jitter_on))
		pit_ch0_set_period(timer_jitter_next());
	update_process_times();
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
	if (!jitter_on)		/* jittered periods are not PIT_LATCH long */
		pit_clock_follow_jiffies();
	pr_info("clocksource: %s, timer: PIT channel 0 at HZ=%d (IRQ 0)\n",
		clocksource_describe(cs, sizeof(cs)), HZ);
	if (jitter_on)
		pr_info("timer: sched_jitter=%u: each tick reloads between %u and %u PIT counts\n",
			jitter_seed, JITTER_MIN, JITTER_MAX);
}
