# SPDX-License-Identifier: MIT
"""fentest.ktap: counting KTAP leaf cases, failures with their diagnostics,
skips, and the problems (plans not met, a log that ends inside a suite)."""

import unittest

from fentest.ktap import parse_ktap
from fentest.tests.util import log

# Two suites: a failure with diagnostics and kernel output, a skip, a pass.
GOOD = ['Fenestra version 1', 'KTAP version 1', '1..2',
        '    KTAP version 1', '    # Subtest: alpha', '    1..3',
        '    ok 1 a1', '    # a2: EXPECTATION FAILED at x.c:1',
        '    #   Expected 1 == 2', 'BUG: a report', '#PF: details',
        '    not ok 2 a2',
        '    ok 3 a3 # SKIP not here', 'not ok 1 alpha',
        'BUG: expected report inside a test',
        '    KTAP version 1', '    # Subtest: beta', '    1..2',
        '    ok 1 b1', '    # a diagnostic', '    ok 2 b2', 'ok 2 beta',
        'Fenestra: boot complete']

# The kernel dies in the middle of the second of three suites.
CRASH = ['KTAP version 1', '1..3', '    KTAP version 1', '    # Subtest: alpha',
         '    1..1', '    ok 1 a1', 'ok 1 alpha', '    KTAP version 1',
         '    # Subtest: beta', '    1..4', '    ok 1 b1', '    ok 2 b2',
         'Kernel panic - not syncing: oops']

# KTAP as Linux's KUnit prints it (and `kunit.py parse` reads it): boot
# output before it, "ok N - name" with a dash, per-suite and total
# diagnostics, a skip with a reason, and a parameterised case nested one
# level deeper with its own plan.
KUNIT_STYLE = [
    'Linux version 6.1.0 (gcc) #1 SMP',
    'Run /init as init process',
    'KTAP version 1',
    '1..2',
    '    KTAP version 1',
    '    # Subtest: example',
    '    1..3',
    '    # example_simple_test: initializing',
    '    ok 1 - example_simple_test',
    '    # example_skip_test: initializing',
    '    # example_skip_test: You should not see a line like this',
    '    ok 2 - example_skip_test # SKIP this test should be skipped',
    '        KTAP version 1',
    '        # Subtest: example_params_test',
    '        1..3',
    '        ok 1 - example value 3',
    '        ok 2 - example value 2',
    '        ok 3 - example value 0 # SKIP unsupported',
    '    # example_params_test: pass:2 fail:0 skip:1 total:3',
    '    ok 3 - example_params_test',
    '# example: pass:2 fail:0 skip:1 total:3',
    'ok 1 - example',
    '    KTAP version 1',
    '    # Subtest: list-kunit-test',
    '    1..2',
    '    ok 1 - list_test_list_init',
    '    # list_test_list_add: EXPECTATION FAILED at lib/list-test.c:32',
    '    Expected list.next == &b, but',
    '    not ok 2 - list_test_list_add',
    '# list-kunit-test: pass:1 fail:1 skip:0 total:2',
    'not ok 2 - list-kunit-test',
    '# Totals: pass:4 fail:1 skip:2 total:7',
    'reboot: System halted',
]


def counts(k):
    return k.passed, k.failed, k.skipped


class KtapTest(unittest.TestCase):

    def test_counts_leaves_of_two_suites(self):
        k = parse_ktap(log(GOOD))
        self.assertTrue(k.found)
        self.assertEqual(counts(k), (3, 1, 1))
        self.assertEqual(k.problems, [])

    def test_failure_carries_its_diagnostics_and_kernel_output(self):
        k = parse_ktap(log(GOOD))
        self.assertEqual(k.failures, [('alpha.a2', ['# a2: EXPECTATION FAILED at x.c:1',
                                                    '#   Expected 1 == 2', 'BUG: a report',
                                                    '#PF: details'])])

    def test_crash_inside_a_suite(self):
        k = parse_ktap(log(CRASH))
        self.assertEqual(counts(k), (3, 2, 0))
        self.assertTrue(any('beta' in p and '2 missing' in p for p in k.problems), k.problems)
        self.assertTrue(any('1 of 3 suites' in p for p in k.problems), k.problems)

    def test_short_plan(self):
        k = parse_ktap(log(['KTAP version 1', '1..1', '    KTAP version 1', '    # Subtest: s',
                            '    1..3', '    ok 1 x', 'ok 1 s']))
        self.assertEqual((k.passed, k.failed), (1, 1))
        self.assertIn('2 missing', k.problems[0])

    def test_more_results_than_planned(self):
        k = parse_ktap(log(['KTAP version 1', '1..1', '    # Subtest: s', '    1..1',
                            '    ok 1 x', '    ok 2 y', 'ok 1 s']))
        self.assertEqual(k.passed, 2)
        self.assertEqual(len(k.problems), 1)
        self.assertIn('2 cases reported but the plan says 1', k.problems[0])

    def test_nested_parameterised_case(self):
        k = parse_ktap(log(['KTAP version 1', '1..1', '    KTAP version 1', '    # Subtest: s',
                            '    1..2', '        KTAP version 1', '        # Subtest: p',
                            '        1..2', '        ok 1 p=1', '        not ok 2 p=2',
                            '    not ok 1 p', '    ok 2 q # SKIP', 'not ok 1 s']))
        self.assertEqual(counts(k) + (k.problems,), (1, 1, 1, []))
        self.assertEqual([n for n, _ in k.failures], ['s.p.p=2'])

    def test_suite_not_ok_counts_its_failed_case_once(self):
        k = parse_ktap(log(['KTAP version 1', '1..1', '    # Subtest: s', '    1..1',
                            '    ok 1 x', 'not ok 1 s']))
        self.assertEqual((k.passed, k.failed), (1, 1))
        self.assertIn('none of its cases failed', k.problems[0])

    def test_skipped_suite_without_cases(self):
        k = parse_ktap(log(['KTAP version 1', '1..2', '    # Subtest: s', '    1..0',
                            'ok 1 s # SKIP no highmem', '    # Subtest: t', '    1..1',
                            '    ok 1 x', 'ok 2 t']))
        self.assertEqual(counts(k) + (k.problems,), (1, 0, 1, []))

    def test_no_ktap_in_the_log(self):
        k = parse_ktap(log(['Fenestra version 1', '# not ktap', 'ok 1 nothing']))
        self.assertEqual((k.found, k.passed, k.failed), (False, 0, 0))

    def test_missing_top_level_plan(self):
        k = parse_ktap(log(['KTAP version 1', '    # Subtest: s', '    1..1', '    ok 1 x',
                            'ok 1 s']))
        self.assertEqual(k.passed, 1)
        self.assertEqual(k.problems, ['KTAP: top-level plan (1..N) missing'])

    def test_a_log_kunit_parse_accepts(self):
        k = parse_ktap(log(KUNIT_STYLE))
        self.assertTrue(k.found)
        # example: simple, two of three params; list: init. Skips: the
        # skip test and one param. Fails: list_add.
        self.assertEqual(counts(k), (4, 1, 2))
        self.assertEqual(k.problems, [])
        self.assertEqual([n for n, _ in k.failures], ['list-kunit-test.list_test_list_add'])
        self.assertEqual(k.failures[0][1],
                         ['# list_test_list_add: EXPECTATION FAILED at lib/list-test.c:32',
                          '    Expected list.next == &b, but'])

    def test_second_document_restarts_the_count(self):
        one = ['KTAP version 1', '1..1', '    # Subtest: s', '    1..1', '    ok 1 x', 'ok 1 s']
        k = parse_ktap(log(one + one))
        self.assertEqual(counts(k) + (k.problems,), (2, 0, 0, []))


if __name__ == '__main__':
    unittest.main()
