// SPDX-License-Identifier: MIT
/*
 * How this works: from the firmware's memory map to usable RAM.
 *
 * The boot loader copies the BIOS e820 map into the multiboot
 * information. Firmware maps are not to be trusted blindly: entries can
 * come unsorted, overlap, have zero length, or start and end in the
 * middle of a page. The kernel therefore
 *
 *   1. copies the map (e820_table_firmware), reading nothing outside
 *      [mmap_addr, mmap_addr + mmap_length). Each entry is its u32 size,
 *      then that many bytes (at least 20: addr, len, type); the next
 *      starts size + 4 bytes on. A size below 20, or an entry that runs
 *      past mmap_length, and the next entry cannot be found: one line
 *      names the entry, the entries before it are kept, and mem_lower/
 *      mem_upper are added as RAM (as Linux falls back to e801 sizes;
 *      step 2 lets a kept hole or reserved entry win over them), which
 *      is also all that a loader that gives no map gets;
 *   2. sanitizes a copy (e820_table): drop empty entries, split the line
 *      at every entry boundary, give each piece the highest type of the
 *      entries covering it (so "reserved" beats "usable"), merge
 *      neighbours of one type -- the result is sorted and disjoint;
 *   3. applies `mem=` by cutting RAM above the limit;
 *   4. prints it as Linux does ("BIOS-e820: [mem ...] usable");
 *   5. registers usable RAM with memblock, rounded inwards to whole
 *      pages (a partial page cannot be handed out), below
 *      phys_addr_limit(): 4 GiB without PAE, where a page-table entry
 *      holds 20 bits of frame number and RAM above cannot be mapped at
 *      all; with PAE 64 GiB or the CPU's physical address width. One
 *      warning line says how much is lost and what would recover it.
 *
 * Page 0 is taken out of RAM (as Linux does): it holds the real-mode
 * interrupt table and BIOS data, and a NULL page that is never handed
 * out keeps "page 0" bugs visible.
 *
 * e820__parse_multiboot_map(), e820__sanitize(), e820__truncate_ram() and
 * e820__ram_between() are pure computation: tests/host compiles this file
 * for the host.
 */
#include <asm/e820.h>
#include <asm/memlayout.h>
#include <kernel/compiler.h>
#include <kernel/string.h>

#include <asm/multiboot.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <mm/memblock.h>

struct e820_table e820_table_firmware;
struct e820_table e820_table;

const char *e820_type_name(u32 type)
{
	switch (type) {
	case E820_TYPE_RAM:		return "usable";
	case E820_TYPE_RESERVED:	return "reserved";
	case E820_TYPE_ACPI:		return "ACPI data";
	case E820_TYPE_NVS:		return "ACPI NVS";
	case E820_TYPE_UNUSABLE:	return "unusable";
	default:			return "type?";
	}
}

int e820__add(struct e820_table *t, u64 addr, u64 size, u32 type)
{
	if (t->nr_entries >= E820_MAX_ENTRIES)
		return -1;
	t->entries[t->nr_entries++] = (struct e820_entry){ addr, size, type };
	return 0;
}

/* Higher wins where entries overlap; unknown types count as reserved. */
static u32 type_rank(u32 type)
{
	return (type >= E820_TYPE_RAM && type <= E820_TYPE_UNUSABLE) ? type : E820_TYPE_RESERVED;
}

static void sort_u64(u64 *v, u32 n)
{
	/* insertion sort: n is at most 2 * E820_MAX_ENTRIES */
	for (u32 i = 1; i < n; i++) {
		u64 x = v[i];
		u32 j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

int e820__sanitize(struct e820_table *t)
{
	static u64 points[2 * E820_MAX_ENTRIES];
	static struct e820_entry out[E820_MAX_ENTRIES];
	u32 np = 0, nout = 0, i, j;
	int changed = 0;

	t->dropped = 0;
	for (i = 0; i < t->nr_entries; i++) {
		struct e820_entry *e = &t->entries[i];

		if (!e->size)
			continue;
		if (e->addr + e->size < e->addr)	/* wraps past 2^64: clip (the */
			e->size = ~0ULL - e->addr;	/* very last byte is lost) */
		points[np++] = e->addr;
		points[np++] = e->addr + e->size;
	}
	sort_u64(points, np);

	/* Each elementary piece [points[i], points[i+1]) gets one type. */
	for (i = 0; i + 1 < np; i++) {
		u64 a = points[i], b = points[i + 1];
		u32 best = 0;

		if (a == b)
			continue;
		for (j = 0; j < t->nr_entries; j++) {
			const struct e820_entry *e = &t->entries[j];

			if (e->size && e->addr <= a && e->addr + e->size >= b && type_rank(e->type) > best)
				best = type_rank(e->type);
		}
		if (!best)
			continue;		/* a gap between entries */
		if (nout && out[nout - 1].type == best && out[nout - 1].addr + out[nout - 1].size == a) {
			out[nout - 1].size += b - a;
		} else if (nout < E820_MAX_ENTRIES) {
			out[nout++] = (struct e820_entry){ a, b - a, best };
		} else {
			t->dropped++;	/* N overlapping entries can make 2N-1 pieces */
		}
	}

	if (nout != t->nr_entries)
		changed = 1;
	for (i = 0; i < nout && !changed; i++)
		if (memcmp(&out[i], &t->entries[i], sizeof(out[i])))
			changed = 1;
	memcpy(t->entries, out, nout * sizeof(out[0]));
	t->nr_entries = nout;
	return changed;
}

void e820__truncate_ram(struct e820_table *t, u64 limit)
{
	u32 i, n = 0;

	for (i = 0; i < t->nr_entries; i++) {
		struct e820_entry e = t->entries[i];

		if (e.type == E820_TYPE_RAM) {
			if (e.addr >= limit)
				continue;
			if (e.addr + e.size > limit)
				e.size = limit - e.addr;
		}
		t->entries[n++] = e;
	}
	t->nr_entries = n;
}

u64 e820__ram_between(const struct e820_table *t, u64 start, u64 end)
{
	u64 total = 0;

	for (u32 i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *e = &t->entries[i];
		u64 a = max(e->addr, start), b = min(e->addr + e->size, end);

		if (e->type == E820_TYPE_RAM && a < b)
			total += b - a;
	}
	return total;
}

static u64 mem_limit = ~0ULL;

static int parse_mem(const char *val)
{
	char *end;
	u64 v;

	if (!val || !*val)
		return -1;
	v = memparse(val, &end);
	if (*end || v < PAGE_SIZE)
		return -1;
	mem_limit = v;
	return 0;
}
__setup_help("mem", parse_mem, "a size such as 512M or 2G");

void e820__print_table(const struct e820_table *t, const char *who)
{
	for (u32 i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *e = &t->entries[i];

		pr_info("%s: [mem 0x%016llx-0x%016llx] %s\n", who, e->addr,
			e->addr + e->size - 1, e820_type_name(e->type));
	}
}

int e820__parse_multiboot_map(struct e820_table *t, const void *map, u32 len,
			      struct e820_mb_error *err)
{
	const u8 *base = map;
	u32 off = 0;

	for (u32 i = 0; off < len; i++) {
		struct multiboot_mmap_entry m;
		u32 size;

		*err = (struct e820_mb_error){ E820_MB_NO_SIZE_FIELD, i, off, len - off };
		if (len - off < sizeof(m.size))
			return -1;
		memcpy(&size, base + off, sizeof(size));
		err->size = size;
		if (size < E820_MB_ENTRY_MIN) {
			err->why = E820_MB_SIZE_TOO_SMALL;
			return -1;
		}
		if ((u64)size > len - off - sizeof(m.size)) {	/* (u64: size + 4 may wrap) */
			err->why = E820_MB_PAST_END;
			return -1;
		}
		memcpy(&m, base + off, sizeof(m));
		if (e820__add(t, m.addr, m.len, m.type) < 0)
			return 1;
		off += sizeof(m.size) + size;
	}
	return 0;
}

/* What the rest of the map's fate is, after the entry @err names. */
static const char *bad_map_fate(const struct e820_mb_error *err)
{
	return err->index ? "the entries before it are used, the rest of the map is not"
			  : "the map is not used";
}

static void report_bad_map(const struct e820_mb_error *err)
{
	const struct boot_params *bp = &boot_params;
	u32 at = bp->mmap_phys + err->offset;

	switch (err->why) {
	case E820_MB_SIZE_TOO_SMALL:
		pr_warn("e820: multiboot memory map entry %u at %#x has size %u, less than the "
			"%u bytes of an entry; %s\n", err->index, at, err->size,
			E820_MB_ENTRY_MIN, bad_map_fate(err));
		break;
	case E820_MB_PAST_END:
		pr_warn("e820: multiboot memory map entry %u at %#x (size %u) runs past the end "
			"of the map (mmap_length %u); %s\n", err->index, at,
			err->size, bp->mmap_len, bad_map_fate(err));
		break;
	case E820_MB_NO_SIZE_FIELD:
		pr_warn("e820: multiboot memory map entry %u at %#x: only %u byte(s) left in the "
			"map (mmap_length %u), not even its size field; %s\n",
			err->index, at, err->size, bp->mmap_len, bad_map_fate(err));
		break;
	}
}

/*
 * The boot loader's map; if it has none, or one with a bad entry, the
 * mem_lower/mem_upper sizes (RAM below 640 KiB and from 1 MiB up to the
 * first hole), as Linux falls back from e820 to the BIOS's e801 sizes.
 * The entries read before a bad one are kept, with those two ranges added
 * as RAM: where the entries found holes or reserved areas, sanitizing lets
 * them win, so a map cut short loses only what it no longer says.
 */
static void read_multiboot_map(void)
{
	struct e820_table *fw = &e820_table_firmware;
	const struct boot_params *bp = &boot_params;
	bool refused = false;

	if (bp->mmap_len) {
		struct e820_mb_error err;
		const void *map = early_phys_to_virt(bp->mmap_phys, bp->mmap_len);
		int ret = e820__parse_multiboot_map(fw, map, bp->mmap_len, &err);

		if (ret > 0)
			pr_warn("e820: more than %d entries; the rest are ignored\n",
				E820_MAX_ENTRIES);
		if (ret >= 0)
			return;
		report_bad_map(&err);
		refused = true;
	}
	if (!(bp->flags & MULTIBOOT_INFO_MEMORY)) {
		if (fw->nr_entries)
			return;
		pr_emerg("e820: the boot loader gave neither a %smemory map nor mem_lower/mem_upper\n",
			 refused ? "usable " : "");
		return;
	}
	if (refused && fw->nr_entries)
		pr_info("e820: adding mem_lower=%uK mem_upper=%uK as RAM to the %u entr%s read\n",
			bp->mem_lower_kb, bp->mem_upper_kb, fw->nr_entries,
			fw->nr_entries == 1 ? "y" : "ies");
	else if (refused)
		pr_info("e820: using mem_lower=%uK mem_upper=%uK instead\n",
			bp->mem_lower_kb, bp->mem_upper_kb);
	else
		pr_info("e820: the boot loader gave no memory map; using mem_lower=%uK mem_upper=%uK\n",
			bp->mem_lower_kb, bp->mem_upper_kb);
	e820__add(fw, 0, (u64)bp->mem_lower_kb << 10, E820_TYPE_RAM);
	e820__add(fw, 1 << 20, (u64)bp->mem_upper_kb << 10, E820_TYPE_RAM);
}

void e820__memory_setup(void)
{
	int changed;

	read_multiboot_map();
	e820_table = e820_table_firmware;
	changed = e820__sanitize(&e820_table);
	if (e820_table.dropped)
		pr_warn("e820: the sanitized map needs more than %d entries: %u range(s) at the top "
			"of the map are ignored\n", E820_MAX_ENTRIES, e820_table.dropped);
	pr_info("BIOS-provided physical RAM map:\n");
	e820__print_table(&e820_table, "BIOS-e820");
	if (changed) {
		pr_info("e820: the firmware map was unsorted, overlapping or had empty entries; as given:\n");
		e820__print_table(&e820_table_firmware, "firmware");
	}
	if (mem_limit != ~0ULL) {
		e820__truncate_ram(&e820_table, mem_limit);
		pr_info("e820: mem=%lluM: RAM at and above 0x%llx removed; user-defined physical RAM map:\n",
			mem_limit >> 20, mem_limit);
		e820__print_table(&e820_table, "user");
	}
}

void e820__memblock_setup(void)
{
	const u64 limit = phys_addr_limit();
	u64 above = e820__ram_between(&e820_table, limit, ~0ULL);

	for (u32 i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		u64 start, end;

		if (e->type != E820_TYPE_RAM || e->addr >= limit)
			continue;	/* (and ALIGN below cannot wrap past 2^64) */
		start = ALIGN(e->addr, (u64)PAGE_SIZE);
		end = ALIGN_DOWN(min(e->addr + e->size, limit), (u64)PAGE_SIZE);
		if (start < PAGE_SIZE)
			start = PAGE_SIZE;	/* page 0 stays out of RAM */
		if (start < end)
			memblock_add(start, end - start);
	}
	if (!above)
		return;
	if (!IS_ENABLED(CONFIG_X86_PAE))
		pr_warn("Warning: %lluMB of RAM above 4 GiB ignored: this kernel has no PAE "
			"(a PAE kernel, built with PAE=1, can use it)\n", above >> 20);
	else
		pr_warn("Warning: %lluMB of RAM above %llu GiB ignored: the CPU addresses "
			"%u physical bits%s\n", above >> 20, limit >> 30, boot_cpu_data.phys_bits,
			boot_cpu_data.phys_bits < 36 ? " (QEMU: -cpu qemu32,+pse36 gives 36)" : "");
}

