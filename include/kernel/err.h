/* SPDX-License-Identifier: MIT */
/* Errors carried in pointers and addresses (Linux's include/linux/err.h). */
#ifndef _KERNEL_ERR_H
#define _KERNEL_ERR_H

#include <kernel/compiler.h>
#include <kernel/types.h>

#define MAX_ERRNO	4095

/* Is @x (an address or pointer as unsigned long) a -errno from -MAX_ERRNO to -1? */
#define IS_ERR_VALUE(x)	unlikely((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error)		{ return (void *)error; }
static inline long PTR_ERR(const void *ptr)	{ return (long)ptr; }
static inline bool IS_ERR(const void *ptr)	{ return IS_ERR_VALUE((unsigned long)ptr); }

#endif
