; SPDX-License-Identifier: MIT
; setjmp/longjmp (include/kernel/setjmp.h): save and restore the
; callee-saved registers, the stack pointer and the return address.

%include "asm-offsets.inc"

bits 32
section .text

global setjmp
setjmp:
	mov edx, [esp + 4]		; jmp_buf
	mov [edx + JB_EBX], ebx
	mov [edx + JB_ESI], esi
	mov [edx + JB_EDI], edi
	mov [edx + JB_EBP], ebp
	lea ecx, [esp + 4]		; esp as the caller sees it after return
	mov [edx + JB_ESP], ecx
	mov ecx, [esp]
	mov [edx + JB_EIP], ecx
	xor eax, eax
	ret

global longjmp
longjmp:
	mov edx, [esp + 4]
	mov eax, [esp + 8]
	test eax, eax
	jnz .nonzero
	inc eax				; longjmp(env, 0) returns 1, as in C
.nonzero:
	mov ebx, [edx + JB_EBX]
	mov esi, [edx + JB_ESI]
	mov edi, [edx + JB_EDI]
	mov ebp, [edx + JB_EBP]
	mov esp, [edx + JB_ESP]
	jmp [edx + JB_EIP]
