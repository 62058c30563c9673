# SPDX-License-Identifier: MIT
"""fentest.runner and fentest.qemu: the QEMU command line of each boot
type, build directories of variants, and how one boot is judged."""

import os
import tempfile
import types
import unittest

from fentest import ROOT, kconst
from fentest.matrix import Config
from fentest.qemu import describe_exit, qemu_command
from fentest.runner import Result, Runner
from fentest.tests.test_ktap import CRASH, GOOD
from fentest.tests.util import ts

STATUSES = (33, 35)


def config(boot='kernel', cmdline='', exit_fail=False, exit_reset=False, make_vars=(),
           expects=(), exit_poweroff=False, qemu_args=()):
    return Config('t', 'pc', '128M', boot, 'qemu32', cmdline, list(expects), exit_fail,
                  'm:1', make_vars, exit_reset, exit_poweroff, qemu_args)


class RunnerTest(unittest.TestCase):

    def setUp(self):
        self.runner = Runner(types.SimpleNamespace(build='build', qemu='qemu-system-i386',
                                                   timeout=60))

    def test_build_dirs_of_variants(self):
        b = self.runner.build_dir_for
        self.assertEqual(b(()), os.path.join(ROOT, 'build'))
        self.assertEqual(b(('PAE=1',)), os.path.join(ROOT, 'build-pae'))
        self.assertEqual(b(('VMSPLIT=2G',)), os.path.join(ROOT, 'build-vmsplit2G'))
        self.assertEqual(b(('PAE=1', 'VMSPLIT=1G')), os.path.join(ROOT, 'build-pae-vmsplit1G'))
        self.assertEqual(b(('PAE=0', 'VMSPLIT=3G')), os.path.join(ROOT, 'build'))
        self.assertEqual(b(('DEMOS=0',)), os.path.join(ROOT, 'build-demos0'))
        self.assertEqual(b(('KTEST=0',)), os.path.join(ROOT, 'build-ktest0'))
        self.assertEqual(b(('DEMOS=0', 'KTEST=1')), os.path.join(ROOT, 'build-demos0-ktest1'))
        self.assertEqual(b(('DEMOS=0', 'PAE=1', 'TOUR=0')), os.path.join(ROOT, 'build-pae-demos0'))

    def test_kernel_boot_command(self):
        cmd = self.runner.qemu_cmd(config(cmdline='ktest=all'), os.path.join(ROOT, 'l.log'))
        self.assertEqual(cmd, [
            'qemu-system-i386', '-accel', 'tcg', '-M', 'pc', '-m', '128M', '-cpu', 'qemu32',
            '-kernel', 'build/kernel.elf', '-append', 'ktest=all', '-display', 'none',
            '-serial', 'file:l.log', '-monitor', 'none', '-no-reboot',
            '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
            '-d', 'cpu_reset,guest_errors', '-D', 'l.log.qemu'])

    def test_qemu_args_appended(self):
        cmd = self.runner.qemu_cmd(config(cmdline='ktest=irq',
                                          qemu_args=('-icount', 'shift=0,align=off,sleep=off')),
                                   os.path.join(ROOT, 'l.log'))
        self.assertEqual(cmd[-2:], ['-icount', 'shift=0,align=off,sleep=off'])
        self.assertEqual(cmd[:2], ['qemu-system-i386', '-accel'])

    def test_shim_boot_commands(self):
        log = os.path.join(ROOT, 'l.log')
        cmd = self.runner.qemu_cmd(config(boot='shim:mmap-cut', cmdline='x', make_vars=('PAE=1',)),
                                   log)
        i = cmd.index('-kernel')
        self.assertEqual(cmd[i:i + 6], ['-kernel', 'build/hostile/shim.elf',
                                        '-initrd', 'build-pae/kernel.elf', '-append',
                                        'mmap-cut x'])
        self.assertIn('-device', cmd)
        cmd = self.runner.qemu_cmd(config(boot='shim-noexit:no-mmap'), log)
        self.assertNotIn('-device', cmd)
        self.assertEqual(cmd[cmd.index('-append') + 1], 'no-mmap')

    def test_iso_boot_command(self):
        cmd = self.runner.qemu_cmd(config(boot='iso'), os.path.join(ROOT, 'l.log'),
                                   iso=os.path.join(ROOT, 'build', 'x.iso'))
        self.assertIn('-cdrom', cmd)
        self.assertNotIn('-kernel', cmd)

    def judge(self, c, lines, status, timed_out=False):
        r = Result(c)
        self.runner.evaluate(r, ts(lines) if lines else '', status, timed_out, STATUSES)
        return r

    def test_success(self):
        r = self.judge(config(), ['Fenestra: boot complete'], 33)
        self.assertTrue(r.passed, r.reasons)

    def test_wrong_status_names_the_panic(self):
        r = self.judge(config(), ['Kernel panic - not syncing: no'], 35)
        self.assertFalse(r.passed)
        self.assertEqual(r.reasons, ['exit status: expected the success status 33',
                                     'panic: Kernel panic - not syncing: no'])

    def test_expected_failure_and_reset(self):
        self.assertTrue(self.judge(config(exit_fail=True), ['refused'], 35).passed)
        self.assertEqual(self.judge(config(exit_fail=True), ['x'], 33).reasons,
                         ['exit status: expected the failure status 35'])
        self.assertTrue(self.judge(config(exit_reset=True), ['x'], 0).passed)
        self.assertFalse(self.judge(config(), ['x'], 33, timed_out=True).passed)

    def test_poweroff_is_not_a_triple_fault(self):
        c = config(exit_poweroff=True)
        self.assertTrue(self.judge(c, ['x'], 0).passed)
        r = Result(c)
        r.exit_desc = 'triple fault or reset; the QEMU log says: Triple fault'
        self.runner.evaluate(r, ts(['x']), 0, False, STATUSES)
        self.assertEqual(r.reasons,
                         ['exit: expected a power-off, but the QEMU log says: Triple fault'])
        self.assertEqual(self.judge(c, ['x'], 35).reasons,
                         ['exit status: expected a power-off (status 0)'])

    def test_missing_machine_type_is_a_skip(self):
        from fentest.report import Tally
        self.runner._machines = {'pc', 'q35', 'pc-i440fx-2.0'}
        self.assertEqual(self.runner.missing_machine('pc,max-ram-below-4g=16M'), '')
        why = self.runner.missing_machine('pc-i440fx-1.7')
        self.assertIn("no machine type 'pc-i440fx-1.7'", why)
        r = Result(config())
        r.skipped = why
        t = Tally()
        t.add_boot(r)
        self.assertEqual(t.line(), '0 passed, 0 failed, 1 skipped')

    def test_empty_log(self):
        self.assertIn('the serial log is empty', self.judge(config(), [], 33).reasons)

    def test_ktap_failures_fail_the_boot(self):
        r = self.judge(config(cmdline='ktest=all'), GOOD, 33)
        self.assertEqual(r.reasons, [])
        self.assertFalse(r.passed)
        self.assertEqual((r.ktap.passed, r.ktap.failed), (3, 1))
        r = self.judge(config(cmdline='ktest=all'), CRASH, 35)
        self.assertEqual(r.ktap.failed, 2)

    def test_ktest_without_ktap(self):
        r = self.judge(config(cmdline='ktest=all'), ['Fenestra: boot complete'], 33)
        self.assertEqual(r.reasons, ['no KTAP output ("KTAP version 1") although the command '
                                     'line has ktest='])

    def test_describe_exit(self):
        self.assertEqual(describe_exit(33, False, 60, STATUSES),
                         'kernel reported success (exit status 33)')
        self.assertEqual(describe_exit(35, False, 60, STATUSES),
                         'kernel reported failure (exit status 35)')
        self.assertEqual(describe_exit(0, False, 60, STATUSES),
                         'triple fault or reset (QEMU exit status 0 under -no-reboot)')
        self.assertEqual(describe_exit(None, True, 60, STATUSES),
                         'hang: no exit within 60s (QEMU killed)')
        self.assertEqual(describe_exit(-9, False, 60, STATUSES), 'QEMU killed by signal 9')

    def test_qemu_command_defaults(self):
        self.assertEqual(qemu_command('q', '4G', ['-kernel', 'k'], 's.log', cpu='-',
                                      exit_device=False, extra=['-S']),
                         ['q', '-accel', 'tcg', '-m', '4G', '-kernel', 'k', '-display', 'none',
                          '-serial', 'file:s.log', '-monitor', 'none', '-no-reboot', '-S'])


class KconstTest(unittest.TestCase):

    INC = ('; Generated\n%define PAGE_OFFSET 3221225472\n%define VMALLOC_END 4286570496\n'
           '%define VMALLOC_RESERVE_DEFAULT 134217728\n%define CONFIG_X86_PAE 0\n'
           '%define KERNEL_EXIT_SUCCESS 16\n%define KERNEL_EXIT_FAILURE 17\n%define NEG -4\n')

    def build_dir(self, text):
        d = tempfile.TemporaryDirectory()
        self.addCleanup(d.cleanup)
        os.mkdir(os.path.join(d.name, 'gen'))
        with open(kconst.asm_offsets_path(d.name), 'w') as f:
            f.write(text)
        return d.name

    def test_reads_the_generated_file(self):
        d = self.build_dir(self.INC)
        self.assertEqual(kconst.exit_statuses(d), (33, 35))
        k = kconst.kernel_layout(d)
        self.assertEqual((k.page_offset, k.vmalloc_end, k.vmalloc_reserve, k.pae),
                         (0xC0000000, 0xFF7FE000, 128 << 20, False))
        self.assertEqual(kconst.constant(d, 'NEG'), -4)

    def test_missing_file_and_name(self):
        d = tempfile.TemporaryDirectory()
        self.addCleanup(d.cleanup)
        self.assertRaises(kconst.KernelConstError, kconst.constants, d.name)
        d2 = self.build_dir('%define PAGE_OFFSET 0\n')
        with self.assertRaises(kconst.KernelConstError) as cm:
            kconst.exit_statuses(d2)
        self.assertIn('KERNEL_EXIT_SUCCESS', str(cm.exception))

    def test_the_build_if_there(self):
        build = os.path.join(ROOT, 'build')
        if not os.path.isfile(kconst.asm_offsets_path(build)):
            self.skipTest('no build/gen/asm-offsets.inc: make kernel first')
        success, failure = kconst.exit_statuses(build)
        self.assertNotEqual(success, failure)
        self.assertEqual(success & 1, 1)


if __name__ == '__main__':
    unittest.main()
