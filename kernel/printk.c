// SPDX-License-Identifier: MIT
/*
 * printk: format, prefix each line with a "[    1.234567] " timestamp
 * and write it to the console. There is no log buffer: the serial port is
 * polled and every character goes out before printk returns, so the last
 * line before a crash is always on the console.
 *
 * Several CPUs print at once, so the console has one writer at a time:
 * the printk CPU lock, Linux 6.1's printk_cpu_sync, a lock word holding
 * the owning CPU's number (-1 when free), taken with interrupts off by
 * cmpxchg. It nests on its own CPU (an oops inside printk, a spinlock
 * report from the console path prints too, and must not wait for
 * itself), which a spinlock_t could not. vprintk() formats into its own
 * buffer first, then holds the lock while it writes the timestamp and
 * the text, so two CPUs' lines never interleave, and the line state
 * (at_line_start, last_level) is only touched under it. The terminal's
 * output (console_write_raw(), from the tty layer) takes it too.
 *
 * A panic must get its lines out even if another CPU stopped while
 * holding the lock: once oops_in_progress is set (panic()), a printk
 * waits only PRINTK_PANIC_SPINS tries and then writes without the lock
 * (Linux's bust_spinlocks() has the same aim).
 */
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <kernel/atomic.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/params.h>
#include <kernel/string.h>

int console_loglevel = 7;
static bool at_line_start = true;
static int last_level = LOGLEVEL_DEFAULT;	/* a KERN_CONT piece has its line's level */

int oops_in_progress;

static atomic_t printk_cpu_sync_owner = ATOMIC_INIT(-1);
static unsigned int printk_cpu_sync_nested;	/* written only by the owner */

int __printk_cpu_sync_try_get(void)
{
	int cpu = (int)smp_processor_id(), old;

	old = atomic_cmpxchg(&printk_cpu_sync_owner, -1, cpu);
	if (old == -1)
		return 1;
	if (old == cpu) {
		printk_cpu_sync_nested++;
		return 1;
	}
	return 0;
}

void __printk_cpu_sync_wait(void)
{
	unsigned int spins = 0;

	while (atomic_read(&printk_cpu_sync_owner) != -1) {
		if (READ_ONCE(oops_in_progress) && ++spins >= PRINTK_PANIC_SPINS)
			return;		/* the holder may never come back: write anyway */
		cpu_relax();
	}
}

void __printk_cpu_sync_put(void)
{
	if (printk_cpu_sync_nested) {
		printk_cpu_sync_nested--;
		return;
	}
	smp_mb();		/* the console writes are done before the lock is seen free */
	atomic_set(&printk_cpu_sync_owner, -1);
}

bool printk_cpu_sync_get(unsigned long *flags)
{
	unsigned int tries;

	for (tries = 0;; tries++) {
		local_irq_save(*flags);
		if (__printk_cpu_sync_try_get())
			return true;
		local_irq_restore(*flags);
		if (READ_ONCE(oops_in_progress) && tries >= 1)
			break;
		__printk_cpu_sync_wait();
	}
	local_irq_save(*flags);
	return false;		/* panic: the lock is someone else's, write without it */
}

void printk_cpu_sync_put(bool owned, unsigned long flags)
{
	if (owned)
		__printk_cpu_sync_put();
	local_irq_restore(flags);
}

static void print_timestamp(void)
{
	char ts[24];
	u64 ns = local_clock();
	u32 sec = (u32)(ns / 1000000000ULL);
	u32 usec = (u32)((ns % 1000000000ULL) / 1000);
	int n = snprintf(ts, sizeof(ts), "[%5u.%06u] ", sec, usec);

	console_write(ts, n);
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int level = LOGLEVEL_DEFAULT, n;
	unsigned long flags;
	bool cont = false, owned;
	const char *p, *s;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			cont = true;
		else
			level = fmt[1] - '0';
		fmt += 2;
	}
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	owned = printk_cpu_sync_get(&flags);
	if (cont)
		level = last_level;
	else
		last_level = level;
	/* as Linux: only levels below print; but KERN_EMERG always (printk.h) */
	if (level >= console_loglevel && level != LOGLEVEL_EMERG) {
		printk_cpu_sync_put(owned, flags);
		return n;
	}
	if (!cont && !at_line_start) {
		console_write("\n", 1);
		at_line_start = true;
	}
	for (s = p = buf; p < buf + n; p++) {
		if (at_line_start) {
			print_timestamp();
			at_line_start = false;
		}
		if (*p == '\n') {
			console_write(s, p - s + 1);
			s = p + 1;
			at_line_start = true;
		}
	}
	if (p > s) {
		if (at_line_start)
			print_timestamp();
		console_write(s, p - s);
		at_line_start = false;
	}
	printk_cpu_sync_put(owned, flags);
	return n;
}

void console_verbose(void)
{
	console_loglevel = CONSOLE_LOGLEVEL_MOTORMOUTH;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

static int parse_loglevel(const char *val)
{
	char *end;
	unsigned long long level;

	if (!val || *val < '0' || *val > '9')
		return -1;
	level = simple_strtoull(val, &end, 10);
	if (*end || level > 8)
		return -1;		/* and the level stays as it was */
	console_loglevel = (int)level;
	return 0;
}
__setup_help("loglevel", parse_loglevel, "a number 0-8");
