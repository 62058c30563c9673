/* SPDX-License-Identifier: MIT */
/*
 * The slab allocator (mm/slab.c) and kmalloc (mm/kmalloc.c).
 *
 * A kmem_cache hands out objects of one size. It carves them out of
 * slabs: blocks of 2^order lowmem pages from the buddy allocator, each
 * cut into equal slots. A slab's free slots are chained into a free list
 * whose head is kept in the slab's own struct page, so freeing an object
 * needs no lookup: virt_to_page(obj) leads to the slab, and the slab to
 * its cache.
 *
 *   struct kmem_cache *c = kmem_cache_create("inode", sizeof(struct inode),
 *                                            0, 0, inode_ctor);
 *   struct inode *i = kmem_cache_alloc(c, GFP_KERNEL);
 *   ...
 *   kmem_cache_free(c, i);
 *   kmem_cache_destroy(c);              // only once every object is freed
 *
 * kmalloc() is a set of such caches, one per size class (8, 16, 32, 64,
 * 96, 128, 192, 256, ..., 8192 bytes), plus whole pages from the page
 * allocator for anything larger. kfree() frees both kinds, and any other
 * slab object too.
 *
 * Misuse is reported as "BUG: slab error: <reason>" (kernel/report.h),
 * followed by the cache, the object and its slab page (pfn), and the bad
 * call is ignored:
 *
 *   "double free"                          "object freed to the wrong cache"
 *   "pointer is not a slab object"         "red zone overwritten"
 *   "poison overwritten (use after free)"  "cache destroyed with objects in use"
 *
 * Red zones, poison, pointers into an object and double frees other than
 * of the object freed last (or into a slab with nothing in use) are only
 * caught in a DEBUG_VM=1 build.
 *
 * Context for everything here: never sleeps. Allocation and free work
 * from any context, interrupt handlers included, with GFP_ATOMIC: the
 * CPU free lists are touched with interrupts off and the slab lists
 * under an IRQ-safe lock (mm/slab.c). A blocking gfp (GFP_KERNEL) says
 * the caller may sleep, so it must be in process context, preemptible:
 * might_sleep() reports any other caller ("BUG: sleeping function called
 * from invalid context"). Creating and destroying caches: process context.
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <asm/memlayout.h>
#include <kernel/types.h>
#include <mm/gfp.h>

/*
 * kmem_cache_create() flags. The values are Linux's, except
 * SLAB_NO_DEBUG, which Linux does not have.
 *
 * Debugging (SLAB_POISON, SLAB_RED_ZONE) exists only in DEBUG_VM=1
 * builds, where every cache gets SLAB_DEBUG unless it asks for
 * SLAB_NO_DEBUG; in a DEBUG_VM=0 build the two flags are accepted and
 * ignored, so the fast paths carry no debug test at all.
 */
#define SLAB_RED_ZONE		0x00000400u	/* guard bytes (0xbb) around each object */
#define SLAB_POISON		0x00000800u	/* fill freed objects with 0x6b ... 0xa5 */
#define SLAB_HWCACHE_ALIGN	0x00002000u	/* align objects to a cache line */
#define SLAB_CACHE_DMA		0x00004000u	/* slabs from ZONE_DMA */
#define SLAB_PANIC		0x00040000u	/* panic if kmem_cache_create() fails */
#define SLAB_NO_DEBUG		0x10000000u	/* debug build: no SLAB_DEBUG default */
#define SLAB_DEBUG		(SLAB_POISON | SLAB_RED_ZONE)

/* The byte patterns of a debug cache (Linux's values). */
#define SLAB_POISON_FREE	0x6b	/* every byte of a freed object... */
#define SLAB_POISON_END		0xa5	/* ...but the last */
#define SLAB_RED_BYTE		0xbb	/* the red zones */

#ifndef L1_CACHE_BYTES
#define L1_CACHE_BYTES		64	/* for SLAB_HWCACHE_ALIGN */
#endif

/* A cache; its fields are private to mm/ (mm/slab_internal.h). */
struct kmem_cache;

/**
 * kmem_cache_create - make a cache of objects of one size.
 * @name: shown by slabinfo and in reports; the string must outlive the
 *        cache (it is not copied).
 * @size: bytes per object, 1 up to 4 MiB.
 * @align: minimum alignment of every object (a power of two), or 0; at
 *         least 8 is always used.
 * @flags: SLAB_* flags above.
 * @ctor: run on every object when its slab is created (not on every
 *        allocation): objects must be freed in their constructed state.
 *        Poisoning would destroy that state, so a cache with a
 *        constructor is never poisoned (red zones still apply).
 *
 * Context: after kmem_cache_init(); never sleeps.
 * Return: the cache, or NULL (with a warning) for an impossible size or
 * alignment, or when no memory is left for the descriptor. With
 * SLAB_PANIC a failure panics instead.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned int flags, void (*ctor)(void *obj));

/**
 * kmem_cache_alloc - take one object from @s.
 * @s: the cache.
 * @gfp: GFP flags for a new slab, if one is needed; __GFP_ZERO zeroes the
 *       object; __GFP_HIGHMEM is ignored (slabs are always lowmem).
 *
 * Context: any with GFP_ATOMIC; process context with GFP_KERNEL
 * (might_sleep()); never sleeps.
 * Return: an object aligned to the cache's alignment, or NULL when no
 * slab could be allocated.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);

/**
 * kmem_cache_zalloc - kmem_cache_alloc() of a zeroed object.
 * Return: the object, or NULL.
 */
static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

/**
 * kmem_cache_free - give an object back to its cache.
 * @s: the cache it came from.
 * @obj: the object, as kmem_cache_alloc() returned it.
 *
 * Misuse is reported (report_misuse "slab error") and the free ignored:
 * "object freed to the wrong cache", "pointer is not a slab object",
 * "double free". In a debug cache the red zones are checked too ("red
 * zone overwritten": reported, repaired, and the object still freed).
 * Context: any; never sleeps.
 */
void kmem_cache_free(struct kmem_cache *s, void *obj);

/**
 * kmem_cache_shrink - give every empty slab of @s back to the buddy
 * allocator: the reserve, and the slab allocations come from if empty.
 * Return: the number of pages given back (Linux returns 0).
 */
unsigned long kmem_cache_shrink(struct kmem_cache *s);

/* kmem_cache_shrink() every cache. Return: the pages given back. */
unsigned long kmem_cache_shrink_all(void);

/**
 * kmem_cache_destroy - free every slab of @s and @s itself.
 * @s: the cache, or NULL (a no-op).
 *
 * Refuses while objects are still allocated: reports "cache destroyed
 * with objects in use" with the count, and leaves the cache working.
 * Context: any; never sleeps.
 */
void kmem_cache_destroy(struct kmem_cache *s);

/* Return: the object size of @s, as given to kmem_cache_create(). */
unsigned int kmem_cache_size(struct kmem_cache *s);

/**
 * kmem_cache_init - boot the slab layer: the cache of cache descriptors,
 * then the kmalloc caches.
 *
 * Context: boot, once the buddy allocator is up; kmalloc() and
 * kmem_cache_create() work from here on.
 */
void kmem_cache_init(void);

/* --- introspection ------------------------------------------------------ */

/*
 * One cache's numbers, as slabinfo shows them. active_objs and the slab
 * counts walk the cache's lists, so this is O(slabs): not for fast paths.
 */
struct kmem_cache_stats {
	const char *name;
	unsigned int object_size;	/* as kmem_cache_size() */
	unsigned int size;		/* bytes per slot, metadata included */
	unsigned int align;
	unsigned int objects_per_slab;
	unsigned int pages_per_slab;
	unsigned int flags;		/* SLAB_* in effect (SLAB_DEBUG bits included) */
	unsigned long active_objs;	/* allocated now */
	unsigned long num_objs;		/* slots in all slabs */
	unsigned long nr_slabs;		/* full + partial + empty */
	unsigned long nr_full, nr_partial, nr_empty;	/* by inuse, not by list */
	unsigned long slabs_grown, slabs_freed;	/* since creation */
	unsigned long errors;		/* misuse reports against the cache */
};

/* Fill @st for @s. */
void kmem_cache_get_stats(struct kmem_cache *s, struct kmem_cache_stats *st);

struct seq_file;

/*
 * slabinfo_seq_show - /proc/slabinfo, Linux's version 2.1 format:
 *
 *   slabinfo - version: 2.1
 *   # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables ...
 *   kmalloc-64            12     64     64   64    1 : tunables    0    0    0 : slabdata      1      1      0
 *
 * objsize is the slot size (metadata included), as in Linux's SLUB: in a
 * debug build it shows what red zones and poisoning cost.
 * slabinfo_show() prints the same text to the boot log.
 */
int slabinfo_seq_show(struct seq_file *m, void *v);
void slabinfo_show(void);

/* Format @s's slabinfo line (no newline) into @buf. Return: its length. */
int slabinfo_format(struct kmem_cache *s, char *buf, size_t size);

/* Pages held by every cache's slabs (meminfo's Slab:). Context: any. */
unsigned long nr_slab_pages(void);

/* --- kmalloc ------------------------------------------------------------ */

#define KMALLOC_SHIFT_LOW	3				/* 8 bytes */
#define KMALLOC_SHIFT_HIGH	13				/* 8 KiB */
#define KMALLOC_MIN_SIZE	(1u << KMALLOC_SHIFT_LOW)
#define KMALLOC_MAX_CACHE_SIZE	(1u << KMALLOC_SHIFT_HIGH)	/* larger: whole pages */
#define KMALLOC_MAX_SIZE	(PAGE_SIZE << (MAX_ORDER - 1))	/* 4 MiB: the largest block */

/*
 * What kmalloc(0) returns: not NULL (the request did not fail), but not
 * memory either. Address 16 lies in the unmapped user half, so using it
 * faults, and its value tells "zero-size allocation" apart from a NULL
 * dereference in the fault report. kfree() and ksize() accept it.
 */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/**
 * kmalloc - allocate @size bytes of lowmem.
 * @size: bytes; 0 returns ZERO_SIZE_PTR.
 * @gfp: GFP flags. __GFP_HIGHMEM makes no sense for memory that needs an
 *       address: it is dropped with a one-time warning. __GFP_DMA is
 *       served with whole pages from ZONE_DMA (there are no DMA caches).
 *
 * Up to 8 KiB the object comes from the smallest size class that fits;
 * objects of a power-of-two class are aligned to their size, those of
 * kmalloc-96 and kmalloc-192 to 32 and 64. Larger requests get 2^order
 * whole pages, page aligned.
 * Context: any with GFP_ATOMIC, interrupt handlers included; process
 * context with GFP_KERNEL (might_sleep() reports any other); never sleeps.
 * Return: the memory, ZERO_SIZE_PTR for @size 0, or NULL. More than
 * KMALLOC_MAX_SIZE always fails, with a warning unless __GFP_NOWARN.
 */
void *kmalloc(size_t size, gfp_t gfp);

/**
 * kzalloc - kmalloc() of zeroed memory.
 * Return: as kmalloc().
 */
static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/**
 * kcalloc - a zeroed array of @n elements of @size bytes.
 * Return: the array, or NULL (also when @n * @size overflows).
 */
void *kcalloc(size_t n, size_t size, gfp_t gfp);

/**
 * krealloc - resize a kmalloc()ed block, keeping its contents.
 * @p: the block, or NULL / ZERO_SIZE_PTR (then it is kmalloc(@new_size)).
 * @new_size: the new size; 0 frees @p and returns ZERO_SIZE_PTR.
 * @gfp: as for kmalloc(). With __GFP_ZERO only a new block is zeroed
 *       (beyond the copied bytes); growing in place leaves the slack as it was.
 *
 * If @new_size fits in ksize(@p), @p itself is returned.
 * Context: any; never sleeps.
 * Return: the block, or NULL, in which case @p is untouched and still
 * allocated.
 */
void *krealloc(const void *p, size_t new_size, gfp_t gfp);

/**
 * kfree - free memory from kmalloc() (or any slab object).
 * @p: the block; NULL and ZERO_SIZE_PTR are no-ops.
 *
 * A pointer that is not the start of an allocation is reported ("slab
 * error: pointer is not a slab object") and ignored.
 * Context: any; never sleeps.
 */
void kfree(const void *p);

/**
 * ksize - the bytes usable at @p: its size class, or the whole pages of a
 * large allocation; at least what was asked for.
 * Return: the size; 0 for NULL and ZERO_SIZE_PTR.
 */
size_t ksize(const void *p);

/* The kmalloc cache that serves @size (1..KMALLOC_MAX_CACHE_SIZE), or NULL. */
struct kmem_cache *kmalloc_slab(size_t size);

#endif
