/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_STRING_H
#define _KERNEL_STRING_H

#include <kernel/types.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);
/* The first byte in [s, s+n) that is not @c, or NULL. */
void *memchr_inv(const void *s, int c, size_t n);

/*
 * Parse an unsigned number (0x.. hex, 0.. octal, else decimal). Unlike
 * Linux's, it never wraps: it stops before a digit that would take the
 * value past 64 bits, so *end points at that digit.
 */
unsigned long long simple_strtoull(const char *s, char **end, unsigned int base);
/*
 * Parse a size with an optional K, M or G suffix (Linux memparse). A
 * suffix that would overflow 64 bits is not consumed: *end points at it.
 * A caller that requires *end == '\0' thus rejects every overflow.
 */
unsigned long long memparse(const char *s, char **end);
/*
 * True if @s is a size as memparse reads it (digits, at most one K/M/G,
 * nothing after) whose value does not fit in 64 bits.
 */
bool memparse_overflows(const char *s);

#endif
