/* SPDX-License-Identifier: MIT */
/*
 * ut.h: the framework of usertests: suites of cases, the CHECK/SKIP macros
 * and the helpers the cases share (util.c).
 *
 * A case is a void function. CHECK(cond, fmt, ...) on a false condition
 * prints a KTAP diagnostic ("    # case: file:line: cond: message") and
 * returns from the case, which then reports "not ok". SKIP(fmt, ...)
 * returns with "ok N case # SKIP reason". Anything risky (a fault, an exec)
 * runs in a child (ut_run_child), so a broken kernel fails one case and the
 * suite goes on.
 */
#ifndef UT_H
#define UT_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct ut_case {
	const char *name;
	void (*fn)(void);
};

struct ut_suite {
	const char *name;
	const struct ut_case *cases;
	int ncases;
};

#define UT_SUITE(sym, cname, arr) \
	const struct ut_suite sym = { cname, arr, sizeof(arr) / sizeof(arr[0]) }

extern const struct ut_suite suite_libc, suite_proc, suite_mem, suite_uaccess, suite_procfs, suite_misc;
extern const struct ut_suite suite_dirs;

/* The state of the running case. */
extern int ut_failed;
extern char ut_skip[96];
extern const char *ut_case_name;

void ut_fail(const char *file, int line, const char *cond, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void ut_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		ut_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); \
		return; \
	} \
} while (0)

#define SKIP(...) do { \
	snprintf(ut_skip, sizeof(ut_skip), __VA_ARGS__); \
	return; \
} while (0)

/* Helpers (util.c). */
extern const char *ut_argv0;		/* how this program was started */
extern int ut_argc;			/* main()'s argc and argv */
extern char **ut_argv;
int ut_is_linux(void);			/* uname sysname is "Linux": the host */
const char *ut_sysname(void);
const char *ut_self_path(void);		/* path to exec this program again */
const char *ut_basename(const char *path);
/* Run fn(arg) in a child that exits with fn's return value; returns the
 * wait status, or -1 (errno set) if fork or wait4 failed. */
int ut_run_child(int (*fn)(void *), void *arg);
/* One poll of a bounded wait for another process to get somewhere:
 * for (i = 0; !cond && ut_poll_wait(i); i++); 0 once the bound (about 5 s) is
 * reached. Yields first, then sleeps (the other process may be on another CPU). */
int ut_poll_wait(int i);
/* The number of online CPUs (the CPUn columns of /proc/interrupts), or -1. */
int ut_online_cpus(void);
/* The CPU @pid runs on (/proc/PID/stat field 39, "processor"), or -1. */
int ut_task_cpu(pid_t pid);
/* Describe a wait status ("exited 3", "killed by signal 11"). */
const char *ut_status_str(int status);
/* Read a whole file (a /proc file has size 0: read to EOF) into buf, NUL
 * terminated; returns its length or -1 (errno set). */
int ut_read_file(const char *path, char *buf, size_t size);
/* The value of "Name:  N kB"-style line `name` in a /proc file's text, or -1. */
long long ut_field(const char *text, const char *name);
/* 1 if addr lies in a mapping of /proc/self/maps, 0 if not, -1 if unreadable. */
int ut_addr_mapped(uintptr_t addr);

#define PAGE_SIZE	4096u

#include <stdio.h>

#endif
