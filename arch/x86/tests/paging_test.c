// SPDX-License-Identifier: MIT
/*
 * Self-tests of the kernel's page tables: what paging_init() promised.
 * Text and rodata are read-only in every build; with PAE and a CPU with
 * NX, data cannot be executed; a PAE kernel reaches RAM above 4 GiB; a
 * user address has no PTE; the direct map's page tables lie above
 * ZONE_DMA and map every lowmem frame where __va() says; and (PAE) an 8-byte entry is written in the order that never
 * shows the page walker a present entry with a half-written frame.
 */
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/traps.h>
#include <kernel/ktest.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/mmzone.h>

static const u32 rodata_word = 0x12345678;

/* before: .rodata mapped PAGE_KERNEL_RO, CR0.WP set */
static void paging_rodata_is_read_only(struct ktest *t)
{
	struct fault_catch fc;
	volatile u32 *p = (volatile u32 *)&rodata_word;

	OPTIMIZER_HIDE_VAR(p);
	if (catch_fault(&fc))
		*p = 0;
	end_catch_fault(&fc);
	KTEST_ASSERT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.cr2, (unsigned long)&rodata_word);
	KTEST_EXPECT_EQ(t, fc.error_code & (X86_PF_PROT | X86_PF_WRITE), X86_PF_PROT | X86_PF_WRITE);
	KTEST_EXPECT_EQ(t, rodata_word, 0x12345678);
}

/* The PTE of kernel text: present, read-only, and (PAE) executable. */
static void paging_text_pte_is_rx(struct ktest *t)
{
	extern char _text[];
	pte_t *pte = lookup_pte_k((unsigned long)_text);

	KTEST_ASSERT_NOT_NULL(t, pte);
	KTEST_EXPECT_TRUE(t, pte_present(*pte));
	KTEST_EXPECT_EQ(t, pte_val(*pte) & _PAGE_RW, 0);
	KTEST_EXPECT_EQ(t, pte_val(*pte) & _PAGE_NX, 0);
	KTEST_EXPECT_EQ(t, sizeof(pte_t), IS_ENABLED(CONFIG_X86_PAE) ? 8 : 4);
}

static u8 data_code[16] __aligned(16);

/* before: data_code in .bss, mapped PAGE_KERNEL (NX when active) */
static void paging_nx_data_not_executable(struct ktest *t)
{
	struct fault_catch fc;
	void (*volatile fn)(void) = (void (*)(void))data_code;

	if (!(__supported_pte_mask & _PAGE_NX))
		ktest_skip(t, IS_ENABLED(CONFIG_X86_PAE) ? "the CPU has no NX"
			   : "no NX without PAE (build with PAE=1)");
	data_code[0] = 0xC3;		/* ret: harmless if it did run */
	if (catch_fault(&fc))
		fn();
	end_catch_fault(&fc);
	KTEST_ASSERT_TRUE(t, fc.caught);
	KTEST_EXPECT_EQ(t, fc.vector, X86_TRAP_PF);
	KTEST_EXPECT_EQ(t, fc.cr2, (unsigned long)data_code);
	KTEST_EXPECT_EQ(t, fc.error_code & (X86_PF_INSTR | X86_PF_PROT), X86_PF_INSTR | X86_PF_PROT);
}

/*
 * PAE: pages above 4 GiB are real highmem. Allocate highmem pages until
 * one lies at or above pfn 0x100000, write it through kmap_local_page and
 * read it back through kmap.
 */
static void paging_pae_ram_above_4g_usable(struct ktest *t)
{
	static struct page *held[512];
	struct page *hi = NULL;
	unsigned int n = 0, i;
	u32 *a, *b;

	if (max_pfn <= 0x100000)
		ktest_skip(t, "no RAM above 4 GiB on this machine/build");
	while (n < ARRAY_SIZE(held) && !hi) {
		struct page *p = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, 9);

		if (!p)
			break;
		held[n++] = p;
		if (page_to_pfn(p) >= 0x100000)
			hi = p;
	}
	KTEST_ASSERT_NOT_NULL(t, hi);
	KTEST_EXPECT_TRUE(t, PageHighMem(hi));
	a = kmap_local_page(hi);
	a[0] = 0xfeedf00d;
	a[1023] = page_to_pfn(hi);
	kunmap_local(a);
	b = kmap(hi);
	KTEST_EXPECT_EQ(t, b[0], 0xfeedf00d);
	KTEST_EXPECT_EQ(t, b[1023], page_to_pfn(hi));
	kunmap(hi);
	ktest_log(t, "pfn 0x%lx (physical 0x%llx) written and read back", page_to_pfn(hi),
		  (unsigned long long)page_to_phys(hi));
	for (i = 0; i < n; i++)
		__free_pages(held[i], 9);
}

/*
 * The kernel's own directory maps no user address (processes have their
 * own directories: arch/x86/mm/pgd.c), so no user address has a PTE
 * in it. With PAE the
 * PDPT entries below PAGE_OFFSET are not present (paging_init dropped the
 * identity map); a walk that ignored that read physical page 0 (the BIOS
 * interrupt vectors) as a page directory and returned a "PTE" from it.
 */
static void paging_lookup_pte_k_user_address_is_null(struct ktest *t)
{
	static const unsigned long user[] = {
		0, 0x1000, 0x00400000, 0x08048000, 0x3ffff000, 0x40000000, 0x7ffff000,
		0x80000000, PAGE_OFFSET - PMD_SIZE, PAGE_OFFSET - PAGE_SIZE,
	};
	extern char _text[];

	for (unsigned int i = 0; i < ARRAY_SIZE(user); i++) {
		if (user[i] >= PAGE_OFFSET)
			continue;	/* VMSPLIT=1G: 0x40000000 is the kernel's */
		KTEST_EXPECT_NULL(t, lookup_pte_k(user[i]));
		KTEST_EXPECT_FALSE(t, pgd_present(*pgd_offset_k(user[i])) &&
				      pmd_present(*pmd_offset(pgd_offset_k(user[i]), user[i])));
	}
	/* and the kernel's own addresses still walk */
	KTEST_EXPECT_NOT_NULL(t, lookup_pte_k((unsigned long)_text));
	KTEST_EXPECT_NOT_NULL(t, lookup_pte_k(PAGE_OFFSET));
}

/*
 * The direct map's page tables come from the top of lowmem (init.c), so
 * when Normal has room for them none is in ZONE_DMA except the early
 * pool in the kernel image; ZONE_DMA keeps all its RAM but the image and
 * the boot loader's few pages. (They all came from DMA once: at -m 4G,
 * PAE, VMSPLIT=1G, 1,563 of DMA's 3,998 pages were reserved.)
 */
#define DMA_END		(16ULL << 20)	/* ZONE_DMA's end (mm_init.c) */

static void paging_direct_map_tables_not_in_dma(struct ktest *t)
{
	extern char _text[], _end[];
	const struct zone *dma = &contig_page_data.node_zones[ZONE_DMA];
	const struct zone *normal = &contig_page_data.node_zones[ZONE_NORMAL];
	phys_addr_t image_start = __pa(_text) & PAGE_MASK, image_end = __pa(_end);
	unsigned long va, tables = 0, in_dma = 0, image_pages;
	unsigned long i;

	if (normal->present_pages < 256)
		ktest_skip(t, "less than 1 MiB of Normal: the tables must come from DMA");
	for (va = PAGE_OFFSET; va < (unsigned long)high_memory; va += PMD_SIZE) {
		pmd_t *pmd = pmd_offset(pgd_offset_k(va), va);
		phys_addr_t table = pmd_val(*pmd) & PTE_PFN_MASK;

		KTEST_ASSERT_TRUE(t, pmd_present(*pmd));
		tables++;
		if (table < DMA_END && (table < image_start || table >= image_end)) {
			if (!in_dma++)
				ktest_log(t, "the table of 0x%08lx is at phys 0x%llx, in ZONE_DMA",
					  va, (unsigned long long)table);
		}
	}
	/* PAE: the kernel's page directories too */
	for (i = pgd_index(PAGE_OFFSET); PTRS_PER_PMD > 1 && i < PTRS_PER_PGD; i++) {
		phys_addr_t dir = pgd_val(swapper_pg_dir[i]) & PTE_PFN_MASK;

		in_dma += dir < DMA_END && (dir < image_start || dir >= image_end);
	}
	KTEST_EXPECT_EQ(t, in_dma, 0);

	image_pages = (unsigned long)(PFN_UP(image_end) - PFN_DOWN(image_start));
	ktest_log(t, "%lu direct-map tables; ZONE_DMA: %lu present, %lu managed, kernel image %lu pages",
		  tables, dma->present_pages, dma->managed_pages, image_pages);
	KTEST_EXPECT_LE(t, dma->present_pages - dma->managed_pages, image_pages + 32);
}

/*
 * Every entry of the direct map, as map_lowmem() fills it in runs of one
 * protection: lowmem pfn n at PAGE_OFFSET + n * 4 KiB, present, writable
 * unless text or rodata, and (with NX active) not executable unless
 * text; the entries of the top table past lowmem's end not present.
 * The accessed and dirty bits are the CPU's and not compared.
 */
static void paging_direct_map_every_pte(struct ktest *t)
{
	const unsigned long text = PFN_DOWN(__pa(_text)), etext = PFN_UP(__pa(_etext));
	const unsigned long ro = PFN_DOWN(__pa(_rodata)), ero = PFN_UP(__pa(_erodata));
	const pteval_t nx = __supported_pte_mask & _PAGE_NX;
	unsigned long pfn, wrong = 0, tail;

	for (pfn = 0; pfn < max_low_pfn; pfn++) {
		pte_t *pte = lookup_pte_k((unsigned long)__va(PFN_PHYS(pfn)));
		bool is_text = pfn >= text && pfn < etext;
		bool read_only = is_text || (pfn >= ro && pfn < ero);
		pteval_t v = pte ? pte_val(*pte) : 0;

		if (pte && pte_present(*pte) && pte_pfn(*pte) == pfn &&
		    !(v & _PAGE_RW) == read_only && (v & _PAGE_NX) == (is_text ? 0 : nx))
			continue;
		if (!wrong++)
			ktest_log(t, "pfn %#lx: entry %#llx", pfn, (unsigned long long)v);
	}
	KTEST_EXPECT_EQ(t, wrong, 0);
	/* the rest of the top table: the 8 MiB hole below vmalloc, unmapped */
	for (tail = 0; pfn % PTRS_PER_PTE; pfn++) {
		pte_t *pte = lookup_pte_k((unsigned long)__va(PFN_PHYS(pfn)));

		KTEST_ASSERT_NOT_NULL(t, pte);
		tail += !pte_none(*pte);
	}
	KTEST_EXPECT_EQ(t, tail, 0);
}

/* Values, in both builds: set_pte/set_pte_atomic/set_pmd store the entry, the clears store 0. */
static void paging_entry_writes_store_the_value(struct ktest *t)
{
	static pte_t pte __aligned(8);
	static pmd_t pmd __aligned(8);
	pteval_t v1 = (pteval_t)(0x00123000ULL | _PAGE_PRESENT | _PAGE_RW) | _PAGE_NX;
	pteval_t v2 = (pteval_t)(0x00456000ULL | _PAGE_PRESENT);

	set_pte(&pte, __pte(v1));
	KTEST_EXPECT_EQ(t, pte_val(pte), v1);
	set_pte_atomic(&pte, __pte(v2));
	KTEST_EXPECT_EQ(t, pte_val(pte), v2);
	pte_clear(&pte);
	KTEST_EXPECT_EQ(t, pte_val(pte), 0);
	KTEST_EXPECT_TRUE(t, pte_none(pte));
	set_pmd(&pmd, __pmd(v1 & ~_PAGE_NX));
	KTEST_EXPECT_EQ(t, pmd_val(pmd), v1 & ~_PAGE_NX);
	set_pmd(&pmd, __pmd(v2));
	KTEST_EXPECT_EQ(t, pmd_val(pmd), v2);
	pmd_clear(&pmd);
	KTEST_EXPECT_EQ(t, pmd_val(pmd), 0);
	KTEST_EXPECT_TRUE(t, pmd_none(pmd));
}

/*
 * Watching the two halves of a PAE entry being written. A data
 * breakpoint (DR0 = the address of one 4-byte half, DR7: write, 4 bytes)
 * makes the CPU trap (#DB) right after the first store into that half;
 * the trap is caught and the entry read as it was at that instant, which
 * is what the page walker could have loaded then.
 */
enum entry_write { W_SET_PTE, W_SET_PTE_ATOMIC, W_PTE_CLEAR, W_SET_PMD, W_PMD_CLEAR };

static u64 watched_entry __aligned(8);

static noinline void entry_write(enum entry_write w, u64 val)
{
	switch (w) {
	case W_SET_PTE:		set_pte((pte_t *)&watched_entry, __pte(val)); break;
	case W_SET_PTE_ATOMIC:	set_pte_atomic((pte_t *)&watched_entry, __pte(val)); break;
	case W_PTE_CLEAR:	pte_clear((pte_t *)&watched_entry); break;
	case W_SET_PMD:		set_pmd((pmd_t *)&watched_entry, __pmd(val)); break;
	case W_PMD_CLEAR:	pmd_clear((pmd_t *)&watched_entry); break;
	}
}

#define DR7_L0_WRITE_4BYTES	((1UL << 0) | (1UL << 16) | (3UL << 18))
#define X86_TRAP_DB		1

/* The entry right after the first store into its half @half (0 low, 1 high) by @w. */
static u64 entry_at_store(struct ktest *t, enum entry_write w, u64 old, u64 val, int half)
{
	struct fault_catch fc;
	u64 seen;

	watched_entry = old;
	__asm__ __volatile__("mov %0, %%db0" :: "r"((unsigned long)&watched_entry + 4 * half));
	__asm__ __volatile__("mov %0, %%db6" :: "r"(0UL));
	__asm__ __volatile__("mov %0, %%db7" :: "r"(DR7_L0_WRITE_4BYTES) : "memory");
	if (catch_fault(&fc))
		entry_write(w, val);
	__asm__ __volatile__("mov %0, %%db7" :: "r"(0UL) : "memory");
	end_catch_fault(&fc);
	seen = watched_entry;
	KTEST_EXPECT_TRUE(t, fc.caught && fc.vector == X86_TRAP_DB);
	return seen;
}

#define HI(x)	((x) & 0xFFFFFFFF00000000ULL)

static void paging_pae_entry_write_order(struct ktest *t)
{
	/* frames above 4 GiB, so both halves differ; NX in one of them */
	u64 a = 0x0000000512345063ULL, b = 0x8000000723456063ULL;

	if (!IS_ENABLED(CONFIG_X86_PAE))
		ktest_skip(t, "no PAE: a 4-byte entry is one store, nothing to order");

	/* set_pte, not present -> present: the low half (present bit) is stored last */
	KTEST_EXPECT_EQ(t, entry_at_store(t, W_SET_PTE, 0, b, 1), HI(b));
	KTEST_EXPECT_EQ(t, entry_at_store(t, W_SET_PTE, 0, b, 0), b);
	/* pte_clear, pmd_clear: not present from the first store on */
	KTEST_EXPECT_EQ(t, entry_at_store(t, W_PTE_CLEAR, b, 0, 0), HI(b));
	KTEST_EXPECT_EQ(t, entry_at_store(t, W_PTE_CLEAR, b, 0, 1), 0);
	KTEST_EXPECT_EQ(t, entry_at_store(t, W_PMD_CLEAR, a, 0, 0), HI(a));
	KTEST_EXPECT_EQ(t, entry_at_store(t, W_PMD_CLEAR, a, 0, 1), 0);
	/* set_pte_atomic, set_pmd, present -> present: no mix of a and b, ever */
	KTEST_EXPECT_EQ(t, entry_at_store(t, W_SET_PTE_ATOMIC, a, b, 1), b);
	KTEST_EXPECT_EQ(t, entry_at_store(t, W_SET_PTE_ATOMIC, a, b, 0), b);
	KTEST_EXPECT_EQ(t, entry_at_store(t, W_SET_PMD, a, b, 1), b);
	KTEST_EXPECT_EQ(t, entry_at_store(t, W_SET_PMD, a, b, 0), b);
}

static const struct ktest_case paging_cases[] = {
	KTEST_CASE(paging_rodata_is_read_only),
	KTEST_CASE(paging_text_pte_is_rx),
	KTEST_CASE(paging_nx_data_not_executable),
	KTEST_CASE(paging_pae_ram_above_4g_usable),
	KTEST_CASE(paging_lookup_pte_k_user_address_is_null),
	KTEST_CASE(paging_direct_map_tables_not_in_dma),
	KTEST_CASE(paging_direct_map_every_pte),
	KTEST_CASE(paging_entry_writes_store_the_value),
	KTEST_CASE(paging_pae_entry_write_order),
	{}
};
KTEST_SUITE(paging) = { .name = "paging", .cases = paging_cases };
