/* SPDX-License-Identifier: MIT */
/*
 * setjmp/longjmp for the kernel (arch/x86/lib/setjmp.asm). Used by the
 * self-test framework to abandon a failed test case, and to resume after
 * a fault a test provoked on purpose.
 */
#ifndef _KERNEL_SETJMP_H
#define _KERNEL_SETJMP_H

#include <kernel/compiler.h>

struct jmp_buf_s {
	unsigned long ebx, esi, edi, ebp, esp, eip;
};
typedef struct jmp_buf_s jmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
__noreturn void longjmp(jmp_buf env, int val);

#endif
