#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot with a wrong multiboot magic and check the kernel says so.

  python3 tests/gdb/magic.py --kernel build/kernel.elf --log build/test-logs/magic.log

No boot loader hands over a wrong magic on purpose, so this test makes one:
QEMU starts halted with its gdb stub, gdb stops at the kernel's entry point
(a hardware breakpoint: the loader copies the kernel in after reset), sets
EAX to a wrong value and lets the kernel run. The kernel must print its one
"must be started by a Multiboot (v1) boot loader" line naming both values
and exit with the failure status (35) -- not fault, not hang. Prints KTAP-
style result lines and ends with `N passed, M failed`.
"""

import argparse
import os
import re
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, free_port, wait_for_port  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, 'tools'))
from fentest.kconst import KernelConstError, exit_statuses  # noqa: E402
from fentest.qemu import qemu_command  # noqa: E402

WRONG = 0x12345678


def elf_entry(path):
    with open(path, 'rb') as f:
        head = f.read(28)
    if head[:4] != b'\x7fELF' or head[4] != 1:
        raise ValueError('%s is not a 32-bit ELF file' % path)
    return struct.unpack_from('<I', head, 24)[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--log', required=True, help='serial log path')
    ap.add_argument('--mem', default='128M')
    ap.add_argument('--cpu', default='qemu32')
    ap.add_argument('--qemu', default='qemu-system-i386')
    ap.add_argument('--gdb', default='gdb')
    ap.add_argument('--timeout', type=int, default=60)
    args = ap.parse_args()

    checks = []
    try:
        entry = elf_entry(args.kernel)
    except (OSError, ValueError) as e:
        print('not ok - setup: %s' % e)
        print('0 passed, 1 failed')
        return 1
    try:
        _, exit_failure = exit_statuses(os.path.dirname(os.path.abspath(args.kernel)))
    except KernelConstError as e:
        print('not ok - setup: %s' % e)
        print('0 passed, 1 failed')
        return 1
    port = free_port()
    cmd = qemu_command(args.qemu, args.mem, ['-kernel', args.kernel], args.log, cpu=args.cpu,
                       extra=['-S', '-gdb', 'tcp:127.0.0.1:%d' % port])
    with open(args.log + '.stderr', 'wb') as err:
        qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=err, stderr=err)
    try:
        if not wait_for_port(port, qemu, 20):
            print('not ok - setup: QEMU did not open its gdb port')
            print('0 passed, 1 failed')
            return 1
        gdb = subprocess.run(
            [args.gdb, '-nx', '-batch', '-ex', 'set architecture i386',
             '-ex', 'target remote 127.0.0.1:%d' % port,
             '-ex', 'hbreak *%#x' % entry, '-ex', 'continue',
             '-ex', 'printf "magic-from-loader=%x\\n", $eax',
             '-ex', 'set $eax = %#x' % WRONG, '-ex', 'detach'],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            timeout=args.timeout)
        out = gdb.stdout.decode(errors='replace')
        m = re.search(r'magic-from-loader=([0-9a-f]+)', out)
        checks.append(('the loader passes 0x2badb002 in EAX at the entry point %#x' % entry,
                       bool(m) and int(m.group(1), 16) == 0x2BADB002))
        status = qemu.wait(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        qemu.kill()
        qemu.wait()
        status = None
    with open(args.log, errors='replace') as f:
        log = f.read()
    want = 'EAX was 0x%x, expected 0x2badb002' % WRONG
    checks.append(('the kernel names the wrong magic ("%s")' % want,
                   'must be started by a Multiboot (v1) boot loader' in log and want in log))
    checks.append(('it stops with the failure status %d (got %s)' % (exit_failure, status),
                   status == exit_failure))
    checks.append(('no panic, no fault report', 'Kernel panic' not in log and '#PF' not in log))
    passed = sum(ok for _, ok in checks)
    for i, (what, ok) in enumerate(checks, 1):
        print('%s %d %s' % ('ok' if ok else 'not ok', i, what))
    print('%d passed, %d failed' % (passed, len(checks) - passed))
    return 0 if passed == len(checks) else 1


if __name__ == '__main__':
    sys.exit(main())
