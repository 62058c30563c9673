/* SPDX-License-Identifier: MIT */
/*
 * might_sleep(): "this function may sleep", said at the top of every
 * path that can (a GFP_KERNEL allocation, kmap(), mutex_lock(), a wait).
 *
 *   void *kmalloc(size_t size, gfp_t flags)
 *   {
 *           might_sleep_if(gfpflags_allow_blocking(flags));
 *           ...
 *
 * The check is made whether or not this call would actually sleep, so a
 * caller in the wrong context is found on the first call, not on the
 * rare one that finds the pool empty. Called from atomic context (a
 * spinlock or kmap_atomic() held, preemption or interrupts off, inside
 * an interrupt handler) it prints Linux's report
 *
 *   BUG: sleeping function called from invalid context at mm/slab.c:512
 *   in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 3, name: kt1
 *   preempt_count: 1, expected: 0
 *   Call Trace: ...
 *
 * and carries on (a report, not an oops). Like Linux it is quiet while
 * the boot CPU is still booting (interrupts off, nothing else to run)
 * and in the idle task. Linux prints it at most once a second; here every
 * one is printed and counted (report_misuse()), so a test can expect it.
 *
 * Where it differs from Linux: Linux declares it in <linux/kernel.h> and
 * builds the check only with CONFIG_DEBUG_ATOMIC_SLEEP; here it is
 * always built. The system_state test is inline, so while booting a
 * call site costs one load and compare (the allocators' fast paths
 * carry one, mm/pcp.c); after boot every call goes to __might_sleep().
 * There is no RCU, so the "RCU nest depth" line is not printed.
 */
#ifndef _KERNEL_MIGHT_SLEEP_H
#define _KERNEL_MIGHT_SLEEP_H

#include <kernel/compiler.h>

/* kernel/sched/might_sleep.c */
void __might_sleep(const char *file, int line);

/**
 * might_sleep - the calling path may sleep: report if it must not.
 * Context: process context, preemptible, interrupts on.
 */
#define might_sleep() do {						\
	if (unlikely(system_state != SYSTEM_BOOTING))			\
		__might_sleep(__FILE__, __LINE__);			\
} while (0)
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)

/*
 * What boot has reached, as Linux's system_state: BOOTING until the
 * scheduler runs other tasks (sched_init_late()), RUNNING from then on.
 * might_sleep() is quiet while BOOTING.
 */
enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_SCHEDULING,
	SYSTEM_RUNNING,
};
extern enum system_states system_state;

#endif
