/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

#include <kernel/types.h>

/*
 * The frame arch/x86/kernel/entry.asm builds on the stack before calling
 * do_exception(), do_IRQ() or a system call (entry_INT80_32); the order matches its
 * pushes (last pushed first here). The CPU pushes sp and ss only on an
 * entry from ring 3 (a privilege change): for a trap in ring 0 the last
 * two fields are not part of the frame (they are whatever lies above it)
 * and must not be read. user_mode() tells which.
 */
struct pt_regs {
	u32 ds, es, fs;			/* fs: the interrupted code's (ring 3's own, or __KERNEL_PERCPU) */
	u32 edi, esi, ebp, esp_dummy, ebx, edx, ecx, eax;	/* pusha */
	u32 vector, error_code;		/* vector 0x80: a system call; eax its number, then result */
	u32 eip, cs, eflags;
	u32 sp, ss;			/* ring 3 only */
};

/* Did this frame come from ring 3? */
static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

#endif
