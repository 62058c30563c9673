// SPDX-License-Identifier: MIT
/*
 * Reading the multiboot information. Only the boot page tables exist at
 * this point, so the structures must lie in the first EARLY_MAP_SIZE of
 * RAM -- GRUB and QEMU put them just above the kernel or below 1 MiB.
 * The memory map itself is read by the e820 code (arch/x86/kernel/e820.c).
 *
 * What a boot loader says is checked before it is used, and each problem
 * is named in one line:
 *   - data inside the kernel image or its .bss: boot/head.asm has already
 *     refused it (the .bss clear would have wiped it);
 *   - the multiboot information itself out of reach: the kernel stops;
 *   - anything else out of reach (memory map, command line, module list,
 *     loader name) or a string without a NUL inside the boot map: ignored;
 *   - a module with mod_end < mod_start, or one on the kernel image (a
 *     module "covering all RAM"): ignored, so it is not reserved either.
 * Modules are only reserved (kept from the allocators), never read.
 */
#include <asm/memlayout.h>
#include <asm/page.h>
#include <asm/reboot.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <kernel/bug.h>
#include <kernel/params.h>
#include <kernel/string.h>


struct boot_params boot_params;

/* Does [@phys, @phys + @len) lie inside what the boot page tables map? */
static bool in_boot_map(u32 phys, u32 len)
{
	return phys < EARLY_MAP_SIZE && len <= EARLY_MAP_SIZE - phys;
}

void *early_phys_to_virt(u32 phys, u32 len)
{
	if (!in_boot_map(phys, len))
		panic("boot loader data at [%#x-%#x] is beyond the first %lu MiB the "
		      "boot page tables map", phys, phys + len, EARLY_MAP_SIZE >> 20);
	return __va(phys);
}

/* @len bytes at @phys if the boot map reaches them, else NULL and a line. */
static const void *boot_data(u32 phys, u32 len, const char *what)
{
	if (!in_boot_map(phys, len)) {
		pr_warn("multiboot: the %s at [%#x-%#llx) is beyond the first %lu MiB the boot "
			"page tables map; ignored\n", what, phys, (u64)phys + len,
			EARLY_MAP_SIZE >> 20);
		return NULL;
	}
	return __va(phys);
}

/* A boot loader string, which must end (NUL) inside the boot map. */
static const char *boot_string(u32 phys, const char *what)
{
	const char *s = boot_data(phys, 1, what);

	if (s && strnlen(s, EARLY_MAP_SIZE - phys) == EARLY_MAP_SIZE - phys) {
		pr_warn("multiboot: the %s at %#x has no NUL before the end of the first %lu MiB "
			"the boot page tables map; ignored\n", what, phys, EARLY_MAP_SIZE >> 20);
		return NULL;
	}
	return s;
}

static void copy_modules(const struct multiboot_info *mbi)
{
	struct boot_params *bp = &boot_params;
	u32 n = min(mbi->mods_count, (u32)ARRAY_SIZE(bp->mods));
	const u32 image_end = (u32)__pa(_end);
	const struct multiboot_module *m =
		boot_data(mbi->mods_addr, n * sizeof(*m), "module list");

	if (!m)
		return;
	if (mbi->mods_count > n)
		pr_warn("multiboot: %u modules; only the first %u are kept (reserved)\n",
			mbi->mods_count, n);
	for (u32 i = 0; i < n; i++) {
		u32 start = m[i].mod_start, end = m[i].mod_end;

		if (end < start) {
			pr_warn("multiboot: module %u [%#x-%#x) ends before it starts (mod_end < "
				"mod_start); ignored, not reserved\n", i, start, end);
			continue;
		}
		if (start < image_end && end > KERNEL_LOAD_PHYS) {
			pr_warn("multiboot: module %u [%#x-%#x) lies on the kernel image [%#x-%#x); "
				"ignored, not reserved\n", i, start, end, (u32)KERNEL_LOAD_PHYS, image_end);
			continue;
		}
		bp->mods[bp->mods_count].start = start;
		bp->mods[bp->mods_count].end = end;
		bp->mods_count++;
	}
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
	if (!in_boot_map(mbi_phys, sizeof(*mbi))) {
		pr_emerg("Fenestra: the multiboot information at %#x (EBX) is beyond the first "
			 "%lu MiB the boot page tables map; cannot boot (a boot loader bug)\n",
			 mbi_phys, EARLY_MAP_SIZE >> 20);
		machine_exit(KERNEL_EXIT_FAILURE);
	}
	mbi = __va(mbi_phys);
	bp->mbi_phys = mbi_phys;
	bp->flags = mbi->flags;
	if (mbi->flags & MULTIBOOT_INFO_MEMORY) {
		bp->mem_lower_kb = mbi->mem_lower;
		bp->mem_upper_kb = mbi->mem_upper;
	}
	if (mbi->flags & MULTIBOOT_INFO_BOOT_LOADER_NAME) {
		const char *name = boot_string(mbi->boot_loader_name, "boot loader name");

		if (name)
			strlcpy(bp->loader_name, name, sizeof(bp->loader_name));
	}
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE) {
		const char *cmd = boot_string(mbi->cmdline, "command line");

		if (cmd) {
			bp->cmdline_phys = mbi->cmdline;
			bp->cmdline_len = strlen(cmd) + 1;
			parse_cmdline(cmd);
		}
	}
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP) {
		if (!mbi->mmap_length)
			pr_warn("multiboot: the flags promise a memory map, but mmap_length is 0 "
				"(mmap_addr %#x); ignored\n", mbi->mmap_addr);
		else if (boot_data(mbi->mmap_addr, mbi->mmap_length, "memory map")) {
			bp->mmap_phys = mbi->mmap_addr;
			bp->mmap_len = mbi->mmap_length;
		}
	}
	if (mbi->flags & MULTIBOOT_INFO_MODS && mbi->mods_count)
		copy_modules(mbi);
}
