# SPDX-License-Identifier: MIT
"""User space boots: the matrix option initrd=yes, the QEMU command line it
gives, and the `user` pseudo-expectation (fentest.usertests) with the
usertests KTAP document counted case by case (fentest.ktap)."""

import os
import tempfile
import types
import unittest

from fentest import ROOT
from fentest.ktap import parse_ktap
from fentest.matrix import Config, parse_matrix
from fentest.runner import Result, Runner
from fentest.usertests import check_user
from fentest.tests.util import log, ts

STATUSES = (33, 35)

# What /init and /bin/usertests print (user/bin/init.c, usertests/main.c),
# after the kernel's own lines; user space writes without timestamps.
USERTESTS = [
    'KTAP version 1',
    '1..2',
    '    KTAP version 1',
    '    # Subtest: user_proc',
    '    1..2',
    '    ok 1 fork_exit_codes',
    '    ok 2 getppid_in_child',
    '# user_proc: pass:2 fail:0 skip:0 total:2',
    'ok 1 user_proc',
    '    KTAP version 1',
    '    # Subtest: user_mem',
    '    1..2',
    '    ok 1 stack_growth',
    '    ok 2 oom_killer # SKIP large memory (MemTotal 4028500 kB)',
    '# user_mem: pass:1 fail:0 skip:1 total:2',
    'ok 2 user_mem',
    '# Totals: pass:3 fail:0 skip:1 total:4',
]
GOOD_USER = (['[    0.038376] Fenestra: boot complete',
              'init: Fenestra user space, pid 1'] + USERTESTS +
             ['init: /bin/usertests (pid 2) exited with status 0',
              'init: all 1 programs exited with status 0'])


def lines_of(raw):
    """Mixed kernel (timestamped) and user (plain) lines as the checks see them."""
    from fentest.logs import log_lines
    return log_lines('\n'.join(raw) + '\n')


class CheckUserTest(unittest.TestCase):

    def test_good_run(self):
        lines = lines_of(GOOD_USER)
        self.assertEqual(check_user(lines), [])
        rep = parse_ktap(lines)
        self.assertEqual((rep.found, rep.passed, rep.failed, rep.skipped), (True, 3, 0, 1))

    def test_no_init(self):
        probs = check_user(lines_of(['Fenestra: boot complete']))
        self.assertEqual(len(probs), 1)
        self.assertIn('/init never started', probs[0])

    def test_init_not_pid_1(self):
        raw = [l.replace('pid 1', 'pid 7') for l in GOOD_USER]
        self.assertEqual(check_user(lines_of(raw)), ['user: /init ran as pid 7, not pid 1'])

    def test_usertests_died_in_a_suite(self):
        raw = GOOD_USER[:2] + USERTESTS[:6] + [
            'init: /bin/usertests (pid 2) killed by signal 11', 'init: 1 of 1 programs failed']
        probs = check_user(lines_of(raw))
        self.assertIn('user: suite user_proc has no result line (usertests died in it?)', probs)
        self.assertIn('user: usertests printed no "# Totals:" line', probs)
        self.assertIn('user: init: /bin/usertests (pid 2) killed by signal 11', probs)
        self.assertIn('user: init: 1 of 1 programs failed', probs)
        rep = parse_ktap(lines_of(raw))
        self.assertGreaterEqual(rep.failed, 1)     # the suite the log ends in

    def test_failed_case_is_counted_and_named(self):
        raw = [l.replace('    ok 2 getppid_in_child', '    # getppid_in_child: proc.c:40: '
                         'CHECK(st == 0) failed: child: exited 1\n    not ok 2 getppid_in_child')
               for l in GOOD_USER]
        raw = [x for l in raw for x in l.split('\n')]
        raw = [l.replace('ok 1 user_proc', 'not ok 1 user_proc') for l in raw]
        rep = parse_ktap(lines_of(raw))
        self.assertEqual((rep.passed, rep.failed, rep.skipped), (2, 1, 1))
        self.assertEqual(rep.failures[0][0], 'user_proc.getppid_in_child')
        self.assertIn('CHECK(st == 0) failed', rep.failures[0][1][0])

    def test_no_usertests_document(self):
        raw = ['init: Fenestra user space, pid 1', 'init: execve /bin/usertests failed: ENOENT',
               'init: /bin/usertests (pid 2) exited with status 127',
               'init: 1 of 1 programs failed']
        probs = check_user(lines_of(raw))
        self.assertIn('user: no usertests KTAP document (no "# Subtest: user_..." line)', probs)
        self.assertIn('user: init: /bin/usertests (pid 2) exited with status 127', probs)

    def test_kernel_ktap_and_user_ktap_in_one_log(self):
        kernel = ['KTAP version 1', '1..1', '    KTAP version 1', '    # Subtest: buddy',
                  '    1..1', '    ok 1 buddy_split', 'ok 1 buddy']
        rep = parse_ktap(log(kernel) + lines_of(GOOD_USER))
        self.assertEqual((rep.passed, rep.failed, rep.skipped), (4, 0, 1))


class InitrdMatrixTest(unittest.TestCase):

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

    def test_initrd_option(self):
        cfgs, errs = self.parse(
            'u pc 128M kernel qemu32 "rdinit=/init" boot,user initrd=yes make=PAE=1\n'
            'v pc 128M iso qemu32 "rdinit=/init" boot,user initrd=yes\n'
            'w pc 128M kernel qemu32 "" boot initrd=no\n'
            'x pc 128M kernel qemu32 "" boot\n')
        self.assertEqual(errs, [])
        self.assertEqual([(c.initrd, c.expects) for c in cfgs],
                         [(True, ['boot', 'user']), (True, ['boot', 'user']),
                          (False, ['boot']), (False, ['boot'])])

    def test_user_needs_initrd(self):
        cfgs, errs = self.parse('u pc 128M kernel qemu32 "rdinit=/init" boot,user\n')
        self.assertEqual(len(errs), 1, errs)
        self.assertIn('"user" needs initrd=yes', errs[0])

    def test_no_initrd_with_the_shim(self):
        cfgs, errs = self.parse('s pc 128M shim:good qemu32 "" boot initrd=yes\n')
        self.assertEqual(len(errs), 1, errs)
        self.assertIn("initrd=yes with boot shim:good", errs[0])

    def test_bad_initrd_value(self):
        cfgs, errs = self.parse('u pc 128M kernel qemu32 "" boot initrd=maybe\n')
        self.assertEqual(len(errs), 1, errs)
        self.assertIn("unknown option 'initrd=maybe'", errs[0])
        self.assertIn('initrd=yes', errs[0])

    def test_user_lines_of_the_real_matrix_parse(self):
        """The matrix's user lines parse, each with initrd=yes and `user`, and
        each names /bin/usertests (with no program named, /init runs /bin/sh)."""
        path = os.path.join(ROOT, 'tests', 'matrix.conf')
        with open(path) as f:
            user = [l for l in f if not l.startswith('#') and ' initrd=yes' in l
                    and 'rdinit=/init' in l and 'shell=' not in l]
        self.assertGreaterEqual(len(user), 4)
        for l in user:
            self.assertIn('rdinit=/init -- /bin/usertests"', l)
        p = os.path.join(self.dir.name, 'm.conf')
        with open(p, 'w') as f:
            f.write(''.join(user))
        cfgs, errs = parse_matrix(p, os.path.join(ROOT, 'tests', 'expect'))
        self.assertEqual(errs, [])
        self.assertTrue(all(c.initrd and 'user' in c.expects for c in cfgs))


def config(boot='kernel', make_vars=(), initrd=True, expects=('user',)):
    return Config('t', 'pc', '128M', boot, 'qemu32', 'rdinit=/init', list(expects), False,
                  'm:1', make_vars, initrd=initrd)


class InitrdRunnerTest(unittest.TestCase):

    def setUp(self):
        self.runner = Runner(types.SimpleNamespace(build='build', qemu='qemu-system-i386',
                                                   timeout=60))

    def test_kernel_boot_passes_the_initramfs(self):
        cmd = self.runner.qemu_cmd(config(), os.path.join(ROOT, 'l.log'))
        i = cmd.index('-kernel')
        self.assertEqual(cmd[i:i + 6], ['-kernel', 'build/kernel.elf', '-initrd',
                                        'build/initramfs.cpio', '-append', 'rdinit=/init'])
        cmd = self.runner.qemu_cmd(config(initrd=False, expects=()), os.path.join(ROOT, 'l.log'))
        self.assertNotIn('-initrd', cmd)

    def test_variant_initramfs(self):
        c = config(make_vars=('PAE=1', 'VMSPLIT=2G'))
        self.assertEqual(self.runner.initrd_for(c),
                         os.path.join(ROOT, 'build-pae-vmsplit2G', 'initramfs.cpio'))

    def test_user_expectation_judges_the_boot(self):
        c = config()
        r = Result(c)
        self.runner.evaluate(r, '\n'.join(GOOD_USER) + '\n', 33, False, STATUSES)
        self.assertTrue(r.passed, r.reasons)
        self.assertEqual((r.ktap.passed, r.ktap.skipped), (3, 1))
        r = Result(c)
        self.runner.evaluate(r, ts(['Fenestra: boot complete']), 33, False, STATUSES)
        self.assertFalse(r.passed)
        self.assertIn('/init never started', r.reasons[0])


class UsertestsHostTest(unittest.TestCase):
    """runner.run_usertests_host() against stand-in programs (shell scripts
    where build/user/bin/usertests would be)."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        os.makedirs(os.path.join(self.dir.name, 'user', 'bin'))
        os.makedirs(os.path.join(self.dir.name, 'test-logs'))
        self.runner = Runner(types.SimpleNamespace(build=self.dir.name, qemu='qemu-system-i386',
                                                   timeout=30))

    def program(self, lines, status=0):
        p = os.path.join(self.dir.name, 'user', 'bin', 'usertests')
        with open(p, 'w') as f:
            f.write("#!/bin/sh\ncat <<'END'\n%s\nEND\nexit %d\n" % ('\n'.join(lines), status))
        os.chmod(p, 0o755)

    def test_passing_run_counts_each_case(self):
        self.program(USERTESTS)
        p, f, s, _, problem, lines = self.runner.run_usertests_host()
        self.assertEqual((p, f, s, problem, lines), (3, 0, 1, None, []))

    def test_failed_case_and_status(self):
        bad = [l.replace('    ok 2 getppid_in_child', '    not ok 2 getppid_in_child')
               .replace('ok 1 user_proc', 'not ok 1 user_proc') for l in USERTESTS]
        self.program(bad, status=1)
        p, f, s, _, problem, lines = self.runner.run_usertests_host()
        self.assertEqual((p, f, s, problem), (2, 1, 1, None))
        self.assertEqual(lines, ['not ok user_proc.getppid_in_child'])

    def test_nonzero_status_without_failures(self):
        self.program(USERTESTS, status=3)
        p, f, s, _, problem, _ = self.runner.run_usertests_host()
        self.assertEqual((f, problem), (1, 'exited with status 3'))

    def test_missing_binary(self):
        p, f, s, _, problem, _ = self.runner.run_usertests_host()
        self.assertEqual(f, 1)
        self.assertIn('missing (make kernel builds it)', problem)
