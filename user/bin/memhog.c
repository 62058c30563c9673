// SPDX-License-Identifier: MIT
/*
 * memhog [MiB]: where a process's anonymous memory comes from.
 *
 * Shows /proc/buddyinfo and the free counters of /proc/meminfo, maps
 * MiB mebibytes of private anonymous memory (default 64, or half of
 * MemFree when that is less) and writes one byte in every page: each
 * first write faults in one page frame. /proc/self/pagemap then names
 * every frame, and /proc/zoneinfo's zones (start_pfn, spanned) say
 * which zone each came from: on a 4 GiB i386 machine all HighMem, since
 * user pages are allocated GFP_HIGHUSER (HighMem first, lowmem only when
 * HighMem runs short). The buddyinfo and meminfo after the touch, with
 * the change in each, show the free blocks consumed and that lowmem
 * paid only for the page tables. Last, munmap and MemFree again: the
 * frames went back to the buddy allocator.
 *
 * Asking for more than is free is allowed: the OOM killer then ends
 * memhog with SIGKILL (the shell says "Killed"), which is the point of
 * that experiment. Bad arguments: a usage line, exit 2. Exit 1 if mmap
 * fails or pagemap does not show the touched pages.
 * Runs on a Linux host too (there the zones are DMA32 and Normal).
 */
#include <errno.h>
#include <procinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_MIB		4095UL
#define DEFAULT_MIB	64UL
#define CHUNK		1024UL	/* pagemap entries per read */

struct counters {
	long mem_free, low_free, high_free, page_tables;
};

static void read_counters(struct counters *c)
{
	c->mem_free = meminfo_kb("MemFree");
	c->low_free = meminfo_kb("LowFree");
	c->high_free = meminfo_kb("HighFree");
	c->page_tables = meminfo_kb("PageTables");
}

/* "-65536" or "+12" or "0": a signed change, printf here has no '+' flag. */
static const char *delta(char *buf, size_t size, long d)
{
	snprintf(buf, size, "%s%ld", d > 0 ? "+" : "", d);
	return buf;
}

static void print_counters(const char *when, const struct counters *c, const struct counters *base)
{
	static const char *const names[] = { "MemFree", "LowFree", "HighFree", "PageTables" };
	const long *now = &c->mem_free, *was = base ? &base->mem_free : NULL;

	for (int i = 0; i < 4; i++) {
		char d[24];

		if (now[i] < 0)
			continue;	/* a Linux host without HIGHMEM has no LowFree */
		if (was && was[i] >= 0)
			printf("%s: %-11s %9ld kB  (%s kB)\n", when, names[i], now[i],
			       delta(d, sizeof(d), now[i] - was[i]));
		else
			printf("%s: %-11s %9ld kB\n", when, names[i], now[i]);
	}
}

static int parse_mib(const char *s, unsigned long *mib)
{
	char *end;

	if (!*s || *s < '0' || *s > '9')
		return -1;
	*mib = strtoul(s, &end, 10);
	return *end || *mib == 0 || *mib > MAX_MIB ? -1 : 0;
}

int main(int argc, char **argv, char **envp)
{
	struct zone_info zones[PI_MAX_ZONES];
	struct buddy_zone b_before[PI_MAX_ZONES], b_after[PI_MAX_ZONES];
	unsigned long long *pm, lo[PI_MAX_ZONES], hi[PI_MAX_ZONES];
	unsigned long count[PI_MAX_ZONES] = { 0 }, elsewhere = 0, absent = 0, hidden = 0, above4g = 0;
	struct counters before, after, freed;
	unsigned long mib = DEFAULT_MIB, npages;
	int nzones, nb, na, best = -1, defaulted = argc < 2;
	char *area, d[24], d2[24];

	if (argc > 2 || (argc == 2 && parse_mib(argv[1], &mib))) {
		printf("usage: memhog [MiB]   (1 to %lu, default %lu: touch MiB of anonymous memory)\n",
		       MAX_MIB, DEFAULT_MIB);
		return 2;
	}
	read_counters(&before);
	if (defaulted && before.mem_free >= 0 && (unsigned long)before.mem_free / 2048 < mib)
		mib = before.mem_free / 2048 ? before.mem_free / 2048 : 1;
	npages = mib * (1024 * 1024 / PI_PAGE_SIZE);
	nzones = zones_read(zones, PI_MAX_ZONES);
	if (nzones < 0) {
		printf("memhog: cannot read /proc/zoneinfo: %s\n", errno_name(errno));
		return 1;
	}

	printf("memhog: touch %lu MiB of anonymous memory%s, then ask /proc/self/pagemap which zone each page frame came from\n",
	       mib, defaulted ? " (the default)" : "");
	printf("before: /proc/buddyinfo (free blocks of order 0, 1, 2, ... in each zone)\n");
	buddy_print("  ");
	nb = buddy_read(b_before, PI_MAX_ZONES);
	print_counters("before", &before, NULL);

	area = mmap(NULL, npages * PI_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED) {
		printf("memhog: mmap of %lu MiB failed: %s\n", mib, errno_name(errno));
		return 1;
	}
	printf("mmap: %lu MiB at 0x%08lx-0x%08lx: a VMA only, no page frames yet\n", mib,
	       (unsigned long)area, (unsigned long)area + npages * PI_PAGE_SIZE);
	for (unsigned long i = 0; i < npages; i++)
		area[i * PI_PAGE_SIZE] = (char)(i | 1);	/* each first write: a fault, one frame */
	printf("touch: wrote one byte in each of the %lu pages: %lu page faults, %lu frames\n",
	       npages, npages, npages);

	pm = malloc(CHUNK * sizeof(*pm));
	if (!pm) {
		printf("memhog: out of memory for the pagemap buffer\n");
		return 1;
	}
	for (unsigned long i = 0; i < npages; i += CHUNK) {
		unsigned long n = npages - i < CHUNK ? npages - i : CHUNK;

		if (pagemap_read(0, (unsigned long)area + i * PI_PAGE_SIZE, pm, n) != (long)n) {
			printf("memhog: cannot read /proc/self/pagemap: %s\n", errno_name(errno));
			return 1;
		}
		for (unsigned long j = 0; j < n; j++) {
			struct pm_entry e = pm_decode(pm[j]);
			int z;

			if (!e.present) {
				absent++;
				continue;
			}
			if (!e.pfn) {
				hidden++;	/* Linux without CAP_SYS_ADMIN reads PFN 0 */
				continue;
			}
			if (e.pfn >= (1ULL << 32) / PI_PAGE_SIZE)
				above4g++;
			z = zone_of_pfn(zones, nzones, e.pfn);
			if (z < 0) {
				elsewhere++;
				continue;
			}
			if (!count[z] || e.pfn < lo[z])
				lo[z] = e.pfn;
			if (!count[z] || e.pfn > hi[z])
				hi[z] = e.pfn;
			count[z]++;
		}
	}
	free(pm);

	printf("where the %lu pages came from (each pagemap PFN placed in /proc/zoneinfo's zones):\n", npages);
	printf("  %-10s %8s %10s  %s\n", "zone", "pages", "kB", "PFNs");
	for (int z = 0; z < nzones; z++) {
		char name[24];

		if (!zones[z].spanned)
			continue;
		if (zones[z].node)
			snprintf(name, sizeof(name), "%d:%s", zones[z].node, zones[z].name);
		else
			strcpy(name, zones[z].name);
		if (count[z])
			printf("  %-10s %8lu %10lu  0x%llx-0x%llx\n", name, count[z],
			       count[z] * (PI_PAGE_SIZE / 1024), lo[z], hi[z]);
		else
			printf("  %-10s %8lu %10lu\n", name, 0UL, 0UL);
		if (best < 0 || count[z] > count[best])
			best = z;
	}
	if (above4g)
		printf("  of them %lu above 4 GiB physical: a 32-bit PTE cannot name such a frame; a 64-bit one (PAE, x86-64) can\n",
		       above4g);
	if (elsewhere)
		printf("  %-10s %8lu  (PFN in no zone's span)\n", "other", elsewhere);
	if (absent)
		printf("  %-10s %8lu  (touched, yet pagemap says not present)\n", "absent", absent);
	if (hidden) {
		printf("  %-10s %8lu  (present, PFN hidden: on Linux pagemap shows PFNs only with CAP_SYS_ADMIN)\n",
		       "hidden", hidden);
	} else if (best >= 0 && count[best]) {
		int high = zone_find(zones, nzones, "HighMem");

		printf("most from %s: ", zones[best].name);
		if (high >= 0 && zones[high].spanned)
			printf("user pages are GFP_HIGHUSER, HighMem first, lowmem only when HighMem runs short\n");
		else
			printf("there is no HighMem here, so user pages come from lowmem\n");
	}

	read_counters(&after);
	na = buddy_read(b_after, PI_MAX_ZONES);
	printf("after: /proc/buddyinfo, and under each zone the change in free blocks per order\n");
	buddy_print_diff("  ", b_before, nb, b_after, na);
	print_counters("after", &after, &before);
	if (after.low_free >= 0 && after.high_free >= 0 && before.high_free > 0)
		printf("after: lowmem paid %ld kB (page tables and the kernel's own), HighMem %ld kB\n",
		       before.low_free - after.low_free, before.high_free - after.high_free);

	if (munmap(area, npages * PI_PAGE_SIZE)) {
		printf("memhog: munmap failed: %s\n", errno_name(errno));
		return 1;
	}
	read_counters(&freed);
	printf("munmap: MemFree %ld kB (%s kB since the touch; %s kB from where it started)\n",
	       freed.mem_free, delta(d, sizeof(d), freed.mem_free - after.mem_free),
	       delta(d2, sizeof(d2), freed.mem_free - before.mem_free));
	if (absent || elsewhere) {
		printf("memhog: FAIL: %lu touched pages not present, %lu in no zone\n", absent, elsewhere);
		return 1;
	}
	if (freed.mem_free - after.mem_free >= (long)(npages * (PI_PAGE_SIZE / 1024)))
		printf("memhog: done: the %lu MiB came from the buddy allocator and went back to it\n", mib);
	else
		printf("memhog: done: MemFree rose by less than the %lu MiB unmapped (other tasks, per-CPU page lists)\n",
		       mib);
	return 0;
}
