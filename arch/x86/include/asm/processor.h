/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#include <kernel/types.h>
#include <kernel/compiler.h>

#define X86_CR0_WP	(1U << 16)
#define X86_CR0_PG	(1U << 31)
#define X86_CR4_PSE	(1U << 4)
#define X86_CR4_PAE	(1U << 5)
#define X86_CR4_PGE	(1U << 7)
#define X86_EFLAGS_IF	(1U << 9)
#define X86_EFLAGS_ID	(1U << 21)

#define DEFINE_CR(n) \
static inline unsigned long read_cr##n(void) \
{ unsigned long v; __asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v)); return v; } \
static inline void write_cr##n(unsigned long v) \
{ __asm__ __volatile__("mov %0, %%cr" #n :: "r"(v) : "memory"); }
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

#define MSR_EFER	0xC0000080
#define EFER_NXE	(1U << 11)	/* honour the NX bit of PAE entries */

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr" :: "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)) : "memory");
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/*
 * EFLAGS. "=rm", as Linux's: the compiler may pop straight into the stack
 * slot of a local_irq_save() flags variable instead of spending one of
 * i386's six registers on it across the section (pop computes a %esp-based
 * destination after its own increment, so that is safe).
 */
static inline unsigned long native_save_fl(void)
{
	unsigned long f;
	__asm__ __volatile__("pushfl; popl %0" : "=rm"(f) :: "memory");
	return f;
}

static inline void local_irq_disable(void)	{ __asm__ __volatile__("cli" ::: "memory"); }
static inline void local_irq_enable(void)	{ __asm__ __volatile__("sti" ::: "memory"); }
static inline bool irqs_disabled(void)		{ return !(native_save_fl() & X86_EFLAGS_IF); }
static inline void cpu_relax(void)		{ __asm__ __volatile__("pause" ::: "memory"); }

static inline __noreturn void halt_forever(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

/* CPU features the kernel cares about, filled by cpu_detect(). */
struct cpuinfo_x86 {
	char vendor[13];
	u32 family, model, stepping;
	bool has_cpuid, has_tsc, has_pse, has_pae, has_pge, has_nx, has_pse36, has_apic;
	u32 phys_bits;
};
extern struct cpuinfo_x86 boot_cpu_data;
void cpu_detect(void);

#endif
