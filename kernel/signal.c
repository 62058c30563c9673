// SPDX-License-Identifier: MIT
/*
 * How this works: how a process dies of a signal, and the OOM killer.
 *
 * There are no signal handlers, so every signal is fatal. A signal is a
 * bit in task->pending plus TIF_SIGPENDING; the task acts on it in
 * exit_to_user_mode() (arch/x86/kernel/syscall_32.c), the last step
 * before any return to ring 3, by calling do_exit() with the signal
 * number as its status: the parent's wait4() then sees WIFSIGNALED and
 * WTERMSIG. A task sleeping interruptibly (wait4) or killably
 * (TASK_KILLABLE: nanosleep, the console read) is woken so it gets there;
 * one in an uninterruptible sleep (a kmap() wait, a mutex) dies when that
 * sleep ends.
 *
 * A fault the kernel cannot fix in ring 3 is the process's own doing:
 * force_sig_fault_segv() prints Linux's line,
 *
 *   usertests[7]: segfault at 0 ip 0804a1b3 sp bffffe90 error 6 in usertests[8048000+3000]
 *
 * (error: the #PF code; the bracket: the VMA holding ip) and exits at
 * once with SIGSEGV; other traps in ring 3 (a general protection fault,
 * an invalid opcode, a divide error) end the same way with Linux's
 * "traps:" line and SIGSEGV, SIGILL or SIGFPE. The kernel carries on.
 *
 * Out of memory: when a user fault gets no page, pagefault_out_of_memory()
 * picks the process with the most resident pages and page tables (Linux's
 * oom_badness() without the adjustments; pid 1 is spared, as Linux spares
 * the global init), prints Linux's two lines and sends it SIGKILL. The
 * faulting task then retries its fault: if it was the victim it dies on
 * the way out; if not it yields until the victim's exit frees its memory.
 * While a victim has not yet died nobody else is chosen (Linux waits
 * for the OOM reaper the same way).
 *
 * Where it differs from Linux: no handlers, no masks, no siginfo queue,
 * one pending set; only fatal signals exist. Linux's OOM killer can also
 * kill from inside the page allocator (a GFP_KERNEL allocation that
 * fails); here only a user fault invokes it, and a kernel allocation
 * that fails returns NULL/-ENOMEM to its caller.
 */
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <kernel/atomic.h>
#include <kernel/kallsyms.h>
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sched/task.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/initramfs.h>
#include <mm/mm_types.h>
#include <mm/mmap.h>
#include "sched/sched.h"

bool fatal_signal_pending(struct task_struct *p)
{
	return p->tif & (1UL << TIF_SIGPENDING);
}

void send_sig_fatal(struct task_struct *p, int sig)
{
	/*
	 * Locked bit sets: @p may run on another CPU, whose scheduler changes
	 * other bits of p->tif meanwhile. pending first, so a task that sees
	 * TIF_SIGPENDING finds the signal (a locked op is a full barrier).
	 */
	set_bit((unsigned int)sig, &p->pending);
	set_bit(TIF_SIGPENDING, &p->tif);
	wake_up_state(p, TASK_INTERRUPTIBLE | TASK_WAKEKILL);
}

void send_sig_kill(struct task_struct *p)
{
	send_sig_fatal(p, SIGKILL);
}

/* The file name of a VMA's mapping without its directories, or the task's comm. */
static const char *vma_basename(const struct vm_area_struct *vma)
{
	const char *n, *slash;

	if (!vma->vm_file)
		return current->comm;
	n = vma->vm_file->name;
	for (slash = n; *slash; slash++)
		if (*slash == '/')
			n = slash + 1;
	return n;
}

/*
 * Linux's print_vma_addr(): " in NAME[START+SIZE]" for the VMA holding
 * @ip. The fault path may hold current's mmap_lock already: then the
 * walk needs no lock (the holder is us).
 */
static void print_vma_addr(unsigned long ip)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	bool locked = false;

	if (!mm)
		return;
	if (mutex_owner(&mm->mmap_lock) != current) {
		if (!mutex_trylock(&mm->mmap_lock))
			return;
		locked = true;
	}
	vma = find_vma(mm, ip);
	if (vma && vma->vm_start <= ip)
		pr_cont(" in %s[%lx+%lx]", vma_basename(vma), vma->vm_start,
			vma->vm_end - vma->vm_start);
	if (locked)
		mutex_unlock(&mm->mmap_lock);
}

/* Faults ended this way, for the tests. */
unsigned long user_segfaults;

/* Die now, from the fault path: drop the mmap_lock if this task holds it. */
static __noreturn void die_of(int sig)
{
	struct mm_struct *mm = current->mm;

	if (mm && mutex_owner(&mm->mmap_lock) == current)
		mutex_unlock(&mm->mmap_lock);
	local_irq_enable();
	do_exit(sig);
}

void force_sig_fault_segv(struct pt_regs *regs, unsigned long address, unsigned long error_code)
{
	counter_inc_atomic(&user_segfaults);	/* any CPU */
	pr_info("%s[%d]: segfault at %lx ip %08x sp %08x error %lx", current->comm,
		current->pid, address, regs->eip, regs->sp, error_code);
	print_vma_addr(regs->eip);
	pr_cont("\n");
	die_of(SIGSEGV);
}

void force_sig_trap(struct pt_regs *regs, int sig, const char *what)
{
	counter_inc_atomic(&user_segfaults);	/* any CPU */
	/* Linux's two forms: "general protection fault ip:..." and "trap NAME ip:..." */
	pr_info("traps: %s[%d] %s%s ip:%x sp:%x error:%x", current->comm, current->pid,
		regs->vector == X86_TRAP_GP ? "" : "trap ", what, regs->eip, regs->sp,
		regs->error_code);
	print_vma_addr(regs->eip);
	pr_cont("\n");
	die_of(sig);
}

/* Pages a process would give back: Linux's oom_badness() before adjustments. */
static unsigned long oom_badness(const struct mm_struct *mm)
{
	return mm->rss_anon + mm->rss_file + mm->pgtables_bytes / PAGE_SIZE;
}

/* OOM kills so far, for the tests. */
unsigned long oom_kills;

void pagefault_out_of_memory(void)
{
	struct task_struct *p, *victim = NULL;
	unsigned long best = 0, flags, vm = 0, anon = 0, file = 0, pt = 0;
	bool pending = false;
	char comm[TASK_COMM_LEN];
	int pid = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	task_lock(NULL);		/* every task's ->mm steady (one lock for all) */
	list_for_each_entry(p, &task_list, tasks) {
		if (!p->mm)
			continue;
		if ((p->pending & (1UL << SIGKILL)) || (p->flags & PF_EXITING)) {
			pending = true;		/* a victim is on its way out: wait for it */
			break;
		}
		if (p == child_reaper)
			continue;		/* Linux spares the global init */
		if (oom_badness(p->mm) > best) {
			best = oom_badness(p->mm);
			victim = p;
		}
	}
	if (!pending && !victim && current->mm)
		victim = current;		/* only init is left: it is the one asking */
	if (victim && !pending) {
		/* the numbers now: once the lock is dropped the victim may exit */
		struct mm_struct *mm = victim->mm;

		vm = mm->total_vm;
		anon = mm->rss_anon;
		file = mm->rss_file;
		pt = mm->pgtables_bytes;
		pid = victim->pid;
		memcpy(comm, victim->comm, sizeof(comm));
		get_task_struct(victim);
	}
	task_unlock(NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);

	if (!pending && victim) {
		pr_warn("%s invoked oom-killer: gfp_mask=0x%x(GFP_HIGHUSER), order=0, "
			"oom_score_adj=0\n", current->comm, 0x100cc2);
		pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
		       "file-rss:%lukB, shmem-rss:0kB, UID:0 pgtables:%lukB oom_score_adj:0\n",
		       pid, comm, vm << (PAGE_SHIFT - 10), anon << (PAGE_SHIFT - 10),
		       file << (PAGE_SHIFT - 10), pt >> 10);
		counter_inc_atomic(&oom_kills);
		send_sig_kill(victim);
		put_task_struct(victim);
		if (victim == current)
			return;			/* dies at the return to user mode */
	}
	/* Let the victim run to its exit before the fault is retried. */
	if (current->mm && mutex_owner(&current->mm->mmap_lock) == current) {
		mutex_unlock(&current->mm->mmap_lock);
		yield();
		mutex_lock(&current->mm->mmap_lock);
	} else {
		yield();
	}
}
