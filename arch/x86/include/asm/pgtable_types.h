/* SPDX-License-Identifier: MIT */
/*
 * The entry formats of the paging mode this kernel is built for: classic
 * two-level 4-byte entries, or (make PAE=1) three-level 8-byte entries.
 * Everything else walks the tables through pgd/pmd/pte accessors.
 */
#ifndef _ASM_X86_PGTABLE_TYPES_H
#define _ASM_X86_PGTABLE_TYPES_H

#include <asm/memlayout.h>
#include <kernel/compiler.h>

#if IS_ENABLED(CONFIG_X86_PAE)
#include <asm/pgtable-3level.h>
#else
#include <asm/pgtable-2level.h>
#endif

#endif
