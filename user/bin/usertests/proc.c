// SPDX-License-Identifier: MIT
/*
 * proc.c: the user_proc suite: fork, exec, wait, exit codes, copy-on-write
 * isolation and kill. Every child reports through its exit code, so a case
 * needs nothing but wait4 to see what happened in the child.
 */
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ut.h"

/* Every exit code 0..255 reaches the parent through WEXITSTATUS. */
static void fork_exit_codes(void)
{
	for (int code = 0; code < 256; code++) {
		int status;
		pid_t pid = fork();

		if (pid == 0)
			_exit(code);
		CHECK(pid > 0, "fork: %s", errno_name(errno));
		CHECK(wait4(pid, &status, 0, NULL) == pid, "wait4: %s", errno_name(errno));
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == code,
		      "child of exit(%d): %s (status 0x%x)", code, ut_status_str(status), status);
	}
}

static int child_ppid(void *parent)
{
	return getppid() == *(pid_t *)parent ? 0 : 1;
}

static void getppid_in_child(void)
{
	pid_t me = getpid();
	int st = ut_run_child(child_ppid, &me);

	CHECK(me > 0, "getpid: %d", me);
	CHECK(st == 0, "child: %s (1: getppid() != parent's getpid() %d)", ut_status_str(st), me);
}

static void waitpid_nonchild_echild(void)
{
	int status;
	pid_t pid;

	errno = 0;
	CHECK(waitpid(-1, &status, 0) == -1 && errno == ECHILD,
	      "waitpid(-1) with no children: errno %s", errno_name(errno));
	errno = 0;
	CHECK(waitpid(getppid(), &status, 0) == -1 && errno == ECHILD,
	      "waitpid(parent): errno %s", errno_name(errno));
	pid = fork();
	if (pid == 0)
		_exit(0);
	CHECK(pid > 0, "fork: %s", errno_name(errno));
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid(child): %s", errno_name(errno));
	errno = 0;
	CHECK(waitpid(pid, &status, 0) == -1 && errno == ECHILD,
	      "waitpid(reaped child %d): errno %s", pid, errno_name(errno));
}

static void execve_missing_enoent(void)
{
	char *argv[] = { "/no/such/program", NULL };
	char *envp[] = { NULL };

	errno = 0;
	CHECK(execve(argv[0], argv, envp) == -1 && errno == ENOENT,
	      "execve(%s): errno %s", argv[0], errno_name(errno));
}

/* usertests --argcheck: exec'd by execve_argv_envp; exit 42 iff argv and
 * envp arrived exactly, else the number of the first thing that differs. */
static const char *const want_argv[] = { "--argcheck", "one", "two words", "" };
static const char *const want_envp[] = { "FEN_A=1", "FEN_B=two words" };

int argcheck_main(int argc, char **argv, char **envp);
int argcheck_main(int argc, char **argv, char **envp)
{
	int n = 0;

	if (argc != 5)
		return 1;
	for (int i = 0; i < 4; i++)
		if (strcmp(argv[i + 1], want_argv[i]))
			return 2 + i;
	if (argv[5] != NULL)
		return 6;
	for (; envp[n]; n++)
		if (n >= 2 || strcmp(envp[n], want_envp[n]))
			return 7 + (n < 2 ? n : 2);
	if (n != 2)
		return 10;
	if (!getenv("FEN_B") || strcmp(getenv("FEN_B"), "two words"))
		return 11;
	return 42;
}

static int child_exec_argcheck(void *unused)
{
	char *argv[] = { (char *)ut_self_path(), "--argcheck", "one", "two words", "", NULL };
	char *envp[] = { "FEN_A=1", "FEN_B=two words", NULL };

	execve(argv[0], argv, envp);
	return 100 + errno;
}

static void execve_argv_envp(void)
{
	int st = ut_run_child(child_exec_argcheck, NULL);

	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42,
	      "exec of %s --argcheck: %s (42: all arrived; 1-11: argument/environment "
	      "differs; 100+errno: execve failed)", ut_self_path(), ut_status_str(st));
}

/* Copy-on-write: three pages each of a global, the heap and the stack. */
#define COW_BYTES	(3 * PAGE_SIZE)
static unsigned char cow_global[COW_BYTES];

static void fill(unsigned char *p, unsigned char seed)
{
	for (unsigned i = 0; i < COW_BYTES; i++)
		p[i] = (unsigned char)(seed + i / 7);
}

static int same(const unsigned char *p, unsigned char seed)
{
	for (unsigned i = 0; i < COW_BYTES; i++)
		if (p[i] != (unsigned char)(seed + i / 7))
			return 0;
	return 1;
}

struct cow { unsigned char *heap, *stack; };

static int child_cow(void *arg)
{
	struct cow *c = arg;

	if (!same(cow_global, 1) || !same(c->heap, 2) || !same(c->stack, 3))
		return 2;	/* did not see the parent's data */
	fill(cow_global, 11);
	fill(c->heap, 12);
	fill(c->stack, 13);
	if (!same(cow_global, 11) || !same(c->heap, 12) || !same(c->stack, 13))
		return 3;	/* own writes did not stick */
	return 0;
}

static void cow_isolation(void)
{
	unsigned char stack[COW_BYTES];
	struct cow c = { malloc(COW_BYTES), stack };
	int st;

	CHECK(c.heap, "malloc(%u) failed", COW_BYTES);
	fill(cow_global, 1);
	fill(c.heap, 2);
	fill(stack, 3);
	st = ut_run_child(child_cow, &c);
	CHECK(st == 0, "child: %s (2: parent's data not visible; 3: own writes lost)",
	      ut_status_str(st));
	CHECK(same(cow_global, 1), "the child's write reached the parent's global");
	CHECK(same(c.heap, 2), "the child's write reached the parent's heap");
	CHECK(same(stack, 3), "the child's write reached the parent's stack");
	free(c.heap);
}

static int grandchild_cow(void *unused)
{
	if (!same(cow_global, 21))
		return 2;
	fill(cow_global, 31);
	return same(cow_global, 31) ? 0 : 3;
}

static int child_nested(void *unused)
{
	int st;

	if (!same(cow_global, 1))
		return 5;
	fill(cow_global, 21);
	st = ut_run_child(grandchild_cow, NULL);
	if (st != 0)
		return 6;
	return same(cow_global, 21) ? 0 : 7;
}

static void cow_nested_fork(void)
{
	int st;

	fill(cow_global, 1);
	st = ut_run_child(child_nested, NULL);
	CHECK(st == 0, "child: %s (5: parent's data not seen; 6: grandchild failed; "
	      "7: grandchild's write reached the child)", ut_status_str(st));
	CHECK(same(cow_global, 1), "a descendant's write reached the parent");
}

/* The parent writes right after fork; the child, a moment later, must still
 * see the value from before the fork. */
static void cow_parent_writes(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	int status;
	pid_t pid;

	fill(cow_global, 41);
	pid = fork();
	if (pid == 0) {
		nanosleep(&ts, NULL);
		for (int i = 0; i < 10; i++)
			sched_yield();
		_exit(same(cow_global, 41) ? 0 : 1);
	}
	CHECK(pid > 0, "fork: %s", errno_name(errno));
	fill(cow_global, 51);
	CHECK(wait4(pid, &status, 0, NULL) == pid, "wait4: %s", errno_name(errno));
	CHECK(status == 0, "child: %s (1: the parent's write after fork reached it)",
	      ut_status_str(status));
	CHECK(same(cow_global, 51), "the parent lost its own write");
}

/*
 * With several CPUs a new process is placed at its first wake-up (fork) on
 * the CPU with the fewest runnable tasks, and stays there: while the parent
 * runs, an idle CPU is such a one. Each child sleeps (so it is no load when
 * its younger sibling is placed) and reports /proc/self/stat's field 39
 * ("processor") through its exit code. One CPU: everyone on CPU 0.
 */
#define SPREAD_KIDS	8

static void fork_places_on_other_cpus(void)
{
	int ncpus = ut_online_cpus(), me = ut_task_cpu(getpid()), away = 0, status;
	pid_t kids[SPREAD_KIDS];
	int cpu[SPREAD_KIDS];

	if (ut_is_linux())
		SKIP("the host's scheduler places and migrates tasks as it likes");
	CHECK(ncpus >= 1, "/proc/interrupts names no CPU column");
	CHECK(me >= 0 && me < ncpus, "/proc/self/stat processor %d with %d CPU(s) online", me, ncpus);
	for (int i = 0; i < SPREAD_KIDS; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			struct timespec t = { 0, 20 * 1000 * 1000 };
			int c = ut_task_cpu(getpid());

			nanosleep(&t, NULL);
			_exit(c == ut_task_cpu(getpid()) ? c & 0x7f : 0x80);	/* no migration */
		}
		CHECK(kids[i] > 0, "fork: %s", errno_name(errno));
	}
	for (int i = 0; i < SPREAD_KIDS; i++) {
		CHECK(waitpid(kids[i], &status, 0) == kids[i], "waitpid: %s", errno_name(errno));
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) != 0x80,
		      "child %d: %s (128: its processor field changed while it slept)", i,
		      ut_status_str(status));
		cpu[i] = WEXITSTATUS(status);
		CHECK(cpu[i] < ncpus, "child %d: processor %d with %d CPU(s) online", i, cpu[i], ncpus);
		away += cpu[i] != me;
	}
	ut_diag("%d CPU(s) online; parent on CPU %d, children on %d %d %d %d %d %d %d %d", ncpus,
		me, cpu[0], cpu[1], cpu[2], cpu[3], cpu[4], cpu[5], cpu[6], cpu[7]);
	if (ncpus == 1)
		CHECK(me == 0 && away == 0, "one CPU: every process on CPU 0");
	else
		CHECK(away > 0, "%d CPUs online, but every child was placed on the parent's CPU %d",
		      ncpus, me);
}

/*
 * Copy-on-write broken from two CPUs at once: parent and child write the
 * same shared pages concurrently (the child is on another CPU when there
 * is one), each one word per page at its own offset, over and over. The
 * fault that copies a page reads it while the other process may be
 * faulting on it too; the one that finds itself the last user keeps the
 * page. If a page were kept while the other was still copying it (a
 * reference dropped before the copy), or a stale writable TLB entry let a
 * write through to the shared page, one process would see the other's word
 * or lose the pattern from before fork. Each checks every page of its own.
 */
#define RACE_PAGES	32
#define RACE_ROUNDS	20
static unsigned char race_area[RACE_PAGES * PAGE_SIZE];

static int race_check(unsigned int mine, unsigned int theirs, unsigned int round)
{
	for (unsigned int pg = 0; pg < RACE_PAGES; pg++) {
		const unsigned int *w = (const unsigned int *)(race_area + pg * PAGE_SIZE);

		if (w[mine] != 0x10000 * round + pg)
			return 1;		/* our own write is gone */
		if (w[theirs] != 0xc0c0c0c0u)
			return 2;		/* the other process's write reached us */
		if (w[7] != 0x5a5a0000u + pg)
			return 3;		/* the pre-fork contents were lost */
	}
	return 0;
}

static int race_writer(unsigned int mine, unsigned int theirs)
{
	for (unsigned int round = 1; round <= RACE_ROUNDS; round++) {
		for (unsigned int pg = 0; pg < RACE_PAGES; pg++)
			((volatile unsigned int *)(race_area + pg * PAGE_SIZE))[mine] =
				0x10000 * round + pg;
		int r = race_check(mine, theirs, round);

		if (r)
			return r;
	}
	return 0;
}

static void cow_concurrent_two_cpus(void)
{
	int status, r;
	pid_t pid;

	for (unsigned int pg = 0; pg < RACE_PAGES; pg++) {
		unsigned int *w = (unsigned int *)(race_area + pg * PAGE_SIZE);

		for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
			w[i] = 0xc0c0c0c0u;
		w[7] = 0x5a5a0000u + pg;
	}
	pid = fork();			/* every page shared, read-only in both */
	if (pid == 0)
		_exit(race_writer(1, 0));
	CHECK(pid > 0, "fork: %s", errno_name(errno));
	r = race_writer(0, 1);
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid: %s", errno_name(errno));
	CHECK(r == 0, "parent: check %d failed (1: own write lost, 2: the child's write "
	      "reached the parent, 3: pre-fork contents lost)", r);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s (1: own write lost, "
	      "2: the parent's write reached the child, 3: pre-fork contents lost)",
	      ut_status_str(status));
}

static void kill_sigkill(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		for (;;)
			sched_yield();
	CHECK(pid > 0, "fork: %s", errno_name(errno));
	sched_yield();
	CHECK(kill(pid, SIGKILL) == 0, "kill(%d, SIGKILL): %s", pid, errno_name(errno));
	CHECK(wait4(pid, &status, 0, NULL) == pid, "wait4: %s", errno_name(errno));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "child: %s",
	      ut_status_str(status));
	errno = 0;
	CHECK(kill(pid, 0) == -1 && errno == ESRCH, "kill(reaped pid, 0): errno %s",
	      errno_name(errno));
}

/* A SIGKILL ends a child asleep in nanosleep() (a killable sleep) at once. */
static void kill_wakes_sleeper(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec t = { 100000, 0 };	/* a day and more */

		nanosleep(&t, NULL);
		_exit(3);
	}
	CHECK(pid > 0, "fork: %s", errno_name(errno));
	for (int i = 0; i < 3; i++)
		sched_yield();			/* let it fall asleep */
	CHECK(kill(pid, SIGKILL) == 0, "kill(%d, SIGKILL): %s", pid, errno_name(errno));
	CHECK(wait4(pid, &status, 0, NULL) == pid, "wait4: %s", errno_name(errno));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "sleeping child: %s",
	      ut_status_str(status));
}

/* Signals to init are ignored (Linux: SIGNAL_UNKILLABLE); a non-root host refuses them. */
static void kill_init_ignored(void)
{
	errno = 0;
	long r = kill(1, SIGKILL);

	if (ut_is_linux())
		CHECK(r == 0 || errno == EPERM, "kill(1): %s", errno_name(errno));
	else
		CHECK(r == 0, "kill(1, SIGKILL) returned %ld (%s)", r, errno_name(errno));
	CHECK(getppid() >= 0, "still here");
}

/*
 * A fork bomb is contained: forking sleeping children until fork() fails
 * ends in EAGAIN (the kernel's max_threads) or ENOMEM, never a hung or
 * dead kernel, and every child is killed and reaped afterwards. Only
 * below 256 MiB (at 128M max_threads is about 2,000) and not on the host.
 */
static void fork_bomb_contained(void)
{
	static char meminfo[4096];
	static pid_t kids[8192];
	int n = 0, err = 0, status;

	if (ut_is_linux())
		SKIP("host Linux: a fork bomb here would hit the host");
	CHECK(ut_read_file("/proc/meminfo", meminfo, sizeof(meminfo)) > 0,
	      "/proc/meminfo: %s", errno_name(errno));
	if (ut_field(meminfo, "MemTotal") >= 256 * 1024)
		SKIP("MemTotal 256 MiB or more: max_threads is thousands of processes");
	while (n < (int)(sizeof(kids) / sizeof(kids[0]))) {
		pid_t pid = fork();

		if (pid == 0) {
			struct timespec t = { 100000, 0 };

			nanosleep(&t, NULL);
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		kids[n++] = pid;
	}
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		CHECK(wait4(kids[i], &status, 0, NULL) == kids[i], "wait4 %d: %s", kids[i],
		      errno_name(errno));
	ut_diag("%d children before fork() failed with %s", n, errno_name(err));
	CHECK(err == EAGAIN || err == ENOMEM, "fork stopped with %s after %d children",
	      errno_name(err), n);
}

static const struct ut_case cases[] = {
	{ "fork_exit_codes", fork_exit_codes },
	{ "getppid_in_child", getppid_in_child },
	{ "waitpid_nonchild_echild", waitpid_nonchild_echild },
	{ "execve_missing_enoent", execve_missing_enoent },
	{ "execve_argv_envp", execve_argv_envp },
	{ "cow_isolation", cow_isolation },
	{ "cow_nested_fork", cow_nested_fork },
	{ "cow_parent_writes", cow_parent_writes },
	{ "cow_concurrent_two_cpus", cow_concurrent_two_cpus },
	{ "fork_places_on_other_cpus", fork_places_on_other_cpus },
	{ "kill_sigkill", kill_sigkill },
	{ "kill_wakes_sleeper", kill_wakes_sleeper },
	{ "kill_init_ignored", kill_init_ignored },
	{ "fork_bomb_contained", fork_bomb_contained },
};
UT_SUITE(suite_proc, "user_proc", cases);
