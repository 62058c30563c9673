/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for arch/x86/include/asm/processor.h: the same names,
 * no inline assembly. Control registers are plain variables, the
 * interrupt flag is a variable the tests can read, cpuid reports a
 * plain i686 and rdtsc counts calls.
 */
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

/* tests/host/lib/kglue.c: the simulated CPU state */
extern unsigned long host_cr[5];
extern unsigned long host_eflags;
extern u64 host_tsc;

#define DEFINE_CR(n) \
static inline unsigned long read_cr##n(void) { return host_cr[n]; } \
static inline void write_cr##n(unsigned long v) { host_cr[n] = v; }
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	(void)leaf;
	*a = *b = *c = *d = 0;
}

static inline u64 rdtsc(void)			{ return host_tsc += 1000; }
static inline unsigned long native_save_fl(void) { return host_eflags; }
static inline void local_irq_disable(void)	{ host_eflags &= ~X86_EFLAGS_IF; }
static inline void local_irq_enable(void)	{ host_eflags |= X86_EFLAGS_IF; }
static inline bool irqs_disabled(void)		{ return !(host_eflags & X86_EFLAGS_IF); }
static inline void cpu_relax(void)		{ }

void host_halt(void) __noreturn;	/* ends the current test as failed */
static inline __noreturn void halt_forever(void)
{
	host_halt();
}

struct cpuinfo_x86 {
	char vendor[13];
	u32 family, model, stepping;
	bool has_cpuid, has_tsc, has_pse, has_pae, has_pge, has_nx;
	u32 phys_bits;
};
extern struct cpuinfo_x86 boot_cpu_data;
void cpu_detect(void);

#endif
