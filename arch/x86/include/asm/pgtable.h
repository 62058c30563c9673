/* SPDX-License-Identifier: MIT */
/*
 * Page-table accessors. The mm code walks pgd -> pmd -> pte through these
 * helpers only; the entry formats live in pgtable-2level.h (and, for PAE,
 * pgtable-3level.h), so adding a paging mode adds a header.
 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <asm/memlayout.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <mm/mm_types.h>
#include <asm/pgtable_types.h>

/* Bits of a PTE/PDE (Intel SDM vol. 3, 4.3). */
#define _PAGE_PRESENT	0x001
#define _PAGE_RW	0x002
#define _PAGE_USER	0x004
#define _PAGE_PWT	0x008
#define _PAGE_PCD	0x010	/* cache disabled: MMIO */
#define _PAGE_ACCESSED	0x020
#define _PAGE_DIRTY	0x040
#define _PAGE_PSE	0x080
#define _PAGE_GLOBAL	0x100

typedef struct { pteval_t pgprot; } pgprot_t;
#define __pgprot(x)	((pgprot_t){ (x) })
#define pgprot_val(x)	((x).pgprot)

/*
 * _PAGE_NX is set in __supported_pte_mask only once EFER.NXE is on
 * (a PAE kernel on a CPU with NX): before that, or without PAE, bit 63 is
 * reserved and must stay clear, so every protection goes through the mask.
 * _PAGE_GLOBAL likewise, once CR4.PGE is on (enable_pge(), init.c): every
 * kernel mapping is then global, kept across CR3 loads (asm/tlbflush.h).
 * A 486 has neither, and its entries never carry the bits.
 */
extern pteval_t __supported_pte_mask;

#define __PAGE_KERNEL_EXEC	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL		__pgprot((__PAGE_KERNEL_EXEC | _PAGE_NX | _PAGE_GLOBAL) & __supported_pte_mask)
#define PAGE_KERNEL_RO		__pgprot((_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX | _PAGE_GLOBAL) & __supported_pte_mask)
#define PAGE_KERNEL_RX		__pgprot((_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL) & __supported_pte_mask)
#define PAGE_KERNEL_NOCACHE	__pgprot((__PAGE_KERNEL_EXEC | _PAGE_PCD | _PAGE_PWT | _PAGE_NX | _PAGE_GLOBAL) & __supported_pte_mask)
/* What a page-directory entry pointing to a kernel page table carries. */
#define _KERNPG_TABLE		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

/*
 * The first physical address this kernel cannot map: 4 GiB without PAE
 * (20 bits of frame number); with PAE 64 GiB, or less when the CPU has
 * fewer physical address bits (QEMU's qemu32 without +pse36: 32). RAM,
 * MMIO (ioremap) and fixmap targets at or above it are refused.
 */
static inline phys_addr_t phys_addr_limit(void)
{
	if (!IS_ENABLED(CONFIG_X86_PAE))
		return 1ULL << 32;
	return 1ULL << min(boot_cpu_data.phys_bits, 36U);
}

#define pgd_index(a)	(((a) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pte_index(a)	(((a) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))
/* The page-directory entry of @a in @mm's tables; the kernel's are init_mm's. */
#define pgd_offset(mm, a)	((mm)->pgd + pgd_index((unsigned long)(a)))
#define pgd_offset_k(a)		pgd_offset(&init_mm, (a))

/*
 * The only writers of kernel page-directory entries (arch/x86/mm/pgd.c):
 * point the entry covering kernel address @addr at page table @table (its
 * kernel virtual address), or clear it. Kernel entries are shared by every
 * page directory, so nothing else may write one.
 */
void kernel_pmd_populate(unsigned long addr, pte_t *table);
void kernel_pmd_clear(unsigned long addr);

/*
 * Kernel page tables created after a process exists (arch/x86/mm/pgd.c
 * explains the modes). Without PAE a directory pgd_alloc() copied before
 * kernel_pmd_populate() lacks the new entry until one of two paths copies
 * it from swapper_pg_dir: eagerly, into every directory on pgd_list, or
 * at the first fault there (vmalloc_fault()). `vmalloc_sync=` chooses.
 */
enum vmalloc_sync_mode {
	VMALLOC_SYNC_NONE = 0,		/* neither: the copy stays stale (a demonstration) */
	VMALLOC_SYNC_EAGER = 1,		/* at kernel_pmd_populate(), into every directory */
	VMALLOC_SYNC_FAULT = 2,		/* at the first fault in a directory that lacks it */
	VMALLOC_SYNC_BOTH = 3,		/* eager, the fault as backstop: Linux 6.1 on x86-32 */
};
extern enum vmalloc_sync_mode vmalloc_sync_mode;

/* "none", "eager", "fault" or "both": the mode vmalloc_sync= chose. */
const char *vmalloc_sync_mode_name(void);

/**
 * vmalloc_fault - copy a kernel PDE swapper_pg_dir has into the directory in CR3.
 * @address: the faulting address (CR2).
 * @error_code: the page fault's error code.
 *
 * Only without PAE, in the fault or both modes, for a kernel-mode
 * not-present fault in [VMALLOC_START, FIXADDR_TOP) whose PDE the
 * directory in CR3 lacks and swapper_pg_dir has. Counted in faults_fixed.
 *
 * Context: the page-fault handler, first thing, any context (no lock).
 * Return: true when the access can now succeed (retry it), false when
 * the fault is someone else's to handle.
 */
bool vmalloc_fault(unsigned long address, u32 error_code);

/**
 * vmalloc_sync_stats - what the two sync paths have done since boot.
 * @eager_pdes: kernel PDEs copied into the listed directories at
 *	kernel_pmd_populate() (one per PDE, however many directories).
 * @eager_dirs: the directory entries those copies wrote.
 * @faults_fixed: PDEs vmalloc_fault() copied.
 *
 * All three stay zero with PAE (the kernel PMD pages are shared).
 *
 * Context: any; takes pgd_lock.
 */
void vmalloc_sync_stats(unsigned long *eager_pdes, unsigned long *eager_dirs,
			unsigned long *faults_fixed);

/**
 * vmalloc_sync_show - write the vmalloc_sync stats line into @buf.
 * @buf: where to write (a seq_file's buffer, for /proc/vmallocinfo).
 * @size: its size; the line is cut to fit, NUL-terminated.
 *
 * "vmalloc_sync: mode=both eager_pdes=1 eager_dirs=4 faults_fixed=0\n"
 *
 * Context: any; takes pgd_lock.
 * Return: the length of the whole line (as snprintf()).
 */
int vmalloc_sync_show(char *buf, size_t size);

/*
 * show_vmalloc_sync - the end-of-boot print: the stats line, and (DEBUG_VM)
 * check_all_kernel_pgds() over every directory still on pgd_list.
 */
void show_vmalloc_sync(void);

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte(((pteval_t)pfn << PAGE_SHIFT) | pgprot_val(prot));
}
static inline unsigned long pte_pfn(pte_t pte)	{ return (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline int pte_present(pte_t pte)	{ return pte_val(pte) & _PAGE_PRESENT; }
static inline int pte_none(pte_t pte)		{ return pte_val(pte) == 0; }
static inline void pte_clear(pte_t *ptep)	{ pte_clear_entry(ptep); }

static inline int pmd_none(pmd_t pmd)		{ return pmd_val(pmd) == 0; }
static inline int pmd_present(pmd_t pmd)	{ return pmd_val(pmd) & _PAGE_PRESENT; }
/* The kernel virtual address of the page table a pmd points to. */
static inline pte_t *pmd_page_vaddr(pmd_t pmd)
{
	return (pte_t *)__va((phys_addr_t)(pmd_val(pmd) & PTE_PFN_MASK));
}
static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long addr)
{
	return pmd_page_vaddr(*pmd) + pte_index(addr);
}

/*
 * lookup_pte_k - the PTE that maps @addr in swapper_pg_dir, or NULL when
 * no page table covers it. Each level is checked before the next is
 * read: with PAE a user address's PDPT entry is not present, and its
 * frame bits (0) name no page directory.
 */
static inline pte_t *lookup_pte_k(unsigned long addr)
{
	pgd_t *pgd = pgd_offset_k(addr);
	pmd_t *pmd;

	if (!pgd_present(*pgd))
		return NULL;
	pmd = pmd_offset(pgd, addr);
	if (!pmd_present(*pmd))
		return NULL;
	return pte_offset_kernel(pmd, addr);
}

/* The areas above the direct map, defined from the fixmap and PMD size. */
#include <asm/pgtable_32_areas.h>

#endif
