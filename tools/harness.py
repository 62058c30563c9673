#!/usr/bin/env python3
"""Fenestra test harness: boots the kernel under QEMU for every configuration
of tests/matrix.conf (in parallel), checks each serial log against its
expectation files, the exit status and (optionally) the memory map the kernel
must have computed, counts the KTAP results the in-kernel tests print, runs
the host-side unit tests, and ends with the line `N passed, M failed`.

Python 3 standard library only.  See tests/README.md for the file formats and
`harness.py --help` for the options; `--selftest` checks the harness itself.
"""

import argparse
import concurrent.futures
import hashlib
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

KIB = 1 << 10
MIB = 1 << 20
GIB = 1 << 30
FOUR_GIB = 1 << 32
PAGE_SHIFT = 12

EXIT_SUCCESS = 33   # isa-debug-exit: (0x10 << 1) | 1
EXIT_FAILURE = 35   # isa-debug-exit: (0x11 << 1) | 1
LAST_LINES = 15
KTAP_DIAG_LINES = 25    # lines shown with a failed case


# ---------------------------------------------------------------------------
# Serial log normalisation

_ANSI_RE = re.compile(r'\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78cDEHM])')
_CTRL_RE = re.compile(r'[\x00-\x08\x0b-\x1f\x7f]')
_TS_RE = re.compile(r'^\[\s*\d+\.\d+\] ')


def clean_line(raw):
    """One raw serial line without escape sequences, CRs or control chars."""
    return _CTRL_RE.sub('', _ANSI_RE.sub('', raw))


def strip_timestamp(line):
    return _TS_RE.sub('', line, count=1)


def log_lines(text):
    """The log as a list of lines with the `[    0.001234] ` prefix removed
    (lines without a timestamp, e.g. GRUB's, are kept as they are)."""
    if text.endswith('\n'):
        text = text[:-1]
    if not text:
        return []
    return [strip_timestamp(clean_line(l)) for l in text.split('\n')]


def read_text(path):
    try:
        with open(path, 'rb') as f:
            return f.read().decode('utf-8', errors='replace')
    except OSError:
        return ''


def tail(path, n):
    text = read_text(path).rstrip('\n')
    if not text:
        return []
    return [clean_line(l) for l in text.split('\n')[-n:]]


_REG_LINE_RE = re.compile(r'^[A-Z][A-Z0-9]*\s*=')


def qemu_log_events(path, n):
    """The last n lines of a QEMU -d log without the register dumps that
    -d cpu_reset writes for every CPU reset (two at every start)."""
    text = read_text(path).rstrip('\n')
    events, in_dump = [], False
    for line in text.split('\n') if text else []:
        if line.startswith('CPU Reset'):
            in_dump = True
            continue
        if in_dump and _REG_LINE_RE.match(line):
            continue
        in_dump = False
        events.append(clean_line(line))
    return events[-n:]


# ---------------------------------------------------------------------------
# KTAP v1 parsing

_KTAP_VERSION_RE = re.compile(r'^(?:KTAP|TAP) version \d+\s*$')
_PLAN_RE = re.compile(r'^1\.\.(\d+)\s*$')
_RESULT_RE = re.compile(r'^(ok|not ok)\s+(\d+)\b\s*(.*)$')
_SUBTEST_RE = re.compile(r'^#\s*Subtest:\s*(.*?)\s*$')
_DIAG_RE = re.compile(r'^#')


class _Block:
    """One KTAP test block (the top level, a suite, or a parameterised case)."""

    def __init__(self, indent, name=None):
        self.indent = indent
        self.name = name
        self.plan = None
        self.count = 0          # result lines seen at this level
        self.failed_below = 0   # leaf failures and problems inside
        self.pending_diag = []  # diagnostic lines since the last result


class KtapReport:
    def __init__(self):
        self.found = False      # saw a top-level `KTAP version` line
        self.passed = 0
        self.failed = 0         # leaf failures + problems
        self.skipped = 0
        self.failures = []      # (qualified case name, [diag lines])
        self.problems = []      # plan mismatches etc., each one failure

    def add_problem(self, text):
        self.problems.append(text)
        self.failed += 1


def _split_directive(rest):
    """'name # SKIP reason' -> ('name', 'SKIP reason')"""
    m = re.match(r'^(.*?)\s*(?:(?<!\S)#\s*(.*))?$', rest)
    name, directive = m.group(1), m.group(2)
    name = re.sub(r'^-\s*', '', name).strip()
    return name, (directive or '').strip()


def parse_ktap(lines):
    """Count KTAP leaf cases in timestamp-stripped log lines.

    Nesting is recognised by indentation.  A result line whose test had a
    nested block is a suite result (not counted itself); every other result
    line is a leaf case.  `# SKIP` leaves count as skipped.  A block whose
    number of results differs from its plan is one failure naming the missing
    count; so is a block the log ends in (the kernel died in the middle)."""
    rep = KtapReport()
    stack = []

    def qualified(case):
        names = [b.name or '?' for b in stack[1:]]
        return '.'.join(names + [case or '?'])

    def close_child(blk, how):
        """blk's results are complete (how='result': its result line came;
        'eof': the log ends inside it; 'restart': a new block began at its
        level).  Check its plan; returns the number of problems (0 or 1)."""
        label = blk.name or '(unnamed)'
        where = {'result': '', 'eof': '; the log ends inside the suite',
                 'restart': '; a new block started before its result line'}[how]
        if blk.plan is None:
            rep.add_problem('suite %s: no test plan (1..N) line%s' % (label, where))
        elif blk.count < blk.plan:
            rep.add_problem('suite %s: only %d of %d cases reported (%d missing)%s'
                            % (label, blk.count, blk.plan, blk.plan - blk.count, where))
        elif blk.count > blk.plan:
            rep.add_problem('suite %s: %d cases reported but the plan says %d%s'
                            % (label, blk.count, blk.plan, where))
        elif how != 'result':
            rep.add_problem('suite %s: no result line%s' % (label, where))
        else:
            return 0
        return 1

    def pop_into_parent(how):
        blk = stack.pop()
        problems = close_child(blk, how)
        stack[-1].failed_below += blk.failed_below + problems
        return blk, problems

    def finish_document():
        """Close everything still open (at end of log or at a new top-level
        `KTAP version`)."""
        open_suites = 0
        while len(stack) > 1:
            pop_into_parent('eof')
            open_suites += 1
        top = stack.pop()
        if top.plan is None:
            rep.add_problem('KTAP: top-level plan (1..N) missing')
            return
        missing = top.plan - top.count - open_suites
        if missing > 0:
            rep.add_problem('KTAP: %d of %d suites never started'
                            % (missing, top.plan))
        elif top.count > top.plan:
            rep.add_problem('KTAP: %d suites reported but the plan says %d'
                            % (top.count, top.plan))

    for line in lines:
        stripped = line.lstrip(' ')
        indent = len(line) - len(stripped)
        stripped = stripped.rstrip()

        if _KTAP_VERSION_RE.match(stripped):
            if indent == 0:
                if stack:
                    finish_document()
                rep.found = True
                stack.append(_Block(0))
                continue
            if not stack:
                continue
            while stack[-1].indent > indent or (stack[-1].indent == indent and len(stack) > 1):
                pop_into_parent('restart')
            stack.append(_Block(indent))
            continue

        if not stack:
            continue
        top = stack[-1]

        m = _SUBTEST_RE.match(stripped)
        if m:
            if (top.indent == indent and len(stack) > 1 and top.name is None
                    and top.plan is None and top.count == 0):
                top.name = m.group(1)
            elif indent > top.indent:
                stack.append(_Block(indent, m.group(1)))
            continue

        m = _PLAN_RE.match(stripped)
        if m:
            if top.indent == indent and top.plan is None:
                top.plan = int(m.group(1))
            elif indent > top.indent:
                blk = _Block(indent)
                blk.plan = int(m.group(1))
                stack.append(blk)
            continue

        m = _RESULT_RE.match(stripped)
        if m:
            ok = m.group(1) == 'ok'
            name, directive = _split_directive(m.group(3))
            skip = directive.upper().startswith('SKIP')
            if indent > top.indent:
                # A result deeper than any block header: an implicit block.
                stack.append(_Block(indent))
            child, child_problems = None, 0
            while len(stack) > 1 and stack[-1].indent > indent:
                if stack[-2].indent <= indent and stack[-1].name is None:
                    stack[-1].name = name      # the block this result ends
                child, child_problems = pop_into_parent('result')
            top = stack[-1]
            if top.indent != indent:
                continue
            top.count += 1
            if child is not None:
                # The result of a suite (or of a parameterised case).
                if skip and child.count == 0:
                    rep.skipped += 1
                elif (not ok and not skip and child.failed_below == 0
                      and child_problems == 0):
                    rep.add_problem('suite %s reported "not ok" but none of its '
                                    'cases failed' % (name or child.name))
                    top.failed_below += 1
            elif skip:
                rep.skipped += 1
            elif ok:
                rep.passed += 1
            else:
                rep.failed += 1
                top.failed_below += 1
                rep.failures.append((qualified(name), top.pending_diag[-KTAP_DIAG_LINES:]))
            top.pending_diag = []
            continue

        if _DIAG_RE.match(stripped) and indent > 0:
            # Attach to the block at this indentation (else the innermost).
            target = top
            for b in reversed(stack):
                if b.indent == indent:
                    target = b
                    break
            target.pending_diag.append(stripped)
        elif len(stack) > 1 and stripped:
            # Kernel output inside a suite (a BUG report, a warning): shown
            # with the case if it fails.
            top.pending_diag.append(line.rstrip())

    if stack:
        finish_document()
    return rep


# ---------------------------------------------------------------------------
# Memory map computation (what the kernel must print for a machine/mem/cmdline)

# SeaBIOS keeps a small area at the top of the RAM below 4 GiB for its own
# tables (ACPI, SMBIOS, ...) and marks it reserved.  Measured with QEMU 7.2 /
# SeaBIOS 1.16.2 from SeaBIOS's own e820 dump and from the multiboot memory map
# for -m 8M ... 8G: constant for a machine type, larger on q35 (bigger ACPI
# tables), 8 KiB on pc-i440fx-2.0 and older, none at all on isapc.
#
# A machine family is the set of machine types that share these rules:
#   'pc'      pc, pc-i440fx-2.1 and later
#   'pc-2.0'  pc-i440fx-2.0: the small top reserve
#   'pc-1.7'  pc-i440fx-1.7 and older: the small top reserve, and no
#             gigabyte alignment of the RAM below 4 GiB (see ram_split)
#   'q35'     q35, pc-q35-*
#   'isapc'   isapc: no PCI, no ACPI tables, no alignment
SEABIOS_TOP_RESERVE = {'pc': 0x20000, 'pc-2.0': 0x2000, 'pc-1.7': 0x2000, 'q35': 0x21000,
                       'isapc': 0}

# Fixed reserved ranges (start, end exclusive) besides the top-of-RAM one.
_PC_RESERVED = [(0x9fc00, 0xa0000), (0xf0000, 0x100000), (0xfffc0000, FOUR_GIB)]
_FIXED_RESERVED = {
    'pc': _PC_RESERVED, 'pc-2.0': _PC_RESERVED, 'pc-1.7': _PC_RESERVED, 'isapc': _PC_RESERVED,
    # q35 adds the PCIe MMCONFIG window and the ICH9 root complex register block.
    'q35': [(0x9fc00, 0xa0000), (0xf0000, 0x100000), (0xb0000000, 0xc0000000),
            (0xfed1c000, 0xfed20000), (0xfffc0000, FOUR_GIB)],
}

# The highest RAM QEMU puts below 4 GiB (where the PCI hole starts), and
# whether it is then cut back to a gigabyte boundary (QEMU's gigabyte_align,
# on from pc-i440fx-2.0; off for isapc).
_BELOW_4G = {'pc': (0xE0000000, 0xC0000000), 'pc-2.0': (0xE0000000, 0xC0000000),
             'pc-1.7': (0xE0000000, None), 'isapc': (0xE0000000, None),
             'q35': (0xB0000000, 0x80000000)}


def machine_family(machine):
    """The family of a QEMU -M name (see SEABIOS_TOP_RESERVE), or None."""
    if machine == 'q35' or machine.startswith('pc-q35'):
        return 'q35'
    if machine == 'isapc':
        return 'isapc'
    if machine == 'pc':
        return 'pc'
    m = re.fullmatch(r'pc-(?:i440fx-)?(\d+)\.(\d+)', machine)
    if m:
        version = (int(m.group(1)), int(m.group(2)))
        return 'pc' if version >= (2, 1) else 'pc-2.0' if version == (2, 0) else 'pc-1.7'
    if machine.startswith('pc-'):
        return 'pc'
    return None


def ram_split(family, mem):
    """QEMU's split of `-m mem` into RAM below and above 4 GiB: all of it
    below if it fits under the PCI hole; else, with gigabyte alignment, 2
    or 3 GiB below (q35, pc), without it up to where the hole starts."""
    if family not in _BELOW_4G:
        raise ValueError('no memory layout known for machine family %r' % family)
    hole, aligned = _BELOW_4G[family]
    if mem < hole:
        below = mem
    else:
        below = aligned if aligned is not None else hole
    return below, mem - below


def seabios_e820(family, mem):
    """The e820 map SeaBIOS hands over: [(start, end_exclusive, type)]."""
    below, above = ram_split(family, mem)
    top = below - SEABIOS_TOP_RESERVE[family]
    m = [(0, 0x9fc00, 'usable'), (0x100000, top, 'usable')]
    if top < below:
        m.append((top, below, 'reserved'))
    m += [(s, e, 'reserved') for s, e in _FIXED_RESERVED[family]]
    if above:
        m.append((FOUR_GIB, FOUR_GIB + above, 'usable'))
    return sorted(m)


def memparse(text):
    """Linux memparse(): a C integer (0x.. hex, 0.. octal) with an optional
    K/M/G/T/P/E suffix (either case)."""
    m = re.match(r'^\s*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([kKmMgGtTpPeE]?)', text)
    if not m:
        raise ValueError('bad size %r' % text)
    num = m.group(1)
    if num[:2] in ('0x', '0X'):
        val = int(num, 16)
    elif len(num) > 1 and num[0] == '0':
        val = int(num, 8)
    else:
        val = int(num)
    shift = {'': 0, 'k': 10, 'm': 20, 'g': 30, 't': 40, 'p': 50, 'e': 60}[m.group(2).lower()]
    return val << shift


def qemu_mem(text):
    """QEMU's -m size: a number with optional K/M/G/T suffix, MiB by default,
    as QEMU computes it: the whole part times the unit plus the fraction
    times the unit (truncated), then rounded up to 8 KiB (QEMU aligns
    ram_size to 8192: `-m 100.3M` is 105177088 bytes, measured)."""
    m = re.match(r'^(\d+)(?:\.(\d+))?([kKmMgGtT]?)[bB]?$', text)
    if not m:
        raise ValueError('bad memory size %r' % text)
    unit = 1 << {'': 20, 'k': 10, 'm': 20, 'g': 30, 't': 40}[m.group(3).lower()]
    size = int(m.group(1)) * unit
    if m.group(2):
        size += int(float('0.' + m.group(2)) * unit)
    return (size + 8191) & ~8191


def valid_size(text, minimum):
    """The kernel's own acceptance rule for a size option: the whole value
    parses (digits plus at most one K/M/G suffix), fits in 64 bits (the
    kernel's memparse stops in front of a digit or suffix that would
    overflow, kernel/lib/string.c) and is at least minimum."""
    if not re.fullmatch(r'(0[xX][0-9a-fA-F]+|[0-9]+)[kKmMgG]?', text or ''):
        return False
    return minimum <= memparse(text) < 1 << 64


def cmdline_params(cmdline):
    """key=value parameters of a kernel command line (the last one wins).
    Malformed mem=/vmalloc= values are dropped: the kernel warns and
    ignores them (arch/x86/kernel/e820.c, arch/x86/mm/init.c)."""
    params = {}
    for tok in cmdline.split():
        key, eq, val = tok.partition('=')
        if key == 'mem' and not valid_size(val, 4096):
            continue
        if key == 'vmalloc' and not valid_size(val, 4 * MIB):
            continue
        params[key] = val if eq else None
    return params


# Fenestra's fixed layout above VMALLOC_END (arch/x86/include/asm/fixmap.h):
# the top two page tables hold the pkmap area and the fixmap, and vmalloc
# ends two guard pages below PKMAP_BASE. A page table maps 4 MiB without
# PAE (PKMAP_BASE = 0xFF800000) and 2 MiB with it (PKMAP_BASE = 0xFFC00000).
def vmalloc_end_gap(pae=False):
    return (4 if pae else 8) * MIB + 2 * 4096


def vmalloc_accepted(vmalloc, page_offset=0xC0000000, pae=False):
    """The kernel's semantic checks on vmalloc= (arch/x86/mm/init.c): the
    size fits in the kernel's share, and at least 32 MiB of lowmem is left."""
    size = memparse(vmalloc)
    if size > FOUR_GIB - page_offset:
        return False
    reserve = size + 8 * MIB + vmalloc_end_gap(pae)
    reserve = (reserve + 4 * MIB - 1) & ~(4 * MIB - 1)
    return reserve <= FOUR_GIB - page_offset - 32 * MIB


def lowmem_end(vmalloc=None, page_offset=0xC0000000, pae=False):
    """Physical address where lowmem ends (MAXMEM) for a vmalloc= value.

    Without vmalloc= it is the kernel virtual space above PAGE_OFFSET minus
    a 128 MiB reserve: 0x38000000 (896 MiB) for PAGE_OFFSET 0xC0000000.
    With vmalloc=S the reserve is S, plus the 8 MiB hole, plus what lies
    above VMALLOC_END, rounded up to a 4 MiB page-directory entry:
        0x100000000 - PAGE_OFFSET - align_up(S + 8 MiB + VMALLOC_END_GAP, 4 MiB)
    """
    if vmalloc is None:
        return FOUR_GIB - page_offset - 128 * MIB
    reserve = memparse(vmalloc) + 8 * MIB + vmalloc_end_gap(pae)
    reserve = (reserve + 4 * MIB - 1) & ~(4 * MIB - 1)
    return max(FOUR_GIB - page_offset - reserve, 0)


# QEMU's 32-bit CPU models without PSE-36 (measured with qemu-system-i386
# 7.2, which gives every model that has it 36 address bits). The models
# that have no PAE either are here too: 32 bits is what they address.
_NO_PSE36_MODELS = ('486', 'pentium', 'base', 'qemu32', 'coreduo', 'n270')


def cpu_phys_bits(cpu):
    """Physical address bits qemu-system-i386 gives a -cpu: 36 if the model
    has PSE-36, else 32 (QEMU's rule for CPUs without long mode, and the
    i386 binary masks long mode from every model, so qemu64, Nehalem and
    max get 36 too; CPUID 0x80000008 then reports the same number). A
    +pse36/-pse36 or pse36=on/off flag decides, the last one winning.
    `-` is the machine's default model (qemu32, or 486 on isapc): 32."""
    flags = cpu.split(',')
    model = re.sub(r'-v\d+$', '', flags[0])
    pse36 = model not in ('-', 'default') and model not in _NO_PSE36_MODELS
    for f in flags[1:]:
        if f in ('+pse36', 'pse36=on', 'pse36=true', 'pse36'):
            pse36 = True
        elif f in ('-pse36', 'pse36=off', 'pse36=false'):
            pse36 = False
    return 36 if pse36 else 32


def mm_layout(family, mem, cmdline='', lowmem_end_override=None, page_offset=0xC0000000,
              pae=False, phys_bits=32):
    """Everything the kernel's physical-memory code must print, computed
    independently from the QEMU/SeaBIOS/Linux rules.  Returns a dict.
    Without PAE only RAM below 4 GiB is used; with PAE, RAM below
    min(64 GiB, 2^phys_bits), and the span above lowmem is all HighMem."""
    e820 = seabios_e820(family, mem)
    params = cmdline_params(cmdline)
    user = None
    if params.get('mem'):
        # mem=: RAM at and above the limit is dropped (other types stay), and
        # the result is printed as Linux's "user-defined physical RAM map".
        limit = memparse(params['mem'])
        user = [(s, min(e, limit) if t == 'usable' else e, t) for s, e, t in e820
                if t != 'usable' or s < limit]
    usable = [(s, e) for s, e, t in (user or e820) if t == 'usable']
    limit = min(1 << 36, 1 << phys_bits) if pae else FOUR_GIB
    above_4g = sum(e - max(s, limit) for s, e in usable if e > limit)
    max_pfn = 0
    for s, e in usable:
        if s >> PAGE_SHIFT < (limit >> PAGE_SHIFT):
            max_pfn = max(max_pfn, min(e >> PAGE_SHIFT, limit >> PAGE_SHIFT))
    if lowmem_end_override is not None:
        low_end = lowmem_end_override
    else:
        vm = params.get('vmalloc')
        if vm is not None and not vmalloc_accepted(vm, page_offset, pae):
            vm = None           # the kernel warns and keeps the default
        low_end = lowmem_end(vm, page_offset, pae)
    max_low_pfn = min(max_pfn, low_end >> PAGE_SHIFT)
    zones = [('DMA', 1, min(4096, max_low_pfn)),
             ('Normal', 4096, max_low_pfn),
             ('HighMem', max_low_pfn, max_pfn)]
    zone_lines = []
    for name, start, end in zones:
        if start >= end:
            zone_lines.append('  %-8s empty' % name)
        else:
            zone_lines.append('  %-8s [mem %#018x-%#018x]'
                              % (name, start << PAGE_SHIFT, (end << PAGE_SHIFT) - 1))
    warning = None
    if above_4g and not pae:
        warning = ('Warning: %dMB of RAM above 4 GiB ignored: this kernel has no PAE'
                   % (above_4g >> 20))
    elif above_4g:
        warning = ('Warning: %dMB of RAM above %d GiB ignored: the CPU addresses %d physical bits'
                   % (above_4g >> 20, limit >> 30, phys_bits))
    return {
        'e820': e820,
        'e820_lines': ['BIOS-e820: [mem %#018x-%#018x] %s' % (s, e - 1, t)
                       for s, e, t in e820],
        'user_lines': None if user is None else
                      ['user: [mem %#018x-%#018x] %s' % (s, e - 1, t) for s, e, t in user],
        'max_pfn': max_pfn,
        'max_low_pfn': max_low_pfn,
        'above_4g': above_4g,
        'warning': warning,
        'highmem_line': '%dMB HIGHMEM available.' % ((max_pfn - max_low_pfn) >> 8),
        'lowmem_line': '%dMB LOWMEM available.' % (max_low_pfn >> 8),
        'zone_lines': zone_lines,
    }


def page_offset_from_banner(lines):
    """PAGE_OFFSET of the build from the banner (`Fenestra version ...
    non-PAE, VMSPLIT_3G`: 3 GiB of user space, PAGE_OFFSET 0xC0000000);
    0xC0000000 when it does not say."""
    banner = next((l for l in lines if l.startswith('Fenestra version')), '')
    m = re.search(r'\bVMSPLIT_([123])G\b', banner)
    return int(m.group(1)) * GIB if m else 0xC0000000


def pae_from_banner(lines):
    """True when the banner says the kernel was built with PAE=1."""
    banner = next((l for l in lines if l.startswith('Fenestra version')), '')
    return bool(re.search(r'(?<!non-)\bPAE\b', banner))


_WARNING_RE = re.compile(r'^Warning: \d+MB of RAM above \d+ GiB ignored')
_HIGHMEM_RE = re.compile(r'^\d+MB HIGHMEM available')
_LOWMEM_RE = re.compile(r'^\d+MB LOWMEM available')


def check_mm(lines, layout, check_warning=True):
    """Compare the memory lines of a (timestamp-stripped) log with a layout
    from mm_layout().  Returns a list of human-readable problems."""
    problems = []
    got = [l.rstrip() for l in lines if l.startswith('BIOS-e820: ')]
    want = layout['e820_lines']
    if got != want:
        if not got:
            problems.append('mm: no "BIOS-e820:" lines in the log')
        for l in want:
            if l not in got:
                problems.append('mm: missing e820 line: %s' % l)
        for l in got:
            if l not in want:
                problems.append('mm: unexpected e820 line: %s' % l)
        if sorted(got) == sorted(want):
            problems.append('mm: e820 lines out of order')

    if layout['user_lines'] is not None:
        got = [l.rstrip() for l in lines if l.startswith('user: [mem ')]
        if got != layout['user_lines']:
            for l in layout['user_lines']:
                if l not in got:
                    problems.append('mm: missing mem= map line: %s' % l)
            for l in got:
                if l not in layout['user_lines']:
                    problems.append('mm: unexpected mem= map line: %s' % l)

    if check_warning:
        # The line may go on with an explanation after the fixed text.
        warns = [l.rstrip() for l in lines if _WARNING_RE.match(l)]
        if layout['warning']:
            if not any(w.startswith(layout['warning']) for w in warns):
                problems.append('mm: expected "%s", got %s'
                                % (layout['warning'], warns or 'no such line'))
        elif warns:
            problems.append('mm: unexpected line "%s" (no RAM above 4 GiB)' % warns[0])

    for regex, want_line in ((_HIGHMEM_RE, layout['highmem_line']),
                             (_LOWMEM_RE, layout['lowmem_line'])):
        found = [l.rstrip() for l in lines if regex.match(l)]
        if not found:
            problems.append('mm: missing "%s"' % want_line)
        elif found[-1] != want_line:
            problems.append('mm: expected "%s", got "%s"' % (want_line, found[-1]))

    stripped = [l.rstrip() for l in lines]
    if 'Zone ranges:' not in stripped:
        problems.append('mm: no "Zone ranges:" line in the log')
    else:
        i = stripped.index('Zone ranges:')
        got_zones = stripped[i + 1:i + 1 + len(layout['zone_lines'])]
        for k, want_line in enumerate(layout['zone_lines']):
            have = got_zones[k] if k < len(got_zones) else '(end of log)'
            if have != want_line:
                problems.append('mm: zone line %d: expected "%s", got "%s"'
                                % (k + 1, want_line, have))
    return problems


# ---------------------------------------------------------------------------
# Expectation files

class Expect:
    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.positive = []   # (lineno, regex text, compiled)
        self.negative = []
        with open(path) as f:
            for lineno, raw in enumerate(f, 1):
                line = raw.rstrip('\n')
                if not line.strip() or line.lstrip().startswith('#'):
                    continue
                neg = line.startswith('!')
                text = line[1:] if neg else line
                try:
                    rx = re.compile(text)
                except re.error as e:
                    raise ValueError('%s:%d: bad regex %r: %s' % (path, lineno, text, e))
                (self.negative if neg else self.positive).append((lineno, text, rx))

    def check(self, lines):
        problems = []
        pos = 0
        for lineno, text, rx in self.positive:
            for j in range(pos, len(lines)):
                if rx.search(lines[j]):
                    pos = j + 1
                    break
            else:
                earlier = any(rx.search(l) for l in lines[:pos])
                problems.append('%s.expect:%d: missing%s: %s'
                                % (self.name, lineno,
                                   ' (only found before the previous match)' if earlier else '',
                                   text))
        for lineno, text, rx in self.negative:
            for l in lines:
                if rx.search(l):
                    problems.append('%s.expect:%d: forbidden pattern %s found: %s'
                                    % (self.name, lineno, text, l.strip()))
                    break
        return problems


# ---------------------------------------------------------------------------
# The matrix

_NAME_RE = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]*$')


class Config:
    def __init__(self, name, machine, mem, boot, cpu, cmdline, expects, exit_fail, where,
                 make_vars=(), exit_reset=False):
        self.name = name
        self.make_vars = tuple(make_vars)   # e.g. ('VMSPLIT=2G',): a build variant
        self.machine = machine
        self.mem = mem
        self.mem_bytes = qemu_mem(mem)
        self.boot = boot
        self.cpu = cpu
        self.cmdline = cmdline
        self.expects = expects
        self.exit_fail = exit_fail
        self.exit_reset = exit_reset        # exit=reset: a triple fault is the point
        self.where = where


def _display_path(path):
    rel = os.path.relpath(path, ROOT)
    return path if rel.startswith('..') else rel


def parse_matrix(path, expect_dir):
    configs = []
    errors = []
    seen = set()
    with open(path) as f:
        for lineno, raw in enumerate(f, 1):
            where = '%s:%d' % (_display_path(path), lineno)
            try:
                fields = shlex.split(raw, comments=True)
            except ValueError as e:
                errors.append('%s: %s' % (where, e))
                continue
            if not fields:
                continue
            if len(fields) < 7:
                errors.append('%s: expected at least 7 fields (name machine mem boot cpu '
                              '"cmdline" expect [exit=fail] [make=VAR=VALUE ...]), got %d'
                              % (where, len(fields)))
                continue
            name, machine, mem, boot, cpu, cmdline, expect = fields[:7]
            exit_fail = exit_reset = False
            make_vars = []
            bad = False
            for opt in fields[7:]:
                if opt == 'exit=fail':
                    exit_fail = True
                elif opt == 'exit=reset':
                    exit_reset = True
                elif opt in ('exit=success', 'exit=ok'):
                    pass
                elif re.fullmatch(r'make=[A-Z_]+=[A-Za-z0-9_]+', opt):
                    make_vars.append(opt[len('make='):])
                else:
                    errors.append('%s: unknown option %r (exit=fail or make=VAR=VALUE)'
                                  % (where, opt))
                    bad = True
            if bad:
                continue
            if not _NAME_RE.match(name):
                errors.append('%s: bad config name %r' % (where, name))
                continue
            if name in seen:
                errors.append('%s: duplicate config name %r' % (where, name))
                continue
            seen.add(name)
            if boot not in ('kernel', 'iso') and not re.fullmatch(r'shim(-noexit)?:[a-z0-9-]+',
                                                                  boot):
                errors.append('%s: boot must be "kernel", "iso", "shim:CASE" or '
                              '"shim-noexit:CASE", not %r' % (where, boot))
                continue
            try:
                qemu_mem(mem)
            except ValueError as e:
                errors.append('%s: %s' % (where, e))
                continue
            expects = [e for e in expect.split(',') if e]
            for e in expects:
                if e == 'mm':
                    if machine_family(machine) is None:
                        errors.append('%s: "mm" needs machine pc, pc-i440fx-*, q35 or isapc, not %r'
                                      % (where, machine))
                    continue
                if not os.path.isfile(os.path.join(expect_dir, e + '.expect')):
                    errors.append('%s: no expectation file %s.expect in %s'
                                  % (where, e, _display_path(expect_dir)))
            configs.append(Config(name, machine, mem, boot, cpu, cmdline, expects,
                                  exit_fail, where, sorted(make_vars), exit_reset))
    return configs, errors


# ---------------------------------------------------------------------------
# Running

class Result:
    def __init__(self, config):
        self.config = config
        self.passed = False
        self.reasons = []
        self.ktap = KtapReport()
        self.seconds = 0.0
        self.exit_desc = ''
        self.tail = []
        self.qemu_tail = []
        self.stderr_tail = []
        self.log = ''


def describe_exit(status, timed_out, timeout):
    if timed_out:
        return 'hang: no exit within %ds (QEMU killed)' % timeout
    if status == EXIT_SUCCESS:
        return 'kernel reported success (exit status 33)'
    if status == EXIT_FAILURE:
        return 'kernel reported failure (exit status 35)'
    if status == 0:
        return 'triple fault or reset (QEMU exit status 0 under -no-reboot)'
    if status == 1:
        return 'QEMU error (exit status 1)'
    if status < 0:
        return 'QEMU killed by signal %d' % -status
    return 'unexpected QEMU exit status %d' % status


class Runner:
    def __init__(self, args):
        self.args = args
        self.build = os.path.join(ROOT, args.build) if not os.path.isabs(args.build) else args.build
        self.kernel = os.path.join(self.build, 'kernel.elf')
        self.logdir = os.path.join(self.build, 'test-logs')
        self.expect_dir = os.path.join(ROOT, 'tests', 'expect')
        self.expects = {}
        self.iso_lock = threading.Lock()
        self.isos = {}          # cmdline -> (path or None, error text)
        self.iso_locks = {}
        self.procs = set()
        self.procs_lock = threading.Lock()
        self.stopping = False

    def build_dir_for(self, make_vars):
        """build/ for the default kernel, build-vmsplit2G/ for VMSPLIT=2G, ..."""
        if not make_vars:
            return self.build
        parts = []
        for k, v in (mv.split('=', 1) for mv in make_vars):
            if (k, v) in (('PAE', '0'), ('VMSPLIT', '3G')):
                continue            # the defaults: no suffix
            parts.append('pae' if (k, v) == ('PAE', '1') else '%s%s' % (k.lower(), v))
        # the Makefile's own names: build-pae, build-vmsplit2G, build-pae-vmsplit1G
        return self.build + ''.join('-' + p for p in parts)

    def kernel_for(self, c):
        return os.path.join(self.build_dir_for(c.make_vars), 'kernel.elf')

    def rel(self, path):
        r = os.path.relpath(path, ROOT)
        return path if r.startswith('..') else r

    def expectation(self, name):
        if name not in self.expects:
            self.expects[name] = Expect(name, os.path.join(self.expect_dir, name + '.expect'))
        return self.expects[name]

    def popen(self, cmd, **kw):
        with self.procs_lock:
            if self.stopping:
                raise KeyboardInterrupt
            p = subprocess.Popen(cmd, **kw)
            self.procs.add(p)
        return p

    def forget(self, p):
        with self.procs_lock:
            self.procs.discard(p)

    def kill_all(self):
        with self.procs_lock:
            self.stopping = True
            for p in self.procs:
                try:
                    p.kill()
                except OSError:
                    pass

    def iso_for(self, cmdline, kernel):
        """Build (once per distinct kernel and command line) the ISO for iso boots."""
        key = (kernel, cmdline)
        with self.iso_lock:
            lock = self.iso_locks.setdefault(key, threading.Lock())
        with lock:
            if key in self.isos:
                return self.isos[key]
            tag = hashlib.sha1(('%s\0%s' % key).encode()).hexdigest()[:10]
            iso = os.path.join(self.logdir, 'fenestra-%s.iso' % tag)
            cmd = ['sh', os.path.join(ROOT, 'tools', 'mkiso.sh'), kernel, iso, cmdline]
            p = self.popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            out = p.communicate()[0].decode('utf-8', errors='replace')
            self.forget(p)
            if p.returncode != 0:
                self.isos[key] = (None, 'tools/mkiso.sh failed (status %d):\n%s'
                                  % (p.returncode, out.rstrip()))
            else:
                with open(os.path.join(self.logdir, 'fenestra-%s.cmdline' % tag), 'w') as f:
                    f.write(cmdline + '\n')
                self.isos[key] = (iso, '')
            return self.isos[key]

    def qemu_cmd(self, c, log, iso=None):
        cmd = [self.args.qemu, '-accel', 'tcg', '-M', c.machine, '-m', c.mem]
        if c.cpu not in ('-', 'default'):
            cmd += ['-cpu', c.cpu]
        if iso:
            cmd += ['-cdrom', self.rel(iso), '-boot', 'd']
        elif c.boot.startswith('shim'):
            # tests/hostile/: the shim loads kernel.elf (its module) and plays CASE
            cmd += ['-kernel', self.rel(os.path.join(self.build, 'hostile', 'shim.elf')),
                    '-initrd', self.rel(self.kernel_for(c)),
                    '-append', (c.boot.split(':', 1)[1] + ' ' + c.cmdline).strip()]
        else:
            cmd += ['-kernel', self.rel(self.kernel_for(c)), '-append', c.cmdline]
        cmd += ['-display', 'none', '-serial', 'file:' + self.rel(log), '-monitor', 'none',
                '-no-reboot', '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
                '-d', 'cpu_reset,guest_errors', '-D', self.rel(log) + '.qemu']
        if c.boot.startswith('shim-noexit:'):
            cmd[cmd.index('-device'):cmd.index('-device') + 2] = []  # ACPI power-off must end it
        return cmd

    def run_config(self, c):
        r = Result(c)
        log = os.path.join(self.logdir, c.name + '.log')
        r.log = self.rel(log)
        for suffix in ('', '.qemu', '.stderr', '.cmd'):
            try:
                os.unlink(log + suffix)
            except OSError:
                pass
        iso = None
        if c.boot == 'iso':
            iso, err = self.iso_for(c.cmdline, self.kernel_for(c))
            if iso is None:
                r.reasons.append(err)
                r.exit_desc = 'not booted'
                return r
        cmd = self.qemu_cmd(c, log, iso)
        with open(log + '.cmd', 'w') as f:
            f.write(' '.join(shlex.quote(a) for a in cmd) + '\n')
        start = time.monotonic()
        timed_out = False
        with open(log + '.stderr', 'wb') as err:
            try:
                p = self.popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL,
                               stdout=err, stderr=err)
            except OSError as e:
                r.reasons.append('cannot run %s: %s' % (self.args.qemu, e))
                r.exit_desc = 'not booted'
                return r
            try:
                status = p.wait(timeout=self.args.timeout)
            except subprocess.TimeoutExpired:
                timed_out = True
                p.kill()
                status = p.wait()
            finally:
                self.forget(p)
        r.seconds = time.monotonic() - start
        r.exit_desc = describe_exit(status, timed_out, self.args.timeout)
        if status == 0 and not timed_out:
            if any('Triple fault' in l for l in qemu_log_events(log + '.qemu', 1000)):
                r.exit_desc += '; the QEMU log says: Triple fault'
        self.evaluate(r, read_text(log), status, timed_out)
        if not r.passed:
            r.tail = tail(log, LAST_LINES)
            r.stderr_tail = tail(log + '.stderr', 10)
            if timed_out or status not in (EXIT_SUCCESS, EXIT_FAILURE):
                r.qemu_tail = qemu_log_events(log + '.qemu', 10)
        return r

    def evaluate(self, r, text, status, timed_out):
        c = r.config
        lines = log_lines(text)
        want = 0 if c.exit_reset else EXIT_FAILURE if c.exit_fail else EXIT_SUCCESS
        if timed_out or status != want:
            r.reasons.append('exit status: expected %s'
                             % ('a triple fault or reset (status 0)' if c.exit_reset
                                else 'the failure status 35' if c.exit_fail
                                else 'the success status 33'))
            panics = [l.strip() for l in lines if 'Kernel panic - not syncing' in l]
            if panics:
                r.reasons.append('panic: %s' % panics[0])
        if not text:
            r.reasons.append('the serial log is empty')
        for e in c.expects:
            if e == 'mm':
                r.reasons += self.check_mm_config(c, lines)
            else:
                r.reasons += self.expectation(e).check(lines)
        r.ktap = parse_ktap(lines)
        if 'ktest' in cmdline_params(c.cmdline) and not (c.exit_fail or c.exit_reset) \
                and not r.ktap.found:
            r.reasons.append('no KTAP output ("KTAP version 1") although the command '
                             'line has ktest=')
        r.passed = not r.reasons and r.ktap.failed == 0

    def check_mm_config(self, c, lines):
        page_offset = page_offset_from_banner(lines)
        pae = pae_from_banner(lines)
        if pae != ('PAE=1' in c.make_vars):
            return ['mm: the banner says %sPAE but the configuration builds %s'
                    % ('' if pae else 'non-', ' '.join(c.make_vars) or 'the default kernel')]
        return check_mm(lines, mm_layout(machine_family(c.machine), c.mem_bytes, c.cmdline,
                                         page_offset=page_offset, pae=pae,
                                         phys_bits=cpu_phys_bits(c.cpu)))

    def run_counted(self, what, cmd, out_path, timeout, count_re):
        """Run a test program whose output ends in "N passed, N failed"
        (host tests, gdb sessions); returns (passed, failed, skipped,
        seconds, problem, output text). A crash, a time-out or a missing
        count line is one more failure, named in problem."""
        start = time.monotonic()
        with open(out_path, 'wb') as out:
            try:
                p = self.popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out,
                               stderr=subprocess.STDOUT)
            except OSError as e:
                return 0, 1, 0, 0.0, 'cannot run %s: %s' % (what, e), ''
            try:
                status = p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                status = None
            finally:
                self.forget(p)
        secs = time.monotonic() - start
        text = read_text(out_path)
        counts = None
        for line in text.splitlines():
            m = count_re.search(clean_line(line))
            if m:
                counts = (int(m.group(1)), int(m.group(2)),
                          int(m.group(3) or 0) if m.re.groups >= 3 else 0)
        problem = None
        if status is None:
            problem = '%s timed out' % what
        elif counts is None:
            problem = '%s printed no "N passed, N failed" line (status %d)' % (what, status)
        elif status != 0 and counts[1] == 0:
            problem = '%s failed (status %d)' % (what, status)
        passed, failed, skipped = counts or (0, 0, 0)
        if problem:
            failed += 1
        return passed, failed, skipped, secs, problem, text

    def run_host_tests(self):
        """make -C tests/host; returns (passed, failed, skipped, seconds, problem, tail)."""
        out_path = os.path.join(self.logdir, 'host-tests.log')
        r = self.run_counted('make -C tests/host', ['make', '-C', os.path.join('tests', 'host')],
                             out_path, max(self.args.timeout, 300),
                             re.compile(r'(?<![\w-])(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$'))
        return r[:5] + (tail(out_path, LAST_LINES),)

    def run_gdb_tests(self, job):
        """tests/gdb/run.py against one build (a GdbJob); returns the same
        tuple as run_host_tests.  Each gdb command check is one test."""
        out_path = os.path.join(self.logdir, job.name + '.out')
        kernel = os.path.join(self.build_dir_for(job.make_vars), 'kernel.elf')
        timeout = max(self.args.timeout, 120)
        cmd = [sys.executable, os.path.join(ROOT, 'tests', 'gdb', job.script),
               '--kernel', self.rel(kernel), '--mem', job.mem, '--cpu', job.cpu,
               '--qemu', self.args.qemu, '--timeout', str(timeout),
               '--log', self.rel(os.path.join(self.logdir, job.name + '.log'))]
        r = self.run_counted('tests/gdb/' + job.script, cmd, out_path, timeout + 30,
                             re.compile(r'^(\d+) passed, (\d+) failed$'))
        failures = [l for l in r[5].splitlines() if l.startswith('not ok') or l.startswith('    #')]
        return r[:5] + (failures[:40],)


class GdbJob:
    """One scripted gdb session (tests/gdb/) against a build of the kernel."""

    def __init__(self, name, make_vars, mem, cpu, script='run.py'):
        self.name, self.make_vars, self.mem, self.cpu = name, tuple(make_vars), mem, cpu
        self.script = script    # tests/gdb/<script>


# Logs of the matrix that tests/layout_check.py draws with tools/layout.py.
LAYOUT_LOGS = ('pc-4G', 'pae-pc-8G')

# The gdb commands are checked on a 2-level and a PAE kernel, each with highmem.
# magic.py uses gdb to hand the kernel a wrong multiboot magic.
GDB_JOBS = [GdbJob('gdb', (), '4G', 'qemu32'),
            GdbJob('gdb-pae', ('PAE=1',), '8G', 'qemu32,+pse36,+nx'),
            GdbJob('gdb-magic', (), '128M', 'qemu32', script='magic.py')]


# ---------------------------------------------------------------------------
# Reporting

def print_table(results):
    hdr = ('name', 'machine', 'mem', 'boot', 'cpu', 'result', 'pass', 'fail', 'skip', 'secs')
    rows = []
    for r in results:
        c = r.config
        rows.append((c.name, c.machine, c.mem, c.boot, c.cpu,
                     'PASS' if r.passed else 'FAIL',
                     str(r.ktap.passed), str(r.ktap.failed), str(r.ktap.skipped),
                     '%.1f' % r.seconds))
    widths = [max(len(x[i]) for x in [hdr] + rows) for i in range(len(hdr))]
    right = {6, 7, 8, 9}

    def fmt(row):
        return '  '.join(v.rjust(w) if i in right else v.ljust(w)
                         for i, (v, w) in enumerate(zip(row, widths))).rstrip()
    print(fmt(hdr))
    for row in rows:
        print(fmt(row))


def print_failure(r):
    c = r.config
    print()
    print('--- FAIL %s (%s, -m %s, %s boot, -cpu %s, "%s"; %s)'
          % (c.name, c.machine, c.mem, c.boot, c.cpu, c.cmdline, c.where))
    print('    log: %s' % r.log)
    print('    exit: %s' % r.exit_desc)
    for reason in r.reasons:
        first, *rest = reason.split('\n')
        print('    %s' % first)
        for l in rest:
            print('        %s' % l)
    for name, diag in r.ktap.failures:
        print('    KTAP not ok: %s' % name)
        for d in diag:
            print('        %s' % d)
    for p in r.ktap.problems:
        print('    KTAP: %s' % p)
    if r.stderr_tail:
        print('    QEMU stderr:')
        for l in r.stderr_tail:
            print('        %s' % l)
    if r.tail:
        print('    last %d log lines:' % len(r.tail))
        for l in r.tail:
            print('        %s' % l)
    if r.qemu_tail:
        print('    last lines of %s.qemu (register dumps omitted):' % r.log)
        for l in r.qemu_tail:
            print('        %s' % l)


def run(args):
    wall = time.monotonic()
    runner = Runner(args)
    matrix = args.matrix if os.path.isabs(args.matrix) else os.path.join(ROOT, args.matrix)
    try:
        configs, errors = parse_matrix(matrix, runner.expect_dir)
        for c in configs:
            for e in c.expects:
                if e != 'mm':
                    runner.expectation(e)
    except (OSError, ValueError) as e:
        errors = [str(e)]
        configs = []
    if errors:
        for e in errors:
            print('harness: %s' % e, file=sys.stderr)
        print('0 passed, 1 failed')
        return 1

    if args.filter:
        configs = [c for c in configs if args.filter in c.name]
    run_host = os.path.isfile(os.path.join(ROOT, 'tests', 'host', 'Makefile')) \
        and (not args.filter or args.filter in 'host-tests')
    gdb_jobs = [j for j in GDB_JOBS if not args.filter or args.filter in j.name]
    if not configs and not run_host and not gdb_jobs:
        print('harness: no configuration matches --filter %r' % args.filter, file=sys.stderr)
        print('0 passed, 1 failed')
        return 1

    os.makedirs(runner.logdir, exist_ok=True)
    if configs and not os.path.isfile(runner.kernel):
        print('harness: %s missing, running make -s %s'
              % (runner.rel(runner.kernel), runner.rel(runner.kernel)), file=sys.stderr)
        if subprocess.call(['make', '-s', runner.rel(runner.kernel)], cwd=ROOT) != 0 \
                or not os.path.isfile(runner.kernel):
            print('harness: cannot build %s' % runner.rel(runner.kernel), file=sys.stderr)
            print('0 passed, 1 failed')
            return 1

    # Build variants (make=VAR=VALUE in the matrix) once each, up front.
    variant_errors = {}
    for mv in sorted({c.make_vars for c in configs if c.make_vars}
                     | {j.make_vars for j in gdb_jobs if j.make_vars}):
        out_dir = runner.build_dir_for(mv)
        cmd = ['make', '--no-print-directory', 'O=' + runner.rel(out_dir)] + list(mv) + ['kernel']
        print('harness: building variant %s in %s' % (' '.join(mv), runner.rel(out_dir)),
              file=sys.stderr)
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode != 0:
            variant_errors[mv] = '%s failed:\n%s' % (' '.join(cmd),
                                                       p.stdout.decode(errors='replace')[-3000:])
    # The hostile boot loader (tests/hostile/) for shim:CASE lines, once.
    if any(c.boot.startswith('shim') for c in configs):
        cmd = ['make', '--no-print-directory', 'O=' + runner.rel(runner.build), 'shim']
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode != 0:
            variant_errors[('shim',)] = '%s failed:\n%s' % (
                ' '.join(cmd), p.stdout.decode(errors='replace')[-3000:])
            configs = [c for c in configs if not c.boot.startswith('shim')]
    if variant_errors:
        for mv, err in variant_errors.items():
            print('harness: %s' % err, file=sys.stderr)
        configs = [c for c in configs if c.make_vars not in variant_errors]
        gdb_jobs = [j for j in gdb_jobs if j.make_vars not in variant_errors]
    if gdb_jobs and not os.path.isfile(runner.kernel):
        subprocess.call(['make', '-s', runner.rel(runner.kernel)], cwd=ROOT)

    results = {}
    host = None
    done = 0
    gdb_results = {}
    total_jobs = len(configs) + (1 if run_host else 0) + len(gdb_jobs)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs))
    try:
        futures = {pool.submit(runner.run_config, c): c for c in configs}
        host_future = pool.submit(runner.run_host_tests) if run_host else None
        gdb_futures = {pool.submit(runner.run_gdb_tests, j): j for j in gdb_jobs}
        for f in concurrent.futures.as_completed(list(futures)):
            r = f.result()
            results[r.config.name] = r
            done += 1
            print('[%d/%d] %-4s %s (%.1fs)' % (done, total_jobs,
                                                'PASS' if r.passed else 'FAIL',
                                                r.config.name, r.seconds), flush=True)
        for f in concurrent.futures.as_completed(list(gdb_futures)):
            j = gdb_futures[f]
            gdb_results[j.name] = f.result()
            done += 1
            print('[%d/%d] %-4s %s (%.1fs)' % (done, total_jobs,
                                                'PASS' if gdb_results[j.name][1] == 0 else 'FAIL',
                                                j.name, gdb_results[j.name][3]), flush=True)
        if host_future is not None:
            host = host_future.result()
    except KeyboardInterrupt:
        runner.kill_all()
        pool.shutdown(wait=True, cancel_futures=True)
        print('\nharness: interrupted', file=sys.stderr)
        print('0 passed, 1 failed')
        return 130
    pool.shutdown(wait=True)

    ordered = [results[c.name] for c in configs]
    passed = failed = skipped = 0
    for r in ordered:
        passed += r.ktap.passed + (0 if r.reasons else 1)
        failed += r.ktap.failed + (1 if r.reasons else 0)
        skipped += r.ktap.skipped

    print()
    if ordered:
        print_table(ordered)
    for r in ordered:
        if not r.passed:
            print_failure(r)

    if host is not None:
        print()
        hp, hf, hs, hsecs, problem, htail = host
        passed += hp
        failed += hf
        skipped += hs
        print('host-tests: %s: %d passed, %d failed%s (%.1fs; log %s)'
              % ('PASS' if hf == 0 else 'FAIL', hp, hf,
                 ', %d skipped' % hs if hs else '', hsecs,
                 runner.rel(os.path.join(runner.logdir, 'host-tests.log'))))
        if problem:
            print('    host-tests: %s' % problem)
        if hf:
            for l in htail:
                print('        %s' % l)

    # tools/layout.py on logs of the matrix: the SVG parses and is to scale.
    for name in LAYOUT_LOGS:
        if name not in results:
            continue
        log = os.path.join(runner.logdir, name + '.log')
        p = subprocess.run([sys.executable, os.path.join(ROOT, 'tests', 'layout_check.py'),
                            log, os.path.join(runner.logdir, name + '.svg')], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = p.stdout.decode(errors='replace').splitlines()
        m = re.match(r'^(\d+) passed, (\d+) failed$', out[-1]) if out else None
        lp, lf = (int(m.group(1)), int(m.group(2))) if m else (0, 1)
        passed += lp
        failed += lf
        print('layout %s: %s: %d passed, %d failed (SVG %s)'
              % (name, 'PASS' if lf == 0 else 'FAIL', lp, lf,
                 runner.rel(os.path.join(runner.logdir, name + '.svg'))))
        for l in out:
            if l.startswith('not ok'):
                print('        %s' % l)

    for j in gdb_jobs:
        gp, gf, _, gsecs, problem, gtail = gdb_results[j.name]
        passed += gp
        failed += gf
        print('%s: %s: %d passed, %d failed (%.1fs; %s -m %s; log %s)'
              % (j.name, 'PASS' if gf == 0 else 'FAIL', gp, gf, gsecs,
                 ' '.join(j.make_vars) or 'default build', j.mem,
                 runner.rel(os.path.join(runner.logdir, j.name + '.out'))))
        if problem:
            print('    %s: %s' % (j.name, problem))
        if gf:
            for l in gtail:
                print('        %s' % l)

    # Quoted log lines in docs/ and README.md (tools/docquotes.py): each block is one test.
    if not args.filter or args.filter in 'docs':
        import docquotes
        dp, df, _ = docquotes.run_in_harness(runner, configs, results)
        passed += dp
        failed += df

    for mv, err in variant_errors.items():
        failed += 1
        print('--- FAIL build variant %s (its configurations were not booted)' % ' '.join(mv))
        for l in err.splitlines()[-20:]:
            print('    %s' % l)

    print()
    print('wall time: %.1fs' % (time.monotonic() - wall))
    print('%d passed, %d failed%s' % (passed, failed,
                                      ', %d skipped' % skipped if skipped else ''))
    return 0 if failed == 0 else 1


# ---------------------------------------------------------------------------
# Self test

# The memory lines of ../shared/reference/linux-6.1-686-pc-m4G.log (Linux 6.1,
# non-PAE, `qemu-system-i386 -M pc -m 4G`), used when that file is not there.
_REFERENCE_LINES = """\
BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved
BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved
BIOS-e820: [mem 0x0000000000100000-0x00000000bffdffff] usable
BIOS-e820: [mem 0x00000000bffe0000-0x00000000bfffffff] reserved
BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved
BIOS-e820: [mem 0x0000000100000000-0x000000013fffffff] usable
2195MB HIGHMEM available.
875MB LOWMEM available.
Zone ranges:
  DMA      [mem 0x0000000000001000-0x0000000000ffffff]
  Normal   [mem 0x0000000001000000-0x0000000036bfdfff]
  HighMem  [mem 0x0000000036bfe000-0x00000000bffdffff]
Movable zone start for each node
""".splitlines()
# Linux 6.1 ends lowmem at 0x36bfe000 (fixmap etc. below the vmalloc area).
_REFERENCE_LOWMEM_END = 0x36bfe000


def _ts(lines):
    return '\n'.join('[    0.%06d] %s' % (i, l) for i, l in enumerate(lines)) + '\n'


def selftest():
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)

    def eq(got, want, what):
        check(got == want, '%s: got %r, want %r' % (what, got, want))

    # --- log normalisation
    eq(log_lines('\x1b[H\x1b[J  Booting `x\'\r\n\r\n\r[    0.001234] Fenestra version 1\r\n'),
       ["  Booting `x'", '', 'Fenestra version 1'], 'log_lines')
    eq(log_lines('[ 1234.5] a\n[    0.000001]     ok 1 x\n'), ['a', '    ok 1 x'],
       'timestamp strip')

    # --- KTAP
    good = _ts(['Fenestra version 1', 'KTAP version 1', '1..2',
                '    KTAP version 1', '    # Subtest: alpha', '    1..3',
                '    ok 1 a1', '    # a2: EXPECTATION FAILED at x.c:1',
                '    #   Expected 1 == 2', 'BUG: a report', '#PF: details',
                '    not ok 2 a2',
                '    ok 3 a3 # SKIP not here', 'not ok 1 alpha',
                'BUG: expected report inside a test',
                '    KTAP version 1', '    # Subtest: beta', '    1..2',
                '    ok 1 b1', '    # a diagnostic', '    ok 2 b2', 'ok 2 beta',
                'Fenestra: boot complete'])
    k = parse_ktap(log_lines(good))
    eq((k.found, k.passed, k.failed, k.skipped), (True, 3, 1, 1), 'ktap counts')
    eq(k.failures, [('alpha.a2', ['# a2: EXPECTATION FAILED at x.c:1',
                                  '#   Expected 1 == 2', 'BUG: a report',
                                  '#PF: details'])], 'ktap failure diag')
    eq(k.problems, [], 'ktap no problems')

    crash = _ts(['KTAP version 1', '1..3', '    KTAP version 1', '    # Subtest: alpha',
                 '    1..1', '    ok 1 a1', 'ok 1 alpha', '    KTAP version 1',
                 '    # Subtest: beta', '    1..4', '    ok 1 b1', '    ok 2 b2',
                 'Kernel panic - not syncing: oops'])
    k = parse_ktap(log_lines(crash))
    eq((k.passed, k.failed, k.skipped), (3, 2, 0), 'ktap crash counts')
    check(any('beta' in p and '2 missing' in p for p in k.problems),
          'ktap crash names the suite and the missing count: %r' % k.problems)
    check(any('1 of 3 suites' in p for p in k.problems),
          'ktap crash reports never-started suites: %r' % k.problems)

    short = _ts(['KTAP version 1', '1..1', '    KTAP version 1', '    # Subtest: s',
                 '    1..3', '    ok 1 x', 'ok 1 s'])
    k = parse_ktap(log_lines(short))
    eq((k.passed, k.failed), (1, 1), 'ktap short plan counts')
    check(k.problems and '2 missing' in k.problems[0], 'ktap short plan: %r' % k.problems)

    nested = _ts(['KTAP version 1', '1..1', '    KTAP version 1', '    # Subtest: s',
                  '    1..2', '        KTAP version 1', '        # Subtest: p',
                  '        1..2', '        ok 1 p=1', '        not ok 2 p=2',
                  '    not ok 1 p', '    ok 2 q # SKIP', 'not ok 1 s'])
    k = parse_ktap(log_lines(nested))
    eq((k.passed, k.failed, k.skipped, k.problems), (1, 1, 1, []), 'ktap nested')
    eq([n for n, _ in k.failures], ['s.p.p=2'], 'ktap nested name')

    suite_only = _ts(['KTAP version 1', '1..1', '    # Subtest: s', '    1..1',
                      '    ok 1 x', 'not ok 1 s'])
    k = parse_ktap(log_lines(suite_only))
    eq((k.passed, k.failed), (1, 1), 'ktap suite-level not ok counted once')

    k = parse_ktap(log_lines(_ts(['Fenestra version 1', '# not ktap', 'ok 1 nothing'])))
    eq((k.found, k.passed, k.failed), (False, 0, 0), 'no ktap')

    # --- expectation files
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, 'x.expect')
        with open(p, 'w') as f:
            f.write('# comment\n^Fenestra version\n^Fenestra: boot complete\n!Kernel panic\n')
        ex = Expect('x', p)
        eq(ex.check(log_lines(good)), [], 'expect pass')
        probs = ex.check(log_lines(crash + _ts(['Fenestra version 2'])))
        check(len(probs) == 3 and 'boot complete' in probs[0] and 'forbidden' in probs[2]
              or len(probs) == 2, 'expect failures: %r' % probs)
        eq(len(Expect('x', p).check(['Fenestra: boot complete', 'Fenestra version'])), 1,
           'expect order')

    # --- memparse / qemu sizes
    for text, want in (('64M', 64 * MIB), ('0x1000', 0x1000), ('1g', GIB), ('512k', 512 * KIB),
                       ('010', 8), ('4096', 4096), ('3G', 3 * GIB)):
        eq(memparse(text), want, 'memparse(%s)' % text)
    for text, want in (('128M', 128 * MIB), ('4G', 4 * GIB), ('512', 512 * MIB),
                       ('3.5G', 3584 * MIB)):
        eq(qemu_mem(text), want, 'qemu_mem(%s)' % text)

    # --- mm against the Linux reference log
    ref_path = os.path.join(os.path.dirname(ROOT), 'shared', 'reference',
                            'linux-6.1-686-pc-m4G.log')
    ref = log_lines(read_text(ref_path)) if os.path.isfile(ref_path) else _REFERENCE_LINES
    lay = mm_layout('pc', 4 * GIB, 'console=ttyS0', lowmem_end_override=_REFERENCE_LOWMEM_END)
    eq(lay['e820_lines'], [l for l in ref if l.startswith('BIOS-e820: ')], 'reference e820')
    check(lay['highmem_line'] in ref, 'reference HIGHMEM: %s' % lay['highmem_line'])
    check(lay['lowmem_line'] in ref, 'reference LOWMEM: %s' % lay['lowmem_line'])
    i = ref.index('Zone ranges:')
    eq(lay['zone_lines'], ref[i + 1:i + 4], 'reference zones')
    eq(check_mm(ref, lay, check_warning=False), [], 'check_mm on the reference log')
    eq(lowmem_end(), 0x38000000, 'default lowmem end')

    # --- mm, hand-computed cases (default 896 MiB lowmem)
    def mm(machine, mem, cmdline=''):
        return mm_layout(machine_family(machine), qemu_mem(mem), cmdline)

    lay = mm('pc', '16M')
    eq((lay['max_pfn'], lay['lowmem_line'], lay['highmem_line']),
       (0xfe0, '15MB LOWMEM available.', '0MB HIGHMEM available.'), 'pc 16M')
    eq(lay['zone_lines'], ['  DMA      [mem 0x0000000000001000-0x0000000000fdffff]',
                           '  Normal   empty', '  HighMem  empty'], 'pc 16M zones')
    lay = mm('pc', '128M')
    eq(lay['zone_lines'], ['  DMA      [mem 0x0000000000001000-0x0000000000ffffff]',
                           '  Normal   [mem 0x0000000001000000-0x0000000007fdffff]',
                           '  HighMem  empty'], 'pc 128M zones')
    eq(lay['lowmem_line'], '127MB LOWMEM available.', 'pc 128M lowmem')
    eq(lay['warning'], None, 'pc 128M no warning')
    lay = mm('pc', '1G')
    eq((lay['lowmem_line'], lay['highmem_line']),
       ('896MB LOWMEM available.', '127MB HIGHMEM available.'), 'pc 1G')
    eq(lay['zone_lines'][1:], ['  Normal   [mem 0x0000000001000000-0x0000000037ffffff]',
                               '  HighMem  [mem 0x0000000038000000-0x000000003ffdffff]'],
       'pc 1G zones')
    lay = mm('pc', '4G')
    eq((lay['lowmem_line'], lay['highmem_line'], lay['warning']),
       ('896MB LOWMEM available.', '2175MB HIGHMEM available.',
        'Warning: 1024MB of RAM above 4 GiB ignored: this kernel has no PAE'), 'pc 4G')
    lay = mm('q35', '4G')
    eq(lay['e820_lines'], [
        'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
        'BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
        'BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
        'BIOS-e820: [mem 0x0000000000100000-0x000000007ffdefff] usable',
        'BIOS-e820: [mem 0x000000007ffdf000-0x000000007fffffff] reserved',
        'BIOS-e820: [mem 0x00000000b0000000-0x00000000bfffffff] reserved',
        'BIOS-e820: [mem 0x00000000fed1c000-0x00000000fed1ffff] reserved',
        'BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved',
        'BIOS-e820: [mem 0x0000000100000000-0x000000017fffffff] usable'], 'q35 4G e820')
    eq((lay['max_pfn'], lay['highmem_line'], lay['warning']),
       (0x7ffdf, '1151MB HIGHMEM available.',
        'Warning: 2048MB of RAM above 4 GiB ignored: this kernel has no PAE'), 'q35 4G')
    eq(lay['zone_lines'][2], '  HighMem  [mem 0x0000000038000000-0x000000007ffdefff]',
       'q35 4G highmem zone')
    eq(ram_split('q35', 2816 * MIB), (0x80000000, 768 * MIB), 'q35 split at 0xB0000000')
    eq(ram_split('pc', 3584 * MIB), (0xC0000000, 512 * MIB), 'pc split at 0xE0000000')
    eq(ram_split('pc', 3583 * MIB), (3583 * MIB, 0), 'pc below 0xE0000000')
    # QEMU machine types (each as measured with QEMU 7.2, see the tables)
    for machine, want in (('pc', 'pc'), ('pc-i440fx-7.2', 'pc'), ('pc-i440fx-2.1', 'pc'),
                          ('pc-i440fx-2.0', 'pc-2.0'), ('pc-i440fx-1.7', 'pc-1.7'),
                          ('pc-i440fx-1.4', 'pc-1.7'), ('q35', 'q35'), ('pc-q35-7.1', 'q35'),
                          ('isapc', 'isapc'), ('microvm', None)):
        eq(machine_family(machine), want, 'machine_family(%s)' % machine)
    eq(ram_split('pc-1.7', 4 * GIB), (0xE0000000, 512 * MIB), 'pc-i440fx-1.7 splits at 3.5 GiB')
    eq(ram_split('pc-1.7', 3584 * MIB), (3584 * MIB, 0), 'pc-i440fx-1.7 3584M all below')
    eq(ram_split('pc-2.0', 3584 * MIB), (0xC0000000, 512 * MIB), 'pc-i440fx-2.0 aligns')
    eq(ram_split('isapc', 4 * GIB), (0xE0000000, 512 * MIB), 'isapc splits at 3.5 GiB')
    eq(mm('pc-i440fx-1.7', '4G')['e820_lines'], [
        'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
        'BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
        'BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
        'BIOS-e820: [mem 0x0000000000100000-0x00000000dfffdfff] usable',
        'BIOS-e820: [mem 0x00000000dfffe000-0x00000000dfffffff] reserved',
        'BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved',
        'BIOS-e820: [mem 0x0000000100000000-0x000000011fffffff] usable'], 'pc-i440fx-1.7 4G e820')
    eq(mm('pc-i440fx-1.7', '4G')['warning'],
       'Warning: 512MB of RAM above 4 GiB ignored: this kernel has no PAE', 'pc-i440fx-1.7 4G')
    eq(mm('pc-i440fx-2.0', '128M')['e820_lines'][4],
       'BIOS-e820: [mem 0x0000000007ffe000-0x0000000007ffffff] reserved', 'pc-i440fx-2.0 top')
    eq(mm('isapc', '17M')['e820_lines'], [
        'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
        'BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
        'BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
        'BIOS-e820: [mem 0x0000000000100000-0x00000000010fffff] usable',
        'BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved'], 'isapc 17M e820')
    # -m with a fraction: QEMU rounds the size up to 8 KiB
    for text, want in (('100.3M', 0x644e000), ('100.5M', 0x6480000), ('100.7M', 0x64b4000),
                       ('17.1M', 0x111a000), ('100.0001M', 0x6402000)):
        eq(qemu_mem(text), want, 'qemu_mem(%s) rounds up to 8 KiB' % text)
    lay = mm('pc', '100.3M')
    eq(lay['e820_lines'][3:5], [
        'BIOS-e820: [mem 0x0000000000100000-0x000000000642dfff] usable',
        'BIOS-e820: [mem 0x000000000642e000-0x000000000644dfff] reserved'], 'pc 100.3M e820')
    eq(lay['lowmem_line'], '100MB LOWMEM available.', 'pc 100.3M lowmem')
    # address bits of -cpu models (qemu-system-i386 7.2, read from CPUID by booting)
    for cpu, want in (('qemu32', 32), ('coreduo', 32), ('n270', 32), ('486', 32), ('-', 32),
                      ('coreduo-v1', 32), ('qemu32,+pse36', 36), ('qemu32,+pse36,+nx', 36),
                      ('coreduo,+pse36', 36), ('kvm32', 36), ('core2duo', 36), ('Nehalem', 36),
                      ('qemu64', 36), ('max', 36), ('pentium3', 36), ('athlon', 36),
                      ('Nehalem,-pse36', 32), ('kvm32,pse36=off', 32),
                      ('qemu32,+pse36,-pse36', 32)):
        eq(cpu_phys_bits(cpu), want, 'cpu_phys_bits(%s)' % cpu)
    lay = mm('pc', '128M', 'ktest=all mem=64M')
    eq((lay['max_pfn'], lay['lowmem_line']), (0x4000, '64MB LOWMEM available.'), 'mem=64M')
    eq(lay['e820_lines'], mm('pc', '128M')['e820_lines'], 'mem= keeps the BIOS-e820 lines')
    eq(lay['user_lines'], [
        'user: [mem 0x0000000000000000-0x000000000009fbff] usable',
        'user: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
        'user: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
        'user: [mem 0x0000000000100000-0x0000000003ffffff] usable',
        'user: [mem 0x0000000007fe0000-0x0000000007ffffff] reserved',
        'user: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved'], 'mem=64M user map')
    eq(mm('pc', '128M')['user_lines'], None, 'no user map without mem=')
    lay = mm('pc', '8G', 'mem=5G')
    eq(lay['warning'], 'Warning: 1024MB of RAM above 4 GiB ignored: this kernel has no PAE',
       'mem=5G warning')
    eq(mm('pc', '4G', 'mem=3G')['warning'], None, 'mem=3G no warning')
    eq(mm('pc', '4G', 'mem=0x20000000')['lowmem_line'], '512MB LOWMEM available.',
       'mem=hex')
    eq(lowmem_end('256M'), 748 * MIB, 'vmalloc=256M')
    eq(lowmem_end(None, 0x80000000), 1920 * MIB, 'VMSPLIT_2G lowmem end')
    for banner, want in (('Fenestra version 0.1 (gcc) 32-bit i386, non-PAE, VMSPLIT_3G',
                          0xC0000000),
                         ('Fenestra version 0.1 32-bit i386, non-PAE, VMSPLIT_2G', 0x80000000),
                         ('Fenestra version 0.1 32-bit i386, non-PAE, VMSPLIT_1G', 0x40000000),
                         ('Fenestra version 0.1', 0xC0000000),
                         ('Fenestra version 0.1 32-bit i386, PAE, VMSPLIT_1G', 0x40000000)):
        eq(page_offset_from_banner(['x', banner]), want, 'page offset of %r' % banner)
    eq(pae_from_banner(['Fenestra version 0.1 32-bit i386, PAE, VMSPLIT_3G']), True, 'PAE banner')
    eq(pae_from_banner(['Fenestra version 0.1 32-bit i386, non-PAE, VMSPLIT_3G']), False,
       'non-PAE banner')
    # PAE, pc -m 8G with 36 address bits: 3 GiB below 4 GiB, 5 GiB above; the
    # PCI hole counts in the HighMem span (as Linux's "HIGHMEM available").
    lay = mm_layout('pc', 8 * GIB, '', pae=True, phys_bits=36)
    eq(lay['max_pfn'], (9 * GIB) >> PAGE_SHIFT, 'PAE 8G max_pfn')
    eq(lay['highmem_line'], '8320MB HIGHMEM available.', 'PAE 8G highmem')
    eq(lay['warning'], None, 'PAE 8G no warning')
    lay = mm_layout('pc', 8 * GIB, '', pae=True, phys_bits=32)
    eq(lay['warning'], 'Warning: 5120MB of RAM above 4 GiB ignored: the CPU addresses 32 '
       'physical bits', 'PAE 8G on a 32-bit-address CPU')
    eq(lowmem_end('256M', pae=True), 752 * MIB, 'PAE vmalloc=256M')
    eq(vmalloc_accepted('0xFFFFFFFFFF3FE000'), False, 'vmalloc= that would wrap the sum')
    # sizes past 64 bits are malformed, as the kernel's memparse says (not wrapped)
    eq(valid_size('18446744073709551615', 4096), True, 'valid_size(2^64 - 1)')
    eq(valid_size('18446744073709551616', 4096), False, 'valid_size(2^64)')
    eq(valid_size('17592186044928M', 4096), False, 'valid_size(2^64 + 512M)')
    eq(cmdline_params('mem=17592186044928M vmalloc=17592186044672M'), {},
       'overflowing mem=/vmalloc= are dropped')
    eq(mm('pc', '1G', 'mem=17592186044928M')['user_lines'], None, 'mem= past 64 bits: no user map')
    eq(vmalloc_accepted('1000M'), False, 'vmalloc= leaving less than 32 MiB of lowmem')
    eq(vmalloc_accepted('900M'), True, 'vmalloc=900M leaves 104 MiB')
    lay = mm('pc', '1G', 'vmalloc=256M')
    eq((lay['lowmem_line'], lay['highmem_line']),
       ('748MB LOWMEM available.', '275MB HIGHMEM available.'), 'pc 1G vmalloc=256M')

    # --- check_mm on synthetic kernel logs
    lay = mm('pc', '4G')
    body = lay['e820_lines'] + [lay['warning'], lay['highmem_line'], lay['lowmem_line'],
                                'Zone ranges:'] + lay['zone_lines']
    eq(check_mm(log_lines(_ts(body)), lay), [], 'check_mm pass')
    body2 = [l + ' (a PAE kernel can use it)' if l.startswith('Warning') else l for l in body]
    eq(check_mm(log_lines(_ts(body2)), lay), [], 'check_mm: warning line with a suffix')
    bad = list(body)
    bad[3] = bad[3].replace('bffdffff', 'bffeffff')
    bad[-1] = '  HighMem  empty'
    probs = check_mm(log_lines(_ts(bad[:7] + bad[8:])), lay)
    check(any('missing e820' in p for p in probs) and any('unexpected e820' in p for p in probs)
          and any('Warning' in p for p in probs) and any('zone line 3' in p for p in probs),
          'check_mm failures: %r' % probs)
    probs = check_mm(log_lines(_ts(['Fenestra version 1'])), lay)
    check(any('Zone ranges' in p for p in probs), 'check_mm without mm lines fails')

    # --- matrix parsing
    with tempfile.TemporaryDirectory() as d:
        os.mkdir(os.path.join(d, 'expect'))
        open(os.path.join(d, 'expect', 'boot.expect'), 'w').close()
        mp = os.path.join(d, 'matrix.conf')
        with open(mp, 'w') as f:
            f.write('# c\na pc 16M kernel qemu32 "ktest=all x=1" boot,mm\n'
                    'b pc 8M iso 486 "" boot exit=fail  # trailing\n'
                    'c pc 8M iso 486 "" nosuch\n')
        cfgs, errs = parse_matrix(mp, os.path.join(d, 'expect'))
        eq([(c.name, c.cmdline, c.expects, c.exit_fail) for c in cfgs],
           [('a', 'ktest=all x=1', ['boot', 'mm'], False), ('b', '', ['boot'], True),
            ('c', '', ['nosuch'], False)], 'matrix parse')
        eq(len(errs), 1, 'matrix error for a missing expect file')

    for f in failures:
        print('selftest FAIL: %s' % f)
    print('selftest: %s' % ('FAILED (%d)' % len(failures) if failures else 'all checks passed'))
    return 1 if failures else 0


# ---------------------------------------------------------------------------

def _on_sigterm(signum, frame):
    raise KeyboardInterrupt


def main():
    ap = argparse.ArgumentParser(description='Boot-matrix test harness for Fenestra.')
    ap.add_argument('--build', default='build', help='build directory (default: build)')
    ap.add_argument('--jobs', '-j', type=int, default=os.cpu_count() or 1,
                    help='parallel QEMU boots (default: number of CPUs)')
    ap.add_argument('--filter', default='', help='run only configs whose name contains SUBSTR')
    ap.add_argument('--timeout', type=int, default=60, help='per-boot timeout in seconds')
    ap.add_argument('--qemu', default='qemu-system-i386', help='QEMU binary')
    ap.add_argument('--matrix', default=os.path.join('tests', 'matrix.conf'),
                    help='matrix file (default: tests/matrix.conf)')
    ap.add_argument('--selftest', action='store_true',
                    help='check the harness itself (KTAP parser, mm computation) and exit')
    args = ap.parse_args()
    if args.selftest:
        return selftest()
    signal.signal(signal.SIGTERM, _on_sigterm)
    return run(args)


if __name__ == '__main__':
    sys.exit(main())
