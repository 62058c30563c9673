// SPDX-License-Identifier: MIT
/*
 * maps [PID|self]: a process's /proc/PID/maps beside the picture of the
 * 4 GiB of i386 virtual addresses: user space below PAGE_OFFSET, the
 * kernel's direct map of lowmem above it, then vmalloc, pkmap and the
 * fixmap up to the top.
 *
 * Every boundary drawn is read from the running kernel, none assumed
 * (VMSPLIT=2G and 1G kernels put PAGE_OFFSET at 0x80000000 and
 * 0x40000000):
 *
 *   PAGE_OFFSET   where /proc/PID/pagemap ends: it has an entry for every
 *                 page of user space and reads end there (user_space_end())
 *   high_memory   PAGE_OFFSET + the end of the last lowmem zone in
 *                 /proc/zoneinfo: the direct map covers physical
 *                 [0, max_low_pfn), the DMA and Normal zones
 *   vmalloc       VmallocTotal (/proc/meminfo) and the areas in use
 *                 (/proc/vmallocinfo)
 *   pkmap         its size from /proc/kmapinfo ("entries in use n/1024"),
 *                 its base only while an entry is in use (entry i sits at
 *                 PKMAP_BASE + i * 4096)
 *   fixmap        not exported by /proc: drawn, not located
 *
 * On a 64-bit Linux host a 32-bit process has the whole 4 GiB but the
 * top page (pagemap ends at 0xffffe000) and the kernel lives above it:
 * the picture then has no kernel half, and says so.
 *
 * A bad or missing PID: one line, exit 1; too many arguments: usage, exit 2.
 */
#include <errno.h>
#include <procinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_VMAS	64
#define FOUR_GIB	(1ULL << 32)
#define MIB		(1024ULL * 1024)
#define BAR_COLS	64	/* the overview bar: 64 MiB a column */

struct vma {
	unsigned long long start, end;
	char perms[5];
	char name[40];
};

static struct vma vmas[MAX_VMAS];
static int nvmas;

/* "08048000-08049000 r-xp 00000000 00:01 12      /bin/maps" */
static void parse_maps(const char *text)
{
	for (const char *l = text; l && *l && nvmas < MAX_VMAS;) {
		const char *nl = strchr(l, '\n');
		struct vma *v = &vmas[nvmas];
		char *p;
		int field = 0;
		size_t i = 0;

		v->start = strtoull(l, &p, 16);
		if (*p == '-') {
			v->end = strtoull(p + 1, &p, 16);
			while (*p == ' ')
				p++;
			memcpy(v->perms, p, 4);
			v->perms[4] = 0;
			/* the name follows the fourth field after the range (the inode) */
			while (*p && *p != '\n' && field < 4) {
				while (*p && *p != ' ' && *p != '\n')
					p++;
				while (*p == ' ')
					p++;
				field++;
			}
			while (*p && *p != '\n' && i + 1 < sizeof(v->name))
				v->name[i++] = *p++;
			v->name[i] = 0;
			nvmas++;
		}
		l = nl ? nl + 1 : NULL;
	}
}

static const char *size_str(char *buf, size_t size, unsigned long long bytes)
{
	if (bytes >= MIB && bytes % MIB == 0)
		snprintf(buf, size, "%llu MiB", bytes / MIB);
	else if (bytes >= 10 * MIB)
		snprintf(buf, size, "%llu MiB", (bytes + MIB / 2) / MIB);
	else
		snprintf(buf, size, "%llu kB", bytes / 1024);
	return buf;
}

#define BOX_W	24

/* One row of the picture: an address (or blanks), the box part, the text beside it. */
static void row(int has_addr, unsigned long long addr, char edge, char fill, const char *inside,
		const char *beside)
{
	char box[BOX_W + 1];
	size_t n = strlen(inside);

	memset(box, fill, BOX_W);
	box[0] = box[BOX_W - 1] = edge;
	box[BOX_W] = 0;
	if (n > BOX_W - 4)
		n = BOX_W - 4;
	memcpy(box + 2, inside, n);
	if (has_addr)
		printf("  %08llx %s  %s\n", addr == FOUR_GIB ? 0xffffffffULL : addr, box, beside);
	else
		printf("           %s  %s\n", box, beside);
}

static void line_row(unsigned long long addr, char fill, const char *beside)
{
	row(1, addr, '+', fill, "", beside);
}

static void text_row(const char *inside, const char *beside)
{
	row(0, 0, '|', ' ', inside, beside);
}

/* The user-space rows: every VMA (highest first) and the holes between them. */
static void user_rows(unsigned long long top)
{
	unsigned long long above = top;
	char beside[128], sz[24];

	for (int i = nvmas - 1; i >= 0; i--) {
		const struct vma *v = &vmas[i];

		if (v->start >= top)
			continue;	/* e.g. a vsyscall page above user space */
		if (above > v->end) {
			snprintf(beside, sizeof(beside), "(%s not mapped)", size_str(sz, sizeof(sz), above - v->end));
			text_row("", beside);
		}
		snprintf(beside, sizeof(beside), "%08llx-%08llx %s %8s %s", v->start, v->end, v->perms,
			 size_str(sz, sizeof(sz), v->end - v->start), v->name);
		row(1, v->start, '|', ' ', "##", beside);
		above = v->start;
	}
	if (above) {
		snprintf(beside, sizeof(beside), "(%s not mapped: NULL pointers fault)", size_str(sz, sizeof(sz), above));
		text_row("", beside);
	}
}

/* The overview: 64 columns of 64 MiB; '#' a column holding a VMA, '.' unmapped user space. */
static void overview(unsigned long long page_offset, unsigned long long high_memory)
{
	char bar[BAR_COLS + 1];
	unsigned long long col = FOUR_GIB / BAR_COLS;

	for (int c = 0; c < BAR_COLS; c++) {
		unsigned long long a = c * col, b = a + col;

		bar[c] = a >= page_offset ? (a < high_memory ? 'L' : 'v') : '.';
		for (int i = 0; i < nvmas; i++)
			if (vmas[i].start < b && vmas[i].end > a && a < page_offset)
				bar[c] = '#';
	}
	bar[BAR_COLS] = 0;
	printf("  0 GiB           1 GiB           2 GiB           3 GiB           4 GiB\n");
	printf("  |%s|\n", bar);
	printf("  (a column is 64 MiB: '.' user space, '#' holds a mapping, 'L' the direct map of lowmem,\n"
	       "   'v' vmalloc, pkmap and fixmap)\n");
}

/* max_low_pfn: the end of the last zone that is not HighMem (0 if none). */
static unsigned long long lowmem_end_pfn(void)
{
	struct zone_info z[PI_MAX_ZONES];
	int n = zones_read(z, PI_MAX_ZONES);
	unsigned long long end = 0;

	for (int i = 0; i < n; i++)
		if (strcmp(z[i].name, "HighMem") && z[i].spanned && z[i].start_pfn + z[i].spanned > end)
			end = z[i].start_pfn + z[i].spanned;
	return end;
}

static void kernel_rows(unsigned long long page_offset)
{
	unsigned long long high_memory = page_offset + lowmem_end_pfn() * PI_PAGE_SIZE;
	unsigned long long vlo = ~0ULL, vhi = 0, pkmap_base = 0;
	long vmalloc_kb = meminfo_kb("VmallocTotal");
	unsigned int in_use = 0, last_pkmap = 0, nareas = 0;
	char beside[160], sz[24], *text;

	text = proc_read_file("/proc/vmallocinfo", NULL);
	for (const char *l = text; l && *l;) {
		const char *nl = strchr(l, '\n');
		char *p;
		unsigned long long a = strtoull(l, &p, 16), b;

		if (!strncmp(l, "0x", 2) && *p == '-') {
			b = strtoull(p + 1, NULL, 16);
			if (a < vlo)
				vlo = a;
			if (b > vhi)
				vhi = b;
			nareas++;
		}
		l = nl ? nl + 1 : NULL;
	}
	free(text);
	text = proc_read_file("/proc/kmapinfo", NULL);
	for (const char *l = text; l && *l;) {
		const char *nl = strchr(l, '\n'), *s = strstr(l, "entries in use ");
		char *p;

		if (s && (!nl || s < nl)) {
			in_use = strtoul(s + strlen("entries in use "), &p, 10);
			if (*p == '/')
				last_pkmap = strtoul(p + 1, NULL, 10);
		} else if (!strncmp(l, "pkmap ", 6) && !pkmap_base) {
			unsigned long idx = strtoul(l + 6, &p, 10);
			unsigned long long addr = strtoull(p, NULL, 16);

			pkmap_base = addr - idx * PI_PAGE_SIZE;
		}
		l = nl ? nl + 1 : NULL;
	}
	free(text);

	line_row(FOUR_GIB, '-', "the top of the 4 GiB");
	text_row("fixmap", "fixmap: constant addresses, pages chosen at run time (kmap_local); bounds not in /proc");
	if (pkmap_base)
		snprintf(beside, sizeof(beside), "pkmap: kmap()'s %u-page pool from %08llx (%u in use, /proc/kmapinfo)",
			 last_pkmap, pkmap_base, in_use);
	else if (last_pkmap)
		snprintf(beside, sizeof(beside), "pkmap: kmap()'s %u-page pool (%s; none in use, so its base is not shown)",
			 last_pkmap, size_str(sz, sizeof(sz), (unsigned long long)last_pkmap * PI_PAGE_SIZE));
	else
		snprintf(beside, sizeof(beside), "pkmap: kmap()'s pool (no /proc/kmapinfo here)");
	text_row("pkmap", beside);
	if (nareas) {
		snprintf(beside, sizeof(beside), "vmalloc areas in use: %u, the highest ends at %08llx", nareas, vhi);
		text_row("", beside);
	}
	snprintf(beside, sizeof(beside), "vmalloc: VmallocTotal %s (/proc/meminfo)",
		 vmalloc_kb >= 0 ? size_str(sz, sizeof(sz), (unsigned long long)vmalloc_kb * 1024) : "unknown");
	if (nareas) {
		row(1, vlo, '|', ' ', "vmalloc", "the lowest vmalloc area in use starts here (/proc/vmallocinfo)");
		text_row("", beside);
	} else {
		text_row("vmalloc", beside);
	}
	text_row("(hole)", "a gap: a stray access past the direct map faults");
	snprintf(beside, sizeof(beside), "high_memory: the end of the direct map, PAGE_OFFSET + %s",
		 size_str(sz, sizeof(sz), high_memory - page_offset));
	line_row(high_memory, '-', beside);
	text_row("direct map", "lowmem: physical 0 .. the end of the Normal zone (/proc/zoneinfo),");
	text_row("(lowmem)", "mapped at __va(p) = p + PAGE_OFFSET; the kernel image, page tables, slab");
	line_row(page_offset, '=', "PAGE_OFFSET: /proc/PID/pagemap ends here, user space below");
}

int main(int argc, char **argv, char **envp)
{
	const char *arg = argc > 1 ? argv[1] : "self";
	unsigned long long page_offset, high_memory = 0;
	pid_t pid = 0;
	char path[40], *text, sz[24];

	if (argc > 2) {
		printf("usage: maps [PID|self]\n");
		return 2;
	}
	if (strcmp(arg, "self")) {
		char *end;

		pid = (pid_t)strtoul(arg, &end, 10);
		if (*arg < '0' || *arg > '9' || *end || pid <= 0) {
			printf("maps: \"%s\" is not a process ID (a number, or self)\n", arg);
			return 1;
		}
	}
	snprintf(path, sizeof(path), "/proc/%s/maps", arg);
	text = proc_read_file(path, NULL);
	if (!text) {
		if (errno == ENOENT)
			printf("maps: no process %s (%s: ENOENT)\n", arg, path);
		else
			printf("maps: cannot read %s: %s\n", path, errno_name(errno));
		return 1;
	}
	parse_maps(text);
	if (nvmas == MAX_VMAS)
		printf("maps: (only the first %d mappings are drawn)\n", MAX_VMAS);
	page_offset = user_space_end(pid);
	if (!page_offset)
		page_offset = user_space_end(0);	/* a kernel thread has no pagemap; the split is the same */
	if (!page_offset) {
		printf("maps: cannot read /proc/self/pagemap: %s\n", errno_name(errno));
		return 1;
	}

	if (pid)
		printf("maps: the address space of process %s (/proc/%s/maps) in the 4 GiB of virtual addresses\n",
		       arg, arg);
	else
		printf("maps: this process's address space (/proc/self/maps) in the 4 GiB of virtual addresses\n");
	write(1, text, strlen(text));	/* whole: printf cuts at PRINTF_BUF */
	free(text);
	if (page_offset >= FOUR_GIB) {
		printf("user space goes on past 4 GiB (pagemap does): a 64-bit process; only its mappings below\n"
		       "4 GiB are drawn, and its kernel lives far above them\n");
	} else if (page_offset >= FOUR_GIB - 0x10000) {
		printf("user space ends at %08llx (where pagemap ends): the whole 4 GiB is user space, so the kernel\n"
		       "is a 64-bit one running this 32-bit process and lives above 4 GiB: no kernel half to draw\n",
		       page_offset);
	} else {
		high_memory = page_offset + lowmem_end_pfn() * PI_PAGE_SIZE;
		printf("user space ends at PAGE_OFFSET = %08llx (where pagemap ends): a %lluG/%lluG split\n",
		       page_offset, page_offset >> 30, (FOUR_GIB - page_offset) >> 30);
	}
	overview(page_offset, high_memory);
	printf("\n");
	if (high_memory)
		kernel_rows(page_offset);
	else
		line_row(page_offset, '=', "the end of user space (pagemap ends here)");
	snprintf(path, sizeof(path), "user space %s", size_str(sz, sizeof(sz), page_offset));
	text_row(path, "");
	user_rows(page_offset);
	line_row(0, '-', "");
	return 0;
}
