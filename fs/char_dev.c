// SPDX-License-Identifier: MIT
/*
 * How this works: the three character devices, /dev/console, /dev/null
 * and /dev/zero, found by name in devices[] (chrdev_lookup(), which also
 * opens /dev itself, listed by dev_readdir()): Linux's
 * drivers/tty/tty_io.c + n_tty.c and drivers/char/mem.c in miniature.
 *
 * /dev/console writes go straight to COM1 through console_write(), the
 * printk console's raw path: the bytes as given, "\n" sent as "\r\n" (as
 * Linux's OPOST|ONLCR), never a "[    1.234567] " timestamp. They are
 * copied from the user 128 bytes at a time into a stack buffer.
 *
 * Reading is the line discipline's canonical mode (Linux's N_TTY default:
 * ICANON, ECHO, ICRNL): bytes from the COM1 receive ring
 * (serial_rx_read()) are echoed, '\r' becomes '\n', DEL/BS erases the last
 * byte of the line, and read() returns only once a whole line ('\n') is
 * there (or the line buffer, 256 bytes, is full), handing out up to
 * count bytes of it; the rest waits for the next read(). Waiting is on
 * console_wait: tty_rx_notify() wakes it, and until the serial interrupt
 * calls that (a one-line hook for arch/x86/kernel/serial_rx.c) the wait
 * times out every tick and looks again, so a keystroke costs at most
 * 10 ms. The console cannot seek: -ESPIPE, as a Linux tty.
 *
 * /dev/null: read returns 0 (end of file), write returns count and
 * drops the bytes. /dev/zero: read fills with zeroes (clear_user()),
 * write drops. Both take any lseek and stay at 0 (Linux's null_lseek).
 *
 * Where it differs from Linux: no termios (the modes are fixed), no
 * job control, signals (^C) or VEOF (^D), one console line buffer shared
 * by every reader.
 */
#include <asm/serial.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/initramfs.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/wait.h>
#include <uapi/linux/dirent.h>

#define N_TTY_BUF_SIZE	256

static DECLARE_WAIT_QUEUE_HEAD(console_wait);
static DEFINE_SPINLOCK(ldisc_lock);	/* line[], line_len, line_done */
static char line[N_TTY_BUF_SIZE];
static size_t line_len;			/* bytes in line[] */
static bool line_done;			/* line[] ends with '\n' (or is full): readable */

void tty_rx_notify(void)
{
	wake_up(&console_wait);
}

/* Move received bytes into the line, echoing; true once a line is ready. */
static bool n_tty_receive(void)
{
	unsigned long flags;
	bool ready;
	char c;

	spin_lock_irqsave(&ldisc_lock, flags);
	while (!line_done && serial_rx_read(&c, 1)) {
		if (c == '\r')
			c = '\n';			/* ICRNL */
		if (c == 0x7f || c == '\b') {		/* VERASE */
			if (line_len) {
				line_len--;
				console_write("\b \b", 3);
			}
			continue;
		}
		line[line_len++] = c;
		console_write(&c, 1);			/* ECHO (ONLCR makes it "\r\n") */
		if (c == '\n' || line_len == N_TTY_BUF_SIZE)
			line_done = true;
	}
	ready = line_done;
	spin_unlock_irqrestore(&ldisc_lock, flags);
	return ready;
}

static ssize_t console_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	char buf[N_TTY_BUF_SIZE];
	unsigned long flags;
	size_t n;

	/* a SIGKILL (the OOM killer, kill(2)) ends the wait: the task dies on its way out */
	while (!wait_event_timeout(console_wait, n_tty_receive() || fatal_signal_pending(current), 1))
		;
	if (fatal_signal_pending(current))
		return -EINTR;
	spin_lock_irqsave(&ldisc_lock, flags);
	n = line_len < iov_iter_count(to) ? line_len : iov_iter_count(to);
	memcpy(buf, line, n);
	memmove(line, line + n, line_len - n);
	line_len -= n;
	if (!line_len)
		line_done = false;
	spin_unlock_irqrestore(&ldisc_lock, flags);
	n = copy_to_iter(buf, n, to);
	return n ? (ssize_t)n : -EFAULT;
}

static ssize_t console_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	char buf[128];
	size_t done = 0;

	while (iov_iter_count(from)) {
		size_t want = iov_iter_count(from) < sizeof(buf) ? iov_iter_count(from) : sizeof(buf);
		size_t n = copy_from_iter(buf, want, from);

		console_write(buf, n);
		done += n;
		if (n < want)
			break;
	}
	return done ? (ssize_t)done : -EFAULT;
}

const struct file_operations console_fops = {
	.read_iter = console_read_iter,
	.write_iter = console_write_iter,
	/* no .llseek: a stream, -ESPIPE */
};

static ssize_t null_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	return 0;
}

/* /dev/null and /dev/zero: everything written is dropped; the count is returned. */
static ssize_t null_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	size_t n = iov_iter_count(from);

	from->count = 0;
	return n;
}

static loff_t null_lseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos = 0;
}

static ssize_t zero_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	size_t want = iov_iter_count(to), n = iov_iter_zero(want, to);

	return n ? (ssize_t)n : -EFAULT;
}

const struct file_operations null_fops = {
	.read_iter = null_read_iter,
	.write_iter = null_write_iter,
	.llseek = null_lseek,
};

/* read(2) of /dev/zero: one clear_user() of the whole buffer (Linux's read_zero()). */
static ssize_t read_zero(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	size_t left = clear_user(buf, count);

	return left == count && count ? -EFAULT : (ssize_t)(count - left);
}

const struct file_operations zero_fops = {
	.read = read_zero,
	.read_iter = zero_read_iter,
	.write_iter = null_write_iter,
	.llseek = null_lseek,
};

/*
 * The /dev directory: these names, in this order (Linux's devtmpfs has
 * more, made as drivers register). Positions: 0 ".", 1 "..", 2 + i the
 * i-th device; d_ino 2 + i (1 is /dev itself), d_type DT_CHR.
 */
static const struct {
	const char *name;
	const struct file_operations *fops;
} devices[] = {
	{ "console",	&console_fops },
	{ "tty",	&console_fops },
	{ "null",	&null_fops },
	{ "zero",	&zero_fops },
};

#define DEV_ROOT_INO	1

static int dev_readdir(struct file *file, struct dir_context *ctx)
{
	if (!dir_emit_dots(ctx, DEV_ROOT_INO, initramfs_lookup("/")->ino))
		return 0;
	for (; ctx->pos - 2 < (loff_t)ARRAY_SIZE(devices); ctx->pos++) {
		const char *name = devices[ctx->pos - 2].name;

		if (!dir_emit(ctx, name, strlen(name), ctx->pos, DT_CHR))
			return 0;
	}
	return 0;
}

static const struct file_operations dev_dir_fops = {
	.read_iter = generic_read_dir,
	.llseek = generic_dir_llseek,
	.iterate_shared = dev_readdir,
};

const struct file_operations *chrdev_lookup(const char *path)
{
	if (strncmp(path, "/dev", 4) || (path[4] && path[4] != '/'))
		return NULL;
	for (path += 4; *path == '/'; path++)
		;
	if (!*path)
		return &dev_dir_fops;
	for (unsigned int i = 0; i < ARRAY_SIZE(devices); i++)
		if (!strcmp(path, devices[i].name))
			return devices[i].fops;
	return NULL;
}
