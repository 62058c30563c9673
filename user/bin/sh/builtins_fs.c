// SPDX-License-Identifier: MIT
/*
 * builtins_fs.c: ls, ps and free, the builtins that read the file system.
 *
 *   ls DIR    opendir/readdir (getdents64), names sorted, one a line, a
 *             directory marked with '/' (d_type; DT_UNKNOWN: try opening
 *             it as a directory), names starting with '.' left out
 *   ps        each numeric entry of /proc is a process: its
 *             /proc/PID/status gives Name, State and PPid
 *   free      /proc/meminfo's MemTotal/MemFree, LowTotal/LowFree and
 *             HighTotal/HighFree, as a table in kB; "used" is total - free
 *
 * When a directory cannot be read (a kernel without getdents64 answers
 * ENOSYS) each says so in one line, "ls: /: ENOSYS", with status 1.
 *
 * Where they differ from Linux's: no options; ls neither sorts by locale
 * nor prints columns; ps has no terminal or time columns; free has no
 * swap, shared or cache figures (the kernel has none to give).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

/* A growing array of strings. */
struct names {
	char **v;
	int n, cap;
};

static int names_add(struct names *ns, const char *s)
{
	if (ns->n == ns->cap) {
		int cap = ns->cap ? ns->cap * 2 : 32;
		char **v = realloc(ns->v, cap * sizeof(*v));

		if (!v)
			return -1;
		ns->v = v;
		ns->cap = cap;
	}
	ns->v[ns->n] = malloc(strlen(s) + 1);
	if (!ns->v[ns->n])
		return -1;
	strcpy(ns->v[ns->n++], s);
	return 0;
}

static void names_free(struct names *ns)
{
	for (int i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
	ns->v = NULL;
	ns->n = ns->cap = 0;
}

static int is_dir(const char *dir, const char *name)
{
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* @header: 0 none, 1 "DIR:", 2 a blank line and "DIR:" (several directories). */
static int ls_one(const char *dir, int header)
{
	struct names ns = { 0 };
	struct dirent *e;
	DIR *d = opendir(dir);
	int status = 0;

	if (!d) {
		if (errno == ENOTDIR) {		/* a file: its name, as ls says it */
			sh_printf("%s\n", dir);
			return 0;
		}
		sh_error("ls: %s: %s\n", dir, errno_name(errno));
		return 1;
	}
	if (header)
		sh_printf("%s%s:\n", header > 1 ? "\n" : "", dir);
	errno = 0;
	while ((e = readdir(d))) {
		char name[260];

		if (e->d_name[0] == '.')
			continue;
		snprintf(name, sizeof(name), "%s%s", e->d_name,
			 e->d_type == DT_DIR || (e->d_type == DT_UNKNOWN && is_dir(dir, e->d_name))
			 ? "/" : "");
		if (names_add(&ns, name) < 0) {
			sh_error("ls: %s: out of memory\n", dir);
			status = 1;
			break;
		}
		errno = 0;
	}
	if (!e && errno) {
		sh_error("ls: %s: %s\n", dir, errno_name(errno));
		status = 1;
	}
	closedir(d);
	qsort(ns.v, ns.n, sizeof(*ns.v), sort_strings);
	for (int i = 0; i < ns.n; i++)
		sh_printf("%s\n", ns.v[i]);
	names_free(&ns);
	return status;
}

int builtin_ls(int argc, char **argv)
{
	int status = 0;

	if (argc == 1)
		return ls_one("/", 0);
	for (int i = 1; i < argc; i++)
		status |= ls_one(argv[i], argc == 2 ? 0 : i == 1 ? 1 : 2);
	return status;
}

/* Read a small file whole (NUL-terminated, cut to size - 1); -1 and errno on failure. */
static int read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n = 0;

	if (fd < 0)
		return -1;
	while ((size_t)n < size - 1) {
		ssize_t r = read(fd, buf + n, size - 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		n += r;
	}
	close(fd);
	buf[n] = '\0';
	return n;
}

/* The text after "Key:" and its blanks on one line of @text, copied into @val. */
static int field(const char *text, const char *key, char *val, size_t size)
{
	size_t klen = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		size_t n = 0;

		if (strncmp(p, key, klen) || p[klen] != ':')
			continue;
		p += klen + 1;
		while (*p == ' ' || *p == '\t')
			p++;
		while (p[n] && p[n] != '\n' && n < size - 1) {
			val[n] = p[n];
			n++;
		}
		val[n] = '\0';
		return 0;
	}
	return -1;
}

static int is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

int builtin_ps(int argc, char **argv)
{
	int *pids = NULL, n = 0, cap = 0;
	struct dirent *e;
	DIR *d = opendir("/proc");

	if (argc > 1) {
		sh_error("ps: no options here (ps lists every process)\n");
		return 2;
	}
	if (!d) {
		sh_error("ps: /proc: %s\n", errno_name(errno));
		return 1;
	}
	errno = 0;
	while ((e = readdir(d))) {
		if (!is_number(e->d_name))
			continue;
		if (n == cap) {
			int *more = realloc(pids, (cap = cap ? cap * 2 : 64) * sizeof(*pids));

			if (!more)
				break;
			pids = more;
		}
		pids[n++] = atoi(e->d_name);
		errno = 0;
	}
	if (!e && errno) {
		sh_error("ps: /proc: %s\n", errno_name(errno));
		closedir(d);
		free(pids);
		return 1;
	}
	closedir(d);
	qsort(pids, n, sizeof(*pids), cmp_int);
	sh_printf("  PID  PPID STATE         NAME\n");
	for (int i = 0; i < n; i++) {
		char path[32], text[2048], name[64], state[32], ppid[16];

		snprintf(path, sizeof(path), "/proc/%d/status", pids[i]);
		if (read_small(path, text, sizeof(text)) < 0)
			continue;		/* it ended meanwhile */
		if (field(text, "Name", name, sizeof(name)) < 0)
			strcpy(name, "?");
		if (field(text, "State", state, sizeof(state)) < 0)
			strcpy(state, "?");
		if (field(text, "PPid", ppid, sizeof(ppid)) < 0)
			strcpy(ppid, "?");
		sh_printf("%5d %5s %-13s %s\n", pids[i], ppid, state, name);
	}
	free(pids);
	return 0;
}

int builtin_free(int argc, char **argv)
{
	static const char *const rows[][3] = {
		{ "Mem:", "MemTotal", "MemFree" },
		{ "Low:", "LowTotal", "LowFree" },
		{ "High:", "HighTotal", "HighFree" },
	};
	char text[4096], total[32], freev[32];

	if (argc > 1) {
		sh_error("free: no options here (the figures are in kB)\n");
		return 2;
	}
	if (read_small("/proc/meminfo", text, sizeof(text)) < 0) {
		sh_error("free: /proc/meminfo: %s\n", errno_name(errno));
		return 1;
	}
	if (field(text, "MemTotal", total, sizeof(total)) < 0) {
		sh_error("free: /proc/meminfo has no MemTotal line\n");
		return 1;
	}
	sh_printf("%-6s %12s %12s %12s\n", "kB", "total", "used", "free");
	for (unsigned i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		unsigned long t, f;

		if (field(text, rows[i][1], total, sizeof(total)) < 0 ||
		    field(text, rows[i][2], freev, sizeof(freev)) < 0)
			continue;	/* a kernel without highmem has no Low/High lines */
		t = strtoul(total, NULL, 10);
		f = strtoul(freev, NULL, 10);
		sh_printf("%-6s %12lu %12lu %12lu\n", rows[i][0], t, t >= f ? t - f : 0, f);
	}
	return 0;
}
