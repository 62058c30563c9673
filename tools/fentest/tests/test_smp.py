# SPDX-License-Identifier: MIT
"""The `cpus` pseudo-expectation (fentest.smp): the count comes from the
line's -smp N and maxcpus=, and every AP must say it is online."""

import os
import tempfile
import unittest

from fentest.matrix import parse_matrix
from fentest.smp import check_cpus, expected_cpus, qemu_smp
from fentest.tests.util import log


def boot(n, online=None):
    """The bring-up lines of a boot that started n CPUs (APs `online`, default all)."""
    online = range(1, n) if online is None else online
    return (['smp: Bringing up secondary CPUs ...', 'x86: Booting SMP configuration:',
             '.... node  #0, CPUs:     ' + ''.join(' #%d' % k for k in online),
             'smp: Brought up 1 node, %d CPUs' % n] +
            ['smpboot: CPU %d (APIC ID 0x%02x) online: idle task swapper/%d, '
             'GDT/TSS/%%fs its own' % (k, k, k) for k in online])


class ExpectedCpusTest(unittest.TestCase):

    def test_smp_forms(self):
        self.assertEqual(qemu_smp(['-smp', '2']), 2)
        self.assertEqual(qemu_smp(['-smp', '4,sockets=4']), 4)
        self.assertEqual(qemu_smp(['-smp', 'cpus=3']), 3)
        self.assertEqual(qemu_smp(['-smp', '2', '-icount', 'shift=0', '-smp', '4']), 4)
        self.assertIsNone(qemu_smp(['-icount', 'shift=0,align=off,sleep=off']))

    def test_maxcpus_caps(self):
        self.assertEqual(expected_cpus(['-smp', '4,sockets=4'], 'acpi=off maxcpus=3 ktest=apic'), 3)
        self.assertEqual(expected_cpus(['-smp', '2'], 'maxcpus=8'), 2)
        self.assertEqual(expected_cpus(['-smp', '4'], 'rdinit=/init -- /bin/usertests'), 4)


class CheckCpusTest(unittest.TestCase):

    def test_all_online(self):
        self.assertEqual(check_cpus(['-smp', '4'], '', log(boot(4))), [])
        self.assertEqual(check_cpus(['-smp', '2', '-icount', 'shift=0'], '', log(boot(2))), [])

    def test_fewer_came_up(self):
        probs = check_cpus(['-smp', '4'], '', log(boot(3)))
        self.assertEqual(probs[0], 'cpus: 3 of the 4 CPUs came online '
                                   '("smp: Brought up 1 node, 3 CPUs")')
        self.assertIn('CPU 3', probs[1])

    def test_an_ap_without_its_line(self):
        lines = [l for l in boot(4) if not l.startswith('smpboot: CPU 2 ')]
        self.assertEqual(check_cpus(['-smp', '4'], '', log(lines)),
                         ['cpus: no "smpboot: CPU k (APIC ID ...) online" line for CPU 2'])

    def test_no_bring_up(self):
        probs = check_cpus(['-smp', '2'], '', log(['Fenestra: boot complete']))
        self.assertEqual(probs[0], 'cpus: no "smp: Brought up 1 node, 2 CPUs" line (-smp 2)')

    def test_maxcpus(self):
        self.assertEqual(check_cpus(['-smp', '4,sockets=4'], 'maxcpus=3', log(boot(3))), [])


class CpusMatrixTest(unittest.TestCase):

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

    def test_cpus_needs_smp(self):
        cfgs, errs = self.parse('a pc 128M kernel qemu32 "" boot,cpus qemu="-smp 2"\n'
                                'b pc 128M kernel qemu32 "" boot,cpus\n')
        self.assertEqual([c.name for c in cfgs], ['a'])
        self.assertEqual(len(errs), 1, errs)
        self.assertIn('"cpus" needs qemu="-smp N ..."', errs[0])


if __name__ == '__main__':
    unittest.main()
