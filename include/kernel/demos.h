/* SPDX-License-Identifier: MIT */
/*
 * The end-of-boot demonstrations (kernel/demos.c): what the command line
 * asks for once the kernel is up.
 */
#ifndef _KERNEL_DEMOS_H
#define _KERNEL_DEMOS_H

/**
 * run_boot_demos - run what the command line asked for, in this order:
 * `tour` (mm/demo/tour.c), `ktest=` (the KTAP self-tests), `crash=`
 * (kernel/crash.c) and `bench` (kernel/bench/).
 *
 * An option whose code is not built into this kernel (TOUR=0, KTEST=0,
 * CRASH=0, BENCH=0, or DEMOS=0 for all four) prints one line saying so
 * and counts as a failure, so a test boot can never pass by running
 * nothing.
 * Context: end of boot, every allocator up.
 * Return: the number of failures (failed KTAP cases, missing demos).
 */
int run_boot_demos(void);

#endif
