// SPDX-License-Identifier: MIT
/*
 * Self-tests of the kernel's page tables: what paging_init() promised.
 * Text and rodata are read-only in every build; with PAE and a CPU with
 * NX, data cannot be executed; a PAE kernel reaches RAM above 4 GiB.
 */
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <kernel/ktest.h>
#include <mm/highmem.h>
#include <mm/mm.h>

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

static const struct ktest_case paging_cases[] = {
	KTEST_CASE(paging_rodata_is_read_only),
	KTEST_CASE(paging_text_pte_is_rx),
	KTEST_CASE(paging_nx_data_not_executable),
	KTEST_CASE(paging_pae_ram_above_4g_usable),
	{}
};
KTEST_SUITE(paging) = { .name = "paging", .cases = paging_cases };
