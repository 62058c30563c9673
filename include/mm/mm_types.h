/* SPDX-License-Identifier: MIT */
/*
 * struct page: one per physical page frame, in the array mem_map[].
 *
 * Every frame of RAM below the highest usable address has one, highmem
 * included: the kernel must be able to describe, allocate and free pages
 * it cannot address. The array lives in lowmem, so its size is the price
 * of RAM: 32 bytes per 4 KiB frame is 0.78% -- 24 MiB of lowmem for 3 GiB
 * of RAM. That is why the fields are few and overlaid by owner:
 *
 *   flags       PG_* bits (below) and, in the top two bits, the zone
 *   _refcount   users of the page: 0 = free (in the buddy allocator)
 *               or reserved; 1 after alloc_pages(); get_page() adds one
 *   lru         buddy: link in zone->free_area[order].free_list
 *               slab:  link in the cache's full/partial/empty list
 *   private     buddy: the order of the free block this page heads
 *               kmalloc large / compound head: the order of the block
 *   slab_cache  slab: the kmem_cache this slab belongs to
 *   freelist    slab: the first free object of the slab
 *   inuse       slab: objects handed out; objects: objects in the slab
 *               vmalloc page table: PTEs in use
 *
 * 4 + 4 + 8 + 4 + 4 + 4 + 2 + 2 = 32 bytes, checked at compile time.
 */
#ifndef _MM_MM_TYPES_H
#define _MM_MM_TYPES_H

#include <asm/pgtable_types.h>
#include <kernel/cpumask.h>
#include <kernel/list.h>
#include <kernel/mutex.h>
#include <kernel/types.h>

struct kmem_cache;

struct page {
	unsigned long flags;
	int _refcount;
	struct list_head lru;
	unsigned long private;
	union {
		struct kmem_cache *slab_cache;	/* PG_slab */
		struct page *compound_head;	/* PG_tail: the block's first page */
	};
	void *freelist;
	unsigned short inuse, objects;
};

_Static_assert(sizeof(struct page) <= 32, "struct page must fit in 32 bytes");

/*
 * Page flag bits. A page's zone is kept in the top ZONES_WIDTH bits of
 * flags (set once by memmap_init, never changed).
 */
enum pageflags {
	PG_reserved,	/* not managed by the buddy allocator (never freed) */
	PG_buddy,	/* heads a free block; its order is in private */
	PG_slab,	/* belongs to a slab */
	PG_head,	/* first page of a multi-page (compound) allocation */
	PG_tail,	/* a later page of one; compound_head says whose */
	PG_vmalloc,	/* mapped into the vmalloc area by vmalloc() */
	NR_PAGEFLAGS
};

struct ramfs_inode;

/*
 * A virtual memory area: one range [vm_start, vm_end) of a process's user
 * half with one set of permissions (mm/mmap.c's essay). Anonymous
 * (vm_file NULL: heap, stack, mmap) or a private mapping of an initramfs
 * file (ELF segments), whose pages are copied from the file on first touch.
 */
struct vm_area_struct {
	unsigned long vm_start, vm_end;	/* page aligned; vm_end exclusive */
	struct mm_struct *vm_mm;
	unsigned long vm_flags;		/* VM_* (mm/mmap.h) */
	struct list_head vm_list;	/* in vm_mm->mmap, by address */
	const struct ramfs_inode *vm_file;	/* NULL: anonymous */
	unsigned long vm_pgoff;		/* file offset of vm_start, in pages */
};

/*
 * An address space: the page tables a task runs on. init_mm
 * (mm/init-mm.c) is the kernel's own, whose page directory is
 * swapper_pg_dir; kernel threads run on it (task->active_mm). Others come
 * from mm_alloc() (kernel/fork.c), whose pgd_alloc() gives them a page
 * directory of their own sharing init_mm's kernel half
 * (arch/x86/mm/pgtable.c explains how).
 *
 *   mm_users  users of the address space (processes, kthread_use_mm());
 *             mmput() of the last one tears the user half down (exit_mmap)
 *   mm_count  references to the struct and its page directory: all the
 *             mm_users together hold one, every task whose active_mm it
 *             is holds one (mmgrab()); mmdrop() of the last frees both
 *   pgd_list  link in pgd_list (under pgd_lock): every page directory
 *             but swapper_pg_dir, for the kernel-mapping sync
 */
struct mm_struct {
	pgd_t *pgd;			/* the top-level table loaded into CR3 */
	int mm_users;
	int mm_count;
	struct list_head pgd_list;

	/* The user half (mm/mmap.c): zero/empty for init_mm. */
	struct list_head mmap;		/* the VMAs, sorted by vm_start, disjoint */
	int map_count;			/* how many */
	struct mutex mmap_lock;		/* VMAs and user page tables (Linux: an rwsem) */
	unsigned long mmap_base;	/* top of the mmap area (below the stack gap) */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk;	/* the heap: [start_brk, brk) */
	unsigned long start_stack;	/* the initial user %esp */
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long total_vm;		/* pages covered by VMAs */
	unsigned long hiwater_rss;	/* peak of rss_anon + rss_file */
	unsigned long rss_anon;		/* resident anonymous pages (MM_ANONPAGES) */
	unsigned long rss_file;		/* resident file-backed pages (MM_FILEPAGES) */
	unsigned long pgtables_bytes;	/* user page-table pages, in bytes */
	/*
	 * The CPUs that have this mm in CR3 now (Linux's mm_cpumask()):
	 * set and cleared by switch_mm() (asm/mmu_context.h), read by
	 * flush_tlb_mm_range() to decide whom to send IPIs.
	 */
	cpumask_t cpu_bitmap;
};
#define mm_cpumask(mm)	(__atomic_load_n(&(mm)->cpu_bitmap, __ATOMIC_RELAXED))
extern struct mm_struct init_mm;

#define ZONES_WIDTH	2
#define ZONES_SHIFT	(32 - ZONES_WIDTH)
_Static_assert(NR_PAGEFLAGS <= ZONES_SHIFT, "page flags collide with the zone bits");

#endif
