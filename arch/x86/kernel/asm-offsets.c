/* SPDX-License-Identifier: MIT */
/*
 * Constants NASM needs, taken from the C headers at build time (never
 * copied by hand). The compiler turns each DEFINE into a marker line in
 * its assembly output; tools/gen-asm-offsets.sh rewrites the markers as
 * NASM %defines in build/gen/asm-offsets.inc.
 *
 * The last block is not for NASM: the test harness (tools/fentest/kconst.py)
 * and the gdb helpers read those from the same file, so they never keep a
 * copy of a layout number or an exit code.
 */
#include <asm/desc.h>
#include <asm/fixmap.h>
#include <asm/irq.h>
#include <asm/memlayout.h>
#include <asm/multiboot.h>
#include <asm/percpu.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/reboot.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <kernel/setjmp.h>
#include <kernel/syscalls.h>
#include <mm/mm_types.h>

#define DEFINE(sym, val) \
	__asm__ __volatile__("\n.ascii \"->" #sym " %c0\"" :: "i"((unsigned long long)(val)))

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(PAGE_OFFSET, PAGE_OFFSET);
	DEFINE(KERNEL_DS, __KERNEL_DS);
	DEFINE(KERNEL_CS, __KERNEL_CS);
	DEFINE(MSR_EFER, MSR_EFER);
	DEFINE(EFER_NXE, EFER_NXE);
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
	DEFINE(MULTIBOOT_BOOTLOADER_MAGIC, MULTIBOOT_BOOTLOADER_MAGIC);
	DEFINE(MULTIBOOT_INFO_SIZE, sizeof(struct multiboot_info));
	DEFINE(MULTIBOOT_MODULE_SIZE, sizeof(struct multiboot_module));
	DEFINE(MBI_FLAGS, offsetof(struct multiboot_info, flags));
	DEFINE(MBI_CMDLINE, offsetof(struct multiboot_info, cmdline));
	DEFINE(MBI_MODS_COUNT, offsetof(struct multiboot_info, mods_count));
	DEFINE(MBI_MODS_ADDR, offsetof(struct multiboot_info, mods_addr));
	DEFINE(MBI_MMAP_LENGTH, offsetof(struct multiboot_info, mmap_length));
	DEFINE(MBI_MMAP_ADDR, offsetof(struct multiboot_info, mmap_addr));
	DEFINE(MBI_BOOT_LOADER_NAME, offsetof(struct multiboot_info, boot_loader_name));
	DEFINE(MULTIBOOT_INFO_CMDLINE, MULTIBOOT_INFO_CMDLINE);
	DEFINE(MULTIBOOT_INFO_MODS, MULTIBOOT_INFO_MODS);
	DEFINE(MULTIBOOT_INFO_MEM_MAP, MULTIBOOT_INFO_MEM_MAP);
	DEFINE(MULTIBOOT_INFO_BOOT_LOADER_NAME, MULTIBOOT_INFO_BOOT_LOADER_NAME);
	DEFINE(CR0_PG_WP, X86_CR0_PG | X86_CR0_WP);
	DEFINE(PT_REGS_SIZE, sizeof(struct pt_regs));
	DEFINE(FIRST_EXTERNAL_VECTOR, FIRST_EXTERNAL_VECTOR);
	DEFINE(NR_IRQS, NR_IRQS);
	DEFINE(FIRST_SYSTEM_VECTOR, FIRST_SYSTEM_VECTOR);
	DEFINE(TASK_THREAD_SP, offsetof(struct task_struct, thread.sp));
	DEFINE(PT_EFLAGS, offsetof(struct pt_regs, eflags));
	DEFINE(PT_CS, offsetof(struct pt_regs, cs));
	DEFINE(PT_EAX, offsetof(struct pt_regs, eax));
	DEFINE(PT_EBX, offsetof(struct pt_regs, ebx));
	DEFINE(PT_ECX, offsetof(struct pt_regs, ecx));
	DEFINE(PT_EDX, offsetof(struct pt_regs, edx));
	DEFINE(PT_ESI, offsetof(struct pt_regs, esi));
	DEFINE(PT_EDI, offsetof(struct pt_regs, edi));
	DEFINE(PT_EBP, offsetof(struct pt_regs, ebp));
	DEFINE(TASK_TIF, offsetof(struct task_struct, tif));
	DEFINE(TIF_SIGPENDING, TIF_SIGPENDING);
	DEFINE(NR_syscalls, NR_syscalls);
	DEFINE(USER_DS, __USER_DS);
	DEFINE(KERNEL_PERCPU, __KERNEL_PERCPU);
	DEFINE(PCPU_HOT_current_task, offsetof(struct pcpu_hot, current_task));
	DEFINE(PCPU_HOT_preempt_count, offsetof(struct pcpu_hot, preempt_count));
	DEFINE(PCPU_HOT_cpu_number, offsetof(struct pcpu_hot, cpu_number));
	DEFINE(PCPU_HOT_SIZE, sizeof(struct pcpu_hot));
	DEFINE(IA32_SYSCALL_VECTOR, IA32_SYSCALL_VECTOR);
	DEFINE(X86_EFLAGS_IF, X86_EFLAGS_IF);
	DEFINE(THREAD_SIZE, THREAD_SIZE);
	DEFINE(JB_EBX, offsetof(struct jmp_buf_s, ebx));
	DEFINE(JB_ESI, offsetof(struct jmp_buf_s, esi));
	DEFINE(JB_EDI, offsetof(struct jmp_buf_s, edi));
	DEFINE(JB_EBP, offsetof(struct jmp_buf_s, ebp));
	DEFINE(JB_ESP, offsetof(struct jmp_buf_s, esp));
	DEFINE(JB_EIP, offsetof(struct jmp_buf_s, eip));

	DEFINE(VMALLOC_END, VMALLOC_END);
	DEFINE(VMALLOC_RESERVE_DEFAULT, VMALLOC_RESERVE_DEFAULT);
	DEFINE(PKMAP_BASE, PKMAP_BASE);
	DEFINE(FIXADDR_TOP, FIXADDR_TOP);
	DEFINE(ZONES_SHIFT, ZONES_SHIFT);
	DEFINE(KERNEL_EXIT_SUCCESS, KERNEL_EXIT_SUCCESS);
	DEFINE(KERNEL_EXIT_FAILURE, KERNEL_EXIT_FAILURE);
	DEFINE(STACK_END_MAGIC, STACK_END_MAGIC);
	DEFINE(TASK_RUNNING, TASK_RUNNING);
	DEFINE(TASK_INTERRUPTIBLE, TASK_INTERRUPTIBLE);
	DEFINE(TASK_UNINTERRUPTIBLE, TASK_UNINTERRUPTIBLE);
	DEFINE(TASK_DEAD, TASK_DEAD);
	DEFINE(PREEMPT_NEED_RESCHED, PREEMPT_NEED_RESCHED);
	DEFINE(TASK_COMM_LEN, TASK_COMM_LEN);
}
