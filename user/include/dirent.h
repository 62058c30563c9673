/* SPDX-License-Identifier: MIT */
/*
 * dirent.h: reading a directory. opendir() opens it (O_DIRECTORY),
 * readdir() hands out one entry at a time from a buffer that getdents64()
 * refills (struct linux_dirent64, include/uapi/linux/dirent.h).
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <linux/dirent.h>
#include <sys/types.h>

struct dirent {
	unsigned long long d_ino;
	unsigned char d_type;		/* DT_* */
	char d_name[256];
};

typedef struct __dirstream DIR;

DIR *opendir(const char *path);		/* NULL and errno on failure */
struct dirent *readdir(DIR *d);		/* NULL at the end (errno unchanged) or on error (errno set) */
int closedir(DIR *d);
int getdents64(int fd, void *buf, unsigned int count);

#endif
