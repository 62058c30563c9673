/* SPDX-License-Identifier: MIT */
/*
 * Which CPUs exist and which run the kernel: one bit per CPU number.
 *
 *   cpu_possible_mask  the CPUs the firmware listed and the kernel allows
 *                      (at most NR_CPUS; "smpboot: Allowing N CPUs"):
 *                      per-CPU data exists for each
 *   cpu_online_mask    the CPUs that run kernel code
 *
 * CPU 0 is the boot CPU, always in both. Each other CPU sets its online
 * bit itself once it can run tasks (start_secondary(),
 * arch/x86/kernel/smpboot.c).
 *
 * Where it differs from Linux: a cpumask here is one word (NR_CPUS is at
 * most 32), not a bitmap of NR_CPUS bits; there is no cpu_present_mask
 * (no hotplug: every possible CPU is present) and no cpu_active_mask.
 */
#ifndef _KERNEL_CPUMASK_H
#define _KERNEL_CPUMASK_H

#include <kernel/config.h>
#include <kernel/types.h>

_Static_assert(NR_CPUS <= 32, "a cpumask is one 32-bit word");

extern unsigned long __cpu_possible_mask, __cpu_online_mask;

static inline bool cpu_possible(unsigned int cpu)
{
	return cpu < NR_CPUS && (__cpu_possible_mask >> cpu) & 1;
}

static inline bool cpu_online(unsigned int cpu)
{
	return cpu < NR_CPUS && (__cpu_online_mask >> cpu) & 1;
}

static inline unsigned int num_possible_cpus(void)
{
	return (unsigned int)__builtin_popcountl(__cpu_possible_mask);
}

static inline unsigned int num_online_cpus(void)
{
	return (unsigned int)__builtin_popcountl(__cpu_online_mask);
}

/* set_cpu_possible - count @cpu in (or out of) the possible CPUs. Context: boot. */
void set_cpu_possible(unsigned int cpu, bool possible);

/* set_cpu_online - @cpu runs tasks (or stopped). Context: that CPU, at bring-up. */
void set_cpu_online(unsigned int cpu, bool online);

/*
 * A set of CPUs as a value: bit n is CPU n (NR_CPUS <= 32). Linux's
 * struct cpumask is a bitmap of NR_CPUS bits passed by pointer; one word
 * is enough here, so it is passed by value.
 */
typedef unsigned long cpumask_t;

#define cpu_online_mask		(__atomic_load_n(&__cpu_online_mask, __ATOMIC_ACQUIRE))
#define cpu_possible_mask	(__cpu_possible_mask)
#define cpumask_of(cpu)		(1UL << (cpu))
#define cpumask_test_cpu(cpu, m)	((((m) >> (cpu)) & 1UL) != 0)
#define cpumask_weight(m)	((unsigned int)__builtin_popcountl(m))
#define for_each_cpu(cpu, m) \
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++) if (!cpumask_test_cpu(cpu, m)) {} else

#define for_each_possible_cpu(cpu) \
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++) if (!cpu_possible(cpu)) {} else
#define for_each_online_cpu(cpu) \
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++) if (!cpu_online(cpu)) {} else

#endif
