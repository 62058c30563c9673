// SPDX-License-Identifier: MIT
/*
 * Self-tests of the file layer and /proc: suite "proc" (`ktest=proc`).
 *
 * Each /proc report is generated into a seq_file from kernel code and
 * checked line by line against Linux 6.1's format (field names, order,
 * widths, units), then its numbers against the allocator's own counters
 * (MemFree against the zones' free_pages, buddyinfo against free_area,
 * slabinfo against kmem_cache_get_stats(), vmallocinfo against a
 * vmalloc() the case makes). maps, pagemap and status run on an mm built
 * by hand: mm_alloc() and kmalloc'd VMAs on mm->mmap,
 *
 *   08048000-08049000 r-xp  /bin/init (a fake initramfs inode, ino 12)
 *   0804a000-0804c000 rw-p  [heap]   start_brk 0804a000, brk 0804b800
 *   b7f00000-b7f02000 rw-p           anonymous
 *   bffdf000-bffff000 rw-p  [stack]  start_stack bfffe000, VM_GROWSDOWN
 *
 * with no pages mapped (so pagemap reads "in a VMA, not present").
 * The fd layer runs through kernel_read()/kernel_write() (no user
 * process exists here) and, with a table set on the test thread, through
 * the system calls themselves, whose kernel-address buffers must be
 * refused (-EFAULT) before anything is touched.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/initramfs.h>
#include <kernel/ktest.h>
#include <kernel/proc_fs.h>
#include <kernel/sched.h>
#include <kernel/sched/mm.h>
#include <kernel/seq_file.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/vmstat.h>

#define K(pages)	((unsigned long)(pages) << (PAGE_SHIFT - 10))

/* --- helpers ------------------------------------------------------------------ */

/* Generate @show into @m; the text is NUL-terminated (count < size after success). */
static char *gen(struct ktest *t, struct seq_file *m, int (*show)(struct seq_file *, void *), void *v)
{
	memset(m, 0, sizeof(*m));
	KTEST_ASSERT_EQ(t, seq_file_generate(m, show, v), 0);
	m->buf[m->count] = '\0';
	return m->buf;
}

/* Copy the line at *@p (without '\n') into @line and step past it. Return: false at the end. */
static bool next_line(const char **p, char *line, size_t size)
{
	const char *s = *p, *nl;
	size_t n;

	if (!*s)
		return false;
	nl = strchr(s, '\n');
	n = nl ? (size_t)(nl - s) : strlen(s);
	if (n >= size)
		n = size - 1;
	memcpy(line, s, n);
	line[n] = '\0';
	*p = nl ? nl + 1 : s + strlen(s);
	return true;
}

/* The first line of @text starting with @prefix, or NULL. */
static const char *find_line(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, prefix, n))
			return p;
	return NULL;
}

static bool contains(const char *text, const char *needle)
{
	size_t n = strlen(needle);

	for (; *text; text++)
		if (!strncmp(text, needle, n))
			return true;
	return false;
}

static unsigned long long number_after(const char *s)
{
	while (*s && (*s < '0' || *s > '9'))
		s++;
	return simple_strtoull(s, NULL, 10);
}

/* --- seq_file ---------------------------------------------------------------- */

static int show_big(struct seq_file *m, void *v)
{
	for (int i = 0; i < 2000; i++)
		seq_printf(m, "line %04d\n", i);	/* 10 bytes each: 20000, past one page */
	return 0;
}

/* One page, overflow, doubled, run again: the text is whole, never cut. */
static void seq_file_generate_grows(struct ktest *t)
{
	struct seq_file m;
	const char *text = gen(t, &m, show_big, NULL);

	KTEST_EXPECT_EQ(t, m.count, 20000);
	KTEST_EXPECT_GE(t, m.size, 32768);
	KTEST_EXPECT_TRUE(t, !strncmp(text + 19990, "line 1999\n", 10));
	seq_file_free(&m);
}

/* A write that does not fit writes nothing and marks the overflow. */
static void seq_printf_overflow_marks(struct ktest *t)
{
	char buf[8];
	struct seq_file m = { .buf = buf, .size = sizeof(buf) };

	seq_puts(&m, "abc");
	KTEST_EXPECT_EQ(t, m.count, 3);
	KTEST_EXPECT_FALSE(t, seq_has_overflowed(&m));
	seq_printf(&m, "%s", "defghijk");
	KTEST_EXPECT_TRUE(t, seq_has_overflowed(&m));
	seq_putc(&m, 'x');
	KTEST_EXPECT_EQ(t, m.count, m.size);
}

/* seq_setwidth(48) + seq_pad(' '): the maps line's path column. */
static void seq_pad_to_width(struct ktest *t)
{
	char buf[80];
	struct seq_file m = { .buf = buf, .size = sizeof(buf) };

	seq_setwidth(&m, 48);
	seq_puts(&m, "abc");
	seq_pad(&m, ' ');
	seq_putc(&m, 'X');
	KTEST_EXPECT_EQ(t, m.count, 50);
	KTEST_EXPECT_EQ(t, buf[49], 'X');
	KTEST_EXPECT_EQ(t, buf[47], ' ');
}

/* --- meminfo ------------------------------------------------------------------ */

static const char *const meminfo_labels[] = {
	"MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached",
	"Active", "Inactive", "Active(anon)", "Inactive(anon)", "Active(file)",
	"Inactive(file)", "Unevictable", "Mlocked", "HighTotal", "HighFree", "LowTotal",
	"LowFree", "SwapTotal", "SwapFree", "Zswap", "Zswapped", "Dirty", "Writeback",
	"AnonPages", "Mapped", "Shmem", "KReclaimable", "Slab", "SReclaimable", "SUnreclaim",
	"KernelStack", "PageTables", "SecPageTables", "NFS_Unstable", "Bounce",
	"WritebackTmp", "CommitLimit", "Committed_AS", "VmallocTotal", "VmallocUsed",
	"VmallocChunk", "Percpu", "HugePages_Total", "HugePages_Free", "HugePages_Rsvd",
	"HugePages_Surp", "Hugepagesize", "Hugetlb",
};

/*
 * Linux's order, and show_val_kb()'s shape: "Label:" padded to 16, the
 * value right-aligned in 8, " kB" (HugePages_*: a bare count in 5 after 19).
 */
static void meminfo_format_matches_linux(struct ktest *t)
{
	struct seq_file m;
	const char *p = gen(t, &m, meminfo_proc_show, NULL);
	char line[96], label[32];
	unsigned int i = 0;

	while (next_line(&p, line, sizeof(line))) {
		size_t n = strchr(line, ':') ? (size_t)(strchr(line, ':') - line) : 0;

		KTEST_ASSERT_TRUE(t, i < ARRAY_SIZE(meminfo_labels));
		memcpy(label, line, n);
		label[n] = '\0';
		if (strcmp(label, meminfo_labels[i]))
			ktest_log(t, "line %u: \"%s\", Linux has %s", i, line, meminfo_labels[i]);
		KTEST_EXPECT_STREQ(t, label, meminfo_labels[i]);
		if (!strncmp(line, "HugePages_", 10)) {
			KTEST_EXPECT_EQ(t, strlen(line), 24);
		} else {
			KTEST_EXPECT_EQ(t, strlen(line), 27);	/* 16 + 8 + " kB" */
			KTEST_EXPECT_TRUE(t, !strcmp(line + 24, " kB"));
			KTEST_EXPECT_TRUE(t, line[23] >= '0' && line[23] <= '9');
		}
		i++;
	}
	KTEST_EXPECT_EQ(t, i, ARRAY_SIZE(meminfo_labels));
	seq_file_free(&m);
}

/* The numbers are the allocator's: nothing allocates between the show and the sums. */
static void meminfo_values_match_zones(struct ktest *t)
{
	struct seq_file m;
	const char *text = gen(t, &m, meminfo_proc_show, NULL);
	const struct zone *zone;
	unsigned long free = 0, high_free = 0;

	for_each_zone(zone) {
		free += zone->free_pages;
		if (zone == &contig_page_data.node_zones[ZONE_HIGHMEM])
			high_free += zone->free_pages;
	}
	KTEST_EXPECT_EQ(t, number_after(find_line(text, "MemTotal:")), K(totalram_pages));
	KTEST_EXPECT_EQ(t, number_after(find_line(text, "MemFree:")), K(free));
	KTEST_EXPECT_EQ(t, number_after(find_line(text, "HighTotal:")), K(totalhigh_pages));
	KTEST_EXPECT_EQ(t, number_after(find_line(text, "HighFree:")), K(high_free));
	KTEST_EXPECT_EQ(t, number_after(find_line(text, "LowTotal:")),
			K(totalram_pages - totalhigh_pages));
	KTEST_EXPECT_EQ(t, number_after(find_line(text, "LowFree:")), K(free - high_free));
	KTEST_EXPECT_LE(t, number_after(find_line(text, "MemAvailable:")), K(free));
	KTEST_EXPECT_EQ(t, number_after(find_line(text, "Slab:")), K(nr_slab_pages()));
	KTEST_EXPECT_EQ(t, number_after(find_line(text, "VmallocTotal:")),
			(VMALLOC_END - VMALLOC_START) >> 10);
	KTEST_EXPECT_EQ(t, number_after(find_line(text, "KernelStack:")),
			(unsigned long long)nr_threads * (THREAD_SIZE >> 10));
	if (totalhigh_pages)
		ktest_log(t, "HighTotal %lu kB: highmem present", K(totalhigh_pages));
	seq_file_free(&m);
}

/* --- zoneinfo, buddyinfo -------------------------------------------------------- */

static const char *const zoneinfo_fields[] = {
	"  pages free     ", "        boost    ", "        min      ", "        low      ",
	"        high     ", "        spanned  ", "        present  ", "        managed  ",
	"        cma      ", "        protection: (", "      nr_free_pages ", "  pagesets",
};
/* A pageset per online CPU, as Linux prints it ("    cpu: N" first, checked apart). */
static const char *const zoneinfo_cpu_fields[] = {
	"              count: ", "              high:  ", "              batch: ",
	"  vm stats threshold: ",
};
static const char *const zoneinfo_tail_fields[] = {
	"  node_unreclaimable:  ", "  start_pfn:           ",
};

/* The next line starts with @want. Return: false if there is none. */
static bool zoneinfo_line(struct ktest *t, const char **p, char *line, size_t size,
			  const struct zone *zone, const char *want)
{
	if (!next_line(p, line, size))
		return false;
	if (strncmp(line, want, strlen(want)))
		ktest_log(t, "%s: \"%s\", want \"%s...\"", zone->name, line, want);
	KTEST_EXPECT_TRUE(t, !strncmp(line, want, strlen(want)));
	return true;
}

/*
 * Per populated zone: "Node 0, zone %8s", then Linux's fields in Linux's
 * order, with one pageset (cpu, count, high, batch, vm stats threshold)
 * for each online CPU, in CPU order (Linux's for_each_online_cpu()).
 */
static void zoneinfo_format_matches_linux(struct ktest *t)
{
	struct seq_file m;
	const char *p = gen(t, &m, zoneinfo_show, NULL);
	const struct zone *zone;
	char line[96], head[32];
	unsigned int cpu;

	for_each_zone(zone) {
		if (!zone->present_pages && !zone->managed_pages)
			continue;
		snprintf(head, sizeof(head), "Node 0, zone %8s", zone->name);
		KTEST_ASSERT_TRUE(t, next_line(&p, line, sizeof(line)));
		KTEST_EXPECT_STREQ(t, line, head);
		for (unsigned int i = 0; i < ARRAY_SIZE(zoneinfo_fields); i++) {
			KTEST_ASSERT_TRUE(t, zoneinfo_line(t, &p, line, sizeof(line), zone,
							   zoneinfo_fields[i]));
			if (i == 0)
				KTEST_EXPECT_EQ(t, number_after(line), zone->free_pages);
			if (i == 7)
				KTEST_EXPECT_EQ(t, number_after(line), zone->managed_pages);
		}
		for_each_online_cpu(cpu) {
			snprintf(head, sizeof(head), "    cpu: %u", cpu);
			KTEST_ASSERT_TRUE(t, next_line(&p, line, sizeof(line)));
			KTEST_EXPECT_STREQ(t, line, head);
			for (unsigned int i = 0; i < ARRAY_SIZE(zoneinfo_cpu_fields); i++)
				KTEST_ASSERT_TRUE(t, zoneinfo_line(t, &p, line, sizeof(line), zone,
								   zoneinfo_cpu_fields[i]));
		}
		for (unsigned int i = 0; i < ARRAY_SIZE(zoneinfo_tail_fields); i++)
			KTEST_ASSERT_TRUE(t, zoneinfo_line(t, &p, line, sizeof(line), zone,
							   zoneinfo_tail_fields[i]));
		KTEST_EXPECT_EQ(t, number_after(line), zone->zone_start_pfn);
	}
	KTEST_EXPECT_FALSE(t, next_line(&p, line, sizeof(line)));
	seq_file_free(&m);
}

/* "Node 0, zone %8s " then "%6lu " per order (Linux's frag_show()), equal to free_area. */
static void buddyinfo_matches_free_area(struct ktest *t)
{
	struct seq_file m;
	const char *p = gen(t, &m, buddyinfo_show, NULL);
	const struct zone *zone;
	char line[160], want[160];

	for_each_zone(zone) {
		int n;

		if (!zone->present_pages && !zone->managed_pages)
			continue;
		n = snprintf(want, sizeof(want), "Node 0, zone %8s ", zone->name);
		for (unsigned int o = 0; o < MAX_ORDER; o++)
			n += snprintf(want + n, sizeof(want) - n, "%6lu ", zone->free_area[o].nr_free);
		KTEST_ASSERT_TRUE(t, next_line(&p, line, sizeof(line)));
		KTEST_EXPECT_STREQ(t, line, want);
		KTEST_EXPECT_EQ(t, strlen(line), 13 + 8 + 1 + MAX_ORDER * 7);
	}
	seq_file_free(&m);
}

/* --- slabinfo ------------------------------------------------------------------ */

/* Version 2.1's two header lines verbatim; a cache's line has its counts and both tails. */
static void slabinfo_format_matches_linux(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("proc-test", 100, 0, 0, NULL);
	struct kmem_cache_stats st;
	struct seq_file m;
	const char *text, *p, *l;
	char line[200], want[200];
	void *obj[3];

	KTEST_ASSERT_NOT_NULL(t, c);
	for (int i = 0; i < 3; i++)
		obj[i] = kmem_cache_alloc(c, GFP_KERNEL);
	text = gen(t, &m, slabinfo_seq_show, NULL);
	kmem_cache_get_stats(c, &st);
	p = text;
	KTEST_ASSERT_TRUE(t, next_line(&p, line, sizeof(line)));
	KTEST_EXPECT_STREQ(t, line, "slabinfo - version: 2.1");
	KTEST_ASSERT_TRUE(t, next_line(&p, line, sizeof(line)));
	KTEST_EXPECT_STREQ(t, line, "# name            <active_objs> <num_objs> <objsize> "
			   "<objperslab> <pagesperslab> : tunables <limit> <batchcount> "
			   "<sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>");
	l = find_line(text, "proc-test ");
	KTEST_ASSERT_NOT_NULL(t, l);
	next_line(&l, line, sizeof(line));
	snprintf(want, sizeof(want), "%-17s %6lu %6lu %6u %4u %4u : tunables    0    0    0"
		 " : slabdata %6lu %6lu      0", "proc-test", 3UL, st.num_objs, st.size,
		 st.objects_per_slab, st.pages_per_slab, st.nr_slabs, st.nr_slabs);
	KTEST_EXPECT_STREQ(t, line, want);
	seq_file_free(&m);
	for (int i = 0; i < 3; i++)
		kmem_cache_free(c, obj[i]);
	kmem_cache_destroy(c);
}

/* --- vmallocinfo ---------------------------------------------------------------- */

/* "0x%08lx-0x%08lx %7lu caller+off/size pages=3 vmalloc", and VmallocUsed grows by 12 kB. */
static void vmallocinfo_lists_area(struct ktest *t)
{
	unsigned long used0 = vmalloc_nr_pages();
	void *p = vmalloc(3 * PAGE_SIZE);
	struct seq_file m;
	const char *text, *l;
	char line[160], want[40];

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, vmalloc_nr_pages(), used0 + 3);
	text = gen(t, &m, vmallocinfo_seq_show, NULL);
	snprintf(want, sizeof(want), "0x%08lx-0x%08lx   16384 ", (unsigned long)p,
		 (unsigned long)p + 4 * PAGE_SIZE);
	l = find_line(text, want);
	KTEST_ASSERT_NOT_NULL(t, l);
	next_line(&l, line, sizeof(line));
	ktest_log(t, "%s", line);
	KTEST_EXPECT_TRUE(t, !strncmp(line + strlen(want), "vmallocinfo_lists_area+0x", 25));
	KTEST_EXPECT_NOT_NULL(t, strchr(line, '/'));
	KTEST_EXPECT_TRUE(t, !strcmp(line + strlen(line) - 16, " pages=3 vmalloc"));
	seq_file_free(&m);
	vfree(p);
}

/* --- kmapinfo -------------------------------------------------------------------- */

/* The counters' line first; a kmap()ed highmem page shows as an entry with one user. */
static void kmapinfo_shows_entry_and_tasks(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct seq_file m;
	const char *text;
	char want[48];
	void *addr;

	KTEST_ASSERT_NOT_NULL(t, page);
	addr = kmap(page);
	text = gen(t, &m, kmapinfo_show, NULL);
	KTEST_EXPECT_TRUE(t, !strncmp(text, "kmap: pkmap ", 12));
	if (PageHighMem(page)) {
		snprintf(want, sizeof(want), " 0x%08lx pfn 0x%05lx users 1\n", (unsigned long)addr,
			 page_to_pfn(page));
		KTEST_EXPECT_TRUE(t, contains(text, want));
	}
	snprintf(want, sizeof(want), "kmap_local: pid %d %s slots ", current->pid, current->comm);
	KTEST_EXPECT_NOT_NULL(t, find_line(text, want));
	seq_file_free(&m);
	kunmap(page);
	__free_page(page);
}

/* --- a hand-built mm: maps, status, pagemap --------------------------------------- */

static const struct ramfs_inode fake_init = {
	.name = "/bin/init", .data = (const u8 *)"", .size = 4096, .mode = S_IFREG | 0755, .ino = 12,
};

static struct vm_area_struct *add_vma(struct mm_struct *mm, unsigned long start, unsigned long end,
				      unsigned long flags, const struct ramfs_inode *file)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (!vma)
		return NULL;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_mm = mm;
	vma->vm_flags = flags;
	vma->vm_file = file;
	list_add_tail(&vma->vm_list, &mm->mmap);	/* callers add in address order */
	mm->map_count++;
	mm->total_vm += (end - start) >> PAGE_SHIFT;
	return vma;
}

static struct mm_struct *build_mm(struct ktest *t)
{
	struct mm_struct *mm = mm_alloc();

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_NOT_NULL(t, add_vma(mm, 0x08048000, 0x08049000, VM_READ | VM_EXEC, &fake_init));
	KTEST_ASSERT_NOT_NULL(t, add_vma(mm, 0x0804a000, 0x0804c000, VM_READ | VM_WRITE, NULL));
	KTEST_ASSERT_NOT_NULL(t, add_vma(mm, 0xb7f00000, 0xb7f02000, VM_READ | VM_WRITE, NULL));
	KTEST_ASSERT_NOT_NULL(t, add_vma(mm, 0xbffdf000, 0xbffff000,
					 VM_READ | VM_WRITE | VM_GROWSDOWN, NULL));
	mm->start_code = 0x08048000;
	mm->end_code = 0x08048800;
	mm->start_brk = 0x0804a000;
	mm->brk = 0x0804b800;
	mm->start_stack = 0xbfffe000;
	mm->rss_anon = 3;
	mm->rss_file = 1;
	mm->pgtables_bytes = 2 * PAGE_SIZE;
	return mm;
}

/* The VMAs are the test's (kmalloc'd): take them off before the mm goes. */
static void free_mm(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;

	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		list_del(&vma->vm_list);
		kfree(vma);
	}
	mm->map_count = 0;
	mm->total_vm = 0;
	mm->rss_anon = mm->rss_file = mm->pgtables_bytes = 0;
	mmput(mm);
}

static int maps_show(struct seq_file *m, void *v)
{
	return proc_maps_show_mm(m, v);
}

/* Linux's show_map_vma() byte for byte: 48 columns, then the name. */
static void maps_lines_match_linux(struct ktest *t)
{
	static const char *const want[] = {
		"08048000-08049000 r-xp 00000000 00:01 12         /bin/init",
		"0804a000-0804c000 rw-p 00000000 00:00 0          [heap]",
		"b7f00000-b7f02000 rw-p 00000000 00:00 0 ",
		"bffdf000-bffff000 rw-p 00000000 00:00 0          [stack]",
	};
	struct mm_struct *mm = build_mm(t);
	struct seq_file m;
	const char *p = gen(t, &m, maps_show, mm);
	char line[128];

	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		KTEST_ASSERT_TRUE(t, next_line(&p, line, sizeof(line)));
		KTEST_EXPECT_STREQ(t, line, want[i]);
	}
	KTEST_EXPECT_FALSE(t, next_line(&p, line, sizeof(line)));
	seq_file_free(&m);
	free_mm(mm);
}

static void task_mem_show_mm(struct seq_file *m, void *v)
{
	task_mem(m, v);
}

static int task_mem_show(struct seq_file *m, void *v)
{
	task_mem_show_mm(m, v);
	return 0;
}

/* task_mem()'s lines in Linux's order, "\t%8lu kB", from the VMAs and counters. */
static void status_vm_lines_match_mm(struct ktest *t)
{
	static const struct { const char *label; unsigned long kb; } want[] = {
		{ "VmPeak:", 148 }, { "VmSize:", 148 }, { "VmLck:", 0 }, { "VmPin:", 0 },
		{ "VmHWM:", 16 }, { "VmRSS:", 16 }, { "RssAnon:", 12 }, { "RssFile:", 4 },
		{ "RssShmem:", 0 }, { "VmData:", 16 }, { "VmStk:", 128 }, { "VmExe:", 4 },
		{ "VmLib:", 0 }, { "VmPTE:", 8 }, { "VmSwap:", 0 }, { "HugetlbPages:", 0 },
	};
	struct mm_struct *mm = build_mm(t);
	struct seq_file m;
	const char *p = gen(t, &m, task_mem_show, mm);
	char line[64], expect[64];

	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		snprintf(expect, sizeof(expect), "%s\t%8lu kB", want[i].label, want[i].kb);
		KTEST_ASSERT_TRUE(t, next_line(&p, line, sizeof(line)));
		KTEST_EXPECT_STREQ(t, line, expect);
	}
	seq_file_free(&m);
	free_mm(mm);
}

static int status_show(struct seq_file *m, void *v)
{
	return proc_pid_status(m, v);
}

/* The test thread's own status: Linux's first lines; no Vm* for a kernel thread. */
static void status_of_kernel_thread(struct ktest *t)
{
	static const char *const order[] = {
		"Name:", "State:", "Tgid:", "Ngid:", "Pid:", "PPid:", "TracerPid:", "Uid:", "Gid:",
		"FDSize:", "Groups:", "NStgid:", "NSpid:", "NSpgid:", "NSsid:", "Threads:",
		"SigPnd:", "ShdPnd:", "SigBlk:", "SigIgn:", "SigCgt:", "CapInh:", "CapPrm:",
		"CapEff:", "CapBnd:", "CapAmb:", "NoNewPrivs:", "Seccomp:", "Seccomp_filters:",
		"Cpus_allowed:", "Cpus_allowed_list:", "Mems_allowed:", "Mems_allowed_list:",
		"voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:",
	};
	struct seq_file m;
	const char *p = gen(t, &m, status_show, current);
	char line[96], want[48];

	for (unsigned int i = 0; i < ARRAY_SIZE(order); i++) {
		KTEST_ASSERT_TRUE(t, next_line(&p, line, sizeof(line)));
		KTEST_EXPECT_TRUE(t, !strncmp(line, order[i], strlen(order[i])));
		KTEST_EXPECT_EQ(t, line[strlen(order[i])], '\t');
	}
	snprintf(want, sizeof(want), "Name:\t%s\nState:\tR (running)\n", current->comm);
	KTEST_EXPECT_TRUE(t, !strncmp(m.buf, want, strlen(want)));
	snprintf(want, sizeof(want), "Pid:\t%d\n", current->pid);
	KTEST_EXPECT_NOT_NULL(t, find_line(m.buf, want));
	KTEST_EXPECT_NULL(t, find_line(m.buf, "VmSize:"));
	seq_file_free(&m);
}

/*
 * pagemap of the hand-built mm, no page mapped: 0 outside VMAs, bit 55
 * (soft-dirty) alone inside one; 8-byte alignment enforced; 0 past the
 * user half.
 */
static void pagemap_entries_by_offset(struct ktest *t)
{
	struct mm_struct *mm = build_mm(t);
	struct file *f = proc_pagemap_open_mm(mm, O_RDONLY);
	u64 e[4] = { 1, 1, 1, 1 };
	loff_t pos = (0x08047000 >> PAGE_SHIFT) * 8;

	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_read(f, e, sizeof(e), &pos), 32);
	KTEST_EXPECT_EQ(t, e[0], 0);			/* 08047000: no VMA */
	KTEST_EXPECT_EQ(t, e[1], PM_SOFT_DIRTY);	/* 08048000: text, not present */
	KTEST_EXPECT_EQ(t, e[2], 0);			/* 08049000: gap */
	KTEST_EXPECT_EQ(t, e[3], PM_SOFT_DIRTY);	/* 0804a000: heap */
	KTEST_EXPECT_EQ(t, pos, (0x0804b000 >> PAGE_SHIFT) * 8);
	pos = 4;
	KTEST_EXPECT_EQ(t, kernel_read(f, e, 8, &pos), -EINVAL);
	pos = 0;
	KTEST_EXPECT_EQ(t, kernel_read(f, e, 12, &pos), -EINVAL);
	pos = (PAGE_OFFSET >> PAGE_SHIFT) * 8;
	KTEST_EXPECT_EQ(t, kernel_read(f, e, 8, &pos), 0);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 0, SEEK_END), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 0x1000, SEEK_SET), 0x1000);
	/* the file holds the struct (mm_count), not the pages (mm_users): Linux's rule */
	KTEST_EXPECT_EQ(t, mm->mm_users, 1);
	KTEST_EXPECT_EQ(t, mm->mm_count, 2);
	fput(f);
	KTEST_EXPECT_EQ(t, mm->mm_count, 1);
	free_mm(mm);
}

/* --- the fd layer --------------------------------------------------------------------- */

/* /proc/meminfo read 100 bytes at a time reassembles the report; lseek re-reads it. */
static void proc_file_read_in_pieces(struct ktest *t)
{
	struct file *f = filp_open("/proc/meminfo", O_RDONLY, 0);
	struct seq_file *m;
	char *copy, piece[100];
	size_t total = 0;
	ssize_t n;

	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	m = f->private_data;
	copy = kmalloc(m->count + 1, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, copy);
	while ((n = kernel_read(f, piece, sizeof(piece), &f->f_pos)) > 0) {
		KTEST_ASSERT_TRUE(t, total + n <= m->count);
		memcpy(copy + total, piece, n);
		total += n;
	}
	KTEST_EXPECT_EQ(t, n, 0);
	KTEST_EXPECT_EQ(t, total, m->count);
	KTEST_EXPECT_TRUE(t, !memcmp(copy, m->buf, total));
	KTEST_EXPECT_TRUE(t, !strncmp(copy, "MemTotal:", 9));
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 0, SEEK_SET), 0);
	KTEST_EXPECT_EQ(t, kernel_read(f, piece, 9, &f->f_pos), 9);
	KTEST_EXPECT_TRUE(t, !strncmp(piece, "MemTotal:", 9));
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 0, SEEK_END), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, -1, SEEK_SET), -EINVAL);
	KTEST_EXPECT_EQ(t, kernel_write(f, "x", 1, &f->f_pos), -EBADF);
	kfree(copy);
	fput(f);
}

/* Linux's errors for the paths this kernel knows. */
static void filp_open_errors(struct ktest *t)
{
	char longname[300];
	struct file *f;

	memset(longname, 'a', sizeof(longname));
	longname[0] = '/';
	longname[sizeof(longname) - 1] = '\0';
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("", O_RDONLY, 0)), -ENOENT);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/no/such/file", O_RDONLY, 0)), -ENOENT);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/newfile", O_WRONLY | O_CREAT, 0644)), -EROFS);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open(longname, O_RDONLY, 0)), -ENAMETOOLONG);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/meminfo", O_WRONLY, 0)), -EACCES);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/nosuch", O_RDONLY, 0)), -ENOENT);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/99999999/status", O_RDONLY, 0)), -ENOENT);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/0/status", O_RDONLY, 0)), -ENOENT);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/self/nosuch", O_RDONLY, 0)), -ENOENT);
	f = filp_open("/proc", O_RDONLY, 0);	/* a directory opens; read() says so */
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_read(f, longname, 8, &f->f_pos), -EISDIR);
	fput(f);
}

/* /proc/self is current; status and maps of a kernel thread open (maps empty). */
static void proc_self_is_current(struct ktest *t)
{
	struct file *f = filp_open("/proc/self/status", O_RDONLY, 0);
	char want[32];
	struct seq_file *m;

	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	m = f->private_data;
	m->buf[m->count] = '\0';
	snprintf(want, sizeof(want), "Pid:\t%d\n", current->pid);
	KTEST_EXPECT_NOT_NULL(t, find_line(m->buf, want));
	fput(f);
	snprintf(want, sizeof(want), "/proc/%d/maps", current->pid);
	f = filp_open(want, O_RDONLY, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_read(f, want, sizeof(want), &f->f_pos), 0);
	fput(f);
}

/* /dev/null: EOF and a sink; /dev/zero: zeroes; both seek to 0; the console cannot seek. */
static void chrdev_semantics(struct ktest *t)
{
	struct file *null = filp_open("/dev/null", O_RDWR, 0);
	struct file *zero = filp_open("/dev/zero", O_RDONLY, 0);
	struct file *con = filp_open("/dev/console", O_WRONLY, 0);
	char buf[16];

	KTEST_ASSERT_TRUE(t, !IS_ERR(null) && !IS_ERR(zero) && !IS_ERR(con));
	KTEST_EXPECT_EQ(t, kernel_read(null, buf, sizeof(buf), &null->f_pos), 0);
	KTEST_EXPECT_EQ(t, kernel_write(null, "hello", 5, &null->f_pos), 5);
	memset(buf, 0xaa, sizeof(buf));
	KTEST_EXPECT_EQ(t, kernel_read(zero, buf, sizeof(buf), &zero->f_pos), 16);
	KTEST_EXPECT_NULL(t, memchr_inv(buf, 0, sizeof(buf)));
	KTEST_EXPECT_EQ(t, kernel_write(zero, "x", 1, &zero->f_pos), -EBADF);	/* O_RDONLY */
	KTEST_EXPECT_EQ(t, vfs_llseek(null, 100, SEEK_SET), 0);
	KTEST_EXPECT_EQ(t, vfs_llseek(con, 0, SEEK_CUR), -ESPIPE);
	KTEST_EXPECT_EQ(t, kernel_write(con, "proc: console raw\n", 18, &con->f_pos), 18);
	KTEST_EXPECT_EQ(t, kernel_read(con, buf, 1, &con->f_pos), -EBADF);	/* O_WRONLY */
	fput(null);
	fput(zero);
	fput(con);
}

/* An initramfs file: read, seek past the end (read 0), refuse writes; a directory: -EISDIR. */
static void ramfs_file_read_and_seek(struct ktest *t)
{
	static const u8 bytes[] = "0123456789";
	static const struct ramfs_inode file = {
		.name = "/etc/digits", .data = bytes, .size = 10, .mode = S_IFREG | 0644, .ino = 3,
	};
	static const struct ramfs_inode dir = { .name = "/etc", .mode = S_IFDIR | 0755, .ino = 2 };
	struct file *f = ramfs_file_open(&file, O_RDONLY);
	char buf[16];

	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, 4, &f->f_pos), 4);
	KTEST_EXPECT_TRUE(t, !memcmp(buf, "0123", 4));
	KTEST_EXPECT_EQ(t, vfs_llseek(f, -2, SEEK_END), 8);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &f->f_pos), 2);
	KTEST_EXPECT_TRUE(t, !memcmp(buf, "89", 2));
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 100, SEEK_SET), 100);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &f->f_pos), 0);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 0, 7), -EINVAL);
	fput(f);
	KTEST_EXPECT_EQ(t, PTR_ERR(ramfs_file_open(&file, O_WRONLY)), -EROFS);
	KTEST_EXPECT_EQ(t, PTR_ERR(ramfs_file_open(&dir, O_RDWR)), -EISDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(ramfs_file_open(&file, O_RDONLY | O_DIRECTORY)), -ENOTDIR);
	f = ramfs_file_open(&dir, O_RDONLY);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &f->f_pos), -EISDIR);
	fput(f);
}

/*
 * The table: 0-2 on the console, then the lowest free fd, -EMFILE at 32;
 * dup_fd() shares files (f_count 2) and put_files_struct() gives them back.
 * The system calls on the test thread's table: bad fds, kernel pointers.
 */
static void fd_table_and_syscalls(struct ktest *t)
{
	struct files_struct *files = files_alloc_console(), *child, *saved = current->files;
	struct file *f;
	char buf[8];
	int fd;

	KTEST_ASSERT_NOT_NULL(t, files);
	for (fd = 0; fd < 3; fd++)
		KTEST_EXPECT_PTR_EQ(t, files->fd_array[fd]->f_op, &console_fops);
	for (fd = 3; fd < NR_OPEN_DEFAULT; fd++) {
		f = filp_open("/dev/null", O_RDONLY, 0);
		KTEST_ASSERT_TRUE(t, !IS_ERR(f));
		KTEST_EXPECT_EQ(t, fd_install_file(files, f), fd);
	}
	f = filp_open("/dev/null", O_RDONLY, 0);
	KTEST_EXPECT_EQ(t, fd_install_file(files, f), -EMFILE);
	fput(f);
	child = dup_fd(files);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_PTR_EQ(t, child->fd_array[5], files->fd_array[5]);
	KTEST_EXPECT_EQ(t, files->fd_array[5]->f_count, 2);
	put_files_struct(child);
	KTEST_EXPECT_EQ(t, files->fd_array[5]->f_count, 1);

	current->files = files;
	KTEST_EXPECT_EQ(t, sys_close(5), 0);
	KTEST_EXPECT_EQ(t, sys_close(5), -EBADF);
	KTEST_EXPECT_EQ(t, sys_close(1000), -EBADF);
	f = filp_open("/dev/zero", O_RDONLY, 0);
	KTEST_EXPECT_EQ(t, fd_install_file(files, f), 5);	/* the lowest free one */
	KTEST_EXPECT_EQ(t, sys_read(99, NULL, 1), -EBADF);
	KTEST_EXPECT_EQ(t, sys_read(5, (char __user *)buf, sizeof(buf)), -EFAULT);	/* kernel address */
	KTEST_EXPECT_EQ(t, sys_write(5, (const char __user *)0x1000, 1), -EBADF);	/* O_RDONLY */
	KTEST_EXPECT_EQ(t, sys_lseek(0, 0, SEEK_CUR), -ESPIPE);	/* the console */
	KTEST_EXPECT_EQ(t, sys_lseek(5, 0, 3), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_lseek(77, 0, SEEK_SET), -EBADF);
	KTEST_EXPECT_EQ(t, sys_open((const char __user *)buf, O_RDONLY, 0) < 0, 1);
	current->files = saved;
	put_files_struct(files);
}

static const struct ktest_case proc_cases[] = {
	KTEST_CASE(seq_file_generate_grows),
	KTEST_CASE(seq_printf_overflow_marks),
	KTEST_CASE(seq_pad_to_width),
	KTEST_CASE(meminfo_format_matches_linux),
	KTEST_CASE(meminfo_values_match_zones),
	KTEST_CASE(zoneinfo_format_matches_linux),
	KTEST_CASE(buddyinfo_matches_free_area),
	KTEST_CASE(slabinfo_format_matches_linux),
	KTEST_CASE(vmallocinfo_lists_area),
	KTEST_CASE(kmapinfo_shows_entry_and_tasks),
	KTEST_CASE(maps_lines_match_linux),
	KTEST_CASE(status_vm_lines_match_mm),
	KTEST_CASE(status_of_kernel_thread),
	KTEST_CASE(pagemap_entries_by_offset),
	KTEST_CASE(proc_file_read_in_pieces),
	KTEST_CASE(filp_open_errors),
	KTEST_CASE(proc_self_is_current),
	KTEST_CASE(chrdev_semantics),
	KTEST_CASE(ramfs_file_read_and_seek),
	KTEST_CASE(fd_table_and_syscalls),
	{}
};

KTEST_SUITE(proc) = { .name = "proc", .cases = proc_cases };
