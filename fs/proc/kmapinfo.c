// SPDX-License-Identifier: MIT
/*
 * How this works: /proc/kmapinfo, this kernel's own report on the
 * highmem windows (Linux has no such file; its numbers are only in
 * debugfs and tracepoints):
 *
 *   kmap: pkmap 12 maps, 3 hash hits, 12 unmaps, 0 flushes, 0 waits; entries in use 0/1024, 12 awaiting flush
 *   kmap: kmap_local 40 highmem maps, slots in use 0/16 (deepest 3)
 *   pkmap    5 0xffa05000 pfn 0x3a2f1 users 0 (awaiting flush)
 *   kmap_local: pid 1 kernel_init slots 0
 *
 * The first two lines are mm/highmem.c's counters (the same text the
 * end of boot prints, kmap_stats_show()); then every pkmap entry that is
 * not free, its page and users; then, per task, how many kmap_local
 * slots it holds (task->kmap_ctrl.idx: the slots a switch saves and
 * restores). The reader itself holds none while the report is made.
 */
#include <asm/irqflags.h>
#include <kernel/proc_fs.h>
#include <kernel/sched.h>
#include <kernel/sched/task.h>
#include <kernel/seq_file.h>
#include <mm/highmem.h>

int kmapinfo_show(struct seq_file *m, void *v)
{
	struct task_struct *p;
	unsigned long flags;

	kmap_stats_seq_show(m, v);
	kmap_pkmap_entries_show(m, v);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		seq_printf(m, "kmap_local: pid %d %s slots %d\n", p->pid, p->comm, p->kmap_ctrl.idx);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}
