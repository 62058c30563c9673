// SPDX-License-Identifier: MIT
/*
 * Flushing the TLB after mappings are torn down, on every CPU that may
 * hold them (asm/tlbflush.h).
 *
 * Two kinds of flush, kept apart as in Linux:
 *
 *   kernel range   flush_tlb_kernel_range(), flush_tlb_all(): the kernel
 *                  half is the same in every page directory, so any CPU
 *                  may have cached it: this CPU flushes, then every other
 *                  online CPU through on_each_cpu_reason() (one IPI each,
 *                  acknowledged). The callers name why, for the counters:
 *                  IPI_TLB_PKMAP (the pkmap wrap), IPI_TLB_VUNMAP (a lazy
 *                  vunmap purge), IPI_TLB_KERNEL (the rest).
 *   user range     flush_tlb_mm_range(), flush_tlb_page(): only the CPUs
 *                  in mm->cpu_bitmap (Linux's mm_cpumask(mm)), the ones
 *                  that have this mm in CR3 now; this one locally if it is
 *                  among them, the others by IPI_TLB_MM. An mm that has
 *                  run on this CPU only costs no IPI at all.
 *
 * Why the bitmap is enough (switch_mm(), asm/mmu_context.h). A CPU B
 * switching to mm sets its bit in mm->cpu_bitmap with a locked or (a
 * full barrier) and only then loads mm's CR3; leaving mm, it loads the
 * next CR3 first and clears its bit after. A flusher A writes the PTEs,
 * then a full barrier, then reads the bitmap (flush_tlb_mm_range()). The
 * locked or and A's barrier are ordered one way or the other:
 *   - A's read comes first and sees the bit clear: A's PTE stores are
 *     visible before B's CR3 load, so B's page walks read the new PTEs;
 *     any entry of mm that B held from an earlier stay was dropped by the
 *     CR3 load that took it away (user entries are never global, and
 *     there is no PCID and no lazy TLB here);
 *   - B's or comes first: A sees the bit and sends the IPI.
 * A CPU that cleared its bit holds no entry of mm, so it is left out; one
 * that clears it while the IPI is on its way flushes for nothing (its
 * handler tests the bit again), which is harmless. switch_mm() runs with
 * interrupts off, so the handler never runs between its CR3 load and a
 * bit update.
 *
 * One invlpg per page is cheapest for a few pages; for many, one full
 * flush is cheaper than the invlpgs, and the TLB refills either way.
 * Linux's crossover, tlb_single_page_flush_ceiling, is 33 pages; it is
 * applied on each CPU.
 *
 * A full flush of kernel entries must reach global ones too: reloading
 * CR3 drops only non-global ones, so with CR4.PGE on a kernel mapping
 * marked _PAGE_GLOBAL would survive it. Clearing and setting CR4.PGE
 * flushes everything (Intel SDM 4.10.4.1); without PGE there are no global
 * entries and the CR3 reload is enough. __flush_tlb_all() (asm/tlbflush.h)
 * picks between them by the PGE bit of mmu_cr4_features, which
 * enable_pge() (arch/x86/mm/init.c) sets before the first global entry
 * is written.
 *
 * Where it differs from Linux: Linux's flush_tlb_info also carries a
 * page-table generation per mm so a CPU in lazy-TLB mode can catch up on
 * its next switch instead of taking the IPI; with no lazy TLB here the
 * bitmap alone decides. Linux flushes user ranges with INVPCID or PCID
 * tricks; here invlpg or a CR3 reload.
 */
#include <asm/irqflags.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <kernel/smp.h>
#include <mm/mm_types.h>

unsigned long tlb_single_page_flush_ceiling = 33;

struct flush_tlb_info {
	struct mm_struct *mm;		/* NULL: a kernel range */
	unsigned long start, end;
};

void local_flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	unsigned long addr;

	start &= PAGE_MASK;
	if ((end - start) >> PAGE_SHIFT > tlb_single_page_flush_ceiling) {
		__flush_tlb_all();
		return;
	}
	for (addr = start; addr < end; addr += PAGE_SIZE)
		flush_tlb_one_kernel(addr);
}

static void do_kernel_range_flush(void *data)
{
	const struct flush_tlb_info *info = data;

	local_flush_tlb_kernel_range(info->start, info->end);
}

void flush_tlb_kernel_range_reason(unsigned long start, unsigned long end, enum ipi_reason reason)
{
	struct flush_tlb_info info = { .start = start & PAGE_MASK, .end = end };

	if (info.start >= end)
		return;
	on_each_cpu_reason(do_kernel_range_flush, &info, true, reason);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	flush_tlb_kernel_range_reason(start, end, IPI_TLB_KERNEL);
}

static void do_flush_tlb_all(void *unused)
{
	(void)unused;
	__flush_tlb_all();
}

void flush_tlb_all(void)
{
	on_each_cpu_reason(do_flush_tlb_all, NULL, true, IPI_TLB_KERNEL);
}

/* [start, end) of a user mm on this CPU: its entries are not global. */
static void local_flush_tlb_user_range(unsigned long start, unsigned long end)
{
	unsigned long n = (end - start) >> PAGE_SHIFT;

	if (n > tlb_single_page_flush_ceiling) {
		__flush_tlb_all();	/* a CR3 reload would do: user PTEs are not global */
		this_cpu_ptr(tlb_stats)->user_flush_all++;
		return;
	}
	this_cpu_ptr(tlb_stats)->flush_one += n;
	this_cpu_ptr(tlb_stats)->user_flush_one += n;
	for (; start < end; start += PAGE_SIZE)
		__flush_tlb_one_uncounted(start);
}

/* The IPI_TLB_MM handler: flush only if this CPU still has the mm loaded. */
static void do_mm_range_flush(void *data)
{
	const struct flush_tlb_info *info = data;

	if (cpumask_test_cpu(smp_processor_id(), mm_cpumask(info->mm)))
		local_flush_tlb_user_range(info->start, info->end);
}

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct flush_tlb_info info = { .mm = mm, .start = start & PAGE_MASK, .end = end };
	unsigned long flags;
	cpumask_t cpus;

	if (info.start >= end)
		return;
	/* the PTE changes before the bitmap read (see the essay): a full barrier */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	local_irq_save(flags);		/* this CPU's bit and its flush: no switch between */
	cpus = __atomic_load_n(&mm->cpu_bitmap, __ATOMIC_RELAXED);
	if (cpumask_test_cpu(smp_processor_id(), cpus))
		local_flush_tlb_user_range(info.start, info.end);
	cpus &= ~cpumask_of(smp_processor_id());
	local_irq_restore(flags);
	if (cpus)
		smp_call_function_many(cpus, do_mm_range_flush, &info, true, IPI_TLB_MM);
}
