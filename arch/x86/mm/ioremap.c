// SPDX-License-Identifier: MIT
/*
 * ioremap(): device memory (MMIO) mapped into the vmalloc area.
 *
 * A device's registers sit at physical addresses the CPU reaches like
 * RAM -- the IO-APIC at 0xFEC00000, the VGA text buffer at 0xB8000 -- but
 * most of them are not in the direct map (which only covers lowmem RAM),
 * and where they are it maps them cacheable, which is wrong for a
 * register: a cached read returns a stale value, a write may never leave
 * the cache. So ioremap() gives them a mapping of their own.
 *
 * Alloc path. Round [phys, phys + size) out to whole frames, refuse more
 * frames than the whole vmalloc area holds (checked on the count, before
 * nr << PAGE_SHIFT is formed: with PAE a range can be 2^20 frames or
 * more, and its size in bytes would wrap to a few pages), refuse RAM
 * that the page allocator manages (it already has a kernel address, and
 * a second, uncached alias of a cached page is a recipe for corruption),
 * take an area from the vmalloc space (get_vm_area_caller(), guard page
 * included) and write every PTE at once with PAGE_KERNEL_NOCACHE: PCD
 * (cache disable) and PWT (write-through), so each access reaches the
 * device, in program order. The caller gets the area's address plus
 * phys's offset in its frame.
 *
 * Free path. iounmap() finds the area by its first page and hands it to
 * free_vm_area(), which clears the PTEs; the TLB flush and the range's
 * reuse wait for the lazy vunmap purge (mm/vmalloc.c), one shootdown for
 * a batch of freed ranges, as in Linux. The frames are not RAM and are
 * never freed.
 *
 * Where it differs from Linux: Linux also tracks the memory type of every
 * range (PAT) and can map write-combining or write-back; this kernel has
 * no PAT and always makes a new uncached mapping. A request larger than
 * the whole vmalloc area is treated as a caller's bug and reported
 * (BUG: vmalloc: ...), besides returning NULL.
 */
#include <asm/pgtable.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <mm/mm.h>
#include <mm/vmalloc.h>

void *ioremap(phys_addr_t phys, unsigned long size)
{
	phys_addr_t last = phys + size - 1;
	unsigned long first_pfn, nr, pfn;
	struct vm_struct *area;

	if (!size || last < phys || last >= phys_addr_limit()) {
		pr_warn("ioremap: [mem 0x%08llx-0x%08llx] is not a range this kernel can map "
			"(limit 0x%llx)\n", phys, last, phys_addr_limit());
		return NULL;
	}
	first_pfn = PHYS_PFN(phys);
	nr = PHYS_PFN(last) - first_pfn + 1;
	/* nr << PAGE_SHIFT wraps at 2^20 pages (PAE: 4 GiB and more): bound nr first */
	if (nr > (VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT) {
		report_misuse("vmalloc", "ioremap larger than the whole vmalloc area");
		pr_err("  ioremap([mem 0x%08llx-0x%08llx]): %lu pages; the vmalloc area holds %lu\n",
		       phys, last, nr, (VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT);
		return NULL;
	}
	for (pfn = first_pfn; pfn < first_pfn + nr; pfn++) {
		if (pfn_valid(pfn) && !PageReserved(pfn_to_page(pfn))) {
			pr_warn("ioremap: pfn 0x%05lx is RAM owned by the page allocator; "
				"use page_address() or kmap_local_page() for RAM\n", pfn);
			return NULL;
		}
	}

	area = get_vm_area_caller(nr << PAGE_SHIFT, VM_IOREMAP, __builtin_return_address(0));
	if (!area)
		return NULL;
	area->phys_addr = PFN_PHYS(first_pfn);
	area->nr_pages = nr;		/* unmapping skips what was never mapped */
	if (vmap_pfn_range(area->addr, first_pfn, nr, PAGE_KERNEL_NOCACHE)) {
		free_vm_area(area);
		return NULL;
	}
	return (void *)(area->addr + (unsigned long)(phys & ~PAGE_MASK));
}

void iounmap(volatile void *addr)
{
	struct vm_struct *area = find_vm_area((const void *)addr);

	if (!area || !(area->flags & VM_IOREMAP)) {
		report_misuse("vmalloc", "iounmap of an address that is not an ioremap area");
		pr_err("  iounmap(0x%08lx): %s\n", (unsigned long)addr,
		       area ? "that area was made by vmalloc() or vmap()"
			    : "no ioremap() mapping starts in that page");
		return;
	}
	free_vm_area(area);
}
