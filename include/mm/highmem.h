/* SPDX-License-Identifier: MIT */
/*
 * Temporary mappings of pages that have no permanent kernel address.
 *
 * A highmem page (ZONE_HIGHMEM, above the lowmem end) is not in the
 * direct map, so the kernel must map it somewhere before touching it.
 * Three ways, cheapest first:
 *
 *   kmap_local_page()  a slot on a per-CPU stack of KM_MAX_IDX fixmap
 *                      pages (mm/kmap_local.c). One PTE write and one
 *                      invlpg; strictly LIFO; valid only in the caller.
 *   kmap_atomic()      the same slots, and also "no preemption, no page
 *                      faults" (counted, since there is no scheduler yet).
 *   kmap()             one of LAST_PKMAP entries of the pkmap pool
 *                      (mm/highmem.c): any order, any duration, shared by
 *                      everyone who maps the same page; freed entries are
 *                      flushed lazily, all at once, on wrap-around.
 *
 * For a lowmem page all three return the direct-map address and map
 * nothing. vmalloc()/vmap() (mm/vmalloc.h) map many pages for long.
 */
#ifndef _MM_HIGHMEM_H
#define _MM_HIGHMEM_H

#include <asm/fixmap.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

struct page;

/*
 * CONFIG_DEBUG_KMAP_LOCAL_GUARD: kmap_local uses every other fixmap slot,
 * so an unmapped guard page sits between two live mappings and a caller
 * that runs off the end of its page faults instead of scribbling on the
 * next mapping. On with DEBUG_VM=1 (the Makefile's default); building
 * with -DCONFIG_DEBUG_KMAP_LOCAL_GUARD=0 turns it off on its own.
 */
#if !defined(CONFIG_DEBUG_KMAP_LOCAL_GUARD) && IS_ENABLED(CONFIG_DEBUG_VM)
#define CONFIG_DEBUG_KMAP_LOCAL_GUARD 1
#endif

/* --- kmap_local: the per-CPU slot stack ------------------------------------ */

/**
 * kmap_local_page - map a page for a short while, in this context only.
 * @page: any page, lowmem or highmem.
 *
 * A lowmem page needs no mapping: its direct-map address is returned and
 * no slot is used. A highmem page takes the next free slot of this CPU's
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
 */
void *kmap_local_page(struct page *page);

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
	__kunmap_local((const void *)(addr));				\
} while (0)

/**
 * kmap_atomic - kmap_local_page() that also disables preemption and
 * page faults (the older API; new code should use kmap_local_page()).
 * @page: any page.
 *
 * Raises preempt_count and pagefault_disabled; kunmap_atomic() lowers
 * them. Same slots, same LIFO rule as kmap_local_page().
 * Context: any. Never sleeps, and the caller must not until kunmap_atomic().
 * Return: the mapped address, or NULL (slot stack overflow).
 */
void *kmap_atomic(struct page *page);

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
	__kunmap_atomic((const void *)(addr));				\
} while (0)

/* Compile-time refusal of a struct page where an address is wanted. */
#define __kmap_check_not_page(addr, msg)				\
	_Static_assert(!__builtin_types_compatible_p(__typeof__(addr), struct page *) && \
		       !__builtin_types_compatible_p(__typeof__(addr), const struct page *), \
		       msg)

void __kunmap_local(const void *addr);
void __kunmap_atomic(const void *addr);

/*
 * What kmap_atomic() would tell a scheduler. Nothing reads them yet but
 * the tests; a kernel with a scheduler keeps them per task.
 */
extern int preempt_count;
extern int pagefault_disabled;

/* Highmem slots of this CPU's kmap_local stack now in use (0..KM_MAX_IDX). */
int kmap_local_depth(void);

/* The virtual address of kmap_local stack slot @slot (0 = bottom). */
unsigned long kmap_local_slot_addr(int slot);

/* --- kmap: the pkmap pool -------------------------------------------------- */

/**
 * kmap - map a page for as long as needed, shared with other users.
 * @page: any page.
 *
 * Lowmem: the direct-map address. Highmem: if the page is already in the
 * pkmap pool (found through page_address()) its entry gains a user;
 * otherwise a free entry is taken, scanning on from the last one used.
 * Unlike kmap_local_page() the mapping may be undone in any order.
 * Context: process context. A kernel with a scheduler may sleep here
 * waiting for an entry; this one never sleeps.
 * Return: the mapped address, or NULL when all LAST_PKMAP entries are in
 * use (reported as "pkmap pool exhausted").
 */
void *kmap(struct page *page);

/**
 * kunmap - drop one user of a kmap() mapping.
 * @page: the page passed to kmap() (not the address).
 *
 * The entry stays mapped, unused, until the next wrap-around flush; a
 * kmap() of the same page before then reuses it. Unmapping a highmem page
 * that has no kmap() user is reported. Lowmem: nothing to do.
 * Context: process context.
 */
void kunmap(struct page *page);

/*
 * Users of the pkmap entry at @vaddr, decoded from its count (see
 * mm/highmem.c): -1 entry unused, 0 mapped but unused (awaiting the
 * wrap-around flush), n > 0 n users. For tests and the tour.
 */
int pkmap_users(unsigned long vaddr);

/**
 * clear_highpage - fill a page, lowmem or highmem, with zeroes.
 * @page: the page.
 *
 * Maps a highmem page with kmap_local_page() for the duration.
 * Context: any.
 */
void clear_highpage(struct page *page);

/* --- boot and statistics --------------------------------------------------- */

/**
 * kmap_init - find the pkmap and kmap_local page tables built by
 * paging_init() and set up the page_address() hash.
 * Context: boot, after paging_init(), before any kmap().
 */
void kmap_init(void);

struct kmap_stats {
	unsigned long maps;		/* kmap(): new pkmap entries filled */
	unsigned long hash_hits;	/* kmap(): page found already mapped */
	unsigned long unmaps;		/* kunmap() of a highmem page */
	unsigned long flushes;		/* wrap-around global TLB flushes */
	unsigned long local_maps;	/* kmap_local_page() of highmem pages */
	int local_max_depth;		/* deepest kmap_local stack seen */
};
extern struct kmap_stats kmap_stats;

/* Print the kmap counters and the slots/entries now in use (end of boot). */
void kmap_stats_show(void);

/* For mm_fault_area(): a name for @addr in the kmap_local/pkmap areas, or NULL. */
const char *kmap_local_fault_area(unsigned long addr);
const char *pkmap_fault_area(unsigned long addr);

#endif
