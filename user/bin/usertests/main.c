// SPDX-License-Identifier: MIT
/*
 * usertests: the user-space test suite (in the spirit of xv6's usertests)
 * for Fenestra's Linux i386 system-call ABI. It prints one KTAP version 1
 * document on stdout, the shape of the kernel's own suites
 * (kernel/tests/ktest.c), so kunit.py parse and the harness read both:
 *
 *   KTAP version 1
 *   1..6
 *       KTAP version 1
 *       # Subtest: user_proc
 *       1..12
 *       ok 1 fork_exit_codes
 *       ...
 *   ok 1 user_proc
 *
 * and exits 0 iff no case failed. The same binary passes on the host Linux
 * (user/README.md); cases that only Fenestra can pass say # SKIP there.
 *
 *   usertests [SUITE|SUITE.CASE ...]   run all, or only those named
 *   usertests --argcheck ...            (used by execve_argv_envp)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>

#include "ut.h"

int ut_failed;
int ut_argc;
char **ut_argv;
char ut_skip[96];
const char *ut_case_name;

extern const struct ut_suite suite_tty;		/* tty.c */

static const struct ut_suite *const suites[] = {
	&suite_libc, &suite_proc, &suite_mem, &suite_uaccess, &suite_procfs, &suite_misc,
	&suite_tty, &suite_dirs,
};
#define NSUITES ((int)(sizeof(suites) / sizeof(suites[0])))

int argcheck_main(int argc, char **argv, char **envp);	/* proc.c */

static int selected(const struct ut_suite *s, const struct ut_case *c, int argc, char **argv)
{
	size_t n = strlen(s->name);

	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], s->name))
			return 1;
		if (c && !strncmp(argv[i], s->name, n) && argv[i][n] == '.'
		    && !strcmp(argv[i] + n + 1, c->name))
			return 1;
	}
	return 0;
}

static int suite_selected(const struct ut_suite *s, int argc, char **argv)
{
	for (int j = 0; j < s->ncases; j++)
		if (selected(s, &s->cases[j], argc, argv))
			return 1;
	return 0;
}

int main(int argc, char **argv, char **envp)
{
	int nsuites = 0, nr = 0;
	int tot_pass = 0, tot_fail = 0, tot_skip = 0;
	static const long no_core[2] = { 0, 0 };

	if (argc > 1 && !strcmp(argv[1], "--argcheck"))
		return argcheck_main(argc, argv, envp);
	ut_argv0 = argv[0];
	ut_argc = argc;
	ut_argv = argv;
	/* No core files from the deliberate segfaults (the host Linux only:
	 * Fenestra has no setrlimit, and would log the -ENOSYS). */
	if (ut_is_linux())
		syscall2(__NR_setrlimit, 4 /* RLIMIT_CORE */, no_core);

	for (int i = 0; i < NSUITES; i++)
		nsuites += suite_selected(suites[i], argc, argv);
	printf("KTAP version 1\n1..%d\n", nsuites);
	for (int i = 0; i < NSUITES; i++) {
		const struct ut_suite *s = suites[i];
		int pass = 0, fail = 0, skip = 0, k = 0, ncases = 0;

		if (!suite_selected(s, argc, argv))
			continue;
		for (int j = 0; j < s->ncases; j++)
			ncases += selected(s, &s->cases[j], argc, argv);
		printf("    KTAP version 1\n    # Subtest: %s\n    1..%d\n", s->name, ncases);
		for (int j = 0; j < s->ncases; j++) {
			const struct ut_case *c = &s->cases[j];

			if (!selected(s, c, argc, argv))
				continue;
			ut_failed = 0;
			ut_skip[0] = '\0';
			ut_case_name = c->name;
			c->fn();
			if (ut_failed) {
				printf("    not ok %d %s\n", ++k, c->name);
				fail++;
			} else if (ut_skip[0]) {
				printf("    ok %d %s # SKIP %s\n", ++k, c->name, ut_skip);
				skip++;
			} else {
				printf("    ok %d %s\n", ++k, c->name);
				pass++;
			}
		}
		printf("# %s: pass:%d fail:%d skip:%d total:%d\n", s->name, pass, fail, skip,
		       pass + fail + skip);
		printf("%s %d %s\n", fail ? "not ok" : "ok", ++nr, s->name);
		tot_pass += pass;
		tot_fail += fail;
		tot_skip += skip;
	}
	printf("# Totals: pass:%d fail:%d skip:%d total:%d\n", tot_pass, tot_fail, tot_skip,
	       tot_pass + tot_fail + tot_skip);
	return tot_fail ? 1 : 0;
}
