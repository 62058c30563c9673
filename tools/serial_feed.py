#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run QEMU with its serial port on stdio when make's stdin is not a terminal.

  python3 tools/serial_feed.py -- qemu-system-i386 ... -serial chardev:con0
  python3 tools/serial_feed.py --selftest     # make test: against a fake guest

`make run` and `make shell` use this when their stdin is a file or a pipe
(`make run </dev/null`, `make shell < script.txt`, CI). A terminal is
handed to QEMU directly instead: QEMU puts it in raw mode and every key
goes to the guest as it is typed.

How this works: QEMU runs with a pipe as its stdin and another as its
stdout. Everything QEMU writes is copied to our stdout as it arrives.
Input is paced by the shell's prompt: each time the output ends with the
prompt "$ " at the start of a line (/bin/sh prints it when it is ready to
read a command), the next line of our stdin is sent, ending in CR as the
Enter key of a terminal in raw mode sends it;
once our stdin is exhausted, the next prompt gets ^D (0x04), which ends
the shell, so /init exits and the machine powers off with the leak
check. Nothing is sent before the first prompt, so bytes cannot be lost
while the kernel boots (the UART and the console tty do not exist yet),
and a program that needs no input (`make run DEMO=...`, the tour, the
old default /bin/usertests) simply runs to its end. The exit status is
QEMU's (33: the kernel reported success).

The input is read as tools/harness.py reads tests/shell/*.sh
(tests/shell/README.md), so `make shell < tests/shell/NAME.sh` replays a
test: lines starting with "#" are not sent, and two directives are obeyed:
"#> send TEXT" sends TEXT at once, without waiting for a prompt (C
escapes: \x03 is ^C, \x04 ^D, \r, \n), "#> wait REGEX" waits until
REGEX matches the output since the last thing sent.

Where it differs from typing: lines are sent only at a prompt, so a line
meant for a program that reads the console itself (not the shell) waits
for the next prompt (use "#> send"); and the echo of each line comes
back from the shell, not from a local terminal.

Standard library only.
"""

import os
import queue
import re
import select
import signal
import subprocess
import sys
import threading

PROMPT = re.compile(rb'(?:\A|\n)\$ \Z')
EOT = b'\x04'
MAX_EOT = 3     # ^D at this many prompts, then stop sending


def reader(stream, q):
    """Lines of our stdin into q, then None at end of input."""
    try:
        for line in iter(stream.readline, b''):
            q.put(line.rstrip(b'\r\n'))
    except (OSError, ValueError):
        pass
    q.put(None)


def _die_with_parent():
    """In the child: SIGKILL when this feeder dies (killed on a timeout, say),
    so that QEMU never outlives it (Linux's PR_SET_PDEATHSIG)."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def step_of(line):
    """What one input line asks for: ('line', bytes) sent at a prompt,
    ('send', bytes) at once, ('wait', regex), or None (a comment)."""
    if line.startswith(b'#>'):
        verb, _, arg = line[2:].strip().partition(b' ')
        if verb == b'send':
            return 'send', arg.decode('latin-1').encode('latin-1').decode(
                'unicode_escape').encode('latin-1')
        if verb == b'wait':
            return 'wait', re.compile(arg)
        sys.stderr.write('serial_feed: ignoring unknown directive: %s\n'
                         % line.decode(errors='replace'))
        return None
    if line.startswith(b'#'):
        return None
    # Enter on a terminal in raw mode sends CR (the shell reads raw)
    return 'line', line + b'\r'


# --selftest: a fake "guest" that prints a banner, then a prompt per
# command, logs every byte it gets with the prompt count at that moment,
# and exits 33 on ^D at an empty line.
_FAKE = r'''
import os, sys
out = sys.stdout.buffer
out.write(b'booting\r\n'); out.flush()
prompts, line, log = 0, b'', []
while True:
    if not line:
        prompts += 1
        out.write(b'\r\n$ '); out.flush()
    c = os.read(0, 1)
    if not c:
        sys.exit(3)
    log.append('%d:%r' % (prompts, c))
    if c == b'\x04' and not line:
        out.write(('\r\nlog ' + ' '.join(log) + '\r\n').encode()); out.flush()
        sys.exit(33)
    if c == b'\r':
        out.write(b'\r\nran ' + line); out.flush()
        line = b''
    else:
        line += c
'''


def selftest():
    def feed(script):
        try:
            p = subprocess.run([sys.executable, os.path.abspath(__file__), '--',
                                sys.executable, '-c', _FAKE], input=script,
                               stdout=subprocess.PIPE, timeout=30)
        except subprocess.TimeoutExpired as e:
            return None, (e.stdout or b'').decode(errors='replace')
        return p.returncode, p.stdout.decode(errors='replace')
    checks = []
    rc, out = feed(b'ab\n# not sent\ncd\r\n')
    checks.append(('the guest\'s status is the exit status (^D at the end)', rc == 33))
    checks.append(('one line per prompt, CR-terminated, comments not sent, ^D at the '
                   'third prompt', "1:b'a' 1:b'b' 1:b'\\r' 2:b'c' 2:b'd' 2:b'\\r' 3:b'\\x04'"
                   in out and 'not sent' not in out))
    rc, out = feed(b'')
    checks.append(('empty stdin: only ^D, at the first prompt', rc == 33 and
                   "log 1:b'\\x04'" in out))
    rc, out = feed(b'x\n#> wait ran x\n#> send y\\r\n')
    checks.append(('#> wait, then #> send with C escapes, then ^D', rc == 33 and
                   "1:b'x' 1:b'\\r' 2:b'y' 2:b'\\r' 3:b'\\x04'" in out))
    failed = 0
    for i, (what, ok) in enumerate(checks, 1):
        print('%s %d %s' % ('ok' if ok else 'not ok', i, what))
        failed += not ok
    print('serial_feed selftest: %s' % ('all checks passed' if not failed
                                       else '%d of %d failed' % (failed, len(checks))))
    return 1 if failed else 0


def main(argv):
    if argv == ['--selftest']:
        return selftest()
    if '--' in argv:
        argv = argv[argv.index('--') + 1:]
    if not argv:
        print('usage: serial_feed.py -- QEMU ARGS...', file=sys.stderr)
        return 2
    try:
        qemu = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0,
                                preexec_fn=_die_with_parent)
    except OSError as e:
        print('serial_feed: cannot run %s: %s' % (argv[0], e), file=sys.stderr)
        return 1
    lines = queue.Queue()
    threading.Thread(target=reader, args=(sys.stdin.buffer, lines), daemon=True).start()
    out = sys.stdout.buffer
    since = b''         # output since the last thing sent (the last 64 KiB)
    step = None
    eots = 0
    fd = qemu.stdout.fileno()
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                data = os.read(fd, 4096)
                if not data:
                    break
                out.write(data)
                out.flush()
                since = (since + data)[-65536:]
            if step is None and eots < MAX_EOT:
                try:
                    line = lines.get_nowait()
                except queue.Empty:
                    continue
                step = ('eot', EOT) if line is None else step_of(line)
                if line is None:
                    lines.put(None)     # the end stays the end
            if step is None:
                continue
            kind, arg = step
            if kind == 'wait':
                if arg.search(since.replace(b'\r', b'')):
                    step = None
                continue
            if kind in ('line', 'eot') and not PROMPT.search(since[-256:].replace(b'\r', b'')):
                continue
            eots += kind == 'eot'
            try:
                qemu.stdin.write(arg)
                qemu.stdin.flush()
            except (BrokenPipeError, OSError):
                pass
            since = b''
            step = None
    except KeyboardInterrupt:
        qemu.send_signal(signal.SIGINT)
    finally:
        try:
            qemu.stdin.close()
        except OSError:
            pass
    return qemu.wait()


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
