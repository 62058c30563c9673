/* SPDX-License-Identifier: MIT */
/*
 * Host wrapper for arch/x86/include/asm/processor.h. The kernel's header
 * is included as it is (its constants, struct cpuinfo_x86, and inline
 * functions that are never called here); then every function that
 * executes a privileged or hardware instruction is redirected to a host
 * version: control registers and MSRs are variables, the interrupt flag
 * is a variable the tests can read, rdtsc counts, halting ends the test.
 * A new hardware helper in the kernel's header needs a line here.
 */
#ifndef _TESTS_HOST_ASM_PROCESSOR_H
#define _TESTS_HOST_ASM_PROCESSOR_H

#include_next <asm/processor.h>

/* tests/host/lib/kglue.c: the simulated CPU */
extern unsigned long host_cr[5];
extern unsigned long host_eflags;	/* IF clear: interrupts stay off */
extern u64 host_tsc;
extern u64 host_msr[4];			/* see host_msr_slot() */
void host_halt(void) __noreturn;	/* ends the current test as failed */

static inline u64 *host_msr_slot(u32 msr)
{
	return &host_msr[msr & 3];	/* the few MSRs the kernel touches */
}

#define read_cr0()		(host_cr[0])
#define read_cr2()		(host_cr[2])
#define read_cr3()		(host_cr[3])
#define read_cr4()		(host_cr[4])
#define write_cr0(v)		((void)(host_cr[0] = (v)))
#define write_cr2(v)		((void)(host_cr[2] = (v)))
#define write_cr3(v)		((void)(host_cr[3] = (v)))
#define write_cr4(v)		((void)(host_cr[4] = (v)))
#define rdmsr(msr)		(*host_msr_slot(msr))
#define wrmsr(msr, v)		((void)(*host_msr_slot(msr) = (v)))
#define cpuid(leaf, a, b, c, d)	((void)(leaf), *(a) = *(b) = *(c) = *(d) = 0)
#define rdtsc()			(host_tsc += 1000)
#define native_save_fl()	(host_eflags)
#define local_irq_disable()	((void)(host_eflags &= ~X86_EFLAGS_IF))
#define local_irq_enable()	((void)(host_eflags |= X86_EFLAGS_IF))
#define irqs_disabled()		(!(host_eflags & X86_EFLAGS_IF))
#define cpu_relax()		((void)0)
#define halt_forever()		host_halt()

#endif
