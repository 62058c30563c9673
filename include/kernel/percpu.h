/*
 * Per-CPU data: one copy of a variable for each CPU, reached only
 * through the accessors below.
 *
 *   DEFINE_PER_CPU(int, hits);           in .data..percpu: CPU 0's copy
 *   this_cpu_ptr(hits)                   this CPU's copy
 *   per_cpu_ptr(hits, 2), per_cpu(hits, 2)   CPU 2's copy
 *
 * How this works, as Linux does it on i386: every DEFINE_PER_CPU
 * variable goes into one section, .data..percpu (linker.ld), which is
 * CPU 0's copy of all of them. The linker reserves NR_CPUS - 1 more
 * copies of the section in .bss, and setup_per_cpu_areas() (mm/percpu.c)
 * fills them from CPU 0's first thing at boot. CPU n's copy of any
 * variable is then at the same distance from CPU 0's, its offset
 *
 *   __per_cpu_offset[n]    0 for CPU 0; the same for every variable
 *
 * and each CPU's GDT has a data segment, __KERNEL_PERCPU, whose base is
 * that offset (arch/x86/kernel/desc.c). With %fs holding it, %fs:var is
 * this CPU's copy of var: pcpu_hot's fields (current, preempt_count,
 * the CPU number: asm/percpu.h) are each one %fs-relative instruction,
 * and this_cpu_ptr(var) is the address plus the offset read through %fs
 * (add %fs:this_cpu_off, reg): two instructions, whatever the type.
 *
 * A per-CPU member of a structure (a zone's pcp lists, a cache's CPU
 * slab, an IRQ line's counts) is declared with PER_CPU_MEMBER(): a
 * pointer to CPU 0's copy of an object from alloc_percpu() (Linux's
 * __percpu pointers), reached with the same accessors.
 *
 * Where it differs from Linux: Linux's accessors take an address
 * (this_cpu_ptr(&var)); here a per-CPU variable is declared as an array
 * of one element, so that its name is already that address, and the
 * same accessors take a PER_CPU_MEMBER pointer. Linux allocates the
 * copies (the "first chunk") from memblock, NUMA-aware; here they are in
 * the image's .bss, NR_CPUS of them. alloc_percpu() has a fixed pool
 * (PERCPU_POOL_SIZE per CPU), where Linux grows chunks on demand.
 * this_cpu_ptr() is only meaningful while the caller cannot move to
 * another CPU: a task here never migrates after its first wake-up, but
 * read-modify-writes of per-CPU data are still made with preemption or
 * interrupts off, against the preempting task or interrupt handler.
 */
#ifndef _KERNEL_PERCPU_H
#define _KERNEL_PERCPU_H

#include <asm/percpu.h>		/* pcpu_hot: current, preempt_count, the CPU number via %fs */
#include <kernel/config.h>
#include <kernel/cpumask.h>	/* for_each_possible_cpu() */

#define __percpu_section	__attribute__((section(".data..percpu")))
#define DECLARE_PER_CPU(type, name)	extern __percpu_section __typeof__(type) name[1]
#define DEFINE_PER_CPU(type, name)	__percpu_section __typeof__(type) name[1]
#define PER_CPU_MEMBER(type, name)	__typeof__(type) *name	/* from alloc_percpu() */

/* Each CPU's distance from CPU 0's copies (mm/percpu.c); [0] is 0. */
extern unsigned long __per_cpu_offset[NR_CPUS];

/*
 * The CPU this code runs on: one load through %fs (asm/percpu.h). It is
 * only stable while the caller cannot move: since a task here stays on
 * the CPU it was first woken on (kernel/sched/core.c), that is always,
 * but code still reads it with preemption or interrupts off wherever a
 * Linux task could migrate.
 */
#define smp_processor_id()		this_cpu_read_hot_stable(cpu_number)

/* @var: a DEFINE_PER_CPU name or a PER_CPU_MEMBER pointer (CPU 0's copy). */
#define per_cpu_ptr(var, cpu)						\
	((__typeof__(&(var)[0]))((unsigned long)&(var)[0] + __per_cpu_offset[(cpu)]))
#define per_cpu(var, cpu)		(*per_cpu_ptr(var, cpu))
#define this_cpu_ptr(var)						\
	((__typeof__(&(var)[0]))__this_cpu_offset((unsigned long)&(var)[0]))
#define this_cpu_read(var)		(*this_cpu_ptr(var))
#define this_cpu_write(var, val)	((void)(*this_cpu_ptr(var) = (val)))

/*
 * alloc_percpu - a zeroed object of @type for every CPU (Linux's
 * alloc_percpu()): the pointer is CPU 0's copy, for this_cpu_ptr() and
 * per_cpu_ptr(). Context: any, boot included (no sleeping). Return: NULL
 * when the pool is full (one line printed).
 */
#define alloc_percpu(type)	((__typeof__(type) *)__alloc_percpu(sizeof(type), __alignof__(type)))
void *__alloc_percpu(unsigned long size, unsigned long align);
/* free_percpu - give back alloc_percpu()'s object (NULL: nothing). Context: any. */
void free_percpu(void *ptr);

/* setup_per_cpu_areas - fill every CPU's copy from CPU 0's. Context: the first thing at boot. */
void setup_per_cpu_areas(void);

#endif
