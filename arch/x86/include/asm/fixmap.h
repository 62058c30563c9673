/* SPDX-License-Identifier: MIT */
/*
 * The fixmap: virtual addresses fixed at compile time whose physical page
 * is chosen at run time.
 *
 * Each slot is one page just below FIXADDR_TOP, counted downwards:
 *
 *   fix_to_virt(i) = FIXADDR_TOP - i * PAGE_SIZE
 *
 * so its address is a compile-time constant that code can use without any
 * lookup, while set_fixmap(i, phys) points the slot's PTE at any frame,
 * highmem included. The slot's page table is allocated at boot and never
 * freed, so mapping a slot can neither fail nor sleep: this is what makes
 * kmap_local_page() and kmap_atomic() usable anywhere.
 *
 * FIX_KMAP_BEGIN..FIX_KMAP_END are the kmap_local stack: KM_MAX_IDX
 * slots per CPU, doubled so that the debug build can leave every other
 * slot unmapped as a guard page.
 *
 * FIX_APIC_BASE maps the local APIC's registers, uncached
 * (arch/x86/kernel/apic.c), FIX_IO_APIC_BASE_0 the I/O APIC's (io_apic.c,
 * APIC mode only); FIX_EARLY_READ is a one-page window through
 * which firmware tables anywhere in physical memory are read, a page at
 * a time (copy_from_phys(), arch/x86/mm/early_read.c). They come after
 * the kmap_local slots so that slot 0 stays at 0xffffe000.
 *
 * FIXADDR_START, the areas below it and their checks are derived from
 * this enum in asm/pgtable_32_areas.h.
 */
#ifndef _ASM_X86_FIXMAP_H
#define _ASM_X86_FIXMAP_H

#include <asm/memlayout.h>
#include <asm/pgtable_types.h>
#include <kernel/config.h>	/* NR_CPUS */
#include <kernel/types.h>

#define KM_MAX_IDX	16

enum fixed_addresses {
	FIX_HOLE,		/* FIXADDR_TOP itself stays unmapped */
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + 2 * KM_MAX_IDX * NR_CPUS - 1,
	FIX_APIC_BASE,		/* local APIC registers, uncached */
	FIX_IO_APIC_BASE_0,	/* the (ISA IRQs') I/O APIC's registers, uncached */
	FIX_EARLY_READ,		/* copy_from_phys(): ACPI and MP tables */
	FIX_TOUR,		/* used by the narrated tour and its tests */
	__end_of_fixed_addresses
};

#define __fix_to_virt(x)	(FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(x)	((FIXADDR_TOP - ((x) & PAGE_MASK)) >> PAGE_SHIFT)

static inline unsigned long fix_to_virt(enum fixed_addresses idx)
{
	return __fix_to_virt(idx);
}

static inline enum fixed_addresses virt_to_fix(unsigned long vaddr)
{
	return (enum fixed_addresses)__virt_to_fix(vaddr);
}

/* Point fixmap slot @idx at physical @phys with @flags (asm/pgtable.h). */
void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pteval_t flags);
#define set_fixmap(idx, phys)	__set_fixmap(idx, phys, pgprot_val(PAGE_KERNEL))
#define clear_fixmap(idx)	__set_fixmap(idx, 0, 0)

#endif
