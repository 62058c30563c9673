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
;
; Before anything is written, the boot loader's data is checked against
; the kernel image [KERNEL_LOAD_PHYS, _end): the multiboot information,
; and the memory map, command line, module list and loader name it
; points to. Data there has overwritten the kernel or would be wiped by
; the .bss clear below (the C code would then read zeros and say
; "0 MiB"), so the kernel refuses in one line on COM1. Refusals end with
; isa-debug-exit (QEMU), then ACPI power-off (QEMU/Bochs PM1a ports),
; then cli; hlt.

%include "asm-offsets.inc"

%define V2P(x) ((x) - PAGE_OFFSET)

extern __bss_start, __bss_end, _end

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
	mov esp, V2P(boot_stack_top)	; the loader leaves ESP undefined

	; Nothing of the loader's may lie in the image (see the top). With a
	; wrong magic EBX means nothing: C reports the magic. An MBI beyond the
	; boot map is left to C too (its fields would be read from nowhere).
	cmp ebp, MULTIBOOT_BOOTLOADER_MAGIC
	jne .boot_data_ok
	mov eax, esi
	mov ecx, MULTIBOOT_INFO_SIZE
	mov edi, mbi_what
	call overlaps_image		; first: the calls push on the boot stack
	cmp eax, EARLY_MAP_SIZE - MULTIBOOT_INFO_SIZE
	ja .boot_data_ok
	mov edx, [esi + MBI_FLAGS]
	test edx, MULTIBOOT_INFO_MEM_MAP
	jz .no_mmap
	mov eax, [esi + MBI_MMAP_ADDR]
	mov ecx, [esi + MBI_MMAP_LENGTH]
	mov edi, mmap_what
	call overlaps_image
.no_mmap:
	test edx, MULTIBOOT_INFO_CMDLINE
	jz .no_cmdline
	mov eax, [esi + MBI_CMDLINE]
	mov ecx, 1			; a string: its first byte
	mov edi, cmdline_what
	call overlaps_image
.no_cmdline:
	test edx, MULTIBOOT_INFO_BOOT_LOADER_NAME
	jz .no_name
	mov eax, [esi + MBI_BOOT_LOADER_NAME]
	mov ecx, 1
	mov edi, name_what
	call overlaps_image
.no_name:
	test edx, MULTIBOOT_INFO_MODS
	jz .boot_data_ok
	mov eax, [esi + MBI_MODS_ADDR]
	mov ecx, [esi + MBI_MODS_COUNT]
	cmp ecx, 0xffffffff / MULTIBOOT_MODULE_SIZE
	jbe .mods_len
	mov ecx, 0xffffffff / MULTIBOOT_MODULE_SIZE	; (a huge count: to the end)
.mods_len:
	imul ecx, ecx, MULTIBOOT_MODULE_SIZE
	mov edi, mods_what
	call overlaps_image
.boot_data_ok:

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
; stop as every early refusal does (early_exit_failure). Runs before paging.
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
	mov esp, V2P(boot_stack_top)
	mov esi, no_pae_msg		; .text.boot is linked at its physical address
	call early_puts
	jmp early_exit_failure

no_pae_msg:
	db "Fenestra: this kernel was built with PAE=1 but the CPU has no PAE "
	db "(CPUID.1:EDX bit 6); boot the non-PAE build, or a CPU with PAE", 13, 10, 0
%endif

; overlaps_image: does [EAX, EAX + ECX) meet the kernel image? If so, say
; so and stop; else return with every register kept. EDI names the data.
; The MBI is checked first: the calls push onto the boot stack in .bss,
; which matters only if the MBI is there, and then nothing else is read.
overlaps_image:
	push ecx
	test ecx, ecx
	jz .no				; nothing there: an empty map, no modules
	cmp eax, V2P(_end)
	jae .no				; starts at or after the image's end
	add ecx, eax
	jc .yes				; runs past 4 GiB: covers the image
	cmp ecx, KERNEL_LOAD_PHYS
	ja .yes
.no:
	pop ecx
	ret
.yes:
	pop ecx
	mov ebx, eax
	mov esp, V2P(boot_stack_top)
	push ecx
	mov esi, overlap_msg1
	call early_puts
	mov esi, edi
	call early_puts
	mov esi, overlap_msg2
	call early_puts
	mov eax, ebx
	call early_puthex
	mov esi, overlap_msg3
	call early_puts
	pop eax
	add eax, ebx
	call early_puthex
	mov esi, overlap_msg4
	call early_puts
	mov eax, KERNEL_LOAD_PHYS
	call early_puthex
	mov esi, overlap_msg3
	call early_puts
	mov eax, V2P(_end)
	call early_puthex
	mov esi, overlap_msg5
	call early_puts
	jmp early_exit_failure

overlap_msg1:	db "Fenestra: the boot loader put its ", 0
overlap_msg2:	db " at [", 0
overlap_msg3:	db "-", 0
overlap_msg4:	db ") inside the kernel image [", 0
overlap_msg5:	db "), which it overwrote or the .bss clear would wipe; "
		db "refusing to boot (a boot loader bug)", 13, 10, 0
mbi_what:	db "multiboot information", 0
mmap_what:	db "memory map", 0
cmdline_what:	db "command line", 0
name_what:	db "boot loader name", 0
mods_what:	db "module list", 0

; early_putc: AL to COM1, polled.
early_putc:
	push edx
	push eax
	mov dx, 0x3F8 + 5		; wait for the transmitter
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	pop eax
	mov dx, 0x3F8
	out dx, al
	pop edx
	ret

; early_puts: the NUL-terminated string at ESI to COM1.
early_puts:
	push eax
.next:
	lodsb
	test al, al
	jz .done
	call early_putc
	jmp .next
.done:
	pop eax
	ret

; early_puthex: EAX as 0x and 8 hex digits.
early_puthex:
	push esi
	push ecx
	push ebx
	mov ebx, eax
	mov esi, hex_prefix
	call early_puts
	mov ecx, 8
.digit:
	rol ebx, 4
	mov eax, ebx
	and eax, 0xf
	mov al, [hex_digits + eax]
	call early_putc
	loop .digit
	pop ebx
	pop ecx
	pop esi
	ret

hex_prefix:	db "0x", 0
hex_digits:	db "0123456789abcdef"

; Stop with the failure status: isa-debug-exit (QEMU exits 35); without
; that device ACPI S5 through the PM1a control port of QEMU's PIIX4
; (0x604, also Bochs' 0xB004) and ICH9; if nothing powers off, halt.
early_exit_failure:
	mov dx, 0xf4
	mov eax, 0x11
	out dx, eax
	mov ax, 0x2000			; SLP_EN | SLP_TYP 0
	mov dx, 0x604
	out dx, ax
	mov dx, 0xB004
	out dx, ax
.halt:
	cli
	hlt
	jmp .halt


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
