/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_SETUP_H
#define _ASM_X86_SETUP_H

#include <kernel/types.h>
#include <asm/multiboot.h>

/*
 * What the boot loader told us, copied out of its memory early (the
 * multiboot structures live in RAM the kernel will later hand out).
 */
struct boot_params {
	u32 mbi_phys;			/* where the multiboot info was */
	u32 flags;			/* multiboot_info.flags */
	u32 mem_lower_kb, mem_upper_kb;
	char loader_name[64];
	/* Physical ranges the boot loader's data occupied (to reserve). */
	u32 cmdline_phys, cmdline_len;
	u32 mmap_phys, mmap_len;
	u32 mods_count;
	struct { u32 start, end; } mods[8];
};
extern struct boot_params boot_params;

/* Copy the multiboot information; panics clearly on a bad magic. */
void setup_boot_params(u32 magic, u32 mbi_phys);
/* Map the first @len bytes at physical @phys while only the boot map exists. */
void *early_phys_to_virt(u32 phys, u32 len);

/* arch/x86/kernel/serial.c: COM1, so printk works. */
void serial_init(void);
/* arch/x86/kernel/time.c: the TSC (or PIT) clock for printk timestamps. */
void time_init(void);
/* The clock source in words, for the timer's boot line: "tsc at 1000.000 MHz ...". */
const char *clocksource_describe(char *buf, size_t size);
/*
 * The tick now runs at PIT_LATCH: a TSC-less clock (time.c) counts whole
 * periods in jiffies from here on. Context: boot, before interrupts are on.
 */
void pit_clock_follow_jiffies(void);

/* arch/x86/mm/init.c: the lowmem/highmem split, then the direct map. */
void setup_memory(void);
void paging_init(void);

#endif
