// SPDX-License-Identifier: MIT
/*
 * procfs.c: the user_proc_fs suite: /proc/meminfo, /proc/self/maps,
 * /proc/self/status, /proc/self/pagemap and /proc/zoneinfo, each parsed in
 * Linux's own format (Documentation/filesystems/proc.rst):
 *
 *   meminfo  "MemTotal:        4028500 kB"
 *   maps     "08048000-0804d000 r-xp 00000000 00:00 0          /bin/usertests"
 *   status   "Pid:\t5"
 *   pagemap  one little-endian u64 per page: bit 63 present, bits 0-54 PFN
 *   zoneinfo "Node 0, zone  HighMem" ... "spanned  786400" ... "start_pfn: 229376"
 *
 * Highmem is Fenestra's business: Linux (a 64-bit host) has no HighMem
 * zone and hides PFNs from processes without CAP_SYS_ADMIN, so those
 * checks say # SKIP there.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ut.h"

static char text[32768];

/* Is there a line "Name:<spaces>N kB"? */
static int kb_line(const char *t, const char *name)
{
	size_t len = strlen(name);

	for (const char *l = t; l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		const char *p = l + len + 1;

		if (strncmp(l, name, len) || l[len] != ':')
			continue;
		if (*p != ' ')
			return 0;
		while (*p == ' ')
			p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
		return !strncmp(p, " kB\n", 4);
	}
	return 0;
}

static void meminfo_fields(void)
{
	static const char *const names[] = { "MemTotal", "MemFree", "PageTables" };

	CHECK(ut_read_file("/proc/meminfo", text, sizeof(text)) > 0, "/proc/meminfo: %s",
	      errno_name(errno));
	for (unsigned i = 0; i < 3; i++)
		CHECK(kb_line(text, names[i]), "no \"%s:   N kB\" line", names[i]);
	CHECK(ut_field(text, "MemFree") <= ut_field(text, "MemTotal"), "MemFree > MemTotal");
	CHECK(ut_field(text, "MemTotal") > 1024, "MemTotal %lld kB", ut_field(text, "MemTotal"));
}

static void meminfo_highmem(void)
{
	if (ut_is_linux())
		SKIP("host Linux (64-bit: no HighTotal/HighFree)");
	CHECK(ut_read_file("/proc/meminfo", text, sizeof(text)) > 0, "/proc/meminfo: %s",
	      errno_name(errno));
	CHECK(kb_line(text, "HighTotal"), "no \"HighTotal:   N kB\" line");
	CHECK(kb_line(text, "HighFree"), "no \"HighFree:   N kB\" line");
	CHECK(ut_field(text, "HighFree") <= ut_field(text, "HighTotal"), "HighFree > HighTotal");
}

/* One maps line: start-end perms offset dev inode [path]. */
struct vma {
	unsigned long start, end;
	char perms[5];
	const char *path;	/* into text, up to the newline */
	int pathlen;
};

static int parse_vma(const char *l, struct vma *v)
{
	char *e;
	int n;

	v->start = strtoul(l, &e, 16);
	if (e - l != 8 || *e != '-')
		return 0;
	l = e + 1;
	v->end = strtoul(l, &e, 16);
	if (e - l != 8 || *e != ' ')
		return 0;
	memcpy(v->perms, e + 1, 4);
	v->perms[4] = '\0';
	for (n = 0; n < 4; n++)
		if (!strchr(n == 3 ? "ps" : n == 0 ? "r-" : n == 1 ? "w-" : "x-", v->perms[n]))
			return 0;
	l = e + 5;
	if (*l++ != ' ')
		return 0;
	strtoul(l, &e, 16);	/* offset */
	if (e - l < 8 || *e != ' ')
		return 0;
	l = e + 1;		/* dev: hh:hh */
	if (l[2] != ':' || l[5] != ' ')
		return 0;
	l += 6;
	strtoul(l, &e, 10);	/* inode */
	if (e == l)
		return 0;
	while (*e == ' ')
		e++;
	v->path = e;
	v->pathlen = strchr(e, '\n') ? strchr(e, '\n') - e : (int)strlen(e);
	return 1;
}

static int path_is(const struct vma *v, const char *s)
{
	return v->pathlen == (int)strlen(s) && !strncmp(v->path, s, v->pathlen);
}

static int path_ends(const struct vma *v, const char *s)
{
	int n = strlen(s);

	return v->pathlen >= n + 1 && v->path[v->pathlen - n - 1] == '/'
	       && !strncmp(v->path + v->pathlen - n, s, n);
}

static void maps_text_heap_stack(void)
{
	const char *name = ut_basename(ut_argv0);
	char *heap_top;
	int stack_var = 0, text_ok = 0, heap_ok = 0, stack_ok = 0, lines = 0;
	unsigned long here = (unsigned long)&stack_var;

	heap_top = sbrk(PAGE_SIZE);	/* make sure there is a heap */
	CHECK(heap_top != (void *)-1, "sbrk: %s", errno_name(errno));
	heap_top[0] = 1;
	CHECK(ut_read_file("/proc/self/maps", text, sizeof(text)) > 0, "/proc/self/maps: %s",
	      errno_name(errno));
	for (const char *l = text; *l; l = strchr(l, '\n') + 1) {
		struct vma v;

		CHECK(strchr(l, '\n'), "last line has no newline");
		CHECK(parse_vma(l, &v), "line %d not in Linux's format: %.60s", lines + 1, l);
		lines++;
		if (v.start == 0x08048000 && !strcmp(v.perms, "r-xp") && path_ends(&v, name))
			text_ok = 1;
		if (path_is(&v, "[heap]") && (unsigned long)heap_top >= v.start
		    && (unsigned long)heap_top < v.end)
			heap_ok = 1;
		if (path_is(&v, "[stack]") && here >= v.start && here < v.end)
			stack_ok = 1;
	}
	sbrk(-(intptr_t)PAGE_SIZE);
	CHECK(text_ok, "no \"08048000-... r-xp ... /%s\" line for the text", name);
	CHECK(heap_ok, "no [heap] line around the break %p", heap_top);
	CHECK(stack_ok, "no [stack] line around %p", &stack_var);
}

static void status_fields(void)
{
	char want[16];
	const char *l;

	CHECK(ut_read_file("/proc/self/status", text, sizeof(text)) > 0, "/proc/self/status: %s",
	      errno_name(errno));
	strlcpy(want, ut_basename(ut_argv0), sizeof(want));	/* comm: 15 chars */
	l = strstr(text, "Name:\t");
	CHECK(l && (l == text || l[-1] == '\n'), "no \"Name:\\t\" line");
	CHECK(!strncmp(l + 6, want, strlen(want)) && l[6 + strlen(want)] == '\n',
	      "Name: is not \"%s\"", want);
	CHECK(ut_field(text, "Pid") == getpid(), "Pid: %lld, getpid() %d", ut_field(text, "Pid"),
	      getpid());
	CHECK(ut_field(text, "PPid") == getppid(), "PPid: %lld, getppid() %d",
	      ut_field(text, "PPid"), getppid());
	CHECK(kb_line(text, "VmRSS") || strstr(text, "\nVmRSS:\t"), "no VmRSS line");
	CHECK(ut_field(text, "VmRSS") > 0, "VmRSS %lld", ut_field(text, "VmRSS"));
}

#define PM_PRESENT	(1ull << 63)
#define PM_PFN(e)	((e) & ((1ull << 55) - 1))

/* The pagemap entry of addr, or -1 (errno set). */
static int pagemap_entry(int fd, const void *addr, unsigned long long *e)
{
	off_t off = (off_t)((uintptr_t)addr / PAGE_SIZE * 8);

	if (lseek(fd, off, 0) != off)
		return -1;
	return read(fd, e, 8) == 8 ? 0 : -1;
}

static void pagemap_present(void)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	char *p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long long e;

	CHECK(fd >= 0, "open /proc/self/pagemap: %s", errno_name(errno));
	CHECK(p != MAP_FAILED, "mmap: %s", errno_name(errno));
	p[0] = 1;
	CHECK(pagemap_entry(fd, p, &e) == 0, "read: %s", errno_name(errno));
	CHECK(e & PM_PRESENT, "touched page %p: entry %#llx has no bit 63", p, e);
	if (!ut_is_linux())
		CHECK(PM_PFN(e) != 0, "touched page %p: PFN 0 (entry %#llx)", p, e);
	CHECK(pagemap_entry(fd, p + PAGE_SIZE, &e) == 0, "read: %s", errno_name(errno));
	CHECK(!(e & PM_PRESENT), "untouched page %p: entry %#llx says present", p + PAGE_SIZE, e);
	munmap(p, 2 * PAGE_SIZE);
	close(fd);
}

/* HighMem's start_pfn and spanned from /proc/zoneinfo: 0 if found. */
static int highmem_zone(unsigned long long *start, unsigned long long *spanned)
{
	char *z, *next, *p;

	if (ut_read_file("/proc/zoneinfo", text, sizeof(text)) <= 0)
		return -1;
	for (z = strstr(text, "Node "); z; z = strstr(z + 1, "\nNode ")) {
		char *head_end = strchr(z + 1, '\n');

		p = strstr(z, "zone");
		if (!p || !head_end || p > head_end)
			continue;
		for (p += 4; *p == ' '; p++)
			;
		if (strncmp(p, "HighMem\n", 8))
			continue;
		next = strstr(p, "\nNode ");
		if (next)
			*next = '\0';
		p = strstr(z, "spanned");
		*spanned = p ? strtoull(p + 7, NULL, 10) : 0;
		p = strstr(z, "start_pfn:");
		if (!p)
			return -1;
		*start = strtoull(p + 10, NULL, 10);
		return 0;
	}
	return -1;
}

#define HM_PAGES	16

static void pagemap_highmem(void)
{
	unsigned long long start, spanned, e;
	int fd, low = 0;
	char *p;

	if (ut_is_linux())
		SKIP("host Linux: no HighMem zone, PFNs hidden without CAP_SYS_ADMIN");
	if (highmem_zone(&start, &spanned) < 0 || spanned == 0)
		SKIP("no HighMem zone with pages in /proc/zoneinfo");
	fd = open("/proc/self/pagemap", O_RDONLY);
	CHECK(fd >= 0, "open /proc/self/pagemap: %s", errno_name(errno));
	p = mmap(NULL, HM_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap: %s", errno_name(errno));
	for (int i = 0; i < HM_PAGES; i++) {
		p[i * PAGE_SIZE] = 1;
		CHECK(pagemap_entry(fd, p + i * PAGE_SIZE, &e) == 0, "read: %s", errno_name(errno));
		CHECK(e & PM_PRESENT, "page %d: not present (%#llx)", i, e);
		if (PM_PFN(e) < start) {
			ut_diag("page %d at %p: PFN %#llx below HighMem's start_pfn %#llx", i,
				p + i * PAGE_SIZE, PM_PFN(e), start);
			low++;
		}
	}
	munmap(p, HM_PAGES * PAGE_SIZE);
	close(fd);
	CHECK(low == 0, "%d of %d fresh anonymous pages are not highmem frames", low, HM_PAGES);
}

static const struct ut_case cases[] = {
	{ "meminfo_fields", meminfo_fields },
	{ "meminfo_highmem", meminfo_highmem },
	{ "maps_text_heap_stack", maps_text_heap_stack },
	{ "status_fields", status_fields },
	{ "pagemap_present", pagemap_present },
	{ "pagemap_highmem", pagemap_highmem },
};
UT_SUITE(suite_procfs, "user_proc_fs", cases);
