# SPDX-License-Identifier: MIT
"""fentest.report: the counting behind the final line, the table and the
FAIL section."""

import contextlib
import io
import unittest

from fentest.ktap import parse_ktap
from fentest.matrix import Config
from fentest.report import Tally, print_failure, print_table, progress_line
from fentest.runner import Result
from fentest.tests.test_ktap import GOOD
from fentest.tests.util import log


def result(name, reasons=(), ktap_lines=()):
    c = Config(name, 'pc', '128M', 'kernel', 'qemu32', 'ktest=all', ['boot'], False,
               'tests/matrix.conf:1')
    r = Result(c)
    r.reasons = list(reasons)
    r.ktap = parse_ktap(log(list(ktap_lines)))
    r.passed = not r.reasons and r.ktap.failed == 0
    r.exit_desc = 'kernel reported success (exit status 33)'
    r.log = 'build/test-logs/%s.log' % name
    return r


class TallyTest(unittest.TestCase):

    def test_empty(self):
        self.assertEqual(Tally().line(), '0 passed, 0 failed')

    def test_skipped_shown_only_when_nonzero(self):
        t = Tally()
        t.add(3, 1)
        self.assertEqual(t.line(), '3 passed, 1 failed')
        t.add(skipped=2)
        self.assertEqual(t.line(), '3 passed, 1 failed, 2 skipped')

    def test_a_boot_is_its_ktap_cases_plus_one(self):
        t = Tally()
        t.add_boot(result('good', ktap_lines=GOOD))     # 3 pass, 1 fail, 1 skip, + 1 pass
        self.assertEqual((t.passed, t.failed, t.skipped), (4, 1, 1))
        t.add_boot(result('bad', reasons=['exit status: expected the success status 33']))
        self.assertEqual((t.passed, t.failed, t.skipped), (4, 2, 1))
        self.assertEqual(t.line(), '4 passed, 2 failed, 1 skipped')


class PrintTest(unittest.TestCase):

    def output(self, fn, *a):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            fn(*a)
        return out.getvalue().splitlines()

    def test_table(self):
        lines = self.output(print_table, [result('pc-128M', ktap_lines=GOOD), result('x')])
        self.assertEqual(lines[0].split(), ['name', 'machine', 'mem', 'boot', 'cpu', 'result',
                                            'pass', 'fail', 'skip', 'secs'])
        self.assertEqual(lines[1].split(), ['pc-128M', 'pc', '128M', 'kernel', 'qemu32', 'FAIL',
                                            '3', '1', '1', '0.0'])
        self.assertEqual(lines[2].split()[5:], ['PASS', '0', '0', '0', '0.0'])
        # numbers are right-aligned under their heading
        self.assertEqual(lines[0].index('pass') + len('pass'),
                         lines[1].index('3', lines[1].index('FAIL')) + 1)

    def test_failure_section(self):
        r = result('pc-128M', reasons=['boot.expect:2: missing: ^x', 'two\nlines'],
                   ktap_lines=GOOD)
        r.tail = ['last line']
        lines = self.output(print_failure, r)
        self.assertEqual(lines[1], '--- FAIL pc-128M (pc, -m 128M, kernel boot, -cpu qemu32, '
                         '"ktest=all"; tests/matrix.conf:1)')
        self.assertIn('    log: build/test-logs/pc-128M.log', lines)
        self.assertIn('    boot.expect:2: missing: ^x', lines)
        self.assertIn('        lines', lines)
        self.assertIn('    KTAP not ok: alpha.a2', lines)
        self.assertIn('        # a2: EXPECTATION FAILED at x.c:1', lines)
        self.assertEqual(lines[-2:], ['    last 1 log lines:', '        last line'])

    def test_progress_line(self):
        self.assertEqual(progress_line(2, 10, False, 'pc-4G', 3.14159),
                         '[2/10] FAIL pc-4G (3.1s)')


if __name__ == '__main__':
    unittest.main()
