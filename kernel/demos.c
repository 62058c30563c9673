// SPDX-License-Identifier: MIT
/*
 * The end-of-boot demonstrations: the narrated tour, the KTAP self-tests,
 * the deliberate crashes and the benchmarks. None of them brings the
 * kernel up, so start_kernel() calls them from one place, last:
 * run_boot_demos().
 *
 * Each is built in only when asked for (a Makefile switch tested here
 * with IS_ENABLED(), as Linux's Kconfig options are):
 *
 *   option     code                           switch         make variable
 *   tour       mm/demo/tour.c                 CONFIG_TOUR    TOUR=1
 *   ktest=     kernel/tests/, mm/tests/,      CONFIG_KTEST   KTEST=1
 *              arch/x86/tests/
 *   crash=     kernel/crash.c                 CONFIG_CRASH   CRASH=1
 *   bench      kernel/bench/                  CONFIG_BENCH   BENCH=1
 *
 * All four are on by default (DEMOS=1: `make`, `make run`, `make test`,
 * `make debug`, `make iso`); DEMOS=0 builds none (a production kernel),
 * and `make bench` builds BENCH=1 alone. The options are registered here,
 * in every kernel, so that asking for code that is not built in says so
 * in one line and fails the boot instead of passing with nothing run
 * (or being ignored as an unknown option). When a switch is on, the
 * option's value goes to the code's own parser at once, so a malformed
 * value is reported where the command line is read, as before.
 *
 * With a switch off, IS_ENABLED() is a constant 0 and the compiler drops
 * the calls, so the kernel links without the code.
 */
#include <kernel/bench.h>
#include <kernel/crash.h>
#include <kernel/demos.h>
#include <kernel/ktest.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <mm/tour.h>

static bool want_tour, want_ktest, want_crash, want_bench;

/*
 * Each parser records that its option was given and, if the code is built
 * in, hands the value on (a bad value is refused there and not recorded).
 * The calls are direct, inside IS_ENABLED(): a constant 0 removes them.
 */
static int parse_tour(const char *val)
{
	(void)val;
	want_tour = true;
	return 0;
}
__setup("tour", parse_tour);

static int parse_ktest(const char *val)
{
	int err = IS_ENABLED(CONFIG_KTEST) ? ktest_setup(val) : 0;

	want_ktest |= !err;
	return err;
}
__setup_help("ktest", parse_ktest, "all, or suite names separated by commas");

static int parse_crash(const char *val)
{
	int err = IS_ENABLED(CONFIG_CRASH) ? crash_setup(val) : 0;

	want_crash |= !err;
	return err;
}
__setup_help("crash", parse_crash, "panic, bug, oops, warn, stack or triple");

static int parse_bench(const char *val)
{
	int err = IS_ENABLED(CONFIG_BENCH) ? bench_setup(val) : 0;

	want_bench |= !err;
	return err;
}
__setup_help("bench", parse_bench, "nothing, \"all\" or \"boot\"");

/* The one line for an option whose code this kernel was built without. */
static int not_built(const char *option, const char *what, const char *make_var)
{
	pr_err("%s: %s not built into this kernel (build with %s=1)\n", option, what, make_var);
	return 1;
}

int run_boot_demos(void)
{
	int failures = 0;

	if (want_tour) {
		if (IS_ENABLED(CONFIG_TOUR))
			highmem_tour();			/* make run: one highmem page's life */
		else
			failures += not_built("tour", "the tour is", "TOUR");
	}
	if (want_ktest) {
		if (IS_ENABLED(CONFIG_KTEST))
			failures += ktest_run_selected();	/* KTAP on the console */
		else
			failures += not_built("ktest", "self-tests are", "KTEST");
	}
	if (want_crash) {
		if (IS_ENABLED(CONFIG_CRASH))
			crash_if_asked();		/* crash=panic|bug|oops|warn, on purpose */
		else
			failures += not_built("crash", "deliberate crashes are", "CRASH");
	}
	if (want_bench) {
		if (IS_ENABLED(CONFIG_BENCH))
			bench_run();			/* instructions per mm operation */
		else
			failures += not_built("bench", "the benchmarks are", "BENCH");
	}
	return failures;
}
