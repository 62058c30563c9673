/* SPDX-License-Identifier: MIT */
/* Error numbers, Linux's values (include/uapi/asm-generic/errno-base.h). */
#ifndef _KERNEL_ERRNO_H
#define _KERNEL_ERRNO_H

#define EPERM		1	/* operation not permitted */
#define ENOMEM		12	/* out of memory */
#define EFAULT		14	/* bad address */
#define EBUSY		16	/* device or resource busy */
#define EINVAL		22	/* invalid argument */

#endif
