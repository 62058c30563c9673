/* SPDX-License-Identifier: MIT */
/*
 * Sizes fixed at build time that more than one subsystem depends on.
 * The Makefile's switches (PAE, VMSPLIT, DEBUG_VM) are not here: they
 * arrive as -D flags and are tested with IS_ENABLED().
 */
#ifndef _KERNEL_CONFIG_H
#define _KERNEL_CONFIG_H

/*
 * CPUs the per-CPU data is sized for (kernel/percpu.h): the most the
 * kernel will count and start (arch/x86/kernel/smpboot.c); the fixmap
 * reserves kmap_local slots for each. Which of them exist is the
 * cpu_possible_mask (kernel/cpumask.h), {0} unless the firmware lists more.
 */
#define NR_CPUS		8

/*
 * HZ: timer interrupts per second (PIT channel 0, arch/x86/kernel/i8253.c),
 * so one jiffy is 10 ms. Linux's i386 default is 250 or 1000; 100 keeps
 * a tick at 10 million instructions under QEMU -icount shift=0 (1 ns per
 * instruction), far longer than any measured operation.
 */
#define HZ		100

#endif
