# SPDX-License-Identifier: MIT
"""Unit tests of the harness (unittest, standard library only), one module
per module of fentest. `python3 tools/harness.py --selftest` runs them all;
`make test` runs them as the job harness-selftest, each test counting as
one. By hand: `cd tools && python3 -m unittest discover -s fentest/tests -t .`
"""

import io
import os
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.dirname(os.path.dirname(HERE))


def _suite():
    return unittest.defaultTestLoader.discover(HERE, pattern='test_*.py', top_level_dir=TOOLS)


def run_tests(stream, verbosity=2):
    """Run every test, writing unittest's report to stream. Returns
    (passed, failed, skipped, seconds, [names of failed tests])."""
    start = time.monotonic()
    result = unittest.TextTestRunner(stream=stream, verbosity=verbosity).run(_suite())
    bad = result.failures + result.errors + [(t, '') for t in result.unexpectedSuccesses]
    skipped = len(result.skipped)
    failed = len(bad)
    passed = result.testsRun - failed - skipped - len(result.expectedFailures)
    return passed, failed, skipped, time.monotonic() - start, [t.id() for t, _ in bad]


def selftest():
    """--selftest: run the tests, print unittest's report and the count."""
    out = io.StringIO()
    passed, failed, skipped, _, _ = run_tests(out)
    print(out.getvalue().rstrip())
    print('selftest: %s' % ('FAILED (%d)' % failed if failed else 'all checks passed'))
    print('%d passed, %d failed%s' % (passed, failed, ', %d skipped' % skipped if skipped else ''))
    return 1 if failed else 0
