// SPDX-License-Identifier: MIT
/*
 * include/kernel/spinlock.h's ticket lock and include/kernel/atomic.h's
 * locked operations, run by several host threads at once: on the host's
 * CPUs these are really parallel, which a QEMU boot with one CPU online
 * cannot be. Each thread adds to counters COUNT times; a lost update
 * (two read-modify-writes interleaved) shows as a total below
 * THREADS * COUNT. The kernel suite kernel/tests/spinlock_test.c checks
 * the ticket order, the debug reports and, with two CPUs, the same counts.
 *
 * The threads use only the arch_spin_*() word and the atomics: the
 * spinlock_t layer's preempt_count and owner fields are one CPU's state,
 * which the host models once (kglue.c), not per thread.
 */
#include <kernel/atomic.h>
#include <kernel/spinlock.h>

#include "ht.h"

/* <pthread.h> would clash with the kernel's types.h: the two calls, by hand (glibc). */
typedef unsigned long host_pthread_t;
int pthread_create(host_pthread_t *thread, const void *attr, void *(*fn)(void *), void *arg);
int pthread_join(host_pthread_t thread, void **ret);

#define THREADS	4
#define COUNT	200000

static arch_spinlock_t lock = __ARCH_SPIN_LOCK_UNLOCKED;
static unsigned long under_lock, under_trylock;
static atomic_t atomic_count;
static unsigned long bit_word, locked_adds;

static void *hammer(void *arg)
{
	unsigned int id = (unsigned int)(unsigned long)arg;

	for (int i = 0; i < COUNT; i++) {
		arch_spin_lock(&lock);
		under_lock++;			/* a plain ++: the lock alone keeps it whole */
		arch_spin_unlock(&lock);
		while (!arch_spin_trylock(&lock))
			cpu_relax();
		under_trylock++;
		arch_spin_unlock(&lock);
		atomic_inc(&atomic_count);
		counter_inc_atomic(&locked_adds);
		if ((unsigned int)i == id)
			set_bit(id, &bit_word);	/* each thread its own bit of one word */
	}
	return NULL;
}

HT_TEST(spinlock_ticket_lock_threads_lose_nothing)
{
	host_pthread_t th[THREADS];

	for (unsigned long i = 0; i < THREADS; i++)
		ASSERT_EQ(pthread_create(&th[i], NULL, hammer, (void *)i), 0);
	for (int i = 0; i < THREADS; i++)
		ASSERT_EQ(pthread_join(th[i], NULL), 0);
	EXPECT_EQ(under_lock, THREADS * COUNT);
	EXPECT_EQ(under_trylock, THREADS * COUNT);
	EXPECT_EQ(atomic_read(&atomic_count), THREADS * COUNT);
	EXPECT_EQ(locked_adds, THREADS * COUNT);
	EXPECT_EQ(bit_word, (1UL << THREADS) - 1);
	EXPECT(!arch_spin_is_locked(&lock));
	EXPECT_EQ(lock.tickets.head, (u8)(2 * THREADS * COUNT));	/* every ticket served once */
}

/* atomic_dec_and_test() is true exactly once: for the last of many puts from many threads. */
static atomic_t refs;
static atomic_t last_puts;

static void *put_refs(void *arg)
{
	(void)arg;
	for (int i = 0; i < COUNT; i++)
		if (atomic_dec_and_test(&refs))
			atomic_inc(&last_puts);
	return NULL;
}

HT_TEST(spinlock_atomic_dec_and_test_once_across_threads)
{
	host_pthread_t th[THREADS];

	atomic_set(&refs, THREADS * COUNT);
	for (int i = 0; i < THREADS; i++)
		ASSERT_EQ(pthread_create(&th[i], NULL, put_refs, NULL), 0);
	for (int i = 0; i < THREADS; i++)
		ASSERT_EQ(pthread_join(th[i], NULL), 0);
	EXPECT_EQ(atomic_read(&refs), 0);
	EXPECT_EQ(atomic_read(&last_puts), 1);
}
