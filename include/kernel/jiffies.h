/* SPDX-License-Identifier: MIT */
/*
 * jiffies: timer ticks since the timer started (HZ a second,
 * kernel/config.h). Only the tick handler writes it (do_timer()), so
 * code reads it with interrupts on and sees it move; with interrupts
 * off it stands still (the `irq` KTAP suite checks both).
 *
 * Where it differs from Linux: Linux starts jiffies five minutes before
 * the 32-bit wrap (INITIAL_JIFFIES) to flush out wrap bugs early, and
 * keeps a 64-bit jiffies_64 under a seqlock; here it starts at 0 and is
 * one unsigned long (497 days at HZ=100 before it wraps).
 */
#ifndef _KERNEL_JIFFIES_H
#define _KERNEL_JIFFIES_H

#include <kernel/config.h>

extern volatile unsigned long jiffies;

/* do_timer - @ticks timer interrupts happened. Context: the tick handler. */
void do_timer(unsigned long ticks);

/* time_after(a, b): a is later than b, correct across the wrap. */
#define time_after(a, b)	((long)((b) - (a)) < 0)

#endif
