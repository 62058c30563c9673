/* SPDX-License-Identifier: MIT */
/* fcntl.h: open() and Linux's i386 O_* flags. */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>

#define O_RDONLY	00
#define O_WRONLY	01
#define O_RDWR		02
#define O_CREAT		0100
#define O_TRUNC		01000
#define O_APPEND	02000
#include <linux/dirent.h>	/* O_DIRECTORY, with the kernel's value */

int open(const char *path, int flags, ...);

#endif
