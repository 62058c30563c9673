// SPDX-License-Identifier: MIT
/*
 * showmaps: where a process's pages are, seen from inside it (docs/17).
 * Prints /proc/self/maps, then the /proc/self/pagemap entry of one page
 * of each kind (text, data, heap, an anonymous mmap, the stack): present
 * or not, the frame, whether the frame lies in ZONE_HIGHMEM (its
 * start_pfn read from /proc/zoneinfo, not assumed) and whether this
 * process alone maps it (pagemap bit 56). Then a fork: parent
 * and child see the same frame for a data page until the child writes
 * it (copy-on-write), when the child's entry names a new frame.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE_SIZE	4096UL
#define PM_PRESENT	(1ULL << 63)
#define PM_EXCLUSIVE	(1ULL << 56)
#define PM_PFN(e)	((e) & ((1ULL << 55) - 1))

static char text[8192];
static int data_page[1024] __attribute__((aligned(4096))) = { 1 };
static unsigned long long highmem_start = ~0ULL;	/* no HighMem zone: nothing is */

static unsigned long long entry(const void *addr)
{
	unsigned long long e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);
	off_t off = (off_t)((uintptr_t)addr / PAGE_SIZE * 8);

	if (fd < 0 || lseek(fd, off, SEEK_SET) != off || read(fd, &e, 8) != 8)
		e = 0;
	if (fd >= 0)
		close(fd);
	return e;
}

static void show(const char *who, const char *what, const void *addr)
{
	unsigned long long e = entry(addr);

	if (!(e & PM_PRESENT)) {
		printf("%s: %-6s %08lx  not present\n", who, what,
		       (unsigned long)((uintptr_t)addr & ~(PAGE_SIZE - 1)));
		return;
	}
	printf("%s: %-6s %08lx  pfn %#llx  %s, %s\n", who, what,
	       (unsigned long)((uintptr_t)addr & ~(PAGE_SIZE - 1)), PM_PFN(e),
	       PM_PFN(e) >= highmem_start ? "HighMem" : "lowmem",
	       e & PM_EXCLUSIVE ? "exclusive" : "shared");
}

/* HighMem's start_pfn from /proc/zoneinfo, if the zone spans pages. */
static void read_highmem_start(void)
{
	int fd = open("/proc/zoneinfo", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	char *z, *s, *p;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return;
	text[n] = 0;
	z = strstr(text, "zone  HighMem");
	s = z ? strstr(z, "spanned") : NULL;
	p = z ? strstr(z, "start_pfn:") : NULL;
	if (s && p && strtoul(s + strlen("spanned"), NULL, 10))
		highmem_start = strtoull(p + strlen("start_pfn:"), NULL, 10);
}

int main(int argc, char **argv, char **envp)
{
	char *heap = malloc(100);
	char *anon = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int local = 0, fd;
	ssize_t n;
	pid_t pid;

	read_highmem_start();
	heap[0] = 1;
	anon[0] = 1;			/* the second page stays untouched */
	data_page[0] = 1;		/* the file's data page, now a private copy */
	fd = open("/proc/self/maps", O_RDONLY);
	n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	if (n <= 0)
		return 1;
	text[n] = 0;
	close(fd);
	printf("showmaps: /proc/self/maps of pid %d\n%s", getpid(), text);
	show("showmaps", "text", (const void *)main);
	show("showmaps", "data", data_page);
	show("showmaps", "heap", heap);
	show("showmaps", "mmap", anon);
	show("showmaps", "mmap+1", anon + PAGE_SIZE);
	show("showmaps", "stack", &local);

	pid = fork();
	if (pid == 0) {
		show("child", "data", data_page);
		data_page[0] = 2;	/* the first write: a fault, a copy */
		show("child", "data", data_page);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &local, 0) != pid)
		return 1;
	show("parent", "data", data_page);
	return local == 0 ? 0 : 1;
}
