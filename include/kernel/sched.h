/* SPDX-License-Identifier: MIT */
/*
 * Tasks: struct task_struct, `current`, and the scheduler's interface.
 *
 * Everything that belongs to one thread of execution, rather than to the
 * CPU it runs on, lives in its task_struct: its state and kernel stack,
 * the registers saved when it was switched out (thread.sp), its
 * kmap_local stack (the slots it holds, the page and PTE of each), how
 * deeply it has disabled page faults, the recovery point an expected
 * oops resumes at (oops_landing: asm/extable.h, fixup_oops()), and the
 * self-tests' fault-catch and report-expectation state, and for a
 * process its place in a process group and session (pgid, sid:
 * kernel/pgrp.c). Per-CPU state
 * (preempt_count, the run queue, the kmap_local slot addresses, the pcp
 * and slab CPU lists) stays with the CPU.
 *
 * A task's life (kernel/fork.c, kernel/kthread.c, kernel/exit.c,
 * kernel/sched/core.c):
 *
 *   kthread_run(fn, data, "name")   task_struct + 8 KiB stack, TASK_RUNNING,
 *                                   on the run queue
 *   schedule()                      runs it: fn(data) on its own stack
 *   set_current_state(TASK_UNINTERRUPTIBLE); schedule();
 *                                   off the run queue until wake_up_process()
 *   fn returns, or do_exit(code)    TASK_DEAD; the next task's
 *                                   finish_task_switch() frees its stack
 *   put_task_struct()               the last reference frees the task_struct
 *
 * The stack (THREAD_SIZE, order 1 from the page allocator, so in the
 * direct map) holds the task's whole kernel-mode life: calls, and the
 * pt_regs of every interrupt that arrives while it runs. Its lowest word
 * is STACK_END_MAGIC; a task whose canary is gone has overrun its stack
 * into the page below, and the next schedule() says so (panic).
 *
 *      task->stack + THREAD_SIZE  +------------------+  top: where it starts
 *                                 | frames ...       |
 *                                 | return address   |  when switched out: the
 *                                 | ebp              |  call of __switch_to_asm
 *                                 | ebx              |  and its four pushes
 *                                 | esi              |
 *            task->thread.sp ---> | edi              |
 *                                 |   ... free ...   |
 *      task->stack                | STACK_END_MAGIC  |  the canary
 *                                 +------------------+
 *
 * init_task is the boot context: pid 0, "swapper", running on the .bss
 * boot stack. Once start_kernel() has started pid 1 (kernel_init, which
 * does the rest of boot) it becomes this CPU's idle task, run only when
 * nothing else can be, as in Linux.
 */
#ifndef _KERNEL_SCHED_H
#define _KERNEL_SCHED_H

#include <asm/fixmap.h>		/* KM_MAX_IDX */
#include <asm/fpu.h>		/* struct fpu */
#include <asm/pgtable_types.h>	/* pte_t */
#include <kernel/compiler.h>
#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/percpu.h>
#include <kernel/report.h>

struct page;
struct mm_struct;
struct fault_catch;

/*
 * A task's kmap_local stack (mm/kmap_local.c): idx slots in use, so idx
 * is also the next free slot, page[s] is what slot s maps and pteval[s]
 * its PTE, which the context switch takes down when the task is switched
 * out and writes back when it is switched in (kmap_local_sched_out/in).
 */
struct kmap_ctrl {
	int idx;
	struct page *page[KM_MAX_IDX];
	pte_t pteval[KM_MAX_IDX];
};

/* The registers switch_to() does not leave on the stack. */
struct thread_struct {
	unsigned long sp;		/* saved %esp while switched out */
	unsigned long sp0;		/* top of the kernel stack: the TSS's esp0 while it runs */
	struct fpu fpu;			/* the x87 state while another task owns the FPU (asm/fpu.h) */
};

/* Task states (task->__state), Linux's values. */
#define TASK_RUNNING		0x0000	/* running, or on the run queue */
#define TASK_INTERRUPTIBLE	0x0001	/* asleep; a wake-up or a signal ends it */
#define TASK_UNINTERRUPTIBLE	0x0002	/* asleep; only a wake-up ends it */
#define TASK_DEAD		0x0080	/* exited; freed by the next switch */
#define TASK_WAKEKILL		0x0100	/* with UNINTERRUPTIBLE: a fatal signal wakes it too */
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)

/* task->exit_state, Linux's values. */
#define EXIT_DEAD		0x0010	/* reaped (or never to be waited for) */
#define EXIT_ZOMBIE		0x0020	/* exited; its parent's wait4() has not reaped it */
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* task->flags */
#define PF_IDLE		0x00000002	/* this CPU's idle task */
#define PF_EXITING	0x00000004	/* in do_exit() */
#define PF_KTHREAD	0x00200000	/* a kernel thread */

/* task->tif: thread-info flags, Linux's names. */
#define TIF_SIGPENDING		2	/* a fatal signal waits at the return to user mode */
#define TIF_NEED_RESCHED	3	/* schedule() at the next chance */

#define TASK_COMM_LEN		16

/* The kernel stack: 8 KiB, two pages from the page allocator (as Linux i386). */
#define THREAD_SIZE_ORDER	1
#define THREAD_SIZE		(PAGE_SIZE << THREAD_SIZE_ORDER)
#define STACK_END_MAGIC		0x57AC6E9DUL	/* Linux's value */

struct kthread;
struct files_struct;

struct task_struct {
	volatile long __state;			/* TASK_* (read with READ_ONCE) */
	unsigned long tif;			/* TIF_* bits */
	unsigned int flags;			/* PF_* */
	void *stack;				/* lowest address of its kernel stack */
	int usage;				/* references: get/put_task_struct() */
	int pid;
	int pgid;				/* process group (kernel/pgrp.c); fork copies it */
	int sid;				/* session: pid of its leader; fork copies it */
	char comm[TASK_COMM_LEN];		/* "swapper" for init_task, as Linux */
	int on_rq;				/* 1 while on a run queue */
	int cpu;				/* the CPU whose run queue it is on; -1 until first woken */
	int on_cpu;				/* 1 while it runs on a CPU (from switch-in to switch-out) */
	int exit_code;
	struct list_head run_list;		/* in rq->queue while runnable, not running */
	struct list_head tasks;			/* in the all-tasks list (ps, fen-ps) */
	struct thread_struct thread;
	struct kthread *kthread;		/* kthread.c's part, NULL for init_task */
	unsigned long nvcsw, nivcsw;		/* voluntary / preempted switches away */
	struct mm_struct *mm;			/* its user address space; NULL for kernel threads */
	struct mm_struct *active_mm;		/* the page tables it runs on: mm, &init_mm, or kthread_use_mm()'s */
	struct task_struct *parent;		/* who wait4()s for it (Linux's real_parent) */
	struct list_head children;		/* its children, by sibling */
	struct list_head sibling;		/* in parent->children */
	int exit_state;				/* 0, EXIT_ZOMBIE, EXIT_DEAD */
	unsigned long pending;			/* 1 << signal number: fatal signals pending */
	struct files_struct *files;		/* open files; NULL for kernel threads */
	struct kmap_ctrl kmap_ctrl;		/* kmap_local_page()/kmap_atomic() slots */
	int pagefault_disabled;			/* pagefault_disable() depth (preempt.h) */
	struct fault_catch *fault_catch;	/* the self-tests' armed catch, or NULL */
	void (*oops_landing)(void);		/* fixup_oops()'s recovery point, or NULL */
	struct report_expect report;		/* the self-tests' expected reports */
};

/* The boot context, kernel/init_task.c; later this CPU's idle task. */
extern struct task_struct init_task;

/* The task this CPU runs: pcpu_hot.current_task, one %fs load (asm/percpu.h). */
static __always_inline struct task_struct *get_current(void)
{
	return this_cpu_read_hot_stable(current_task);
}

#define current get_current()

static inline bool is_idle_task(const struct task_struct *p)
{
	return p->flags & PF_IDLE;
}

static inline unsigned long *end_of_stack(const struct task_struct *p)
{
	return (unsigned long *)p->stack;
}

/* Is @addr inside @p's kernel stack? */
static inline bool object_is_on_stack(const struct task_struct *p, unsigned long addr)
{
	return addr >= (unsigned long)p->stack && addr < (unsigned long)p->stack + THREAD_SIZE;
}

#define task_stack_end_corrupted(p)	(*end_of_stack(p) != STACK_END_MAGIC)

/*
 * The store and a full barrier (an xchg, as Linux's smp_store_mb()):
 * the waiter's later test of its condition cannot be ordered before the
 * state is visible to a waker on another CPU, which sets the condition
 * and then reads the state.
 */
#define set_current_state(state)	do {				\
	__atomic_exchange_n(&current->__state, (state), __ATOMIC_SEQ_CST); \
} while (0)
#define __set_current_state(state)	((void)(current->__state = (state)))

/* tif bits are set from other CPUs (a wake-up, a signal): lock-prefixed or/and. */
static inline void set_tsk_thread_flag(struct task_struct *p, int flag)
{
	__atomic_fetch_or(&p->tif, 1UL << flag, __ATOMIC_SEQ_CST);
}
static inline void clear_tsk_thread_flag(struct task_struct *p, int flag)
{
	__atomic_fetch_and(&p->tif, ~(1UL << flag), __ATOMIC_SEQ_CST);
}
static inline void set_tsk_need_resched(struct task_struct *p)	{ set_tsk_thread_flag(p, TIF_NEED_RESCHED); }
static inline void clear_tsk_need_resched(struct task_struct *p) { clear_tsk_thread_flag(p, TIF_NEED_RESCHED); }
static inline bool test_tsk_need_resched(const struct task_struct *p)
{
	return __atomic_load_n(&p->tif, __ATOMIC_RELAXED) & (1UL << TIF_NEED_RESCHED);
}

/* kernel/sched/core.c */

/**
 * schedule - give the CPU to the next runnable task.
 *
 * If current's state is not TASK_RUNNING it leaves the run queue and
 * runs again only after wake_up_process(). Returns when current is
 * chosen again.
 * Context: process context, preemption and interrupts enabled (else
 * "BUG: scheduling while atomic").
 */
void schedule(void);

/**
 * wake_up_process - make @p runnable (TASK_RUNNING, on the run queue).
 * Return: true if @p was asleep. Context: any, interrupt handlers included.
 */
bool wake_up_process(struct task_struct *p);

/* wake_up_state - wake @p only if its state is one of @state. Context: any. */
bool wake_up_state(struct task_struct *p, unsigned int state);

/**
 * yield - let every other runnable task run once before current runs again.
 * Context: process context, may sleep.
 */
void yield(void);

/*
 * The timer tick's part (kernel/time/timer.c calls it): count current's
 * slice down and ask for a reschedule when it runs out.
 * Context: hard interrupt.
 */
void scheduler_tick(void);

/*
 * scheduler_ipi - RESCHEDULE_VECTOR's work (kernel/smp.c's handler calls
 * it): another CPU queued a task here; reschedule if idle.
 * Context: hard interrupt.
 */
void scheduler_ipi(void);

/* Set up this CPU's run queue with init_task as its idle task. Context: boot. */
void sched_init(void);

/* Runnable tasks on this CPU, the running one included (idle excluded). */
unsigned int nr_running(void);

/* Context switches on this CPU since boot. */
unsigned long long nr_context_switches(void);

/* Print a backtrace of @p, running or asleep (Linux's sched_show_task()). */
void sched_show_task(struct task_struct *p);

/* kernel/fork.c: put init_task on task_list. Context: boot. */
void fork_init(void);

/* Every task that exists, for ps-style listings (kernel/fork.c). */
extern struct list_head task_list;
/* How many: from alloc_task() until the task is reaped (init_task included). */
extern int nr_threads;
/* ... and the most fork() allows (-EAGAIN past it): an eighth of lowmem in stacks. */
extern int max_threads;

/* kernel/fork.c: references to a task_struct (atomic: taken and dropped on any CPU). */
static inline void get_task_struct(struct task_struct *p)
{
	__atomic_fetch_add(&p->usage, 1, __ATOMIC_RELAXED);
}
void __put_task_struct(struct task_struct *p);
static inline void put_task_struct(struct task_struct *p)
{
	if (__atomic_sub_fetch(&p->usage, 1, __ATOMIC_ACQ_REL) == 0)
		__put_task_struct(p);
}

/*
 * fork_idle - CPU @cpu's idle task ("swapper/N", pid 0, as Linux): its
 * task_struct and stack, TASK_RUNNING, not in task_list.
 * Context: boot, may sleep. Return: NULL if memory is short.
 */
struct task_struct *fork_idle(unsigned int cpu);

/*
 * kthread_bind - @p, created and not yet woken, will run on @cpu only.
 * Context: before the first wake_up_process(@p). A bad CPU is refused
 * with one line (and @p left to the usual placement).
 */
void kthread_bind(struct task_struct *p, unsigned int cpu);

/*
 * sched_init_secondary - CPU @cpu's run queue has @idle as its idle and
 * current task. Context: boot CPU, before @cpu is started.
 */
void sched_init_secondary(unsigned int cpu, struct task_struct *idle);

/* task_cpu - the CPU @p runs on (or will, once woken); 0 before placement. */
static inline unsigned int task_cpu(const struct task_struct *p)
{
	return p->cpu < 0 ? 0 : (unsigned int)p->cpu;
}

/**
 * pgrp_session - the session of process group @pgid (kernel/pgrp.c)
 * @pgid: a process group id
 *
 * Context: any. Return: the session id of its members, or -ESRCH if no
 * process is in that group.
 */
int pgrp_session(int pgid);

/* kernel/exit.c */

/**
 * do_exit - end current with @code; never returns.
 * Context: process context, not the idle task.
 */
__noreturn void do_exit(int code);

/*
 * user_init_exited - pid 1, a process, has exited with wait status @status:
 * end the run (init/pid1.c). Context: pid 1's do_exit(), its mm gone.
 */
__noreturn void user_init_exited(int status);

/**
 * run_init_process - make pid 1 the first user process, /init (or rdinit=)
 * @failures: the boot's failure count so far, for the end of the run
 *
 * Context: kernel_init (pid 1), at the end of boot.
 * Return: 0 if no init is to run (rdinit=), else only on failure: -errno.
 */
int run_init_process(int failures);

/* kernel/sched/idle.c: the idle task's loop (hlt until something is runnable). */
__noreturn void cpu_idle_loop(void);

#endif
