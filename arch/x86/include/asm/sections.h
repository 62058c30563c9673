/* SPDX-License-Identifier: MIT */
/*
 * The kernel image's boundaries, defined by linker.ld (Linux:
 * asm-generic/sections.h). Each is an address, not an object: compare
 * and subtract them, never read them.
 */
#ifndef _ASM_X86_SECTIONS_H
#define _ASM_X86_SECTIONS_H

extern char _text[], _etext[];		/* code */
extern char _rodata[], _erodata[];	/* read-only data */
extern char _data[], _edata[];		/* data (with the kallsyms table) */
extern char __bss_start[], __bss_end[];	/* zeroed data */
extern char _end[];			/* the first address past the image */

#endif
