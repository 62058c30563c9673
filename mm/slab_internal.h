/* SPDX-License-Identifier: MIT */
/*
 * The slab layer's private parts, shared by mm/slab.c, mm/kmalloc.c and
 * their tests; everyone else uses include/mm/slab.h.
 *
 * What is here: struct kmem_cache (with a picture of a slot), and the
 * allocation and free fast paths as inline functions, so that kmalloc()
 * and kfree() in mm/kmalloc.c run them without a call:
 *
 *   slab_alloc()  pop the free list of the first partial slab; anything
 *                 else (no partial slab, a debug cache, __GFP_ZERO) calls
 *                 __kmem_cache_alloc_slow() in mm/slab.c
 *   slab_free()   push on the slab's free list; a debug cache, or the
 *                 object freed last freed again, calls
 *                 __kmem_cache_free_slow()
 *
 * Each is a handful of loads and stores with no loop: a kmalloc(64) and
 * kfree() pair is about 75 instructions in a DEBUG_VM=0 build. The rare
 * list moves (a slab became full, or empty, or stopped being full) are
 * out of line in slab_now_full() and slab_relist().
 */
#ifndef _MM_SLAB_INTERNAL_H
#define _MM_SLAB_INTERNAL_H

#include <kernel/bug.h>
#include <kernel/compiler.h>
#include <kernel/list.h>
#include <mm/mm.h>
#include <mm/slab.h>

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
struct kmem_cache {
	unsigned int flags;		/* SLAB_* and the private __SLAB_* */
	unsigned int offset;		/* of the free pointer, from the object */
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

/* The slow paths, in mm/slab.c. */
void *__kmem_cache_alloc_slow(struct kmem_cache *s, gfp_t gfp);
void __kmem_cache_free_slow(struct kmem_cache *s, struct page *slab, void *obj);
void slab_now_full(struct kmem_cache *s, struct page *slab);
void slab_relist(struct kmem_cache *s, struct page *slab);

/*
 * The allocation fast path: pop the first partial slab's free list.
 * No partial slab, a debug cache or __GFP_ZERO take the slow path.
 */
static __always_inline void *slab_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct list_head *first = s->partial.next;
	struct page *slab;
	void *obj;

	if (unlikely(first == &s->partial) || slab_debug(s) || unlikely(gfp & __GFP_ZERO))
		return __kmem_cache_alloc_slow(s, gfp);
	slab = list_entry(first, struct page, lru);
	obj = slab->freelist;
	slab->freelist = get_freepointer(s, obj);
	if (unlikely(++slab->inuse == slab->objects))
		slab_now_full(s, slab);
	return obj;
}

/*
 * Push @obj back on @slab's free list. The slab changes lists if it was
 * full, or if it is now empty -- unless it is the first partial slab,
 * the one allocations come from: that one stays put, so a loop of
 * alloc/free pairs never moves a slab between lists.
 */
static __always_inline void slab_push(struct kmem_cache *s, struct page *slab, void *obj)
{
	void *prior = slab->freelist;	/* NULL: the slab was full */
	unsigned int inuse = --slab->inuse;

	set_freepointer(s, obj, prior);
	slab->freelist = obj;
	if (unlikely(!prior) || (unlikely(!inuse) && s->partial.next != &slab->lru))
		slab_relist(s, slab);
}

/*
 * The free fast path, for @obj in @slab of @s (the caller found both).
 * A debug cache, and freeing the object that was freed last (the
 * plainest double free, caught even without debugging), take the slow
 * path.
 */
static __always_inline void slab_free(struct kmem_cache *s, struct page *slab, void *obj)
{
	if (slab_debug(s) || unlikely(obj == slab->freelist))
		__kmem_cache_free_slow(s, slab, obj);
	else
		slab_push(s, slab, obj);
}

/* Create the kmalloc caches (mm/kmalloc.c; kmem_cache_init() calls it). */
void kmalloc_init(void);

#endif
