; SPDX-License-Identifier: MIT
;
; Exception entry. Every one of the 32 CPU exception vectors gets a small
; stub that makes the stack look the same (an error code, real or 0, then
; the vector number) and jumps to a common path, which saves the registers
; as a struct pt_regs (asm/ptrace.h) and calls do_exception(regs).
;
; Hardware interrupts (IRQ 0-15 of the two 8259As, vectors 0x20-0x2f)
; get stubs of the same shape: no error code (0), the vector, then
; irq_common, which builds the same struct pt_regs and calls
; do_IRQ(regs) (arch/x86/kernel/irq.c). The gates are interrupt gates,
; so IF is clear until the iret restores the interrupted EFLAGS.
;
; Preemption happens on the way out of an interrupt: if the interrupted
; code had interrupts on and this CPU's preempt_count word is 0 (count 0
; and PREEMPT_NEED_RESCHED pending: kernel/preempt.h), irq_common calls
; preempt_schedule_irq() before restoring the registers. The interrupted
; task's frame stays on its own stack until it is chosen again; then the
; call returns and the same pops and iret resume it where the interrupt
; found it. (Linux's resume_kernel makes the same two tests.)
;
; From ring 3 the CPU has switched to the task's kernel stack (the TSS's
; esp0) and pushed the user ss:esp above eip/cs/eflags, so the same frame
; is a whole struct pt_regs at the very top of the stack
; (current_pt_regs()). `int $0x80` (entry_INT80_32, a DPL 3 gate) builds
; it too and calls the table's entry for %eax itself, leaving the result in the
; saved eax. Every way back to ring 3 -- after a system call, an
; exception, an interrupt, and a new process's first return
; (ret_from_fork_user) -- goes through exit_to_user_mode()
; (arch/x86/kernel/syscall_32.c) with interrupts off: it reschedules and
; delivers a fatal signal (the process ends there) before the iret.

%include "asm-offsets.inc"

bits 32
section .text

%macro ISR_NOERR 1
isr%1:
	push dword 0
	push dword %1
	jmp exception_common
%endmacro

%macro ISR_ERR 1
isr%1:
	push dword %1			; the CPU already pushed an error code
	jmp exception_common
%endmacro

; Vectors 8, 10-14, 17, 21, 29 and 30 push an error code.
ISR_NOERR 0
ISR_NOERR 1
ISR_NOERR 2
ISR_NOERR 3
ISR_NOERR 4
ISR_NOERR 5
ISR_NOERR 6
ISR_NOERR 7
ISR_ERR   8
ISR_NOERR 9
ISR_ERR   10
ISR_ERR   11
ISR_ERR   12
ISR_ERR   13
ISR_ERR   14
ISR_NOERR 15
ISR_NOERR 16
ISR_ERR   17
ISR_NOERR 18
ISR_NOERR 19
ISR_NOERR 20
ISR_ERR   21
ISR_NOERR 22
ISR_NOERR 23
ISR_NOERR 24
ISR_NOERR 25
ISR_NOERR 26
ISR_NOERR 27
ISR_NOERR 28
ISR_ERR   29
ISR_ERR   30
ISR_NOERR 31

; The rest of the struct pt_regs frame (the stub pushed the error code, or
; 0, and the vector), the kernel's data segments, the C handler %1(regs),
; and back: one frame for exceptions and IRQs alike.
%macro SAVE_REGS 0
	cld				; the C calling convention wants DF clear
	pusha
	push fs
	push es
	push ds
	mov ax, KERNEL_DS
	mov ds, ax
	mov es, ax
	mov ax, KERNEL_PERCPU		; this CPU's pcpu_hot (asm/percpu.h)
	mov fs, ax
%endmacro

%macro SAVE_AND_CALL 1
	SAVE_REGS
	push esp			; struct pt_regs *
	call %1
	add esp, 4
%endmacro

%macro RESTORE_AND_IRET 0
	pop ds
	pop es
	pop fs
	popa
	add esp, 8			; vector and error code
	iret
%endmacro

; Back to ring 3 from the frame at esp, interrupts off: the iret at once
; unless a fatal signal is pending (current->tif) or a reschedule is due
; (the inverted bit in this CPU's preempt word); then exit_to_user_mode().
extern exit_to_user_mode, pcpu_hot
%macro RETURN_TO_USER 0
	mov eax, [fs:pcpu_hot + PCPU_HOT_current_task]
	test dword [eax + TASK_TIF], 1 << TIF_SIGPENDING
	jnz %%work
	test dword [fs:pcpu_hot + PCPU_HOT_preempt_count], PREEMPT_NEED_RESCHED
	jnz %%iret			; the bit is inverted: set means "nothing due"
%%work:
	push esp
	call exit_to_user_mode
	add esp, 4
%%iret:
	RESTORE_AND_IRET
%endmacro

extern do_exception
exception_common:
	SAVE_AND_CALL do_exception
	test dword [esp + PT_CS], 3
	jz .restore			; back to ring 0
	RETURN_TO_USER
.restore:
	RESTORE_AND_IRET

%macro IRQ_STUB 1
irq%1:
	push dword 0
	push dword FIRST_EXTERNAL_VECTOR + %1
	jmp irq_common
%endmacro

%assign i 0
%rep NR_IRQS
IRQ_STUB i
%assign i i + 1
%endrep

; The system vectors 0xec-0xff (asm/irq_vectors.h): the local APIC's
; timer, error and spurious interrupts and the IPIs. Same frame, same
; do_IRQ(), which tells them from the legacy lines by the vector.
%macro SYSVEC_STUB 1
sysvec%1:
	push dword 0
	push dword %1
	jmp irq_common
%endmacro

%assign i FIRST_SYSTEM_VECTOR
%rep 0x100 - FIRST_SYSTEM_VECTOR
SYSVEC_STUB i
%assign i i + 1
%endrep

extern do_IRQ, preempt_schedule_irq
irq_common:
	SAVE_AND_CALL do_IRQ
	test dword [esp + PT_CS], 3
	jnz .to_user
	test dword [esp + PT_EFLAGS], X86_EFLAGS_IF
	jz .restore			; interrupted with IF clear (a software int)
	cmp dword [fs:pcpu_hot + PCPU_HOT_preempt_count], 0	; this CPU's word
	jne .restore			; not preemptible, or nothing pending
	call preempt_schedule_irq	; returns when this task runs again
.restore:
	RESTORE_AND_IRET
.to_user:
	RETURN_TO_USER			; reschedules here: ring 3 is always preemptible

; int $0x80: the system call. eax holds the number, ebx..ebp the arguments.
; The fast path is here, not in C: the six argument registers are pushed
; again from the frame as the C arguments (the callee may write its
; argument slots, so the frame itself cannot be the argument list), the
; table's entry is called, its result replaces the saved eax, and with
; interrupts off the two reasons not to return at once -- a pending
; signal (current->tif) or a reschedule (the inverted bit in the
; preempt word) -- are tested inline; only then exit_to_user_mode().
; A number past the table goes to sys_ni_syscall() too, which logs it.
; (Linux 6.1 does the same in C: do_int80_syscall_32().)
extern sys_call_table, sys_ni_syscall
global entry_INT80_32
entry_INT80_32:
	push dword 0
	push dword IA32_SYSCALL_VECTOR
	SAVE_REGS
	sti				; the gate cleared IF; system calls run with it on
	mov eax, [esp + PT_EAX]		; SAVE_REGS reloaded ax with the segments
	push dword [esp + PT_EBP]	; the arguments, last first
	push dword [esp + 4 + PT_EDI]
	push dword [esp + 8 + PT_ESI]
	push dword [esp + 12 + PT_EDX]
	push dword [esp + 16 + PT_ECX]
	push dword [esp + 20 + PT_EBX]
	cmp eax, NR_syscalls
	jae .badsys
	call [sys_call_table + eax * 4]
.done:
	add esp, 24
	mov [esp + PT_EAX], eax		; the result, or -errno
	cli
	RETURN_TO_USER
.badsys:
	call sys_ni_syscall		; logs the number (from the frame), -ENOSYS
	jmp .done

; A forked process's first run: copy_thread_user() left a switch frame
; returning here right under a copy of its parent's pt_regs (eax = 0).
extern schedule_tail
global ret_from_fork_user
ret_from_fork_user:
	push eax			; the task switched away from
	call schedule_tail
	add esp, 4
	cli
	push esp			; the pt_regs right above
	call exit_to_user_mode
	add esp, 4
	RESTORE_AND_IRET

; void ret_to_user(struct pt_regs *regs): leave the current stack for the
; frame at @regs (the top of this task's stack) and iret to ring 3; the
; end of execve() from a kernel thread (pid 1's first exec).
global ret_to_user
ret_to_user:
	cli
	mov esp, [esp + 4]
	push esp
	call exit_to_user_mode
	add esp, 4
	RESTORE_AND_IRET

section .rodata
global irq_entry_stubs
irq_entry_stubs:
%assign i 0
%rep NR_IRQS
	dd irq %+ i
%assign i i + 1
%endrep

global sysvec_entry_stubs
sysvec_entry_stubs:
%assign i FIRST_SYSTEM_VECTOR
%rep 0x100 - FIRST_SYSTEM_VECTOR
	dd sysvec %+ i
%assign i i + 1
%endrep

global exception_stubs
exception_stubs:
%assign i 0
%rep 32
	dd isr %+ i
%assign i i + 1
%endrep
