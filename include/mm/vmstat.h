/* SPDX-License-Identifier: MIT */
/*
 * Reports on memory, each a seq_file show function (the /proc file's
 * text) and a boot-log print of the same text: the boot log prints them,
 * tests and the tour too.
 */
#ifndef _MM_VMSTAT_H
#define _MM_VMSTAT_H

struct seq_file;

/* /proc/buddyinfo: "Node 0, zone   Normal      3      1      0 ... " (mm/vmstat.c) */
int buddyinfo_show(struct seq_file *m, void *v);
void show_buddyinfo(void);
/* /proc/zoneinfo: free, boost, min/low/high, spanned, present, managed, ... per zone */
int zoneinfo_show(struct seq_file *m, void *v);
void show_zoneinfo(void);
/* /proc/meminfo: MemTotal, MemFree, ..., HighTotal, HighFree, LowTotal, LowFree,
 * ..., PageTables, VmallocTotal/Used/Chunk (fs/proc/meminfo.c: it counts tasks too) */
int meminfo_proc_show(struct seq_file *m, void *v);
void show_meminfo(void);

#endif
