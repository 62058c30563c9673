/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_PRINTK_H
#define _KERNEL_PRINTK_H

#include <kernel/types.h>
#include <kernel/compiler.h>

/*
 * Log levels, as in Linux: a message may start with KERN_SOH and a digit.
 * Only messages of a level below console_loglevel (7 unless `loglevel=`
 * says otherwise) are printed, so KERN_DEBUG needs loglevel=8. KERN_CONT continues the previous line (no timestamp).
 *
 * One deliberate difference: KERN_EMERG lines print even at loglevel=0.
 * This kernel uses KERN_EMERG only for lines that end the boot (a refusal
 * such as "needs at least 12 MiB", the oops and BUG reports, panic), and it
 * keeps no log buffer, so a quiet boot that died silently would leave no
 * trace at all. Linux 6.1 prints nothing at loglevel=0, not even those (its
 * console_verbose() leaves a level of 0 alone), and relies on the log
 * buffer (dmesg, pstore) to keep them.
 */
#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"

#define LOGLEVEL_EMERG		0
#define LOGLEVEL_DEFAULT	6	/* a message without a level */
#define CONSOLE_LOGLEVEL_MOTORMOUTH 15	/* every level prints */
extern int console_loglevel;

/*
 * console_verbose - from now on print every level (Linux's name): panic()
 * and BUG() call it first, so what they print cannot be filtered away.
 * Unlike Linux's, it raises loglevel=0 too.
 * Context: any; the boot is about to end.
 */
void console_verbose(void);

/**
 * printk - format a message and write it to the console (COM1).
 * @fmt: format: %d %i %u %x %X %o %c %s %p %% with the l, ll, z, h
 *       length modifiers, a width, 0 or - flags, and %.Ns precision.
 *
 * Every line starts with a "[    0.001234] " timestamp (seconds since
 * boot). Context: any; never sleeps.
 * Return: the number of characters formatted.
 */
__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list ap);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* A console is anything that can write characters (serial.c is one): "\n" sent as "\r\n". */
void console_write(const char *s, size_t n);
/* The same, the bytes exactly as given (the terminal's output with ONLCR off). */
void console_write_raw(const char *s, size_t n);

/*
 * The console's one-writer-at-a-time lock (kernel/printk.c): the owner
 * CPU's number, nesting on that CPU. printk takes it for each message;
 * anything else writing to the console (the terminal's output) takes it
 * around its bytes.
 *
 *   bool owned = printk_cpu_sync_get(&flags);    interrupts off, saved
 *   ... console_write_raw() ...
 *   printk_cpu_sync_put(owned, flags);
 *
 * Return: true if taken; false only after oops_in_progress is set and the
 * holder did not let go within PRINTK_PANIC_SPINS tries (the caller
 * writes anyway). Context: any; spins with interrupts off.
 * (Linux 6.1: printk_cpu_sync_get_irqsave()/printk_cpu_sync_put_irqrestore().)
 */
#define PRINTK_PANIC_SPINS	(1u << 20)
bool printk_cpu_sync_get(unsigned long *flags);
void printk_cpu_sync_put(bool owned, unsigned long flags);
int __printk_cpu_sync_try_get(void);
void __printk_cpu_sync_wait(void);
void __printk_cpu_sync_put(void);

/* Set by panic(): printk stops waiting for a console lock held elsewhere. */
extern int oops_in_progress;

/* Nanoseconds since boot for printk timestamps (arch/x86/kernel/time.c). */
u64 local_clock(void);

#endif
