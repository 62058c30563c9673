/* SPDX-License-Identifier: MIT */
/* TEMPORARY (branch proc): the fs helper's header replaces this at merge. */
#ifndef _KERNEL_FS_H
#define _KERNEL_FS_H
struct files_struct;
struct files_struct *files_alloc_console(void);
struct files_struct *dup_fd(struct files_struct *old);
void put_files_struct(struct files_struct *files);
#endif
