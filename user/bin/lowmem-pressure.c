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
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char buf[8192];
static int demo_fd = -1;

/* @indent, then @len bytes of @s, then a newline (printf has no %.*s). */
static void put_line(const char *indent, const char *s, int len)
{
	write(1, indent, strlen(indent));
	write(1, s, len);
	write(1, "\n", 1);
}

/* The whole of a small file into buf (NUL-terminated). Return: its length or -1. */
static int read_file(const char *path)
{
	int fd = open(path, O_RDONLY), n = 0, r;

	if (fd < 0)
		return -1;
	while (n < (int)sizeof(buf) - 1 && (r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	return n;
}

static unsigned long meminfo_kb(const char *name)
{
	char *p;

	if (read_file("/proc/meminfo") < 0 || !(p = strstr(buf, name)))
		return 0;
	return strtoul(p + strlen(name) + 1, NULL, 10);
}

/* The demo file's state into buf. */
static void read_state(void)
{
	int n = 0, r;

	lseek(demo_fd, 0, SEEK_SET);
	while (n < (int)sizeof(buf) - 1 && (r = read(demo_fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	buf[n] = '\0';
}

/* Print the result lines ("last:" onwards) of the state in buf. */
static void print_result(void)
{
	char *p = strstr(buf, "last:\n");

	for (p = p ? p + 6 : NULL; p && *p;) {
		char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);

		put_line("  ", p, len);
		p += len + (nl ? 1 : 0);
	}
}

/* Write one command, print what the kernel says. Return: 0 or the errno. */
static int cmd(const char *c)
{
	int ret = write(demo_fd, c, strlen(c)) < 0 ? errno : 0;

	printf("> %s%s%s\n", c, ret ? "   -> " : "", ret ? errno_name(ret) : "");
	read_state();
	print_result();
	return ret;
}

static int fail(const char *why)
{
	printf("lowmem-pressure: unexpected: %s\n", why);
	return 1;
}

/* The "pages free", "min" and "protection" lines of @zone's part of /proc/zoneinfo. */
static void show_zone(const char *zone)
{
	char head[40], *p, *end;

	snprintf(head, sizeof(head), "zone %8s\n", zone);
	if (read_file("/proc/zoneinfo") < 0 || !(p = strstr(buf, head)))
		return;
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
			put_line("  ", t, len - (int)(t - line));
		line += len + (nl ? 1 : 0);
	}
}

/* "lowmem: held N KiB" from the demo's state (read_state() first). */
static unsigned long held_kib(void)
{
	char *p = strstr(buf, "lowmem: held ");

	return p ? strtoul(p + 13, NULL, 10) : 0;
}

int main(int argc, char **argv)
{
	unsigned long step = 0, low0, high0, low = 0, high = 0;
	char c[40];
	int fd, i, stopped = 0;

	if (argc > 2 || (argc == 2 && ((step = strtoul(argv[1], NULL, 10)) < 4 || step % 4 ||
				       step > 1048576))) {
		printf("usage: lowmem-pressure [STEP_KIB]   (a multiple of 4, 4..1048576; "
		       "default: an eighth of LowFree)\n");
		return 1;
	}
	printf("lowmem-pressure: the kernel keeps its own objects in lowmem (the direct map); take it\n"
	       "lowmem-pressure: away step by step and kernel allocations fail while highmem is free:\n"
	       "lowmem-pressure: the classic i386 failure. lowmem_reserve keeps user pages out of it.\n");
	fd = open("/proc/mmdemo", O_RDONLY);	/* there at all? (a write open of /proc is EACCES) */
	if (fd < 0) {
		printf("lowmem-pressure: /proc/mmdemo is missing (%s): this kernel was built without the demos "
		       "(DEMOS=0); use `make kernel`\n", errno_name(errno));
		return 1;
	}
	close(fd);
	fd = open("/proc/mmdemo", O_RDWR);
	if (fd < 0)
		return fail("/proc/mmdemo cannot be opened for writing");
	demo_fd = fd;
	low0 = meminfo_kb("LowFree");
	high0 = meminfo_kb("HighFree");
	printf("lowmem-pressure: LowTotal %lu kB, LowFree %lu kB, HighTotal %lu kB, HighFree %lu kB\n",
	       meminfo_kb("LowTotal"), low0, meminfo_kb("HighTotal"), high0);
	if (!meminfo_kb("HighTotal"))
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
		if (write(fd, c, strlen(c)) < 0)
			return fail("lowmem-eat was refused");
		read_state();
		stopped = strstr(buf, "stopped at the floor") != NULL;
		if (strstr(buf, "failed before the floor"))
			return fail("GFP_KERNEL failed before the floor");
		low = meminfo_kb("LowFree");
		high = meminfo_kb("HighFree");
		read_state();
		printf("  %4d %10lu %12lu %12lu\n", i, held_kib(), low, high);
	}
	if (!stopped)
		return fail("64 steps and no floor");
	print_result();
	printf("lowmem-pressure: LowFree fell from %lu to %lu kB; HighFree %lu -> %lu kB%s\n", low0,
	       low, high0, high, high0 ? ": untouched, and no kernel object can live there" : "");
	if (high0 && high + 16384 < high0)
		return fail("HighFree fell too");
	show_zone("Normal");
	printf("lowmem-pressure: what lowmem_reserve decides now (zone_watermark_ok):\n");
	if (cmd("lowmem-reserve"))
		return fail("lowmem-reserve failed");
	if (!strstr(buf, "GFP_KERNEL in ") || (high0 && !strstr(buf, "GFP_HIGHUSER in Normal")))
		return fail("no verdict for GFP_KERNEL");
	printf("lowmem-pressure: now past the floor, until GFP_KERNEL fails:\n");
	if (cmd("lowmem-fail") || !strstr(buf, "FAILED with"))
		return fail("lowmem-fail did not fail an allocation");
	printf("lowmem-pressure: a bad step size is refused:\n");
	if (cmd("lowmem-eat 3") != EINVAL)
		return fail("lowmem-eat 3 was not refused");
	if (cmd("lowmem-release"))
		return fail("lowmem-release failed");
	printf("lowmem-pressure: LowFree %lu kB again (was %lu kB before the first step)\n",
	       meminfo_kb("LowFree"), low0);
	close(fd);
	printf("lowmem-pressure: done\n");
	return 0;
}
