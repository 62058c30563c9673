// SPDX-License-Identifier: MIT
/*
 * Reading the multiboot information. Only the boot page tables exist at
 * this point, so the structures must lie in the first EARLY_MAP_SIZE of
 * RAM -- GRUB and QEMU put them just above the kernel or below 1 MiB.
 * The memory map itself is read by the e820 code (arch/x86/kernel/e820.c).
 */
#include <asm/memlayout.h>
#include <asm/page.h>
#include <asm/reboot.h>
#include <asm/setup.h>
#include <kernel/bug.h>
#include <kernel/params.h>
#include <kernel/string.h>

struct boot_params boot_params;

void *early_phys_to_virt(u32 phys, u32 len)
{
	if (phys >= EARLY_MAP_SIZE || len > EARLY_MAP_SIZE - phys)
		panic("boot loader data at [%#x-%#x] is beyond the first %lu MiB the "
		      "boot page tables map", phys, phys + len, EARLY_MAP_SIZE >> 20);
	return __va(phys);
}

/* A boot loader string, which must end (NUL) inside the boot map. */
static const char *early_string(u32 phys)
{
	const char *s = early_phys_to_virt(phys, 1);

	if (strnlen(s, EARLY_MAP_SIZE - phys) == EARLY_MAP_SIZE - phys)
		panic("boot loader string at %#x runs past the first %lu MiB the boot page "
		      "tables map", phys, EARLY_MAP_SIZE >> 20);
	return s;
}

void setup_boot_params(u32 magic, u32 mbi_phys)
{
	const struct multiboot_info *mbi;
	struct boot_params *bp = &boot_params;

	if (magic != MULTIBOOT_BOOTLOADER_MAGIC) {
		pr_emerg("Fenestra must be started by a Multiboot (v1) boot loader: "
			 "EAX was %#x, expected %#x (use GRUB's `multiboot` command or "
			 "qemu-system-i386 -kernel)\n", magic, MULTIBOOT_BOOTLOADER_MAGIC);
		machine_exit(KERNEL_EXIT_FAILURE);
	}
	mbi = early_phys_to_virt(mbi_phys, sizeof(*mbi));
	bp->mbi_phys = mbi_phys;
	bp->flags = mbi->flags;
	if (mbi->flags & MULTIBOOT_INFO_MEMORY) {
		bp->mem_lower_kb = mbi->mem_lower;
		bp->mem_upper_kb = mbi->mem_upper;
	}
	if (mbi->flags & MULTIBOOT_INFO_BOOT_LOADER_NAME)
		strlcpy(bp->loader_name, early_string(mbi->boot_loader_name),
			sizeof(bp->loader_name));
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE) {
		const char *cmd = early_string(mbi->cmdline);

		bp->cmdline_phys = mbi->cmdline;
		bp->cmdline_len = strlen(cmd) + 1;
		parse_cmdline(cmd);
	}
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP) {
		bp->mmap_phys = mbi->mmap_addr;
		bp->mmap_len = mbi->mmap_length;
		early_phys_to_virt(bp->mmap_phys, bp->mmap_len);
	}
	if (mbi->flags & MULTIBOOT_INFO_MODS && mbi->mods_count) {
		u32 n = min(mbi->mods_count, (u32)ARRAY_SIZE(bp->mods));
		const struct multiboot_module *m =
			early_phys_to_virt(mbi->mods_addr, n * sizeof(*m));

		if (mbi->mods_count > n)
			pr_warn("multiboot: %u modules; only the first %u are kept (reserved)\n",
				mbi->mods_count, n);
		for (u32 i = 0; i < n; i++) {
			bp->mods[i].start = m[i].mod_start;
			bp->mods[i].end = m[i].mod_end;
		}
		bp->mods_count = n;
	}
}
