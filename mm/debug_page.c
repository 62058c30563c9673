// SPDX-License-Identifier: MIT
/*
 * How this works: dump_page(), the one way to print a struct page.
 *
 * VM_BUG_ON_PAGE() and the "Bad page state" reports call it, so every
 * complaint about a page shows the same fields:
 *
 *   page:c1e3a000 pfn:0x1234 zone:Normal refcount:0 order:3 flags:0x40000002(buddy)
 *   page dumped because: page is already free
 *
 * order is page->private: the order of the free block a PG_buddy page
 * heads, or the order an allocated block was allocated with (0 for the
 * other pages of a block). The zone comes from the top bits of flags,
 * and the flag names from enum pageflags, lower-case, joined by '|'.
 * It reads the struct page only, so it is safe on a corrupted one: a
 * zone number out of range prints as "invalid".
 */
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <mm/mm.h>

static const char *const pageflag_names[NR_PAGEFLAGS] = {
	[PG_reserved]	= "reserved",
	[PG_buddy]	= "buddy",
	[PG_slab]	= "slab",
	[PG_head]	= "head",
	[PG_tail]	= "tail",
	[PG_vmalloc]	= "vmalloc",
};

void dump_page(struct page *page, const char *reason)
{
	char names[96];
	size_t n = 0;
	unsigned int z = page_zonenum(page);
	const char *zone = "invalid";

	names[0] = '\0';
	for (unsigned int f = 0; f < NR_PAGEFLAGS; f++)
		if (page->flags & (1UL << f))
			n += snprintf(names + n, sizeof(names) - n, "%s%s", n ? "|" : "",
				      pageflag_names[f]);
	if (z < MAX_NR_ZONES)
		zone = contig_page_data.node_zones[z].name ? contig_page_data.node_zones[z].name : "?";
	pr_err("page:%p pfn:0x%lx zone:%s refcount:%d order:%lu flags:0x%lx(%s)\n",
	       (void *)page, page_to_pfn(page), zone, page->_refcount, page->private,
	       page->flags, names);
	if (reason)
		pr_err("page dumped because: %s\n", reason);
}
