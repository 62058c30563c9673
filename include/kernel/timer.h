/* SPDX-License-Identifier: MIT */
/*
 * Timers: call a function from the timer interrupt once jiffies reaches
 * a given value; and, built on them, sleeping for a time.
 *
 *   timer_setup(&t, fn, 0);
 *   t.expires = jiffies + HZ / 10;        100 ms from now
 *   add_timer(&t);                        fn(&t) runs in the tick, IRQ context
 *
 *   schedule_timeout(ticks)               sleep until woken or @ticks pass
 *   msleep(ms)                            sleep at least @ms milliseconds
 *
 * Pending timers are kept on one list per CPU sorted by expiry, so the
 * tick looks only at the head (kernel/time/timer.c). A timer is on the
 * base of the CPU that last started it, and remembers which in its flags
 * (TIMER_CPUMASK), as Linux does: del_timer() or mod_timer() from another
 * CPU locks that base, not its own.
 *
 * Where it differs from Linux: Linux keeps timers in a hierarchical
 * timer wheel and runs them from the TIMER_SOFTIRQ after the interrupt;
 * with few timers a sorted list is simpler, and with no softirqs they
 * run in the timer interrupt itself, so a timer function must not sleep
 * (as in Linux) and should be short.
 */
#ifndef _KERNEL_TIMER_H
#define _KERNEL_TIMER_H

#include <kernel/jiffies.h>
#include <kernel/list.h>
#include <kernel/types.h>

struct timer_list {
	struct list_head entry;		/* in the CPU's pending list; empty when not pending */
	unsigned long expires;		/* in jiffies */
	void (*function)(struct timer_list *);
	unsigned int flags;		/* TIMER_CPUMASK: its base's CPU; TIMER_MIGRATING */
};

/*
 * The low bits of timer->flags: the CPU whose base the timer is on (set by
 * timer_setup() and by each mod_timer()); TIMER_MIGRATING while mod_timer()
 * moves it between bases (holding neither lock for an instant): whoever
 * wants the timer's base waits for the bit to clear. (Linux's values.)
 */
#define TIMER_CPUMASK		0x0003ffffu
#define TIMER_MIGRATING		0x00040000u

#define MAX_SCHEDULE_TIMEOUT	LONG_MAX

/* timer_setup - prepare @t to call @fn. Context: any. */
void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *), unsigned int flags);

/* add_timer - start @t (not pending) to fire at t->expires. Context: any. */
void add_timer(struct timer_list *t);

/* mod_timer - (re)start @t for @expires. Return: 1 if it was pending. Context: any. */
int mod_timer(struct timer_list *t, unsigned long expires);

/* del_timer - stop @t. Return: 1 if it was pending. Context: any. */
int del_timer(struct timer_list *t);

/*
 * del_timer_sync - stop @t and wait until its function has finished if it
 * is running on another CPU now. Return: 1 if it was pending.
 * Context: not from @t's function, nor holding a lock that function takes.
 */
int del_timer_sync(struct timer_list *t);

static inline bool timer_pending(const struct timer_list *t)
{
	return !list_empty(&t->entry);
}

/*
 * The tick's part: run expired timers, then the scheduler's accounting.
 * Context: the timer interrupt.
 */
void update_process_times(void);

/**
 * schedule_timeout - sleep until woken or @timeout jiffies have passed.
 * The caller sets its state first (as for schedule()); with
 * TASK_RUNNING it only yields. MAX_SCHEDULE_TIMEOUT sleeps without a timer.
 * Return: 0 if the time ran out, else the jiffies that were left.
 * Context: process context, may sleep.
 */
long schedule_timeout(long timeout);
long schedule_timeout_uninterruptible(long timeout);

unsigned long msecs_to_jiffies(unsigned int m);

/* Pending timers on this CPU (tests, /proc). */
unsigned int timers_pending(void);

#endif
