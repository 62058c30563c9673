/* SPDX-License-Identifier: MIT */
/* errno.h: Linux's errno values (asm-generic/errno-base.h) and errno. */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <linux/errno.h>	/* the values: the kernel's own list (include/uapi) */

extern int errno;

/* errno's name ("EFAULT"), or "E?" for a number this table lacks. */
const char *errno_name(int e);

#endif
