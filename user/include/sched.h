/* SPDX-License-Identifier: MIT */
/* sched.h: sched_yield(). */
#ifndef _SCHED_H
#define _SCHED_H

int sched_yield(void);

#endif
