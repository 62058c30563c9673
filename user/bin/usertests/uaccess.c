// SPDX-License-Identifier: MIT
/*
 * uaccess.c: the user_uaccess suite: every pointer a system call takes,
 * given an address the process may not use, fails with EFAULT and the
 * process carries on. The bad addresses: kernel space for a 3G/1G split
 * (0xC0000000, 0xC0100000), the last page (0xFFFFF000: kernel space for
 * every split; above TASK_SIZE for a 32-bit process on a 64-bit host),
 * an unmapped user page (0x1000), and PAGE_OFFSET of the 2G and 1G splits
 * (0x80000000, 0x40000000) when /proc/self/maps shows nothing of ours
 * there. execve cases run in a child, in case the exec succeeds.
 */
#include <fcntl.h>
#include <syscall.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ut.h"

static const uintptr_t always_bad[] = { 0xC0000000, 0xC0100000, 0xFFFFF000, 0x1000 };
static const uintptr_t bad_if_unmapped[] = { 0x80000000, 0x40000000 };

/* The addresses to try now: the fixed ones and those not mapped. */
static int bad_addrs(uintptr_t *out)
{
	int n = 0;

	for (unsigned i = 0; i < sizeof(always_bad) / sizeof(always_bad[0]); i++)
		if (ut_addr_mapped(always_bad[i]) != 1)
			out[n++] = always_bad[i];
	for (unsigned i = 0; i < sizeof(bad_if_unmapped) / sizeof(bad_if_unmapped[0]); i++)
		if (ut_addr_mapped(bad_if_unmapped[i]) == 0)
			out[n++] = bad_if_unmapped[i];
	return n;
}

#define FOR_EACH_BAD(a) \
	uintptr_t bad_[8]; \
	int nbad_ = bad_addrs(bad_); \
	CHECK(nbad_ >= 3, "only %d bad addresses to try", nbad_); \
	for (int i_ = 0; i_ < nbad_ && ((a) = bad_[i_], 1); i_++)

#define CHECK_EFAULT(call, a) do { \
	errno = 0; \
	long r_ = (long)(call); \
	CHECK(r_ == -1 && errno == EFAULT, "%s with %#lx returned %ld, errno %s", \
	      #call, (unsigned long)(a), r_, errno_name(errno)); \
} while (0)

static void write_bad_buf(void)
{
	uintptr_t a;

	FOR_EACH_BAD(a)
		CHECK_EFAULT(write(STDOUT_FILENO, (void *)a, 16), a);
}

static void read_bad_buf(void)
{
	int fd = open("/dev/zero", O_RDONLY);
	uintptr_t a;

	CHECK(fd >= 0, "open /dev/zero: %s", errno_name(errno));
	FOR_EACH_BAD(a)
		CHECK_EFAULT(read(fd, (void *)a, 16), a);
	close(fd);
}

static void open_bad_path(void)
{
	uintptr_t a;

	FOR_EACH_BAD(a)
		CHECK_EFAULT(open((const char *)a, O_RDONLY), a);
}

static void uname_bad_buf(void)
{
	uintptr_t a;

	FOR_EACH_BAD(a)
		CHECK_EFAULT(uname((struct utsname *)a), a);
}

static void nanosleep_bad_req(void)
{
	uintptr_t a;

	FOR_EACH_BAD(a)
		CHECK_EFAULT(nanosleep((const struct timespec *)a, NULL), a);
}

static void wait4_bad_status(void)
{
	uintptr_t a;

	FOR_EACH_BAD(a) {
		int st;
		pid_t pid = fork();

		if (pid == 0)
			_exit(7);
		CHECK(pid > 0, "fork: %s", errno_name(errno));
		errno = 0;
		pid_t r = wait4(pid, (int *)a, 0, NULL);
		int err = errno;

		/* Linux reaps the child before it fails to store the status. */
		wait4(pid, &st, 0, NULL);
		CHECK(r == -1 && err == EFAULT, "wait4(status=%#lx) returned %d, errno %s",
		      (unsigned long)a, r, errno_name(err));
	}
}

static void wait4_bad_rusage(void)
{
	uintptr_t a;

	FOR_EACH_BAD(a) {
		int st;
		pid_t pid = fork();

		if (pid == 0)
			_exit(7);
		CHECK(pid > 0, "fork: %s", errno_name(errno));
		errno = 0;
		pid_t r = wait4(pid, &st, 0, (void *)a);
		int err = errno;

		wait4(pid, &st, 0, NULL);	/* in case the kernel kept the child */
		CHECK(r == -1 && err == EFAULT, "wait4(rusage=%#lx) returned %d, errno %s",
		      (unsigned long)a, r, errno_name(err));
	}
}

static void llseek_bad_result(void)
{
	int fd = open(ut_self_path(), O_RDONLY);
	uintptr_t a;

	CHECK(fd >= 0, "open %s: %s", ut_self_path(), errno_name(errno));
	FOR_EACH_BAD(a) {
		long r = syscall5(__NR__llseek, fd, 0, 0, a, SEEK_SET);

		CHECK(r == -EFAULT, "_llseek(result=%#lx) returned %ld", (unsigned long)a, r);
	}
	close(fd);
}

/* execve in a child: it exits with errno if the exec fails, 200 if it ran. */
enum exec_bad { BAD_PATH, BAD_ARGV, BAD_ARGV_ENTRY, BAD_ENVP };
struct exec_arg { enum exec_bad what; uintptr_t addr; };

static int child_execve(void *p)
{
	struct exec_arg *e = p;
	char *argv[] = { (char *)ut_self_path(), "--argcheck", NULL, NULL };
	char *envp[] = { "FEN=1", NULL };
	const char *path = ut_self_path();
	char **av = argv, **ev = envp;

	switch (e->what) {
	case BAD_PATH:		path = (const char *)e->addr; break;
	case BAD_ARGV:		av = (char **)e->addr; break;
	case BAD_ARGV_ENTRY:	argv[2] = (char *)e->addr; break;
	case BAD_ENVP:		ev = (char **)e->addr; break;
	}
	execve(path, av, ev);
	return errno;
}

static void execve_bad(enum exec_bad what, const char *name)
{
	uintptr_t a;

	FOR_EACH_BAD(a) {
		struct exec_arg e = { what, a };
		int st = ut_run_child(child_execve, &e);

		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == EFAULT,
		      "execve with a bad %s %#lx: child %s (%d is EFAULT; an exec that ran "
		      "exits 1..42)", name, (unsigned long)a, ut_status_str(st), EFAULT);
	}
}

static void execve_bad_path(void)	{ execve_bad(BAD_PATH, "path"); }
static void execve_bad_argv(void)	{ execve_bad(BAD_ARGV, "argv"); }
static void execve_bad_argv_entry(void)	{ execve_bad(BAD_ARGV_ENTRY, "argv[2]"); }
static void execve_bad_envp(void)	{ execve_bad(BAD_ENVP, "envp"); }

/* After all that the process still works. */
static void still_alive(void)
{
	struct utsname u;

	CHECK(getpid() > 0, "getpid");
	CHECK(uname(&u) == 0, "uname: %s", errno_name(errno));
}

static const struct ut_case cases[] = {
	{ "write_bad_buf", write_bad_buf },
	{ "read_bad_buf", read_bad_buf },
	{ "open_bad_path", open_bad_path },
	{ "uname_bad_buf", uname_bad_buf },
	{ "nanosleep_bad_req", nanosleep_bad_req },
	{ "wait4_bad_status", wait4_bad_status },
	{ "wait4_bad_rusage", wait4_bad_rusage },
	{ "llseek_bad_result", llseek_bad_result },
	{ "execve_bad_path", execve_bad_path },
	{ "execve_bad_argv", execve_bad_argv },
	{ "execve_bad_argv_entry", execve_bad_argv_entry },
	{ "execve_bad_envp", execve_bad_envp },
	{ "still_alive", still_alive },
};
UT_SUITE(suite_uaccess, "user_uaccess", cases);
