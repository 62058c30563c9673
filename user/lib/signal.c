// SPDX-License-Identifier: MIT
/*
 * signal.c: signal(sig, SIG_IGN) and signal(sig, SIG_DFL), through
 * rt_sigaction(2) with Linux's i386 struct (handler, flags, restorer, a
 * 64-bit mask). A real handler would need a restorer trampoline that calls
 * rt_sigreturn, and Fenestra delivers no signal to a handler (every signal
 * it sends is fatal), so anything but SIG_DFL and SIG_IGN is EINVAL here.
 * On Fenestra the call itself is ENOSYS (and logged by the kernel): ask it
 * only where it matters, on a Linux host.
 */
#include <errno.h>
#include <signal.h>
#include <syscall.h>

struct kernel_sigaction {
	sighandler_t handler;
	unsigned long flags;
	void (*restorer)(void);
	unsigned int mask[2];
};

sighandler_t signal(int sig, sighandler_t handler)
{
	struct kernel_sigaction act = { handler, 0, 0, { 0, 0 } }, old;
	long r;

	if (handler != SIG_DFL && handler != SIG_IGN) {
		errno = EINVAL;
		return SIG_ERR;
	}
	r = syscall4(__NR_rt_sigaction, sig, &act, &old, sizeof(act.mask));
	if (SYSCALL_IS_ERR(r)) {
		errno = (int)-r;
		return SIG_ERR;
	}
	return old.handler;
}
