/* SPDX-License-Identifier: MIT */
/*
 * The console terminal: one tty (/dev/console, /dev/tty) with a line
 * discipline (canonical or raw per its termios), a foreground process
 * group that ^C signals, and any number of input drivers feeding it.
 *
 *   COM1 receive interrupt  --\   tty_receive_buf()
 *   PS/2 keyboard interrupt --+--> tty_receive_key() --> input queue --> read()
 *   TIOCSTI (a byte "typed") --/         |
 *                                        +--> ^C/^\ (ISIG): SIGINT/SIGQUIT to the
 *                                             foreground process group
 *
 * Output (write(), echo) goes through console_write_raw() after the
 * terminal's OPOST/ONLCR: COM1, and the VGA text screen when one mirrors
 * it. The implementation is drivers/tty/ (tty_io.c: the file and its
 * ioctls; n_tty.c: the line discipline).
 */
#ifndef _KERNEL_TTY_H
#define _KERNEL_TTY_H

#include <kernel/types.h>

/**
 * tty_receive_buf - hand the console bytes that arrived ("typed").
 * @buf: the bytes
 * @n: how many
 *
 * Signal characters act at once (ISIG); the rest wait in the input queue
 * for read().
 * Context: any, interrupt handlers included.
 * Return: how many bytes were taken; fewer than @n when the queue is full
 * (the caller keeps the rest and offers them again once the callback of
 * tty_set_unthrottle() has been called: a UART leaves them in its FIFO,
 * so nothing is lost).
 */
size_t tty_receive_buf(const unsigned char *buf, size_t n);

/**
 * tty_receive_key - hand the console one key's bytes, all or none
 * @buf: the bytes (a character, or an escape sequence such as ESC [ A)
 * @n: how many
 *
 * For a producer that cannot be told to wait (a keyboard): when the input
 * queue has no room for all @n bytes, none is taken, so a full queue
 * loses whole keys, never part of an escape sequence; a refusal does not
 * throttle the terminal (its unthrottle callback is the UART's).
 * Context: any, interrupt handlers included.
 * Return: true if the bytes were taken.
 */
bool tty_receive_key(const unsigned char *buf, size_t n);

/**
 * tty_set_unthrottle - who to tell when a refused producer may send again
 * @fn: the callback (one: the UART's)
 *
 * The tty calls @fn, without its lock, once a reader has made room after
 * tty_receive_buf() took fewer bytes than offered -- from read() (process
 * context), or from whatever flushed the input (a ^C, TCFLSH, TCSETSF:
 * possibly an interrupt handler), so @fn must be safe in any context.
 * Context: boot (the driver's init).
 */
void tty_set_unthrottle(void (*fn)(void));

#endif
