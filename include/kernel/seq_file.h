/* SPDX-License-Identifier: MIT */
/*
 * seq_file: text built up in a buffer by printf-style calls, then handed
 * out (fs/seq_file.c formats, fs/seq_read.c opens and reads).
 *
 * One show function writes a whole report:
 *
 *   static int meminfo_proc_show(struct seq_file *m, void *v)
 *   {
 *           seq_printf(m, "%-16s%8lu kB\n", "MemTotal:", K(totalram_pages));
 *           ...
 *           return 0;
 *   }
 *
 * and has two readers, so the format exists once:
 *
 *   /proc/meminfo   single_open(file, meminfo_proc_show, NULL): run at
 *                   open() into a kmalloc'd (or, past 32 KiB, vmalloc'd)
 *                   buffer that doubles until the report fits; read() and
 *                   lseek() then walk the buffer with f_pos.
 *   the boot log    seq_printk_show(meminfo_proc_show, NULL): a small
 *                   stack buffer that pr_info()s every complete line, so
 *                   the printers in mm/ need no allocator (and so the
 *                   allocator can print its own state).
 *
 * A write that does not fit sets count = size (Linux's "overflowed"
 * mark); seq_has_overflowed() tells the generator to grow and retry.
 *
 * Where it differs from Linux: Linux's single_open() runs show at the
 * first read() (and again after an lseek() back to 0); here it runs once,
 * at open, which is what a process reading a snapshot sees either way.
 * No seq_operations iterator (start/next/stop): every file here is small
 * enough to build whole. The printk sink is this kernel's own.
 */
#ifndef _KERNEL_SEQ_FILE_H
#define _KERNEL_SEQ_FILE_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct file;

struct seq_file {
	char *buf;
	size_t size;		/* bytes in buf */
	size_t count;		/* bytes written; == size after an overflow */
	size_t pad_until;	/* seq_setwidth()'s column for seq_pad() */
	void *private;		/* the show function's argument */
	bool to_printk;		/* the boot-log sink: flush each complete line */
};

/* Formatting. Context: any (nothing allocates). */
__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_vprintf(struct seq_file *m, const char *fmt, va_list ap);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);

/* @delimiter then @num right-aligned in @width columns (Linux's name). */
void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter,
			       unsigned long long num, unsigned int width);
/* @delimiter then @v in hex, zero-padded to @width digits (the maps line). */
void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width);

/* seq_setwidth(m, w): remember column count + @w; seq_pad(m, c): spaces up to it, then @c. */
void seq_setwidth(struct seq_file *m, size_t size);
void seq_pad(struct seq_file *m, char c);

static inline bool seq_has_overflowed(const struct seq_file *m)
{
	return m->count == m->size;
}

/**
 * seq_file_generate - run @show into a buffer that grows until it fits
 * @m: zeroed seq_file; on success m->buf holds m->count bytes
 * @show: the report
 * @v: its argument (also m->private)
 *
 * Starts at one page (kmalloc), doubles on overflow, vmalloc past 32 KiB.
 * Context: process context (sleeps in the allocator).
 * Return: 0, -ENOMEM, or @show's own negative return.
 */
int seq_file_generate(struct seq_file *m, int (*show)(struct seq_file *, void *), void *v);

/* Free what seq_file_generate() allocated. Context: process context. */
void seq_file_free(struct seq_file *m);

/**
 * seq_printk_show - print @show's report to the console, one pr_info per line
 * @show: the report (as /proc's)
 * @v: its argument
 *
 * Lines longer than 191 bytes are split. Context: any @show allows.
 */
void seq_printk_show(int (*show)(struct seq_file *, void *), void *v);

/* --- fs/seq_read.c: the file side, single_open() model -------------------- */

struct kiocb;
struct iov_iter;

/**
 * single_open - generate @show's report now and attach it to @file
 * @file: being opened; file->private_data becomes the seq_file
 * @show: the report
 * @data: its argument (a task, say, whose reference the caller may drop
 *        once this returns: the text is made)
 *
 * Context: process context. Return: 0, -ENOMEM, or @show's error.
 */
int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data);
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *to);
loff_t seq_lseek(struct file *file, loff_t offset, int whence);
int single_release(struct file *file);

#endif
