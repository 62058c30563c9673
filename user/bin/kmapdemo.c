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
	printf("kmapdemo: unexpected: %s\n", why);
	return 1;
}

static void show_kmapinfo(const char *when)
{
	printf("/proc/kmapinfo %s:\n", when);
	if (read_file("/proc/kmapinfo") >= 0)
		print_lines("kmap:", "  ");
}

static int no_highmem(void)
{
	printf("kmapdemo: no highmem here (HighTotal 0 kB): every page is in the direct map, so\n"
	       "kmapdemo: kmap() and kmap_local_page() return the address it always has and no pkmap\n"
	       "kmapdemo: entry or slot is used (boot with -m 1G or more to see the pool fill)\n");
	if (cmd("kmap 4") || cmd("kmap-local") || cmd("kunmap all"))
		return fail("a command failed");
	if (!strstr(buf, "kunmap: released 4"))
		return fail("the 4 kmaps were not released");
	show_kmapinfo("at the end");
	printf("kmapdemo: done (no highmem)\n");
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long n = 0;
	char c[32];
	int fd;

	if (argc > 2 || (argc == 2 && ((n = strtoul(argv[1], NULL, 10)) < 1 || n > 1024))) {
		printf("usage: kmapdemo [N]   (hold N pkmap entries, 1..1024; default: all free ones)\n");
		return 1;
	}
	printf("kmapdemo: a highmem page has no kernel address until kmap() lends it one of the\n"
	       "kmapdemo: 1024 pkmap entries; with all of them lent, the next kmap() sleeps until a\n"
	       "kmapdemo: kunmap(). kmap_local_page() uses a per-task slot stack that survives preemption.\n");
	fd = open("/proc/mmdemo", O_RDONLY);	/* there at all? (a write open of /proc is EACCES) */
	if (fd < 0) {
		printf("kmapdemo: /proc/mmdemo is missing (%s): this kernel was built without the demos "
		       "(DEMOS=0); use `make kernel`\n", errno_name(errno));
		return 1;
	}
	close(fd);
	fd = open("/proc/mmdemo", O_RDWR);
	if (fd < 0)
		return fail("/proc/mmdemo cannot be opened for writing");
	demo_fd = fd;
	if (meminfo_kb("HighTotal") == 0)
		return no_highmem();

	show_kmapinfo("before");
	if (n)
		snprintf(c, sizeof(c), "kmap %lu", n);
	if (cmd(n ? c : "kmap fill"))
		return fail("could not kmap the pages");
	show_kmapinfo("with the pages held");
	if (!n) {
		printf("kmapdemo: one more kmap() from this process would sleep for good; the kernel refuses:\n");
		if (cmd("kmap 1") != EINVAL)
			return fail("kmap 1 with the pool full was not refused");
	}
	printf("kmapdemo: a kernel thread calls kmap() now:\n");
	if (cmd("kmap-wait"))
		return fail("kmap-wait failed");
	if (!n) {
		if (!strstr(buf, "kmap-wait: waiting"))
			return fail("the waiter is not waiting");
		show_kmapinfo("while it waits (see \"waits\")");
		printf("kmapdemo: kunmap() one page: the waiter wakes, takes the entry, and ends:\n");
		if (cmd("kunmap 1"))
			return fail("kunmap 1 failed");
		if (!strstr(buf, "kmap-wait: woken"))
			return fail("the waiter did not wake");
	}
	if (cmd("kunmap all"))
		return fail("kunmap all failed");
	printf("kmapdemo: a kmap_local section, preempted while it holds its slot:\n");
	if (cmd("kmap-local"))
		return fail("kmap-local failed");
	if (strstr(buf, "FAILED"))
		return fail("the kmap_local check failed");
	show_kmapinfo("at the end (entries \"awaiting flush\" are freed lazily, at wrap-around)");
	close(fd);
	printf("kmapdemo: done\n");
	return 0;
}
