/* SPDX-License-Identifier: MIT */
/*
 * The vmalloc area: virtually contiguous kernel mappings of pages that
 * need not be physically contiguous, nor even addressable otherwise.
 *
 *   vmalloc()/vzalloc()/vfree()  allocate pages (highmem preferred) and
 *                                map them side by side
 *   vmap()/vunmap()              map pages the caller already owns
 *   ioremap()/iounmap()          map device memory (MMIO), uncached
 *
 * All live between VMALLOC_START and VMALLOC_END (asm/memlayout.h); each
 * area is followed by one unmapped guard page, so running off its end
 * faults (and the fault report names "a vmalloc guard page").
 *
 * When to use which: kmalloc() for small objects and anything that must
 * be physically contiguous (DMA); vmalloc() for large buffers that only
 * the CPU touches -- it costs a page-table walk per TLB miss and a TLB
 * flush per vfree(), but never needs contiguous frames and happily uses
 * highmem; kmap_local_page() (mm/highmem.h) to touch one page briefly.
 */
#ifndef _MM_VMALLOC_H
#define _MM_VMALLOC_H

#include <asm/pgtable.h>
#include <kernel/list.h>
#include <kernel/types.h>
#include <mm/gfp.h>

struct page;

/* What an area is for (vm_struct.flags). */
#define VM_ALLOC	0x1	/* vmalloc(): the pages belong to the area */
#define VM_MAP		0x2	/* vmap(): the caller owns the pages */
#define VM_IOREMAP	0x4	/* ioremap(): device memory, no struct page */
#define VM_LAZY_FREE	0x8	/* freed, PTEs clear, TLB flush pending: no longer an area (mm/vmalloc.c) */
#define VM_PURGING	0x10	/* VM_LAZY_FREE, in the purge batch being flushed now */

/*
 * One area of the vmalloc space. [addr, addr + size) includes the guard
 * page: the mapped part is the first size - PAGE_SIZE bytes.
 */
struct vm_struct {
	struct list_head list;		/* vmap_area_list, sorted by addr */
	unsigned long addr;
	unsigned long size;		/* mapped pages + 1 guard page, in bytes */
	unsigned long flags;		/* VM_ALLOC, VM_MAP or VM_IOREMAP; or VM_LAZY_FREE */
	unsigned int nr_pages;		/* pages mapped */
	phys_addr_t phys_addr;		/* VM_IOREMAP: the first physical byte */
	const void *caller;		/* who asked, for vmallocinfo */
};

/**
 * vmalloc - allocate virtually contiguous memory.
 * @size: bytes; rounded up to whole pages.
 *
 * Allocates the pages one at a time, from highmem when there is any
 * (GFP_KERNEL | __GFP_HIGHMEM), and maps them in a fresh area.
 * Context: process context (page tables may be allocated).
 * Return: the address of the first byte, or NULL (no memory or no room).
 */
void *vmalloc(unsigned long size);

/**
 * vzalloc - vmalloc() of zeroed memory.
 * @size: bytes.
 * Context: process context.
 * Return: the address, or NULL.
 */
void *vzalloc(unsigned long size);

/**
 * __vmalloc - vmalloc() with the caller's GFP flags for the pages.
 * @size: bytes.
 * @gfp: GFP flags; __GFP_ZERO zeroes, dropping __GFP_HIGHMEM keeps
 *       the pages in lowmem.
 * Context: process context.
 * Return: the address, or NULL.
 */
void *__vmalloc(unsigned long size, gfp_t gfp);

/**
 * vfree - unmap and free what vmalloc() returned.
 * @addr: the address vmalloc() returned, or NULL (nothing happens).
 *
 * Clears the PTEs, flushes the TLB, frees the pages and the page tables
 * that became empty. Any other address is reported ("vfree of an address
 * that is not a vmalloc area").
 * Context: process context.
 */
void vfree(const void *addr);

/**
 * vmap - map pages the caller owns at consecutive virtual addresses.
 * @pages: @count struct page pointers, lowmem or highmem.
 * @count: how many.
 * @flags: VM_MAP.
 * @prot: PAGE_KERNEL, PAGE_KERNEL_RO, ...
 *
 * Context: process context.
 * Return: the address of the first page, or NULL.
 */
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);

/**
 * vunmap - undo vmap(); the pages stay the caller's.
 * @addr: what vmap() returned. Anything else is reported ("vunmap of an
 *        address that is not a vmap area").
 * Context: process context.
 */
void vunmap(const void *addr);

/**
 * vmalloc_to_page - the page mapped at a vmalloc-area address.
 * @addr: any address in the vmalloc area.
 * Context: any.
 * Return: the struct page, or NULL when nothing (or device memory) is
 * mapped there.
 */
struct page *vmalloc_to_page(const void *addr);

/**
 * find_vm_area - the area that @addr is the start of.
 * @addr: an address returned by vmalloc(), vmap() or ioremap() (the page
 *        it lies in).
 * Context: any.
 * Return: the area, or NULL.
 */
struct vm_struct *find_vm_area(const void *addr);

/**
 * is_vmalloc_addr - does @addr lie in [VMALLOC_START, VMALLOC_END)?
 */
static inline bool is_vmalloc_addr(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return a >= VMALLOC_START && a < VMALLOC_END;
}

/**
 * ioremap - map physical device memory (MMIO) into the vmalloc area.
 * @phys: the first physical byte; need not be page aligned.
 * @size: bytes.
 *
 * The pages are mapped PAGE_KERNEL_NOCACHE (PCD|PWT): every read and
 * write reaches the device. RAM the page allocator manages is refused.
 * Context: process context.
 * Return: the virtual address of @phys (same offset in its page), or NULL.
 */
void *ioremap(phys_addr_t phys, unsigned long size);

/**
 * iounmap - undo ioremap().
 * @addr: what ioremap() returned. Anything else is reported ("iounmap of
 *        an address that is not an ioremap area").
 * Context: process context.
 */
void iounmap(volatile void *addr);

/*
 * The area primitives under vmalloc(), vmap() and ioremap():
 *   get_vm_area_caller() reserves @size bytes plus a guard page (nothing
 *     mapped yet; the area is on the list, so it shows in vmallocinfo),
 *   vmap_pfn_range() maps @nr frames from @pfn at @addr, allocating page
 *     tables as needed (Return: 0, or -1 when a page table cannot be had),
 *   free_vm_area() clears the area's PTEs, flushes, frees emptied page
 *     tables and the area itself (not the pages).
 */
struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const void *caller);
int vmap_pfn_range(unsigned long addr, unsigned long pfn, unsigned int nr, pgprot_t prot);
void free_vm_area(struct vm_struct *area);

struct seq_file;

/* /proc/vmallocinfo: one line per area, Linux's format (mm/vmalloc.c has an example). */
int vmallocinfo_seq_show(struct seq_file *m, void *v);
/* The boot log's/tests' print: a count line, then vmallocinfo_seq_show()'s lines. */
void vmallocinfo_show(void);

/*
 * Page tables the vmalloc area has been given, per zone they came from:
 * kept for good once made (mm/vmalloc.c), so pid 1's end-of-run leak
 * check counts them as still in use, not as leaked.
 */
extern unsigned long vmalloc_pgtables[MAX_NR_ZONES];

/* Pages vmalloc() has mapped (meminfo's VmallocUsed, Linux's name). Context: any. */
unsigned long vmalloc_nr_pages(void);

/**
 * vmalloc_init - start the vmalloc area empty.
 * Context: boot, after kmalloc works.
 */
void vmalloc_init(void);

/**
 * mem_layout_init - check the virtual layout against the detected lowmem
 * end (panics if two areas overlap) and print it.
 * Context: boot, once high_memory is known (after paging_init()).
 */
void mem_layout_init(void);

/*
 * Lazy vunmap (mm/vmalloc.c): vfree(), vunmap(), iounmap() clear the PTEs
 * at once, but the TLB flush of the range waits for a purge, which
 * flushes every range freed since the last one together (one shootdown
 * to the other CPUs, IPI_TLB_VUNMAP), and only then lets the ranges be
 * handed out again.
 */
struct vmap_lazy_stats {
	unsigned long lazy_pages;	/* pages of freed ranges awaiting the purge (guard pages too) */
	unsigned long lazy_areas;	/* how many ranges */
	unsigned long purges;		/* purge batches that flushed */
	unsigned long purged_pages;	/* pages they gave back to the allocator of ranges */
	unsigned long max_lazy_pages;	/* the threshold now (lazy_max_pages()) */
};
void vmap_lazy_get_stats(struct vmap_lazy_stats *st);

/**
 * vm_unmap_aliases - purge now: flush every lazily freed range on every
 * CPU, and free the ranges (Linux's name: no stale alias survives it).
 * Context: process context, interrupts on; not with vmap_area_lock held.
 */
void vm_unmap_aliases(void);

#endif
