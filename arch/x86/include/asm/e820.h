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

/* Why e820__parse_multiboot_map() refused a map, and where. */
struct e820_mb_error {
	enum { E820_MB_SIZE_TOO_SMALL, E820_MB_PAST_END, E820_MB_NO_SIZE_FIELD } why;
	u32 index;		/* the bad entry */
	u32 offset;		/* its offset in the map */
	u32 size;		/* its size field (E820_MB_NO_SIZE_FIELD: bytes left) */
};

/* The smallest multiboot map entry: addr, len and type after the size. */
#define E820_MB_ENTRY_MIN	20

/**
 * e820__parse_multiboot_map - copy a multiboot memory map into a table.
 * @table: receives the entries (appended).
 * @map: the map, as the boot loader wrote it.
 * @len: its mmap_length; nothing outside [@map, @map + @len) is read.
 * @err: filled in when the map is refused.
 *
 * Each entry is a u32 size, then size bytes whose first 20 are addr,
 * len and type; the next entry starts size + 4 bytes on. A size below 20,
 * or an entry (or its size field) that does not end inside the map,
 * stops the walk: where one entry is wrong the next cannot be found. The
 * entries before it stay in @table (the caller decides what to do with
 * them). Pure computation, host-testable.
 * Return: 0; 1 if the table filled up (the rest is ignored); -1 if refused.
 */
int e820__parse_multiboot_map(struct e820_table *table, const void *map, u32 len,
			      struct e820_mb_error *err);

/* Read the boot loader's map, clean it up, apply mem=, print it. */
void e820__memory_setup(void);
/* Register the usable RAM below 4 GiB with memblock. */
void e820__memblock_setup(void);

#endif
