/* SPDX-License-Identifier: MIT */
/*
 * Constants that the C compiler, NASM (through asm-offsets) and the linker
 * script all read. _AC(0x1000, UL) is "0x1000UL" in C and "0x1000" where a
 * suffix would be a syntax error (the preprocessed linker script).
 */
#ifndef _KERNEL_CONST_H
#define _KERNEL_CONST_H

#ifdef __ASSEMBLER__
#define _AC(x, y)	x
#else
#define __AC(x, y)	(x##y)
#define _AC(x, y)	__AC(x, y)
#endif

#define KiB		_AC(0x400, UL)
#define MiB		_AC(0x100000, UL)

#endif
