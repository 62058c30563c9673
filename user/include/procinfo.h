/* SPDX-License-Identifier: MIT */
/*
 * procinfo: what the demo programs (memhog, forkcow, maps, kmapdemo,
 * vmallocdemo, lowmem-pressure) read from /proc, parsed once
 * (user/lib/procinfo.c). Every reader works on
 * Fenestra and on a Linux host: the files have Linux's formats.
 *
 *   /proc/meminfo    "MemFree:         123456 kB"      meminfo_kb()
 *   /proc/zoneinfo   "Node 0, zone  HighMem" sections   zones_read()
 *   /proc/buddyinfo  "Node 0, zone   Normal   3  1 ..." buddy_read()
 *   /proc/PID/pagemap  8 bytes per virtual page         pagemap_read()
 *
 * A reader returns -1 (errno set by the failing call, or ENOENT for a
 * missing field) when the file or the field is not there; none prints.
 * proc_print_lines() prints the lines of such a file that start with a
 * word, as the demos show /proc/kmapinfo and /proc/vmallocinfo.
 */
#ifndef _PROCINFO_H
#define _PROCINFO_H

#include <stddef.h>
#include <sys/types.h>

#define PI_PAGE_SIZE	4096UL

/*
 * proc_read_file() - the whole of a (small) file, NUL-terminated
 * @path: e.g. "/proc/zoneinfo"
 * @len: if not NULL, set to the number of bytes read
 *
 * Return: a malloc()ed buffer the caller frees, or NULL.
 */
char *proc_read_file(const char *path, size_t *len);

/* proc_put_line() - @indent, then @len bytes of @s, then a newline (printf has no %.*s). */
void proc_put_line(const char *indent, const char *s, int len);

/*
 * proc_print_lines() - the lines of @text that start with @prefix
 * @text: e.g. what proc_read_file() returned
 * @indent: printed before each line
 *
 * Return: how many lines were printed.
 */
int proc_print_lines(const char *text, const char *prefix, const char *indent);

/* meminfo_kb() - the value of one /proc/meminfo line ("MemFree"), in kB; -1 if absent. */
long meminfo_kb(const char *field);

#define PI_MAX_ZONES	8
#define PI_MAX_ORDER	16
#define PI_MAX_PROT	8

/* One "Node N, zone NAME" section of /proc/zoneinfo. */
struct zone_info {
	int node;
	char name[16];
	unsigned long long start_pfn;
	unsigned long spanned, present, managed, free;
	int nr_protection;			/* 0 if no "protection:" line */
	unsigned long protection[PI_MAX_PROT];	/* lowmem_reserve, in pages */
};

/*
 * zones_read() - the zones /proc/zoneinfo lists, in its order
 * @z: filled with up to @max zones
 *
 * Return: the number of zones, or -1 when the file cannot be read.
 */
int zones_read(struct zone_info *z, int max);

/*
 * zone_of_pfn() - which zone spans a page frame number
 *
 * Return: the index into @z of the zone whose [start_pfn, start_pfn +
 * spanned) holds @pfn, or -1.
 */
int zone_of_pfn(const struct zone_info *z, int n, unsigned long long pfn);

/* zone_find() - the index of the zone named @name (node 0), or -1. */
int zone_find(const struct zone_info *z, int n, const char *name);

/* One /proc/buddyinfo line: free blocks of each order. */
struct buddy_zone {
	int node;
	char name[16];
	int nr_orders;
	unsigned long nr_free[PI_MAX_ORDER];
};

/* buddy_read() - the lines of /proc/buddyinfo; the count, or -1. */
int buddy_read(struct buddy_zone *b, int max);

/* buddy_free_pages() - the pages a buddyinfo line holds: sum of nr_free[k] << k. */
unsigned long long buddy_free_pages(const struct buddy_zone *b);

/* buddy_print() - print /proc/buddyinfo as it is, each line after @indent; 0 or -1. */
int buddy_print(const char *indent);

/*
 * buddy_print_diff() - "after" lines and, under each, the change per order
 * @before, @nb: an earlier buddy_read()
 * @after, @na: a later one
 */
void buddy_print_diff(const char *indent, const struct buddy_zone *before, int nb,
		      const struct buddy_zone *after, int na);

/* A decoded pagemap entry. */
struct pm_entry {
	unsigned long long pfn;		/* bits 0-54; 0 if not present (or hidden) */
	int present;			/* bit 63 */
	int exclusive;			/* bit 56: mapped by this process only */
	int file;			/* bit 61: a page of a file (or shared anon) */
};

#define PM_PRESENT	(1ULL << 63)
#define PM_FILE		(1ULL << 61)
#define PM_EXCLUSIVE	(1ULL << 56)
#define PM_PFN_MASK	((1ULL << 55) - 1)

/* pm_decode() - split a raw 64-bit pagemap entry into its fields. */
struct pm_entry pm_decode(unsigned long long raw);

/*
 * pagemap_read() - raw pagemap entries of @n pages from @vaddr
 * @pid: 0 for /proc/self/pagemap, else /proc/PID/pagemap
 * @vaddr: a user virtual address (rounded down to its page)
 * @out: @n entries
 *
 * Return: the number of entries read (fewer past the end of user
 * space), or -1.
 */
long pagemap_read(pid_t pid, unsigned long vaddr, unsigned long long *out, unsigned long n);

/* pagemap_entry() - one decoded entry of this process; -1 on failure. */
int pagemap_entry(const void *addr, struct pm_entry *e);

/*
 * user_space_end() - where /proc/PID/pagemap ends: the top of user space
 *
 * pagemap has an entry for every page of user space and reads return 0
 * bytes (end of file) from the first page that is not user space: on a
 * 32-bit kernel that is PAGE_OFFSET (0xC0000000 for VMSPLIT_3G), on a
 * 64-bit kernel running a 32-bit process it is 0xFFFFE000. Found by a
 * binary search over the page numbers, 20 reads.
 *
 * Return: the address (a multiple of 4096; 1ULL << 32 if every page
 * reads), or 0 when pagemap cannot be opened.
 */
unsigned long long user_space_end(pid_t pid);

#endif
