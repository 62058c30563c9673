// SPDX-License-Identifier: MIT
/*
 * misc.c: the user_misc suite: /dev/zero and /dev/null, EBADF, ENOSYS,
 * uname, nanosleep and sched_yield.
 */
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ut.h"

static void dev_zero_read(void)
{
	static unsigned char buf[3 * PAGE_SIZE];
	int fd = open("/dev/zero", O_RDONLY);

	CHECK(fd >= 0, "open /dev/zero: %s", errno_name(errno));
	memset(buf, 0xaa, sizeof(buf));
	CHECK(read(fd, buf + 1, sizeof(buf) - 2) == sizeof(buf) - 2, "read: %s",
	      errno_name(errno));
	for (unsigned i = 1; i < sizeof(buf) - 1; i++)
		CHECK(buf[i] == 0, "byte %u is %#x", i, buf[i]);
	CHECK(buf[0] == 0xaa && buf[sizeof(buf) - 1] == 0xaa, "read wrote outside the buffer");
	CHECK(close(fd) == 0, "close: %s", errno_name(errno));
}

static void dev_null_write(void)
{
	static const char msg[1000];
	int fd = open("/dev/null", O_WRONLY);
	char c;

	CHECK(fd >= 0, "open /dev/null: %s", errno_name(errno));
	CHECK(write(fd, msg, sizeof(msg)) == sizeof(msg), "write: %s", errno_name(errno));
	close(fd);
	fd = open("/dev/null", O_RDONLY);
	CHECK(fd >= 0, "open /dev/null: %s", errno_name(errno));
	CHECK(read(fd, &c, 1) == 0, "read of /dev/null is not end of file");
	close(fd);
}

static void read_closed_fd_ebadf(void)
{
	int fd = open("/dev/zero", O_RDONLY);
	char c;

	CHECK(fd >= 0, "open /dev/zero: %s", errno_name(errno));
	CHECK(close(fd) == 0, "close: %s", errno_name(errno));
	errno = 0;
	CHECK(read(fd, &c, 1) == -1 && errno == EBADF, "read of closed fd %d: errno %s", fd,
	      errno_name(errno));
	errno = 0;
	CHECK(close(fd) == -1 && errno == EBADF, "second close: errno %s", errno_name(errno));
	errno = 0;
	CHECK(write(1000, &c, 1) == -1 && errno == EBADF, "write to fd 1000: errno %s",
	      errno_name(errno));
}

static void unknown_syscall_enosys(void)
{
	long r = syscall0(500);

	CHECK(r == -ENOSYS, "system call 500 returned %ld", r);
	r = syscall0(-1L);
	CHECK(r == -ENOSYS, "system call -1 returned %ld", r);
}

static int memchr_ok(const char *f)
{
	for (int i = 0; i < _UTSNAME_LENGTH; i++)
		if (!f[i])
			return 1;
	return 0;
}

static void uname_sysname(void)
{
	struct utsname u;

	memset(&u, 0xff, sizeof(u));
	CHECK(uname(&u) == 0, "uname: %s", errno_name(errno));
	CHECK(memchr_ok(u.sysname) && memchr_ok(u.release) && memchr_ok(u.machine),
	      "a field is not NUL-terminated within 65 bytes");
	ut_diag("sysname \"%s\" release \"%s\" machine \"%s\"", u.sysname, u.release, u.machine);
	CHECK(!strcmp(u.sysname, "Linux") || !strcmp(u.sysname, "Fenestra"),
	      "sysname \"%s\" is neither Fenestra nor Linux (the host)", u.sysname);
	CHECK(u.machine[0], "machine is empty");
}

static void nanosleep_short(void)
{
	struct timespec ts = { 0, 1000 * 1000 }, bad = { 0, 1000 * 1000 * 1000 };

	CHECK(nanosleep(&ts, NULL) == 0, "nanosleep(1 ms): %s", errno_name(errno));
	errno = 0;
	CHECK(nanosleep(&bad, NULL) == -1 && errno == EINVAL,
	      "nanosleep(tv_nsec 1e9): errno %s", errno_name(errno));
}

static void yield_and_getpid(void)
{
	pid_t me = getpid();

	for (int i = 0; i < 100; i++)
		CHECK(sched_yield() == 0, "sched_yield: %s", errno_name(errno));
	CHECK(getpid() == me, "getpid changed from %d to %d", me, getpid());
}

/* Load @v into st(0) (an empty stack first). */
static void fpu_load(int v)
{
	__asm__ volatile("fninit\n\tfildl %0" :: "m"(v));
}

/* Pop st(0) as an integer. */
static int fpu_pop(void)
{
	int v;

	__asm__ volatile("fistpl %0" : "=m"(v));
	return v;
}

/*
 * Each process has its own x87 registers: a child that loads and keeps
 * another value while both yield back and forth does not change ours,
 * and ours does not show through in it.
 */
static void fpu_registers_per_process(void)
{
	int status;
	pid_t pid;

	fpu_load(1234);
	pid = fork();
	if (pid == 0) {
		fpu_load(-777);
		for (int i = 0; i < 20; i++)
			sched_yield();
		_exit(fpu_pop() == -777 ? 0 : 1);
	}
	CHECK(pid > 0, "fork: %s", errno_name(errno));
	for (int i = 0; i < 20; i++)
		sched_yield();
	CHECK(wait4(pid, &status, 0, NULL) == pid, "wait4: %s", errno_name(errno));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child's st(0) changed while it yielded: %s", ut_status_str(status));
	CHECK(fpu_pop() == 1234, "our st(0) changed while the child ran");
}

static const struct ut_case cases[] = {
	{ "dev_zero_read", dev_zero_read },
	{ "dev_null_write", dev_null_write },
	{ "read_closed_fd_ebadf", read_closed_fd_ebadf },
	{ "unknown_syscall_enosys", unknown_syscall_enosys },
	{ "uname_sysname", uname_sysname },
	{ "nanosleep_short", nanosleep_short },
	{ "yield_and_getpid", yield_and_getpid },
	{ "fpu_registers_per_process", fpu_registers_per_process },
};
UT_SUITE(suite_misc, "user_misc", cases);
