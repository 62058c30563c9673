# SPDX-License-Identifier: MIT
"""fentest: the pieces of Fenestra's test harness, one role per module.

  logs.py        serial/QEMU log normalisation (escapes, timestamps)
  ktap.py        the KTAP v1 parser (in-kernel self-test results)
  qemu_model.py  the oracle: the e820 map, RAM split, zones and lowmem a
                 QEMU machine must produce (QEMU, SeaBIOS and Linux rules)
  kconst.py      the kernel constants, read from the build (gen/asm-offsets.inc)
  matrix.py      tests/matrix.conf and tests/expect/*.expect
  shell.py       tests/shell/*.sh and the feeder that types them into the
                 shell over the serial port (matrix option shell=NAME)
  qemu.py        the QEMU command line and what an exit status means
  runner.py      boots, variant builds, the shim, jobs, time-outs, resets
  report.py      the per-config table, FAIL sections, "N passed, N failed"
  cli.py         tools/harness.py's command line: run() and main()
  tests/         unittest modules for all of the above (harness.py --selftest)

tools/harness.py is the entry point; tools/docquotes.py, tools/bench.py,
tests/gdb/*.py and tools/gdb/fenestra.py import what they share from here.
Python 3 standard library only.
"""

import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
