/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_CRASH_H
#define _KERNEL_CRASH_H

/*
 * crash=<how> (kernel/crash.c, built only with CONFIG_CRASH; the option is
 * registered by kernel/demos.c): crash_setup() remembers how, -1 for an
 * unknown kind; crash_if_asked() then ends the boot that way.
 */
int crash_setup(const char *val);
void crash_if_asked(void);

#endif
