; SPDX-License-Identifier: MIT
;
; crt0.asm: _start, where every program begins. The kernel (Linux or
; Fenestra) enters with the i386 System V initial stack:
;
;   esp ->  argc
;           argv[0] .. argv[argc-1], NULL
;           envp[0] .. NULL
;           auxv pairs .. AT_NULL
;
; and no other register promised. _start clears ebp (the end of every
; backtrace), aligns the stack to 16 bytes as gcc's code expects, calls
; main(argc, argv, envp) and hands its return value to exit().

bits 32
section .text
global _start
extern main
extern exit
extern environ

_start:
	xor	ebp, ebp
	mov	eax, [esp]		; argc
	lea	ebx, [esp + 4]		; argv
	lea	ecx, [ebx + eax * 4 + 4] ; envp: past argv's NULL
	mov	[environ], ecx
	and	esp, -16
	sub	esp, 4			; three arguments + this keep 16-byte alignment
	push	ecx
	push	ebx
	push	eax
	call	main
	mov	[esp], eax
	call	exit
	hlt				; exit() does not return

section .note.GNU-stack noalloc noexec nowrite progbits
