/* SPDX-License-Identifier: MIT */
/*
 * The record getdents64(2) fills a buffer with, Linux's layout
 * (struct linux_dirent64), and the d_type values: one definition for the
 * kernel's readdir and the user libc's <dirent.h>.
 */
#ifndef _UAPI_LINUX_DIRENT_H
#define _UAPI_LINUX_DIRENT_H

struct linux_dirent64 {
	unsigned long long d_ino;	/* inode number (never 0 for a real entry) */
	long long d_off;		/* cookie of the next entry: lseek() here resumes */
	unsigned short d_reclen;	/* this record's length, a multiple of 8 */
	unsigned char d_type;		/* DT_* */
	char d_name[];			/* NUL-terminated */
};

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

/* open(2) flag: fail with ENOTDIR unless the path is a directory (i386's value) */
#define O_DIRECTORY	0200000

#endif
