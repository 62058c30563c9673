#!/usr/bin/env python3
"""Fenestra test harness: boots the kernel under QEMU for every configuration
of tests/matrix.conf (in parallel), checks each serial log against its
expectation files, the exit status and (optionally) the memory map the kernel
must have computed, counts the KTAP results the in-kernel tests print, runs
the host-side unit tests, and ends with the line `N passed, M failed`.

The work is done by the package tools/fentest/ (one module per role: the
KTAP parser, the QEMU memory-map oracle, the matrix and expectation
formats, the runner, the report); this file is its command line.
Python 3 standard library only.  See tests/README.md for the file formats and
`harness.py --help` for the options; `--selftest` runs the harness's unit
tests (tools/fentest/tests/).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fentest.cli import main  # noqa: E402

if __name__ == '__main__':
    sys.exit(main())
