// SPDX-License-Identifier: MIT
/*
 * forkcow [N]: copy-on-write, seen through /proc/PID/pagemap.
 *
 * The parent writes N pages (default 8) of a private anonymous mapping,
 * so each has a frame of its own (pagemap bit 56, "exclusive"). After
 * fork the child maps the very same frames, write-protected in both
 * processes: same PFNs, exclusive in neither. The child then writes the
 * even pages: each write faults, and the fault gives the child a new
 * frame with a copy of the old one; the parent's frame is again its
 * alone. The odd pages, untouched, stay shared. When the child exits its
 * copies are freed and the parent holds all N frames alone, with the
 * contents it wrote.
 *
 * The child prints both sides (it reads /proc/PPID/pagemap while the
 * parent waits in waitpid(), so nothing races), then the parent checks
 * its own view at the end. Every expected fact is checked: a failure
 * prints "forkcow: FAIL: ..." and exits 1, so this is also a test.
 * Bad arguments: a usage line, exit 2. Runs on a Linux host too (as root:
 * Linux shows PFNs only with CAP_SYS_ADMIN).
 */
#include <errno.h>
#include <procinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_PAGES	64
#define DEFAULT_PAGES	8

static struct zone_info zones[PI_MAX_ZONES];
static int nzones;
static int failures;

static void fail(const char *who, unsigned long page, const char *what)
{
	printf("forkcow: FAIL: %s, page %lu: %s\n", who, page, what);
	failures++;
}

static const char *zone_name(unsigned long long pfn)
{
	int z = zone_of_pfn(zones, nzones, pfn);

	return z < 0 ? "?" : zones[z].name;
}

/* The entries of @n pages at @area in process @pid (0: this one); exit 1 if unreadable. */
static void snapshot(pid_t pid, const char *area, unsigned long n, struct pm_entry *e)
{
	unsigned long long raw[MAX_PAGES];

	if (pagemap_read(pid, (unsigned long)area, raw, n) != (long)n) {
		printf("forkcow: FAIL: cannot read /proc/%d/pagemap: %s\n", pid ? (int)pid : getpid(),
		       errno_name(errno));
		_exit(1);
	}
	for (unsigned long i = 0; i < n; i++)
		e[i] = pm_decode(raw[i]);
}

static void print_row(unsigned long i, const char *area, const struct pm_entry *p,
		      const struct pm_entry *c, const char *note)
{
	char ps[48], cs[48];

	snprintf(ps, sizeof(ps), c ? "%#8llx %-7s %-4s" : "%#8llx %-7s %s", p->pfn, zone_name(p->pfn),
		 p->exclusive ? "yes" : "no");
	if (c)
		snprintf(cs, sizeof(cs), "%#8llx %-7s %-4s", c->pfn, zone_name(c->pfn), c->exclusive ? "yes" : "no");
	if (c)
		printf("  %4lu  %08lx  %s  %s  %s\n", i, (unsigned long)area + i * PI_PAGE_SIZE, ps, cs, note);
	else
		printf("  %4lu  %08lx  %s\n", i, (unsigned long)area + i * PI_PAGE_SIZE, ps);
}

static void print_header(int with_child)
{
	printf("  %4s  %-8s  %-8s %-7s %s%s\n", "page", "vaddr", "parent", "zone", "excl",
	       with_child ? "  child    zone    excl" : "");
}

static int parse_pages(const char *s, unsigned long *n)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	*n = strtoul(s, &end, 10);
	return *end || *n < 2 || *n > MAX_PAGES ? -1 : 0;
}

/* The child: both views after fork, write the even pages, both views again. */
static int child(pid_t parent, char *area, unsigned long n, const struct pm_entry *orig)
{
	struct pm_entry p[MAX_PAGES], c[MAX_PAGES];

	snapshot(parent, area, n, p);
	snapshot(0, area, n, c);
	printf("2. fork: the child (pid %d) maps the same frames, write-protected in both: same PFNs, exclusive in neither\n",
	       getpid());
	print_header(1);
	for (unsigned long i = 0; i < n; i++) {
		print_row(i, area, &p[i], &c[i], "shared");
		if (!c[i].present || c[i].pfn != orig[i].pfn)
			fail("child after fork", i, "not the parent's frame");
		if (p[i].pfn != orig[i].pfn)
			fail("parent after fork", i, "the frame changed");
		if (c[i].exclusive || p[i].exclusive)
			fail("after fork", i, "marked exclusive though two processes map it");
		if (area[i * PI_PAGE_SIZE] != (char)('P' + i))
			fail("child after fork", i, "does not read what the parent wrote");
	}

	for (unsigned long i = 0; i < n; i += 2)
		area[i * PI_PAGE_SIZE] = (char)('C' + i);	/* a write fault: copy the page */

	snapshot(parent, area, n, p);
	snapshot(0, area, n, c);
	printf("3. the child wrote the even pages: each write faulted and got a new frame (a copy); the parent's frame is its alone again; the odd pages are still shared\n");
	print_header(1);
	for (unsigned long i = 0; i < n; i++) {
		int written = !(i & 1);

		print_row(i, area, &p[i], &c[i], written ? "copied" : "shared");
		if (p[i].pfn != orig[i].pfn)
			fail("parent after the child's writes", i, "the parent's frame changed");
		if (written) {
			if (!c[i].present || c[i].pfn == orig[i].pfn)
				fail("child after writing", i, "no new frame");
			if (!c[i].exclusive || !p[i].exclusive)
				fail("after the child's write", i, "not exclusive in both");
		} else {
			if (c[i].pfn != orig[i].pfn)
				fail("child, page not written", i, "not the parent's frame any more");
			if (c[i].exclusive || p[i].exclusive)
				fail("page not written", i, "exclusive though still shared");
		}
	}
	return failures ? 1 : 0;
}

int main(int argc, char **argv, char **envp)
{
	struct pm_entry orig[MAX_PAGES], now[MAX_PAGES];
	unsigned long n = DEFAULT_PAGES;
	int status;
	char *area;
	pid_t pid;

	if (argc > 2 || (argc == 2 && parse_pages(argv[1], &n))) {
		printf("usage: forkcow [PAGES]   (2 to %d, default %d)\n", MAX_PAGES, DEFAULT_PAGES);
		return 2;
	}
	nzones = zones_read(zones, PI_MAX_ZONES);
	if (nzones < 0)
		nzones = 0;
	printf("forkcow: after fork, parent and child share each private page read-only until one writes it (copy-on-write); pagemap shows the frames\n");
	area = mmap(NULL, n * PI_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED) {
		printf("forkcow: FAIL: mmap of %lu pages: %s\n", n, errno_name(errno));
		return 1;
	}
	for (unsigned long i = 0; i < n; i++)
		area[i * PI_PAGE_SIZE] = (char)('P' + i);
	snapshot(0, area, n, orig);
	printf("1. the parent (pid %d) wrote %lu pages of a private anonymous mmap: a frame each, exclusive (its alone)\n",
	       getpid(), n);
	print_header(0);
	for (unsigned long i = 0; i < n; i++) {
		print_row(i, area, &orig[i], NULL, "");
		if (!orig[i].present || !orig[i].exclusive)
			fail("parent before fork", i, "not present and exclusive");
		if (!orig[i].pfn)
			fail("parent before fork", i, "PFN 0 (on Linux: run as root, PFNs need CAP_SYS_ADMIN)");
		for (unsigned long j = 0; j < i; j++)
			if (orig[j].pfn == orig[i].pfn)
				fail("parent before fork", i, "the same frame as an earlier page");
	}
	if (failures)
		return 1;

	pid = fork();
	if (pid < 0) {
		printf("forkcow: FAIL: fork: %s\n", errno_name(errno));
		return 1;
	}
	if (pid == 0)
		_exit(child(getppid(), area, n, orig));
	if (waitpid(pid, &status, 0) != pid) {
		printf("forkcow: FAIL: waitpid: %s\n", errno_name(errno));
		return 1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("forkcow: FAIL: the child's checks failed (wait status %#x)\n", status);
		return 1;
	}

	snapshot(0, area, n, now);
	for (unsigned long i = 0; i < n; i++) {
		if (now[i].pfn != orig[i].pfn || !now[i].exclusive)
			fail("parent after the child exited", i, "not its original frame, exclusive");
		if (area[i * PI_PAGE_SIZE] != (char)('P' + i))
			fail("parent after the child exited", i, "the child's write reached the parent");
	}
	if (failures)
		return 1;
	printf("4. the child exited: its copies were freed; the parent has its %lu original frames, all exclusive, holding what it wrote\n",
	       n);
	printf("forkcow: ok: %lu pages copied on write, %lu still shared until the child exited\n", (n + 1) / 2, n / 2);
	munmap(area, n * PI_PAGE_SIZE);
	return 0;
}
