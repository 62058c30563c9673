// SPDX-License-Identifier: MIT
/* util.c: helpers shared by the usertests cases (ut.h). */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sched.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ut.h"

const char *ut_argv0 = "/bin/usertests";

void ut_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("    # %s: %s:%d: CHECK(%s) failed: %s\n", ut_case_name,
	       ut_basename(file), line, cond, msg);
	ut_failed = 1;
}

void ut_diag(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("    # %s: %s\n", ut_case_name, msg);
}

const char *ut_sysname(void)
{
	static struct utsname u;

	if (!u.sysname[0] && uname(&u) < 0)
		strcpy(u.sysname, "?");
	return u.sysname;
}

int ut_is_linux(void)
{
	return !strcmp(ut_sysname(), "Linux");
}

const char *ut_basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

const char *ut_self_path(void)
{
	return ut_argv0;
}

/*
 * On one CPU a yield runs the other process at once, so a few yields are
 * enough; with several CPUs the other process runs (or is still being
 * placed) elsewhere, and yields pass no time at all: after UT_POLL_YIELDS
 * of them, sleep a millisecond per poll, up to about five seconds.
 */
#define UT_POLL_YIELDS	1000
#define UT_POLL_SLEEPS	5000

int ut_poll_wait(int i)
{
	struct timespec ms = { 0, 1000 * 1000 };

	if (i < UT_POLL_YIELDS)
		sched_yield();
	else if (i < UT_POLL_YIELDS + UT_POLL_SLEEPS)
		nanosleep(&ms, NULL);
	else
		return 0;
	return 1;
}

int ut_online_cpus(void)
{
	static char text[4096];
	int n = 0;

	if (ut_read_file("/proc/interrupts", text, sizeof(text)) <= 0)
		return -1;
	/* the header: one "CPUn" column per online CPU (Linux's layout) */
	for (const char *p = text; *p && *p != '\n'; p++)
		if (p[0] == 'C' && p[1] == 'P' && p[2] == 'U' && p[3] >= '0' && p[3] <= '9')
			n++;
	return n;
}

int ut_task_cpu(pid_t pid)
{
	char path[48], text[1024];
	const char *p;
	int field = 2;		/* (comm) is field 2: count from the last ')' */

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (ut_read_file(path, text, sizeof(text)) <= 0 || !(p = strrchr(text, ')')))
		return -1;
	for (p++; *p; p++)
		if (*p == ' ' && ++field == 39)
			return atoi(p + 1);
	return -1;
}

int ut_run_child(int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(fn(arg));
	if (wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

const char *ut_status_str(int status)
{
	static char buf[48];

	if (status == -1)
		snprintf(buf, sizeof(buf), "fork/wait failed: %s", errno_name(errno));
	else if (WIFEXITED(status))
		snprintf(buf, sizeof(buf), "exited %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, sizeof(buf), "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, sizeof(buf), "status 0x%x", status);
	return buf;
}

int ut_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;

	if (fd < 0)
		return -1;
	while (len + 1 < size) {
		ssize_t n = read(fd, buf + len, size - 1 - len);

		if (n < 0) {
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		len += n;
	}
	buf[len] = '\0';
	close(fd);
	return len;
}

long long ut_field(const char *text, const char *name)
{
	size_t len = strlen(name);

	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : l) {
		const char *p;

		if (strncmp(l, name, len) || l[len] != ':')
			continue;
		for (p = l + len + 1; *p == ' ' || *p == '\t'; p++)
			;
		if (*p < '0' || *p > '9')
			return -1;
		return strtoull(p, NULL, 10);
	}
	return -1;
}

int ut_addr_mapped(uintptr_t addr)
{
	static char maps[16384];
	const char *l;

	if (ut_read_file("/proc/self/maps", maps, sizeof(maps)) <= 0)
		return -1;
	for (l = maps; *l; ) {
		char *end;
		unsigned long lo = strtoul(l, &end, 16), hi;

		if (*end != '-')
			return -1;
		hi = strtoul(end + 1, NULL, 16);
		if (addr >= lo && addr < hi)
			return 1;
		l = strchr(l, '\n');
		if (!l)
			break;
		l++;
	}
	return 0;
}
