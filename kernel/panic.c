// SPDX-License-Identifier: MIT
/*
 * panic(), BUG() and WARN(): the kernel's ways to stop or complain.
 *
 * One CPU panics: the first to get here takes panic_cpu (a cmpxchg from
 * -1); another CPU that panics meanwhile stops where it is, interrupts
 * off (Linux's panic_smp_self_stop()), so the report on the console is
 * one CPU's. The same CPU panicking again (a fault in the stack dump)
 * goes on without the dump. machine_exit() then ends QEMU whatever the
 * other CPUs are doing. oops_in_progress tells printk to stop waiting for
 * a console lock that a stopped CPU may hold (kernel/printk.c).
 */
#include <asm/reboot.h>
#include <asm/processor.h>
#include <kernel/atomic.h>
#include <kernel/bug.h>
#include <kernel/kallsyms.h>
#include <kernel/percpu.h>

static atomic_t panic_cpu = ATOMIC_INIT(-1);

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int this_cpu = (int)smp_processor_id(), old;
	bool in_panic;

	local_irq_disable();
	old = atomic_cmpxchg(&panic_cpu, -1, this_cpu);
	if (old != -1 && old != this_cpu)
		halt_forever();	/* another CPU is reporting: stop here */
	in_panic = old == this_cpu;
	WRITE_ONCE(oops_in_progress, 1);
	console_verbose();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	if (!in_panic)
		dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", buf);
	machine_exit(KERNEL_EXIT_FAILURE);
}

void __bug(const char *file, int line, const char *func, const char *cond)
{
	console_verbose();
	printk(KERN_EMERG "kernel BUG at %s:%d! %s(): %s\n", file, line, func, cond);
	panic("BUG_ON(%s) in %s()", cond, func);
}

void __warn(const char *file, int line, const char *func, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_WARNING "WARNING: at %s:%d %s(): %s\n", file, line, func, buf);
}
