// SPDX-License-Identifier: MIT
/*
 * The KTAP suites on the host: one suite source, two runners, as KUnit
 * runs one suite under UML and under QEMU.
 *
 * A suite in mm/tests/ (KTEST_SUITE(), include/kernel/ktest.h) is
 * compiled unmodified for the host, like the mm sources it tests, and
 * linked with this file instead of kernel/tests/ktest.c. Each suite runs
 * in its own forked process (lib/hostlib.c) on a machine booted by the
 * kernel's own boot path up to the buddy allocator (machine_boot_buddy()),
 * then slab and kmap as kernel/main.c brings them up. The machine is
 * `pc` with -m 512M and vmalloc=768M: lowmem ends at 256 MiB, so there
 * is 256 MiB of HighMem and all of it inside the arena, and the HighMem
 * cases run here too. Its cases run in order in that one process, as
 * kernel/tests/ktest.c runs them (a suite may compare its last case with
 * its first, as buddy_nothing_leaked does), each printed as a KTAP line.
 * KTEST_EXPECT_* become ht failures, KTEST_ASSERT_* also end the case
 * (ht_try()), KTEST_SKIP ends it as skipped; ASan and UBSan watch it all.
 * Each case is one result, "ktest.<suite>.<case>" (ht_result()), so the
 * runner counts it as one test, passed, failed or skipped, as the QEMU
 * harness counts each KTAP case; a report_misuse() the case did not expect
 * fails that case. A case that needs what only the real machine has
 * (ktest_needs_mmu(), include/kernel/ktest.h: a fixmap or kmap address
 * dereferenced, a CPU exception) skips here, saying why.
 *
 * Which suites: the host Makefile's KTEST_SRCS. A suite that is mostly
 * about what the host does not model (vmalloc and paging: addresses the
 * process cannot map, CPU exceptions) stays QEMU-only.
 */
#include <kernel/compiler.h>
#include <kernel/kallsyms.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#include <asm/extable.h>
#include <kernel/uaccess.h>
#include <mm/highmem.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#include "ht.h"
#include "machine.h"

/* Left out of the link while mm/slab.c or mm/highmem.c is being written. */
#pragma weak kmem_cache_init
#pragma weak kmap_init

extern const struct ktest_suite __ktest_suites_start[], __ktest_suites_end[];

#define MAX_HOST_KTEST_SUITES	32

#define MAX_HOST_KTEST_CASES	512

static struct ht_case host_cases[MAX_HOST_KTEST_SUITES];
static char names[MAX_HOST_KTEST_SUITES][48];
/* "ktest.<suite>.<case>" for every case, each suite's list NULL-ended */
static const char *result_names[MAX_HOST_KTEST_CASES + MAX_HOST_KTEST_SUITES];
static char result_pool[MAX_HOST_KTEST_CASES * 64];

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
	ht_fail(file, line, "%s: %s: expected %s", t->name,
		fatal ? "ASSERTION FAILED" : "EXPECTATION FAILED", buf);
	if (fatal)
		ht_abort();
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skip_reason = reason;
	ht_abort();		/* back to run_suite()'s ht_try() */
}

void ktest_log(struct ktest *t, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	(void)t;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ht_printf("    # %s\n", buf);
}

/*
 * No CPU exception can be caught here (a fault is a SIGSEGV and ASan's
 * report): a case that provokes one starts with ktest_needs_mmu(t) and
 * never gets this far on the host.
 */
/* Set by a stand-in below that a case should never have reached: the case fails. */
static bool host_stub_called;

void arm_fault_catch(struct fault_catch *fc)
{
	(void)fc;
	ht_fail(__FILE__, __LINE__, "catch_fault() on the host: the case needs ktest_needs_mmu(t)");
	host_stub_called = true;
	ht_abort();
}

void end_catch_fault(struct fault_catch *fc)
{
	(void)fc;
}

/*
 * The exception table and the nofault probes (arch/x86/kernel/traps.c,
 * mm/maccess.c) and vmalloc need the kernel's own trap path and page
 * tables: the cases that use them start with ktest_needs_mmu(t), so these
 * only let the suites link and fail loudly if a case forgets to skip.
 */
struct fault_record last_fault;

static __attribute__((noreturn)) void needs_mmu(const char *what)
{
	ht_fail(__FILE__, __LINE__, what);
	host_stub_called = true;
	ht_abort();
}

const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	(void)addr;
	needs_mmu("search_exception_tables() on the host: the case needs ktest_needs_mmu(t)");
}

bool fixup_exception(struct pt_regs *regs, unsigned int trapnr)
{
	(void)regs; (void)trapnr;
	needs_mmu("fixup_exception() on the host: the case needs ktest_needs_mmu(t)");
}

long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	(void)dst; (void)src; (void)size;
	needs_mmu("copy_from_kernel_nofault() on the host: the case needs ktest_needs_mmu(t)");
}

long copy_to_kernel_nofault(void *dst, const void *src, size_t size)
{
	(void)dst; (void)src; (void)size;
	needs_mmu("copy_to_kernel_nofault() on the host: the case needs ktest_needs_mmu(t)");
}

void *vmalloc(unsigned long size)
{
	(void)size;
	needs_mmu("vmalloc() on the host: the case needs ktest_needs_mmu(t)");
}

void vfree(const void *addr)
{
	(void)addr;
	needs_mmu("vfree() on the host: the case needs ktest_needs_mmu(t)");
}

/*
 * kernel/kallsyms.c's table comes from the kernel's second link, which
 * the host has not got: the core suite's kallsyms case skips here
 * (ktest_host_skip()); this only lets the suite link.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	(void)addr, (void)offset, (void)size;
	ht_fail(__FILE__, __LINE__, "kallsyms_lookup() on the host: the case needs ktest_host_skip()");
	host_stub_called = true;
	ht_abort();
}

static struct ktest t;	/* static: the case's state across ht_try() */
static const struct ktest_suite *suite;
static const struct ktest_case *kcase;

static void case_body(void *arg)
{
	(void)arg;
	if (suite->init)
		suite->init(&t);
	kcase->run(&t);
}

static void case_exit(void *arg)
{
	(void)arg;
	suite->exit(&t);
}

static void run_suite(void)
{
	const char *const *result = ht_current->results;
	int nr = 0, fail = 0, skip = 0;

	suite = ht_current->data;
	/* 256 MiB lowmem + 256 MiB HighMem, all of it in the arena */
	ASSERT_EQ(machine_boot_buddy("pc", 512ULL << 20, "vmalloc=768M"), -1);
	/* then as kernel/main.c goes on before the suites run */
	if (kmem_cache_init)
		kmem_cache_init();
	if (kmap_init)
		kmap_init();
	for (kcase = suite->cases; kcase->name; kcase++, result++) {
		unsigned long unexpected = ht_unexpected_reports();

		memset(&t, 0, sizeof(t));
		t.name = kcase->name;
		ht_try(case_body, NULL);
		if (suite->exit)
			ht_try(case_exit, NULL);
		if (host_stub_called) {
			host_stub_called = false;
			t.failed = true;
		}
		if (ht_unexpected_reports() != unexpected) {
			ht_fail(__FILE__, __LINE__, "%s: %lu report(s) the case did not expect",
				kcase->name, ht_unexpected_reports() - unexpected);
			t.failed = true;
		}
		nr++;
		if (t.skip_reason && !t.failed) {
			ht_printf("    ok %d %s # SKIP %s\n", nr, kcase->name, t.skip_reason);
			ht_result(*result, HT_SKIP, t.skip_reason);
			skip++;
		} else {
			ht_printf("    %s %d %s\n", t.failed ? "not ok" : "ok", nr, kcase->name);
			ht_result(*result, t.failed ? HT_FAIL : HT_PASS, NULL);
			fail += t.failed;
		}
	}
	ht_printf("    # %s: pass:%d fail:%d skip:%d total:%d\n", suite->name,
		  nr - fail - skip, fail, skip, nr);
}

__attribute__((constructor)) static void register_ktest_suites(void)
{
	unsigned int n = 0, nres = 0;
	size_t pool = 0;

	for (const struct ktest_suite *s = __ktest_suites_start; s < __ktest_suites_end; s++) {
		if (n == MAX_HOST_KTEST_SUITES) {
			ht_printf("ktest_host: more than %d suites: raise MAX_HOST_KTEST_SUITES\n",
				  MAX_HOST_KTEST_SUITES);
			return;
		}
		snprintf(names[n], sizeof(names[n]), "ktest.%s", s->name);
		host_cases[n] = (struct ht_case){ .name = names[n], .fn = run_suite, .data = s,
						  .results = &result_names[nres] };
		for (const struct ktest_case *c = s->cases; c->name; c++) {
			int len = snprintf(result_pool + pool, sizeof(result_pool) - pool,
					   "ktest.%s.%s", s->name, c->name);

			if (nres == MAX_HOST_KTEST_CASES || pool + len + 1 > sizeof(result_pool)) {
				ht_printf("ktest_host: too many cases: raise MAX_HOST_KTEST_CASES\n");
				return;
			}
			result_names[nres++] = result_pool + pool;
			pool += len + 1;
		}
		result_names[nres++] = NULL;
		ht_register(&host_cases[n]);
		n++;
	}
}
