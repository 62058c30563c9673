// SPDX-License-Identifier: MIT
/*
 * How this works: the per-CPU areas, and alloc_percpu().
 *
 * The copies. The linker puts every DEFINE_PER_CPU variable in
 * .data..percpu, [__per_cpu_start, __per_cpu_end): CPU 0's copies, with
 * their initial values. It reserves NR_CPUS - 1 more sections' worth of
 * .bss at __per_cpu_copies (linker.ld):
 *
 *   __per_cpu_start          CPU 0     .data..percpu, in the image
 *   __per_cpu_copies         CPU 1     .bss, zeroed by head.asm, then
 *   __per_cpu_copies + size  CPU 2     filled from CPU 0's here
 *   ...
 *
 * setup_per_cpu_areas() is the first call of start_kernel(): it copies
 * CPU 0's initial values into every other copy before anything has
 * changed them, and sets __per_cpu_offset[cpu], the distance from CPU
 * 0's copy of a variable to CPU cpu's, the same for every variable. The
 * segment __KERNEL_PERCPU of CPU cpu's GDT has that offset as its base
 * (arch/x86/kernel/desc.c), so %fs:var is this CPU's var, and
 * this_cpu_ptr(var) adds %fs:pcpu_hot.this_cpu_off (kernel/percpu.h).
 * Every possible CPU gets a copy whether it comes online or not: with
 * NR_CPUS 8 that is seven sections in .bss, a few tens of KiB.
 *
 * alloc_percpu(). Objects that are per CPU but made at run time (a
 * zone's pcp lists, a slab cache's CPU slab, an IRQ line's counts) come
 * from a pool that is itself a per-CPU variable, pcpu_pool: an
 * allocation is a range of it, the same range in every CPU's copy, and
 * the pointer handed out is CPU 0's (so the accessors treat it like a
 * DEFINE_PER_CPU name). The pool is cut into PCPU_UNIT-byte units and a
 * bitmap says which are taken; an allocation is a first fit of whole
 * units at the alignment asked, zeroed in every copy, under a spinlock
 * with interrupts off (it is used at boot, before the slab allocator,
 * and by kmem_cache_create()).
 *
 * Where it differs from Linux: Linux (mm/percpu.c) sizes the first
 * chunk from the image's section plus reserved and dynamic space,
 * allocates the copies from memblock (NUMA-aware, embedding or paging
 * them), and grows more chunks in vmalloc space when the dynamic space
 * runs out; its allocator keeps per-chunk bitmaps with hints. Here the
 * copies are in the image's .bss and the pool has a fixed size
 * (PERCPU_POOL_SIZE per CPU): an allocation that does not fit fails with
 * one line.
 */
#include <kernel/bug.h>
#include <kernel/compiler.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>

#define PERCPU_POOL_SIZE	8192		/* bytes per CPU for alloc_percpu() */
#define PCPU_UNIT		16		/* its allocation unit */
#define PCPU_UNITS		(PERCPU_POOL_SIZE / PCPU_UNIT)

extern char __per_cpu_start[], __per_cpu_end[], __per_cpu_copies[];

unsigned long __per_cpu_offset[NR_CPUS];

static DEFINE_PER_CPU(char [PERCPU_POOL_SIZE], pcpu_pool) __aligned(64);
static unsigned long pcpu_map[PCPU_UNITS / (8 * sizeof(unsigned long))];	/* 1: taken */
static unsigned short pcpu_len[PCPU_UNITS];	/* an allocation's units, at its first */
static DEFINE_SPINLOCK(pcpu_lock);

void setup_per_cpu_areas(void)
{
	unsigned long size = (unsigned long)(__per_cpu_end - __per_cpu_start);

	for (unsigned int cpu = 1; cpu < NR_CPUS; cpu++) {
		char *copy = __per_cpu_copies + (cpu - 1) * size;

		memcpy(copy, __per_cpu_start, size);
		__per_cpu_offset[cpu] = (unsigned long)copy - (unsigned long)__per_cpu_start;
	}
}

static bool unit_taken(unsigned int u)
{
	return (pcpu_map[u / (8 * sizeof(unsigned long))] >> (u % (8 * sizeof(unsigned long)))) & 1;
}

static void mark_units(unsigned int first, unsigned int n, bool taken)
{
	for (unsigned int u = first; u < first + n; u++) {
		unsigned long bit = 1UL << (u % (8 * sizeof(unsigned long)));

		if (taken)
			pcpu_map[u / (8 * sizeof(unsigned long))] |= bit;
		else
			pcpu_map[u / (8 * sizeof(unsigned long))] &= ~bit;
	}
}

void *__alloc_percpu(unsigned long size, unsigned long align)
{
	unsigned int n = (unsigned int)((size + PCPU_UNIT - 1) / PCPU_UNIT);
	unsigned int step = align > PCPU_UNIT ? (unsigned int)(align / PCPU_UNIT) : 1;

	if (align > 64) {	/* the pool is 64-aligned: more cannot be promised */
		pr_err("percpu: alignment %lu above the pool's 64 bytes: allocation refused\n", align);
		return NULL;
	}
	unsigned long flags;
	void *ptr = NULL;

	if (!n)
		n = 1;
	spin_lock_irqsave(&pcpu_lock, flags);
	for (unsigned int first = 0; first + n <= PCPU_UNITS; first += step) {
		unsigned int u;

		for (u = first; u < first + n && !unit_taken(u); u++)
			;
		if (u < first + n)
			continue;
		mark_units(first, n, true);
		pcpu_len[first] = (unsigned short)n;
		ptr = &pcpu_pool[0][first * PCPU_UNIT];
		break;
	}
	spin_unlock_irqrestore(&pcpu_lock, flags);
	if (!ptr) {
		pr_err("percpu: no room for %lu bytes in the %u-byte pool: allocation refused\n",
		       size, PERCPU_POOL_SIZE);
		return NULL;
	}
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		memset(per_cpu_ptr((char *)ptr, cpu), 0, n * PCPU_UNIT);
	return ptr;
}

void free_percpu(void *ptr)
{
	unsigned long off = (unsigned long)ptr - (unsigned long)&pcpu_pool[0][0];
	unsigned long flags;
	unsigned int first;

	if (!ptr)
		return;
	first = (unsigned int)(off / PCPU_UNIT);
	spin_lock_irqsave(&pcpu_lock, flags);	/* the test too: two racing frees, one wins */
	if (off >= PERCPU_POOL_SIZE || off % PCPU_UNIT || !pcpu_len[first]) {
		spin_unlock_irqrestore(&pcpu_lock, flags);
		report_misuse("percpu", "free_percpu of an address alloc_percpu() did not return");
		pr_err("  free_percpu(%p): ignored\n", ptr);
		return;
	}
	mark_units(first, pcpu_len[first], false);
	pcpu_len[first] = 0;
	spin_unlock_irqrestore(&pcpu_lock, flags);
}
