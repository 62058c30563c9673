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
 * the boot CPU is still booting (interrupts off, nothing else to run);
 * the idle task is checked like any other (it must never sleep). Linux
 * prints it at most once a second; here every one is printed and counted
 * (report_misuse()), so a test can expect it.
 *
 * As in Linux, the check is built only with CONFIG_DEBUG_ATOMIC_SLEEP,
 * which is on with DEBUG_VM (the default; every test kernel) and off in
 * the DEBUG_VM=0 kernel that `make bench` measures: there might_sleep()
 * is nothing, as Linux's is without the option. The system_state test is
 * inline, so while booting a call site costs one load and compare; after
 * boot every call goes to __might_sleep().
 *
 * Where it differs from Linux: Linux declares it in <linux/kernel.h>.
 * There is no RCU, so the "RCU nest depth" line is not printed.
 */
#ifndef _KERNEL_MIGHT_SLEEP_H
#define _KERNEL_MIGHT_SLEEP_H

#include <kernel/compiler.h>

#if !defined(CONFIG_DEBUG_ATOMIC_SLEEP) && IS_ENABLED(CONFIG_DEBUG_VM)
#define CONFIG_DEBUG_ATOMIC_SLEEP 1
#endif

/* kernel/sched/might_sleep.c */
void __might_sleep(const char *file, int line);

/**
 * might_sleep - the calling path may sleep: report if it must not.
 * Context: process context, preemptible, interrupts on.
 */
#define might_sleep() do {						\
	if (IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP) &&			\
	    unlikely(system_state != SYSTEM_BOOTING))			\
		__might_sleep(__FILE__, __LINE__);			\
} while (0)
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)

/*
 * What boot has reached, as Linux's system_state: BOOTING until
 * rest_init() has started pid 1 (SCHEDULING from there), RUNNING once
 * kernel_init() runs (kernel/main.c). might_sleep() is quiet while BOOTING.
 */
enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_SCHEDULING,
	SYSTEM_RUNNING,
};
extern enum system_states system_state;

#endif
