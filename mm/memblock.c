// SPDX-License-Identifier: MIT
/*
 * How this works: memblock, the boot-time allocator.
 *
 * Before mem_map exists there is no struct page to hang a free list on,
 * so early boot needs an allocator whose whole state is two small arrays
 * in the kernel image:
 *
 *   memblock.memory    usable RAM, from the e820 map      [base, size)...
 *   memblock.reserved  RAM in use: page tables, mem_map, the kernel image,
 *                      the boot loader's data, every allocation below
 *
 * Both are kept sorted by address with touching or overlapping regions
 * merged, so a free range is simply "in memory, between two reserved
 * regions". Allocation walks the free ranges top-down below
 * memblock.current_limit (the end of what is mapped: the boot page tables
 * at first, then lowmem) and reserves what it hands out; nothing is ever
 * freed back to memblock. memblock_phys_alloc_range() takes explicit
 * bounds instead: paging_init() asks for page tables inside the part of
 * lowmem it has just mapped, which lies above the boot map.
 *
 * At the end of boot memblock_free_all() (mm/mm_init.c, with the rest of
 * the hand-off) walks the free ranges with memblock_next_free_range(),
 * gives them to the buddy allocator and calls memblock_discard(): from
 * then on memblock allocates nothing. This file calls nothing in the
 * rest of mm/.
 *
 * Pure computation apart from memblock_alloc()'s memset of the direct
 * map: tests/host compiles this file for the host.
 */
#include <kernel/compiler.h>
#include <kernel/string.h>
#include <mm/memblock.h>

#include <asm/page.h>
#include <kernel/bug.h>
#include <kernel/printk.h>

struct memblock memblock = {
	.memory = { .name = "memory" },
	.reserved = { .name = "reserved" },
	.current_limit = ~0ULL,
};

static bool memblock_retired;

/* Sort by base and merge regions that touch or overlap. */
static void normalize(struct memblock_type *t)
{
	unsigned int i, j, n = 0;

	for (i = 1; i < t->cnt; i++) {
		struct memblock_region r = t->regions[i];

		for (j = i; j > 0 && t->regions[j - 1].base > r.base; j--)
			t->regions[j] = t->regions[j - 1];
		t->regions[j] = r;
	}
	for (i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->regions[i];

		if (!r->size)
			continue;
		if (n && t->regions[n - 1].base + t->regions[n - 1].size >= r->base) {
			struct memblock_region *prev = &t->regions[n - 1];
			phys_addr_t end = max(prev->base + prev->size, r->base + r->size);

			prev->size = end - prev->base;
		} else {
			t->regions[n++] = *r;
		}
	}
	t->cnt = n;
	t->total_size = 0;
	for (i = 0; i < n; i++)
		t->total_size += t->regions[i].size;
}

static int add_range(struct memblock_type *t, phys_addr_t base, phys_addr_t size)
{
	if (!size)
		return 0;
	if (t->cnt >= MEMBLOCK_MAX_REGIONS) {
		normalize(t);
		if (t->cnt >= MEMBLOCK_MAX_REGIONS)
			return -1;
	}
	t->regions[t->cnt++] = (struct memblock_region){ base, size };
	normalize(t);
	return 0;
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return add_range(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return add_range(&memblock.reserved, base, size);
}

void memblock_cap_memory(phys_addr_t limit)
{
	struct memblock_type *t = &memblock.memory;

	for (unsigned int i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->regions[i];

		if (r->base >= limit)
			r->size = 0;
		else if (r->base + r->size > limit)
			r->size = limit - r->base;
	}
	normalize(t);
}

bool memblock_is_reserved(phys_addr_t base, phys_addr_t size)
{
	const struct memblock_type *t = &memblock.reserved;

	for (unsigned int i = 0; i < t->cnt; i++)
		if (t->regions[i].base < base + size && base < t->regions[i].base + t->regions[i].size)
			return true;
	return false;
}

bool memblock_is_memory(phys_addr_t addr)
{
	const struct memblock_type *t = &memblock.memory;

	for (unsigned int i = 0; i < t->cnt; i++)
		if (addr >= t->regions[i].base && addr < t->regions[i].base + t->regions[i].size)
			return true;
	return false;
}

/*
 * The free ranges, i.e. memory minus reserved, highest first when @down.
 * *idx is the iteration state (start at 0); returns false when done.
 */
static bool next_free_range(unsigned long long *idx, bool down,
			    phys_addr_t *out_start, phys_addr_t *out_end)
{
	const struct memblock_type *m = &memblock.memory, *r = &memblock.reserved;
	/* idx = memory index * (r->cnt + 1) + gap index, in walking order */
	unsigned long long total = (unsigned long long)m->cnt * (r->cnt + 1);

	while (*idx < total) {
		unsigned long long k = (*idx)++;
		unsigned int mi = k / (r->cnt + 1), gi = k % (r->cnt + 1);
		phys_addr_t ms, me, gs, ge;

		if (down) {
			mi = m->cnt - 1 - mi;
			gi = r->cnt - gi;
		}
		ms = m->regions[mi].base;
		me = ms + m->regions[mi].size;
		/* gap gi lies between reserved region gi-1 and gi */
		gs = gi ? r->regions[gi - 1].base + r->regions[gi - 1].size : 0;
		ge = gi < r->cnt ? r->regions[gi].base : ~0ULL;
		gs = max(gs, ms);
		ge = min(ge, me);
		if (gs < ge) {
			*out_start = gs;
			*out_end = ge;
			return true;
		}
	}
	return false;
}

bool memblock_next_free_range(unsigned long long *idx, phys_addr_t *start, phys_addr_t *end)
{
	return next_free_range(idx, false, start, end);
}

phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t range_start, phys_addr_t range_end)
{
	unsigned long long idx = 0;
	phys_addr_t start, end;

	if (memblock_retired || !size)
		return 0;
	size = ALIGN(size, (phys_addr_t)PAGE_SIZE);
	if (align < PAGE_SIZE)
		align = PAGE_SIZE;
	while (next_free_range(&idx, true, &start, &end)) {
		phys_addr_t cand;

		start = max(start, range_start);
		end = min(end, range_end);
		if (end <= start || end - start < size)
			continue;
		cand = ALIGN_DOWN(end - size, align);
		if (cand < start || cand == 0)
			continue;
		if (memblock_reserve(cand, size) < 0)
			return 0;
		return cand;
	}
	return 0;
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0, memblock.current_limit);
}

void *memblock_alloc(size_t size, size_t align, const char *what)
{
	phys_addr_t p = memblock_phys_alloc(size, align);
	void *v;

	if (!p) {
		unsigned long long idx = 0;
		phys_addr_t start, end, below = 0, all = 0;

		/* Counted range by range: reserved.total_size includes reservations
		 * outside RAM (the BIOS hole, a boot loader's module). */
		while (next_free_range(&idx, false, &start, &end)) {
			all += end - start;
			if (start < memblock.current_limit)
				below += min(end, memblock.current_limit) - start;
		}
		if (memblock.current_limit == ~0ULL)
			panic("memblock: cannot allocate %zu bytes for %s: %llu KiB of RAM free; "
			      "give the machine more memory", size, what, all >> 10);
		panic("memblock: cannot allocate %zu bytes for %s: %llu KiB of RAM free in the "
		      "first %llu MiB, which the page tables map so far (%llu KiB free in all); %s",
		      size, what, below >> 10, memblock.current_limit >> 20, all >> 10,
		      all - below >= size ? "the machine needs usable RAM there"
					  : "give the machine more memory");
	}
	v = __va(p);
	memset(v, 0, size);
	return v;
}

void memblock_dump(void)
{
	const struct memblock_type *types[] = { &memblock.memory, &memblock.reserved };

	for (unsigned int t = 0; t < 2; t++) {
		pr_debug("memblock %s: %u regions, %llu KiB\n", types[t]->name,
			 types[t]->cnt, types[t]->total_size >> 10);
		for (unsigned int i = 0; i < types[t]->cnt; i++)
			pr_debug("  [0x%09llx-0x%09llx]\n", types[t]->regions[i].base,
				 types[t]->regions[i].base + types[t]->regions[i].size - 1);
	}
}

void memblock_discard(void)
{
	memblock_retired = true;
}
