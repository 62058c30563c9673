/* SPDX-License-Identifier: MIT */
/* A small seeded generator (xorshift32) for tests and stress runs. */
#ifndef _KERNEL_RANDOM_H
#define _KERNEL_RANDOM_H

#include <kernel/types.h>

struct rnd_state { u32 s; };

static inline void prandom_seed_state(struct rnd_state *st, u32 seed)
{
	st->s = seed ? seed : 0x9e3779b9;
}
static inline u32 prandom_u32_state(struct rnd_state *st)
{
	u32 x = st->s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return st->s = x;
}
/* A value in [0, n) (n > 0); the tiny modulo bias does not matter here. */
static inline u32 prandom_u32_below(struct rnd_state *st, u32 n)
{
	return prandom_u32_state(st) % n;
}

#endif
