// SPDX-License-Identifier: MIT
/*
 * The tick count (include/kernel/jiffies.h). The timer interrupt is the
 * only writer; the clock behind printk timestamps is a different thing
 * (arch/x86/kernel/time.c, the TSC) and does not depend on it.
 */
#include <kernel/jiffies.h>

volatile unsigned long jiffies;

void do_timer(unsigned long ticks)
{
	jiffies += ticks;
}
