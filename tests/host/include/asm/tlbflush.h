/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for arch/x86/include/asm/tlbflush.h: there is no TLB,
 * so a flush only counts, in the same tlb_stats the kernel keeps, and
 * records the last address so tests can check which page was flushed.
 */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

#include <asm/processor.h>

struct tlb_stats {
	unsigned long flush_one;	/* invlpg of one page */
	unsigned long flush_all;	/* CR3 reloads */
};
extern struct tlb_stats tlb_stats;
extern unsigned long host_last_flush_addr;

static inline void __flush_tlb_one(unsigned long addr)
{
	tlb_stats.flush_one++;
	host_last_flush_addr = addr;
}

static inline void __flush_tlb_all(void)
{
	tlb_stats.flush_all++;
}

#endif
