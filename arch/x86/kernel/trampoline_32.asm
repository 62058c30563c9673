; SPDX-License-Identifier: MIT
;
; How this works: the first instructions of an application processor.
;
; An AP wakes from INIT in real mode and, on a STARTUP IPI with vector
; V, starts at CS:IP = (V << 8):0000, that is at physical V * 4096. So
; its first code must sit in a page below 1 MiB: smpboot.c copies
; [trampoline_start, trampoline_end) to a page it reserved in memblock
; and fills in the blob's data fields (tr_*) before each start-up:
;
;   real mode, CS = page >> 4   lgdt the kernel's GDT at its physical
;                               address, CR0.PE = 1, far jump to tr_pm
;   32-bit, paging off          flat kernel segments; CR4 as the boot CPU
;                               has it (PAE, PGE), EFER.NXE when PAE
;                               entries carry NX, CR3 = swapper_pg_dir
;   CR0 = the boot CPU's        paging on: the next instruction is fetched
;                               through the identity map smpboot.c put in
;                               swapper_pg_dir for the bring-up
;   jmp secondary_startup_32    kernel text, at its linked address
;
; The blob is position-independent: in real mode everything is an
; offset from CS (label - trampoline_start), and in protected mode EBX
; holds the page's physical address (CS << 4), so [ebx + label -
; trampoline_start] reaches a field. The far jump into protected mode
; goes through tr_pm_jump, a 16:32 pointer smpboot.c sets to page +
; (tr_pm - trampoline_start).
;
; secondary_startup_32 runs at kernel addresses: it loads the boot CPU's
; GDT at its virtual address, takes the stack smpboot.c set for this CPU
; (smpboot_stack: the top of its idle task's stack) and jumps to
; start_secondary(cpu) (smpboot.c), which loads the CPU's own GDT and
; per-CPU segment before any other kernel code runs there.
;
; Where it differs from Linux: Linux's trampoline (arch/x86/realmode/rm/
; trampoline_32.S) is a separately linked real-mode blob with its own
; page tables and a relocation table, and its APs go on to
; start_secondary(); here the blob is part of the kernel image, borrows
; swapper_pg_dir with a temporary identity entry.

%include "asm-offsets.inc"

section .rodata
align 16
global trampoline_start, trampoline_end
global tr_gdt_desc, tr_pm_jump, tr_cr0, tr_cr3, tr_cr4, tr_efer_nx, tr_entry, tr_pm

bits 16
trampoline_start:
	cli
	cld
	mov ax, cs
	mov ds, ax
	movzx ebx, ax
	shl ebx, 4			; EBX = this page's physical address
	o32 lgdt [tr_gdt_desc - trampoline_start]
	mov eax, cr0
	or al, 1			; CR0.PE
	mov cr0, eax
	jmp dword far [tr_pm_jump - trampoline_start]

bits 32
tr_pm:
	mov ax, KERNEL_DS
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov fs, ax
	mov gs, ax
	mov eax, [ebx + tr_cr4 - trampoline_start]
	mov cr4, eax			; PAE and PGE before paging is on
	cmp dword [ebx + tr_efer_nx - trampoline_start], 0
	je .no_nx
	mov ecx, MSR_EFER		; PAE entries with bit 63 set are legal only with NXE
	rdmsr
	or eax, EFER_NXE
	wrmsr
.no_nx:
	mov eax, [ebx + tr_cr3 - trampoline_start]
	mov cr3, eax
	mov edx, [ebx + tr_entry - trampoline_start]
	mov eax, [ebx + tr_cr0 - trampoline_start]
	mov cr0, eax			; paging on; this page is identity-mapped
	jmp edx

align 4
tr_gdt_desc:	dw 0			; limit
		dd 0			; base: the GDT's physical address
align 4
tr_pm_jump:	dd 0			; offset: this page + (tr_pm - trampoline_start)
		dw KERNEL_CS
align 4
tr_cr0:		dd 0
tr_cr3:		dd 0			; __pa(swapper_pg_dir)
tr_cr4:		dd 0
tr_efer_nx:	dd 0			; 1: set EFER.NXE
tr_entry:	dd 0			; secondary_startup_32
trampoline_end:

section .text
extern smpboot_gdt_desc, smpboot_stack, smpboot_cpu, start_secondary
global secondary_startup_32
secondary_startup_32:
	lgdt [smpboot_gdt_desc]		; the same GDT, now at its kernel address
	jmp KERNEL_CS:.reload_cs
.reload_cs:
	mov ax, KERNEL_DS
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov fs, ax
	mov gs, ax
	mov esp, [smpboot_stack]	; the top of its idle task's stack
	mov eax, [smpboot_cpu]
	push eax			; start_secondary(cpu): never returns
	push dword 0			; (no return address: a backtrace ends here)
	jmp start_secondary
