// SPDX-License-Identifier: MIT
/*
 * How this works: ioctl(2), the "everything else" call on a file
 * descriptor. sys_ioctl() finds the file (-EBADF if @fd is not open) and
 * hands the request to its ->unlocked_ioctl; a file without one is not a
 * device that takes requests, so every request is -ENOTTY ("not a
 * typewriter": isatty() is built on exactly that answer). The one file
 * with requests today is the console terminal (drivers/tty/tty_io.c:
 * TCGETS, TIOCSPGRP, ...); it, too, answers an unknown request -ENOTTY.
 * @arg is the driver's to read: a number or a user pointer, which the
 * driver copies with copy_from_user()/put_user() and so answers -EFAULT
 * for a bad one.
 *
 * Where it differs from Linux: no requests common to every file
 * (do_vfs_ioctl()'s FIOCLEX, FIONCLEX, FIONBIO, FIOASYNC, FIOQSIZE, and
 * FIONREAD on a regular file), no compat_ioctl; drivers return -ENOTTY
 * themselves rather than -ENOIOCTLCMD for sys_ioctl to translate.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/syscalls.h>

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct fd f = fdget(fd);
	long ret;

	if (!f.file)
		return -EBADF;
	if (f.file->f_op->unlocked_ioctl)
		ret = f.file->f_op->unlocked_ioctl(f.file, cmd, arg);
	else
		ret = -ENOTTY;
	fdput(f);
	return ret;
}
