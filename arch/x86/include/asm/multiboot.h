/* SPDX-License-Identifier: MIT */
/* The Multiboot (version 1) boot information, as GRUB and QEMU pass it. */
#ifndef _ASM_X86_MULTIBOOT_H
#define _ASM_X86_MULTIBOOT_H

#include <kernel/types.h>

#define MULTIBOOT_HEADER_MAGIC		0x1BADB002
#define MULTIBOOT_BOOTLOADER_MAGIC	0x2BADB002
/* Header flags: bit 0 page-align modules, bit 1 we want mem_* and mmap_*. */
#define MULTIBOOT_HEADER_FLAGS		0x00000003

#define MULTIBOOT_INFO_MEMORY		(1U << 0)
#define MULTIBOOT_INFO_CMDLINE		(1U << 2)
#define MULTIBOOT_INFO_MODS		(1U << 3)
#define MULTIBOOT_INFO_MEM_MAP		(1U << 6)
#define MULTIBOOT_INFO_BOOT_LOADER_NAME	(1U << 9)

struct multiboot_info {
	u32 flags;
	u32 mem_lower, mem_upper;	/* KiB below 1 MiB / above 1 MiB */
	u32 boot_device;
	u32 cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
	u32 drives_length, drives_addr;
	u32 config_table;
	u32 boot_loader_name;
	u32 apm_table;
	u32 vbe[6];
} __attribute__((packed));

struct multiboot_mmap_entry {
	u32 size;			/* of the rest of the entry */
	u64 addr, len;
	u32 type;			/* 1 usable, 2 reserved, 3 ACPI, 4 NVS, 5 bad */
} __attribute__((packed));

struct multiboot_module {
	u32 mod_start, mod_end, cmdline, pad;
} __attribute__((packed));

#endif
