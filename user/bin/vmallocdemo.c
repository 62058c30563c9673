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

/* Print the lines of buf that start with @prefix, indented. Return: how many. */
static int print_lines(const char *prefix, const char *indent)
{
	int count = 0;

	for (char *line = buf; *line;) {
		char *nl = strchr(line, '\n');
		int len = nl ? (int)(nl - line) : (int)strlen(line);

		if (!strncmp(line, prefix, strlen(prefix))) {
			put_line(indent, line, len);
			count++;
		}
		line += len + (nl ? 1 : 0);
	}
	return count;
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
	printf("vmallocdemo: unexpected: %s\n", why);
	return 1;
}

/* The area's start address from the result ("at 0x%08lx-"), as vmallocinfo prints it. */
static int area_start(char *out, int size)
{
	char *p = strstr(buf, "KiB at 0x");

	if (!p || size < 11)
		return -1;
	memcpy(out, p + 7, 10);
	out[10] = '\0';
	return 0;
}

static void show_vmallocinfo(const char *when, const char *start)
{
	int areas = 0;

	if (read_file("/proc/vmallocinfo") < 0)
		return;
	for (char *p = buf; (p = strchr(p, '\n')); p++)
		areas++;
	printf("/proc/vmallocinfo %s: %d areas%s\n", when, areas, *start ? "; ours:" : "");
	if (*start && !print_lines(start, "  "))
		printf("  (no line starts with %s)\n", start);
}

int main(int argc, char **argv)
{
	unsigned long kib = 1024, used0, used1;
	char c[40], start[16] = "";
	int fd;

	if (argc > 2 || (argc == 2 && ((kib = strtoul(argv[1], NULL, 10)) < 4 || kib % 4 ||
				       kib > 65536))) {
		printf("usage: vmallocdemo [KIB]   (a multiple of 4, 4..65536; default 1024)\n");
		return 1;
	}
	printf("vmallocdemo: vmalloc() gives the kernel virtually contiguous memory from frames that\n"
	       "vmallocdemo: need not be contiguous -- or even addressable: it prefers highmem, and maps\n"
	       "vmallocdemo: them side by side between VMALLOC_START and VMALLOC_END, a guard page after.\n");
	fd = open("/proc/mmdemo", O_RDONLY);	/* there at all? (a write open of /proc is EACCES) */
	if (fd < 0) {
		printf("vmallocdemo: /proc/mmdemo is missing (%s): this kernel was built without the demos "
		       "(DEMOS=0); use `make kernel`\n", errno_name(errno));
		return 1;
	}
	close(fd);
	fd = open("/proc/mmdemo", O_RDWR);
	if (fd < 0)
		return fail("/proc/mmdemo cannot be opened for writing");
	demo_fd = fd;
	if (!meminfo_kb("HighTotal"))
		printf("vmallocdemo: no highmem here: the frames come from lowmem, which the direct map "
		       "reaches anyway\n");
	used0 = meminfo_kb("VmallocUsed");
	printf("vmallocdemo: VmallocTotal %lu kB, VmallocUsed %lu kB\n", meminfo_kb("VmallocTotal"), used0);
	show_vmallocinfo("before", "");
	snprintf(c, sizeof(c), "vmalloc %lu", kib);
	if (cmd(c))
		return fail("vmalloc was refused");
	if (area_start(start, sizeof(start)))
		return fail("vmalloc returned NULL");
	show_vmallocinfo("with the area", start);
	if (!strstr(buf, "cmd_vmalloc"))
		return fail("our area (caller cmd_vmalloc, mm/demo/mmdemo.c) is not in /proc/vmallocinfo");
	used1 = meminfo_kb("VmallocUsed");
	printf("vmallocdemo: VmallocUsed %lu -> %lu kB\n", used0, used1);
	if (used1 != used0 + kib)
		return fail("VmallocUsed did not grow by the area");
	if (cmd("vfree"))
		return fail("vfree was refused");
	show_vmallocinfo("after vfree", start);
	if (strstr(buf, start))
		return fail("the area is still in /proc/vmallocinfo");
	printf("vmallocdemo: VmallocUsed %lu kB again\n", meminfo_kb("VmallocUsed"));
	printf("vmallocdemo: with nothing left to free, the kernel refuses:\n");
	if (cmd("vfree") != EINVAL)
		return fail("a second vfree was not refused");
	close(fd);
	printf("vmallocdemo: done\n");
	return 0;
}
