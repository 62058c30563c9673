# SPDX-License-Identifier: MIT
"""tools/mkcpio.py: the newc archive it writes, read back by its own
parser and checked field by field against the format (and by cpio(1) if
the host has it)."""

import importlib.util
import os
import shutil
import subprocess
import tempfile
import unittest

from fentest import ROOT

_spec = importlib.util.spec_from_file_location('mkcpio', os.path.join(ROOT, 'tools', 'mkcpio.py'))
mkcpio = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mkcpio)

FILES = [('init', b'\x7fELF init'), ('bin/usertests', b'x' * 4097), ('bin/e', b'')]


class MkcpioTest(unittest.TestCase):

    def test_round_trip(self):
        blob = mkcpio.archive(['bin', 'dev', 'proc'], FILES)
        got = mkcpio.parse(blob)
        self.assertEqual([(n, m, i) for n, m, i, _ in got],
                         [('bin', 0o40755, 1), ('dev', 0o40755, 2), ('proc', 0o40755, 3),
                          ('init', 0o100755, 4), ('bin/usertests', 0o100755, 5),
                          ('bin/e', 0o100755, 6)])
        self.assertEqual([d for _, _, _, d in got[3:]], [d for _, d in FILES])

    def test_newc_layout(self):
        blob = mkcpio.archive(['bin'], [('init', b'abc')])
        self.assertEqual(len(blob) % 4, 0)
        self.assertEqual(blob[:6], b'070701')
        # bin: 110-byte header + "bin\0" = 114 -> padded to 116
        self.assertEqual(blob[110:114], b'bin\0')
        second = 116
        self.assertEqual(blob[second:second + 6], b'070701')
        head = blob[second:second + 110]
        fields = [int(head[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
        # ino mode uid gid nlink mtime filesize devmaj devmin rdevmaj rdevmin namesize check
        self.assertEqual(fields, [2, 0o100755, 0, 0, 1, 0, 3, 0, 0, 0, 0, 5, 0])
        # "init\0" ends at 115 -> data at 116 (from the member's start), "abc" + 1 pad
        self.assertEqual(blob[second + 116:second + 120], b'abc\0')
        self.assertIn(b'TRAILER!!!\0', blob[-124:])

    def test_deterministic_command(self):
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, 'prog')
            with open(src, 'wb') as f:
                f.write(b'program')
            outs = []
            for n in range(2):
                out = os.path.join(d, 'a%d.cpio' % n)
                os.utime(src, (n * 1000, n * 1000))
                self.assertEqual(mkcpio.main(['-o', out, '--dir', 'bin', '--file',
                                              'bin/prog=' + src]), 0)
                with open(out, 'rb') as f:
                    outs.append(f.read())
            self.assertEqual(outs[0], outs[1])
            self.assertEqual(mkcpio.parse(outs[0])[1][3], b'program')

    def test_malformed(self):
        blob = mkcpio.archive([], [('a', b'1')])
        with self.assertRaises(ValueError):
            mkcpio.parse(b'070707' + blob[6:])
        with self.assertRaises(ValueError):
            mkcpio.parse(blob[:-120])

    @unittest.skipUnless(shutil.which('cpio'), 'no cpio(1) on this host')
    def test_cpio_tool_lists_it(self):
        blob = mkcpio.archive(['bin'], FILES)
        out = subprocess.run(['cpio', '-it', '--quiet'], input=blob, capture_output=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.decode().split(), ['bin', 'init', 'bin/usertests', 'bin/e'])
