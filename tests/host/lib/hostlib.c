// SPDX-License-Identifier: MIT
/*
 * The C-library side of the host tests: the arena that plays physical
 * memory, the console that printk() writes to, machine_exit(), and the
 * runner that forks one process per test and prints
 *
 *   ok 1 e820_sanitize_sorts_unsorted_entries
 *   not ok 2 ...            (with the failure and the console log)
 *   ...
 *   41 passed, 1 failed, 0 skipped
 *
 * A case may report several results (ht_result(): a KTAP suite run by
 * lib/ktest_host.c reports one per KTAP case); they go to the runner
 * through a pipe and each counts as one test.
 *
 * Physical memory: the kernel's __va(p) is p + PAGE_OFFSET (0xC0000000),
 * unchanged. This is a 32-bit (-m32) process, whose address space has
 * room there, so the arena is an anonymous mapping at exactly
 * PAGE_OFFSET: physical [0, ht_arena_size) is real, zero-filled memory
 * (MAP_NORESERVE: only touched pages cost), and a stray access past it
 * faults. Nothing in asm/page.h needs shadowing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ht.h"

#define ARENA_BASE	0xC0000000UL	/* the kernel's PAGE_OFFSET */
#define ARENA_DEFAULT	(512UL << 20)

unsigned long ht_arena_size;

__attribute__((constructor(101))) static void arena_map(void)
{
	const char *env = getenv("HT_ARENA_MB");
	unsigned long size = env ? strtoul(env, NULL, 0) << 20 : ARENA_DEFAULT;
	void *p = mmap((void *)ARENA_BASE, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);

	if (p != (void *)ARENA_BASE) {
		fprintf(stderr, "host tests: cannot map the %lu MiB physical-memory arena at %#lx "
			"(is this a -m32 build? try HT_ARENA_MB=256): %s\n", size >> 20, ARENA_BASE,
			p == MAP_FAILED ? strerror(errno) : "mapped elsewhere");
		exit(2);
	}
	ht_arena_size = size;
}

/* --- the console --------------------------------------------------------- */

static char *log_buf;
static size_t log_len, log_cap;
static int verbose;

void console_write(const char *s, size_t n);
void console_write(const char *s, size_t n)
{
	if (log_len + n + 1 > log_cap) {
		log_cap = (log_len + n + 1) * 2;
		log_buf = realloc(log_buf, log_cap);
		if (!log_buf)
			abort();
	}
	memcpy(log_buf + log_len, s, n);
	log_len += n;
	log_buf[log_len] = '\0';
	if (verbose > 1)
		fwrite(s, 1, n, stdout);
}

unsigned long long local_clock(void);
unsigned long long local_clock(void)
{
	return 0;	/* every line reads "[    0.000000] " */
}

const char *ht_log(void)
{
	return log_buf ? log_buf : "";
}

void ht_log_clear(void)
{
	log_len = 0;
	if (log_buf)
		log_buf[0] = '\0';
}

/* Call @fn on each console line, its "[    0.000000] " prefix removed. */
static int for_each_line(int (*fn)(const char *line, size_t len, const void *arg), const void *arg)
{
	const char *p = ht_log(), *nl;
	int n = 0;

	for (; *p; p = nl + 1) {
		const char *s = p;

		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (*s == '[') {
			const char *e = memchr(s, ']', (size_t)(nl - s));

			if (e && e[1] == ' ')
				s = e + 2;
		}
		n += fn(s, (size_t)(nl - s), arg);
		if (!*nl)
			break;
	}
	return n;
}

static int line_contains(const char *line, size_t len, const void *arg)
{
	return memmem(line, len, arg, strlen(arg)) != NULL;
}

static int line_equals(const char *line, size_t len, const void *arg)
{
	return strlen(arg) == len && !memcmp(line, arg, len);
}

int ht_log_count(const char *s)
{
	return for_each_line(line_contains, s);
}

int ht_log_has_line(const char *line)
{
	return for_each_line(line_equals, line) > 0;
}

int ht_streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* --- failures and exits ---------------------------------------------------- */

static int failures;
static jmp_buf test_jmp;
static int in_test;		/* test_jmp is set */
static jmp_buf *catch_jmp;
static int catch_status;

int ht_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void ht_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	failures++;
	printf("    # %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

int ht_failures(void)
{
	return failures;
}

static jmp_buf *try_jmp;		/* innermost ht_try() */

int ht_try(void (*fn)(void *), void *arg)
{
	jmp_buf here, *outer = try_jmp;

	if (setjmp(here)) {
		try_jmp = outer;
		return 1;
	}
	try_jmp = &here;
	fn(arg);
	try_jmp = outer;
	return 0;
}

void ht_abort(void)
{
	if (try_jmp)
		longjmp(*try_jmp, 1);
	if (!in_test) {		/* outside the runner: stress, fuzz */
		printf("%s", ht_log());
		fflush(stdout);
		abort();
	}
	longjmp(test_jmp, 1);
}

/* asm/reboot.h: the kernel ends the run (panic, BUG_ON, too little RAM). */
void machine_exit(int status) __attribute__((noreturn));
void machine_exit(int status)
{
	if (catch_jmp) {
		catch_status = status;
		longjmp(*catch_jmp, 1);
	}
	ht_fail("machine_exit", 0, "the kernel stopped (exit status %#x); see the console", status);
	ht_abort();
}

/* asm/processor.h: halt_forever() */
void host_halt(void) __attribute__((noreturn));
void host_halt(void)
{
	machine_exit(0);
}

int ht_catch_exit(void (*fn)(void *), void *arg)
{
	jmp_buf here, *outer = catch_jmp;

	if (setjmp(here)) {
		catch_jmp = outer;
		return catch_status;
	}
	catch_jmp = &here;
	fn(arg);
	catch_jmp = outer;
	return -1;
}

/* --- the runner (not in the fuzzer, which has libFuzzer's main) ----------- */
#ifndef HT_FUZZ

static struct ht_case *cases, **cases_tail = &cases;

void ht_register(struct ht_case *c)
{
	*cases_tail = c;
	cases_tail = &c->next;
}

static void print_console_tail(void)
{
	const char *p = ht_log(), *start = p;
	int lines = 0;

	for (const char *q = p + strlen(p); q > p; q--)
		if (q[-1] == '\n' && ++lines > 60) {
			start = q;
			break;
		}
	if (!*start)
		return;
	printf("    # console%s:\n", start != p ? " (last 60 lines)" : "");
	for (const char *q = start; *q;) {
		const char *nl = strchr(q, '\n');
		int n = nl ? (int)(nl - q) : (int)strlen(q);

		printf("    #   %.*s\n", n, q);
		q += n + (nl != NULL);
	}
}

const struct ht_case *ht_current;
static FILE *result_pipe;	/* in the child: to the runner */

void ht_result(const char *name, enum ht_result r, const char *reason)
{
	if (!result_pipe)
		return;
	fprintf(result_pipe, "%c %s%s%s\n", "PFS"[r], name, reason ? " " : "",
		reason ? reason : "");
	fflush(result_pipe);
}

/* In the child: run one test, exit 0 if it passed. */
static void run_child(struct ht_case *c)
{
	ht_current = c;
	in_test = 1;
	if (!setjmp(test_jmp))
		c->fn();
	in_test = 0;
	if (ht_unexpected_reports()) {
		failures++;
		printf("    # %lu report(s) the test did not expect (BUG: lines below)\n",
		       ht_unexpected_reports());
	}
	if (failures || verbose)
		print_console_tail();
	fflush(stdout);
	_exit(failures ? 1 : 0);
}

static int matches(const struct ht_case *c, int nfilters, char **filters)
{
	if (!nfilters)
		return 1;
	for (int i = 0; i < nfilters; i++) {
		if (strstr(c->name, filters[i]))
			return 1;
		for (const char *const *r = c->results; r && *r; r++)
			if (strstr(*r, filters[i]))
				return 1;
	}
	return 0;
}

/*
 * In the runner: read the results the child reported (one line each:
 * P|F|S, name, skip reason) and print them; returns how many failed.
 */
static int read_results(FILE *in, int *n, int *passed, int *failed, int *skipped)
{
	char line[512];
	int nr = 0, nfail = 0;

	while (fgets(line, sizeof(line), in)) {
		char *name = line + 2, *reason;

		line[strcspn(line, "\n")] = 0;
		reason = strchr(name, ' ');
		if (reason)
			*reason++ = 0;
		if (nr++)
			++*n;
		if (line[0] == 'P') {
			++*passed;
			printf("ok %d %s\n", *n, name);
		} else if (line[0] == 'S') {
			++*skipped;
			printf("ok %d %s # SKIP %s\n", *n, name, reason ? reason : "");
		} else {
			++*failed;
			nfail++;
			printf("not ok %d %s\n", *n, name);
		}
	}
	return nr ? nfail : -1;
}

/* stress_main.c, built once the buddy allocator is there */
int stress_main(int argc, char **argv) __attribute__((weak));

int main(int argc, char **argv)
{
	int passed = 0, failed = 0, skipped = 0, n = 0, list = 0, nfilters = 0;
	char **filters = argv + 1;

	if (argc > 1 && !strcmp(argv[1], "--stress")) {
		if (!stress_main) {
			printf("no stress driver: mm/buddy.c is not in this tree yet\n");
			return 2;
		}
		return stress_main(argc - 1, argv + 1);
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			verbose++;
		else if (!strcmp(argv[i], "-l"))
			list = 1;
		else
			filters[nfilters++] = argv[i];
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (struct ht_case *c = cases; c; c = c->next) {
		pid_t pid;
		int status, fds[2], nfail;
		FILE *in;

		if (!matches(c, nfilters, filters))
			continue;
		n++;
		if (list) {
			printf("%s\n", c->name);
			continue;
		}
		fflush(stdout);
		if (pipe(fds) < 0) {
			perror("pipe");
			return 2;
		}
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 2;
		}
		if (pid == 0) {
			close(fds[0]);
			result_pipe = fdopen(fds[1], "w");
			run_child(c);
		}
		close(fds[1]);
		in = fdopen(fds[0], "r");
		nfail = read_results(in, &n, &passed, &failed, &skipped);
		fclose(in);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			if (nfail < 0) {
				passed++;
				printf("ok %d %s\n", n, c->name);
			}
		} else if (nfail > 0) {
			if (WIFSIGNALED(status))
				printf("    # %s: killed by signal %d\n", c->name, WTERMSIG(status));
		} else {
			if (nfail == 0)
				n++;	/* results all passed: the failure is one more */
			failed++;
			if (WIFSIGNALED(status))
				printf("    # killed by signal %d\n", WTERMSIG(status));
			printf("not ok %d %s\n", n, c->name);
		}
	}
	if (list)
		return 0;
	printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
	return failed ? 1 : 0;
}
#endif /* !HT_FUZZ */
