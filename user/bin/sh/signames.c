// SPDX-License-Identifier: MIT
/*
 * signames.c: Linux's i386 signal numbers by name, for kill, and the line
 * a shell prints when a command dies of one (bash's wording, which is
 * strsignal()'s).
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static const struct {
	const char *name;
	const char *description;
} signals[] = {
	[SIGHUP]	= { "HUP", "Hangup" },
	[SIGINT]	= { "INT", "Interrupt" },
	[SIGQUIT]	= { "QUIT", "Quit" },
	[SIGILL]	= { "ILL", "Illegal instruction" },
	[SIGTRAP]	= { "TRAP", "Trace/breakpoint trap" },
	[SIGABRT]	= { "ABRT", "Aborted" },
	[SIGBUS]	= { "BUS", "Bus error" },
	[SIGFPE]	= { "FPE", "Floating point exception" },
	[SIGKILL]	= { "KILL", "Killed" },
	[SIGUSR1]	= { "USR1", "User defined signal 1" },
	[SIGSEGV]	= { "SEGV", "Segmentation fault" },
	[SIGUSR2]	= { "USR2", "User defined signal 2" },
	[SIGPIPE]	= { "PIPE", "Broken pipe" },
	[SIGALRM]	= { "ALRM", "Alarm clock" },
	[SIGTERM]	= { "TERM", "Terminated" },
	[16]		= { "STKFLT", "Stack fault" },
	[SIGCHLD]	= { "CHLD", "Child exited" },
	[SIGCONT]	= { "CONT", "Continued" },
	[SIGSTOP]	= { "STOP", "Stopped (signal)" },
	[SIGTSTP]	= { "TSTP", "Stopped" },
	[SIGTTIN]	= { "TTIN", "Stopped (tty input)" },
	[SIGTTOU]	= { "TTOU", "Stopped (tty output)" },
};

#define NSIGNALS	((int)(sizeof(signals) / sizeof(signals[0])))

const char *signal_name(int sig)
{
	return sig > 0 && sig < NSIGNALS ? signals[sig].name : NULL;
}

const char *signal_description(int sig)
{
	return sig > 0 && sig < NSIGNALS ? signals[sig].description : NULL;
}

int signal_number(const char *s)
{
	char up[16];
	size_t i;

	if (*s >= '0' && *s <= '9') {
		char *end;
		unsigned long n = strtoul(s, &end, 10);

		return *end || n >= 65 ? -1 : (int)n;	/* 0 only checks; up to 64 as Linux */
	}
	for (i = 0; s[i] && i < sizeof(up) - 1; i++)
		up[i] = s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 'A' : s[i];
	if (s[i])
		return -1;
	up[i] = '\0';
	s = strncmp(up, "SIG", 3) ? up : up + 3;
	for (int n = 1; n < NSIGNALS; n++)
		if (!strcmp(s, signals[n].name))
			return n;
	return -1;
}
