// SPDX-License-Identifier: MIT
/*
 * procinfo: the /proc readers the demo programs share (<procinfo.h>).
 *
 * Each file is read whole into a malloc()ed buffer (proc_read_file():
 * the buffer doubles until read() returns 0, so a Linux host's
 * zoneinfo of many CPUs fits as well as Fenestra's two screens) and
 * parsed line by line: a line's first word says what it is, as in
 * zoneinfo's "        spanned  262144". Nothing is cached: every call
 * reads the kernel's current numbers.
 *
 * pagemap is binary: 8 bytes per virtual page at offset vaddr / 4096 *
 * 8; pagemap_read() seeks there and reads many entries in one call.
 * The end of the file is the end of user space, which is how
 * user_space_end() finds PAGE_OFFSET without assuming it.
 */
#include <errno.h>
#include <fcntl.h>
#include <procinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *proc_read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	size_t size = 4096, used = 0;
	char *buf;

	if (fd < 0)
		return NULL;
	buf = malloc(size);
	while (buf) {
		ssize_t n;

		if (size - used < 2) {
			char *bigger = realloc(buf, size * 2);

			if (!bigger) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = bigger;
			size *= 2;
		}
		n = read(fd, buf + used, size - used - 1);
		if (n < 0) {
			free(buf);
			buf = NULL;
			break;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	if (!buf)
		return NULL;
	buf[used] = 0;
	if (len)
		*len = used;
	return buf;
}

void proc_put_line(const char *indent, const char *s, int len)
{
	write(1, indent, strlen(indent));
	write(1, s, len);
	write(1, "\n", 1);
}

int proc_print_lines(const char *text, const char *prefix, const char *indent)
{
	size_t n = strlen(prefix);
	int count = 0;

	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n');
		int len = nl ? (int)(nl - line) : (int)strlen(line);

		if (!strncmp(line, prefix, n)) {
			proc_put_line(indent, line, len);
			count++;
		}
		line += len + (nl ? 1 : 0);
	}
	return count;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

static const char *skip_space(const char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

/* The start of the next line after @s, or NULL at the end. */
static const char *next_line(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl && nl[1] ? nl + 1 : NULL;
}

/* Does the line at @s start (after spaces) with the word @w? Return what follows it. */
static const char *word(const char *s, const char *w)
{
	size_t n = strlen(w);

	s = skip_space(s);
	if (strncmp(s, w, n) || !(is_space(s[n]) || s[n] == '\n' || s[n] == 0 || w[n - 1] == ':'))
		return NULL;
	return skip_space(s + n);
}

long meminfo_kb(const char *field)
{
	char *text = proc_read_file("/proc/meminfo", NULL);
	size_t n = strlen(field);
	long kb = -1;

	if (!text)
		return -1;
	for (const char *l = text; l; l = next_line(l)) {
		if (!strncmp(l, field, n) && l[n] == ':') {
			kb = (long)strtoul(skip_space(l + n + 1), NULL, 10);
			break;
		}
	}
	free(text);
	if (kb < 0)
		errno = ENOENT;
	return kb;
}

/* "Node 0, zone  HighMem": the node and the name; 0, or -1 if the line is not one. */
static int zone_header(const char *l, int *node, char *name, size_t size)
{
	const char *p;
	size_t i = 0;

	if (strncmp(l, "Node ", 5))
		return -1;
	*node = (int)strtoul(l + 5, (char **)&p, 10);
	if (strncmp(p, ", zone", 6))
		return -1;
	p = skip_space(p + 6);
	while (*p && !is_space(*p) && *p != '\n' && i + 1 < size)
		name[i++] = *p++;
	name[i] = 0;
	return i ? (int)(p - l) : -1;
}

int zones_read(struct zone_info *z, int max)
{
	char *text = proc_read_file("/proc/zoneinfo", NULL);
	struct zone_info *cur = NULL;
	int n = 0;

	if (!text)
		return -1;
	for (const char *l = text; l; l = next_line(l)) {
		struct zone_info tmp;
		const char *v;

		if (zone_header(l, &tmp.node, tmp.name, sizeof(tmp.name)) >= 0) {
			cur = NULL;
			if (n < max) {
				cur = &z[n++];
				memset(cur, 0, sizeof(*cur));
				cur->node = tmp.node;
				strcpy(cur->name, tmp.name);
			}
			continue;
		}
		if (!cur)
			continue;
		if ((v = word(l, "pages")) && !strncmp(v, "free", 4))
			cur->free = strtoul(v + 4, NULL, 10);
		else if ((v = word(l, "spanned")))
			cur->spanned = strtoul(v, NULL, 10);
		else if ((v = word(l, "present")))
			cur->present = strtoul(v, NULL, 10);
		else if ((v = word(l, "managed")))
			cur->managed = strtoul(v, NULL, 10);
		else if ((v = word(l, "start_pfn:")))
			cur->start_pfn = strtoull(v, NULL, 10);
		else if ((v = word(l, "protection:")) && *v == '(') {
			char *end = (char *)v;

			while (*end && *end != ')' && cur->nr_protection < PI_MAX_PROT) {
				cur->protection[cur->nr_protection++] = strtoul(end + 1, &end, 10);
				if (*end != ',')
					break;
			}
		}
	}
	free(text);
	return n;
}

int zone_of_pfn(const struct zone_info *z, int n, unsigned long long pfn)
{
	for (int i = 0; i < n; i++)
		if (z[i].spanned && pfn >= z[i].start_pfn && pfn < z[i].start_pfn + z[i].spanned)
			return i;
	return -1;
}

int zone_find(const struct zone_info *z, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (z[i].node == 0 && !strcmp(z[i].name, name))
			return i;
	return -1;
}

int buddy_read(struct buddy_zone *b, int max)
{
	char *text = proc_read_file("/proc/buddyinfo", NULL);
	int n = 0;

	if (!text)
		return -1;
	for (const char *l = text; l && n < max; l = next_line(l)) {
		struct buddy_zone *cur = &b[n];
		int off = zone_header(l, &cur->node, cur->name, sizeof(cur->name));
		char *p;

		if (off < 0)
			continue;
		p = (char *)l + off;
		cur->nr_orders = 0;
		while (cur->nr_orders < PI_MAX_ORDER) {
			char *end;
			unsigned long v;

			while (is_space(*p))
				p++;
			if (*p < '0' || *p > '9')
				break;		/* the end of this line */
			v = strtoul(p, &end, 10);
			cur->nr_free[cur->nr_orders++] = v;
			p = end;
		}
		n++;
	}
	free(text);
	return n;
}

unsigned long long buddy_free_pages(const struct buddy_zone *b)
{
	unsigned long long pages = 0;

	for (int k = 0; k < b->nr_orders; k++)
		pages += (unsigned long long)b->nr_free[k] << k;
	return pages;
}

int buddy_print(const char *indent)
{
	char *text = proc_read_file("/proc/buddyinfo", NULL);

	if (!text)
		return -1;
	for (const char *l = text; l; l = next_line(l)) {
		const char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		char line[PRINTF_BUF / 2];

		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, l, len);
		line[len] = 0;
		printf("%s%s\n", indent, line);
	}
	free(text);
	return 0;
}

void buddy_print_diff(const char *indent, const struct buddy_zone *before, int nb,
		      const struct buddy_zone *after, int na)
{
	for (int i = 0; i < na; i++) {
		const struct buddy_zone *a = &after[i], *b = NULL;
		char line[PRINTF_BUF];
		int len;

		for (int j = 0; j < nb; j++)
			if (before[j].node == a->node && !strcmp(before[j].name, a->name))
				b = &before[j];
		len = snprintf(line, sizeof(line), "%sNode %d, zone %8s ", indent, a->node, a->name);
		for (int k = 0; k < a->nr_orders && len < (int)sizeof(line); k++)
			len += snprintf(line + len, sizeof(line) - len, "%6lu ", a->nr_free[k]);
		printf("%s\n", line);
		if (!b)
			continue;
		len = snprintf(line, sizeof(line), "%s      change %8s ", indent, "");
		for (int k = 0; k < a->nr_orders && len < (int)sizeof(line); k++) {
			long d = (long)a->nr_free[k] - (long)(k < b->nr_orders ? b->nr_free[k] : 0);

			char num[16];

			if (d)
				snprintf(num, sizeof(num), "%s%ld", d > 0 ? "+" : "", d);
			else
				strcpy(num, ".");
			len += snprintf(line + len, sizeof(line) - len, "%6s ", num);
		}
		printf("%s\n", line);
	}
}

struct pm_entry pm_decode(unsigned long long raw)
{
	struct pm_entry e;

	e.present = !!(raw & PM_PRESENT);
	e.exclusive = !!(raw & PM_EXCLUSIVE);
	e.file = !!(raw & PM_FILE);
	e.pfn = e.present ? raw & PM_PFN_MASK : 0;
	return e;
}

static int pagemap_open(pid_t pid)
{
	char path[32];

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	else
		strcpy(path, "/proc/self/pagemap");
	return open(path, O_RDONLY);
}

/* Entries from page number @vpn of an open pagemap; offsets fit in off_t below 4 GiB. */
static long pagemap_pread(int fd, unsigned long vpn, unsigned long long *out, unsigned long n)
{
	off_t off = (off_t)(vpn * 8);
	unsigned long got = 0;

	if (lseek(fd, off, SEEK_SET) != off)
		return -1;
	while (got < n) {
		unsigned long want = n - got > 1024 ? 1024 : n - got;
		ssize_t r = read(fd, out + got, want * 8);

		if (r < 0)
			return got ? (long)got : -1;
		if (r == 0)
			break;
		got += (unsigned long)r / 8;
	}
	return (long)got;
}

long pagemap_read(pid_t pid, unsigned long vaddr, unsigned long long *out, unsigned long n)
{
	int fd = pagemap_open(pid);
	long got;

	if (fd < 0)
		return -1;
	got = pagemap_pread(fd, vaddr / PI_PAGE_SIZE, out, n);
	close(fd);
	return got;
}

int pagemap_entry(const void *addr, struct pm_entry *e)
{
	unsigned long long raw;

	if (pagemap_read(0, (unsigned long)addr, &raw, 1) != 1)
		return -1;
	*e = pm_decode(raw);
	return 0;
}

unsigned long long user_space_end(pid_t pid)
{
	unsigned long lo = 0, hi = 1UL << 20;	/* the first vpn that does not read, in (lo, hi] */
	unsigned long long raw;
	int fd = pagemap_open(pid);

	if (fd < 0)
		return 0;
	if (pagemap_pread(fd, hi - 1, &raw, 1) == 1) {
		close(fd);
		return 1ULL << 32;
	}
	while (hi - lo > 1) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (pagemap_pread(fd, mid, &raw, 1) == 1)
			lo = mid;
		else
			hi = mid;
	}
	close(fd);
	return (unsigned long long)hi * PI_PAGE_SIZE;
}
