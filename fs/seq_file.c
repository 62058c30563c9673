// SPDX-License-Identifier: MIT
/*
 * How this works: the seq_file buffer (include/kernel/seq_file.h has the
 * picture of its two readers).
 *
 * Every seq_* call formats at buf + count and moves count on. A write
 * that does not fit whole writes nothing and sets count = size: the
 * overflow mark, after which every further write is dropped too, so a
 * report is either complete or visibly cut off, never cut in the middle
 * of a line the reader cannot tell from a whole one. The generator
 * (seq_file_generate(), fs/seq_read.c) then frees the buffer, doubles it
 * and runs the show function again from the start: shows must be
 * repeatable, and are (they only read counters).
 *
 * The printk sink (to_printk) turns the same calls into boot-log lines:
 * after each write, every complete line in the buffer goes to pr_info()
 * and the rest moves to the front, so a 192-byte stack buffer is enough
 * for reports of any length; a line longer than the buffer is printed in
 * pieces. This file allocates nothing, so mm/'s printers (which the
 * allocator's own reports call) can use it.
 *
 * seq_setwidth()/seq_pad() are Linux's: the maps line pads its fixed
 * part to 25 + 6 * sizeof(void *) - 1 = 48 columns before the path.
 *
 * Where it differs from Linux: the printk sink is this kernel's (Linux's
 * boot prints and /proc files share data, not formatting code); no
 * seq_operations, no seq_escape.
 */
#include <kernel/printk.h>
#include <kernel/seq_file.h>
#include <kernel/string.h>

/* The printk sink: print each complete line, keep the unfinished tail. */
static void seq_flush_lines(struct seq_file *m, bool all)
{
	size_t start = 0, i;

	if (seq_has_overflowed(m))	/* one line fills the buffer: print what there is */
		all = true;
	for (i = 0; i < m->count; i++) {
		if (m->buf[i] == '\n') {
			pr_info("%.*s\n", (int)(i - start), m->buf + start);
			start = i + 1;
		}
	}
	if (all && start < m->count) {
		pr_info("%.*s\n", (int)(m->count - start), m->buf + start);
		start = m->count;
	}
	memmove(m->buf, m->buf + start, m->count - start);
	m->pad_until = m->pad_until > start ? m->pad_until - start : 0;
	m->count -= start;
}

static void seq_commit(struct seq_file *m)
{
	if (m->to_printk)
		seq_flush_lines(m, false);
}

void seq_vprintf(struct seq_file *m, const char *fmt, va_list ap)
{
	size_t room = m->size - m->count;
	int n;

	if (m->count < m->size) {
		n = vsnprintf(m->buf + m->count, room, fmt, ap);
		if (n >= 0 && (size_t)n < room) {
			m->count += n;
			seq_commit(m);
			return;
		}
	}
	m->count = m->size;		/* overflowed */
	seq_commit(m);
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	seq_vprintf(m, fmt, ap);
	va_end(ap);
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len < m->size) {
		memcpy(m->buf + m->count, data, len);
		m->count += len;
	} else {
		m->count = m->size;
	}
	seq_commit(m);
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter,
			       unsigned long long num, unsigned int width)
{
	if (delimiter)
		seq_puts(m, delimiter);
	seq_printf(m, "%*llu", (int)width, num);
}

void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width)
{
	if (delimiter)
		seq_puts(m, delimiter);
	seq_printf(m, "%0*llx", (int)width, v);
}

void seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}

void seq_pad(struct seq_file *m, char c)
{
	static const char spaces[] = "                                                ";
	size_t size = m->pad_until > m->count ? m->pad_until - m->count : 0;

	while (size) {
		size_t n = size < sizeof(spaces) - 1 ? size : sizeof(spaces) - 1;

		seq_write(m, spaces, n);
		size -= n;
	}
	if (c)
		seq_putc(m, c);
}

void seq_printk_show(int (*show)(struct seq_file *, void *), void *v)
{
	char buf[192];
	struct seq_file m = { .buf = buf, .size = sizeof(buf), .private = v, .to_printk = true };

	show(&m, v);
	seq_flush_lines(&m, true);
}
