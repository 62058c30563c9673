#!/usr/bin/env python3
"""Docs that stay true: check every quoted log line in docs/*.md and
README.md against a fresh boot of the command the doc says produces it.

A code block (fenced, or indented four spaces) is a quote when the line
above it (a blank line may sit between) is a marker naming the command:

    <!-- quote: make run -->
    <!-- quote: make run MEM=1G CMDLINE="ktest=buddy" -->
    <!-- quote: make run PAE=1 MEM=8G CPU=qemu32,+pse36 -->
    <!-- quote: make run DEMO="memhog 64" -->
    <!-- quote: qemu-system-i386 -m 4G -icount shift=0,align=off,sleep=off -kernel build/kernel.elf -append bench -->
    <!-- quote: make debug at gdb_checkpoint("kmap") -->
    <!-- quote: make layout -->

`make run` takes the Makefile's boot options (MEM, CPU, MACHINE, CMDLINE,
PAE, VMSPLIT, INITRD, DEMO, SHELL, SMP) with the Makefile's defaults (-m 4G, pc,
qemu32, or qemu32,+pse36,+nx with PAE=1, command line "tour"; the command
line is composed as the Makefile's RUN_CMDLINE composes it: CMDLINE if
given, else "tour" unless SHELL=1 or DEMO= is given, then DEMO="PROG ARGS"
appends `-- /bin/PROG ARGS`, or `-- PROG ARGS` when PROG has a '/';
`make shell` is `make run SHELL=1`), and, as the Makefile
does, -initrd <build>/initramfs.cpio of the same build: /init runs after
the boot, its serial console fed as `make run </dev/null` feeds it,
through tools/serial_feed.py: the shell gets ^D at its first prompt and
the boot ends; `INITRD=` boots without one); a qemu-system-i386 line is read
for -M, -m, -cpu, -smp, -icount, -append, the build directory of -kernel and
-initrd (which must be that build's initramfs.cpio). Every non-blank line of the block must then appear in that boot's
serial log (timestamps stripped, leading and trailing blanks ignored, in
any order). Two marks stand for what the chapter treats as variable:
`...` inside a line matches any text (`Fenestra version 0.1 (...) 32-bit`),
and a line that is only `...` marks lines left out; `~` before a number
(`~153K kernel code`, `@ ~0xc014ac00`) matches any number there, for
values that move whenever the code changes (sizes, symbol offsets,
addresses in the kernel image), and the blanks written before it match
any run of blanks (a right-aligned column, as in /proc/interrupts, whose
number gains a digit). Everything else must be exact.

A block of a boot with the initramfs may be a shell session: its lines
`$ COMMAND` are what is typed, one at each "$ " prompt of the shell, as
`make shell < FILE` types FILE (tools/serial_feed.py; ^D after the last
one), and the other lines are checked as above:

    <!-- quote: make shell MEM=128M -->
        $ free
        Low:         127544          216       127328

`make debug [VARS] at FUNCTION` or `at gdb_checkpoint("WHAT")`: the block
is a gdb transcript. Lines `(gdb) CMD` are run in gdb (stopped there, the
kernel booted as make debug boots it, command line "tour"); the lines
after each must appear in that command's output. All blocks of one boot
share one gdb session, which stops at each place once, in the order the
boot reaches them (not the order the docs name them). `make layout`: the lines
must appear in what tools/layout.py prints for the `make run` boot.

Blocks marked `<!-- illustrative -->` (pictures, formulas, made-up
examples; text may follow the word) are not checked. Blocks whose every
line is a command to type (make, qemu-system-i386, python3, grep, gdb, (gdb)) need
no marker. Any other unmarked block is an error: it might be a quote
nobody checks.

Boots with the same command are shared, and a command that equals a line
of tests/matrix.conf reuses that boot's log. tools/harness.py calls
run_in_harness() after its boots (each block is one test); run alone:

    python3 tools/docquotes.py [--build build] [--jobs N] [FILE.md ...]
    python3 tools/docquotes.py --selftest
"""

import argparse
import concurrent.futures
import difflib
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fentest.logs import log_lines, read_text  # noqa: E402
from fentest.qemu import qemu_command  # noqa: E402
from fentest.runner import variant_build_dir  # noqa: E402

DOCS = ['README.md'] + ['docs/' + f for f in sorted(os.listdir(os.path.join(ROOT, 'docs')))
                        if f.endswith('.md')] if os.path.isdir(os.path.join(ROOT, 'docs')) else []

_MARK_RE = re.compile(r'^\s*<!--\s*(quote|illustrative)\b:?\s*(.*?)\s*-->\s*$')
_FENCE_RE = re.compile(r'^\s*(```|~~~)')
_COMMAND_WORDS = ('make', 'qemu-system-i386', 'python3', 'grep', 'gdb', 'sh', '(gdb)')
ICOUNT = 'shift=0,align=off,sleep=off'


# ---------------------------------------------------------------------------
# Reading the docs

class Block:
    def __init__(self, path, start, lines, kind, command, mark_line):
        self.path = path            # as shown: docs/07-buddy.md
        self.start = start          # line number of the block's first line
        self.lines = lines          # [(line number, text)] without the block indent
        self.kind = kind            # 'quote', 'illustrative', 'commands', None (unmarked)
        self.command = command      # the text after "quote:"
        self.mark_line = mark_line  # line number of the marker, or None
        self.source = None          # a Source, for quotes
        self.error = None           # a bad command


def _is_command_block(lines):
    cont = False
    for _, text in lines:
        t = text.strip()
        if not t:
            continue
        if not cont and t.split()[0] not in _COMMAND_WORDS:
            return False
        cont = t.endswith('\\')
    return True


def typed_lines(lines):
    """The commands of a session block: its "$ COMMAND" lines, in order."""
    return tuple(t.strip()[2:].strip() for _, t in lines
                 if t.strip().startswith('$ ') and t.strip()[2:].strip())


def parse_doc(path, text):
    """The code blocks of one markdown file, each with its marker."""
    raw = text.split('\n')
    blocks = []
    i = 0
    prev_blank = True

    def marker_before(j):
        # the line right above, or the one above a blank line
        for k in (j - 1, j - 2):
            if k < 0:
                return None
            m = _MARK_RE.match(raw[k])
            if m:
                return k, m
            if raw[k].strip():
                return None
        return None

    while i < len(raw):
        line = raw[i]
        m = _FENCE_RE.match(line)
        if m:
            fence = m.group(1)
            start = i
            body = []
            i += 1
            while i < len(raw) and not raw[i].strip().startswith(fence):
                body.append((i + 1, raw[i]))
                i += 1
            i += 1
            blocks.append((start, body))
            prev_blank = False
            continue
        if prev_blank and line.startswith('    ') and line.strip():
            start = i
            body = []
            while i < len(raw) and (raw[i].startswith('    ') or not raw[i].strip()):
                body.append((i + 1, raw[i][4:]))
                i += 1
            while body and not body[-1][1].strip():
                body.pop()
            blocks.append((start, body))
            prev_blank = True
            continue
        prev_blank = not line.strip() or bool(_MARK_RE.match(line))
        i += 1

    out = []
    for start, body in blocks:
        mk = marker_before(start)
        if mk:
            k, m = mk
            kind, command = m.group(1), m.group(2)
            b = Block(path, start + 1, body, kind, command, k + 1)
        else:
            b = Block(path, start + 1, body, 'commands' if _is_command_block(body) else None,
                      '', None)
        if b.kind == 'quote':
            try:
                b.source = parse_command(b.command)
                typed = typed_lines(body)
                if typed and b.source.kind == 'boot':
                    if not b.source.initrd:
                        raise ValueError('"$ " lines are typed to the shell, but this boot '
                                         'has no initramfs (INITRD=)')
                    b.source.typed = typed
            except ValueError as e:
                b.error = str(e)
        out.append(b)
    return out


# ---------------------------------------------------------------------------
# Commands -> boots

class Source:
    """What produces a block's lines: a boot (kind 'boot'), a gdb session
    stopped somewhere in a boot ('gdb'), or layout.py run on a boot ('layout')."""

    def __init__(self, kind, machine, mem, cpu, cmdline, make_vars, icount=False, stop=None,
                 initrd=False, typed=(), smp=''):
        self.kind = kind
        self.machine, self.mem, self.cpu, self.cmdline = machine, mem, cpu, cmdline
        self.make_vars = tuple(sorted(make_vars))
        self.icount = icount
        self.stop = stop            # (function, what or None) for gdb
        self.initrd = initrd        # -initrd <build>/initramfs.cpio, as make run passes it
        self.typed = tuple(typed)   # lines typed at the shell's prompts (a block's "$ " lines)
        self.smp = smp              # QEMU -smp (make run SMP=N), '' for one CPU

    def boot_key(self):
        return (self.machine, _mem_bytes(self.mem), self.cpu, ' '.join(self.cmdline.split()),
                self.make_vars, self.icount, self.initrd, self.typed, self.smp)

    def describe(self):
        vars_ = ' '.join(self.make_vars)
        return '-M %s -m %s -cpu %s%s%s%s%s -append "%s"%s' % (
            self.machine, self.mem, self.cpu, ' -smp ' + self.smp if self.smp else '',
            ' ' + vars_ if vars_ else '',
            ' -icount ' + ICOUNT if self.icount else '',
            ' -initrd initramfs.cpio' if self.initrd else '', self.cmdline,
            ', typed: ' + '; '.join(self.typed) if self.typed else '')


def _mem_bytes(text):
    m = re.match(r'^(\d+(?:\.\d+)?)([kKmMgGtT]?)[bB]?$', text)
    if not m:
        raise ValueError('bad memory size %r' % text)
    return int(float(m.group(1)) * (1 << {'': 20, 'k': 10, 'm': 20, 'g': 30, 't': 40}
                                    [m.group(2).lower()]))


def _make_vars(pae, vmsplit):
    mv = []
    if pae not in ('0', ''):
        if pae != '1':
            raise ValueError('PAE=%s: say PAE=1 or PAE=0' % pae)
        mv.append('PAE=1')
    if vmsplit not in ('3G', ''):
        if vmsplit not in ('2G', '1G'):
            raise ValueError('VMSPLIT=%s is not one of 3G, 2G, 1G' % vmsplit)
        mv.append('VMSPLIT=' + vmsplit)
    return mv


def run_cmdline(cmdline, demo='', shell=''):
    """The kernel command line make run passes: the Makefile's RUN_CMDLINE.

    RUN_TOUR is "tour" (the tour is built into every build a quote boots)
    unless SHELL=1 (anything but 0) or DEMO= asks for user space at once;
    RUN_DEMO is `-- /bin/PROG ARGS` (`-- PROG ARGS` if PROG has a '/');
    RUN_CMDLINE is CMDLINE (else RUN_TOUR), then RUN_DEMO, $(strip)ped.
    """
    demo_words = demo.split()
    tour = '' if (shell.strip() not in ('', '0') or demo_words) else 'tour'
    run_demo = ''
    if demo_words:
        run_demo = '-- ' + ('' if '/' in demo_words[0] else '/bin/') + ' '.join(demo_words)
    return ' '.join((' '.join(cmdline.split()) if cmdline.strip() else tour).split()
                    + run_demo.split())


def parse_command(text):
    """A marker's command -> Source. Raises ValueError naming what is wrong."""
    stop_text = None
    m = re.match(r'^(make\s+debug\b.*?)\s+at\s+(\S+)\s*$', text)
    if m:
        text, stop_text = m.group(1), m.group(2)
    try:
        words = shlex.split(text)
    except ValueError as e:
        raise ValueError('cannot split %r: %s' % (text, e))
    if not words:
        raise ValueError('"quote:" names no command')
    if words[0] == 'make' and len(words) > 1 and words[1] in ('run', 'shell', 'debug', 'layout'):
        target = words[1]
        rest = words[2:]
        if target == 'shell':           # the Makefile: shell: RUN_SHELL := 1
            target, rest = 'run', rest + ['SHELL=1']
        stop = None
        if target == 'debug':
            if not stop_text:
                raise ValueError('make debug needs "at FUNCTION" or \'at gdb_checkpoint("WHAT")\' '
                                 'last: where gdb stops before the commands run')
            loc = stop_text
            m = re.fullmatch(r'([A-Za-z_]\w*)(?:\("([^"]*)"\))?', loc)
            if not m:
                raise ValueError('bad stop %r' % loc)
            stop = (m.group(1), m.group(2))
        v = {'MEM': '4G', 'MACHINE': 'pc', 'CPU': None, 'CMDLINE': '', 'PAE': '0',
             'VMSPLIT': '3G', 'INITRD': None, 'DEMO': '', 'SHELL': '', 'SMP': ''}
        for w in rest:
            key, eq, val = w.partition('=')
            if not eq or key not in v:
                raise ValueError('make %s: unknown argument %r (MEM=, CPU=, MACHINE=, CMDLINE=, '
                                 'PAE=, VMSPLIT=, INITRD=, DEMO=, SHELL=, SMP=)' % (target, w))
            v[key] = val
        if v['INITRD'] not in (None, ''):
            raise ValueError('make %s: INITRD=%s: a quote boots the build\'s own initramfs '
                             '(no INITRD=) or none (INITRD=)' % (target, v['INITRD']))
        mv = _make_vars(v['PAE'], v['VMSPLIT'])
        cpu = v['CPU'] or ('qemu32,+pse36,+nx' if 'PAE=1' in mv else 'qemu32')
        cmdline = run_cmdline(v['CMDLINE'], v['DEMO'], v['SHELL'])
        if target == 'debug' and (v['CMDLINE'] or v['DEMO'].strip() or v['SHELL'] not in ('', '0')):
            raise ValueError('make debug: the gdb quotes boot with "tour" only')
        _mem_bytes(v['MEM'])
        kind = {'run': 'boot', 'debug': 'gdb', 'layout': 'layout'}[target]
        if v['SMP'] and not re.fullmatch(r'[1-9]\d*', v['SMP']):
            raise ValueError('make %s: SMP=%s: a number of CPUs' % (target, v['SMP']))
        return Source(kind, v['MACHINE'], v['MEM'], cpu, cmdline, mv, stop=stop,
                      initrd=v['INITRD'] is None, smp=v['SMP'])
    if words[0] == 'qemu-system-i386':
        machine, mem, cpu, cmdline, icount, kernel = 'pc', '128M', 'qemu32', '', False, None
        initrd, smp = None, ''
        it = iter(words[1:])
        for w in it:
            if w in ('-M', '-machine'):
                machine = next(it, 'pc')
            elif w == '-m':
                mem = next(it, '128M')
            elif w == '-cpu':
                cpu = next(it, 'qemu32')
            elif w == '-append':
                cmdline = next(it, '')
            elif w == '-kernel':
                kernel = next(it, '')
            elif w == '-initrd':
                initrd = next(it, '')
            elif w == '-smp':
                smp = next(it, '')
                if not re.fullmatch(r'[1-9]\d*', smp):
                    raise ValueError('-smp: only a number of CPUs is supported')
            elif w == '-icount':
                if next(it, '') != ICOUNT:
                    raise ValueError('-icount: only %s is supported' % ICOUNT)
                icount = True
            elif w in ('-serial', '-display', '-accel', '-monitor', '-device'):
                next(it, None)
            elif w in ('-no-reboot',):
                pass
            else:
                raise ValueError('qemu-system-i386: option %r not supported in a quote' % w)
        m = re.fullmatch(r'build(-pae)?(?:-vmsplit([12]G))?/kernel\.elf', kernel or '')
        if not m:
            raise ValueError('-kernel must be build[-pae][-vmsplitNG]/kernel.elf')
        if initrd is not None and initrd != kernel[:-len('kernel.elf')] + 'initramfs.cpio':
            raise ValueError('-initrd must be the initramfs.cpio beside -kernel (%sinitramfs.cpio)'
                             % kernel[:-len('kernel.elf')])
        mv = _make_vars('1' if m.group(1) else '0', m.group(2) or '3G')
        _mem_bytes(mem)
        return Source('boot', machine, mem, cpu, cmdline, mv, icount=icount,
                      initrd=initrd is not None, smp=smp)
    raise ValueError('a quote command is "make run ...", "make shell ...", "make debug ... at ...", '
                     '"make layout ..." or "qemu-system-i386 ...", not %r' % text)


# ---------------------------------------------------------------------------
# Matching


def normalise_log(text):
    """Serial log text -> lines without timestamps, CRs or escapes, stripped."""
    return [l.strip() for l in log_lines(text)]


_VARNUM_RE = re.compile(r'~(?:0x[0-9a-fA-F]+|[0-9][0-9.,]*)')


def _literal(piece):
    """Escape @piece, but let each ~NUMBER match any number (blanks before it too).

    The blanks written before a ~NUMBER match any run of one or more: a
    right-aligned column (/proc/interrupts, zoneinfo) keeps matching when
    its number gains a digit and the padding loses one."""
    out, pos = [], 0
    for m in _VARNUM_RE.finditer(piece):
        text = piece[pos:m.start()]
        lead = text.rstrip(' ')
        out.append(re.escape(lead))
        out.append((r' +' if len(lead) < len(text) else r' *') + r'(?:0x[0-9a-fA-F]+|[0-9][0-9.,]*)')
        pos = m.end()
    out.append(re.escape(piece[pos:]))
    return ''.join(out)


def is_variable(text):
    return '...' in text or bool(_VARNUM_RE.search(text))


def line_pattern(text):
    """A quoted line -> compiled regex: `...` matches anything, `~NUMBER` any number."""
    parts = [_literal(p) for p in text.strip().split('...')]
    return re.compile('.*'.join(parts) + r'\Z')


def closest(text, lines):
    """The log line most like @text (for failure messages)."""
    want = _VARNUM_RE.sub(lambda m: m.group(0)[1:], text.strip()).replace('...', '')
    best, score = None, 0.0
    sm = difflib.SequenceMatcher(autojunk=False)
    sm.set_seq2(want)
    for l in set(lines):
        sm.set_seq1(l)
        if sm.real_quick_ratio() <= score or sm.quick_ratio() <= score:
            continue
        r = sm.ratio()
        if r > score:
            best, score = l, r
    return best


def check_lines(expected, lines):
    """expected: [(lineno, text)]; lines: normalised log lines.
    Return: [(lineno, text, closest line or None)] for lines never seen."""
    missing = []
    pool = set(lines)
    for lineno, text in expected:
        t = text.strip()
        if not t or t == '...':
            continue
        if not is_variable(t):
            if t in pool:
                continue
        else:
            rx = line_pattern(t)
            if any(rx.match(l) for l in lines):
                continue
        missing.append((lineno, t, closest(t, lines)))
    return missing


def gdb_sections(block):
    """A gdb block -> [(command, [(lineno, expected line)])]."""
    out = []
    for lineno, text in block.lines:
        t = text.strip()
        if t.startswith('(gdb) '):
            out.append((t[len('(gdb) '):].strip(), []))
        elif out:
            out[-1][1].append((lineno, text))
        elif t:
            out.append((None, [(lineno, text)]))
    return out


# ---------------------------------------------------------------------------
# Running boots

class Boots:
    """Serial logs for Sources: the matrix's where a line matches, else a boot
    of our own (build/test-logs/docs-<hash>.log), each command once."""

    def __init__(self, build, logdir, qemu='qemu-system-i386', timeout=120, jobs=1,
                 matrix_logs=None, runner=None):
        self.build, self.logdir, self.qemu = build, logdir, qemu
        self.timeout, self.jobs = timeout, jobs
        self.matrix_logs = matrix_logs or {}    # boot_key -> (name, log path)
        self.runner = runner                    # harness Runner (process tracking)
        self.built = {(): None}                 # make vars -> build problem or None
        self.build_lock = threading.Lock()
        self.logs = {}                          # boot_key -> (label, path, problem)
        self.gdb_out = {}                       # gdb key -> (label, {stop: {cmd: text}}, problem)
        self.layout_out = {}

    def ensure_variant(self, mv):
        with self.build_lock:
            return self._ensure_variant(mv)

    def _ensure_variant(self, mv):
        if mv in self.built:
            return self.built[mv]
        out = variant_build_dir(self.build, mv)
        problem = None
        # make decides whether anything is stale (quick when nothing is)
        p = subprocess.run(['make', '--no-print-directory', 'O=' + os.path.relpath(out, ROOT)]
                           + list(mv) + ['kernel'], cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        if p.returncode:
            problem = 'make %s kernel failed: %s' % (' '.join(mv),
                                                      p.stdout.decode(errors='replace')[-500:])
        self.built[mv] = problem
        return problem

    def _popen(self, cmd, **kw):
        if self.runner:
            return self.runner.popen(cmd, **kw)
        return subprocess.Popen(cmd, **kw)

    def _forget(self, p):
        if self.runner:
            self.runner.forget(p)

    def _kernel(self, src):
        return os.path.join(variant_build_dir(self.build, src.make_vars), 'kernel.elf')

    def qemu_cmd(self, src, log):
        boot = ['-kernel', os.path.relpath(self._kernel(src), ROOT)]
        if src.initrd:          # the Makefile's INITRD default: the build's own archive
            boot += ['-initrd', os.path.relpath(os.path.join(os.path.dirname(self._kernel(src)),
                                                             'initramfs.cpio'), ROOT)]
        return qemu_command(self.qemu, src.mem, boot + ['-append', src.cmdline],
                            os.path.relpath(log, ROOT), machine=src.machine, cpu=src.cpu,
                            before_boot=(['-icount', ICOUNT] if src.icount else [])
                            + (['-smp', src.smp] if src.smp else []))

    def boot(self, src):
        key = src.boot_key()
        if key in self.logs:
            return self.logs[key]
        if key in self.matrix_logs:
            name, path = self.matrix_logs[key]
            self.logs[key] = ('matrix boot %s' % name, path, None)
            return self.logs[key]
        tag = hashlib.sha1(repr(key).encode()).hexdigest()[:8]
        log = os.path.join(self.logdir, 'docs-%s.log' % tag)
        problem = self.ensure_variant(src.make_vars)
        if not problem:
            cmd = self.qemu_cmd(src, log)
            fed = src.initrd and '-serial' in cmd
            if fed:
                # as `make run </dev/null` boots: the serial console on a pipe
                # through tools/serial_feed.py, so the shell /init starts gets
                # ^D at its first prompt and the boot ends
                i = cmd.index('-serial')
                cmd[i:i + 2] = ['-chardev', 'stdio,id=con0,signal=off', '-serial', 'chardev:con0']
                cmd = [sys.executable, os.path.join('tools', 'serial_feed.py'), '--'] + cmd
            with open(log + '.cmd', 'w') as f:
                f.write(' '.join(shlex.quote(a) for a in cmd) + '\n')
            try:
                os.unlink(log)
            except OSError:
                pass
            if src.typed:
                with open(log + '.typed', 'w') as f:
                    f.write(''.join(t + '\n' for t in src.typed))
            with open(log + '.stderr', 'wb') as err, \
                    open(log if fed else os.devnull, 'wb') as out, \
                    open(log + '.typed' if src.typed else os.devnull, 'rb') as typed:
                # the typed lines on the feeder's stdin: one at each prompt, then ^D
                p = self._popen(cmd, cwd=ROOT, stdin=typed,
                                stdout=out if fed else err, stderr=err)
                try:
                    p.wait(timeout=self.timeout)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
                    problem = 'no exit within %ds (QEMU killed)' % self.timeout
                finally:
                    self._forget(p)
        self.logs[key] = ('boot %s' % os.path.relpath(log, ROOT), log, problem)
        return self.logs[key]

    def layout(self, src):
        key = src.boot_key()
        if key not in self.layout_out:
            label, log, problem = self.boot(src)
            out = ''
            if not problem:
                # where make layout writes it, so that its "wrote" line is the same
                svg = os.path.join(variant_build_dir(self.build, src.make_vars), 'layout.svg')
                p = subprocess.run([sys.executable, os.path.join(ROOT, 'tools', 'layout.py'),
                                    os.path.relpath(log, ROOT), '-o', os.path.relpath(svg, ROOT)],
                                   cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
                out = p.stdout.decode(errors='replace')
            self.layout_out[key] = ('tools/layout.py on the %s' % label, out, problem)
        return self.layout_out[key]

    def gdb(self, src, plan):
        """One gdb session per boot: plan = [(stop, [commands])] in doc order.
        Return: (label, {(stop, command): output}, problem)."""
        key = src.boot_key()
        if key in self.gdb_out:
            return self.gdb_out[key]
        tag = hashlib.sha1(repr(key).encode()).hexdigest()[:8]
        log = os.path.join(self.logdir, 'docs-gdb-%s.log' % tag)
        label = 'gdb session, serial log %s' % os.path.relpath(log, ROOT)
        problem = self.ensure_variant(src.make_vars)
        results = {}
        if not problem:
            results, problem = run_gdb_plan(self, src, plan, log)
        self.gdb_out[key] = (label, results, problem)
        return self.gdb_out[key]


_GDB_SCRIPT = r'''
import gdb, json
plan = json.load(open(%(plan)r))
def out(s):
    gdb.write(s)
    gdb.flush()
# One breakpoint per function; each stop is matched to the plan's entries
# in the order the boot reaches them, whatever order the docs named them in.
pending = [(fn, what, cmds) for fn, what, cmds in plan]
bps = {}
for fn, _, _ in pending:
    if fn not in bps:
        bps[fn] = gdb.Breakpoint(fn, internal=True)
for stop in range(256):
    if not pending:
        break
    before = {fn: bp.hit_count for fn, bp in bps.items()}
    try:
        gdb.execute('continue', to_string=True)
    except gdb.error:
        break
    hit = [fn for fn, bp in bps.items() if bp.is_valid() and bp.hit_count != before[fn]]
    if not hit:
        break               # not one of ours: the boot ended or something else stopped it
    fn = hit[0]
    for entry in pending:
        if entry[0] != fn:
            continue
        if entry[1]:
            try:
                if gdb.parse_and_eval('what').string() != entry[1]:
                    continue
            except gdb.error:
                continue
        pending.remove(entry)
        out('@@@stop %%s %%s\n' %% (fn, entry[1] or ''))
        for c in entry[2]:
            out('@@@cmd %%s\n' %% c)
            try:
                out(gdb.execute(c, to_string=True))
            except gdb.error as e:
                out('gdb error: %%s\n' %% e)
        break
    if not any(e[0] == fn for e in pending):
        bps.pop(fn).delete()
if not pending:
    out('@@@end\n')
'''


def run_gdb_plan(boots, src, plan, log):
    from socket import socket, create_connection
    with socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    cmd = boots.qemu_cmd(src, log) + ['-S', '-gdb', 'tcp:127.0.0.1:%d' % port]
    qemu = boots._popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL)
    try:
        end = time.monotonic() + 10
        while time.monotonic() < end:
            try:
                create_connection(('127.0.0.1', port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        with tempfile.TemporaryDirectory() as d:
            pj = os.path.join(d, 'plan.json')
            with open(pj, 'w') as f:
                json.dump([[st[0], st[1], cmds] for st, cmds in plan], f)
            sp = os.path.join(d, 'script.py')
            with open(sp, 'w') as f:
                f.write(_GDB_SCRIPT % {'plan': pj})
            kernel = boots._kernel(src)
            g = [os.environ.get('GDB', 'gdb'), '-batch', '-nx', '-ex', 'set pagination off',
                 '-ex', 'set confirm off', '-ex', 'file %s' % kernel,
                 '-ex', 'source %s' % os.path.join(ROOT, 'tools', 'gdb', 'fenestra.py'),
                 '-ex', 'target remote 127.0.0.1:%d' % port, '-x', sp, '-ex', 'kill']
            try:
                p = subprocess.run(g, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=boots.timeout)
                text = p.stdout.decode(errors='replace')
            except subprocess.TimeoutExpired as e:
                text = (e.stdout or b'').decode(errors='replace')
            except OSError as e:
                return {}, 'cannot run gdb: %s' % e
    finally:
        if qemu.poll() is None:
            qemu.kill()
        qemu.wait()
        boots._forget(qemu)
    with open(log + '.gdb', 'w') as f:
        f.write(text)
    results, stop, c = {}, None, None
    for line in text.split('\n'):
        if line.startswith('@@@stop '):
            fn, _, what = line[len('@@@stop '):].partition(' ')
            stop, c = (fn, what or None), None
        elif line.startswith('@@@cmd '):
            c = line[len('@@@cmd '):]
            results[(stop, c)] = []
        elif line.startswith('@@@end'):
            c = None
        elif c is not None:
            results[(stop, c)].append(line.strip())
    problem = None if '@@@end' in text else 'the gdb session did not finish (%s.gdb)' % \
        os.path.relpath(log, ROOT)
    return results, problem


# ---------------------------------------------------------------------------
# Checking

class Outcome:
    def __init__(self, block, ok, source_label, problems):
        self.block, self.ok, self.source_label, self.problems = block, ok, source_label, problems


def _stop_text(stop):
    return stop[0] + ('("%s")' % stop[1] if stop[1] else '')


def check_blocks(blocks, boots, jobs=1):
    """Check every quote block; boots run in parallel (jobs). Return [Outcome]
    for every block that is a quote, unmarked or has a bad command."""
    quotes = [b for b in blocks if b.kind == 'quote' and not b.error]
    # gdb plans: per boot, stops in doc order, commands in doc order
    plans = {}
    for b in quotes:
        if b.source.kind == 'gdb':
            key = b.source.boot_key()
            plan = plans.setdefault(key, (b.source, []))[1]
            cmds = [c for c, _ in gdb_sections(b) if c]
            for st, cl in plan:
                if st == b.source.stop:
                    cl.extend(c for c in cmds if c not in cl)
                    break
            else:
                plan.append((b.source.stop, cmds))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futs = []
        seen = set()
        for b in quotes:
            key = b.source.boot_key()
            if b.source.kind == 'gdb':
                if ('gdb', key) not in seen:
                    futs.append(pool.submit(boots.gdb, b.source, plans[key][1]))
                    seen.add(('gdb', key))
            elif key not in seen:
                futs.append(pool.submit(boots.boot, b.source))
                seen.add(key)
        for f in futs:
            f.result()
    out = []
    for b in blocks:
        where = '%s:%d' % (b.path, b.mark_line or b.start)
        if b.kind is None:
            out.append(Outcome(b, False, '', [
                '%s: a code block with no marker: put <!-- quote: COMMAND --> above it if it is '
                'output (see docs/hacking.md), or <!-- illustrative --> if it is not'
                % ('%s:%d' % (b.path, b.start))]))
            continue
        if b.kind != 'quote':
            continue
        if b.error:
            out.append(Outcome(b, False, '', ['%s: %s' % (where, b.error)]))
            continue
        src = b.source
        problems = []
        if src.kind == 'gdb':
            label, results, problem = boots.gdb(src, plans[src.boot_key()][1])
            if problem:
                problems.append(problem)
            for cmd, expected in gdb_sections(b):
                if cmd is None:
                    problems.append('%s:%d: gdb output before any "(gdb) " command line'
                                    % (b.path, expected[0][0]))
                    continue
                got = results.get((src.stop, cmd))
                if got is None:
                    problems.append('%s: "(gdb) %s" at %s did not run' % (b.path, cmd,
                                                                          _stop_text(src.stop)))
                    continue
                for lineno, text, near in check_lines(expected, got):
                    problems.append(_missing(b.path, lineno, text, near,
                                             'in the output of "%s"' % cmd))
        else:
            if src.kind == 'layout':
                label, text, problem = boots.layout(src)
                lines = [l.strip() for l in text.split('\n')]
            else:
                label, log, problem = boots.boot(src)
                lines = normalise_log(read_text(log))
            if problem:
                problems.append(problem)
            if not lines or lines == ['']:
                problems.append('the log is empty')
            body = [(n, t) for n, t in b.lines if not t.strip().startswith('$ ')]
            for lineno, text, near in check_lines(body, lines):
                problems.append(_missing(b.path, lineno, text, near, 'in the log'))
        out.append(Outcome(b, not problems, label, problems))
    return out


def _missing(path, lineno, text, near, where):
    return ('%s:%d never appeared %s:\n    doc:     %s\n    closest: %s'
            % (path, lineno, where, text, near if near is not None else '(no line at all)'))


def load_blocks(paths):
    blocks = []
    for p in paths:
        full = p if os.path.isabs(p) else os.path.join(ROOT, p)
        blocks += parse_doc(os.path.relpath(full, ROOT), read_text(full))
    return blocks


def report(outcomes, stream=sys.stdout):
    """Print one line per checked block and the details of each failure.
    Return: (passed, failed)."""
    passed = sum(1 for o in outcomes if o.ok)
    failed = len(outcomes) - passed
    for o in outcomes:
        if o.ok:
            continue
        b = o.block
        print('--- FAIL %s:%d (%s%s)' % (b.path, b.mark_line or b.start,
                                         'quote: ' + b.command if b.kind == 'quote' else 'unmarked',
                                         '; ' + o.source_label if o.source_label else ''),
              file=stream)
        for p in o.problems:
            for l in p.split('\n'):
                print('    ' + l, file=stream)
    return passed, failed


def matrix_logs_from(configs, results, logdir):
    """boot_key -> (name, log) for matrix boots a quote may reuse."""
    out = {}
    for c in configs:
        if c.boot != 'kernel' or c.name not in results or getattr(c, 'shell', None):
            continue            # (a shell= line's log is what its script typed)
        qemu_args = tuple(getattr(c, 'qemu_args', ()))
        smp = ''
        if '-smp' in qemu_args[:-1]:        # qemu="-smp N ...": a quote's -smp N / SMP=N
            i = qemu_args.index('-smp')
            if re.fullmatch(r'[1-9]\d*', qemu_args[i + 1]):
                smp, qemu_args = qemu_args[i + 1], qemu_args[:i] + qemu_args[i + 2:]
        if qemu_args not in ((), ('-icount', ICOUNT)):
            continue            # no quote's command gives other QEMU options
        mv = tuple(sorted(v for v in c.make_vars if v not in ('PAE=0', 'VMSPLIT=3G')))
        src = Source('boot', c.machine, c.mem, c.cpu, c.cmdline, mv,
                     icount=bool(qemu_args), initrd=getattr(c, 'initrd', False), smp=smp)
        out.setdefault(src.boot_key(), (c.name, os.path.join(logdir, c.name + '.log')))
    return out


def run_in_harness(runner, configs, results):
    """tools/harness.py's hook: check the docs after the matrix has booted,
    reusing its logs. Prints the failures; Return: (passed, failed, seconds)."""
    start = time.monotonic()
    # First the checker itself, on a fake doc and log: an edited line must fail.
    import io
    buf = io.StringIO()
    saved, sys.stdout = sys.stdout, buf
    try:
        st_failed = selftest()
    finally:
        sys.stdout = saved
    if st_failed:
        print('--- FAIL tools/docquotes.py --selftest')
        for l in buf.getvalue().splitlines():
            print('    ' + l)
    boots = Boots(runner.build, runner.logdir, runner.args.qemu,
                  max(runner.args.timeout, 120), runner.args.jobs,
                  matrix_logs_from(configs, results, runner.logdir), runner)
    for c in configs:           # the harness built these variants already
        boots.built.setdefault(tuple(sorted(v for v in c.make_vars
                                            if v not in ('PAE=0', 'VMSPLIT=3G'))), None)
    blocks = load_blocks(DOCS)
    outcomes = check_blocks(blocks, boots, runner.args.jobs)
    print()
    passed, failed = report(outcomes)
    passed, failed = passed + (0 if st_failed else 1), failed + (1 if st_failed else 0)
    own = sum(1 for l in boots.logs.values() if l[0].startswith('boot ')) + len(boots.gdb_out)
    secs = time.monotonic() - start
    print('docs: %s: %d passed, %d failed (the selftest and %d quoted blocks in %d files; '
          '%d boots of their own, %d shared with the matrix; %.1fs)'
          % ('PASS' if not failed else 'FAIL', passed, failed, len(outcomes), len(DOCS),
             own, sum(1 for l in boots.logs.values() if l[0].startswith('matrix')), secs))
    return passed, failed, secs


# ---------------------------------------------------------------------------
# Self test: a fake doc and fake logs, no QEMU

class _FakeBoots:
    def __init__(self, logs, gdb=None, layout=''):
        self._logs, self._gdb, self._layout = logs, gdb or {}, layout
        self.logs = {}
        self.gdb_out = {}

    def boot(self, src):
        return ('fake boot', src.cmdline, None)

    def layout(self, src):
        return ('fake layout', self._layout, None)

    def gdb(self, src, plan):
        return ('fake gdb', self._gdb, None)


def selftest():
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)

    doc = '\n'.join([
        '# A chapter',
        '',
        '<!-- quote: make run MEM=1G CMDLINE="ktest=buddy" -->',
        '',
        '    Memory: ... (153K kernel code, ...)',
        '    ok 4 buddy_alloc_splits_smallest_fitting_block',
        '    ...',
        '',
        'Text.',
        '',
        '<!-- quote: make run -->',
        '```',
        '  DMA      [mem 0x0000000000001000-0x0000000000ffffff]',
        '```',
        '',
        '<!-- illustrative: a picture -->',
        '',
        '    +------+ not a log line',
        '',
        'Run:',
        '',
        '    make run MEM=1G           # a command block needs no marker',
        '    qemu-system-i386 -m 4G \\',
        '      -kernel build/kernel.elf',
        '',
        'Prose.',
        '',
        '    some output nobody marked',
        '',
        '<!-- quote: make debug at gdb_checkpoint("kmap") -->',
        '    (gdb) fen-pkmap',
        '    pkmap: 1024 entries at 0xff800000; ...',
        '',
        '<!-- quote: make run MEM=1G BOGUS=1 -->',
        '    x',
        '',
    ])
    blocks = parse_doc('fake.md', doc)
    kinds = [(b.kind, b.start) for b in blocks]
    check(kinds == [('quote', 5), ('quote', 12), ('illustrative', 18), ('commands', 22),
                    (None, 28), ('quote', 31), ('quote', 35)], 'parse kinds: %r' % kinds)
    b0 = blocks[0]
    check(b0.source.kind == 'boot' and b0.source.mem == '1G' and b0.source.cmdline == 'ktest=buddy'
          and b0.source.cpu == 'qemu32' and b0.source.machine == 'pc', 'make run parse')
    check(blocks[1].source.cmdline == 'tour' and blocks[1].source.mem == '4G',
          'make run defaults: %s' % blocks[1].source.describe())
    check(blocks[5].source.kind == 'gdb' and blocks[5].source.stop == ('gdb_checkpoint', 'kmap'),
          'make debug parse')
    check(blocks[6].error and 'BOGUS' in blocks[6].error, 'unknown make variable is an error')
    s = parse_command('make run PAE=1 MEM=8G')
    check(s.make_vars == ('PAE=1',) and s.cpu == 'qemu32,+pse36,+nx', 'PAE default cpu')
    s = parse_command('qemu-system-i386 -m 4G -icount %s -kernel build/kernel.elf -append bench '
                      '-serial stdio -display none' % ICOUNT)
    check(s.icount and s.cmdline == 'bench' and s.mem == '4G' and s.make_vars == (),
          'qemu command parse')
    s = parse_command('qemu-system-i386 -M pc -m 128M -smp 4 -kernel build/kernel.elf -append x')
    check(s.smp == '4' and s.boot_key() != parse_command(
        'qemu-system-i386 -M pc -m 128M -kernel build/kernel.elf -append x').boot_key(),
          '-smp is part of the boot')
    check(parse_command('make run SMP=2').smp == '2', 'make run SMP=2')
    try:
        parse_command('make run SMP=two')
        check(False, 'SMP=two is an error')
    except ValueError:
        pass
    check(parse_command('make run VMSPLIT=2G').boot_key() !=
          parse_command('make run').boot_key(), 'variants are different boots')
    check(parse_command('make run CMDLINE="tour"').boot_key() ==
          parse_command('make run MEM=4G').boot_key(), 'same boot, two spellings')
    # make run passes -initrd as the Makefile does; INITRD= and a bare qemu line do not
    check(parse_command('make run').initrd and not parse_command('make run INITRD=').initrd
          and parse_command('make debug at highmem_tour').initrd, 'make run boots the initramfs')
    check(parse_command('make run INITRD=').boot_key() != parse_command('make run').boot_key(),
          'with and without the initramfs are different boots')
    s = parse_command('qemu-system-i386 -m 4G -kernel build/kernel.elf -initrd '
                      'build/initramfs.cpio -append "rdinit=/init"')
    check(s.initrd and s.boot_key() == parse_command('make run CMDLINE="rdinit=/init"').boot_key(),
          'qemu -initrd line = make run')
    check(not parse_command('qemu-system-i386 -m 4G -kernel build/kernel.elf').initrd,
          'qemu line without -initrd')
    # DEMO= and SHELL=1 compose the command line as the Makefile's RUN_CMDLINE does
    for cmd, want in (('make run DEMO=kmapdemo', '-- /bin/kmapdemo'),
                      ('make run DEMO="memhog  64 "', '-- /bin/memhog 64'),
                      ('make run DEMO=/bin/hello', '-- /bin/hello'),
                      ('make run CMDLINE="highpte" DEMO=maps', 'highpte -- /bin/maps'),
                      ('make run CMDLINE="rdinit=/init" DEMO="forkcow 4"',
                       'rdinit=/init -- /bin/forkcow 4'),
                      ('make run SHELL=1', ''), ('make shell', ''), ('make run SHELL=0', 'tour'),
                      ('make shell MEM=128M CMDLINE="loglevel=8"', 'loglevel=8'),
                      ('make run SHELL=1 DEMO=maps', '-- /bin/maps'),
                      ('make run DEMO=', 'tour')):
        s = parse_command(cmd)
        check(s.kind == 'boot' and s.cmdline == want and s.initrd,
              '%s: command line %r, not %r' % (cmd, s.cmdline, want))
    check(parse_command('make run DEMO=kmapdemo').boot_key() ==
          parse_command('make run CMDLINE="-- /bin/kmapdemo"').boot_key(),
          'DEMO= is the same boot as its -- on CMDLINE')
    check(parse_command('make shell MEM=128M').boot_key() ==
          parse_command('make run SHELL=1 MEM=128M').boot_key(), 'make shell = make run SHELL=1')
    # a session: the "$ " lines are typed, one per prompt; other inputs, other boots
    sess = parse_doc('s.md', '<!-- quote: make shell MEM=128M -->\n    $ free\n    Low: 1\n'
                     '    $  echo  a  b \n    a b\n\n<!-- quote: make shell MEM=128M -->\n'
                     '    $ free\n    Low: 1\n\n<!-- quote: make shell INITRD= -->\n'
                     '    $ free\n')
    check(len(sess) == 3 and sess[0].source.typed == ('free', 'echo  a  b')
          and sess[1].source.typed == ('free',)
          and sess[0].source.boot_key() != sess[1].source.boot_key()
          and sess[1].source.boot_key() != parse_command('make shell MEM=128M').boot_key(),
          'typed lines: %r' % [(b.source.typed if b.source else b.error) for b in sess])
    check(sess[2].error and 'initramfs' in sess[2].error, 'typed lines without an initramfs')
    check(not parse_doc('l.md', '<!-- quote: make layout -->\n    $ make layout\n    x\n')[0]
          .source.typed, 'a layout quote types nothing')
    for bad in ('make debug DEMO=maps at main', 'make debug SHELL=1 at main'):
        try:
            parse_command(bad)
            check(False, 'not an error: %s' % bad)
        except ValueError:
            pass
    for bad in ('make run INITRD=foo.cpio',
                'qemu-system-i386 -kernel build-pae/kernel.elf -initrd build/initramfs.cpio'):
        try:
            parse_command(bad)
            check(False, 'not an error: %s' % bad)
        except ValueError:
            pass

    good_log = '\n'.join([
        '[    0.000100] Memory: 3119388K/3145208K available (153K kernel code, 15K rwdata)',
        '[    0.000200]     ok 4 buddy_alloc_splits_smallest_fitting_block',
        '[    0.000300]   DMA      [mem 0x0000000000001000-0x0000000000ffffff]',
    ]) + '\n'
    fake_gdb = {(('gdb_checkpoint', 'kmap'), 'fen-pkmap'):
                ['pkmap: 1024 entries at 0xff800000; 1 with users']}
    quotes = [b for b in blocks if b.kind != 'quote' or not b.error]

    # every fake boot "log" is good_log
    class Boots2(_FakeBoots):
        def boot(self, src):
            return ('fake boot', _LOGFILE, None)
    with tempfile.TemporaryDirectory() as d:
        global _LOGFILE
        _LOGFILE = os.path.join(d, 'x.log')
        with open(_LOGFILE, 'w') as f:
            f.write(good_log)
        outs = check_blocks(quotes, Boots2({}, fake_gdb), 1)
        res = [(o.block.start, o.ok) for o in outs]
        check(res == [(5, True), (12, True), (28, False), (31, True)],
              'good log: %r' % [(o.block.start, o.ok, o.problems) for o in outs])
        unmarked = [o for o in outs if o.block.start == 28][0]
        check('no marker' in unmarked.problems[0] and 'fake.md:28' in unmarked.problems[0],
              'unmarked block message: %r' % unmarked.problems)

        # the proof: edit one quoted line to something the kernel does not print
        edited = doc.replace('ok 4 buddy_alloc_splits_smallest_fitting_block',
                             'ok 4 buddy_alloc_splits_largest_block')
        eb = [b for b in parse_doc('fake.md', edited) if b.kind == 'quote' and not b.error]
        outs = check_blocks(eb, Boots2({}, fake_gdb), 1)
        bad = [o for o in outs if not o.ok]
        check(len(bad) == 1 and bad[0].block.start == 5, 'edited line fails its block: %r'
              % [(o.block.start, o.ok) for o in outs])
        msg = '\n'.join(bad[0].problems) if bad else ''
        check('fake.md:6 never appeared' in msg and 'buddy_alloc_splits_largest_block' in msg
              and 'closest: ok 4 buddy_alloc_splits_smallest_fitting_block' in msg,
              'failure names doc line, text and closest log line: %r' % msg)
        # a number changed inside a line with a variable part
        edited = doc.replace('(153K kernel code', '(154K kernel code')
        eb = [b for b in parse_doc('fake.md', edited) if b.kind == 'quote' and not b.error]
        outs = check_blocks(eb, Boots2({}, fake_gdb), 1)
        check([o.block.start for o in outs if not o.ok] == [5], 'edited number fails')
        # gdb output edited
        edited = doc.replace('1024 entries at 0xff800000', '512 entries at 0xff800000')
        eb = [b for b in parse_doc('fake.md', edited) if b.kind == 'quote' and not b.error]
        outs = check_blocks(eb, Boots2({}, fake_gdb), 1)
        check([o.block.start for o in outs if not o.ok] == [31], 'edited gdb line fails')

    check(line_pattern('a ... b').match('a xyz b') and not line_pattern('a ... b').match('a xyz c'),
          'the ... placeholder')
    check(check_lines([(1, '   x  y ')], ['x  y']) == [], 'leading/trailing blanks ignored')
    check(check_lines([(1, '.text : 0xc0101000 - ~0xc01276e2   ( ~153 kB)')],
                      ['.text : 0xc0101000 - 0xc0127000   (  99 kB)']) == [], '~NUMBER matches')
    check(len(check_lines([(1, '.text : 0xc0101000 - ~0xc01276e2   ( ~153 kB)')],
                          ['.text : 0xc0102000 - 0xc0127000   (  99 kB)'])) == 1,
          '~NUMBER leaves the rest exact')
    check(check_lines([(1, 'x y')], ['x  y'])[0][2] == 'x  y', 'inner blanks count, closest shown')
    # a right-aligned column: the padding before ~NUMBER may shrink as the number grows
    col = 'LOC:        ~102        ~140   Local timer interrupts'
    check(check_lines([(1, col)], ['LOC:       1102         40   Local timer interrupts']) == [],
          '~NUMBER in a right-aligned column')
    check(len(check_lines([(1, col)], ['LOC:1102 40   Local timer interrupts'])) == 1,
          'blanks before ~NUMBER: at least one stays')
    check(len(check_lines([(1, col)], ['LOC:       1102         40   Remote timer interrupts'])) == 1,
          'the text around the numbers stays exact')
    for f in failures:
        print('docquotes selftest FAIL: %s' % f)
    print('docquotes selftest: %s' % ('FAILED (%d)' % len(failures) if failures
                                      else 'all checks passed'))
    return 1 if failures else 0


_LOGFILE = None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('files', nargs='*', help='markdown files (default: README.md docs/*.md)')
    ap.add_argument('--build', default='build')
    ap.add_argument('--jobs', '-j', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--timeout', type=int, default=120)
    ap.add_argument('--qemu', default='qemu-system-i386')
    ap.add_argument('--matrix-logs', action='store_true',
                    help='reuse build/test-logs/<name>.log of matrix lines (from a make test)')
    ap.add_argument('--selftest', action='store_true', help='check this tool on a fake doc and log')
    args = ap.parse_args()
    if args.selftest:
        return selftest()
    build = os.path.join(ROOT, args.build)
    logdir = os.path.join(build, 'test-logs')
    os.makedirs(logdir, exist_ok=True)
    matrix = {}
    if args.matrix_logs:
        from fentest.matrix import parse_matrix
        configs, _ = parse_matrix(os.path.join(ROOT, 'tests', 'matrix.conf'),
                                          os.path.join(ROOT, 'tests', 'expect'))
        present = {c.name: 1 for c in configs
                   if os.path.isfile(os.path.join(logdir, c.name + '.log'))}
        matrix = matrix_logs_from(configs, present, logdir)
    if subprocess.call(['make', '-s', 'O=' + args.build, 'kernel'], cwd=ROOT) != 0:
        print('docquotes: make O=%s kernel failed' % args.build)
        print('0 passed, 1 failed')
        return 1
    boots = Boots(build, logdir, args.qemu, args.timeout, args.jobs, matrix)
    outcomes = check_blocks(load_blocks(args.files or DOCS), boots, args.jobs)
    passed, failed = report(outcomes)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
