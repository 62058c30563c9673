// SPDX-License-Identifier: MIT
/*
 * Timers and timed sleeps (include/kernel/timer.h has the how and why).
 *
 * The pending list is sorted by expiry, earliest first: add_timer() walks
 * it to the insertion point (O(n), n being small), and the tick runs
 * timers from the head while they are due, with the list lock dropped
 * around each function so that it may add or delete timers itself.
 */
#include <asm/irqflags.h>
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
};

static DEFINE_PER_CPU(struct timer_base, timer_bases) = {
	[0 ... NR_CPUS - 1] = {
		.lock = __SPIN_LOCK_UNLOCKED(timer_bases.lock),
	},
};

static struct timer_base *this_base(void)
{
	struct timer_base *b = this_cpu_ptr(timer_bases);

	if (unlikely(!b->pending.next))
		INIT_LIST_HEAD(&b->pending);	/* static data: the first use links it */
	return b;
}

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *), unsigned int flags)
{
	INIT_LIST_HEAD(&t->entry);
	t->function = fn;
	t->flags = flags;
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
	struct timer_base *b = this_base();
	unsigned long flags;
	int was;

	spin_lock_irqsave(&b->lock, flags);
	was = detach_if_pending(b, t);
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
	struct timer_base *b = this_base();
	unsigned long flags;
	int was;

	spin_lock_irqsave(&b->lock, flags);
	was = detach_if_pending(b, t);
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

	spin_lock(&b->lock);
	while (!list_empty(&b->pending)) {
		struct timer_list *t = list_first_entry(&b->pending, struct timer_list, entry);

		if (time_after(t->expires, jiffies))
			break;
		detach_if_pending(b, t);
		spin_unlock(&b->lock);
		t->function(t);
		spin_lock(&b->lock);
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
	del_timer(&pt.timer);
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
