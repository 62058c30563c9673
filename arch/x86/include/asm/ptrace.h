/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

#include <kernel/types.h>

/*
 * The frame arch/x86/kernel/entry.asm builds on the stack before calling
 * do_exception(); the order matches its pushes (last pushed first here).
 * A fault in ring 0 pushes no ss/esp, so those are not in the frame.
 */
struct pt_regs {
	u32 ds, es;
	u32 edi, esi, ebp, esp_dummy, ebx, edx, ecx, eax;	/* pusha */
	u32 vector, error_code;
	u32 eip, cs, eflags;
};

#endif
