// SPDX-License-Identifier: MIT
/*
 * How this works: the page-table state every mm file may read.
 *
 * __supported_pte_mask is the set of PTE bits this CPU honours: every
 * PAGE_KERNEL* protection is ANDed with it (asm/pgtable.h). It starts
 * without _PAGE_NX, and enable_nx() (arch/x86/mm/init.c) adds NX once
 * EFER.NXE is on, so no entry ever carries a bit the CPU would fault on.
 * tlb_stats counts the flushes of asm/tlbflush.h for the kmap reports
 * and the bench.
 *
 * They live apart from init.c, which sets one of them, so that the mm
 * files that read them (highmem.c, kmap_local.c, fixmap.c) do not depend
 * on the boot code, and init.c (which calls into mm/) forms no cycle
 * with them.
 *
 * Where it differs from Linux: 6.1 defines __supported_pte_mask in
 * arch/x86/mm/init_32.c and has no flush counters (it has the
 * nr_tlb_* vm events instead).
 */
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

/* NX stays clear in every entry until enable_nx() has turned EFER.NXE on. */
pteval_t __supported_pte_mask = ~(pteval_t)_PAGE_NX;
struct tlb_stats tlb_stats;
