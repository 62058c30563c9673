// SPDX-License-Identifier: MIT
/*
 * KTAP suite "tty": the line discipline (drivers/tty/n_tty.c) on a
 * terminal of the test's own, so nothing typed on the console is touched.
 * Its output device appends to out[] (what was echoed); bytes go in
 * through n_tty_receive(), the path tty_receive_buf() takes, and come out
 * through n_tty_read() without sleeping (N_TTY_NONBLOCK: -EAGAIN where a
 * reader would block), except where a case measures VTIME.
 *
 * Checked: the default modes are Linux's; canonical erase (DEL, ^H), kill
 * (^U), word erase (^W), EOF (^D), ICRNL, echo with ECHOE and ECHOCTL,
 * ONLCR on output, the lines handed out whole; ISIG flushing (and NOFLSH
 * keeping) pending input; VMIN/VTIME; and flow control: a full queue
 * refuses bytes, the producer is told to wait, a read that makes room
 * calls it back, and every byte of a long stream comes out in order.
 */
#include <kernel/errno.h>
#include <kernel/jiffies.h>
#include <kernel/ktest.h>
#include <kernel/string.h>
#include "../tty/tty.h"

static struct tty_struct test_tty;
static char out[512];
static size_t out_len;
static unsigned int unthrottles;

static void capture(const char *s, size_t n)
{
	while (n-- && out_len < sizeof(out) - 1)
		out[out_len++] = *s++;
	out[out_len] = '\0';
}

static void count_unthrottle(void)
{
	unthrottles++;
}

static void tty_case_init(struct ktest *t)
{
	(void)t;
	tty_struct_init(&test_tty, capture);
	test_tty.unthrottle = count_unthrottle;
	out_len = 0;
	out[0] = '\0';
	unthrottles = 0;
}

static size_t feed(const char *s)
{
	return n_tty_receive(&test_tty, (const unsigned char *)s, strlen(s));
}

/* One non-blocking read into @buf (NUL-terminated): bytes, or -errno. */
static ssize_t rd(char *buf, size_t n)
{
	ssize_t r = n_tty_read(&test_tty, (unsigned char *)buf, n - 1, N_TTY_NONBLOCK);

	buf[r > 0 ? r : 0] = '\0';
	return r;
}

static void set_raw(unsigned char vmin, unsigned char vtime)
{
	struct termios t = test_tty.termios;

	t.c_iflag &= ~(ICRNL | IXON);
	t.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
	t.c_cc[VMIN] = vmin;
	t.c_cc[VTIME] = vtime;
	n_tty_set_termios(&test_tty, &t, false);
}

static void tty_default_termios_is_linux(struct ktest *t)
{
	const struct termios *tm = &test_tty.termios;

	KTEST_EXPECT_EQ(t, tm->c_iflag, ICRNL | IXON);
	KTEST_EXPECT_EQ(t, tm->c_oflag, OPOST | ONLCR);
	KTEST_EXPECT_EQ(t, tm->c_cflag, B38400 | CS8 | CREAD | HUPCL);
	KTEST_EXPECT_EQ(t, tm->c_lflag, ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN);
	KTEST_EXPECT_EQ(t, tm->c_cc[VINTR], 3);
	KTEST_EXPECT_EQ(t, tm->c_cc[VQUIT], 034);
	KTEST_EXPECT_EQ(t, tm->c_cc[VERASE], 0177);
	KTEST_EXPECT_EQ(t, tm->c_cc[VKILL], 025);
	KTEST_EXPECT_EQ(t, tm->c_cc[VEOF], 4);
	KTEST_EXPECT_EQ(t, tm->c_cc[VMIN], 1);
	KTEST_EXPECT_EQ(t, tm->c_cc[VTIME], 0);
	KTEST_EXPECT_EQ(t, tm->c_cc[VWERASE], 027);
	KTEST_EXPECT_EQ(t, test_tty.winsize.ws_row, 24);
	KTEST_EXPECT_EQ(t, test_tty.winsize.ws_col, 80);
}

/* A line is readable only once complete; DEL and ^H erase, on the screen too. */
static void tty_canon_erase(struct ktest *t)
{
	char buf[64];

	KTEST_EXPECT_EQ(t, feed("abc"), 3);
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), -EAGAIN);
	feed("\x7f\bd\n");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 3);
	KTEST_EXPECT_STREQ(t, buf, "ad\n");
	KTEST_EXPECT_STREQ(t, out, "abc\b \b\b \bd\r\n");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), -EAGAIN);
}

static void tty_canon_kill_and_werase(struct ktest *t)
{
	char buf[64];

	feed("junk\x15ok\n");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 3);
	KTEST_EXPECT_STREQ(t, buf, "ok\n");
	feed("one two  \x17three\n");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 10);
	KTEST_EXPECT_STREQ(t, buf, "one three\n");
	feed("a\x17\x17\x7f\n");		/* erasing past the start does nothing */
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 1);
	KTEST_EXPECT_STREQ(t, buf, "\n");
}

/* ^D: end of file on an empty line; after text it ends the read, not stored. */
static void tty_canon_eof(struct ktest *t)
{
	char buf[64];

	feed("\x04");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 0);
	feed("ab\x04" "cd\n");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 2);
	KTEST_EXPECT_STREQ(t, buf, "ab");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 3);
	KTEST_EXPECT_STREQ(t, buf, "cd\n");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), -EAGAIN);
	KTEST_EXPECT_NULL(t, strchr(out, 4));	/* ^D is not echoed */
}

/* A short read takes part of the line; the rest comes next, and only it. */
static void tty_canon_partial_read(struct ktest *t)
{
	char buf[4];

	feed("hello\nnext\n");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 3);
	KTEST_EXPECT_STREQ(t, buf, "hel");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 3);
	KTEST_EXPECT_STREQ(t, buf, "lo\n");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 3);
	KTEST_EXPECT_STREQ(t, buf, "nex");
}

static void tty_icrnl(struct ktest *t)
{
	struct termios tm = test_tty.termios;
	char buf[64];

	feed("hi\r");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 3);
	KTEST_EXPECT_STREQ(t, buf, "hi\n");
	tm.c_iflag &= ~ICRNL;
	n_tty_set_termios(&test_tty, &tm, false);
	feed("x\r");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), -EAGAIN);	/* '\r' ends no line now */
	feed("\n");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 3);
	KTEST_EXPECT_STREQ(t, buf, "x\r\n");
}

/* ECHOCTL shows a control byte as ^X; erasing it takes both columns. */
static void tty_echoctl(struct ktest *t)
{
	char buf[64];

	feed("\x01q\x7f\x7f\n");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 1);
	KTEST_EXPECT_STREQ(t, out, "^Aq\b \b\b \b\b \b\r\n");
}

/* OPOST|ONLCR: "\n" goes out as "\r\n"; without ONLCR, as it is. */
static void tty_onlcr(struct ktest *t)
{
	struct termios tm = test_tty.termios;

	n_tty_write(&test_tty, "a\nb", 3);
	KTEST_EXPECT_STREQ(t, out, "a\r\nb");
	tm.c_oflag &= ~ONLCR;
	n_tty_set_termios(&test_tty, &tm, false);
	out_len = 0;
	n_tty_write(&test_tty, "a\nb", 3);
	KTEST_EXPECT_STREQ(t, out, "a\nb");
}

/* ^C acts on arrival: echoed, pending input flushed (NOFLSH: kept). No group: nobody signalled. */
static void tty_isig_flushes(struct ktest *t)
{
	struct termios tm = test_tty.termios;
	char buf[64];

	feed("typed\nmore");
	KTEST_EXPECT_EQ(t, n_tty_chars_in_buffer(&test_tty), 10);
	KTEST_EXPECT_EQ(t, feed("\x03"), 1);
	KTEST_EXPECT_EQ(t, n_tty_chars_in_buffer(&test_tty), 0);
	KTEST_EXPECT_STREQ(t, out, "^C");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), -EAGAIN);
	tm.c_lflag |= NOFLSH;
	n_tty_set_termios(&test_tty, &tm, false);
	feed("kept\x1c\n");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 5);
	KTEST_EXPECT_STREQ(t, buf, "kept\n");
	tm.c_lflag &= ~ISIG;			/* now ^C is data */
	n_tty_set_termios(&test_tty, &tm, false);
	feed("\x03\n");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 2);
	KTEST_EXPECT_EQ(t, buf[0], 3);
}

/* Non-canonical: VMIN bytes, no echo without ECHO, VMIN=0 polls, VTIME times out. */
static void tty_vmin_vtime(struct ktest *t)
{
	char buf[64];
	unsigned long start;

	set_raw(3, 0);
	feed("ab");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), -EAGAIN);	/* 2 < VMIN */
	feed("c");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 3);
	KTEST_EXPECT_STREQ(t, buf, "abc");
	feed("xy");
	KTEST_EXPECT_EQ(t, rd(buf, 2), 1);			/* count 1 < VMIN: 1 is enough */
	KTEST_EXPECT_STREQ(t, buf, "x");
	set_raw(0, 0);
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 1);		/* the "y" */
	KTEST_EXPECT_EQ(t, n_tty_read(&test_tty, (unsigned char *)buf, 8, N_TTY_BLOCK), 0);
	set_raw(0, 2);						/* 0.2 s */
	start = jiffies;
	KTEST_EXPECT_EQ(t, n_tty_read(&test_tty, (unsigned char *)buf, 8, N_TTY_BLOCK), 0);
	KTEST_EXPECT_GE(t, jiffies - start, HZ / 5);
	KTEST_EXPECT_LT(t, jiffies - start, HZ);
	KTEST_EXPECT_EQ(t, out_len, 0);				/* no ECHO: nothing shown */
	feed("\r");
	KTEST_EXPECT_EQ(t, n_tty_read(&test_tty, (unsigned char *)buf, 8, N_TTY_BLOCK), 1);
	KTEST_EXPECT_EQ(t, buf[0], '\r');			/* ICRNL off too */
}

/* Switching from canonical to raw hands out the half-typed line. */
static void tty_canon_to_raw_keeps_line(struct ktest *t)
{
	char buf[64];

	feed("half");
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), -EAGAIN);
	set_raw(1, 0);
	KTEST_EXPECT_EQ(t, rd(buf, sizeof(buf)), 4);
	KTEST_EXPECT_STREQ(t, buf, "half");
}

/*
 * Flow control: the queue takes N_TTY_BUF_SIZE bytes and refuses the
 * rest (the producer keeps them), a read that makes room calls the
 * unthrottle callback, and a stream three queues long, pushed by a
 * producer that waits for the callback whenever it is refused, comes out
 * complete and in order.
 */
static void tty_flow_control(struct ktest *t)
{
	static unsigned char src[3 * N_TTY_BUF_SIZE + 123], dst[sizeof(src)];
	size_t sent = 0, got = 0, n;
	unsigned int refusals = 0, rounds = 0;

	set_raw(1, 0);
	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)(i * 7 + i / 256);

	n = n_tty_receive(&test_tty, src, N_TTY_BUF_SIZE + 10);
	KTEST_EXPECT_EQ(t, n, N_TTY_BUF_SIZE);
	KTEST_EXPECT_TRUE(t, test_tty.throttled);
	KTEST_EXPECT_EQ(t, n_tty_receive(&test_tty, src + n, 1), 0);
	KTEST_EXPECT_EQ(t, unthrottles, 0);
	sent = n;
	refusals = 1;
	while (got < sizeof(src) && rounds++ < 1000) {
		unsigned int before = unthrottles;
		ssize_t r = n_tty_read(&test_tty, dst + got, 1000, N_TTY_NONBLOCK);

		if (r > 0)
			got += (size_t)r;
		if (sent < sizeof(src)) {
			if (refusals && unthrottles == before)
				continue;		/* told to hold back and not yet called back */
			n = n_tty_receive(&test_tty, src + sent, sizeof(src) - sent);
			sent += n;
			if (sent < sizeof(src))
				refusals++;
		}
	}
	KTEST_EXPECT_EQ(t, sent, sizeof(src));
	KTEST_EXPECT_EQ(t, got, sizeof(src));
	KTEST_EXPECT_GE(t, refusals, 2);
	KTEST_EXPECT_GE(t, unthrottles, refusals);
	KTEST_EXPECT_EQ(t, memcmp(src, dst, sizeof(src)), 0);
	KTEST_EXPECT_FALSE(t, test_tty.throttled);
}

/* A full canonical line keeps its last byte for the newline; the rest is discarded, as Linux. */
static void tty_canon_long_line(struct ktest *t)
{
	static unsigned char buf[N_TTY_BUF_SIZE + 1];
	ssize_t r;

	memset(buf, 'z', sizeof(buf));
	test_tty.termios.c_lflag &= ~ECHO;
	KTEST_EXPECT_EQ(t, n_tty_receive(&test_tty, buf, N_TTY_BUF_SIZE), N_TTY_BUF_SIZE);
	KTEST_EXPECT_EQ(t, rd((char *)buf, sizeof(buf)), -EAGAIN);	/* consumed: room again */
	KTEST_EXPECT_EQ(t, unthrottles, 0);				/* nobody was refused */
	feed("zz\n");
	r = rd((char *)buf, sizeof(buf));
	KTEST_EXPECT_EQ(t, r, N_TTY_BUF_SIZE);
	KTEST_EXPECT_EQ(t, buf[N_TTY_BUF_SIZE - 2], 'z');
	KTEST_EXPECT_EQ(t, buf[N_TTY_BUF_SIZE - 1], '\n');
}

/*
 * A key (n_tty_receive_whole()): all its bytes or none. With room for
 * two bytes, ESC [ A is refused whole (no "ESC [" gets in) and throttled
 * stays clear; a one-byte key still fits.
 */
static void tty_receive_whole_key(struct ktest *t)
{
	static unsigned char fill[N_TTY_BUF_SIZE - 2];
	static const unsigned char up[3] = { 0x1b, '[', 'A' };

	set_raw(1, 0);
	memset(fill, 'x', sizeof(fill));
	KTEST_EXPECT_EQ(t, n_tty_receive(&test_tty, fill, sizeof(fill)), sizeof(fill));
	KTEST_EXPECT_FALSE(t, n_tty_receive_whole(&test_tty, up, sizeof(up)));
	KTEST_EXPECT_EQ(t, n_tty_chars_in_buffer(&test_tty), sizeof(fill));
	KTEST_EXPECT_FALSE(t, test_tty.throttled);
	KTEST_EXPECT_TRUE(t, n_tty_receive_whole(&test_tty, up + 2, 1));
	KTEST_EXPECT_EQ(t, n_tty_chars_in_buffer(&test_tty), sizeof(fill) + 1);
	KTEST_EXPECT_FALSE(t, test_tty.throttled);
}

static const struct ktest_case tty_cases[] = {
	KTEST_CASE(tty_default_termios_is_linux),
	KTEST_CASE(tty_canon_erase),
	KTEST_CASE(tty_canon_kill_and_werase),
	KTEST_CASE(tty_canon_eof),
	KTEST_CASE(tty_canon_partial_read),
	KTEST_CASE(tty_icrnl),
	KTEST_CASE(tty_echoctl),
	KTEST_CASE(tty_onlcr),
	KTEST_CASE(tty_isig_flushes),
	KTEST_CASE(tty_vmin_vtime),
	KTEST_CASE(tty_canon_to_raw_keeps_line),
	KTEST_CASE(tty_flow_control),
	KTEST_CASE(tty_receive_whole_key),
	KTEST_CASE(tty_canon_long_line),
	{}
};

KTEST_SUITE(tty) = { .name = "tty", .cases = tty_cases, .init = tty_case_init };
