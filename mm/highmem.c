// SPDX-License-Identifier: MIT
/*
 * kmap(): the pkmap pool of long-lived, shared highmem mappings.
 *
 * Data structures. LAST_PKMAP (1024) virtual pages from PKMAP_BASE, all
 * in the one page table paging_init() built (pkmap_ptes[i] maps entry i).
 * Per entry: pkmap_count[i] (states below) and pkmap_map[i], which page it
 * maps. Mapped entries are also chained in a hash keyed by pfn, one
 * bucket per entry (LAST_PKMAP buckets, 8 KiB), so page_address() of a
 * highmem page finds its pkmap address, or NULL, usually in one compare;
 * kmap() and kunmap() use the same lookup inline, and their reports are
 * out of line.
 *
 * Map path, kmap(page): might_sleep() first, for every page, so a caller
 * in atomic context is found on its first call (the test inline, the
 * report out of line: kmap_context_atomic()). A lowmem page returns its
 * direct-map address. A highmem page already in the hash gains a user (a
 * "hash hit"). Otherwise the scan goes on from last_pkmap_nr to the next
 * entry with count 0, writes its PTE and hashes the page. No TLB flush is
 * needed: a count-0 entry's PTE was cleared and flushed before it became
 * free.
 *
 * A full pool: when the scan has looked at every entry and all have
 * users, kmap() sleeps on pkmap_map_wait (TASK_UNINTERRUPTIBLE, counted
 * in kmap_stats->waits) with kmap_lock dropped. It is on the queue before
 * it drops the lock, and kunmap() looks at the queue under the lock, so a
 * wake-up cannot fall between the two. Woken, it takes the lock again
 * and first asks page_address() once more -- another task may have
 * mapped this very page meanwhile, and a page is in at most one entry --
 * then scans again: the entry that was freed has count 1, so it becomes
 * free at the scan's next wrap-around flush, at most LAST_PKMAP steps on.
 *
 * Unmap path, kunmap(page): the count drops by one. At count 1 the entry
 * has no users but stays mapped and hashed -- a kmap() of the same page
 * before it is recycled reuses it for free. Only when the scan wraps
 * round to entry 0 are all count-1 entries cleared, with ONE global TLB
 * flush for all of them -- on every online CPU, since any CPU may have
 * read through any entry: this one, then one IPI to each other
 * (flush_tlb_kernel_range_reason(), IPI_TLB_PKMAP), at most once per
 * wrap. kunmap() sends nothing. The lazy flush is what makes kmap() cheap. A
 * count that reaches 1 with a task on pkmap_map_wait wakes the waiters
 * (after the lock is dropped); each rescans, and those that find nothing
 * sleep again.
 *
 * Invariants: count 0 <=> PTE clear and not hashed; count >= 1 <=> PTE
 * maps pkmap_map[i] and it is hashed; a page is in at most one entry.
 *
 * Dependencies: the sleep makes this file a caller of the scheduler
 * (kernel/sched/wait.c's wait queues, schedule()), which already calls
 * back into mm (kernel/sched/core.c's essay): wait.c joins the link cycle
 * listed in tools/depcheck.allow, as Linux's mm/highmem.c calls schedule().
 *
 * Locking: the pool (pkmap_count[], the hash, last_pkmap_nr) is under
 * kmap_lock, as in Linux; kmap() is not for interrupt context, so the
 * lock does not disable interrupts. The hash is changed under kmap_lock
 * and page_address_lock (irqsave), and page_address(), which takes no
 * kmap_lock, walks it under page_address_lock alone; Linux has a lock
 * per hash bucket for the same reason. Interrupts are on from the end of
 * boot: an interrupt handler must not call kmap() or kunmap() (it could
 * arrive while its own CPU holds kmap_lock); kmap_local_page() is the
 * mapping for handlers.
 *
 * Where it differs from Linux: a kmap() that finds the pool full where it
 * cannot sleep (preemption or interrupts off, inside kmap_atomic(), while
 * booting, in the idle task) would sleep anyway in Linux and die with
 * "scheduling while atomic"; here it reports "pkmap pool full in atomic
 * context" and returns NULL, the one case in which kmap() returns NULL
 * (clear_highpage()'s fallback BUGs on it). For a kmap() inside
 * kmap_atomic() Linux prints only might_sleep()'s report; here one more
 * line names the likely cause. As in Linux, every
 * waiter is woken and rescans; those that find nothing sleep again.
 * The page_address() hash is keyed by pfn, so a student can compute the
 * bucket by hand. Linux reads the page back from the PTE when it
 * flushes; pkmap_map[] keeps it, so this file writes PTEs (set_pte,
 * pte_clear, flush_tlb_kernel_range) but never reads them, and tests/host
 * can compile it with those helpers stubbed (and the scheduler's wait
 * calls, which the host never reaches: its kmap() cannot sleep).
 */
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/irqflags.h>		/* irqs_disabled() */
#include <kernel/list.h>
#include <kernel/might_sleep.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/seq_file.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/wait.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include "internal.h"

DEFINE_PER_CPU(struct kmap_stats, kmap_stats);

/*
 * pkmap_count[i], the state of entry i:
 *   0      unused: PTE clear and flushed, free for the taking
 *   1      mapped, no users: PTE still valid, TLB may hold it; must be
 *          cleared and flushed (wrap-around) before reuse
 *   n > 1  mapped, n - 1 users (each kmap() adds one, kunmap() drops one)
 */
enum {
	PKMAP_FREE = 0,
	PKMAP_NEEDS_FLUSH = 1,
};
static int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;	/* the entry taken last; the scan resumes after it */
static DEFINE_SPINLOCK(kmap_lock);	/* pkmap_count, last_pkmap_nr, the hash */
static pte_t *pkmap_ptes;		/* PTE of entry 0; entry i is pkmap_ptes[i] */
static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);	/* kmap()s waiting for a free entry */

/*
 * The page_address() hash: bucket = pfn & (PA_HASH_SIZE - 1), one bucket
 * per pkmap entry, so pfn 0x38005 is in bucket 0x005 and LAST_PKMAP
 * consecutive pfns get a bucket each: a lookup is one compare as long as
 * the mapped pages are not far apart. pkmap_map[i] is the node of entry
 * i while it is mapped.
 */
#define PA_HASH_SIZE	LAST_PKMAP
struct page_address_map {
	struct page *page;
	unsigned long vaddr;
	struct list_head list;		/* in page_address_htable[bucket] */
};
static struct list_head page_address_htable[PA_HASH_SIZE];
static struct page_address_map pkmap_map[LAST_PKMAP];

static struct list_head *pa_bucket(const struct page *page)
{
	return &page_address_htable[page_to_pfn(page) & (PA_HASH_SIZE - 1)];
}

/* The pkmap entry that maps @page, or NULL. */
static inline struct page_address_map *pkmap_lookup(const struct page *page)
{
	const struct list_head *head = pa_bucket(page), *pos;

	for (pos = head->next; pos != head; pos = pos->next) {
		struct page_address_map *pam = list_entry(pos, struct page_address_map, list);

		if (pam->page == page)
			return pam;
	}
	return NULL;
}

/*
 * page_address() needs no kmap_lock, so its walk of a bucket is guarded
 * by page_address_lock instead, with interrupts off: without it a reader
 * preempted (or interrupted) mid-walk could resume on an entry that a
 * wrap-around flush has unlinked (next = NULL) or moved to another bucket.
 * Writers change the hash only under kmap_lock and this lock; kmap() and
 * kunmap(), holding kmap_lock, read it without this one.
 */
static DEFINE_SPINLOCK(page_address_lock);

void *page_address_highmem(const struct page *page)
{
	struct page_address_map *pam;
	unsigned long flags;
	void *vaddr;

	spin_lock_irqsave(&page_address_lock, flags);
	pam = pkmap_lookup(page);
	vaddr = pam ? (void *)pam->vaddr : NULL;
	spin_unlock_irqrestore(&page_address_lock, flags);
	return vaddr;
}

static void set_page_address(struct page *page, unsigned int nr)
{
	unsigned long flags;

	pkmap_map[nr].page = page;
	pkmap_map[nr].vaddr = PKMAP_ADDR(nr);
	spin_lock_irqsave(&page_address_lock, flags);
	list_add_tail(&pkmap_map[nr].list, pa_bucket(page));
	spin_unlock_irqrestore(&page_address_lock, flags);
}

/* Context: kmap_lock and page_address_lock held. */
static void clear_page_address(unsigned int nr)
{
	list_del(&pkmap_map[nr].list);
	pkmap_map[nr].page = NULL;
}

/* Clear every mapped-but-unused entry, then flush the TLB once for all. */
static void flush_all_zero_pkmaps(void)
{
	lockdep_assert_held(&kmap_lock);
	bool need_flush = false;
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&page_address_lock, flags);	/* once for the whole sweep */
	for (i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] != PKMAP_NEEDS_FLUSH)
			continue;
		pkmap_count[i] = PKMAP_FREE;
		clear_page_address(i);
		pte_clear(&pkmap_ptes[i]);
		need_flush = true;
	}
	spin_unlock_irqrestore(&page_address_lock, flags);
	if (need_flush) {
		this_cpu_ptr(kmap_stats)->flushes++;
		/* any CPU may have cached any entry: all of them forget the pool */
		flush_tlb_kernel_range_reason(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP), IPI_TLB_PKMAP);
	}
}

static unsigned int pkmap_in_use(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < LAST_PKMAP; i++)
		n += pkmap_count[i] > PKMAP_NEEDS_FLUSH;
	return n;
}

/*
 * May a kmap() that finds the pool full sleep here? It holds kmap_lock,
 * the one preempt_count it may hold; anything more (a spinlock of the
 * caller's, kmap_atomic()) or interrupts off, and it may not. Neither may
 * boot before the scheduler runs (nobody else could kunmap()) nor the idle
 * task, as might_sleep() says.
 */
static bool kmap_may_sleep_locked(void)
{
	return preempt_count() == PREEMPT_OFFSET && !irqs_disabled() &&
	       !pagefault_disabled() && system_state != SYSTEM_BOOTING &&
	       !is_idle_task(current);
}

static noinline void kmap_pool_full_atomic(struct page *page)
{
	report_misuse("kmap", "pkmap pool full in atomic context");
	pr_err("  kmap(pfn 0x%05lx): all %d pkmap entries have users, and this context\n",
	       page_to_pfn(page), LAST_PKMAP);
	pr_err("  cannot sleep until kunmap() frees one (preempt_count %d, irqs %s): NULL;\n",
	       preempt_count() - PREEMPT_OFFSET, irqs_disabled() ? "off" : "on");
	pr_err("  use kmap_local_page(), or kmap() before entering the atomic section\n");
}

/*
 * Sleep until a kunmap() leaves an entry unused. Called and returns with
 * kmap_lock held; it is dropped for the sleep. On the queue and
 * TASK_UNINTERRUPTIBLE before the lock is dropped: kunmap() tests the
 * queue under the lock, so its wake-up finds us even if it comes before
 * schedule().
 */
static noinline void pkmap_wait_for_entry(void)
{
	DEFINE_WAIT(wait);

	this_cpu_ptr(kmap_stats)->waits++;
	prepare_to_wait(&pkmap_map_wait, &wait, TASK_UNINTERRUPTIBLE);
	spin_unlock(&kmap_lock);
	schedule();
	finish_wait(&pkmap_map_wait, &wait);
	spin_lock(&kmap_lock);
}

/*
 * Find a free entry for @page and map it there, leaving count 1 (the
 * caller adds its user); or, after a sleep, the entry another task mapped
 * @page into meanwhile (its count as it is). Return: the address, or 0
 * when all are in use and this context cannot sleep (reported).
 */
static unsigned long map_new_virtual(struct page *page)
{
	struct page_address_map *pam;
	unsigned int left;
	unsigned long vaddr;

rescan:
	left = LAST_PKMAP;
	for (;;) {
		last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (last_pkmap_nr == 0) {
			this_cpu_ptr(kmap_stats)->wraps++;
			flush_all_zero_pkmaps();
			left = LAST_PKMAP;
		}
		if (pkmap_count[last_pkmap_nr] == PKMAP_FREE)
			break;
		if (--left == 0) {
			/* Every entry has a user: wait for a kunmap(), if we may. */
			if (!kmap_may_sleep_locked()) {
				kmap_pool_full_atomic(page);
				return 0;
			}
			pkmap_wait_for_entry();
			pam = pkmap_lookup(page);	/* mapped by someone else meanwhile? */
			if (pam)
				return pam->vaddr;
			goto rescan;
		}
	}
	vaddr = PKMAP_ADDR(last_pkmap_nr);
	set_pte(&pkmap_ptes[last_pkmap_nr], pfn_pte(page_to_pfn(page), PAGE_KERNEL));
	pkmap_count[last_pkmap_nr] = PKMAP_NEEDS_FLUSH;
	set_page_address(page, last_pkmap_nr);
	this_cpu_ptr(kmap_stats)->maps++;
	return vaddr;
}

/*
 * kmap() from where it must not sleep: might_sleep()'s report (quiet
 * while booting, and on the host), and a line naming the likely cause.
 */
static noinline void kmap_check_context(struct page *page)
{
	might_sleep();
	if (in_atomic() || pagefault_disabled())
		pr_err("kmap() may sleep, but is called inside kmap_atomic() or another atomic "
		       "section (pfn 0x%05lx): it sleeps when the pool is full\n", page_to_pfn(page));
}

/*
 * might_sleep() first, for every page. Its test is made here, inline, and
 * only a context that fails it calls out: preempt_count raised (a
 * spinlock, kmap_atomic(), an interrupt handler), page faults disabled,
 * or interrupts off. The good case then costs a few instructions, not a
 * call; without CONFIG_DEBUG_ATOMIC_SLEEP (the DEBUG_VM=0 kernel `make
 * bench` times) none, as might_sleep() itself is nothing there.
 */
static __always_inline bool kmap_context_atomic(void)
{
	return IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP) &&
	       (in_atomic() || pagefault_disabled() || irqs_disabled());
}

void *kmap(struct page *page)
{
	struct page_address_map *pam;
	unsigned long vaddr;

	if (unlikely(kmap_context_atomic()))
		kmap_check_context(page);	/* might_sleep() */
	if (!PageHighMem(page))
		return lowmem_page_address(page);

	spin_lock(&kmap_lock);
	pam = pkmap_lookup(page);
	if (pam) {
		this_cpu_ptr(kmap_stats)->hash_hits++;
		vaddr = pam->vaddr;
	} else {
		vaddr = map_new_virtual(page);
		if (unlikely(!vaddr)) {
			spin_unlock(&kmap_lock);
			return NULL;
		}
	}
	pkmap_count[PKMAP_NR(vaddr)]++;
	spin_unlock(&kmap_lock);
	return (void *)vaddr;
}

static noinline void kunmap_not_mapped(struct page *page, const struct page_address_map *pam)
{
	report_misuse("kmap", "kunmap of a page that is not mapped");
	if (pam)
		pr_err("  kunmap(pfn 0x%05lx): pkmap entry %u at 0x%08lx has no users left\n",
		       page_to_pfn(page), (unsigned int)PKMAP_NR(pam->vaddr), pam->vaddr);
	else
		pr_err("  kunmap(pfn 0x%05lx): the page is in no pkmap entry\n",
		       page_to_pfn(page));
}

void kunmap(struct page *page)
{
	struct page_address_map *pam;
	unsigned int nr;

	if (!PageHighMem(page))
		return;
	spin_lock(&kmap_lock);
	pam = pkmap_lookup(page);
	if (unlikely(!pam)) {
		kunmap_not_mapped(page, NULL);
		goto out;
	}
	nr = PKMAP_NR(pam->vaddr);
	if (unlikely(pkmap_count[nr] <= PKMAP_NEEDS_FLUSH)) {
		kunmap_not_mapped(page, pam);
		goto out;
	}
	this_cpu_ptr(kmap_stats)->unmaps++;
	if (--pkmap_count[nr] == PKMAP_NEEDS_FLUSH && unlikely(waitqueue_active(&pkmap_map_wait))) {
		spin_unlock(&kmap_lock);
		wake_up(&pkmap_map_wait);	/* an entry is unused: the waiters rescan */
		return;
	}
out:
	spin_unlock(&kmap_lock);
}

int pkmap_users(unsigned long vaddr)
{
	if (vaddr < PKMAP_BASE || vaddr >= PKMAP_ADDR(LAST_PKMAP))
		return -1;
	return pkmap_count[PKMAP_NR(vaddr)] - 1;
}

const char *pkmap_fault_area(unsigned long addr)
{
	if (addr < PKMAP_BASE || addr >= PKMAP_ADDR(LAST_PKMAP))
		return NULL;
	if (pkmap_count[PKMAP_NR(addr)] == PKMAP_FREE)
		return "an unused pkmap entry";
	return NULL;
}

void clear_highpage(struct page *page)
{
	void *kaddr = kmap_local_page(page);

	if (!kaddr) {
		/*
		 * Slot stack overflow, already reported: never hand out dirty
		 * memory. kmap() sleeps for a pkmap entry if it must; NULL only
		 * if the pool is full and this context cannot sleep.
		 */
		kaddr = kmap(page);
		BUG_ON(!kaddr);
		memset(kaddr, 0, PAGE_SIZE);
		kunmap(page);
		return;
	}
	memset(kaddr, 0, PAGE_SIZE);
	kunmap_local(kaddr);
}

void kmap_init(void)
{
	unsigned int i;

	for (i = 0; i < PA_HASH_SIZE; i++)
		INIT_LIST_HEAD(&page_address_htable[i]);
	pkmap_ptes = lookup_pte_k(PKMAP_BASE);
	BUG_ON(!pkmap_ptes);	/* paging_init() builds the pkmap page table */
	BUG_ON(!lookup_pte_k(fix_to_virt(FIX_KMAP_END)));	/* and the fixmap one */
	kmap_local_init();
}

/* Every CPU's kmap_stats added up (the deepest kmap_local stack: the deepest of any). */
static void kmap_stats_sum(struct kmap_stats *sum)
{
	unsigned int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct kmap_stats *st = per_cpu_ptr(kmap_stats, cpu);

		sum->maps += st->maps;
		sum->hash_hits += st->hash_hits;
		sum->unmaps += st->unmaps;
		sum->flushes += st->flushes;
		sum->wraps += st->wraps;
		sum->waits += st->waits;
		sum->local_sched_outs += st->local_sched_outs;
		sum->local_maps += st->local_maps;
		sum->local_max_depth = max(sum->local_max_depth, st->local_max_depth);
	}
}

int kmap_stats_seq_show(struct seq_file *m, void *v)
{
	struct kmap_stats total, *st = &total;
	unsigned int i, lazy = 0;

	kmap_stats_sum(&total);

	for (i = 0; i < LAST_PKMAP; i++)
		lazy += pkmap_count[i] == PKMAP_NEEDS_FLUSH;
	seq_printf(m, "kmap: pkmap %lu maps, %lu hash hits, %lu unmaps, %lu flushes, %lu waits; "
		   "entries in use %u/%d, %u awaiting flush\n", st->maps, st->hash_hits, st->unmaps,
		   st->flushes, st->waits, pkmap_in_use(), LAST_PKMAP, lazy);
	seq_printf(m, "kmap: pkmap %lu wraps, %lu shootdowns, %lu IPIs sent (%u CPU%s online)\n",
		   st->wraps, ipi_shootdowns_total(IPI_TLB_PKMAP), ipi_sent_total(IPI_TLB_PKMAP),
		   num_online_cpus(), num_online_cpus() == 1 ? "" : "s");
	if (IS_ENABLED(CONFIG_DEBUG_VM))
		seq_printf(m, "kmap: kmap_local %lu highmem maps, slots in use %d/%d (deepest %d)%s\n",
			   st->local_maps, kmap_local_depth(), KM_MAX_IDX, st->local_max_depth,
			   IS_ENABLED(CONFIG_DEBUG_KMAP_LOCAL_GUARD) ? ", guard pages on" : "");
	else
		seq_printf(m, "kmap: kmap_local slots in use %d/%d (maps are counted with DEBUG_VM=1)\n",
			   kmap_local_depth(), KM_MAX_IDX);
	return 0;
}

void kmap_stats_show(void)
{
	seq_printk_show(kmap_stats_seq_show, NULL);
}

int kmap_pkmap_entries_show(struct seq_file *m, void *v)
{
	unsigned int i;

	spin_lock(&kmap_lock);
	for (i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] == PKMAP_FREE)
			continue;
		seq_printf(m, "pkmap %4u 0x%08lx pfn 0x%05lx users %d%s\n", i, PKMAP_ADDR(i),
			   page_to_pfn(pkmap_map[i].page), pkmap_count[i] - 1,
			   pkmap_count[i] == PKMAP_NEEDS_FLUSH ? " (awaiting flush)" : "");
	}
	spin_unlock(&kmap_lock);
	return 0;
}
