/* SPDX-License-Identifier: MIT */
/*
 * The slab layer's private parts, shared by mm/slab.c, mm/kmalloc.c and
 * their tests; everyone else uses include/mm/slab.h.
 *
 * What is here: struct kmem_cache (with a picture of a slot), and the
 * allocation and free fast paths as inline functions, so that kmalloc()
 * and kfree() in mm/kmalloc.c run them without a call.
 *
 * The per-CPU object list. Allocations come from the cache's first
 * partial slab, the CPU slab; while it is, its free list lives in
 * s->cpu.freelist rather than in the slab's struct page, one load away:
 *
 *   slab_alloc()  pop s->cpu.freelist, count the object in the slab;
 *                 an empty list (no CPU slab: none yet, a debug cache,
 *                 or the CPU slab is full) or __GFP_ZERO calls
 *                 __kmem_cache_alloc_slow() in mm/slab.c
 *   slab_free()   an object of the CPU slab, not the one freed last:
 *                 push it on s->cpu.freelist; anything else (another
 *                 slab, a debug cache, a suspected double free) calls
 *                 __kmem_cache_free_slow()
 *
 * Each is a handful of loads and stores with no loop and no list move,
 * between local_irq_save() and local_irq_restore(): an interrupt handler
 * may allocate and free too (GFP_ATOMIC), and the list is one per CPU.
 * The slow paths first give the list back to the slab (flush_cpu_slab),
 * do their list work exactly as without a CPU slab, and the allocation
 * slow path then makes the (new) first partial slab the CPU slab. A
 * debug cache never has one: all its objects go through the checks.
 */
#ifndef _MM_SLAB_INTERNAL_H
#define _MM_SLAB_INTERNAL_H

#include <asm/irqflags.h>
#include <kernel/bug.h>
#include <kernel/compiler.h>
#include <kernel/list.h>
#include <kernel/might_sleep.h>
#include <kernel/percpu.h>
#include <kernel/spinlock.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "irq_window.h"

/*
 * A cache. The fields the fast paths use come first.
 *
 * One slot of a slab, in a debug cache with red zones (offsets from the
 * slot start, for object_size 20, align 8):
 *
 *   0        8                 28        36      40      44   48
 *   | red    | object          | red     | free  | state | pad |
 *   | 0xbb.. | (0x6b.. if free)| 0xbb..  | ptr   | word  |     |
 *   ^ slot   ^ object = slot + red_left  ^ object + offset    ^ size
 *
 * Without debugging a slot is just the object, and the free pointer is
 * its first word (offset 0), or a word after it if the cache has a
 * constructor, whose work the pointer must not overwrite.
 */
/*
 * This CPU's view of the cache (one CPU: one per cache). Invariant: slab
 * is NULL, or the first slab on partial with freelist holding its free
 * objects (NULL once the fast path has taken the last: then the slab is
 * full, and the next slow path moves it to the full list), and
 * slab->freelist meanwhile NULL (stale). Touched only with interrupts off.
 */
/*
 * A slab's inuse changes on its owner CPU's fast paths without the list
 * lock, and on another CPU's free of one of its objects with it (a
 * "remote" free, mm/slab.c): both are locked 16-bit adds, so neither is
 * lost. (The lock prefix adds no instruction.)
 */
static __always_inline void slab_inuse_inc(struct page *slab)
{
	__asm__ __volatile__("lock; incw %0" : "+m"(slab->inuse) :: "memory", "cc");
}

static __always_inline void slab_inuse_dec(struct page *slab)
{
	__asm__ __volatile__("lock; decw %0" : "+m"(slab->inuse) :: "memory", "cc");
}

struct kmem_cache_cpu {
	void *freelist;			/* free objects of the CPU slab */
	struct page *slab;		/* the CPU slab, or NULL */
};

struct kmem_cache {
	PER_CPU_MEMBER(struct kmem_cache_cpu, cpu);	/* the fast paths' whole state */
	unsigned int flags;		/* SLAB_* and the private __SLAB_* */
	unsigned int offset;		/* of the free pointer, from the object */
	spinlock_t list_lock;		/* partial, full, empty */
	struct list_head partial;	/* slabs with some objects free */
	struct list_head full;		/* slabs with none free */
	struct list_head empty;		/* slabs with all free (a small reserve) */
	unsigned int object_size;	/* what the caller asked for */
	unsigned int size;		/* bytes per slot, metadata included */
	unsigned int red_left;		/* bytes before the object in its slot */
	unsigned int align;		/* of every object address */
	unsigned int order;		/* a slab is 2^order pages */
	unsigned int objects;		/* slots per slab */
	gfp_t allocflags;		/* added to every slab allocation */
	unsigned long nr_slabs;		/* slabs on the three lists */
	unsigned long nr_empty;		/* of which on the empty list */
	unsigned long slabs_grown;	/* slabs allocated since creation */
	unsigned long slabs_freed;	/* slabs given back since creation */
	unsigned long errors;		/* misuse reports against this cache */
	void (*ctor)(void *obj);
	const char *name;
	struct list_head list;		/* in slab_caches, for slabinfo */
};

/* Private flags: the slots carry a trailer (free pointer + state word); */
#define __SLAB_TRAILER		0x80000000u
/* a boot cache (kmem_cache, kmalloc-*): kmem_cache_destroy() refuses. */
#define __SLAB_PERMANENT	0x40000000u

/* Does @s check and poison? Constant false in a DEBUG_VM=0 build. */
static inline bool slab_debug(const struct kmem_cache *s)
{
	return IS_ENABLED(CONFIG_DEBUG_VM) && unlikely(s->flags & __SLAB_TRAILER);
}

static inline void *get_freepointer(const struct kmem_cache *s, void *obj)
{
	return *(void **)((char *)obj + s->offset);
}

static inline void set_freepointer(const struct kmem_cache *s, void *obj, void *next)
{
	*(void **)((char *)obj + s->offset) = next;
}

/*
 * The fast paths' versions: a cache with a CPU slab keeps its free
 * pointer in the object's first word (offset 0: no constructor, no
 * debugging; load_cpu_slab() gives the others no CPU slab), so the
 * offset need not be loaded, nor a register held for it.
 */
static inline void *get_freepointer_fast(void *obj)
{
	return *(void **)obj;
}

static inline void set_freepointer_fast(void *obj, void *next)
{
	*(void **)obj = next;
}

/* The slow paths, in mm/slab.c: both take s->list_lock, interrupts saved and disabled. */
void *__kmem_cache_alloc_slow(struct kmem_cache *s, gfp_t gfp);
void __kmem_cache_free_slow(struct kmem_cache *s, struct page *slab, void *obj);

/*
 * The allocation fast path: pop the CPU slab's free list. The pop that
 * takes the last free object leaves the CPU slab full, on the partial
 * list, with an empty CPU list: the next allocation finds it empty and
 * takes the slow path, which moves the slab to the full list first
 * (flush_cpu_slab). So no list is touched here, and no lock is needed.
 *
 * The read of the list head, the read of the next pointer and the store
 * of the new head are one section with interrupts off: a handler
 * allocating between the first read and the store would be handed the
 * same object (SLUB makes the three a this_cpu_cmpxchg_double() with a
 * transaction id instead; see mm/slab.c). __GFP_ZERO is the caller's
 * test (slab_alloc()), made before: zeroing is the slow path's.
 */
static __always_inline void *__slab_alloc_nozero(struct kmem_cache *s, gfp_t gfp)
{
	__percpu_seg struct kmem_cache_cpu *c = this_cpu_seg_ptr(s->cpu);	/* %fs:(s->cpu) */
	unsigned long flags;
	void *obj, *next;

	local_irq_save(flags);
	obj = c->freelist;
	if (likely(obj)) {
		irq_window(IRQ_WINDOW_SLAB_ALLOC);
		next = get_freepointer_fast(obj);
		c->freelist = next;
		slab_inuse_inc(c->slab);
	}
	local_irq_restore(flags);	/* one restore for both outcomes: shorter code */
	if (unlikely(!obj))
		return __kmem_cache_alloc_slow(s, gfp);
	return obj;
}

/*
 * kmem_cache_alloc() and kmalloc() begin here: a blocking @gfp (GFP_KERNEL)
 * from atomic context is reported first, as Linux's slab_pre_alloc_hook()
 * does (might_alloc()), whether or not this call would need a new slab.
 * kmalloc() has tested __GFP_ZERO already and calls slab_alloc_nozero().
 */
static __always_inline void *slab_alloc_nozero(struct kmem_cache *s, gfp_t gfp)
{
	might_sleep_if(gfpflags_allow_blocking(gfp));
	return __slab_alloc_nozero(s, gfp);
}

static __always_inline void *slab_alloc(struct kmem_cache *s, gfp_t gfp)
{
	might_sleep_if(gfpflags_allow_blocking(gfp));
	if (unlikely(gfp & __GFP_ZERO))
		return __kmem_cache_alloc_slow(s, gfp);
	return __slab_alloc_nozero(s, gfp);
}

/*
 * The free fast path, for @obj in @slab of @s (the caller found both):
 * an object of the CPU slab is pushed on the CPU free list. Freeing the
 * object freed last again (the plainest double free, caught even without
 * debugging), another slab's object and a debug cache's (which has no
 * CPU slab) take the slow path. The CPU slab may become empty: it stays,
 * the slab allocations come from, so a loop of alloc/free pairs never
 * moves a slab between lists. The tests and the push are one section
 * with interrupts off, as in __slab_alloc(): a handler pushing between
 * the read of the head and the store would have its object lost.
 */
static __always_inline void slab_free(struct kmem_cache *s, struct page *slab, void *obj)
{
	__percpu_seg struct kmem_cache_cpu *c = this_cpu_seg_ptr(s->cpu);
	unsigned long flags;
	bool pushed = false;
	void *head;

	local_irq_save(flags);
	head = c->freelist;
	if (likely(slab == c->slab && obj != head && slab->inuse)) {
		irq_window(IRQ_WINDOW_SLAB_FREE);
		set_freepointer_fast(obj, head);
		c->freelist = obj;
		slab_inuse_dec(slab);
		pushed = true;
	}
	local_irq_restore(flags);
	if (unlikely(!pushed))
		__kmem_cache_free_slow(slab->slab_cache, slab, obj);	/* s need not stay live */
}

/* Create the kmalloc caches (mm/kmalloc.c; kmem_cache_init() calls it). */
void kmalloc_init(void);

#endif
