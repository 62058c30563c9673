// SPDX-License-Identifier: MIT
/*
 * mem.c: the user_mem suite: the stack, brk/sbrk, malloc, anonymous mmap,
 * munmap, mprotect, the three kinds of segfault and the OOM killer. A
 * fault is always taken in a child; the parent checks the child was
 * killed by SIGSEGV (wait status: WIFSIGNALED, WTERMSIG 11).
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ut.h"

#define FRAME	4096
#define DEPTH	80		/* 80 frames of > 4 KiB: more than 320 KiB of stack */

static unsigned recurse(unsigned depth)
{
	volatile unsigned char frame[FRAME];
	unsigned sum;

	for (unsigned i = 0; i < FRAME; i += 512)
		frame[i] = (unsigned char)(depth + i);
	sum = depth ? recurse(depth - 1) : 0;
	for (unsigned i = 0; i < FRAME; i += 512)
		sum += frame[i];
	return sum;
}

static int child_stack(void *unused)
{
	unsigned want = 0;

	for (unsigned d = 0; d <= DEPTH; d++)
		for (unsigned i = 0; i < FRAME; i += 512)
			want += (unsigned char)(d + i);
	return recurse(DEPTH) == want ? 0 : 1;
}

static void stack_growth(void)
{
	int st = ut_run_child(child_stack, NULL);

	CHECK(st == 0, "recursion through %u KiB of stack: %s", DEPTH * FRAME / 1024,
	      ut_status_str(st));
}

static void brk_sbrk(void)
{
	char *start = sbrk(0), *p;

	CHECK(start != (void *)-1, "sbrk(0): %s", errno_name(errno));
	p = sbrk(3 * PAGE_SIZE);
	CHECK(p == start, "sbrk(+12K) returned %p, the break was %p", p, start);
	memset(p, 0x5a, 3 * PAGE_SIZE);
	for (unsigned i = 0; i < 3 * PAGE_SIZE; i++)
		CHECK(p[i] == 0x5a, "byte %u of the new heap reads %#x", i, p[i]);
	CHECK(sbrk(0) == start + 3 * PAGE_SIZE, "break %p after +12K from %p", sbrk(0), start);
	CHECK(sbrk(-(intptr_t)(3 * PAGE_SIZE)) == start + 3 * PAGE_SIZE, "sbrk(-12K)");
	CHECK(sbrk(0) == start, "break %p after shrinking, expected %p", sbrk(0), start);
	/* Grow again: the pages come back (Linux: zeroed, they were unmapped). */
	p = sbrk(PAGE_SIZE);
	CHECK(p == start, "sbrk(+4K) again returned %p", p);
	CHECK(p[0] == 0 && p[PAGE_SIZE - 1] == 0, "a heap page given back and regrown "
	      "is not zero (%#x)", p[0]);
	sbrk(-(intptr_t)PAGE_SIZE);
}

static unsigned next_rand(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

#define NBLOCKS	256

static void malloc_many_sizes(void)
{
	static unsigned char *blk[NBLOCKS];
	static size_t len[NBLOCKS];
	unsigned seed = 1;

	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < NBLOCKS; i++) {
			if (blk[i] && (round == 0 || (i + round) % 2))
				continue;
			/* mostly small, some up to 128 KiB (the big ones: mmap) */
			len[i] = i % 16 == 0 ? next_rand(&seed) % (128 * 1024)
					    : 1 + next_rand(&seed) % 2048;
			blk[i] = malloc(len[i]);
			CHECK(blk[i], "malloc(%u) failed in round %d", (unsigned)len[i], round);
			CHECK(((uintptr_t)blk[i] & 7) == 0, "malloc returned %p: not 8-aligned",
			      blk[i]);
			memset(blk[i], i, len[i]);
		}
		for (int i = 0; i < NBLOCKS; i++)
			for (size_t j = 0; j < len[i]; j++)
				CHECK(blk[i][j] == (unsigned char)i, "block %d (%u bytes at %p) "
				      "byte %u overwritten: %#x", i, (unsigned)len[i], blk[i],
				      (unsigned)j, blk[i][j]);
		for (int i = round % 2; i < NBLOCKS; i += 2) {
			free(blk[i]);
			blk[i] = NULL;
		}
	}
	for (int i = 0; i < NBLOCKS; i++) {
		free(blk[i]);
		blk[i] = NULL;
	}
	{
		unsigned char *p = calloc(1000, 3), *q;

		CHECK(p, "calloc failed");
		for (int i = 0; i < 3000; i++)
			CHECK(p[i] == 0, "calloc byte %d is %#x", i, p[i]);
		memset(p, 7, 3000);
		q = realloc(p, 100000);
		CHECK(q, "realloc to 100000 failed");
		for (int i = 0; i < 3000; i++)
			CHECK(q[i] == 7, "realloc lost byte %d", i);
		free(q);
	}
}

static void malloc_big_uses_mmap(void)
{
	char *before = sbrk(0), *p = malloc(256 * 1024);

	CHECK(p, "malloc(256K) failed: %s", errno_name(errno));
	CHECK(sbrk(0) == before, "malloc(256K) moved the break (%p -> %p)", before, sbrk(0));
	for (unsigned i = 0; i < 256 * 1024; i += PAGE_SIZE)
		p[i] = 1;
	free(p);
}

static void mmap_anon_zero(void)
{
	unsigned n = 16 * PAGE_SIZE;
	unsigned char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap: %s", errno_name(errno));
	CHECK(((uintptr_t)p & (PAGE_SIZE - 1)) == 0, "mmap returned %p: not page aligned", p);
	for (unsigned i = 0; i < n; i++)
		CHECK(p[i] == 0, "byte %u of a fresh anonymous mapping is %#x", i, p[i]);
	for (unsigned i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 13);
	for (unsigned i = 0; i < n; i++)
		CHECK(p[i] == (unsigned char)(i * 13), "byte %u did not keep its value", i);
	CHECK(munmap(p, n) == 0, "munmap: %s", errno_name(errno));
}

static int expect_segv(int (*fn)(void *), void *arg, const char *what)
{
	int st = ut_run_child(fn, arg);

	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV)
		return 1;
	ut_diag("%s: the child %s, expected killed by SIGSEGV (11)", what, ut_status_str(st));
	return 0;
}

static int child_null_write(void *unused)
{
	*(volatile int *)0 = 1;
	return 1;
}

static int child_exec_unmapped(void *unused)
{
	void (*fn)(void) = (void (*)(void))(uintptr_t)0x1000;

	fn();
	return 1;
}

static int child_write_rdonly(void *unused)
{
	volatile char *p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 2;
	if (p[0] != 0)
		return 3;
	p[0] = 1;
	return 1;
}

static void segv_null_write(void)
{
	CHECK(expect_segv(child_null_write, NULL, "write to NULL"), "no SIGSEGV");
}

static void segv_exec_unmapped(void)
{
	CHECK(expect_segv(child_exec_unmapped, NULL, "call 0x1000"), "no SIGSEGV");
}

static void segv_write_prot_read(void)
{
	CHECK(expect_segv(child_write_rdonly, NULL, "write to a PROT_READ mmap (2: mmap "
			  "failed)"), "no SIGSEGV");
}

/* A trap other than a page fault ends the child with Linux's signal for it. */
static int expect_signal(int (*fn)(void *), int sig, const char *what)
{
	int st = ut_run_child(fn, NULL);

	if (WIFSIGNALED(st) && WTERMSIG(st) == sig)
		return 1;
	ut_diag("%s: the child %s, expected killed by signal %d", what, ut_status_str(st), sig);
	return 0;
}

static int child_cli(void *unused)
{
	__asm__ volatile("cli");		/* privileged in ring 3: #GP */
	return 1;
}

static int child_int81(void *unused)
{
	__asm__ volatile("int $0x81");		/* a gate ring 3 may not use: #GP */
	return 1;
}

static int child_ud2(void *unused)
{
	__asm__ volatile("ud2");		/* #UD */
	return 1;
}

static int child_div0(void *unused)
{
	int q, zero = 0;

	/* an idiv by hand: the compiler turns 1 / x into a compare */
	__asm__ volatile("cltd\n\tidivl %2" : "=a"(q) : "a"(1), "r"(zero) : "edx");
	return q;				/* #DE before this */
}

static int child_kernel_read(void *unused)
{
	return *(volatile int *)0xFFFFF000;	/* above every split: the U/S bit refuses */
}

static int child_kernel_write(void *unused)
{
	*(volatile int *)0xFFFFF000 = 1;
	return 1;
}

/* A user access to a kernel address is the program's fault, never the kernel's. */
static void segv_kernel_address(void)
{
	CHECK(expect_segv(child_kernel_read, NULL, "read 0xFFFFF000"), "no SIGSEGV");
	CHECK(expect_segv(child_kernel_write, NULL, "write 0xFFFFF000"), "no SIGSEGV");
}

static void traps_end_the_process(void)
{
	CHECK(expect_signal(child_cli, SIGSEGV, "cli"), "cli: no SIGSEGV");
	CHECK(expect_signal(child_int81, SIGSEGV, "int $0x81"), "int $0x81: no SIGSEGV");
	CHECK(expect_signal(child_ud2, SIGILL, "ud2"), "ud2: no SIGILL");
	CHECK(expect_signal(child_div0, SIGFPE, "divide by zero"), "1/0: no SIGFPE");
}

static int child_touch(void *p)
{
	*(volatile char *)p = 1;
	return 1;
}

static void munmap_then_touch(void)
{
	char *p = mmap(NULL, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	CHECK(p != MAP_FAILED, "mmap: %s", errno_name(errno));
	memset(p, 1, 4 * PAGE_SIZE);
	CHECK(munmap(p + PAGE_SIZE, 2 * PAGE_SIZE) == 0, "munmap of the middle two pages: %s",
	      errno_name(errno));
	CHECK(p[0] == 1 && p[3 * PAGE_SIZE] == 1, "the pages beside the hole changed");
	CHECK(expect_segv(child_touch, p + PAGE_SIZE, "touch an unmapped page"), "no SIGSEGV");
	CHECK(expect_segv(child_touch, p + 3 * PAGE_SIZE - 1, "touch the hole's last byte"),
	      "no SIGSEGV");
	munmap(p, 4 * PAGE_SIZE);
}

static void mprotect_rw_r_rw(void)
{
	volatile char *p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap: %s", errno_name(errno));
	p[0] = 42;
	CHECK(mprotect((void *)p, 2 * PAGE_SIZE, PROT_READ) == 0, "mprotect(R): %s",
	      errno_name(errno));
	CHECK(p[0] == 42, "the value changed under mprotect(R)");
	CHECK(expect_segv(child_touch, (void *)p, "write after mprotect(R)"), "no SIGSEGV");
	CHECK(expect_segv(child_touch, (void *)(p + PAGE_SIZE), "write to the untouched "
			  "page after mprotect(R)"), "no SIGSEGV");
	CHECK(mprotect((void *)p, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE) == 0, "mprotect(RW): %s",
	      errno_name(errno));
	p[0] = 43;
	p[PAGE_SIZE] = 44;
	CHECK(p[0] == 43 && p[PAGE_SIZE] == 44, "writes after mprotect(RW) lost");
	errno = 0;
	CHECK(mprotect((void *)(p + 1), PAGE_SIZE, PROT_READ) == -1 && errno == EINVAL,
	      "mprotect of an unaligned address: errno %s", errno_name(errno));
	munmap((void *)p, 2 * PAGE_SIZE);
}

/* Allocate and touch 1 MiB at a time until the kernel kills us. */
static int child_hog(void *unused)
{
	for (;;) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

		if (p == MAP_FAILED)
			return 2;
		for (unsigned i = 0; i < (1 << 20); i += PAGE_SIZE)
			p[i] = 1;
	}
}

static void oom_killer(void)
{
	static char meminfo[4096];
	long long total;
	int st;

	if (ut_is_linux())
		SKIP("host Linux: an OOM kill here would hit the host");
	CHECK(ut_read_file("/proc/meminfo", meminfo, sizeof(meminfo)) > 0,
	      "/proc/meminfo: %s", errno_name(errno));
	total = ut_field(meminfo, "MemTotal");
	CHECK(total > 0, "no MemTotal line in /proc/meminfo");
	if (total >= 1024 * 1024)
		SKIP("large memory (MemTotal %lld kB: 3 GiB of user space cannot exhaust it)",
		     total);
	st = ut_run_child(child_hog, NULL);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "the hog %s, expected killed by SIGKILL (9) (2: mmap failed first)",
	      ut_status_str(st));
}

static const struct ut_case cases[] = {
	{ "stack_growth", stack_growth },
	{ "brk_sbrk", brk_sbrk },
	{ "malloc_many_sizes", malloc_many_sizes },
	{ "malloc_big_uses_mmap", malloc_big_uses_mmap },
	{ "mmap_anon_zero", mmap_anon_zero },
	{ "munmap_then_touch", munmap_then_touch },
	{ "mprotect_rw_r_rw", mprotect_rw_r_rw },
	{ "segv_null_write", segv_null_write },
	{ "segv_exec_unmapped", segv_exec_unmapped },
	{ "segv_write_prot_read", segv_write_prot_read },
	{ "segv_kernel_address", segv_kernel_address },
	{ "traps_end_the_process", traps_end_the_process },
	{ "oom_killer", oom_killer },
};
UT_SUITE(suite_mem, "user_mem", cases);
