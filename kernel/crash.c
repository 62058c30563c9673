// SPDX-License-Identifier: MIT
/*
 * crash=<how>: end the boot on purpose, to see (and test) what the kernel
 * prints when it dies. Like Linux's sysrq-trigger 'c', for students and
 * for the harness, which checks the reports in tests/expect/crash-*.expect.
 *
 *   crash=panic   panic() with a message: reason, call trace, failure exit
 *   crash=bug     a failing BUG_ON(): file, line, function and condition
 *   crash=oops    a NULL-pointer write nobody catches: the page-fault report
 *   crash=warn    a WARN_ON(), which only warns: the boot goes on
 *   crash=stack   a kernel thread whose frames reach the bottom of its
 *                 8 KiB stack and overwrite the canary there: the next
 *                 schedule() finds STACK_END_MAGIC gone and panics
 *   crash=triple  an exception with no IDT: the CPU cannot even report
 *                 the double fault, and resets (QEMU -no-reboot exits);
 *                 what every bug in early boot looks like without an IDT
 *
 * Built in only with CRASH=1 (CONFIG_CRASH, on by default, off in the
 * bench kernel and a DEMOS=0 build); kernel/demos.c owns the option.
 */
#include <kernel/bug.h>
#include <kernel/crash.h>
#include <kernel/kthread.h>
#include <kernel/sched.h>
#include <kernel/string.h>

static const char *crash_how;

int crash_setup(const char *val)
{
	static const char *const kinds[] = { "panic", "bug", "oops", "warn", "stack", "triple" };

	for (unsigned int i = 0; val && i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(val, kinds[i])) {
			crash_how = kinds[i];
			return 0;
		}
	return -1;
}

static noinline void crash_by_bug(int depth)
{
	BUG_ON(depth == 0);
}

/*
 * Recurse, 256 bytes a frame, until the frames are within 512 bytes of
 * the bottom of the stack; there the next frames would land on the
 * canary, so write it as they would. (A real overflow goes on into the
 * page below, someone else's memory; this one stops at the canary so
 * that the report is all that happens.)
 */
static noinline void recurse_to_the_bottom(void)
{
	volatile char pad[256];

	pad[0] = 1;
	if ((unsigned long)__builtin_frame_address(0) - (unsigned long)current->stack > 512)
		recurse_to_the_bottom();
	else
		*end_of_stack(current) = 0;
	pad[1] = pad[0];
}

static int smash_stack(void *unused)
{
	recurse_to_the_bottom();
	yield();		/* schedule() checks the canary: a panic */
	return 0;
}

void crash_if_asked(void)
{
	unsigned long addr = 0x10;

	if (!crash_how)
		return;
	pr_notice("crash: crashing on purpose (crash=%s)\n", crash_how);
	if (!strcmp(crash_how, "panic"))
		panic("crash=panic on the command line");
	if (!strcmp(crash_how, "bug"))
		crash_by_bug(0);
	if (!strcmp(crash_how, "oops")) {
		OPTIMIZER_HIDE_VAR(addr);
		*(volatile int *)addr = 1;
	}
	if (!strcmp(crash_how, "warn"))
		WARN(1, "crash=warn on the command line: a warning, the boot goes on");
	if (!strcmp(crash_how, "stack")) {
		if (!kthread_run(smash_stack, NULL, "stack-smash"))
			panic("crash=stack: cannot start the thread");
		for (;;)
			yield();	/* until it runs, and the scheduler panics */
	}
	if (!strcmp(crash_how, "triple")) {
		static const struct { u16 limit; u32 base; } __packed no_idt = { 0, 0 };

		/* int3 -> #GP (no gate) -> #DF (no gate) -> shutdown */
		__asm__ __volatile__("lidt %0\n\tint3" :: "m"(no_idt));
	}
}
