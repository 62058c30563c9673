// SPDX-License-Identifier: MIT
/*
 * kmapdemo: the pkmap pool filling up, a kmap() that blocks, and a
 * kmap_local section that is preempted (docs/18-live-demos.md). It drives the
 * kernel through /proc/mmdemo (mm/demo/mmdemo.c) and shows the effect in
 * /proc/kmapinfo:
 *
 *   kmap fill     this process holds every free pkmap entry
 *   kmap 1        refused: one more would make this process sleep
 *   kmap-wait     a kernel thread's kmap() blocks: "waiting", state D
 *   kunmap 1      ... and wakes it: "woken"
 *   kunmap all, kmap-local
 *
 *   kmapdemo [N]  hold N entries instead of all of them (no wait then)
 *
 * Without highmem (-m 128M) it says so and shows that kmap() and
 * kmap_local_page() of a lowmem page are its direct-map address. Exits 0
 * on success, 1 with one line when /proc/mmdemo is missing (a DEMOS=0
 * kernel) or something unexpected happened.
 */
#include <errno.h>
#include <mmdemo.h>
#include <procinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void show_kmapinfo(const char *when)
{
	char *text = proc_read_file("/proc/kmapinfo", NULL);

	printf("/proc/kmapinfo %s:\n", when);
	if (text)
		proc_print_lines(text, "kmap:", "  ");
	free(text);
}

static int no_highmem(void)
{
	printf("kmapdemo: no highmem here (HighTotal 0 kB): every page is in the direct map, so\n"
	       "kmapdemo: kmap() and kmap_local_page() return the address it always has and no pkmap\n"
	       "kmapdemo: entry or slot is used (boot with -m 1G or more to see the pool fill)\n");
	if (mmdemo_cmd("kmap 4") || mmdemo_cmd("kmap-local") || mmdemo_cmd("kunmap all"))
		return mmdemo_fail("a command failed");
	if (!strstr(mmdemo_last(), "kunmap: released 4"))
		return mmdemo_fail("the 4 kmaps were not released");
	show_kmapinfo("at the end");
	printf("kmapdemo: done (no highmem)\n");
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long n = 0;
	char c[32];

	if (argc > 2 || (argc == 2 && !mmdemo_parse_ulong(argv[1], 1, 1024, &n))) {
		printf("usage: kmapdemo [N]   (hold N pkmap entries, 1..1024; default: all free ones)\n");
		return 2;
	}
	printf("kmapdemo: a highmem page has no kernel address until kmap() lends it one of the\n"
	       "kmapdemo: 1024 pkmap entries; with all of them lent, the next kmap() sleeps until a\n"
	       "kmapdemo: kunmap(). kmap_local_page() uses a per-task slot stack that survives preemption.\n");
	mmdemo_open("kmapdemo");
	if (meminfo_kb("HighTotal") <= 0)	/* 0, or no line at all: no highmem */
		return no_highmem();

	show_kmapinfo("before");
	if (n)
		snprintf(c, sizeof(c), "kmap %lu", n);
	if (mmdemo_cmd(n ? c : "kmap fill"))
		return mmdemo_fail("could not kmap the pages");
	show_kmapinfo("with the pages held");
	if (!n) {
		printf("kmapdemo: one more kmap() from this process would sleep for good; the kernel refuses:\n");
		if (mmdemo_cmd("kmap 1") != EINVAL)
			return mmdemo_fail("kmap 1 with the pool full was not refused");
	}
	printf("kmapdemo: a kernel thread calls kmap() now:\n");
	if (mmdemo_cmd("kmap-wait"))
		return mmdemo_fail("kmap-wait failed");
	if (!n) {
		if (!strstr(mmdemo_last(), "kmap-wait: waiting"))
			return mmdemo_fail("the waiter is not waiting");
		show_kmapinfo("while it waits (see \"waits\")");
		printf("kmapdemo: kunmap() one page: the waiter wakes, takes the entry, and ends:\n");
		if (mmdemo_cmd("kunmap 1"))
			return mmdemo_fail("kunmap 1 failed");
		if (!strstr(mmdemo_last(), "kmap-wait: woken"))
			return mmdemo_fail("the waiter did not wake");
	}
	if (mmdemo_cmd("kunmap all"))
		return mmdemo_fail("kunmap all failed");
	printf("kmapdemo: a kmap_local section, preempted while it holds its slot:\n");
	if (mmdemo_cmd("kmap-local"))
		return mmdemo_fail("kmap-local failed");
	if (strstr(mmdemo_last(), "FAILED"))
		return mmdemo_fail("the kmap_local check failed");
	show_kmapinfo("at the end (entries \"awaiting flush\" are freed lazily, at wrap-around)");
	mmdemo_close();
	printf("kmapdemo: done\n");
	return 0;
}
