; SPDX-License-Identifier: MIT
;
; The context switch itself: from one task's kernel stack to another's.
;
;   struct task_struct *__switch_to_asm(struct task_struct *prev,
;                                       struct task_struct *next);
;
; Called by context_switch() (kernel/sched/core.c) with interrupts off and
; the run-queue lock held. It pushes the registers the C calling
; convention says a callee must keep (ebp, ebx, esi, edi), saves the stack
; pointer in prev->thread.sp, loads next->thread.sp and pops next's four
; registers: the `ret` then returns into whatever next was doing when it
; last called this function -- from next's own call, on next's stack.
; eax still holds prev, so that call returns prev: Linux's `last`, the
; task that was running just before (finish_task_switch() needs it to
; unlock the run queue and to free a task that has exited).
;
; A task that has never run has a stack made by copy_thread()
; (arch/x86/kernel/process.c): four zero registers, then ret_from_fork as
; the return address, with the function to run in ebx and its argument
; in esi. ret_from_fork finishes the switch (schedule_tail()) and calls
; the function, which must not return (kthread() ends in do_exit()).
;
; Where it differs from Linux: Linux's __switch_to_asm also saves EFLAGS
; and jumps to the C __switch_to(), which switches the FPU state, the TLS
; descriptors and `current`; there is no FPU state and no TLS here, and
; context_switch() sets `current` before calling this.

%include "asm-offsets.inc"

bits 32
section .text

global __switch_to_asm
__switch_to_asm:
	mov eax, [esp + 4]		; prev
	mov edx, [esp + 8]		; next
	push ebp
	push ebx
	push esi
	push edi
	mov [eax + TASK_THREAD_SP], esp
	mov esp, [edx + TASK_THREAD_SP]
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret				; eax = prev: the "last" task

extern schedule_tail
global ret_from_fork
ret_from_fork:
	push eax			; the task switched away from
	call schedule_tail
	add esp, 4
	push esi			; the argument
	call ebx			; kthread(): ends in do_exit()
	ud2				; unreachable
