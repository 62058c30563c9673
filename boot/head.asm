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

%if CONFIG_X86_PAE
	mov esp, V2P(boot_stack_top)	; the loader leaves ESP undefined
	call check_pae_cpu		; a clear message, not a fault, without PAE

	; One 8-byte PTE per 4 KiB page of [0, EARLY_MAP_SIZE); high halves 0.
	mov edi, V2P(early_page_tables)
	mov eax, PAGE_KERNEL_BITS
	mov ecx, EARLY_MAP_SIZE >> PAGE_SHIFT
.fill_pte:
	mov [edi], eax
	mov dword [edi + 4], 0
	add edi, 8
	add eax, PAGE_SIZE
	loop .fill_pte

	; One page directory (early_pmd) serves both mappings: PAGE_OFFSET is
	; 1 GiB-aligned, so [0, 16M) and [PAGE_OFFSET, +16M) use the same pmd
	; indexes 0..7, under PDPT entries 0 and PAGE_OFFSET >> 30.
	mov edi, V2P(early_pmd)
	mov eax, V2P(early_page_tables) + KERNPG_TABLE
	mov ecx, EARLY_MAP_SIZE >> PMD_SHIFT
.fill_pmd:
	mov [edi], eax
	add edi, 8
	add eax, PAGE_SIZE
	loop .fill_pmd

	mov edi, V2P(swapper_pg_dir)	; the PDPT: present bit only
	mov eax, V2P(early_pmd) + PTE_PRESENT
	mov [edi], eax
	mov [edi + (PAGE_OFFSET >> PGDIR_SHIFT) * 8], eax

	mov eax, cr4
	or eax, 0x20			; CR4.PAE
	mov cr4, eax
%else
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
%endif

	mov eax, V2P(swapper_pg_dir)
	mov cr3, eax
	mov eax, cr0
	or eax, CR0_PG_WP		; paging on; ring 0 honours read-only PTEs
	mov cr0, eax

	mov eax, start_high		; an absolute, high address
	jmp eax

%if CONFIG_X86_PAE
; A PAE kernel on a CPU without PAE (a 486, a Pentium): say so on COM1 and
; ask QEMU to exit with the failure status. Runs before paging is on.
check_pae_cpu:
	pushfd				; CPUID exists iff EFLAGS.ID (bit 21) toggles
	pop eax
	mov ecx, eax
	xor eax, 1 << 21
	push eax
	popfd
	pushfd
	pop eax
	xor eax, ecx
	test eax, 1 << 21
	jz .no_pae
	mov eax, 1
	cpuid
	test edx, 1 << 6		; CPUID.1:EDX.PAE
	jz .no_pae
	ret
.no_pae:
	mov esi, no_pae_msg		; .text.boot is linked at its physical address
.putc:
	mov dx, 0x3F8 + 5		; wait for the transmitter
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	mov dx, 0x3F8
	lodsb
	test al, al
	jz .exit
	out dx, al
	jmp .putc
.exit:
	mov dx, 0xf4			; isa-debug-exit: QEMU exits with status 35
	mov eax, 0x11
	out dx, eax
.halt:
	cli
	hlt
	jmp .halt

no_pae_msg:
	db "Fenestra: this kernel was built with PAE=1 but the CPU has no PAE "
	db "(CPUID.1:EDX bit 6); boot the non-PAE build, or a CPU with PAE", 13, 10, 0
%endif

section .text
extern start_kernel
start_high:
	mov esp, boot_stack_top
	push esi			; start_kernel(magic, mbi_phys)
	push ebp
	xor ebp, ebp			; ends the frame-pointer chain for backtraces
	call start_kernel
	cli				; start_kernel never returns; if it did, stop
	hlt				; (no label here, so backtraces say start_high)
	jmp short $ - 2

section .bss
align PAGE_SIZE
global swapper_pg_dir
swapper_pg_dir:
	resb PAGE_SIZE
global early_page_tables
early_page_tables:
	resb (EARLY_MAP_SIZE >> PAGE_SHIFT) * PTE_SIZE
%if CONFIG_X86_PAE
global early_pmd
early_pmd:
	resb PAGE_SIZE			; the early page directory under the PDPT
%endif
global boot_stack, boot_stack_top
boot_stack:
	resb KERNEL_STACK_SIZE
boot_stack_top:
