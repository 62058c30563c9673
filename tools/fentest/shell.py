# SPDX-License-Identifier: MIT
"""Scripted shell tests (matrix option shell=NAME, tests/README.md): the
script format of tests/shell/NAME.sh and the feeder that types it into the
guest's shell over the serial port.

How this works. A shell boot's QEMU runs with `-serial stdio` and both
ends piped to the harness: a reader thread copies every byte QEMU writes
to the serial log (as `-serial file:` would, unbuffered, so nothing is
lost if the harness dies) and to a buffer in memory; the feeder walks the
script's steps and writes to QEMU's stdin:

  - a plain line is typed, followed by "\\r" (the Enter key of a
    terminal), once the shell's prompt "$ " stands at the end of the output
    received since the previous send, at the start of a line: 16 bytes at a
    time, each piece once the echo of the ones before it has come back;
  - `#> wait REGEX` waits until REGEX matches (re.MULTILINE) the output
    received since the previous send, escape sequences and CRs removed;
  - `#> send TEXT` writes TEXT (C escapes: \\x03 is ^C) at once;
  - after the last step, ^D is sent at the next prompt unless the last
    line sent was an `exit` command; then the feeder waits for QEMU.

There is no time limit per step: a step waits until its condition holds,
QEMU exits or the boot's one time-out (a hang) ends it all, and the
failure names the step that was waiting. QEMU's 16550 takes bytes from
the pipe only while its receive FIFO has room (the rest waits in the
pipe), but a kernel may still drop what its own buffer cannot hold (this
one's 64-byte receive ring did, before the tty throttled the UART): hence
the echo pacing of typed lines, which needs a shell that echoes what it
reads, as a terminal's does. `#> send` text is written at once.

Where it differs from expect(1) / pexpect: no per-step time-outs, no
patterns on the prompt (it is fixed, "$ "), and the output is judged
afterwards from the serial log by the .expect file, not while feeding.
"""

import os
import re
import select
import subprocess
import threading
import time

from .logs import clean_line

PROMPT = b'$ '
ENTER = b'\r'
EOF_CHAR = b'\x04'

# The prompt at the end of the output, at a line start (or at the start of
# the output), with any escape sequences (a line editor's redraw) around it,
# followed by nothing but whole kernel log lines ("[    1.234567] ...": a
# printk that came after the prompt must not hide it).
_ESC = rb'(?:\x1b\[[0-9;?]*[ -/]*[@-~])*'
_KLINE = rb'(?:\r?\n)?\[\s*\d+\.\d+\] [^\r\n]*\r?\n'
_PROMPT_END_RE = re.compile(rb'(?:\A|(?<=[\r\n]))' + _ESC + rb'\$ ' + _ESC +
                            rb'(?:' + _KLINE + rb')*\Z')
_WINDOW = 8192      # how far back from the end the prompt is looked for
_EXIT_RE = re.compile(r'^\s*exit(\s+\S+)?\s*$')
_ESCAPES = {'n': '\n', 'r': '\r', 't': '\t', 'e': '\x1b', 'a': '\a', 'b': '\b',
            'f': '\f', 'v': '\v', '\\': '\\', '"': '"', "'": "'", '0': '\0'}


def c_unescape(text):
    """TEXT of `#> send TEXT` as bytes: \\n \\r \\t \\e \\a \\b \\f \\v \\\\ \\0,
    \\xHH (one or two hex digits) and \\NNN (octal) as in C; other text is
    UTF-8. Raises ValueError for a bad or dangling escape."""
    out = bytearray()
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != '\\':
            out += ch.encode('utf-8')
            i += 1
            continue
        if i + 1 >= len(text):
            raise ValueError('a lone "\\" at the end')
        e = text[i + 1]
        if e == 'x':
            m = re.match(r'[0-9A-Fa-f]{1,2}', text[i + 2:])
            if not m:
                raise ValueError('"\\x" without hex digits')
            out.append(int(m.group(0), 16))
            i += 2 + len(m.group(0))
        elif e in '01234567':
            m = re.match(r'[0-7]{1,3}', text[i + 1:])
            v = int(m.group(0), 8)
            if v > 0xff:
                raise ValueError('octal escape \\%s is more than a byte' % m.group(0))
            out.append(v)
            i += 1 + len(m.group(0))
        elif e in _ESCAPES:
            out += _ESCAPES[e].encode()
            i += 2
        else:
            raise ValueError('unknown escape "\\%s"' % e)
    return bytes(out)


class Step:
    """One step of a script: kind 'line' (text sent with Enter at a prompt),
    'wait' (regex), 'send' (bytes) or 'eof' (the closing ^D the feeder adds);
    lineno is the script line (0 for the added ^D)."""

    def __init__(self, kind, lineno, text, data=b'', rx=None):
        self.kind, self.lineno, self.text, self.data, self.rx = kind, lineno, text, data, rx

    def describe(self, script):
        where = '%s:%d' % (script, self.lineno) if self.lineno else script + ' (end)'
        if self.kind == 'line':
            return '%s %r' % (where, self.text)
        if self.kind == 'wait':
            return '%s "#> wait %s"' % (where, self.text)
        if self.kind == 'send':
            return '%s "#> send %s"' % (where, self.text)
        return '%s (the ^D the feeder sends when the script has no "exit")' % where


class ShellScript:
    """tests/shell/NAME.sh, parsed; raises ValueError naming file:line for a
    bad directive, escape or regex."""

    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.steps = []
        with open(path, encoding='utf-8') as f:
            text = f.read()
        for lineno, raw in enumerate(text.split('\n'), 1):
            line = raw[:-1] if raw.endswith('\r') else raw
            if not line.strip():
                continue
            stripped = line.lstrip()
            if stripped.startswith('#>'):
                self.steps.append(self._directive(stripped[2:], lineno))
            elif stripped.startswith('#'):
                continue
            else:
                self.steps.append(Step('line', lineno, line, line.encode('utf-8') + ENTER))
        lines = [s for s in self.steps if s.kind == 'line']
        self.ends_with_exit = bool(lines) and bool(_EXIT_RE.match(lines[-1].text))
        if not self.ends_with_exit:
            self.steps.append(Step('eof', 0, '^D', EOF_CHAR))

    def _directive(self, rest, lineno):
        where = '%s:%d' % (self.path, lineno)
        body = rest.lstrip()
        word = body.split(None, 1)[0] if body else ''
        arg = body[len(word):].lstrip()         # trailing spaces are the argument's
        if word == 'wait':
            if not arg:
                raise ValueError('%s: "#> wait" needs a regex' % where)
            try:
                rx = re.compile(arg, re.MULTILINE)
            except re.error as e:
                raise ValueError('%s: bad regex %r: %s' % (where, arg, e))
            return Step('wait', lineno, arg, rx=rx)
        if word == 'send':
            if not arg:
                raise ValueError('%s: "#> send" needs the text to send' % where)
            try:
                data = c_unescape(arg)
            except ValueError as e:
                raise ValueError('%s: "#> send %s": %s' % (where, arg, e))
            return Step('send', lineno, arg, data)
        raise ValueError('%s: unknown directive "#> %s" (wait REGEX or send TEXT)'
                         % (where, word))


def prompt_at_end(out, mark):
    """True if out (bytes) ends with the prompt "$ " at a line start, the
    "$" at or after offset mark (so the prompt came after the last send)."""
    start = max(0, len(out) - _WINDOW)
    m = _PROMPT_END_RE.search(out, start)
    if not m:
        return False
    return out.index(b'$', m.start()) >= mark


def clean_output(data):
    """Output as `#> wait` sees it: UTF-8, escape sequences, CRs and other
    control characters (not tabs or newlines) removed."""
    return clean_line(data.decode('utf-8', errors='replace'))


class FeedResult:
    """What the feeder did: sent = [(output offset, Step)] in order, the step
    that was waiting when feeding stopped (None once all was fed), why it
    stopped ('done', 'exited': QEMU ended first, 'timeout', 'error'), the
    output, QEMU's status (None if it had to be killed)."""

    def __init__(self):
        self.sent = []
        self.waiting = None
        self.stopped = ''
        self.error = ''
        self.output = b''
        self.status = None
        self.timed_out = False
        self.mark = 0
        self.phase = ''     # what the waiting step waited for: 'prompt', 'echo' or 'match'

    def step_at(self, offset):
        """The last step sent at or before output offset, or None."""
        found = None
        for off, step in self.sent:
            if off <= offset:
                found = step
        return found


class Feeder:
    """Feeds a ShellScript to a running process p (a subprocess.Popen with
    stdin and stdout pipes: QEMU with -serial stdio), copying its output to
    log (a binary file) and to feedlog (text, one line per step; may be None).
    run() returns a FeedResult once p has exited or timeout seconds passed
    (then p is killed)."""

    CHUNK = 16          # bytes per write: the 16550's receive FIFO

    def __init__(self, p, script, log, feedlog=None, timeout=180.0):
        self.p = p
        self.script = script
        self.log = log
        self.feedlog = feedlog
        self.timeout = timeout
        self.cond = threading.Condition()
        self.out = bytearray()
        self.eof = False
        self.start = time.monotonic()
        self.deadline = self.start + timeout
        self.res = FeedResult()

    def note(self, text):
        if self.feedlog:
            self.feedlog.write('[%7.2fs] %s\n' % (time.monotonic() - self.start, text))
            self.feedlog.flush()

    def _reader(self):
        fd = self.p.stdout.fileno()
        while True:
            try:
                data = os.read(fd, 4096)
            except OSError:
                data = b''
            if data:
                self.log.write(data)
                self.log.flush()
            with self.cond:
                if data:
                    self.out += data
                else:
                    self.eof = True
                self.cond.notify_all()
            if not data:
                return

    def _wait_for(self, pred):
        """Wait until pred(output) holds: 'ok', 'exited' or 'timeout'."""
        with self.cond:
            while True:
                if pred(self.out):
                    return 'ok'
                if self.eof:
                    return 'exited'
                left = self.deadline - time.monotonic()
                if left <= 0:
                    return 'timeout'
                self.cond.wait(min(left, 1.0))

    def _write(self, data):
        """All of data to QEMU's stdin, CHUNK bytes at a time: 'ok',
        'exited' (the pipe is closed) or 'timeout'."""
        fd = self.p.stdin.fileno()
        i = 0
        while i < len(data):
            left = self.deadline - time.monotonic()
            if left <= 0:
                return 'timeout'
            try:
                _, w, _ = select.select([], [fd], [], min(left, 1.0))
                if not w:
                    if self.eof:
                        return 'exited'
                    continue
                i += os.write(fd, data[i:i + self.CHUNK])
            except (BrokenPipeError, ConnectionResetError):
                return 'exited'
            except BlockingIOError:
                continue
        return 'ok'

    def _type(self, step, at):
        """Send a line CHUNK bytes at a time, each chunk after the shell has
        echoed the ones before it (at least as many bytes of output since at
        as were sent): the guest has then taken them from the UART, so even
        a kernel that drops input when its buffer is full loses none."""
        data = step.data
        for i in range(0, len(data), self.CHUNK):
            if i:
                self.res.phase = 'echo'
                outcome = self._wait_for(lambda out, n=i: len(out) - at >= n)
                if outcome != 'ok':
                    return outcome
            outcome = self._write(data[i:i + self.CHUNK])
            if outcome != 'ok':
                return outcome
        return 'ok'

    def run(self):
        res = self.res
        os.set_blocking(self.p.stdin.fileno(), False)
        reader = threading.Thread(target=self._reader, daemon=True)
        reader.start()
        name = os.path.basename(self.script.path)
        self.note('feeding %s (%d steps)' % (name, len(self.script.steps)))
        mark = 0
        outcome = 'ok'
        for step in self.script.steps:
            res.waiting = step
            res.phase = 'match' if step.kind == 'wait' else 'prompt'
            if step.kind in ('line', 'eof'):
                outcome = self._wait_for(lambda out, m=mark: prompt_at_end(out, m))
            elif step.kind == 'wait':
                outcome = self._wait_for(lambda out, m=mark, rx=step.rx:
                                         rx.search(clean_output(out[m:])) is not None)
            if outcome != 'ok':
                break
            if step.kind == 'wait':
                self.note('%s: matched' % step.describe(name))
                continue
            with self.cond:
                at = len(self.out)
            outcome = self._type(step, at) if step.kind == 'line' else self._write(step.data)
            if outcome != 'ok':
                break
            res.sent.append((at, step))
            mark = at
            self.note('%s: sent %r at output byte %d' % (step.describe(name), step.data, at))
        else:
            res.waiting = None
            outcome = 'done'
        res.mark = mark
        if outcome == 'done':
            self.note('all fed; waiting for QEMU to exit')
            outcome = self._wait_for(lambda out: False)
            outcome = 'done' if outcome == 'exited' else outcome
        elif outcome == 'exited' and res.waiting.kind == 'eof':
            # the shell ended before its closing ^D: nothing was left to feed
            self.note('QEMU exited before the closing ^D was needed')
            res.waiting = None
            outcome = 'done'
        elif outcome == 'exited':
            self.note('QEMU closed the serial port while waiting: %s'
                      % res.waiting.describe(name))
        if outcome == 'timeout':
            res.timed_out = True
            self.note('time-out after %.0fs: killing QEMU' % self.timeout)
            self.p.kill()
        res.stopped = outcome
        try:
            res.status = self.p.wait(timeout=max(5.0, self.deadline - time.monotonic()))
        except subprocess.TimeoutExpired:       # stdout closed, QEMU still there
            res.timed_out = True
            res.stopped = 'timeout'
            self.p.kill()
            res.status = self.p.wait()
        reader.join(10)
        for f in (self.p.stdin, self.p.stdout):
            try:
                f.close()
            except OSError:
                pass
        with self.cond:
            res.output = bytes(self.out)
        if res.timed_out:
            res.status = None
        self.note('QEMU exit status %s' % res.status)
        return res


def feed_problems(res, script_name):
    """Reasons a feed failed (empty when every step was fed): the step that
    was waiting and the last output it had seen since the previous send."""
    seen = res.output[res.mark:]
    shown = seen[-120:]
    last = 'last output since the previous send (%d bytes): %s%r' % (
        len(seen), '...' if len(seen) > len(shown) else '', shown.decode('utf-8', 'replace'))
    if res.waiting is None:
        if res.stopped != 'timeout':
            return []
        final = res.sent[-1][1].describe(script_name) if res.sent else script_name
        return ['shell: hang: every step was fed, the last %s, but QEMU did not exit '
                '(the shell did not end, or init or the kernel did not power off)\n%s'
                % (final, last)]
    what = res.waiting.describe(script_name)
    cond = {'prompt': 'the prompt "$ " to send',
            'echo': 'the echo of what it had typed of',
            'match': 'a match, for'}.get(res.phase, 'its turn to send')
    if res.stopped == 'timeout':
        head = 'shell: hang: the feeder was waiting for %s %s' % (cond, what)
    elif res.stopped == 'exited':
        head = 'shell: QEMU exited while the feeder was waiting for %s %s' % (cond, what)
    else:
        head = 'shell: feeding stopped (%s) at %s' % (res.stopped or 'error', what)
    return [head + '\n' + last]
