/* SPDX-License-Identifier: MIT */
/* sys/types.h: the i386 Linux ABI's basic types. */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef int pid_t;
typedef int ssize_t;
typedef long off_t;
typedef unsigned int mode_t;
typedef long time_t;

#endif
