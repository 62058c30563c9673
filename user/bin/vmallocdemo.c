// SPDX-License-Identifier: MIT
/*
 * vmallocdemo: one vmalloc() area, where its frames come from, and what
 * vfree() costs (docs/18-live-demos.md). Through /proc/mmdemo (mm/demo/mmdemo.c)
 * the kernel vmalloc()s KIB and writes every page; this program shows
 * the area in /proc/vmallocinfo and VmallocUsed in /proc/meminfo before,
 * during and after, then vfree()s it.
 *
 *   vmallocdemo [KIB]   (a multiple of 4, 4..65536; default 1024)
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

/* The area's start address from the result ("at 0x%08lx-"), as vmallocinfo prints it. */
static int area_start(const char *state, char *out, int size)
{
	const char *p = strstr(state, "KiB at 0x");

	if (!p || size < 11)
		return -1;
	memcpy(out, p + 7, 10);
	out[10] = '\0';
	return 0;
}

/*
 * The number of areas in /proc/vmallocinfo and the line that starts with
 * @start (if not ""). Return: does the file contain @find?
 */
static int show_vmallocinfo(const char *when, const char *start, const char *find)
{
	char *text = proc_read_file("/proc/vmallocinfo", NULL);
	int areas = 0, found;

	if (!text)
		return 0;
	for (char *p = text; (p = strchr(p, '\n')); p++)
		areas++;
	printf("/proc/vmallocinfo %s: %d areas%s\n", when, areas, *start ? "; ours:" : "");
	if (*start && !proc_print_lines(text, start, "  "))
		printf("  (no line starts with %s)\n", start);
	found = strstr(text, find) != NULL;
	free(text);
	return found;
}

int main(int argc, char **argv)
{
	unsigned long kib = 1024;
	long used0, used1;
	char c[40], start[16] = "";

	if (argc > 2 || (argc == 2 && (!mmdemo_parse_ulong(argv[1], 4, 65536, &kib) || kib % 4))) {
		printf("usage: vmallocdemo [KIB]   (a multiple of 4, 4..65536; default 1024)\n");
		return 2;
	}
	printf("vmallocdemo: vmalloc() gives the kernel virtually contiguous memory from frames that\n"
	       "vmallocdemo: need not be contiguous -- or even addressable: it prefers highmem, and maps\n"
	       "vmallocdemo: them side by side between VMALLOC_START and VMALLOC_END, a guard page after.\n");
	mmdemo_open("vmallocdemo");
	if (meminfo_kb("HighTotal") <= 0)	/* 0, or no line at all */
		printf("vmallocdemo: no highmem here: the frames come from lowmem, which the direct map "
		       "reaches anyway\n");
	used0 = meminfo_kb("VmallocUsed");
	if (used0 < 0)
		return mmdemo_fail("/proc/meminfo has no VmallocUsed");
	printf("vmallocdemo: VmallocTotal %ld kB, VmallocUsed %ld kB\n", meminfo_kb("VmallocTotal"), used0);
	show_vmallocinfo("before", "", "");
	snprintf(c, sizeof(c), "vmalloc %lu", kib);
	if (mmdemo_cmd(c))
		return mmdemo_fail("vmalloc was refused");
	if (area_start(mmdemo_last(), start, sizeof(start)))
		return mmdemo_fail("vmalloc returned NULL");
	if (!show_vmallocinfo("with the area", start, "cmd_vmalloc"))
		return mmdemo_fail("our area (caller cmd_vmalloc, mm/demo/mmdemo.c) is not in /proc/vmallocinfo");
	used1 = meminfo_kb("VmallocUsed");
	printf("vmallocdemo: VmallocUsed %ld -> %ld kB\n", used0, used1);
	if (used1 != used0 + (long)kib)
		return mmdemo_fail("VmallocUsed did not grow by the area");
	if (mmdemo_cmd("vfree"))
		return mmdemo_fail("vfree was refused");
	if (show_vmallocinfo("after vfree", start, start))
		return mmdemo_fail("the area is still in /proc/vmallocinfo");
	printf("vmallocdemo: VmallocUsed %ld kB again\n", meminfo_kb("VmallocUsed"));
	printf("vmallocdemo: with nothing left to free, the kernel refuses:\n");
	if (mmdemo_cmd("vfree") != EINVAL)
		return mmdemo_fail("a second vfree was not refused");
	mmdemo_close();
	printf("vmallocdemo: done\n");
	return 0;
}
