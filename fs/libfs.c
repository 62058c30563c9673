// SPDX-License-Identifier: MIT
/*
 * How this works: the ->llseek helpers the file types share.
 *
 * generic_file_llseek_size() computes the new position from whence
 * (SEEK_SET: @offset; SEEK_CUR: f_pos + @offset; SEEK_END: @eof +
 * @offset), refuses a negative one or one past @maxsize (-EINVAL), and
 * stores it in f_pos. fixed_size_llseek() is the same with the file's
 * size as both bounds (nothing past the end); no_llseek() is a stream's
 * -ESPIPE.
 *
 * Where it differs from Linux: Linux keeps these in fs/read_write.c;
 * here they are apart so that the file types (which use them) and the
 * system calls (which use the file types' tables) do not depend on each
 * other both ways. No SEEK_DATA/SEEK_HOLE.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>

loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence,
				loff_t maxsize, loff_t eof)
{
	loff_t pos;

	switch (whence) {
	case SEEK_SET:
		pos = offset;
		break;
	case SEEK_CUR:
		pos = file->f_pos + offset;
		break;
	case SEEK_END:
		pos = eof + offset;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0 || pos > maxsize)
		return -EINVAL;
	file->f_pos = pos;
	return pos;
}

loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size)
{
	return generic_file_llseek_size(file, offset, whence, size, size);
}

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

