# SPDX-License-Identifier: MIT
"""fentest.qemu_model, the oracle: QEMU's RAM split and SeaBIOS's e820 map
per machine family, QEMU's -m and -cpu rules, Linux's memparse and mem=,
and the zone and lowmem lines that follow, checked against a Linux 6.1
boot log and against cases computed by hand."""

import os
import unittest

from fentest import ROOT
from fentest.logs import log_lines, read_text
from fentest.qemu_model import GIB, KIB, MIB, PAGE_SHIFT, KernelLayout, check_mm, \
    cmdline_params, cpu_phys_bits, lowmem_end, machine_family, memparse, mm_layout, \
    pae_from_banner, qemu_mem, ram_split, valid_size, vmalloc_accepted
from fentest.tests.util import log

# The numbers of the default builds, as their gen/asm-offsets.inc says
# (test data: the harness itself reads them from the build).
NONPAE_3G = KernelLayout(page_offset=0xC0000000, vmalloc_end=0xFF7FE000,
                         vmalloc_reserve=128 * MIB, pae=False)
PAE_3G = KernelLayout(page_offset=0xC0000000, vmalloc_end=0xFFBFE000,
                      vmalloc_reserve=128 * MIB, pae=True)
NONPAE_2G = KernelLayout(page_offset=0x80000000, vmalloc_end=0xFF7FE000,
                         vmalloc_reserve=128 * MIB, pae=False)

REFERENCE_LOG = os.path.join(os.path.dirname(ROOT), 'shared', 'reference',
                             'linux-6.1-686-pc-m4G.log')
# Linux 6.1 ends lowmem at 0x36bfe000 (its fixmap is bigger than ours).
REFERENCE_LOWMEM_END = 0x36bfe000
# The memory lines of that log (Linux 6.1, non-PAE, qemu-system-i386 -M pc -m 4G).
REFERENCE_LINES = """\
BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved
BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved
BIOS-e820: [mem 0x0000000000100000-0x00000000bffdffff] usable
BIOS-e820: [mem 0x00000000bffe0000-0x00000000bfffffff] reserved
BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved
BIOS-e820: [mem 0x0000000100000000-0x000000013fffffff] usable
2195MB HIGHMEM available.
875MB LOWMEM available.
Zone ranges:
  DMA      [mem 0x0000000000001000-0x0000000000ffffff]
  Normal   [mem 0x0000000001000000-0x0000000036bfdfff]
  HighMem  [mem 0x0000000036bfe000-0x00000000bffdffff]
Movable zone start for each node
""".splitlines()


def mm(machine, mem, cmdline='', kernel=NONPAE_3G):
    return mm_layout(machine_family(machine), qemu_mem(mem), cmdline, kernel)


class LinuxReferenceTest(unittest.TestCase):
    """What Linux 6.1 printed on the same QEMU machine."""

    def check_reference(self, ref):
        lay = mm_layout('pc', 4 * GIB, 'console=ttyS0', NONPAE_3G,
                        lowmem_end_override=REFERENCE_LOWMEM_END)
        self.assertEqual(lay['e820_lines'], [l for l in ref if l.startswith('BIOS-e820: ')])
        self.assertIn(lay['highmem_line'], ref)
        self.assertIn(lay['lowmem_line'], ref)
        i = ref.index('Zone ranges:')
        self.assertEqual(lay['zone_lines'], ref[i + 1:i + 4])
        self.assertEqual(check_mm(ref, lay, check_warning=False), [])

    def test_reference_log(self):
        if not os.path.isfile(REFERENCE_LOG):
            self.skipTest('%s is not there' % REFERENCE_LOG)
        self.check_reference([l.rstrip() for l in log_lines(read_text(REFERENCE_LOG))])

    def test_reference_lines_kept_here(self):
        self.check_reference(REFERENCE_LINES)


class SizesTest(unittest.TestCase):

    def test_memparse(self):
        for text, want in (('64M', 64 * MIB), ('0x1000', 0x1000), ('1g', GIB),
                           ('512k', 512 * KIB), ('010', 8), ('4096', 4096), ('3G', 3 * GIB)):
            self.assertEqual(memparse(text), want, text)

    def test_qemu_mem(self):
        for text, want in (('128M', 128 * MIB), ('4G', 4 * GIB), ('512', 512 * MIB),
                           ('3.5G', 3584 * MIB)):
            self.assertEqual(qemu_mem(text), want, text)

    def test_qemu_mem_rounds_a_fraction_up_to_8k(self):
        for text, want in (('100.3M', 0x644e000), ('100.5M', 0x6480000), ('100.7M', 0x64b4000),
                           ('17.1M', 0x111a000), ('100.0001M', 0x6402000)):
            self.assertEqual(qemu_mem(text), want, text)

    def test_bad_sizes(self):
        self.assertRaises(ValueError, qemu_mem, '4X')
        self.assertRaises(ValueError, memparse, 'M')

    def test_sizes_past_64_bits_are_malformed(self):
        self.assertTrue(valid_size('18446744073709551615', 4096))
        self.assertFalse(valid_size('18446744073709551616', 4096))
        self.assertFalse(valid_size('17592186044928M', 4096))
        self.assertEqual(cmdline_params('mem=17592186044928M vmalloc=17592186044672M'), {})
        self.assertIsNone(mm('pc', '1G', 'mem=17592186044928M')['user_lines'])


class MachineTest(unittest.TestCase):

    def test_machine_family(self):
        for machine, want in (('pc', 'pc'), ('pc-i440fx-7.2', 'pc'), ('pc-i440fx-2.1', 'pc'),
                              ('pc-i440fx-2.0', 'pc-2.0'), ('pc-i440fx-1.7', 'pc-1.7'),
                              ('pc-i440fx-1.4', 'pc-1.7'), ('q35', 'q35'),
                              ('pc-q35-7.1', 'q35'), ('isapc', 'isapc'), ('microvm', None)):
            self.assertEqual(machine_family(machine), want, machine)

    def test_ram_split(self):
        self.assertEqual(ram_split('q35', 2816 * MIB), (0x80000000, 768 * MIB))
        self.assertEqual(ram_split('pc', 3584 * MIB), (0xC0000000, 512 * MIB))
        self.assertEqual(ram_split('pc', 3583 * MIB), (3583 * MIB, 0))
        self.assertEqual(ram_split('pc-1.7', 4 * GIB), (0xE0000000, 512 * MIB))
        self.assertEqual(ram_split('pc-1.7', 3584 * MIB), (3584 * MIB, 0))
        self.assertEqual(ram_split('pc-2.0', 3584 * MIB), (0xC0000000, 512 * MIB))
        self.assertEqual(ram_split('isapc', 4 * GIB), (0xE0000000, 512 * MIB))
        self.assertRaises(ValueError, ram_split, None, GIB)

    def test_cpu_phys_bits(self):
        for cpu, want in (('qemu32', 32), ('coreduo', 32), ('n270', 32), ('486', 32), ('-', 32),
                          ('coreduo-v1', 32), ('qemu32,+pse36', 36), ('qemu32,+pse36,+nx', 36),
                          ('coreduo,+pse36', 36), ('kvm32', 36), ('core2duo', 36),
                          ('Nehalem', 36), ('qemu64', 36), ('max', 36), ('pentium3', 36),
                          ('athlon', 36), ('Nehalem,-pse36', 32), ('kvm32,pse36=off', 32),
                          ('qemu32,+pse36,-pse36', 32)):
            self.assertEqual(cpu_phys_bits(cpu), want, cpu)

    def test_pae_from_banner(self):
        self.assertTrue(pae_from_banner(['Fenestra version 0.1 32-bit i386, PAE, VMSPLIT_3G']))
        self.assertFalse(pae_from_banner(
            ['Fenestra version 0.1 32-bit i386, non-PAE, VMSPLIT_3G']))


class E820Test(unittest.TestCase):

    def test_q35_4G(self):
        lay = mm('q35', '4G')
        self.assertEqual(lay['e820_lines'], [
            'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
            'BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
            'BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
            'BIOS-e820: [mem 0x0000000000100000-0x000000007ffdefff] usable',
            'BIOS-e820: [mem 0x000000007ffdf000-0x000000007fffffff] reserved',
            'BIOS-e820: [mem 0x00000000b0000000-0x00000000bfffffff] reserved',
            'BIOS-e820: [mem 0x00000000fed1c000-0x00000000fed1ffff] reserved',
            'BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved',
            'BIOS-e820: [mem 0x0000000100000000-0x000000017fffffff] usable'])
        self.assertEqual((lay['max_pfn'], lay['highmem_line'], lay['warning']),
                         (0x7ffdf, '1151MB HIGHMEM available.',
                          'Warning: 2048MB of RAM above 4 GiB ignored: this kernel has no PAE'))
        self.assertEqual(lay['zone_lines'][2],
                         '  HighMem  [mem 0x0000000038000000-0x000000007ffdefff]')

    def test_pc_i440fx_1_7(self):
        lay = mm('pc-i440fx-1.7', '4G')
        self.assertEqual(lay['e820_lines'], [
            'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
            'BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
            'BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
            'BIOS-e820: [mem 0x0000000000100000-0x00000000dfffdfff] usable',
            'BIOS-e820: [mem 0x00000000dfffe000-0x00000000dfffffff] reserved',
            'BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved',
            'BIOS-e820: [mem 0x0000000100000000-0x000000011fffffff] usable'])
        self.assertEqual(lay['warning'],
                         'Warning: 512MB of RAM above 4 GiB ignored: this kernel has no PAE')

    def test_pc_i440fx_2_0_small_top_reserve(self):
        self.assertEqual(mm('pc-i440fx-2.0', '128M')['e820_lines'][4],
                         'BIOS-e820: [mem 0x0000000007ffe000-0x0000000007ffffff] reserved')

    def test_isapc_has_no_top_reserve(self):
        self.assertEqual(mm('isapc', '17M')['e820_lines'], [
            'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
            'BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
            'BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
            'BIOS-e820: [mem 0x0000000000100000-0x00000000010fffff] usable',
            'BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved'])

    def test_fractional_mem(self):
        lay = mm('pc', '100.3M')
        self.assertEqual(lay['e820_lines'][3:5], [
            'BIOS-e820: [mem 0x0000000000100000-0x000000000642dfff] usable',
            'BIOS-e820: [mem 0x000000000642e000-0x000000000644dfff] reserved'])
        self.assertEqual(lay['lowmem_line'], '100MB LOWMEM available.')


class ZonesTest(unittest.TestCase):

    def test_default_lowmem_end(self):
        self.assertEqual(lowmem_end(None, NONPAE_3G), 0x38000000)
        self.assertEqual(lowmem_end(None, NONPAE_2G), 1920 * MIB)

    def test_pc_16M(self):
        lay = mm('pc', '16M')
        self.assertEqual((lay['max_pfn'], lay['lowmem_line'], lay['highmem_line']),
                         (0xfe0, '15MB LOWMEM available.', '0MB HIGHMEM available.'))
        self.assertEqual(lay['zone_lines'], ['  DMA      [mem 0x0000000000001000-0x0000000000fdffff]',
                                             '  Normal   empty', '  HighMem  empty'])

    def test_pc_128M(self):
        lay = mm('pc', '128M')
        self.assertEqual(lay['zone_lines'], [
            '  DMA      [mem 0x0000000000001000-0x0000000000ffffff]',
            '  Normal   [mem 0x0000000001000000-0x0000000007fdffff]',
            '  HighMem  empty'])
        self.assertEqual(lay['lowmem_line'], '127MB LOWMEM available.')
        self.assertIsNone(lay['warning'])

    def test_pc_1G(self):
        lay = mm('pc', '1G')
        self.assertEqual((lay['lowmem_line'], lay['highmem_line']),
                         ('896MB LOWMEM available.', '127MB HIGHMEM available.'))
        self.assertEqual(lay['zone_lines'][1:], [
            '  Normal   [mem 0x0000000001000000-0x0000000037ffffff]',
            '  HighMem  [mem 0x0000000038000000-0x000000003ffdffff]'])

    def test_pc_4G(self):
        lay = mm('pc', '4G')
        self.assertEqual((lay['lowmem_line'], lay['highmem_line'], lay['warning']),
                         ('896MB LOWMEM available.', '2175MB HIGHMEM available.',
                          'Warning: 1024MB of RAM above 4 GiB ignored: this kernel has no PAE'))

    def test_mem_limit(self):
        lay = mm('pc', '128M', 'ktest=all mem=64M')
        self.assertEqual((lay['max_pfn'], lay['lowmem_line']), (0x4000, '64MB LOWMEM available.'))
        self.assertEqual(lay['e820_lines'], mm('pc', '128M')['e820_lines'])
        self.assertEqual(lay['user_lines'], [
            'user: [mem 0x0000000000000000-0x000000000009fbff] usable',
            'user: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
            'user: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
            'user: [mem 0x0000000000100000-0x0000000003ffffff] usable',
            'user: [mem 0x0000000007fe0000-0x0000000007ffffff] reserved',
            'user: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved'])
        self.assertIsNone(mm('pc', '128M')['user_lines'])
        self.assertEqual(mm('pc', '8G', 'mem=5G')['warning'],
                         'Warning: 1024MB of RAM above 4 GiB ignored: this kernel has no PAE')
        self.assertIsNone(mm('pc', '4G', 'mem=3G')['warning'])
        self.assertEqual(mm('pc', '4G', 'mem=0x20000000')['lowmem_line'],
                         '512MB LOWMEM available.')

    def test_vmalloc_option(self):
        self.assertEqual(lowmem_end('256M', NONPAE_3G), 748 * MIB)
        self.assertEqual(lowmem_end('256M', PAE_3G), 752 * MIB)
        self.assertFalse(vmalloc_accepted('0xFFFFFFFFFF3FE000', NONPAE_3G))
        self.assertFalse(vmalloc_accepted('1000M', NONPAE_3G))
        self.assertTrue(vmalloc_accepted('900M', NONPAE_3G))
        lay = mm('pc', '1G', 'vmalloc=256M')
        self.assertEqual((lay['lowmem_line'], lay['highmem_line']),
                         ('748MB LOWMEM available.', '275MB HIGHMEM available.'))

    def test_lowmem_follows_the_kernel_layout(self):
        # A build with a 64 MiB default reserve: lowmem grows to 960 MiB.
        k = KernelLayout(0xC0000000, 0xFF7FE000, 64 * MIB, False)
        self.assertEqual(mm('pc', '2G', kernel=k)['lowmem_line'], '960MB LOWMEM available.')

    def test_pae_8G(self):
        # 3 GiB below 4 GiB, 5 GiB above; the PCI hole counts in the
        # HighMem span (as Linux's "HIGHMEM available").
        lay = mm_layout('pc', 8 * GIB, '', PAE_3G, phys_bits=36)
        self.assertEqual(lay['max_pfn'], (9 * GIB) >> PAGE_SHIFT)
        self.assertEqual(lay['highmem_line'], '8320MB HIGHMEM available.')
        self.assertIsNone(lay['warning'])
        lay = mm_layout('pc', 8 * GIB, '', PAE_3G, phys_bits=32)
        self.assertEqual(lay['warning'], 'Warning: 5120MB of RAM above 4 GiB ignored: the CPU '
                         'addresses 32 physical bits')


class CheckMmTest(unittest.TestCase):

    def setUp(self):
        self.lay = mm('pc', '4G')
        self.body = self.lay['e820_lines'] + [self.lay['warning'], self.lay['highmem_line'],
                                              self.lay['lowmem_line'], 'Zone ranges:'] \
            + self.lay['zone_lines']

    def test_pass(self):
        self.assertEqual(check_mm(log(self.body), self.lay), [])

    def test_warning_with_a_suffix(self):
        body = [l + ' (a PAE kernel can use it)' if l.startswith('Warning') else l
                for l in self.body]
        self.assertEqual(check_mm(log(body), self.lay), [])

    def test_failures_are_named(self):
        bad = list(self.body)
        bad[3] = bad[3].replace('bffdffff', 'bffeffff')
        bad[-1] = '  HighMem  empty'
        probs = check_mm(log(bad[:7] + bad[8:]), self.lay)
        self.assertTrue(any('missing e820' in p for p in probs), probs)
        self.assertTrue(any('unexpected e820' in p for p in probs), probs)
        self.assertTrue(any('Warning' in p for p in probs), probs)
        self.assertTrue(any('zone line 3' in p for p in probs), probs)

    def test_wrong_lowmem(self):
        body = [l.replace('896MB', '895MB') for l in self.body]
        self.assertEqual(check_mm(log(body), self.lay),
                         ['mm: expected "896MB LOWMEM available.", got "895MB LOWMEM available."'])

    def test_no_mm_lines(self):
        probs = check_mm(log(['Fenestra version 1']), self.lay)
        self.assertTrue(any('Zone ranges' in p for p in probs), probs)


if __name__ == '__main__':
    unittest.main()
