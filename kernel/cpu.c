// SPDX-License-Identifier: MIT
/*
 * The CPU masks (include/kernel/cpumask.h): CPU 0, the boot CPU, is
 * possible and online from the first instruction; the SMP configuration
 * (arch/x86/kernel/smpboot.c) adds the other CPUs it allows to the
 * possible mask, and each CPU it starts sets its own online bit once it
 * can run tasks (start_secondary()).
 */
#include <kernel/bug.h>
#include <kernel/cpumask.h>

unsigned long __cpu_possible_mask = 1;
unsigned long __cpu_online_mask = 1;

void set_cpu_possible(unsigned int cpu, bool possible)
{
	BUG_ON(cpu >= NR_CPUS || cpu == 0);	/* the boot CPU is always possible */
	if (possible)
		__cpu_possible_mask |= 1UL << cpu;
	else
		__cpu_possible_mask &= ~(1UL << cpu);
}

void set_cpu_online(unsigned int cpu, bool online)
{
	BUG_ON(cpu >= NR_CPUS || !cpu_possible(cpu));
	if (online)
		__atomic_or_fetch(&__cpu_online_mask, 1UL << cpu, __ATOMIC_SEQ_CST);
	else
		__atomic_and_fetch(&__cpu_online_mask, ~(1UL << cpu), __ATOMIC_SEQ_CST);
}
