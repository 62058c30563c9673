/* SPDX-License-Identifier: MIT */
/* Error numbers, Linux's values: the list user space shares (include/uapi). */
#ifndef _KERNEL_ERRNO_H
#define _KERNEL_ERRNO_H

#include <uapi/linux/errno.h>

#endif
