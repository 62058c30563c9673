/* SPDX-License-Identifier: MIT */
/*
 * mmdemo: the client of /proc/mmdemo (mm/demo/mmdemo.c) that kmapdemo,
 * vmallocdemo and lowmem-pressure share (user/lib/mmdemo.c). A write is
 * one command; a read gives the demo's state, the last command's result
 * lines after a "last:" line:
 *
 *   mmdemo_open("kmapdemo")    open it for writing, or one line and exit(1)
 *   mmdemo_cmd("kmap fill")    "> kmap fill", then the result lines
 *   mmdemo_read()              the state now, into a static buffer
 *   mmdemo_fail("...")         "kmapdemo: unexpected: ...", return 1
 *   mmdemo_parse_ulong(...)    a command-line number, all digits, in range
 *
 * Only a kernel built with the demos (DEMOS=1, `make kernel`) has the
 * file; elsewhere (DEMOS=0, a Linux host) mmdemo_open() says so and the
 * program exits 1.
 */
#ifndef _MMDEMO_H
#define _MMDEMO_H

/*
 * mmdemo_open() - open /proc/mmdemo read-write for program @prog
 * @prog: the name the one-line messages start with, and mmdemo_fail()'s
 *
 * Does not return when the file is missing ("PROG: /proc/mmdemo is
 * missing (ENOENT): ...") or cannot be opened for writing ("PROG:
 * unexpected: ..."): prints one line and exits 1.
 */
void mmdemo_open(const char *prog);

/* mmdemo_close() - close it: the kernel releases whatever the demo still holds. */
void mmdemo_close(void);

/* mmdemo_write() - write one command, print nothing. Return: 0 or the errno. */
int mmdemo_write(const char *cmd);

/*
 * mmdemo_cmd() - write one command and print what the kernel says
 *
 * Prints "> CMD" (with "   -> ERRNO" when the write failed), reads the
 * state and prints its result lines, each after two spaces.
 *
 * Return: 0 or the errno of the write; the state is then mmdemo_last().
 */
int mmdemo_cmd(const char *cmd);

/* mmdemo_read() - read the state now. Return: its text, in a static buffer (8 KiB). */
const char *mmdemo_read(void);

/* mmdemo_last() - the state as the last mmdemo_cmd() or mmdemo_read() left it. */
const char *mmdemo_last(void);

/* mmdemo_print_result() - the lines after "last:" in @state, each after two spaces. */
void mmdemo_print_result(const char *state);

/*
 * mmdemo_parse_ulong() - @s as a decimal number in [@lo, @hi]
 *
 * Only digits, all of @s: no sign, space or trailing junk ("5x"), and no
 * number past ULONG_MAX (which strtoul() here would wrap).
 *
 * Return: 1 and the number in *@out, or 0 (then *@out is unchanged).
 */
int mmdemo_parse_ulong(const char *s, unsigned long lo, unsigned long hi, unsigned long *out);

/* mmdemo_fail() - "PROG: unexpected: @why". Return: 1, for main() to return. */
int mmdemo_fail(const char *why);

#endif
