/* SPDX-License-Identifier: MIT */
/* stdlib.h: exit, the allocator (lib/malloc.c) and number parsing. */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1

__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void abort(void);
void *malloc(size_t size);
void free(void *p);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
unsigned long strtoul(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
long strtol(const char *s, char **end, int base);
int atoi(const char *s);
char *getenv(const char *name);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));	/* lib/qsort.c */

#endif
