#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run the gdb checks (tests/gdb/session.py) against a live QEMU.

  python3 tests/gdb/run.py --kernel build/kernel.elf --mem 4G --cpu qemu32 \
          --log build/test-logs/gdb.log

Starts QEMU halted at reset (-S) with its gdb stub on a free TCP port,
the initramfs beside the kernel (as `make debug` boots it) and the command
line "tour rdinit=/init -- /bin/showmaps" (the tour, then one user process
that prints its maps and forks), attaches `gdb -batch` with the kernel's
symbols and tools/gdb/fenestra.py, runs session.py, and prints its result
lines, ending with `N passed, M failed`. The serial log is LOG, gdb's
whole output LOG.gdb, QEMU's stderr LOG.stderr. Exit status 0 iff all
checks passed. tools/harness.py runs it twice, for build/ and build-pae/.
"""

import argparse
import os
import re
import shlex
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tools'))

from fentest.qemu import qemu_command  # noqa: E402


# session.py's stops 1-3 are in the tour; stops 4 and 5 in the showmaps processes.
CMDLINE = 'tour rdinit=/init -- /bin/showmaps'


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def wait_for_port(port, proc, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(('127.0.0.1', port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--mem', default='4G')
    ap.add_argument('--cpu', default='qemu32')
    ap.add_argument('--machine', default='pc')
    ap.add_argument('--log', required=True, help='serial log path')
    ap.add_argument('--qemu', default='qemu-system-i386')
    ap.add_argument('--gdb', default='gdb')
    ap.add_argument('--timeout', type=int, default=120)
    ap.add_argument('--verbose', action='store_true', help='show every command output')
    args = ap.parse_args()

    for suffix in ('', '.gdb', '.stderr'):
        try:
            os.unlink(args.log + suffix)
        except OSError:
            pass
    os.makedirs(os.path.dirname(os.path.abspath(args.log)), exist_ok=True)
    if not os.path.isfile(args.kernel):
        print('not ok - setup: %s does not exist' % args.kernel)
        print('0 passed, 1 failed')
        return 1

    initrd = os.path.join(os.path.dirname(args.kernel), 'initramfs.cpio')
    if not os.path.isfile(initrd):
        print('not ok - setup: %s does not exist (make kernel builds it)' % initrd)
        print('0 passed, 1 failed')
        return 1
    qemu = gdb_proc = None
    for attempt in range(3):
        port = free_port()
        cmd = qemu_command(args.qemu, args.mem, ['-kernel', args.kernel, '-initrd', initrd,
                                                 '-append', CMDLINE],
                           args.log, machine=args.machine, cpu=args.cpu,
                           extra=['-S', '-gdb', 'tcp:127.0.0.1:%d' % port])
        with open(args.log + '.stderr', 'ab') as err:
            err.write(('$ %s\n' % ' '.join(shlex.quote(a) for a in cmd)).encode())
            err.flush()
            qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=err, stderr=err)
        if wait_for_port(port, qemu, 10):
            break
        qemu.kill()
        qemu.wait()
        qemu = None
    if qemu is None:
        print('not ok - setup: QEMU did not open its gdb port (%s.stderr)' % args.log)
        print('0 passed, 1 failed')
        return 1

    gdb_cmd = [args.gdb, '-batch', '-nx',
               '-ex', 'set pagination off', '-ex', 'set confirm off',
               '-ex', 'file %s' % args.kernel,
               '-ex', 'source %s' % os.path.join(ROOT, 'tools', 'gdb', 'fenestra.py'),
               '-ex', 'target remote 127.0.0.1:%d' % port,
               '-x', os.path.join(ROOT, 'tests', 'gdb', 'session.py'),
               '-ex', 'kill']
    env = dict(os.environ, FEN_SERIAL_LOG=os.path.abspath(args.log),
               FEN_USER_BIN=os.path.abspath(os.path.join(os.path.dirname(args.kernel),
                                                         'user', 'bin')))
    if args.verbose:
        env['FEN_GDB_VERBOSE'] = '1'
    out = ''
    try:
        gdb_proc = subprocess.run(gdb_cmd, env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  timeout=args.timeout)
        out = gdb_proc.stdout.decode('utf-8', errors='replace')
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('utf-8', errors='replace')
        out += '\nnot ok - session: gdb timed out after %ds\n' % args.timeout
    except OSError as e:
        out = 'not ok - setup: cannot run %s: %s\n' % (args.gdb, e)
    finally:
        if qemu.poll() is None:
            qemu.kill()
        qemu.wait()
    with open(args.log + '.gdb', 'w') as f:
        f.write('$ %s\n%s' % (' '.join(shlex.quote(a) for a in gdb_cmd), out))

    lines = [l for l in out.splitlines() if re.match(r'^(not )?ok - |^    # ', l)]
    passed = sum(1 for l in lines if l.startswith('ok - '))
    failed = sum(1 for l in lines if l.startswith('not ok - '))
    if not re.search(r'^gdb-session: \d+ passed', out, re.M):
        failed += 1
        lines.append('not ok - session: gdb ended without a summary (see %s.gdb)' % args.log)
        lines += ['    # ' + l for l in out.splitlines()[-10:]]
    for l in lines:
        print(l)
    print('%d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 and passed else 1


if __name__ == '__main__':
    sys.exit(main())
