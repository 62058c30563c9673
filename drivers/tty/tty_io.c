// SPDX-License-Identifier: MIT
/*
 * How this works: the console terminal, /dev/console and /dev/tty (found
 * by fs/char_dev.c's chrdev_lookup()), Linux's drivers/tty/tty_io.c and
 * tty_ioctl.c in miniature.
 *
 * There is one terminal, console_tty: its output device is the console
 * (console_write_raw(): COM1, and whatever mirrors it), its input comes
 * from the COM1 receive interrupt (tty_receive_buf()), a keyboard
 * (tty_receive_key(): a whole key or nothing) and TIOCSTI. The line discipline
 * (n_tty.c) does the rest; this file is the file operations around it:
 *
 *   read()   n_tty_read() into a kernel buffer (at most N_TTY_BUF_SIZE
 *            bytes per call, kmalloc'ed: the line discipline holds a
 *            spinlock and cannot fault on a user page), then copied out
 *   write()  128 bytes at a time from the user into n_tty_write(), which
 *            applies OPOST/ONLCR and writes 16 bytes per hold of the lock
 *            (interrupts off while they are polled out)
 *   ioctl()  the termios and job-control requests below; anything else
 *            is -ENOTTY, as Linux answers an unknown tty ioctl
 *
 *   TCGETS / TCSETS / TCSETSW / TCSETSF   the modes (SETSW waits for output
 *            to drain: output is polled, so it always has; SETSF also
 *            drops pending input), TCFLSH   drop input (TCIFLUSH, TCIOFLUSH)
 *   TIOCGPGRP / TIOCSPGRP   the foreground process group, which ISIG
 *            characters signal. Both: the caller must belong to the
 *            terminal's session (-ENOTTY, as Linux answers a process whose
 *            controlling terminal it is not). Setting it: the group must
 *            exist (-ESRCH) and be in that session (-EPERM); a negative
 *            one is -EINVAL
 *   TIOCSTI  one byte through the receive path, as if typed: a ^C this
 *            way signals the foreground group (how tests type ^C)
 *   TIOCGWINSZ / TIOCSWINSZ  24x80 unless set; FIONREAD  bytes pending;
 *   TIOCGSID the terminal's session (to its members; others -ENOTTY)
 *
 * The console belongs to session 1, init's: pid 1 starts with pgid =
 * sid = 1 and everything it starts inherits them. The foreground group
 * starts as 0, none: a ^C before a shell claims the terminal signals
 * nobody.
 *
 * Where it differs from Linux: one terminal and no controlling-terminal
 * bookkeeping (no TIOCSCTTY/TIOCNOTTY, no SIGHUP on hang-up, no SIGTTIN
 * or SIGTTOU for background readers and writers, no permission check on
 * TIOCSTI); the console is always session 1's terminal. TIOCSTI into a
 * full queue fails with -EAGAIN (Linux drops the byte). The window size
 * is only remembered: there is no SIGWINCH. FIONREAD counts every byte
 * not yet read, in canonical mode those of an unfinished line too
 * (Linux counts only complete lines).
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/tty.h>
#include <kernel/uaccess.h>
#include <mm/slab.h>
#include "tty.h"

static struct tty_struct console_tty = TTY_STRUCT_INIT(console_tty, console_write_raw, 1);

size_t tty_receive_buf(const unsigned char *buf, size_t n)
{
	return n_tty_receive(&console_tty, buf, n);
}

bool tty_receive_key(const unsigned char *buf, size_t n)
{
	return n_tty_receive_whole(&console_tty, buf, n);
}

void tty_set_unthrottle(void (*fn)(void))
{
	console_tty.unthrottle = fn;
}

static ssize_t console_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	size_t want = iov_iter_count(to) < N_TTY_BUF_SIZE ? iov_iter_count(to) : N_TTY_BUF_SIZE;
	unsigned char *kbuf;
	ssize_t n;

	(void)iocb;
	if (!want)
		return 0;
	kbuf = kmalloc(want, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	n = n_tty_read(&console_tty, kbuf, want, N_TTY_BLOCK);
	if (n > 0) {
		size_t copied = copy_to_iter(kbuf, (size_t)n, to);

		if (!copied)
			n = -EFAULT;		/* the bytes are gone: as Linux, a bad buffer loses them */
		else
			n = (ssize_t)copied;
	}
	kfree(kbuf);
	return n;
}

static ssize_t console_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	char buf[128];
	size_t done = 0;

	(void)iocb;
	while (iov_iter_count(from)) {
		size_t want = iov_iter_count(from) < sizeof(buf) ? iov_iter_count(from) : sizeof(buf);
		size_t n = copy_from_iter(buf, want, from);

		n_tty_write(&console_tty, buf, n);
		done += n;
		if (n < want)
			break;
	}
	return done ? (ssize_t)done : -EFAULT;
}

/* TIOCSPGRP: Linux's checks, in its order. Context: process context. */
static long tiocspgrp(struct tty_struct *tty, const int __user *p)
{
	unsigned long flags;
	int pgrp, sid;

	if (get_user(pgrp, p))
		return -EFAULT;
	if (current->sid != tty->session)
		return -ENOTTY;			/* not the caller's terminal */
	if (pgrp < 0)
		return -EINVAL;
	sid = pgrp_session(pgrp);
	if (sid < 0)
		return sid;			/* -ESRCH: no such group */
	if (sid != current->sid)
		return -EPERM;
	spin_lock_irqsave(&tty->lock, flags);
	tty->pgrp = pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
	return 0;
}

long tty_ioctl(struct tty_struct *tty, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	struct termios t;
	struct winsize ws;
	unsigned long flags;
	unsigned char c;

	switch (cmd) {
	case TCGETS:
		spin_lock_irqsave(&tty->lock, flags);
		t = tty->termios;
		spin_unlock_irqrestore(&tty->lock, flags);
		return copy_to_user(argp, &t, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:			/* output is polled: it has always drained */
	case TCSETSF:
		if (copy_from_user(&t, argp, sizeof(t)))
			return -EFAULT;
		n_tty_set_termios(tty, &t, cmd == TCSETSF);
		return 0;
	case TCFLSH:
		if (arg != TCIFLUSH && arg != TCOFLUSH && arg != TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH)
			n_tty_flush_input(tty);
		return 0;			/* no output queue to drop */
	case TIOCGPGRP:
		if (current->sid != tty->session)
			return -ENOTTY;		/* not our terminal (Linux: not the controlling tty) */
		return put_user(READ_ONCE(tty->pgrp), (int __user *)argp);
	case TIOCSPGRP:
		return tiocspgrp(tty, (const int __user *)argp);
	case TIOCGSID:
		if (current->sid != tty->session)
			return -ENOTTY;
		return put_user(tty->session, (int __user *)argp);
	case TIOCSTI:
		if (get_user(c, (const unsigned char __user *)argp))
			return -EFAULT;
		return n_tty_receive_whole(tty, &c, 1) ? 0 : -EAGAIN;
	case TIOCGWINSZ:
		spin_lock_irqsave(&tty->lock, flags);
		ws = tty->winsize;
		spin_unlock_irqrestore(&tty->lock, flags);
		return copy_to_user(argp, &ws, sizeof(ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		if (copy_from_user(&ws, argp, sizeof(ws)))
			return -EFAULT;
		spin_lock_irqsave(&tty->lock, flags);
		tty->winsize = ws;
		spin_unlock_irqrestore(&tty->lock, flags);
		return 0;
	case FIONREAD:
		return put_user((int)n_tty_chars_in_buffer(tty), (int __user *)argp);
	}
	return -ENOTTY;
}

static long console_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	(void)file;
	return tty_ioctl(&console_tty, cmd, arg);
}

const struct file_operations console_fops = {
	.read_iter = console_read_iter,
	.write_iter = console_write_iter,
	.unlocked_ioctl = console_ioctl,
	/* no .llseek: a stream, -ESPIPE */
};
