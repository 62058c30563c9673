/* SPDX-License-Identifier: MIT */
/*
 * Atomic counters: an int that several CPUs may change at once.
 *
 * "counter++" is a load, an add and a store. Two CPUs doing it together
 * can both load 5 and both store 6: one increment is lost. Turning
 * interrupts off (or preemption) stops only this CPU's other contexts,
 * not another CPU. The x86 lock prefix makes one read-modify-write
 * instruction indivisible for every CPU (the cache line is held for the
 * whole instruction), so each operation below is one such instruction:
 *
 *   atomic_inc(v)             lock incl (v)
 *   atomic_add_return(i, v)   lock xaddl i, (v): the old value comes
 *                             back in i, the new one is old + i
 *   atomic_dec_and_test(v)    lock decl (v); sete: true when it reached 0
 *                             (the last put of a reference count)
 *   atomic_cmpxchg(v, o, n)   lock cmpxchgl: n stored only if (v) was o;
 *                             the value found comes back either way
 *   atomic_xchg(v, n)         xchgl (locked without the prefix)
 *
 * A locked instruction is also a full memory barrier (asm/barrier.h), so
 * a reference count dropped with atomic_dec_and_test() orders the
 * holder's last accesses before the free. atomic_read()/atomic_set() are
 * plain loads and stores (READ_ONCE/WRITE_ONCE): an aligned 32-bit access
 * is never torn on x86.
 *
 *   atomic_t users = ATOMIC_INIT(1);
 *   atomic_inc(&users);                       another holder
 *   if (atomic_dec_and_test(&users))          the last one frees
 *           free_it();
 *
 * xadd and cmpxchg are 486 instructions; the kernel does not run on a 386.
 *
 * Where it differs from Linux: Linux generates the whole family (the
 * _relaxed/_acquire/_release orderings, fetch_ variants, atomic64_t)
 * from a few arch primitives; here only the common operations exist, all
 * fully ordered, on int and long (the same width on i386).
 */
#ifndef _KERNEL_ATOMIC_H
#define _KERNEL_ATOMIC_H

#include <asm/barrier.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

typedef struct { int counter; } atomic_t;
typedef struct { long counter; } atomic_long_t;

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC_LONG_INIT(i)	{ (i) }

/* atomic_read - the value now (it may change the next instant). Context: any. */
static __always_inline int atomic_read(const atomic_t *v)
{
	return READ_ONCE(v->counter);
}

/* atomic_set - store @i; not a read-modify-write. Context: any. */
static __always_inline void atomic_set(atomic_t *v, int i)
{
	WRITE_ONCE(v->counter, i);
}

/* atomic_add - *v += @i, as one locked instruction. Context: any. */
static __always_inline void atomic_add(int i, atomic_t *v)
{
	__asm__ __volatile__("lock; addl %1, %0" : "+m"(v->counter) : "ir"(i) : "memory", "cc");
}

static __always_inline void atomic_sub(int i, atomic_t *v)
{
	__asm__ __volatile__("lock; subl %1, %0" : "+m"(v->counter) : "ir"(i) : "memory", "cc");
}

static __always_inline void atomic_inc(atomic_t *v)
{
	__asm__ __volatile__("lock; incl %0" : "+m"(v->counter) :: "memory", "cc");
}

static __always_inline void atomic_dec(atomic_t *v)
{
	__asm__ __volatile__("lock; decl %0" : "+m"(v->counter) :: "memory", "cc");
}

/* atomic_dec_and_test - *v -= 1. Return: true if it is now 0. Context: any. */
static __always_inline bool atomic_dec_and_test(atomic_t *v)
{
	bool zero;

	__asm__ __volatile__("lock; decl %0; sete %1"
			     : "+m"(v->counter), "=qm"(zero) :: "memory", "cc");
	return zero;
}

/* atomic_add_return - *v += @i. Return: the new value. Context: any. */
static __always_inline int atomic_add_return(int i, atomic_t *v)
{
	int old = i;

	__asm__ __volatile__("lock; xaddl %0, %1" : "+r"(old), "+m"(v->counter) :: "memory", "cc");
	return old + i;
}

#define atomic_sub_return(i, v)	atomic_add_return(-(i), v)
#define atomic_inc_return(v)	atomic_add_return(1, v)
#define atomic_dec_return(v)	atomic_add_return(-1, v)
/* atomic_fetch_add - *v += @i. Return: the old value. */
#define atomic_fetch_add(i, v)	(atomic_add_return(i, v) - (i))

/*
 * arch_cmpxchg - if *@ptr is @old, store @new. Return: what *@ptr held
 * (== @old exactly when the store happened). For 32-bit objects.
 */
#define arch_cmpxchg(ptr, old, new) ({					\
	__typeof__(*(ptr)) __ret;					\
	_Static_assert(sizeof(*(ptr)) == 4, "cmpxchg: 32-bit objects only"); \
	__asm__ __volatile__("lock; cmpxchgl %2, %1"			\
			     : "=a"(__ret), "+m"(*(ptr))		\
			     : "r"(new), "0"(old) : "memory", "cc");	\
	__ret;								\
})

/* arch_xchg - store @new in *@ptr. Return: the old value. xchg with memory is always locked. */
#define arch_xchg(ptr, new) ({						\
	__typeof__(*(ptr)) __ret = (new);				\
	_Static_assert(sizeof(*(ptr)) == 4, "xchg: 32-bit objects only"); \
	__asm__ __volatile__("xchgl %0, %1"				\
			     : "+r"(__ret), "+m"(*(ptr)) :: "memory");	\
	__ret;								\
})

#define cmpxchg(ptr, old, new)	arch_cmpxchg(ptr, old, new)
#define xchg(ptr, new)		arch_xchg(ptr, new)

/* atomic_cmpxchg - @new into *v if it holds @old. Return: the value found. Context: any. */
static __always_inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	return arch_cmpxchg(&v->counter, old, new);
}

/* atomic_try_cmpxchg - as atomic_cmpxchg(), but true on success and *@old updated on failure. */
static __always_inline bool atomic_try_cmpxchg(atomic_t *v, int *old, int new)
{
	int found = arch_cmpxchg(&v->counter, *old, new);

	if (found == *old)
		return true;
	*old = found;
	return false;
}

static __always_inline int atomic_xchg(atomic_t *v, int new)
{
	return arch_xchg(&v->counter, new);
}

/* atomic_inc_not_zero - take a reference unless the count is already 0. Return: true if taken. */
static __always_inline bool atomic_inc_not_zero(atomic_t *v)
{
	int c = atomic_read(v);

	do {
		if (!c)
			return false;
	} while (!atomic_try_cmpxchg(v, &c, c + 1));
	return true;
}

/* atomic_long_t: long is int's width on i386, so the same instructions. */
_Static_assert(sizeof(long) == sizeof(int), "atomic_long_t is atomic_t's width");
#define __AL(v)	((atomic_t *)(v))
static __always_inline long atomic_long_read(const atomic_long_t *v)	{ return READ_ONCE(v->counter); }
static __always_inline void atomic_long_set(atomic_long_t *v, long i)	{ WRITE_ONCE(v->counter, i); }
static __always_inline void atomic_long_inc(atomic_long_t *v)		{ atomic_inc(__AL(v)); }
static __always_inline void atomic_long_dec(atomic_long_t *v)		{ atomic_dec(__AL(v)); }
static __always_inline void atomic_long_add(long i, atomic_long_t *v)	{ atomic_add((int)i, __AL(v)); }
static __always_inline long atomic_long_add_return(long i, atomic_long_t *v)
{
	return atomic_add_return((int)i, __AL(v));
}
static __always_inline long atomic_long_cmpxchg(atomic_long_t *v, long old, long new)
{
	return atomic_cmpxchg(__AL(v), (int)old, (int)new);
}
#undef __AL

/*
 * Bits in a word that several CPUs change (task->tif, task->pending): one
 * locked or/and, so setting one bit cannot undo another CPU's change to
 * another bit of the same word, as a plain "|=" (load, or, store) can.
 * Linux's set_bit()/clear_bit() (asm/bitops.h), for one word only.
 */
static __always_inline void set_bit(unsigned int nr, unsigned long *addr)
{
	__asm__ __volatile__("lock; orl %1, %0" : "+m"(*addr) : "ir"(1UL << nr) : "memory", "cc");
}

static __always_inline void clear_bit(unsigned int nr, unsigned long *addr)
{
	__asm__ __volatile__("lock; andl %1, %0" : "+m"(*addr) : "ir"(~(1UL << nr)) : "memory", "cc");
}

/* test_and_set_bit - set bit @nr. Return: true if it was set already. */
static __always_inline bool test_and_set_bit(unsigned int nr, unsigned long *addr)
{
	bool old;

	__asm__ __volatile__("lock; btsl %2, %0; setc %1"
			     : "+m"(*addr), "=qm"(old) : "Ir"(nr) : "memory", "cc");
	return old;
}

static __always_inline bool test_bit(unsigned int nr, const unsigned long *addr)
{
	return (READ_ONCE(*addr) >> nr) & 1;
}

/*
 * A plain counter that only ever counts up, from several CPUs, read by
 * /proc or a test (statistics such as report_state.total): one locked
 * increment, without making every reader change type.
 */
static __always_inline void counter_inc_atomic(unsigned long *p)
{
	__asm__ __volatile__("lock; incl %0" : "+m"(*p) :: "memory", "cc");
}

/* The same for a counter that goes both ways (a zone's free_pages): *p += @d. */
static __always_inline void counter_add_atomic(unsigned long *p, unsigned long d)
{
	__asm__ __volatile__("lock; addl %1, %0" : "+m"(*p) : "ir"(d) : "memory", "cc");
}

static __always_inline void counter_sub_atomic(unsigned long *p, unsigned long d)
{
	__asm__ __volatile__("lock; subl %1, %0" : "+m"(*p) : "ir"(d) : "memory", "cc");
}

#endif
