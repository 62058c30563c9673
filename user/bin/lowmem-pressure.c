// SPDX-License-Identifier: MIT
/*
 * lowmem-pressure: the classic i386 failure -- kernel memory runs out
 * while highmem is free -- and what lowmem_reserve buys (docs/18-live-demos.md).
 * Through /proc/mmdemo (mm/demo/mmdemo.c) the kernel takes lowmem with
 * alloc_pages(GFP_KERNEL), one step at a time, and this program prints
 * LowFree and HighFree from /proc/meminfo after each step:
 *
 *   lowmem-eat STEP     until the kernel stops at its safety floor
 *   lowmem-reserve      Normal's protection: GFP_KERNEL allowed, a
 *                       GFP_HIGHUSER fallback refused
 *   lowmem-fail         past the floor until GFP_KERNEL fails, given back
 *   lowmem-release      everything back
 *
 *   lowmem-pressure [STEP_KIB]   (default: an eighth of LowFree)
 *
 * Exits 0 on success, 1 with one line when /proc/mmdemo is missing (a
 * DEMOS=0 kernel) or something unexpected happened.
 */
#include <errno.h>
#include <mmdemo.h>
#include <procinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The "pages free", "min" and "protection" lines of @zone's part of /proc/zoneinfo. */
static void show_zone(const char *zone)
{
	char head[40], *text = proc_read_file("/proc/zoneinfo", NULL), *p, *end;

	snprintf(head, sizeof(head), "zone %8s\n", zone);
	if (!text || !(p = strstr(text, head))) {
		free(text);
		return;
	}
	end = strstr(p + 1, "Node ");
	if (end)
		*end = '\0';
	printf("/proc/zoneinfo, zone %s:\n", zone);
	for (char *line = p; *line;) {
		char *nl = strchr(line, '\n');
		int len = nl ? (int)(nl - line) : (int)strlen(line);
		char *t = line;

		while (*t == ' ')
			t++;
		if (!strncmp(t, "pages free", 10) || !strncmp(t, "min ", 4) ||
		    !strncmp(t, "protection:", 11))
			proc_put_line("  ", t, len - (int)(t - line));
		line += len + (nl ? 1 : 0);
	}
	free(text);
}

/* "lowmem: held N KiB" from the demo's state. */
static unsigned long held_kib(const char *state)
{
	const char *p = strstr(state, "lowmem: held ");

	return p ? strtoul(p + 13, NULL, 10) : 0;
}

int main(int argc, char **argv)
{
	unsigned long step = 0, low0, high0, low = 0, high = 0;
	const char *state;
	long lf, hf;
	char c[40];
	int i, stopped = 0;

	if (argc > 2 || (argc == 2 && (!mmdemo_parse_ulong(argv[1], 4, 1048576, &step) ||
				       step % 4))) {
		printf("usage: lowmem-pressure [STEP_KIB]   (a multiple of 4, 4..1048576; "
		       "default: an eighth of LowFree)\n");
		return 2;
	}
	printf("lowmem-pressure: the kernel keeps its own objects in lowmem (the direct map); take it\n"
	       "lowmem-pressure: away step by step and kernel allocations fail while highmem is free:\n"
	       "lowmem-pressure: the classic i386 failure. lowmem_reserve keeps user pages out of it.\n");
	mmdemo_open("lowmem-pressure");
	lf = meminfo_kb("LowFree");
	hf = meminfo_kb("HighFree");
	if (lf < 0 || hf < 0)		/* a 64-bit Linux has neither line */
		return mmdemo_fail("/proc/meminfo has no LowFree or HighFree");
	low0 = lf;
	high0 = hf;
	printf("lowmem-pressure: LowTotal %ld kB, LowFree %lu kB, HighTotal %ld kB, HighFree %lu kB\n",
	       meminfo_kb("LowTotal"), low0, meminfo_kb("HighTotal"), high0);
	if (meminfo_kb("HighTotal") <= 0)
		printf("lowmem-pressure: no highmem here: all memory is lowmem, so this is plain "
		       "running out of memory (boot with -m 4G for the i386 picture)\n");
	if (!step)
		step = (low0 / 8) & ~4095UL;
	else if (step * 48 < low0) {
		unsigned long bigger = ((low0 / 48) + 4095) & ~4095UL;

		printf("lowmem-pressure: %lu KiB steps would take more than 48 steps; using %lu KiB\n",
		       step, bigger);
		step = bigger;
	}
	if (step < 4096)
		step = 4096;
	show_zone("Normal");
	printf("lowmem-pressure: alloc_pages(GFP_KERNEL) in steps of %lu KiB:\n", step);
	printf("  step   held KiB   LowFree kB  HighFree kB\n");
	snprintf(c, sizeof(c), "lowmem-eat %lu", step);
	for (i = 1; i <= 64 && !stopped; i++) {
		if (mmdemo_write(c))
			return mmdemo_fail("lowmem-eat was refused");
		state = mmdemo_read();
		stopped = strstr(state, "stopped at the floor") != NULL;
		if (strstr(state, "failed before the floor"))
			return mmdemo_fail("GFP_KERNEL failed before the floor");
		low = meminfo_kb("LowFree");
		high = meminfo_kb("HighFree");
		printf("  %4d %10lu %12lu %12lu\n", i, held_kib(state), low, high);
	}
	if (!stopped)
		return mmdemo_fail("64 steps and no floor");
	mmdemo_print_result(mmdemo_last());
	printf("lowmem-pressure: LowFree fell from %lu to %lu kB; HighFree %lu -> %lu kB%s\n", low0,
	       low, high0, high, high0 ? ": untouched, and no kernel object can live there" : "");
	if (high0 && high + 16384 < high0)
		return mmdemo_fail("HighFree fell too");
	show_zone("Normal");
	printf("lowmem-pressure: what lowmem_reserve decides now (zone_watermark_ok):\n");
	if (mmdemo_cmd("lowmem-reserve"))
		return mmdemo_fail("lowmem-reserve failed");
	if (!strstr(mmdemo_last(), "GFP_KERNEL in ") ||
	    (high0 && !strstr(mmdemo_last(), "GFP_HIGHUSER in Normal")))
		return mmdemo_fail("no verdict for GFP_KERNEL");
	printf("lowmem-pressure: now past the floor, until GFP_KERNEL fails:\n");
	if (mmdemo_cmd("lowmem-fail") || !strstr(mmdemo_last(), "FAILED with"))
		return mmdemo_fail("lowmem-fail did not fail an allocation");
	printf("lowmem-pressure: a bad step size is refused:\n");
	if (mmdemo_cmd("lowmem-eat 3") != EINVAL)
		return mmdemo_fail("lowmem-eat 3 was not refused");
	if (mmdemo_cmd("lowmem-release"))
		return mmdemo_fail("lowmem-release failed");
	printf("lowmem-pressure: LowFree %ld kB again (was %lu kB before the first step)\n",
	       meminfo_kb("LowFree"), low0);
	mmdemo_close();
	printf("lowmem-pressure: done\n");
	return 0;
}
