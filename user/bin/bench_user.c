// SPDX-License-Identifier: MIT
/*
 * bench_user: time one user-visible kernel operation, for the lead's
 * bench tables (docs/13-fast-paths.md). Under QEMU -icount shift=0 the TSC
 * advances by one per guest instruction, so TSC ticks per operation are
 * instructions per operation.
 *
 *   bench_user ROW [N]    one row, N iterations (default per row)
 *   bench_user all        every row
 *
 * prints "bench: ROW N TICKS_PER_OP" (two decimals), or "bench: ROW
 * skipped (no TSC)" on a CPU without RDTSC (a 486: checked with CPUID,
 * itself checked with the EFLAGS.ID bit).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE	4096u

static int have_tsc(void)
{
	unsigned long a, b;
	unsigned eax = 1, ebx, ecx, edx;

	/* CPUID exists iff EFLAGS bit 21 (ID) can be flipped. */
	__asm__ volatile("pushfl\n\tpopl %0\n\tmovl %0, %1\n\txorl $0x200000, %0\n\t"
			 "pushl %0\n\tpopfl\n\tpushfl\n\tpopl %0\n\tpushl %1\n\tpopfl"
			 : "=&r"(a), "=&r"(b));
	if (!((a ^ b) & 0x200000))
		return 0;
	__asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : : "memory");
	if (eax < 1)
		return 0;
	eax = 1;
	__asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : : "memory");
	return (edx >> 4) & 1;
}

static unsigned long long rdtsc(void)
{
	unsigned lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (unsigned long long)hi << 32 | lo;
}

static unsigned long long t0;
static void start(void)	{ t0 = rdtsc(); }
static unsigned long long stop(void)	{ return rdtsc() - t0; }

static unsigned long long b_getpid(unsigned n)
{
	start();
	for (unsigned i = 0; i < n; i++)
		getpid();
	return stop();
}

/* Two runnable processes yielding to each other: each of the parent's yields is
 * two switches (to the child and back), so tools/bench.py halves the figure. */
static unsigned long long b_yield(unsigned n)
{
	unsigned long long t;
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		for (unsigned i = 0; i < n; i++)
			sched_yield();
		_exit(0);
	}
	start();
	for (unsigned i = 0; i < n; i++)
		sched_yield();
	t = stop();
	waitpid(pid, &st, 0);
	return t;
}

static char *map(unsigned pages)
{
	char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED) {
		printf("bench_user: mmap of %u pages: %s\n", pages, errno_name(errno));
		exit(1);
	}
	return p;
}

static unsigned long long b_anon_fault(unsigned n)
{
	char *p = map(n);
	unsigned long long t;

	start();
	for (unsigned i = 0; i < n; i++)
		p[i * PAGE] = 1;
	t = stop();
	munmap(p, n * PAGE);
	return t;
}

static unsigned long long b_munmap(unsigned n)
{
	char *p = map(n);

	for (unsigned i = 0; i < n; i++)
		p[i * PAGE] = 1;
	start();
	munmap(p, n * PAGE);
	return stop();
}

static unsigned long long b_brk(unsigned n)
{
	char *base = sbrk(0);
	unsigned long long t;

	start();
	for (unsigned i = 0; i < n; i++) {
		char *p = sbrk(PAGE);

		if (p == (void *)-1) {
			printf("bench_user: sbrk: %s\n", errno_name(errno));
			exit(1);
		}
		p[0] = 1;
	}
	t = stop();
	brk(base);
	return t;
}

static unsigned long long b_fork(unsigned n)
{
	start();
	for (unsigned i = 0; i < n; i++) {
		int st;
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		wait4(pid, &st, 0, NULL);
	}
	return stop();
}

static unsigned long long b_devzero(unsigned n)
{
	static char buf[PAGE];
	int fd = open("/dev/zero", O_RDONLY);
	unsigned long long t;

	if (fd < 0) {
		printf("bench_user: /dev/zero: %s\n", errno_name(errno));
		exit(1);
	}
	memset(buf, 1, sizeof(buf));
	start();
	for (unsigned i = 0; i < n; i++)
		read(fd, buf, PAGE);
	t = stop();
	close(fd);
	return t;
}

static const struct row {
	const char *name;
	unsigned long long (*fn)(unsigned n);
	unsigned n;
} rows[] = {
	{ "getpid", b_getpid, 10000 },
	{ "sched_yield_pingpong", b_yield, 2000 },
	{ "anon_first_write", b_anon_fault, 1000 },
	{ "munmap_touched", b_munmap, 1000 },
	{ "brk_4k_touch", b_brk, 1000 },
	{ "fork_exit_wait", b_fork, 200 },
	{ "read_devzero_4k", b_devzero, 2000 },
};

static void run(const struct row *r, unsigned n)
{
	unsigned long long t, per100;

	if (!have_tsc()) {
		printf("bench: %s skipped (no TSC)\n", r->name);
		return;
	}
	t = r->fn(n);
	per100 = t * 100 / n;
	printf("bench: %s %u %llu.%02llu\n", r->name, n, per100 / 100, per100 % 100);
}

int main(int argc, char **argv, char **envp)
{
	unsigned nrows = sizeof(rows) / sizeof(rows[0]);
	unsigned n = argc > 2 ? strtoul(argv[2], NULL, 0) : 0;
	int all = argc > 1 && !strcmp(argv[1], "all");

	if (argc < 2) {
		printf("usage: bench_user ROW|all [N]; rows:");
		for (unsigned i = 0; i < nrows; i++)
			printf(" %s", rows[i].name);
		printf("\n");
		return 2;
	}
	for (unsigned i = 0; i < nrows; i++) {
		if (all || !strcmp(argv[1], rows[i].name)) {
			run(&rows[i], n ? n : rows[i].n);
			if (!all)
				return 0;
		}
	}
	if (all)
		return 0;
	printf("bench_user: no row %s\n", argv[1]);
	return 2;
}
