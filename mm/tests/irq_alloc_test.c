// SPDX-License-Identifier: MIT
/*
 * KTAP suite "irq_alloc": allocation from interrupt handlers (GFP_ATOMIC
 * in hard-IRQ context) against the per-CPU page lists (mm/pcp.h,
 * mm/pcp.c), the slab CPU free lists (mm/slab_internal.h, mm/slab.c) and
 * might_sleep() at the allocators' entries.
 *
 * Kernel only, like the irq suite: it needs the real CPU (`int`, IF).
 *
 * The interleaving is made exact, not waited for. Each fast path has a
 * mark inside its interrupts-off section (irq_window(), mm/irq_window.h);
 * a case arms one mark, and when the interrupted code reaches it the hook
 * does what the hardware would with an interrupt requested at that
 * instruction: deliver it there if IF is set (a software `int $0x25`
 * through the IRQ 5 stub and do_IRQ, as the irq suite does; line 5 has
 * no device), or hold it pending if IF is clear, to be delivered once the
 * section ends (deliver_pending(), standing in for local_irq_restore()'s
 * sti). With the guards in place every case finds "held, delivered
 * after"; with a local_irq_save() removed the handler runs inside the
 * section and the invariant checks below fail: the same page or object
 * handed out twice, a per-CPU count that disagrees with its list
 * (buddy_check_all_zones), a slab whose free objects are not
 * objects - inuse, free pages not back at the baseline.
 *
 *   process context                     handler (IRQ 5, GFP_ATOMIC)
 *   alloc_page(GFP_KERNEL)
 *     local_irq_save
 *     first = list->next   <- mark      alloc_page(GFP_ATOMIC): a block
 *     unlink first                       from the same list
 *     local_irq_restore    <- delivered here, not at the mark
 *
 * Judged by invariants, never by time.
 */
#include <asm/irqflags.h>
#include <kernel/hardirq.h>
#include <kernel/interrupt.h>
#include <kernel/ktest.h>
#include <kernel/might_sleep.h>
#include <kernel/preempt.h>
#include <kernel/report.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include "mm_test.h"
#include "../irq_window.h"
#include "../slab_internal.h"

#define TEST_IRQ	5		/* no device on it (arch/x86/tests/irq_test.c) */
#define MAX_HELD	16


/* --- the simulated interrupt --------------------------------------------- */

static struct {
	enum irq_window window;	/* the mark armed */
	bool armed;		/* fire once, at the next pass of that mark */
	bool pending;		/* requested while IF was clear */
	int cpu;		/* the case's CPU: the only one whose marks count */
	unsigned int inside;	/* delivered at the mark: the section was open */
	unsigned int after;	/* delivered when the section ended */
} win;

static inline void raise_test_irq(void)
{
	__asm__ __volatile__("int $0x25" ::: "memory");	/* IRQ0_VECTOR + TEST_IRQ */
}

/*
 * Another CPU passing the same mark meanwhile (freeing a dead task's
 * stack onto its own lists, say) is not the section under test, and the
 * simulated interrupt is this CPU's: only the case's CPU fires it.
 */
static void window_hook(enum irq_window w)
{
	if (!win.armed || w != win.window || smp_processor_id() != win.cpu)
		return;
	win.armed = false;		/* the handler's own allocations pass freely */
	if (irqs_disabled()) {
		win.pending = true;	/* the PIC would hold it until sti */
		return;
	}
	win.inside++;
	raise_test_irq();
}

static void arm_window(struct ktest *t, enum irq_window w)
{
	/* with interrupts off every window would only ever be "held": no proof */
	KTEST_ASSERT_TRUE(t, !irqs_disabled());
	memset(&win, 0, sizeof(win));
	win.window = w;
	win.cpu = smp_processor_id();	/* the case's task stays on its CPU */
	barrier();			/* the CPU is set before another CPU's hook can see armed */
	win.armed = true;
	irq_window_hook = window_hook;
}

/* The section is over: the interrupt it held off arrives now. */
static void deliver_pending(void)
{
	irq_window_hook = NULL;
	if (win.pending) {
		win.pending = false;
		win.after++;
		raise_test_irq();
	}
}

/* --- what the handler does ------------------------------------------------ */

enum handler_action {
	H_ALLOC_PAGE,		/* alloc_page(gfp) */
	H_ALLOC_AND_FREE_PAGE,	/* alloc_page(gfp), then free held page 0 */
	H_ALLOC_OBJ,		/* kmem_cache_alloc(cache) and kmalloc(64) */
	H_FREE_OBJ,		/* kmem_cache_free(cache, held object 0) */
	H_ALLOC_PAGES_MANY,	/* MAX_HELD x alloc_page(gfp) */
	H_ALLOC_OBJ_ONLY,	/* kmem_cache_alloc(cache, gfp) */
	H_KMALLOC_ONLY,		/* kmalloc(64, gfp) */
	H_ALLOC_ORDER4,		/* alloc_pages(gfp, 4): the buddy lists, under zone->lock */
};

static struct {
	enum handler_action action;
	gfp_t gfp;
	struct kmem_cache *cache;
	unsigned int calls;
	bool in_irq;
	struct page *page[MAX_HELD];
	unsigned int nr_pages;
	void *obj[MAX_HELD];
	unsigned int nr_objs;
	struct page *big;	/* H_ALLOC_ORDER4's block */
} h;

static irqreturn_t alloc_handler(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	h.calls++;
	h.in_irq = in_irq();
	switch (h.action) {
	case H_ALLOC_AND_FREE_PAGE: {
		struct page *p = alloc_page(h.gfp | __GFP_NOWARN);

		if (h.nr_pages)
			__free_page(h.page[0]);
		h.page[0] = p;
		h.nr_pages = p ? 1 : 0;
		break;
	}
	case H_ALLOC_PAGE:
		h.page[h.nr_pages] = alloc_page(h.gfp | __GFP_NOWARN);
		if (h.page[h.nr_pages])
			h.nr_pages++;
		break;
	case H_ALLOC_PAGES_MANY:
		while (h.nr_pages < MAX_HELD) {
			h.page[h.nr_pages] = alloc_page(h.gfp | __GFP_NOWARN);
			if (!h.page[h.nr_pages])
				break;
			h.nr_pages++;
		}
		break;
	case H_ALLOC_OBJ:
		h.obj[h.nr_objs++] = kmem_cache_alloc(h.cache, h.gfp);
		h.obj[h.nr_objs++] = kmalloc(64, h.gfp);
		break;
	case H_ALLOC_OBJ_ONLY:
		h.obj[h.nr_objs++] = kmem_cache_alloc(h.cache, h.gfp);
		break;
	case H_KMALLOC_ONLY:
		h.obj[h.nr_objs++] = kmalloc(64, h.gfp);
		break;
	case H_ALLOC_ORDER4:
		h.big = alloc_pages(h.gfp | __GFP_NOWARN, 4);
		break;
	case H_FREE_OBJ:
		if (h.nr_objs) {
			kmem_cache_free(h.cache, h.obj[0]);
			h.obj[0] = h.obj[--h.nr_objs];
		}
		break;
	}
	return IRQ_HANDLED;
}

static bool handler_registered;

static void handler_setup(struct ktest *t, enum handler_action action, gfp_t gfp)
{
	memset(&h, 0, sizeof(h));
	h.action = action;
	h.gfp = gfp;
	KTEST_ASSERT_EQ(t, request_irq(TEST_IRQ, alloc_handler, 0, "ktest-irq-alloc", &h), 0);
	handler_registered = true;
}

static void release_held(void)
{
	if (h.big)
		__free_pages(h.big, 4);
	h.big = NULL;
	while (h.nr_pages)
		__free_page(h.page[--h.nr_pages]);
	while (h.nr_objs) {
		void *o = h.obj[--h.nr_objs];

		if (o && h.cache && virt_to_page(o)->slab_cache == h.cache)
			kmem_cache_free(h.cache, o);
		else
			kfree(o);
	}
}

/* --- invariants --------------------------------------------------------- */

/*
 * Every slab of @s: its free list (the CPU list, for the CPU slab) has
 * exactly objects - inuse entries, each inside the slab, with no cycle.
 * Return: the slabs that disagree (each printed).
 */
static int slab_check_cache(struct kmem_cache *s)
{
	struct list_head *lists[] = { &s->partial, &s->full, &s->empty };
	unsigned long flags;
	struct page *slab;
	int bad = 0;

	spin_lock_irqsave(&s->list_lock, flags);
	for (unsigned int l = 0; l < ARRAY_SIZE(lists); l++) {
		list_for_each_entry(slab, lists[l], lru) {
			void *o = slab == this_cpu_ptr(s->cpu)->slab ?
				  this_cpu_ptr(s->cpu)->freelist : slab->freelist;
			char *base = lowmem_page_address(slab);
			unsigned int n = 0;

			while (o && n <= slab->objects) {
				if ((char *)o < base || (char *)o >= base + (PAGE_SIZE << s->order))
					break;
				n++;
				o = get_freepointer(s, o);
			}
			if (o || n != (unsigned int)(slab->objects - slab->inuse)) {
				pr_err("    slab of %s at pfn 0x%lx: %u free objects listed, "
				       "%u of %u in use%s\n", s->name, page_to_pfn(slab), n,
				       slab->inuse, slab->objects, o ? ", list runs on" : "");
				bad++;
			}
		}
	}
	spin_unlock_irqrestore(&s->list_lock, flags);
	return bad;
}

static struct kmem_cache *test_cache;

/* Objects of @s in use, by its slabs' counts. */
static unsigned long stats_active(struct kmem_cache *s)
{
	struct kmem_cache_stats st;

	kmem_cache_get_stats(s, &st);
	return st.active_objs;
}

static bool highmem_managed(void)
{
	return contig_page_data.node_zones[ZONE_HIGHMEM].managed_pages > 0;
}

static void irq_alloc_init(struct ktest *t)
{
	(void)t;
	test_cache = NULL;
}

static void irq_alloc_exit(struct ktest *t)
{
	(void)t;
	irq_window_hook = NULL;
	if (handler_registered)
		free_irq(TEST_IRQ, &h);
	handler_registered = false;
	release_held();
	if (test_cache)
		kmem_cache_destroy(test_cache);
	test_cache = NULL;
}

/* A cache with a CPU slab even in a DEBUG_VM=1 build, one object in use. */
static struct kmem_cache *cpu_slab_cache(struct ktest *t)
{
	void *o;

	test_cache = kmem_cache_create("irq-alloc-64", 64, 0, SLAB_NO_DEBUG, NULL);
	KTEST_ASSERT_NOT_NULL(t, test_cache);
	o = kmem_cache_alloc(test_cache, GFP_KERNEL);	/* makes the CPU slab */
	KTEST_ASSERT_NOT_NULL(t, o);
	kmem_cache_free(test_cache, o);
	KTEST_ASSERT_NOT_NULL(t, this_cpu_ptr(test_cache->cpu)->freelist);
	return test_cache;
}

/* Make sure the per-CPU order-0 list alloc_page(GFP_KERNEL) pops from is not empty. */
static void prime_pcp_list(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	__free_page(p);
}

/* --- cases --------------------------------------------------------------- */

/*
 * The handler takes a page from the per-CPU list while alloc_page() is
 * between reading the list's first block and unlinking it. Held off, it
 * gets the next block; the two pages differ, the counts agree, and every
 * page comes back.
 */
static void alloc_in_pcp_alloc_window(struct ktest *t, gfp_t gfp)
{
	unsigned long before[MAX_NR_ZONES];
	struct page *p;

	prime_pcp_list(t);
	zone_free_snapshot(before);
	handler_setup(t, H_ALLOC_PAGE, GFP_ATOMIC);
	arm_window(t, IRQ_WINDOW_PCP_ALLOC);
	p = alloc_page(gfp);
	deliver_pending();
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, win.inside, 0);	/* the section had interrupts off */
	KTEST_EXPECT_EQ(t, win.after, 1);
	KTEST_EXPECT_EQ(t, h.calls, 1);
	KTEST_EXPECT_TRUE(t, h.in_irq);
	KTEST_ASSERT_EQ(t, h.nr_pages, 1);
	KTEST_EXPECT_PTR_NE(t, h.page[0], p);	/* not one page owned twice */
	KTEST_EXPECT_FALSE(t, PageHighMem(h.page[0]));
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
	__free_page(p);
	release_held();
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
	KTEST_EXPECT_ZONES_FREE(t, before);
}

/* alloc_pages()'s fast path (GFP_KERNEL) ... */
static void irq_alloc_page_in_pcp_alloc_window(struct ktest *t)
{
	alloc_in_pcp_alloc_window(t, GFP_KERNEL);
}

/* ... and its slow path (GFP_ATOMIC from process context: rmqueue()). */
static void irq_alloc_page_in_pcp_alloc_window_slow_path(struct ktest *t)
{
	alloc_in_pcp_alloc_window(t, GFP_ATOMIC);
}

/*
 * An order-4 block goes back to the buddy lists under zone->lock, taken
 * by __free_pages() with interrupts on. The handler asks for an order-4
 * block while the interrupted code holds the lock: held off by
 * spin_lock_irqsave(), it finds the lock free. (With plain spin_lock() it
 * would take a lock its own CPU holds: a deadlock, reported as
 * "BUG: spinlock recursion" by a debug build, and the lists changed under
 * the holder's feet.)
 */
static void irq_alloc_order4_while_zone_lock_held(struct ktest *t)
{
	unsigned long before[MAX_NR_ZONES];
	struct page *p;

	zone_free_snapshot(before);
	p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4);
	KTEST_ASSERT_NOT_NULL(t, p);
	handler_setup(t, H_ALLOC_ORDER4, GFP_ATOMIC);
	arm_window(t, IRQ_WINDOW_ZONE_LOCKED);
	__free_pages(p, 4);
	deliver_pending();
	KTEST_EXPECT_EQ(t, win.inside, 0);
	KTEST_EXPECT_EQ(t, win.after, 1);
	KTEST_EXPECT_NOT_NULL(t, h.big);
	release_held();
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
	KTEST_EXPECT_ZONES_FREE(t, before);
}

/*
 * The same for a slab cache's list_lock: the interrupted allocation is
 * in the slow path (__GFP_ZERO), lock held, when the handler allocates
 * from the same cache by the slow path too.
 */
static void irq_kmem_cache_alloc_while_list_lock_held(struct ktest *t)
{
	unsigned long before[MAX_NR_ZONES];
	struct kmem_cache *c;
	void *o;

	zone_free_snapshot_shrunk(before);
	c = cpu_slab_cache(t);
	handler_setup(t, H_ALLOC_OBJ_ONLY, GFP_ATOMIC | __GFP_ZERO);
	h.cache = c;
	arm_window(t, IRQ_WINDOW_SLAB_LOCKED);
	o = kmem_cache_alloc(c, GFP_KERNEL | __GFP_ZERO);
	deliver_pending();
	KTEST_ASSERT_NOT_NULL(t, o);
	KTEST_EXPECT_EQ(t, win.inside, 0);
	KTEST_EXPECT_EQ(t, win.after, 1);
	KTEST_ASSERT_EQ(t, h.nr_objs, 1);
	KTEST_EXPECT_NOT_NULL(t, h.obj[0]);
	KTEST_EXPECT_PTR_NE(t, h.obj[0], o);
	kmem_cache_free(c, o);
	release_held();
	KTEST_EXPECT_EQ(t, slab_check_cache(c), 0);
	kmem_cache_destroy(c);
	test_cache = NULL;
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

/*
 * The handler allocates a page (the list's first) and frees another
 * while __free_pages() is between reading the list's first entry and
 * linking its own block in front of it. Held off, the list and its count
 * stay one; let in, the list would link to the page the handler took.
 */
static void irq_alloc_and_free_page_in_pcp_free_window(struct ktest *t)
{
	unsigned long before[MAX_NR_ZONES];
	struct page *p;

	prime_pcp_list(t);
	zone_free_snapshot(before);
	handler_setup(t, H_ALLOC_AND_FREE_PAGE, GFP_ATOMIC);
	h.page[h.nr_pages++] = alloc_page(GFP_ATOMIC);
	KTEST_ASSERT_NOT_NULL(t, h.page[0]);
	p = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	arm_window(t, IRQ_WINDOW_PCP_FREE);
	__free_page(p);
	deliver_pending();
	KTEST_EXPECT_EQ(t, win.inside, 0);
	KTEST_EXPECT_EQ(t, win.after, 1);
	KTEST_EXPECT_EQ(t, h.calls, 1);
	KTEST_EXPECT_EQ(t, h.nr_pages, 1);
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
	release_held();
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
	KTEST_EXPECT_ZONES_FREE(t, before);
}

/*
 * The handler allocates from the same cache (and kmalloc(64)) while
 * kmem_cache_alloc() is between reading the CPU list's head and storing
 * the next one. Held off, each object has one owner and every slab's
 * free list has exactly objects - inuse entries.
 */
static void irq_kmem_cache_alloc_in_slab_alloc_window(struct ktest *t)
{
	unsigned long before[MAX_NR_ZONES];
	struct kmem_cache *c;
	void *o;

	zone_free_snapshot_shrunk(before);
	c = cpu_slab_cache(t);
	handler_setup(t, H_ALLOC_OBJ, GFP_ATOMIC);
	h.cache = c;
	arm_window(t, IRQ_WINDOW_SLAB_ALLOC);
	o = kmem_cache_alloc(c, GFP_KERNEL);
	deliver_pending();
	KTEST_ASSERT_NOT_NULL(t, o);
	KTEST_EXPECT_EQ(t, win.inside, 0);
	KTEST_EXPECT_EQ(t, win.after, 1);
	KTEST_ASSERT_EQ(t, h.nr_objs, 2);
	KTEST_EXPECT_NOT_NULL(t, h.obj[0]);
	KTEST_EXPECT_NOT_NULL(t, h.obj[1]);
	KTEST_EXPECT_PTR_NE(t, h.obj[0], o);
	KTEST_EXPECT_EQ(t, slab_check_cache(c), 0);
	kmem_cache_free(c, o);
	release_held();
	KTEST_EXPECT_EQ(t, slab_check_cache(c), 0);
	kmem_cache_destroy(c);
	test_cache = NULL;
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

/*
 * The handler frees an object of the CPU slab while kmem_cache_free() (or
 * kfree(), @use_kfree) is between reading the CPU list's head and
 * pushing its own object. Held off, neither push is lost.
 */
static void free_in_slab_free_window(struct ktest *t, bool use_kfree)
{
	unsigned long before[MAX_NR_ZONES];
	struct kmem_cache *c;
	void *o;

	zone_free_snapshot_shrunk(before);
	c = cpu_slab_cache(t);
	handler_setup(t, H_FREE_OBJ, GFP_ATOMIC);
	h.cache = c;
	h.obj[h.nr_objs++] = kmem_cache_alloc(c, GFP_KERNEL);
	o = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, h.obj[0]);
	KTEST_ASSERT_NOT_NULL(t, o);
	arm_window(t, IRQ_WINDOW_SLAB_FREE);
	if (use_kfree)
		kfree(o);
	else
		kmem_cache_free(c, o);
	deliver_pending();
	KTEST_EXPECT_EQ(t, win.inside, 0);
	KTEST_EXPECT_EQ(t, win.after, 1);
	KTEST_EXPECT_EQ(t, h.calls, 1);
	KTEST_EXPECT_EQ(t, h.nr_objs, 0);
	KTEST_EXPECT_EQ(t, slab_check_cache(c), 0);
	KTEST_EXPECT_EQ(t, stats_active(c), 0);
	kmem_cache_destroy(c);		/* reports if an object still counts as in use */
	test_cache = NULL;
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

static void irq_kmem_cache_free_in_slab_free_window(struct ktest *t)
{
	free_in_slab_free_window(t, false);
}

static void irq_kfree_in_slab_free_window(struct ktest *t)
{
	free_in_slab_free_window(t, true);
}

/*
 * GFP_ATOMIC from a handler never gets a highmem page (it has no
 * permanent address, and a handler cannot kmap()); GFP_ATOMIC |
 * __GFP_HIGHMEM may. Free pages come back.
 */
static void irq_gfp_atomic_never_highmem(struct ktest *t)
{
	unsigned long before[MAX_NR_ZONES];

	zone_free_snapshot(before);
	handler_setup(t, H_ALLOC_PAGES_MANY, GFP_ATOMIC);
	raise_test_irq();
	KTEST_EXPECT_EQ(t, h.calls, 1);
	KTEST_EXPECT_EQ(t, h.nr_pages, MAX_HELD);
	for (unsigned int i = 0; i < h.nr_pages; i++)
		KTEST_EXPECT_FALSE(t, PageHighMem(h.page[i]));
	release_held();
	if (highmem_managed()) {
		h.gfp = GFP_ATOMIC | __GFP_HIGHMEM;
		h.calls = 0;
		raise_test_irq();
		KTEST_EXPECT_EQ(t, h.calls, 1);
		KTEST_EXPECT_EQ(t, h.nr_pages, MAX_HELD);
		KTEST_EXPECT_TRUE(t, h.nr_pages && PageHighMem(h.page[0]));
		release_held();
	}
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
	KTEST_EXPECT_ZONES_FREE(t, before);
}

/*
 * DMA's min set to 64 for the case, then filled to it with GFP_DMA from
 * process context: GFP_KERNEL | GFP_DMA fails there, while a handler's
 * GFP_ATOMIC | GFP_DMA still succeeds (down to 3/8 of min: 24).
 */
static void irq_gfp_atomic_below_min_where_gfp_kernel_fails(struct ktest *t)
{
	struct zone *dma = &contig_page_data.node_zones[ZONE_DMA];
	unsigned long saved_min = dma->watermark[WMARK_MIN];
	unsigned long before[MAX_NR_ZONES];
	LIST_HEAD(taken);
	struct page *p, *n;

	if (dma->free_pages < 64 + 64 + 1)
		ktest_skip(t, "ZONE_DMA has fewer than 129 free pages");
	zone_free_snapshot(before);
	dma->watermark[WMARK_MIN] = 64;
	while ((p = alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOWARN)))
		list_add(&p->lru, &taken);
	KTEST_EXPECT_EQ(t, dma->free_pages, 64);
	KTEST_EXPECT_NULL(t, alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOWARN));

	handler_setup(t, H_ALLOC_PAGES_MANY, GFP_ATOMIC | GFP_DMA);
	raise_test_irq();
	KTEST_EXPECT_EQ(t, h.calls, 1);
	KTEST_EXPECT_EQ(t, h.nr_pages, MAX_HELD);	/* 64 - 16 = 48 >= 24 */
	KTEST_EXPECT_EQ(t, dma->free_pages, 64 - MAX_HELD);
	for (unsigned int i = 0; i < h.nr_pages; i++)
		KTEST_EXPECT_EQ(t, page_zonenum(h.page[i]), ZONE_DMA);

	release_held();
	list_for_each_entry_safe(p, n, &taken, lru) {
		list_del(&p->lru);
		__free_page(p);
	}
	dma->watermark[WMARK_MIN] = saved_min;
	KTEST_EXPECT_EQ(t, buddy_check_all_zones(), 0);
	KTEST_EXPECT_ZONES_FREE(t, before);
}

static const char sleep_kind[] = "sleeping function called from invalid context";

/*
 * Once boot is over (system_state RUNNING: the suites run in kernel_init), a
 * blocking request from a handler is reported by might_sleep() at the
 * allocator's entry, one report per call, and still served (nothing
 * sleeps yet); GFP_ATOMIC there, and GFP_KERNEL from process context with
 * interrupts on, are not reported. Under a spinlock GFP_KERNEL is.
 */
static void irq_gfp_kernel_reported_by_might_sleep(struct ktest *t)
{
	const char *kind = NULL, *reason = NULL;
	struct kmem_cache *c = cpu_slab_cache(t);
	DEFINE_SPINLOCK(lock);
	struct page *p;
	void *o;

	if (!IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP))
		ktest_skip(t, "might_sleep() is built only with DEBUG_VM (CONFIG_DEBUG_ATOMIC_SLEEP)");
	KTEST_ASSERT_EQ(t, system_state, SYSTEM_RUNNING);	/* suites run in kernel_init */
	handler_setup(t, H_ALLOC_PAGE, GFP_KERNEL);
	report_expect();
	raise_test_irq();
	KTEST_EXPECT_EQ(t, report_take(&kind, &reason), 1);
	KTEST_EXPECT_TRUE(t, kind && !strcmp(kind, sleep_kind));
	KTEST_EXPECT_TRUE(t, reason && !strcmp(reason, "mm/page_alloc.c"));
	KTEST_EXPECT_EQ(t, h.nr_pages, 1);	/* reported, and still served */

	h.action = H_ALLOC_OBJ_ONLY;
	h.cache = c;
	kind = reason = NULL;
	report_expect();
	raise_test_irq();
	KTEST_EXPECT_EQ(t, report_take(&kind, &reason), 1);
	KTEST_EXPECT_TRUE(t, kind && !strcmp(kind, sleep_kind));
	KTEST_EXPECT_TRUE(t, reason && !strcmp(reason, "mm/slab_internal.h"));

	h.action = H_KMALLOC_ONLY;
	report_expect();
	raise_test_irq();
	KTEST_EXPECT_GE(t, report_take(NULL, NULL), 1);	/* + alloc_pages() if a slab is made */

	h.gfp = GFP_ATOMIC;
	h.action = H_ALLOC_PAGE;
	KTEST_EXPECT_NO_REPORT(t, raise_test_irq());
	h.action = H_ALLOC_OBJ;
	KTEST_EXPECT_NO_REPORT(t, raise_test_irq());

	KTEST_EXPECT_NO_REPORT(t, p = alloc_page(GFP_KERNEL));
	KTEST_EXPECT_NO_REPORT(t, o = kmem_cache_alloc(c, GFP_KERNEL));
	__free_page(p);
	kmem_cache_free(c, o);

	spin_lock(&lock);
	KTEST_EXPECT_REPORT(t, p = alloc_page(GFP_KERNEL), sleep_kind, "mm/page_alloc.c");
	spin_unlock(&lock);
	__free_page(p);
	release_held();
}

static const struct ktest_case irq_alloc_cases[] = {
	KTEST_CASE(irq_alloc_page_in_pcp_alloc_window),
	KTEST_CASE(irq_alloc_page_in_pcp_alloc_window_slow_path),
	KTEST_CASE(irq_alloc_and_free_page_in_pcp_free_window),
	KTEST_CASE(irq_kmem_cache_alloc_in_slab_alloc_window),
	KTEST_CASE(irq_kmem_cache_free_in_slab_free_window),
	KTEST_CASE(irq_kfree_in_slab_free_window),
	KTEST_CASE(irq_alloc_order4_while_zone_lock_held),
	KTEST_CASE(irq_kmem_cache_alloc_while_list_lock_held),
	KTEST_CASE(irq_gfp_atomic_never_highmem),
	KTEST_CASE(irq_gfp_atomic_below_min_where_gfp_kernel_fails),
	KTEST_CASE(irq_gfp_kernel_reported_by_might_sleep),
	{}
};
KTEST_SUITE(irq_alloc) = {
	.name = "irq_alloc",
	.cases = irq_alloc_cases,
	.init = irq_alloc_init,
	.exit = irq_alloc_exit,
};
