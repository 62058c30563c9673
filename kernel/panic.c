// SPDX-License-Identifier: MIT
/* panic(), BUG() and WARN(): the kernel's ways to stop or complain. */
#include <asm/reboot.h>
#include <asm/processor.h>
#include <kernel/bug.h>
#include <kernel/kallsyms.h>

static bool in_panic;

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	local_irq_disable();
	console_verbose();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	if (!in_panic) {
		in_panic = true;
		dump_stack();
	}
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
