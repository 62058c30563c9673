/* SPDX-License-Identifier: MIT */
/*
 * drivers/tty/ private: struct tty_struct, one terminal's state, and the
 * line discipline's interface (n_tty.c) that tty_io.c (the console's file
 * operations and ioctls) and the self-tests (drivers/tests/tty_test.c)
 * use. Everything outside drivers/tty/ sees only <kernel/tty.h>.
 *
 *   producer (IRQ, TIOCSTI)          reader (read(2), process context)
 *   n_tty_receive() --> rbuf[] ----> n_tty_read(): editing, echo --> caller
 *        |  ISIG: signal the         (canonical: into line[] until a line
 *        |  foreground group           is complete; raw: VMIN/VTIME)
 *        +- full: refuse, set throttled; the reader calls ->unthrottle
 */
#ifndef _DRIVERS_TTY_TTY_H
#define _DRIVERS_TTY_TTY_H

#include <kernel/spinlock.h>
#include <kernel/types.h>
#include <kernel/wait.h>
#include <uapi/asm/ioctls.h>
#include <uapi/asm/termbits.h>

#define N_TTY_BUF_SIZE	4096	/* Linux's: the input queue, and the longest line */

struct tty_struct {
	spinlock_t lock;		/* all below; taken with interrupts off (IRQ producers) */
	struct termios termios;
	struct winsize winsize;
	int pgrp;			/* foreground process group; 0: none (nobody is signalled) */
	int session;			/* the session whose terminal this is */

	/* The input queue: bytes received, not yet consumed by a reader. */
	unsigned char rbuf[N_TTY_BUF_SIZE];
	unsigned int rhead, rtail;	/* free-running; index & (N_TTY_BUF_SIZE - 1) */
	bool throttled;			/* a producer was refused bytes: call ->unthrottle */

	/* The line being edited (canonical) and, once complete, handed out. */
	unsigned char line[N_TTY_BUF_SIZE];
	unsigned int line_len;
	bool line_done;			/* ended by a newline/EOL/EOF: readable */

	unsigned int termios_gen;	/* bumped by each mode change: wakes readers to look again */
	struct wait_queue_head read_wait;

	/* The device's output: bytes as given (OPOST is applied before). */
	void (*write)(const char *s, size_t n);
	/* Called (no lock held) when a refused producer may offer bytes again. */
	void (*unthrottle)(void);
};

/* Linux's tty_std_termios: cooked, echoing, ^C ^\ DEL ^U ^D; VMIN 1, VTIME 0. */
#define TTY_STD_TERMIOS {						\
	.c_iflag = ICRNL | IXON,					\
	.c_oflag = OPOST | ONLCR,					\
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,			\
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL |	\
		   ECHOKE | IEXTEN,					\
	.c_line = 0,							\
	.c_cc = {							\
		[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177,		\
		[VKILL] = 025, [VEOF] = 004, [VTIME] = 0, [VMIN] = 1,	\
		[VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032,		\
		[VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027,	\
		[VLNEXT] = 026,						\
	},								\
}

#define TTY_STRUCT_INIT(name, write_fn, session_id) {			\
	.lock = __SPIN_LOCK_UNLOCKED(name.lock),			\
	.termios = TTY_STD_TERMIOS,					\
	.winsize = { .ws_row = 24, .ws_col = 80 },			\
	.session = (session_id),					\
	.read_wait = __WAIT_QUEUE_HEAD_INITIALIZER(name.read_wait),	\
	.write = (write_fn),						\
}

/**
 * tty_struct_init - a fresh terminal: default modes, empty queues
 * @tty: the terminal
 * @write: its output device (bytes as given)
 *
 * Context: any; @tty not yet in use (the self-tests make their own).
 */
void tty_struct_init(struct tty_struct *tty, void (*write)(const char *s, size_t n));

/**
 * n_tty_receive - bytes arrived ("typed") for @tty
 * @tty: the terminal
 * @buf: the bytes
 * @n: how many
 *
 * ISIG characters act now: SIGINT/SIGQUIT to the foreground group and,
 * unless NOFLSH, pending input flushed. The rest go to the input queue.
 * Context: any, interrupt handlers included.
 * Return: bytes taken; fewer than @n when the queue is full, and then
 * ->unthrottle is called once a reader has made room.
 */
size_t n_tty_receive(struct tty_struct *tty, const unsigned char *buf, size_t n);

/**
 * n_tty_receive_whole - bytes from a producer that cannot wait (a key)
 * @tty: the terminal
 * @buf: the bytes (one key's: a byte or an escape sequence)
 * @n: how many
 *
 * As n_tty_receive(), but all @n bytes or none: when the queue has no
 * room for all of them, none is taken and throttled is not set (nobody
 * would be called back).
 * Context: any, interrupt handlers included.
 * Return: true if the bytes were taken.
 */
bool n_tty_receive_whole(struct tty_struct *tty, const unsigned char *buf, size_t n);

/* Whether a reader blocks or returns at once (-EAGAIN if it would block). */
enum n_tty_wait { N_TTY_BLOCK, N_TTY_NONBLOCK };

/**
 * n_tty_read - what read(2) gets: a line (ICANON) or VMIN/VTIME bytes
 * @tty: the terminal
 * @kbuf: a kernel buffer
 * @count: its size
 * @how: N_TTY_BLOCK (sleep, killable, until the mode's condition holds)
 *       or N_TTY_NONBLOCK
 *
 * Editing and echo happen here, as the bytes are consumed.
 * Context: process context; may sleep with N_TTY_BLOCK.
 * Return: bytes read (0: end of file, ^D on an empty line; or VMIN=0
 * with nothing there), -EINTR if a signal came first, -EAGAIN.
 */
ssize_t n_tty_read(struct tty_struct *tty, unsigned char *kbuf, size_t count, enum n_tty_wait how);

/**
 * n_tty_write - output to @tty with its OPOST modes (ONLCR: "\n" as "\r\n")
 * @tty: the terminal
 * @buf: the bytes
 * @n: how many
 *
 * Written 16 bytes per hold of tty->lock (interrupts off, the device is
 * polled): an echo from the receive path lands between two such chunks,
 * never inside one, and interrupts are never off for long.
 * Context: any but under tty->lock (the console device is polled).
 */
void n_tty_write(struct tty_struct *tty, const char *buf, size_t n);

/* Drop pending input (queue and line). Context: any. */
void n_tty_flush_input(struct tty_struct *tty);

/* Bytes that read() could still return (FIONREAD). Context: any. */
unsigned int n_tty_chars_in_buffer(struct tty_struct *tty);

/**
 * n_tty_set_termios - new modes for @tty
 * @tty: the terminal
 * @t: the modes
 * @flush: TCSETSF: drop pending input first
 *
 * Wakes readers, whose condition may have changed (VMIN, ICANON).
 * Context: process context.
 */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *t, bool flush);

/*
 * tty_ioctl - the terminal ioctls on @tty (tty_io.c), for the console file
 * and the self-tests. Context: process context. Return: 0/value or -errno.
 */
long tty_ioctl(struct tty_struct *tty, unsigned int cmd, unsigned long arg);

#endif
