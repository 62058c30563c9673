/* SPDX-License-Identifier: MIT */
/* Reports on memory: the boot log prints them, tests and the tour too. */
#ifndef _MM_VMSTAT_H
#define _MM_VMSTAT_H

/* "Node 0, zone   Normal   3   1   0 ..." as /proc/buddyinfo */
void show_buddyinfo(void);
/* free, min/low/high, managed, spanned, present per zone (/proc/zoneinfo) */
void show_zoneinfo(void);
/* MemTotal, MemFree, HighTotal, HighFree, LowTotal, LowFree (/proc/meminfo) */
void show_meminfo(void);

#endif
