; SPDX-License-Identifier: MIT
;
; The first instructions of the kernel.
;
; The boot loader (GRUB, or QEMU's -kernel) enters _start in 32-bit
; protected mode with paging off, EAX = multiboot magic, EBX = physical
; address of the multiboot information. The kernel is linked at
; PAGE_OFFSET + 1 MiB but loaded at 1 MiB, so until paging is on every
; reference to a kernel symbol must subtract PAGE_OFFSET (V2P below).
;
; The boot page tables map physical [0, EARLY_MAP_SIZE) twice:
;   at 0            so the instruction after "paging on" still runs, and
;   at PAGE_OFFSET  where the kernel is linked.
; They use 4 KiB pages only (no PSE), so the kernel boots on a 486.
; paging_init() later builds the full direct map and drops the identity
; half.

%include "asm-offsets.inc"

%define V2P(x) ((x) - PAGE_OFFSET)

extern __bss_start, __bss_end

bits 32

section .multiboot
align 4
multiboot_header:
	dd MULTIBOOT_HEADER_MAGIC
	dd MULTIBOOT_HEADER_FLAGS
	dd -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

; Runs at its physical address: linked at VMA == LMA (see linker.ld).
section .text.boot progbits alloc exec nowrite align=16
global _start
_start:
	cli
	cld
	mov ebp, eax			; multiboot magic, checked in C
	mov esi, ebx			; multiboot info (physical)

	; Zero .bss (the page tables and the stack live there).
	mov edi, V2P(__bss_start)
	mov ecx, V2P(__bss_end)
	sub ecx, edi
	shr ecx, 2
	xor eax, eax
	rep stosd

	; One PTE per 4 KiB page of [0, EARLY_MAP_SIZE).
	mov edi, V2P(early_page_tables)
	mov eax, PAGE_KERNEL_BITS
	mov ecx, EARLY_MAP_SIZE >> PAGE_SHIFT
.fill_pte:
	stosd
	add eax, PAGE_SIZE
	loop .fill_pte

	; Point the identity and the PAGE_OFFSET directory entries at them.
	mov edi, V2P(swapper_pg_dir)
	mov eax, V2P(early_page_tables) + KERNPG_TABLE
	xor ebx, ebx
	mov ecx, EARLY_MAP_SIZE >> PGDIR_SHIFT
.fill_pgd:
	mov [edi + ebx * 4], eax
	mov [edi + ebx * 4 + (PAGE_OFFSET >> PGDIR_SHIFT) * 4], eax
	add eax, PAGE_SIZE
	inc ebx
	loop .fill_pgd

	mov eax, V2P(swapper_pg_dir)
	mov cr3, eax
	mov eax, cr0
	or eax, CR0_PG_WP		; paging on; ring 0 honours read-only PTEs
	mov cr0, eax

	mov eax, start_high		; an absolute, high address
	jmp eax

section .text
extern start_kernel
start_high:
	mov esp, boot_stack_top
	push esi			; start_kernel(magic, mbi_phys)
	push ebp
	xor ebp, ebp			; ends the frame-pointer chain for backtraces
	call start_kernel
.hang:
	cli
	hlt
	jmp .hang

section .bss
align PAGE_SIZE
global swapper_pg_dir
swapper_pg_dir:
	resb PAGE_SIZE
global early_page_tables
early_page_tables:
	resb EARLY_MAP_SIZE >> (PAGE_SHIFT - 2)	; 4 bytes per page
global boot_stack, boot_stack_top
boot_stack:
	resb KERNEL_STACK_SIZE
boot_stack_top:
