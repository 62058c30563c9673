// SPDX-License-Identifier: MIT
/*
 * How this works: the page-table state every mm file may read, and the
 * kernel's page-directory entries, written in one place.
 *
 * __supported_pte_mask is the set of PTE bits this CPU honours: every
 * PAGE_KERNEL* protection is ANDed with it (asm/pgtable.h). It starts
 * without _PAGE_NX, and enable_nx() (arch/x86/mm/init.c) adds NX once
 * EFER.NXE is on, so no entry ever carries a bit the CPU would fault on;
 * enable_pge() adds _PAGE_GLOBAL the same way, and records CR4.PGE in
 * mmu_cr4_features for the full flush (asm/tlbflush.h).
 * tlb_stats counts the flushes of asm/tlbflush.h, per CPU (this CPU's
 * through this_cpu_ptr(tlb_stats)), for the kmap reports and the bench.
 *
 * They live apart from init.c, which sets one of them, so that the mm
 * files that read them (highmem.c, kmap_local.c, fixmap.c) do not depend
 * on the boot code, and init.c (which calls into mm/) forms no cycle
 * with them.
 *
 * Every page directory (swapper_pg_dir, and those pgd_alloc() builds
 * in arch/x86/mm/pgd.c) shares the kernel half: the entries from
 * PAGE_OFFSET up point at the same page tables. So an entry there may
 * be written only by code that knows about that sharing, which is
 * kernel_pmd_populate() and kernel_pmd_clear() below. Today they are a
 * set_pmd()/pmd_clear() on init_mm's directory; they are where the other
 * directories will learn of a change (not yet: without PAE a copy made
 * before the change misses it, and check_kernel_pgd() says so). The
 * vmalloc area never clears one: its tables are never freed, see
 * mm/vmalloc.c.
 *
 * Without PAE the pmd level is folded into the pgd, so the entry is a
 * page-directory entry of swapper_pg_dir; with PAE it is an entry of one
 * of the kernel's page directories, which the PDPT (swapper_pg_dir)
 * points at (prepare_kernel_pmds() sets those up at boot).
 *
 * The other writes to swapper_pg_dir are a level up and at boot only:
 * prepare_kernel_pmds() fills the PAE PDPT's kernel entries, and
 * paging_init() clears the user half (the boot identity map). Outside
 * comments, `git grep 'set_pmd(\|pmd_clear(' -- '*.c'` finds only this
 * file and the paging tests (which write a local entry, not a kernel one).
 *
 * Where it differs from Linux: 6.1 defines __supported_pte_mask in
 * arch/x86/mm/init_32.c and has no flush counters (it has the
 * nr_tlb_* vm events instead).
 */
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/percpu.h>

/*
 * NX stays clear in every entry until enable_nx() has turned EFER.NXE on,
 * and G until enable_pge() has turned CR4.PGE on.
 */
pteval_t __supported_pte_mask = ~(pteval_t)(_PAGE_NX | _PAGE_GLOBAL);
unsigned long mmu_cr4_features;		/* X86_CR4_PGE once enable_pge() set it */
DEFINE_PER_CPU(struct tlb_stats, tlb_stats);
