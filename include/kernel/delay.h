/* SPDX-License-Identifier: MIT */
/* Sleeping for a time (kernel/time/timer.c). */
#ifndef _KERNEL_DELAY_H
#define _KERNEL_DELAY_H

/**
 * msleep - sleep at least @msecs milliseconds (rounded up to whole
 * jiffies, plus one: the current jiffy is already partly gone).
 * Context: process context, may sleep.
 */
void msleep(unsigned int msecs);

#endif
