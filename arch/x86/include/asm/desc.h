/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

#define __KERNEL_CS	0x08
#define __KERNEL_DS	0x10

void gdt_init(void);
void idt_init(void);

#endif
