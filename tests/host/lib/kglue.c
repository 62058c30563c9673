// SPDX-License-Identifier: MIT
/*
 * The kernel side of the host build: what boot/head.asm, the linker
 * script and the hardware-facing files (cpu.c, kallsyms.c) would
 * provide, in the kernel's own types. Everything else a test links is
 * the unmodified kernel source.
 */
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/smp.h>
#include <kernel/wait.h>

#include "ht.h"

/* asm/processor.h, asm/tlbflush.h, asm/io.h stand-ins */
unsigned long host_cr[5];
unsigned long host_eflags;		/* IF clear: interrupts stay off */
u64 host_tsc;
u64 host_msr[4];
unsigned long host_last_flush_addr;
u16 host_last_port;
u32 host_last_port_value;
struct cpuinfo_x86 boot_cpu_data = { .vendor = "HostTest", .family = 6, .has_cpuid = true,
				     .has_tsc = true, .has_pse = true, .phys_bits = 32 };

/*
 * The PTE bits this CPU supports (NX only once EFER.NXE is on), which the
 * kernel sets at CPU detection, a file the host does not compile. Weak,
 * so a definition in a host-compiled file wins.
 */
#ifdef _PAGE_NX
__weak pteval_t __supported_pte_mask = ~(pteval_t)_PAGE_NX;
#else
__weak pteval_t __supported_pte_mask = ~(pteval_t)0;
#endif

/* boot/head.asm: the kernel's page directory, and init_task's stack */
pgd_t swapper_pg_dir[PTRS_PER_PGD] __aligned(4096);
char boot_stack[KERNEL_STACK_SIZE] __aligned(4096);

/*
 * mm/percpu.c: the host is one CPU, so every per-CPU variable is its
 * one copy (offset 0) and alloc_percpu() is a zeroed allocation.
 */
unsigned long __per_cpu_offset[NR_CPUS];

void setup_per_cpu_areas(void)
{
}

void *__alloc_percpu(unsigned long size, unsigned long align)
{
	void *p = aligned_alloc(align < sizeof(void *) ? sizeof(void *) : align,
				(size + align - 1) / align * align);

	if (p)
		memset(p, 0, size);
	return p;
}

void free_percpu(void *ptr)
{
	free(ptr);
}

/*
 * kernel/smp.c: the host is one CPU, so a cross-CPU call has nobody to
 * call: on_each_cpu*() runs the function here, smp_call_function_many()
 * nothing, and no IPI is ever counted (arch/x86/mm/tlb.c's flushes).
 */
DEFINE_PER_CPU(struct ipi_stats, ipi_stats);

void smp_call_function_many(cpumask_t mask, smp_call_func_t func, void *info, bool wait,
			    enum ipi_reason reason)
{
}

void on_each_cpu_reason(smp_call_func_t func, void *info, bool wait, enum ipi_reason reason)
{
	func(info);
}

void on_each_cpu(smp_call_func_t func, void *info, bool wait)
{
	func(info);
}

unsigned long ipi_sent_total(enum ipi_reason r)
{
	return per_cpu(ipi_stats, 0).sent[r];
}

unsigned long ipi_shootdowns_total(enum ipi_reason r)
{
	return per_cpu(ipi_stats, 0).shootdowns[r];
}

/*
 * kernel/sched/core.c: the host runs one context and never asks for a
 * reschedule, so preempt_enable() cannot reach 0 with one pending; if it
 * did, the host has no other task to switch to.
 */
void preempt_schedule(void)
{
}

/*
 * kernel/sched/core.c and wait.c: mm/highmem.c's kmap() sleeps on a wait
 * queue when the pkmap pool is full, but only where it may sleep, which
 * on the host (interrupts "off", system_state SYSTEM_BOOTING) is never:
 * it reports and returns NULL instead. So these are never called; if one
 * were, the host has no other task to run, and the test fails.
 */
static void no_scheduler(const char *fn)
{
	ht_fail(__FILE__, __LINE__, "%s() called: the host has no scheduler", fn);
}

void schedule(void)
{
	no_scheduler(__func__);
}

int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			     void *key)
{
	no_scheduler(__func__);
	return 0;
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wq_entry, int state)
{
	no_scheduler(__func__);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wq_entry)
{
	no_scheduler(__func__);
}

void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr_exclusive, void *key)
{
	no_scheduler(__func__);
}

/* kernel/kallsyms.c: no symbol table on the host (ASan prints stacks) */
void dump_stack(void)
{
	printk(KERN_EMERG "Call Trace: (host build: see the sanitizer's stack, if any)\n");
}

void dump_stack_from(unsigned long ebp)
{
	(void)ebp;
	dump_stack();
}

unsigned long ht_unexpected_reports(void)
{
	return report_state.unexpected;
}
