// SPDX-License-Identifier: MIT
/*
 * `hosttest --stress [--seed S] [--steps N] [--check-every K]`: the long
 * stress run (make stress). Each run happens in a child process, so a
 * crash (ASan report, BUG_ON) is caught too. On a failure the run is
 * repeated with the full check after every step, up to where it failed,
 * which finds the first failing step: the shortest failing run.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ht.h"

unsigned long stress_run(unsigned long long seed, unsigned long steps, unsigned long check_every);
extern unsigned long stress_step_now;
void stress_print_summary(void);

struct run {
	unsigned long long seed;
	unsigned long steps, every, bad;
};

static void do_run(void *arg)
{
	struct run *r = arg;

	r->bad = stress_run(r->seed, r->steps, r->every);
}

/* Run in a child; Return: 0 passed, else the failing step (steps + 1 if it crashed). */
static unsigned long run_child(unsigned long long seed, unsigned long steps, unsigned long every)
{
	int fds[2], status;
	unsigned long bad = 0;
	pid_t pid;

	if (pipe(fds) < 0 || (pid = fork()) < 0) {
		perror("stress");
		exit(2);
	}
	if (pid == 0) {
		struct run r = { seed, steps, every, 0 };

		close(fds[0]);
		if (ht_catch_exit(do_run, &r) != -1) {
			if (stress_step_now)
				printf("stress: the kernel stopped (panic or BUG_ON) at step %lu\n",
				       stress_step_now);
			else
				printf("stress: the kernel stopped (panic or BUG_ON) while "
				       "setting up the machine\n");
			r.bad = stress_step_now ? stress_step_now : 1;
		}
		bad = r.bad;
		if (!bad)
			stress_print_summary();
		if (bad)
			printf("%s", ht_log());	/* what the kernel printed */
		fflush(stdout);
		if (write(fds[1], &bad, sizeof(bad)) != sizeof(bad))
			_exit(3);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &bad, sizeof(bad)) != sizeof(bad))
		bad = steps + 1;		/* crashed: ASan/UBSan said why above */
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		bad = bad ? bad : steps + 1;
	return bad;
}

int stress_main(int argc, char **argv)
{
	unsigned long long seed = 1;
	unsigned long steps = 10000000, every = 100000, bad;
	struct timespec t0, t1;
	double secs;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--seed"))
			seed = strtoull(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--steps"))
			steps = strtoul(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--check-every"))
			every = strtoul(argv[i + 1], NULL, 0);
		else {
			fprintf(stderr, "usage: hosttest --stress [--seed S] [--steps N] [--check-every K]\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("stress: seed %llu, %lu operations, full check every %lu\n", seed, steps, every);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bad = run_child(seed, steps, every);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (!bad) {
		printf("stress: %lu operations in %.1f s: %.0f operations/s (ASan+UBSan build)\n",
		       steps, secs, steps / secs);
		printf("1 passed, 0 failed\n");
		return 0;
	}
	if (bad == ~0UL) {
		printf("stress: FAILED before the first step: the machine is inconsistent right "
		       "after setup (freeing its pages one at a time)\n0 passed, 1 failed\n");
		return 1;
	}
	printf("stress: FAILED by step %lu; looking for the first failing step...\n", bad);
	if (bad > steps)
		bad = steps;
	bad = run_child(seed, bad, 1);
	printf("stress: shortest failing run: seed %llu, %lu steps; reproduce with\n"
	       "  make -C tests/host stress SEED=%llu STRESS_STEPS=%lu\n", seed, bad, seed, bad);
	printf("0 passed, 1 failed\n");
	return 1;
}
