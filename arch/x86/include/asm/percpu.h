/* SPDX-License-Identifier: MIT */
/*
 * This CPU's hot data, one segment-relative load away: the i386 per-CPU
 * segment (%fs), as Linux uses it.
 *
 Each CPU has a struct pcpu_hot (Linux 6.2 gathered the same three
 * fields into a struct of that name): the task it runs, its
 * preempt_count word and its number. It is a per-CPU variable like any
 * other (kernel/percpu.h): CPU n's copy is __per_cpu_offset[n] bytes
 * from CPU 0's, and each CPU's GDT has a data segment, __KERNEL_PERCPU,
 * whose base is that offset (its this_cpu_off; 0 for CPU 0). With %fs
 * holding that selector,
 *
 *   movl %fs:pcpu_hot+PCPU_HOT_current_task, %eax
 *
 * reads pcpu_hot[cpu].current_task on every CPU with the same
 * instruction: `current`, smp_processor_id() and preempt_disable() are
 * one instruction each (incl %fs:..., decl %fs:...), as on one CPU.
 * Every kernel entry loads %fs (entry.asm) and the exit puts the user's
 * value back, so ring 3 never sees the kernel's segment.
 *
 * Before gdt_init() %fs is the boot loader's flat segment, base 0: CPU
 * 0's offset, so the accessors already read CPU 0's copy.
 *
 * The other per-CPU variables are reached with this_cpu_ptr(), the
 * address of CPU 0's copy plus this_cpu_off (one add from %fs), or,
 * where the access is all that is needed, with this_cpu_seg(): GCC's
 * __seg_fs address space, so the access itself is %fs-relative.
 *
 * Where it differs from Linux: Linux 6.1 writes its this_cpu_read(),
 * this_cpu_inc() and friends in inline assembly (6.8 moved to __seg_gs
 * on x86-64, the same named address spaces used here); here the three
 * hot fields have their own accessors and the rest uses this_cpu_seg().
 */
#ifndef _ASM_X86_PERCPU_H
#define _ASM_X86_PERCPU_H

#include <kernel/config.h>

#define PCPU_HOT_SIZE	32	/* the stride: a power of two, one cache-line half */

#ifndef __ASSEMBLER__
struct task_struct;

struct pcpu_hot {
	struct task_struct *current_task;	/* `current` */
	unsigned int preempt_count;		/* kernel/preempt.h's word */
	int cpu_number;				/* smp_processor_id() */
	unsigned long this_cpu_off;		/* __per_cpu_offset[cpu]: the segment's base */
	unsigned long top_of_stack;		/* the running task's sp0 (its TSS esp0) */
} __attribute__((aligned(PCPU_HOT_SIZE)));

_Static_assert(sizeof(struct pcpu_hot) == PCPU_HOT_SIZE, "pcpu_hot is PCPU_HOT_SIZE bytes");

/* The %fs address space: a pointer to CPU 0's copy, dereferenced through it, is this CPU's. */
#define __percpu_seg	__seg_fs

/* A per-CPU variable (kernel/percpu.h): pcpu_hot[0] is CPU 0's copy, %fs:pcpu_hot this CPU's. */
extern __attribute__((section(".data..percpu"))) struct pcpu_hot pcpu_hot[1];

/* @addr (CPU 0's copy of something per CPU) moved to this CPU's: add %fs:this_cpu_off. */
static inline __attribute__((always_inline)) unsigned long __this_cpu_offset(unsigned long addr)
{
	__asm__("add %%fs:%1, %0" : "=r"(addr) : "m"(pcpu_hot[0].this_cpu_off), "0"(addr));
	return addr;
}

/* Read or write this CPU's @field: one %fs-relative instruction. */
#define this_cpu_read_hot(field) ({						\
	__typeof__(pcpu_hot[0].field) __v;					\
	__asm__ __volatile__("mov %%fs:%1, %0" : "=r"(__v) : "m"(pcpu_hot[0].field));	\
	__v;									\
})
/* The same for a value that cannot change under this code (current). */
#define this_cpu_read_hot_stable(field) ({					\
	__typeof__(pcpu_hot[0].field) __v;					\
	__asm__("mov %%fs:%1, %0" : "=r"(__v) : "m"(pcpu_hot[0].field));	\
	__v;									\
})
#define this_cpu_write_hot(field, val) do {					\
	__typeof__(pcpu_hot[0].field) __v = (val);				\
	__asm__ __volatile__("mov %1, %%fs:%0" : "=m"(pcpu_hot[0].field) : "r"(__v) : "memory"); \
} while (0)
/* Add @n to this CPU's preempt_count word (one instruction: an interrupt sees it whole). */
#define this_cpu_add_preempt(n)							\
	__asm__ __volatile__("addl %1, %%fs:%0" : "+m"(pcpu_hot[0].preempt_count) : "ir"((unsigned int)(n)) : "memory")
#define this_cpu_and_preempt(m)							\
	__asm__ __volatile__("andl %1, %%fs:%0" : "+m"(pcpu_hot[0].preempt_count) : "ir"((unsigned int)(m)) : "memory")
#define this_cpu_or_preempt(m)							\
	__asm__ __volatile__("orl %1, %%fs:%0" : "+m"(pcpu_hot[0].preempt_count) : "ir"((unsigned int)(m)) : "memory")
/* Decrement the word; true when it reached 0 (decl + the zero flag). */
static inline __attribute__((always_inline)) int this_cpu_dec_and_test_preempt(void)
{
	int zero;

	__asm__ __volatile__("decl %%fs:%1" : "=@ccz"(zero), "+m"(pcpu_hot[0].preempt_count) :: "memory");
	return zero;
}
#endif

#endif
