#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A stand-in for `qemu-system-i386 ... -serial stdio` booting the shell,
for test_shell.py: it prints a few boot lines, then behaves like /bin/sh in
raw mode on the serial port (prompt "$ ", echo, DEL erases, Enter is "\\r",
^C, ^D on an empty line ends it) and exits with QEMU's status for the
kernel's verdict: 33 when the shell ended with status 0.

Its arguments are QEMU's and ignored. Commands:
  echo WORDS   prints WORDS ($? is the last status)
  exit [N]     ends with status 33 (N = 0) or 35
  spin         prints "spinning" and reads until ^C: "Interrupt", $? = 130
  split        the next prompt arrives in two writes, "$" then " "
  fakeprompt   prints "x$ " without a newline, pauses, then a newline
  big          prints 3000 numbered lines in one go
  lossy        from now on reads as a kernel with a 20-byte input buffer that
               drops what does not fit: pauses, then keeps 20 bytes of a read
  hang         prints "hanging" and never reads again
  stuck        from now on ^D does not end it (a tty without VEOF)
  die          exits 1 at once (a QEMU error), no prompt
If a byte is already waiting when a prompt is about to be printed, it prints
"TYPEAHEAD" first: the feeder sent before the prompt.
"""

import os
import select
import sys
import time


def out(text):
    data = text.encode() if isinstance(text, str) else text
    while data:
        n = os.write(1, data)
        data = data[n:]


LOSSY = [False]
STUCK = [False]
PENDING = bytearray()


def getc():
    if LOSSY[0] and not PENDING:
        time.sleep(0.05)
        PENDING.extend(os.read(0, 4096)[:20])
        if not PENDING:
            sys.exit(36)
    if PENDING:
        return bytes([PENDING.pop(0)])
    b = os.read(0, 1)
    if not b:
        sys.exit(36)            # stdin closed: the feeder went away
    return b


def main():
    out('[    0.000000] Fenestra version fake\r\n[    0.100000] Fenestra: boot complete\r\n')
    out('init: Fenestra user space, pid 1\r\n')
    status = 0
    split = False
    while True:
        if PENDING or select.select([0], [], [], 0.05)[0]:
            out('TYPEAHEAD\r\n')
        if split:
            out('$')
            time.sleep(0.2)
            out(' ')
            split = False
        else:
            out('$ ')
        line = b''
        while True:
            c = getc()
            if c in (b'\r', b'\n'):
                out('\r\n')
                break
            if c == b'\x04' and not line and not STUCK[0]:
                out('\r\n')
                sys.exit(33 if status == 0 else 35)
            if c == b'\x03':
                out('^C\r\n')
                line = None
                break
            if c == b'\x7f':
                if line:
                    line = line[:-1]
                    out('\b \b')
                continue
            line += c
            out(c)
        if line is None:
            status = 130
            continue
        words = line.decode().split()
        cmd = words[0] if words else ''
        if cmd == 'echo':
            out(' '.join(words[1:]).replace('$?', str(status)) + '\r\n')
            status = 0
        elif cmd == 'exit':
            sys.exit(33 if (int(words[1]) if len(words) > 1 else status) == 0 else 35)
        elif cmd == 'spin':
            out('spinning\r\n')
            while getc() != b'\x03':
                pass
            out('^C\r\nInterrupt\r\n')
            status = 130
        elif cmd == 'split':
            split = True
            status = 0
        elif cmd == 'fakeprompt':
            out('x$ ')
            time.sleep(0.3)
            out('\r\n')
            status = 0
        elif cmd == 'big':
            out(''.join('line %d of big\r\n' % i for i in range(3000)))
            status = 0
        elif cmd == 'lossy':
            LOSSY[0] = True
            status = 0
        elif cmd == 'stuck':
            STUCK[0] = True
            status = 0
        elif cmd == 'hang':
            out('hanging\r\n')
            time.sleep(3600)
        elif cmd == 'die':
            sys.exit(1)
        elif cmd:
            out('sh: %s: not found\r\n' % cmd)
            status = 127


if __name__ == '__main__':
    main()
