/* SPDX-License-Identifier: MIT */
/*
 * Host wrapper for arch/x86/include/asm/tlbflush.h: there is no TLB, so
 * a flush only counts, in the kernel's own tlb_stats, and remembers the
 * last page flushed so tests can check which one was.
 */
#ifndef _TESTS_HOST_ASM_TLBFLUSH_H
#define _TESTS_HOST_ASM_TLBFLUSH_H

#include_next <asm/tlbflush.h>

extern unsigned long host_last_flush_addr;

#define __flush_tlb_one(addr) \
	((void)(this_cpu_ptr(tlb_stats)->flush_one++, host_last_flush_addr = (unsigned long)(addr)))
#define __flush_tlb_all()	((void)this_cpu_ptr(tlb_stats)->flush_all++)

#endif
