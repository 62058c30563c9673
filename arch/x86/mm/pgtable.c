// SPDX-License-Identifier: MIT
/*
 * How this works: the page-table state every mm file may read.
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
 * The kernel's page-directory entries are written by kernel_pmd_populate()
 * and kernel_pmd_clear(), which live in arch/x86/mm/pgd.c beside pgd_list,
 * since every page directory shares the kernel half and they may have to
 * write the entry into all of them (vmalloc_sync=). They take pgd_lock,
 * and a spinlock reaches the scheduler (preempt_schedule()), which this
 * file must not: it is read by fixmap.c and kmap_local.c, which the
 * scheduler calls.
 *
 * Where it differs from Linux: 6.1 defines __supported_pte_mask in
 * arch/x86/mm/init_32.c and has no flush counters (it has the
 * nr_tlb_* vm events instead); it puts _PAGE_GLOBAL in __PAGE_KERNEL and
 * takes it out through __default_kernel_pte_mask when PTI or a missing
 * PGE says so, and keeps CR4 in a per-CPU shadow (cpu_tlbstate.cr4)
 * where mmu_cr4_features here records only PGE.
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
