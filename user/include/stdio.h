/* SPDX-License-Identifier: MIT */
/*
 * stdio.h: formatted output (lib/printf.c). There is no FILE buffering:
 * every printf() formats into a stack buffer and is one write(2), so output
 * of a parent and its children never interleaves inside a line and nothing
 * is lost at _exit(). Conversions: %d %i %u %x %X %o %s %c %p %%, flags
 * - 0 and #, a width or *, a precision for %s, lengths hh h l ll z.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define PRINTF_BUF	512	/* longer output is cut there */

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vdprintf(int fd, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int puts(const char *s);

#endif
