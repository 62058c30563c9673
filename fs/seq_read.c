// SPDX-License-Identifier: MIT
/*
 * How this works: a seq_file as an open file (Linux's single_open model,
 * include/kernel/seq_file.h says where it differs).
 *
 * single_open() runs the show function at once through
 * seq_file_generate(): a one-page kmalloc buffer, and on overflow a
 * buffer twice the size and the show run again (Linux's seq_read does
 * the same doubling), from vmalloc once it passes 32 KiB, where
 * contiguous lowmem pages get scarce. The finished text is the file:
 * read() copies from buf + f_pos, lseek() moves f_pos within
 * [0, count] (SEEK_END counts from the text's end; Linux's seq_lseek
 * refuses SEEK_END, -EINVAL, and so does this one), and release frees
 * the buffer and the seq_file.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/seq_file.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#define SEQ_KMALLOC_MAX	(32u << 10)	/* bigger buffers come from vmalloc */

static void *seq_buf_alloc(size_t size)
{
	return size <= SEQ_KMALLOC_MAX ? kmalloc(size, GFP_KERNEL) : vmalloc(size);
}

static void seq_buf_free(void *buf, size_t size)
{
	if (size <= SEQ_KMALLOC_MAX)
		kfree(buf);
	else
		vfree(buf);
}

int seq_file_generate(struct seq_file *m, int (*show)(struct seq_file *, void *), void *v)
{
	size_t size = PAGE_SIZE;
	int ret;

	m->private = v;
	for (;;) {
		m->buf = seq_buf_alloc(size);
		if (!m->buf)
			return -ENOMEM;
		m->size = size;
		m->count = 0;
		m->pad_until = 0;
		ret = show(m, v);
		if (ret < 0) {
			seq_file_free(m);
			return ret;
		}
		if (!seq_has_overflowed(m))
			return 0;
		seq_file_free(m);
		if (size >= (64u << 20))	/* 64 MiB: a runaway show */
			return -ENOMEM;
		size *= 2;
	}
}

void seq_file_free(struct seq_file *m)
{
	if (m->buf)
		seq_buf_free(m->buf, m->size);
	m->buf = NULL;
	m->size = m->count = 0;
}

int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)
{
	struct seq_file *m = kzalloc(sizeof(*m), GFP_KERNEL);
	int ret;

	if (!m)
		return -ENOMEM;
	ret = seq_file_generate(m, show, data);
	if (ret) {
		kfree(m);
		return ret;
	}
	file->private_data = m;
	file->f_mode |= FMODE_LSEEK;
	return 0;
}

ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct seq_file *m = iocb->ki_filp->private_data;
	size_t n, done;

	if (iocb->ki_pos < 0)
		return -EINVAL;
	if (iocb->ki_pos >= (loff_t)m->count)
		return 0;
	n = m->count - (size_t)iocb->ki_pos;
	done = copy_to_iter(m->buf + iocb->ki_pos, n, to);
	if (!done && n && iov_iter_count(to))
		return -EFAULT;
	iocb->ki_pos += done;
	return done;
}

loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	struct seq_file *m = file->private_data;

	if (whence == SEEK_END)
		return -EINVAL;
	return fixed_size_llseek(file, offset, whence, m->count);
}

int single_release(struct file *file)
{
	struct seq_file *m = file->private_data;

	seq_file_free(m);
	kfree(m);
	file->private_data = NULL;
	return 0;
}
