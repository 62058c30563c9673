/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_CRASH_H
#define _KERNEL_CRASH_H

/* End the boot on purpose if the command line says crash=<how> (kernel/crash.c). */
void crash_if_asked(void);

#endif
