/* SPDX-License-Identifier: MIT */
/* Error numbers, Linux's values (include/uapi/asm-generic/errno-base.h, errno.h). */
#ifndef _KERNEL_ERRNO_H
#define _KERNEL_ERRNO_H

#define EPERM		1	/* operation not permitted */
#define ENOENT		2	/* no such file or directory */
#define ESRCH		3	/* no such process */
#define EINTR		4	/* interrupted system call */
#define EIO		5	/* I/O error */
#define EBADF		9	/* bad file number */
#define EAGAIN		11	/* try again */
#define ENOMEM		12	/* out of memory */
#define EACCES		13	/* permission denied */
#define EFAULT		14	/* bad address */
#define EBUSY		16	/* device or resource busy */
#define EEXIST		17	/* file exists */
#define ENOTDIR		20	/* not a directory */
#define EISDIR		21	/* is a directory */
#define EINVAL		22	/* invalid argument */
#define EMFILE		24	/* too many open files */
#define ESPIPE		29	/* illegal seek */
#define EROFS		30	/* read-only file system */
#define ENAMETOOLONG	36	/* file name too long */
#define ENOSYS		38	/* invalid system call number */
#define EOVERFLOW	75	/* value too large for defined data type */

#endif
