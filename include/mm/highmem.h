/* SPDX-License-Identifier: MIT */
/*
 * Temporary mappings of pages that have no permanent kernel address.
 *
 * A highmem page (ZONE_HIGHMEM, above the lowmem end) is not in the
 * direct map, so the kernel must map it somewhere before touching it.
 * Three ways, cheapest first:
 *
 *   kmap_local_page()  a slot on a stack of KM_MAX_IDX fixmap pages
 *                      (mm/kmap_local.c): per-CPU slots, the stack in
 *                      the task (current->kmap_ctrl). One PTE write to map,
 *                      a PTE clear and one invlpg to unmap; strictly
 *                      LIFO; valid only in the caller.
 *   kmap_atomic()      the same slots, and also "no preemption, no page
 *                      faults": preempt_count and pagefault_disabled
 *                      raised until kunmap_atomic().
 *   kmap()             one of LAST_PKMAP entries of the pkmap pool
 *                      (mm/highmem.c): any order, any duration, shared by
 *                      everyone who maps the same page; freed entries are
 *                      flushed lazily, all at once, on wrap-around; may
 *                      sleep for an entry when all are in use.
 *
 * For a lowmem page all three return the direct-map address and map
 * nothing. vmalloc()/vmap() (mm/vmalloc.h) map many pages for long.
 */
#ifndef _MM_HIGHMEM_H
#define _MM_HIGHMEM_H

#include <kernel/string.h>
#include <kernel/types.h>
#include <mm/mm.h>
#include <mm/highmem-internal.h>	/* slot tables, inline fast paths, statistics */

/* --- kmap_local and kmap_atomic: per-CPU slots, per-task stack ------------ */

/**
 * kmap_local_page - map a page for a short while, in this context only.
 * @page: any page, lowmem or highmem.
 *
 * A lowmem page needs no mapping: its direct-map address is returned and
 * no slot is used. A highmem page takes the next free slot of the task's
 * stack (KM_MAX_IDX deep). Mappings nest and must be undone in reverse
 * order, the last one mapped first:
 *
 *   void *a = kmap_local_page(pa);
 *   void *b = kmap_local_page(pb);
 *   memcpy(b, a, PAGE_SIZE);
 *   kunmap_local(b);                // b was mapped last: unmap it first
 *   kunmap_local(a);
 *
 * Context: any. Never sleeps.
 * Return: the address of the page's first byte, or NULL when all
 * KM_MAX_IDX slots are in use (reported as "slot stack overflow").
 *
 * The work for a highmem page is the slot push and one PTE write, with
 * no TLB flush: a free slot's PTE is clear, and x86 never caches a
 * not-present entry, so there is no stale translation to drop (the
 * invlpg is done by kunmap_local(), counted in tlb_stats). A lowmem page
 * costs a compare and the address arithmetic.
 */
static inline void *kmap_local_page(struct page *page);

/**
 * kunmap_local - undo kmap_local_page().
 * @addr: the address kmap_local_page() returned, or any address inside
 *        that page. Passing the struct page instead does not compile.
 *
 * For a highmem mapping the slot must be the top of the stack; anything
 * else is reported ("unmap out of order", "unmap with no mapping") and
 * changes nothing. For a direct-map address it does nothing.
 * Context: the context that mapped @addr.
 */
#define kunmap_local(addr) do {						\
	__kmap_check_not_page(addr, "kunmap_local() takes the address "	\
			      "kmap_local_page() returned, not the struct page"); \
	__kunmap_local_fast((const void *)(addr));			\
} while (0)

/**
 * kmap_atomic - kmap_local_page() that also disables preemption and
 * page faults (the older API; new code should use kmap_local_page()).
 * @page: any page.
 *
 * As Linux 6.1: preempt_disable(), then pagefault_disable() (this
 * CPU's preempt_count, current->pagefault_disabled), then the
 * kmap_local push; kunmap_atomic() undoes them. Same slots, same LIFO rule as kmap_local_page().
 * Context: any. Never sleeps, and the caller must not until kunmap_atomic().
 * Return: the mapped address, or NULL (slot stack overflow).
 */
static inline void *kmap_atomic(struct page *page);

/**
 * kunmap_atomic - undo kmap_atomic().
 * @addr: the address kmap_atomic() returned (not the struct page).
 *
 * Reported as "kunmap_atomic without kmap_atomic" when no kmap_atomic()
 * is outstanding. Context: the context that called kmap_atomic().
 */
#define kunmap_atomic(addr) do {					\
	__kmap_check_not_page(addr, "kunmap_atomic() takes the address " \
			      "kmap_atomic() returned, not the struct page"); \
	__kunmap_atomic_fast((const void *)(addr));			\
} while (0)

/* --- kmap: the pkmap pool -------------------------------------------------- */

/**
 * kmap - map a page for as long as needed, shared with other users.
 * @page: any page.
 *
 * Lowmem: the direct-map address. Highmem: if the page is already in the
 * pkmap pool (found through page_address()) its entry gains a user;
 * otherwise a free entry is taken, scanning on from the last one used.
 * Unlike kmap_local_page() the mapping may be undone in any order. When
 * all LAST_PKMAP entries have users it sleeps (TASK_UNINTERRUPTIBLE, on
 * pkmap_map_wait) until a kunmap() leaves one unused, then looks again.
 * Context: process context, may sleep: begins with might_sleep(), so a
 * call from atomic context is reported even when an entry is free.
 * Return: the mapped address. NULL only when the pool is full and the
 * caller cannot sleep (preemption or interrupts off, kmap_atomic(),
 * boot): reported as "pkmap pool full in atomic context" (Linux would
 * die there with "scheduling while atomic").
 */
void *kmap(struct page *page);

/**
 * kunmap - drop one user of a kmap() mapping.
 * @page: the page passed to kmap() (not the address).
 *
 * The entry stays mapped, unused, until the next wrap-around flush; a
 * kmap() of the same page before then reuses it. Unmapping a highmem page
 * that has no kmap() user is reported. Lowmem: nothing to do. The
 * user count dropping to none wakes the kmap()s waiting for an entry.
 * Context: process context; does not sleep.
 */
void kunmap(struct page *page);

/**
 * clear_highpage - fill a page, lowmem or highmem, with zeroes.
 * @page: the page.
 *
 * Maps a highmem page with kmap_local_page() for the duration.
 * Context: any.
 */
void clear_highpage(struct page *page);

/* --- boot ----------------------------------------------------------------- */

/**
 * kmap_init - find the pkmap and kmap_local page tables built by
 * paging_init() and set up the page_address() hash.
 * Context: boot, after paging_init(), before any kmap().
 */
void kmap_init(void);


/* --- user pages and user page tables --------------------------------------- */

/**
 * clear_user_highpage - zero a page about to be mapped at user address @vaddr.
 * @page: the page, lowmem or highmem (GFP_HIGHUSER).
 * @vaddr: where it will be mapped (unused: x86 caches are physically
 *         tagged; Linux passes it for the architectures whose are not).
 *
 * Context: process context; one kmap_local slot for the duration.
 */
static inline void clear_user_highpage(struct page *page, unsigned long vaddr)
{
	void *kaddr = kmap_local_page(page);

	(void)vaddr;
	clear_page(kaddr);
	kunmap_local(kaddr);
}

/**
 * copy_user_highpage - copy @from into @to, the copy-on-write copy.
 * @to: the new page.
 * @from: the shared page.
 * @vaddr: the user address (unused, as in clear_user_highpage()).
 *
 * Two kmap_local slots, undone in LIFO order: map from, map to, unmap
 * to, unmap from.
 * Context: process context.
 */
static inline void copy_user_highpage(struct page *to, struct page *from, unsigned long vaddr)
{
	void *src = kmap_local_page(from);
	void *dst = kmap_local_page(to);

	(void)vaddr;
	copy_page(dst, src);
	kunmap_local(dst);
	kunmap_local(src);
}

/**
 * pte_offset_map - map the user page table @pmd points at; the PTE of @addr.
 * @pmd: a present pmd entry of a user page table.
 * @addr: the user address.
 *
 * With the `highpte` boot option the table may be a highmem page, so it
 * is reached through kmap_local (for a lowmem one kmap_local_page() is
 * the direct-map address). Every pte_offset_map() has its pte_unmap(),
 * in LIFO order with other kmap_local maps (Linux's CONFIG_HIGHPTE
 * rule).
 * Context: process context.
 */
static inline pte_t *pte_offset_map(pmd_t *pmd, unsigned long addr)
{
	struct page *table = pfn_to_page((unsigned long)((pmd_val(*pmd) & PTE_PFN_MASK) >> PAGE_SHIFT));

	return (pte_t *)kmap_local_page(table) + pte_index(addr);
}

/* pte_unmap - undo pte_offset_map() (any PTE of the table). Context: process context. */
#define pte_unmap(ptep)	kunmap_local(ptep)

#endif
