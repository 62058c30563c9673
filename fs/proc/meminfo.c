// SPDX-License-Identifier: MIT
/*
 * How this works: /proc/meminfo, Linux 6.1's lines in Linux's order
 * (fs/proc/meminfo.c): "Label:" padded to 16 columns, the value in 8,
 * " kB" (show_val_kb()), so the file diffs line by line against an i386
 * Linux's. The values:
 *
 *   MemTotal       totalram_pages (managed by the buddy allocator)
 *   MemFree        the zones' free_pages (buddy lists + per-CPU lists)
 *   MemAvailable   MemFree - totalreserve (per zone: high watermark +
 *                  its largest lowmem_reserve), as si_mem_available()
 *                  without the page cache and reclaimable slab it adds
 *   HighTotal/Free totalhigh_pages / HighMem's free pages
 *   LowTotal/Free  the rest: what the kernel can address directly
 *   AnonPages      rss_anon, Mapped rss_file, summed over the processes
 *   Slab           every cache's slabs (all SUnreclaim: no shrinkers)
 *   KernelStack    8 KiB per task (THREAD_SIZE)
 *   PageTables     the processes' user page tables (mm->pgtables_bytes)
 *   Committed_AS   the processes' total_vm (every mapping counts)
 *   CommitLimit    half of RAM (overcommit_ratio 50, no swap)
 *   VmallocTotal   the vmalloc area; VmallocUsed: pages vmalloc() mapped;
 *                  VmallocChunk 0, as Linux has printed since 5.3
 *   Hugepagesize   the large page size (4 MiB, 2 MiB with PAE)
 *
 * and 0 for what this kernel does not have: page cache (Buffers,
 * Cached), LRU lists (Active, Inactive, ...), swap, writeback, shmem,
 * per-CPU chunks (Percpu: per-CPU data is static here), zswap, huge
 * pages.
 *
 * show_meminfo() prints the same text in the boot log. It lives here,
 * not in mm/vmstat.c beside the other reports, because it counts tasks:
 * mm/ printing would then depend on kernel/fork.c, which depends on mm/.
 *
 * Where it differs from Linux: no DirectMap4k/4M lines (the boot's
 * direct map is described by the "virtual kernel memory layout" print),
 * no HardwareCorrupted or THP lines, no arch_report_meminfo().
 */
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <kernel/proc_fs.h>
#include <kernel/sched.h>
#include <kernel/sched/task.h>
#include <kernel/seq_file.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/vmstat.h>

#define K(pages)	((unsigned long)(pages) << (PAGE_SHIFT - 10))

/* "MemTotal:        3843288 kB" */
static void show_val_kb(struct seq_file *m, const char *s, unsigned long pages)
{
	seq_put_decimal_ull_width(m, s, K(pages), 8);
	seq_puts(m, " kB\n");
}

struct task_totals {
	unsigned long anon, file, pgtables_bytes, total_vm;
};

/* Sum the processes' counters, under tasklist_lock. */
static void sum_tasks(struct task_totals *t)
{
	struct task_struct *p;
	unsigned long flags;

	*t = (struct task_totals){ 0 };
	spin_lock_irqsave(&tasklist_lock, flags);
	task_lock(NULL);		/* every task's ->mm steady against exit/exec on other CPUs */
	list_for_each_entry(p, &task_list, tasks) {
		if (!p->mm)
			continue;
		t->anon += p->mm->rss_anon;
		t->file += p->mm->rss_file;
		t->pgtables_bytes += p->mm->pgtables_bytes;
		t->total_vm += p->mm->total_vm;
	}
	task_unlock(NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static unsigned long totalreserve_pages(void)
{
	const struct zone *zone;
	unsigned long reserve = 0;

	for_each_zone(zone) {
		unsigned long max = 0;

		for (int j = 0; j < MAX_NR_ZONES; j++)
			if (zone->lowmem_reserve[j] > max)
				max = zone->lowmem_reserve[j];
		max += zone->watermark[WMARK_HIGH];
		reserve += max < zone->managed_pages ? max : zone->managed_pages;
	}
	return reserve;
}

int meminfo_proc_show(struct seq_file *m, void *v)
{
	const struct zone *zone;
	unsigned long free = 0, high_free = 0, reserve = totalreserve_pages(), slab = nr_slab_pages();
	struct task_totals t;
	int threads = nr_threads;

	for_each_zone(zone) {
		free += zone->free_pages;
		if (zone == &contig_page_data.node_zones[ZONE_HIGHMEM])
			high_free += zone->free_pages;
	}
	sum_tasks(&t);

	show_val_kb(m, "MemTotal:       ", totalram_pages);
	show_val_kb(m, "MemFree:        ", free);
	show_val_kb(m, "MemAvailable:   ", free > reserve ? free - reserve : 0);
	show_val_kb(m, "Buffers:        ", 0);
	show_val_kb(m, "Cached:         ", 0);
	show_val_kb(m, "SwapCached:     ", 0);
	show_val_kb(m, "Active:         ", 0);
	show_val_kb(m, "Inactive:       ", 0);
	show_val_kb(m, "Active(anon):   ", 0);
	show_val_kb(m, "Inactive(anon): ", 0);
	show_val_kb(m, "Active(file):   ", 0);
	show_val_kb(m, "Inactive(file): ", 0);
	show_val_kb(m, "Unevictable:    ", 0);
	show_val_kb(m, "Mlocked:        ", 0);
	show_val_kb(m, "HighTotal:      ", totalhigh_pages);
	show_val_kb(m, "HighFree:       ", high_free);
	show_val_kb(m, "LowTotal:       ", totalram_pages - totalhigh_pages);
	show_val_kb(m, "LowFree:        ", free - high_free);
	show_val_kb(m, "SwapTotal:      ", 0);
	show_val_kb(m, "SwapFree:       ", 0);
	show_val_kb(m, "Zswap:          ", 0);
	show_val_kb(m, "Zswapped:       ", 0);
	show_val_kb(m, "Dirty:          ", 0);
	show_val_kb(m, "Writeback:      ", 0);
	show_val_kb(m, "AnonPages:      ", t.anon);
	show_val_kb(m, "Mapped:         ", t.file);
	show_val_kb(m, "Shmem:          ", 0);
	show_val_kb(m, "KReclaimable:   ", 0);
	show_val_kb(m, "Slab:           ", slab);
	show_val_kb(m, "SReclaimable:   ", 0);
	show_val_kb(m, "SUnreclaim:     ", slab);
	seq_printf(m, "KernelStack:    %8lu kB\n", (unsigned long)threads * (THREAD_SIZE >> 10));
	show_val_kb(m, "PageTables:     ", t.pgtables_bytes >> PAGE_SHIFT);
	show_val_kb(m, "SecPageTables:  ", 0);
	show_val_kb(m, "NFS_Unstable:   ", 0);
	show_val_kb(m, "Bounce:         ", 0);
	show_val_kb(m, "WritebackTmp:   ", 0);
	show_val_kb(m, "CommitLimit:    ", totalram_pages / 2);
	show_val_kb(m, "Committed_AS:   ", t.total_vm);
	seq_printf(m, "VmallocTotal:   %8lu kB\n", (VMALLOC_END - VMALLOC_START) >> 10);
	show_val_kb(m, "VmallocUsed:    ", vmalloc_nr_pages());
	show_val_kb(m, "VmallocChunk:   ", 0);
	show_val_kb(m, "Percpu:         ", 0);
	seq_printf(m, "HugePages_Total:   %5lu\nHugePages_Free:    %5lu\n"
		   "HugePages_Rsvd:    %5lu\nHugePages_Surp:    %5lu\n", 0UL, 0UL, 0UL, 0UL);
	seq_printf(m, "Hugepagesize:   %8lu kB\n", (unsigned long)(IS_ENABLED(CONFIG_X86_PAE) ? 2048 : 4096));
	seq_printf(m, "Hugetlb:        %8lu kB\n", 0UL);
	return 0;
}

void show_meminfo(void)
{
	seq_printk_show(meminfo_proc_show, NULL);
}
