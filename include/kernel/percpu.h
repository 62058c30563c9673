/* SPDX-License-Identifier: MIT */
/*
 * Per-CPU data: one copy of a variable for each CPU, reached only
 * through the accessors below, so that the code that uses it already
 * says "this CPU's copy" the day a second CPU exists.
 *
 * A per-CPU object here is an array of NR_CPUS copies, indexed by CPU:
 *
 *   DEFINE_PER_CPU(int, hits);                  int hits[NR_CPUS]
 *   this_cpu_ptr(hits)                          &hits[smp_processor_id()]
 *   per_cpu(hits, 2)                            hits[2]
 *
 * and a per-CPU member of a structure (a zone's pcp lists, a cache's
 * CPU slab) is declared with PER_CPU_MEMBER() and reached the same way:
 * this_cpu_ptr(zone->pcp). smp_processor_id() is one %fs-relative load
 * (asm/percpu.h), so an accessor is that load and an indexed access.
 *
 * Where it differs from Linux: Linux puts per-CPU variables in a section
 * copied once per CPU and finds this CPU's copy through a segment
 * register (%fs on i386), so its accessors take a pointer into the first
 * copy (per_cpu_ptr(&var, cpu)) and struct members are __percpu pointers
 * from alloc_percpu(). The accessor names and their meaning are Linux's;
 * the array is the simplest storage that works before there is a per-CPU
 * allocator; only the hottest three values (current, preempt_count, the
 * CPU number) are in the %fs segment, as Linux 6.2's pcpu_hot.
 * this_cpu_ptr() is only meaningful while the caller cannot move to
 * another CPU; a read-modify-write of a per-CPU variable can also be
 * interleaved with a preempting task or an interrupt handler's, so such
 * updates are made with preemption or interrupts off.
 */
#ifndef _KERNEL_PERCPU_H
#define _KERNEL_PERCPU_H

#include <asm/percpu.h>		/* pcpu_hot: current, preempt_count, the CPU number via %fs */
#include <kernel/config.h>
#include <kernel/cpumask.h>	/* for_each_possible_cpu() */

#define DECLARE_PER_CPU(type, name)	extern __typeof__(type) name[NR_CPUS]
#define DEFINE_PER_CPU(type, name)	__typeof__(type) name[NR_CPUS]
#define PER_CPU_MEMBER(type, name)	__typeof__(type) name[NR_CPUS]

/*
 * The CPU this code runs on: one load through %fs (asm/percpu.h). It is
 * only stable while the caller cannot move: since a task here stays on
 * the CPU it was first woken on (kernel/sched/core.c), that is always,
 * but code still reads it with preemption or interrupts off wherever a
 * Linux task could migrate.
 */
#define smp_processor_id()		this_cpu_read_hot(cpu_number)

#define per_cpu_ptr(var, cpu)		(&(var)[(cpu)])
#define per_cpu(var, cpu)		(*per_cpu_ptr(var, cpu))
#define this_cpu_ptr(var)		per_cpu_ptr(var, smp_processor_id())
#define this_cpu_read(var)		(*this_cpu_ptr(var))
#define this_cpu_write(var, val)	((void)(*this_cpu_ptr(var) = (val)))

#endif
