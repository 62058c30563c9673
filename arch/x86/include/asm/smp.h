/* SPDX-License-Identifier: MIT */
/* Finding and starting the other CPUs (arch/x86/kernel/smpboot.c). */
#ifndef _ASM_X86_SMP_H
#define _ASM_X86_SMP_H

#include <kernel/config.h>
#include <kernel/types.h>

/**
 * smp_find_config - read the MADT (or the MP table), the boot CPU's
 * local APIC, decide which CPUs to allow and reserve the page the APs
 * start in.
 * Context: boot, after paging_init() (the fixmap) and before mem_init()
 * (memblock still hands out memory).
 */
void smp_find_config(void);

/**
 * smp_init - start every allowed application processor with
 * INIT-SIPI-SIPI and wait, bounded, for each to call in and come online
 * on its own idle task (APIC mode first: asm/apic.h).
 * Context: the start of kernel_init (pid 1), before any user address
 * space exists.
 */
void smp_init(void);

/*
 * smp_trampoline_page - where the APs started (0 if none did); after
 * boot its identity address is mapped on no CPU. Context: any (tests).
 */
phys_addr_t smp_trampoline_page(void);

/* CPU number -> APIC ID, filled in by smp_find_config(); [0] the boot CPU. */
extern u32 x86_cpu_to_apicid[NR_CPUS];

#endif
