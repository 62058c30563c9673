; SPDX-License-Identifier: MIT
;
; syscall.asm: the one place user space traps into the kernel.
;
;   long __syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
;
; Linux i386 ABI: eax = nr, ebx, ecx, edx, esi, edi, ebp = a1..a6, int 0x80,
; result (or -errno) in eax. ebx, esi, edi and ebp are callee-saved in the C
; ABI, so they are saved here; after the four pushes the first argument is
; at [esp + 20].

bits 32
section .text
global __syscall

__syscall:
	push	ebp
	push	edi
	push	esi
	push	ebx
	mov	eax, [esp + 20]
	mov	ebx, [esp + 24]
	mov	ecx, [esp + 28]
	mov	edx, [esp + 32]
	mov	esi, [esp + 36]
	mov	edi, [esp + 40]
	mov	ebp, [esp + 44]
	int	0x80
	pop	ebx
	pop	esi
	pop	edi
	pop	ebp
	ret

section .note.GNU-stack noalloc noexec nowrite progbits
