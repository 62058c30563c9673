/* SPDX-License-Identifier: MIT */
/*
 * The host build's pcpu_hot (arch/x86/include/asm/percpu.h): one CPU,
 * plain memory accesses (the host's %fs is its own thread pointer).
 */
#ifndef _ASM_X86_PERCPU_H
#define _ASM_X86_PERCPU_H

#include <kernel/config.h>

#define PCPU_HOT_SIZE	64

struct task_struct;

struct pcpu_hot {
	struct task_struct *current_task;
	unsigned int preempt_count;
	int cpu_number;
	unsigned long this_cpu_off;
	unsigned long top_of_stack;
} __attribute__((aligned(PCPU_HOT_SIZE)));

extern __attribute__((section(".data..percpu"))) struct pcpu_hot pcpu_hot[1];

static inline unsigned long __this_cpu_offset(unsigned long addr)
{
	return addr;
}

#define this_cpu_read_hot(field)		(*(volatile __typeof__(pcpu_hot[0].field) *)&pcpu_hot[0].field)
#define this_cpu_read_hot_stable(field)		(pcpu_hot[0].field)
#define this_cpu_write_hot(field, val)		((void)(pcpu_hot[0].field = (val)))
#define this_cpu_add_preempt(n)			((void)(pcpu_hot[0].preempt_count += (unsigned int)(n)))
#define this_cpu_and_preempt(m)			((void)(pcpu_hot[0].preempt_count &= (unsigned int)(m)))
#define this_cpu_or_preempt(m)			((void)(pcpu_hot[0].preempt_count |= (unsigned int)(m)))
static inline int this_cpu_dec_and_test_preempt(void)
{
	return --pcpu_hot[0].preempt_count == 0;
}

#endif
