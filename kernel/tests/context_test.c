// SPDX-License-Identifier: MIT
/*
 * KTAP suite "context": the context layer (kernel/sched.h, percpu.h,
 * preempt.h, spinlock.h, asm/irqflags.h, asm/tlbflush.h, init_mm and
 * kernel_pmd_populate()). Each case checks state, so a layer that
 * compiled to nothing where it must not (a flush that does not flush, a
 * lock that does not count) fails here.
 */
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/ktest.h>
#include <kernel/percpu.h>
#include <kernel/preempt.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/vmalloc.h>

/*
 * current is this CPU's pcpu_hot.current_task: a kernel thread on init_mm, with
 * its stack from the page allocator, not init_task (pid 0, the boot
 * context, now this CPU's idle task on the boot stack).
 */
static void current_is_this_cpus_task(struct ktest *t)
{
	unsigned long sp = (unsigned long)__builtin_frame_address(0);

	ktest_host_skip(t, "the host runs every case in init_task: it has no scheduler");
	KTEST_EXPECT_PTR_EQ(t, current, this_cpu_read_hot(current_task));
	KTEST_EXPECT_PTR_EQ(t, per_cpu(pcpu_hot, smp_processor_id()).current_task, current);
	KTEST_EXPECT_PTR_NE(t, current, &init_task);
	KTEST_EXPECT_TRUE(t, current->flags & PF_KTHREAD);
	KTEST_EXPECT_GT(t, current->pid, 0);
	KTEST_EXPECT_TRUE(t, object_is_on_stack(current, sp));
	KTEST_EXPECT_FALSE(t, object_is_on_stack(&init_task, sp));
	KTEST_EXPECT_EQ(t, init_task.pid, 0);
	KTEST_EXPECT_TRUE(t, is_idle_task(&init_task));
	KTEST_EXPECT_EQ(t, smp_processor_id(), 0);
	KTEST_EXPECT_PTR_EQ(t, current->active_mm, &init_mm);
	KTEST_EXPECT_PTR_EQ(t, init_task.active_mm, &init_mm);
	KTEST_EXPECT_PTR_EQ(t, init_mm.pgd, swapper_pg_dir);
}

/* pgd_offset_k(a) is pgd_offset(&init_mm, a): the entry of a in swapper_pg_dir. */
static void pgd_offset_k_is_init_mm(struct ktest *t)
{
	unsigned long a = VMALLOC_START;

	KTEST_EXPECT_PTR_EQ(t, pgd_offset_k(a), pgd_offset(&init_mm, a));
	KTEST_EXPECT_PTR_EQ(t, pgd_offset_k(a), swapper_pg_dir + pgd_index(a));
	KTEST_EXPECT_PTR_EQ(t, pgd_offset_k(PAGE_OFFSET), swapper_pg_dir + pgd_index(PAGE_OFFSET));
}

/*
 * The kmap_local stack is the task's: a mapping shows in
 * current->kmap_ctrl, and with another task_struct made current (no
 * mapping is made or undone meanwhile) the depth is that task's, 0.
 */
static void kmap_local_state_is_per_task(struct ktest *t)
{
	struct task_struct other = { .comm = "other", .active_mm = &init_mm };
	struct task_struct *me = current;
	struct page *p = alloc_page(GFP_HIGHUSER);
	unsigned long flags;
	int depth_other;
	void *v;

	KTEST_ASSERT_NOT_NULL(t, p);
	if (!PageHighMem(p)) {
		__free_page(p);
		ktest_skip(t, "no highmem: kmap_local maps nothing");
	}
	v = kmap_local_page(p);
	KTEST_EXPECT_EQ(t, current->kmap_ctrl.idx, 1);
	KTEST_EXPECT_PTR_EQ(t, current->kmap_ctrl.page[0], p);
	local_irq_save(flags);		/* no switch while current is not really us */
	this_cpu_write_hot(current_task, &other);
	depth_other = kmap_local_depth();
	this_cpu_write_hot(current_task, me);
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, depth_other, 0);
	KTEST_EXPECT_EQ(t, kmap_local_depth(), 1);
	kunmap_local(v);
	KTEST_EXPECT_EQ(t, current->kmap_ctrl.idx, 0);
	__free_page(p);
}

/*
 * kmap_atomic() is preempt_disable() + pagefault_disable() + a push:
 * inside, in_atomic() and pagefault_disabled(); after, both counts are
 * back at 0 (preempt_count per CPU, pagefault_disabled per task).
 */
static void kmap_atomic_is_atomic_inside(struct ktest *t)
{
	struct page *p = alloc_page(GFP_HIGHUSER);
	bool atomic, nofault;
	int pc, pf;
	void *v;

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_ASSERT_TRUE(t, !in_atomic());
	KTEST_ASSERT_TRUE(t, !pagefault_disabled());
	v = kmap_atomic(p);
	atomic = in_atomic();
	nofault = pagefault_disabled();
	pc = preempt_count();
	pf = current->pagefault_disabled;
	kunmap_atomic(v);
	KTEST_EXPECT_TRUE(t, atomic);
	KTEST_EXPECT_TRUE(t, nofault);
	KTEST_EXPECT_EQ(t, pc, 1);
	KTEST_EXPECT_EQ(t, pf, 1);
	KTEST_EXPECT_EQ(t, preempt_count(), 0);
	KTEST_EXPECT_EQ(t, current->pagefault_disabled, 0);
	__free_page(p);
}

static DEFINE_SPINLOCK(test_lock);

/* A held spinlock is a preempt_disable() section; _irqsave also clears IF. */
static void spin_lock_disables_preemption(struct ktest *t)
{
	unsigned long flags, before = native_save_fl();
	bool atomic, irqs_off;

	spin_lock(&test_lock);
	atomic = in_atomic();
	KTEST_EXPECT_NO_REPORT(t, lockdep_assert_held(&test_lock));
	spin_unlock(&test_lock);
	KTEST_EXPECT_TRUE(t, atomic);
	KTEST_EXPECT_EQ(t, preempt_count(), 0);

	spin_lock_irqsave(&test_lock, flags);
	irqs_off = irqs_disabled();
	atomic = in_atomic();
	spin_unlock_irqrestore(&test_lock, flags);
	KTEST_EXPECT_TRUE(t, irqs_off);
	KTEST_EXPECT_TRUE(t, atomic);
	KTEST_EXPECT_EQ(t, flags & X86_EFLAGS_IF, before & X86_EFLAGS_IF);
	KTEST_EXPECT_EQ(t, native_save_fl() & X86_EFLAGS_IF, before & X86_EFLAGS_IF);
	KTEST_EXPECT_EQ(t, preempt_count(), 0);
}

/*
 * [test_lock held] -> spin_lock(test_lock) again: reported, no wait ->
 * spin_unlock (releases) -> spin_unlock again: reported. preempt_count
 * goes 1, 2, 1, 0: the reports keep it balanced.
 */
static void spin_lock_recursion_reported(struct ktest *t)
{
	if (!IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		ktest_skip(t, "owner checks need CONFIG_DEBUG_SPINLOCK (DEBUG_VM=1)");
	spin_lock(&test_lock);
	KTEST_EXPECT_REPORT(t, spin_lock(&test_lock), "spinlock", "recursion");
	KTEST_EXPECT_EQ(t, preempt_count(), 2);
	spin_unlock(&test_lock);
	KTEST_EXPECT_REPORT(t, spin_unlock(&test_lock), "spinlock", "already unlocked");
	KTEST_EXPECT_EQ(t, preempt_count(), 0);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&test_lock));
}

static void lockdep_assert_held_unheld_reported(struct ktest *t)
{
	if (!IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		ktest_skip(t, "owner checks need CONFIG_DEBUG_SPINLOCK (DEBUG_VM=1)");
	KTEST_EXPECT_REPORT(t, lockdep_assert_held(&test_lock), "lockdep", "lock not held");
}

/*
 * A vmalloc page mapping A is read (its translation now in the TLB); its
 * PTE is changed to B with no flush, and a read still sees A; after
 * flush_tlb_kernel_range() over it a read sees B. Both ways: one page
 * (invlpg) and a range above the ceiling (the full flush). A flush that
 * did nothing would leave the read at A.
 */
static void flush_tlb_kernel_range_flushes(struct ktest *t)
{
	static const unsigned long spans[] = { 1, 64 };	/* pages: invlpg, then full */
	struct page *b;
	volatile u32 *v, *vb;
	pte_t *ptep, old;

	ktest_needs_mmu(t);		/* a TLB to go stale, and vmalloc */
	b = alloc_page(GFP_KERNEL);
	v = vmalloc(PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, b);
	if (!v) {
		__free_page(b);
		KTEST_ASSERT_TRUE(t, v != NULL);
	}
	vb = lowmem_page_address(b);
	ptep = lookup_pte_k((unsigned long)v);
	old = *ptep;
	KTEST_EXPECT_LT(t, 1, tlb_single_page_flush_ceiling);
	KTEST_EXPECT_GT(t, 64, tlb_single_page_flush_ceiling);
	for (unsigned int i = 0; i < ARRAY_SIZE(spans); i++) {
		u32 stale, fresh;

		v[0] = 0xaaaa0000 + i;
		vb[0] = 0xbbbb0000 + i;
		(void)v[0];					/* A's translation cached */
		set_pte(ptep, pfn_pte(page_to_pfn(b), PAGE_KERNEL));	/* no flush */
		stale = v[0];
		flush_tlb_kernel_range((unsigned long)v, (unsigned long)v + spans[i] * PAGE_SIZE);
		fresh = v[0];
		set_pte(ptep, old);
		flush_tlb_one_kernel((unsigned long)v);
		KTEST_EXPECT_EQ(t, stale, 0xaaaa0000 + i);
		KTEST_EXPECT_EQ(t, fresh, 0xbbbb0000 + i);
	}
	vfree((void *)v);
	__free_page(b);
}

static const struct ktest_case context_cases[] = {
	KTEST_CASE(current_is_this_cpus_task),
	KTEST_CASE(pgd_offset_k_is_init_mm),
	KTEST_CASE(kmap_local_state_is_per_task),
	KTEST_CASE(kmap_atomic_is_atomic_inside),
	KTEST_CASE(spin_lock_disables_preemption),
	KTEST_CASE(spin_lock_recursion_reported),
	KTEST_CASE(lockdep_assert_held_unheld_reported),
	KTEST_CASE(flush_tlb_kernel_range_flushes),
	{}
};
KTEST_SUITE(context) = { .name = "context", .cases = context_cases };
