/* SPDX-License-Identifier: MIT */
/*
 * Constants NASM needs, taken from the C headers at build time (never
 * copied by hand). The compiler turns each DEFINE into a marker line in
 * its assembly output; tools/gen-asm-offsets.sh rewrites the markers as
 * NASM %defines in build/gen/asm-offsets.inc.
 */
#include <asm/memlayout.h>
#include <asm/multiboot.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <kernel/setjmp.h>

#define DEFINE(sym, val) \
	__asm__ __volatile__("\n.ascii \"->" #sym " %c0\"" :: "i"((unsigned long long)(val)))

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(PAGE_OFFSET, PAGE_OFFSET);
	DEFINE(PAGE_SHIFT, PAGE_SHIFT);
	DEFINE(PAGE_SIZE, PAGE_SIZE);
	DEFINE(PGDIR_SHIFT, PGDIR_SHIFT);
	DEFINE(KERNEL_LOAD_PHYS, KERNEL_LOAD_PHYS);
	DEFINE(EARLY_MAP_SIZE, EARLY_MAP_SIZE);
	DEFINE(KERNEL_STACK_SIZE, KERNEL_STACK_SIZE);
	DEFINE(KERNPG_TABLE, _KERNPG_TABLE);
	DEFINE(PAGE_KERNEL_BITS, __PAGE_KERNEL_EXEC);
	DEFINE(CONFIG_X86_PAE, IS_ENABLED(CONFIG_X86_PAE));
	DEFINE(PTE_SIZE, sizeof(pte_t));
	DEFINE(PMD_SHIFT, PMD_SHIFT);
	DEFINE(PTE_PRESENT, _PAGE_PRESENT);
	DEFINE(MULTIBOOT_HEADER_MAGIC, MULTIBOOT_HEADER_MAGIC);
	DEFINE(MULTIBOOT_HEADER_FLAGS, MULTIBOOT_HEADER_FLAGS);
	DEFINE(CR0_PG_WP, X86_CR0_PG | X86_CR0_WP);
	DEFINE(PT_REGS_SIZE, sizeof(struct pt_regs));
	DEFINE(JB_EBX, offsetof(struct jmp_buf_s, ebx));
	DEFINE(JB_ESI, offsetof(struct jmp_buf_s, esi));
	DEFINE(JB_EDI, offsetof(struct jmp_buf_s, edi));
	DEFINE(JB_EBP, offsetof(struct jmp_buf_s, ebp));
	DEFINE(JB_ESP, offsetof(struct jmp_buf_s, esp));
	DEFINE(JB_EIP, offsetof(struct jmp_buf_s, eip));
}
