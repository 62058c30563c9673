; SPDX-License-Identifier: MIT
;
; The hostile loader's entry: a multiboot (v1) kernel in its own right.
; QEMU loads it with -kernel, and the real kernel.elf as its module
; (-initrd). It takes a stack of its own and calls shim_main(magic, mbi);
; shim.c does the rest.

MB_MAGIC	equ 0x1BADB002
MB_FLAGS	equ 0x00000003		; page-aligned modules; mem_* and mmap_*

section .multiboot
align 4
	dd MB_MAGIC
	dd MB_FLAGS
	dd -(MB_MAGIC + MB_FLAGS)

section .text
extern shim_main, __bss_start, __bss_end
global _start
_start:
	cli
	cld
	mov esp, stack_top
	mov esi, eax
	mov edx, ebx
	mov edi, __bss_start		; QEMU zeroes .bss, a real loader might not
	mov ecx, __bss_end
	sub ecx, edi
	xor eax, eax
	rep stosb
	push edx			; shim_main(magic, mbi)
	push esi
	call shim_main
.halt:
	hlt
	jmp .halt

; enter_kernel(entry, magic, mbi): the multiboot hand-off, EAX and EBX
; set, every other register as the spec allows (undefined).
global enter_kernel
enter_kernel:
	mov ecx, [esp + 4]
	mov eax, [esp + 8]
	mov ebx, [esp + 12]
	jmp ecx

section .bss
align 16
	resb 16384
stack_top:
