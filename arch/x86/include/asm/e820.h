/* SPDX-License-Identifier: MIT */
/*
 * The BIOS memory map ("e820", after the BIOS call int 0x15, eax=0xe820
 * that produces it). The boot loader hands it over in the multiboot
 * information; it lists physical ranges and what they are. Only
 * E820_TYPE_RAM ("usable") may be given to the allocators.
 */
#ifndef _ASM_X86_E820_H
#define _ASM_X86_E820_H

#include <kernel/types.h>

#define E820_MAX_ENTRIES	128

enum e820_type {
	E820_TYPE_RAM		= 1,
	E820_TYPE_RESERVED	= 2,
	E820_TYPE_ACPI		= 3,
	E820_TYPE_NVS		= 4,
	E820_TYPE_UNUSABLE	= 5,
};

struct e820_entry {
	u64 addr;
	u64 size;
	u32 type;
};

struct e820_table {
	u32 nr_entries;
	u32 dropped;		/* pieces e820__sanitize() had no room for */
	struct e820_entry entries[E820_MAX_ENTRIES];
};

/* The map as the firmware gave it, and as the kernel uses it. */
extern struct e820_table e820_table_firmware;
extern struct e820_table e820_table;

/**
 * e820__sanitize - make a memory map sorted and non-overlapping.
 * @table: the map, rewritten in place.
 *
 * Zero-length entries go, entries are sorted by address, where entries
 * overlap the higher type number wins (reserved beats usable: when in
 * doubt, do not hand memory out), and adjacent entries of one type merge.
 * Pure computation: no hardware, host-testable.
 * Return: the number of entries that changed (0 when already clean).
 */
int e820__sanitize(struct e820_table *table);

/* Remove RAM at and above @limit (the mem= option). */
void e820__truncate_ram(struct e820_table *table, u64 limit);
/* Bytes of RAM in [start, end). */
u64 e820__ram_between(const struct e820_table *table, u64 start, u64 end);
/* Add an entry (no merging; call e820__sanitize after). Return 0 or -1. */
int e820__add(struct e820_table *table, u64 addr, u64 size, u32 type);
const char *e820_type_name(u32 type);
void e820__print_table(const struct e820_table *table, const char *who);

/* Read the boot loader's map, clean it up, apply mem=, print it. */
void e820__memory_setup(void);
/* Register the usable RAM below 4 GiB with memblock. */
void e820__memblock_setup(void);

#endif
