// SPDX-License-Identifier: MIT
/*
 * Timers and timed sleeps (include/kernel/timer.h has the how and why).
 *
 * The pending list is sorted by expiry, earliest first: add_timer() walks
 * it to the insertion point (O(n), n being small), and the tick runs
 * timers from the head while they are due, with the list lock dropped
 * around each function so that it may add or delete timers itself.
 *
 * One base per CPU, each with its own lock; only its own CPU's tick runs
 * a base's timers. A timer's flags name its base's CPU, so another CPU
 * finds it: lock_timer_base() reads the flags, locks that base, and
 * checks that the flags did not change meanwhile (else tries again).
 * mod_timer() puts the timer on the calling CPU's base: if it was on
 * another, it is detached there, marked TIMER_MIGRATING while neither
 * lock is held, and its CPU rewritten under the new base's lock. A timer
 * whose function is running on its base (base->running_timer) is not
 * moved, so that del_timer_sync() knows where to wait for it, as in Linux.
 */
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <kernel/delay.h>
#include <kernel/might_sleep.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/timer.h>

struct timer_base {
	spinlock_t lock;		/* taken with interrupts off */
	struct list_head pending;	/* sorted by expires */
	unsigned int count;
	struct timer_list *running_timer;	/* whose function runs now, or NULL */
	unsigned int cpu;
};

static DEFINE_PER_CPU(struct timer_base, timer_bases) = {
	{	/* CPU 0's: setup_per_cpu_areas() copies it to the others */
		.lock = __SPIN_LOCK_UNLOCKED(timer_bases.lock),
	},
};

/*
 * This CPU's base. Static data: its first use on its CPU links the list
 * (no other CPU touches a base's list before a timer is on it, and a
 * timer gets there only through this).
 */
static struct timer_base *this_base(void)
{
	struct timer_base *b = this_cpu_ptr(timer_bases);

	if (unlikely(!b->pending.next)) {
		INIT_LIST_HEAD(&b->pending);
		b->cpu = smp_processor_id();
	}
	return b;
}

/*
 * lock_timer_base - lock the base @t is on (its flags say which).
 * Return: the base, locked, with interrupts off (saved in @flags).
 */
static struct timer_base *lock_timer_base(struct timer_list *t, unsigned long *flags)
{
	for (;;) {
		unsigned int tf = READ_ONCE(t->flags);

		if (!(tf & TIMER_MIGRATING)) {
			struct timer_base *b = per_cpu_ptr(timer_bases, tf & TIMER_CPUMASK);

			spin_lock_irqsave(&b->lock, *flags);
			if (READ_ONCE(t->flags) == tf)
				return b;
			spin_unlock_irqrestore(&b->lock, *flags);
		}
		cpu_relax();
	}
}

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *), unsigned int flags)
{
	INIT_LIST_HEAD(&t->entry);
	t->function = fn;
	t->flags = (flags & ~(TIMER_CPUMASK | TIMER_MIGRATING)) | smp_processor_id();
	t->expires = 0;
}

static void enqueue_timer(struct timer_base *b, struct timer_list *t)
{
	struct list_head *pos;

	list_for_each(pos, &b->pending) {
		if (time_after(list_entry(pos, struct timer_list, entry)->expires, t->expires))
			break;
	}
	list_add_tail(&t->entry, pos);	/* before the first one due later */
	b->count++;
}

static int detach_if_pending(struct timer_base *b, struct timer_list *t)
{
	if (list_empty(&t->entry))
		return 0;
	list_del_init(&t->entry);
	b->count--;
	return 1;
}

int mod_timer(struct timer_list *t, unsigned long expires)
{
	struct timer_base *b, *new_base;
	unsigned long flags;
	int was;

	b = lock_timer_base(t, &flags);
	was = detach_if_pending(b, t);
	new_base = this_base();		/* interrupts are off now: this CPU's, for certain */
	if (b != new_base && b->running_timer != t) {
		/* neither lock held for an instant: others wait on TIMER_MIGRATING */
		WRITE_ONCE(t->flags, t->flags | TIMER_MIGRATING);
		spin_unlock(&b->lock);
		b = new_base;
		spin_lock(&b->lock);
		WRITE_ONCE(t->flags, (t->flags & ~(TIMER_CPUMASK | TIMER_MIGRATING)) | b->cpu);
	}
	t->expires = expires;
	enqueue_timer(b, t);
	spin_unlock_irqrestore(&b->lock, flags);
	return was;
}

void add_timer(struct timer_list *t)
{
	mod_timer(t, t->expires);
}

int del_timer(struct timer_list *t)
{
	struct timer_base *b;
	unsigned long flags;
	int was;

	if (!timer_pending(t))
		return 0;		/* Linux's shortcut: a racing mod_timer() wins either way */
	b = lock_timer_base(t, &flags);
	was = detach_if_pending(b, t);
	spin_unlock_irqrestore(&b->lock, flags);
	return was;
}

int del_timer_sync(struct timer_list *t)
{
	struct timer_base *b;
	unsigned long flags;
	int was;

	for (;;) {
		b = lock_timer_base(t, &flags);
		was = detach_if_pending(b, t);
		if (b->running_timer != t)
			break;
		spin_unlock_irqrestore(&b->lock, flags);
		cpu_relax();		/* its function runs on that CPU now: wait */
	}
	spin_unlock_irqrestore(&b->lock, flags);
	return was;
}

unsigned int timers_pending(void)
{
	return this_base()->count;
}

static void run_local_timers(void)
{
	struct timer_base *b = this_base();

	/*
	 * Nothing pending: no lock (Linux tests base->next_expiry the same
	 * way). A timer another CPU adds meanwhile is seen at the next tick.
	 */
	if (!READ_ONCE(b->count))
		return;
	spin_lock(&b->lock);
	while (!list_empty(&b->pending)) {
		struct timer_list *t = list_first_entry(&b->pending, struct timer_list, entry);

		if (time_after(t->expires, jiffies))
			break;
		detach_if_pending(b, t);
		b->running_timer = t;
		spin_unlock(&b->lock);
		t->function(t);
		spin_lock(&b->lock);
		b->running_timer = NULL;
	}
	spin_unlock(&b->lock);
}

void update_process_times(void)
{
	run_local_timers();
	scheduler_tick();
}

struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	struct process_timer *pt = container_of(t, struct process_timer, timer);

	wake_up_process(pt->task);
}

long schedule_timeout(long timeout)
{
	struct process_timer pt;
	unsigned long expire;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (unlikely(timeout < 0)) {
		report_misuse("timer", "schedule_timeout: wrong timeout value");
		pr_err("  schedule_timeout(%ld) from %s/%d: a negative timeout (an unsigned\n",
		       timeout, current->comm, current->pid);
		pr_err("  value above LONG_MAX?); not sleeping\n");
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	expire = jiffies + (unsigned long)timeout;
	pt.task = current;
	timer_setup(&pt.timer, process_timeout, 0);
	mod_timer(&pt.timer, expire);
	schedule();
	del_timer_sync(&pt.timer);	/* on the stack: its function must be done with it */
	timeout = (long)(expire - jiffies);
	return timeout < 0 ? 0 : timeout;
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

unsigned long msecs_to_jiffies(unsigned int m)
{
	return (m + (1000 / HZ) - 1) / (1000 / HZ);
}

void msleep(unsigned int msecs)
{
	long timeout = (long)msecs_to_jiffies(msecs) + 1;

	might_sleep();
	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}
