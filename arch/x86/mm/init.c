// SPDX-License-Identifier: MIT
/*
 * How this works: from "RAM exists" to "the kernel can address lowmem".
 *
 * setup_memory() decides where lowmem ends. The kernel owns the top of
 * every address space, from PAGE_OFFSET up (1 GiB with VMSPLIT=3G, 2 or 3
 * GiB with 2G/1G); of it, the top vmalloc_reserve bytes (128 MiB unless
 * `vmalloc=` says otherwise) are kept for the 8 MiB hole, vmalloc, pkmap
 * and the fixmap, and the rest can map RAM one-to-one:
 * __va(phys) = phys + PAGE_OFFSET. So
 *
 *   lowmem end  = 4 GiB - PAGE_OFFSET - vmalloc_reserve   (896 MiB for 3G)
 *   max_low_pfn = min(max_pfn, lowmem end >> PAGE_SHIFT)
 *
 * and everything from max_low_pfn to max_pfn is highmem. (That is the
 * 2.6 rule; Linux 6.1 subtracts the 128 MiB from VMALLOC_END instead and
 * ends lowmem near 875 MB: asm/memlayout.h says why.)
 *
 * paging_init() then builds the direct map in swapper_pg_dir: one page
 * table per 4 MiB of lowmem (2 MiB with PAE), and the tables themselves
 * come from the top of lowmem, not from ZONE_DMA. The catch is that a
 * table must be written through a mapping that already exists, and at
 * first only the boot map (the first EARLY_MAP_SIZE, 16 MiB) does. So
 * map_lowmem() works top-down, one table's span at a time:
 *
 *   [.... boot map ....|..........................|  top 4 MiB  ]
 *   0                16 MiB                     top-4M         top
 *   step 1: the top span's table is a page of early_pgt_pool (.bss, in
 *           the kernel image, so always mapped); hook it in: the top
 *           4 MiB are now mapped
 *   step 2: the next table comes from memblock inside what step 1
 *           mapped, [top-4M, top); hook it in: [top-8M, top) mapped
 *   ...     and so on down to 0, every table taken from the top
 *
 * Each table is filled completely before it is hooked in (the spans in
 * the boot map are being replaced while the kernel runs from them), and
 * every entry is written once, so the table is not zeroed first: a span
 * is cut into runs of one protection (text, rodata, the rest) and each
 * run filled by a loop of one store and one add per entry: 1.4 million
 * instructions for 896 MiB, where choosing each entry's protection on
 * its own, into a zeroed table, costs 8.7 million. When
 * the mapped part has no free page (a hole, a module), memblock below the
 * boot map's end serves (the pool is sized exactly for step 1 and the PAE
 * directories below, so it has no spare page to give). With PAE the
 * page directories of the kernel's extra PDPT entries (VMSPLIT 2G, 1G)
 * are needed before anything is mapped: they are pool pages too. At
 * -m 4G with PAE and VMSPLIT=1G that keeps 1,474 page tables and
 * directories (5.8 MiB) out of ZONE_DMA's 15.6 MiB. It also keeps the
 * free lowmem in one piece, which mem_map needs: `-m 2049M vmalloc=975M`
 * (32 MiB of lowmem, a 16 MiB mem_map) boots only so. The pkmap and
 * fixmap tables, and mem_map, come from the top of lowmem as well.
 *
 * Kernel text and rodata get read-only PTEs (CR0.WP makes ring 0 honour
 * them), and with PGE every kernel PTE is global (enable_pge()). The page tables of the pkmap and fixmap areas are allocated
 * here too, once, so kmap() and kmap_local_page() never need to
 * allocate. Last, the identity mapping of low memory that boot/head.asm
 * needed to turn paging on is removed: from now on a NULL pointer faults.
 *
 * Where it differs from Linux: Linux's init_mem_mapping() also maps
 * top-down, but in growing steps (each step maps several times more than
 * the last, using large pages where it can), and its first tables come
 * from the "brk" area at the end of the kernel image, which early_pgt_pool
 * stands in for. Here every step is one page table, at most 1,472 steps
 * (PAE, VMSPLIT=1G: 2944 MiB of lowmem in 2 MiB spans). Where Linux does
 * write 4 KiB PTEs (kernel_physical_mapping_init(), without PSE) it
 * chooses each entry's protection page by page; here whole runs. Linux
 * turns PGE on in probe_page_size_mask() (cr4_set_bits_and_update_boot())
 * and takes _PAGE_GLOBAL out of __default_kernel_pte_mask under PTI; it
 * has no `nopge` option on 32-bit (clearcpuid= can hide the feature).
 */
#include <asm/e820.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/reboot.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include <kernel/bug.h>
#include <kernel/params.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <mm/mm.h>

/* The smallest machine the kernel runs on (see README: what costs RAM). */
#define MIN_RAM_MB	12

unsigned long vmalloc_reserve = VMALLOC_RESERVE_DEFAULT;

static pte_t *alloc_page_table(void);

/*
 * vmalloc=<size>: make the vmalloc area about @size bytes. The reserve
 * above lowmem is then the area, the 8 MiB hole and what lies above
 * VMALLOC_END (guard pages, pkmap, fixmap), rounded up to 4 MiB so lowmem
 * ends on a page-table boundary.
 */
static int parse_vmalloc(const char *val)
{
	char *end;
	unsigned long long size, reserve;

	if (!val || !*val)
		return -1;
	size = memparse(val, &end);
	if (*end || size < (4 << 20) || size > 0x100000000ULL - PAGE_OFFSET)
		return -1;		/* (the upper bound also keeps the sum below from wrapping) */
	reserve = ALIGN(size + VMALLOC_OFFSET + (0x100000000ULL - VMALLOC_END), 4ULL << 20);
	/* keep at least 32 MiB of lowmem */
	if (reserve > 0x100000000ULL - PAGE_OFFSET - (32 << 20))
		return -1;
	vmalloc_reserve = reserve;
	return 0;
}
__setup_help("vmalloc", parse_vmalloc, "a size such as 64M or 256M (at least 4M, leaving 32M of lowmem)");

/* Where the direct map must end for the current vmalloc reserve. */
static unsigned long lowmem_limit_pfn(void)
{
	return (unsigned long)((0x100000000ULL - PAGE_OFFSET - vmalloc_reserve) >> PAGE_SHIFT);
}

static void reserve_boot_data(void)
{
	const struct boot_params *bp = &boot_params;

	/* The BIOS/VGA hole is not RAM, but a mem_lower-only map may claim it. */
	memblock_reserve(0xA0000, 0x100000 - 0xA0000);
	/* The kernel image, its .bss and the boot page tables and stack in it. */
	memblock_reserve(KERNEL_LOAD_PHYS, __pa(_end) - KERNEL_LOAD_PHYS);
	memblock_reserve(bp->mbi_phys, sizeof(struct multiboot_info));
	if (bp->cmdline_len)
		memblock_reserve(bp->cmdline_phys, bp->cmdline_len);
	if (bp->mmap_len)
		memblock_reserve(bp->mmap_phys, bp->mmap_len);
	/* Named, as Linux names its initrd ("RAMDISK: [mem ...]"): a module
	 * that holds most of RAM is then seen before the refusal it causes. */
	for (u32 i = 0; i < bp->mods_count; i++) {
		u32 start = bp->mods[i].start, end = bp->mods[i].end;

		if (end == start)
			continue;
		pr_info("multiboot: module %u: [mem %#010x-%#010x] reserved (%u KiB)\n",
			i, start, end - 1, (end - start) >> 10);
		memblock_reserve(start, end - start);
	}
}

void setup_memory(void)
{
	const struct memblock_type *mem = &memblock.memory;
	unsigned long ram_mb;

	e820__memory_setup();			/* the map, printed, mem= applied */
	e820__memblock_setup();			/* usable RAM below phys_addr_limit() */
	reserve_boot_data();
	memblock_dump();			/* with loglevel=8: memory and reserved */

	ram_mb = (unsigned long)(mem->total_size >> 20);
	if (!mem->cnt || ram_mb < MIN_RAM_MB) {
		pr_emerg("Fenestra needs at least %u MiB of usable RAM; the memory map gives %lu MiB "
			 "(QEMU's -m counts the BIOS areas too: -m %uM is the least that boots)\n",
			 MIN_RAM_MB, ram_mb, MIN_RAM_MB + 1);
		machine_exit(KERNEL_EXIT_FAILURE);
	}

	max_pfn = (unsigned long)PFN_DOWN(mem->regions[mem->cnt - 1].base +
					  mem->regions[mem->cnt - 1].size);
	max_low_pfn = min(max_pfn, lowmem_limit_pfn());
	high_memory = __va(PFN_PHYS(max_low_pfn));

	pr_info("%luMB HIGHMEM available.\n", (max_pfn - max_low_pfn) >> (20 - PAGE_SHIFT));
	pr_info("%luMB LOWMEM available.\n", max_low_pfn >> (20 - PAGE_SHIFT));
}

/*
 * The first page tables, before any of the direct map above the boot map
 * exists: the top span's table and, with PAE, the page directories of
 * the PDPT entries the boot code left empty (VMSPLIT 2G: one, 1G: two).
 */
#define EARLY_PGT_POOL_PAGES \
	(1 + (PTRS_PER_PMD > 1 ? PTRS_PER_PGD - 1 - pgd_index(PAGE_OFFSET) : 0))
static pte_t early_pgt_pool[EARLY_PGT_POOL_PAGES][PTRS_PER_PTE] __aligned(PAGE_SIZE);

static struct {
	unsigned int pool_used;
	phys_addr_t mapped_low, mapped_high;	/* lowmem the new tables map already */
} pgt;

/*
 * A page for a kernel page table, in this order: memblock, top down,
 * inside the lowmem map_lowmem() has mapped so far; the early pool;
 * memblock below memblock.current_limit (the boot map's end during
 * map_lowmem(), which panics naming the table if even that is full).
 * Not zeroed: the caller writes every entry (map_lowmem()).
 */
static pte_t *__alloc_page_table(void)
{
	phys_addr_t p = 0;

	if (pgt.mapped_low < pgt.mapped_high)
		p = memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE, pgt.mapped_low, pgt.mapped_high);
	if (p)
		return __va(p);
	if (pgt.pool_used < EARLY_PGT_POOL_PAGES)
		return early_pgt_pool[pgt.pool_used++];	/* .bss: zero, as it happens */
	return memblock_alloc(PAGE_SIZE, PAGE_SIZE, "a kernel page table");
}

/* The same, zeroed: every entry not present. */
static pte_t *alloc_page_table(void)
{
	pte_t *table = __alloc_page_table();

	memset(table, 0, PAGE_SIZE);
	return table;
}

/*
 * PAE entries are 8 bytes, and set_pmd()/set_pte_atomic() write them with
 * cmpxchg8b (pgtable-3level.h). A CPU with PAE but without it (QEMU's
 * `-cpu qemu32,-cx8`) would take an invalid-opcode fault at the first
 * set_pmd(): say so instead. head.asm has made sure CPUID exists.
 */
static void check_pae_cmpxchg8b(void)
{
	u32 a, b, c, d;

	if (!IS_ENABLED(CONFIG_X86_PAE))
		return;
	cpuid(1, &a, &b, &c, &d);
	if (d & (1U << 8))
		return;
	pr_emerg("Fenestra: this kernel was built with PAE=1 but the CPU has no CMPXCHG8B "
		 "(CPUID.1:EDX bit 8), which PAE page-table updates need; boot the non-PAE "
		 "build, or a CPU with CX8\n");
	machine_exit(KERNEL_EXIT_FAILURE);
}

/*
 * PAE only: let the CPU honour NX, so the direct map, stacks, heap and
 * vmalloc can be mapped non-executable. Without PAE an entry has no NX bit.
 */
static void enable_nx(void)
{
	if (!IS_ENABLED(CONFIG_X86_PAE))
		return;
	if (!boot_cpu_data.has_nx) {
		pr_notice("Notice: NX (Execute Disable) protection missing in CPU!\n");
		return;
	}
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	__supported_pte_mask |= _PAGE_NX;
	pr_info("NX (Execute Disable) protection: active\n");
}

static bool nopge;

/* nopge: keep kernel mappings non-global (every CR3 load flushes them). */
static int parse_nopge(const char *val)
{
	if (val)
		return -1;
	nopge = true;
	return 0;
}
__setup_help("nopge", parse_nopge, "no value: the bare word nopge");

/*
 * Global kernel pages, when CPUID has PGE (a Pentium Pro or later; not a
 * 486): from here on every PAGE_KERNEL* entry carries _PAGE_GLOBAL, so
 * switch_mm()'s CR3 load keeps the kernel's TLB entries, and a full
 * flush must toggle CR4.PGE (asm/tlbflush.h). Called before map_lowmem(),
 * so the direct map is global from its first entry; the boot map
 * head.asm built is not, and is replaced.
 */
static void enable_pge(void)
{
	if (!boot_cpu_data.has_pge || nopge) {
		pr_info("Global pages: off (%s): every CR3 load flushes kernel TLB entries\n",
			nopge ? "nopge on the command line" : "the CPU has no PGE");
		return;
	}
	__supported_pte_mask |= _PAGE_GLOBAL;
	mmu_cr4_features |= X86_CR4_PGE;
	write_cr4(read_cr4() | X86_CR4_PGE);
	pr_info("Global pages: on (CR4.PGE): kernel mappings survive CR3 loads\n");
}

/*
 * With PAE the kernel's part of the address space is 1, 2 or 3 PDPT
 * entries (VMSPLIT 3G, 2G, 1G), each needing its own page directory. The
 * boot code made the first; allocate the rest before mapping through them.
 * Without PAE the pmd level is folded into the pgd and there is nothing
 * to do.
 */
static void prepare_kernel_pmds(void)
{
	unsigned long i;

	if (PTRS_PER_PMD == 1)
		return;
	for (i = pgd_index(PAGE_OFFSET); i < PTRS_PER_PGD; i++) {
		if (pgd_val(swapper_pg_dir[i]) & _PAGE_PRESENT)
			continue;
		swapper_pg_dir[i] = __pgd(__pa(alloc_page_table()) | _PAGE_PRESENT);
	}
	__flush_tlb_all();		/* the CPU reads PDPT entries at CR3 load */
}

/* Where the kernel's text and rodata lie, in pfns (set by map_lowmem()). */
static struct {
	unsigned long text, etext, rodata, erodata;
} kernel_pfns;

/* Text is read-only and executable, rodata read-only, the rest read-write. */
static pgprot_t lowmem_prot(unsigned long pfn)
{
	if (pfn >= kernel_pfns.text && pfn < kernel_pfns.etext)
		return PAGE_KERNEL_RX;
	if (pfn >= kernel_pfns.rodata && pfn < kernel_pfns.erodata)
		return PAGE_KERNEL_RO;
	return PAGE_KERNEL;
}

/* The first pfn after @pfn, and at most @end, where lowmem_prot() may change. */
static unsigned long lowmem_prot_end(unsigned long pfn, unsigned long end)
{
	const unsigned long edges[] = { kernel_pfns.text, kernel_pfns.etext,
					kernel_pfns.rodata, kernel_pfns.erodata };

	for (unsigned int i = 0; i < ARRAY_SIZE(edges); i++)
		if (edges[i] > pfn && edges[i] < end)
			end = edges[i];
	return end;
}

/*
 * Point the entries [pte, stop) at consecutive frames from @pfn, all
 * with @prot: one store (two with PAE) and an add per entry, which is
 * what makes mapping 896 MiB cheap (229,376 entries).
 */
static void fill_ptes(pte_t *pte, pte_t *stop, unsigned long pfn, pgprot_t prot)
{
	pteval_t val = pte_val(pfn_pte(pfn, prot));

	for (; pte < stop; pte++, val += PAGE_SIZE)
		set_pte(pte, __pte(val));
}

/*
 * Top-down, one page table at a time: the table for the span [start,
 * end) is allocated (from what is mapped already), filled completely,
 * then hooked in, and the span joins the mapped part that the next
 * table may come from. Filling first matters for the spans inside the
 * boot map: the tables being replaced map the running kernel (text,
 * stack, this very table); swapping in a half-filled one would leave
 * those translations alive only in the TLB, which real hardware may
 * evict at any moment. @ceiling caps where tables may come from
 * (the end of lowmem, or memblock's limit if that is lower).
 */
static void map_lowmem(phys_addr_t ceiling)
{
	unsigned long end = max_low_pfn;

	kernel_pfns.text = PFN_DOWN(__pa(_text));
	kernel_pfns.etext = PFN_UP(__pa(_etext));
	kernel_pfns.rodata = PFN_DOWN(__pa(_rodata));
	kernel_pfns.erodata = PFN_UP(__pa(_erodata));
	pgt.mapped_low = pgt.mapped_high = ceiling;
	while (end) {
		unsigned long start = ALIGN_DOWN(end - 1, (unsigned long)PTRS_PER_PTE), pfn, next;
		unsigned long va = (unsigned long)__va(PFN_PHYS(start));
		pte_t *table = __alloc_page_table();	/* every entry written below */

		/* start is the table's entry 0; runs of one protection each */
		for (pfn = start; pfn < end; pfn = next) {
			next = lowmem_prot_end(pfn, end);
			fill_ptes(&table[pfn - start], &table[next - start], pfn, lowmem_prot(pfn));
		}
		/* only the top table can end short of a full span: the rest not present */
		memset(&table[end - start], 0, (PTRS_PER_PTE - (end - start)) * sizeof(pte_t));
		/* present -> present inside the boot map: set_pmd() is one write */
		kernel_pmd_populate(va, table);
		pgt.mapped_low = min(pgt.mapped_low, PFN_PHYS(start));
		end = start;
	}
	__flush_tlb_all();
}

static void map_fixmap_pkmap_tables(void)
{
	unsigned long va;

	/* PKMAP_BASE is PMD-aligned: asm/pgtable_32_areas.h checks it */
	for (va = PKMAP_BASE; va >= PKMAP_BASE; va += PMD_SIZE) {
		pte_t *table = alloc_page_table();

		kernel_pmd_populate(va, table);
	}
}

void paging_init(void)
{
	phys_addr_t top = min(PFN_PHYS(max_low_pfn), memblock.current_limit);
	unsigned long i;

	check_pae_cmpxchg8b();
	memblock.current_limit = EARLY_MAP_SIZE;	/* only this is mapped yet */
	enable_nx();
	enable_pge();
	prepare_kernel_pmds();
	map_lowmem(top);
	memblock.current_limit = top;			/* all of lowmem from here on */
	map_fixmap_pkmap_tables();
	/*
	 * Drop the identity map of low memory: user space starts empty.
	 * (With PAE these are PDPT entries, which the CPU reads only at the
	 * CR3 load below, so the order of their two halves does not matter.)
	 */
	for (i = 0; i < pgd_index(PAGE_OFFSET); i++)
		swapper_pg_dir[i] = __pgd(0);
	__flush_tlb_all();
	pr_info("Direct map: [mem 0x%08llx-0x%08llx] at 0x%08lx-0x%08lx (text and rodata read-only%s)\n",
		0ULL, PFN_PHYS(max_low_pfn) - 1, PAGE_OFFSET, (unsigned long)high_memory - 1,
		(__supported_pte_mask & _PAGE_NX) ? ", all but text non-executable" : "");
}
