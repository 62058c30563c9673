/* SPDX-License-Identifier: MIT */
/*
 * The signals, with Linux's numbers, and how a process dies of one
 * (kernel/signal.c). There are no handlers: every signal kill(2) accepts
 * is fatal, ends the process, and its parent's wait4() sees WIFSIGNALED
 * with the number.
 */
#ifndef _KERNEL_SIGNAL_H
#define _KERNEL_SIGNAL_H

#include <kernel/types.h>

struct pt_regs;
struct task_struct;

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGSEGV		11
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGWINCH	28
#define _NSIG_FATAL	31	/* 1..31: the standard signals */

/**
 * force_sig_fault_segv - end the current process for a bad user access
 * @regs: the faulting frame (from ring 3)
 * @address: the faulting address (CR2)
 * @error_code: the #PF error code
 *
 * Prints Linux's line ("prog[pid]: segfault at ADDR ip IP sp SP error N in
 * ...") and exits the process with SIGSEGV; does not return.
 * Context: the fault path of a user process.
 */
__noreturn void force_sig_fault_segv(struct pt_regs *regs, unsigned long address,
				     unsigned long error_code);

/**
 * force_sig_trap - end the current process for an exception in ring 3
 * @regs: the frame
 * @sig: SIGSEGV, SIGILL, SIGFPE or SIGTRAP
 * @what: the exception's name, for Linux's "traps:" line
 *
 * Context: the exception path of a user process. Does not return.
 */
__noreturn void force_sig_trap(struct pt_regs *regs, int sig, const char *what);

/**
 * send_sig_kill - make @p die of SIGKILL at its next return to user mode
 * @p: a user process
 *
 * A sleeping @p is woken (interruptible sleeps) so it gets there.
 * Context: any.
 */
void send_sig_kill(struct task_struct *p);

/* send_sig_fatal - make @p die of @sig at its next return to user mode (kill(2)). Context: any. */
void send_sig_fatal(struct task_struct *p, int sig);

/**
 * kill_pgrp - send @sig to every process of group @pgid (kernel/pgrp.c)
 * @pgid: the group (> 0)
 * @sig: the signal (fatal, as all are here)
 *
 * pid 1 is never signalled (it counts as found). Context: any, interrupt
 * handlers included (the tty's ^C). Return: 0, or -ESRCH if the group is empty.
 */
int kill_pgrp(int pgid, int sig);

/* Has current a fatal signal pending? Context: any. */
bool fatal_signal_pending(struct task_struct *p);

/**
 * pagefault_out_of_memory - a user fault found no memory: the OOM killer
 *
 * Picks the process with the most resident pages, prints Linux's "Out of
 * memory: Killed process ..." line and kills it; the fault is then retried
 * (or the current process dies, if it was chosen).
 * Context: the page-fault path, process context.
 */
void pagefault_out_of_memory(void);

#endif
