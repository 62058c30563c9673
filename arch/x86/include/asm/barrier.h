/* SPDX-License-Identifier: MIT */
/*
 * Memory barriers: what one CPU's accesses look like, in order, to another.
 *
 * x86 is "total store order": loads are not reordered with loads, stores
 * not with stores, and a store is not moved ahead of an earlier load. The
 * one reordering a program can see is a load passing an earlier store to
 * another address (the store waits in the CPU's store buffer):
 *
 *   CPU 0: x = 1; r0 = y;        CPU 1: y = 1; r1 = x;
 *   both r0 and r1 may be 0.     Only a full barrier between the store
 *                                and the load (smp_mb()) forbids it.
 *
 * So smp_rmb() and smp_wmb() only have to stop the compiler (barrier()),
 * and smp_mb() is a locked instruction: any lock-prefixed read-modify-
 * write drains the store buffer. A locked add of 0 to the word just below
 * the stack pointer is the cheapest one that touches nothing live and
 * works on every CPU this kernel runs on (mfence needs SSE2, which a 486
 * or a Pentium lacks). Every lock-prefixed atomic (kernel/atomic.h) is
 * a full barrier too.
 *
 * Where it differs from Linux: Linux's i386 mb() is patched to mfence
 * on CPUs with SSE2 (alternatives); here it is always the locked add,
 * which is what Linux uses for smp_mb() on x86 anyway. There are no
 * dma_*() or virt_*() barriers: no device here needs them.
 */
#ifndef _ASM_X86_BARRIER_H
#define _ASM_X86_BARRIER_H

#include <kernel/compiler.h>

#define mb()	__asm__ __volatile__("lock; addl $0,-4(%%esp)" ::: "memory", "cc")
#define rmb()	mb()
#define wmb()	mb()

#define smp_mb()	mb()
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()

/* A store the earlier accesses are visible before; a load the later ones follow. */
#define smp_store_release(p, v) do { barrier(); WRITE_ONCE(*(p), (v)); } while (0)
#define smp_load_acquire(p) ({					\
	__typeof__(*(p)) ___v = READ_ONCE(*(p));		\
	barrier();						\
	___v;							\
})

/* The atomics are locked instructions: already full barriers. */
#define smp_mb__before_atomic()	barrier()
#define smp_mb__after_atomic()	barrier()

#endif
