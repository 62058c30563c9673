# SPDX-License-Identifier: MIT
"""fentest.logs: serial lines as the checks see them."""

import unittest

from fentest.logs import clean_line, log_lines, strip_timestamp


class LogsTest(unittest.TestCase):

    def test_grub_escapes_and_crs(self):
        self.assertEqual(log_lines('\x1b[H\x1b[J  Booting `x\'\r\n\r\n\r[    0.001234] '
                                   'Fenestra version 1\r\n'),
                         ["  Booting `x'", '', 'Fenestra version 1'])

    def test_timestamps_stripped_indentation_kept(self):
        self.assertEqual(log_lines('[ 1234.5] a\n[    0.000001]     ok 1 x\n'), ['a', '    ok 1 x'])
        self.assertEqual(strip_timestamp('[0.1] [0.2] x'), '[0.2] x')

    def test_empty(self):
        self.assertEqual(log_lines(''), [])
        self.assertEqual(clean_line('a\x07b\x7f'), 'ab')


if __name__ == '__main__':
    unittest.main()
