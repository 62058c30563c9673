// SPDX-License-Identifier: MIT
/*
 * Function names for backtraces.
 *
 * The kernel is linked twice. The first link has an empty symbol table;
 * tools/kallsyms.sh reads its text symbols (nm -n) and writes a table of
 * sorted addresses and names into the .kallsyms section, which the second
 * link puts after .data: text addresses are the same in both links, so
 * the table is right for the final image.
 */
#include <asm/sections.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>

extern const u32 kallsyms_num;
extern const u32 kallsyms_addresses[];
extern const u32 kallsyms_name_offsets[];
extern const char kallsyms_names[];

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	u32 lo = 0, hi = kallsyms_num;

	if (addr < (unsigned long)_text || addr >= (unsigned long)_etext || !hi)
		return NULL;
	/* The last symbol whose address is <= addr. */
	while (hi - lo > 1) {
		u32 mid = (lo + hi) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (kallsyms_addresses[lo] > addr)
		return NULL;
	if (offset)
		*offset = addr - kallsyms_addresses[lo];
	if (size)
		*size = (lo + 1 < kallsyms_num ? kallsyms_addresses[lo + 1]
			 : (unsigned long)_etext) - kallsyms_addresses[lo];
	return kallsyms_names + kallsyms_name_offsets[lo];
}

static void print_address(unsigned long addr)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(addr, &off, &size);

	if (name)
		printk(KERN_EMERG " [<%08lx>] %s+0x%lx/0x%lx\n", addr, name, off, size);
	else
		printk(KERN_EMERG " [<%08lx>] ?\n", addr);
}

extern char boot_stack[], boot_stack_top[];

void dump_stack_from(unsigned long ebp)
{
	int depth = 0;

	printk(KERN_EMERG "Call Trace:\n");
	/* Frame: [ebp] = caller's ebp, [ebp + 4] = return address. */
	while (ebp && !(ebp & 3) && ebp >= (unsigned long)boot_stack &&
	       ebp + 8 <= (unsigned long)boot_stack_top && depth++ < 32) {
		unsigned long ret = ((unsigned long *)ebp)[1];

		print_address(ret);
		ebp = ((unsigned long *)ebp)[0];
	}
}

void dump_stack(void)
{
	dump_stack_from((unsigned long)__builtin_frame_address(0));
}
