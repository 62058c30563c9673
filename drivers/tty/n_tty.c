// SPDX-License-Identifier: MIT
/*
 * How this works: the line discipline (Linux's N_TTY), between the bytes
 * a terminal receives and what read(2) returns, steered by the termios
 * modes (include/uapi/asm/termbits.h).
 *
 * Two buffers per terminal (struct tty_struct, drivers/tty/tty.h), both
 * N_TTY_BUF_SIZE (4096) bytes, under one spinlock taken with interrupts
 * off because producers are interrupt handlers:
 *
 *   rbuf[]  the input queue, a ring: n_tty_receive() appends what arrived,
 *           untouched; the reader takes from it. Free-running rhead/rtail
 *           counters, masked to index it (4096 is a power of two).
 *   line[]  canonical mode's line being edited; complete (line_done) once
 *           a '\n', VEOL or VEOF ends it, then handed out by read().
 *
 * Receiving (any context): with ISIG, VINTR (^C) and VQUIT (^\) act at
 * once, even if nobody reads: the character is echoed ("^C", ECHOCTL),
 * pending input is flushed unless NOFLSH, and SIGINT/SIGQUIT goes to every
 * process of the foreground group (kill_pgrp(); none while the group is
 * 0, and never pid 1). Every other byte goes to rbuf. When rbuf is full
 * the byte is refused: n_tty_receive() returns how many it took and sets
 * throttled, and the producer keeps the rest (the UART leaves them in its
 * FIFO, QEMU holds the others). Once a reader has taken bytes out, it
 * calls ->unthrottle (outside the lock) and the producer offers them
 * again. Nothing the UART brings is dropped on the way in. A keyboard
 * cannot be told to wait: it offers each key's bytes (one, or an escape
 * sequence such as ESC [ A) with n_tty_receive_whole(), which takes all
 * of them or none and never sets throttled, so a full queue drops whole
 * keys (counted by the driver), never half an escape sequence.
 *
 * Reading (process context) is where the input modes, editing and echo
 * happen, byte by byte as they are consumed: ISTRIP, IGNCR, ICRNL ('\r'
 * becomes '\n'), INLCR. Canonical (ICANON): VERASE (DEL) and ^H erase
 * one byte ("\b \b" with ECHOE; two of them for a control character that
 * was echoed as "^X"), VKILL (^U) the line, VWERASE (^W, with IEXTEN) the
 * last word (the blanks before it, then the non-blanks), VEOF (^D) ends
 * the line without being stored -- on an empty line read() returns 0,
 * end of file. A line is at most 4095 bytes plus its newline: further
 * bytes are discarded until the newline (as Linux does). read() returns
 * up to count bytes of a complete line; the rest waits for the next one.
 * Non-canonical: VMIN/VTIME, POSIX's four cases:
 *
 *   VMIN>0 VTIME=0  block until VMIN bytes (or count) are there
 *   VMIN=0 VTIME=0  return what is there, maybe 0 (a poll)
 *   VMIN=0 VTIME>0  wait up to VTIME tenths of a second for one byte
 *   VMIN>0 VTIME>0  block for the first byte; then VTIME is the longest
 *                   gap between bytes before read() returns what it has
 *
 * A reader sleeps on read_wait (TASK_KILLABLE, so any signal -- all are
 * fatal here -- wakes it and read() returns -EINTR) and is woken by the
 * receive path and by mode changes; VTIME uses schedule_timeout(). A
 * raw read that has collected bytes and wakes to find ICANON set returns
 * those bytes at once (the next read gets canonical lines).
 * ECHO and write(2) share the output path: OPOST|ONLCR turn "\n" into
 * "\r\n"; without ONLCR (or OPOST) bytes go out as given. Both write
 * under the lock, and the device is polled, so interrupts are off while
 * the bytes go out: write(2) therefore takes the lock for 16 bytes at a
 * time (at most 32 with ONLCR, under 3 ms at 115200 baud), and a "^C"
 * echoed by the receive interrupt comes between two such chunks, never
 * in the middle of one (it can land inside a longer write(2)).
 *
 * Where it differs from Linux: echo and editing happen when a reader
 * consumes the input, not on arrival, so type-ahead is echoed when a
 * program reads it (Linux echoes at once); ^H always erases in canonical
 * mode, besides VERASE; no IXON (^S/^Q are ordinary bytes), VLNEXT,
 * VREPRINT, VDISCARD, VSUSP (no job control: ^Z is an ordinary byte),
 * PARMRK, IUCLC/OLCUC, tab or column tracking (ECHOE after a tab erases
 * one column), or ECHOPRT; a ^C that arrives while the queue is full
 * waits in the UART behind the bytes before it.
 */
#include <kernel/errno.h>
#include <kernel/jiffies.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/string.h>
#include "tty.h"

#define RBUF_MASK	(N_TTY_BUF_SIZE - 1)

#define I_FLAG(tty, f)	((tty)->termios.c_iflag & (f))
#define O_FLAG(tty, f)	((tty)->termios.c_oflag & (f))
#define L_FLAG(tty, f)	((tty)->termios.c_lflag & (f))
#define CC(tty, i)	((tty)->termios.c_cc[i])

/* Is @c the control character @i? A c_cc entry of 0 is disabled (_POSIX_VDISABLE). */
static bool is_cc(const struct tty_struct *tty, unsigned char c, int i)
{
	return CC(tty, i) && c == CC(tty, i);
}

static unsigned int rbuf_count(const struct tty_struct *tty)
{
	return tty->rhead - tty->rtail;
}

void tty_struct_init(struct tty_struct *tty, void (*write)(const char *s, size_t n))
{
	static const struct termios std = TTY_STD_TERMIOS;

	memset(tty, 0, sizeof(*tty));
	spin_lock_init(&tty->lock);
	init_waitqueue_head(&tty->read_wait);
	tty->termios = std;
	tty->winsize.ws_row = 24;
	tty->winsize.ws_col = 80;
	tty->write = write;
}

/* OPOST|ONLCR, then the device. Context: tty->lock held. */
static void __n_tty_write(struct tty_struct *tty, const char *buf, size_t n)
{
	size_t start = 0;

	if (!O_FLAG(tty, OPOST) || !O_FLAG(tty, ONLCR)) {
		tty->write(buf, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (buf[i] != '\n')
			continue;
		if (i > start)
			tty->write(buf + start, i - start);
		tty->write("\r\n", 2);
		start = i + 1;
	}
	if (n > start)
		tty->write(buf + start, n - start);
}

/*
 * N_TTY_WRITE_CHUNK bytes per lock hold, so that an echo from the receive
 * path (a "^C" from the interrupt) lands between two chunks, never inside
 * one, and interrupts stay off for at most one chunk's polled output
 * (16 bytes, 32 with ONLCR: under 3 ms at 115200 baud, less than a tick).
 */
#define N_TTY_WRITE_CHUNK	16

void n_tty_write(struct tty_struct *tty, const char *buf, size_t n)
{
	while (n) {
		size_t k = n < N_TTY_WRITE_CHUNK ? n : N_TTY_WRITE_CHUNK;
		unsigned long flags;

		spin_lock_irqsave(&tty->lock, flags);
		__n_tty_write(tty, buf, k);
		spin_unlock_irqrestore(&tty->lock, flags);
		buf += k;
		n -= k;
	}
}

/* A control character that ECHOCTL shows as "^X" (tab and newline are shown as themselves). */
static bool echoes_as_ctl(const struct tty_struct *tty, unsigned char c)
{
	return L_FLAG(tty, ECHOCTL) && (c < 0x20 || c == 0x7f) && c != '\t' && c != '\n';
}

static void echo_char(struct tty_struct *tty, unsigned char c)
{
	if (echoes_as_ctl(tty, c)) {
		char s[2] = { '^', (char)(c ^ 0x40) };		/* ^C is 0x03 ^ 0x40 = 'C'; DEL: '?' */

		__n_tty_write(tty, s, 2);
	} else {
		__n_tty_write(tty, (const char *)&c, 1);
	}
}

static void __flush_input(struct tty_struct *tty)
{
	tty->rtail = tty->rhead;
	tty->line_len = 0;
	tty->line_done = false;
}

void n_tty_flush_input(struct tty_struct *tty)
{
	unsigned long flags;
	bool unthrottle;

	spin_lock_irqsave(&tty->lock, flags);
	__flush_input(tty);
	unthrottle = tty->throttled;
	tty->throttled = false;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (unthrottle && tty->unthrottle)
		tty->unthrottle();
}

static bool is_isig(const struct tty_struct *tty, unsigned char c)
{
	return L_FLAG(tty, ISIG) && (is_cc(tty, c, VINTR) || is_cc(tty, c, VQUIT));
}

/*
 * @whole: all of @buf or nothing, and a refusal does not set throttled
 * (the producer cannot wait for ->unthrottle: a keyboard).
 */
static size_t receive(struct tty_struct *tty, const unsigned char *buf, size_t n, bool whole)
{
	unsigned long flags;
	int sig = 0, pgrp = 0;
	bool unthrottle = false;
	size_t i;

	spin_lock_irqsave(&tty->lock, flags);
	if (whole) {
		size_t queued = 0;

		for (i = 0; i < n; i++)
			queued += !is_isig(tty, buf[i]);
		if (queued > N_TTY_BUF_SIZE - rbuf_count(tty)) {
			spin_unlock_irqrestore(&tty->lock, flags);
			return 0;
		}
	}
	for (i = 0; i < n; i++) {
		unsigned char c = buf[i];

		if (is_isig(tty, c)) {
			sig = is_cc(tty, c, VINTR) ? SIGINT : SIGQUIT;
			pgrp = tty->pgrp;
			if (!L_FLAG(tty, NOFLSH)) {
				__flush_input(tty);
				unthrottle |= tty->throttled;
				tty->throttled = false;
			}
			if (L_FLAG(tty, ECHO))
				echo_char(tty, c);
			continue;
		}
		if (rbuf_count(tty) == N_TTY_BUF_SIZE) {
			tty->throttled = true;		/* the producer keeps buf[i..] */
			break;
		}
		tty->rbuf[tty->rhead++ & RBUF_MASK] = c;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	if (i)
		wake_up_all(&tty->read_wait);
	if (unthrottle && tty->unthrottle)
		tty->unthrottle();
	if (sig && pgrp > 0)
		kill_pgrp(pgrp, sig);		/* -ESRCH (an empty group) is nothing to act on */
	return i;
}

size_t n_tty_receive(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	return receive(tty, buf, n, false);
}

bool n_tty_receive_whole(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	return receive(tty, buf, n, true) == n;
}

/*
 * The next input byte with the input modes applied, or -1 if rbuf is
 * empty. Context: tty->lock held.
 */
static int n_tty_getc(struct tty_struct *tty)
{
	while (rbuf_count(tty)) {
		unsigned char c = tty->rbuf[tty->rtail++ & RBUF_MASK];

		if (I_FLAG(tty, ISTRIP))
			c &= 0x7f;
		if (c == '\r') {
			if (I_FLAG(tty, IGNCR))
				continue;
			if (I_FLAG(tty, ICRNL))
				c = '\n';
		} else if (c == '\n' && I_FLAG(tty, INLCR)) {
			c = '\r';
		}
		return c;
	}
	return -1;
}

/* Take the last byte of the line back, and off the screen (ECHOE). Context: tty->lock held. */
static void erase_one(struct tty_struct *tty, unsigned char erase_char)
{
	unsigned char c;

	if (!tty->line_len)
		return;
	c = tty->line[--tty->line_len];
	if (!L_FLAG(tty, ECHO))
		return;
	if (L_FLAG(tty, ECHOE)) {
		__n_tty_write(tty, "\b \b", 3);
		if (echoes_as_ctl(tty, c))
			__n_tty_write(tty, "\b \b", 3);	/* "^X" took two columns */
	} else {
		echo_char(tty, erase_char);
	}
}

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static bool is_eol(const struct tty_struct *tty, unsigned char c)
{
	return c == '\n' || is_cc(tty, c, VEOL) || (L_FLAG(tty, IEXTEN) && is_cc(tty, c, VEOL2));
}

/*
 * Canonical mode: consume input into line[] until a line is complete.
 * Context: tty->lock held. Return: line_done.
 */
static bool n_tty_canon(struct tty_struct *tty)
{
	int ch;

	while (!tty->line_done && (ch = n_tty_getc(tty)) >= 0) {
		unsigned char c = (unsigned char)ch;

		if (is_cc(tty, c, VERASE) || c == '\b') {
			erase_one(tty, c);
		} else if (is_cc(tty, c, VKILL)) {
			if (L_FLAG(tty, ECHOE) && L_FLAG(tty, ECHOKE)) {
				while (tty->line_len)		/* rubbed out on the screen too */
					erase_one(tty, c);
			} else {
				tty->line_len = 0;
				if (L_FLAG(tty, ECHO)) {	/* show ^U; ECHOK: then a new line */
					echo_char(tty, c);
					if (L_FLAG(tty, ECHOK))
						__n_tty_write(tty, "\n", 1);
				}
			}
		} else if (L_FLAG(tty, IEXTEN) && is_cc(tty, c, VWERASE)) {
			while (tty->line_len && is_blank(tty->line[tty->line_len - 1]))
				erase_one(tty, c);
			while (tty->line_len && !is_blank(tty->line[tty->line_len - 1]))
				erase_one(tty, c);
		} else if (is_cc(tty, c, VEOF)) {
			tty->line_done = true;		/* not stored: the line as it is, maybe empty */
		} else if (is_eol(tty, c)) {
			tty->line[tty->line_len++] = c;	/* line_len <= 4095 before: room for it */
			if (L_FLAG(tty, ECHO) || (c == '\n' && L_FLAG(tty, ECHONL)))
				echo_char(tty, c);
			tty->line_done = true;
		} else if (tty->line_len < N_TTY_BUF_SIZE - 1) {
			tty->line[tty->line_len++] = c;
			if (L_FLAG(tty, ECHO))
				echo_char(tty, c);
		}
		/* else: the line is full; only its end fits */
	}
	return tty->line_done;
}

/* Hand out up to @count bytes of line[]. Context: tty->lock held. */
static size_t take_line(struct tty_struct *tty, unsigned char *kbuf, size_t count)
{
	size_t n = tty->line_len < count ? tty->line_len : count;

	memcpy(kbuf, tty->line, n);
	memmove(tty->line, tty->line + n, tty->line_len - n);
	tty->line_len -= n;
	if (!tty->line_len)
		tty->line_done = false;
	return n;
}

/* After the reader took bytes: let a refused producer try again. Context: tty->lock held. */
static bool need_unthrottle(struct tty_struct *tty)
{
	if (!tty->throttled || rbuf_count(tty) == N_TTY_BUF_SIZE)
		return false;
	tty->throttled = false;
	return true;
}

/*
 * The sleeps of a reader: killable (a signal ends them, and the task dies
 * on its way out), on read_wait, until input came, the modes changed or
 * (timed) the time ran out. Return: 0 if the time ran out, else > 0.
 */
static bool reader_should_wake(struct tty_struct *tty, unsigned int gen)
{
	return READ_ONCE(tty->rhead) != READ_ONCE(tty->rtail) || READ_ONCE(tty->termios_gen) != gen ||
	       fatal_signal_pending(current);
}

static long reader_wait(struct tty_struct *tty, unsigned int gen, long timeout)
{
	if (timeout <= 0) {
		(void)___wait_event(tty->read_wait, reader_should_wake(tty, gen), TASK_KILLABLE, 0, 0,
				    schedule());
		return 1;
	}
	{
		long __ret = timeout;

		if (___wait_cond_timeout(reader_should_wake(tty, gen)))
			return __ret;
		return ___wait_event(tty->read_wait, ___wait_cond_timeout(reader_should_wake(tty, gen)),
				     TASK_KILLABLE, 0, timeout, __ret = schedule_timeout(__ret));
	}
}

ssize_t n_tty_read(struct tty_struct *tty, unsigned char *kbuf, size_t count, enum n_tty_wait how)
{
	size_t got = 0;

	if (!count)
		return 0;
	for (;;) {
		unsigned long flags;
		unsigned int gen;
		bool canon, unthrottle, done = false;
		unsigned int vmin, vtime;
		long timeout = 0;
		int ch;

		spin_lock_irqsave(&tty->lock, flags);
		gen = tty->termios_gen;
		canon = L_FLAG(tty, ICANON);
		vmin = CC(tty, VMIN);
		vtime = CC(tty, VTIME);
		if (canon) {
			if (got) {
				/* a raw read that a TCSETS switched to ICANON: return what it has */
				done = true;
			} else if (n_tty_canon(tty)) {
				got = take_line(tty, kbuf, count);
				done = true;
			}
		} else if (how == N_TTY_NONBLOCK && !got && vmin &&
			   tty->line_len + rbuf_count(tty) < (vmin < count ? vmin : count)) {
			/* would block: leave the bytes (and their echo) for later */
		} else {
			/* bytes a canonical line had before the switch to raw come first */
			if (tty->line_len)
				got += take_line(tty, kbuf + got, count - got);
			while (got < count && (ch = n_tty_getc(tty)) >= 0) {
				if (L_FLAG(tty, ECHO))
					echo_char(tty, (unsigned char)ch);
				kbuf[got++] = (unsigned char)ch;
			}
			done = got == count || (vmin == 0 && (vtime == 0 || got)) ||
			       (vmin && got >= vmin);
			if (vtime && (vmin == 0 || got))
				timeout = (vtime * HZ + 9) / 10;	/* tenths of a second, rounded up */
		}
		unthrottle = need_unthrottle(tty);
		spin_unlock_irqrestore(&tty->lock, flags);
		if (unthrottle && tty->unthrottle)
			tty->unthrottle();

		if (done)
			return (ssize_t)got;
		if (how == N_TTY_NONBLOCK)
			return got ? (ssize_t)got : -EAGAIN;
		if (fatal_signal_pending(current))
			return got ? (ssize_t)got : -EINTR;
		if (!reader_wait(tty, gen, timeout))
			return (ssize_t)got;		/* VTIME ran out */
	}
}

unsigned int n_tty_chars_in_buffer(struct tty_struct *tty)
{
	unsigned long flags;
	unsigned int n;

	spin_lock_irqsave(&tty->lock, flags);
	n = rbuf_count(tty) + tty->line_len;
	spin_unlock_irqrestore(&tty->lock, flags);
	return n;
}

void n_tty_set_termios(struct tty_struct *tty, const struct termios *t, bool flush)
{
	unsigned long flags;
	bool unthrottle = false;

	spin_lock_irqsave(&tty->lock, flags);
	if (flush) {
		__flush_input(tty);
		unthrottle = tty->throttled;
		tty->throttled = false;
	}
	tty->termios = *t;
	tty->termios_gen++;
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up_all(&tty->read_wait);
	if (unthrottle && tty->unthrottle)
		tty->unthrottle();
}
