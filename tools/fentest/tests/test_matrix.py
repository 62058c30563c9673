# SPDX-License-Identifier: MIT
"""fentest.matrix: expectation files (ordered lines, `!` forbidden lines)
and tests/matrix.conf, with the error each malformed line gets."""

import os
import tempfile
import unittest

from fentest.matrix import Expect, parse_matrix
from fentest.tests.test_ktap import CRASH, GOOD
from fentest.tests.util import log


class ExpectTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def expect(self, text):
        p = os.path.join(self.dir.name, 'x.expect')
        with open(p, 'w') as f:
            f.write(text)
        return Expect('x', p)

    def test_all_lines_in_order_pass(self):
        ex = self.expect('# comment\n\n^Fenestra version\n^Fenestra: boot complete\n!Kernel panic\n')
        self.assertEqual(ex.check(log(GOOD)), [])

    def test_missing_and_forbidden(self):
        ex = self.expect('^Fenestra version\n^Fenestra: boot complete\n!Kernel panic\n')
        probs = ex.check(log(CRASH + ['Fenestra version 2']))
        self.assertEqual(len(probs), 2, probs)
        self.assertEqual(probs[0], 'x.expect:2: missing: ^Fenestra: boot complete')
        self.assertTrue(probs[1].startswith('x.expect:3: forbidden pattern Kernel panic found: '),
                        probs)

    def test_order_matters(self):
        ex = self.expect('^Fenestra version\n^Fenestra: boot complete\n')
        probs = ex.check(['Fenestra: boot complete', 'Fenestra version'])
        self.assertEqual(probs, ['x.expect:2: missing (only found before the previous match): '
                                 '^Fenestra: boot complete'])

    def test_successive_lines_each_match_once(self):
        ex = self.expect('^ok\n^ok\n')
        self.assertEqual(ex.check(['ok']), ['x.expect:2: missing (only found before the '
                                            'previous match): ^ok'])
        self.assertEqual(ex.check(['ok', 'x', 'ok']), [])

    def test_bad_regex(self):
        with self.assertRaises(ValueError) as cm:
            self.expect('^ok\n(unclosed\n')
        self.assertIn('x.expect:2: bad regex', str(cm.exception))


class MatrixTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.expect_dir = os.path.join(self.dir.name, 'expect')
        os.mkdir(self.expect_dir)
        open(os.path.join(self.expect_dir, 'boot.expect'), 'w').close()

    def parse(self, text):
        p = os.path.join(self.dir.name, 'matrix.conf')
        with open(p, 'w') as f:
            f.write(text)
        return parse_matrix(p, self.expect_dir)

    def test_fields_options_and_comments(self):
        cfgs, errs = self.parse(
            '# c\na pc 16M kernel qemu32 "ktest=all x=1" boot,mm\n'
            'b pc 8M iso 486 "" boot exit=fail  # trailing\n'
            'c q35 4G shim-noexit:no-mmap - "" boot exit=reset make=PAE=1 make=VMSPLIT=2G\n')
        self.assertEqual(errs, [])
        self.assertEqual([(c.name, c.cmdline, c.expects, c.exit_fail, c.exit_reset, c.make_vars)
                          for c in cfgs],
                         [('a', 'ktest=all x=1', ['boot', 'mm'], False, False, ()),
                          ('b', '', ['boot'], True, False, ()),
                          ('c', '', ['boot'], False, True, ('PAE=1', 'VMSPLIT=2G'))])
        self.assertEqual(cfgs[0].mem_bytes, 16 << 20)
        self.assertTrue(cfgs[1].where.endswith('matrix.conf:3'), cfgs[1].where)

    def test_qemu_option(self):
        cfgs, errs = self.parse(
            'q pc 128M kernel - "ktest=irq" boot qemu="-icount shift=0,align=off,sleep=off"\n'
            'r pc 128M kernel - "" boot\n')
        self.assertEqual(errs, [])
        self.assertEqual(cfgs[0].qemu_args, ('-icount', 'shift=0,align=off,sleep=off'))
        self.assertEqual(cfgs[1].qemu_args, ())

    def test_qemu_option_refuses_own_fields(self):
        self.assert_one_error('q pc 8M kernel - "" boot qemu="-m 16M"', '-m is set from the line')
        self.assert_one_error('q pc 8M kernel - "" boot qemu=icount', 'starting with "-"')

    def test_exit_poweroff(self):
        cfgs, errs = self.parse('p pc 8M shim-noexit:good 486 "" boot exit=poweroff\n')
        self.assertEqual(errs, [])
        self.assertEqual((cfgs[0].exit_reset, cfgs[0].exit_poweroff), (True, True))

    def assert_one_error(self, line, *words):
        cfgs, errs = self.parse(line + '\n')
        self.assertEqual(len(errs), 1, errs)
        for w in words:
            self.assertIn(w, errs[0])
        return cfgs

    def test_missing_expect_file(self):
        cfgs = self.assert_one_error('c pc 8M iso 486 "" nosuch', 'no expectation file nosuch')
        self.assertEqual([c.name for c in cfgs], ['c'])

    def test_too_few_fields(self):
        self.assert_one_error('a pc 16M kernel qemu32 "x"', 'expected at least 7 fields', 'got 6')

    def test_unknown_option(self):
        self.assert_one_error('a pc 16M kernel qemu32 "" boot exit=maybe', "unknown option")

    def test_bad_boot(self):
        self.assert_one_error('a pc 16M floppy qemu32 "" boot', 'boot must be')

    def test_bad_mem(self):
        self.assert_one_error('a pc 16Q kernel qemu32 "" boot', 'bad memory size')

    def test_bad_name_and_duplicate(self):
        self.assert_one_error('-a pc 16M kernel qemu32 "" boot', 'bad config name')
        cfgs, errs = self.parse('a pc 16M kernel qemu32 "" boot\na pc 32M kernel qemu32 "" boot\n')
        self.assertEqual(len(cfgs), 1)
        self.assertIn("duplicate config name 'a'", errs[0])

    def test_mm_needs_a_known_machine(self):
        self.assert_one_error('a microvm 16M kernel qemu32 "" mm', '"mm" needs machine')

    def test_unbalanced_quote(self):
        self.assert_one_error('a pc 16M kernel qemu32 "oops boot', 'No closing quotation')


if __name__ == '__main__':
    unittest.main()
