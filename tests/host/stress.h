/* SPDX-License-Identifier: MIT */
/* The randomized allocator driver (stress.c), shared by the unit test,
 * `make stress` (stress_main.c) and the libFuzzer entry (fuzz.c). */
#ifndef _TESTS_HOST_STRESS_H
#define _TESTS_HOST_STRESS_H

/* Build the stress machine (tiny zones with odd edges and a hole). */
void stress_setup(void);
/* One operation chosen by the 32 random bits @r. Return: 0, or -1 after
 * printing what is wrong. */
int stress_op(unsigned int r);
/* The full invariant check (O(pages)). Return: 0 or -1. */
int stress_check(void);
/* Free every live block, then check that every managed page is free. */
int stress_drain(void);
/*
 * stress_run - @steps operations from seed @seed, the full check after
 * every @check_every-th step (and at the end), the cheap counter check
 * after every step. Return: 0, or the 1-based step after which a check
 * failed, or STRESS_SETUP_FAILED when the machine is already
 * inconsistent after setup (before any operation).
 */
#define STRESS_SETUP_FAILED	(~0UL)
unsigned long stress_run(unsigned long long seed, unsigned long steps, unsigned long check_every);
/* Counts of what the run did, on stdout. */
void stress_print_summary(void);
/* The step stress_run() is at (for a run that the kernel stopped). */
extern unsigned long stress_step_now;

#endif
