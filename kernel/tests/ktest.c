// SPDX-License-Identifier: MIT
/*
 * The self-test runner: runs the suites selected with `ktest=` and prints
 * KTAP v1, the format of Linux's KUnit, so the same tools can read it:
 *
 *   KTAP version 1
 *   1..2
 *       KTAP version 1
 *       # Subtest: core
 *       1..2
 *       ok 1 snprintf_formats
 *       # page_fault_reported: EXPECTATION FAILED at kernel/tests/core_test.c:40
 *       # fc.caught (0 vs 1)
 *       not ok 2 page_fault_reported
 *   # core: pass:1 fail:1 skip:0 total:2
 *   not ok 1 core
 *   ...
 *   # Totals: pass:1 fail:1 skip:0 total:2
 *
 * A case that fails an ASSERT, or skips, longjmp()s back here.
 *
 * Built in only with KTEST=1 (CONFIG_KTEST), with every suite in the
 * tests/ directories (mm/tests/, arch/x86/tests/, kernel/tests/);
 * kernel/demos.c owns the `ktest=` option and calls
 * ktest_setup() and ktest_run_selected().
 */
#include <asm/extable.h>
#include <asm/irqflags.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/preempt.h>
#include <kernel/report_expect.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <mm/highmem.h>

extern const struct ktest_suite __ktest_suites_start[], __ktest_suites_end[];

static char ktest_selection[256];

int ktest_setup(const char *val)
{
	if (!val || !*val)
		return -1;
	strlcpy(ktest_selection, val, sizeof(ktest_selection));
	return 0;
}

/* Is @name in the comma-separated selection (or is the selection "all")? */
static bool suite_selected(const char *name)
{
	const char *p = ktest_selection;
	size_t len = strlen(name);

	while (*p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if ((n == 3 && !strncmp(p, "all", 3)) || (n == len && !strncmp(p, name, n)))
			return true;
		p += n;
		if (*p == ',')
			p++;
	}
	return false;
}

void ktest_check(struct ktest *t, bool ok, bool fatal, const char *file,
		 int line, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	if (ok)
		return;
	t->failed = true;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("    # %s: %s FAILED at %s:%d\n", t->name,
	       fatal ? "ASSERTION" : "EXPECTATION", file, line);
	printk("    # Expected %s\n", buf);
	if (fatal)
		longjmp(t->abort, 1);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skip_reason = reason;
	longjmp(t->abort, 1);
}

void ktest_log(struct ktest *t, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	(void)t;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("    # %s\n", buf);
}

/*
 * Where an oops under catch_fault() resumes: fixup_oops() rewrote the
 * exception's saved EIP to here, so this runs after the exception has
 * returned, on the stack of the code that faulted, and abandons it. The
 * armed catch is the faulting context's (current->fault_catch,
 * kernel/sched.h), as is the landing set_oops_fixup() armed.
 */

/*
 * Arm (or disarm) the trap path's recovery point for this context: the
 * next oops resumes at @landing instead of panicking (asm/extable.h,
 * fixup_oops()). One at a time per context.
 */
static void set_oops_fixup(void (*landing)(void))
{
	current->oops_landing = landing;
}

static void clear_oops_fixup(void)
{
	current->oops_landing = NULL;
}
static __noreturn void ktest_fault_landing(void)
{
	struct fault_catch *fc = current->fault_catch;

	fc->armed = false;
	fc->caught = true;
	fc->vector = last_fault.vector;
	fc->error_code = last_fault.error_code;
	fc->cr2 = last_fault.cr2;
	fc->eip = last_fault.eip;
	fc->area = last_fault.area;
	current->fault_catch = NULL;
	printk(KERN_INFO "ktest: fault was expected; resuming the test\n");
	longjmp(fc->env, 1);
}

void arm_fault_catch(struct fault_catch *fc)
{
	memset(fc, 0, sizeof(*fc));
	fc->armed = true;
	current->fault_catch = fc;
	set_oops_fixup(ktest_fault_landing);
}

void end_catch_fault(struct fault_catch *fc)
{
	fc->armed = false;
	if (current->fault_catch == fc) {
		current->fault_catch = NULL;
		clear_oops_fixup();
	}
}

struct totals { int pass, fail, skip; };

/*
 * After a case, whatever it left behind is undone and counted against it:
 * an armed report expectation, an armed fault catch (pointing into a dead
 * stack frame after an ASSERT), kmap_local mappings, kmap_atomic's
 * counters, interrupts left off. Kernel threads it started and did not
 * stop cannot be undone; they are counted and fail it. The next case
 * starts clean, and a leaky case fails.
 */
static void ktest_case_cleanup(struct ktest *t, int threads_before)
{
	int depth = kmap_local_depth();

	if (irqs_disabled()) {
		ktest_log(t, "%s: the case left interrupts disabled", t->name);
		local_irq_enable();
		t->failed = true;
	}
	/* a thread stopped at the end of the case is reaped at its last switch */
	for (int i = 0; i < 4 && nr_threads > threads_before; i++)
		yield();
	if (nr_threads > threads_before) {
		ktest_log(t, "%s: the case left %d kernel thread(s) running", t->name,
			  nr_threads - threads_before);
		t->failed = true;
	}

	if (current->report.armed)
		report_take(NULL, NULL);	/* armed and never taken */
	if (current->fault_catch) {
		end_catch_fault(current->fault_catch);
		ktest_log(t, "%s: the case left a fault catch armed", t->name);
		t->failed = true;
	}
	if (depth || preempt_count() || current->pagefault_disabled) {
		ktest_log(t, "%s: the case left %d kmap_local mapping(s), preempt_count %d, "
			  "pagefault_disabled %d", t->name, depth, preempt_count(),
			  current->pagefault_disabled);
		while (kmap_local_depth())
			kunmap_local((void *)kmap_local_slot_addr(kmap_local_depth() - 1));
		preempt_count_set(0);
		current->pagefault_disabled = 0;
		t->failed = true;
	}
}

static void run_case(const struct ktest_suite *s, const struct ktest_case *c,
		     int nr, struct totals *tot)
{
	/* static: survives the longjmp without being clobbered */
	static struct ktest t;
	static bool in_exit;
	static int threads_before;

	memset(&t, 0, sizeof(t));
	t.name = c->name;
	in_exit = false;
	threads_before = nr_threads;
	if (setjmp(t.abort) == 0) {
		if (s->init)
			s->init(&t);
		c->run(&t);
	}
	/* An ASSERT inside ->exit lands here again: do not run ->exit twice. */
	if (s->exit && !in_exit) {
		in_exit = true;
		if (setjmp(t.abort) == 0)
			s->exit(&t);
	}
	ktest_case_cleanup(&t, threads_before);
	if (t.skip_reason && !t.failed) {
		printk("    ok %d %s # SKIP %s\n", nr, c->name, t.skip_reason);
		tot->skip++;
	} else if (t.failed) {
		printk("    not ok %d %s\n", nr, c->name);
		tot->fail++;
	} else {
		printk("    ok %d %s\n", nr, c->name);
		tot->pass++;
	}
}

static bool known_suite(const char *name, size_t n)
{
	const struct ktest_suite *s;

	if (n == 3 && !strncmp(name, "all", 3))
		return true;
	for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
		if (strlen(s->name) == n && !strncmp(s->name, name, n))
			return true;
	return false;
}

int ktest_run_selected(void)
{
	const struct ktest_suite *s;
	struct totals all = { 0, 0, 0 };
	int nsuites = 0, nr = 0, bad_names = 0;
	const char *p = ktest_selection;

	while (*p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (!known_suite(p, n)) {
			pr_err("ktest: no test suite named \"%.*s\"\n", (int)n, p);
			bad_names++;
		}
		p += n;
		if (*p == ',')
			p++;
	}

	for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
		nsuites += suite_selected(s->name);
	printk("KTAP version 1\n");
	printk("1..%d\n", nsuites);
	for (s = __ktest_suites_start; s < __ktest_suites_end; s++) {
		struct totals tot = { 0, 0, 0 };
		int ncases = 0, i;

		if (!suite_selected(s->name))
			continue;
		while (s->cases[ncases].name)
			ncases++;
		printk("    KTAP version 1\n");
		printk("    # Subtest: %s\n", s->name);
		printk("    1..%d\n", ncases);
		for (i = 0; i < ncases; i++)
			run_case(s, &s->cases[i], i + 1, &tot);
		printk("# %s: pass:%d fail:%d skip:%d total:%d\n", s->name,
		       tot.pass, tot.fail, tot.skip, ncases);
		printk("%s %d %s\n", tot.fail ? "not ok" : "ok", ++nr, s->name);
		all.pass += tot.pass;
		all.fail += tot.fail;
		all.skip += tot.skip;
	}
	printk("# Totals: pass:%d fail:%d skip:%d total:%d\n",
	       all.pass, all.fail, all.skip, all.pass + all.fail + all.skip);
	return all.fail + bad_names;
}
