// SPDX-License-Identifier: MIT
/*
 * How this works: the slab allocator.
 *
 * A cache (struct kmem_cache) serves objects of one size from slabs:
 * blocks of 2^order lowmem pages from the buddy allocator, cut into
 * `objects` slots of `size` bytes. The struct page of a slab's first
 * page is its only descriptor:
 *
 *   flags       PG_slab (+ PG_head if order > 0); later pages have PG_tail
 *               and compound_head pointing at the first
 *   slab_cache  the cache                lru   link in one of its lists
 *   freelist    first free object (NULL: full); each free object holds
 *               the next one's address at object + cache->offset
 *   inuse       objects handed out       objects   slots in the slab
 *
 * Alloc path: pop the free list of the first slab on the partial list,
 * the CPU slab, whose list is held in s->cpu.freelist while it is (the
 * fast path in slab_internal.h is that pop and nothing else); with no
 * partial slab, move an empty slab there, or make a new one (objects
 * chained in address order, each constructed once if there is a ctor).
 * Free path: virt_to_page(obj), through compound_head for a tail page,
 * gives the slab, the slab gives the cache, in O(1); push the object (on
 * s->cpu.freelist if the slab is the CPU slab: the fast path). A
 * full slab that gets an object back goes to the front of partial
 * (nearly full: fill it first). A slab that becomes empty goes to the
 * empty list or, beyond SLAB_EMPTY_RESERVE, back to the buddy allocator
 * -- except the first partial slab, the one allocations come from: it
 * stays, so a loop of alloc/free pairs never moves a slab between lists.
 *
 * Invariants: full list inuse == objects; empty list inuse == 0;
 * partial 0 < inuse < objects, but the first may be empty: at most
 * SLAB_EMPTY_RESERVE + 1 empty slabs per cache. Slab pages are lowmem.
 * Debugging (DEBUG_VM=1, SLAB_POISON / SLAB_RED_ZONE) adds 0xbb red
 * zones around each object and a trailer with the free pointer and a
 * state word (picture in slab_internal.h); freed objects hold 0x6b..0xa5,
 * checked on the next allocation. Misuse is reported (report_misuse "slab
 * error") and the bad free ignored.
 *
 * The CPU slab's free list (s->cpu): every slow path first gives it
 * back to the slab (flush_cpu_slab), works on the lists as if there were
 * no CPU slab, and the allocation slow path then takes the first partial
 * slab's list again (load_cpu_slab). So the lists and counts are the
 * same with or without it; only where the front slab's list lives
 * changes. inuse is kept exact on the fast paths too (one add each). A
 * fast-path pop that takes the last object leaves the full slab where it
 * is; the next slow path's flush moves it to the full list.
 *
 * Interrupts. A handler may allocate and free (GFP_ATOMIC), from the
 * same caches. The CPU free list is touched only with interrupts off: a
 * section of local_irq_save/restore around each fast path's test and
 * pop or push (slab_internal.h), and the slow paths take s->list_lock
 * with spin_lock_irqsave, which also covers the CPU list there. A new
 * slab is made with the lock dropped (new_slab: a GFP_KERNEL allocation
 * may sleep, were there reclaim), and the lists are looked at again
 * after, as an interrupt may have changed them. kmalloc() and
 * kmem_cache_alloc() begin with might_sleep_if(gfpflags_allow_blocking())
 * (Linux's might_alloc()). Linux's SLUB makes the fast path lockless
 * instead: a this_cpu_cmpxchg_double() of the free list and a
 * transaction id, retried if an interrupt (or a migration) changed
 * them. On i386 that is cmpxchg8b, which the 486 this kernel must run on
 * lacks; without it Linux's generic this_cpu_cmpxchg_double() itself
 * disables interrupts around a compare and store. A plain 32-bit cmpxchg
 * of the free list alone would not do: a handler that pops the head,
 * pops the next and pushes the head back leaves the same head with a
 * different next (ABA), which is what the transaction id is for.
 *
 * Several CPUs. Each CPU has its own CPU slab (this_cpu_ptr(s->cpu)),
 * taken and given back only under s->list_lock; while it is one CPU's,
 * no other CPU allocates from it, moves it or frees it (cpu_slab_owner()
 * says whose it is). Another CPU freeing one of its objects (a remote
 * free, under the lock) pushes it on the slab's own freelist, which the
 * owner does not use while the slab is its CPU slab, and counts it with
 * a locked decrement of inuse (the owner's fast paths count with locked
 * adds too); the owner's next flush joins the two lists. So with one CPU
 * nothing differs, and the CPU slab is always the first partial slab;
 * with more, each CPU's is the first partial slab no other CPU holds.
 * (SLUB "freezes" a CPU slab the same way, and takes remote frees onto
 * page->freelist with cmpxchg_double.)
 *
 * Against Bonwick: no slab descriptor or bufctls apart from struct page
 * (as SLUB), no colouring, no per-CPU magazines. Against SLUB: full and
 * empty lists are kept; the CPU slab stays on the partial list (SLUB
 * takes it off, "frozen"), is always its first slab, and counts inuse; a
 * debug cache and a cache with a constructor (whose free pointer is not
 * the object's first word) have none; the fast paths disable interrupts
 * rather than cmpxchg; the bootstrap "kmem_cache" cache stays a static
 * object.
 *
 * One dependency cycle is meant: kmalloc.c is built on this file's
 * caches, and kmem_cache_init() calls kmalloc_init() to create them, so
 * that "the slab allocator is up" means kmalloc works too (Linux's
 * kmem_cache_init() in slub.c calls create_kmalloc_caches() in
 * slab_common.c the same way). tools/depcheck.allow lists it.
 */
#include <asm/irqflags.h>
#include <kernel/bug.h>
#include <kernel/compiler.h>
#include <kernel/cpumask.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/seq_file.h>
#include <kernel/report.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "slab_internal.h"

/* Empty slabs kept on a cache's empty list; more go back to the buddy allocator. */
#define SLAB_EMPTY_RESERVE	1
/* Prefer slabs of at most 8 pages (as SLUB's slub_max_order). */
#define SLAB_MAX_ORDER		3
#define SLAB_MIN_ALIGN		8	/* so a u64 field is always aligned */
#define RED_ZONE_WIDTH		8	/* bytes of 0xbb on each side, at least */

/* The state word in a debug slot's trailer. */
#define OBJ_STATE_FREE		0xf4eef4eeu
#define OBJ_STATE_ALLOCATED	0xa110ca7eu

static const char slab_kind[] = "slab error";

static LIST_HEAD(slab_caches);
static DEFINE_SPINLOCK(slab_caches_lock);	/* the list of caches (Linux's slab_mutex); irqsave */
static struct kmem_cache kmem_cache_boot;	/* the cache of caches */
static struct kmem_cache *kmem_cache;		/* &kmem_cache_boot once set up */

/* --- slots and slabs -------------------------------------------------------- */

static inline u32 *obj_state(const struct kmem_cache *s, void *obj)
{
	return (u32 *)((char *)obj + s->offset + sizeof(void *));
}

static inline void *slab_base(const struct page *slab)
{
	return lowmem_page_address(slab);
}

/* Object @i of @slab: slot i starts i * size bytes in, the object red_left later. */
static inline void *slab_object(const struct kmem_cache *s, const struct page *slab, unsigned int i)
{
	return (char *)slab_base(slab) + i * s->size + s->red_left;
}

/*
 * The slab an address lies in, or NULL if it is not in a slab. A tail
 * page of a multi-page slab leads to its first page through
 * compound_head. No check that @p is on an object boundary.
 */
static struct page *virt_to_slab(const void *p)
{
	struct page *page;

	if (!virt_addr_valid(p))
		return NULL;
	page = virt_to_page(p);
	if (PageTail(page))
		page = page->compound_head;
	return PageSlab(page) ? page : NULL;
}

/*
 * The index of the slot that @obj would be the object of, or -1 if @obj
 * is not exactly an object's address (a pointer into the middle of one,
 * into the red zones, or past the last slot).
 */
static int slab_obj_index(const struct kmem_cache *s, const struct page *slab, const void *obj)
{
	unsigned long off = (unsigned long)obj - (unsigned long)slab_base(slab);

	if (off < s->red_left)
		return -1;
	off -= s->red_left;
	if (off % s->size || off / s->size >= slab->objects)
		return -1;
	return off / s->size;
}

static void fill_red_zones(const struct kmem_cache *s, void *obj)
{
	memset((char *)obj - s->red_left, SLAB_RED_BYTE, s->red_left);
	memset((char *)obj + s->object_size, SLAB_RED_BYTE, s->offset - s->object_size);
}

static void poison_object(const struct kmem_cache *s, void *obj)
{
	memset(obj, SLAB_POISON_FREE, s->object_size - 1);
	((u8 *)obj)[s->object_size - 1] = SLAB_POISON_END;
}

/* Put a free object in its debug state: red zones, poison, state word. */
static void init_debug_object(const struct kmem_cache *s, void *obj)
{
	if (s->flags & SLAB_RED_ZONE)
		fill_red_zones(s, obj);
	if (s->flags & SLAB_POISON)
		poison_object(s, obj);
	*obj_state(s, obj) = OBJ_STATE_FREE;
}

/*
 * Mark @slab's pages as one slab of @s: the head says PG_slab (and
 * PG_head with the order in private), each tail points at the head.
 */
static void mark_slab_pages(struct kmem_cache *s, struct page *slab)
{
	unsigned long i, nr = 1UL << s->order;

	set_page_flag(slab, PG_slab);
	slab->slab_cache = s;
	slab->private = s->order;
	if (nr > 1)
		set_page_flag(slab, PG_head);
	for (i = 1; i < nr; i++) {
		set_page_flag(slab + i, PG_tail);
		slab[i].compound_head = slab;
	}
}

/* Undo mark_slab_pages(): the pages look as alloc_pages() returned them. */
static void clear_slab_pages(struct kmem_cache *s, struct page *slab)
{
	unsigned long i, nr = 1UL << s->order;

	for (i = 1; i < nr; i++) {
		clear_page_flag(slab + i, PG_tail);
		slab[i].compound_head = NULL;
	}
	clear_page_flag(slab, PG_slab);
	clear_page_flag(slab, PG_head);
	slab->slab_cache = NULL;
	slab->freelist = NULL;
	slab->inuse = slab->objects = 0;
	slab->private = s->order;
}

/*
 * A new slab for @s: pages from the buddy allocator (lowmem only), every
 * object chained on the free list in address order, constructed once.
 * Called without s->list_lock: a GFP_KERNEL allocation may sleep (were
 * there reclaim), and might_sleep() would report it under a spinlock.
 * Return: the slab, on no list and not yet counted (add_new_slab()), or NULL.
 */
static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	struct page *slab;
	unsigned int i;
	void *obj, *next;

	gfp &= ~(__GFP_HIGHMEM | __GFP_DMA | __GFP_ZERO | __GFP_COMP);
	slab = alloc_pages(gfp | s->allocflags, s->order);
	if (!slab)
		return NULL;
	BUG_ON(PageHighMem(slab));	/* a slab needs a permanent address */

	mark_slab_pages(s, slab);
	slab->inuse = 0;
	slab->objects = s->objects;
	obj = slab_object(s, slab, 0);
	slab->freelist = obj;
	for (i = 0; i < s->objects; i++, obj = next) {
		next = i + 1 < s->objects ? (char *)obj + s->size : NULL;
		if (slab_debug(s))
			init_debug_object(s, obj);
		if (s->ctor)
			s->ctor(obj);
		set_freepointer(s, obj, next);
	}
	return slab;
}

static void free_slab(struct kmem_cache *s, struct page *slab)
{
	clear_slab_pages(s, slab);
	s->nr_slabs--;
	s->slabs_freed++;
	__free_pages(slab, s->order);
}

/* --- reports ---------------------------------------------------------------- */

/*
 * Report misuse of @s (may be NULL) at @obj (may be NULL) in @slab (may
 * be NULL: found here if @obj is in one): "BUG: slab error: <reason>",
 * then what is known of the cache, the object and its page.
 */
static void slab_report(struct kmem_cache *s, const char *reason, const void *obj,
			struct page *slab)
{
	report_misuse(slab_kind, reason);
	if (s) {
		s->errors++;
		pr_err("  cache %s: object size %u, slot size %u, %u objects per slab\n",
		       s->name, s->object_size, s->size, s->objects);
	}
	if (!obj)
		return;
	if (!slab)
		slab = virt_to_slab(obj);
	if (slab) {
		struct kmem_cache *owner = slab->slab_cache;
		int idx = slab_obj_index(owner, slab, obj);

		if (idx >= 0)
			pr_err("  object %p: slot %d", obj, idx);
		else
			pr_err("  address %p: not on an object boundary", obj);
		pr_cont(" of a slab of %s at %p (pfn 0x%lx), %u of %u in use\n", owner->name,
			slab_base(slab), page_to_pfn(slab), slab->inuse, slab->objects);
	} else if (virt_addr_valid(obj)) {
		struct page *page = virt_to_page(obj);

		pr_err("  address %p: page pfn 0x%lx, flags 0x%lx, refcount %d: not a slab page\n",
		       obj, page_to_pfn(page), page->flags, page_count(page));
	} else {
		pr_err("  address %p is outside the direct map\n", obj);
	}
}

/* --- debug checks (DEBUG_VM=1 and a debug cache only) ----------------------- */

/*
 * Check that [start, start + len) is all @byte. On a mismatch report
 * @reason naming the first bad byte, refill the range, return false.
 */
static bool check_bytes(struct kmem_cache *s, struct page *slab, void *obj, const char *reason,
			const char *what, u8 *start, unsigned int len, u8 byte)
{
	u8 *bad = memchr_inv(start, byte, len);

	if (!bad)
		return true;
	slab_report(s, reason, obj, slab);
	pr_err("  %s: byte at object offset %d is 0x%02x, expected 0x%02x\n", what,
	       (int)(bad - (u8 *)obj), *bad, byte);
	memset(start, byte, len);
	return false;
}

/* Both red zones of @obj and its state word; report one problem at most. */
static bool check_red_zones(struct kmem_cache *s, struct page *slab, void *obj, u32 state)
{
	static const char reason[] = "red zone overwritten";
	u8 *o = obj;

	if (s->flags & SLAB_RED_ZONE) {
		if (!check_bytes(s, slab, obj, reason, "left red zone", o - s->red_left,
				 s->red_left, SLAB_RED_BYTE))
			return false;
		if (!check_bytes(s, slab, obj, reason, "right red zone", o + s->object_size,
				 s->offset - s->object_size, SLAB_RED_BYTE))
			return false;
	}
	if (*obj_state(s, obj) != state) {
		slab_report(s, reason, obj, slab);
		pr_err("  state word after the right red zone is 0x%08x, expected 0x%08x\n",
		       *obj_state(s, obj), state);
		*obj_state(s, obj) = state;
		return false;
	}
	return true;
}

/*
 * Rebuild @slab's free list from the state words, after a free pointer
 * was found smashed. O(objects), and only ever after a report.
 */
static void rebuild_freelist(struct kmem_cache *s, struct page *slab)
{
	unsigned int i, nfree = 0;
	void *head = NULL;

	for (i = s->objects; i-- > 0;) {
		void *obj = slab_object(s, slab, i);

		if (*obj_state(s, obj) == OBJ_STATE_FREE) {
			set_freepointer(s, obj, head);
			head = obj;
			nfree++;
		}
	}
	slab->freelist = head;
	slab->inuse = s->objects - nfree;
	list_move(&slab->lru, slab->inuse == s->objects ? &s->full : &s->partial);
}

/*
 * @obj was just taken off @slab's free list. Check it is still in its
 * free state (poison, red zones) and that the next free pointer is
 * sane, then mark it allocated. Problems are reported and repaired: the
 * object is still handed out.
 */
static void alloc_debug(struct kmem_cache *s, struct page *slab, void *obj)
{
	void *next = slab->freelist;

	if (next && slab_obj_index(s, slab, next) < 0) {
		slab_report(s, "red zone overwritten", obj, slab);
		pr_err("  free pointer after the object is %p: not an object of this slab\n", next);
		*obj_state(s, obj) = OBJ_STATE_ALLOCATED;
		rebuild_freelist(s, slab);
		return;
	}
	if (s->flags & SLAB_POISON) {
		u8 *o = obj;

		if (check_bytes(s, slab, obj, "poison overwritten (use after free)", "poison",
				o, s->object_size - 1, SLAB_POISON_FREE))
			check_bytes(s, slab, obj, "poison overwritten (use after free)",
				    "poison", o + s->object_size - 1, 1, SLAB_POISON_END);
	}
	check_red_zones(s, slab, obj, OBJ_STATE_FREE);
	*obj_state(s, obj) = OBJ_STATE_ALLOCATED;
}

/*
 * May @obj be freed to @slab of @s? Catches a pointer that is not an
 * object's address and a double free (reported, the free must be
 * ignored: return false), and damaged red zones (reported and repaired:
 * the free goes on). On success the object is put in its free state.
 */
static bool free_debug(struct kmem_cache *s, struct page *slab, void *obj)
{
	if (slab_obj_index(s, slab, obj) < 0) {
		slab_report(s, "pointer is not a slab object", obj, slab);
		return false;
	}
	if (*obj_state(s, obj) == OBJ_STATE_FREE) {
		slab_report(s, "double free", obj, slab);
		return false;
	}
	check_red_zones(s, slab, obj, OBJ_STATE_ALLOCATED);
	if (s->flags & SLAB_POISON)
		poison_object(s, obj);
	*obj_state(s, obj) = OBJ_STATE_FREE;
	return true;
}

/* --- allocation and free ---------------------------------------------------- */

/*
 * No partial slab: make one of an empty slab. Return: the slab, first on
 * the partial list, or NULL if there is none (the caller makes a new one,
 * with the lock dropped).
 */
static struct page *refill_partial(struct kmem_cache *s)
{
	struct page *slab;

	lockdep_assert_held(&s->list_lock);
	if (list_empty(&s->empty))
		return NULL;
	slab = list_first_entry(&s->empty, struct page, lru);
	s->nr_empty--;
	list_move(&slab->lru, &s->partial);
	return slab;
}

/*
 * A slab new_slab() made while the lock was dropped joins the cache: on
 * the empty list, where refill_partial() looks. If an interrupt handler
 * left an empty slab there meanwhile, that one will do, and this one goes
 * straight back, so the reserve stays at SLAB_EMPTY_RESERVE.
 */
static void add_new_slab(struct kmem_cache *s, struct page *slab)
{
	lockdep_assert_held(&s->list_lock);
	s->nr_slabs++;
	s->slabs_grown++;
	if (s->nr_empty) {
		free_slab(s, slab);
		return;
	}
	list_add(&slab->lru, &s->empty);
	s->nr_empty++;
}

/* The allocation that took @slab's last free object: to the full list. */
static void slab_now_full(struct kmem_cache *s, struct page *slab)
{
	list_move(&slab->lru, &s->full);
}

/* --- the CPU slab (slab_internal.h) ----------------------------------------- */

/*
 * Is @slab another CPU's CPU slab? Each CPU's ->slab changes only under
 * s->list_lock, which the caller holds, so the answer stands until it
 * drops it. With one possible CPU, never: one test of the mask.
 */
static bool slab_frozen_elsewhere(struct kmem_cache *s, const struct page *slab)
{
	unsigned int cpu;

	lockdep_assert_held(&s->list_lock);
	if (likely(!(cpu_possible_mask & ~cpumask_of(smp_processor_id()))))
		return false;
	for_each_possible_cpu(cpu)
		if (cpu != (unsigned int)smp_processor_id() && per_cpu_ptr(s->cpu, cpu)->slab == slab)
			return true;
	return false;
}

/* The first partial slab no other CPU holds as its CPU slab, or NULL. */
static struct page *first_free_partial(struct kmem_cache *s)
{
	struct page *slab;

	list_for_each_entry(slab, &s->partial, lru)
		if (!slab_frozen_elsewhere(s, slab))
			return slab;
	return NULL;
}

/*
 * Give the CPU free list back to its slab: then every freelist is
 * current. Objects other CPUs freed meanwhile are on the slab's own list
 * (slab_push()): the CPU list goes after them (a walk of the remote
 * frees only, usually none). A CPU slab the fast path has filled goes to
 * the full list here, so the list invariants hold again.
 * Context: s->list_lock held.
 */
static void flush_cpu_slab(struct kmem_cache *s)
{
	struct page *slab = this_cpu_ptr(s->cpu)->slab;

	if (slab) {
		void *remote = slab->freelist, *tail = remote;

		if (unlikely(remote)) {
			while (get_freepointer(s, tail))
				tail = get_freepointer(s, tail);
			set_freepointer(s, tail, this_cpu_ptr(s->cpu)->freelist);
		} else {
			slab->freelist = this_cpu_ptr(s->cpu)->freelist;
		}
		this_cpu_ptr(s->cpu)->slab = NULL;
		this_cpu_ptr(s->cpu)->freelist = NULL;
		if (!slab->freelist)
			slab_now_full(s, slab);
	}
}

/*
 * Make the first partial slab the CPU slab: not for a debug cache, whose
 * objects all go through the checks, nor for one whose free pointer is
 * not the object's first word (a constructor's), since the fast paths
 * read it there (get_freepointer_fast()).
 */
static void load_cpu_slab(struct kmem_cache *s)
{
	struct page *slab;

	if (s->offset || slab_debug(s) || list_empty(&s->partial))
		return;
	slab = first_free_partial(s);
	if (!slab || !slab->freelist)
		return;
	this_cpu_ptr(s->cpu)->slab = slab;
	this_cpu_ptr(s->cpu)->freelist = slab->freelist;
	slab->freelist = NULL;
}

/* An empty slab leaves its list: onto the empty list, or beyond the reserve, freed. */
static void retire_empty_slab(struct kmem_cache *s, struct page *slab)
{
	if (s->nr_empty < SLAB_EMPTY_RESERVE) {
		list_move(&slab->lru, &s->empty);
		s->nr_empty++;
	} else {
		list_del(&slab->lru);
		free_slab(s, slab);
	}
}

/*
 * A free made @slab change lists: it was full, or it is now empty and
 * not the first partial slab (slab_push()).
 *
 * A slab that was full goes to the front of partial: nearly full, it is
 * the best one to fill. If the front slab it displaces is empty, that
 * one retires. An empty slab becomes the front of partial if there is no
 * partial slab, else it retires.
 */
static void slab_relist(struct kmem_cache *s, struct page *slab)
{
	struct page *first = list_empty(&s->partial) ? NULL :
			     list_first_entry(&s->partial, struct page, lru);

	if (slab->inuse) {
		if (first && !first->inuse && !slab_frozen_elsewhere(s, first))
			retire_empty_slab(s, first);
		list_move(&slab->lru, &s->partial);
	} else if (!first) {
		list_move(&slab->lru, &s->partial);
	} else {
		retire_empty_slab(s, slab);
	}
}

/*
 * Push @obj back on @slab's free list. The slab changes lists if it was
 * full, or if it is now empty -- unless it is the first partial slab,
 * the one allocations come from: that one stays put.
 */
static void slab_push(struct kmem_cache *s, struct page *slab, void *obj)
{
	void *prior = slab->freelist;	/* NULL: the slab was full */
	unsigned int inuse;

	set_freepointer(s, obj, prior);
	slab->freelist = obj;
	slab_inuse_dec(slab);
	if (unlikely(slab_frozen_elsewhere(s, slab)))
		return;			/* a remote free: the owner's flush relists it */
	inuse = slab->inuse;
	if (!prior || (!inuse && s->partial.next != &slab->lru))
		slab_relist(s, slab);
}

/*
 * slab_alloc() with no CPU slab: none yet (no partial slab), or a debug
 * cache; or zeroing. The CPU free list goes back to its slab, the object
 * comes from the first partial slab as in a cache without a CPU slab,
 * and the first partial slab becomes the CPU slab again. Return: the
 * object, or NULL if there is no partial or empty slab to take it from.
 */
static void *kmem_cache_alloc_locked(struct kmem_cache *s, gfp_t gfp)
{
	struct page *slab;
	void *obj;

	lockdep_assert_held(&s->list_lock);
	flush_cpu_slab(s);
	slab = first_free_partial(s);	/* with one CPU: the first partial slab */
	if (!slab) {
		slab = refill_partial(s);
		if (!slab)
			return NULL;
	}
	obj = slab->freelist;
	VM_BUG_ON_PAGE(!obj, slab);
	slab->freelist = get_freepointer(s, obj);
	slab_inuse_inc(slab);
	if (slab->inuse == slab->objects)
		slab_now_full(s, slab);
	if (slab_debug(s))
		alloc_debug(s, slab, obj);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	load_cpu_slab(s);
	return obj;
}

/*
 * The slab lists (partial, full, empty) are the cache's: every change to
 * them is made under s->list_lock, taken with interrupts saved and
 * disabled, since an interrupt handler may allocate and free too. The
 * CPU slab's free list (this_cpu_ptr(s->cpu)) is this CPU's: the fast
 * paths (slab_internal.h) touch it with interrupts off and no lock; here
 * it is touched under the lock, which also has them off.
 *
 * A new slab is made with the lock dropped (new_slab()), then the lists
 * are looked at again: an interrupt may have changed them meanwhile.
 */
void *__kmem_cache_alloc_slow(struct kmem_cache *s, gfp_t gfp)
{
	unsigned long flags;
	struct page *slab;
	void *obj;

	spin_lock_irqsave(&s->list_lock, flags);
	irq_window(IRQ_WINDOW_SLAB_LOCKED);
	obj = kmem_cache_alloc_locked(s, gfp);
	spin_unlock_irqrestore(&s->list_lock, flags);
	if (obj)
		return obj;
	slab = new_slab(s, gfp);
	if (!slab)
		return NULL;
	spin_lock_irqsave(&s->list_lock, flags);
	add_new_slab(s, slab);
	obj = kmem_cache_alloc_locked(s, gfp);
	spin_unlock_irqrestore(&s->list_lock, flags);
	return obj;
}

/*
 * slab_free() of an object not in the CPU slab, for a debug cache, or
 * when @obj is the object freed last. The CPU free list goes back to its
 * slab first, so the checks and list moves below see every slab as it is.
 */
static void kmem_cache_free_locked(struct kmem_cache *s, struct page *slab, void *obj)
{
	flush_cpu_slab(s);
	if (slab_debug(s) && !free_debug(s, slab, obj))
		return;
	/*
	 * Without debug state words these two catch what they can cheaply:
	 * the object freed last, and any free into a slab with nothing in
	 * use (which would wrap inuse and put the object on the list twice).
	 */
	if (obj == slab->freelist || !slab->inuse) {
		slab_report(s, "double free", obj, slab);
		return;
	}
	slab_push(s, slab, obj);
}

void __kmem_cache_free_slow(struct kmem_cache *s, struct page *slab, void *obj)
{
	unsigned long flags;

	spin_lock_irqsave(&s->list_lock, flags);
	kmem_cache_free_locked(s, slab, obj);
	spin_unlock_irqrestore(&s->list_lock, flags);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	return slab_alloc(s, gfp);	/* might_sleep_if() first, then the fast path */
}

/* kmem_cache_free() of anything but an object of the CPU slab. */
static noinline void kmem_cache_free_slow(struct kmem_cache *s, void *obj)
{
	struct page *slab = virt_to_slab(obj);

	if (unlikely(!slab)) {
		slab_report(s, "pointer is not a slab object", obj, NULL);
		return;
	}
	if (unlikely(slab->slab_cache != s)) {
		slab_report(s, "object freed to the wrong cache", obj, slab);
		return;
	}
	slab_free(s, slab, obj);
}

/*
 * The fast path compares the page @obj would be in with the CPU slab
 * before looking at any struct page: no address outside lowmem can give
 * that page (below PAGE_OFFSET the subtraction wraps to an index beyond
 * every lowmem frame), so the comparison alone proves @obj is in a slab
 * of @s. Everything else is checked in kmem_cache_free_slow().
 */
void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct page *page = mem_map + (((unsigned long)obj - PAGE_OFFSET) >> PAGE_SHIFT);
	__percpu_seg struct kmem_cache_cpu *c = this_cpu_seg_ptr(s->cpu);
	unsigned long flags;
	void *head;

	bool pushed = false;

	local_irq_save(flags);		/* as slab_free(): tests and push are one section */
	head = c->freelist;
	if (likely(page == c->slab && obj != head && page->inuse)) {
		irq_window(IRQ_WINDOW_SLAB_FREE);
		set_freepointer_fast(obj, head);
		c->freelist = obj;
		slab_inuse_dec(page);
		pushed = true;
	}
	local_irq_restore(flags);
	if (unlikely(!pushed))	/* s read again from its argument: no register kept for it */
		kmem_cache_free_slow(READ_ONCE(s), obj);
}

/* --- creating and destroying caches ----------------------------------------- */

/*
 * The slab order for slots of @size bytes: the smallest that wastes at
 * most 1/8 of the slab, trying up to SLAB_MAX_ORDER (or the order one
 * slot needs, if larger); failing that, the one that wastes least.
 * E.g. 700-byte slots: order 0 holds 5 (596 of 4096 wasted, 14.5%),
 * order 1 holds 11 (492 of 8192, 6%): order 1.
 */
static unsigned int slab_order(unsigned int size)
{
	unsigned int min = (unsigned int)get_order(size), order, best = min;
	unsigned long best_waste = ~0UL, best_bytes = 1;

	for (order = min; order <= max(min, (unsigned int)SLAB_MAX_ORDER); order++) {
		unsigned long bytes = PAGE_SIZE << order;
		unsigned long waste = bytes % size;

		if (waste * 8 <= bytes)
			return order;
		/* waste / bytes < best_waste / best_bytes */
		if (waste * best_bytes < best_waste * bytes) {
			best = order;
			best_waste = waste;
			best_bytes = bytes;
		}
	}
	return best;
}

/*
 * Lay out @s's slots from object_size, align, flags and ctor: where the
 * object, the free pointer and the red zones go, and the slab size.
 */
static void calculate_sizes(struct kmem_cache *s)
{
	unsigned int size = s->object_size;

	if (s->flags & (SLAB_POISON | SLAB_RED_ZONE)) {
		/* [red_left][object][right red zone][free ptr][state][pad] */
		s->flags |= __SLAB_TRAILER;
		s->red_left = (s->flags & SLAB_RED_ZONE) ? ALIGN(RED_ZONE_WIDTH, s->align) : 0;
		if (s->flags & SLAB_RED_ZONE)
			size += RED_ZONE_WIDTH;
		s->offset = ALIGN(size, sizeof(void *));
		size = s->offset + sizeof(void *) + sizeof(u32);
	} else if (s->ctor) {
		/* [object][free ptr][pad]: the pointer spares the constructed object */
		s->red_left = 0;
		s->offset = ALIGN(size, sizeof(void *));
		size = s->offset + sizeof(void *);
	} else {
		/* [object][pad]: the free pointer is the object's first word */
		s->red_left = 0;
		s->offset = 0;
		size = max(size, (unsigned int)sizeof(void *));
	}
	s->size = ALIGN(s->red_left + size, s->align);
	s->order = slab_order(s->size);
	s->objects = (PAGE_SIZE << s->order) / s->size;
}

/*
 * Fill in the descriptor @s (zeroed by the caller). Return: 0, or -1 if
 * the size or alignment is impossible.
 */
static int kmem_cache_setup(struct kmem_cache *s, const char *name, unsigned int size,
			    unsigned int align, unsigned int flags, void (*ctor)(void *))
{
	unsigned long iflags;

	if (WARN(!size || size > KMALLOC_MAX_SIZE, "kmem_cache_create(%s): size %u is not in 1..%lu",
		 name, size, KMALLOC_MAX_SIZE))
		return -1;
	if (WARN(align & (align - 1) || align > KMALLOC_MAX_SIZE,
		 "kmem_cache_create(%s): alignment %u is not a power of two up to %lu",
		 name, align, KMALLOC_MAX_SIZE))
		return -1;

	flags &= ~__SLAB_TRAILER;	/* calculate_sizes() decides */
	if (IS_ENABLED(CONFIG_DEBUG_VM) && !(flags & SLAB_NO_DEBUG))
		flags |= SLAB_DEBUG;
	if (!IS_ENABLED(CONFIG_DEBUG_VM))
		flags &= ~SLAB_DEBUG;
	if (ctor)
		flags &= ~SLAB_POISON;	/* poison would undo the constructor */

	if (flags & SLAB_HWCACHE_ALIGN) {
		/* a cache line, but small objects may share one: 20 bytes -> 32 */
		unsigned int ralign = L1_CACHE_BYTES;

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	s->align = max(align, (unsigned int)SLAB_MIN_ALIGN);
	s->object_size = size;
	s->flags = flags;
	s->ctor = ctor;
	s->name = name;
	s->allocflags = (flags & SLAB_CACHE_DMA) ? __GFP_DMA : 0;
	spin_lock_init(&s->list_lock);
	INIT_LIST_HEAD(&s->partial);
	INIT_LIST_HEAD(&s->full);
	INIT_LIST_HEAD(&s->empty);
	calculate_sizes(s);
	if (WARN(s->order >= MAX_ORDER, "kmem_cache_create(%s): %u-byte slots need an order %u slab",
		 name, s->size, s->order))
		return -1;
	s->cpu = alloc_percpu(struct kmem_cache_cpu);	/* every CPU's CPU slab, empty */
	if (!s->cpu)
		return -1;
	spin_lock_irqsave(&slab_caches_lock, iflags);
	list_add_tail(&s->list, &slab_caches);
	spin_unlock_irqrestore(&slab_caches_lock, iflags);
	return 0;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned int flags, void (*ctor)(void *obj))
{
	struct kmem_cache *s = NULL;

	if (WARN(!kmem_cache, "kmem_cache_create(%s) before kmem_cache_init()", name))
		goto fail;
	s = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
	if (!s)
		goto fail;
	if (kmem_cache_setup(s, name, size, align, flags, ctor) < 0) {
		kmem_cache_free(kmem_cache, s);
		s = NULL;
		goto fail;
	}
	return s;
fail:
	if (flags & SLAB_PANIC)
		panic("kmem_cache_create(%s, %u bytes) failed", name, size);
	return NULL;
}

/*
 * Give back every empty slab of @s: the reserve, and the first partial
 * slab if it is empty. Return: pages freed.
 */
unsigned long kmem_cache_shrink(struct kmem_cache *s)
{
	unsigned long pages = 0, flags;
	struct page *slab;

	spin_lock_irqsave(&s->list_lock, flags);
	flush_cpu_slab(s);	/* the first partial slab may be freed below */
	while (!list_empty(&s->empty)) {
		slab = list_first_entry(&s->empty, struct page, lru);
		list_del(&slab->lru);
		s->nr_empty--;
		free_slab(s, slab);
		pages += 1UL << s->order;
	}
	if (!list_empty(&s->partial)) {
		slab = list_first_entry(&s->partial, struct page, lru);
		if (!slab->inuse && !slab_frozen_elsewhere(s, slab)) {
			list_del(&slab->lru);
			free_slab(s, slab);
			pages += 1UL << s->order;
		}
	}
	spin_unlock_irqrestore(&s->list_lock, flags);
	return pages;
}

unsigned long kmem_cache_shrink_all(void)
{
	struct kmem_cache *s;
	unsigned long pages = 0, flags;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry(s, &slab_caches, list)
		pages += kmem_cache_shrink(s);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return pages;
}

/* Objects allocated from @s now: O(slabs). */
static unsigned long count_active(struct kmem_cache *s)
{
	const struct page *slab;
	unsigned long n = 0, flags;

	spin_lock_irqsave(&s->list_lock, flags);
	list_for_each_entry(slab, &s->partial, lru)
		n += slab->inuse;
	list_for_each_entry(slab, &s->full, lru)
		n += slab->inuse;
	spin_unlock_irqrestore(&s->list_lock, flags);
	return n;
}

/* on_each_cpu()'s handler: this CPU's CPU slab of @info back on the cache's lists. */
static void flush_cpu_slab_on_this_cpu(void *info)
{
	struct kmem_cache *s = info;
	unsigned long flags;

	spin_lock_irqsave(&s->list_lock, flags);
	flush_cpu_slab(s);
	spin_unlock_irqrestore(&s->list_lock, flags);
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long active, flags;

	if (!s)
		return;
	if (WARN(s->flags & __SLAB_PERMANENT, "%s is a boot cache: it cannot be destroyed", s->name))
		return;
	if (num_online_cpus() > 1)	/* every CPU's CPU slab back on the lists first */
		on_each_cpu(flush_cpu_slab_on_this_cpu, s, true);
	active = count_active(s);
	if (active) {
		slab_report(s, "cache destroyed with objects in use", NULL, NULL);
		pr_err("  %lu object(s) still allocated from %s: the cache is kept\n", active, s->name);
		return;
	}
	kmem_cache_shrink(s);
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_del(&s->list);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	free_percpu(s->cpu);
	kmem_cache_free(kmem_cache, s);
}

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}

/* --- introspection ---------------------------------------------------------- */

void kmem_cache_get_stats(struct kmem_cache *s, struct kmem_cache_stats *st)
{
	const struct page *slab;
	unsigned long flags;

	memset(st, 0, sizeof(*st));
	st->name = s->name;
	st->object_size = s->object_size;
	st->size = s->size;
	st->align = s->align;
	st->objects_per_slab = s->objects;
	st->pages_per_slab = 1u << s->order;
	st->flags = s->flags & ~(__SLAB_TRAILER | __SLAB_PERMANENT);
	spin_lock_irqsave(&s->list_lock, flags);	/* one consistent picture */
	st->num_objs = s->nr_slabs * s->objects;
	st->nr_slabs = s->nr_slabs;
	/* by state, not by list: the first partial slab may be empty */
	list_for_each_entry(slab, &s->full, lru) {
		st->nr_full++;
		st->active_objs += slab->inuse;
	}
	list_for_each_entry(slab, &s->partial, lru) {
		if (slab->inuse == slab->objects)
			st->nr_full++;		/* a CPU slab the fast path filled */
		else if (slab->inuse)
			st->nr_partial++;
		else
			st->nr_empty++;
		st->active_objs += slab->inuse;
	}
	list_for_each_entry(slab, &s->empty, lru)
		st->nr_empty++;
	st->slabs_grown = s->slabs_grown;
	st->slabs_freed = s->slabs_freed;
	st->errors = s->errors;
	spin_unlock_irqrestore(&s->list_lock, flags);
}

/*
 * Linux's slabinfo 2.1 line (mm/slab_common.c cache_show()): SLUB has no
 * tunables (0 0 0) and counts every slab as active.
 */
int slabinfo_format(struct kmem_cache *s, char *buf, size_t size)
{
	struct kmem_cache_stats st;

	kmem_cache_get_stats(s, &st);
	return snprintf(buf, size, "%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u"
			" : slabdata %6lu %6lu %6u", st.name, st.active_objs, st.num_objs,
			st.size, st.objects_per_slab, st.pages_per_slab, 0u, 0u, 0u,
			st.nr_slabs, st.nr_slabs, 0u);
}

int slabinfo_seq_show(struct seq_file *m, void *v)
{
	struct kmem_cache *s;
	char line[160];

	seq_puts(m, "slabinfo - version: 2.1\n");
	seq_puts(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
		 "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
		 "<active_slabs> <num_slabs> <sharedavail>\n");
	unsigned long flags;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry(s, &slab_caches, list) {
		slabinfo_format(s, line, sizeof(line));
		seq_printf(m, "%s\n", line);
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return 0;
}

void slabinfo_show(void)
{
	seq_printk_show(slabinfo_seq_show, NULL);
}

unsigned long nr_slab_pages(void)
{
	struct kmem_cache *s;
	unsigned long pages = 0, flags;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry(s, &slab_caches, list)
		pages += (unsigned long)s->nr_slabs << s->order;
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return pages;
}

/* --- boot -------------------------------------------------------------------- */

void kmem_cache_init(void)
{
	BUG_ON(kmem_cache);
	/* The one descriptor that cannot come from a cache: it is that cache. */
	if (kmem_cache_setup(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache), 0,
			     __SLAB_PERMANENT, NULL) < 0)
		panic("kmem_cache_init: cannot set up the kmem_cache cache");
	kmem_cache = &kmem_cache_boot;
	kmalloc_init();
	pr_info("slab: %u-byte descriptors, kmalloc %u..%u bytes, slabs of order 0-%u%s\n",
		kmem_cache->object_size, KMALLOC_MIN_SIZE, KMALLOC_MAX_CACHE_SIZE, SLAB_MAX_ORDER,
		IS_ENABLED(CONFIG_DEBUG_VM) ? ", debug: poison + red zones" : "");
}
